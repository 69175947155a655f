"""Fixtures shared by every test folder."""

from __future__ import annotations

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
