"""The text layer: damaged or wrong-language OCR (OC001), repaired OCR defects (TY002, TY003, OC002, OC003),
claims withheld because a region is unreadable (OC004). The work is done when the document is read
(:mod:`sferum_policy.ocr.quality`); this module turns its record into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..report import Finding
from ..rules import RULES, codes_of
from . import check
from .base import CheckContext, Fix, finding

OC001 = RULES["OC001"]
OC002 = RULES["OC002"]
OC003 = RULES["OC003"]
OC004 = RULES["OC004"]

# the repairs of recognition report the typo codes too (a Latin look-alike, a lost space)
CODES = (*codes_of("ocr"), "TY002", "TY003")
_TY = {"script": "TY002", "glued": "TY003"}


@check("ocr", order=5, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The text layer's verdict and every repaired OCR defect, each distinct one reported once."""
    layer = doc.results.text_layer
    if layer is not None and layer.unreadable_paragraphs and "OC001" in ctx.enabled:
        yield finding(OC001, doc, layer.message)
    seen: dict[tuple[str, str], list] = {}
    for r in doc.results.ocr_repairs:
        seen.setdefault((r.original, r.fixed), []).append(r)
    if layer is not None and layer.source == "ocr":
        return  # our own recognition's slips, repaired before the checks, are not the school's defects
    bad = set(layer.unreadable_paragraphs if layer is not None else [])
    for (original, fixed), group in seen.items():
        r = group[0]
        if r.kind != "requisite" and all(x.paragraph in bad for x in group):
            continue  # words of an unreadable paragraph: OC001 says it once for all of them (a number or a
            # citation read back is still named: it is what the checks of citations now rely on)
        code = _TY.get(r.kind, "OC002" if r.kind == "requisite" else "OC003")
        if code not in ctx.enabled:
            continue
        more = f" (всего в документе: {len(group)})" if len(group) > 1 else ""
        also = tuple((doc.paragraphs[x.paragraph].start + x.start, doc.paragraphs[x.paragraph].start + x.end)
                     for x in group[1:])
        # the read text holds the repaired form; ``fix`` writes the act as it was written and this edit back
        yield finding(RULES[code], doc, RULES[code].message(r.kind, o=original, f=fixed, n=more),
                      paragraph=r.paragraph, start=r.start, end=r.end, text=original, suggestion=fixed,
                      fix=Fix(fixed, also=also), args={"original": original, "correction": fixed, "kind": r.kind})
