"""A stricter Jinja2 sandbox for templates a user writes in a profile (overrides, extra clauses).

Clause-library templates are trusted data; a profile is not. On top of Jinja's immutable sandbox
(no ``_private`` attributes, no mutation) this one removes the default globals (``range``,
``cycler``, ``lipsum`` …), rejects ``self``, ``import``, ``include``, ``extends``, macros and
blocks before rendering, bounds ``**`` and ``*`` and caps the output size. Every failure becomes
one Russian :class:`~sferum_policy.errors.DataError` line naming the file and field.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import DataError

MAX_SOURCE = 20_000  # characters of one user template
MAX_OUTPUT = 20_000  # characters one user template may produce
MAX_SEQUENCE = 10_000  # longest string or list ``*`` may build
MAX_POWER = 10**12  # largest result of ``**``

_FORBIDDEN_NAMES = frozenset({"self", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "caller",
                              "varargs", "kwargs", "super"})
_FORBIDDEN_NODES = ("Import", "FromImport", "Include", "Extends", "Macro", "CallBlock", "Block", "FilterBlock",
                    "ExprStmt", "AssignBlock", "Scope", "OverlayScope", "EvalContextModifier", "Call")
# Filters and tests that cannot blow up time or memory (``center``, ``indent``, ``format`` … can).
_FILTERS = frozenset({"cap", "upper", "lower", "capitalize", "title", "trim", "default", "d", "join", "length",
                      "count", "first", "last", "string", "truncate", "wordcount", "round", "int", "abs",
                      "sort", "unique", "reverse", "min", "max", "list"})
_TESTS = frozenset({"defined", "undefined", "none", "number", "string", "sequence", "mapping", "in", "eq", "ne",
                    "equalto", "odd", "even", "true", "false", "lower", "upper", "gt", "ge", "lt", "le"})


class _LimitError(Exception):
    """A user template exceeded a size limit of the sandbox."""


@lru_cache(maxsize=1)
def user_environment():
    """The sandboxed environment for a profile's templates (built once)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from ..library.templating import cap

    class _UserSandbox(ImmutableSandboxedEnvironment):
        """Immutable sandbox with bounded ``**`` and ``*``."""

        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if not isinstance(left, int | float) or not isinstance(right, int | float) or abs(right) > 64:
                    raise _LimitError("слишком большая степень")
                result = left**right
                if abs(result) > MAX_POWER:
                    raise _LimitError("слишком большое число")
                return result
            if isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple):
                count = right if isinstance(right, int) else left
                seq = left if isinstance(right, int) else right
                if not isinstance(count, int) or len(seq) * max(count, 0) > MAX_SEQUENCE:
                    raise _LimitError("слишком длинная строка или список")
            return left * right

    env = _UserSandbox(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.globals.clear()
    env.filters["cap"] = cap
    return env


def _reject_internals(source: str, where: str) -> Any:
    """Parse ``source`` and refuse constructs that reach the template machinery."""
    from jinja2 import TemplateSyntaxError, nodes

    env = user_environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise DataError(f"{where}: ошибка в шаблоне, строка {exc.lineno} ({exc.message})") from None
    for node in tree.find_all(nodes.Node):
        name = type(node).__name__
        if name in _FORBIDDEN_NODES:
            what = "вызов функции или метода" if name == "Call" else f"конструкцию {name}"
            raise DataError(f"{where}: в шаблоне профиля нельзя использовать {what} — "
                            "допустимы подстановки {{ … }}, фильтры, {% if %} и {% for %}")
        if isinstance(node, nodes.Filter) and node.name not in _FILTERS:
            raise DataError(f"{where}: фильтр «{node.name}» в шаблоне профиля недоступен")
        if isinstance(node, nodes.Test) and node.name not in _TESTS:
            raise DataError(f"{where}: проверка «{node.name}» в шаблоне профиля недоступна")
        if isinstance(node, nodes.For) and any(True for _ in node.find_all(nodes.For)):
            raise DataError(f"{where}: вложенные циклы {{% for %}} в шаблоне профиля недоступны")
        if isinstance(node, nodes.Name) and (node.name in _FORBIDDEN_NAMES or node.name.startswith("_")):
            raise DataError(f"{where}: шаблон обращается к недоступным данным («{node.name}»)")
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(attr, str) and attr.startswith("_"):
                raise DataError(f"{where}: шаблон обращается к недоступным данным («{attr}»)")
    return tree


def render_user_template(source: str, ctx: dict[str, Any], where: str) -> str:
    """Render a user's template in the strict sandbox; whitespace is collapsed as in the library."""
    from jinja2 import TemplateError

    if len(source) > MAX_SOURCE:
        raise DataError(f"{where}: шаблон слишком длинный (больше {MAX_SOURCE} символов)")
    _reject_internals(source, where)
    env = user_environment()
    try:
        template = env.from_string(source)
        parts: list[str] = []
        size = 0
        for chunk in template.generate(ctx):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise DataError(f"{where}: шаблон выдает слишком длинный текст (больше {MAX_OUTPUT} символов)")
            parts.append(chunk)
    except DataError:
        raise
    except _LimitError as exc:
        raise DataError(f"{where}: шаблон превышает ограничения ({exc})") from None
    except TemplateError as exc:
        kind = type(exc).__name__
        if kind == "SecurityError":
            raise DataError(f"{where}: шаблон обращается к недоступным данным ({exc})") from None
        if kind == "UndefinedError":
            raise DataError(f"{where}: в шаблоне неизвестная переменная ({exc.message})") from None
        raise DataError(f"{where}: ошибка в шаблоне ({exc.message})") from None
    except (OverflowError, MemoryError, RecursionError):
        raise DataError(f"{where}: шаблон требует слишком много памяти или вычислений") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise DataError(f"{where}: ошибка в шаблоне ({type(exc).__name__}: {exc})") from None
    return " ".join("".join(parts).split())
