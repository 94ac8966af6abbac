"""Rules: stable codes with their documentation and examples, kept as data (the ruff / Vale idea).

Each rule is one YAML file ``rules/<family>/<CODE>.yaml`` (the family is the check module of
``checks/`` that finds it); :mod:`.catalogue` loads and validates them. :data:`RULES` reads the
catalogue on first use, so renderers, SARIF and ``docs`` need no check module imported.
``docs/rules.md`` is generated from the catalogue and one test runs every example.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Rule


class _Rules(Mapping[str, "Rule"]):
    """The bundled catalogue's rules by code, loaded on first access."""

    def _rules(self) -> dict[str, Rule]:
        from .catalogue import load_rules

        return load_rules().rules

    def __getitem__(self, code: str) -> Rule:
        return self._rules()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules())

    def __len__(self) -> int:
        return len(self._rules())

    def __contains__(self, code: object) -> bool:
        return code in self._rules()

    def __repr__(self) -> str:
        return f"RULES({len(self)} rules)"


RULES: Mapping[str, Rule] = _Rules()


def rules_of(family: str) -> tuple[Rule, ...]:
    """The rules whose files lie in ``rules/<family>/``, in code order."""
    from .catalogue import load_rules

    found = load_rules().family(family)
    if not found:
        from ..errors import DataError

        raise DataError(f"в каталоге правил нет папки семейства «{family}»")
    return found


def codes_of(family: str) -> tuple[str, ...]:
    """The codes ``family``'s detector reports (a check's ``codes``), in code order: its rules of kind
    ``code``; a data-only rule (``existence``, ``substitution``) is found by :mod:`..checks.data_kinds`."""
    return tuple(r.code for r in rules_of(family) if r.kind == "code")


def select_codes(codes: list[str] | None, select: list[str] | None, ignore: list[str] | None) -> set[str]:
    """Resolve ``--select``/``--ignore`` prefixes (``LR``, ``TY001``, ``ALL``) against known codes.

    A rule in ``preview`` (its ``status``) runs only when ``--select`` names its full code, as ruff's
    preview rules do: a new rule can be tried on real acts before every check gets it.
    """
    known = set(codes if codes is not None else RULES)
    named = {p.strip().upper() for p in select or []}
    preview = {c for c in known if c not in named and c in RULES and RULES[c].status == "preview"}

    def expand(prefixes: list[str]) -> set[str]:
        out: set[str] = set()
        for p in prefixes:
            p = p.strip().upper()
            if not p:
                continue
            out |= known if p == "ALL" else {c for c in known if c.startswith(p)}
        return out

    chosen = expand(select) if select else set(known)
    return chosen - expand(ignore or []) - preview


def __getattr__(name: str):
    if name == "Rule":
        from .model import Rule

        return Rule
    raise AttributeError(name)
