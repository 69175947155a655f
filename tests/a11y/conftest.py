"""Accessibility and quality checks of the built sample site: axe-core in Chromium, the Lighthouse CLI.

Both tools come from npm (package.json at the repository root; `make test` runs `npm ci`). Chromium is
Debian's, driven by Playwright's Python package through `executable_path` (axe) or by Lighthouse through
CHROME_PATH. Without Chromium or node_modules the checks are skipped, except under CI=true, where that is
a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11ykit import CHECKS, GzipHandler, chromium
from webtools import launch_chromium, serve


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes a minute or more (Lighthouse); `make test` runs it too")


@pytest.fixture(scope="session")
def a11y_site(sample_site: Path) -> Path:
    """The sample site (tests/conftest.py)."""
    return sample_site


@pytest.fixture(scope="session")
def a11y_base(a11y_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (gzip, as a web server would), e.g. `http://127.0.0.1:43121/`."""
    with serve(a11y_site, GzipHandler) as base:
        yield base


# Playwright's sync API runs one instance at a time: a browser per module, not per session.
@pytest.fixture(scope="module")
def a11y_browser() -> Iterator[Any]:
    with launch_chromium(chromium(), CHECKS) as browser:
        yield browser
