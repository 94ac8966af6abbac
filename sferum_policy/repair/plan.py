"""Which edits a repair applies: chosen by applicability, and overlapping ones resolved deterministically.

Every finding of a fixable rule carries its :class:`report.Edit`. ``plan`` keeps the safe ones (and the
unsafe ones when asked), merges identical edits two checks proposed for one place (a Cyrillic look-alike
and a misspelt official address give the same corrected address), and resolves overlaps: **the edit that
starts first wins; at the same start the longer span; at the same span the safe one, then the lower rule
code**; new paragraphs after a paragraph conflict with nothing (they follow each other in order). The loser
is reported as not applied, with the code of the edit that won. No edit is split or
merged with a different one, so no edit ever touches text outside its own finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..report import Edit, Finding

SAFE, UNSAFE = "safe", "unsafe"


@dataclass(slots=True)
class Planned:
    """An edit chosen for applying, with the findings it repairs (two checks may propose the same edit)."""

    edit: Edit
    findings: list[Finding]

    @property
    def finding(self) -> Finding:
        return self.findings[0]


@dataclass(slots=True)
class Skipped:
    """A fixable finding whose edit is not applied, and why (``reason``: unsafe | overlap | refused)."""

    finding: Finding
    reason: str
    detail: str = ""


@dataclass(slots=True)
class Plan:
    apply: list[Planned] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _overlaps(a: Edit, b: Edit) -> bool:
    if _pure_insert(a) or _pure_insert(b):
        return False  # new paragraphs after a paragraph touch no text: nothing conflicts with them
    return any(_meet(x, y) for x in a.spans() for y in b.spans())


def _meet(x: tuple[int, int], y: tuple[int, int]) -> bool:
    if x[0] == x[1] or y[0] == y[1]:  # an insertion conflicts with anything at or around its point
        return x[0] <= y[1] and y[0] <= x[1]
    return x[0] < y[1] and y[0] < x[1]


def _pure_insert(e: Edit) -> bool:
    return e.start == e.end and not e.replacement and bool(e.paragraphs)


def _order(f: Finding) -> tuple:
    e = f.edit
    assert e is not None
    return (e.start, -(e.end - e.start), e.applicability != SAFE, f.code, e.replacement)


def plan(findings: list[Finding], *, unsafe: bool = False) -> Plan:
    """Choose the edits to apply among ``findings`` (see the module's docstring for the rule)."""
    out = Plan()
    fixable = sorted((f for f in findings if f.edit is not None), key=_order)
    for f in fixable:
        e = f.edit
        assert e is not None
        if e.applicability == UNSAFE and not unsafe:
            out.skipped.append(Skipped(f, "unsafe"))
            continue
        same = next((p for p in out.apply if (p.edit.spans(), p.edit.replacement, p.edit.paragraphs)
                     == (e.spans(), e.replacement, e.paragraphs)), None)
        if same is not None:
            same.findings.append(f)
            continue
        winner = next((p for p in out.apply if _overlaps(p.edit, e)), None)
        if winner is not None:
            out.skipped.append(Skipped(f, "overlap", winner.finding.code))
            continue
        out.apply.append(Planned(e, [f]))
    return out
