"""Safe YAML with positions: every value keeps its file, line and column.

PyYAML's composer (libyaml when available) builds the node tree; we convert it ourselves so that
duplicate keys, anchors, odd tags and YAML 1.1 implicit typing (`no` -> False) never slip through.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from generator.core.memo import memoized
from generator.core.problems import Level, Problem, display_path
from generator.records import fastyaml
from generator.records.textfile import YamlError, decode, read_bytes, read_text
from generator.records.yamlscalars import Resolver, nfc, plain, typed

__all__ = ["Loc", "SourceFile", "YamlError", "load_yaml", "read_text"]

MAX_DEPTH = 64

Loc = tuple[str | int, ...]

# libyaml's parser when PyYAML has it, about 30 times faster than the pure-Python one (the class lives in yaml.cyaml;
# yaml.CParser does not exist, which silently left every build on the slow parser).
_BaseParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None) or yaml.parser.Parser


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, Resolver):
    """The pure-Python parser: its messages and positions are the reference for every syntax error."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        Resolver.__init__(self)


_FastLoader: Any = None
if _BaseParser is not yaml.parser.Parser:

    class _FastLoader(_BaseParser, Resolver):  # type: ignore[no-redef,misc]
        """libyaml: the same nodes and positions; a file it refuses is parsed again by `_Loader` for the message."""

        def __init__(self, stream: str) -> None:
            _BaseParser.__init__(self, stream)
            Resolver.__init__(self)


@dataclass
class SourceFile:
    """A parsed YAML file: plain data plus where each value and key sits."""

    path: Path
    data: Any
    _positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)
    _key_positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)
    digest: bytes = field(default=b"", repr=False)  # a hash of the file's bytes: the same bytes, the same records

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
                key = nfc(str(key_node.value))
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
        value = typed(node.tag, str(node.value))
        if value is NotImplemented:
            raise YamlError(*self._pos(node), f"Thẻ YAML '{node.tag}' không được hỗ trợ; hãy bỏ thẻ và viết giá trị thường.")
        return value


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


def load_yaml(path: Path) -> SourceFile:
    """Read one YAML file. Raises YamlError with a position and a Vietnamese message."""
    raw = read_bytes(path)
    data, positions, key_positions = memoized("yaml", raw, partial(_parse, raw))
    return SourceFile(path, data, positions, key_positions, hashlib.sha256(raw).digest())


Parsed = tuple[Any, dict[Loc, tuple[int, int]] | None, dict[Loc, tuple[int, int]] | None]


def _positions_of(raw: bytes) -> tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]]:
    converter = _Converter()
    try:
        node = _compose(_FastLoader or _Loader, decode(raw))
        if node is not None:
            converter.convert(node, ())
    except (yaml.YAMLError, YamlError, RecursionError):
        pass  # the file changed since it was read: positions fall back to 1:1
    return converter.positions, converter.key_positions


def _parse(raw: bytes) -> Parsed:
    """The data of one file (with its positions when the fast reader declined it); raises YamlError."""
    text = decode(raw)
    if not text.strip():
        raise YamlError(1, 1, "Tệp rỗng; hãy điền nội dung hoặc xóa tệp.")
    data = fastyaml.read(text, plain)
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
