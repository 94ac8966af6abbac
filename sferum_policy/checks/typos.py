"""Typos in OCR'd Russian legal text: non-words, OCR confusions, glued words, real-word errors, agreement.

The detectors live in :mod:`sferum_policy.typos`; this module declares the rules (TY001…TY007) and
turns the detectors' issues into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..report import Finding
from ..rules import Rule, rule
from ..vocab import Category, Severity
from . import check
from .base import CheckContext, Fix, finding

TY_MISSPELLING = rule(
    code="TY001", name="misspelling", category=Category.typo, severity=Severity.warning,
    title="Слово с ошибкой (нет такого слова)",
    why="Такого слова нет в словаре русского языка и в словаре предметной области: это опечатка или ошибка "
        "распознавания скана (е/с, н/п, и/н и т. п.). Ошибки в локальном акте снижают доверие к документу.",
    fix="Исправьте слово; предложенный вариант подобран по сходству написания с учётом типичных ошибок распознавания.",
    bad="1.1. Положение устанавливает правила взаимодействия посредством видсо-конфсрснц-связи.",
    good="1.1. Положение устанавливает правила взаимодействия посредством видеоконференц-связи.",
)
TY_LATIN = rule(
    code="TY002", name="latin-lookalike", category=Category.typo, severity=Severity.warning,
    title="Латинские буквы или цифры внутри русского слова",
    why="В слове вместо русских букв стоят похожие латинские (a, e, o, p, c, x …) или цифры 3 и 0. Такое слово "
        "не находится поиском и неверно читается программами экранного доступа.",
    fix="Замените похожие латинские буквы и цифры русскими буквами.",
    bad="1.1. Педагог размещает сообщения в чатe класса.",
    good="1.1. Педагог размещает сообщения в чате класса.",
)
TY_SPACE = rule(
    code="TY003", name="missing-space", category=Category.typo, severity=Severity.warning,
    title="Пропущен пробел между словами",
    why="Два слова написаны слитно: так часто бывает после распознавания скана или при наборе.",
    fix="Разделите слова пробелом.",
    bad="1.1. Участники вправе обращаться в службу технической поддержкипо адресу электронной почты.",
    good="1.1. Участники вправе обращаться в службу технической поддержки по адресу электронной почты.",
)
TY_HYPHEN = rule(
    code="TY004", name="missing-hyphen", category=Category.typo, severity=Severity.warning,
    title="Пропущен дефис в сложном слове",
    why="Сложное прилагательное из двух основ пишется через дефис (информационно-коммуникационная).",
    fix="Поставьте дефис между частями слова.",
    bad="1.1. Платформа является информационнокоммуникационной системой.",
    good="1.1. Платформа является информационно-коммуникационной системой.",
)
TY_REALWORD = rule(
    code="TY005", name="real-word-error", category=Category.typo, severity=Severity.warning,
    title="Слово не подходит по смыслу (вероятная ошибка распознавания)",
    why="Слово существует, но в этом окружении почти не встречается, а похожее по написанию слово "
        "(«на» вместо «па», «канал» вместо «капал») стоит в таком окружении постоянно.",
    fix="Проверьте слово по оригиналу документа и замените его предложенным.",
    bad="1.1. Участники образовательных отношений имеют право па обращение в службу технической поддержки.",
    good="1.1. Участники образовательных отношений имеют право на обращение в службу технической поддержки.",
)
TY_AGREEMENT = rule(
    code="TY006", name="agreement", category=Category.typo, severity=Severity.warning,
    title="Ошибка согласования (падеж, число)",
    why="Слова не согласованы ни в одном из возможных разборов: предлог требует другого падежа, "
        "прилагательное не согласовано с существительным или «настоящее Положение» стоит во множественном числе.",
    fix="Поставьте слово в предложенную форму.",
    bad="1.1. Классный руководитель подключает родителей к классных и родительским чатам.",
    good="1.1. Классный руководитель подключает родителей к классным и родительским чатам.",
)
TY_ABBREV = rule(
    code="TY007", name="abbreviation", category=Category.typo, severity=Severity.warning,
    title="Искажённое сокращение",
    why="Сокращение отличается от определённого в акте (или общепринятого, например ИКОП) одной похожей "
        "буквой — типичная ошибка распознавания («ИКОН» вместо «ИКОП»).",
    fix="Замените сокращение правильным.",
    bad="1.1. Настоящее положение определяет порядок работы в ИКОН «Сферум».",
    good="1.1. Настоящее положение определяет порядок работы в ИКОП «Сферум».",
)
TY_DASH = rule(
    code="TY008", name="dalee-dash", category=Category.typo, severity=Severity.info,
    title="Нет тире после «далее»",
    why="Краткое название, которое вводит «далее», отделяется тире: «(далее – ЭО и ДОТ)». Без тире сокращение "
        "читается как продолжение фразы.",
    fix="Поставьте тире после «далее».",
    bad="1.1. Положение определяет применение электронного обучения (далее ЭО) в школе.",
    good="1.1. Положение определяет применение электронного обучения (далее – ЭО) в школе.",
)

_RULES: dict[str, Rule] = {
    "misspelling": TY_MISSPELLING,
    "latin": TY_LATIN,
    "space": TY_SPACE,
    "space_extra": TY_MISSPELLING,
    "hyphen": TY_HYPHEN,
    "realword": TY_REALWORD,
    "prep": TY_AGREEMENT,
    "adj": TY_AGREEMENT,
    "act": TY_AGREEMENT,
    "gov": TY_AGREEMENT,
    "dash": TY_DASH,
    "abbrev": TY_ABBREV,
}
_MESSAGES = {
    "misspelling": "Опечатка: «{text}» — такого слова нет; вероятно, «{suggestion}».",
    "latin": "В слове «{text}» латинские буквы или цифры вместо русских букв: «{suggestion}».",
    "space": "Пропущен пробел: «{text}» → «{suggestion}».",
    "space_extra": "Слово разорвано пробелом: «{text}» → «{suggestion}».",
    "hyphen": "Пропущен дефис: «{text}» → «{suggestion}».",
    "realword": "Слово «{text}» не подходит по смыслу; вероятно, «{suggestion}» (ошибка распознавания).",
    "prep": "Предлог не согласован со словом: «{text}» → «{suggestion}».",
    "adj": "Слова не согласованы: «{text}» → «{suggestion}».",
    "act": "«Настоящее Положение» — одно: «{text}» → «{suggestion}».",
    "gov": "После «в соответствии с» нужен творительный падеж: «{text}» → «{suggestion}».",
    "dash": "После «далее» перед кратким названием ставится тире: «{text}» → «{suggestion}».",
    "abbrev": "Искажённое сокращение «{text}»; вероятно, «{suggestion}».",
}
CODES = tuple(sorted({r.code for r in _RULES.values()}))
# What ``fix`` may apply without asking: a Latin look-alike, a lost space or hyphen, a distorted abbreviation,
# a dash after «далее» and a non-word with one confident correction. A real word that does not fit and an
# agreement correction change a word the dictionary knows — a person decides (``fix --unsafe``).
_SAFE_KINDS = frozenset({"latin", "space", "space_extra", "hyphen", "abbrev", "dash"})


@check("typos", order=60, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report typos of ``doc`` (see the rules above)."""
    from ..typos.detect import detect

    for issue in detect(doc, ctx.clauses):
        r = _RULES[issue.kind]
        if r.code not in ctx.enabled:
            continue
        yield finding(
            r,
            doc,
            _MESSAGES[issue.kind].format(text=issue.text, suggestion=issue.suggestion),
            paragraph=issue.paragraph,
            start=issue.start,
            end=issue.end,
            text=issue.text,
            suggestion=issue.suggestion,
            fix=Fix(issue.suggestion, "safe" if issue.kind in _SAFE_KINDS or (issue.kind == "misspelling" and issue.sure)
                    else "unsafe"),
            args={"word": issue.text, "correction": issue.suggestion, "kind": issue.kind},
        )
