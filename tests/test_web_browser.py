"""The web page in a real headless Chromium (Playwright with the system browser): check, generate, download."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from web_helpers import ROOT, SAMPLE_001

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="нет Chromium (/usr/bin/chromium): apt-get install -y chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``sferum-policy serve`` on a free localhost port, as a user starts it."""
    pytest.importorskip("uvicorn")
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "sferum_policy", "serve", "--port", str(port), "--workers", "1"],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"сервер не запустился: {log.read_text(encoding='utf-8', errors='replace')}")
                time.sleep(0.2)
        assert f"http://127.0.0.1:{port}/" in log.read_text(encoding="utf-8")  # it says where it listens
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
            accept_downloads=True, locale="ru-RU", viewport={"width": 1280, "height": 900})
        try:
            yield ctx.new_page()
        finally:
            ctx.close()


def test_upload_sample_and_see_findings(server, browser_page):
    page = browser_page
    page.goto(server + "/")
    page.get_by_label("Файл документа").set_input_files(str(SAMPLE_001))
    page.get_by_role("button", name="Проверить").click()
    page.wait_for_url("**/check/**", timeout=120_000)
    marks = page.locator("mark", has_text="ИКОН")
    assert marks.count() >= 1
    assert page.get_by_role("heading", name="Полнота по разделам").is_visible()
    page.locator(".sp-bar summary", has_text="Для специалистов").click()  # JSON and SARIF are kept there
    with page.expect_download() as dl:
        page.get_by_role("link", name="JSON — отчёт для других программ").click()
    assert "ИКОН" in Path(dl.value.path()).read_text(encoding="utf-8")


def test_fill_generator_and_download_docx(server, browser_page, tmp_path):
    from sferum_policy.readers import read

    page = browser_page
    page.goto(server + "/generate")
    with page.expect_navigation():  # JS submits the form and the server re-shows it for a college
        page.get_by_label("Вид организации").select_option("college")
    page.wait_for_load_state()
    short = page.get_by_label("Сокращённое наименование")
    assert short.input_value() == "" and short.get_attribute("placeholder") == "ГАПОУ «Энский колледж»"
    page.get_by_label("Полное наименование (по уставу)").fill(
        "Государственное бюджетное профессиональное образовательное учреждение «Северный техникум»")
    short.fill("ГБПОУ «Северный техникум»")
    page.get_by_label("Должность руководителя").fill("Директор")
    page.get_by_label("Фамилия и инициалы руководителя").fill("О.П. Северова")
    page.get_by_label("Дата приказа").fill("31.08.2026")
    page.get_by_label("Номер приказа").fill("77-од")
    for field in ("adoption", "councils-0", "councils-1"):
        page.locator(f"#f-{field}-date").fill("28.08.2026")
        page.locator(f"#f-{field}-number").fill("1")
    page.get_by_role("button", name="Показать проект").click()
    page.wait_for_selector("#preview")
    frame = page.frame_locator("#preview iframe")
    assert "Северный техникум" in frame.locator("body").inner_text()
    with page.expect_download() as dl:
        page.locator(".actions.sticky").get_by_role("button", name="Скачать документ Word").click()
    target = tmp_path / dl.value.suggested_filename
    assert target.suffix == ".docx"
    dl.value.save_as(target)
    doc = read(target)
    assert "«Северный техникум»" in doc.text
    assert doc.meta.org_kind is not None and doc.meta.org_kind.value == "college"


def test_modernize_an_old_act_in_the_browser(server, browser_page, tmp_path):
    """«Обновить акт»: upload → the form with excerpts (a kind change keeps them) → the new act downloaded."""
    from sferum_policy.readers import read

    page = browser_page
    page.goto(server + "/modernize")
    page.get_by_label("Прежний акт").set_input_files(str(SAMPLE_001.parent / "002_d5d0a8480acc456a.txt"))
    page.get_by_role("button", name="Загрузить").click()
    page.wait_for_url("**/modernize/**", timeout=120_000)
    full = page.get_by_label("Полное наименование (по уставу)")
    assert full.input_value() == "" and "не найдено в акте" in page.locator(".field.missing").first.inner_text()
    assert page.get_by_label("Фамилия и инициалы руководителя").input_value() == "Л.В. Галеева"
    with page.expect_navigation():  # JS re-shows the form for the new kind: the act's values and excerpts stay
        page.get_by_label("Вид организации").select_option("boarding_school")
    page.wait_for_load_state()
    assert page.get_by_label("Фамилия и инициалы руководителя").input_value() == "Л.В. Галеева"
    assert page.locator("p.from", has_text="из акта").count() >= 5
    page.get_by_label("Вид организации").evaluate("s => s.value = 'school'")
    page.get_by_label("Полное наименование (по уставу)").fill(
        "Бюджетное общеобразовательное учреждение города Омска «Средняя общеобразовательная школа № 119»")
    page.get_by_role("button", name="Создать новый акт").click()
    page.wait_for_url("**/result", timeout=120_000)
    assert page.get_by_role("heading", name="Сводка изменений").is_visible()
    with page.expect_download() as dl:
        page.get_by_role("link", name="Скачать новый акт (Word)").click()
    target = tmp_path / dl.value.suggested_filename
    assert target.suffix == ".docx"
    dl.value.save_as(target)
    assert "«Средняя общеобразовательная школа № 119»" in read(target).text.replace("\xa0", " ")


