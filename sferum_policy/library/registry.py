"""The registry of legal acts that Сферум acts cite, with status, dates, sources and confidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import DataError
from ..yamlio import _Located, load_yaml, validate
from .acts import ActKind, ActStatus, LegalAct, normalize_number


class RegistryMeta(BaseModel):
    """``_registry.yaml``: how fresh a registry directory is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_date: dt.date = Field(description="the day the statuses were last checked against sources as a whole")
    stale_after_days: int = Field(default=180, ge=1, description="after this many days past data_date, warn")
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RegistryLayer:
    """One directory the registry was built from: the bundled data or a user's overlay."""

    directory: Path
    overlay: bool
    data_date: dt.date | None
    acts: int
    overridden: tuple[str, ...] = ()


class Registry:
    """All legal acts, with lookups by id, by number and date, and by short name."""

    def __init__(self, acts: list[LegalAct], directory: Path | None = None, meta: RegistryMeta | None = None,
                 layers: tuple[RegistryLayer, ...] = ()) -> None:
        self.acts = sorted(acts, key=lambda a: (a.kind.value, a.date or dt.date.min, a.id))
        self.directory = directory
        self.meta = meta
        self.layers = layers
        self._by_id = {a.id: a for a in self.acts}
        self._by_number: dict[str, list[LegalAct]] = {}
        for act in self.acts:
            for num in (act.number, *act.alt_numbers):
                if num:
                    self._by_number.setdefault(normalize_number(num), []).append(act)

    def __iter__(self) -> Iterator[LegalAct]:
        return iter(self.acts)

    @property
    def data_date(self) -> dt.date | None:
        """The registry's data date: the bundled (base) directory's ``_registry.yaml``."""
        return self.meta.data_date if self.meta else None

    def stale_on(self, as_of: dt.date) -> bool:
        """True if ``as_of`` is so far past the data date that statuses may have changed since."""
        if self.meta is None:
            return False
        return (as_of - self.meta.data_date).days > self.meta.stale_after_days

    def expiring(self, as_of: dt.date, within_days: int) -> list[LegalAct]:
        """Acts held in force whose end date falls in ``(as_of, as_of + within_days]``."""
        end = as_of + dt.timedelta(days=within_days)
        return sorted(
            (a for a in self.acts if a.status == ActStatus.in_force and a.effective_until is not None
             and as_of < a.effective_until <= end),
            key=lambda a: (a.effective_until, a.id),
        )

    def __len__(self) -> int:
        return len(self.acts)

    def __contains__(self, act_id: object) -> bool:
        return act_id in self._by_id

    def get(self, act_id: str) -> LegalAct | None:
        return self._by_id.get(act_id)

    def by_number(self, number: str) -> list[LegalAct]:
        return list(self._by_number.get(normalize_number(number), []))

    def lookup(self, number: str | None = None, date: dt.date | None = None, kind: ActKind | str | None = None) -> LegalAct | None:
        """Find the act with ``number`` (any spelling) and, when given, ``date`` and ``kind``.

        With a number but a date that matches no candidate, the single candidate is still returned
        (a mismatch the caller judges); ``None`` when nothing fits.
        """
        if not number:
            return None
        candidates = self.by_number(number)
        if kind is not None:
            candidates = [a for a in candidates if a.kind == ActKind(kind)] or candidates
        if date is not None:
            exact = [a for a in candidates if a.date == date]
            if exact:
                return exact[0]
        return candidates[0] if len(candidates) == 1 else None

    def search(self, text: str) -> list[LegalAct]:
        """Acts whose id, number, title or short name contains ``text`` (case-insensitive)."""
        q = text.lower().strip()
        nq = normalize_number(text)
        out = []
        for act in self.acts:
            hay = [act.id, act.title.lower(), *(s.lower() for s in act.short_names)]
            if any(q in h for h in hay) or (act.number and nq and nq == normalize_number(act.number)):
                out.append(act)
        return out


META_FILE = "_registry.yaml"
ENV_OVERLAYS = "SFERUM_POLICY_REFS"


def _read_meta(root: Path) -> RegistryMeta | None:
    path = root / META_FILE
    if not path.is_file():
        return None
    data, located = load_yaml(path)
    return validate(RegistryMeta, data, path, located)


def _items(path: Path) -> Iterator[tuple[dict | object, _Located, tuple]]:
    data, located = load_yaml(path)
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        yield item, located, ((i,) if isinstance(data, list) else ())


