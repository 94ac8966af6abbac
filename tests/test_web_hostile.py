"""The web page under hostile input and real use (issue 17): memory ceiling, cross-site requests,
Host names, result storage caps, UTF-16 and empty uploads, progress, reports without programmer leftovers."""

from __future__ import annotations

import re
import time

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
pytest.importorskip("python_multipart")

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from web_helpers import ACTS, SAMPLE_001, docx_bytes, zip_bytes

from benchmarks.zipdoc import replace_member
from sferum_policy.web.app import create_app
from sferum_policy.web.limits import MB, Limits

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
BASE = "http://127.0.0.1:8000"
W = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def dense_docx(paragraphs: int, words: int = 2) -> bytes:
    """A small DOCX whose document.xml is many short paragraphs: cheap to send, costly to hold in memory."""
    text = "обучающиеся платформа " * words
    body = W + b"".join(f"<w:p><w:r><w:t>{i}. {text}</w:t></w:r></w:p>".encode() for i in range(paragraphs))
    return replace_member(docx_bytes(), "word/document.xml", body + b"</w:body></w:document>")


def bomb_docx(megabytes: int) -> bytes:
    """A DOCX whose document.xml is ``megabytes`` MB of varied paragraphs: compressed about 20×, not 1000×."""
    import random

    rnd = random.Random(17)
    words = ["Сферум", "положение", "обучающиеся", "платформа", "классный", "руководитель", "чат", "родители"]
    parts, size = [], 0
    while size < megabytes * MB:
        text = " ".join(rnd.choice(words) for _ in range(6)) + f" {rnd.randrange(10**6)}"
        p = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'.encode()
        parts.append(p)
        size += len(p)
    return replace_member(docx_bytes(), "word/document.xml", W + b"".join(parts) + b"</w:body></w:document>")


@pytest.fixture(scope="module")
def client():
    app = create_app(Limits(workers=1), port=8000)
    with TestClient(app, base_url=BASE) as c:
        yield c


def _results(client) -> int:
    return client.app.state.sferum.storage.usage()[0]


def _post_check(client, headers=None, name="положение.txt", data=None):
    data = SAMPLE_001.read_bytes() if data is None else data
    return client.post("/check", files={"document": (name, data, "text/plain")}, headers=headers or {},
                       follow_redirects=False)


# --- cross-site requests and Host names ----------------------------------------------------------------------


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "https://evil.example"},  # an older browser: no Sec-Fetch-Site
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:8001"},  # another port of this computer
    {"Origin": "http://127.0.0.1:9999"},
    {"Origin": "null"},  # a sandboxed frame or a file:// page
    {"Referer": "https://evil.example/page.html"},
])
@pytest.mark.parametrize("path", ["/check", "/audit", "/generate", "/generate/profile"])
def test_cross_site_posts_are_refused_before_anything_runs(client, headers, path):
    before = _results(client)
    r = client.post(path, files={"document": ("a.txt", SAMPLE_001.read_bytes(), "text/plain")}, headers=headers,
                    follow_redirects=False)
    assert r.status_code == 403
    assert "Запрос отклонён" in r.text and "другого сайта" in r.text
    assert _results(client) == before


@pytest.mark.parametrize("headers", [
    {"Origin": BASE, "Sec-Fetch-Site": "same-origin"},  # the page itself, a current browser
    {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # the same under a strict referrer policy
    {"Origin": BASE},
    {"Referer": BASE + "/"},
    {},  # not a browser page (curl, a script on this computer): nothing a website can forge
])
def test_posts_from_the_page_itself_are_checked(client, headers):
    r = _post_check(client, headers)
    assert r.status_code == 303, r.text[:500]


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200),
    ("evil.example", 400), ("evil.example:8000", 400),  # DNS rebinding: a website's name pointing here
    ("127.0.0.1:8001", 400), ("localhost", 400),
])
def test_only_the_servers_own_host_names(client, host, status):
    r = client.get("/", headers={"Host": host})
    assert r.status_code == status
    if status == 400:
        assert "чужому адресу" in r.text


def test_any_loopback_port_without_a_known_port():
    from sferum_policy.web.guard import _host_ok, allowed_hosts

    assert _host_ok("127.0.0.1:5555", allowed_hosts()) and _host_ok("localhost", allowed_hosts())
    assert not _host_ok("example.org:5555", allowed_hosts())
    served = allowed_hosts("192.168.1.5", 8000)  # started on a LAN address: that one too
    assert _host_ok("192.168.1.5:8000", served) and not _host_ok("192.168.1.6:8000", served)


# --- memory ----------------------------------------------------------------------------------------------------


