"""DOCX output per ГОСТ Р 7.0.97-2016/2025: real Word styles, margins, page numbers, requisites.

Layout (see the project's layout notes): A4; margins left 30 mm, right 15 mm, top and bottom
20 mm; Times New Roman 14, justified, first-line indent 1.25 cm, single line spacing; page numbers
centred in the top margin from page 2 (a PAGE field in the header, ``w:titlePg``); the organisation's
name centred across the top (the longitudinal layout, which allows a centred title, п. 5.17); the
adoption and «С учетом мнения» marks on the left and the approval grif on the right, in a
borderless two-column table; the kind of document in capitals and the «об …» title below it.
Numbering labels («1.», «1.1.») and dashes of sub-items are typed text, so every reader (Word,
LibreOffice, this package's checker) reads them back exactly.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from .act import Act, Block

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

FONT = "Times New Roman"
SIZE = 14
INDENT_CM = 1.25
MARGINS_MM = {"left": 30, "right": 15, "top": 20, "bottom": 20}
HEADER_DISTANCE_MM = 10

STYLE_ORG = "Наименование организации"
STYLE_REQUISITE = "Реквизит"
STYLE_REQUISITE_HEAD = "Реквизит (заголовок)"
STYLE_SUBITEM = "Подпункт"
KIND_STYLE = "Title"
ABOUT_STYLE = "Subtitle"
SECTION_STYLE = "Heading 1"


def render_docx(act: Act) -> bytes:
    """The act as DOCX bytes."""
    import docx

    document = docx.Document()
    page_setup(document)
    _styles(document)
    _properties(document, act)
    page_numbers(document)
    _hyphenation(document)
    ids = {name: document.styles[name].style_id for name in (STYLE_ORG, KIND_STYLE, ABOUT_STYLE, SECTION_STYLE,
                                                              STYLE_SUBITEM)}

    def add(text: str, style: str | None = None) -> None:
        # python-docx looks a style up by name on every paragraph (slow); set the id directly.
        para = document.add_paragraph(text)
        if style:
            para._p.get_or_add_pPr().style = ids[style]

    add(nbsp(act.org_full), STYLE_ORG)
    _requisites(document, act)
    add(act.kind_title, KIND_STYLE)
    add(nbsp(act.about), ABOUT_STYLE)
    for section in act.sections:
        add(f"{section.label} {nbsp(section.title)}", SECTION_STYLE)
        for point in section.points:
            add(f"{point.label} {nbsp(point.text)}")
            for item in point.items:
                add(f"– {nbsp(item)}", STYLE_SUBITEM)
    if act.familiarisation_sheet:
        _familiarisation(document, act, ids)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _familiarisation(document: DocxDocument, act: Act, ids: dict[str, str]) -> None:
    """«Лист ознакомления» on a new page: a title, what was read and a table for signatures."""
    from docx.enum.text import WD_BREAK

    from .act import FAMILIARISATION_COLUMNS, FAMILIARISATION_ROWS, FAMILIARISATION_TITLE

    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    title = document.add_paragraph(FAMILIARISATION_TITLE)
    title._p.get_or_add_pPr().style = ids[KIND_STYLE]
    caption = document.add_paragraph(nbsp(act.familiarisation_caption()))
    caption._p.get_or_add_pPr().style = ids[ABOUT_STYLE]
    table = document.add_table(rows=FAMILIARISATION_ROWS + 1, cols=len(FAMILIARISATION_COLUMNS))
    table.style = document.styles["Table Grid"]
    for i, name in enumerate(FAMILIARISATION_COLUMNS):
        table.cell(0, i).text = name
    for n in range(1, FAMILIARISATION_ROWS + 1):
        table.cell(n, 0).text = str(n)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for row in table.rows:  # cells: centred, no paragraph indent, 12 pt (the body style is justified)
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.first_line_indent = 0
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in para.runs:
                    run.font.size = Pt(12)


_NBSP_AFTER = re.compile(r"(№|§|\b(?:г|с|ст|ч|п|пп|гг|им|д|ул)\.) (?=\S)")
_NBSP_DAYS = re.compile(r"\b(\d+) (?=(?:рабочих|календарных)\s+дн|дн(?:ей|я)\b)")
_INITIALS = re.compile(r"\b([А-ЯЁ]\.\s?[А-ЯЁ]\.) (?=[А-ЯЁ][а-яё])|(?<=[а-яё]) (?=[А-ЯЁ]\.\s?[А-ЯЁ]\.)")


def nbsp(text: str) -> str:
    """Non-breaking spaces where a line must not break: «№ 273-ФЗ», «ч. 3», initials, before «—»."""
    text = _NBSP_AFTER.sub("\\1\u00a0", text)
    text = _INITIALS.sub(lambda m: (m.group(1) or "") + "\u00a0", text)
    text = _NBSP_DAYS.sub("\\1\u00a0", text)  # «10 рабочих дней» stays on one line
    return text.replace(" — ", "\u00a0— ")


def _hyphenation(document: DocxDocument) -> None:
    """Turn on automatic hyphenation (justified Russian text needs it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None and settings.find(qn("w:autoHyphenation")) is None:
        el = OxmlElement("w:autoHyphenation")
        tab.addnext(el)


# --- page ----------------------------------------------------------------------------------------


def page_setup(document: DocxDocument) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = True  # w:titlePg: no number on page 1


def page_numbers(document: DocxDocument) -> None:
    """A centred PAGE field in the header of pages 2 and later; the first-page header stays empty."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.sections[0]
    para = section.header.paragraphs[0]
    para.style = document.styles["Header"]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = para.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    section.first_page_header.paragraphs[0].text = ""


# --- styles --------------------------------------------------------------------------------------


def _reset(style) -> None:
    """Drop the template's paragraph and run properties (theme fonts, colours, borders)."""
    from docx.oxml.ns import qn

    for tag in ("w:pPr", "w:rPr"):
        for el in style.element.findall(qn(tag)):
            style.element.remove(el)


def _font(style, *, size: float = SIZE, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    _lang(rpr)


def _lang(rpr) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")
    lang.set(qn("w:bidi"), "ar-SA")


def _paragraph(style, *, align, indent: float | None = None, before: float = 0, after: float = 0,
               spacing: float = 1.0, keep: bool = False) -> None:
    from docx.shared import Cm, Pt

    pf = style.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Cm(indent) if indent else Cm(0)
    pf.left_indent = Cm(0)
    pf.right_indent = Cm(0)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = spacing
    pf.keep_with_next = keep
    pf.widow_control = True


def _styles(document: DocxDocument) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A
    from docx.oxml.ns import qn

    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _lang(rpr)
    normal = styles["Normal"]
    _reset(normal)
    _font(normal)
    _paragraph(normal, align=A.JUSTIFY, indent=INDENT_CM)

    for name, kw, bold in (
        (KIND_STYLE, {"align": A.CENTER, "before": 12, "keep": True}, True),
        (ABOUT_STYLE, {"align": A.CENTER, "after": 12, "keep": True}, True),
        (SECTION_STYLE, {"align": A.CENTER, "before": 12, "after": 6, "keep": True}, True),
        ("Header", {"align": A.CENTER}, False),
    ):
        style = styles[name]
        _reset(style)
        _font(style, bold=bold, size=SIZE if name != "Header" else 12)
        _paragraph(style, **kw)

    def custom(name: str, **kw) -> None:
        bold = kw.pop("bold", False)
        size = kw.pop("size", SIZE)
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _font(style, size=size, bold=bold)
        _paragraph(style, **kw)

    custom(STYLE_ORG, align=A.CENTER, after=12, bold=True)
    custom(STYLE_REQUISITE, align=A.LEFT, size=SIZE)
    custom(STYLE_REQUISITE_HEAD, align=A.LEFT, size=SIZE, keep=True)
    custom(STYLE_SUBITEM, align=A.JUSTIFY, indent=INDENT_CM)
    styles[STYLE_SUBITEM].next_paragraph_style = styles[STYLE_SUBITEM]


# --- requisites ----------------------------------------------------------------------------------


def _requisites(document: DocxDocument, act: Act) -> None:
    """Adoption and «С учетом мнения» marks on the left, the approval grif on the right."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    width = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
    widths = (Mm(width * 0.52), Mm(width * 0.48))
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    left, right = table.rows[0].cells
    for cell, w in zip((left, right), widths, strict=True):
        cell.width = w
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w
    ids = (document.styles[STYLE_REQUISITE_HEAD].style_id, document.styles[STYLE_REQUISITE].style_id)
    _fill(left, act.left_blocks, ids)
    _fill(right, [act.approval], ids, indent_mm=12)
    document.add_paragraph("")._p.get_or_add_pPr().style = ids[1]


def _fill(cell, blocks: list[Block], ids: tuple[str, str], indent_mm: float = 0) -> None:
    from docx.shared import Mm, Pt

    first = True
    for n, block in enumerate(blocks):
        lines = [(block.heading, True), *((line, False) for line in block.lines)]
        for text, head in lines:
            para = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            para._p.get_or_add_pPr().style = ids[0] if head else ids[1]
            para.text = nbsp(text)
            if indent_mm:
                para.paragraph_format.left_indent = Mm(indent_mm)
            if head and n:
                para.paragraph_format.space_before = Pt(8)
    if first:
        cell.paragraphs[0]._p.get_or_add_pPr().style = ids[1]


# --- metadata ------------------------------------------------------------------------------------


def _fit(text: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters: cut at a word and add «…»."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _properties(document: DocxDocument, act: Act) -> None:
    import datetime as dt

    from .. import __version__

    props = document.core_properties
    props.title = _fit(act.title)
    props.subject = "Локальный нормативный акт об использовании ИКОП «Сферум»"
    props.author = _fit(act.org_full)
    props.last_modified_by = _fit(act.org_short)
    props.category = "Локальный нормативный акт"
    props.keywords = "Сферум; ИКОП; локальный акт; " + act.kind_title.capitalize()
    props.language = "ru-RU"
    props.comments = f"Создано sferum-policy {__version__}; правовые основания — на {act.as_of:%d.%m.%Y}" \
        if act.as_of else f"Создано sferum-policy {__version__}"
    props.revision = 1
    now = dt.datetime(act.as_of.year, act.as_of.month, act.as_of.day) if act.as_of else dt.datetime(2000, 1, 1)
    props.created = now
    props.modified = now
