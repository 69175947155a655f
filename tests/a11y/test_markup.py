"""Every published page, read from its HTML (no browser): language, title and description, headings in order,
named tables with header text, images and charts with a text alternative. axe checks one page of each kind
in Chromium (test_axe.py); these checks cover all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest


@dataclass
class Table:
    caption: str | None = None
    headers: list[str] = field(default_factory=list)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.description: str | None = None
        self.redirect = False
        self.headings: list[tuple[int, str]] = []
        self.tables: list[Table] = []
        self.images: list[str] = []  # problems
        self._text: list[str] | None = None  # collecting the text of a title, heading, caption or th
        self._into = ""
        self._svg: list[dict[str, str | None]] = []
        self._svg_titled: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content") or ""
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.redirect = True
        elif tag == "img" and not (a.get("alt") is not None or a.get("aria-hidden") == "true"):
            self.images.append(f"<img src={a.get('src')!r}> without alt")
        elif tag == "svg":
            self._svg.append(a)
            self._svg_titled.append(False)
        elif tag == "title" and self._svg:
            self._svg_titled[-1] = True
        elif tag == "table":
            self.tables.append(Table())
        if tag in ("title", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "th") and not self._svg:
            self._text, self._into = [], tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg:
            a, titled = self._svg.pop(), self._svg_titled.pop()
            if a.get("role") == "img" and not (titled or a.get("aria-label") or a.get("aria-labelledby")):
                self.images.append(f"<svg id={a.get('id')!r} role=img> without a title")
        if self._text is None or tag != self._into:
            return
        text = " ".join("".join(self._text).replace("¶", "").split())
        if tag == "title":
            self.title = text
        elif tag == "caption":
            self.tables[-1].caption = text
        elif tag == "th":
            self.tables[-1].headers.append(text)
        else:
            self.headings.append((int(tag[1]), text))
        self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def problems(page: Page) -> list[str]:
    found = []
    if page.lang != "vi":
        found.append(f'<html lang="{page.lang}">, not "vi"')
    if not page.title:
        found.append("no <title>")
    if page.redirect:  # a forwarding stub for a former address: nothing else to read
        return found
    if not (page.description or "").strip():
        found.append('no <meta name="description">')
    levels = [level for level, _ in page.headings]
    if levels.count(1) != 1 or levels[0] != 1:
        found.append(f"not one <h1> first: {page.headings[:3]}")
    for (before, _), (level, text) in zip(page.headings, page.headings[1:], strict=False):
        if level > before + 1:
            found.append(f"<h{level}> {text!r} right after an <h{before}>")
    for n, table in enumerate(page.tables, 1):
        if not table.caption:
            found.append(f"table {n} has no <caption>")
        if not table.headers or not all(table.headers):
            found.append(f"table {n} ({table.caption!r}) has empty header cells: {table.headers}")
    return found + page.images


def test_every_page(a11y_site: Path) -> None:
    pages = sorted(a11y_site.rglob("*.html"))
    assert len(pages) > 50
    found = {str(p.relative_to(a11y_site)): probs for p in pages if (probs := problems(read(p)))}
    assert not found, "\n".join(f"{path}: {'; '.join(probs)}" for path, probs in found.items())


@pytest.mark.parametrize(("html", "expected"), [
    ('<html lang="vi"><title>T</title><meta name="description" content="d"><h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>', []),
    ('<html lang="en"><title>T</title><meta name="description" content="d"><h1>A</h1>', ['<html lang="en">, not "vi"']),
    ('<html lang="vi"><title>T</title><h1>A</h1><h3>C</h3>', ['no <meta name="description">', "<h3> 'C' right after an <h1>"]),
    ('<html lang="vi"><title>T</title><meta name="description" content="d"><h1>A</h1><table><tr><th></th><th>x</th></tr></table>',
     ["table 1 has no <caption>", "table 1 (None) has empty header cells: ['', 'x']"]),
    ('<html lang="vi"><title>T</title><meta name="description" content="d"><h1>A</h1><img src="a.png"><svg role="img"></svg>'
     '<svg role="img"><title>ok</title></svg><svg><path/></svg>',
     ["<img src='a.png'> without alt", "<svg id=None role=img> without a title"]),
])
def test_the_checks_find_what_they_look_for(html: str, expected: list[str]) -> None:
    page = Page()
    page.feed(html)
    assert problems(page) == expected
