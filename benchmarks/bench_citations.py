"""Citation benchmark: recall, status accuracy and precision on labelled variants; speed on the samples."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "citations.yaml"
RECALL_BAR = 0.97
STATUS_BAR = 0.97


@dataclass
class CaseResult:
    """How one labelled case came out."""

    text: str
    form: str
    act: str | None
    status: str
    codes: list[str]
    found: bool = False
    got_status: str | None = None
    got_codes: list[str] = field(default_factory=list)

    @property
    def status_ok(self) -> bool:
        return self.found and self.got_status == self.status

    @property
    def codes_ok(self) -> bool:
        return self.found and set(self.codes) <= set(self.got_codes)


def load(path: Path = DATA) -> dict:
    """The labelled data: ``as_of``, ``cases`` and ``negatives``."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def evaluate_case(case: dict, registry, as_of: date) -> CaseResult:
    """Resolve a case's text and compare with its labels."""
    from sferum_policy.checks.legal_refs.resolve import resolve_text

    res = CaseResult(case["text"], str(case.get("form", "")), case.get("act"), case["status"], list(case.get("codes") or []))
    refs = [r for r in resolve_text(case["text"], registry, as_of) if r.status != "internal"]
    for r in refs:
        act_id = r.act.id if r.act else None
        if act_id == res.act:
            res.found = True
            res.got_status = r.status
            res.got_codes = [p.code for p in r.problems]
            break
    if not res.found and refs:
        res.got_status = refs[0].status
    return res


def negative_ok(text: str, registry, as_of: date) -> bool:
    """True if the text yields no citation of a legal act (internal orders are allowed)."""
    from sferum_policy.checks.legal_refs.resolve import resolve_text

    return all(r.status == "internal" for r in resolve_text(text, registry, as_of))


def _speed(registry, as_of: date) -> list[tuple[str, int, float]]:
    from sferum_policy.checks.legal_refs import judge
    from sferum_policy.readers import read

    rows = []
    for path in sorted((ROOT / "samples" / "acts").glob("0*.txt")):
        doc = read(path)
        list(judge(doc, registry, as_of)[1])  # warm-up (rapidfuzz import, caches)
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            list(judge(doc, registry, as_of)[1])
            times.append(time.perf_counter() - t0)
        rows.append((path.name[:3], len(doc.text.encode("utf-8")), statistics.median(times) * 1000))
    return rows


def run() -> str:
    """The Markdown section for ``python -m benchmarks citations``."""
    from sferum_policy.pipeline import default_registry

    data = load()
    as_of = data["as_of"]
    registry = default_registry()
    results = [evaluate_case(c, registry, as_of) for c in data["cases"]]
    negatives = [(n["text"], negative_ok(n["text"], registry, as_of)) for n in data["negatives"]]
    n = len(results)
    recall = sum(r.found for r in results) / n
    status = sum(r.status_ok for r in results) / n
    coded = [r for r in results if r.codes]
    codes = sum(r.codes_ok for r in coded) / len(coded) if coded else 1.0
    precision = sum(ok for _, ok in negatives) / len(negatives)
    lines = [
        "## Ссылки на нормативные акты (citations)",
        "",
        "Команда: `python -m benchmarks citations`. Данные: `benchmarks/data/citations.yaml` "
        f"({n} размеченных вариантов ссылок, {len(negatives)} отрицательных примеров), дата проверки {as_of:%d.%m.%Y}.",
        "",
        "| метрика | значение | порог |",
        "|---|---|---|",
        f"| полнота (найден нужный акт) | {recall:.3f} ({sum(r.found for r in results)}/{n}) | ≥ {RECALL_BAR} |",
        f"| точность статуса | {status:.3f} ({sum(r.status_ok for r in results)}/{n}) | ≥ {STATUS_BAR} |",
        f"| ожидаемые замечания (коды) | {codes:.3f} ({sum(r.codes_ok for r in coded)}/{len(coded)}) | — |",
        f"| точность на отрицательных примерах | {precision:.3f} ({sum(ok for _, ok in negatives)}/{len(negatives)}) | — |",
        "",
    ]
    bad = [r for r in results if not (r.found and r.status_ok and r.codes_ok)]
    if bad:
        lines += ["Ошибки:", "", "| текст | ожидалось | получено |", "|---|---|---|"]
        for r in bad:
            lines.append(
                f"| {r.text[:70]} | {r.act} / {r.status} {r.codes} | "
                f"{'найден' if r.found else 'не найден'} / {r.got_status} {r.got_codes} |"
            )
        lines.append("")
    for text, ok in negatives:
        if not ok:
            lines.append(f"- ложная ссылка в отрицательном примере: «{text}»")
    lines += ["", "Скорость (извлечение + сверка с реестром + замечания, медиана из 20 прогонов):", "",
              "| образец | размер, КБ | время, мс |", "|---|---|---|"]
    for name, size, ms in _speed(registry, as_of):
        lines.append(f"| {name} | {size / 1024:.1f} | {ms:.2f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