def test_xml_part_over_the_memory_budget_is_refused_naming_it(client):
    data = bomb_docx(40)
    assert len(data) < 3 * MB  # a small upload (compressed ~20×, under every ratio limit) that would unpack
    # to 40 MB of XML: ~0,8 GB in lxml and as much again for the document built from it
    t0 = time.monotonic()
    r = client.post("/check", files={"document": ("бомба.docx", data, "application/octet-stream")})
    assert r.status_code == 400
    message = re.search(r"role=\"alert\">(.*?)</div>", r.text, re.S).group(1)
    assert "бомба.docx" in message and "word/document.xml" in message and "памяти" in message, message
    assert time.monotonic() - t0 < 60  # refused before parsing, not after the time limit (120 s)


def test_memory_ceiling_stops_a_check_and_the_next_one_answers():
    app = create_app(Limits(workers=1, max_memory=400 * MB), port=8000)
    with TestClient(app, base_url=BASE) as c:
        r = c.post("/check", files={"document": ("плотный.docx", dense_docx(45_000), "application/octet-stream")})
        assert r.status_code == 400
        assert "плотный.docx" in r.text and "не хватило памяти" in r.text and "400 МБ" in r.text
        assert "Traceback" not in r.text
        ok = _post_check(c)
        assert ok.status_code == 303


def test_too_many_paragraphs_are_refused_before_parsing(client):
    t0 = time.monotonic()
    r = client.post("/check", files={"document": ("абзацы.docx", dense_docx(60_000, 0), "application/octet-stream")})
    assert r.status_code == 400
    assert "абзацы.docx" in r.text and "больше 50\u00a0000 абзацев" in r.text
    assert time.monotonic() - t0 < 30


