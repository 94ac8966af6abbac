"""The ``script`` repair pass: Latin look-alikes and OCR letter groups inside Russian words, accepted only
when the reading is a dictionary word (``data/lookalikes.tsv``); quotes read as «<» or «к»."""

from __future__ import annotations

import re
from functools import lru_cache

from .edits import FUNCTION, Edit
from .tables import latin_words, lookalikes

# --- scripts -------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_EDGE = "«»\"“”„,;:.!?…"
_CYR = re.compile("[А-Яа-яЁё]")
_LAT = re.compile("[A-Za-z]")
_URLISH = re.compile(r"(?:https?://|www\.)|@\w+\.|\.(?:ru|рф|com|org|net|su)\b", re.I)
_SINGLE = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к",
           "B": "В", "K": "К", "C": "С", "A": "А", "O": "О", "E": "Е", "X": "Х", "T": "Т", "M": "М", "H": "Н", "P": "Р"}
BEAM = 48
_TO_LATIN = str.maketrans("АВЕКМНОРСТХаеорсху", "ABEKMHOPCTXaeopcxy")


@lru_cache(maxsize=1)
def _groups() -> tuple[list[tuple[str, tuple[str, ...], float]], int]:
    table = lookalikes()
    items = sorted(((k, v[0], v[1]) for k, v in table.items()), key=lambda x: -len(x[0]))
    return items, max(len(k) for k in table)


def _known(word: str) -> bool:
    from ..checks.typos.lexicon import is_known

    return is_known(word)


def _prefix_ok(prefix: str) -> bool:
    from ..checks.typos.lexicon import known_prefix

    return known_prefix(prefix)


@lru_cache(maxsize=20_000)
def read_as_russian(token: str) -> str | None:
    """The dictionary word ``token`` stands for when its Latin look-alikes are read as Russian letters."""
    groups, _ = _groups()
    skeleton = token.translate(_TO_LATIN)  # a Cyrillic «Т» next to a Latin «I» is the group «TI» as well
    states: list[tuple[float, str]] = [(0.0, "")]
    pos_states: dict[int, list[tuple[float, str]]] = {0: states}
    n = len(token)
    for i in range(n):
        cur = pos_states.pop(i, None)
        if not cur:
            continue
        cur.sort()
        cur = cur[:BEAM]
        ch = token[i]
        options: list[tuple[int, str, float]] = []
        if _CYR.match(ch):
            options.append((1, ch.lower(), 0.0))
        elif ch == "-":
            options.append((1, "-", 0.0))
        for key, alts, cost in groups:
            if token.startswith(key, i) or (len(key) > 1 and skeleton.startswith(key, i)):
                options.extend((len(key), a, cost + k * 0.05) for k, a in enumerate(alts))
        for step, letters, cost in options:
            bucket = pos_states.setdefault(i + step, [])
            for c0, prefix in cur:
                new = prefix + letters
                if _prefix_ok(new.replace("-", "") or "а"):
                    bucket.append((c0 + cost, new))
    final = sorted(pos_states.get(n, []))
    latin = not _CYR.search(token)
    for cost, word in final:
        if len(word) < 2 or cost > 0.35 * len(word) + 0.3 or not _known(word):
            continue
        if latin and ((len(word) < 3 and word not in FUNCTION) or not common_word(word)):
            continue  # a wholly Latin token must read as an ordinary word, not as an abbreviation or a name
        return word
    return None


@lru_cache(maxsize=20_000)
def _proper(word: str) -> bool:
    """A name or a place: written with a capital anywhere."""
    from ..nlp import morph

    parses = morph().parse(word)
    return bool(parses) and bool({"Name", "Surn", "Patr", "Geox", "Orgn"} & parses[0].tag.grammemes)


_RARE_TAGS = frozenset({"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init", "Erro", "Dist", "Infr", "Slng", "Arch"})


@lru_cache(maxsize=20_000)
def common_word(word: str) -> bool:
    """A dictionary word with an ordinary reading (not only an abbreviation, a name or a rare form)."""
    from ..checks.typos.lexicon import lexicon
    from ..nlp import morph

    if word in lexicon().words:
        return True
    return any(p.is_known and p.score >= 0.05 and not (_RARE_TAGS & p.tag.grammemes) for p in morph().parse(word))


