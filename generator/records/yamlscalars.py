"""YAML scalars as the product reads them: the YAML 1.2 core schema (`no` stays a string, never False), text in NFC.

Shared by the full reader (records/yamlsource.py) and the fast one (records/fastyaml.py, through `plain`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

import yaml


class Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans; `no`, `on`, `yes` stay text."""


Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"), list("0123456789")
)


def nfc(text: str) -> str:
    """The text in Unicode NFC (Vietnamese typed on different keyboards compares equal)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def typed(tag: str, value: str) -> Any:
    """The Python value of a scalar with a core-schema tag; NotImplemented for any other tag."""
    if tag == "tag:yaml.org,2002:str":
        return nfc(value)
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


RESOLVER: Any = Resolver()


@lru_cache(maxsize=65536)
def plain(value: str) -> Any:
    """A plain scalar resolved and typed exactly as the full parser does (values repeat: `dat`, `12`, `tot`)."""
    return typed(RESOLVER.resolve(yaml.ScalarNode, value, (True, False)), value)
