"""Structure and requisites: numbering, approval/adoption marks, dates, kind, truncation, extra text."""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document
from ...report import Finding
from .. import check
from ..base import CheckContext
from .date_forms import dates
from .ending import empty_sections, not_local_act, tail, truncation
from .kind_word import kind_contradiction
from .labels import numbering
from .marks import blank_requisites, impossible_dates, mark_agreement, requisites
from .organisation import organisation_name
from .rules import CODES


@check("structure", order=10, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Numbering, requisites, dates, self-naming, truncation, text after the act, empty sections."""
    yield from not_local_act(doc)
    yield from numbering(doc)
    yield from requisites(doc)
    yield from blank_requisites(doc)
    yield from mark_agreement(doc)
    if ctx.wants("ST008"):
        yield from dates(doc)
    yield from impossible_dates(doc, ctx.as_of)
    yield from organisation_name(doc)
    yield from kind_contradiction(doc)
    yield from truncation(doc)
    yield from tail(doc)
    yield from empty_sections(doc)
