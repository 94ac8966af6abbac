"""The screenshots in docs/ (``python -m benchmarks.screenshots``): the page in headless Chromium.

Starts ``sferum-policy serve`` on a free 127.0.0.1 port and takes, at 1280×1000:
docs/screenshot-check.png (the report of sample 001), docs/screenshot-check-busy.png (the form while a
check runs), docs/screenshot-generate.png (the form with a draft act) and docs/screenshot-audit.png
(the dashboard of an audit of the five sample acts, at 1366 px — the width of a school laptop) and
docs/screenshot-modernize.png (the «Обновить акт» form of sample 002: values with their excerpts, the
missing ones highlighted). ``python -m benchmarks.screenshots modernize`` takes only the named pictures.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from benchmarks.bench_web import Server

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ACTS = sorted((ROOT / "samples" / "acts").glob("0*.txt"))
CHROMIUM = "/usr/bin/chromium"


def modernize(page, server) -> None:
    """The form filled from sample 002 (the full name and the councils are not in the act)."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server.url + "/modernize")
    page.get_by_label("Прежний акт").set_input_files(str(ACTS[2]))
    with page.expect_navigation(url="**/modernize/**", timeout=120_000):
        page.get_by_role("button", name="Загрузить").click()
    page.evaluate("window.scrollTo(0, document.querySelector('.attention').getBoundingClientRect().top + window.scrollY - 12)")
    page.screenshot(path=str(DOCS / "screenshot-modernize.png"))


def main(names: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    server = Server(2)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ru-RU")
            if names:
                for name in names:
                    {"modernize": modernize}[name](page, server)
                browser.close()
                return 0
            page.goto(server.url + "/")
            page.get_by_label("Файл документа").set_input_files(str(ACTS[1]))
            page.evaluate("""() => { const f = document.querySelector('form[data-busy]');
                f.addEventListener('submit', e => e.preventDefault()); }""")  # hold the busy state for the picture
            page.get_by_role("button", name="Проверить").click()
            page.wait_for_timeout(2200)
            page.screenshot(path=str(DOCS / "screenshot-check-busy.png"))
            page.goto(server.url + "/")
            page.get_by_label("Файл документа").set_input_files(str(ACTS[1]))
            with page.expect_navigation(url="**/check/**", timeout=120_000):
                page.get_by_role("button", name="Проверить").click()
            page.screenshot(path=str(DOCS / "screenshot-check.png"))

            page.goto(server.url + "/generate")
            for label, value in (("Полное наименование (по уставу)", "Муниципальное бюджетное общеобразовательное "
                                  "учреждение «Средняя общеобразовательная школа № 7»"),
                                 ("Сокращённое наименование", "МБОУ «СОШ № 7»"), ("Населённый пункт", "г. Энск"),
                                 ("Должность руководителя", "Директор"),
                                 ("Фамилия и инициалы руководителя", "А.В. Смирнова"),
                                 ("Дата приказа", "31.08.2026"), ("Номер приказа", "45-од")):
                page.get_by_label(label).fill(value)
            for field in ("adoption", "councils-0", "councils-1"):
                page.locator(f"#f-{field}-date").fill("28.08.2026")
                page.locator(f"#f-{field}-number").fill("1")
            page.get_by_role("button", name="Показать проект").click()
            page.wait_for_selector("#preview")
            page.screenshot(path=str(DOCS / "screenshot-generate.png"))

            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zf:
                for i, act in enumerate(ACTS):
                    zf.writestr(f"школа-{i + 1}/{act.name}", act.read_bytes())
            archive = DOCS.parent / "out" / "акты района.zip"
            archive.parent.mkdir(exist_ok=True)
            archive.write_bytes(buf.getvalue())
            page.set_viewport_size({"width": 1366, "height": 1000})
            page.goto(server.url + "/audit")
            page.get_by_label("Архив ZIP с актами").set_input_files(str(archive))
            page.get_by_role("button", name="Начать аудит").click()
            page.wait_for_selector("#documents", timeout=300_000)
            page.evaluate("window.scrollTo(0, document.getElementById('docs').getBoundingClientRect().top + window.scrollY - 230)")
            page.screenshot(path=str(DOCS / "screenshot-audit.png"))
            modernize(page, server)
            browser.close()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
