"""Browser tests: the sample site built once, served on 127.0.0.1 and opened from disk, in headless Chromium.

Chromium is Debian's (`apt-get install chromium`), driven by Playwright's Python package through
`executable_path`; Playwright's own browser download is never used. Without a Chromium the tests are
skipped, except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import CHROMIUM_ARGS, ROOT, find_chromium, new_context

from generator.build import build_site


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once by the real pipeline."""
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(ROOT / "data", out, ROOT / "mkdocs.yml")
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def http_base(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port, e.g. `http://127.0.0.1:43121/`."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


# Per module, not per session: Playwright's sync API runs one instance at a time, and other test files
# (tests/test_honours.py, tests/test_stats.py) start their own after these.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = find_chromium()
    if chromium is None:
        _unavailable("No Chromium found (looked for $BONTOT_CHROMIUM, /usr/bin/chromium, chromium on PATH); "
                     "install Debian's `chromium` package to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright's Python package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary profile.
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context at desktop width."""
    ctx = new_context(browser)
    yield ctx
    ctx.close()
