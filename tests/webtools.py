"""Helpers for tests that open sites in a browser: a static server on 127.0.0.1 and Debian's Chromium.

Chromium is Debian's (`apt-get install chromium`, or $BONTOT_CHROMIUM), driven by Playwright's Python package
through `executable_path`; Playwright's own browser download is never used. Without it a test is skipped,
except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
]


def unavailable(reason: str, checks: str) -> NoReturn:
    """Skip the test, or fail it under CI=true, where the `checks` (e.g. "browser tests") must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the {checks} must run)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """Debian's Chromium (or $BONTOT_CHROMIUM); None when there is none."""
    candidates = [os.environ.get("BONTOT_CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    candidates += [shutil.which(name) or "" for name in ("chromium", "chromium-browser")]
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def chromium(checks: str | None = None) -> str:
    """Path of Debian's Chromium. Skips the test when it is missing, except under CI=true where that is a failure.

    With `checks` (e.g. "browser tests") the messages say where Chromium was looked for and which checks need it.
    """
    path = find_chromium()
    if path:
        return path
    if checks:
        unavailable("No Chromium found (looked for $BONTOT_CHROMIUM, /usr/bin/chromium, chromium on PATH); "
                    f"install Debian's `chromium` package to run the {checks}", checks)
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is required under CI=true (apt-get install chromium)")
    pytest.skip("Chromium not found (apt-get install chromium); browser checks skipped outside CI")


@contextlib.contextmanager
def launch_chromium(executable: str | None = None, checks: str | None = None) -> Iterator[Browser]:
    """Headless Chromium (`executable`, else `chromium(checks)`) through Playwright, with a fresh temporary profile.

    Playwright's sync API runs one instance at a time: close this before another test starts its own.
    Without Playwright's package the test is skipped (failed under CI=true) when `checks` is given; otherwise
    the ImportError stands.
    """
    path = executable or chromium(checks)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if checks is None:
            raise
        unavailable("Playwright's Python package is not installed (pip install -e '.[test]')", checks)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """Says nothing when a browser (or Lighthouse) hangs up mid-response; any other error is still printed."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """`folder` served on 127.0.0.1 at a free port; yields the base URL, e.g. `http://127.0.0.1:43121/`."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def pages_of_each_kind(site_dir: Path) -> dict[str, str]:
    """Kind -> one published page of that kind (the largest, so the richest), e.g. `don-vi/<id>/` -> `don-vi/x/`."""
    chosen: dict[str, str] = {"/": "", "404": "404.html"}
    for section in sorted(p for p in site_dir.iterdir() if p.is_dir()):
        if (section / "index.html").is_file():
            chosen[f"{section.name}/"] = f"{section.name}/"
        children = [p for p in section.iterdir() if (p / "index.html").is_file()]
        if children:
            largest = max(children, key=lambda p: ((p / "index.html").stat().st_size, p.name))
            chosen[f"{section.name}/<id>/"] = f"{section.name}/{largest.name}/"
    return chosen
