"""Upload and processing limits of the web page, shared with the hostile-input tests.

Defaults suit a school or a district office; every value can be changed by ``sferum-policy serve``
options or by environment variables ``SFERUM_WEB_<NAME>`` (sizes in megabytes, times in seconds).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What the web page accepts; sizes in bytes, times in seconds."""

    max_document: int = 20 * MB  # one uploaded act (the readers' own limit is 20 MB too)
    max_zip: int = 100 * MB  # one uploaded archive for the audit
    max_unpacked: int = 500 * MB  # everything inside one archive after decompression
    max_ratio: int = 100  # unpacked / packed size of one archive member (zip bombs reach thousands)
    max_members: int = 2000  # files in one archive
    max_profile: int = 256 * 1024  # an uploaded profile YAML
    max_form_field: int = 64 * 1024  # one text field of a form
    max_fields: int = 200  # fields in one form
    check_timeout: float = 120.0  # one document: read, check and render in a worker process
    result_ttl: float = 3600.0  # how long results stay downloadable
    workers: int = 2  # worker processes that check documents
    max_memory: int = 1536 * MB  # address space of one worker; the XML limits follow (sferum_policy.memory)
    max_results: int = 200  # results kept at once (the oldest finished ones go first)
    max_storage: int = 512 * MB  # their total size on disk

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: float | int | None) -> Limits:
        """Defaults, then ``SFERUM_WEB_*`` variables, then explicit ``overrides`` (None = keep)."""
        env = os.environ if env is None else env
        values: dict[str, float | int] = {}
        for f in fields(cls):
            raw = env.get(f"SFERUM_WEB_{f.name.upper()}")
            if raw:
                values[f.name] = _parse(f.name, raw)
        limits = replace(cls(), **values)
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(limits, **given)


_SIZES = {"max_document", "max_zip", "max_unpacked", "max_profile", "max_memory", "max_storage"}


def _parse(name: str, raw: str) -> float | int:
    """``SFERUM_WEB_MAX_DOCUMENT=30`` means 30 MB; times are seconds; counts are integers."""
    from ..errors import InputError

    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise InputError(f"SFERUM_WEB_{name.upper()}: «{raw}» — не число") from None
    if value <= 0:
        raise InputError(f"SFERUM_WEB_{name.upper()}: значение должно быть больше нуля")
    if name in _SIZES:
        return int(value * MB)
    if name in ("check_timeout", "result_ttl"):
        return value
    return int(value)


def megabytes(size: int) -> str:
    """``20 МБ``, ``0,3 МБ`` — a size for a Russian message."""
    mb = size / MB
    return f"{mb:.0f} МБ" if mb >= 1 else f"{mb:.1f} МБ".replace(".", ",")


def duration(seconds: float) -> str:
    """``1 час``, ``2 часа``, ``30 минут``, ``45 секунд`` — a time span for a Russian sentence."""
    from ..ru import plural

    if seconds >= 3600 and seconds % 3600 < 60:
        return plural(round(seconds / 3600), "час", "часа", "часов")
    if seconds >= 60:
        return plural(round(seconds / 60), "минуту", "минуты", "минут")
    return plural(round(seconds), "секунду", "секунды", "секунд")
