"""Typos in OCR'd Russian legal text: non-words, OCR confusions, glued words, real-word errors, agreement.

The detectors live in :mod:`sferum_policy.checks.typos`, the rules (TY001…TY008) in ``rules/typos/``; this module
turns the detectors' issues into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document
from ...report import Finding
from ...rules import Rule, codes_of, rules_of
from .. import check
from ..base import CheckContext, Fix, finding

# The detector's kind of issue → its rule: a rule's message templates are keyed by the kinds it reports
# (rules/typos/TY006.yaml: prep, adj, act, gov). TY002 and TY003 also hold the OCR repairs' templates.
_RULES: dict[str, Rule] = {kind: r for r in rules_of("typos") for kind in r.messages}
CODES = codes_of("typos")
# What ``fix`` may apply without asking: a Latin look-alike, a lost space or hyphen, a distorted abbreviation,
# a dash after «далее» and a non-word with one confident correction. A real word that does not fit and an
# agreement correction change a word the dictionary knows — a person decides (``fix --unsafe``).
_SAFE_KINDS = frozenset({"latin", "space", "space_extra", "hyphen", "abbrev", "dash"})


@check("typos", order=60, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report typos of ``doc`` (see the rules above)."""
    from .detect import detect

    for issue in detect(doc, ctx.clauses):
        r = _RULES[issue.kind]
        if r.code not in ctx.enabled:
            continue
        yield finding(
            r,
            doc,
            r.message(issue.kind, text=issue.text, suggestion=issue.suggestion),
            paragraph=issue.paragraph,
            start=issue.start,
            end=issue.end,
            text=issue.text,
            suggestion=issue.suggestion,
            fix=Fix(issue.suggestion, "safe" if issue.kind in _SAFE_KINDS or (issue.kind == "misspelling" and issue.sure)
                    else "unsafe"),
            args={"word": issue.text, "correction": issue.suggestion, "kind": issue.kind},
        )
