"""The pipeline a newcomer sees at a glance: read → Document → checks → Report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .document import Document
from .errors import InputError
from .library import ClauseLibrary, Registry
from .library.defaults import default_clauses, default_registry
from .report import DocumentInfo, RegistryInfo, RegistryLayerInfo, Report, ToolInfo, summarize
from .rules import select_codes


def load_document(source: str | Path | Document) -> Document:
    """Accept a path, an act's text, or a ready Document."""
    from .readers import SUPPORTED, read, read_string

    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return read(source)
    if "\n" in source or len(source) > 1024:
        return read_string(source)
    p = Path(source)
    if p.exists():
        return read(p)
    if p.suffix.lower() in SUPPORTED:
        raise InputError(f"{source}: файл не найден")
    return read_string(source)


def check(source: str | Path | Document, **kwargs: Any) -> Report:
    """Read ``source`` (a path or an act's text) and run every enabled check; return the Report.

    Keyword arguments: ``as_of``, ``select``, ``ignore``, ``clauses``, ``registry``, ``options``
    (see :func:`run`).
    """
    return run(source, **kwargs)[1]


def run(
    source: str | Path | Document,
    *,
    as_of: date | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    clauses: ClauseLibrary | None = None,
    registry: Registry | None = None,
    options: dict[str, Any] | None = None,
) -> tuple[Document, Report]:
    """Like :func:`check`, but also return the read Document (renderers that quote context need it)."""
    from .checks import load_checks
    from .checks.base import CheckContext
    from .rules import RULES

    doc = load_document(source)
    specs = load_checks()
    ctx = CheckContext(
        as_of=as_of or date.today(),
        clauses=clauses or default_clauses(),
        registry=registry or default_registry(),
        enabled=select_codes(list(RULES), select, ignore),
        options=options or {},
    )
    findings = []
    for spec in specs:
        if not ctx.wants(*spec.codes) and spec.codes:
            continue
        findings.extend(f for f in spec.fn(doc, ctx) if f.code in ctx.enabled)
    from .ocr.quality import withhold

    findings = withhold(doc, findings, ctx)
    findings = one_report_per_defect(findings)
    findings.sort(key=lambda f: f.sort_key())
    return doc, build_report(doc, findings, ctx.as_of, ctx.registry)


# Two checks may see one defect: «273-Ф3» is a misspelt act number (LR007) and a digit inside a word (TY002);
# «info@sf» at the end is a cut address (CT005) and a cut document (ST010). The finding that knows what the
# place is wins; a generic typo finding gives way to a legal, contact or structure finding on the same place.
_SUPERSEDES: tuple[tuple[str, str], ...] = (("LR", "TY"), ("CT", "TY"), ("ST", "TY"), ("RK", "TY"), ("ST010", "CT005"))
# … and a blank in a requisite (ST014) is the one defect a placeholder finding (KS008) sees inside it
_SUPERSEDES_OVERLAP: tuple[tuple[str, str], ...] = (("ST014", "KS008"),)


def one_report_per_defect(findings: list) -> list:
    """Drop a finding that another finding of a more specific check reports on the same place."""
    located = sorted((f for f in findings if f.location.start is not None and f.location.end is not None),
                     key=lambda f: f.location.start)
    drop: set[int] = set()

    def supersedes(a, b) -> bool:
        if any(a.code == win and b.code == lose for win, lose in _SUPERSEDES_OVERLAP):
            return True
        if not any(a.code.startswith(win) and b.code.startswith(lose) for win, lose in _SUPERSEDES):
            return False
        # the same place: the same span, or the loser's word is one of the values the winner's message names
        same = (a.location.start, a.location.end) == (b.location.start, b.location.end)
        return same or bool(b.text and b.text.strip() in {str(v) for v in a.args.values()})

    for i, a in enumerate(located):
        for b in located[i + 1:]:
            if b.location.start >= a.location.end:
                break  # sorted by start: nothing further overlaps a
            if supersedes(a, b):
                drop.add(id(b))
            elif supersedes(b, a):
                drop.add(id(a))
    return [f for f in findings if id(f) not in drop]



def registry_info(registry: Registry, as_of: date) -> RegistryInfo:
    """The report's record of the registry: data date, staleness on ``as_of``, overlays."""
    meta = registry.meta
    return RegistryInfo(
        data_date=registry.data_date,
        stale_after_days=meta.stale_after_days if meta else None,
        stale=registry.stale_on(as_of),
        overlays=[RegistryLayerInfo(directory=str(la.directory), acts=la.acts, overridden=list(la.overridden),
                                    data_date=la.data_date) for la in registry.layers if la.overlay],
    )


def build_report(doc: Document, findings: list, as_of: date, registry: Registry | None = None) -> Report:
    meta = doc.meta
    return Report(
        tool=ToolInfo(version=__version__),
        as_of=as_of,
        document=DocumentInfo(
            path=doc.path,
            format=doc.format,
            title=meta.title,
            doc_kind=meta.doc_kind.value,
            subject=meta.subject,
            org_name=meta.org_name,
            org_kind=meta.org_kind.value if meta.org_kind else None,
            platform=[p.value for p in meta.platforms],
            paragraphs=len(doc.paragraphs),
            words=doc.words,
            encoding=doc.encoding,
        ),
        summary=summarize(findings),
        findings=findings,
        legal_refs=doc.results.legal_refs,
        clauses=doc.results.clauses,
        coverage=doc.results.coverage,
        registry=registry_info(registry, as_of) if registry is not None else None,
        text_layer=doc.results.text_layer,
    )
