"""Clause coverage: which library clauses the act carries, which are partial, which are missing.

The matching itself is in :mod:`sferum_policy.coverage.matcher`; this module turns its results into
findings (CL…), ``doc.results.clauses`` (one :class:`ClauseStatus` per applicable clause) and
``doc.results.coverage`` (a :class:`Coverage`).

Policy:

* a section none of whose clauses is found *present* in a place that reads as that section (its cue
  words — «обязаны», «запрещается», «вправе», the role — in the fragment, its lead-in or heading) is
  reported once, with the section's own code (CL001 obligations … CL013 final), not clause by clause;
* in a section that is there, a missing required clause is CL020 (error), a missing recommended one
  CL021 (warning); optional clauses and clauses switched on by a profile option are never reported
  missing (they stay visible in the report's clause list);
* a partial clause (some evidence, not enough, in a place that reads as its section) is CL022:
  warning for a required clause, info for a recommended one, pointing at the paragraph; a partial
  match elsewhere (the same duty for another actor) is reported as missing;
* a text that is not a local act (``doc_kind == not_local_act``) gets the clause list and coverage
  figure, but no CL findings: it is not an act and owes no provisions; nor does an act of another subject
  (e-learning, ЭИОС, ethics of chats — :mod:`sferum_policy.subject`);
* a section whose heading is in the act is never reported missing, even when none of its clauses matched:
  its clauses are then reported one by one.

Coverage fractions weigh clauses by level (required 3, recommended 2, optional 1) and credit a
present clause 1, a partial one 0.5; clauses tied to a profile option are left out of the fractions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..coverage.matcher import ELSEWHERE
from ..document import Document
from ..report import ClauseStatus, Coverage, Finding
from ..rules import rule
from ..vocab import SECTION_TITLES, Category, DocKind, Level, Section, Severity
from . import check
from .base import CheckContext, Fix, finding

LEVEL_WEIGHT = {Level.required: 3.0, Level.recommended: 2.0, Level.optional: 1.0}
STATUS_CREDIT = {"present": 1.0, "partial": 0.5, "missing": 0.0}

_HEAD = "ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n\n"
_GENERAL = (
    "1. Общие положения\n"
    "1.1. Настоящее Положение устанавливает порядок использования информационно-коммуникационной "
    "образовательной платформы «Сферум» (ИКОП «Сферум») участниками образовательных отношений.\n"
)

# Section → (code, what is missing, a short section that has it). The examples are small acts: the
# «good» one carries the section, the «bad» one carries only the general provisions.
_SECTION_RULES: dict[Section, tuple[str, str, str]] = {
    Section.obligations: (
        "CL001", "обязанностях участников",
        "2. Обязанности участников\n2.1. Участники образовательных отношений обязаны указывать достоверные "
        "данные о себе при регистрации, информировать администратора о несанкционированном доступе к своему "
        "аккаунту и выражать свои мысли в вежливой форме, без ненормативной лексики и оскорблений.\n",
    ),
    Section.prohibitions: (
        "CL002", "запретах для участников",
        "2. Запреты\n2.1. Участникам образовательных отношений запрещается осуществлять незаконный сбор и "
        "обработку персональных данных других лиц и предоставлять третьим лицам доступ к своему аккаунту.\n",
    ),
    Section.rights: (
        "CL003", "правах участников",
        "2. Права участников\n2.1. Участники образовательных отношений имеют право доступа к ИКОП «Сферум» "
        "круглосуточно и на безвозмездной основе.\n2.2. Участники образовательных отношений вправе "
        "обращаться в службу технической поддержки по адресу электронной почты.\n",
    ),
    Section.administrator: (
        "CL004", "администраторе платформы",
        "2. Администратор ИКОП «Сферум»\n2.1. Администратор назначается приказом директора из числа работников, "
        "подает заявку на регистрацию образовательной организации на ИКОП «Сферум», создает ссылки-приглашения "
        "для педагогических работников и обучающихся и аннулирует невостребованные ссылки-приглашения.\n",
    ),
    Section.management: (
        "CL005", "полномочиях администрации (руководства) организации",
        "2. Администрация образовательной организации\n2.1. Администрация издает приказ об использовании ИКОП "
        "«Сферум», назначает администратора платформы и осуществляет контроль использования учебного профиля "
        "участниками образовательных отношений.\n",
    ),
    Section.class_teacher: (
        "CL006", "классном руководителе (кураторе)",
        "2. Классный руководитель\n2.1. Классный руководитель присоединяется к образовательной организации по "
        "ссылке-приглашению в роли «учитель» и создает чаты с обучающимися своего класса и с их родителями "
        "(законными представителями).\n",
    ),
    Section.teacher: (
        "CL007", "педагогических работниках",
        "2. Педагогические работники\n2.1. Учитель присоединяется к образовательной организации по "
        "ссылке-приглашению в роли «учитель», создает учебные чаты по своему предмету и проводит занятия "
        "с применением дистанционных образовательных технологий.\n",
    ),
    Section.student: (
        "CL008", "обучающихся",
        "2. Обучающиеся\n2.1. Обучающийся присоединяется к чату класса по ссылке-приглашению, полученной от "
        "классного руководителя, и участвует в образовательной коммуникации в чатах по учебным предметам.\n",
    ),
    Section.parent: (
        "CL009", "родителях (законных представителях)",
        "2. Родители (законные представители)\n2.1. Родитель (законный представитель) присоединяется к чату "
        "по ссылке-приглашению, полученной от классного руководителя, и участвует в образовательной "
        "коммуникации в чате.\n",
    ),
    Section.general: ("CL010", "общих положениях", ""),
    Section.legal_basis: (
        "CL011", "правовых основаниях",
        "2. Правовые основания\n2.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 "
        "№ 273-ФЗ «Об образовании в Российской Федерации» и Федеральным законом от 27.07.2006 № 149-ФЗ "
        "«Об информации, информационных технологиях и о защите информации».\n",
    ),
    Section.definitions: (
        "CL012", "основных понятиях",
        "2. Основные понятия\n2.1. Понятия, используемые в настоящем Положении:\n- ИКОП «Сферум» — "
        "информационно-коммуникационная образовательная платформа, российский коммуникационный сервис "
        "для образовательных целей и общения учителей, обучающихся и родителей.\n",
    ),
    Section.final: (
        "CL013", "заключительных положениях",
        "2. Заключительные положения\n2.1. Настоящее Положение вступает в силу с момента его утверждения "
        "и действует до принятия нового Положения.\n",
    ),
}


# Why a missing section matters, per section (the rule's «why»).
_WHY: dict[Section, str] = {
    Section.obligations: "Без обязанностей участников (достоверные данные, сообщение о взломе, вежливое общение) "
    "организации не на что сослаться, если участник нарушает порядок общения.",
    Section.prohibitions: "Без запретов (сбор чужих персональных данных, передача доступа третьим лицам, "
    "противоправная информация) нарушение нельзя квалифицировать как нарушение локального акта.",
    Section.rights: "Права участников (бесплатный круглосуточный доступ, поддержка, удаление профиля) — "
    "гарантии, которые акт должен назвать явно.",
    Section.administrator: "Без раздела об администраторе неясно, кто регистрирует организацию, выдает "
    "ссылки-приглашения и отвечает за безопасность сообщества.",
    Section.management: "Без полномочий руководства неясно, кто издает приказ, назначает администратора и "
    "контролирует использование платформы.",
    Section.class_teacher: "Классный руководитель (куратор) создает чаты класса и подключает родителей: без "
    "раздела эти действия не закреплены.",
    Section.teacher: "Без раздела о педагогах не закреплены учебные чаты и занятия с применением платформы.",
    Section.student: "Без раздела об обучающихся не определено, как они присоединяются и участвуют в чатах.",
    Section.parent: "Без раздела о родителях не определено, как они присоединяются к чатам и участвуют в "
    "общении.",
    Section.general: "Общие положения определяют предмет акта, цель и сферу применения платформы.",
    Section.legal_basis: "Акт должен назвать нормативные акты, на основании которых он принят.",
    Section.definitions: "Без определений («платформа», «учебный профиль», «пользователи») термины акта "
    "толкуются по-разному.",
    Section.final: "Заключительные положения определяют вступление акта в силу, срок действия и порядок "
    "изменения.",
}


def _section_rule(section: Section, code: str, about: str, body: str):
    title = SECTION_TITLES[section]
    if section == Section.general:
        bad = _HEAD + "1. Права участников\n1.1. Участники образовательных отношений вправе обращаться в службу технической поддержки.\n"
        good = _HEAD + _GENERAL
    else:
        bad = _HEAD + _GENERAL
        good = _HEAD + _GENERAL + body
    return rule(
        code=code,
        name=f"missing-section-{section.value.replace('_', '-')}",
        category=Category.missing_clause,
        severity=Severity.error,
        title=f"Нет раздела {'об' if about[0] in 'аоуэи' else 'о'} {about}",
        why=f"В акте не найдено ни одного положения раздела «{title}» библиотеки. {_WHY[section]}",
        fix=(
            f"Добавьте раздел «{title}» (текст положений для вашего вида организации — в подсказке; "
            "полный список — `sferum-policy clauses list`). Ошибка, если в разделе есть обязательные "
            "положения, иначе предупреждение."
        ),
        bad=bad,
        good=good,
    )


SECTION_RULES = {s: _section_rule(s, *spec) for s, spec in _SECTION_RULES.items()}

_SUPPORT = (
    "Участники образовательных отношений вправе обращаться в службу технической поддержки по адресу "
    "электронной почты.\n"
)
_ACCESS = "Участники образовательных отношений имеют доступ к ИКОП «Сферум» круглосуточно и на безвозмездной основе.\n"
_RIGHTS = _HEAD + "1. Права участников\n1.1. "
_PARENT = (
    _HEAD + "1. Родители (законные представители)\n1.1. Родитель (законный представитель) присоединяется к чату "
    "класса по ссылке-приглашению, полученной от классного руководителя.\n"
)

# The clause examples hold one section only: the other sections are then reported as missing
# sections (CL001…), not clause by clause, so a complete section makes a «good» example.
CL020 = rule(
    code="CL020",
    name="missing-required-clause",
    category=Category.missing_clause,
    severity=Severity.error,
    title="Нет обязательного положения",
    why="Раздел в акте есть, но в нем не найдено обязательное положение библиотеки (уровень «обязательное»).",
    fix="Добавьте положение в соответствующий раздел; текст для вашего вида организации — в подсказке.",
    bad=_RIGHTS + _SUPPORT,
    good=_RIGHTS + _ACCESS + "1.2. " + _SUPPORT,
)

CL021 = rule(
    code="CL021",
    name="missing-recommended-clause",
    category=Category.missing_clause,
    severity=Severity.warning,
    title="Нет рекомендуемого положения",
    why="Раздел в акте есть, но в нем не найдено рекомендуемое положение библиотеки: акт неполон.",
    fix="Добавьте положение или убедитесь, что оно не нужно вашей организации; текст — в подсказке.",
    bad=_PARENT,
    good=_PARENT + "1.2. Родитель участвует в образовательной коммуникации, осуществляемой в чате класса, и в "
    "общении с педагогическими работниками.\n",
)

CL022 = rule(
    code="CL022",
    name="partial-clause",
    category=Category.missing_clause,
    severity=Severity.warning,
    title="Положение изложено не полностью",
    why=(
        "Найден фрагмент, похожий на положение библиотеки, но в нем не хватает существенных слов "
        "(например, сказано о доступе, но не сказано, что он бесплатный и круглосуточный)."
    ),
    fix="Сверьте пункт с текстом библиотеки в подсказке и дополните его. Предупреждение для обязательных "
    "положений, сведения — для рекомендуемых.",
    bad=_RIGHTS + "Обучающиеся, их родители (законные представители) и педагогические работники имеют доступ к "
    "ИКОП «Сферум».\n1.2. " + _SUPPORT,
    good=_RIGHTS + _ACCESS + "1.2. " + _SUPPORT,
)

CODES = (*(r.code for r in SECTION_RULES.values()), "CL020", "CL021", "CL022")


def _reportable(clause) -> bool:
    return clause.level != Level.optional and not clause.option


def _coverage(statuses: list[ClauseStatus], option_ids: set[str]) -> Coverage:
    """Level-weighted share of the clauses found, per section and overall (option clauses left out)."""
    num: dict[str, float] = {}
    den: dict[str, float] = {}
    for st in statuses:
        if st.clause_id in option_ids:
            continue
        w = LEVEL_WEIGHT[Level(st.level)]
        num[st.section.value] = num.get(st.section.value, 0.0) + w * STATUS_CREDIT[st.status]
        den[st.section.value] = den.get(st.section.value, 0.0) + w
    sections = {s: round(num[s] / den[s], 3) for s in den}
    total = sum(den.values())
    return Coverage(overall=round(sum(num.values()) / total, 3) if total else 0.0, sections=sections)


def _suggestion(text: str) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0], *(f"– {x}" for x in lines[1:])])


@check("coverage", order=50, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Match the library against the act; report missing sections, missing and partial clauses."""
    from ..coverage.matcher import match_document
    from ..subject import library_applies

    if not library_applies(doc):
        # an e-learning, ЭИОС or chat-ethics act owes none of the platform's provisions: no clause list, no figure
        doc.results.clauses = []
        return []
    matches = match_document(doc, ctx.clauses)
    statuses = []
    for m in matches:
        anchor = doc.paragraphs[m.anchor] if m.anchor is not None else None
        statuses.append(
            ClauseStatus(
                clause_id=m.clause.id,
                section=m.clause.section,
                level=m.clause.level.value,
                status=m.status,
                score=m.score,
                paragraph=m.paragraph,
                label=anchor.label if anchor is not None else None,
            )
        )
    doc.results.clauses = statuses
    doc.results.coverage = _coverage(statuses, {m.clause.id for m in matches if m.clause.option})
    if doc.meta.doc_kind == DocKind.not_local_act:
        return []
    headed = {k for keys in doc.results.section_keys.values() for k in keys}

    findings: list[Finding] = []
    numbering: dict[int, tuple[int, int, str]] = {}
    by_section: dict[Section, list] = {}
    for m in matches:
        by_section.setdefault(m.clause.section, []).append(m)
    for section in Section:
        group = by_section.get(section, [])
        owed = [m for m in group if _reportable(m.clause)]
        if not owed:
            continue
        if not section_present(group) and section.value not in headed:
            findings.append(_missing_section(doc, section, owed))
            continue
        # a section whose heading is there is never «missing»: its unmatched clauses are reported one by one
        for m in owed:
            # a partial match outside the clause's section (another actor's duty, no «обязаны» …)
            # does not show the provision is there: it is reported as missing
            if m.status == "missing" or (m.status == "partial" and not m.cue):
                r = CL020 if m.clause.level == Level.required else CL021
                findings.append(
                    finding(
                        r, doc,
                        f"Нет положения «{m.clause.title}» (раздел «{SECTION_TITLES[section]}»)",
                        suggestion=_suggestion(m.text),
                        section=section,
                        clause_id=m.clause.id,
                        args=_clause_args(m, section),
                        fix=_insertion(doc, section, m.text, numbering) if r is CL020 else None,
                    )
                )
            elif m.status == "partial" and m.paragraph is not None:
                sev = Severity.warning if m.clause.level == Level.required else Severity.info
                findings.append(
                    finding(
                        CL022, doc,
                        f"Положение «{m.clause.title}» изложено не полностью (раздел «{SECTION_TITLES[section]}»)",
                        paragraph=m.paragraph,
                        suggestion=_suggestion(m.text),
                        severity=sev,
                        section=section,
                        clause_id=m.clause.id,
                        args=_clause_args(m, section),
                    )
                )
    return findings


