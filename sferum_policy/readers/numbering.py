"""List-number formatting shared by the DOCX and ODT readers (decimal, letters, Roman, Russian)."""

from __future__ import annotations

_RU_LOWER = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower skips ё, й, ъ, ы, ь
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _letters(n: int, alphabet: str) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter), 0 or less → empty."""
    if n <= 0:
        return ""
    k = len(alphabet)
    return alphabet[(n - 1) % k] * ((n - 1) // k + 1)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


MAX_LETTER_NUMBER = 3999  # beyond this, letters and Roman numerals fall back to decimal (no huge labels)


def format_number(n: int, fmt: str) -> str:
    """Format counter ``n`` in a Word ``w:numFmt`` (or ODF ``style:num-format``) style."""
    if fmt in ("decimal", "1", "", None) or n > MAX_LETTER_NUMBER:
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "a"):
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt in ("upperLetter", "A"):
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt in ("lowerRoman", "i"):
        return _roman(n)
    if fmt in ("upperRoman", "I"):
        return _roman(n).upper()
    if fmt == "russianLower" or fmt.startswith("а"):
        return _letters(n, _RU_LOWER)
    if fmt == "russianUpper" or fmt.startswith("А"):
        return _letters(n, _RU_LOWER.upper())
    return str(n)
