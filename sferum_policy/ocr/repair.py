"""Repair recognisable OCR damage before the checks, keeping every paragraph's char map to the source.

Four passes over each paragraph, each an edit of spans of its text:

* ``requisite`` — digits and letters confused in numbers, dates, «№» and «-ФЗ» («2o12» → «2012»,
  «N° 5» → «№ 5», «15З-ФЗ» → «153-ФЗ», «4l-@3» → «41-ФЗ»; ``data/requisites.tsv``);
* ``script`` — Latin look-alikes and OCR groups inside Russian words («COBeTa» → «Совета», «JI» → «л»,
  «}K» → «ж»; ``data/lookalikes.tsv``): the reading is accepted only when it is a dictionary word;
* ``split`` — a word broken by a stray space rejoined («образоват ельной»), when the halves are not words
  and the whole is;
* ``glued`` — words written without spaces split by the dictionary («настоящееПоложениеразработано…»).

Each repair is kept (paragraph, span in the repaired text, the original, the fix, the kind) so that the
report names it once and the checks read the repaired text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from .tables import compound_prefixes, latin_words, lookalikes, requisites


@dataclass(slots=True)
class Repair:
    paragraph: int
    start: int  # span of the fix in the repaired paragraph text
    end: int
    original: str
    fixed: str
    kind: str  # requisite | script | split | glued


Edit = tuple[int, int, str, str]  # start, end (in the text before the pass), new text, kind


def apply_edits(text: str, cmap: list[int] | None, edits: list[Edit]) -> tuple[str, list[int] | None, list[tuple[int, int]], list[tuple[int, int, int]]]:
    """Apply non-overlapping edits; return the text, its char map, the new spans and (start, end, delta) shifts.

    A replaced span's characters map to the source characters of the span in order (the last one repeats
    when the fix is longer), so a finding on the fix still points at the original text.
    """
    out: list[str] = []
    omap: list[int] | None = [] if cmap is not None else None
    spans: list[tuple[int, int]] = []
    shifts: list[tuple[int, int, int]] = []
    pos = 0
    new_len = 0
    for s, e, new, _ in sorted(edits):
        out.append(text[pos:s])
        if omap is not None:
            omap.extend(cmap[pos:s])
        new_len += s - pos
        out.append(new)
        if omap is not None:
            src = cmap[s:e] or cmap[max(0, s - 1):s]
            omap.extend(src[min(k, len(src) - 1)] for k in range(len(new))) if src else None
        spans.append((new_len, new_len + len(new)))
        shifts.append((s, e, len(new) - (e - s)))
        new_len += len(new)
        pos = e
    out.append(text[pos:])
    if omap is not None:
        omap.extend(cmap[pos:])
    return "".join(out), omap, spans, shifts


def shift(pos: int, shifts: list[tuple[int, int, int]]) -> int:
    return pos + sum(d for s, e, d in shifts if e <= pos)


# --- requisites ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _requisite_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    t = requisites()
    dig = "".join(re.escape(c) for c in t.digits)
    numchar = f"[0-9{dig}]"
    signs = "|".join(re.escape(s) for s in t.number_signs)
    fz = "|".join(re.escape(s) for s in t.fz)
    # «N° 5», «JIo12»: a reading of «№» right before a number
    sign = re.compile(rf"(?<![\w№])(?:{signs})(?=\s?{numchar}*\d)")
    # «15З-ФЗ», «273-Ф3», «4l-@3», «27З ФЗ»: a law's number (at least one real digit) and «ФЗ»
    law = re.compile(rf"(?<![\w.])({numchar}{{1,4}})(\s?[-–—]\s?|\s)({fz})(?![\w@])")
    # «2o12 г.», «о1.09.2о25», «01.09.2O24»: a year or a date with letters for digits
    date = re.compile(
        rf"(?<![\w.])(?:{numchar}{{1,2}}[./]{numchar}{{1,2}}[./]{numchar}{{2,4}}|[12]{numchar}{{3}}(?=\s?(?:г\b|г\.|года|гг)))(?![\w])"
    )
    return sign, law, date, t.digits


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits)
    return re.compile(rf"(?<![\w.,/])[0-9{dig}]{{3,8}}(?![\w])")


@lru_cache(maxsize=1)
def _after_sign_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits if not c.isalpha() or c in "ЗзOoОоlI")
    return re.compile(rf"№\s?([0-9{dig}]{{1,6}})(?=[-–/\s.,;:)]|$)")


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits if c not in ".")
    n = f"[0-9{dig}]{{1,3}}"
    return re.compile(rf"^\s*({n}(?:\.{n}){{0,4}}[.;,:])(?=\s)")


def label_edit(text: str) -> tuple[int, int, str] | None:
    """(start, end, fixed) of a numbering label at the start of ``text`` with letters read for digits."""
    m = _label_pattern().match(text)
    if not m:
        return None
    t = m.group(1)
    if t[-1] != "." and "." not in t:
        return None  # «5, 6 и 7 классы»: a list, not a label; «1.3;» is a label read with a semicolon
    fixed = _fix_digits(t[:-1], requisites().digits) + "."
    if fixed == t or sum(not c.isdigit() and c != "." for c in t) > 2 or not fixed[0].isdigit():
        return None
    if not all(g.isdigit() for g in fixed.split(".") if g) or not any(c.isdigit() for c in t):
        return None
    return m.start(1), m.end(1), fixed


@lru_cache(maxsize=1)
def _time_pattern() -> re.Pattern:
    dig = "".join(re.escape(c) for c in requisites().digits)
    return re.compile(rf"(?<![\w.:])[0-9{dig}]{{1,2}}:[0-9{dig}]{{2}}(?![\w:])")


def _fix_digits(s: str, digits: dict[str, str]) -> str:
    return "".join(digits.get(c, c) if not c.isdigit() else c for c in s)


def requisite_edits(text: str) -> list[Edit]:
    sign, law, date, digits = _requisite_patterns()
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, new: str) -> None:
        if text[s:e] != new and not any(a < e and s < b for a, b in taken):
            edits.append((s, e, new, "requisite"))
            taken.append((s, e))

    for m in law.finditer(text):
        num, sep, _ = m.group(1), m.group(2), m.group(3)
        if sum(c.isdigit() for c in num) * 2 < len(num):
            continue  # mostly letters: a word, not a number
        fixed = _fix_digits(num, digits)
        if fixed == num and (sep.strip() == "" or m.group(3) == "ФЗ"):
            continue  # «273 ФЗ» (a space for the hyphen) is a style point for the citation checks (LR007)
        add(m.start(), m.end(), f"{fixed}-ФЗ")
    for m in date.finditer(text):
        t = m.group()
        if sum(c.isdigit() for c in t) >= max(2, len(t.replace(".", "").replace("/", "")) // 2):
            add(m.start(), m.end(), _fix_digits(t, digits))
    for m in _after_sign_pattern().finditer(text):  # «№ З», «№ 12З-од»: what follows «№» is a number
        t = m.group(1)
        if any(c.isdigit() for c in t) or len(t) == 1:
            add(m.start(1), m.end(1), _fix_digits(t, digits))
    for m in _number_pattern().finditer(text):  # «2o26», «2l5»: a letter between digits
        t = m.group()
        if all(c.isdigit() or (0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit())
               for i, c in enumerate(t)) and sum(c.isdigit() for c in t) >= 2:
            add(m.start(), m.end(), _fix_digits(t, digits))
    lab = label_edit(text)  # «1o.4.», «l.2.» at the start: a numbering label
    if lab is not None:
        add(*lab)
    for m in _time_pattern().finditer(text):  # «2l:00»
        t = m.group()
        if sum(c.isdigit() for c in t) >= 3:
            add(m.start(), m.end(), _fix_digits(t, digits))
    for m in sign.finditer(text):
        add(m.start(), m.end(), "№")
    for m in _SIGN_DOT.finditer(text):  # «№.11»: a speck read as a full stop after «№»
        add(m.start(), m.end(), "№ ")
    for m in _YEAR_R.finditer(text):  # «2017 r.»: the year's «г.» read as a Latin «r»
        add(m.start(), m.end(1), text[m.start():m.start(1)] + "г")
    return edits


_SIGN_DOT = re.compile(r"№[.,]\s?(?=\d)")
_YEAR_R = re.compile(r"(?<!\w)[12]\d{3}\s?(r)\.")


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
    from ..typos.lexicon import is_known

    return is_known(word)


def _prefix_ok(prefix: str) -> bool:
    from ..typos.lexicon import known_prefix

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
        if latin and ((len(word) < 3 and word not in _FUNCTION) or not _common_word(word)):
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
def _common_word(word: str) -> bool:
    """A dictionary word with an ordinary reading (not only an abbreviation, a name or a rare form)."""
    from ..nlp import morph
    from ..typos.lexicon import lexicon

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


# --- stray spaces and glued words -------------------------------------------------------------------------

_WORD = re.compile(r"[А-Яа-яЁё]+")
_SHORT_WORDS = frozenset(["в", "с", "к", "о", "и", "у", "а", "я"])
_FUNCTION = frozenset(["на", "по", "за", "от", "до", "из", "об", "во", "со", "ко", "не", "но", "же", "ли", "бы", "да", "то", "как", "что", "для", "при", "без", "под", "над", "про", "или", "его", "её", "ее", "их", "им", "ей", "ею", "он", "мы", "вы", "ни"])


def _morph_word(w: str) -> bool:
    from ..typos.lexicon import lexicon, morph_known

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
    from ..typos.lexicon import lexicon

    return word in lexicon().words


GLUED_MIN = 10  # a run of letters this long that is not a word may be words glued together …
GLUED_PARTS = 3  # … when it is made of at least this many (two glued words are TY003's, a lost hyphen TY004's)
_KEEP = 8  # readings kept per position in the split lattice


@lru_cache(maxsize=1)
def _lm():
    """Word and word-pair counts of Russian act text (the typo check's model: bundled corpus + clause library)."""
    from ..library.defaults import default_clauses
    from ..typos.corpus import model

    return model(default_clauses())


@lru_cache(maxsize=50_000)
def _word_cost(w: str) -> float | None:
    """Cost of reading ``w`` as one word of a glued run: frequent words are cheap; None if not a word."""
    import math

    if len(w) == 1 and w not in _SHORT_WORDS:
        return None
    if len(w) == 2 and w not in _FUNCTION:
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
    from ..typos.lexicon import is_known

    return is_known(word)


_CAMEL = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ][а-яё])")


