"""Memory bounds of a process that reads and checks documents.

Every process that reads a document someone else sent (a web page worker, an audit worker, the
``check`` command itself, a Dask task) runs under a memory ceiling, ``SFERUM_MEMORY_LIMIT_MB``
(1536 MB by default; 0 turns it off). Two things follow from the ceiling:

* the limit on unpacked XML: lxml needs about :data:`XML_RAM_FACTOR` bytes of RAM per byte of XML
  (measured on a 294 MB ``document.xml``: ~6 GB), and the document built from the tree needs as
  much again, so a DOCX or ODT whose XML parts are larger than ``(ceiling − reserve) / (20 × 2)``
  (32 MB at 1536 MB) is refused before parsing, with a message naming the part;
* the address-space limit of the process (``RLIMIT_AS``, soft limit only): whatever still grows past
  the ceiling gets a ``MemoryError`` (or lxml's «no memory» error) and becomes one Russian line
  (:func:`out_of_memory_message`) instead of the machine swapping.

Child programs (LibreOffice) get their limit lifted again (:func:`lift_in_child`): they are
bounded by their own timeouts and are not ours to size.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

MB = 1024 * 1024
DEFAULT_LIMIT = 1536 * MB
XML_RAM_FACTOR = 20  # bytes of RAM per byte of XML while lxml parses it (python-docx settings)
HEADROOM = 2  # the parsed tree and the document built from it are alive together
RESERVE = 256 * MB  # the warm library (~90 MB resident, ~220 MB mapped) and room for the report
_MIN_XML = 8 * MB
_ENV = "SFERUM_MEMORY_LIMIT_MB"
_state: dict[str, int | None] = {}


def configured_limit() -> int | None:
    """The ceiling in bytes: set by :func:`configure`, else ``SFERUM_MEMORY_LIMIT_MB``, else 1536 MB; None = off."""
    if "limit" in _state:
        return _state["limit"]
    raw = os.environ.get(_ENV, "").strip().replace(",", ".")
    if not raw:
        return DEFAULT_LIMIT
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_LIMIT
    return int(value * MB) if value > 0 else None


def configure(limit: int | None) -> None:
    """Use ``limit`` bytes (None = no ceiling) in this process, whatever the environment says."""
    _state["limit"] = limit


def max_xml_bytes(limit: int | None = None) -> int | None:
    """The largest XML (one part, or all parts of a document together) the ceiling allows; None = no limit."""
    limit = configured_limit() if limit is None else limit
    if limit is None:
        return None
    return max(_MIN_XML, (limit - RESERVE) // (XML_RAM_FACTOR * HEADROOM))


def _vm_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def apply(limit: int | None = None) -> int | None:
    """Bound this process's address space; return the bound set (None where it cannot be set).

    A fresh worker maps ~220 MB, so the bound is the ceiling itself. A process that already maps
    more than half of it (a Dask worker with its threads) gets ``what it maps now + ceiling`` —
    the document may still take no more than the ceiling on top of it. Only the soft limit is
    lowered, never raised above the hard one.
    """
    limit = configured_limit() if limit is None else limit
    configure(limit)
    if limit is None:
        return None
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the XML limits still apply
        return None
    # OpenBLAS (numpy) maps a large buffer per thread at import and fails its import when it cannot;
    # the checks need no threaded linear algebra. Set before numpy is imported, a user's value wins.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    now = _vm_size()
    bound = limit if now is None or now < limit // 2 else now + limit
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        bound = min(bound, hard)
    if soft != resource.RLIM_INFINITY and soft <= bound:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    except (ValueError, OSError):
        return None
    _state["applied"] = bound
    return bound


@contextlib.contextmanager
def bounded(limit: int | None = None) -> Iterator[int | None]:
    """:func:`apply` for the length of a ``with`` block; the soft limit is put back afterwards.

    For work done in the caller's own process (the ``check`` command, which tests and other programs
    may also run in-process): the bound must not outlive the document, nor pass to programs the
    process starts later (a browser needs far more address space than a check).
    """
    try:
        import resource

        saved = resource.getrlimit(resource.RLIMIT_AS)
    except ImportError:
        saved = None
    had = dict(_state)
    try:
        yield apply(limit)
    finally:
        if saved is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, saved)
        _state.clear()
        _state.update(had)


def lift_in_child() -> None:
    """``preexec_fn`` of a child program: the soft address-space limit back to the hard one."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    except Exception:
        pass


def is_out_of_memory(exc: BaseException | None) -> bool:
    """A MemoryError, or lxml's «no memory» parser error (code 2), anywhere in the exception's chain."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, MemoryError):
            return True
        if type(exc).__name__ == "XMLSyntaxError" and getattr(exc, "code", None) == 2:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def megabytes(size: int) -> str:
    """``1536 МБ``, ``1,5 ГБ`` — a size for a Russian message."""
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} ГБ".replace(".", ",").replace(",0 ГБ", " ГБ")
    return f"{size / MB:.0f} МБ"


def out_of_memory_message(name: str) -> str:
    """One Russian line for a document that ran into the ceiling."""
    limit = _state.get("applied") or configured_limit()
    where = f" (предел — {megabytes(limit)} на проверку)" if limit else ""
    return (f"{name}: для проверки не хватило памяти{where}; документ слишком большой или небезопасен — "
            f"проверьте его по частям или пересохраните в Word")
