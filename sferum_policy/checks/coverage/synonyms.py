"""Data for clause matching: synonym concepts, function words and section cues (lemma forms).

Every entry is written as plain lemmas (pymorphy3 normal forms, «е» for «ё»). A concept maps one or
more lemma sequences to a single token (``@student``), so «обучающиеся», «ученик», «студент» all
become ``@student`` both in the act and in the clause signals before anything is compared.
"""

from __future__ import annotations

# concept token -> lemma sequences (space-separated) that mean it.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "@student": (
        "обучаться", "обучающийся", "ученик", "учащийся", "учиться", "школьник", "студент", "воспитанник",
    ),
    "@parent": ("родитель", "законный представитель", "родители", "законные представители"),
    "@class_teacher": (
        "классный руководитель", "куратор", "куратор учебный группа", "воспитатель", "воспитатель группа",
        "руководитель объединение",
    ),
    "@teacher": (
        "учитель", "преподаватель", "педагог", "педагогический работник", "учитель предметник",
        "учитель-предметник", "педагог дополнительный образование",
    ),
    "@head": (
        "директор", "заведующий", "заведовать", "руководитель организация", "руководитель учреждение",
        "руководитель образовательный организация", "руководитель образовательный учреждение",
    ),
    "@chat": ("чат", "беседа", "групповой чат"),
    "@video": (
        "видеоконференция", "видеосвязь", "видеоконференцсвязь", "видеоконференцсвязи", "видеозвонок",
        "видеоконференц-связь", "видео-конференц-связь", "видеоконференц связь", "видео конференц связь",
        "видео-конференц-связи", "видеоконференц-связи",
    ),
    "@platform": ("сферум", "икоп", "икопа", "икон", "икона", "платформа", "цифровой сервис"),
    "@messenger": ("мессенджер", "max", "макс", "vk мессенджер", "vk-мессенджер"),
    "@account": ("аккаунт", "учетный запись", "учетная запись"),
    "@free": ("бесплатный", "бесплатно", "безвозмездный", "безвозмездно", "безвозмездный основа"),
    "@support": ("техническая поддержка", "технический поддержка", "служба поддержка", "служба технический поддержка"),
    "@prohibit": ("запрещаться", "запрещать", "запретить", "запрет", "недопустимо", "недопустимый", "нельзя"),
    "@oblige": ("обязать", "обязанность", "обязанный", "обязываться", "обязательно", "должный"),
    "@right": ("право", "вправе"),
    "@meeting": ("собрание", "совещание", "встреча"),
    "@inform": ("информировать", "информирование", "уведомлять", "уведомление", "сообщать", "оповещать"),
    "@personal_data": ("персональный данные", "персональные данные"),
    "@third_party": ("третий лицо", "посторонний лицо", "посторонний"),
    "@delete": ("удалять", "удаление", "удалить"),
    "@regulation": ("положение", "порядок", "настоящий положение", "настоящий порядок", "правило"),
    "@class_hour": ("классный час", "классный часы"),
    "@hour": ("час", "часы"),
}

# Word forms whose normal form would mislead: the full participle «запрещенный» («информация,
# запрещенная законодательством») is an adjective, not the modal «запрещается / запрещено», and must
# not fold into ``@prohibit`` (it would make a duty read as a prohibition). Prefix of the word («ё» →
# «е», lower case) → lemma.
FORM_LEMMAS: dict[str, str] = {"запрещенн": "запрещенный"}

# Lemmas that carry no meaning for matching (prepositions, conjunctions, pronouns, particles).
_STOP_TEXT = """
    и в во на с со к ко по о об обо от до для из за при а но или либо не ни же ли то что как который
    этот тот свой его ее их они он она оно мы вы я себя весь все всё так также такой иной именно
    том число через между без под над если чтобы каждый данный у бы ещё еще уже лишь только же
    быть являться это который-либо какой их чей кто где когда там тут здесь —
"""
STOPWORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

# Tokens that mark the text of a section. A clause of such a section found without its cue (e.g.
# «сохраняет в тайне пароль» among an administrator's duties) counts as the clause, but not as
# evidence that the act has the section. For the role sections (ROLE_SECTIONS) the cue must name the
# actor — be among the first tokens of the lead-in («2.3. Классный руководитель координирует …:»);
# for the others it may be anywhere in the fragment, its lead-in or its heading (see
# matcher.section_cue for how a shared heading «Права и обязанности» is resolved).
SECTION_CUES: dict[str, frozenset[str]] = {
    "rights": frozenset({"@right", "мочь", "вправе"}),
    "obligations": frozenset({"@oblige"}),
    "prohibitions": frozenset({"@prohibit", "допускаться"}),
    "administrator": frozenset({"администратор"}),
    "management": frozenset({"администрация", "@head", "руководство", "заместитель"}),
    "class_teacher": frozenset({"@class_teacher"}),
    "teacher": frozenset({"@teacher"}),
    "student": frozenset({"@student"}),
    "parent": frozenset({"@parent"}),
    "general": frozenset({"общий"}),
    "definitions": frozenset({"понятие", "термин", "определение"}),
    "legal_basis": frozenset({"разработать", "основание", "соответствие", "правовой", "нормативный"}),
    "final": frozenset({"заключительный", "вступать", "вводиться"}),
}

ROLE_SECTIONS = frozenset({"administrator", "management", "class_teacher", "teacher", "student", "parent"})
MODAL_SECTIONS = frozenset({"rights", "obligations", "prohibitions"})
HEADING_ONLY_SECTIONS = frozenset({"general"})  # «Общие положения»: the cue is the heading itself
# Parts of an act that have a heading of their own: a match under another part's heading («Вопросы,
# не урегулированные … , решаются в соответствии с … уставом» in «Заключительные положения») does
# not read as this part, whatever cue words («соответствие») the text holds.
PART_SECTIONS = frozenset({"legal_basis", "definitions", "final"})
# Final provisions (adoption, amendments) are often written inside «Общие положения» («1.3. Положение
# принимается …, имеющим право вносить в него изменения»): found there, such a clause is present (no
# penalty) but is no evidence of the section. Definitions and the legal basis are not exempt: in
# «Общие положения» they have their own lead-in («Понятия …:», «разработано в соответствии с:»), and
# elsewhere there they are only look-alikes (a decree's title about distance learning).
NESTED_IN_GENERAL = frozenset({"final"})
