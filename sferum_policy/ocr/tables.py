"""The OCR data tables (``ocr/data``), validated on load: a malformed line is one clear DataError."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataError

DATA = Path(__file__).resolve().parent / "data"
_CYR = re.compile("^[а-яё]+$")


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: не удалось прочитать данные распознавания ({exc.strerror})") from None
    return [(n, ln.rstrip("\n")) for n, ln in enumerate(text.splitlines(), 1)
            if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, tuple[tuple[str, ...], float]]:
    """``wrong → (Cyrillic letters, cost)``: Latin look-alikes and OCR groups of Russian letters."""
    path = DATA / "lookalikes.tsv"
    out: dict[str, tuple[tuple[str, ...], float]] = {}
    for n, line in _lines(path):
        parts = line.split("\t")
        try:
            wrong, right, cost = parts[0], tuple(parts[1].split()), float(parts[2])
        except (IndexError, ValueError):
            raise DataError(f"{path}:{n}: строка должна иметь вид буквы<TAB>русские буквы<TAB>цена") from None
        if not wrong or not right or not all(_CYR.match(r) for r in right) or not 0 <= cost <= 1 or len(parts) != 3:
            raise DataError(f"{path}:{n}: «{line}» — нужны непустое написание, русские буквы и цена от 0 до 1")
        if wrong in out:
            raise DataError(f"{path}:{n}: написание «{wrong}» указано дважды")
        out[wrong] = (right, cost)
    if not out:
        raise DataError(f"{path}: таблица пуста")
    return out


@dataclass(frozen=True, slots=True)
class Requisites:
    digits: dict[str, str]  # a character read where a digit was printed
    number_signs: tuple[str, ...]  # readings of «№», longest first
    fz: tuple[str, ...]  # readings of «ФЗ», longest first


@lru_cache(maxsize=1)
def requisites() -> Requisites:
    path = DATA / "requisites.tsv"
    digits: dict[str, str] = {}
    signs: list[str] = []
    fz: list[str] = []
    for n, line in _lines(path):
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1] or not parts[2]:
            raise DataError(f"{path}:{n}: строка должна иметь вид вид<TAB>как прочитано<TAB>как должно быть")
        kind, wrong, right = parts
        if kind == "digit":
            if len(wrong) != 1 or not right.isdigit() or len(right) != 1:
                raise DataError(f"{path}:{n}: digit — один знак и одна цифра")
            digits[wrong] = right
        elif kind == "number":
            if right != "№":
                raise DataError(f"{path}:{n}: number — правильная форма «№»")
            signs.append(wrong)
        elif kind == "fz":
            if right != "ФЗ":
                raise DataError(f"{path}:{n}: fz — правильная форма «ФЗ»")
            fz.append(wrong)
        else:
            raise DataError(f"{path}:{n}: неизвестный вид «{kind}» (digit, number, fz)")
    if not digits or not signs or not fz:
        raise DataError(f"{path}: нужны строки всех видов: digit, number, fz")
    return Requisites(digits, tuple(sorted(signs, key=len, reverse=True)), tuple(sorted(fz, key=len, reverse=True)))


@lru_cache(maxsize=1)
def latin_words() -> frozenset[str]:
    """Latin words at home in a Russian act (folded to lower case)."""
    path = DATA / "latin_words.txt"
    words = frozenset(line.strip().lower() for _, line in _lines(path))
    if not words:
        raise DataError(f"{path}: список пуст")
    return words


@lru_cache(maxsize=1)
def compound_prefixes() -> frozenset[str]:
    """First parts of compound words written together («видео» + «связь»)."""
    path = DATA / "compound_prefixes.txt"
    words = frozenset(line.strip().lower() for _, line in _lines(path))
    if not words or not all(_CYR.match(w) for w in words):
        raise DataError(f"{path}: нужны русские слова в нижнем регистре, по одному в строке")
    return words
