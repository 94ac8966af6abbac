"""Shared helpers of the web tests: sample files, crafted archives and documents."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTS = ROOT / "samples" / "acts"
SAMPLE_001 = ACTS / "001_1984f935e93ec029.txt"


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx_bytes(text: str = "ПОЛОЖЕНИЕ об использовании платформы «Сферум»") -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def form_fields(html: str) -> dict[str, object]:
    """The profile form's values («Создать положение», «Обновить акт») as a browser would submit them
    (text inputs, checked boxes and radios)."""
    values: dict[str, object] = {}
    form = html[html.index('<form id="gen"'):]
    form = form[:form.index("</form>")]
    for m in re.finditer(r"<input ([^>]*)>", form):
        attrs = dict(re.findall(r'([\w.-]+)="([^"]*)"', m.group(1)))
        flags = m.group(1)
        name = attrs.get("name")
        if not name:
            continue
        kind = attrs.get("type", "text")
        value = unescape(attrs.get("value", ""))
        if kind in ("checkbox", "radio"):
            if " checked" not in flags:
                continue
            if kind == "checkbox" and name == "document.platforms":
                values.setdefault(name, []).append(value)  # type: ignore[union-attr]
                continue
        values[name] = value
    sel = re.search(r'<select id="f-organization-kind" name="organization.kind"[^>]*>(.*?)</select>', form, re.S)
    values["organization.kind"] = re.search(r'<option value="(\w+)" selected>', sel.group(1)).group(1)
    return values


def unescape(s: str) -> str:
    import html

    return html.unescape(s)