def _clause_args(m, section: Section) -> dict[str, str | int | float | bool | None]:
    """The values a clause finding's message is built from, for renderers (never parsed from the message)."""
    return {
        "clause_id": m.clause.id,
        "clause_title": m.clause.title,
        "section": section.value,
        "section_title": SECTION_TITLES[section],
        "level": m.clause.level.value,
        "status": m.status,
    }


_ITEM = re.compile(r"^(\d+)\.(\d+)(\.?)$")


def _insertion(doc: Document, section: Section, text: str, numbering: dict[int, tuple[int, int, str]]) -> Fix | None:
    """The missing required clause as new paragraphs at the end of its section, numbered after its last
    item («3.6.» → «3.7.»); a second missing clause of the section gets the next number. ``None`` when the act
    has no such section or its items are not numbered «N.M.» (a person then decides where the text goes)."""
    keys = doc.results.section_keys
    part = next((s for s in doc.sections if s.key == section.value or section.value in keys.get(s.index, ())), None)
    if part is None:
        return None
    if part.index not in numbering:
        items = [m for p in doc.paragraphs[part.first + 1: part.last + 1] if p.label and (m := _ITEM.match(p.label))]
        if not items:
            return None
        last = items[-1]
        numbering[part.index] = (int(last.group(1)), int(last.group(2)), last.group(3))
    head, n, dot = numbering[part.index]
    numbering[part.index] = (head, n + 1, dot)
    lines = text.split("\n")
    paragraphs = (f"{head}.{n + 1}{dot} {lines[0]}", *(f"– {x}" for x in lines[1:]))
    return Fix(applicability="unsafe", paragraphs=paragraphs, after=doc.paragraphs[part.last])