def test_workers_run_under_the_address_space_limit():
    import subprocess
    import sys

    code = ("import resource; from sferum_policy import memory; memory.apply(700 * 1024 * 1024); "
            "print(resource.getrlimit(resource.RLIMIT_AS)[0] // 1048576, memory.max_xml_bytes() // 1048576)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["700", "11"]  # (700 − 256) / (20 × 2) MB of XML at most


# --- uploads ----------------------------------------------------------------------------------------------------

TEXT = SAMPLE_001.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1251"])
def test_text_in_any_windows_encoding_is_checked(client, encoding):
    r = _post_check(client, name=f"акт-{encoding}.txt", data=TEXT.replace("\n", "\r\n").encode(encoding, "replace"))
    assert r.status_code == 303, r.text[:500]
    report = client.get(r.headers["location"] + "/download/json").json()
    assert report["summary"]["errors"] + report["summary"]["warnings"] > 10
    assert any("ИКОН" in (f.get("text") or "") for f in report["findings"])


@pytest.mark.parametrize(("path", "field", "name"), [
    ("/check", "document", "пусто.txt"), ("/audit", "archive", "пусто.zip"), ("/generate/profile", "profile", "пусто.yaml")])
def test_empty_file_is_named_as_empty(client, path, field, name):
    r = client.post(path, files={field: (name, b"", "application/octet-stream")})
    assert r.status_code == 400
    assert f"Файл «{name}» пустой" in r.text
    nothing = client.post(path, files={field: ("", b"", "application/octet-stream")})  # nothing chosen
    assert nothing.status_code == 400 and "Выберите" in nothing.text


# --- result storage -----------------------------------------------------------------------------------------------


def test_storage_keeps_at_most_max_results_oldest_finished_go_first(tmp_path):
    from sferum_policy.web.storage import Storage

    st = Storage(3600, tmp_path, max_results=3, max_bytes=10 * MB)
    running, _ = st.new("audit", running=True)
    tokens = []
    for i in range(5):
        token, folder = st.new("check", name=f"{i}.txt")
        (folder / "report.html").write_text("x" * 1000, encoding="utf-8")
        st.done(token)
        tokens.append(token)
    assert st.usage()[0] == 3
    assert st.folder(running) is not None  # a running audit is never removed
    assert [t for t in tokens if st.folder(t) is not None] == tokens[-2:]
    assert not (st.root / tokens[0]).exists()
    st.close()


def test_storage_caps_total_size(tmp_path):
    from sferum_policy.web.storage import Storage

    st = Storage(3600, tmp_path, max_results=100, max_bytes=250_000)
    tokens = []
    for _ in range(4):
        token, folder = st.new("check")
        (folder / "report.html").write_bytes(b"x" * 100_000)
        st.done(token)
        tokens.append(token)
    count, size = st.usage()
    assert size <= 250_000 and count == 2
    assert [t for t in tokens if st.folder(t)] == tokens[2:]
    st.close()


def test_expired_results_go_without_scanning_the_disk(tmp_path):
    from sferum_policy.web.storage import Storage

    st = Storage(0.05, tmp_path)
    token, _ = st.new("check")
    st.done(token)
    time.sleep(0.1)
    stranger = st.root / "not-a-result"  # the sweep looks at its index only, never at whatever is on disk
    stranger.mkdir()
    assert st.sweep() == 1
    assert stranger.exists() and not (st.root / token).exists()
    st.close()


def test_report_page_says_how_long_it_is_kept(client):
    r = _post_check(client)
    page = client.get(r.headers["location"]).text
    assert re.search(r"хранится 1 час после проверки — до \d\d:\d\d", page)
    assert "не больше 200 последних результатов" in page
    assert "хранится на этом компьютере 1 час" in client.get("/").text


# --- what a methodologist reads ------------------------------------------------------------------------------------


def test_report_has_no_programmer_leftovers_in_the_main_part(client):
    from sferum_policy.ru import plural_form

    r = _post_check(client)
    page = client.get(r.headers["location"]).text
    main, _, spec = page.partition('<details class="spec" id="spec">')
    assert spec, "the «Для специалистов» part is missing"
    assert "docs/rules.md" not in page and "`" not in main
    assert "<code>" not in main  # rule codes (CL021) and registry ids (fz-149) only for specialists
    assert not re.search(r">\s*(CL|ST|LR|TY)\d{3}\s*<", main)
    assert re.search(r"<code>[A-Z]{2}\d{3}</code>", spec)
    bar = page.split('class="sp-bar"', 1)[1].split("</div>\n</div>", 1)[0]
    first_row, _, hidden = bar.partition("<details>")
    assert "Скачать документ Word с примечаниями" in first_row
    assert "JSON" not in first_row and "SARIF" not in first_row and "JSON" in hidden and "SARIF" in hidden
    m = re.search(r"Остальные предупреждения \((\d+) (\w+)\)", page)
    assert m and m.group(2) == plural_form(int(m.group(1)), "вид", "вида", "видов")


@pytest.mark.parametrize(("n", "word"), [(1, "вид"), (2, "вида"), (4, "вида"), (5, "видов"), (11, "видов"),
                                         (12, "видов"), (14, "видов"), (21, "вид"), (22, "вида"), (111, "видов"),
                                         (101, "вид"), (0, "видов")])
def test_plural_agreement(n, word):
    from sferum_policy.ru import plural

    assert plural(n, "вид", "вида", "видов") == f"{n} {word}"


def test_decimal_comma():
    from sferum_policy.ru import number

    assert number(36.2) == "36,2" and number(36.0) == "36" and number(None) == "—" and number(0.05, 2) == "0,05"


def test_progress_of_an_audit_and_docx_per_school(client):
    members = {f"школа/{p.name}": p.read_bytes() for p in sorted(ACTS.glob("00[0-3]_*.txt"))}
    r = client.post("/audit", files={"archive": ("район.zip", zip_bytes(members), "application/zip")},
                    follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"]
    first = client.get(url + "/progress").json()
    assert first["total"] == 4 and 0 <= first["done"] <= 4
    seen = {first["done"]}
    deadline = time.monotonic() + 240
    while client.get(url + "/progress").json()["running"]:
        seen.add(client.get(url + "/progress").json()["done"])
        assert time.monotonic() < deadline
        time.sleep(0.2)
    final = client.get(url + "/progress").json()
    assert final["done"] == 4 and final["error"] is None
    html = client.get(url).text
    assert "Для специалистов" in html and "Скачать таблицу Excel" in html
    links = re.findall(r'href="(/audit/[^"]+/files/reports/[^"]+\.docx)"', html)
    assert len(links) == 4 and "документ Word с примечаниями" in html
    import io
    import zipfile

    got = client.get(links[0])
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(got.content)) as zf:
        assert zf.read("word/comments.xml").count(b"<w:comment ") >= 3
    orgs = re.findall(r'<td class="org">(.*?)</td>', html, re.S)
    assert len(orgs) == 4 and all(o.strip() and o.strip() != "—" for o in orgs)
    assert client.get("/audit/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/progress").status_code == 404


def test_dashboard_decimal_comma_and_unknown_organisation(tmp_path):
    from datetime import date

    from sferum_policy.audit.dashboard import write_dashboard

    rows = [{"file": "акт.txt", "organisation": "", "score": 36, "coverage": 40, "errors": 1, "warnings": 2,
             "outdated": "", "status": "ok", "reason": "", "doc_kind": "положение", "org_kind": ""}]
    summary = {"documents": 1, "checked": 1, "failed": 0, "score_mean": 36.2, "score_median": 36.5, "reused": 0,
               "grades": {"good": 0, "fair": 0, "poor": 1, "failed": 0}, "complete": True, "expected": 1,
               "histogram": [{"from": i * 10, "to": i * 10 + 9, "count": int(i == 3)} for i in range(10)],
               "missing_clauses": [], "outdated_acts": []}
    out = tmp_path / "index.html"
    write_dashboard(out, rows=rows, summary=summary, links={"акт.txt": {"html": "reports/a.html",
                                                                         "docx": "reports/a.docx"}},
                    as_of=date(2026, 9, 1))
    html = out.read_text(encoding="utf-8")
    assert "<b>36,2</b>" in html and "<b>36,5</b>" in html and "36.2" not in html
    assert "не указана в акте" in html
    assert 'href="reports/a.docx"' in html
