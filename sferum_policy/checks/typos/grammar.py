"""Phrase-level grammar the word detectors miss: a compound's hyphen lost at a line break or turned into a
spaced dash, what «в соответствии с» governs, «о» before a vowel, a month cut short in a date.

Each rule reads the words' readings (pymorphy3) and fires only when no reading fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...dates import MONTHS_GENT as _MONTHS
from .lexicon import is_known, morph_known
from .morph import inflect, norm_case, parses
from .ocr import match_case
from .tokens import Token

_DASHES = frozenset("-–—")
_VOWELS = frozenset("аэиоуы")


@dataclass(slots=True)
class Phrase:
    """One problem: tokens ``first``..``last`` of the paragraph, the replacement of that span, the kind."""

    first: int
    last: int
    suggestion: str
    kind: str  # hyphen | prep | gov | misspelling


def _pos(word: str) -> set[str]:
    return {p.tag.POS for p in parses(word) if p.tag.POS}


def _adjective_like(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS in ("ADJF", "PRTF")


def compound_hyphens(text: str, toks: list[Token], corpus_compound=None) -> list[Phrase]:
    """«Военно патриотический», «научно – методический»: the first stem of a compound adjective, then the adjective,
    apart. A spaced dash between them is never right; a plain space is a lost hyphen when the dictionary knows the
    compound or the first word is no adverb (so «достаточно большой» stays)."""
    out = []
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if a.folded[-1:] not in ("о", "е") or len(a.folded) < 5 or not a.is_cyrillic or not b.is_cyrillic:
            continue
        if "-" in a.text or a.has_digit or b.has_digit:
            continue
        gap = text[a.end:b.start]
        dash = gap.strip() in _DASHES and gap != gap.strip()
        if not (dash or gap.isspace()):
            continue
        if not _adjective_like(b.folded):
            continue
        joined = f"{a.folded}-{b.folded}"
        pos_a = _pos(a.folded)
        if dash:
            ok = not pos_a or ("ADJS" in pos_a and pos_a <= {"ADJS", "ADVB"} and a.folded.endswith("о"))
        else:
            from .lexicon import lexicon

            ok = morph_known(joined) or lexicon().knows(joined) or (not pos_a and is_known(joined)) or (
                pos_a == {"ADJS"} and is_known(joined) and morph_known(b.folded)) or (
                # the acts' own texts write the compound with a hyphen and never the two words apart
                corpus_compound is not None and corpus_compound(joined, a.folded, b.folded))
        if not ok or ("NOUN" in pos_a or "VERB" in pos_a or "ADJF" in pos_a):
            continue
        if dash and not gap.isspace() and a.is_title and b.text[:1].isupper():
            continue  # «Томско – Алтайский»: two names in a title
        out.append(Phrase(i, i + 1, f"{a.text}-{b.text}", "hyphen"))
    return out


def short_before_noun(text: str, toks: list[Token]) -> list[Phrase]:
    """«в муниципально учреждении» → «муниципальном»: a short adjective (only that: no adverb reading)
    never stands before its noun; the full form that agrees with the noun lost its ending."""
    from .morph import pair_agrees

    out = []
    for i in range(len(toks) - 1):
        a, n = toks[i], toks[i + 1]
        if not n.linked or text[a.end:n.start] != " " or len(a.folded) < 6 or a.is_upper or "-" in a.folded:
            continue
        if not a.folded.endswith("о"):
            continue  # «доступны обучающимся»: a plural or feminine short form is a predicate before its object
        ps = parses(a.folded)
        if not ps or {p.tag.POS for p in ps} != {"ADJS"}:
            continue
        nps = parses(n.folded)
        if not nps or nps[0].tag.POS != "NOUN":
            continue
        stem = a.folded[:-1]
        fits = [f for f in (stem + "ой", stem + "ый", stem + "ое", stem + "ого", stem + "ом", stem + "ая", stem + "ую")
                if morph_known(f) and pair_agrees(f, n.folded)]
        if len(fits) == 1:
            out.append(Phrase(i, i, match_case(a.text, fits[0]), "adj"))
    return out


def space_after_quote(text: str, toks: list[Token]) -> list[Phrase]:
    """«с.Омолон»разработано» → «с.Омолон» разработано»: a closing quote is followed by a space."""
    out = []
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if text[a.end:b.start] == "»" and b.is_cyrillic and b.text[:1].islower():
            out.append(Phrase(i, i + 1, f"{a.text}» {b.text}", "space"))
    return out


def lost_v(toks: list[Token], before: str | None) -> list[Phrase]:
    """«Федерации соответствии с …» → «в соответствии с»: the fixed phrase lost its «в».
    ``before`` is the last word of the previous paragraph (a line may break after «в»)."""
    out = []
    for i in range(len(toks) - 1):
        t, n = toks[i], toks[i + 1]
        if t.folded != "соответствии" or n.folded not in ("с", "со"):
            continue
        prev = toks[i - 1].folded if i > 0 else before
        if prev in ("в", "во", "не"):
            continue
        pps = parses(prev) if prev else ()
        if pps and pps[0].tag.POS in ("ADJF", "PRTF"):
            continue  # «в полном соответствии с …»
        out.append(Phrase(i, i, "в " + t.text if t.text.islower() else "В " + t.text.lower(), "realword"))
    return out


_PATR_STEM = re.compile(r"^[А-ЯЁ][а-яё]+(?:евн|овн|ичн|иничн)$")


def cut_patronymics(toks: list[Token]) -> list[Phrase]:
    """«назначить Иванову Марию Петровн» → «Петровну»: a patronymic without its ending, put in the case of the first
    name before it."""
    from ...nlp import morph

    out = []
    for i, t in enumerate(toks):
        if i == 0 or not _PATR_STEM.match(t.text):
            continue
        name = [p for p in morph().parse(toks[i - 1].folded) if "Name" in p.tag and p.tag.gender == "femn"]
        patr = [p for p in morph().parse(t.folded + "а") if "Patr" in p.tag and p.tag.case == "nomn"]
        if not name or not patr:
            continue
        form = patr[0].inflect({name[0].tag.case}) if name[0].tag.case else None
        if form is not None:
            out.append(Phrase(i, i, match_case(t.text, form.word), "misspelling"))
    return out


def ob_before_vowel(toks: list[Token]) -> list[Phrase]:
    """«о использовании» → «об использовании»: the preposition «о» before a vowel sound is «об»."""
    out = []
    for i in range(len(toks) - 1):
        p, x = toks[i], toks[i + 1]
        if p.folded != "о" or not x.linked or not x.is_cyrillic or x.is_upper:
            continue
        if x.folded[:1] not in _VOWELS:
            continue
        ps = parses(x.folded)
        if not ps or not any(norm_case(r.tag.case) in ("loct", "accs") for r in ps):
            continue
        out.append(Phrase(i, i, match_case(p.text, "об"), "prep"))
    return out


def cut_months(text: str, toks: list[Token]) -> list[Phrase]:
    """«5 сентябр 2023» → «5 сентября 2023»: a month cut short between a day and a year."""
    out = []
    for i in range(1, len(toks) - 1):
        t = toks[i]
        if len(t.folded) < 3 or t.folded in _MONTHS or not toks[i - 1].has_digit or not toks[i + 1].has_digit:
            continue
        if not re.fullmatch(r"\d{1,2}", toks[i - 1].text) or not re.fullmatch(r"\d{4}", toks[i + 1].text):
            continue
        if text[t.end:t.end + 1] == ".":
            continue  # «13 июл. 2022» is an abbreviation
        full = [m for m in _MONTHS if m.startswith(t.folded) and len(m) - len(t.folded) <= 2]
        if len(full) == 1:
            out.append(Phrase(i, i, match_case(t.text, full[0]), "misspelling"))
    return out


_DALEE = re.compile(r"\(\s*далее\s+(?![-–—:]|по\s+тексту|именуем)(?=[А-ЯЁA-Z«\"])")


def dalee_dash(text: str, toks: list[Token]) -> list[Phrase]:
    """«(далее ЭО и ДОТ)» → «(далее – ЭО и ДОТ)»: a short name after «далее» is set off by a dash."""
    out = []
    for m in _DALEE.finditer(text):
        k = next((n for n, t in enumerate(toks) if t.start >= m.start() and t.folded == "далее"), None)
        if k is not None:
            out.append(Phrase(k, k, f"{toks[k].text} –", "dash"))
    return out


_SINGLE_WORDS = ("и", "с", "в", "к", "о", "у", "а", "я")
_DATE_AFTER = re.compile(r"\s*(?:[«\"]?\d{1,2}[»\"]?\s+[а-яё]+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})")


def _only_dative_or_locative(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS in ("NOUN", "ADJF") and all(
        norm_case(p.tag.case) in ("datv", "loct") for p in ps if p.tag.POS in ("NOUN", "ADJF"))


def misread_short_words(text: str, toks: list[Token]) -> list[Phrase]:
    """Short words OCR misreads: a lone letter that is no word («поддерживает н развивает» → «и»), «ст» before a
    date («ст 30.09.2024» → «от»), «т.» after a year («2024 т.» → «г.»)."""
    from .freq import zipf
    from .ocr import ocr_neighbours

    out = []
    for i, t in enumerate(toks):
        w = t.folded
        after = text[t.end:t.end + 1]
        if len(w) == 1 and w not in _SINGLE_WORDS and t.text.islower() and t.is_cyrillic and after != "." and \
                0 < i < len(toks) - 1 and toks[i - 1].folded.isalpha() and toks[i + 1].folded.isalpha() and \
                len(toks[i - 1].folded) > 1 and len(toks[i + 1].folded) > 1 and t.linked and toks[i + 1].linked:
            options = [v for v, _ in ocr_neighbours(w) if v in _SINGLE_WORDS]
            if options:
                out.append(Phrase(i, i, max(options, key=zipf), "realword"))
        elif w == "но" and i > 0 and i + 1 < len(toks) and toks[i + 1].linked and \
                not text[toks[i - 1].end:t.start].strip() and _only_dative_or_locative(toks[i + 1].folded):
            # «процессы но использованию»: the conjunction «но» comes after a comma, the preposition «по» does not
            out.append(Phrase(i, i, match_case(t.text, "по"), "realword"))
        elif w == "ст" and t.text.islower() and after != "." and _DATE_AFTER.match(text, t.end):
            out.append(Phrase(i, i, match_case(t.text, "от"), "realword"))
        elif w == "т" and after == "." and i > 0 and re.fullmatch(r"\d{4}", toks[i - 1].text) and \
                text[toks[i - 1].end:t.start].isspace():
            out.append(Phrase(i, i, "г", "realword"))
    return out


def split_names(text: str, toks: list[Token]) -> list[Phrase]:
    """«Мин цифры» → «Минцифры»: two pieces that together are a name the domain lexicon holds
    (ministries and services: Минпросвещения, Минцифры, Рособрнадзор), torn by a space."""
    from .lexicon import lexicon

    out = []
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if not a.is_title or len(a.folded) > 4 or not b.is_cyrillic or text[a.end:b.start] != " ":
            continue
        joined = a.folded + b.folded
        if lexicon().knows(joined) and not morph_known(joined):
            out.append(Phrase(i, i + 1, a.text + b.text, "space_extra"))
    return out


# --- what «в соответствии с» governs ----------------------------------------------------------------------

def according_heads() -> frozenset[str]:
    """Normal forms of the nouns that head an item of «в соответствии с …» (data file, validated)."""
    from .lexicon import word_list

    return word_list("according_heads.txt")


_ACCORDING = re.compile(r"\bв\s+соответствии\s+с(?:о)?\s*:?", re.IGNORECASE)
_ITEM_LEAD = re.compile(r"^[\s\-–—•·*]*(?:\d+(?:\.\d+)*[.)]?\s*)?")


def _noun_group(toks: list[Token], k: int) -> tuple[int, int] | None:
    """Adjectives from ``k`` up to their noun: (first, head index), or None when no noun group starts at k."""
    j = k
    while j < len(toks) and j - k < 4:
        ps = parses(toks[j].folded)
        if not ps:
            return None
        pos = ps[0].tag.POS
        if pos == "NOUN":
            return k, j
        if pos not in ("ADJF", "PRTF") or (j > k and not toks[j].linked):
            return None
        j += 1
    return None


def according_items(text: str, toks: list[Token], state: dict) -> list[Phrase]:
    """Items of «в соответствии с …» are in the instrumental case: «в соответствии с … часть 2 статьи 13» →
    «частью», «…; Гигиенических нормативов» → «Гигиеническими нормативами».

    ``state`` carries an open list across paragraphs (a paragraph ending with «в соответствии с:» or «;»).
    After a comma a noun in the genitive may depend on the previous item, so only a nominative one is judged
    there; after a semicolon or a line's start every item is.
    """
    out: list[Phrase] = []
    starts: list[tuple[int, str]] = []  # (offset in text, separator) of the items to judge
    opens = [m.end() for m in _ACCORDING.finditer(text)]
    if state.get("open"):
        opens.insert(0, 0)
    for at0 in opens:
        starts.append((at0, ";"))
        seg_end = _sentence_end(text, at0)
        depth = 0
        for k in range(at0, seg_end):
            c = text[k]
            if c in "«“(":
                depth += 1
            elif c in "»”)" and depth:
                depth -= 1
            elif c in ";," and depth == 0:
                starts.append((k + 1, c))
    for at, sep in starts:
        lead = _ITEM_LEAD.match(text, at)
        at = lead.end() if lead else at
        k = next((n for n, t in enumerate(toks) if t.start >= at), None)
        if k is None or toks[k].start > at + 2 or not toks[k].is_cyrillic or toks[k].is_upper:
            continue
        group = _noun_group(toks, k)
        if group is None:
            continue
        first, head = group
        hps = [p for p in parses(toks[head].folded) if p.tag.POS == "NOUN"]
        if not hps or hps[0].normal_form not in according_heads():
            continue
        cases = {norm_case(p.tag.case) for p in hps}
        if "ablt" in cases or not hps:
            continue
        if sep == "," and not cases <= {"nomn", "accs"}:
            continue
        if sep == ";" and not cases <= {"nomn", "accs", "gent"}:
            continue
        number = hps[0].tag.number
        noun = inflect(hps[0], {"ablt", number} if number else {"ablt"})
        if not noun:
            continue
        words = []
        ok = True
        for j in range(first, head):
            aps = [p for p in parses(toks[j].folded) if p.tag.POS in ("ADJF", "PRTF")]
            grams = {"ablt", number} if number else {"ablt"}
            if number == "sing" and hps[0].tag.gender:
                grams.add(hps[0].tag.gender)
            form = inflect(aps[0], {g for g in grams if g}) if aps else None
            if not form:
                ok = False
                break
            words.append(match_case(toks[j].text, form))
        if not ok:
            continue
        words.append(match_case(toks[head].text, noun))
        out.append(Phrase(first, head, " ".join(words), "gov"))
    tail = text.rstrip()
    state["open"] = bool(tail) and (tail.endswith(";") or bool(re.search(r"в\s+соответствии\s+с\s*:$", tail,
                                                                         re.IGNORECASE))) and (
        state.get("open", False) or bool(_ACCORDING.search(text)))
    return out


_SENT_END = re.compile(r"(?:(?<=[а-яё]{4})|(?<=[»)]))\.(?=\s+[А-ЯЁ])|\.$")


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence that runs at ``at`` ends: a full stop after a word (not «ст.», «г.», «п.7»)
    followed by a capital letter, or the end of the paragraph."""
    m = _SENT_END.search(text, at)
    return m.start() if m else len(text)