_TRIPLE = re.compile(r"(.)\1\1")
GLUED_MAX = 400  # a longer run of letters is garbage, not a line of an act: left alone (bounded time)


def _split_ok(parts: tuple[str, ...], camel: bool) -> bool:
    """Is this split of a glued run believable? Three words and more always; two when one is a short
    preposition or conjunction («ивидеозвонки», «поссылке») or both are ordinary words of five letters and
    more that do not make a compound adjective («информационнокоммуникационной» is a lost hyphen: TY004)."""
    if any(_TRIPLE.search(p) or (len(p) == 3 and not _common_word(p)) for p in parts):
        return False
    if len(parts) >= GLUED_PARTS or camel:
        return True
    a, b = parts
    if (a in _SHORT_WORDS or a in _FUNCTION) and len(b) >= 4 and _common_word(b):
        return True
    return (len(a) >= 5 and len(b) >= 5 and a[-1] not in "оe" and _common_word(a) and _common_word(b))


_GLUED_LATIN = re.compile(r"([А-Яа-яЁё]+)([A-Za-z][A-Za-z0-9.@_-]*[A-Za-z0-9]|[A-Za-z])([А-Яа-яЁё]+)?")


def _script_boundary_edits(text: str) -> list[Edit]:
    """«мессенджерMAX», «почтыinfo@sferum.ruили»: a Russian word glued to a Latin name or an address."""
    from .layer import _SKIP

    edits: list[Edit] = []
    for m in _GLUED_LATIN.finditer(text):
        cyr, lat, after = m.group(1), m.group(2), m.group(3)
        if not (lat.lower() in latin_words() or _SKIP.fullmatch(lat) or (lat.isupper() and len(lat) >= 2)):
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
        if camel and any(len(p) < 4 or not p[1:].islower() or not _common_word(p.lower()) for p in pieces
                         if _morph_word(p.lower())):
            pieces, camel = [tok], False  # «СанПиН», «МойОфис»: a name written in camel case, not glued words
        short = len(tok) >= 6 and tok.islower() and not _whole_word(tok) and \
            any(tok.startswith(f) for f in _FUNCTION | _SHORT_WORDS)  # «поссылке», «ивидеозвонки»
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


