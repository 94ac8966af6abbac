"""Assemble an Act from a profile: choose clauses, render them, number sections, build requisites."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..dates import format_numeric
from ..errors import DataError
from ..library import Clause, ClauseLibrary, LegalAct, Registry
from ..library.acts import ActKind
from ..library.templating import context, render_clause
from ..library.terms import Term
from ..vocab import Level, OrgKind, Section
from .act import Act, ActSection, Point
from .inflect import inflect_phrase
from .profile import BOOLEAN_OPTIONS, Profile
from .requisites import act_about, approval_block, kind_title, left_blocks, notes
from .sandbox import render_user_template

# Options the clause library does not tag with ``option:`` yet: the clauses each one switches off
# when set to false. A clause's own ``option:`` is checked first.
OPTION_CLAUSES: dict[str, tuple[str, ...]] = {
    "opt_out": ("final.alternative",),
    "personal_data": ("general.personal_data", "legal_basis.fz_152", "prohibitions.publish_personal_data",
                      "general.foreign_personal_data"),
    "ethics": ("obligations.business_style", "prohibitions.child_matters", "prohibitions.advertising"),
    "support_contacts": ("rights.support", "administrator.tech_support"),
    "administrator_appointment": ("general.administrator", "administrator.appointment",
                                  "management.appoint_administrator"),
}

# What a generated act is about: a registry act is cited when it regulates one of these topics.
_BASE_TOPICS = frozenset({"education", "e_learning", "local_acts", "information", "messengers", "platform",
                          "child_protection"})

# «Федеральным законом», «постановлением Правительства …» — how a legal-basis item names an act.
_KIND_ABLT = {
    ActKind.federal_law: "Федеральным законом",
    ActKind.law_rf: "Законом Российской Федерации",
    ActKind.government_decree: "постановлением Правительства Российской Федерации",
    ActKind.government_order: "распоряжением Правительства Российской Федерации",
}


def section_title(section: Section, ctx: dict[str, Any]) -> str:
    """Russian heading of a section in a generated act (role words follow the organisation kind)."""
    titles = {
        Section.general: "Общие положения",
        Section.legal_basis: "Правовые основания",
        Section.definitions: "Основные понятия",
        Section.administrator: "Администратор ИКОП «Сферум»",
        Section.management: f"Руководство {ctx['org'].gent}",
        Section.class_teacher: _cap(str(ctx["class_teachers"].nomn)),
        Section.teacher: "Педагогические работники",
        Section.student: _cap(str(ctx["students"].nomn)),
        Section.parent: f"Родители (законные представители) {ctx['students'].gent}",
        Section.rights: "Права участников образовательных отношений",
        Section.obligations: "Обязанности участников образовательных отношений",
        Section.prohibitions: "Запреты при использовании платформы",
        Section.final: "Заключительные положения",
    }
    return titles[section]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def as_of(profile: Profile) -> date:
    """The date the legal basis is chosen for (the profile's, else today)."""
    return profile.document.as_of or date.today()


def cite_ablt(act: LegalAct) -> str | None:
    """The act as an item of «разработано в соответствии с:» (instrumental case), from the registry."""
    if act.date is None or not act.number:
        return None
    if act.kind in _KIND_ABLT:
        head = _KIND_ABLT[act.kind]
    elif act.kind == ActKind.ministry_order:
        head = f"приказом {act.issuer}"
    else:
        return None
    return f"{head} от {format_numeric(act.date)} № {act.number} «{act.title}»"


def _topics(profile: Profile, library_ids: set[str]) -> set[str]:
    topics = set(_BASE_TOPICS)
    if profile.options.personal_data:
        topics.add("personal_data")
    if "final.publication" in library_ids:
        topics.add("website")
    return topics


def _switched_off(clause: Clause, profile: Profile) -> bool:
    opts = profile.options
    if clause.option is not None:
        if clause.option not in BOOLEAN_OPTIONS:
            raise DataError(f"положение {clause.id}: параметр option «{clause.option}» не входит в параметры профиля "
                            f"({', '.join(BOOLEAN_OPTIONS)})")
        if not getattr(opts, clause.option):
            return True
    return any(clause.id in ids and not getattr(opts, name) for name, ids in OPTION_CLAUSES.items())


def _legal_acts(clause: Clause, registry: Registry) -> list[LegalAct]:
    acts = []
    for act_id in clause.legal_basis:
        act = registry.get(act_id)
        if act is None:
            raise DataError(f"положение {clause.id}: в реестре нет акта {act_id}")
        acts.append(act)
    return acts


def _wanted(clause: Clause, profile: Profile, registry: Registry, when: date, topics: set[str],
            auto: bool = False) -> bool:
    """Whether ``clause`` goes into the act; ``auto``: an optional clause its ``requires`` switched on."""
    if clause.id in profile.exclude or _switched_off(clause, profile):
        return False
    if clause.section == Section.legal_basis and clause.legal_basis:
        acts = _legal_acts(clause, registry)
        if any(not a.in_force_on(when) for a in acts):
            return False
        if clause.id not in profile.include and not any(set(a.topics) & topics for a in acts):
            return False
    return clause.level != Level.optional or clause.id in profile.include or auto


# «… (далее — Учреждение)»: the word an act uses for its own organisation, from the full name.
_ORG_REF = {
    "учреждени": Term(nomn="Учреждение", gent="Учреждения", datv="Учреждению", accs="Учреждение", ablt="Учреждением",
                      loct="Учреждении"),
    "организаци": Term(nomn="Организация", gent="Организации", datv="Организации", accs="Организацию",
                       ablt="Организацией", loct="Организации"),
}
_ITS = {"Учреждение": "его", "Организация": "ее"}


def org_reference(profile: Profile) -> Term | None:
    """«Учреждение» or «Организация» — how the act names its organisation after «(далее — …)».

    None for a district authority (its model act speaks of «образовательная организация») and for a
    name with neither word (the kind's own term is used then).
    """
    org = profile.organization
    if org.kind == OrgKind.district:
        return None
    low = org.full_name.lower()
    found = [(low.find(stem), term) for stem, term in _ORG_REF.items() if stem in low]
    return min(found, key=lambda x: x[0])[1] if found else None


def template_context(profile: Profile, library: ClauseLibrary) -> dict[str, Any]:
    """Variables for clause and user templates: role words plus the organisation's own data."""
    org = profile.organization
    ref = org_reference(profile)
    extra: dict[str, Any] = {}
    if ref is not None:
        extra = {"org": ref, "org_its": _ITS[ref.nomn], "org_ref": ref.nomn}
    else:
        extra = {"org_its": "ее", "org_ref": ""}
    return context(
        library.terms,
        org.kind,
        profile.document.platforms,
        profile.document.kind,
        **extra,
        options=profile.options.model_dump(),
        org_name=org.full_name,
        org_name_gent=inflect_phrase(org.full_name, "gent"),
        org_name_datv=inflect_phrase(org.full_name, "datv"),
        approval_style=profile.approval.style,
        org_short=org.short_name,
        locality=org.locality or "",
        head_position=org.head.position,
        head_name=org.head.name,
        support_email=profile.options.support_email or "",
        support_phone=profile.options.support_phone or "",
    )


def _check_ids(profile: Profile, library: ClauseLibrary) -> None:
    for field, ids in (("include", profile.include), ("exclude", profile.exclude), ("overrides", list(profile.overrides))):
        for cid in ids:
            if cid not in library:
                close = [c.id for c in library if cid.split(".")[-1] and cid.split(".")[-1] in c.id][:3]
                hint = f"; похожие: {', '.join(close)}" if close else "; список: sferum-policy clauses list"
                raise DataError(f"{profile.where(field)}: неизвестное положение «{cid}»{hint}")


def _render(clause: Clause, profile: Profile, ctx: dict[str, Any], registry: Registry) -> tuple[str, list[str]]:
    text, items = render_clause(clause, ctx)
    if clause.id in profile.overrides:
        text = render_user_template(profile.overrides[clause.id], ctx, profile.where(f"overrides.{clause.id}"))
    elif clause.section == Section.legal_basis and len(clause.legal_basis) == 1:
        cited = cite_ablt(_legal_acts(clause, registry)[0])
        if cited:
            text = cited + ";"
    return text, items


def _fold_lists(points: list[Point]) -> list[Point]:
    """A point ending with «:» takes the following lower-case points as its bullet sub-items."""
    out: list[Point] = []
    for point in points:
        head = out[-1] if out else None
        listed = point.text[:1].islower() or point.text.endswith(";")
        if head is not None and head.text.endswith(":") and listed and not point.items \
                and (not head.items or head.items_from_clauses):
            head.items.append(point.text)
            head.item_ids.append(point.clause_id)
            head.items_from_clauses = True
            continue
        out.append(point)
    for point in out:
        _punctuate(point)
    return out


def _punctuate(point: Point) -> None:
    """Sub-items end with «;», the last with «.»; a point ends with a full stop."""
    if point.items:
        last = len(point.items) - 1
        point.items = [it.rstrip(" ;.,") + ("." if i == last else ";") for i, it in enumerate(point.items)]
    elif point.text and point.text[-1] not in ".!?…":
        point.text = point.text.rstrip(" ;,:") + "."


# Legal basis in the order of legal force: laws (by date), decrees, orders of the Government, ministries' acts.
_RANK = {ActKind.federal_law: 0, ActKind.law_rf: 0, ActKind.government_decree: 1, ActKind.government_order: 2,
         ActKind.ministry_order: 3}


def _basis_order(chosen: list[Clause], registry: Registry) -> list[Clause]:
    """Clauses in library order, except that the legal-basis items follow the order of legal force."""

    def key(clause: Clause) -> tuple:
        if not clause.legal_basis:
            return (9 if clause.text.lstrip().startswith("уставом") else -1, date.min)  # intro first, charter last
        act = registry.get(clause.legal_basis[0])
        return (_RANK.get(act.kind, 5) if act else 5, act.date or date.min if act else date.min)

    basis = sorted((c for c in chosen if c.section == Section.legal_basis), key=key)
    it = iter(basis)
    return [next(it) if c.section == Section.legal_basis else c for c in chosen]


def assemble(profile: Profile, library: ClauseLibrary, registry: Registry) -> Act:
    """Build the act for ``profile`` from ``library`` (sections in canonical order, numbered)."""
    kind = OrgKind(profile.organization.kind)
    platforms = set(profile.document.platforms)
    when = as_of(profile)
    ctx = template_context(profile, library)
    _check_ids(profile, library)
    candidates = library.select(kind, platforms)
    topics = _topics(profile, {c.id for c in candidates})
    chosen = [c for c in candidates if _wanted(c, profile, registry, when, topics)]
    ids = {c.id for c in chosen}
    # A clause with ``requires`` goes in together with those clauses — an optional one automatically
    # (41-ФЗ in the legal basis when the act bans foreign messengers) — and never without them.
    chosen = [c for c in candidates
              if (c.id in ids and (not c.requires or all(r in ids for r in c.requires) or c.id in profile.include))
              or (c.requires and c.id not in ids and all(r in ids for r in c.requires)
                  and _wanted(c, profile, registry, when, topics, auto=True))]
    chosen = _basis_order(chosen, registry)
    by_section: dict[Section, list[Point]] = {s: [] for s in Section}
    for clause in chosen:
        text, items = _render(clause, profile, ctx, registry)
        by_section[clause.section].append(Point("", text, items, clause.id))
    for i, extra in enumerate(profile.extra_clauses):
        where = profile.where(f"extra_clauses.{i}")
        text = render_user_template(extra.text, ctx, f"{where[:-1]}.text»")
        items = [render_user_template(item, ctx, f"{where[:-1]}.items.{k}»") for k, item in enumerate(extra.items)]
        by_section[extra.section].append(Point("", text, [it for it in items if it], None, title=extra.title))
    sections: list[ActSection] = []
    for section in Section:
        points = _fold_lists([p for p in by_section[section] if p.text])
        if not points:
            continue
        n = len(sections) + 1
        for j, point in enumerate(points, 1):
            point.label = f"{n}.{j}."
        sections.append(ActSection(f"{n}.", section_title(section, ctx), section.value, points))
    org = profile.organization
    return Act(
        org_full=org.full_name,
        org_short=org.short_name,
        kind_title=kind_title(profile),
        about=act_about(profile),
        approval=approval_block(profile),
        left_blocks=left_blocks(profile),
        sections=sections,
        locality=org.locality,
        year=profile.approval.order_date.year if profile.approval.order_date else None,
        head_position=org.head.position,
        head_name=org.head.name,
        as_of=when,
        platforms=[p.value for p in profile.document.platforms],
        org_kind=kind.value,
        notes=notes(profile),
        familiarisation_sheet=profile.options.familiarisation_sheet,
    )

