"""Phase two: load, then run every rule. Returns the dataset and every problem, sorted."""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Problem
from generator.records.dataset import Dataset, load
from generator.rules import run_rules


def check(data_dir: Path) -> tuple[Dataset | None, list[Problem]]:
    """All problems of the data folder in one run, sorted by file and line."""
    dataset, problems = load(data_dir)
    if dataset is not None:
        problems.extend(run_rules(dataset))
    return dataset, sorted(set(problems))
