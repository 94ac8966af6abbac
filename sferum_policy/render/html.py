"""A self-contained HTML report: priorities, coverage chart, findings in context, legal refs, marked text.

The page loads nothing from the network (styles are inline, no scripts, fonts or images), so it can
be mailed or opened offline. Every text from the document is escaped by Jinja's autoescaping or by
:func:`markupsafe.escape` before it is wrapped in ``<mark>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from markupsafe import Markup, escape

from ..document import Document, Paragraph
from ..library.acts import STATUS_TITLES
from ..report import Finding, Report
from ..vocab import (
    CATEGORY_TITLES,
    DOC_KIND_TITLES,
    ORG_KIND_TITLES,
    PLATFORM_TITLES,
    SECTION_TITLES,
    SEVERITY_RANK,
    SEVERITY_TITLES,
    Category,
    Section,
    Severity,
)
from .freshness import freshness_lines
from .place import place

CONTEXT_CHARS = 90
PRIORITY_PLACES = 6
_STATUS_CLASS = {"in_force": "ok", "expiring": "warn", "lapsed": "warn", "repealed": "bad", "expired": "bad", "superseded": "bad",
                 "not_yet": "warn", "incomplete": "warn", "unverified": "muted", "unknown": "muted"}


@lru_cache(maxsize=4)
def template(name: str):
    """A page template of ``render/templates`` (the report, the audit dashboard) with the Russian number helpers."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from ..ru import number, plural

    env = Environment(loader=PackageLoader("sferum_policy.render", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["plural"] = plural
    env.filters["ru_num"] = number
    return env.get_template(name)


def _template():
    return template("report.html")


def _act_names(report: Report) -> dict[str, str]:
    """Act ids of the report's references → their citations in the registry (the id where unknown)."""
    ids = {i for r in report.legal_refs for i in (r.act_id, *r.replaced_by) if i}
    if not ids:
        return {}
    try:
        from ..pipeline import default_registry

        reg = default_registry()
    except Exception:  # a damaged registry must not cost the report; the ids are shown then
        return {}
    out = {}
    for act_id in ids:
        act = reg.get(act_id)
        if act is not None:
            out[act_id] = act.citation()
    return out


def _rule_codes(report: Report) -> list[tuple[str, str, int]]:
    from ..rules import RULES

    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return [(code, RULES[code].title if code in RULES else "", n) for code, n in sorted(counts.items())]


def _span(f: Finding, p: Paragraph) -> tuple[int, int] | None:
    """The finding's excerpt as offsets in ``p.text`` (clipped), or None if it misses ``p``."""
    loc = f.location
    if loc.start is None or loc.end is None or not f.text:
        return None
    s = max(0, loc.start - p.start)
    e = min(len(p.text), loc.end - p.start)
    return (s, e) if e > s else None


def _marked(text: str, spans: list[tuple[int, int, list[tuple[int, Finding]]]], *, ids: bool) -> Markup:
    """``text`` with each span in <mark>; overlapping findings split into segments, worst severity wins.

    ``spans`` are (start, end, [(finding number, finding)]) in ``text`` offsets. With ``ids`` the
    first segment of every finding gets ``id="m<number>"`` so the findings table can link to it.
    """
    cuts = sorted({0, len(text), *(b for s, e, _ in spans for b in (s, e))})
    pieces: list[str] = []
    anchored: set[int] = set()
    for a, b in pairwise(cuts):
        covering = [(n, f) for s, e, fs in spans if s <= a and b <= e for n, f in fs]
        chunk = escape(text[a:b])
        if not covering:
            pieces.append(str(chunk))
            continue
        worst = max(covering, key=lambda nf: SEVERITY_RANK[nf[1].severity])[1]
        title = "; ".join(dict.fromkeys(f"{f.code}: {f.message}" for _, f in covering))
        new = [n for n, _ in covering if n not in anchored] if ids else []
        anchored.update(new)
        id_attr = f' id="m{new[0]}"' if new else ""
        extra = "".join(f'<span class="anchor" id="m{n}"></span>' for n in new[1:])
        href = f"#f{covering[0][0]}" if ids else None
        inner = f'<a href="{href}">{chunk}</a>' if href else str(chunk)
        pieces.append(f'{extra}<mark class="{worst.severity.value}"{id_attr} title="{escape(title)}">{inner}</mark>')
    return Markup("".join(pieces))


def _text_paragraphs(doc: Document, numbered: list[tuple[int, Finding]]) -> Markup:
    """The act's paragraphs as HTML, every finding's excerpt marked (multi-paragraph spans too).

    Built here rather than in a template loop: an act has hundreds of paragraphs and this is the
    largest part of the page.
    """
    by_para: dict[int, list[tuple[int, Finding]]] = {}
    for n, f in numbered:
        loc = f.location
        if loc.start is None or loc.end is None or not f.text:
            continue
        first = doc.paragraph_at(loc.start)
        last = doc.paragraph_at(max(loc.start, loc.end - 1))
        lo = first.index if first else loc.paragraph
        hi = last.index if last else lo
        if lo is None or hi is None:
            continue
        for i in range(lo, hi + 1):
            by_para.setdefault(i, []).append((n, f))
    out = []
    for p in doc.paragraphs:
        spans = []
        for n, f in by_para.get(p.index, []):
            span = _span(f, p)
            if span:
                spans.append((span[0], span[1], [(n, f)]))
        body = _marked(p.text, spans, ids=True) if spans else escape(p.text)
        top = " top" if p.kind == "heading" and p.level == 0 else ""
        label = f'<span class="lbl">{escape(p.label)}</span>' if p.label else ""
        out.append(f'<p id="p{p.index}" class="k-{escape(p.kind)}{top}">{label}{body}</p>\n')
    return Markup("".join(out))


def _context(doc: Document | None, f: Finding) -> Markup | None:
    """A window of the paragraph around the excerpt, with the excerpt marked."""
    if doc is None or f.location.start is None or not f.text:
        return None
    p = doc.paragraph_at(f.location.start)
    if p is None:
        return None
    span = _span(f, p)
    if span is None:
        return None
    s, e = span
    a = max(0, s - CONTEXT_CHARS)
    b = min(len(p.text), e + CONTEXT_CHARS)
    if a > 0 and " " in p.text[a:s]:
        a = p.text.index(" ", a) + 1
    if b < len(p.text) and " " in p.text[e:b]:
        b = p.text.rindex(" ", e, b)
    body = _marked(p.text[a:b], [(s - a, e - a, [(0, f)])], ids=False)
    return Markup(("… " if a > 0 else "") + str(body) + (" …" if b < len(p.text) else ""))


def _href(doc: Document | None, f: Finding) -> str | None:
    """Link to the finding's paragraph, else to its section's heading in the marked text."""
    if doc is None:
        return None
    if f.location.paragraph is not None:
        return f"#p{f.location.paragraph}"
    if f.section:
        for s in doc.sections:
            if s.key == f.section:
                return f"#p{s.first}"
    return None


@dataclass
class _Priority:
    """One line of «Что исправить в первую очередь»: a rule, how to fix it, where."""

    code: str
    severity: str
    title: str
    fix: str
    places: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0


def _priorities(numbered: list[tuple[int, Finding]]) -> list[_Priority]:
    from ..rules import RULES

    groups: dict[str, _Priority] = {}
    for n, f in numbered:
        if f.severity == Severity.info:
            continue
        g = groups.get(f.code)
        if g is None:
            r = RULES.get(f.code)
            g = groups[f.code] = _Priority(f.code, f.severity.value, r.title if r else f.message, r.fix if r else "")
        g.count += 1
        if len(g.places) < PRIORITY_PLACES:
            label = place(f, section=True)
            if f.category == Category.missing_clause and f.location.start is None:
                # a missing clause is named by its title; a missing section by its whole message
                label = f"«{f.args['clause_title']}»" if f.args.get("clause_title") else f.message
            elif f.text and len(f.text) <= 40:
                label += f" «{f.text}»"
            g.places.append((n, label))
    return sorted(groups.values(), key=lambda g: (-SEVERITY_RANK[Severity(g.severity)], -g.count, g.code))


def _coverage_rows(report: Report) -> list[dict]:
    if report.coverage is None:
        return []
    counts: dict[str, dict[str, int]] = {}
    for c in report.clauses:
        d = counts.setdefault(c.section.value, {"present": 0, "partial": 0, "missing": 0, "required_missing": 0})
        d[c.status] = d.get(c.status, 0) + 1
        if c.status == "missing" and c.level == "required":
            d["required_missing"] += 1
    rows = []
    order = {s.value: i for i, s in enumerate(Section)}
    for key, value in sorted(report.coverage.sections.items(), key=lambda kv: order.get(kv[0], len(order))):
        pct = round(value * 100)
        c = counts.get(key, {})
        total = sum(c.get(k, 0) for k in ("present", "partial", "missing"))
        rows.append({"key": key, "title": SECTION_TITLES.get(Section(key), key) if key in order else key, "pct": pct,
                     "cls": "low" if pct < 50 else ("mid" if pct < 80 else "high"), "present": c.get("present", 0),
                     "partial": c.get("partial", 0), "total": total, "required_missing": c.get("required_missing", 0)})
    return rows


def _subject_name(subject: str | None) -> str | None:
    from ..subject import subject_name

    return subject_name(subject)


def render_html(report: Report, *, document: Document | None = None) -> str:
    """Render ``report``; with ``document`` findings are shown in context and the text is marked up."""
    numbered = list(enumerate(report.findings))
    groups = []
    for cat in Category:
        items = [{"n": n, "f": f, "place": place(f, section=True), "context": _context(document, f), "href": _href(document, f)}
                 for n, f in numbered if f.category == cat]
        if items:
            groups.append({"title": CATEGORY_TITLES[cat], "key": cat.value, "rows": items,
                           "errors": sum(i["f"].severity == Severity.error for i in items)})
    d = report.document
    act_names = _act_names(report)
    platforms = [PLATFORM_TITLES.get(p, p) for p in d.platform]  # type: ignore[call-overload]
    return _template().render(
        report=report,
        doc=d,
        groups=groups,
        priorities=_priorities(numbered),
        infos=sum(f.severity == Severity.info for f in report.findings),
        coverage_rows=_coverage_rows(report),
        paragraphs=_text_paragraphs(document, numbered) if document is not None else Markup(""),
        doc_kind=DOC_KIND_TITLES.get(d.doc_kind, d.doc_kind),  # type: ignore[call-overload]
        subject=_subject_name(d.subject),
        org_kind=ORG_KIND_TITLES.get(d.org_kind, "не определён") if d.org_kind else "не определён",  # type: ignore[call-overload]
        platforms=platforms,
        act_names=act_names,
        act_codes=sorted(act_names.items()),
        rule_codes=_rule_codes(report),
        severity_titles={k.value: v for k, v in SEVERITY_TITLES.items()},
        status_titles=STATUS_TITLES,
        status_class=_STATUS_CLASS,
        registry_lines=freshness_lines(report.registry, report.as_of),
    )
