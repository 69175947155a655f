"""Driving Material's search box the way a reader does, and reading the result list back."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

QUERY = "input[data-md-component=search-query]"
META = ".md-search-result__meta"
ITEMS = "li.md-search-result__item"


@dataclass(frozen=True)
class Result:
    path: str  # the page, as published: `don-vi/x/`, `` for home
    title: str
    text: str  # everything the item shows: title, sections, snippets
    html: str


def site_path(url: str, site_dir: Path) -> str:
    """`http://127.0.0.1:1/don-vi/x/?h=a#b` or `file:///…/site/don-vi/x/index.html` -> `don-vi/x/`."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme == "file":
        path = Path(path).resolve().relative_to(site_dir.resolve()).as_posix()
        path = "" if path == "." else path
    path = path.lstrip("/")
    return path.removesuffix("index.html")


def open_search(page: Any) -> Any:
    """Focus the search box; on a phone the box hides behind the header's search button."""
    box = page.locator(QUERY)
    button = page.locator("label.md-header__button[for=__search]")  # shown on narrow screens only
    if button.is_visible() and not page.locator("#__search").is_checked():  # not when the search is open already
        button.click()
    box.click()
    return box


def type_query(page: Any, query: str) -> None:
    """Type like a person: key by key. Material searches on key release, and Playwright sends letters
    outside a US keyboard as text input only, so such a last letter is followed by a key release (End),
    as a Vietnamese input method's last key press would be."""
    box = open_search(page)
    box.fill("")
    page.keyboard.type(query)
    if query and not query[-1].isascii():
        page.keyboard.press("End")


def _snapshot(page: Any) -> tuple[str, tuple[str, ...]]:
    meta = page.locator(META).inner_text()
    hrefs = page.locator(f"{ITEMS} > a.md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    return meta, tuple(hrefs)


def wait_for_results(page: Any, timeout: float = 15.0) -> str:
    """Wait until the result list shows an answer and has stopped changing; returns the meta line."""
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    deadline = time.monotonic() + timeout
    last, stable = None, 0
    while time.monotonic() < deadline:
        now = _snapshot(page)
        stable = stable + 1 if now == last and now[0] not in ("", placeholder) else 0
        if stable >= 3:
            return now[0]
        last = now
        page.wait_for_timeout(100)
    raise AssertionError(f"the search result list did not settle: {last!r}")


def result_count(meta: str) -> int:
    """`88 tài liệu liên quan` -> 88; no number (nothing found) -> 0."""
    match = re.search(r"\d[\d.,]*", meta)
    return int(re.sub(r"[.,]", "", match.group())) if match else 0


def read_results(page: Any, site_dir: Path, everything: bool = False) -> list[Result]:
    """The result list, one entry per page, best first. Material shows ten and adds more as the list
    is scrolled; with `everything`, scroll until all are there."""
    if everything:
        # Material adds more items each time the list reaches its end (a change of state): leave the
        # end, let a frame pass, return to it; until all are there or nothing more comes.
        page.evaluate(
            """async total => {
                const wrap = document.querySelector('.md-search__scrollwrap');
                const count = () => document.querySelectorAll('li.md-search-result__item').length;
                const frame = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));
                for (let stalls = 0; count() < total && stalls < 20;) {
                    const before = count();
                    wrap.scrollTop = Math.max(0, wrap.scrollHeight - wrap.clientHeight - 200);
                    await frame();
                    wrap.scrollTop = wrap.scrollHeight;
                    await frame(); await frame();
                    stalls = count() > before ? 0 : stalls + 1;
                }
            }""",
            result_count(page.locator(META).inner_text()),
        )
    items = page.locator(ITEMS).evaluate_all(
        """els => els.map(li => {
            const article = li.querySelector('a.md-search-result__link');
            return {href: article.href, title: article.querySelector('h1, h2').textContent,
                    text: li.textContent, html: li.innerHTML};
        })"""
    )
    return [Result(site_path(i["href"], site_dir), i["title"], i["text"], i["html"]) for i in items]


def search(page: Any, query: str, site_dir: Path, everything: bool = False) -> tuple[int, list[Result]]:
    """Type `query`, wait for the answer, return (the count Material shows, the results)."""
    type_query(page, query)
    meta = wait_for_results(page)
    return result_count(meta), read_results(page, site_dir, everything)
