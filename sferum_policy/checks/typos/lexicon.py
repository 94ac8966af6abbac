"""The dictionary of the typo check: pymorphy3 plus the domain lexicon and the replacement list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import DataError

DATA = Path(__file__).resolve().parent / "data"
_MAX_ENDING = 6


def fold(word: str) -> str:
    """Lower-case and fold «ё» to «е» (the form every table is keyed on)."""
    return word.lower().replace("ё", "е")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Domain words (exact forms and stems allowing an ending) and abbreviations."""

    words: frozenset[str]
    stems: frozenset[str]
    abbreviations: frozenset[str]
    display: dict[str, str]

    def knows(self, word: str) -> bool:
        """True if ``word`` (any case) is a domain word or an inflected form of one."""
        w = fold(word)
        if w in self.words:
            return True
        # a stem is a prefix of ``w`` leaving an ending of at most _MAX_ENDING letters
        return _stem_pattern(self.stems).fullmatch(w) is not None


@lru_cache(maxsize=4)
def _stem_pattern(stems: frozenset[str]) -> re.Pattern[str]:
    """Any of ``stems`` followed by at most :data:`_MAX_ENDING` characters."""
    alternatives = "|".join(re.escape(s) for s in sorted(stems) if s)
    return re.compile(f"(?:{alternatives}).{{0,{_MAX_ENDING}}}", re.DOTALL)


def _data_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: не удалось прочитать данные проверки опечаток ({exc.strerror})") from None
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The domain lexicon from ``data/lexicon.txt`` (loaded once)."""
    words: set[str] = set()
    stems: list[str] = []
    abbrs: set[str] = set()
    display: dict[str, str] = {}
    for entry in _data_lines(DATA / "lexicon.txt"):
        if entry.endswith("*"):
            stems.append(fold(entry[:-1]))
            display.setdefault(fold(entry[:-1]), entry[:-1])
            continue
        words.add(fold(entry))
        display.setdefault(fold(entry), entry)
        letters = [c for c in entry if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            abbrs.add(entry)
    return Lexicon(frozenset(words), frozenset(stems), frozenset(abbrs), display)


@lru_cache(maxsize=1)
def replacements() -> dict[str, str]:
    """Known misspellings ``wrong → right`` from ``data/replacements.txt``."""
    out: dict[str, str] = {}
    path = DATA / "replacements.txt"
    for line in _data_lines(path):
        wrong, sep, right = line.partition("=")
        if not sep or not wrong.strip() or not right.strip():
            raise DataError(f"{path}: строка «{line}» должна иметь вид неправильно=правильно")
        out[fold(wrong.strip())] = right.strip()
    return out


@lru_cache(maxsize=1)
def _morph_words() -> tuple:
    """pymorphy3's word DAWG, its compiled «е → ё» substitutes and the letters they replace."""
    from ...nlp import morph

    m = morph()
    subs = m.char_substitutes
    return m.dictionary.words, subs, frozenset(k.decode() for k in subs)


@lru_cache(maxsize=300_000)
def morph_known(word: str) -> bool:
    """True if pymorphy3's dictionary has ``word`` (lower-case, «ё» folded).

    The same test as ``MorphAnalyzer.word_is_known``, asked of the DAWG directly: most words asked
    about are candidate edits, nearly all unknown, and a word without a substitutable letter («е»)
    needs no fuzzy lookup.
    """
    words, subs, letters = _morph_words()
    w = word.lower()
    if w in words:
        return True
    return not letters.isdisjoint(w) and bool(words.similar_keys(w, subs))


@lru_cache(maxsize=1)
def _lexicon_prefixes() -> frozenset[str]:
    """Every prefix of a domain word or stem (folded)."""
    lex = lexicon()
    return frozenset(x[:k] for x in lex.words | lex.stems for k in range(len(x) + 1))


@lru_cache(maxsize=1)
def _morph_spelling_options() -> dict[str, tuple[str, ...]]:
    """Letters pymorphy3 lets a letter stand for besides itself («е» for «ё»)."""
    _, subs, _ = _morph_words()
    return {k.decode(): tuple(b.decode() for b, _ in v) for k, v in subs.items()}


@lru_cache(maxsize=200_000)
def _morph_spellings(prefix: str) -> tuple[str, ...]:
    """Spellings of ``prefix`` («е» possibly «ё», as in :func:`morph_known`) that begin a pymorphy3 word."""
    if not prefix:
        return ("",)
    words = _morph_words()[0]
    last = prefix[-1]
    options = (last, *_morph_spelling_options().get(last, ()))
    return tuple(
        v + x for v in _morph_spellings(prefix[:-1]) for x in options if words.has_keys_with_prefix(v + x)
    )


@lru_cache(maxsize=200_000)
def known_prefix(prefix: str) -> bool:
    """True if some word :func:`is_known` accepts may begin with lower-case ``prefix`` (never wrongly False).

    A prefix with a hyphen, digit or other non-letter always passes (a hyphenated word is known by its parts).
    """
    if not prefix.isalpha() or _morph_spellings(prefix):
        return True
    q = fold(prefix)
    if q in _lexicon_prefixes():
        return True
    stems = lexicon().stems  # a stem may take an ending of up to _MAX_ENDING letters
    return any(q[:k] in stems for k in range(max(1, len(q) - _MAX_ENDING), len(q) + 1))


@lru_cache(maxsize=300_000)
def is_known(word: str) -> bool:
    """True if ``word`` (folded) is in pymorphy3's dictionary or the domain lexicon."""
    if not word:
        return False
    if lexicon().knows(word) or morph_known(word):
        return True
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        return bool(parts) and all(is_known(p) or p.isdigit() for p in parts)
    return False


@lru_cache(maxsize=8)
def word_list(name: str) -> frozenset[str]:
    """A list of lower-case words from ``data/<name>`` (one per line, ``#`` comments), validated on load."""
    path = DATA / name
    out: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        w = line.strip()
        if not w or w.startswith("#"):
            continue
        if not re.fullmatch(r"[а-яё]+", w) or w in out:
            raise DataError(f"{path.name}:{n}: «{w}» — не слово в нижнем регистре или повтор")
        out.add(w)
    return frozenset(out)