def _case_like(original: str, word: str, sentence_start: bool = True) -> str:
    """The case of the repaired word. Capital Latin H, T, B, K, M stand for small Russian н, т, в, к, м as often as
    for capitals, so a word inside a sentence is given in lower case unless it is all capitals (a heading)."""
    letters = [c for c in original if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    if len(letters) >= 2 and uppers >= 0.7 * len(letters) and uppers > 1 and (len(letters) >= 4 or sentence_start):
        return word.upper()
    if letters and letters[0].isupper() and (sentence_start or (letters[0] not in _SMALL_CAPS and uppers < len(letters))):
        return word[:1].upper() + word[1:]  # a capital C, O, P, A, E … is a capital (their small forms differ)
    return word


_SMALL_CAPS = frozenset("HTBKMnIJ")  # Latin letters that stand for small Russian н, т, в, к, м, п, л


def _core(tok: str, start: int) -> tuple[str, int]:
    left = len(tok) - len(tok.lstrip(_EDGE))
    core = tok.strip(_EDGE)
    return core, start + left


def script_edits(text: str) -> list[Edit]:
    toks = [(_core(m.group(), m.start())) for m in _TOKEN.finditer(text)]
    toks = [(c, s) for c, s in toks if c]
    latin_only = [(c, s) for c, s in toks if _LAT.search(c) and not _CYR.search(c) and not _URLISH.search(c)
                  and c.lower() not in latin_words() and c.lower().split("-")[0] not in latin_words()]
    cyr_words = sum(1 for c, _ in toks if _CYR.search(c) and not _LAT.search(c))
    mixed = sum(1 for c, _ in toks if _CYR.search(c) and _LAT.search(c))
    latin_context = len(latin_only) >= 2 or (latin_only and (cyr_words >= 2 or mixed >= 1))
    edits: list[Edit] = []
    for k, (core, s) in enumerate(toks):
        has_cyr, has_lat = bool(_CYR.search(core)), bool(_LAT.search(core))
        if _URLISH.search(core):
            continue
        if has_cyr and (has_lat or re.search(r"[А-Яа-яЁё][036}{|)][А-Яа-яЁё]", core)):
            pass  # a mixed-script word: always a candidate
        elif has_lat and not has_cyr and latin_context and (core, s) in latin_only:
            if len(core) == 1:
                prev_c = toks[k - 1][0] if k else ""
                # the next word, past a number («c 1 сентября»)
                next_c = next((c for c, _ in toks[k + 1:k + 3] if not c.isdigit()), "")
                if core not in _SINGLE or not (_CYR.search(prev_c) or _CYR.search(next_c)):
                    continue
                edits.append((s, s + 1, _SINGLE[core], "script"))
                continue
        else:
            continue
        word = read_as_russian(core)
        if word is None:
            continue
        prev_tok = toks[k - 1][0] if k else ""
        starts = k == 0 or prev_tok[-1:] in ".!?:;" or bool(re.fullmatch(r"[\d.]+\)?|[-–—•]", prev_tok))
        fixed = _case_like(core, word, starts or (core[:1].isupper() and _proper(word)))
        if fixed != core:
            edits.append((s, s + len(core), fixed, "script"))
    return edits


_QUOTED = re.compile(r"(?<![\w«])(?:<([А-ЯЁ][\w -]{1,40}?)>|к([А-ЯЁ][а-яё]{2,30})[)»](?![\w»]))")


def quote_edits(text: str) -> list[Edit]:
    """Quote marks read as letters or brackets: «<Сферум>», «кСферум)» → «Сферум»."""
    edits: list[Edit] = []
    for m in _QUOTED.finditer(text):
        name = m.group(1) or m.group(2)
        if m.group(2) and "(" in text[max(0, m.start() - 40):m.start()]:
            continue  # a bracket that closes an opened one
        edits.append((m.start(), m.end(), f"«{name}»", "script"))
    return edits
