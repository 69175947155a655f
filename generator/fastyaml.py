"""A fast reader for the plain subset of YAML the data files use; anything else goes to the full parser.

Even libyaml, through PyYAML, spends ~7 µs per node building node and mark objects: 200,000
assessments take minutes. This reader turns lines of block mappings and sequences, one-line flow
collections and one-line scalars straight into data, about ten times faster. It gives up (returns
None) on anything it is not certain about — multi-line or block scalars, escapes, anchors, tags,
duplicate keys, odd characters or indentation — and the caller then uses the full parser, which
also finds every position and word every error. Plain scalars are typed by the caller's `plain`,
the same resolver and conversion the full parser applies, so both give the same data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

# PyYAML's Reader refuses these; so must we (the full parser then says where).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_UNSURE = ("\t", "\x85", "\u2028", "\u2029", "\ufeff")  # tabs, other line breaks, a stray BOM
_FLOW_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +([A-Za-z0-9][A-Za-z0-9_.+\-]*)")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+\-/]*")
# A content line: its indentation and its text without trailing spaces; blank and comment lines do not match.
_LINE = re.compile(r"^( *)([^ #\n](?:[^\n]*[^ \n])?) *$", re.MULTILINE)
_MARKER = re.compile(r"^(?:---|\.\.\.)(?:[ \n]|$)", re.MULTILINE)
_PLAIN_START = frozenset("&*!|>%@`,?:[]{}#'\"")
MAX_DEPTH = 20


class _Unsure(Exception):
    """The text leaves the subset: let the full parser read it."""


def _nfc(text: str) -> str:
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


class _Reader:
    def __init__(self, lines: list[tuple[int, str]], plain: Callable[[str], Any]) -> None:
        self.lines = lines
        self.plain = plain

    def block(self, i: int, indent: int, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise _Unsure
        content = self.lines[i][1]
        if content == "-" or content.startswith("- "):
            return self.sequence(i, indent, depth)
        return self.mapping(i, indent, depth)

    def mapping(self, i: int, indent: int, depth: int) -> tuple[dict[str, Any], int]:
        lines, result = self.lines, {}
        while i < len(lines) and lines[i][0] == indent:
            split = _split_key(lines[i][1])
            if split is None:
                raise _Unsure
            key, rest = split
            if key in result:
                raise _Unsure  # the full parser names both lines
            i += 1
            if not rest or rest.startswith("#"):
                if i < len(lines) and lines[i][0] > indent:
                    result[key], i = self.block(i, lines[i][0], depth + 1)
                elif i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("-"):
                    raise _Unsure  # a sequence not indented under its key
                else:
                    result[key] = None
            else:
                result[key] = self.value(rest)
                if i < len(lines) and lines[i][0] > indent:
                    raise _Unsure  # a scalar continued on the next line
        return result, i

    def sequence(self, i: int, indent: int, depth: int) -> tuple[list[Any], int]:
        lines, items = self.lines, []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            after = lines[i][1][1:]
            rest = after.lstrip(" ")
            if not rest or rest.startswith(("#", "-")):
                raise _Unsure
            if _split_key(rest) is not None:
                lines[i] = (indent + 1 + len(after) - len(rest), rest)
                value, i = self.mapping(i, lines[i][0], depth + 1)
            else:
                value = self.value(rest)
                i += 1
                if i < len(lines) and lines[i][0] > indent:
                    raise _Unsure
            items.append(value)
        if i < len(lines) and lines[i][0] == indent:
            raise _Unsure  # `-` alone, or a key beside the items
        return items, i

    def value(self, rest: str) -> Any:
        first = rest[0]
        if first in "\"'":
            end = rest.find(first, 1)
            if end < 0 or (first == '"' and "\\" in rest[:end]) or rest[end + 1:end + 2] == first:
                raise _Unsure
            _tail(rest[end + 1:])
            return _nfc(rest[1:end])
        if first == "{":
            return self.flow_mapping(rest)
        if first == "[":
            return self.flow_sequence(rest)
        if first in _PLAIN_START or (first == "-" and (len(rest) == 1 or rest[1] == " ")):
            raise _Unsure
        cut = rest.find(" #")
        text = (rest[:cut] if cut >= 0 else rest).rstrip(" ")
        if ": " in text or text.endswith(":"):
            raise _Unsure
        return self.plain(text)

    def flow_mapping(self, rest: str) -> dict[str, Any]:
        close = rest.find("}")
        if close < 0:
            raise _Unsure
        _tail(rest[close + 1:])
        inner = rest[1:close].strip(" ")
        result: dict[str, Any] = {}
        for part in inner.split(",") if inner else ():
            match = _FLOW_PAIR.fullmatch(part.strip(" "))
            if match is None or match.group(1) in result:
                raise _Unsure
            result[match.group(1)] = self.plain(match.group(2))
        return result

    def flow_sequence(self, rest: str) -> list[Any]:
        close = rest.find("]")
        if close < 0:
            raise _Unsure
        _tail(rest[close + 1:])
        inner = rest[1:close].strip(" ")
        items = []
        for part in inner.split(",") if inner else ():
            item = part.strip(" ")
            if not _FLOW_ITEM.fullmatch(item):
                raise _Unsure
            items.append(self.plain(item))
        return items


def _split_key(content: str) -> tuple[str, str] | None:
    """`key: rest` -> (key, rest) for a plain ASCII identifier key (what _KEY matches), else None."""
    colon = content.find(":")
    key = content[:colon]
    if colon <= 0 or not (key.isascii() and key.isidentifier()):
        return None
    rest = content[colon + 1:]
    if not rest:
        return key, rest
    return (key, rest.lstrip(" ")) if rest[0] == " " else None


def _tail(text: str) -> None:
    """After a quoted or flow value only a comment may follow."""
    if text and not (text.startswith(" ") and text.lstrip(" ").startswith("#")) and text.strip(" "):
        raise _Unsure


def read(text: str, plain: Callable[[str], Any]) -> Any | None:
    """The data of `text` when it stays within the subset, else None. `plain` types one plain scalar."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if any(char in text for char in _UNSURE) or _NON_PRINTABLE.search(text):
        return None
    if _MARKER.search(text):
        return None  # document markers
    lines = [(len(indent), content) for indent, content in _LINE.findall(text)]
    if not lines:
        return None
    try:
        data, end = _Reader(lines, plain).block(0, lines[0][0], 0)
    except (_Unsure, RecursionError):
        return None
    return data if end == len(lines) else None
