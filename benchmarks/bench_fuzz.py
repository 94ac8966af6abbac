"""Fuzz campaign: mutated DOCX/ODT/PDF, generated XML parts, text in every encoding, random bytes.

Every input goes through ``readers.read`` (a temp file with the right extension) or ``read_string``
and, when it reads, through ``sferum_policy.check``. The only allowed outcomes are a Report or a
clean :class:`~sferum_policy.errors.SferumError`; anything else (another exception, a hang past the
watchdog) is a crash. ``tests/test_fuzz_readers.py`` runs a small derandomised share of the same
targets; ``python -m benchmarks fuzz`` runs the full campaign with random seeds.
"""

from __future__ import annotations

import io
import signal
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.zipdoc import replace_member

WATCHDOG_S = 30  # a single input taking longer than this is a hang
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "koi8-r")
CAMPAIGN = {  # target → examples in the full campaign (≥ 10,000 in total)
    "docx-bytes": 1200, "docx-xml": 1500, "odt-bytes": 1000, "odt-xml": 1500, "pdf-bytes": 1200,
    "text-encodings": 1200, "markdown": 1200, "random-bytes": 600, "read_string": 600,
}

_TEXT_LINES = [
    "ПОЛОЖЕНИЕ", "об использовании ИКОП «Сферум»", "1. Общие положения",
    "1.1. Настоящее положение определяет порядок работы в ИКОП «Сферум».",
    "2. Права и обязанности участников", "2.1. Администратор создаёт чаты классов;",
    "- регистрирует пользователей;", "а) педагогов;", "Директор ____________ И. И. Иванов",
]


class Hang(BaseException):
    """Raised by the watchdog; a BaseException so no reader's ``except Exception`` can swallow it."""


@contextmanager
def watchdog(seconds: float = WATCHDOG_S):
    """Interrupt the block with :class:`Hang` after ``seconds`` (main thread, POSIX)."""
    def _alarm(signum, frame):
        raise Hang(f"no result in {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# --- valid seeds ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def seed_docx() -> bytes:
    """A small DOCX made with python-docx: headings, a numbered list, bullets, a table, a header."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Положение о Сферуме"
    d.sections[0].header.paragraphs[0].text = "МБОУ «Школа № 1»"
    d.add_paragraph(_TEXT_LINES[0], style="Title")
    d.add_heading(_TEXT_LINES[2], level=1)
    for line in _TEXT_LINES[3:6]:
        d.add_paragraph(line, style="List Number")
    d.add_paragraph("регистрирует пользователей;", style="List Bullet")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "ПРИНЯТО", "УТВЕРЖДЕНО"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@lru_cache(maxsize=1)
def seed_odt() -> bytes:
    """A small ODT made with odfpy: an outline heading, a numbered two-level list, a table."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import (
        H,
        List,
        ListItem,
        ListLevelStyleNumber,
        ListStyle,
        OutlineLevelStyle,
        OutlineStyle,
        P,
    )

    doc = OpenDocumentText()
    outline = OutlineStyle(name="Outline")
    outline.addElement(OutlineLevelStyle(level=1, numformat="1", numsuffix=".", displaylevels=1))
    doc.styles.addElement(outline)
    ls = ListStyle(name="L1")
    for level, fmt in ((1, "1"), (2, "а")):
        ls.addElement(ListLevelStyleNumber(level=level, numformat=fmt, numsuffix=".", displaylevels=level))
    doc.automaticstyles.addElement(ls)
    doc.text.addElement(P(text=_TEXT_LINES[0]))
    doc.text.addElement(H(outlinelevel=1, text="Общие положения"))
    top = List(stylename="L1")
    for line in _TEXT_LINES[3:6]:
        item = ListItem()
        item.addElement(P(text=line))
        sub = List()
        sub_item = ListItem()
        sub_item.addElement(P(text="подпункт;"))
        sub.addElement(sub_item)
        item.addElement(sub)
        top.addElement(item)
    doc.text.addElement(top)
    table = Table(name="T1")
    row = TableRow()
    for text in ("ПРИНЯТО", "УТВЕРЖДЕНО"):
        cell = TableCell()
        cell.addElement(P(text=text))
        row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def _cyrillic_font():
    """Helvetica with a cp1251 /Differences encoding, so Cyrillic text has a real text layer."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    names = [f"afii{n}" for n in range(10017, 10050) if n != 10023]
    diffs = [NumberObject(192), *(NameObject("/" + n) for n in names),
             *(NameObject(f"/afii{int(n[4:]) + 48}") for n in names)]
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): DictionaryObject({
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): ArrayObject(diffs)}),
    })


@lru_cache(maxsize=1)
def seed_pdf() -> bytes:
    """A two-page PDF made with pypdf whose content streams draw Cyrillic text (compressed streams)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    font = w._add_object(_cyrillic_font())
    for lines in (_TEXT_LINES[:5], _TEXT_LINES[5:]):
        page = w.add_blank_page(width=595, height=842)
        ops = [b"BT /F1 11 Tf 14 TL 50 800 Td"]
        for line in lines:
            esc = line.encode("cp1251").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + esc + b") Tj T*")
        ops.append(b"ET")
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join(ops))
        page[NameObject("/Contents")] = w._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        page.compress_content_streams()
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def seeds() -> dict[str, bytes]:
    return {".docx": seed_docx(), ".odt": seed_odt(), ".pdf": seed_pdf()}


