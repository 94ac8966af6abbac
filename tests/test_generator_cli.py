"""``sferum-policy generate`` and ``init`` through the CLI: outputs, overwrite rules, bad profiles."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sferum_policy.cli import cli, main
from sferum_policy.generator.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
SCHOOL = ROOT / "samples" / "profiles" / "school.yaml"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_generate_each_format(tmp_path, capsys, fmt):
    target = tmp_path / f"act.{fmt}"
    code, _, err = run(["generate", str(SCHOOL), "-o", str(target)], capsys)
    assert code == 0, err
    data = target.read_bytes()
    if fmt == "docx":
        assert data[:2] == b"PK"
    else:
        assert "ПОЛОЖЕНИЕ" in data.decode("utf-8")
    assert "Создан" in err and "разделов — 13" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary files left


def test_generate_format_option_and_unknown_extension(tmp_path, capsys):
    target = tmp_path / "act.txt"
    code, _, err = run(["generate", str(SCHOOL), "-o", str(target)], capsys)
    assert code == 2 and "неизвестный формат" in err and not target.exists()
    code, _, _ = run(["generate", str(SCHOOL), "-o", str(target), "--format", "md"], capsys)
    assert code == 0 and target.read_text(encoding="utf-8").startswith("**")


def test_generate_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "act.md"
    target.write_text("старое", encoding="utf-8")
    code, _, err = run(["generate", str(SCHOOL), "-o", str(target)], capsys)
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "старое"
    code, _, _ = run(["generate", str(SCHOOL), "-o", str(target), "--force"], capsys)
    assert code == 0 and "ПОЛОЖЕНИЕ" in target.read_text(encoding="utf-8")


def test_generate_refuses_to_write_over_the_profile(tmp_path, capsys):
    profile = tmp_path / "p.md"
    profile.write_text(SCHOOL.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(["generate", str(profile), "-o", str(profile), "--force"], capsys)
    assert code == 2 and "входного файла" in err
    assert profile.read_text(encoding="utf-8") == SCHOOL.read_text(encoding="utf-8")


BAD = {
    "unknown kind": (("kind: school", "kind: lyceum"), "organization.kind"),
    "missing name": (("  full_name: Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
                      "школа № 7» г. Заречного\n", ""), "organization.full_name"),
    "bad date": (("order_date: 31.08.2026", "order_date: 32.08.2026"), "approval.order_date"),
    "unknown include": (("options:", "include: [rights.nothing]\noptions:"), "include"),
    "unknown exclude": (("options:", "exclude: [final.nothing]\noptions:"), "exclude"),
    "template internals": (("options:", "extra_clauses:\n  - section: final\n    title: Взлом\n"
                            "    text: \"{{ ''.__class__.__mro__ }}\"\noptions:"), "extra_clauses.0.text"),
    "template self": (("options:", "overrides:\n  final.validity: \"{{ self }}\"\noptions:"), "overrides.final.validity"),
    "template import": (("options:", "extra_clauses:\n  - section: final\n    title: Взлом\n"
                         "    text: \"{% import 'os' as os %}\"\noptions:"), "extra_clauses.0.text"),
    "template range": (("options:", "extra_clauses:\n  - section: final\n    title: Взлом\n"
                        "    text: \"{{ range(10**9)|list }}\"\noptions:"), "extra_clauses.0.text"),
    "malformed yaml": (("kind: school", "kind: [school"), None),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_profile_exit_2_one_russian_line_naming_file_and_field(tmp_path, capsys, case):
    change, field = BAD[case]
    source = SCHOOL.read_text(encoding="utf-8")
    assert change[0] in source
    profile = tmp_path / "профиль.yaml"
    profile.write_text(source.replace(change[0], change[1], 1), encoding="utf-8")
    target = tmp_path / "act.docx"
    code, out, err = run(["generate", str(profile), "-o", str(target)], capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(profile) in lines[0] and "Traceback" not in err
    if field:
        assert f"«{field}" in lines[0]
    else:
        assert "YAML" in lines[0]
    assert not target.exists()


def test_missing_profile_file(tmp_path, capsys):
    code, _, err = run(["generate", str(tmp_path / "нет.yaml"), "-o", str(tmp_path / "a.md")], capsys)
    assert code == 2 and "не найден" in err


# --- init ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["school", "preschool", "college", "district"])
def test_init_writes_a_commented_valid_template(tmp_path, kind):
    target = tmp_path / "profile.yaml"
    result = CliRunner().invoke(cli, ["init", "-o", str(target), "--kind", kind, "--no-input"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    comments = [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]
    assert len(comments) >= 20 and all(any("а" <= ch <= "я" for ch in ln.lower()) for ln in comments[:5])
    profile = load_profile(target)
    assert profile.organization.kind.value == kind
    assert profile.options.opt_out is True


def test_init_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "profile.yaml"
    target.write_text("мое", encoding="utf-8")
    code, _, err = run(["init", "-o", str(target), "--no-input"], capsys)
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "мое"
    code, _, _ = run(["init", "-o", str(target), "--no-input", "--force"], capsys)
    assert code == 0 and "organization:" in target.read_text(encoding="utf-8")


def test_init_interactive_asks_questions_and_uses_answers(tmp_path):
    target = tmp_path / "profile.yaml"
    answers = [
        "college",                      # вид организации
        "ГБПОУ «Северный техникум»",    # полное наименование
        "ГБПОУ «СТ»",                   # сокращенное
        "г. Северск",                   # населенный пункт
        "",                             # должность — по умолчанию
        "Петров",                       # неверно: без инициалов → вопрос повторяется
        "Петров И.И.",
        "порядок",
        "both",
        "",                             # кто принимает — по умолчанию (педагогический совет)
        "31.02.2026",                   # неверная дата → вопрос повторяется
        "30.08.2026",
        "5",
        "студенческий совет; совет родителей",
        "29.08.2026", "3",              # протокол студенческого совета
        "", "",                         # протокол совета родителей неизвестен → пропуск
        "утверждено",
        "31.08.2026",
        "100-о",
        "",                             # время тишины — нет
        "",                             # лист ознакомления — нет
    ]
    result = CliRunner().invoke(cli, ["init", "-o", str(target), "--interactive"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Вид организации" in result.output and "не дата" in result.output and "инициалами" in result.output
    assert "Не указано: протокол (совет родителей)" in result.output
    p = load_profile(target)
    assert p.organization.kind.value == "college"
    assert p.organization.full_name == "ГБПОУ «Северный техникум»"
    assert p.organization.short_name == "ГБПОУ «СТ»"
    assert p.organization.head.name == "Петров И.И."
    assert p.document.kind == "poryadok" and [x.value for x in p.document.platforms] == ["max", "vk_messenger"]
    assert p.adoption.number == "5" and p.adoption.date.isoformat() == "2026-08-30"
    assert [(c.body, c.number) for c in p.councils] == [("студенческий совет", "3"), ("совет родителей", None)]
    assert p.approval.style == "utverzhdeno" and p.approval.order_number == "100-о"
    assert p.options.quiet_hours is False


def test_init_without_terminal_writes_the_template(tmp_path):
    target = tmp_path / "profile.yaml"
    result = CliRunner().invoke(cli, ["init", "-o", str(target)], input="")
    assert result.exit_code == 0
    assert "Вид организации" not in result.output and "шаблон" in result.output
    profile = load_profile(target)
    assert profile.organization.kind.value == "school" and profile.example


def test_generate_does_not_import_spacy(tmp_path):
    import subprocess
    import sys

    target = tmp_path / "act.docx"
    code = (
        "import sys\n"
        "from sferum_policy.cli import main\n"
        f"try:\n    main(['generate', {str(SCHOOL)!r}, '-o', {str(target)!r}])\nexcept SystemExit:\n    pass\n"
        "print('HEAVY=' + ','.join(m for m in ('spacy', 'thinc') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY=\n" in out, out[-300:]
    assert target.is_file()