def _yaml_files(root: Path, what: str) -> list[Path]:
    if not root.is_dir():
        raise DataError(f"{root}: {what} не найден")
    return [p for p in sorted(root.glob("*.yaml")) if not p.name.startswith("_")]


def load_registry(directory: str | Path | None = None, overlays: Iterable[str | Path] = ()) -> Registry:
    """Load and validate every ``*.yaml`` act of ``directory`` (default: the bundled registry).

    Each of ``overlays`` is a user's directory laid over it, validated the same way: a new id adds an
    act; an existing id is an error unless the item says ``override: true``, and then the fields it
    gives replace the bundled act's (a regional office can record a status without copying the act).
    """
    from ..resources import data_dir

    root = Path(directory) if directory is not None else data_dir("legal_refs")
    acts: dict[str, LegalAct] = {}
    seen: dict[str, Path] = {}
    for path in _yaml_files(root, "каталог реестра нормативных актов"):
        for item, located, base in _items(path):
            act = validate(LegalAct, item, path, located, base)
            if act.id in seen:
                raise DataError(f"{path}: идентификатор акта {act.id} уже есть в {seen[act.id]}")
            seen[act.id] = path
            acts[act.id] = act
    if not acts:
        raise DataError(f"{root}: в каталоге нет ни одного акта (*.yaml)")
    meta = _read_meta(root)
    layers = [RegistryLayer(root, False, meta.data_date if meta else None, len(acts))]
    for extra in overlays:
        layers.append(_overlay(Path(extra), acts, seen))
    registry = Registry(list(acts.values()), root, meta, tuple(layers))
    for act in registry:
        for ref in (*act.replaced_by, *act.amended_by):
            if ref not in registry:
                raise DataError(f"{seen[act.id]}: акт {act.id} ссылается на неизвестный акт {ref}")
    return registry


def _overlay(root: Path, acts: dict[str, LegalAct], seen: dict[str, Path]) -> RegistryLayer:
    """Lay the acts of a user's directory over ``acts`` (in place); return what it contributed."""
    own: set[str] = set()
    overridden: list[str] = []
    files = _yaml_files(root, "каталог дополнений к реестру")
    for path in files:
        for item, located, base in _items(path):
            if not isinstance(item, dict):
                validate(LegalAct, item, path, located, base)  # raises the usual one-line error
                continue
            item = dict(item)
            override = item.pop("override", False)
            act_id = item.get("id")
            if not act_id:
                raise DataError(f"{path}:{located.line_of(base) or 1}: нет поля «id» — укажите идентификатор акта")
            if override is not True and override is not False:
                raise DataError(f"{path}:{located.line_of((*base, 'override'))}: поле «override»: нужно true или false")
            if act_id in own:
                raise DataError(f"{path}: идентификатор акта {act_id} уже есть в {seen[act_id]}")
            if act_id in acts and not override:
                raise DataError(
                    f"{path}: акт {act_id} уже есть в реестре ({seen[act_id]}); чтобы заменить его сведения, "
                    "добавьте «override: true», иначе выберите другой идентификатор"
                )
            if override:
                if act_id not in acts:
                    raise DataError(f"{path}: «override: true», но акта {act_id} в реестре нет — уберите override")
                merged = acts[act_id].model_dump(mode="json")
                merged.update(item)
                overridden.append(act_id)
                try:
                    act = validate(LegalAct, merged, path, located, base)
                except DataError as exc:
                    raise DataError(f"{exc} (после наложения на встроенный акт {act_id} из {seen[act_id].name}: "
                                    "проверьте и его поля)") from None
            else:
                act = validate(LegalAct, item, path, located, base)
            acts[act.id] = act
            seen[act.id] = path
            own.add(act.id)
    meta = _read_meta(root)
    return RegistryLayer(root, True, meta.data_date if meta else None, len(own), tuple(overridden))


def overlay_dirs(refs_dir: str | Path | None = None) -> list[str]:
    """The user's overlay directories: ``refs_dir`` if given, else ``$SFERUM_POLICY_REFS`` (``os.pathsep``-separated)."""
    import os

    if refs_dir:
        return [str(refs_dir)]
    dirs = [p for p in os.environ.get(ENV_OVERLAYS, "").split(os.pathsep) if p.strip()]
    for d in dirs:
        if not Path(d).is_dir():
            raise DataError(f"{d}: каталог дополнений к реестру из переменной {ENV_OVERLAYS} не найден")
    return dirs


def registry_for(refs_dir: str | Path | None = None) -> Registry:
    """The bundled registry with the user's overlays (``--refs`` or the environment variable) laid over it."""
    return load_registry(None, overlay_dirs(refs_dir))