# --- strategies ---------------------------------------------------------------------------------------

_POS = st.integers(min_value=0, max_value=2**31)
_OP = st.one_of(
    st.tuples(st.just("flip"), _POS, st.integers(0, 7)),
    st.tuples(st.just("set"), _POS, st.integers(0, 255)),
    st.tuples(st.just("trunc"), _POS),
    st.tuples(st.just("insert"), _POS, st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), _POS, st.integers(1, 64)),
    st.tuples(st.just("dup"), _POS, st.integers(1, 256)),
)


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """Apply byte-level mutations (bit flips, overwrites, truncation, inserts, deletes, duplicates)."""
    b = bytearray(data)
    for op in ops:
        if not b:
            break
        i = op[1] % len(b)
        if op[0] == "flip":
            b[i] ^= 1 << op[2]
        elif op[0] == "set":
            b[i] = op[2]
        elif op[0] == "trunc":
            del b[max(1, i):]
        elif op[0] == "insert":
            b[i:i] = op[2]
        elif op[0] == "delete":
            del b[i:i + op[2]]
        else:
            b[i:i] = b[i:i + op[2]]
    return bytes(b)


def mutated_bytes(suffix: str) -> st.SearchStrategy[tuple[bytes, str]]:
    """A valid seed of the format with 1–6 byte-level mutations."""
    return st.lists(_OP, min_size=1, max_size=6).map(lambda ops: (mutate(seeds()[suffix], ops), suffix))


_WEIRD_INT = st.sampled_from(["0", "1", "2", "-1", "9", "10", "99", "32767", "2147483648", "999999999999",
                              "9" * 40, "", "abc", " 3", "1.5", "+2", "٣"])
_NUM_FMT = st.sampled_from(["decimal", "bullet", "none", "lowerLetter", "upperLetter", "lowerRoman",
                            "upperRoman", "russianLower", "russianUpper", "decimalZero", "ordinal", "", "x"])
