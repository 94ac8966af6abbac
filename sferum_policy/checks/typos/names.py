"""Names are not typos: the document's own lexicon of people, places and organisations.

Surnames, villages and regional abbreviations were almost half of the false typo findings on real acts.
A word is a name when the document shows it as one — next to initials («Е.Н. Сидоренко», «Сидоренко Е.Н.»), after
a settlement's marker («с. Кужебаево», «д. Малые Вишеры»), after «имени», on a signature line («/Петрова/»,
«____ Петрова»), inside the organisation's name — or when the morphological dictionary's guess for a
capitalised word inside a sentence is a name, surname, patronymic or place (Name/Surn/Patr/Geox). Regional
abbreviations (ЛО, СО, РСО-Алания) are a data list (``data/regions.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .lexicon import fold

DATA = Path(__file__).resolve().parent / "data" / "regions.txt"
_REGION_LINE = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]*(?:\([А-ЯЁ]\))?(?:-[А-ЯЁ][а-яё]+)?$")
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox"})
NAME_SCORE = 0.3  # the name reading must be at least this likely among the dictionary's guesses

_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INIT = r"[А-ЯЁ]\.\s?[А-ЯЁ]\.?"
_PATTERNS = (
    re.compile(rf"{_INIT}\s?({_CAP})"),  # Е.Н. Сидоренко
    re.compile(rf"({_CAP})\s+{_INIT}"),  # Сидоренко Е.Н.
    re.compile(rf"\b(?:с|д|п|г|х|ст|пос|пгт|рп|мкр|дер|аул|станица|село|деревня|посёлок|поселок|город)\.?\s+"
               rf"((?:[А-ЯЁ][а-яё-]+\s+)?{_CAP})"),  # с. Кужебаево, д. Малые Вишеры
    re.compile(rf"\bимени\s+(?:{_INIT}\s?)?((?:{_CAP}\s+)?{_CAP})"),  # имени И.С. Тургенева
    re.compile(r"[/_]\s*([А-ЯЁа-яё]+(?:\s+[А-ЯЁа-яё]+)?)\s*/"),  # /Петрова/, /Петрова И.И./
    re.compile(r"([А-ЯЁа-яё]+)/"),  # a torn signature: «ренко/»
    re.compile(rf"_{{3,}}\s*({_CAP})"),  # ______ Петрова
)
_WORD = re.compile(r"[А-ЯЁа-яё]+")


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """Regional abbreviations (exact, in capitals), validated."""
    out = set()
    for n, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _REGION_LINE.match(line):
            raise ValueError(f"{DATA.name}:{n}: «{line}» — не аббревиатура региона")
        if line in out:
            raise ValueError(f"{DATA.name}:{n}: «{line}» повторяется")
        out.add(line)
    return frozenset(out)


def region_parts() -> frozenset[str]:
    """Every part of the regional abbreviations («РСО-Алания» → «РСО», «Алания»), as written."""
    return frozenset(p for r in regions() for p in re.split(r"[-()]", r) if p)


def document_names(text: str) -> set[str]:
    """Folded words the document itself shows to be names of people or places."""
    out: set[str] = set()
    for rx in _PATTERNS:
        for m in rx.finditer(text):
            out.update(fold(w) for w in _WORD.findall(m.group(1)))
    return out


def looks_like_name(word: str) -> bool:
    """The dictionary's reading of a capitalised word is a name, surname, patronymic or place."""
    return _name_reading(fold(word))


@lru_cache(maxsize=20_000)
def _name_reading(word: str) -> bool:
    from ...nlp import morph

    return any(p.score >= NAME_SCORE and NAME_TAGS & p.tag.grammemes for p in morph().parse(word))
