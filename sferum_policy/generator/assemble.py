"""Assemble an Act from a profile: choose clauses, render them, number sections, build requisites."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..dates import format_numeric
from ..library import Clause, ClauseLibrary, Registry
from ..library.templating import context, render_clause, render_template
from ..vocab import Level, OrgKind, Platform, Section
from .act import Act, ActSection, Block, Point
from .inflect import inflect_phrase
from .profile import Profile

IN_FORCE = ("in_force", "expiring")

_ABOUT = {
    Platform.max: "образовательного пространства «Сферум» в национальном мессенджере MAX",
    Platform.vk_messenger: "учебного профиля VK Мессенджера",
    Platform.web: "веб-версии платформы",
}


def section_title(section: Section, ctx: dict[str, Any]) -> str:
    """Russian heading of a section in a generated act (role words follow the organisation kind)."""
    titles = {
        Section.general: "Общие положения",
        Section.legal_basis: "Правовые основания",
        Section.definitions: "Основные понятия",
        Section.administrator: "Администратор ИКОП «Сферум»",
        Section.management: f"Руководство {ctx['org'].gent}",
        Section.class_teacher: str(ctx["class_teacher"].nomn).capitalize(),
        Section.teacher: "Педагогические работники",
        Section.student: str(ctx["students"].nomn).capitalize(),
        Section.parent: f"Родители (законные представители) {ctx['students'].gent}",
        Section.rights: "Права участников образовательных отношений",
        Section.obligations: "Обязанности участников образовательных отношений",
        Section.prohibitions: "Запреты при использовании платформы",
        Section.final: "Заключительные положения",
    }
    return titles[section]


def _as_of(profile: Profile) -> date:
    return profile.document.as_of or date.today()


def _wanted(clause: Clause, profile: Profile, registry: Registry, as_of: date) -> bool:
    if clause.id in profile.exclude:
        return False
    if clause.option is not None and not getattr(profile.options, clause.option, True):
        return False
    if clause.section == Section.legal_basis and clause.legal_basis:
        acts = [registry.get(a) for a in clause.legal_basis]
        if any(a is None or a.status_on(as_of) not in IN_FORCE for a in acts):
            return False
    return clause.level != Level.optional or clause.id in profile.include


def template_context(profile: Profile, library: ClauseLibrary) -> dict[str, Any]:
    """Variables for clause and user templates: role words plus the organisation's own data."""
    org = profile.organization
    return context(
        library.terms,
        org.kind,
        profile.document.platforms,
        profile.document.kind,
        options=profile.options.model_dump(),
        org_name=org.full_name,
        org_short=org.short_name,
        locality=org.locality or "",
        head_position=org.head.position,
        head_name=org.head.name,
        support_email=profile.options.support_email,
    )


def assemble(profile: Profile, library: ClauseLibrary, registry: Registry) -> Act:
    """Build the act for ``profile`` from ``library`` (sections in canonical order, numbered)."""
    kind = OrgKind(profile.organization.kind)
    platforms = set(profile.document.platforms)
    as_of = _as_of(profile)
    ctx = template_context(profile, library)
    unknown = [cid for cid in (*profile.include, *profile.exclude, *profile.overrides) if cid not in library]
    if unknown:
        from ..errors import DataError

        raise DataError(f"профиль: неизвестное положение {unknown[0]!r} (см. sferum-policy clauses list)")
    chosen = [c for c in library.select(kind, platforms) if _wanted(c, profile, registry, as_of)]
    by_section: dict[Section, list[Point]] = {s: [] for s in Section}
    for clause in chosen:
        if clause.id in profile.overrides:
            text = render_template(profile.overrides[clause.id], ctx, f"профиль: overrides.{clause.id}")
            _, items = render_clause(clause, ctx)
        else:
            text, items = render_clause(clause, ctx)
        by_section[clause.section].append(Point("", text, items, clause.id))
    for i, extra in enumerate(profile.extra_clauses):
        where = f"профиль: extra_clauses.{i}"
        text = render_template(extra.text, ctx, where)
        items = [render_template(item, ctx, where) for item in extra.items]
        by_section[extra.section].append(Point("", text, items, None))
    sections: list[ActSection] = []
    for section in Section:
        points = by_section[section]
        if not points:
            continue
        n = len(sections) + 1
        for j, point in enumerate(points, 1):
            point.label = f"{n}.{j}."
        sections.append(ActSection(f"{n}.", section_title(section, ctx), section.value, points))
    return Act(
        org_full=profile.organization.full_name,
        org_short=profile.organization.short_name,
        kind_title="ПОЛОЖЕНИЕ" if profile.document.kind == "polozhenie" else "ПОРЯДОК",
        about=_about(profile),
        approval=_approval(profile),
        left_blocks=_left_blocks(profile),
        sections=sections,
        locality=profile.organization.locality,
        year=profile.approval.order_date.year,
    )


def _about(profile: Profile) -> str:
    where = " и ".join(_ABOUT[p] for p in profile.document.platforms if p in _ABOUT)
    subject = f"информационно-коммуникационной образовательной платформы «Сферум» ({where})"
    head = "об использовании" if profile.document.kind == "polozhenie" else "использования"
    return f"{head} {subject} в {profile.organization.short_name}"


def _approval(profile: Profile) -> Block:
    a = profile.approval
    org = profile.organization
    order = f"от {format_numeric(a.order_date)} № {a.order_number}"
    if a.style == "utverzhdayu":
        return Block("УТВЕРЖДАЮ", [f"{org.head.position} {org.short_name}", f"____________ {org.head.name}", f"Приказ {order}"])
    word = "УТВЕРЖДЕНО" if profile.document.kind == "polozhenie" else "УТВЕРЖДЕН"
    return Block(word, [f"приказом {org.short_name}", order])


def _left_blocks(profile: Profile) -> list[Block]:
    blocks = []
    if profile.adoption:
        p = profile.adoption
        word = "ПРИНЯТО" if profile.document.kind == "polozhenie" else "ПРИНЯТ"
        blocks.append(Block(word, [f"{inflect_phrase(p.body, 'ablt')}", f"протокол от {format_numeric(p.date)} № {p.number}"]))
    for council in profile.councils:
        blocks.append(Block("С УЧЕТОМ МНЕНИЯ", [inflect_phrase(council.body, "gent"),
                                               f"протокол от {format_numeric(council.date)} № {council.number}"]))
    return blocks