_LVL_TEXT = st.sampled_from(["%1.", "%1.%2.", "%1.%2.%3.", "%4)", "–", "•", "%9%9%9", "%0", "%", "", "%1)%2"])
_SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@st.composite
def docx_generated(draw) -> tuple[bytes, str]:
    """The seed DOCX with generated document.xml and numbering.xml (odd numbering, nesting, values)."""
    levels = []
    for ilvl in range(draw(st.integers(0, 10))):
        lvl_id = draw(st.one_of(st.just(str(ilvl)), _WEIRD_INT))
        restart = draw(st.one_of(st.just(""), _WEIRD_INT.map(lambda v: f'<w:lvlRestart w:val="{v}"/>')))
        levels.append(f'<w:lvl w:ilvl="{lvl_id}"><w:start w:val="{draw(_WEIRD_INT)}"/>'
                      f'<w:numFmt w:val="{draw(_NUM_FMT)}"/><w:lvlText w:val="{_xml_text(draw(_LVL_TEXT))}"/>'
                      f'{restart}{"<w:isLgl/>" if draw(st.booleans()) else ""}</w:lvl>')
    link = '<w:numStyleLink w:val="ListNumber"/>' if draw(st.booleans()) else ""
    overrides = "".join(f'<w:lvlOverride w:ilvl="{draw(_WEIRD_INT)}"><w:startOverride w:val="{draw(_WEIRD_INT)}"/>'
                        f"</w:lvlOverride>" for _ in range(draw(st.integers(0, 2))))
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
                 f'<w:abstractNum w:abstractNumId="1">{link}{"".join(levels)}</w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="1"/>{overrides}</w:num>'
                 f'<w:num w:numId="2"><w:abstractNumId w:val="{draw(_WEIRD_INT)}"/></w:num></w:numbering>')

    def para(depth: int) -> str:
        num = (f'<w:numPr><w:ilvl w:val="{draw(_WEIRD_INT)}"/><w:numId w:val="{draw(_WEIRD_INT)}"/></w:numPr>'
               if draw(st.booleans()) else "")
        style = f'<w:pStyle w:val="{draw(st.sampled_from(["Heading1", "Title", "ListNumber", "ListBullet", "x"]))}"/>'
        outline = f'<w:outlineLvl w:val="{draw(_WEIRD_INT)}"/>' if draw(st.booleans()) else ""
        runs = "".join(
            f"<w:r>{'<w:rPr><w:b/></w:rPr>' if draw(st.booleans()) else ''}"
            f"{draw(st.sampled_from(['', '<w:tab/>', '<w:br/>', '<w:softHyphen/>', '<w:noBreakHyphen/>']))}"
            f'<w:t xml:space="preserve">{_xml_text(draw(st.one_of(st.sampled_from(_TEXT_LINES), _SAFE_TEXT)))}</w:t></w:r>'
            for _ in range(draw(st.integers(0, 3))))
        body = f"<w:p><w:pPr>{style}{num}{outline}</w:pPr>{runs}</w:p>"
        kind = draw(st.sampled_from(["p", "p", "p", "tbl", "sdt"])) if depth < 4 else "p"
        if kind == "tbl":
            cells = "".join(f"<w:tc>{para(depth + 1)}</w:tc>" for _ in range(draw(st.integers(0, 3))))
            return f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>{body}"
        if kind == "sdt":
            return f"<w:sdt><w:sdtContent>{para(depth + 1)}</w:sdtContent></w:sdt>"
        return body

    paras = "".join(para(0) for _ in range(draw(st.integers(1, 12))))
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{paras}'
                f"</w:body></w:document>")
    data = replace_member(seed_docx(), "word/document.xml", document.encode())
    return replace_member(data, "word/numbering.xml", numbering.encode()), ".docx"


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="{t}" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
    "<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}"
    "</office:text></office:body></office:document-content>"
)


@st.composite
def odt_generated(draw) -> tuple[bytes, str]:
    """The seed ODT with a generated content.xml: nested lists, odd start values, spaces, outline levels."""
    styles = []
    for name in ("L1", "L2"):
        lv = "".join(
            f'<text:list-level-style-{draw(st.sampled_from(["number", "bullet"]))} text:level="{draw(_WEIRD_INT)}" '
            f'style:num-format="{draw(st.sampled_from(["1", "a", "A", "i", "I", "а", "А", ""]))}" '
            f'text:display-levels="{draw(_WEIRD_INT)}" text:start-value="{draw(_WEIRD_INT)}" '
            f'style:num-suffix="{_xml_text(draw(st.sampled_from([".", ")", "", "%"])))}" '
            f'text:bullet-char="{_xml_text(draw(st.sampled_from(["•", "-", "", "–"])))}"/>'
            for _ in range(draw(st.integers(0, 4))))
        styles.append(f'<text:list-style style:name="{name}">{lv}</text:list-style>')

    def para() -> str:
        tag = draw(st.sampled_from(["p", "p", "h"]))
        attrs = f' text:outline-level="{draw(_WEIRD_INT)}"' if tag == "h" else ""
        inner = "".join(draw(st.one_of(
            st.sampled_from(_TEXT_LINES).map(_xml_text), _SAFE_TEXT.map(_xml_text),
            _WEIRD_INT.map(lambda v: f'<text:s text:c="{v}"/>'),
            st.sampled_from(["<text:tab/>", "<text:line-break/>", "<text:span>вложенный</text:span>"]),
        )) for _ in range(draw(st.integers(0, 4))))
        return f"<text:{tag}{attrs}>{inner}</text:{tag}>"

    def block(depth: int) -> str:
        kind = draw(st.sampled_from(["p", "list", "section", "table"])) if depth < 6 else "p"
        if kind == "list":
            attrs = draw(st.sampled_from([
                "", ' text:style-name="L1"', ' text:style-name="L2" xml:id="x1"', ' text:continue-numbering="true"',
                ' text:style-name="L1" text:continue-list="x1"', ' xml:id="x1"']))
            items = ""
            for _ in range(draw(st.integers(0, 3))):
                tag = draw(st.sampled_from(["list-item", "list-item", "list-header"]))
                start = draw(st.one_of(st.just(""), _WEIRD_INT.map(lambda v: f' text:start-value="{v}"')))
                items += f"<text:{tag}{start}>{block(depth + 1)}{para()}</text:{tag}>"
            return f"<text:list{attrs}>{items}</text:list>"
        if kind == "section":
            return f'<text:section text:name="s">{block(depth + 1)}</text:section>'
        if kind == "table":
            return (f'<table:table table:name="T"><table:table-row><table:table-cell>{block(depth + 1)}'
                    f"</table:table-cell></table:table-row></table:table>")
        return para()

    body = "".join(block(0) for _ in range(draw(st.integers(1, 8))))
    content = _ODT_HEAD.format(t=_TEXT_NS, styles="".join(styles), body=body)
    return replace_member(seed_odt(), "content.xml", content.encode()), ".odt"