def test_check_shows_progress_and_cannot_be_sent_twice(server, browser_page):
    page = browser_page
    page.goto(server + "/")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.get_by_label("Файл документа").set_input_files(str(SAMPLE_001))
    # what the page shows once the button is disabled (while the check runs), kept across the navigation
    page.evaluate("""() => {
        const form = document.querySelector("form[data-busy]"), button = form.querySelector("button");
        new MutationObserver(() => { if (button.disabled) sessionStorage.setItem("seen", JSON.stringify({
            text: button.textContent, disabled: button.disabled,
            status: !form.querySelector(".busy-status").hidden,
            line: form.querySelector(".busy-status").textContent})); }).observe(button, {attributes: true});
    }""")
    with page.expect_navigation(url="**/check/**", timeout=120_000):
        page.get_by_role("button", name="Проверить").dblclick()  # an impatient double click
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('seen'))")
    assert seen["text"] == "Проверяем…" and seen["disabled"] and seen["status"], seen
    assert "идёт проверка" in seen["line"]
    assert len(posts) == 1  # one check, not two
    assert page.locator("mark").count() > 0


def test_audit_progress_updates_without_reloading(server, browser_page, tmp_path):
    import io
    import zipfile

    from web_helpers import ACTS

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(3):
            for p in sorted(ACTS.glob("00*.txt")):
                zf.writestr(f"школа-{i}/{p.name}", p.read_bytes())
    archive = tmp_path / "район.zip"
    archive.write_bytes(buf.getvalue())
    page = browser_page
    page.goto(server + "/audit")
    page.get_by_label("Архив ZIP с актами").set_input_files(str(archive))
    page.get_by_role("button", name="Начать аудит").click()
    page.wait_for_url("**/audit/**", timeout=60_000)
    page.wait_for_selector("#progress")
    page.evaluate("window.__same_page = true")
    # the counter moves while the page stays the same (no reload): progress.js asks /progress
    page.wait_for_function("Number(document.querySelector('#progress .done').textContent) >= 1 && window.__same_page",
                           timeout=120_000)
    assert page.locator("#progress progress").get_attribute("max") == "15"
    page.wait_for_selector("#documents", timeout=300_000)  # done: the dashboard replaces the progress
    assert page.locator("tr.doc").count() == 15
    # the dashboard fits a 1366 px screen: no sideways scrolling, «Статус» not cut
    page.set_viewport_size({"width": 1366, "height": 900})
    fits = page.evaluate("""() => {
        const t = document.getElementById('documents'), box = t.parentElement;
        const status = Array.from(t.tHead.rows[0].cells).pop().getBoundingClientRect();
        return {scroll: box.scrollWidth, client: box.clientWidth, right: status.right, width: window.innerWidth,
                page: document.documentElement.scrollWidth};
    }""")
    assert fits["scroll"] <= fits["client"] and fits["right"] <= fits["width"] and fits["page"] <= fits["width"], fits
    assert page.locator("a", has_text="документ Word с примечаниями").count() == 15
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_page_from_another_origin_cannot_post(server, browser_page, tmp_path):
    """A website the user visits (here: another port of this computer) tries to start a check."""
    import http.server
    import threading

    port = server.rsplit(":", 1)[1]
    evil = tmp_path / "evil"
    evil.mkdir()
    (evil / "form.html").write_text(f"""<!DOCTYPE html><meta charset="utf-8"><title>Чужой сайт</title>
<form id="f" method="post" action="http://127.0.0.1:{port}/generate" enctype="multipart/form-data">
<input name="organization.full_name" value="Подделка"><input name="action" value="preview"></form>
<script>document.getElementById("f").submit();</script>""", encoding="utf-8")
    (evil / "fetch.html").write_text(f"""<!DOCTYPE html><meta charset="utf-8"><title>Чужой сайт</title>
<script>
window.result = "pending";
const body = new FormData(); body.append("document", new Blob(["ПОЛОЖЕНИЕ"]), "a.txt");
// «no-cors»: the classic cross-site request that reaches the server without reading its answer
fetch("http://localhost:{port}/check", {{method: "POST", body, mode: "no-cors"}})
  .then(r => window.result = "opaque " + r.type).catch(e => window.result = "failed");
</script>""", encoding="utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(evil), **k)  # noqa: E731
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page = browser_page
        origin = f"http://127.0.0.1:{other.server_address[1]}"
        with page.expect_navigation():
            page.goto(origin + "/form.html")
        page.wait_for_url(f"http://127.0.0.1:{port}/generate")
        assert "Запрос отклонён" in page.locator("main").inner_text()
        assert "Подделка" not in page.content()  # no forged draft act on the local page
        responses = []
        page.on("response", lambda r: responses.append((r.url, r.status)) if "/check" in r.url else None)
        page.goto(origin + "/fetch.html")
        page.wait_for_function("window.result !== 'pending'", timeout=30_000)
        assert page.evaluate("window.result") == "opaque opaque"  # the page learns nothing ...
        assert responses == [(f"http://localhost:{port}/check", 403)]  # ... and the server refused it before checking
    finally:
        other.shutdown()
