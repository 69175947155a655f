"""Shared by the browser tests: where things are, page addresses, what counts as local."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitetools import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"
MODES = ("http", "file")


def page_url(mode: str, http_base: str, site_dir: Path, path: str) -> str:
    """The address of a published page (`don-vi/x/`, `` for home) served over http or opened from disk."""
    if mode == "http":
        return http_base + path
    target = site_dir / path
    return (target / "index.html" if path == "" or path.endswith("/") else target).as_uri()


def is_local(url: str, site_dir: Path | None) -> bool:
    """True for the test server, for files (inside `site_dir`, when given) and for in-page URLs."""
    if url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
        return True
    if url.startswith("file://"):
        path = Path(unquote(urlsplit(url).path))
        return site_dir is None or path.resolve().is_relative_to(site_dir.resolve())
    return False


def new_context(browser: Any, width: int = 1280) -> Any:
    """A fresh browser context. Requests outside 127.0.0.1 and file:// are stopped before the network."""
    ctx = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844}, locale="vi-VN")
    ctx.route(lambda url: not is_local(url, None), lambda route: route.abort())
    return ctx
