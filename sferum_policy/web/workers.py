"""Worker processes that read and check documents, each task under a time limit.

Every worker is a separate ``spawn`` process (nothing of the server's threads is inherited) that
bounds its own memory (:func:`sferum_policy.memory.apply`: the address-space limit, and the XML
limits that follow from it), loads the library once and then waits for tasks on a pipe. A document
that runs into the ceiling is reported as one Russian line; a worker whose peak memory passed half
its ceiling leaves after answering and the next task gets a fresh one. A task that runs past its time limit
gets its worker killed (the hang or the memory it held goes with it); the next task starts a new
worker. Workers keep their temporary files in the server's private folder.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
from typing import Any

READY_TIMEOUT = 300.0  # loading the library and the language data in a fresh worker


class TaskTimeout(Exception):
    """The task ran past its time limit; its worker was stopped."""


class WorkerFailed(Exception):
    """The worker died or failed while running the task (a bug or an out-of-memory kill)."""


class OutOfMemory(WorkerFailed):
    """The task ran into the worker's memory ceiling outside the check itself."""


class _Worker:
    def __init__(self, tmpdir: str, settings: dict[str, Any]) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, tmpdir, settings), daemon=True,
                                   name="sferum-policy-worker")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(READY_TIMEOUT):
            self.kill()
            raise WorkerFailed("рабочий процесс не запустился")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise WorkerFailed("рабочий процесс завершился при запуске") from None
        if msg != ("ready", None):
            self.kill()
            raise WorkerFailed(f"рабочий процесс не запустился: {msg[1]}")
        self.ready = True

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """Up to ``size`` warm worker processes; :meth:`call` runs one task with a time limit."""

    def __init__(self, size: int, tmpdir: str, **settings: Any) -> None:
        self.size = max(1, size)
        self.tmpdir = tmpdir
        self.settings = settings
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.size)
        self._closed = False

    def call(self, task: str, args: tuple, timeout: float) -> Any:
        """Run ``task`` (a name from :data:`sferum_policy.web.tasks.TASKS`) in a worker."""
        with self._slots:
            worker = self._take()
            try:
                worker.wait_ready()
                worker.conn.send((task, args))
                if not worker.conn.poll(timeout):
                    raise TaskTimeout(task)
                status, value, leaving = worker.conn.recv()
            except TaskTimeout:
                self._drop(worker)
                raise
            except (EOFError, OSError, BrokenPipeError):
                self._drop(worker)
                raise WorkerFailed("рабочий процесс аварийно завершился") from None
            except WorkerFailed:
                self._drop(worker)
                raise
            if leaving:
                self._drop(worker)
            else:
                self._give_back(worker)
        if status == "memory":
            raise OutOfMemory(value)
        if status != "ok":
            raise WorkerFailed(value)
        return value

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkerFailed("сервер останавливается")
            while self._idle:
                w = self._idle.pop()
                if w.process.is_alive():
                    return w
                self._all.discard(w)
            w = _Worker(self.tmpdir, self.settings)
            self._all.add(w)
            return w

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
            else:
                self._idle.append(worker)

    def _drop(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        """Stop every worker (server shutdown)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
        for w in workers:
            with contextlib.suppress(Exception):
                w.conn.send(None)
            w.kill()


def _serve(conn, tmpdir: str, settings: dict[str, Any]) -> None:
    """The worker's loop: warm up, then run tasks until told to stop."""
    import signal
    import tempfile

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    os.environ["TMPDIR"] = tmpdir
    tempfile.tempdir = tmpdir
    from .. import memory

    limit = settings.get("memory_limit", True)
    if limit is None:
        memory.configure(None)
    else:
        memory.apply(None if limit is True else limit)
    try:
        from .tasks import TASKS, warm_up

        warm_up(settings)
        conn.send(("ready", None))
    except Exception as exc:  # reported to the server as one line
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        name, args = msg
        try:
            reply: tuple[str, Any] = ("ok", TASKS[name](settings, *args))
        except Exception as exc:
            reply = ("memory", "не хватило памяти") if memory.is_out_of_memory(exc) else \
                ("error", f"{type(exc).__name__}: {exc}")
        leaving = _grown(limit)  # a worker that once held much memory is replaced by a fresh one
        try:
            conn.send((*reply, leaving))
        except MemoryError:
            conn.send(("memory", "не хватило памяти", True))
            return
        if leaving:
            return


def _grown(limit: Any) -> bool:
    """Did this worker's peak resident memory pass half of its ceiling?"""
    from ..memory import configured_limit

    ceiling = configured_limit() if limit is True else limit
    if not ceiling:
        return False
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            peak = next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        return False
    return peak > ceiling // 2
