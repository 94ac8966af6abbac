"""The web page's routes through Starlette's test client: check, downloads, generator, audit, limits."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
pytest.importorskip("python_multipart")

import warnings

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx works and is what the project installs
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from web_helpers import ACTS, SAMPLE_001, docx_bytes, zip_bytes
from web_helpers import form_fields as _form_fields

from benchmarks.zipdoc import replace_member
from sferum_policy.web.app import create_app
from sferum_policy.web.limits import Limits

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
BASE = "http://127.0.0.1:8000"  # the server accepts only its own (loopback) host names


@pytest.fixture(scope="module")
def client():
    app = create_app(Limits(workers=1, max_zip=5 * 1024 * 1024, max_unpacked=40 * 1024 * 1024))
    with TestClient(app, base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def checked(client):
    """Sample 001 uploaded once: the redirect target of its report."""
    r = client.post("/check", files={"document": ("положение 001.txt", SAMPLE_001.read_bytes(), "text/plain")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def _storage(client):
    return client.app.state.sferum.storage


def test_report_page_marks_findings_of_sample_001(client, checked):
    r = client.get(checked)
    assert r.status_code == 200
    html = r.text
    # the OCR error «ИКОН» (for ИКОП) is highlighted in the text itself
    assert re.search(r"<mark class=\"(error|warning|info)\"[^>]*>(<a [^>]*>)?[^<]*ИКОН", html)
    assert "Полнота по разделам" in html and "Ссылки на нормативные акты" in html
    assert "положение 001.txt" in html  # the user's name, not the private temp path
    assert str(_storage(client).root) not in html
    for fmt in ("html", "docx", "json", "sarif"):
        assert f"{checked}/download/{fmt}" in html


def test_downloads_in_every_format(client, checked, tmp_path):
    rep = client.get(f"{checked}/download/json")
    assert rep.status_code == 200
    assert "attachment" in rep.headers["content-disposition"]
    report = rep.json()
    assert any("ИКОН" in (f.get("text") or "") for f in report["findings"])
    sarif = client.get(f"{checked}/download/sarif").json()
    assert len(sarif["runs"][0]["results"]) == len(report["findings"])
    html = client.get(f"{checked}/download/html").text
    assert "<mark" in html and "sp-bar" not in html  # the download is the plain report, without the site's bar
    docx_resp = client.get(f"{checked}/download/docx")
    assert docx_resp.headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(docx_resp.content)) as zf:
        comments = zf.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") >= 10
    assert client.get(f"{checked}/download/exe").status_code == 404


def test_upload_leaves_no_files_but_the_results(client, checked):
    root = _storage(client).root
    assert oct(root.stat().st_mode & 0o777) == "0o700"
    assert not list(root.glob("upload-*"))
    token = checked.rsplit("/", 1)[1]
    assert sorted(p.name for p in (root / token).iterdir()) == [
        "fixed-unsafe.docx", "fixed.docx", "meta.json", "report.docx", "report.html", "report.json", "report.sarif"]


def test_fix_buttons_give_the_tracked_changes_docx(client, checked):
    from datetime import date
    from urllib.parse import quote

    from sferum_policy.repair import fix

    html = client.get(checked).text
    assert "Исправить" in html
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    from lxml import etree

    for fmt, unsafe in (("fixed", False), ("fixed-unsafe", True)):
        assert f"{checked}/download/{fmt}" in html
        r = client.get(f"{checked}/download/{fmt}")
        assert r.status_code == 200 and quote("001-исправленный.docx") in r.headers["content-disposition"]
        root = etree.fromstring(zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml"))
        expect = fix(SAMPLE_001, unsafe=unsafe, as_of=date.today())
        assert len(list(root.iter(f"{w}del"))) == sum(bool(p.edit.end > p.edit.start) for p in expect.applied)
        assert f"({expect.changes})" in html


def test_unknown_or_malformed_tokens_are_404(client):
    for url in ("/check/" + "A" * 32, "/check/../../etc/passwd", "/check/%2e%2e%2fmeta.json/download/json",
                "/audit/" + "B" * 32 + "/files/reports/x.html"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "Traceback" not in r.text


def test_expired_results_are_removed():
    app = create_app(Limits(workers=1, result_ttl=0.01))
    storage = app.state.sferum.storage
    token, folder = storage.new("check", name="x.txt")
    (folder / "report.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    time.sleep(0.05)
    with TestClient(app, base_url=BASE) as c:
        assert c.get(f"/check/{token}").status_code == 404
    assert not folder.exists()


@pytest.mark.parametrize(("name", "data", "status", "words"), [
    ("картинка.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, 415, "не соответствует расширению"),
    ("акт.pdf", "ПОЛОЖЕНИЕ\nтекст".encode(), 415, "не соответствует расширению"),
    ("акт.txt", b"%PDF-1.4\n" + b"x" * 100, 415, "не соответствует расширению"),
    ("программа.exe", b"MZ" + b"\x00" * 100, 415, "не поддерживается"),
    ("пусто.txt", b"", 400, "Файл «пусто.txt» пустой"),
])
def test_wrong_types_are_refused_in_russian(client, name, data, status, words):
    r = client.post("/check", files={"document": (name, data, "application/octet-stream")})
    assert r.status_code == status
    assert words in r.text
    assert "Traceback" not in r.text


def test_docx_with_xml_entities_is_refused(client):
    evil = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            b"<w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    data = replace_member(docx_bytes(), "word/document.xml", evil)
    r = client.post("/check", files={"document": ("бомба.docx", data, "application/octet-stream")})
    assert r.status_code == 400
    assert "DOCTYPE" in r.text and "бомба.docx" in r.text


def test_deeply_nested_docx_is_answered_not_crashed(client):
    depth = 5000
    body = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>ПОЛОЖЕНИЕ</w:t></w:r></w:p>".encode()
            + b"</w:sdtContent></w:sdt>" * depth + b"</w:body></w:document>")
    data = replace_member(docx_bytes(), "word/document.xml", body)
    r = client.post("/check", files={"document": ("глубокий.docx", data, "application/octet-stream")},
                    follow_redirects=False)
    assert r.status_code in (303, 400)
    if r.status_code == 400:
        assert "глубокий.docx" in r.text


def test_oversize_document_is_413():
    app = create_app(Limits(workers=1, max_document=2000))
    with TestClient(app, base_url=BASE) as c:
        r = c.post("/check", files={"document": ("большой.txt", "а".encode() * 5000, "text/plain")})
        assert r.status_code == 413
        assert "слишком большой" in r.text and "большой.txt" in r.text
        assert not list(app.state.sferum.storage.root.iterdir())  # the partial upload is gone


def test_check_time_limit_stops_the_worker():
    app = create_app(Limits(workers=1, check_timeout=0.05))
    with TestClient(app, base_url=BASE) as c:
        r = c.post("/check", files={"document": ("медленный.txt", SAMPLE_001.read_bytes(), "text/plain")})
    assert r.status_code == 400
    assert "не уложилась в 0,05 с" in r.text


def test_check_bad_date_is_400(client):
    r = client.post("/check", data={"as_of": "32.13.2026"},
                    files={"document": ("a.txt", SAMPLE_001.read_bytes(), "text/plain")})
    assert r.status_code == 400 and "не дата" in r.text


# --- the generator -------------------------------------------------------------------------------------------


def _post_generate(client, values: dict, action: str):
    return client.post("/generate", data={**values, "action": action})


def _fill(values: dict, **extra: str) -> dict:
    """What a user types into the empty form: the organisation, the head, order and protocol details."""
    kind = values["organization.kind"]
    names = {"college": ("Государственное автономное профессиональное образовательное учреждение «Энский колледж»",
                         "ГАПОУ «Энский колледж»"),
             "preschool": ("Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 3»",
                           "МБДОУ «Детский сад № 3»")}
    full, short = names.get(kind, ("Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                                   "общеобразовательная школа № 1»", "МБОУ «СОШ № 1»"))
    out = {**values, "organization.full_name": full, "organization.short_name": short,
           "organization.head.position": "Заведующий" if kind == "preschool" else "Директор",
           "organization.head.name": "А.В. Смирнова", "approval.order_date": "31.08.2026",
           "approval.order_number": "45-од"}
    for prefix in ("adoption", *(f"councils.{i}" for i in range(3))):
        if out.get(f"{prefix}.body"):
            out[f"{prefix}.date"], out[f"{prefix}.number"] = "28.08.2026", "1"
    out.update(extra)
    return out


def test_generate_form_starts_with_placeholders_not_invented_values(client):
    html = client.get("/generate").text
    values = _form_fields(html)
    for name in ("organization.full_name", "organization.short_name", "organization.head.name",
                 "approval.order_date", "approval.order_number", "adoption.date", "councils.0.date"):
        assert values[name] == "", name
    assert "И.И. Иванова" not in html and time.strftime("%d.%m.%Y") not in html  # no example person, no «today»
    assert 'placeholder="МБОУ «СОШ № 1»"' in html.replace("&#34;", '"')
    assert 'placeholder="ДД.ММ.ГГГГ"' in html
    # the untouched form is not turned into an act with invented details: the user is asked for them
    r = _post_generate(client, values, "docx")
    assert r.status_code == 400 and 'id="errors"' in r.text
    assert "attachment" not in r.headers.get("content-disposition", "")


def test_generate_docx_rereads_correctly(client, tmp_path):
    from sferum_policy.readers import read

    values = _fill(_form_fields(client.get("/generate?kind=college").text))
    assert values["councils.0.body"] == "студенческий совет"  # the kind's usual bodies are real defaults
    values["organization.full_name"] = "Государственное бюджетное профессиональное образовательное учреждение «Северный техникум»"
    r = _post_generate(client, values, "docx")
    assert r.status_code == 200, r.text[:3000]
    assert "attachment" in r.headers["content-disposition"]
    path = tmp_path / "act.docx"
    path.write_bytes(r.content)
    doc = read(path)
    assert doc.meta.doc_kind.value == "polozhenie"
    assert doc.meta.org_kind is not None and doc.meta.org_kind.value == "college"
    assert "студент" in doc.text.lower()
    assert "«Северный техникум»" in doc.text
    assert "куратор" in doc.text.lower()
    assert len(doc.sections) >= 5


def test_generate_preview_and_text_formats(client):
    values = _fill(_form_fields(client.get("/generate").text))
    page = _post_generate(client, values, "preview")
    assert page.status_code == 200
    assert 'id="preview"' in page.text and "srcdoc=" in page.text and "sandbox" in page.text
    md = _post_generate(client, values, "md")
    assert md.text.startswith("**Муниципальное бюджетное общеобразовательное учреждение")
    html = _post_generate(client, values, "html")
    assert html.text.lstrip().startswith("<!DOCTYPE html>") and "ПОЛОЖЕНИЕ" in html.text


def test_kind_switch_changes_fields_and_role_words(client):
    school = _form_fields(client.get("/generate").text)
    assert "adoption.date" in school
    school["organization.kind"] = "preschool"
    r = _post_generate(client, {**school, "prev_kind": "school"}, "kind")
    fields = _form_fields(r.text)
    shown = r.text.replace("&#34;", '"')
    assert 'placeholder="Заведующий"' in shown and 'placeholder="МБДОУ «Детский сад № 1»"' in shown
    assert fields["organization.short_name"] == "" and fields["councils.0.body"] == "совет родителей"
    assert "<strong>воспитанники</strong>" in r.text
    fields["organization.kind"] = "district"
    r = _post_generate(client, {**fields, "prev_kind": "preschool"}, "kind")
    district = _form_fields(r.text)
    assert "adoption.date" not in district and "councils.0.body" not in district  # no adoption fields for a district
    assert 'placeholder="Начальник управления"' in r.text


def test_kind_switch_keeps_what_the_user_typed(client):
    values = _form_fields(client.get("/generate").text)
    values["organization.short_name"] = "МБОУ «Гимназия № 5»"
    values["organization.kind"] = "college"
    fields = _form_fields(_post_generate(client, {**values, "prev_kind": "school"}, "kind").text)
    assert fields["organization.short_name"] == "МБОУ «Гимназия № 5»"
    assert fields["organization.full_name"] == ""
    assert fields["councils.0.body"] == "студенческий совет"  # an untouched default follows the kind


def test_generate_validation_errors_are_shown_by_field(client):
    values = _fill(_form_fields(client.get("/generate").text))
    values["organization.head.name"] = "Иванова"
    values["approval.order_date"] = "вчера"
    values.pop("document.platforms")
    r = _post_generate(client, values, "docx")
    assert r.status_code == 400
    assert "фамилию с инициалами" in r.text
    assert "«вчера» — не дата" in r.text
    assert "платформ" in r.text
    assert 'aria-invalid="true"' in r.text


def test_profile_yaml_round_trip(client):
    values = _fill(_form_fields(client.get("/generate?kind=school").text))
    values.update({"organization.short_name": "МБОУ «СОШ № 7»", "options.support_phone": "+7 800 100-00-00",
                   "councils.2.body": "управляющий совет", "councils.2.date": "01.09.2026",
                   "councils.2.number": "3"})
    values.pop("options.ethics")  # unchecked
    y = _post_generate(client, values, "yaml")
    assert y.status_code == 200
    text = y.text
    assert "short_name: МБОУ «СОШ № 7»" in text and "ethics: false" in text
    loaded = client.post("/generate/profile", files={"profile": ("профиль.yaml", text.encode(), "application/x-yaml")})
    assert loaded.status_code == 200 and "Профиль «профиль.yaml» загружен" in loaded.text
    again = _form_fields(loaded.text)
    for key, value in values.items():
        assert again.get(key, "") == value, key
    assert _post_generate(client, again, "md").text == _post_generate(client, values, "md").text


def test_profile_keeps_fields_the_form_does_not_show(client):
    from sferum_policy.generator.template import default_answers, render_template

    text = render_template(default_answers("school")).replace("include: []", "include: [administrator.statistics]")
    loaded = client.post("/generate/profile", files={"profile": ("p.yaml", text.encode(), "application/x-yaml")})
    values = _form_fields(loaded.text)
    assert "administrator.statistics" in values["extra"]
    y = _post_generate(client, values, "yaml").text
    assert "administrator.statistics" in y


@pytest.mark.parametrize(("name", "data", "words"), [
    ("бомба.yaml", b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "ссылки YAML"),
    ("глубина.yaml", b"a: " + b"[" * 200 + b"]" * 200 + b"\n", "вложенность"),
    ("плохой.yaml", b"organization: [\n", "YAML"),
    ("не-тот.yaml", b"organization:\n  full_name: x\n", "поле"),
    ("картинка.png", b"\x89PNG", "YAML"),
])
def test_bad_profiles_are_refused(client, name, data, words):
    r = client.post("/generate/profile", files={"profile": (name, data, "application/octet-stream")})
    assert r.status_code in (400, 415)
    assert words in r.text and "Traceback" not in r.text


# --- the audit -----------------------------------------------------------------------------------------------


def _wait_audit(client, url: str, limit: float = 240.0) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        r = client.get(url)
        assert r.status_code == 200
        if "http-equiv=\"refresh\"" not in r.text:
            return r.text
        time.sleep(0.5)
    raise AssertionError("audit did not finish")


def test_audit_zip_dashboard_and_summaries(client):
    members = {f"школа/{p.name}": p.read_bytes() for p in sorted(ACTS.glob("00[0-2]_*.txt"))}
    members["школа/картинка.png"] = b"\x89PNG"  # not an act: skipped
    members["битый.docx"] = b"PK\x03\x04 not really"  # an act that cannot be read: an error row
    r = client.post("/audit", files={"archive": ("акты района.zip", zip_bytes(members), "application/zip")},
                    follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"]
    progress = client.get(url).text
    assert "Проверено документов" in progress or "sp-bar" in progress
    html = _wait_audit(client, url)
    assert "акты района.zip" in html
    for name in members:
        if name.endswith(".txt"):
            assert name.split("/")[1] in html
    token = url.rsplit("/", 1)[1]
    csv = client.get(f"/audit/{token}/files/summary.csv")
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    lines = [ln for ln in csv.content.decode("utf-8-sig").splitlines() if ln.strip()]
    assert len(lines) == 1 + 4  # header, three acts, the broken DOCX
    audit = json.loads(client.get(f"/audit/{token}/files/audit.json").content)
    statuses = sorted(d["status"] for d in audit["documents"])
    assert statuses == ["error", "ok", "ok", "ok"]
    report_link = re.search(rf'href="(/audit/{token}/files/reports/[^"]+\.html)"', html).group(1)
    rep = client.get(report_link)
    assert rep.status_code == 200 and "<mark" in rep.text and "К сводке аудита" in rep.text
    assert client.get(f"/audit/{token}/files/reports/..%2Fmeta.json").status_code == 404
    folder = _storage(client).root / token
    assert not (folder / "work").exists() and not (folder / "upload.zip").exists()


@pytest.mark.parametrize(("members", "status", "words"), [
    ({"../../evil.txt": b"x"}, 400, "за пределы архива"),
    ({"/etc/evil.txt": b"x"}, 400, "абсолютный путь"),
    ({"bomb.txt": b"\x00" * (30 * 1024 * 1024)}, 400, "ZIP-бомб"),
    ({}, 400, "пуст"),
])
def test_unsafe_archives_are_refused(client, members, status, words):
    r = client.post("/audit", files={"archive": ("a.zip", zip_bytes(members), "application/zip")})
    assert r.status_code == status
    assert words in r.text


def test_archive_limits(client):
    stored = zip_bytes({f"{i}.txt": b"x" * 1024 * 1024 for i in range(45)}, zipfile.ZIP_STORED)
    r = client.post("/audit", files={"archive": ("много.zip", stored, "application/zip")})
    assert r.status_code == 413 and "слишком большой" in r.text
    r = client.post("/audit", files={"archive": ("акт.zip", docx_bytes(), "application/zip")})
    assert r.status_code == 415 and "не архив ZIP" in r.text
    r = client.post("/audit", files={"archive": ("акты.rar", b"Rar!\x1a\x07", "application/octet-stream")})
    assert r.status_code == 415


# --- the reference and the rest ------------------------------------------------------------------------------


def test_reference_search(client):
    r = client.get("/reference", params={"q": "273-ФЗ", "what": "acts"})
    assert r.status_code == 200
    assert "Об образовании в Российской Федерации" in r.text and "действует" in r.text
    r = client.get("/reference", params={"q": "тишин", "what": "clauses"})
    assert "Библиотека положений" in r.text and "Реестр нормативных актов" not in r.text
    assert re.search(r"найдено [1-9]", r.text)
    r = client.get("/reference", params={"q": "<script>нет такого</script>"})
    assert "Ничего не найдено" in r.text and "<script>нет" not in r.text
    all_acts = client.get("/reference", params={"what": "acts"}).text
    repealed = client.get("/reference", params={"what": "acts", "status": "repealed"}).text
    assert repealed.count("<tr id=\"act-") < all_acts.count("<tr id=\"act-")


def test_pages_have_labels_for_every_control(client):
    for url in ("/", "/generate", "/audit", "/reference"):
        html = client.get(url).text
        ids = re.findall(r'<(?:input|select)\s+id="([^"]+)"', html)
        assert ids, url
        for i in ids:
            assert f'for="{i}"' in html, (url, i)


def test_static_and_methods(client):
    assert client.get("/static/style.css").status_code == 200
    r = client.get("/check")
    assert r.status_code == 405 and "меню" in r.text


def test_limits_from_env():
    limits = Limits.from_env({"SFERUM_WEB_MAX_DOCUMENT": "5", "SFERUM_WEB_CHECK_TIMEOUT": "7.5"}, max_zip=123)
    assert limits.max_document == 5 * 1024 * 1024
    assert limits.check_timeout == 7.5 and limits.max_zip == 123
    from sferum_policy.errors import InputError

    with pytest.raises(InputError, match="не число"):
        Limits.from_env({"SFERUM_WEB_MAX_ZIP": "много"})
