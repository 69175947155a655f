"""The hostile site (records full of `<script>`, `onerror=`, `javascript:`, Jinja and Markdown syntax) in headless
Chromium: no dialog opens, no script from the data runs, every page kind shows the text as typed, and the site
search shows it as text too, whatever is typed into the box or passed in `?h=`.

Debian's Chromium through Playwright's Python package (`executable_path`); skipped without Chromium, except under
CI=true. The hostile records come from tests/test_hostile.py (`build_hostile_project`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from test_hostile import NAME, PAGES, build_hostile_project, flat
from webtools import launch_chromium, serve

from generator.site.build import build_site

# What a payload would leave behind if it ran or became an element.
# (From disk, the site's own search runs in a hidden iframe titled "search": that one is not from the data.)
_INJECTED = "img[src='x'], [onerror], [onclick], [onload], a[href^='javascript:' i], iframe:not([title='search']), object, embed"
_PROBE = f"""() => ({{
    xss: typeof window.__xss,
    injected: document.querySelectorAll("{_INJECTED}").length,
    dataScripts: [...document.scripts].filter(s => /alert\\(|__xss/.test(s.textContent)).length,
    text: document.body.innerText,
}})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = build_hostile_project(tmp_path_factory.mktemp("xss") / "p")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    return project / "site"


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page that records every dialog (and dismisses it) and never leaves 127.0.0.1."""
    context = browser.new_context(locale="vi-VN")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1:", "file://"))
                  else route.abort())
    tab = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab, dialogs
    context.close()


def _settle(tab: Any) -> dict[str, Any]:
    """Let every image fail and every handler fire, then read what the page holds."""
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(300)
    result: dict[str, Any] = tab.evaluate(_PROBE)
    return result


def _url(mode: str, base: str, site: Path, path: str) -> str:
    """A page served over http, or opened from disk as when the site is passed around as a folder."""
    return base + path.removesuffix("index.html") if mode == "http" else (site / path).as_uri()


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_script_from_the_data_runs_and_the_text_is_the_text(base: str, site: Path, page: tuple[Any, list[str]], kind: str,
                                                               mode: str) -> None:
    tab, dialogs = page
    path, expected = PAGES[kind]
    tab.goto(_url(mode, base, site, path))
    seen = _settle(tab)
    assert dialogs == []
    assert seen["xss"] == "undefined", "an onerror payload ran"
    assert seen["injected"] == 0 and seen["dataScripts"] == 0
    text = flat(seen["text"])
    missing = [s for s in expected if s not in text]
    assert not missing, f"{path}: shown differently: {missing}"


def test_highlight_parameter_does_not_inject(base: str, page: tuple[Any, list[str]]) -> None:
    """Material highlights the words of `?h=` on the page a search result opens; the words are text, not HTML."""
    tab, dialogs = page
    tab.goto(base + "don-vi/cb-cao-ngan-sua-chua/?h=" + quote("<img src=x onerror=window.__xss=1> <script>alert(1)</script>"))
    seen = _settle(tab)
    assert dialogs == [] and seen["xss"] == "undefined" and seen["injected"] == 0
    assert f"Chi bộ {NAME}" in flat(seen["text"])


def _search(tab: Any, query: str) -> dict[str, Any]:
    box = tab.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    tab.keyboard.press("End")  # Material searches on key release
    deadline, last, stable = time.monotonic() + 20, None, 0
    while time.monotonic() < deadline:
        now = tab.evaluate("""() => [document.querySelector('.md-search-result__meta')?.textContent || '',
                                     document.querySelectorAll('li.md-search-result__item').length]""")
        stable = stable + 1 if now == last and now[0] else 0
        if stable >= 3:
            break
        last = now
        tab.wait_for_timeout(150)
    tab.wait_for_timeout(300)
    result: dict[str, Any] = tab.evaluate(f"""() => ({{
        xss: typeof window.__xss,
        injected: document.querySelectorAll("{_INJECTED}").length,
        resultScripts: document.querySelectorAll('.md-search-result script').length,
        items: [...document.querySelectorAll('li.md-search-result__item')].map(li => li.textContent),
        box: document.querySelector('input[data-md-component=search-query]').value,
    }})""")
    return result


@pytest.mark.parametrize("query", [
    "<img src=x onerror=window.__xss=1>",
    "<script>alert(1)</script>",
    '"><svg onload=window.__xss=1>',
    "{{ 7*7 }} {% raw %} | * _ [ ] ( ) # > !",
])
def test_typing_hostile_text_into_search_runs_nothing(base: str, page: tuple[Any, list[str]], query: str) -> None:
    tab, dialogs = page
    tab.goto(base)
    _settle(tab)
    seen = _search(tab, query)
    assert dialogs == []
    assert seen["xss"] == "undefined" and seen["injected"] == 0 and seen["resultScripts"] == 0
    assert seen["box"] == query


@pytest.mark.parametrize("mode", ["http", "file"])
def test_search_results_show_record_text_as_text(base: str, site: Path, page: tuple[Any, list[str]], mode: str) -> None:
    tab, dialogs = page
    tab.goto(_url(mode, base, site, "index.html"))
    _settle(tab)
    seen = _search(tab, "alert")
    assert dialogs == [] and seen["xss"] == "undefined" and seen["injected"] == 0 and seen["resultScripts"] == 0
    assert seen["items"], "the hostile pages are found"
    assert any("<script>alert(1)</script>" in flat(item) for item in seen["items"]), seen["items"][:3]
    assert any("<img src=x onerror=window.__xss=1>" in flat(item) for item in seen["items"])
