"""Browser tests: the sample site built once, served on 127.0.0.1 and opened from disk, in headless Chromium.

Chromium is Debian's (`apt-get install chromium`), driven by Playwright's Python package through
`executable_path`; Playwright's own browser download is never used. Without a Chromium the tests are
skipped, except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import new_context
from webtools import launch_chromium, serve


@pytest.fixture(scope="session")
def site_dir(sample_site: Path) -> Path:
    """The sample site (tests/conftest.py)."""
    return sample_site


@pytest.fixture(scope="session")
def http_base(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port, e.g. `http://127.0.0.1:43121/`."""
    with serve(site_dir) as base:
        yield base


# Per module, not per session: Playwright's sync API runs one instance at a time, and other test files
# (tests/test_honours.py, tests/test_stats.py) start their own after these.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium(checks="browser tests") as instance:
        yield instance


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context at desktop width."""
    ctx = new_context(browser)
    yield ctx
    ctx.close()
