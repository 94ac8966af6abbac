"""The shared plumbing: dates, code selection, atomic writes, YAML errors, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sferum_policy.dates import format_numeric, format_words, month_number, parse_date
from sferum_policy.errors import DataError, InputError
from sferum_policy.fileio import write_atomic
from sferum_policy.rules import select_codes
from sferum_policy.yamlio import load_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-09-30", date(2024, 9, 30)),
        ("30.09.2024", date(2024, 9, 30)),
        ("30.09.2024г", date(2024, 9, 30)),
        ("27.02.24", date(2024, 2, 27)),
        ("13 июля 2022 г.", date(2022, 7, 13)),
        ("«19» декабря 2024 года", date(2024, 12, 19)),
        ("1 мая 2025", date(2025, 5, 1)),
    ],
)
def test_parse_date_accepts_forms_real_acts_use(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2024", "вчера", "13 мартобря 2022", ""])
def test_parse_date_rejects_nonsense(text):
    assert parse_date(text) is None


def test_month_names_in_all_cases():
    assert [month_number(w) for w in ("мая", "май", "маем", "июня", "сентябре")] == [5, 5, 5, 6, 9]
    assert month_number("март") == 3 and month_number("марта") == 3


def test_gost_date_forms():
    assert format_numeric(date(2026, 6, 5)) == "05.06.2026"
    assert format_words(date(2026, 6, 5)) == "5 июня 2026 г."


def test_select_and_ignore_prefixes():
    codes = ["LR001", "LR002", "ST001", "TY001", "TY002"]
    assert select_codes(codes, None, None) == set(codes)
    assert select_codes(codes, ["LR"], None) == {"LR001", "LR002"}
    assert select_codes(codes, ["lr", "TY002"], ["LR002"]) == {"LR001", "TY002"}
    assert select_codes(codes, ["ALL"], ["TY"]) == {"LR001", "LR002", "ST001"}


def test_write_atomic_refuses_to_overwrite_without_force(tmp_path: Path):
    target = tmp_path / "out.txt"
    write_atomic(target, "первый")
    with pytest.raises(InputError, match="--force"):
        write_atomic(target, "второй", force=False)
    assert target.read_text(encoding="utf-8") == "первый"
    write_atomic(target, "второй", force=True)
    assert target.read_text(encoding="utf-8") == "второй"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary files left


def test_write_atomic_fsyncs_unless_told_not_to(tmp_path: Path, monkeypatch):
    import os

    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    write_atomic(tmp_path / "a.txt", "durable")
    write_atomic(tmp_path / "b.txt", "quick", durable=False)
    assert len(synced) == 1
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "quick"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_write_atomic_refuses_a_folder_and_a_link_to_one(tmp_path: Path):
    folder = tmp_path / "папка"
    folder.mkdir()
    link = tmp_path / "ссылка"
    link.symlink_to(folder)
    for target in (folder, link):
        with pytest.raises(InputError, match="это каталог, а не файл"):
            write_atomic(target, "отчёт")
    assert link.is_symlink() and folder.is_dir() and not any(folder.iterdir())
    with pytest.raises(InputError, match="не существует"):
        write_atomic(tmp_path / "нет" / "отчёт.txt", "отчёт")


def test_write_atomic_never_writes_over_an_input(tmp_path: Path):
    source = tmp_path / "act.txt"
    source.write_text("акт", encoding="utf-8")
    with pytest.raises(InputError, match="входного файла"):
        write_atomic(source, "отчёт", force=True, protect=(source,))
    assert source.read_text(encoding="utf-8") == "акт"


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\nb: [1, 2\nc: 3\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_yaml(bad)
    message = str(exc.value)
    assert str(bad) in message and ":" in message.split(str(bad))[1] and "YAML" in message
    assert "\n" not in message


def test_yaml_lines_are_tracked(tmp_path: Path):
    f = tmp_path / "x.yaml"
    f.write_text("clauses:\n  - id: a\n    level: x\n  - id: b\n    level: y\n", encoding="utf-8")
    data, located = load_yaml(f)
    assert data["clauses"][1]["level"] == "y"
    assert located.line_of(("clauses", 1, "level")) == 5
    assert located.line_of(("clauses", 0, "missing_field")) == 2


LIGHT_COMMANDS = [["--help"], ["clauses", "list"], ["refs", "list"], ["check", "--help"], ["generate", "--help"],
                  ["init", "--help"]]


@pytest.mark.parametrize("argv", LIGHT_COMMANDS, ids=" ".join)
def test_light_commands_do_not_import_spacy(argv):
    code = (
        "import sys\n"
        "from sferum_policy.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'pymorphy3', 'thinc', 'numpy', 'wordfreq', 'sferum_policy.ocr.engine',\n"
        "                      'sferum_policy.ocr.repair') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY=\n" in out, out[-300:]
