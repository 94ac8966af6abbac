"""Reading uploads: a streaming multipart parser with size limits, and type checks by content.

Files go straight to the request's private folder (never to the system temp dir), counted while
they arrive: an oversize upload is refused with 413 as soon as it passes the limit. A file whose
content does not match its extension is refused with 415.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

from ..errors import InputError
from .limits import Limits, megabytes

DOCUMENT_TYPES = {".docx": "docx", ".pdf": "pdf", ".odt": "odt", ".txt": "text", ".md": "text",
                  ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
TYPE_TITLES = {"docx": "документ Word (DOCX)", "pdf": "PDF", "odt": "документ OpenDocument (ODT)",
               "text": "текстовый файл", "doc": "старый документ Word (.doc)", "zip": "архив ZIP",
               "binary": "двоичный файл неизвестного вида", "yaml": "файл YAML",
               "image": "изображение (скан или фотография)"}
ACCEPTED = "DOCX, PDF, ODT, TXT, MD или скан (PDF, PNG, JPEG, TIFF)"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


class UploadError(InputError):
    """A refused upload: a Russian message and the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class UploadedFile:
    """A file from the form: the user's name (for display only) and where its bytes are."""

    field: str
    filename: str
    path: Path
    size: int

    @property
    def suffix(self) -> str:
        return Path(self.filename).suffix.lower()


@dataclass(slots=True)
class Form:
    """Text fields (several values per name) and files of one submitted form."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[-1] if values else default

    def getlist(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def file(self, name: str) -> UploadedFile | None:
        return self.files.get(name)


def display_name(raw: str | None) -> str:
    """The uploaded file's base name, without folders and control characters (display only)."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:110] + "…" + dot + ext[:8]) if dot else name[:120]
    return name or "документ"


def too_large(what: str, limit: int) -> UploadError:
    return UploadError(f"{what} слишком большой: допускается до {megabytes(limit)}", 413)


async def parse_form(request, folder: Path, limits: Limits, file_limit: int) -> Form:
    """Parse a urlencoded or multipart form; files (each ≤ ``file_limit``) are written into ``folder``."""
    ctype = request.headers.get("content-type", "")
    budget = file_limit + limits.max_fields * limits.max_form_field
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > budget + 64 * 1024:
        raise too_large("Файл", file_limit)
    if ctype.startswith("application/x-www-form-urlencoded"):
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limits.max_fields * limits.max_form_field:
                raise UploadError("Форма слишком большая", 413)
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=limits.max_fields)
        form = Form()
        for k, v in pairs:
            form.fields.setdefault(k, []).append(v[: limits.max_form_field])
        return form
    if not ctype.startswith("multipart/form-data"):
        raise UploadError("Ожидается отправка формы (multipart/form-data)", 415)
    return await _multipart(request, ctype, folder, limits, file_limit)


async def _multipart(request, ctype: str, folder: Path, limits: Limits, file_limit: int) -> Form:
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, params = parse_options_header(ctype)
    boundary = params.get(b"boundary")
    if not boundary:
        raise UploadError("Форма повреждена: нет границы частей (boundary)")
    state = _PartState(folder, limits, file_limit)
    parser = MultipartParser(boundary, state.callbacks())
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            if state.error:
                break
        if not state.error:
            parser.finalize()
    except MultipartParseError:
        state.close()
        raise UploadError("Форма повреждена и не читается") from None
    finally:
        state.close()
    if state.error:
        raise state.error
    return state.form


