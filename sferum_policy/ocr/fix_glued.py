"""The ``split`` and ``glued`` repair passes: a word broken by a stray space rejoined, words written without
spaces split by the dictionary and a word-pair language model."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .edits import FUNCTION, SHORT_WORDS, Edit
from .fix_scripts import common_word
from .tables import compound_prefixes, latin_words

# --- stray spaces and glued words -------------------------------------------------------------------------

_WORD = re.compile(r"[А-Яа-яЁё]+")


def _morph_word(w: str) -> bool:
    from ..checks.typos.lexicon import lexicon, morph_known

    return morph_known(w) or w in lexicon().words


def split_edits(text: str) -> list[Edit]:
    """«образоват ельной» → «образовательной»: neither half a word, the whole a word."""
    words = list(_WORD.finditer(text))
    edits: list[Edit] = []
    used = -1
    for a, b in itertools.pairwise(words):
        if a.start() <= used or text[a.end():b.start()] != " " or not b.group()[0].islower():
            continue
        left, right = a.group().lower(), b.group().lower()
        if len(left) < 2 or len(right) < 2:
            continue
        joined = left + right
        if _domain_word(joined):  # «Мин просвещения»: a word of the acts' own vocabulary, torn in two
            edits.append((a.start(), b.end(), a.group() + b.group(), "split"))
            used = b.end()
            continue
        if _morph_word(left) or _morph_word(right):
            continue
        if len(joined) >= 6 and _morph_word(joined):
            edits.append((a.start(), b.end(), a.group() + b.group(), "split"))
            used = b.end()
    return edits


def _domain_word(word: str) -> bool:
    """An exact word of the domain lexicon (not a stem with any ending): «минпросвещения»."""
    from ..checks.typos.lexicon import lexicon

    return word in lexicon().words


GLUED_MIN = 10  # a run of letters this long that is not a word may be words glued together …
GLUED_PARTS = 3  # … when it is made of at least this many (two glued words are TY003's, a lost hyphen TY004's)
_KEEP = 8  # readings kept per position in the split lattice


@lru_cache(maxsize=1)
def _lm():
    """Word and word-pair counts of Russian act text (the typo check's model: bundled corpus + clause library)."""
    from ..checks.typos.corpus import model
    from ..library.defaults import default_clauses

    return model(default_clauses())


@lru_cache(maxsize=50_000)
def _word_cost(w: str) -> float | None:
    """Cost of reading ``w`` as one word of a glued run: frequent words are cheap; None if not a word."""
    import math

    if len(w) == 1 and w not in SHORT_WORDS:
        return None
    if len(w) == 2 and w not in FUNCTION:
        return None
    if not _morph_word(w):
        prefix = next((p for p in compound_prefixes() if w.startswith(p) and len(w) - len(p) >= 3), None)
        if prefix is None or not _morph_word(w[len(prefix):]):
            return None  # «видеосвязи» is one word: «видео» + «связи»
        w = w[len(prefix):]
    uni = _lm().uni(w)
    return 1.0 + 2.0 / (1.0 + math.log1p(uni))


@lru_cache(maxsize=20_000)
def split_glued(run: str) -> tuple[str, ...] | None:
    """The likeliest sequence of dictionary words ``run`` (lower case) is made of, or None.

    A lattice over positions: each word costs less the more often it occurs in act text, and a pair of
    words seen together in act text costs less again («предметам и курсам», not «предметами курсам»).
    """
    lm = _lm()
    n = len(run)
    best: list[dict[str, tuple[float, tuple[str, ...]]]] = [{} for _ in range(n + 1)]
    best[0][""] = (0.0, ())
    for i in range(n):
        if not best[i]:
            continue
        if len(best[i]) > _KEEP:
            best[i] = dict(sorted(best[i].items(), key=lambda kv: kv[1][0])[:_KEEP])
        for j in range(i + 1, min(n, i + 24) + 1):
            w = run[i:j]
            base = _word_cost(w)
            if base is None:
                continue
            slot = best[j]
            for last, (c0, parts) in best[i].items():
                cost = c0 + base - (0.8 if last and lm.bi(last, w) else 0.0)
                if w not in slot or cost < slot[w][0]:
                    slot[w] = (cost, (*parts, w))
    if not best[n]:
        return None
    _, parts = min(best[n].values())
    return parts if len(parts) >= 2 else None


def _whole_word(word: str) -> bool:
    from ..checks.typos.lexicon import is_known

    return is_known(word)


_CAMEL = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ][а-яё])")


