"""``serve``: the local web page (check, generate, audit, reference) on this computer."""

from __future__ import annotations

import click

from .options import clauses_dir, refs_dir

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Адрес, на котором ждать запросы (по умолчанию — только этот компьютер).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Порт.")
@click.option("--max-document-mb", type=click.FloatRange(min=0.01), help="Наибольший размер документа, МБ (20).")
@click.option("--max-zip-mb", type=click.FloatRange(min=0.01), help="Наибольший размер архива для аудита, МБ (100).")
@click.option("--timeout", "check_timeout", type=click.FloatRange(min=0.1),
              help="Сколько секунд можно проверять один документ (120).")
@click.option("--workers", type=click.IntRange(1, 64), help="Сколько процессов проверяют документы (2).")
@click.option("--memory-mb", type=click.FloatRange(min=400),
              help="Сколько памяти может занять один процесс проверки, МБ (1536).")
@clauses_dir
@refs_dir
def serve(host: str, port: int, max_document_mb: float | None, max_zip_mb: float | None, check_timeout: float | None,
          workers: int | None, memory_mb: float | None, clauses_dir: str | None, refs_dir: str | None) -> None:
    """Открыть страницу в браузере: проверка, создание положения, аудит, справочник.

    Ограничения можно задать и переменными окружения SFERUM_WEB_MAX_DOCUMENT (МБ),
    SFERUM_WEB_MAX_ZIP (МБ), SFERUM_WEB_CHECK_TIMEOUT (с), SFERUM_WEB_RESULT_TTL (с),
    SFERUM_WEB_MAX_MEMORY (МБ на процесс проверки), SFERUM_WEB_MAX_RESULTS (сколько результатов
    хранить), SFERUM_WEB_MAX_STORAGE (МБ на все результаты).

    \b
    Пример:
      sferum-policy serve
      sferum-policy serve --port 8080 --max-document-mb 30
    """
    import os
    import tempfile

    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.limits import MB, Limits
    except ImportError as exc:
        from ..errors import InputError

        raise InputError(f"для страницы нужны дополнительные пакеты ({exc.name}); установите: "
                         f"pip install 'sferum-policy[web]'") from None
    limits = Limits.from_env(
        max_document=int(max_document_mb * MB) if max_document_mb else None,
        max_zip=int(max_zip_mb * MB) if max_zip_mb else None,
        check_timeout=check_timeout, workers=workers, max_memory=int(memory_mb * MB) if memory_mb else None,
    )
    app = create_app(limits, clauses_dir=clauses_dir, refs_dir=refs_dir, host=host, port=port or None)
    root = str(app.state.sferum.storage.root)
    # Every temporary file of this server (ours and the libraries') goes into the private folder.
    tempfile.tempdir = root
    os.environ["TMPDIR"] = root
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Страница sferum-policy: http://{shown}:{port}/ (остановить — Ctrl+C)", err=True)
    if host not in _LOOPBACK:
        click.echo(f"Внимание: адрес {host} доступен с других компьютеров сети; страница не требует пароля.", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
