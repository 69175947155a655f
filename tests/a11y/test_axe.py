"""axe-core on one page of each kind, at desktop and phone width; pages fit a 390 px phone; focus is visible.

axe runs with its default rules (WCAG 2.0-2.2 A and AA, and best practices) and any violation fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11ykit import AXE_JS, SCREENSHOTS, need_node_module, pages_of_each_kind

PHONE = 390
KINDS = ("tieu-chi/<id>/", "huong-dan/<id>/", "don-vi/", "don-vi/<id>/", "nam/<id>/", "khen-thuong/",
         "khen-thuong/<id>/", "van-ban/", "van-ban/<id>/", "thong-ke/", "du-lieu/", "bao-cao/<id>/")


def open_page(browser: Any, url: str, width: int) -> Any:
    ctx = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844}, locale="vi-VN")
    # Nothing outside the test server: the site must not need the internet.
    ctx.route(lambda u: not u.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")), lambda route: route.abort())
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    # Material has wrapped the tables (and assets/bang-cuon.js marked the ones that scroll).
    page.wait_for_function("!document.querySelector('article table') || !!document.querySelector('.md-typeset__scrollwrap')")
    page.wait_for_timeout(50)
    return page


@pytest.fixture
def pages(a11y_browser: Any) -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for page in opened:
        page.context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE_JS))
    return list(page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}))"""
    ))