# --- the whole document -------------------------------------------------------------------------------

_LAST_WORD = re.compile(r"[\w-]+\W*$")
_ENDS = re.compile(r"[.!?;:»)\"\d]\s*$")

def repair_paragraph(text: str, cmap: list[int] | None, cut_end: bool = False,
                     ) -> tuple[str, list[int] | None, list[tuple[int, int, str, str, str]]]:
    """Repaired text, char map and the repairs (start, end, original, fixed, kind) in the repaired text.

    ``cut_end``: the document is cut in this paragraph's last word («…общеобразовател»): a piece of a word is
    not glued or split words, so that word is left as it is (the structure check reports the cut, #14).
    """
    found: list[tuple[int, int, str, str, str]] = []
    for step in (requisite_edits, quote_edits, _script_boundary_edits, script_edits, split_edits, glued_edits):
        edits = step(text)
        if edits and cut_end and step in (split_edits, glued_edits):
            last = _LAST_WORD.search(text)
            tail = last.start() if last else len(text)
            edits = [e for e in edits if e[1] <= tail]
        if not edits:
            continue
        originals = [text[s:e] for s, e, _, _ in sorted(edits)]
        text, cmap, spans, shifts = apply_edits(text, cmap, edits)
        found = [(shift(s, shifts), shift(e, shifts), o, f, k) for s, e, o, f, k in found]
        for (s, e), o, (_, _, new, kind) in zip(spans, originals, sorted(edits), strict=True):
            found.append((s, e, o, new, kind))
    found.sort()
    return text, cmap, found


