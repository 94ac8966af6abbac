"""YAML loading that remembers line numbers, and pydantic errors turned into one Russian line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError

M = TypeVar("M", bound=BaseModel)

Loc = tuple[str | int, ...]


class _Located:
    """Python data built from a YAML node tree, with the line of every path."""

    def __init__(self, loader: yaml.SafeLoader | None = None) -> None:
        self.lines: dict[Loc, int] = {}
        self._loader = loader

    def build(self, node: yaml.Node, loc: Loc = ()) -> Any:
        self.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if key_node.tag == "tag:yaml.org,2002:str" else self._scalar(key_node)
                out[key] = self.build(value_node, (*loc, key))
                self.lines.setdefault((*loc, key), key_node.start_mark.line + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        if self._loader is None:
            return yaml.safe_load(yaml.serialize(node))
        return self._loader.construct_object(node, deep=True)

    def line_of(self, loc: Loc) -> int | None:
        """Return the line of the deepest known prefix of ``loc``."""
        for n in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:n]))
            if line is not None:
                return line
        return None


def load_yaml(path: Path) -> tuple[Any, _Located]:
    """Parse ``path``; raise :class:`DataError` with file and line on a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path}: файл не в кодировке UTF-8") from None
    except OSError as exc:
        raise DataError(f"{path}: не удалось прочитать файл ({exc.strerror})") from None
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        located = _Located(loader)
        if node is None:
            return None, located
        return located.build(node), located
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "ошибка синтаксиса"
        raise DataError(f"{path}{where}: ошибка синтаксиса YAML ({problem})") from None
    finally:
        loader.dispose()


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MESSAGES = {
    "missing": "обязательное поле не заполнено",
    "extra_forbidden": "неизвестное поле",
    "enum": "недопустимое значение",
    "literal_error": "недопустимое значение",
    "string_type": "ожидается строка",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "bool_type": "ожидается да/нет (true/false)",
    "bool_parsing": "ожидается да/нет (true/false)",
    "list_type": "ожидается список",
    "dict_type": "ожидается словарь (ключ: значение)",
    "model_type": "ожидается словарь (ключ: значение)",
    "date_type": "ожидается дата в виде ГГГГ-ММ-ДД",
    "date_parsing": "ожидается дата в виде ГГГГ-ММ-ДД",
    "date_from_datetime_parsing": "ожидается дата в виде ГГГГ-ММ-ДД",
    "string_pattern_mismatch": "значение не соответствует формату",
    "string_too_short": "значение слишком короткое",
    "too_short": "список слишком короткий",
    "url_parsing": "ожидается адрес",
}


def describe_error(err: dict[str, Any]) -> str:
    """Return a Russian description of one pydantic error."""
    kind = err.get("type", "")
    if kind == "value_error":
        msg = str(err.get("ctx", {}).get("error", err.get("msg", "")))
        return msg
    if kind in ("enum", "literal_error"):
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " или ")
        return f"недопустимое значение {err.get('input')!r}; допустимо: {expected}"
    return _MESSAGES.get(kind, err.get("msg", "ошибка проверки"))


def field_path(loc: Loc) -> str:
    return ".".join(str(p) for p in loc) or "(корень)"


def validate(model: type[M], data: Any, path: Path, located: _Located | None = None, base: Loc = ()) -> M:
    """Validate ``data`` as ``model``; raise one Russian line naming file, line and field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = (*base, *err["loc"])
        line = located.line_of(loc) if located else None
        where = f"{path}:{line}" if line else str(path)
        raise DataError(f"{where}: поле «{field_path(err['loc'])}»: {describe_error(err)}") from None
