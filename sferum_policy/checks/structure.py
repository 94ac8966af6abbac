"""Structure and requisites: numbering, approval/adoption marks, dates, kind, truncation, extra text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..dates import format_numeric, format_words, month_number
from ..document import Document, Paragraph
from ..metadata import (
    SELF_REF,
    clean,
    format_label,
    has_letters,
    joined_heading,
    label_numbers,
    label_span,
    section_body,
    self_ref_kind,
)
from ..report import Finding
from ..rules import rule
from ..vocab import DOC_KIND_TITLES, Category, DocKind, OrgKind, Severity
from . import check
from .base import CheckContext, Fix, finding

# --- examples shared by the rules -------------------------------------------------------------

_APPROVAL = "УТВЕРЖДЕНО\n\nприказом директора МБОУ «СОШ № 1» от 30.08.2024 № 55\n\n"
_ADOPTION = "ПРИНЯТО\n\nпедагогическим советом, протокол от 29.08.2024 № 1\n\n"
_CONSENT = "С учетом мнения Совета обучающихся (протокол от 28.08.2024 № 1) и Совета родителей (протокол от 28.08.2024 № 1)\n\n"
_TITLE = "ПОЛОЖЕНИЕ\n\nоб использовании ИКОП «Сферум» в МБОУ «СОШ № 1»\n\n"
_GENERAL = (
    "1. Общие положения\n\n"
    "1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум» в МБОУ «СОШ № 1».\n\n"
    "1.2. Положение вступает в силу со дня его утверждения.\n\n"
)
_FINAL = (
    "2. Заключительные положения\n\n"
    "2.1. Изменения в Положение вносятся в порядке, установленном для его принятия.\n\n"
)
_ACT = _APPROVAL + _ADOPTION + _CONSENT + _TITLE + _GENERAL + _FINAL


def _act(body: str, head: str = _APPROVAL + _ADOPTION + _CONSENT) -> str:
    return head + _TITLE + body


ST001 = rule(
    code="ST001", name="numbering-gap", category=Category.structure, severity=Severity.error,
    title="Пропущен номер пункта",
    why="Пропуск в нумерации («после п. 2.5 идёт п. 2.7») выглядит как потерянный пункт и ломает ссылки "
        "на пункты акта: непонятно, был ли п. 2.6 исключён или его забыли.",
    fix="Перенумеруйте пункты раздела по порядку или верните пропущенный пункт.",
    bad=_act("1. Общие положения\n\n1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум».\n\n"
             "1.3. Положение вступает в силу со дня утверждения.\n\n"),
    good=_act(_GENERAL),
)
ST002 = rule(
    code="ST002", name="numbering-duplicate", category=Category.structure, severity=Severity.error,
    title="Номер пункта повторяется",
    why="Два пункта с одним номером делают ссылку на пункт неоднозначной.",
    fix="Перенумеруйте пункты так, чтобы каждый номер встречался один раз.",
    bad=_act("1. Общие положения\n\n1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум».\n\n"
             "1.2. Положение вступает в силу со дня утверждения.\n\n1.2. Изменения вносятся приказом директора.\n\n"),
    good=_act(_GENERAL + "1.3. Изменения вносятся приказом директора.\n\n"),
)
ST003 = rule(
    code="ST003", name="numbering-order", category=Category.structure, severity=Severity.warning,
    title="Нарушен порядок нумерации",
    why="Пункт с меньшим номером после большего (или пункт чужого раздела) — признак перестановки текста "
        "при редактировании; ссылки на пункты перестают совпадать с их местом.",
    fix="Расставьте пункты по порядку номеров или перенумеруйте их.",
    bad=_act("1. Общие положения\n\n1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум».\n\n"
             "1.3. Изменения вносятся приказом директора.\n\n1.2. Положение вступает в силу со дня утверждения.\n\n"),
    good=_act(_GENERAL + "1.3. Изменения вносятся приказом директора.\n\n"),
)
ST004 = rule(
    code="ST004", name="numbering-orphan", category=Category.structure, severity=Severity.warning,
    title="Подпункт без пункта (раздела) верхнего уровня",
    why="Подпункт 2.1 без раздела 2 или подпункт 1.2.1 без пункта 1.2 означает, что заголовок или пункт "
        "потерян либо номер набран с ошибкой.",
    fix="Добавьте недостающий раздел (пункт) или исправьте номер подпункта.",
    bad=_act("1. Общие положения\n\n1.1. Настоящее Положение определяет порядок использования ИКОП «Сферум».\n\n"
             "2.1. Положение вступает в силу со дня утверждения.\n\n"),
    good=_act(_GENERAL + "2. Заключительные положения\n\n2.1. Положение действует до принятия нового.\n\n"),
)
ST005 = rule(
    code="ST005", name="no-approval", category=Category.structure, severity=Severity.error,
    title="Нет грифа утверждения",
    why="Локальный нормативный акт вступает в силу после утверждения руководителем (приказом); без грифа "
        "«УТВЕРЖДЕНО приказом … от … № …» или «УТВЕРЖДАЮ» нельзя установить, действует ли документ.",
    fix="Добавьте в правый верхний угол первой страницы гриф утверждения: «УТВЕРЖДЕНО приказом директора "
        "от ДД.ММ.ГГГГ № …» (ГОСТ Р 7.0.97, реквизит 16).",
    bad=_act(_GENERAL, head=_ADOPTION + _CONSENT),
    good=_act(_GENERAL),
    basis=("gost-r-7.0.97-2016",),
)
ST006 = rule(
    code="ST006", name="no-adoption", category=Category.structure, severity=Severity.warning,
    title="Нет отметки о принятии (рассмотрении) коллегиальным органом",
    why="Уставы школ обычно отдают принятие локальных актов педагогическому совету (совету учреждения); "
        "без отметки «ПРИНЯТО … протокол от … № …» не видно, что порядок принятия соблюдён "
        "(ч. 4 ст. 30 Федерального закона № 273-ФЗ: акт, принятый с нарушением порядка, не применяется).",
    fix="Добавьте в левый верхний угол отметку «ПРИНЯТО на заседании педагогического совета, протокол от "
        "ДД.ММ.ГГГГ № …» (или иного органа, которому это поручено уставом).",
    bad=_act(_GENERAL, head=_APPROVAL + _CONSENT),
    good=_act(_GENERAL),
    basis=("fz-273",),
)
ST007 = rule(
    code="ST007", name="no-councils-opinion", category=Category.structure, severity=Severity.warning,
    title="Нет отметки об учёте мнения советов обучающихся и родителей",
    why="По ч. 3 ст. 30 Федерального закона № 273-ФЗ при принятии локальных актов, затрагивающих права "
        "обучающихся, учитывается мнение советов обучающихся и советов родителей (при их наличии). Акт об "
        "использовании «Сферума» затрагивает их права; без отметки об учёте мнения его можно оспорить.",
    fix="Добавьте отметку «С учетом мнения Совета обучающихся (протокол от … № …) и Совета родителей "
        "(протокол от … № …)» или пункт о том, что мнение советов учтено.",
    bad=_act(_GENERAL, head=_APPROVAL + _ADOPTION),
    good=_act(_GENERAL),
    basis=("fz-273",),
)
ST008 = rule(
    code="ST008", name="date-format", category=Category.structure, severity=Severity.info,
    title="Дата оформлена не по ГОСТ Р 7.0.97",
    why="ГОСТ Р 7.0.97 допускает две формы даты: цифровую «05.06.2024» (с нулями, без «г.») и словесно-"
        "цифровую «5 июня 2024 г.» (день без нуля и без кавычек, «г.» через пробел).",
    fix="Запишите дату в одной из форм ГОСТ: «30.09.2024» или «30 сентября 2024 г.».",
    bad=_act(_GENERAL.replace("со дня его утверждения", "с 30.09.2024г.")),
    good=_act(_GENERAL.replace("со дня его утверждения", "с 30.09.2024")),
    basis=("gost-r-7.0.97-2016",),
)
ST009 = rule(
    code="ST009", name="kind-contradiction", category=Category.structure, severity=Severity.error,
    title="Документ называет себя по-разному",
    why="Если документ озаглавлен «Порядок», а в тексте говорит «настоящим Положением», неясно, о каком "
        "акте идёт речь; обычно это след копирования из чужого документа.",
    fix="Во всём тексте называйте документ так же, как в заголовке.",
    bad="ПОРЯДОК\n\nиспользования ИКОП «Сферум»\n\n1. Общие положения\n\n"
        "1.1. Настоящий Порядок определяет правила работы в ИКОП «Сферум».\n\n"
        "1.2. Вопросы, не урегулированные настоящим Положением, решаются директором.\n\n",
    good="ПОРЯДОК\n\nиспользования ИКОП «Сферум»\n\n1. Общие положения\n\n"
         "1.1. Настоящий Порядок определяет правила работы в ИКОП «Сферум».\n\n"
         "1.2. Вопросы, не урегулированные настоящим Порядком, решаются директором.\n\n",
)
ST010 = rule(
    code="ST010", name="truncated", category=Category.structure, severity=Severity.warning,
    title="Документ обрывается",
    why="Последний абзац не закончен: нет точки, текст обрывается на запятой, предлоге или на неполном "
        "адресе («info@sf»). Значит, часть документа потеряна при копировании или печати. Обрыв на "
        "неполном адресе или переносе слова — ошибка, остальные случаи — предупреждение.",
    fix="Сверьте документ с оригиналом и восстановите окончание.",
    bad=_act(_GENERAL + "2. Заключительные положения\n\n2.1. Вопросы направляйте по адресу info@sf\n"),
    good=_act(_GENERAL + "2. Заключительные положения\n\n2.1. Вопросы направляйте по адресу info@sferum.ru.\n"),
)
ST011 = rule(
    code="ST011", name="text-after-act", category=Category.structure, severity=Severity.warning,
    title="После заключительных положений идёт посторонний текст",
    why="Текст после заключительных положений, не оформленный как приложение (перечни ресурсов, письма, "
        "новости), становится частью утверждаемого акта, хотя к нему не относится.",
    fix="Удалите этот текст или оформите его как приложение («Приложение 1 к Положению …»), упомянув "
        "приложение в тексте акта.",
    bad=_act(_GENERAL + _FINAL + "Перечень ссылок на электронные образовательные ресурсы, допущенные к использованию "
             "при реализации образовательных программ начального общего, основного общего и среднего общего "
             "образования.\n\nООО «Учи.ру» https://uchi.ru/\n\nООО «Якласс» https://www.yaklass.ru/\n\n"
             "АО «Издательство «Просвещение» https://prosv.ru/\n"),
    good=_act(_GENERAL + _FINAL + "Приложение 1 к Положению\n\nПеречень ссылок на электронные образовательные "
              "ресурсы, допущенные к использованию при реализации образовательных программ начального общего, "
              "основного общего и среднего общего образования.\n\nООО «Учи.ру» https://uchi.ru/\n\n"
              "ООО «Якласс» https://www.yaklass.ru/\n\nАО «Издательство «Просвещение» https://prosv.ru/\n"),
)
ST012 = rule(
    code="ST012", name="empty-section", category=Category.structure, severity=Severity.warning,
    title="Пустой раздел",
    why="Раздел с заголовком, но без пунктов, — признак потерянного при редактировании текста.",
    fix="Заполните раздел или удалите его заголовок и перенумеруйте следующие разделы.",
    bad=_act(_GENERAL + "2. Права участников образовательных отношений\n\n"
             "3. Заключительные положения\n\n3.1. Положение действует до принятия нового.\n\n"),
    good=_act(_GENERAL + "2. Права участников образовательных отношений\n\n"
              "2.1. Участники образовательных отношений пользуются платформой бесплатно.\n\n"
              "3. Заключительные положения\n\n3.1. Положение действует до принятия нового.\n\n"),
)
ST013 = rule(
    code="ST013", name="not-local-act", category=Category.structure, severity=Severity.info,
    title="Документ не является локальным нормативным актом",
    why="В документе нет нумерованных пунктов, грифа утверждения или принятия и слов «настоящее Положение» — "
        "это методический или справочный материал. Требования к реквизитам и полноте акта к нему не "
        "применяются, поэтому замечаний будет меньше.",
    fix="Если документ должен действовать как локальный акт, оформите его как Положение: заголовок, "
        "нумерованные пункты, гриф утверждения и отметку о принятии.",
    bad="Методические рекомендации\n\nПлатформа «Сферум» помогает учителям общаться с обучающимися.\n\n"
        "Для регистрации образовательной организации администратор направляет заявку на адрес info@sferum.ru.\n",
    good=_ACT,
)

ST014 = rule(
    code="ST014", name="blank-requisite", category=Category.structure, severity=Severity.warning,
    title="Реквизиты отметки не заполнены",
    why="Гриф утверждения или отметка о принятии без даты и номера («протокол от ________ № ____», «протокол № .») "
        "не подтверждают, что акт принят и утверждён: по такой отметке нельзя найти протокол или приказ. "
        "Опубликованный акт должен нести заполненные реквизиты (ГОСТ Р 7.0.97, реквизиты 16 и 17).",
    fix="Впишите дату и номер протокола (приказа) в отметку; если акт ещё не принят, не размещайте его как "
        "действующий.",
    bad=_act(_GENERAL, head="ПРИНЯТО\n\nпедагогическим советом, протокол от ________ № ____\n\n" + _APPROVAL
             + _CONSENT),
    good=_act(_GENERAL),
    basis=("gost-r-7.0.97-2016",),
)
ST015 = rule(
    code="ST015", name="mark-agreement", category=Category.structure, severity=Severity.warning,
    title="Отметка не согласована с названием документа",
    why="Отметка согласуется с видом документа: Положение — «ПРИНЯТО», «УТВЕРЖДЕНО» (средний род); Порядок — "
        "«ПРИНЯТ» или «ПРИНЯТО»; Правила — «ПРИНЯТЫ» или «ПРИНЯТО». «Положение … ПРИНЯТ» — ошибка согласования. "
        "Безличная форма «ПРИНЯТО», «УТВЕРЖДЕНО» подходит любому документу.",
    fix="Напишите отметку в среднем роде: «ПРИНЯТО», «УТВЕРЖДЕНО», «СОГЛАСОВАНО», «РАССМОТРЕНО».",
    bad=_act(_GENERAL, head="ПРИНЯТ\n\nпедагогическим советом, протокол от 29.08.2024 № 1\n\n" + _APPROVAL
             + _CONSENT),
    good=_act(_GENERAL),
)

ST016 = rule(
    code="ST016", name="impossible-date", category=Category.structure, severity=Severity.warning,
    title="Невозможная дата документа",
    why="Дата акта, приказа или протокола, которой нет в календаре («31.02.2024») или которая ещё не наступила "
        "(«от 15.03.2089»), — опечатка или ошибка распознавания: по такой дате документ не найти.",
    fix="Сверьте дату с самим документом и исправьте её.",
    bad=_act(_GENERAL.replace("со дня его утверждения", "с даты приказа от 15.03.2089 № 5")),
    good=_act(_GENERAL.replace("со дня его утверждения", "с даты приказа от 01.09.2024 № 5")),
)
ST017 = rule(
    code="ST017", name="organisation-name", category=Category.structure, severity=Severity.warning,
    title="Название организации записано с ошибкой или по-разному",
    why="Полное название организации пишется в акте одинаково и так, как в уставе. Разные инициалы в «имени …», "
        "удвоенная организационно-правовая форма («МБОУ «МБОУ «…»») или форма без названия («в МБОУ .») — "
        "ошибки, из-за которых неясно, чей это акт.",
    fix="Впишите название организации так, как оно записано в уставе, одинаково во всём акте.",
    bad=_act(_GENERAL.replace("в МБОУ «СОШ № 1»", "в МБОУ «СОШ № 1 имени И.С. Тургенева»", 1).replace(
        "Положение вступает в силу", "В МБОУ «СОШ № 1 имени И.А. Тургенева» Положение вступает в силу")),
    good=_act(_GENERAL.replace("в МБОУ «СОШ № 1»", "в МБОУ «СОШ № 1 имени И.С. Тургенева»", 1).replace(
        "Положение вступает в силу", "В МБОУ «СОШ № 1 имени И.С. Тургенева» Положение вступает в силу")),
)

CODES = tuple(f"ST{n:03d}" for n in range(1, 18))


# --- helpers ----------------------------------------------------------------------------------

_ACT_KINDS = (DocKind.polozhenie, DocKind.poryadok, DocKind.pravila, DocKind.instruktsiya)


def _label_finding(r, doc: Document, p: Paragraph, message: str, suggestion: str | None = None) -> Finding:
    span = label_span(p)
    assert span is not None
    label, s, e = span
    return finding(r, doc, message, paragraph=p, start=s, end=e, text=label, suggestion=suggestion)


def _missing(prev: tuple[int, ...], n: int) -> str:
    parent, last = prev[:-1], prev[-1]
    first, final = format_label((*parent, last + 1)), format_label((*parent, n - 1))
    return f"пропущен п. {first}" if n - last == 2 else f"пропущены пп. {first}–{final}"


def _numbering(doc: Document) -> Iterator[Finding]:
    paras = doc.paragraphs
    head_nums: dict[int, int] = {}
    prev_head: int | None = None
    for s in doc.sections:
        nums = label_numbers(paras[s.first])
        if not nums:
            continue
        n = nums[0]
        head_nums[s.index] = n
        p = paras[s.first]
        if prev_head is None and n > 1:
            yield _label_finding(ST001, doc, p, f"первый раздел имеет номер {n}: нумерация разделов должна начинаться с 1",
                                 suggestion="1.")
        elif prev_head is not None and n > prev_head + 1:
            miss = f"пропущен раздел {prev_head + 1}" if n == prev_head + 2 else f"пропущены разделы {prev_head + 1}–{n - 1}"
            yield _label_finding(ST001, doc, p, f"после раздела {prev_head} идёт раздел {n}: {miss}",
                                 suggestion=f"{prev_head + 1}.")
        prev_head = n
    heading_numbers = set(head_nums.values())
    heading_paras = {s.first for s in doc.sections}
    if not doc.sections and _is_act(doc):
        # «1.1. …», «1.2. …» with no «1. Общие положения» anywhere: the section headings were lost
        first = next((p for p in paras if (n := label_numbers(p)) and len(n) == 2), None)
        if first is not None:
            nums = label_numbers(first)
            yield _label_finding(ST004, doc, first, f"п. {format_label(nums)} идёт без раздела {nums[0]}: "  # type: ignore[arg-type]
                                 "в документе нет заголовков разделов")
    last_child: dict[tuple[int, ...], int] = {}
    last_label: dict[tuple[int, ...], tuple[int, ...]] = {}
    seen: set[tuple[int, ...]] = set()
    for p in paras:
        if p.section is None or p.index in heading_paras:
            continue
        nums = label_numbers(p)
        if not nums or len(nums) < 2:
            continue
        parent, n = nums[:-1], nums[-1]
        label = format_label(nums)
        sec_num = head_nums.get(p.section)
        if len(parent) == 1 and heading_numbers and parent[0] not in heading_numbers:
            yield _label_finding(ST004, doc, p, f"п. {label} относится к разделу {parent[0]}, которого в документе нет")
        elif len(parent) == 1 and sec_num is not None and parent[0] != sec_num:
            yield _label_finding(ST003, doc, p, f"п. {label} стоит в разделе {sec_num}, а по номеру относится к разделу {parent[0]}")
        elif len(parent) >= 2 and parent not in seen:
            yield _label_finding(ST004, doc, p, f"подпункт {label} идёт без пункта {format_label(parent)}")
        prev = last_child.get(parent, 0)
        if nums in seen:
            yield _label_finding(ST002, doc, p, f"номер п. {label} повторяется",
                                 suggestion=f"{format_label((*parent, prev + 1))}.")
        elif n < prev:
            yield _label_finding(ST003, doc, p, f"после п. {format_label(last_label[parent])} идёт п. {label}: "
                                 "пункты стоят не по порядку")
        elif n > prev + 1:
            if prev:
                msg = f"после п. {format_label(last_label[parent])} идёт п. {label}: {_missing(last_label[parent], n)}"
            else:
                msg = f"п. {label} — первый в {'разделе' if len(parent) == 1 else 'пункте'} {format_label(parent)}: " + \
                    _missing((*parent, 0), n)
            yield _label_finding(ST001, doc, p, msg, suggestion=f"{format_label((*parent, prev + 1))}.")
        if n >= prev:
            last_child[parent] = n
            last_label[parent] = nums
        seen.add(nums)


def _is_act(doc: Document) -> bool:
    kind = doc.meta.doc_kind
    if kind in _ACT_KINDS:
        return True
    return kind == DocKind.unknown and any((n := label_numbers(p)) and len(n) >= 2 for p in doc.paragraphs)


_OPINION = re.compile(
    r"мнени\w*\s+(?:\w+\s+){0,4}?(?:совет\w*|родительск\w+\s+комитет\w*|представительн\w+\s+орган\w*)\s+(?:\w+\s+)?"
    r"(?:обучающ|учащ|родител|студент|воспитанник|законн)"
    r"|согласован\w*\s+с\s+(?:советом|родительским\s+комитетом)\s+(?:обучающ|учащ|родител|студент)",
    re.IGNORECASE,
)


def _requisites(doc: Document) -> Iterator[Finding]:
    if not _is_act(doc):
        return
    meta = doc.meta
    kinds = {r.kind for r in meta.requisites}
    head = "заведующего" if meta.org_kind == OrgKind.preschool else "директора"
    if "approval" not in kinds:
        yield finding(ST005, doc, "не найден гриф утверждения: в начале документа нет отметки «УТВЕРЖДЕНО приказом … "
                      "от … № …» или «УТВЕРЖДАЮ»",
                      suggestion=f"УТВЕРЖДЕНО приказом {head} от ДД.ММ.ГГГГ № …")
    if meta.org_kind == OrgKind.district:
        return
    if "adoption" not in kinds:
        yield finding(ST006, doc, "не найдена отметка о принятии или рассмотрении акта коллегиальным органом "
                      "(«ПРИНЯТО на заседании педагогического совета, протокол от … № …»)",
                      suggestion="ПРИНЯТО на заседании педагогического совета, протокол от ДД.ММ.ГГГГ № …")
    if "consent" not in kinds and not _OPINION.search(doc.text) and not _staff_only(meta.title):
        councils = "Совета родителей" if meta.org_kind == OrgKind.preschool else "Совета обучающихся и Совета родителей"
        yield finding(ST007, doc, f"нет отметки об учёте мнения {councils} (ч. 3 ст. 30 Федерального закона "
                      "№ 273-ФЗ): акт затрагивает права обучающихся",
                      suggestion=f"С учетом мнения {councils} (протокол от ДД.ММ.ГГГГ № …)", act_id="fz-273")


# An act about staff only («Порядок доступа педагогических работников к …») does not touch the rights of
# students: the councils' opinion (ч. 3 ст. 30) is not owed; ч. 4 ст. 30 (workers' body) is another matter.
_STAFF = re.compile(r"\bработник\w*|\bсотрудник\w*|\bперсонал\w*", re.IGNORECASE)
_LEARNERS = re.compile(r"обучающ\w*|учащ\w+|родител\w*|воспитанник\w*|студент\w*|участник\w*|\bдет(?:ей|и|ям)\b|"
                       r"ученик\w*|слушател\w*|чат\w*|\bсферум|\bикоп|платформ\w*|мессенджер\w*", re.IGNORECASE)


def _staff_only(title: str | None) -> bool:
    return bool(title) and bool(_STAFF.search(title)) and not _LEARNERS.search(title)  # type: ignore[arg-type]


# Blanks in a mark: a date line or number left empty («от ________», «№_____», «протокол № .», «№ УТВЕРЖДЕНО»),
# or a signer's name followed by an empty date line in a mark that carries no date at all.
_BLANK_DATE = re.compile(r"\bот\s*_{3,}[\d\s]*(?:г\.?)?|[«\"]\s*_{2,}\s*[»\"]\s*_{3,}\s*(?:20_*\d*)?\s*(?:г\.?)?")
_BLANK_NUMBER = re.compile(r"№[ \t]*(?:_{2,}|\.(?![\d\w])|(?=[ \t]*(?:\n(?!\s*[\dА-Яа-я]{1,6}\b)|$|[А-ЯЁ]{4,}\b|"
                           r"от\s+\d{4}\s*г)))")
_NAME_THEN_BLANK = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:\s*\n)?\s*_{3,}\s*(?=\n|$)")


def _blank_requisites(doc: Document) -> Iterator[Finding]:
    if not _is_act(doc):
        return
    reqs = [r for r in doc.meta.requisites if r.paragraph is not None]
    for n, r in enumerate(reqs):
        start = doc.paragraphs[r.paragraph].start  # type: ignore[index]
        nxt = next((q for q in reqs[n + 1:] if q.paragraph != r.paragraph), None)
        end = doc.paragraphs[nxt.paragraph].start if nxt is not None else start + 400  # type: ignore[index]
        # the mark's own text: from its word to the next mark (several marks may share one line)
        seg = doc.text[start: min(end, start + 400)]
        at = seg.find(r.text.split()[0]) if r.text else 0
        at = max(at, 0)
        same = [q for q in reqs if q.paragraph == r.paragraph and q is not r]
        cut = len(seg)
        for q in same:
            k = seg.find(q.text.split()[0], at + 1) if q.text else -1
            if k > at:
                cut = min(cut, k)
        seg = seg[:cut]
        blanks = [m for rx in (_BLANK_DATE, _BLANK_NUMBER) for m in rx.finditer(seg, at)]
        if not blanks and r.kind == "approval" and r.date is None:
            blanks = list(_NAME_THEN_BLANK.finditer(seg, at))
        if not blanks:
            continue
        blanks.sort(key=lambda m: m.start())
        a, b = blanks[0].start(), max(m.end() for m in blanks)
        p = doc.paragraph_at(start + a)
        if p is None:
            continue
        what = {"approval": "в грифе утверждения", "adoption": "в отметке о принятии",
                "consent": "в отметке об учёте мнения советов", "agreement": "в отметке о согласовании"}.get(
                    r.kind, "в отметке")
        gaps = []
        if any(m.re is _BLANK_DATE or m.re is _NAME_THEN_BLANK for m in blanks):
            gaps.append("дата")
        if any(m.re is _BLANK_NUMBER for m in blanks):
            gaps.append("номер")
        yield finding(ST014, doc, f"{what} не заполнены реквизиты: {' и '.join(gaps)}",
                      paragraph=p, start=start + a - p.start, end=min(start + b, p.end) - p.start,
                      suggestion=None)


_MARK_FORM = re.compile(r"\b(ПРИНЯТ|УТВЕРЖДЕН|СОГЛАСОВАН|РАССМОТРЕН)([АЫ]?)\b")
_KIND_ENDING = {DocKind.polozhenie: ("О",), DocKind.poryadok: ("", "О"), DocKind.pravila: ("Ы", "О"),
                DocKind.instruktsiya: ("А", "О")}


def _mark_agreement(doc: Document) -> Iterator[Finding]:
    allowed = _KIND_ENDING.get(doc.meta.doc_kind)
    if not allowed:
        return
    seen = set()
    for r in doc.meta.requisites:
        if r.paragraph is None or r.paragraph in seen:
            continue
        seen.add(r.paragraph)
        p = doc.paragraphs[r.paragraph]
        m = _MARK_FORM.search(p.text)
        if m is None or m.group(2) in allowed:
            continue
        kind = DOC_KIND_TITLES[doc.meta.doc_kind]
        yield finding(ST015, doc, f"«{m.group()}» не согласовано с названием документа «{kind}»: нужно «{m.group(1)}О»",
                      paragraph=p, start=m.start(), end=m.end(), suggestion=f"{m.group(1)}О",
                      fix=Fix(f"{m.group(1)}О"), args={"mark": m.group(), "doc_kind": kind})


# The date of a document cited or of a requisite: «от 15.03.2089», «от 31 февраля 2024 г.»
_DOC_DATE = re.compile(r"(?:\bот\s+|(?<![\d.])(?=\d{1,2}\.\d{1,2}\.\d{4}\s*(?:N|№)))"
                       r"(?:(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])|(\d{1,2})\s+([а-я]+)\s+(\d{4}))", re.IGNORECASE)


def _impossible_dates(doc: Document, as_of) -> Iterator[Finding]:
    from datetime import date

    horizon = as_of.year + 1
    for p in doc.paragraphs:
        if _DIGIT.search(p.text) is None:
            continue
        for m in _DOC_DATE.finditer(p.text):
            if m.group(1):
                d_, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                mo = month_number(m.group(5)) or 0
                if not mo:
                    continue
                d_, y = int(m.group(4)), int(m.group(6))
            if not (d_ and mo and y):
                continue  # «00.00.0000» is a template's placeholder (KS008), not a date
            try:
                d = date(y, mo, d_)
            except ValueError:
                why = "такой даты нет в календаре"
            else:
                if d.year <= horizon and d.year >= 1900:
                    continue
                why = "эта дата ещё не наступила" if d.year > horizon else "дата слишком ранняя"
            s = m.start(1) if m.group(1) else m.start(4)
            yield finding(ST016, doc, f"дата документа «{p.text[s:m.end()]}» невозможна: {why}",
                          paragraph=p, start=s, end=m.end())


# «МБОУ «МБОУ «…»»», «в МБОУ .», «имени И.С. Тургенева» … «имени И.А. Тургенева»
_FORM = r"(?:[МГ]?[БАКО]?[ДП]?ОУ(?:\s*ДО)?|[МГ][БАК]?У(?:\s*ДО)?|НЧОУ|ЧОУ|АНО(?:\s*ДО)?)"
_DOUBLE_FORM = re.compile(rf"\b({_FORM})\s*[«\"“]\s*\1\b")
_FORM_LATIN = str.maketrans("MKOYyBAHPCTEXmkoabhpctex", "МКОУуВАНРСТЕХмкоавнрстех")
_NO_NAME = re.compile(r"(?<![\w-])([MМ][A-ZА-Яa-zа-я]{1,4}[OОoо][УуYy])\s+[.,;](?!\w)")
_NAMED = re.compile(r"\bимени\s+((?:[А-ЯЁ]\.\s?){1,2})\s*([А-ЯЁ][а-яё]+)")


_FORM_QUOTE = re.compile(rf"(?:\b{_FORM}|\b[Уу]чреждени[еяюи]|\b[Оо]рганизаци[яиюей])\s*«")


def _quoted_names(text: str) -> Iterator[tuple[int, int, str]]:
    """Names in «…» after a legal form, with nested quotes kept: (start, end, name)."""
    for m in _FORM_QUOTE.finditer(text):
        depth = 0
        last = None
        for k in range(m.end() - 1, min(len(text), m.end() + 300)):
            c = text[k]
            if c == "«":
                depth += 1
            elif c == "»":
                depth -= 1
                last = k
                if depth == 0:
                    yield m.end(), k, " ".join(text[m.end():k].split())
                    break
            elif c == "\n" and last is not None and depth > 0:
                # «Лицей «Новая школа»: nested quotes closed by one «»» at the end of the line
                yield m.end(), last, " ".join(text[m.end():last].split())
                break


def _organisation_name(doc: Document) -> Iterator[Finding]:
    seen_initials: dict[str, tuple[str, Paragraph, re.Match]] = {}
    reported = False
    quoted: dict[str, str] = {}
    for a, b, name in _quoted_names(doc.text):
        flat = re.sub(r"[«»\"“”\s]", "", name).lower()
        first = quoted.setdefault(flat, name)
        p = doc.paragraph_at(a)
        if first != name and first.count("«") != name.count("«") and not reported and p is not None:
            reported = True
            yield finding(ST017, doc, f"название организации записано по-разному: «{first}» и «{name}» "
                          "(кавычки внутри названия)", paragraph=p, start=a - p.start,
                          end=min(b, p.end) - p.start, suggestion=None)
    for p in doc.paragraphs:
        text = p.text
        for m in _DOUBLE_FORM.finditer(text):
            yield finding(ST017, doc, f"организационно-правовая форма в названии повторена: «{m.group()}»",
                          paragraph=p, start=m.start(), end=m.end(), suggestion=None)
        for m in _NO_NAME.finditer(text):
            form = m.group(1).translate(_FORM_LATIN).upper()
            if not re.fullmatch(_FORM, form):
                continue
            yield finding(ST017, doc, f"после «{m.group(1)}» не вписано название организации",
                          paragraph=p, start=m.start(), end=m.end(), suggestion=None)
        for m in _NAMED.finditer(text):
            initials = re.sub(r"\s", "", m.group(1))
            surname = m.group(2)
            first = seen_initials.get(surname)
            if first is None:
                seen_initials[surname] = (initials, p, m)
            elif first[0] != initials and not reported:
                reported = True
                yield finding(ST017, doc, f"в названии организации «имени {first[0]} {surname}» и «имени {initials} "
                              f"{surname}»: инициалы не совпадают", paragraph=p, start=m.start(), end=m.end(),
                              suggestion=None)


_MONTHS = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_DIGIT = re.compile(r"\d")
_NUM_DATE = re.compile(r"(?<![\d./])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?:(\s*)(г\.?|года?)(?![а-яё]))?", re.IGNORECASE)
# A number of sanitary rules, a standard or another act is never a date: «СП 2.4.3648-20», «СанПиН 2.2.2/2.4.1340-03»,
# «ГОСТ Р 7.0.97-2025», «№ 1.2.3685». Such numbers have no year a local act could carry (see _YEARS), and this
# pattern refuses a number that follows an act-number code or «№»; date ranges («1.09.2025-31.05.2026») stay dates.
_YEARS = range(1900, 2200)
_CODE_BEFORE = re.compile(r"(?:\b(?:СП|СанПиН|ГОСТ(?:\s*Р)?|СНиП|МР|МУ|ГН|ОК|ОСТ|РД|ТУ)|№|\bN)\s*[\d./]*$", re.IGNORECASE)
_WORD_DATE = re.compile(r"([«\"“]\s*)?(\d{1,2})(\s*[»\"”])?\s+(" + _MONTHS + r")\s+(\d{4})(?:(\s*)(г\.|г\b|года?\b))?",
                        re.IGNORECASE)


_NEXT_SENTENCE = re.compile(r"\s+[А-ЯЁA-Z«]")


def _quoted(text: str, at: int) -> bool:
    """True inside «…» — the name of a file, a collection or another document, written as its authors wrote it."""
    return text.count("«", 0, at) > text.count("»", 0, at)


def _date_fix(text: str, m: re.Match, good: str, clause: bool) -> Fix:
    """The GOST form of a date; a «г.» whose dot also ends a sentence — the last of a numbered clause
    (``clause``), or one followed by the next — leaves the dot (a heading line «… от 23.09.2024 г.» does not
    end a sentence). Inside quotes a person decides (unsafe): the date may belong to a title."""
    ends = not text[m.end():].strip() if clause else False
    if m.group().endswith(".") and not good.endswith(".") and (ends or _NEXT_SENTENCE.match(text, m.end())):
        good += "."
    return Fix(good, "unsafe" if _quoted(text, m.start()) else "safe")


def _dates(doc: Document) -> Iterator[Finding]:
    from datetime import date

    for p in doc.paragraphs:
        text = p.text
        if _DIGIT.search(text) is None:
            continue  # most paragraphs: no date to look at
        for m in _NUM_DATE.finditer(text):
            if _CODE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                continue
            d_, mo, y = map(int, m.group(1, 2, 3))
            if y not in _YEARS:
                continue
            try:
                d = date(y, mo, d_)
            except ValueError:
                continue
            problems = []
            if m.group(5):
                problems.append(f"после даты в цифровой форме «{m.group(5)}» не пишется")
            if len(m.group(1)) == 1 or len(m.group(2)) == 1:
                problems.append("день и месяц пишутся двумя цифрами")
            if problems:
                yield finding(ST008, doc, f"дата «{m.group()}» оформлена не по ГОСТ Р 7.0.97: " + "; ".join(problems),
                              paragraph=p, start=m.start(), end=m.end(), suggestion=format_numeric(d),
                              act_id="gost-r-7.0.97-2016", fix=_date_fix(text, m, format_numeric(d), bool(p.label)),
                              args={"date": m.group(), "correction": format_numeric(d)})
        for m in _WORD_DATE.finditer(text):
            mo = month_number(m.group(4))
            try:
                d = date(int(m.group(5)), mo or 0, int(m.group(2)))
            except ValueError:
                continue
            problems = []
            if m.group(1) or m.group(3):
                problems.append("день не берётся в кавычки")
            if m.group(2).startswith("0"):
                problems.append("день пишется без нуля впереди")
            if m.group(7) and m.group(7).lower().startswith("г") and not m.group(7).lower().startswith("год") \
                    and not m.group(6):
                problems.append("«г.» отделяется пробелом")
            if problems:
                suffix = " года" if m.group(7) and m.group(7).lower().startswith("год") else ""
                good = format_words(d)[:-3] + suffix if suffix else format_words(d)
                yield finding(ST008, doc, f"дата «{m.group().strip()}» оформлена не по ГОСТ Р 7.0.97: " + "; ".join(problems),
                              paragraph=p, start=m.start(), end=m.end(), suggestion=good, act_id="gost-r-7.0.97-2016",
                              fix=_date_fix(text, m, good, bool(p.label)),
                              args={"date": m.group().strip(), "correction": good})


_FORMS: dict[DocKind, dict[str, tuple[str, str]]] = {
    DocKind.polozhenie: {"nomn": ("настоящее", "Положение"), "gent": ("настоящего", "Положения"),
                         "datv": ("настоящему", "Положению"), "ablt": ("настоящим", "Положением"),
                         "loct": ("настоящем", "Положении"), "accs": ("настоящее", "Положение")},
    DocKind.poryadok: {"nomn": ("настоящий", "Порядок"), "gent": ("настоящего", "Порядка"),
                       "datv": ("настоящему", "Порядку"), "ablt": ("настоящим", "Порядком"),
                       "loct": ("настоящем", "Порядке"), "accs": ("настоящий", "Порядок")},
    DocKind.pravila: {"nomn": ("настоящие", "Правила"), "gent": ("настоящих", "Правил"),
                      "datv": ("настоящим", "Правилам"), "ablt": ("настоящими", "Правилами"),
                      "loct": ("настоящих", "Правилах"), "accs": ("настоящие", "Правила")},
    DocKind.instruktsiya: {"nomn": ("настоящая", "Инструкция"), "gent": ("настоящей", "Инструкции"),
                           "datv": ("настоящей", "Инструкции"), "ablt": ("настоящей", "Инструкцией"),
                           "loct": ("настоящей", "Инструкции"), "accs": ("настоящую", "Инструкцию")},
}


def _case_of(kind: DocKind, noun: str) -> str | None:
    n = noun.lower()
    for case, (_, form) in _FORMS[kind].items():
        if n == form.lower():
            return case
    return None


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word[:1].lower() + word[1:]


_KIND_WORD_HEAD = re.compile(r"^(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ)(?=$|[\s.:])")
# … or in the front matter, before the first section, a title in ordinary case («Положение о применении …»)
_KIND_WORD_TITLE = re.compile(r"^(Положение|Порядок|Правила|Инструкция)\s+(?:об?|по|для|пользования|использования|"
                              r"взаимодействия|применения|работы|организации|общения)\b")


_KIND_IN_TITLE = re.compile(r"\b(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|Положение|Порядок|Правила)\s+(?:об?|по)\s")


# «к настоящему Положению о школьном сайте»: a name follows — maybe another act, a person decides
_OF_ANOTHER = re.compile(r"\s+(?:о|об|обо|по)\s", re.IGNORECASE)


def _kind_contradiction(doc: Document) -> Iterator[Finding]:
    own = doc.meta.doc_kind
    if own not in _ACT_KINDS:
        return
    own_title = DOC_KIND_TITLES[own]
    # a website's page title («Правила общения в чатах») glued above the act: the act's own heading
    # («ПОЛОЖЕНИЕ …») further on names the kind it calls itself by, and that is no contradiction
    headed = set()
    front = doc.sections[0].first if doc.sections else min(len(doc.paragraphs), 80)
    for k, p in enumerate(doc.paragraphs[:80]):
        t = clean(p.text)
        hm = _KIND_WORD_HEAD.match(t) or (_KIND_WORD_TITLE.match(t) if k < front else None)
        if hm and len(t) < 300 and not label_span(p):
            headed.add(self_ref_kind(hm.group(1)))
    # a page title glued to the act's own title in one line: «Правила … — сайт школы Положение о …»
    for m in _KIND_IN_TITLE.finditer(doc.meta.title or ""):
        if m.start() > 0:
            headed.add(self_ref_kind(m.group(1)))
    for p in doc.paragraphs:
        if p.section is None:
            continue
        for m in SELF_REF.finditer(p.text):
            kind = self_ref_kind(m.group(2))
            if kind is None or kind == own or kind in headed:
                continue
            case = _case_of(kind, m.group(2)) or "nomn"
            adj, noun = _FORMS[own][case]
            good = f"{_match_case(m.group(1), adj)} {_match_case(m.group(2), noun)}"
            yield finding(ST009, doc, f"документ озаглавлен «{own_title}», а здесь называет себя "
                          f"«{DOC_KIND_TITLES[kind]}»: «{m.group()}»", paragraph=p, start=m.start(), end=m.end(),
                          suggestion=good, fix=Fix(good, "unsafe" if _OF_ANOTHER.match(p.text, m.end()) else "safe"),
                          args={"doc_kind": own_title, "said": DOC_KIND_TITLES[kind], "correction": good})


_CUT_ADDRESS = re.compile(r"(?:[\w.+-]+@[\w-]*|https?://[\w-]*|www\.[\w-]*)$")
_CUT_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]-$")
_DANGLING = re.compile(r"(?:[,;:]|\s(?:и|или|а|в|во|на|с|со|по|к|от|для|из|о|об|а\s+также|либо))$", re.IGNORECASE)
_NOT_SENTENCE = re.compile(r"_{3,}|^(?:приложение|директор|заведующ|руководител|м\.\s*п\.)", re.IGNORECASE)


def _act_end(doc: Document) -> Paragraph | None:
    last = doc.sections[-1].last if doc.sections else len(doc.paragraphs) - 1
    heads = {s.first for s in doc.sections}
    for k in range(last, -1, -1):
        p = doc.paragraphs[k]
        if has_letters(p.text):
            if (k in heads or p.kind == "heading") and not joined_heading(p):
                return None
            return p
    return None


_SHEET = re.compile(r"\W*лист\s+ознакомления\W*$", re.IGNORECASE)


def _truncation(doc: Document) -> Iterator[Finding]:
    p = _act_end(doc)
    if p is None:
        return
    text = p.text.rstrip().rstrip("*").rstrip()
    if not text or _NOT_SENTENCE.search(clean(text)):
        return
    if any(_SHEET.match(q.text) for q in doc.paragraphs[max(0, p.index - 80): p.index + 1]):
        return  # the act ends with a «лист ознакомления»: a table of signatures, not a sentence
    m = _CUT_ADDRESS.search(text, max(0, len(text) - 256))  # only the tail: linear on huge lines
    if m and not re.search(r"\.[A-Za-zА-Яа-яЁё]{2,}/?$", m.group()):
        yield finding(ST010, doc, f"документ обрывается на неполном адресе «{m.group()}»: окончание текста потеряно",
                      paragraph=p, start=m.start(), end=m.end(), severity=Severity.error)
        return
    if _CUT_WORD.search(text):
        w = re.search(r"\S+$", text)
        assert w is not None
        yield finding(ST010, doc, f"документ обрывается на переносе слова «{w.group()}»: окончание текста потеряно",
                      paragraph=p, start=w.start(), end=w.end(), severity=Severity.error)
        return
    if text.endswith((".", "!", "?", "…", "»", ")")) and not _DANGLING.search(text):
        return
    w = re.search(r"\S+$", text)
    assert w is not None
    if _DANGLING.search(text):
        msg = f"последний абзац обрывается на «{w.group()}»: похоже, окончание документа потеряно"
    else:
        msg = f"последний абзац заканчивается словом «{w.group()}» без точки: похоже, окончание документа потеряно"
    yield finding(ST010, doc, msg, paragraph=p, start=w.start(), end=w.end())


def _tail(doc: Document) -> Iterator[Finding]:
    if not doc.sections:
        return
    last = doc.sections[-1]
    rest = [p for p in doc.paragraphs[last.last + 1:] if has_letters(p.text)]
    if not rest:
        return
    words = sum(len(p.text.split()) for p in rest)
    place = f"раздела {last.label.rstrip('.')} «{last.title}»" if last.label else f"раздела «{last.title}»"
    first = rest[0]
    yield finding(ST011, doc, f"после заключительных положений ({place}) идёт текст, не относящийся к акту: "
                  f"{len(rest)} абз., {words} слов, начиная с «{' '.join(clean(first.text).split()[:8])}…»",
                  paragraph=first,
                  suggestion="удалите этот текст или оформите его как приложение к акту")


# A numbered line that cites an act («2. Распоряжение Правительства … от 12.07.2025 № 1880-р …») or names an
# amendment («1. О внесении изменений в Положение …») is an item of a list, not a section heading.
_CITATION_ITEM = re.compile(
    r"^(?:(?:Федеральн\w+\s+закон|Закон|Указ|Постановлени\w+|Распоряжени\w+|Приказ|Письм\w+|Конституци\w+|"
    r"Санитарн\w+|СП|СанПиН|ГОСТ)\b.*(?:\bот\s+\d|№|\bN\s*\d)|О\s+внесении\s+изменени)", re.IGNORECASE)


def _empty_sections(doc: Document) -> Iterator[Finding]:
    if doc.meta.doc_kind == DocKind.not_local_act:
        return  # a web page or a letter has no sections to fill
    for s in doc.sections:
        p = doc.paragraphs[s.first]
        if _CITATION_ITEM.match(clean(s.title)) or len(s.title.split()) > 20:
            continue
        if not joined_heading(p) and not any(has_letters(b.text) for b in section_body(doc, s)):
            name = f"{s.label.rstrip('.')} «{s.title}»" if s.label else f"«{s.title}»"
            yield finding(ST012, doc, f"раздел {name} пуст: после заголовка нет ни одного пункта", paragraph=p)


def _not_local_act(doc: Document) -> Iterator[Finding]:
    if doc.meta.doc_kind == DocKind.not_local_act:
        yield finding(ST013, doc, "документ не похож на локальный нормативный акт: в нём нет нумерованных пунктов, "
                      "грифа утверждения или принятия и слов «настоящее Положение»; это методический материал, "
                      "поэтому требования к реквизитам и полноте акта к нему не применяются")


@check("structure", order=10, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Numbering, requisites, dates, self-naming, truncation, text after the act, empty sections."""
    yield from _not_local_act(doc)
    yield from _numbering(doc)
    yield from _requisites(doc)
    yield from _blank_requisites(doc)
    yield from _mark_agreement(doc)
    if ctx.wants("ST008"):
        yield from _dates(doc)
    yield from _impossible_dates(doc, ctx.as_of)
    yield from _organisation_name(doc)
    yield from _kind_contradiction(doc)
    yield from _truncation(doc)
    yield from _tail(doc)
    yield from _empty_sections(doc)
