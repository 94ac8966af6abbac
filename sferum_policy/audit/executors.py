"""Where the documents are checked: in this process (``--jobs 1``), in warm worker processes, or on Dask.

Every executor takes tasks ``(name, path, data)`` and yields worker results (plain dicts) as they
finish; closing the generator early (Ctrl-C) cancels what has not started.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import worker

Task = tuple[str, str | None, bytes | None]


def chunks(tasks: list[Task], jobs: int, most: int = 8) -> list[list[Task]]:
    """Split ``tasks`` into chunks: about eight per worker, at most ``most`` documents each."""
    if not tasks:
        return []
    size = max(1, min(most, math.ceil(len(tasks) / (jobs * 8))))
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


def inline(tasks: list[Task], *, as_of: date, formats: tuple[str, ...], clauses_dir: str | None,
           refs_dir: str | None) -> Iterator[dict[str, Any]]:
    """Check in this process, one document after another.

    This process keeps every result until the summary is written, so it is not put under the
    per-document address-space bound; the XML limits derived from the ceiling still apply.
    """
    worker.init(clauses_dir, refs_dir, ignore_sigint=False, memory_limit=False)
    for name, path, data in tasks:
        yield worker.check_one(name, path, data, as_of, formats, clauses_dir, refs_dir)


def processes(tasks: list[Task], *, jobs: int, as_of: date, formats: tuple[str, ...], clauses_dir: str | None,
              refs_dir: str | None) -> Iterator[dict[str, Any]]:
    """Check in ``jobs`` warm worker processes (the initializer loads the library and NLP once each)."""
    ex = ProcessPoolExecutor(max_workers=jobs, initializer=worker.init, initargs=(clauses_dir, refs_dir))
    try:
        pending = {ex.submit(worker.check_chunk, c, as_of, formats, clauses_dir, refs_dir) for c in chunks(tasks, jobs)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()
    except BaseException:  # Ctrl-C or the consumer gave up: stop the workers now, not after their chunks
        for proc in list((getattr(ex, "_processes", None) or {}).values()):
            proc.terminate()
        ex.shutdown(wait=True, cancel_futures=True)
        raise
    ex.shutdown(wait=True)


def dask(tasks: list[Task], *, address: str, as_of: date, formats: tuple[str, ...], clauses_dir: str | None,
         refs_dir: str | None) -> Iterator[dict[str, Any]]:
    """Send the documents' bytes to a Dask cluster (``distributed.Client(address)``) and gather as completed."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask-scheduler: не установлен dask.distributed; установите дополнение: "
                         "pip install 'sferum-policy[dask]'") from None
    try:
        client = Client(address, timeout="15s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"{address}: не удалось подключиться к планировщику Dask ({exc})") from None
    futures = []
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        with_bytes = [(name, None, data if data is not None else Path(path).read_bytes())  # type: ignore[arg-type]
                      for name, path, data in tasks]
        parts = chunks(with_bytes, workers)
        futures = client.map(worker.check_chunk, parts, as_of=as_of, formats=formats, clauses_dir=clauses_dir,
                             refs_dir=refs_dir, pure=False)
        for fut in as_completed(futures, loop=client.loop):
            yield from fut.result()
    finally:
        for fut in futures:
            if not fut.done():
                fut.cancel()
        client.close()
