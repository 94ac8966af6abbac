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
    order_number: str = "1"
    style: str = "utverzhdeno"
    quiet_from: str = "21:00"
    quiet_to: str = "07:00"


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


def render_template(a: Answers) -> str:
    """The profile as commented YAML (comments in Russian explain every field)."""
    kinds = ", ".join(f"{k.value} — {t}" for k, t in ORG_KIND_TITLES.items())
    adoption_date = format_numeric(a.adoption_date or date.today())
    order_date = format_numeric(a.order_date or date.today())
    lines = [
        "# Профиль организации для «sferum-policy generate ПРОФИЛЬ -o положение.docx».",
        "# Заполните поля своими данными; строки с «#» — пояснения, их можно удалить.",
        "# Даты пишутся как ДД.ММ.ГГГГ (30.08.2026).",
        "",
        "organization:",
        "  # Полное наименование по уставу — печатается вверху первой страницы.",
        f"  full_name: {_q(a.full_name)}",
        "  # Сокращенное наименование — используется в заголовке и грифе.",
        f"  short_name: {_q(a.short_name)}",
        f"  # Вид организации: {kinds}.",
        "  # От него зависят слова акта: классный руководитель / куратор / воспитатель, обучающиеся / студенты.",
        f"  kind: {a.kind}",
        "  # Населенный пункт (необязательно).",
        f"  locality: {_q(a.locality)}",
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
            f"  date: {adoption_date}",
            f"  number: {_q(a.adoption_number)}",
            "",
        ]
    else:
        lines += [
            "# Коллегиальный орган, который принимает акт (отметка «ПРИНЯТО»), — если он есть:",
            "# adoption:",
            "#   body: педагогический совет",
            f"#   date: {adoption_date}",
            "#   number: \"1\"",
            "",
        ]
    lines += [
        "# Советы, мнение которых учтено при принятии (ч. 3 ст. 30 Федерального закона № 273-ФЗ):",
        "# отметки «С учетом мнения» слева вверху. Названия — в именительном падеже.",
    ]
    if a.councils:
        lines.append("councils:")
        for body in a.councils:
            lines += [f"  - body: {_q(body)}", f"    date: {adoption_date}", "    number: \"1\""]
    else:
        lines += ["councils: []", "# councils:", "#   - body: совет родителей", f"#     date: {adoption_date}",
                  "#     number: \"1\""]
    lines += [
        "",
        "# Утверждение: utverzhdeno — «УТВЕРЖДЕНО приказом …», utverzhdayu — «УТВЕРЖДАЮ» с подписью руководителя.",
        "approval:",
        f"  style: {a.style}",
        f"  order_date: {order_date}",
        f"  order_number: {_q(a.order_number)}",
        "",
        "# Что включить в акт (true — включить, false — не включать).",
        "options:",
        "  # Время тишины: сообщения не направляются с quiet_from до quiet_to (ЧЧ:ММ).",
        "  quiet_hours: true",
        f"  quiet_from: \"{a.quiet_from}\"",
        f"  quiet_to: \"{a.quiet_to}\"",
        "  # Другие способы связи для тех, кто отказался от платформы (рекомендуется оставить).",
        "  opt_out: true",
        "  # Положения о персональных данных (152-ФЗ).",
        "  personal_data: true",
        "  # Правила делового общения в чатах.",
        "  ethics: true",
        "  # Консультации и адрес службы поддержки.",
        "  support_contacts: true",
        "  support_email: info@sferum.ru",
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
