"""Bad input: every case is one Russian InputError naming the file, and CLI exit code 2 with one line."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.make_fixtures import make_blank_pdf, make_docx, make_encrypted_pdf

from benchmarks.zipdoc import replace_member
from sferum_policy.cli import main
from sferum_policy.errors import InputError
from sferum_policy.readers import MAX_BYTES, MAX_TEXT_BYTES, read

ROOT = Path(__file__).resolve().parent.parent
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def _garbage(n: int = 4096) -> bytes:
    rnd = random.Random(7)
    return bytes(rnd.randrange(256) for _ in range(n))


def _corrupt_zip(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _corrupt_member(data: bytes) -> bytes:
    mid = len(data) // 3
    return data[:mid] + bytes(b ^ 0x5A for b in data[mid:mid + 400]) + data[mid + 400:]


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as fh:
        fh.truncate(size)


# name → (file name, how to create it (None: nothing), expected message fragment)
CASES: dict[str, tuple[str, Callable[[Path], None] | None, str]] = {
    "empty": ("пустой.txt", lambda p: p.write_bytes(b""), "файл пуст"),
    "blank text": ("пробелы.txt", lambda p: p.write_text("  \n\n \t\n", encoding="utf-8"), "нет текста"),
    "garbage docx": ("мусор.docx", lambda p: p.write_bytes(_garbage()), "не является документом DOCX"),
    "garbage txt": ("мусор.txt", lambda p: p.write_bytes(_garbage()), "не похож на текстовый документ"),
    "truncated zip": ("обрезан.docx", lambda p: p.write_bytes(_corrupt_zip(make_docx())), "повреждён"),
    "corrupt member": ("испорчен.docx", lambda p: p.write_bytes(_corrupt_member(make_docx())), "повреждён"),
    "encrypted docx": ("пароль.docx", lambda p: p.write_bytes(OLE + _garbage(2048)),
                       "файл защищён паролем или это старый формат .doc"),
    "scanned pdf": ("скан.pdf", lambda p: p.write_bytes(make_blank_pdf()),
                    "в PDF нет текстового слоя"),
    "encrypted pdf": ("пароль.pdf", lambda p: p.write_bytes(make_encrypted_pdf()), "PDF защищён паролем"),
    "garbage pdf": ("мусор.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + _garbage()), "PDF повреждён"),
    "huge file": ("огромный.txt", lambda p: _sparse(p, 50 * 1024 * 1024),
                  f"файл слишком большой (50 МБ; допускается до {MAX_BYTES // 1024 // 1024} МБ)"),
    "long text": ("длинный.txt", lambda p: p.write_bytes(b"a" * (MAX_TEXT_BYTES + 1)), "текстовый файл слишком большой"),
    "doc without office": ("старый.doc", lambda p: p.write_bytes(OLE + _garbage(2048)),
                           "формат .doc требует установленного LibreOffice; сохраните файл как .docx"),
    "missing": ("нет-такого.docx", None, "файл не найден"),
    "directory": ("каталог.docx", lambda p: p.mkdir(), "это каталог, а не файл"),
    "unsupported": ("акт.rtf", lambda p: p.write_text("{\\rtf1 текст}", encoding="utf-8"), "неподдерживаемый формат «.rtf»"),
    "xml bomb": ("бомба.docx", lambda p: p.write_bytes(replace_member(make_docx(), "word/document.xml", _BOMB)),
                 "недопустимые конструкции XML"),
}


@pytest.fixture
def no_office(monkeypatch):
    import sferum_policy.readers.doc as doc_reader

    monkeypatch.setattr(doc_reader, "find_office", lambda: None)


def _make(tmp_path: Path, case: str) -> Path:
    name, create, _ = CASES[case]
    path = tmp_path / name
    if create is not None:
        create(path)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_read_raises_one_russian_line(tmp_path, case, no_office):
    path = _make(tmp_path, case)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert CASES[case][2] in message
    if before is not None:
        assert path.read_bytes() == before  # never modified


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_exits_2_with_one_stderr_line(tmp_path, case, no_office, capsys):
    path = _make(tmp_path, case)
    with pytest.raises(SystemExit) as info:
        main(["check", str(path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sferum-policy: ") and path.name in lines[0]
    assert CASES[case][2] in lines[0]


@pytest.mark.parametrize("case", ["xml bomb", "doc without office"])
def test_real_cli_process_prints_no_traceback(tmp_path, case):
    path = _make(tmp_path, case)
    exe = ROOT / ".venv" / "bin" / "sferum-policy"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sferum_policy"]
    env = {**os.environ, "PATH": str(tmp_path)}  # no LibreOffice on this PATH
    proc = subprocess.run([*cmd, "check", str(path)], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert CASES[case][2] in proc.stderr


@pytest.mark.parametrize(("encoding", "suffix"), [("cp1251", ".txt"), ("koi8-r", ".md")])
def test_legacy_encodings_read_correctly(tmp_path, encoding, suffix):
    text = ("ПОЛОЖЕНИЕ\nоб использовании платформы\n1. Общие положения\n"
            "1.1. Настоящее положение определяет порядок работы с платформой.\n")
    path = tmp_path / f"акт{suffix}"
    path.write_bytes(text.encode(encoding))
    doc = read(path)
    assert doc.encoding == encoding
    assert [p.full_text for p in doc.paragraphs] == [
        "ПОЛОЖЕНИЕ", "об использовании платформы", "1. Общие положения",
        "1.1. Настоящее положение определяет порядок работы с платформой."]
