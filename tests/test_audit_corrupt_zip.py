"""A ZIP whose deflate stream is corrupt becomes an error row; the audit goes on (regression)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from click.testing import CliRunner

from sferum_policy.cli import cli


def _corrupt_zip(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", ("1. Общие положения\n1.1. Текст положения об ИКОП «Сферум».\n" * 200).encode())
        zf.writestr("b.txt", "1. Общие положения\n1.1. Второй акт.\n".encode())
    data = bytearray(buf.getvalue())
    start = 30 + len("a.txt")  # first local header, then a's compressed bytes
    for i in range(start + 5, start + 40):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_corrupt_deflate_stream_is_an_error_row(tmp_path: Path):
    archive = tmp_path / "acts.zip"
    _corrupt_zip(archive)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", str(archive), "-o", str(out), "--jobs", "1", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    with (out / "summary.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    by_file = {r["Файл"]: r for r in rows}
    assert by_file["acts.zip/a.txt"]["Статус"] == "ошибка"
    assert "повреждён" in by_file["acts.zip/a.txt"]["Причина ошибки"]
    assert by_file["acts.zip/b.txt"]["Статус"] != "ошибка"
