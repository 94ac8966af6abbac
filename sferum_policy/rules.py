"""Rules: stable codes with their documentation and examples (the ruff / LanguageTool idea).

Each check module declares its rules with :func:`rule`; ``docs/rules.md`` is generated from them
and one test runs every rule's examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocab import Category, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A finding code and everything a user needs to understand it (all texts in Russian).

    ``bad`` is a text on which the rule must fire; ``good`` one on which it must not. Examples are
    checked with ``check(text)`` — the whole pipeline — so they are small acts or fragments.
    """

    code: str
    name: str
    category: Category
    severity: Severity
    title: str
    why: str
    fix: str
    bad: str | None = None
    good: str | None = None
    basis: tuple[str, ...] = ()
    status: str = "stable"  # stable | preview | deprecated
    example_options: dict = field(default_factory=dict)


RULES: dict[str, Rule] = {}


def rule(**kwargs) -> Rule:
    """Create and register a rule; a code may be registered once only."""
    r = Rule(**kwargs)
    if r.code in RULES and RULES[r.code] != r:
        raise ValueError(f"rule code {r.code} registered twice")
    RULES[r.code] = r
    return r


def select_codes(codes: list[str] | None, select: list[str] | None, ignore: list[str] | None) -> set[str]:
    """Resolve ``--select``/``--ignore`` prefixes (``LR``, ``TY001``, ``ALL``) against known codes."""
    known = set(codes if codes is not None else RULES)

    def expand(prefixes: list[str]) -> set[str]:
        out: set[str] = set()
        for p in prefixes:
            p = p.strip().upper()
            if not p:
                continue
            out |= known if p == "ALL" else {c for c in known if c.startswith(p)}
        return out

    chosen = expand(select) if select else set(known)
    return chosen - expand(ignore or [])
