"""Docs that cannot drift: every rule, record field, CLI option and schema is documented and current."""

from __future__ import annotations

import argparse
from pathlib import Path

from pydantic import BaseModel

from generator.cli import _parser
from generator.records import RECORD_FILES
from generator.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def walk(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                item = stack.pop()
                if isinstance(item, type) and issubclass(item, BaseModel):
                    walk(item)
                stack.extend(getattr(item, "__args__", ()) or ())

    for model in RECORD_FILES.values():
        walk(model)
    return found


def test_every_rule_is_in_the_readme() -> None:
    missing = [rule_id for rule_id in RULES if f"| {rule_id} |" not in README]
    assert not missing
    assert len(RULES) == 13


def test_every_record_field_is_documented() -> None:
    missing = []
    for model in _models():
        section = DATA_DOC.split(f"### `{model.__name__}`", 1)
        if len(section) < 2:
            missing.append(model.__name__)
            continue
        body = section[1].split("\n### ", 1)[0]
        missing += [f"{model.__name__}.{name}" for name in model.model_fields if f"| `{name}` |" not in body]
    assert not missing


def test_every_cli_option_is_in_the_readme() -> None:
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, sub in subparsers.choices.items():
        if f"`bontot {name}" not in README:
            missing.append(name)
        for action in sub._actions:
            missing += [f"{name} {opt}" for opt in action.option_strings if opt.startswith("--") and opt != "--help" and opt not in README]
    assert not missing
