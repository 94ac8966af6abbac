"""The text layer: damaged or wrong-language OCR (OC001), repaired OCR defects (TY002, TY003, OC002, OC003),
claims withheld because a region is unreadable (OC004). The work is done when the document is read
(:mod:`sferum_policy.ocr.quality`); this module turns its record into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..report import Finding
from ..rules import rule
from ..vocab import Category, Severity
from . import check
from .base import CheckContext, Fix, finding

OC001 = rule(
    code="OC001", name="damaged-text-layer", category=Category.text_layer, severity=Severity.warning,
    title="Текстовый слой повреждён (ошибки распознавания, не тот язык)",
    why="Скан распознан с ошибками или не на том языке: вместо русских букв — латинские похожие («Ha» вместо "
        "«На»), значки и обрывки. Такой текст не находится поиском, его не прочитают программы экранного доступа, "
        "а проверка не может судить о нечитаемых абзацах.",
    fix="Распознайте документ заново с русским языком (или разместите исходный файл с текстом) и замените файл "
        "на сайте.",
    bad=("ПОЛОЖЕНИЕ об использовании платформы\nYTB EP)l{ |]A|-O ~ qup}|{ekTop IIIK0JIbI npuka3 or |]|].|]|].2O24\n"
         "1. O6|_|{ue no/\\o}|{eHu9\n1.1. Hac|'oя|_|ee no/\\o}|{eHue onpe|]e/\\яe|' nop9|]oK u3no/\\b3oBaHu9 "
         "n/\\aTqbopMbI."),
    good="ПОЛОЖЕНИЕ об использовании платформы\n1. Общие положения\n1.1. Настоящее положение определяет порядок.",
)
OC002 = rule(
    code="OC002", name="damaged-requisite", category=Category.text_layer, severity=Severity.warning,
    title="Цифры и буквы перепутаны в реквизите (номер, дата, «№», «-ФЗ»)",
    why="При распознавании в номере или дате буква заменила цифру («2o12», «15З-ФЗ»), а знак «№» прочитан как "
        "«N°» или «JIo». Ссылка с таким номером не находится, дату нельзя проверить.",
    fix="Исправьте реквизит на предложенный.",
    bad="1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2o12 № 27З-ФЗ.",
    good="1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ.",
)
OC003 = rule(
    code="OC003", name="split-word", category=Category.text_layer, severity=Severity.warning,
    title="Слово разорвано лишним пробелом",
    why="Внутри слова стоит пробел (типичная ошибка распознавания): ни одна из частей не является словом.",
    fix="Уберите пробел внутри слова.",
    bad="1.1. Положение определяет порядок работы образоват ельной организации.",
    good="1.1. Положение определяет порядок работы образовательной организации.",
)
OC004 = rule(
    code="OC004", name="unreadable-region", category=Category.text_layer, severity=Severity.info,
    title="Не удалось прочитать: отсутствие реквизитов и разделов не проверено",
    why="Часть текста нечитаема (повреждённый текстовый слой). Гриф, отметки о принятии, ссылки на законы и "
        "разделы могут быть именно там, поэтому проверка не говорит «нет» о том, чего не смогла прочитать.",
    fix="Распознайте документ заново и проверьте его ещё раз.",
    bad=("ПОЛОЖЕНИЕ об использовании платформы\nYTB EP)l{ |]A|-O ~ qup}|{ekTop IIIK0JIbI npuka3 or |]|].|]|].2O24\n"
         "1. O6|_|{ue no/\\o}|{eHu9\n1.1. Hac|'oя|_|ee no/\\o}|{eHue onpe|]e/\\яe|' nop9|]oK u3no/\\b3oBaHu9 "
         "n/\\aTqbopMbI."),
    good="ПОЛОЖЕНИЕ об использовании платформы\n1. Общие положения\n1.1. Настоящее положение определяет порядок.",
)

CODES = ("OC001", "OC002", "OC003", "OC004", "TY002", "TY003")
_TY = {"script": "TY002", "glued": "TY003"}
_MESSAGES = {
    "requisite": "Ошибка распознавания в номере или реквизите (буква вместо цифры, «№», «-ФЗ»): «{o}» → «{f}»{n}.",
    "split": "Слово разорвано пробелом: «{o}» → «{f}»{n}.",
    "script": "В слове «{o}» латинские буквы или знаки вместо русских букв (ошибка распознавания): «{f}»{n}.",
    "glued": "Слова написаны слитно (потеряны пробелы): «{o}» → «{f}»{n}.",
}


@check("ocr", order=5, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The text layer's verdict and every repaired OCR defect, each distinct one reported once."""
    from ..rules import RULES

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
        yield finding(RULES[code], doc, _MESSAGES[r.kind].format(o=original, f=fixed, n=more),
                      paragraph=r.paragraph, start=r.start, end=r.end, text=original, suggestion=fixed,
                      fix=Fix(fixed, also=also), args={"original": original, "correction": fixed, "kind": r.kind})
