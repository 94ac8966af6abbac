"""The HTML report: self-contained, escaped, overlapping excerpts marked, priorities first."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from html.parser import HTMLParser

import pytest

from sferum_policy.pipeline import build_report, run
from sferum_policy.readers import read_string
from sferum_policy.render.html import render_html
from sferum_policy.report import Finding, Location

HOSTILE = """ПОЛОЖЕНИЕ
об использовании платформы «Сферум»
1. Общие положения
1.1. Текст <script>alert(1)</script> и <img src=x onerror=alert(2)> о плотформе «Сферум».
1.2. Ссылка <a href="https://evil.example/x.js">здесь</a> & ещё.
"""


class _Collector(HTMLParser):
    """Tags, attributes and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.marks: dict[str, str] = {}
        self._stack: list[str | None] = []
        self.text_of: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self._stack.append(a.get("class"))
        if tag == "p" and a.get("id"):
            self._para = a["id"]
            self.text_of[self._para] = []

    def handle_endtag(self, tag):
        if tag == "mark":
            self._stack.pop()
        if tag == "p":
            self._para = None

    def handle_data(self, data):
        if getattr(self, "_para", None):
            self.text_of[self._para].append(data)


def _parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    return c


@pytest.fixture(scope="module")
def sample_001(samples):
    doc, report = run(samples["001"])
    return doc, report, render_html(report, document=doc)


def _no_network(page: str) -> None:
    tags = _parse(page).tags
    for tag, attrs in tags:
        for key in ("src", "href", "srcset", "data", "poster", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
        assert tag not in ("script", "link", "iframe", "object", "embed", "img"), tag
    style = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "@import" not in style and not re.search(r"url\s*\(", style)


def test_self_contained(sample_001):
    _no_network(sample_001[2])


def test_every_located_finding_is_marked_in_the_text(sample_001):
    _doc, report, page = sample_001
    c = _parse(page)
    ids = {a.get("id") for t, a in c.tags if a.get("id")}
    for n, f in enumerate(report.findings):
        assert f"f{n}" in ids
        if f.text and f.location.start is not None:
            assert f"m{n}" in ids, f


def test_marked_text_keeps_every_paragraph_verbatim(sample_001):
    doc, _report, page = sample_001
    c = _parse(page)
    for p in doc.paragraphs:
        got = "".join(c.text_of[f"p{p.index}"])
        assert got == (p.label or "") + p.text


def test_priorities_come_first_errors_before_warnings(sample_001):
    _doc, report, page = sample_001
    assert page.index("Что исправить в первую очередь") < page.index('id="coverage"') < page.index('id="findings"')
    block = page[page.index('id="priorities"'): page.index('id="coverage"')]
    classes = re.findall(r'<li class="(error|warning)">', block)
    assert classes and classes == sorted(classes, key=lambda c: c != "error")
    assert classes.count("error") == len({f.code for f in report.findings if f.severity == "error"})


def test_coverage_chart_and_legal_refs_table(sample_001):
    _doc, report, page = sample_001
    widths = re.findall(r'<span class="(?:low|mid|high)" style="width: (\d+)%">', page)
    assert [int(w) for w in widths] == [round(v * 100) for v in report.coverage.sections.values()]
    refs = page[page.index('id="refs"'): page.index('id="text"')]
    assert refs.count("<tr>") == len(report.legal_refs) + 1
    for r in report.legal_refs:
        assert htmllib.escape(r.text[:40], quote=False) in refs


def test_hostile_document_text_is_escaped():
    doc, report = run(HOSTILE)
    page = render_html(report, document=doc)
    assert "<script" not in page and "<img" not in page and "evil.example/x.js\"" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    _no_network(page)
    c = _parse(page)
    assert "".join(c.text_of["p3"]) == "1.1." + doc.paragraphs[3].text


def test_overlapping_excerpts_are_all_marked_worst_severity_wins():
    doc = read_string(HOSTILE)
    p = doc.paragraphs[3]
    s = p.start

    def finding(code, severity, a, b):
        return Finding(code=code, category="typo", severity=severity, message=f"сообщение {code}",
                       text=doc.text[s + a: s + b], location=Location(paragraph=3, start=s + a, end=s + b))

    findings = [finding("TY001", "warning", 0, 14), finding("CT001", "error", 6, 20), finding("ST008", "info", 8, 10)]
    report = build_report(doc, findings, dt.date(2025, 1, 1))
    page = render_html(report, document=doc)
    c = _parse(page)
    assert "".join(c.text_of["p3"]) == "1.1." + p.text
    body = page[page.index('id="p3"'):]
    body = body[: body.index("</p>")]
    marks = re.findall(r'<mark class="(\w+)"[^>]*>(?:<a [^>]*>)?(.*?)(?:</a>)?</mark>', body)
    covered = "".join(htmllib.unescape(t) for _, t in marks)
    assert covered == p.text[0:20]
    assert [cls for cls, _ in marks] == ["warning", "error", "error", "error", "error"]
    for n in range(3):
        assert f'id="m{n}"' in body


def test_report_without_document_still_renders(sample_001):
    _doc, report, _page = sample_001
    page = render_html(report)
    assert 'id="text"' not in page and 'id="priorities"' in page
    assert page.count('<tr id="f') == len(report.findings)
    _no_network(page)
