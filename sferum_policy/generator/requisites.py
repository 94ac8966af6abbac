"""The act's front matter from a profile: the kind word, the approval and adoption requisites (a blank
stays a visible blank «___»), the left-hand blocks, and the notes on what the profile left unfilled."""

from __future__ import annotations

from datetime import date

from ..dates import format_numeric
from ..vocab import OrgKind, Platform
from .act import Block
from .inflect import inflect_phrase
from .profile import Profile

_ABOUT = {
    Platform.max: "образовательного пространства «Сферум» в национальном мессенджере MAX",
    Platform.vk_messenger: "учебного профиля VK Мессенджера",
    Platform.web: "веб-версии платформы",
}


def kind_title(profile: Profile) -> str:
    poryadok = profile.document.kind == "poryadok"
    if profile.organization.kind == OrgKind.district:
        return "ПРИМЕРНЫЙ ПОРЯДОК" if poryadok else "ПРИМЕРНОЕ ПОЛОЖЕНИЕ"
    return "ПОРЯДОК" if poryadok else "ПОЛОЖЕНИЕ"


BLANK_DATE = "«___» ________ 20__ г."
BLANK_NUMBER = "____"


def requisite(day: date | None, number: str | None, *, with_number: bool = True) -> str:
    """«от 31.08.2026 № 215-од»; what the user did not give stays a visible blank to fill in by hand."""
    out = f"от {format_numeric(day) if day else BLANK_DATE}"
    return f"{out} № {number or BLANK_NUMBER}" if with_number else out


def notes(profile: Profile) -> list[str]:
    """Warnings for the user: blank requisites, VK Messenger (replaced by MAX in 2025)."""
    out: list[str] = []
    blanks: list[str] = []
    a = profile.approval
    what = "дата подписания (гриф «УТВЕРЖДАЮ»)" if a.style == "utverzhdayu" else "приказ об утверждении"
    if a.order_date is None or (a.style == "utverzhdeno" and not a.order_number):
        blanks.append(what)
    for p in ([profile.adoption] if profile.adoption else []) + profile.councils:
        if p.date is None or not p.number:
            blanks.append(f"протокол ({p.body})")
    late = [p.body for p in ([profile.adoption] if profile.adoption else []) + profile.councils
            if p.date and a.order_date and p.date > a.order_date]
    if late:
        out.append(f"Протокол ({'; '.join(late)}) датирован позже утверждения акта ({format_numeric(a.order_date)}): "
                   "мнение советов учитывается до утверждения — проверьте даты.")
    if blanks:
        out.append("Не указаны реквизиты: " + "; ".join(blanks) + ". В акте оставлены пропуски "
                   f"«от {BLANK_DATE} № {BLANK_NUMBER}» — заполните их от руки или в профиле до подписания.")
    from ..checks.kind_specific import PLACEHOLDERS

    org = profile.organization
    examples = sorted({m.group() for v in (org.full_name, org.short_name, org.locality or "", org.head.name)
                       for m in PLACEHOLDERS.finditer(v)})
    if examples:
        out.append(f"В профиле остались значения из шаблона ({', '.join(f'«{e}»' for e in examples)}): замените их "
                   "данными своей организации — с ними акт подписывать нельзя.")
    if Platform.vk_messenger in profile.document.platforms:
        out.append("Учебный профиль VK Мессенджера: с 01.09.2025 «Сферум» работает в национальном мессенджере MAX, "
                   "чаты «Сферума» в VK Мессенджере с ноября 2025 года доступны только для чтения. Оставьте VK "
                   "Мессенджер в акте, только если организация действительно им пользуется.")
    return out


def act_about(profile: Profile) -> str:
    where = " и ".join(_ABOUT[p] for p in profile.document.platforms if p in _ABOUT)
    subject = f"информационно-коммуникационной образовательной платформы «Сферум» ({where})"
    head = "об использовании" if profile.document.kind == "polozhenie" else "использования"
    org = profile.organization
    if org.kind == OrgKind.district:
        place = f"в образовательных организациях, находящихся в ведении {inflect_phrase(org.full_name, 'gent')}"
    else:
        place = f"в {inflect_phrase(org.short_name, 'loct')}"
    return f"{head} {subject} {place}"


def initials_first(name: str) -> str:
    """«Петрова Н.В.» → «Н.В. Петрова»: in a signature the initials go before the surname (ГОСТ Р 7.0.97)."""
    parts = name.split()
    if len(parts) == 2 and parts[1].endswith(".") and not parts[0].endswith("."):
        return f"{parts[1]} {parts[0]}"
    return name


def approval_block(profile: Profile) -> Block:
    a = profile.approval
    org = profile.organization
    order = requisite(a.order_date, a.order_number)
    position = inflect_phrase(org.head.position, "gent")
    position = position[:1].lower() + position[1:] if not position[:2].isupper() else position
    if org.kind == OrgKind.district:  # a model act is an annex to the authority's order
        return Block("Приложение", [f"к приказу {inflect_phrase(org.full_name, 'gent')}", order])
    if a.style == "utverzhdayu":
        signed = format_numeric(a.order_date) if a.order_date else BLANK_DATE
        return Block("УТВЕРЖДАЮ", [f"{org.head.position} {inflect_phrase(org.short_name, 'gent')}",
                                   f"__________\u00a0{initials_first(org.head.name)}", signed])
    word = "УТВЕРЖДЕНО" if profile.document.kind == "polozhenie" else "УТВЕРЖДЕН"
    return Block(word, [f"приказом {position}", inflect_phrase(org.short_name, "gent"), order])


def left_blocks(profile: Profile) -> list[Block]:
    blocks = []
    if profile.adoption:
        p = profile.adoption
        word = "ПРИНЯТО" if profile.document.kind == "polozhenie" else "ПРИНЯТ"
        blocks.append(Block(word, [inflect_phrase(p.body, "ablt"), f"(протокол {requisite(p.date, p.number)})"]))
    for council in profile.councils:
        blocks.append(Block("С учетом мнения", [inflect_phrase(council.body, "gent"),
                                               f"(протокол {requisite(council.date, council.number)})"]))
    return blocks
