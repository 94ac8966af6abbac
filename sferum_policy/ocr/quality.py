"""The text layer's verdict for a read Document: judged, recognised again when needed, repaired.

:func:`settle` runs first in the analysis stage (:func:`sferum_policy.analysis.analyse`), before the metadata: it judges the layer,
asks Tesseract for a new reading of a PDF whose layer is damaged, repairs what is recognisable and leaves
``doc.results.text_layer`` (what the report shows at its top) and ``doc.results.ocr_repairs``.
:func:`withhold` runs after the checks: a claim that something is *missing* is not made about a document
with an unreadable region — it becomes «не удалось прочитать».
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..document import Document
from ..errors import InputError
from ..report import TextLayer
from .layer import assess, describe
from .repair import repair_document

#: Findings that say something is absent from the whole document (no location): withheld when part of the
#: text could not be read. Prefixes match whole families (every missing clause or section).
ABSENCE_CODES = ("ST005", "ST006", "ST007", "LR010", "CL")
_WHAT = {
    "ST005": "гриф утверждения",
    "ST006": "отметку о принятии коллегиальным органом",
    "ST007": "отметку об учёте мнения советов обучающихся и родителей",
    "LR010": "ссылки на обязательные правовые основания",
    "CL": "разделы и положения из библиотеки",
}


def settle(doc: Document, reread: Callable[[Document], Document | None] | None = None) -> Document:
    """Judge, maybe recognise again, repair; return the Document to use (a new one after a new reading).

    ``reread`` is the reader's new recognition of a damaged text PDF (``readers.pdf.reocr``; None when
    Tesseract is missing): passed in by the reader, so that this stage does not import the readers.
    """
    before = assess(doc.paragraphs)
    reocr: str | None = None
    if before.status != "ok" and doc.format == "pdf" and doc.results.ocr is None:
        try:
            new = reread(doc) if reread is not None else None
        except InputError:
            new = None
            reocr = "failed"
        if new is None:
            reocr = reocr or "unavailable"
        else:
            again = assess(new.paragraphs)
            if again.share < before.share:
                doc, before, reocr = new, again, "done"
            else:
                reocr = "no_better"
    doc.results.pdf_bytes = None
    repairs = repair_document(doc)
    after = assess(doc.paragraphs)
    doc.results.ocr_repairs = repairs
    doc.results.text_layer = TextLayer.model_validate(_layer(doc, before, after, repairs, reocr))
    return doc


def _layer(doc: Document, before, after, repairs, reocr: str | None) -> dict[str, Any]:
    ocr = doc.results.ocr
    status = "ok"
    if after.damaged:
        status = after.status
    elif repairs or before.damaged:
        status = "repaired"
    info: dict[str, Any] = {
        "status": status,
        "source": "ocr" if ocr else "text",
        "damaged_paragraphs": before.damaged,
        "unreadable_paragraphs": after.damaged,
        "unreadable_share": round(after.share, 3),
        "repaired": len(repairs),
        "reocr": reocr,
        "ocr": ocr.info() if ocr else None,
        "unverified": [],
    }
    info["message"] = message(info)
    return info


def message(info: dict[str, Any]) -> str:
    """The one line the report shows at its top (Russian)."""
    parts: list[str] = []
    ocr = info.get("ocr")
    if ocr:
        pages = ocr["pages"]
        confs = [p["confidence"] for p in pages if p["confidence"] is not None]
        why = {"scan": "PDF без текстового слоя распознан", "image": "изображение распознано",
               "damaged_layer": "повреждённый текстовый слой PDF распознан заново"}.get(ocr["reason"], "распознан")
        conf = f", средняя уверенность распознавания {sum(confs) / len(confs):.0f} %" if confs else ""
        parts.append(f"{why} (Tesseract, русский язык): страниц — {len(pages)}{conf}")
    unreadable = info["unreadable_paragraphs"]
    if unreadable:
        share = info["unreadable_share"]
        line = (f"текстовый слой повреждён: {describe(unreadable)} нечитаемы ({share:.0%} текста); "
                "распознайте документ заново").replace("абзац ", "абзац ", 1)
        if len(unreadable) == 1:
            line = line.replace(" нечитаемы", " нечитаем")
        if info["reocr"] == "unavailable":
            line += " (установите Tesseract с русским языком — тогда PDF будет распознан заново автоматически)"
        elif info["reocr"] in ("no_better", "failed"):
            line += " (повторное распознавание Tesseract не дало лучшего текста)"
        parts.append(line)
    if info["repaired"]:
        parts.append(f"исправлено ошибок распознавания: {info['repaired']}; проверка выполнена по исправленному тексту")
    if not parts:
        return "текстовый слой в порядке"
    return "; ".join(parts)


def unreadable(doc: Document) -> list[int]:
    layer = doc.results.text_layer
    return list(layer.unreadable_paragraphs) if layer is not None else []


def after_analysis(doc: Document) -> None:
    """A Положение with an unreadable header is still an act: never «не локальный акт» because of the damage."""
    from ..vocab import DocKind

    if doc.meta.doc_kind != DocKind.not_local_act or not unreadable(doc):
        return
    doc.meta.doc_kind = _kind_from_damaged(doc) or DocKind.unknown
    from ..analysis.organisation import org_kind

    act_text = "\n".join(p.full_text for p in doc.paragraphs)
    doc.meta.org_kind = org_kind(act_text, doc.meta.org_name)
    if doc.results.text_layer is not None:
        doc.results.text_layer.kind_from_damaged_header = doc.meta.doc_kind.value


_KINDS = {"положение": "polozhenie", "порядок": "poryadok", "правила": "pravila", "инструкция": "instruktsiya"}


def _kind_from_damaged(doc: Document):
    """The kind word of a damaged header read with the look-alike table, fuzzily («IIOJ10)l{EIDIE»)."""
    from rapidfuzz import fuzz

    from ..vocab import DocKind
    from .tables import lookalikes

    table = sorted(lookalikes().items(), key=lambda kv: -len(kv[0]))
    for p in doc.paragraphs[:15]:
        for tok in p.text.split():
            if len(tok) < 6 or len(tok) > 16:
                continue
            out, i = [], 0
            while i < len(tok):
                for key, (alts, _) in table:
                    if tok.startswith(key, i):
                        out.append(alts[0])
                        i += len(key)
                        break
                else:
                    out.append(tok[i].lower())
                    i += 1
            word = "".join(out)
            for kind_word, kind in _KINDS.items():
                if fuzz.ratio(word, kind_word) >= 75:
                    return DocKind(kind)
    return None


def withhold(doc: Document, findings: list, ctx) -> list:
    """Replace claims that something is missing by one «не удалось прочитать» finding when text is unreadable."""
    bad = unreadable(doc)
    if not bad:
        return findings
    from ..checks.base import finding
    from ..checks.ocr import OC004

    kept, withheld = [], []
    bad_set = set(bad)
    for f in findings:
        if f.location.paragraph in bad_set and f.category == "typo" and not f.code.startswith(("TY002", "TY003")):
            continue  # spelling of an unreadable paragraph is not judged: OC001 covers it
        if f.location.paragraph is None and f.code.startswith(ABSENCE_CODES):
            withheld.append(f)
        else:
            kept.append(f)
    if not withheld:
        return kept
    groups: list[str] = []
    for prefix in ABSENCE_CODES:
        if any(f.code.startswith(prefix) for f in withheld):
            groups.append(prefix)
    if doc.results.text_layer is not None:
        doc.results.text_layer.unverified = sorted({f.code for f in withheld})
    if OC004.code in ctx.enabled:
        what = ", ".join(_WHAT[g] for g in groups)
        kept.append(finding(
            OC004, doc,
            f"не удалось прочитать {describe(bad)}: наличие в документе ({what}) не проверено — "
            "о них нельзя сказать «нет», пока документ не распознан заново",
        ))
    return kept
