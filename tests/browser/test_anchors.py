"""Heading anchors are readable ASCII (`Điều kiện` -> `dieu-kien`): nothing outside [a-z0-9-], no letter lost."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import new_context, page_url
from siteindex import html_pages
from webtools import pages_of_each_kind

from generator.core.slugs import toc_slugify
from generator.outputs.search import fold

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r"\bid=\"([^\"]*)\"")
_PERMALINK = re.compile(r"<a class=\"headerlink\".*?</a>", re.DOTALL)


def problems(anchor: str, heading: str) -> list[str]:
    """What is wrong with `anchor` for a heading that reads `heading`; an anchor may shorten the heading
    (`#tieu-chi-1` for “Tiêu chí 1. …”) but every word in it must be a whole word of the heading."""
    found = []
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", anchor):
        found.append("characters outside [a-z0-9-]")
    heading_words = re.findall(r"[a-z0-9]+", fold(heading))
    lost = [w for w in anchor.split("-") if w and w not in heading_words]
    if lost:
        found.append(f"words not in the heading: {lost}")
    return found


def test_the_rule_catches_a_lost_letter() -> None:
    assert problems("ieu-kien-ve-ang-vien", "Điều kiện về đảng viên") == ["words not in the heading: ['ieu', 'ang']"]
    assert problems("dieu-kien-ve-dang-vien", "Điều kiện về đảng viên") == []
    assert problems("nam-2024_1", "Năm 2024") == ["characters outside [a-z0-9-]", "words not in the heading: ['2024_1']"]


def test_a_footnote_mark_is_no_word_of_the_anchor() -> None:
    heading = "1. Tiêu chí mô hình “chi bộ bốn tốt”²"
    assert toc_slugify(heading, "-") == "1-tieu-chi-mo-hinh-chi-bo-bon-tot"
    assert problems(toc_slugify(heading, "-"), heading) == []


def test_every_heading_of_every_page_has_a_readable_anchor(site_dir: Path) -> None:
    bad, count = [], 0
    for path in html_pages(site_dir):
        for match in _HEADING.finditer(path.read_text(encoding="utf-8")):
            anchor = _ID.search(match.group(2))
            if not anchor:
                continue
            count += 1
            text = html.unescape(re.sub(r"<[^>]+>", "", _PERMALINK.sub("", match.group(3)))).strip()
            for problem in problems(anchor.group(1), text):
                bad.append(f"{path.relative_to(site_dir)}: #{anchor.group(1)} for “{text}”: {problem}")
    assert count > 100, "too few headings found: is the site built?"
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("kind", ["/", "tieu-chi/<id>/", "huong-dan/<id>/", "don-vi/<id>/", "nam/<id>/",
                                  "khen-thuong/<id>/", "van-ban/<id>/", "thong-ke/"])
def test_headings_in_the_browser_have_readable_anchors(browser: Any, http_base: str, site_dir: Path, kind: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(page_url("http", http_base, site_dir, pages_of_each_kind(site_dir)[kind]))
        headings = page.locator("article h1[id], article h2[id], article h3[id], article h4[id], article h5[id], "
                                "article h6[id]").evaluate_all(
            "els => els.map(e => [e.id, e.cloneNode(true)])"
            ".map(([id, c]) => { c.querySelectorAll('.headerlink').forEach(a => a.remove()); return [id, c.textContent] })"
        )
    finally:
        context.close()
    assert headings
    bad = [(anchor, text, problems(anchor, text)) for anchor, text in headings if problems(anchor, text)]
    assert not bad
