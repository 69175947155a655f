"""The golden and case update modes refuse to run under CI=true: a variable left set would make those tests no-ops."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import ROOT, tree_hash


@pytest.mark.parametrize(("variable", "test", "expected"), [
    ("BONTOT_UPDATE_GOLDEN", "tests/test_golden.py::test_page_matches_golden", ROOT / "tests" / "golden"),
    ("BONTOT_UPDATE_CASES", "tests/test_cases.py::test_case[bt12-reserved-id]", ROOT / "tests" / "cases" / "bt12-reserved-id"),
])
def test_an_update_mode_fails_under_ci_and_rewrites_nothing(variable: str, test: str, expected: Path) -> None:
    before = tree_hash(expected)
    env = {**os.environ, "CI": "true", variable: "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert f"{variable}=1 rewrites the expected files instead of checking them: refused under CI=true" in result.stdout
    assert tree_hash(expected) == before