def describe(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for path, violations in found.items():
        for v in violations:
            lines.append(f"/{path}: {v['id']} ({v['impact']}) — {v['help']}")
            lines += [f"    {n['target']}: {' '.join(n['summary'].split())[:300]}" for n in v["nodes"][:10]]
            if len(v["nodes"]) > 10:
                lines.append(f"    … {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def test_sample_site_has_every_page_kind(a11y_site: Path) -> None:
    assert set(KINDS) <= set(pages_of_each_kind(a11y_site)), sorted(pages_of_each_kind(a11y_site))


@pytest.mark.parametrize("width", [1280, PHONE])
def test_no_axe_violation(a11y_site: Path, a11y_base: str, a11y_browser: Any, pages: list[Any], width: int) -> None:
    need_node_module(AXE_JS)
    found = {}
    for path in pages_of_each_kind(a11y_site).values():
        page = open_page(a11y_browser, a11y_base + path, width)
        pages.append(page)
        assert page.evaluate("document.documentElement.lang") == "vi", path
        if violations := run_axe(page):
            found[path] = violations
        page.context.close()
        pages.remove(page)
    assert not found, f"axe-core at {width} px:\n{describe(found)}"


def test_pages_fit_a_phone(a11y_site: Path, a11y_base: str, a11y_browser: Any, pages: list[Any]) -> None:
    too_wide = {}
    for path in pages_of_each_kind(a11y_site).values():
        page = open_page(a11y_browser, a11y_base + path, PHONE)
        pages.append(page)
        if (width := page.evaluate("document.documentElement.scrollWidth")) > PHONE:
            too_wide[path] = width
    assert not too_wide, f"pages wider than {PHONE} px (the whole page scrolls sideways): {too_wide}"


WIDE_TABLES = """() => [...document.querySelectorAll("article table")].map(table => {
    const box = table.closest(".md-typeset__scrollwrap");
    if (!box) return {caption: table.caption && table.caption.textContent, box: false};
    const stacked = table.hasAttribute("data-bt-stack");
    const cells = [...table.querySelectorAll("tbody td")];
    const labels = cells.filter(td => getComputedStyle(td, "::before").content.replace(/"/g, "").trim()).length;
    const wide = box.scrollWidth > box.clientWidth + 1;
    box.scrollLeft = box.scrollWidth;
    const head = table.rows[0].cells, last = head[head.length - 1].getBoundingClientRect();
    const rect = box.getBoundingClientRect(), own = table.getBoundingClientRect();
    const hint = box.closest(".bt-scroll") && box.closest(".bt-scroll").querySelector(".bt-scroll-hint:not([hidden])");
    return {caption: table.caption && table.caption.textContent, box: true, wide: wide, stacked: stacked,
            cells: cells.length, labels: labels, tableRight: own.right,
            overflow: getComputedStyle(box).overflowX, boxLeft: rect.left, boxRight: rect.right,
            lastLeft: last.left, lastRight: last.right, tabindex: box.getAttribute("tabindex"),
            name: box.getAttribute("aria-label"), hint: hint ? hint.textContent : null};
})"""


@pytest.mark.parametrize("kind", ["don-vi/<id>/", "nam/<id>/", "khen-thuong/<id>/", "/", "thong-ke/"])
def test_tables_fit_a_phone_stacked_or_scrolling(a11y_site: Path, a11y_base: str, a11y_browser: Any, pages: list[Any], kind: str) -> None:
    """At 390 px a table either stacks (each row a card of “label: value” lines, every cell labelled) or scrolls
    inside its box with a line saying so, reachable by keyboard and named; nothing is cut off for good."""
    path = pages_of_each_kind(a11y_site)[kind]
    page = open_page(a11y_browser, a11y_base + path, PHONE)
    pages.append(page)
    tables = page.evaluate(WIDE_TABLES)
    assert tables, f"/{path}: no table"
    if kind in ("don-vi/<id>/", "nam/<id>/"):
        assert any(t.get("wide") for t in tables), f"/{path}: no table wider than a {PHONE} px phone; this check checks nothing"
    if kind in ("khen-thuong/<id>/", "/"):
        assert any(t.get("stacked") for t in tables), f"/{path}: no stacked table; this check checks nothing"
    for t in tables:
        assert t["box"], f"/{path}: table {t['caption']!r} is not in a scroll box"
        assert t["boxLeft"] >= 0 and t["boxRight"] <= PHONE, f"/{path}: the box of {t['caption']!r} is cut off: {t}"
        if t["stacked"]:
            assert not t["wide"] and t["tableRight"] <= PHONE, f"/{path}: stacked table wider than the phone: {t}"
            assert t["labels"] == t["cells"] > 0, f"/{path}: a stacked cell shows no column name: {t}"
        elif t["wide"]:
            assert t["overflow"] in ("auto", "scroll"), t
            # Scrolled to the end, the last column is on screen: nothing is cut off for good.
            assert t["lastRight"] <= t["boxRight"] + 1 and t["lastLeft"] >= t["boxLeft"] - 1, f"/{path}: {t}"
            # Reachable by keyboard (arrow keys scroll it), named for screen readers, and says it scrolls.
            assert t["tabindex"] == "0" and t["name"], f"/{path}: {t}"
            assert t["hint"] and "vuốt ngang" in t["hint"], f"/{path}: a table scrolls without saying so: {t}"


def test_focus_is_visible(a11y_site: Path, a11y_base: str, a11y_browser: Any, pages: list[Any]) -> None:
    """The first 25 stops of the Tab key on a unit page each show a focus ring of at least 2 px."""
    page = open_page(a11y_browser, a11y_base + pages_of_each_kind(a11y_site)["don-vi/<id>/"], 1280)
    pages.append(page)
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {what: e.tagName + (e.className && typeof e.className == "string" ? "." + e.className.split(" ")[0] : "")
                          + " " + (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30),
                    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
                    shadow: s.boxShadow !== "none"}; }""")
        if not (ring["outline"] or ring["shadow"]):
            unseen.append(ring["what"])
    assert not unseen, f"focused without a visible focus ring: {unseen}"


@pytest.mark.parametrize(("kind", "name"), [("don-vi/<id>/", "don-vi"), ("khen-thuong/<id>/", "quyet-dinh")])
def test_phone_screenshots(a11y_site: Path, a11y_base: str, a11y_browser: Any, pages: list[Any], kind: str, name: str) -> None:
    """Full-page screenshots at 390 px for a person to look at: test-artifacts/screenshots/a11y-390-*.png."""
    page = open_page(a11y_browser, a11y_base + pages_of_each_kind(a11y_site)[kind], PHONE)
    pages.append(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"a11y-{PHONE}-{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
