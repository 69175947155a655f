"""No request leaves the site: one page of each kind, served and from disk, with the search in use; and no
page refers to an outside resource at all (scripts, styles, fonts, images, frames, preconnect hints)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browserkit import MODES, is_local, new_context, page_url
from searchbox import search
from siteindex import html_pages
from webtools import pages_of_each_kind

# Attributes through which a page makes the browser fetch something by itself (not links a reader follows).
_FETCHING = re.compile(
    r"<(?:script|img|iframe|frame|embed|source|audio|video|track|input|object)\b[^>]*?\s(?:src|srcset|data|poster)=\"([^\"]*)\""
    r"|<link\b[^>]*?\shref=\"([^\"]*)\"",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)
_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)", re.IGNORECASE)


def _external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.IGNORECASE))


def test_pages_of_each_kind_exist(site_dir: Path) -> None:
    kinds = pages_of_each_kind(site_dir)
    for kind in ("/", "tieu-chi/<id>/", "huong-dan/", "huong-dan/<id>/", "don-vi/", "don-vi/<id>/", "nam/",
                 "nam/<id>/", "khen-thuong/", "khen-thuong/<id>/", "van-ban/", "van-ban/<id>/", "thong-ke/", "404"):
        assert kind in kinds, f"no page of kind {kind}"


KINDS = ["/", "tieu-chi/<id>/", "huong-dan/<id>/", "don-vi/", "don-vi/<id>/", "nam/<id>/", "khen-thuong/",
         "khen-thuong/<id>/", "van-ban/<id>/", "thong-ke/", "404"]
# 404.html is a web server's page: its links start at the server's root, so it is not opened from disk.
CASES = [(mode, kind) for mode in MODES for kind in KINDS if (mode, kind) != ("file", "404")]


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, why): failed or answered 4xx/5xx


@pytest.fixture(scope="module")
def visits(browser: Any, http_base: str, site_dir: Path) -> Callable[[str, str], Visit]:
    """Visit a page of a kind once per mode (scrolled, searched on two kinds), recording every request."""
    done: dict[tuple[str, str], Visit] = {}

    def visit(mode: str, kind: str) -> Visit:
        if (mode, kind) in done:
            return done[(mode, kind)]
        path = pages_of_each_kind(site_dir)[kind]
        record = done[(mode, kind)] = Visit()
        context = new_context(browser)
        context.on("request", lambda request: record.requests.append(request.url))
        context.on("requestfailed", lambda request: record.failed.append((request.url, str(request.failure))))
        context.on("response", lambda response: response.status >= 400 and record.failed.append(
            (response.url, str(response.status))))
        try:
            page = context.new_page()
            page.goto(page_url(mode, http_base, site_dir, path), wait_until="load")
            page.mouse.wheel(0, 20000)
            if kind in ("/", "don-vi/<id>/"):
                search(page, "bon tot", site_dir)  # the worker and the index load now
            page.wait_for_timeout(200)
        finally:
            context.close()
        return record

    return visit


@pytest.mark.parametrize(("mode", "kind"), CASES)
def test_page_requests_nothing_outside_the_site(visits: Callable[[str, str], Visit], site_dir: Path, mode: str, kind: str) -> None:
    record = visits(mode, kind)
    assert record.requests, "no request was recorded"
    outside = sorted({url for url in record.requests if not is_local(url, site_dir)})
    assert not outside, f"{kind} ({mode}) requested {outside}"


@pytest.mark.parametrize(("mode", "kind"), CASES)
def test_page_loads_everything_it_asks_for(visits: Callable[[str, str], Visit], site_dir: Path, mode: str, kind: str) -> None:
    failed = [f"{url} ({why})" for url, why in visits(mode, kind).failed if is_local(url, site_dir)]
    assert not failed, f"{kind} ({mode}): {failed}"


def test_no_page_refers_to_an_outside_resource(site_dir: Path) -> None:
    found = []
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        for match in _FETCHING.finditer(text):
            url = match.group(1) or match.group(2) or ""
            if _external(url):
                found.append(f"{path.relative_to(site_dir)}: {match.group(0)[:120]}")
    for path in sorted(site_dir.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        for url in _CSS_URL.findall(text) + _IMPORT.findall(text):
            if _external(url):
                found.append(f"{path.relative_to(site_dir)}: {url}")
    assert not found, "\n".join(found[:20])


def test_no_web_fonts_or_connection_hints(site_dir: Path) -> None:
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
        assert not re.search(r"rel=\"(?:preconnect|dns-prefetch|prefetch|prerender)\"", text), path
