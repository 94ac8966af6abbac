"""What the author of a generated act must know about its legal basis: unverified dates, acts about to lapse."""

from __future__ import annotations

from datetime import date

from ..library import ClauseLibrary, Registry
from .act import Act

WARN_DAYS = 365


def legal_notes(act: Act, library: ClauseLibrary, registry: Registry, as_of: date) -> list[str]:
    """Russian notes, one per act the generated text rests on, where its force or dates are not certain."""
    seen: dict[str, str] = {}
    for cid in act.clause_ids():
        clause = library.get(cid)
        if clause is None:
            continue
        for act_id in clause.legal_basis:
            la = registry.get(act_id)
            if la is None or act_id in seen:
                continue
            name = la.short_names[0] if la.short_names else la.number or la.id
            until = la.until_text()
            if la.term_lapsed(as_of):
                seen[act_id] = (f"{name} — срок действия по данным реестра истёк {until}; продление или замена "
                                "не проверены — сверьте на publication.pravo.gov.ru перед утверждением.")
            elif la.effective_until and (la.effective_until - as_of).days <= WARN_DAYS:
                seen[act_id] = (f"{name} — срок действия до {until}; продление или замена не подтверждены — сверьте на "
                                "publication.pravo.gov.ru перед утверждением.")
            elif la.unverified("effective_until"):
                seen[act_id] = (f"{name} — срок действия до {until}." if la.effective_until else f"{name} — {until}.")
            elif la.status.value == "unverified":
                seen[act_id] = f"{name} — действие акта не удалось проверить."
    return list(seen.values())
