"""A commented profile template (``sferum-policy init``): defaults per organisation kind, Russian comments."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from ..dates import format_numeric
from ..vocab import ORG_KIND_TITLES, OrgKind


@dataclass
class Answers:
    """What ``init`` asks (or takes from the kind's defaults)."""

    kind: str
    full_name: str
    short_name: str
    locality: str
    head_position: str
    head_name: str
    doc_kind: str = "polozhenie"
    platforms: list[str] = field(default_factory=lambda: ["max"])
    adoption_body: str = "педагогический совет"
    adoption_date: date | None = None
    adoption_number: str = "1"
    councils: list[str] = field(default_factory=list)
    order_date: date | None = None
    order_number: str | None = "1"
    style: str = "utverzhdeno"
    quiet_hours: bool = False
    quiet_from: str = "21:00"
    quiet_to: str = "07:00"
    familiarisation_sheet: bool = False
    # Protocol date and number of each council (by name); what is missing stays a blank in the act.
    council_protocols: dict[str, tuple[date | None, str | None]] = field(default_factory=dict)
    # True for the template of ``init --no-input``: its values are examples, ``generate`` refuses it.
    example: bool = False


_DEFAULTS: dict[OrgKind, dict] = {
    OrgKind.school: dict(
        full_name="Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»",
        short_name="МБОУ «СОШ № 1»", head_position="Директор", councils=["совет обучающихся", "совет родителей"]),
    OrgKind.boarding_school: dict(
        full_name="Государственное бюджетное общеобразовательное учреждение «Школа-интернат № 1»",
        short_name="ГБОУ «Школа-интернат № 1»", head_position="Директор",
        councils=["совет обучающихся", "совет родителей"]),
    OrgKind.preschool: dict(
        full_name="Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 1»",
        short_name="МБДОУ «Детский сад № 1»", head_position="Заведующий", councils=["совет родителей"],
        quiet_from="20:00", quiet_to="08:00"),
    OrgKind.college: dict(
        full_name="Государственное автономное профессиональное образовательное учреждение «Энский колледж»",
        short_name="ГАПОУ «Энский колледж»", head_position="Директор",
        councils=["студенческий совет", "совет родителей"]),
    OrgKind.additional: dict(
        full_name="Муниципальное автономное учреждение дополнительного образования «Дом детского творчества»",
        short_name="МАУ ДО «ДДТ»", head_position="Директор", councils=["совет родителей"]),
    OrgKind.district: dict(
        full_name="Управление образования администрации Энского муниципального округа",
        short_name="Управление образования", head_position="Начальник управления", councils=[],
        adoption_body=""),
}


def default_answers(kind: OrgKind | str, today: date | None = None) -> Answers:
    """Example answers for ``kind`` (an organisation to replace with the user's own)."""
    kind = OrgKind(kind)
    today = today or date.today()
    values = dict(_DEFAULTS[kind])
    return Answers(kind=kind.value, locality="г. Энск", head_name="И.И. Иванова", adoption_date=today,
                   order_date=today, **values)


def _q(value: str) -> str:
    """A YAML scalar that survives any text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _req(value: date | str | None, what: str) -> str:
    """A requisite's YAML value, or an empty one with a note that the act will show a blank."""
    if value is None or value == "":
        return f"   # {what} — не указано, в акте будет пропуск «___»; впишите значение"
    return f" {format_numeric(value) if isinstance(value, date) else _q(value)}"


def render_template(a: Answers) -> str:
    """The profile as commented YAML (comments in Russian explain every field).

    Requisites the user did not give (protocol and order dates and numbers) are left empty: the act
    then shows a visible blank, never an invented value. An example template (``a.example``) carries
    ``example: true``, which ``generate`` refuses until the user has put in the organisation's data.
    """
    kinds = ", ".join(f"{k.value} — {t}" for k, t in ORG_KIND_TITLES.items())
    if a.example:
        a.adoption_date = a.order_date = None
        a.adoption_number = a.order_number = None
        a.council_protocols = {}
    lines = [
        "# Профиль организации для «sferum-policy generate ПРОФИЛЬ -o положение.docx».",
        "# Заполните поля своими данными; строки с «#» — пояснения, их можно удалить.",
        "# Даты пишутся как ДД.ММ.ГГГГ (30.08.2026).",
        "",
    ]
    if a.example:
        lines += [
            "# ЭТО ШАБЛОН: наименования, фамилия руководителя и населенный пункт ниже — примеры.",
            "# Впишите данные своей организации и реквизиты протоколов и приказа, затем удалите строку",
            "# «example: true»: пока она есть, generate откажется создавать акт.",
            "example: true",
            "",
        ]
    lines += [
        "organization:",
        "  # Полное наименование по уставу — печатается вверху первой страницы.",
        f"  full_name: {_q(a.full_name)}",
        "  # Сокращенное наименование — используется в заголовке и грифе.",
        f"  short_name: {_q(a.short_name)}",
        f"  # Вид организации: {kinds}.",
        "  # От него зависят слова акта: классный руководитель / куратор / воспитатель, обучающиеся / студенты.",
        f"  kind: {a.kind}",
        "  # Населенный пункт (необязательно).",
        f"  locality: {_q(a.locality)}" if a.locality else "  # locality: \"г. Северск\"",
        "  head:",
        "    # Должность руководителя (Директор, Заведующий, Начальник управления).",
        f"    position: {_q(a.head_position)}",
        "    # Фамилия с инициалами: «А.В. Смирнова» или «Смирнова А.В.».",
        f"    name: {_q(a.head_name)}",
        "",
        "document:",
        "  # Вид акта: polozhenie (Положение) или poryadok (Порядок).",
        f"  kind: {a.doc_kind}",
        "  # Платформа: max (Сферум в национальном мессенджере MAX, по умолчанию), vk_messenger (учебный",
        "  # профиль VK Мессенджера), both (оба), web (веб-версия). Можно списком: [max, web].",
        f"  platforms: [{', '.join(a.platforms)}]",
        "  # На какую дату подбирать действующие нормативные акты (по умолчанию — сегодня).",
        "  # as_of: 01.09.2026",
        "",
    ]
    if a.adoption_body:
        lines += [
            "# Коллегиальный орган, который принимает акт (отметка «ПРИНЯТО» слева вверху).",
            "adoption:",
            "  # Название в именительном падеже: «педагогический совет» — в акте будет «педагогическим советом».",
            f"  body: {_q(a.adoption_body)}",
            f"  date:{_req(a.adoption_date, 'дата протокола')}",
            f"  number:{_req(a.adoption_number, 'номер протокола')}",
            "",
        ]
    elif a.kind != OrgKind.district.value:
        lines += [
            "# Коллегиальный орган, который принимает акт (отметка «ПРИНЯТО»), — если он есть:",
            "# adoption:",
            "#   body: педагогический совет",
            "#   date: 30.08.2026",
            "#   number: \"1\"",
            "",
        ]
    if a.kind == OrgKind.district.value:
        lines += ["# Орган управления образованием утверждает примерное положение приказом; советы подведомственных",
                  "# организаций учитываются при принятии их собственных актов.", "councils: []"]
    else:
        lines += [
            "# Советы, мнение которых учтено при принятии (ч. 3 ст. 30 Федерального закона № 273-ФЗ):",
            "# отметки «С учетом мнения» слева вверху. Названия — в именительном падеже.",
        ]
        if a.councils:
            lines.append("councils:")
            for body in a.councils:
                day, number = a.council_protocols.get(body, (None, None))
                lines += [f"  - body: {_q(body)}", f"    date:{_req(day, 'дата протокола')}",
                          f"    number:{_req(number, 'номер протокола')}"]
        else:
            lines += ["councils: []", "# councils:", "#   - body: совет родителей", "#     date: 30.08.2026",
                      "#     number: \"1\""]
    lines += [
        "",
        "# Утверждение: utverzhdeno — «УТВЕРЖДЕНО приказом … от … № …», utverzhdayu — «УТВЕРЖДАЮ» с подписью",
        "# руководителя и датой (номер приказа тогда не указывается). Для органа управления образованием —",
        "# приказ, к которому примерное положение прилагается.",
        "approval:",
        f"  style: {a.style}",
        f"  order_date:{_req(a.order_date, 'дата')}",
    ]
    if a.style != "utverzhdayu":
        lines.append(f"  order_number:{_req(a.order_number, 'номер приказа')}")
    lines += [
        "",
        "# Что включить в акт (true — включить, false — не включать).",
        "options:",
        "  # Время тишины: работники не направляют сообщения с quiet_from до quiet_to (ЧЧ:ММ) и в неучебные",
        "  # дни; родителям это рекомендуется. По умолчанию выключено.",
        f"  quiet_hours: {'true' if a.quiet_hours else 'false'}",
        f"  quiet_from: \"{a.quiet_from}\"",
        f"  quiet_to: \"{a.quiet_to}\"",
        "  # Лист ознакомления работников с актом (таблица для подписей после текста).",
        f"  familiarisation_sheet: {'true' if a.familiarisation_sheet else 'false'}",
        "  # Другие способы связи для тех, кто отказался от платформы (рекомендуется оставить).",
        "  opt_out: true",
        "  # Положения о персональных данных (152-ФЗ).",
        "  personal_data: true",
        "  # Правила делового общения в чатах.",
        "  ethics: true",
        "  # Консультации и служба поддержки платформы; адрес почты — только если хотите его указать.",
        "  support_contacts: true",
        "  # support_email: адрес@пример.рф",
        "  # Назначение администратора платформы приказом руководителя.",
        "  administrator_appointment: true",
        "",
        "# Необязательные положения библиотеки, которые нужно добавить, и положения, которые нужно убрать",
        "# (идентификаторы — в «sferum-policy clauses list»).",
        "include: []",
        "exclude: []",
        "# include: [administrator.statistics]",
        "",
        "# Свой текст вместо текста библиотеки: идентификатор положения и новый текст.",
        "overrides: {}",
        "# overrides:",
        "#   final.entry_into_force: \"{{ this_act.nomn | cap }} вступает в силу с 01.09.2026.\"",
        "",
        "# Свои пункты: раздел (general, rights, obligations, prohibitions, final …), название и текст.",
        "# В тексте можно писать {{ students.nomn }}, {{ class_teacher.datv }}, {{ org_short }} и т. п.",
        "extra_clauses: []",
        "# extra_clauses:",
        "#   - section: obligations",
        "#     title: Ответственный за чат",
        "#     text: \"{{ class_teacher.nomn | cap }} назначает ответственного за чат из числа родителей.\"",
        "",
    ]
    return "\n".join(lines)
