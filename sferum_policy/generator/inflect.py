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
        if done or not word.isalpha() or token[0] in "«\"" or (word.isupper() and len(word) > 1):
            out.append(token)
            continue
        parses = [p for p in analyzer.parse(word) if "nomn" in p.tag and ({"NOUN", "ADJF", "PRTF"} & p.tag.grammemes)]
        if not parses:
            out.append(token)
            done = True
            continue
        parse = parses[0]
        number = "plur" if "plur" in parse.tag else "sing"
        target = parse.inflect({case, number})
        if target is None:
            out.append(token)
            done = True
            continue
        new = target.word
        if word[0].isupper():
            new = new[0].upper() + new[1:]
        out.append(token.replace(word, new, 1))
        if "NOUN" in parse.tag:
            done = True
    return " ".join(out)
