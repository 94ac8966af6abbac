"""«Справочник»: the clause library and the legal registry, searchable with a GET form."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.routing import Route

from ..vocab import LEVEL_TITLES, ORG_KIND_TITLES, SECTION_TITLES, OrgKind, Section
from .pages import page

_STATUS_CLASS = {"in_force": "ok", "expiring": "warn", "lapsed": "warn", "not_yet": "warn", "repealed": "bad", "expired": "bad",
                 "superseded": "bad", "unverified": "muted"}


def _match(q: str, *texts: str | None) -> bool:
    return not q or any(q in (t or "").lower() for t in texts)


def _clauses(q: str, section: str, kind: str) -> list[dict]:
    from ..library.templating import context, render_clause
    from ..pipeline import default_clauses

    lib = default_clauses()
    kind_value = kind or "school"
    out = []
    for c in lib.select(kind or None):
        if section and c.section.value != section:
            continue
        text, items = render_clause(c, context(lib.terms, kind_value, c.platforms))
        if not _match(q, c.id, c.title, text, *items, *c.signals.phrases):
            continue
        out.append({"id": c.id, "title": c.title, "section": SECTION_TITLES[c.section], "level": c.level.value,
                    "level_title": LEVEL_TITLES[c.level], "text": text, "subitems": items,
                    "basis": c.legal_basis, "samples": c.provenance, "note": c.note})
    return out


def _acts(q: str, status: str) -> list[dict]:
    from ..library.acts import ACT_KIND_TITLES, CONFIDENCE_TITLES, STATUS_TITLES
    from ..pipeline import default_registry

    reg = default_registry()
    today = date.today()
    found = {a.id for a in reg.search(q)} if q else None
    out = []
    for a in reg:
        now = "lapsed" if a.term_lapsed(today) else a.status_on(today)
        if status and now != status:
            continue
        if found is not None and a.id not in found and not _match(q, a.note, a.issuer, a.number):
            continue
        replaced = []
        for rid in a.replaced_by:
            r = reg.get(rid)
            replaced.append(r.citation() if r else rid)
        out.append({"id": a.id, "citation": a.citation(), "kind": ACT_KIND_TITLES[a.kind], "status": now,
                    "status_title": STATUS_TITLES.get(now, now), "cls": _STATUS_CLASS.get(now, "muted"),
                    "replaced": replaced, "sources": a.sources, "note": a.note,
                    "until": a.effective_until, "confidence": CONFIDENCE_TITLES[a.confidence]})
    return out


async def reference(request: Request):
    p = request.query_params
    q = p.get("q", "").strip()[:200]
    section = p.get("section", "") if p.get("section", "") in Section.__members__ else ""
    kind = p.get("kind", "") if p.get("kind", "") in OrgKind.__members__ else ""
    status = p.get("status", "")
    what = p.get("what", "all") if p.get("what") in ("all", "clauses", "acts") else "all"
    clauses = _clauses(q.lower(), section, kind) if what in ("all", "clauses") else []
    acts = _acts(q.lower(), status) if what in ("all", "acts") else []
    from ..library.acts import STATUS_TITLES

    return page("reference.html", active="reference", q=q, section=section, kind=kind, status=status, what=what,
                clauses=clauses, acts=acts, today=date.today(),
                sections=[(s.value, t) for s, t in SECTION_TITLES.items()],
                kinds=[(k.value, t) for k, t in ORG_KIND_TITLES.items()],
                statuses=[(k, v) for k, v in STATUS_TITLES.items() if k not in ("unknown", "incomplete")])


routes = [Route("/reference", reference, methods=["GET"])]
