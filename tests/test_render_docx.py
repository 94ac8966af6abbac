"""The reviewed DOCX: a Word comment anchored exactly on every finding's excerpt; the input untouched."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sferum_policy.errors import InputError
from sferum_policy.pipeline import run
from sferum_policy.render.docx_comments import AUTHOR, finding_comment, render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def anchored(data: bytes) -> dict[str, tuple[str | None, str, str]]:
    """Comment id → (text between commentRangeStart/End, comment text, author)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(z.read("word/document.xml"))
    open_: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in root.iter():
        if el.tag == _q("commentRangeStart"):
            open_[el.get(_q("id"))] = []
        elif el.tag == _q("commentRangeEnd"):
            cid = el.get(_q("id"))
            done[cid] = "".join(open_.pop(cid))
        elif el.tag == _q("t") and el.getparent().tag == _q("r"):
            for parts in open_.values():
                parts.append(el.text or "")
        elif el.tag == _q("p"):
            for parts in open_.values():
                if parts:
                    parts.append("\n")
    comments = etree.fromstring(z.read("word/comments.xml"))
    out = {}
    for c in comments.iter(_q("comment")):
        text = "\n".join("".join(t.text or "" for t in p.iter(_q("t"))) for p in c.iter(_q("p")))
        out[c.get(_q("id"))] = (done.get(c.get(_q("id"))), text, c.get(_q("author")))
    return out


def _by_code(comments: dict, code: str) -> list[str | None]:
    return [anc for anc, text, _ in comments.values() if text.startswith(f"[{code}]")]


@pytest.fixture(scope="module")
def sample_001(samples):
    doc, report = run(samples["001"])
    data = render_docx(report, document=doc)
    return doc, report, data, anchored(data)


def test_txt_copy_has_one_comment_per_finding_plus_summary(sample_001):
    import docx

    _doc, report, data, comments = sample_001
    reopened = docx.Document(io.BytesIO(data))
    assert len(reopened.comments) == len(report.findings) + 1
    assert {author for _, _, author in comments.values()} == {AUTHOR}
    assert all(anc for anc, _, _ in comments.values()), "every comment must cover some text"


def test_txt_copy_comments_cover_exactly_the_excerpts(sample_001):
    _doc, report, _data, comments = sample_001
    located = [f for f in report.findings if f.text and f.location.start is not None]
    assert len(located) > 20
    texts = {text: anc for anc, text, _ in comments.values()}
    for f in located:
        assert texts.get(finding_comment(f)) == f.text or f.text in _by_code(comments, f.code), f


def test_comment_text_has_code_message_and_suggestion(sample_001):
    _doc, report, _data, comments = sample_001
    typo = next(f for f in report.findings if f.code.startswith("TY") and f.suggestion)
    text = finding_comment(typo)
    assert text.startswith(f"[{typo.code}] ") and f"Предложение: {typo.suggestion}" in text
    assert text in {t for _, t, _ in comments.values()}


def test_findings_without_excerpt_sit_on_their_section_heading_or_title(sample_001):
    doc, report, _data, comments = sample_001
    headings = {s.key: doc.paragraphs[s.first].full_text for s in doc.sections if s.key}
    missing = [f for f in report.findings if f.code in ("CL020", "CL021") and f.location.start is None]
    assert missing
    by_text = {text: anc for anc, text, _ in comments.values()}
    title_para = next(p.full_text for p in doc.paragraphs if p.text and p.text.casefold() in (doc.meta.title or "").casefold())
    for f in missing:
        expected = headings.get(f.section, title_para)
        assert by_text[finding_comment(f)] == expected


def test_summary_comment_lists_counts_and_missing_clauses(sample_001, library):
    doc, report, _data, comments = sample_001
    summary = next(text for _, text, _ in comments.values() if text.startswith("Проверка программой"))
    s = report.summary
    assert f"ошибок — {s.errors}, предупреждений — {s.warnings}, сведений — {s.infos}" in summary
    required = [f for f in report.findings if f.code == "CL020"]
    assert required, "sample 001 lacks required clauses"
    for f in required:
        assert library.get(f.clause_id).title in summary  # the library's title, not one parsed from the message
    first = doc.paragraphs[0].full_text
    assert any(anc == first and text == summary for anc, text, _ in comments.values())


def test_txt_copy_layout_times_new_roman_14_headings_bold(sample_001):
    import docx

    doc, _report, data, _comments = sample_001
    w = docx.Document(io.BytesIO(data))
    normal = w.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    body = [p for p in w.paragraphs]
    assert [p.text for p in body] == [p.full_text for p in doc.paragraphs]
    for wp, p in zip(body, doc.paragraphs, strict=True):
        if p.kind == "heading":
            assert all(r.bold for r in wp.runs if r.text.strip())


