"""Putting names of bodies and positions into another case with pymorphy3.

Only the head of the phrase is inflected: leading adjectives and the first noun («педагогический
совет» → «педагогического совета»); what follows (a genitive tail such as «совет учреждения»),
abbreviations, numbers and anything in quotes is left intact.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"«[^»]*»|\"[^\"]*\"|\S+")


def inflect_phrase(phrase: str, case: str) -> str:
    """Return ``phrase`` with its head put into ``case`` (pymorphy3 tag: gent, datv, ablt, loct …)."""
    from ..nlp import morph

    analyzer = morph()
    out: list[str] = []
    done = False
    for token in _TOKEN.findall(phrase):
        word = token.strip(",.;:()")
        parts = word.split("-")
        if done or not all(part.isalpha() for part in parts) or token[0] in "«\"" or (word.isupper() and len(word) > 1):
            out.append(token)
            continue
        new_parts: list[str] = []
        noun = False
        for part in parts:  # «Школа-интернат» → «Школе-интернате»: both halves of a compound noun change
            got = _inflect_word(analyzer, part, case)
            if got is None:
                break
            new_parts.append(got[0])
            noun = noun or got[1]
        if len(new_parts) != len(parts):
            out.append(token)
            done = True
            continue
        out.append(token.replace(word, "-".join(new_parts), 1))
        if noun:
            done = True
    return " ".join(out)


def _inflect_word(analyzer, word: str, case: str) -> tuple[str, bool] | None:
    """``word`` (nominative) in ``case`` and whether it is a noun; None if it is not declinable."""
    parses = [p for p in analyzer.parse(word) if "nomn" in p.tag and ({"NOUN", "ADJF", "PRTF"} & p.tag.grammemes)]
    if not parses:
        return None
    parse = parses[0]
    number = "plur" if "plur" in parse.tag else "sing"
    target = None
    if case == "loct" and "NOUN" in parse.tag:  # after «в»: «в Детском саду», not «в Детском саде»
        target = parse.inflect({"loc2", number})
    target = target or parse.inflect({case, number})
    if target is None:
        return None
    new = target.word
    if word[0].isupper():
        new = new[0].upper() + new[1:]
    return new, "NOUN" in parse.tag
