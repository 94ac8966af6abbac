"""The rule catalogue: every ``<family>/<CODE>.yaml`` beside this file, validated on load.

Errors name the file, the line and the field, in the same words as the clause library and the
registry (``file:line: поле «…»: …``); the CLI prints them and exits with code 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..yamlio import load_yaml, validate
from .model import Retired, RetiredFile, Rule

ROOT = Path(__file__).resolve().parent
RETIRED_FILE = "retired.yaml"


@dataclass(frozen=True)
class Catalogue:
    """Rules by code (in code order), retired codes with their redirects, and the families' folders."""

    rules: dict[str, Rule]
    retired: dict[str, Retired] = field(default_factory=dict)
    directory: Path | None = None

    def family(self, family: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules.values() if r.family == family)

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(sorted({r.family for r in self.rules.values()}))


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _load_retired(root: Path) -> tuple[dict[str, Retired], dict[str, str]]:
    path = root / RETIRED_FILE
    if not path.is_file():
        return {}, {}
    data, located = load_yaml(path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise DataError(f"{path}: ожидается словарь с полем retired (список выведенных кодов)")
    parsed = validate(RetiredFile, data, path, located)
    out: dict[str, Retired] = {}
    where: dict[str, str] = {}
    for i, item in enumerate(parsed.retired):
        here = _where(path, located.line_of(("retired", i, "code")))
        if item.code in out:
            raise DataError(f"{here}: поле «retired.{i}.code»: код {item.code} уже указан в этом списке")
        out[item.code] = item
        where[item.code] = here
    return out, where


def load_catalogue(directory: str | Path | None = None) -> Catalogue:
    """Load and validate every rule file under ``directory`` (default: the bundled catalogue)."""
    root = Path(directory) if directory is not None else ROOT
    if not root.is_dir():
        raise DataError(f"{root}: каталог правил не найден")
    retired, retired_at = _load_retired(root)
    rules: dict[str, Rule] = {}
    seen: dict[str, Path] = {}
    names: dict[str, Path] = {}
    for path in sorted(root.glob("*/*.yaml")):
        data, located = load_yaml(path)
        if not isinstance(data, dict):
            raise DataError(f"{path}: ожидается словарь с полями правила (code, name, category …)")
        if "family" in data:
            line = located.line_of(("family",))
            raise DataError(f"{_where(path, line)}: поле «family»: неизвестное поле (семейство — это имя папки)")
        data["family"] = path.parent.name
        r = validate(Rule, data, path, located)
        here = _where(path, located.line_of(("code",)))
        if r.code != path.stem:
            raise DataError(f"{here}: поле «code»: код {r.code} не совпадает с именем файла {path.name}")
        if r.code in seen:
            raise DataError(f"{here}: поле «code»: код {r.code} уже объявлен в {seen[r.code]}")
        if r.code in retired:
            raise DataError(f"{here}: поле «code»: код {r.code} выведен из употребления ({retired_at[r.code]}) "
                            "и не может быть занят снова; дайте правилу новый код")
        if r.status == "retired":
            raise DataError(f"{_where(path, located.line_of(('status',)))}: поле «status»: выведенное правило "
                            f"удаляется из каталога, а его код записывается в {RETIRED_FILE}")
        if r.name in names:
            raise DataError(f"{_where(path, located.line_of(('name',)))}: поле «name»: имя {r.name} уже занято "
                            f"правилом из {names[r.name]}")
        seen[r.code] = path
        names[r.name] = path
        rules[r.code] = r
    if not rules:
        raise DataError(f"{root}: в каталоге нет ни одного правила (<семейство>/<код>.yaml)")
    for code, item in retired.items():
        if item.redirect is not None and item.redirect not in rules:
            raise DataError(f"{retired_at[code]}: поле «redirect»: правила {item.redirect} нет в каталоге")
    return Catalogue(dict(sorted(rules.items())), retired, root)


_CACHE: dict[Path, Catalogue] = {}


def load_rules(directory: str | Path | None = None) -> Catalogue:
    """The catalogue of ``directory`` (default: the bundled one), loaded once per process."""
    root = Path(directory).resolve() if directory is not None else ROOT
    cat = _CACHE.get(root)
    if cat is None:
        cat = _CACHE[root] = load_catalogue(root)
    return cat