def section_present(group: list) -> bool:
    """True if any clause of a section is present where the text reads as that section.

    Partial matches do not count: on the samples, deleting a section left look-alike fragments
    elsewhere (a class teacher's duty resembling a right) that would hide the deletion.
    """
    return any(m.status == "present" and m.cue for m in group)


def _missing_section(doc: Document, section: Section, owed: list) -> Finding:
    required = [m for m in owed if m.clause.level == Level.required]
    sev = Severity.error if required else Severity.warning
    shown = (required or owed)[:5]
    suggestion = "\n".join(_suggestion(m.text) for m in shown)
    r = SECTION_RULES[section]
    n_req = len(required)
    detail = f"обязательных — {n_req}" if n_req else "все рекомендуемые"
    # provisions of the section written elsewhere (a definition inside «Общие положения», a duty in a
    # role's list) do not make the section, but the user should know they were seen
    elsewhere = [m for m in owed if not m.cue and m.score >= ELSEWHERE and m.paragraph is not None][:2]
    seen = ""
    if elsewhere:
        places = []
        for m in elsewhere:
            label = doc.paragraphs[m.anchor].label if m.anchor is not None else None
            places.append(f"«{m.clause.title}»" + (f" (п. {label.rstrip('.')})" if label else ""))
        seen = "; похожие положения есть в других частях акта: " + ", ".join(places)
    return finding(
        r, doc,
        f"Нет раздела «{SECTION_TITLES[section]}»: не найдено ни одного из {len(owed)} положений ({detail})"
        f"{seen}",
        suggestion=suggestion,
        severity=sev,
        section=section,
        args={
            "section": section.value,
            "section_title": SECTION_TITLES[section],
            "clauses_owed": len(owed),
            "clauses_required": n_req,
        },
    )
