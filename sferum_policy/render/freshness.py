"""How fresh the legal registry is, in Russian: one place for the CLI, every report and the dashboard."""

from __future__ import annotations

from datetime import date

from ..report import RegistryInfo
from ..ru import plural


def freshness_lines(info: RegistryInfo | None, as_of: date) -> list[str]:
    """«Реестр нормативных актов: данные на …» and, when ``as_of`` is far past that date, a warning."""
    if info is None:
        return []
    head = "Реестр нормативных актов: "
    head += f"данные на {info.data_date:%d.%m.%Y}" if info.data_date else "дата данных не указана"
    for layer in info.overlays:
        changed = f", изменены: {', '.join(layer.overridden)}" if layer.overridden else ""
        when = f", данные на {layer.data_date:%d.%m.%Y}" if layer.data_date else ""
        head += f"; дополнения из {layer.directory} ({plural(layer.acts, 'акт', 'акта', 'актов')}{changed}{when})"
    lines = [head + "."]
    if info.stale and info.data_date:
        lines.append(
            f"Внимание: дата проверки {as_of:%d.%m.%Y} более чем на {info.stale_after_days} дн. позже даты данных "
            "реестра — статусы актов могли измениться. Обновите sferum-policy или сверьте акты на "
            "publication.pravo.gov.ru."
        )
    return lines


def registry_text(registry, as_of: date) -> str:
    """The same lines for a loaded registry (``info``, ``refs``)."""
    from ..pipeline import registry_info

    return "\n".join(freshness_lines(registry_info(registry, as_of), as_of))