# Paragraph texts known to need no repair: a district's acts share most paragraphs, and most are clean.
_CLEAN: dict[str, None] = {}
_CLEAN_MAX = 1 << 15


def repair_document(doc) -> list[Repair]:
    """Repair every paragraph of ``doc`` in place (then ``doc.reindex()``); return the repairs."""
    repairs: list[Repair] = []
    changed = False
    last = next((p.index for p in reversed(doc.paragraphs) if p.text.strip()), None)
    for p in doc.paragraphs:
        if not p.text or p.text in _CLEAN:
            continue
        cut = p.index == last and not _ENDS.search(p.text)
        text, cmap, found = repair_paragraph(p.text, p.char_map, cut_end=cut)
        if not found:
            if not cut:  # (a cut last word was left alone: the same text elsewhere may still need a repair)
                if len(_CLEAN) >= _CLEAN_MAX:
                    _CLEAN.clear()
                _CLEAN[p.text] = None
            continue
        if p.label is None:  # a numbering label read back («1o.4.» → «10.4.») is split off as a reader does
            from ..normalize import label_depth, split_label

            label, off, bullet = split_label(text)
            if label and not bullet and off < len(text):
                p.label, p.kind, p.level = label, "item", label_depth(label)
                text, cmap = text[off:], cmap[off:] if cmap is not None else None
                # a repair of the label itself gets negative offsets: the label stands before the text
                found = [(s - off, e - off, o, f, k) for s, e, o, f, k in found]
        p.text, p.char_map = text, cmap
        changed = True
        repairs.extend(Repair(p.index, s, e, o, f, k) for s, e, o, f, k in found)
    repairs.extend(_dropped_label_dots(doc))
    if changed or any(r.start < 0 for r in repairs):
        doc.reindex()
    return repairs


_TWO_DIGITS = re.compile(r"(\d)(\d)\.")


def _dropped_label_dots(doc) -> list[Repair]:
    """«17.» between «1.6.» and «1.8.»: the dot of «1.7.» was lost in recognition."""
    out: list[Repair] = []
    prev: tuple[int, int] | None = None
    for p in doc.paragraphs:
        if not p.label:
            continue
        m = _TWO_DIGITS.fullmatch(p.label)
        if m and prev is not None and prev == (int(m.group(1)), int(m.group(2)) - 1):
            fixed = f"{m.group(1)}.{m.group(2)}."
            out.append(Repair(p.index, -(len(p.label) + 1), -1, p.label, fixed, "requisite"))
            p.label, p.kind, p.level = fixed, "item", 2
        parts = [x for x in p.label.split(".") if x]
        prev = (int(parts[0]), int(parts[1])) if len(parts) == 2 and all(x.isdigit() for x in parts) else prev
    return out