@st.composite
def xml_mutated(draw, suffix: str) -> tuple[bytes, str]:
    """One XML member of the seed package with byte-level mutations, re-zipped (valid ZIP, broken XML)."""
    package = seeds()[suffix]
    names = [n for n in zipfile.ZipFile(io.BytesIO(package)).namelist() if n.endswith((".xml", ".rels"))]
    name = draw(st.sampled_from(sorted(names)))
    content = zipfile.ZipFile(io.BytesIO(package)).read(name)
    ops = draw(st.lists(_OP, min_size=1, max_size=4))
    return replace_member(package, name, mutate(content, ops)), suffix


_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_LINE_START = st.sampled_from(["", "", "1. ", "2.3. ", "2.3.1 ", "1) ", "а) ", "IV. ", "- ", "– ", "• ", "* ",
                               "# ", "## ", "> ", "| ", "**", "\t", "    ", "1.", "12.", "\\- "])
_LINE_BODY = st.one_of(
    st.sampled_from(_TEXT_LINES),
    st.text(st.sampled_from(_RU + " .,;:«»\"()-–—№*_[]#|\\/@!?0123456789abcxyz"), max_size=80),
)
_LINE_END = st.sampled_from(["", "", ".", ";", ":", "**", " **", "-", " |", "  ", "\\*"])


@st.composite
def markdownish(draw) -> str:
    """Lines with labels, bullets, headings, emphasis, tables and quotes (Markdown and plain text)."""
    lines = []
    for _ in range(draw(st.integers(1, 40))):
        lines.append(draw(_LINE_START) + draw(_LINE_BODY) + draw(_LINE_END))
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["", "---", "|---|---|", "   ", "\f", "7", "- 3 -"])))
    return draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"])).join(lines)


@st.composite
def encoded_text(draw) -> tuple[bytes, str]:
    """Act-like text encoded in one of the supported encodings (unencodable characters replaced)."""
    text = draw(st.one_of(markdownish(), st.text(max_size=300)))
    enc = draw(st.sampled_from(ENCODINGS))
    data = text.encode(enc, errors="replace")
    if draw(st.booleans()):
        data = mutate(data, draw(st.lists(_OP, max_size=2)))
    return data, draw(st.sampled_from([".txt", ".md", ".text", ""]))


def random_bytes() -> st.SearchStrategy[tuple[bytes, str]]:
    """Random bytes (sometimes behind a real signature) under every supported extension."""
    heads = st.sampled_from([b"", b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                             b"\xef\xbb\xbf", b"\xff\xfe", b"<?xml", b"MZ\x90\x00", b"\x7fELF"])
    return st.tuples(heads, st.binary(max_size=2000),
                     st.sampled_from([".docx", ".odt", ".pdf", ".txt", ".md", ".doc", ".docm", ""])).map(
        lambda t: (t[0] + t[1], t[2]))


# --- running ------------------------------------------------------------------------------------------

def run_file(data: bytes, suffix: str, tmpdir: Path) -> str:
    """read() a temp file, then check() the Document: "report" or "error"; anything else propagates."""
    from sferum_policy import check
    from sferum_policy.errors import SferumError
    from sferum_policy.readers import read

    path = tmpdir / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        with watchdog():
            doc = read(path)
            check(doc)
    except SferumError as exc:
        _assert_clean(exc, str(path))
        return "error"
    return "report"


def run_string(text: str) -> str:
    """read_string() then check(): "report" or "error"."""
    from sferum_policy import check
    from sferum_policy.errors import SferumError
    from sferum_policy.readers import read_string

    try:
        with watchdog():
            check(read_string(text, "акт.md"))
    except SferumError as exc:
        _assert_clean(exc, "акт.md")
        return "error"
    return "report"


