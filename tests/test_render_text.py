"""The terminal report: concrete defects first, missing recommended clauses folded unless -v."""

from __future__ import annotations

from datetime import date

from sferum_policy import check
from sferum_policy.render.text import render_text

AS_OF = date(2026, 11, 23)


def test_defects_come_before_missing_clauses_and_recommended_are_folded(samples, library):
    report = check(samples["001"], as_of=AS_OF)
    recommended = [f for f in report.findings if f.code == "CL021"]
    assert len(recommended) >= 5, "the sample lacks many recommended clauses"
    text = render_text(report)
    assert text.index("Ссылки на нормативные акты") < text.index("Недостающие положения")
    assert text.index("Опечатки") < text.index("Недостающие положения")
    assert f"Нет рекомендуемых положений: {len(recommended)}" in text
    assert text.count("CL021") == 0  # folded into the per-section list
    for f in recommended:
        # the title comes from the library, not from the finding's message or args
        assert f.args["clause_title"] == library.get(f.clause_id).title
        assert f"«{library.get(f.clause_id).title}»" in text


def test_verbose_lists_every_finding_with_its_full_suggestion(samples):
    report = check(samples["001"], as_of=AS_OF)
    text = render_text(report, verbose=True)
    assert text.count("CL021") == sum(1 for f in report.findings if f.code == "CL021")
    longest = max((f.suggestion for f in report.findings if f.suggestion), key=len)
    assert longest.splitlines()[0] in text


def test_every_category_is_printed(samples):
    """A finding of any category shows in the terminal report (none is counted in the total but not printed)."""
    from sferum_policy.report import Finding, summarize
    from sferum_policy.vocab import CATEGORY_TITLES, Category

    base = check(samples["001"], as_of=AS_OF)
    findings = [Finding(code=f"XX{i:03d}", category=c, severity="error", message=f"сообщение {c.value}")
                for i, c in enumerate(Category)]
    text = render_text(base.model_copy(update={"findings": findings, "summary": summarize(findings)}))
    for f in findings:
        assert f"{CATEGORY_TITLES[f.category]} (1)" in text
        assert f"{f.code} [ошибка] весь документ: {f.message}" in text


def test_one_place_formatter_for_text_and_html():
    from sferum_policy.render.place import place
    from sferum_policy.report import Finding, Location

    def f(**loc):
        return Finding(code="ST001", category="structure", severity="error", message="м", section="rights",
                       location=Location(**loc))

    assert place(f(paragraph=4, label="2.3.")) == "п. 2.3"
    assert place(f(paragraph=4, label="(1)")) == "п. (1)"  # a Word «(%1)» label is a label in both reports
    assert place(f(paragraph=4, label="-")) == "абз. 5"
    assert place(f()) == "весь документ"
    assert place(f(), section=True) == "раздел «Права участников»"
