"""«Обновить акт» on the web page: upload an old act → the profile form filled from it → the new act,
the change summary and the redline (Starlette's test client; the work runs in a real worker process)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
pytest.importorskip("python_multipart")

import warnings

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx works and is what the project installs
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from web_helpers import ACTS, form_fields, unescape

from sferum_policy.web.app import create_app
from sferum_policy.web.limits import Limits

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
BASE = "http://127.0.0.1:8000"
SAMPLE_002 = ACTS / "002_d5d0a8480acc456a.txt"
SAMPLE_000 = ACTS / "000_bcb0e2cd33a246a7.txt"
FULL_NAME = "Бюджетное общеобразовательное учреждение города Омска «Средняя общеобразовательная школа № 119»"
MISSING = "не найдено в акте — заполните"


@pytest.fixture(scope="module")
def client():
    app = create_app(Limits(workers=1, max_document=1024 * 1024))
    with TestClient(app, base_url=BASE) as c:
        yield c


def _storage(client):
    return client.app.state.sferum.storage


def _upload(client, data: bytes, name: str = "старый акт 002.txt"):
    return client.post("/modernize", files={"document": (name, data, "text/plain")}, follow_redirects=False)


@pytest.fixture(scope="module")
def uploaded(client):
    """Sample 002 uploaded once: its form's address and page."""
    r = _upload(client, SAMPLE_002.read_bytes())
    assert r.status_code == 303, r.text[:2000]
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    return r.headers["location"], page.text


@pytest.fixture(scope="module")
def submitted(client, uploaded):
    """The form of sample 002 sent with the missing full name and a council filled in: the result page."""
    url, html = uploaded
    values = form_fields(html)
    values.update({"organization.full_name": FULL_NAME, "councils.0.body": "совет родителей", "action": "modernize"})
    r = client.post(url, data=values, follow_redirects=False)
    assert r.status_code == 303, r.text[:3000]
    assert r.headers["location"] == f"{url}/result"
    return url, client.get(r.headers["location"])


def _field(html: str, name: str) -> str:
    """The markup of one text field of the form (its div)."""
    fid = "f-" + name.replace(".", "-")
    start = html.rindex('<div class="field', 0, html.index(f'id="{fid}"'))
    return html[start:html.index("</div>", start)]