def _make_act(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("ПОЛОЖЕНИЕ")
    d.add_paragraph("об использовании информационно-коммуникационной образовательной платформы «Сферум»")
    d.add_paragraph("1. Общие положения")
    p = d.add_paragraph("1.1. Положение разработано в соответствии с приказом Минобрнауки ")
    p.add_run("России от 23.08.2017 № 816").bold = True
    p.add_run(" «Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, "
              "электронного обучения, дистанционных образовательных технологий при реализации образовательных "
              "программ».")
    p = d.add_paragraph("1.2. Педагогические работники используют ")
    p.add_run("плотформу").italic = True
    p.add_run(" для общения с обучающимися и родителями.")
    d.add_paragraph("2. Заключительные положения")
    d.add_paragraph("2.1. Положение вступает в силу с момента утверждения.")
    d.save(str(path))


@pytest.fixture(scope="module")
def reviewed_docx(tmp_path_factory):
    src = tmp_path_factory.mktemp("act") / "положение.docx"
    _make_act(src)
    before = (src.read_bytes(), src.stat().st_mtime_ns)
    doc, report = run(src)
    data = render_docx(report, document=doc)
    after = (src.read_bytes(), src.stat().st_mtime_ns)
    return src, before, after, doc, report, data


def test_docx_input_is_never_modified(reviewed_docx):
    _src, before, after, *_ = reviewed_docx
    assert before == after


def test_docx_comments_cover_typo_and_outdated_citation(reviewed_docx):
    _src, _, _, _doc, report, data = reviewed_docx
    comments = anchored(data)
    codes = {f.code for f in report.findings}
    assert "TY001" in codes and "LR003" in codes, codes
    assert _by_code(comments, "TY001") == ["плотформу"]
    lr = next(f for f in report.findings if f.code == "LR003")
    assert lr.text.startswith("приказом Минобрнауки России от 23.08.2017 № 816")
    assert _by_code(comments, "LR003") == [lr.text]
    assert len(comments) >= len(report.findings) + 1
    for f in report.findings:
        if f.text and f.location.start is not None:
            assert f.text in _by_code(comments, f.code)


def test_docx_split_runs_keep_text_and_formatting(reviewed_docx):
    import docx

    src, _, _, _doc, _report, data = reviewed_docx
    original = docx.Document(str(src))
    reviewed = docx.Document(io.BytesIO(data))
    assert [p.text for p in reviewed.paragraphs] == [p.text for p in original.paragraphs]

    def styled(p) -> list[tuple[str, bool, bool]]:
        return [(ch, bool(r.bold), bool(r.italic)) for r in p.runs for ch in r.text]

    for a, b in zip(original.paragraphs, reviewed.paragraphs, strict=True):
        assert styled(b) == styled(a)
    cited = reviewed.paragraphs[3]
    assert len(cited.runs) > len(original.paragraphs[3].runs), "the citation's runs were split at its ends"


def test_docx_summary_names_the_outdated_act(reviewed_docx):
    *_, _report, data = reviewed_docx
    summary = next(t for _, t, _ in anchored(data).values() if t.startswith("Проверка программой"))
    assert "Устаревшие ссылки на нормативные акты (1)" in summary
    assert "23.08.2017 № 816" in summary


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен")
def test_comments_survive_libreoffice_conversion(reviewed_docx, tmp_path):
    *_, _report, data = reviewed_docx
    src = tmp_path / "reviewed.docx"
    src.write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--norestore",
         "--convert-to", "odt", "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    content = zipfile.ZipFile(tmp_path / "reviewed.odt").read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == len(anchored(data))
    assert "плотформу" in content


def test_render_docx_needs_the_document(sample_001):
    _, report, _, _ = sample_001
    with pytest.raises(InputError):
        render_docx(report)


# --- run splitting on arbitrary run layouts -------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(st.tuples(st.text(alphabet="абв гд\t", min_size=1, max_size=6), st.booleans()), min_size=1, max_size=5),
    data=st.data(),
)
def test_covering_splits_runs_exactly(parts, data):
    import docx

    from sferum_policy.wordml import covering as _covering
    from sferum_policy.wordml import runs as _runs

    d = docx.Document()
    p = d.add_paragraph()
    for text, bold in parts:
        p.add_run(text).bold = bold
    full = "".join(t for t, _ in parts)
    style = [b for t, b in parts for _ in t]
    start = data.draw(st.integers(0, len(full) - 1))
    end = data.draw(st.integers(start + 1, len(full)))
    first, last = _covering(p._p, start, p._p, end)
    runs = list(_runs(p._p))
    covered = [(r, s, e) for r, s, e in runs if s >= start and e <= end and e > s]
    assert covered[0][0] is first and covered[-1][0] is last
    assert covered[0][1] == start and covered[-1][2] == end
    assert p.text == full
    assert [bool(r.bold) for r in p.runs for _ in r.text] == style


def test_fixture_docx_with_word_numbering_and_typed_labels(tmp_path):
    from fixtures.make_fixtures import make_docx

    src = tmp_path / "нумерация.docx"
    src.write_bytes(make_docx())
    doc, report = run(src)
    comments = anchored(render_docx(report, document=doc))
    by_text = {text: anc for anc, text, _ in comments.values()}
    located = [f for f in report.findings if f.text and f.location.start is not None]
    assert any(f.location.start < doc.paragraphs[f.location.paragraph].start for f in located), \
        "expected a finding on a typed numbering label"
    for f in located:
        assert by_text[finding_comment(f)] == f.text


def test_a_docx_python_docx_cannot_open_gets_a_copy_from_its_text(tmp_path):
    """A macro-enabled .docm: the reader reads it; python-docx refuses its content type, so the
    commented copy is rebuilt from the extracted text (as for PDF or TXT) instead of failing."""
    from benchmarks.zipdoc import rezip

    src = tmp_path / "положение.docx"
    _make_act(src)
    with zipfile.ZipFile(src) as zf:
        types = zf.read("[Content_Types].xml").decode()
    types = types.replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    docm = tmp_path / "положение.docm"
    docm.write_bytes(rezip(src.read_bytes(), {"[Content_Types].xml": types.encode()}))
    with pytest.raises(ValueError):
        import docx

        docx.Document(str(docm))
    doc, report = run(docm)
    comments = anchored(render_docx(report, document=doc))
    assert _by_code(comments, "TY001") == ["плотформу"]
    assert len(comments) == len(report.findings) + 1
