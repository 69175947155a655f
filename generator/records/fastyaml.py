"""The fast path of loading: libyaml's parser events turned straight into data; anything unusual goes to the full parser.

Building PyYAML's node tree and converting it with positions costs ~5 × the parse itself (docs/performance.md,
"Libraries or our own code"). Here the same C parser (`yaml.cyaml.CParser`) is read event by event and each
event becomes data at once: as fast as the hand-written subset parser this replaced, with libyaml doing all the
YAML. It gives up (returns None) on anything the full path must look at — anchors, aliases, tags, keys that are
not plain text, duplicate keys, deep nesting, several documents, any syntax error — and the caller then uses
the full parser, which also finds every position and words every error. Plain scalars are typed by the
caller's `plain`, the same resolver and conversion the full parser applies, so both give the same data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
# Where libyaml and PyYAML's own parser (the reference for every message) may disagree: tabs, other line breaks,
# a stray BOM, a lone carriage return.
_UNSURE = ("\t", "\x85", "\u2028", "\u2029", "\ufeff")
MAX_DEPTH = 20


class _Unsure(Exception):
    """The text needs the full parser."""


def _nfc(text: str) -> str:
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _events_to_data(parser: Any, plain: Callable[[str], Any]) -> Any:
    get = parser.get_event
    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        raise _Unsure
    containers: list[Any] = []  # open mappings and sequences, innermost last
    keys: list[str | None] = []  # for each open mapping, the key waiting for its value
    while True:
        event = get()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unsure
            if containers and keys[-1] is None and type(containers[-1]) is dict:
                key = _nfc(event.value)
                if key in containers[-1]:
                    raise _Unsure  # the full parser names both lines
                keys[-1] = key
                continue
            value: Any = _nfc(event.value) if event.style else plain(event.value)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(containers) >= MAX_DEPTH:
                raise _Unsure
            if containers and keys[-1] is None and type(containers[-1]) is dict:
                raise _Unsure  # a key that is a mapping or a list
            containers.append({} if kind is yaml.MappingStartEvent else [])
            keys.append(None)
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = containers.pop()
            keys.pop()
        else:
            raise _Unsure  # an alias, or an empty document
        if not containers:
            if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
                raise _Unsure  # several documents
            return value
        top = containers[-1]
        if type(top) is list:
            top.append(value)
        else:
            top[keys[-1]] = value
            keys[-1] = None


def read(text: str, plain: Callable[[str], Any]) -> Any | None:
    """The data of `text` when libyaml reads it plainly, else None. `plain` types one plain scalar."""
    if _CParser is None or any(char in text for char in _UNSURE) or "\r" in text.replace("\r\n", ""):
        return None
    parser = _CParser(text)
    try:
        return _events_to_data(parser, plain)
    except (_Unsure, yaml.YAMLError, RecursionError):
        return None
    finally:
        parser.dispose()
