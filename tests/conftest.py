"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitetools import copy_project

from generator.site.build import build_site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session by the real pipeline in a copy of the project.
    Read-only for the tests that use it (browser and accessibility checks)."""
    project = copy_project(tmp_path_factory.mktemp("sample") / "project")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    return project / "site"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make mutation` (mutmut names the mutant in MUTANT_UNDER_TEST), run first the tests most likely to notice
    it: the unit tests, then the cases named after a rule of the mutated module, then the other cases. Order only: a
    mutant that survives still meets every selected test, but a killed one is found after a few tests, not 150."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if "__mutmut_" not in mutant:
        return
    from generator.rules import RULES

    module = mutant.rsplit(".", 1)[0]
    own = tuple(f"test_case[{r.id.lower()}-" for r in RULES.values() if r.func.__module__ == module)

    def rank(item: pytest.Item) -> int:
        if not item.nodeid.startswith("tests/test_cases.py::test_case["):
            return 0
        return 1 if own and item.name.startswith(own) else 2

    items.sort(key=rank)
