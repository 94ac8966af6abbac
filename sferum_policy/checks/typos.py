"""Typos in OCR'd Russian legal text: non-words, OCR confusions, glued words, real-word errors, agreement.

The detectors live in :mod:`sferum_policy.typos`; this module declares the rules (TY001…TY007) and
turns the detectors' issues into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..report import Finding
from ..rules import RULES, Rule, codes_of
from . import check
from .base import CheckContext, Fix, finding

TY_MISSPELLING = RULES["TY001"]
TY_LATIN = RULES["TY002"]
TY_SPACE = RULES["TY003"]
TY_HYPHEN = RULES["TY004"]
TY_REALWORD = RULES["TY005"]
TY_AGREEMENT = RULES["TY006"]
TY_ABBREV = RULES["TY007"]
TY_DASH = RULES["TY008"]

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
CODES = codes_of("typos")
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
