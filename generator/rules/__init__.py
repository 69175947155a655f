"""Phase two: the plan's rules (BT01–BT22), one module per subject, and the derivations they rest on.

`registry.py` holds the registry; `derive.py` and `evidence_numbers.py` compute facts (models, thresholds in force,
verdicts, shortfalls, authority) that the rules, the pages and the reports share; `check.py` loads the data and
runs every rule. docs/rules.md maps each clause of the plan to its rule.
"""

from __future__ import annotations

# Importing the rule modules registers their rules in the registry.
from generator.rules import assessments, crossrecord, decisions, evidence, personal, references, rulebook, timing, tree  # noqa: F401
from generator.rules.registry import RULES, Rule, RuleFunc, rule, run_rules

__all__ = ["RULES", "Rule", "RuleFunc", "rule", "run_rules"]
