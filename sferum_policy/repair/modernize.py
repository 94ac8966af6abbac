"""Turn an old act into the current one: profile from the act, the act from the library, the school's own
provisions carried over, defects dropped, a change summary in Russian and (optionally) a redline.

The flow (``modernize(source)``):

1. ``pipeline.run`` checks the old act: its findings name the provisions that are themselves defects
   (:data:`DEFECT_CODES` — compulsory registration, foreign messengers for official communication, a repealed
   or superseded basis, advice the kind of organisation must not give).
2. :func:`.profile_extract.extract_profile` reads the organisation's requisites, each with its excerpt.
3. The coverage matcher (``coverage.matcher``) tells which old paragraphs have a counterpart in the library:
   a paragraph inside the best unit of a matched clause, or one that itself scores at least «partial» for
   some clause. The other paragraphs of the act's sections are the school's own provisions: carried into
   the new act (the section they stood in, else the section of the nearest library clause), each with a
   Word comment for review; defective ones are dropped and listed with the rule's code and title.
4. The new act is assembled from the library (MAX, legal basis in force on ``as_of``, the kind's words).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..vocab import Section
from .changes import (
    CARRIED_TITLE,
    Added,
    CarriedOver,
    Dropped,
    ModernizeResult,
    OutdatedRef,
    Replaced,
    carry_of,
)
from .old_act import (
    is_item,
    lead_in,
    old_paragraph,
    paragraph_scores,
    provision_paragraphs,
    section_for,
    section_key,
)
from .profile_extract import ProfileExtraction, extract_profile
from .profile_out import Keep, build_profile

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..document import Document
    from ..generator.act import Act
    from ..library import ClauseLibrary, Registry

# Findings that make a provision itself a defect: it is not carried into the new act.
DEFECT_CODES = frozenset({"RK001", "RK002", "RK003", "RK004", "RK005", "RK006", "KS001", "KS002", "KS003", "KS004",
                          "KS005", "KS009", "LR001", "LR002", "LR003", "LR012"})
OUTDATED_CODES = ("LR001", "LR002", "LR003", "LR004", "LR012")
CARRIED_COMMENT = ("Положение перенесено из прежнего акта{where}: в библиотеке типовых положений ему нет "
                   "соответствия. Проверьте, нужно ли оно, и при необходимости измените формулировку.")
_LEGAL_CITE = re.compile(r"(?:Федеральн\w+\s+закон|[Пп]остановлени\w+|[Пп]риказ\w*\s+(?:мин|рос|департ)|"
                         r"[Пп]исьм\w+\s+(?:мин|деп)|[Рр]аспоряжени\w+\s+[Пп]равительства|[Пп]оручени\w+\s+"
                         r"[Пп]равительства|СанПиН|СП\s+\d|(?:разработан|составлен)\w*\s+(?:в\s+соответствии|на\s+основании))",
                         re.IGNORECASE)

_BASIS_LEAD = re.compile(r"(?:разработан|составлен|принят)\w*\s+(?:в\s+соответствии|на\s+основании)|"
                         r"нормативн\w+\s+(?:правов\w+\s+)?(?:основ|баз|акт)", re.IGNORECASE)


# Compulsion of families the risk check (RK001) does not read in every wording («Регистрация … обязательна для
# всех обучающихся»): a provision that obliges students or parents to use the platform is never carried over.
_COMPULSION = re.compile(
    r"(?:регистрац|установк|подключени|использовани|переход)\w*\s+(?:[\w«»\"-]+\s+){0,8}?обязательн\w*"
    r"|обязательн\w*\s+(?:для\s+\w+\s+)?(?:регистрац|установк|подключени|использовани|переход)"
    r"|обязан\w*\s+(?:\w+\s+){0,2}(?:зарегистрир|установ|подключ|использова|перейти|присоедин)", re.IGNORECASE)
_FAMILIES = re.compile(r"обучающ|учащ|родител|законн\w+\s+представител|воспитанник|студент|семь", re.IGNORECASE)
_PLATFORM = re.compile(r"платформ|сферум|икоп|\bmax\b|\bмакс\b|мессенджер|приложени", re.IGNORECASE)


def compulsion(text: str) -> bool:
    """True if ``text`` obliges students or parents to register on or use the platform."""
    return bool(_COMPULSION.search(text) and _FAMILIES.search(text) and _PLATFORM.search(text))


# --- the flow -------------------------------------------------------------------------------------

def modernize(
    source: str | Path | Document,
    *,
    as_of: date | None = None,
    clauses: ClauseLibrary | None = None,
    registry: Registry | None = None,
    answers: dict[str, Any] | None = None,
    ask: Callable[[ProfileExtraction], dict[str, Any]] | None = None,
    clear: bool = False,
) -> ModernizeResult:
    """Read the old act ``source`` and build the current act (see the module docstring).

    ``answers`` fill fields the act does not state (keys as in :class:`.profile_extract.Value.key`,
    e.g. ``organization.head.name``); they are what the user typed, recorded as such. With ``clear`` an empty
    answer erases what the act stated (the web form: the user emptied a field). ``ask`` is called with
    the extraction and returns more answers (``--interactive`` asks at the terminal).
    """
    from ..generator.assemble import assemble
    from ..pipeline import default_clauses, default_registry, run
    from ..rules import RULES
    from ..vocab import DocKind, OrgKind, Platform

    when = as_of or date.today()
    library = clauses or default_clauses()
    reg = registry or default_registry()
    doc, report = run(source, as_of=when, clauses=library, registry=reg)
    extraction = extract_profile(doc)
    if answers:
        apply_answers(extraction, answers, clear=clear)
    if ask is not None:
        apply_answers(extraction, ask(extraction))

    # 1. defects by paragraph
    defects: dict[int, tuple[str, str]] = {}
    for f in report.findings:
        if f.code in DEFECT_CODES and f.location.paragraph is not None:
            defects.setdefault(f.location.paragraph, (f.code, RULES[f.code].title if f.code in RULES else f.message))

    # 2. counterparts in the library
    from ..checks.coverage.matcher import PARTIAL, PRESENT, match_document

    kind = OrgKind(extraction.kind.value or OrgKind.school.value)
    matched: dict[int, tuple[float, Any]] = {}  # paragraph → best score of a clause whose best unit holds it
    found_ids: set[str] = set()
    from ..subject import library_applies

    applies = library_applies(doc)
    if applies:
        for m in match_document(doc, library, kind, set(doc.meta.platforms) or None):
            if m.status == "missing" or m.unit is None:
                continue
            found_ids.add(m.clause.id)
            for k in range(m.unit.first, m.unit.last + 1):
                if k not in matched or matched[k][0] < m.score:
                    matched[k] = (m.score, m.clause)
    scores = paragraph_scores(doc, library, kind, set(doc.meta.platforms) or None)

    dropped: list[Dropped] = []
    replaced: list[Replaced] = []
    carried: list[CarriedOver] = []
    by_lead: dict[int, CarriedOver] = {}
    for i in provision_paragraphs(doc):
        old = old_paragraph(doc, i)
        if i not in defects and compulsion(old.text):
            defects[i] = ("RK001", RULES["RK001"].title)
        if i in defects:
            code, title = defects[i]
            dropped.append(Dropped(old, code, title))
            continue
        best, best_clause = max(scores.get(i, (0.0, None)), matched.get(i, (0.0, None)), key=lambda x: x[0])
        if best >= PRESENT:
            replaced.append(Replaced(old, best_clause.id, best_clause.title, None))
            continue
        lead_i = lead_in(doc, i) if is_item(doc, i) else None
        basis_list = lead_i is not None and _BASIS_LEAD.search(doc.paragraphs[lead_i].text)
        if basis_list or _BASIS_LEAD.search(old.text) or (
                _LEGAL_CITE.search(old.text) and section_key(doc, i) in (Section.general.value, None)):
            # a legal-basis list written inside «Общие положения»: the new act has its own basis
            replaced.append(Replaced(old, "legal_basis", "Правовые основания", None))
            continue
        section = section_for(doc, i, best_clause)
        lead = lead_i
        if lead is not None:
            group = by_lead.get(lead)
            if group is None:
                lead_clause = max(scores.get(lead, (0.0, None)), matched.get(lead, (0.0, None)), key=lambda x: x[0])[1]
                section = section_for(doc, lead, lead_clause)
                group = CarriedOver([old_paragraph(doc, lead)], section)
                if lead in defects:
                    # the lead-in is a defect: its own items stand alone
                    group = CarriedOver([], section)
                by_lead[lead] = group
                carried.append(group)
            if group.old and group.old[-1].paragraph == i:
                continue
            group.old.append(old)
            if best >= PARTIAL:
                group.similar[best_clause.id] = best_clause.title
            continue
        group = CarriedOver([old], section)
        if best >= PARTIAL:
            # a partial likeness: the school's wording may say more (or less) — carried, with a pointer to review
            group.similar[best_clause.id] = best_clause.title
        by_lead[i] = group
        carried.append(group)
    if doc.meta.doc_kind == DocKind.not_local_act:
        # a methodical text or a description of the platform holds no provisions of the school's own
        carried = []
    carried = [c for c in carried if c.old]
    for c in carried:
        if c.old[0].paragraph in {d.old.paragraph for d in dropped}:
            c.old = c.old[1:]
    carried = [c for c in carried if c.old]

    profile = build_profile(extraction, as_of=when, carried=[carry_of(c) for c in carried])
    act = assemble(profile, library, reg)
    keep = _keep(replaced, set(act.clause_ids()), library, kind, doc, to_note := [])
    if keep.options or keep.include:
        profile = build_profile(extraction, as_of=when, carried=[carry_of(c) for c in carried], keep=keep)
        act = assemble(profile, library, reg)

    # labels in the new act
    by_clause: dict[str, str] = {}
    carried_points: list[str] = []
    for s in act.sections:
        for pt in s.points:
            for cid in pt.clause_ids():
                by_clause.setdefault(cid, pt.label)
            if pt.title and pt.title.startswith(CARRIED_TITLE):
                carried_points.append(pt.label)
    for c, label in zip(carried, carried_points, strict=False):
        c.new_label = label
    for r in replaced:
        r.new_label = by_clause.get(r.clause_id)
    added = [Added(cid, library.get(cid).title, by_clause[cid]) for cid in act.clause_ids()  # type: ignore[union-attr]
             if cid not in found_ids and library.get(cid) is not None]
    added = list({a.clause_id: a for a in added}.values())
    outdated = [OutdatedRef(f.code, f.act_id, f.message) for f in report.findings if f.code in OUTDATED_CODES]
    seen: set[tuple] = set()
    outdated = [o for o in outdated if not ((o.code, o.act_id or o.message) in seen or seen.add((o.code, o.act_id or o.message)))]
    platform_change = None
    old_platforms = set(doc.meta.platforms)
    if Platform.vk_messenger in old_platforms:
        platform_change = ("Прежний акт регулирует учебный профиль VK Мессенджера; с 01.09.2025 «Сферум» работает в "
                           "национальном мессенджере MAX — новый акт написан для образовательного пространства "
                           "«Сферум» в MAX.")
    elif not old_platforms & {Platform.max}:
        platform_change = "Новый акт написан для образовательного пространства «Сферум» в национальном мессенджере MAX."

    to_fill = []
    from ..subject import detect_subject

    subject = detect_subject(doc)
    if subject is not None and not subject.library:
        to_fill.append(f"прежний акт — {subject.name}, а не об использовании платформы «Сферум»: новый акт составлен "
                       "как положение о платформе, он не заменяет прежний — решите, нужны ли оба акта")
    if doc.meta.doc_kind == DocKind.not_local_act:
        to_fill.append("прежний документ — не локальный акт (методический материал, описание платформы): его текст "
                       "не переносится, новый акт составлен по библиотеке")
    to_fill += list(extraction.missing)
    to_fill += list(dict.fromkeys(to_note))  # a note once, however many old points led to it
    if not extraction.kind.value:
        to_fill.append("вид организации не определен — акт составлен для общеобразовательной школы; проверьте")
    full = extraction.full_name.value
    if full and full.upper() == full and sum(ch.isalpha() for ch in full) > 10:
        to_fill.append("полное наименование в прежнем акте записано прописными буквами и так перенесено в текст "
                       "нового акта — запишите его в профиле (organization.full_name) так, как в уставе")
    to_fill += [n for n in act.notes if not n.startswith(("Учебный профиль VK", "Не указаны реквизиты"))]
    if any(n.startswith("Не указаны реквизиты") for n in act.notes):
        to_fill.append("в новом акте на месте недостающих реквизитов оставлены пропуски «___» — заполните их до подписания")
    if carried:
        to_fill.append(f"проверить перенесенные положения прежнего акта ({len(carried)}; отмечены примечаниями)")

    comments = {}
    for c in carried:
        if c.new_label:
            where = ", ".join(dict.fromkeys(o.where() for o in c.old))
            text = CARRIED_COMMENT.format(where=f" ({where})")
            like = c.similar_in(by_clause)
            if like:
                text += f" Похоже на {', '.join(like)}: если это одно и то же, удалите перенесенный пункт."
            comments[c.new_label] = text
    docx_bytes = _render_with_comments(act, comments)
    name = str(doc.path or source) if not isinstance(source, str) or "\n" not in source else "текст акта"
    return ModernizeResult(name, when, extraction, profile, act, docx_bytes, doc, report, dropped, replaced, carried,
                           added, outdated, platform_change, to_fill, library, as_of, keep)


_HOURS = re.compile(r"с\s*(\d{1,2})\s*[-:.]\s*(\d{2})\s*(?:ч\.?\s*)?(?:час\w*\s*)?до\s*(\d{1,2})\s*[-:.]\s*(\d{2})")


def _keep(replaced: list[Replaced], in_act: set[str], library: ClauseLibrary, kind: Any, doc: Document,
          notes: list[str]) -> Keep:
    """What the old act had that the library has too but a default profile leaves out: switch it on."""
    from ..vocab import Platform

    keep = Keep()
    applicable = {c.id for c in library.select(kind, {Platform.max})}
    for r in replaced:
        clause = library.get(r.clause_id)
        if clause is None or clause.id in in_act or clause.id not in applicable \
                or clause.section == Section.legal_basis:
            continue
        if clause.option:
            keep.options[clause.option] = True
            if clause.option == "quiet_hours":
                m = _HOURS.search(doc.paragraphs[r.old.paragraph].text)
                if m:
                    keep.options["quiet_from"] = f"{int(m.group(1)):02d}:{m.group(2)}"
                    keep.options["quiet_to"] = f"{int(m.group(3)):02d}:{m.group(4)}"
                else:
                    notes.append("время тишины перенесено с часами по умолчанию (21:00–07:00) — в прежнем акте "
                                 "часы не найдены; проверьте")
        elif clause.id not in keep.include and not clause.requires:
            keep.include.append(clause.id)
    return keep


def apply_answers(x: ProfileExtraction, answers: dict[str, Any], *, clear: bool = False) -> None:
    """Put the user's answers into the fields (the excerpt says they were typed, not read).

    Keys are :attr:`.profile_extract.Value.key` (``organization.head.name``, ``adoption.date``,
    ``councils.0.body``); a council row past the act's own ones is added when its ``body`` is given. An empty
    answer is skipped, or with ``clear`` removes the value the act stated (the user erased it on the web form;
    an erased body removes the whole protocol).
    """
    from .profile_extract import Excerpt, ProtocolValue, Value

    typed = Excerpt("(ответ пользователя)", -1)
    fields = {v.key: v for v in (x.full_name, x.short_name, x.kind, x.locality, x.head_position, x.head_name,
                                 x.doc_kind, x.approval_style, x.order_date, x.order_number)}

    def protocol(role: str, pre: str, body: Any) -> ProtocolValue:
        who = "принявший акт орган" if role == "adoption" else "совет"
        return ProtocolValue(role, Value(f"{pre}.body", who, body, typed),
                             Value(f"{pre}.date", f"дата протокола ({body})"),
                             Value(f"{pre}.number", f"номер протокола ({body})"))

    def council_key(key: str) -> tuple[int, int]:
        parts = key.split(".")
        return (int(parts[1]) if parts[1].isdigit() else 10**6, 0 if parts[-1] == "body" else 1)

    removed: set[int] = set()
    ordered = [k for k in answers if not k.startswith("councils.")] + sorted(
        (k for k in answers if k.startswith("councils.")), key=council_key)
    for key in ordered:
        value = answers[key]
        empty = value is None or value == ""
        if empty and not clear:
            continue
        if key in fields:
            fields[key].value, fields[key].excerpt = (None, None) if empty else (value, typed)
            if not empty and key.startswith("approval.order") and x.approval_style.missing:
                # an order's date or number given: the act is approved by the order
                x.approval_style.value, x.approval_style.excerpt = "utverzhdeno", typed
        elif key == "adoption.body" and x.adoption is None:
            if not empty:
                x.adoption = protocol("adoption", "adoption", value)
        elif key == "adoption.body" and empty:
            x.adoption = None
        elif key.startswith("adoption.") and x.adoption is not None and key.split(".")[1] in ("body", "date", "number"):
            v = getattr(x.adoption, key.split(".")[1])
            v.value, v.excerpt = (None, None) if empty else (value, typed)
        elif key.startswith("councils.") and key.count(".") == 2 and key.split(".")[1].isdigit():
            n, part = int(key.split(".")[1]), key.split(".")[2]
            if n < len(x.councils) and part in ("body", "date", "number"):
                if part == "body" and empty:
                    removed.add(n)
                    continue
                v = getattr(x.councils[n], part)
                v.value, v.excerpt = (None, None) if empty else (value, typed)
            elif part == "body" and not empty:
                x.councils.append(protocol("council", f"councils.{len(x.councils)}", value))
                for p2 in ("date", "number"):
                    if answers.get(f"councils.{n}.{p2}"):
                        v = getattr(x.councils[-1], p2)
                        v.value, v.excerpt = answers[f"councils.{n}.{p2}"], typed
    if removed:
        x.councils = [c for i, c in enumerate(x.councils) if i not in removed]


def _render_with_comments(act: Act, comments: dict[str, str]) -> bytes:
    """The act as DOCX with a Word comment (``comments``: point label → text) on every carried point."""
    import io

    import docx

    from ..generator.docx_writer import render_docx

    data = render_docx(act)
    labels = dict(comments)
    if not labels:
        return data
    wdoc = docx.Document(io.BytesIO(data))
    for para in wdoc.paragraphs:
        head = para.text.split(" ", 1)[0]
        if head in labels and para.runs:
            wdoc.add_comment(para.runs, text=labels.pop(head), author="sferum-policy", initials="SP")
    buf = io.BytesIO()
    wdoc.save(buf)
    return buf.getvalue()

