"""Non-words: misspellings, OCR garbage, Latin look-alikes, lost spaces and lost hyphens."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .corpus import Model
from .lexicon import fold, is_known, lexicon, morph_known, replacements, word_list
from .morph import parses
from .names import looks_like_name
from .ocr import candidates, delatinize, edit_cost, match_case
from .tokens import Token

MAX_COST = 1.5  # worst weighted edit cost of an accepted correction
NAME_MAX_COST = 0.6  # … for a capitalised word inside a sentence (probably a name): OCR or keyboard slip only
NAME_DOC_COST = 1.0  # … when the correction occurs in the document itself at least twice
PREFER_EDIT = 0.6  # an edit this cheap beats a split into two words
SHORT_WORDS = frozenset("вскоуиая")
FREQ_WEIGHT = 0.12
CONTEXT_BONUS = 0.3
AGREE_BONUS = 0.3
# A correction is «one confident correction» (``fix`` applies it without asking) when the runner-up candidate
# scores at least this much worse: one more edit operation of a typical OCR confusion costs about 0.5, so a
# rival closer than that is another plausible reading of the same letters, and a person must choose.
SURE_MARGIN = 0.5
# organisational legal forms of schools and kindergartens (МКДОУ, ГБПОУ, МАУ ДО …), in any case
_LEGAL_FORM = re.compile(r"(?:[мгфчн]|ча|не)?[бакч]?[дпо]?[оу]?(?:оу|у|учреждение)|сош|оош|нош|цдо|ддт|дши|дюсш|сюн|сют",
                         re.IGNORECASE)


def _agrees_with_noun(candidate: str, noun: str) -> bool:
    """The candidate is an adjective that agrees with the next word, a noun (the last part of a compound too)."""
    from .morph import pair_agrees

    last = candidate.rsplit("-", 1)[-1]
    ns = parses(noun)
    if not ns or ns[0].tag.POS != "NOUN":
        return False
    cs = parses(candidate) or parses(last)
    return bool(cs) and cs[0].tag.POS in ("ADJF", "PRTF") and (pair_agrees(candidate, noun) or pair_agrees(last, noun))


@dataclass(slots=True)
class NonWord:
    code: str  # latin | misspelling | space | hyphen
    suggestion: str
    sure: bool = True  # one confident correction (no rival candidate within SURE_MARGIN)


def _freq(m: Model, w: str) -> int:
    return m.uni(w)


def _rank(m: Model, wrong: str, cands, prev: str | None, nxt: str | None,
          max_cost: float) -> tuple[float, str, float] | None:
    """The best candidate as ``(score, candidate, margin)``; ``margin`` — how much worse the runner-up scores."""
    best: tuple[float, str] | None = None
    second = math.inf
    for c in cands:
        cost = edit_cost(wrong, c)
        if cost > max_cost:
            continue
        score = cost - FREQ_WEIGHT * math.log1p(_freq(m, c))
        if (prev and m.bi(prev, c)) or (nxt and m.bi(c, nxt)):
            score -= CONTEXT_BONUS
        if nxt and _agrees_with_noun(c, nxt):
            score -= AGREE_BONUS  # «…методическо сопровождение» → the form that agrees: «…методическое»
        if best is None or score < best[0]:
            if best is not None:
                second = best[0]
            best = (score, c)
        elif score < second:
            second = score
    return (best[0], best[1], second - best[0]) if best else None


def correct_part(m: Model, part: str, *, name_like: bool, prev: str | None, nxt: str | None) -> str | None:
    """Best correction of one unknown word part (folded), or None."""
    if part in replacements():
        return fold(replacements()[part])
    cands = _name_candidates(m, part) if name_like else candidates(part)
    best = _rank(m, part, cands, prev, nxt, NAME_MAX_COST if name_like else MAX_COST)
    return best[1] if best else None


def _name_candidates(m: Model, word: str) -> tuple[str, ...]:
    return tuple(c for c in candidates(word) if _freq(m, c) >= 1 or lexicon().knows(c))


def split(m: Model, word: str, *, strict: bool) -> tuple[str, str, str] | None:
    """Best split of a glued word: ``(code, left, right)`` with code ``space`` or ``hyphen``."""
    best: tuple[float, str, str, str] | None = None
    if any(word.startswith(c) for c in word_list("combining_forms.txt")):
        return None  # «медиаграмотность»: a first part Russian writes together with the next word
    for k in range(1, len(word)):
        a, b = word[:k], word[k:]
        if not _piece(a) or not _piece(b):
            continue
        hyphen = len(a) >= 5 and a[-1] in "ое" and _is_adjective(b) and _compound_head(a)
        if hyphen:
            score = 3.0 + math.log1p(_freq(m, b))
        else:
            fa, fb = _freq(m, a), _freq(m, b)
            if (strict or min(len(a), len(b)) <= 3) and (fa < 1 or fb < 1):
                continue
            if strict and not m.bi(a, b):
                continue
            score = 2 * math.log1p(m.bi(a, b)) + 0.5 * (math.log1p(fa) + math.log1p(fb))
        if best is None or score > best[0]:
            best = (score, "hyphen" if hyphen else "space", a, b)
    return best[1:] if best else None


def _piece(p: str) -> bool:
    if len(p) == 1:
        return p in SHORT_WORDS
    return morph_known(p) or lexicon().knows(p)


def _compound_head(w: str) -> bool:
    """«информационно», «научно»: a short-adjective/adverb form that begins compound adjectives."""
    ps = parses(w)
    return bool(ps) and any(p.tag.POS in ("ADVB", "ADJS") for p in ps) and not any(
        p.tag.POS in ("ADJF", "PRTF", "NOUN", "VERB") for p in ps
    )


def _is_adjective(w: str) -> bool:
    ps = parses(w)
    return bool(ps) and ps[0].tag.POS in ("ADJF", "PRTF")


# Longer "words" are not words a typo could have made (the longest Russian words, even hyphenated,
# stay under 40 letters); judging them would only cost quadratic time on garbage input.
MAX_WORD = 48


def check_token(
    m: Model, t: Token, prev: Token | None, nxt: Token | None, skip: set[str], doc_uni=None, in_name: bool = False
) -> NonWord | None:
    """A non-word finding for token ``t``, or None when it is a word (or cannot be judged).

    ``in_name``: the token stands inside a quoted organisation name («ООО «Якласс»»), where only a
    cheap misreading of a domain word counts; ``doc_uni`` are the document's own word counts.
    """
    if t.folded in skip or len(t.folded) > MAX_WORD:
        return None
    if t.is_cyrillic and (t.has_latin or (t.has_digit and any(c in "306" for c in t.folded))):
        fixed = _delatinized(t.text)
        if fixed:
            return NonWord("latin", fixed)
    if not t.is_cyrillic or t.has_latin or t.has_digit:
        return None
    if is_known(t.folded):
        return None
    if _LEGAL_FORM.fullmatch(t.folded):
        return None  # «мкдоу», «гбпоу»: a legal form is never «corrected» into another one
    if t.folded in replacements():
        return NonWord("misspelling", match_case(t.text, replacements()[t.folded]))
    name_like = (t.is_title and not t.sent_start) or t.is_upper or in_name
    if t.is_upper and len(t.folded) < 6:
        return None
    if t.is_title and not t.sent_start and looks_like_name(t.text):
        return None  # a surname, first name, patronymic or place the dictionary does not list
    if in_name:
        best = _rank(m, t.folded, tuple(c for c in candidates(t.folded) if lexicon().knows(c)), None, None, NAME_MAX_COST)
        return NonWord("misspelling", match_case(t.text, best[1]), sure=False) if best else None  # inside a name
    p = prev.folded if prev is not None and t.linked else None
    n = nxt.folded if nxt is not None and nxt.linked else None
    parts = t.text.split("-")
    if len(parts) > 1:
        fixed_parts = []
        for k, part in enumerate(parts):
            fp = fold(part)
            if is_known(fp) or (part.isupper() and len(part) > 1):
                fixed_parts.append(part)
                continue
            if len(fp) < 3:
                return None
            c = correct_part(m, fp, name_like=name_like or part[:1].isupper(), prev=None,
                             nxt=n if k == len(parts) - 1 else None)
            if c is None:
                return None
            fixed_parts.append(match_case(part, c))
        return NonWord("misspelling", "-".join(fixed_parts), sure=False)  # several guesses in one word
    if len(t.folded) < 3:
        return None
    if name_like:
        best = _rank(m, t.folded, _name_candidates(m, t.folded), p, n, NAME_MAX_COST)
        if best is None and doc_uni is not None:
            best = _rank(m, t.folded, tuple(c for c in candidates(t.folded) if doc_uni[c] >= 2), p, n, NAME_DOC_COST)
    else:
        best = _rank(m, t.folded, candidates(t.folded), p, n, MAX_COST)
    cost = edit_cost(t.folded, best[1]) if best else 9.0
    if cost > PREFER_EDIT:
        s = split(m, t.folded, strict=name_like)
        if s:
            code, a, b = s
            joined = f"{a}-{b}" if code == "hyphen" else f"{a} {b}"
            return NonWord(code, match_case(t.text, joined))
    if best:
        # a capitalised word inside a sentence may be a name the dictionary lacks («Чагода»): certain only when
        # the act itself writes the correction elsewhere («Положениемм» → «Положением»), else a person decides
        own = not name_like or (doc_uni is not None and doc_uni[best[1]] >= 2)
        return NonWord("misspelling", match_case(t.text, best[1]), best[2] >= SURE_MARGIN and own)
    return None


def _delatinized(text: str) -> str | None:
    parts = text.split("-")
    out = []
    changed = False
    for part in parts:
        has_cyr = any("а" <= c.lower() <= "я" or c in "ёЁ" for c in part)
        fixed = delatinize(part) if has_cyr else None
        if fixed is None:
            out.append(part)
            continue
        if any(c.isdigit() for c in part) and not is_known(fold(fixed)):
            return None
        if part[:1].isdigit() and part[1:2].isupper():
            fixed = fixed[:1].upper() + fixed[1:]
        out.append(fixed)
        changed = True
    return "-".join(out) if changed else None
