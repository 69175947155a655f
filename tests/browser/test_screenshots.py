"""Screenshots for a person to look at: home, a unit page and a search result, on a desktop and a phone.

Written to test-artifacts/screenshots/ (ignored by git) on every run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import SCREENSHOTS, new_context, page_url
from searchbox import search
from webtools import pages_of_each_kind

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.mark.parametrize("device", WIDTHS)
def test_screenshots(browser: Any, http_base: str, site_dir: Path, device: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser, WIDTHS[device])
    try:
        page = context.new_page()
        page.goto(page_url("http", http_base, site_dir, ""))
        page.screenshot(path=SCREENSHOTS / f"home-{device}.png", full_page=True)

        page.goto(page_url("http", http_base, site_dir, pages_of_each_kind(site_dir)["don-vi/<id>/"]))
        page.screenshot(path=SCREENSHOTS / f"unit-{device}.png", full_page=True)

        count, results = search(page, "bon tot", site_dir)
        assert count and results
        page.screenshot(path=SCREENSHOTS / f"search-bon-tot-{device}.png")
    finally:
        context.close()
    for name in ("home", "unit", "search-bon-tot"):
        assert (SCREENSHOTS / f"{name}-{device}.png").stat().st_size > 10_000
