"""The rule registry: each rule is a small named function with a stable id, registered with `rule(...)`.

A rule takes the whole Dataset and yields Problems; it never raises on broken references
(BT12 reports those) and reads every threshold from the rulebook. The rule modules import this module;
the package (generator/rules/__init__.py) imports every rule module, so importing the package registers them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.core.problems import Problem
from generator.records.dataset import Dataset

RuleFunc = Callable[[Dataset], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    clause: str
    func: RuleFunc


RULES: dict[str, Rule] = {}


def rule(rule_id: str, summary: str, clause: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under its stable id: `rule("BT01", summary, clause)(function)`, written after the function rather
    than as a decorator, because mutation testing (mutmut) leaves decorated functions alone."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, summary, clause, func)
        return func

    return register


def run_rules(ds: Dataset) -> list[Problem]:
    """Every problem every rule finds, in rule order."""
    problems: list[Problem] = []
    for rule_id in sorted(RULES):
        problems.extend(RULES[rule_id].func(ds))
    return problems