class _PartState:
    """Callbacks of the multipart parser: headers → a field or a file, data counted against limits."""

    def __init__(self, folder: Path, limits: Limits, file_limit: int) -> None:
        self.folder, self.limits, self.file_limit = folder, limits, file_limit
        self.form = Form()
        self.error: UploadError | None = None
        self._headers: dict[bytes, bytes] = {}
        self._hname = b""
        self._hvalue = b""
        self._name: str = ""
        self._filename: str | None = None
        self._buf = bytearray()
        self._fh = None
        self._path: Path | None = None
        self._size = 0
        self._parts = 0
        self._named = False

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._begin, "on_part_data": self._data, "on_part_end": self._end,
            "on_header_field": self._hfield, "on_header_value": self._hval, "on_header_end": self._hend,
            "on_headers_finished": self._headers_done,
        }

    def _begin(self) -> None:
        self._headers, self._buf, self._size, self._filename = {}, bytearray(), 0, None
        self._parts += 1
        if self._parts > self.limits.max_fields:
            self.error = self.error or UploadError("В форме слишком много полей", 413)

    def _hfield(self, data: bytes, start: int, end: int) -> None:
        self._hname += data[start:end]

    def _hval(self, data: bytes, start: int, end: int) -> None:
        self._hvalue += data[start:end]

    def _hend(self) -> None:
        self._headers[self._hname.lower()] = self._hvalue
        self._hname, self._hvalue = b"", b""

    def _headers_done(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        raw = params.get(b"filename")
        self._named = bool(raw and raw.strip())  # a browser sends filename="" when nothing was chosen
        if raw is not None and not self.error:
            self._filename = display_name(raw.decode("utf-8", "replace"))
            suffix = Path(self._filename).suffix.lower()
            safe = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ".bin"
            self._path = self.folder / f"upload{len(self.form.files)}{safe}"
            self._fh = open(self._path, "xb")  # noqa: SIM115 - closed in _end/close

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self.error:
            return
        n = end - start
        self._size += n
        if self._filename is not None:
            if self._size > self.file_limit:
                self.error = too_large(f"Файл «{self._filename}»", self.file_limit)
                return
            self._fh.write(data[start:end])  # type: ignore[union-attr]
        else:
            if self._size > self.limits.max_form_field:
                self.error = UploadError(f"Поле «{self._name}» слишком длинное", 413)
                return
            self._buf += data[start:end]

    def _end(self) -> None:
        if self.error:
            return
        if self._filename is not None:
            self._fh.close()  # type: ignore[union-attr]
            self._fh = None
            if self._size or self._named:  # an empty file input (nothing chosen) is not a file; an empty file is
                self.form.files[self._name] = UploadedFile(self._name, self._filename, self._path, self._size)  # type: ignore[arg-type]
        else:
            self.form.fields.setdefault(self._name, []).append(self._buf.decode("utf-8", "replace"))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def sniff(path: Path) -> str:
    """What the file is by its content: docx, odt, zip, pdf, doc, text or binary."""
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    if head.lstrip()[:5].startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if _ODT_MIME in head[:200]:
            return "odt"
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist()[:5000])
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "binary"
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and "content.xml" in names:
            return "odt"
        return "zip"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" not in head and controls <= len(head) // 100 + 2:
        return "text"
    return "text" if _decodes_as_text(head) else "binary"


def _decodes_as_text(head: bytes) -> bool:
    """UTF-16 or UTF-32 text (Notepad's «Юникод», with or without a BOM), judged by the text reader itself."""
    from ..errors import InputError
    from ..readers.text import decode

    head = head[: len(head) - len(head) % 4]  # never cut a UTF-16/32 character in two
    if not head:
        return False
    try:
        text, encoding = decode(head, "файл")
    except InputError:
        return False
    return encoding.startswith(("utf-16", "utf-32")) and "\x00" not in text


def require_content(upload: UploadedFile) -> None:
    """An empty file (0 bytes) is refused by its name, not as «nothing chosen»."""
    if upload.size == 0:
        raise UploadError(f"Файл «{upload.filename}» пустой (0 байт): в нём нечего проверять. "
                          f"Возможно, он не сохранился до конца — откройте его и сохраните ещё раз")


def require_document(upload: UploadedFile | None) -> str:
    """The reader kind of an uploaded act; 400/415 with a Russian message when it is not one."""
    if upload is None:
        raise UploadError(f"Выберите файл документа ({ACCEPTED})")
    require_content(upload)
    claimed = DOCUMENT_TYPES.get(upload.suffix)
    if claimed is None:
        shown = upload.suffix or "без расширения"
        raise UploadError(f"Файл «{upload.filename}»: формат «{shown}» не поддерживается; "
                          f"загрузите {ACCEPTED}", 415)
    actual = sniff(upload.path)
    if actual != claimed:
        raise UploadError(f"Файл «{upload.filename}»: содержимое не соответствует расширению "
                          f"(ожидался {TYPE_TITLES[claimed]}, а по содержимому это {TYPE_TITLES.get(actual, actual)})", 415)
    return claimed


def require_zip(upload: UploadedFile | None) -> None:
    """An uploaded archive of acts must be a real ZIP named ``*.zip``."""
    if upload is None:
        raise UploadError("Выберите архив ZIP с актами")
    require_content(upload)
    if upload.suffix != ".zip":
        raise UploadError(f"Файл «{upload.filename}»: нужен архив .zip с документами", 415)
    actual = sniff(upload.path)
    if actual != "zip":
        raise UploadError(f"Файл «{upload.filename}»: это не архив ZIP с документами "
                          f"(по содержимому это {TYPE_TITLES.get(actual, actual)})", 415)
