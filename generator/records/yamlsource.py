"""Safe YAML with positions: every value keeps its file, line and column.

PyYAML's composer (libyaml when available) builds the node tree; we convert it ourselves so that
duplicate keys, anchors, odd tags and YAML 1.1 implicit typing (`no` -> False) never slip through.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml

from generator.core.memo import memoized
from generator.core.problems import Level, Problem, display_path
from generator.records import fastyaml

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64

Loc = tuple[str | int, ...]

# libyaml's parser when PyYAML has it, about 30 times faster than the pure-Python one (the class lives in yaml.cyaml;
# yaml.CParser does not exist, which silently left every build on the slow parser).
_BaseParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None) or yaml.parser.Parser


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans; `no`, `on`, `yes` stay text."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"), list("0123456789")
)


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
    """The pure-Python parser: its messages and positions are the reference for every syntax error."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


_FastLoader: Any = None
if _BaseParser is not yaml.parser.Parser:

    class _FastLoader(_BaseParser, _Resolver):  # type: ignore[no-redef,misc]
        """libyaml: the same nodes and positions; a file it refuses is parsed again by `_Loader` for the message."""

        def __init__(self, stream: str) -> None:
            _BaseParser.__init__(self, stream)
            _Resolver.__init__(self)


@dataclass
class SourceFile:
    """A parsed YAML file: plain data plus where each value and key sits."""

    path: Path
    data: Any
    _positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)
    _key_positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        if self._positions is None:
            self._locate()
        assert self._positions is not None
        return self._positions

    @property
    def key_positions(self) -> dict[Loc, tuple[int, int]]:
        if self._key_positions is None:
            self._locate()
        assert self._key_positions is not None
        return self._key_positions

    def _locate(self) -> None:
        """A file read by the fast reader is read and parsed again, fully, only when a problem needs a line and column
        (keeping every text instead would hold 110 MB at 20,000 units)."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            raw = b""  # the file vanished since it was read: positions fall back to 1:1
        self._positions, self._key_positions = memoized("positions", raw, partial(_positions_of, raw))

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc` (or of its key), else of its nearest parent."""
        table = self.key_positions if key else self.positions
        if loc in table:
            return table[loc]
        for end in range(len(loc) - 1, -1, -1):
            if loc[:end] in self.positions:
                return self.positions[loc[:end]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, rule: str, level: Level = Level.ERROR, key: bool = False) -> Problem:
        line, column = self.where(loc, key=key)
        return Problem(self.shown, line, column, level, message, rule)


class YamlError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


_SYNTAX_HINTS = [
    ("expected ',' or ']'", "thiếu dấu ']' đóng danh sách mở ở đây; hãy thêm ']' vào cuối danh sách"),
    ("expected ',' or '}'", "thiếu dấu '}' đóng bảng mở ở đây; hãy thêm '}' vào cuối bảng"),
    ("found character '\\t' that cannot start any token", "có ký tự Tab; YAML chỉ chấp nhận dấu cách để thụt lề, hãy thay Tab bằng dấu cách"),
    ("found unexpected end of stream", "thiếu dấu nháy đóng; hãy đóng chuỗi bằng dấu nháy cùng loại với dấu mở"),
    ("found unknown escape character", "chuỗi trong nháy kép có ký tự thoát không hợp lệ; dùng nháy đơn hoặc viết \\\\"),
    ("mapping values are not allowed here", "dấu hai chấm không đúng chỗ; nếu giá trị chứa ': ' hãy đặt nó trong nháy kép"),
    ("expected <block end>, but found", "thụt lề không khớp; các khóa cùng cấp phải thẳng cột với nhau"),
    ("could not find expected ':'", "thiếu dấu hai chấm sau khóa, hoặc chuỗi nhiều dòng bị ngắt sai"),
    ("expected a single document", "tệp có nhiều tài liệu YAML (dấu ---); mỗi tệp chỉ được có một"),
    ("exceeded maximum nesting depth", f"dữ liệu lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)"),
    ("did not find expected key", "thụt lề không khớp hoặc thiếu dấu '-' ở đầu mục danh sách"),
    ("did not find expected node content", "thiếu giá trị sau dấu '-' hoặc dấu ':'"),
    ("found undefined alias", "tham chiếu neo (*) không được hỗ trợ"),
]


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return f"Lỗi cú pháp YAML: {hint}."
    return f"Lỗi cú pháp YAML ({(exc.problem or exc.context or '').strip()}); hãy kiểm tra thụt lề, dấu hai chấm và dấu nháy quanh vị trí này."


# The characters YAML forbids (PyYAML's Reader.NON_PRINTABLE); found here, they get a line and column.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# Line breaks only YAML knows (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): no editor shows them as new lines.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def _decode(raw: bytes) -> str:
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


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