_TRIPLE = re.compile(r"(.)\1\1")
GLUED_MAX = 400  # a longer run of letters is garbage, not a line of an act: left alone (bounded time)


def _split_ok(parts: tuple[str, ...], camel: bool) -> bool:
    """Is this split of a glued run believable? Three words and more always; two when one is a short
    preposition or conjunction («ивидеозвонки», «поссылке») or both are ordinary words of five letters and
    more that do not make a compound adjective («информационнокоммуникационной» is a lost hyphen: TY004)."""
    if any(_TRIPLE.search(p) or (len(p) == 3 and not common_word(p)) for p in parts):
        return False
    if len(parts) >= GLUED_PARTS or camel:
        return True
    a, b = parts
    if (a in SHORT_WORDS or a in FUNCTION) and len(b) >= 4 and common_word(b):
        return True
    return (len(a) >= 5 and len(b) >= 5 and a[-1] not in "оe" and common_word(a) and common_word(b))


_GLUED_LATIN = re.compile(r"([А-Яа-яЁё]+)([A-Za-z][A-Za-z0-9.@_-]*[A-Za-z0-9]|[A-Za-z])([А-Яа-яЁё]+)?")


def script_boundary_edits(text: str) -> list[Edit]:
    """«мессенджерMAX», «почтыinfo@sferum.ruили»: a Russian word glued to a Latin name or an address."""
    from .layer import SKIP

    edits: list[Edit] = []
    for m in _GLUED_LATIN.finditer(text):
        cyr, lat, after = m.group(1), m.group(2), m.group(3)
        if not (lat.lower() in latin_words() or SKIP.fullmatch(lat) or (lat.isupper() and len(lat) >= 2)):
            continue  # Latin letters inside a Russian word are look-alikes (the script pass), not a glued name

        def word_like(run: str) -> bool:  # a word, or Russian words glued together (split by the glued pass)
            return len(run) >= 2 and (_whole_word(run.lower()) or split_glued(run.lower()) is not None)

        if not word_like(cyr) or (after and not word_like(after)):
            continue
        edits.append((m.start(), m.end(), " ".join(x for x in (cyr, lat, after) if x), "glued"))
    return edits


def glued_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _WORD.finditer(text):
        tok = m.group()
        if len(tok) > GLUED_MAX or _whole_word(tok.lower()):
            continue
        pieces = _CAMEL.split(tok)
        camel = len(pieces) > 1
        if camel and any(len(p) < 4 or not p[1:].islower() or not common_word(p.lower()) for p in pieces
                         if _morph_word(p.lower())):
            pieces, camel = [tok], False  # «СанПиН», «МойОфис»: a name written in camel case, not glued words
        short = len(tok) >= 6 and tok.islower() and not _whole_word(tok) and \
            any(tok.startswith(f) for f in FUNCTION | SHORT_WORDS)  # «поссылке», «ивидеозвонки»
        if not camel and not short and (len(tok) < GLUED_MIN or _whole_word(tok.lower())
                                        or (tok[0].isupper() and len(tok) < 2 * GLUED_MIN)):
            continue  # (a capitalised word that is not in the dictionary is likely a name)
        out: list[str] = []
        for piece in pieces:
            low = piece.lower()
            if _morph_word(low) or len(piece) < 4:
                out.append(piece)
                continue
            parts = split_glued(low) if not _whole_word(low) else None
            if parts is None or not _split_ok(parts, camel):
                out.append(piece)
                continue
            k = 0
            for p in parts:  # the parts keep the original letters (and their case)
                out.append(piece[k:k + len(p)])
                k += len(p)
        after_hyphen = m.start() > 0 and text[m.start() - 1] == "-"
        if after_hyphen and out[0] not in ("и", "или"):
            continue  # the second stem of a compound («информационно-технологическ…»), not words glued together
        if len(out) > 1 and all(_morph_word(p.lower()) or len(p) < 4 or _word_cost(p.lower()) for p in out):
            start = m.start()
            if out[0] in ("и", "или") and start and text[start - 1] == "-":  # «аудио-ивидео…» → «аудио- и видео…»
                start -= 1
                out[0] = "- " + out[0]
            edits.append((start, m.end(), " ".join(out), "glued"))
    return edits
