"""Reading a data file's bytes as text: UTF-8 only, no control characters, no line breaks an editor does not show.

Every error names the line and column and says how to fix it in the editor the office uses (Notepad, Word).
Used for YAML (records/yamlsource.py) and the plain-text documents in data/texts/ (records/fulltext.py).
"""

from __future__ import annotations

import re
from pathlib import Path

MAX_FILE_BYTES = 32 * 1024 * 1024


class YamlError(Exception):
    """A data file that cannot be read as the product expects, with the line and column to show the clerk."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# The characters YAML forbids (PyYAML's Reader.NON_PRINTABLE); found here, they get a line and column.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# Line breaks only YAML knows (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): no editor shows them as new lines.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def decode(raw: bytes) -> str:
    """The text of a data file: UTF-8 (a BOM is dropped); control characters and odd line breaks are errors with their place."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Notepad is harmless: drop it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            line,
            column,
            f"Tệp không phải UTF-8 (byte 0x{raw[exc.start]:02x}); hãy lưu lại tệp với bảng mã UTF-8 "
            "(trong Notepad: Lưu thành… > Mã hóa: UTF-8).",
        ) from None
    bad = _NON_PRINTABLE.search(text)
    if bad and bad.group() != "\0":
        at = bad.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlError(
            line, column,
            f"Tệp chứa ký tự điều khiển U+{ord(bad.group()):04X} (thường do sao chép từ Word hoặc trang web); hãy xóa ký tự này.",
        )
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise YamlError(line, column, "Tệp chứa ký tự NUL (tệp nhị phân hoặc bị hỏng); hãy mở và lưu lại dưới dạng văn bản UTF-8.")
    odd = _ODD_BREAK.search(text)
    if odd:
        # YAML counts these as line breaks, so every later line number would be off by one: say where it is.
        at = odd.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlError(
            line, column,
            f"Tệp chứa ký tự ngắt dòng đặc biệt U+{ord(odd.group()):04X} (thường do sao chép từ Word hoặc trang web); "
            "hãy xóa ký tự này hoặc thay bằng dấu cách.",
        )
    return text


def read_bytes(path: Path) -> bytes:
    """The bytes of a data file. Raises YamlError for an unreadable or too large file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(
                1, 1, f"Tệp quá lớn ({size // (1024 * 1024)} MB, tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB); hãy chia thành nhiều tệp nhỏ hơn."
            )
        return path.read_bytes()
    except OSError as exc:
        raise YamlError(1, 1, f"Không đọc được tệp ({exc.strerror}); hãy kiểm tra quyền đọc.") from None


def read_text(path: Path) -> str:
    """Read a UTF-8 data file (YAML or plain text). Raises YamlError for an unreadable, too large or non-UTF-8 file."""
    return decode(read_bytes(path))