class _Converter:
    """Turns a node tree into plain Python data, recording positions as it goes."""

    def __init__(self) -> None:
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.key_positions: dict[Loc, tuple[int, int]] = {}
        self.seen: set[int] = set()

    @staticmethod
    def _pos(node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        if len(loc) > MAX_DEPTH:
            raise YamlError(*self._pos(node), f"Dữ liệu lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).")
        if id(node) in self.seen:
            raise YamlError(*self._pos(node), "Neo và tham chiếu YAML (&tên, *tên) không được dùng; hãy viết đầy đủ giá trị.")
        self.seen.add(id(node))
        self.positions[loc] = self._pos(node)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in (
            "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
        ):
            raise YamlError(*self._pos(node), f"Thẻ YAML '{node.tag}' không được hỗ trợ; hãy bỏ thẻ và viết giá trị thường.")
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(*self._pos(key_node), "Khóa phải là một chữ đơn giản, không phải danh sách hay bảng.")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlError(*self._pos(key_node), "Khóa gộp '<<' không được dùng; hãy viết đầy đủ các khóa.")
                key = _nfc(str(key_node.value))
                if key in result:
                    first = self.key_positions[(*loc, key)]
                    raise YamlError(
                        *self._pos(key_node),
                        f"Khóa '{key}' bị lặp (đã có ở dòng {first[0]}); hãy xóa một trong hai, nếu không giá trị đầu sẽ bị mất.",
                    )
                self.key_positions[(*loc, key)] = self._pos(key_node)
                result[key] = self.convert(value_node, (*loc, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        value = _typed(node.tag, str(node.value))
        if value is NotImplemented:
            raise YamlError(*self._pos(node), f"Thẻ YAML '{node.tag}' không được hỗ trợ; hãy bỏ thẻ và viết giá trị thường.")
        return value


def _typed(tag: str, value: str) -> Any:
    """The Python value of a scalar with a core-schema tag; NotImplemented for any other tag."""
    if tag == "tag:yaml.org,2002:str":
        return _nfc(value)
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value)
        except ValueError:
            return value  # over Python's 4,300-digit limit: the schema reports it as not a number, pointing here
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return dt.date.fromisoformat("-".join(part.zfill(2) for part in value.split("-")))
        except ValueError:
            return value  # the schema reports it as an invalid date, pointing here
    return NotImplemented


_RESOLVER: Any = _Resolver()


@lru_cache(maxsize=65536)
def _plain(value: str) -> Any:
    """A plain scalar resolved and typed exactly as the full parser does (values repeat: `dat`, `12`, `tot`)."""
    return _typed(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)), value)


def _compose(loader_class: Any, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose:
            dispose()


def _compose_or_explain(text: str) -> yaml.Node | None:
    """Parse with the pure-Python parser and turn its error into a YamlError with a position."""
    try:
        return _compose(_Loader, text)
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket is reported where it was opened, not at the end of the file.
        opened = (exc.context or "").startswith(("while scanning a quoted scalar", "while parsing a flow"))
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(line, column, _syntax_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, 1, f"Lỗi cú pháp YAML ({exc}).") from None
    except RecursionError:
        raise YamlError(1, 1, f"Dữ liệu lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).") from None


def _read_bytes(path: Path) -> bytes:
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
    return _decode(_read_bytes(path))


def load_yaml(path: Path) -> SourceFile:
    """Read one YAML file. Raises YamlError with a position and a Vietnamese message."""
    raw = _read_bytes(path)
    data, positions, key_positions = memoized("yaml", raw, partial(_parse, raw))
    return SourceFile(path, data, positions, key_positions)


Parsed = tuple[Any, dict[Loc, tuple[int, int]] | None, dict[Loc, tuple[int, int]] | None]


def _positions_of(raw: bytes) -> tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]]:
    converter = _Converter()
    try:
        node = _compose(_FastLoader or _Loader, _decode(raw))
        if node is not None:
            converter.convert(node, ())
    except (yaml.YAMLError, YamlError, RecursionError):
        pass  # the file changed since it was read: positions fall back to 1:1
    return converter.positions, converter.key_positions


def _parse(raw: bytes) -> Parsed:
    """The data of one file (with its positions when the fast reader declined it); raises YamlError."""
    text = _decode(raw)
    if not text.strip():
        raise YamlError(1, 1, "Tệp rỗng; hãy điền nội dung hoặc xóa tệp.")
    data = fastyaml.read(text, _plain)
    if data is not None:
        return data, None, None
    try:
        node = _compose(_FastLoader, text) if _FastLoader is not None else _compose(_Loader, text)
    except (yaml.YAMLError, RecursionError):
        node = _compose_or_explain(text)
    if node is None:
        raise YamlError(1, 1, "Tệp chỉ có chú thích, không có dữ liệu; hãy điền nội dung hoặc xóa tệp.")
    converter = _Converter()
    data = converter.convert(node, ())
    return data, converter.positions, converter.key_positions
