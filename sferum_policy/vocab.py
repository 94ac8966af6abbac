"""Fixed vocabularies that data, reports and other tools rely on."""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """Canonical sections of an act, in the order a generated act uses."""

    general = "general"
    legal_basis = "legal_basis"
    definitions = "definitions"
    administrator = "administrator"
    management = "management"
    class_teacher = "class_teacher"
    teacher = "teacher"
    student = "student"
    parent = "parent"
    rights = "rights"
    obligations = "obligations"
    prohibitions = "prohibitions"
    final = "final"


SECTION_TITLES: dict[Section, str] = {
    Section.general: "Общие положения",
    Section.legal_basis: "Правовые основания",
    Section.definitions: "Основные понятия",
    Section.administrator: "Администратор платформы",
    Section.management: "Администрация (руководство) организации",
    Section.class_teacher: "Классный руководитель (куратор, воспитатель)",
    Section.teacher: "Педагогические работники",
    Section.student: "Обучающиеся",
    Section.parent: "Родители (законные представители)",
    Section.rights: "Права участников",
    Section.obligations: "Обязанности участников",
    Section.prohibitions: "Запреты",
    Section.final: "Заключительные положения",
}


class OrgKind(StrEnum):
    """Kind of organisation an act is written for."""

    preschool = "preschool"
    school = "school"
    boarding_school = "boarding_school"
    college = "college"
    additional = "additional"
    district = "district"


ORG_KIND_TITLES: dict[OrgKind, str] = {
    OrgKind.preschool: "дошкольная образовательная организация",
    OrgKind.school: "общеобразовательная организация (школа)",
    OrgKind.boarding_school: "школа-интернат",
    OrgKind.college: "профессиональная образовательная организация (колледж, техникум)",
    OrgKind.additional: "организация дополнительного образования",
    OrgKind.district: "муниципальный орган управления образованием (для всех подведомственных организаций)",
}


class Platform(StrEnum):
    """How participants reach ИКОП «Сферум»."""

    max = "max"
    vk_messenger = "vk_messenger"
    web = "web"


PLATFORM_TITLES: dict[Platform, str] = {
    Platform.max: "«Сферум» в национальном мессенджере MAX",
    Platform.vk_messenger: "учебный профиль «Сферума» в VK Мессенджере",
    Platform.web: "веб-версия ИКОП «Сферум»",
}


class Level(StrEnum):
    """How necessary a clause is."""

    required = "required"
    recommended = "recommended"
    optional = "optional"


LEVEL_TITLES: dict[Level, str] = {
    Level.required: "обязательное",
    Level.recommended: "рекомендуемое",
    Level.optional: "необязательное",
}


class DocKind(StrEnum):
    """Kind of document as named in its title."""

    polozhenie = "polozhenie"
    poryadok = "poryadok"
    pravila = "pravila"
    instruktsiya = "instruktsiya"
    not_local_act = "not_local_act"
    unknown = "unknown"


DOC_KIND_TITLES: dict[DocKind, str] = {
    DocKind.polozhenie: "Положение",
    DocKind.poryadok: "Порядок",
    DocKind.pravila: "Правила",
    DocKind.instruktsiya: "Инструкция",
    DocKind.not_local_act: "не локальный акт (методический материал)",
    DocKind.unknown: "не определён",
}


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_TITLES: dict[Severity, str] = {
    Severity.error: "ошибка",
    Severity.warning: "предупреждение",
    Severity.info: "сведения",
}

SEVERITY_RANK: dict[Severity, int] = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class Category(StrEnum):
    missing_clause = "missing_clause"
    legal_ref = "legal_ref"
    typo = "typo"
    structure = "structure"
    contact = "contact"
    risk = "risk"
    text_layer = "text_layer"


CATEGORY_TITLES: dict[Category, str] = {
    Category.missing_clause: "Недостающие положения",
    Category.legal_ref: "Ссылки на нормативные акты",
    Category.typo: "Опечатки",
    Category.structure: "Структура и реквизиты",
    Category.contact: "Адреса и контакты",
    Category.risk: "Правовые риски",
    Category.text_layer: "Текстовый слой и распознавание",
}