def _assert_clean(exc: Exception, name: str) -> None:
    message = str(exc)
    assert "\n" not in message and message.startswith(name), f"unclean error message: {message!r}"
    assert any("а" <= c <= "я" for c in message.lower()), f"message not in Russian: {message!r}"


@dataclass
class Target:
    """A fuzz target: how inputs are drawn and how one input is run."""

    name: str
    strategy: Callable[[], st.SearchStrategy]
    kind: str  # file | string


TARGETS = [
    Target("docx-bytes", lambda: mutated_bytes(".docx"), "file"),
    Target("docx-xml", lambda: st.one_of(docx_generated(), xml_mutated(".docx")), "file"),
    Target("odt-bytes", lambda: mutated_bytes(".odt"), "file"),
    Target("odt-xml", lambda: st.one_of(odt_generated(), xml_mutated(".odt")), "file"),
    Target("pdf-bytes", lambda: mutated_bytes(".pdf"), "file"),
    Target("text-encodings", encoded_text, "file"),
    Target("markdown", lambda: markdownish().map(lambda s: (s.encode("utf-8"), ".md")), "file"),
    Target("random-bytes", random_bytes, "file"),
    Target("read_string", lambda: st.one_of(markdownish(), st.text(max_size=500)), "string"),
]


def campaign(target: Target, examples: int, *, derandomize: bool = False, deadline: float | None = None,
             crashes: list | None = None) -> Counter:
    """Run ``examples`` inputs of ``target``; count outcomes; crashes go to ``crashes`` (not raised).

    ``deadline`` (seconds) makes hypothesis fail an input that is slower (the tests use it).
    """
    outcomes: Counter = Counter()
    from sferum_policy.readers import doc as doc_reader

    crashes = [] if crashes is None else crashes
    find_office = doc_reader.find_office
    doc_reader.find_office = lambda: None  # LibreOffice .doc conversion is not fuzzed: ~2.5 s per input
    with tempfile.TemporaryDirectory(prefix="sferum-fuzz-") as tmp:
        tmpdir = Path(tmp)

        @settings(max_examples=examples, derandomize=derandomize, database=None,
                  deadline=None if deadline is None else deadline * 1000,
                  suppress_health_check=list(HealthCheck), print_blob=False)
        @given(target.strategy())
        def one(value) -> None:
            try:
                outcome = run_string(value) if target.kind == "string" else run_file(*value, tmpdir)
            except (Exception, Hang) as exc:
                outcome = "crash"
                crashes.append((target.name, value, f"{type(exc).__name__}: {exc}"[:300]))
            outcomes[outcome] += 1

        try:
            one()
        finally:
            doc_reader.find_office = find_office
    return outcomes


def run() -> str:
    """The full campaign (random seeds): counts per target and outcome, and the time."""
    from sferum_policy import check

    check("1. Общие положения\n1.1. Текст.")  # warm-up: clause library, dictionaries
    rows = []
    crashes: list = []
    total = Counter()
    t_all = time.perf_counter()
    for target in TARGETS:
        t0 = time.perf_counter()
        got = campaign(target, CAMPAIGN[target.name], crashes=crashes)
        dt = time.perf_counter() - t0
        n = sum(got.values())
        total.update(got)
        rows.append(f"| {target.name} | {n} | {got['report']} | {got['error']} | {got['crash']} | {dt:.0f} |")
    elapsed = time.perf_counter() - t_all
    n = sum(total.values())
    lines = [
        "## Фаззинг читателей и проверки",
        "",
        "Команда: `python -m benchmarks fuzz` — hypothesis (случайные зёрна), каждый вход: `readers.read` "
        "(временный файл с нужным расширением) или `read_string`, затем `check`. Допустимые исходы: "
        f"отчёт или чистая ошибка `SferumError`; сторожевой таймер {WATCHDOG_S} с на вход.",
        "",
        "| цель | входов | отчётов | чистых ошибок | сбоев | с |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        f"| **всего** | **{n}** | {total['report']} | {total['error']} | **{total['crash']}** | {elapsed:.0f} |",
        "",
    ]
    for name, value, err in crashes[:10]:
        lines.append(f"- сбой в {name}: `{err}` на входе `{value!r:.200}`")
    return "\n".join(lines) + ("\n" if crashes else "")


if __name__ == "__main__":
    print(run())
