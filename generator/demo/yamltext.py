"""Demo data written as YAML text: a yaml.dump of 200,000 assessments takes minutes, this takes seconds."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^\n#]*$")
_NUMBERISH = re.compile(r"^[-+.:0-9eE_ ]*$")  # could read as a number, date or time: quote it
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value: object) -> str:
    """One YAML scalar: plain when unambiguous, else a double-quoted (JSON) string; dates ISO, unquoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN.match(text) and not _NUMBERISH.match(text) and ": " not in text and not text.endswith((" ", ":"))
            and text.lower() not in _RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_safe(value: object) -> bool:
    return not isinstance(value, str) or not any(c in value for c in ",[]{}\"")


def _emit(value: Any, indent: str, lines: list[str]) -> None:
    """Block YAML for mappings of scalars, lists of scalars (flow style) and lists of mappings."""
    for key, item in value.items():
        if item is None or item == []:
            continue
        if isinstance(item, list) and isinstance(item[0], dict):
            lines.append(f"{indent}{key}:")
            for entry in item:
                sub: list[str] = []
                _emit(entry, indent + "    ", sub)
                sub[0] = f"{indent}  - {sub[0].lstrip()}"
                lines.extend(sub)
        elif isinstance(item, list) and all(_flow_safe(v) for v in item):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in item)}]")
        elif isinstance(item, list):
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {scalar(v)}" for v in item)
        elif isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            _emit(item, indent + "  ", lines)
        else:
            lines.append(f"{indent}{key}: {scalar(item)}")


def to_yaml(value: dict[str, Any], header: str) -> str:
    lines = [f"# {header}"]
    _emit(value, "", lines)
    return "\n".join(lines) + "\n"
