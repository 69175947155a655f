"""Docs that cannot drift: every rule, record field, CLI option and schema is documented and current."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pydantic import BaseModel

from generator.cli import _parser
from generator.records.models import RECORD_FILES
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


RULES_DOC = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme() -> None:
    missing = [rule_id for rule_id in RULES if f"| {rule_id} |" not in README]
    assert not missing
    assert set(re.findall(r"^\| (BT[0-9]{2}) \|", README, flags=re.MULTILINE)) == set(RULES)
    assert len(RULES) == 22


def test_clause_table_names_every_rule_and_only_rules() -> None:
    """docs/rules.md ties each clause of II and III to a rule: every rule id appears, and no id that is not a rule."""
    named = set(re.findall(r"\bBT[0-9]{2}\b", RULES_DOC))
    assert named == set(RULES), (sorted(set(RULES) - named), sorted(named - set(RULES)))


def test_clause_table_covers_every_section_of_ii_and_iii() -> None:
    headings = re.findall(r"^#{2,3} (?:Mục )?(III[.0-9]*|II[.0-9]*)(?![.0-9I])", RULES_DOC, flags=re.MULTILINE)
    wanted = ["II", "II.1", "II.1.1", "II.1.2", "II.1.3", "II.1.4", "II.2", "II.2.1", "II.2.2", "II.2.3", "II.2.4",
              "II.3", "II.4", "II.5", "III", "III.1", "III.2"]
    assert [h for h in wanted if h not in headings] == []


def test_clause_table_quotes_the_plan() -> None:
    """Every quoted line of docs/rules.md is in the plan's text (pieces between “…” elisions, whitespace folded)."""
    plan = " ".join((ROOT / "data" / "texts" / "1288-kh-du.txt").read_text(encoding="utf-8").split())
    quotes: list[str] = []
    for block in re.split(r"\n(?!>)", RULES_DOC):
        lines = [line[2:] for line in block.splitlines() if line.startswith("> ")]
        if lines:
            quotes.append(" ".join(" ".join(lines).split()))
    assert quotes
    missing = []
    for quote in quotes:
        for piece in re.split(r"\s*…\s*|⁴|\s*\(chú thích 4:.*|(?<=[.;:]) ", quote.lstrip("+ ")):
            piece = piece.strip(" ;.+")
            if len(piece) > 12 and piece not in plan:
                missing.append(piece)
    assert not missing


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
