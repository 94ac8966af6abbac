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
    with page.expect_download() as dl:
        page.get_by_role("link", name="JSON").click()
    assert "ИКОН" in Path(dl.value.path()).read_text(encoding="utf-8")


def test_fill_generator_and_download_docx(server, browser_page, tmp_path):
    from sferum_policy.readers import read

    page = browser_page
    page.goto(server + "/generate")
    with page.expect_navigation():  # JS submits the form and the server re-shows it for a college
        page.get_by_label("Вид организации").select_option("college")
    page.wait_for_load_state()
    assert page.get_by_label("Сокращённое наименование").input_value() == "ГАПОУ «Энский колледж»"
    page.get_by_label("Полное наименование (по уставу)").fill(
        "Государственное бюджетное профессиональное образовательное учреждение «Северный техникум»")
    page.get_by_label("Сокращённое наименование").fill("ГБПОУ «Северный техникум»")
    page.get_by_label("Номер приказа").fill("77-од")
    page.get_by_role("button", name="Показать проект").click()
    page.wait_for_selector("#preview")
    frame = page.frame_locator("#preview iframe")
    assert "Северный техникум" in frame.locator("body").inner_text()
    with page.expect_download() as dl:
        page.locator(".actions.sticky").get_by_role("button", name="Скачать DOCX").click()
    target = tmp_path / dl.value.suggested_filename
    assert target.suffix == ".docx"
    dl.value.save_as(target)
    doc = read(target)
    assert "«Северный техникум»" in doc.text
    assert doc.meta.org_kind is not None and doc.meta.org_kind.value == "college"
