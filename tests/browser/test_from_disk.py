"""The built folder opened from disk (file://), as when it is copied from a zip: reader navigates and searches."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from browserkit import page_url
from searchbox import type_query, wait_for_results


def _h1(page: Any) -> str:
    return str(page.locator("article h1").first.inner_text()).replace("¶", "").strip()


def test_reader_navigates_from_disk_by_tabs_and_links(context: Any, site_dir: Path) -> None:
    page = context.new_page()
    page.goto(page_url("file", "", site_dir, ""))
    assert page.locator(".md-search").is_visible(), "the search box is hidden"

    with page.expect_navigation():
        page.locator("a.md-tabs__link", has_text="Đơn vị").click()
    assert page.url == (site_dir / "don-vi" / "index.html").as_uri()
    assert _h1(page) == "Đơn vị"

    unit = page.locator("article li a").first
    name = unit.inner_text()
    with page.expect_navigation():
        unit.click()
    assert re.search(r"/don-vi/[a-z0-9-]+/index\.html$", page.url), page.url
    assert _h1(page) == name

    page.go_back()
    with page.expect_navigation():
        page.locator("a.md-tabs__link", has_text="Trang chủ").click()
    assert page.url == (site_dir / "index.html").as_uri()


def test_every_link_to_a_folder_points_at_its_index_file(context: Any, site_dir: Path) -> None:
    page = context.new_page()
    page.goto(page_url("file", "", site_dir, "don-vi/"))
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(a => a.href)")
    folders = [h for h in hrefs if h.startswith("file:") and h.split("#")[0].split("?")[0].endswith("/")]
    assert not folders, folders[:5]
    targets = {h.split("#")[0].split("?")[0] for h in hrefs if h.startswith("file:")}
    missing = [t for t in targets if not Path(t.removeprefix("file://")).is_file()]
    assert not missing, missing[:5]


def test_reader_searches_from_disk_and_opens_the_best_result(context: Any, site_dir: Path) -> None:
    page = context.new_page()
    page.goto(page_url("file", "", site_dir, "huong-dan/"))

    type_query(page, "phan xuong sua chua")
    wait_for_results(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert re.search(r"/don-vi/[a-z0-9-]+/index\.html", page.url), page.url
    assert "Phân xưởng Sửa chữa" in _h1(page)
