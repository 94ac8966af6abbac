"""Agreement errors readers call typos: preposition + wrong case, adjective ≠ noun, «настоящим Положениям».

Every rule looks at all readings of the words and fires only when no reading agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .morph import NOMINAL, agrees, inflect, norm_case, pair_agrees, parses
from .ocr import match_case
from .tokens import Token

GOVERNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("с", "со"), frozenset({"gent", "ablt"})),
    "по": frozenset({"datv", "loct", "accs"}),
    **dict.fromkeys(("о", "об", "обо"), frozenset({"loct", "accs"})),
    **dict.fromkeys(("в", "во", "на"), frozenset({"accs", "loct"})),
    **dict.fromkeys(("к", "ко"), frozenset({"datv"})),
    **dict.fromkeys(
        ("для", "от", "ото", "из", "до", "без", "у", "около", "после", "кроме", "среди", "возле", "вокруг", "из-за"),
        frozenset({"gent"}),
    ),
    "при": frozenset({"loct"}),
    **dict.fromkeys(("через", "про", "сквозь"), frozenset({"accs"})),
    **dict.fromkeys(("за", "под"), frozenset({"accs", "ablt"})),
    **dict.fromkeys(("над", "перед", "между"), frozenset({"ablt"})),
}
# the case a preposition most often takes, for the suggested form
MAIN_CASE = {"с": "ablt", "со": "ablt", "по": "datv", "о": "loct", "об": "loct", "обо": "loct", "в": "loct",
             "во": "loct", "на": "loct", "за": "ablt", "под": "ablt"}
_ACT_NOUNS = {"положение", "порядок", "регламент"}


@dataclass(slots=True)
class Agreement:
    """One agreement problem: which token, the suggested replacement of the span, a reason."""

    first: int  # index of the first token of the span
    last: int  # index of the last token of the span (inclusive)
    suggestion: str
    kind: str  # prep | adj | act


@lru_cache(maxsize=100_000)
def _nominal_cases(word: str) -> frozenset[str | None] | None:
    """Cases of the readings of a word that is only nominal (noun, adjective, …); None otherwise."""
    ps = parses(word)
    if not ps or not all(p.tag.POS in NOMINAL and "Fixd" not in p.tag for p in ps):
        return None
    return frozenset(norm_case(r.tag.case) for r in ps)


def check_prepositions(toks: list[Token], score: Callable[[str, str], int]) -> list[Agreement]:
    """Preposition followed by a word none of whose readings is in a case the preposition takes."""
    out = []
    for i in range(len(toks) - 1):
        p = toks[i]
        cases = GOVERNS.get(p.folded)
        if not cases:
            continue
        prev = toks[i - 1] if i else None
        if prev is not None and not p.linked and prev.end == p.start - 1 and len(prev.folded) <= 2:
            continue  # part of an abbreviation such as «д/с» (детский сад) or «п/п», not a preposition
        x = toks[i + 1]
        if p.is_upper and len(p.text) > 1 and not x.is_upper:
            continue  # «ГБОУ СО «Школа»»: a regional abbreviation, not the preposition «со»
        if x.quoted:
            continue  # «в газете «Правда»», «ко «Дню знаний»»: a name in quotes keeps its own form
        if not x.linked or x.is_upper or len(x.folded) < 3 or not x.is_cyrillic:
            continue
        xcases = _nominal_cases(x.folded)
        if xcases is None:
            continue
        if xcases & cases or _head_fits(toks, i + 1, cases):
            continue
        options: list[tuple[int, int, str]] = []
        for alt, alt_cases in GOVERNS.items():
            if alt != p.folded and xcases & alt_cases and _near(p.folded, alt):
                options.append((score(alt, x.folded), 0, f"{match_case(p.text, alt)} {x.text}"))
        best_parse = parses(x.folded)[0]
        order = [MAIN_CASE.get(p.folded, ""), *sorted(cases)]
        for case in order:
            if case not in cases:
                continue
            form = inflect(best_parse, {case, best_parse.tag.number} if best_parse.tag.number else {case})
            if form:
                options.append((score(p.folded, form), 1, f"{p.text} {match_case(x.text, form)}"))
                break
        if options:
            options.sort(key=lambda o: (-o[0], -o[1]))
            out.append(Agreement(i, i + 1, options[0][2], "prep"))
    return out


def _head_fits(toks: list[Token], k: int, cases: frozenset[str]) -> bool:
    """For an adjective at ``k``: the noun it belongs to (past «и»/«или» and adjectives) fits ``cases``.

    Then the adjective alone is wrong («к классных и родительским чатам»), which the adjective rule reports.
    """
    ps = parses(toks[k].folded)
    if not ps or ps[0].tag.POS != "ADJF":
        return False
    for j in range(k + 1, min(k + 5, len(toks))):
        if not toks[j].linked:
            return False
        rs = parses(toks[j].folded)
        if toks[j].folded in ("и", "или") or (rs and rs[0].tag.POS == "ADJF"):
            continue
        return bool(rs) and rs[0].tag.POS == "NOUN" and any(norm_case(r.tag.case) in cases for r in rs)
    return False


def _near(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _is_act_pair(ars, nrs) -> bool:
    return ars[0].normal_form == "настоящий" and nrs[0].normal_form in _ACT_NOUNS


@lru_cache(maxsize=100_000)
def _adj_readings(word: str) -> tuple:
    """ADJF readings of a word that is first of all an adjective (not a participle, pronoun or verb)."""
    ps = parses(word)
    if not ps or ps[0].tag.POS != "ADJF" or any(p.tag.POS not in ("ADJF", "NOUN") for p in ps):
        return ()
    adj = tuple(p for p in ps if p.tag.POS == "ADJF")
    return () if any("Apro" in p.tag or "Subx" in p.tag for p in adj) else adj


@lru_cache(maxsize=100_000)
def _noun_readings(word: str) -> tuple:
    ps = parses(word)
    if not ps or any(p.tag.POS != "NOUN" or "Fixd" in p.tag for p in ps):
        return ()
    return ps


def check_adjectives(toks: list[Token], score: Callable[[str, str], int]) -> list[Agreement]:
    """An adjective (or two coordinated ones) before a noun that agrees with it in no reading."""
    out: list[Agreement] = []
    for j in range(1, len(toks)):
        noun = toks[j]
        if not noun.linked or noun.is_upper:
            continue
        nrs = _noun_readings(noun.folded)
        if not nrs:
            continue
        adj = toks[j - 1]
        ars = _adj_readings(adj.folded)
        if not ars or adj.is_upper:
            continue
        if adj.is_title and noun.is_title and not adj.sent_start:
            continue  # «д. Малые Вишеры», «Нижний Новгород»: a proper name keeps its own form
        if pair_agrees(adj.folded, noun.folded) and not (
            _is_act_pair(ars, nrs) or (j >= 3 and toks[j - 2].folded in ("и", "или"))
        ):
            continue
        pairs = [(a, n) for a in ars for n in nrs if agrees(a, n)]
        if not pairs:
            issue = _mismatch(toks, j, ars, nrs, score)
            if issue:
                out.append(issue)
            continue
        act = _act_number(adj, noun, ars, nrs)
        if act:
            out.append(Agreement(j, j, match_case(noun.text, act), "act"))
            continue
        # «классных и родительским чатам»: a first adjective coordinated with the agreeing one
        if j >= 3 and adj.linked and toks[j - 2].folded in ("и", "или") and toks[j - 2].linked:
            first = toks[j - 3]
            frs = _adj_readings(first.folded)
            if frs and not first.is_upper and not any(agrees(f, n) for f in frs for _, n in pairs):
                fix = _fix_adj(frs, [n for _, n in pairs])
                if fix:
                    out.append(Agreement(j - 3, j - 3, match_case(first.text, fix), "adj"))
    return out


def _cases_before(toks: list[Token], k: int) -> set[str]:
    """Cases the word before token ``k`` (skipping «и», «или») expects or carries."""
    j = k - 1
    while j >= 0 and toks[j].folded in ("и", "или") and toks[j + 1].linked:
        j -= 1
    if j < 0 or not toks[j + 1].linked:
        return set()
    w = toks[j].folded
    if w in GOVERNS:
        return set(GOVERNS[w])
    return {norm_case(p.tag.case) for p in parses(w) if p.tag.POS in NOMINAL and p.tag.case}


def _governing_cases(toks: list[Token], k: int) -> set[str]:
    """Cases of the preposition that governs the noun group whose adjective is at ``k`` («о федеральной
    государственной информационной системе»: «о» → loct, accs); empty when no preposition heads it."""
    j = k - 1
    while j >= 0 and toks[j + 1].linked and j > k - 6:
        w = toks[j].folded
        if w in GOVERNS:
            return set(GOVERNS[w])
        ps = parses(w)
        if w not in ("и", "или") and not (ps and ps[0].tag.POS in ("ADJF", "PRTF")):
            return set()
        j -= 1
    return set()


def _mismatch(toks: list[Token], j: int, ars, nrs, score: Callable[[str, str], int]) -> Agreement | None:
    """Adjective ``toks[j-1]`` and noun ``toks[j]`` agree in no reading: which one to fix."""
    adj, noun = toks[j - 1], toks[j]
    prev = toks[j - 2] if j >= 2 and adj.linked else None
    ncases = {norm_case(n.tag.case) for n in nrs}
    # «учебного и воспитательного процессов»: coordinated singular adjectives, plural noun
    if prev is not None and prev.folded in ("и", "или") and any(
        a.tag.number == "sing" and n.tag.number == "plur" and norm_case(a.tag.case) == norm_case(n.tag.case)
        for a in ars for n in nrs
    ):
        return None
    before = _cases_before(toks, j - 1)
    gov = _governing_cases(toks, j - 1)
    if gov:
        before = before & gov if before & gov else gov
    held = [a for a in ars if norm_case(a.tag.case) in before]
    if held and prev is not None and prev.folded in GOVERNS and "nomn" in ncases:
        return None  # «в дальнейшем учитель …»: an adverbial phrase before the subject, not a noun group
    options: list[tuple[int, int, Agreement]] = []
    for k, a in enumerate(held or ars):
        form = inflect(nrs[0], {g for g in (norm_case(a.tag.case), a.tag.number) if g})
        if form and form != noun.folded:
            bonus = 1 if held else 0
            options.append((score(adj.folded, form), bonus, Agreement(j, j, match_case(noun.text, form), "adj")))
            if k > 3:
                break
    fix = _fix_adj(ars, nrs)
    if fix and fix != adj.folded:
        options.append((score(fix, noun.folded), 0 if held else 1, Agreement(j - 1, j - 1, match_case(adj.text, fix), "adj")))
    if not options:
        return None
    options.sort(key=lambda o: -(o[0] + 2 * o[1]))
    return options[0][2]


def _fix_adj(ars, nrs) -> str | None:
    n = nrs[0].tag
    grams = {norm_case(n.case), n.number}
    if n.number == "sing" and n.gender in ("masc", "femn", "neut"):
        grams.add(n.gender)
    if n.case == "accs" and n.animacy:
        grams.add(n.animacy)
    form = inflect(ars[0], {g for g in grams if g})
    return form


def _act_number(adj: Token, noun: Token, ars, nrs) -> str | None:
    """«настоящим Положениям»: this act is one, so «настоящий» + plural act noun is a slip."""
    if ars[0].normal_form != "настоящий" or nrs[0].normal_form not in _ACT_NOUNS:
        return None
    if any(n.tag.number != "plur" for n in nrs):
        return None
    for a in ars:
        if a.tag.number == "sing" and a.tag.gender == nrs[0].tag.gender:
            form = inflect(nrs[0], {"sing", norm_case(a.tag.case)})
            if form:
                return form
    return None