def _docx_text(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(part).decode("utf-8")


def test_modernize_is_in_the_menu(client):
    r = client.get("/modernize")
    assert r.status_code == 200
    assert re.search(r'<a href="/modernize" aria-current="page" class="active">Обновить акт</a>', r.text)
    assert 'action="/modernize"' in r.text and 'type="file"' in r.text
    assert "удаляется вместе с результатами" in r.text  # how long the old act is kept is said before the upload
    assert '<a href="/modernize">Обновить акт</a>' in client.get("/").text


def test_form_is_filled_from_the_act_with_excerpts(uploaded):
    _, html = uploaded
    values = form_fields(html)
    assert values["organization.short_name"] == "БОУ г. Омска «Средняя общеобразовательная школа № 119»"
    assert values["organization.head.position"] == "Директор"
    assert values["organization.head.name"] == "Л.В. Галеева"
    assert values["approval.order_number"] == "342/1"
    assert values["approval.order_date"] == "19.12.2024"
    assert values["document.kind"] == "poryadok"
    assert values["adoption.body"] == "совет учреждения"
    head = unescape(_field(html, "organization.head.name"))
    assert re.search(r'<p class="from" id="f-organization-head-name-src">из акта, строка \d+: «Директор [^<]*Л\.В\. Галеева',
                     head)
    assert re.search(r'aria-describedby="[^"]*f-organization-head-name-src"', head)  # read out with the field
    assert "missing" not in head.split(">", 1)[0]
    # what will be removed, replaced and carried over is shown before the act is made
    text = unescape(html)
    for heading in ("Удалено и почему", "Заменено типовыми положениями", "Перенесено из прежнего акта"):
        assert heading in text
    assert "KS004" in text and "VK Мессенджер" in text
    assert "добавьте его: текст положения — в разделе «Справочник»" in text and "sferum-policy clauses" not in text
    assert re.search(r"из положений прежнего акта не переносится \(нарушения\) — 3, заменяется типовыми — \d+", text)
    assert "Копия прежнего акта хранится на этом компьютере 1 час" in text


def test_missing_fields_are_highlighted_and_empty(uploaded):
    _, html = uploaded
    values = form_fields(html)
    for name in ("organization.full_name", "adoption.date", "adoption.number", "councils.0.body", "councils.0.date"):
        field = _field(html, name)
        assert values[name] == "", name
        assert " missing" in field.split(">", 1)[0], name
        assert MISSING in field, name
        assert "из акта" not in field, name
    # the generator's defaults are not used here: no invented council, no example organisation
    assert values["councils.1.body"] == ""
    assert "не заполнено: 6 полей" in unescape(html)


def test_a_field_absent_from_the_act_is_not_prefilled(client):
    """The approval stamp (head's name, order) is removed from sample 000: those fields come empty."""
    lines = SAMPLE_000.read_text(encoding="utf-8").splitlines()
    stamp = ("УТВЕРЖДЕНО", "Петрова", "55-од")
    assert sum(any(s in line for s in stamp) for line in lines) == 3
    text = "\n".join(line for line in lines if not any(s in line for s in stamp))
    r = _upload(client, text.encode("utf-8"), "акт без подписи.txt")
    assert r.status_code == 303, r.text[:2000]
    html = client.get(r.headers["location"]).text
    values = form_fields(html)
    for name in ("organization.head.name", "approval.order_number", "approval.order_date"):
        assert values[name] == "", name
        assert MISSING in _field(html, name), name
    form = html[html.index('<form id="gen"'):]
    assert "Петрова" not in form and "55-од" not in form and "30.09.2024" not in form
    # what the act does state is still read
    assert values["organization.short_name"] == "МБОУ «ШИ с.Омолон»"
    assert values["organization.kind"] == "boarding_school"


def test_an_order_the_act_does_not_state_stays_a_blank(client):
    """Sample 004 has no approval stamp: with the names typed and the order left empty, the act has a blank."""
    r = _upload(client, (ACTS / "004_9f8c5b829272bf8d.txt").read_bytes(), "акт 004.txt")
    url = r.headers["location"]
    html = client.get(url).text
    values = form_fields(html)
    assert values["approval.order_date"] == values["approval.order_number"] == ""
    assert 'name="approval.order_date" type="text" value=""' in html and "required" not in _field(html, "approval.order_date")
    values.update({"organization.full_name": "Муниципальное бюджетное общеобразовательное учреждение «Школа № 4»",
                   "organization.short_name": "МБОУ «Школа № 4»", "organization.head.position": "Директор",
                   "organization.head.name": "А.Б. Васильева", "action": "modernize"})
    r = client.post(url, data=values, follow_redirects=False)
    assert r.status_code == 303, re.findall(r'<li><a href="#[^"]+">([^<]*)<', r.text)
    plain = unescape(re.sub(r"<[^>]+>", " ", _docx_text(client.get(f"{url}/download/act").content)))
    assert re.search(r"от\s*«___»\s*________\s*20__\s*г\.\s*№\s*____", " ".join(plain.split())), plain[:600]
    assert "МБОУ «Школа № 4»" in plain.replace("\xa0", " ")


def test_a_text_without_requisites_leaves_every_field_to_the_user(client):
    r = _upload(client, "Просто текст о платформе без реквизитов.\nЕщё одна строка.".encode(), "заметка.txt")
    assert r.status_code == 303
    html = client.get(r.headers["location"]).text
    values = form_fields(html)
    for name in ("organization.full_name", "organization.short_name", "organization.head.position",
                 "organization.head.name", "approval.order_date", "approval.order_number", "adoption.body"):
        assert values[name] == "", name
    assert "document.kind" not in values and "approval.style" not in values  # no radio chosen for the user
    assert html.count("не найдено в акте — выберите") == 3  # the kind of organisation, of act, the grif
    assert 'class="from">из акта' not in html


def test_result_page_and_downloads(submitted):
    url, page = submitted
    assert page.status_code == 200
    text = unescape(page.text)
    assert "Новый акт готов" in text and "Сводка изменений" in text and "Удалено и почему" in text
    assert "Порядок составлен по прежнему акту «старый акт 002.txt»" in text  # sample 002 is a «порядок»
    for what in ("act", "redline", "summary", "summary-md", "profile"):
        assert f"{url}/download/{what}" in page.text, what
    assert "Удалить сейчас" in text and "до " in text


def test_new_act_has_the_typed_value_and_no_invented_one(client, submitted):
    url, _ = submitted
    r = client.get(f"{url}/download/act")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    xml = _docx_text(r.content)
    plain = unescape(re.sub(r"<[^>]+>", "", xml)).replace("\xa0", " ")
    assert FULL_NAME in plain
    assert "С учетом мнения совета родителей (протокол от «___» ________ 20__ г. № ____)" in " ".join(plain.split()) \
        or re.search(r"С учетом мнения\s*совета родителей\s*\(протокол от «___»", plain)
    assert "от 19.12.2024 № 342/1" in plain  # the order read from the act
    # the adoption protocol's date and number were not in the act and not typed: a blank, not a value
    assert re.search(r"советом учреждения\s*\(протокол от «___» ________ 20__ г\. № ____\)", plain)
    assert "А.А. Иванов" not in plain
    for example in ("А.В. Смирнова", "45-од", "г. Энск"):  # the form's grey examples are never submitted
        assert example not in plain


def test_redline_has_tracked_changes(client, submitted):
    url, _ = submitted
    r = client.get(f"{url}/download/redline")
    assert r.status_code == 200
    xml = _docx_text(r.content)
    assert xml.count("<w:ins ") > 10 and xml.count("<w:del ") > 10
    assert "VK" in re.sub(r"<[^>]+>", "", xml)  # the old text is there, as deletions


def test_summary_downloads(client, submitted):
    url, _ = submitted
    md = client.get(f"{url}/download/summary-md").text
    assert md.startswith("# Сводка изменений") and "## Удалено и почему" in md
    assert "старый акт 002.txt" in md and str(_storage(client).root) not in md
    html = client.get(f"{url}/download/summary")
    assert html.headers["content-type"].startswith("text/html") and "attachment" in html.headers["content-disposition"]
    assert "Перенесено из прежнего акта" in unescape(html.text)
    profile = client.get(f"{url}/download/profile").text
    assert "organization:" in profile and FULL_NAME in profile


def test_only_the_token_folder_is_left(client, submitted):
    url, _ = submitted
    token = url.rsplit("/", 1)[1]
    root = _storage(client).root
    assert not [p for p in root.iterdir() if p.name.startswith("upload-")]  # the upload's scratch copy is gone
    assert sorted(p.name for p in (root / token).iterdir()) == [
        "act.docx", "meta.json", "old.txt", "profile.yaml", "redline.docx", "summary.html", "summary.md"]


def test_upload_keeps_only_the_old_act_and_the_extraction(client):
    root = _storage(client).root
    before = {p.name for p in root.iterdir()}
    r = _upload(client, SAMPLE_002.read_bytes())
    token = r.headers["location"].rsplit("/", 1)[1]
    assert {p.name for p in root.iterdir()} - before == {token}
    assert sorted(p.name for p in (root / token).iterdir()) == ["meta.json", "old.txt"]
    assert (root / token / "old.txt").read_bytes() == SAMPLE_002.read_bytes()


@pytest.mark.parametrize(("name", "data", "status", "message"), [
    ("программа.exe", b"MZ" + b"\x00" * 100, 415, "не поддерживается"),
    ("картинка.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, 415, "не соответствует расширению"),
    ("пустой.txt", b"", 400, "пустой"),
    ("большой.txt", "ПОЛОЖЕНИЕ\n".encode() * 200_000, 413, "слишком большой"),
])
def test_bad_upload_gives_a_russian_error_page(client, name, data, status, message):
    root = _storage(client).root
    before = {p.name for p in root.iterdir()}
    r = _upload(client, data, name)
    assert r.status_code == status
    text = unescape(r.text)
    assert message in text and "Traceback" not in text and "Error" not in text
    assert 'href="/modernize">Вернуться назад' in r.text  # back to the upload form
    assert {p.name for p in root.iterdir()} == before  # nothing is left of a refused upload


def test_validation_errors_keep_the_excerpts(client, uploaded):
    url, html = uploaded
    values = form_fields(html)
    values.update({"organization.head.name": "", "action": "modernize"})
    r = client.post(url, data=values)
    assert r.status_code == 400
    assert 'id="errors"' in r.text and 'href="#f-organization-head-name"' in r.text
    assert re.search(r'class="from" id="[\w-]+-src">из акта', r.text)  # the excerpts are still shown
    assert form_fields(r.text)["organization.short_name"] == values["organization.short_name"]


def test_unknown_token_and_file_are_404(client):
    url = _upload(client, SAMPLE_002.read_bytes()).headers["location"]
    assert client.get("/modernize/" + "A" * 32).status_code == 404
    assert client.get(f"{url}/download/old").status_code == 404  # the old act itself is never served
    assert client.get(f"{url}/download/act").status_code == 404  # not made yet
    assert client.get(f"{url}/result", follow_redirects=False).status_code == 303


def test_delete_now_removes_the_old_act(client):
    r = _upload(client, SAMPLE_002.read_bytes())
    url = r.headers["location"]
    folder = _storage(client).root / url.rsplit("/", 1)[1]
    assert folder.is_dir()
    r = client.post(f"{url}/delete", follow_redirects=True)
    assert r.status_code == 200 and "Копия прежнего акта и результаты удалены" in r.text
    assert not folder.exists()
    assert client.get(url).status_code == 404


def test_apply_answers_adds_councils_and_erases_values():
    from sferum_policy.readers import read
    from sferum_policy.repair.modernize import apply_answers
    from sferum_policy.repair.profile_extract import extract_profile

    x = extract_profile(read(SAMPLE_002))
    assert x.councils == [] and x.locality.value == "г. Омск"
    apply_answers(x, {"councils.0.number": "3", "councils.0.body": "совет обучающихся", "organization.locality": ""})
    assert [c.body.value for c in x.councils] == ["совет обучающихся"] and x.councils[0].number.value == "3"
    assert x.locality.value == "г. Омск"  # without ``clear`` an empty answer is skipped
    apply_answers(x, {"organization.locality": "", "adoption.body": ""}, clear=True)
    assert x.locality.value is None and x.locality.excerpt is None and x.adoption is None
    apply_answers(x, {"councils.0.body": ""}, clear=True)
    assert x.councils == []


def test_time_limit_stops_the_worker_with_a_russian_message():
    app = create_app(Limits(workers=1, check_timeout=0.05))
    with TestClient(app, base_url=BASE) as c:
        r = _upload(c, SAMPLE_002.read_bytes(), "медленный.txt")
        assert r.status_code == 400
        assert "медленный.txt" in r.text and "не уложилась в 0,05 с" in r.text and "Traceback" not in r.text
        assert not list(app.state.sferum.storage.root.iterdir())  # neither the upload nor a result is left


def test_a_damaged_docx_names_the_users_file_not_the_private_copy(client):
    from web_helpers import docx_bytes

    from benchmarks.zipdoc import replace_member

    data = replace_member(docx_bytes(), "word/document.xml", b"<w:document><w:body><w:p>")  # cut short
    r = client.post("/modernize", files={"document": ("повреждённый.docx", data, "application/octet-stream")})
    assert r.status_code == 400
    message = unescape(re.search(r'role="alert">(.*?)</div>', r.text, re.S).group(1))
    assert "повреждённый.docx" in message and str(_storage(client).root) not in message
    assert "Traceback" not in r.text


def test_a_docx_act_gets_a_redline_on_its_own_word_file(client):
    """A DOCX upload: the redline is made on the Word file itself (its paragraphs deleted and inserted)."""
    from web_helpers import docx_bytes

    text = SAMPLE_002.read_text(encoding="utf-8")
    r = client.post("/modernize", files={"document": ("порядок.docx", docx_bytes(text), "application/octet-stream")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text[:2000]
    url = r.headers["location"]
    assert (_storage(client).root / url.rsplit("/", 1)[1] / "old.docx").is_file()
    values = form_fields(client.get(url).text)
    assert values["organization.head.name"] == "Л.В. Галеева"
    values.update({"organization.full_name": FULL_NAME, "action": "modernize"})
    assert client.post(url, data=values, follow_redirects=False).status_code == 303
    red = client.get(f"{url}/download/redline")
    from urllib.parse import quote

    assert red.headers["content-disposition"].endswith(quote("порядок-исправления.docx"))  # named after the user's file
    xml = _docx_text(red.content)
    assert xml.count("<w:ins ") > 10 and xml.count("<w:del ") > 10
    assert "Галеева" in re.sub(r"<[^>]+>", "", xml)


def test_a_note_is_listed_once_however_many_old_points_led_to_it():
    """Sample 002 has two quiet-hours points without hours: «время тишины …» is to be checked once."""
    from sferum_policy.repair.modernize import modernize

    r = modernize(SAMPLE_002)
    quiet = [n for n in r.to_fill if n.startswith("время тишины")]
    assert len(quiet) == 1 and len(r.to_fill) == len(set(r.to_fill))
