"""Small, pure rewrites of a page's HTML after Markdown (called from the MkDocs hook's `on_page_content`).

`caption_tables` gives every table a name for screen readers: a `<caption>` holding the text of the
nearest heading above it (the page title when there is none). The caption is visually hidden because
that heading is right above the table on screen already, and kept out of the search index, which has the
heading. Tables that have a caption keep it. `keep_together` keeps each document symbol, date and file size
on one line.
"""

from __future__ import annotations

import html as htmllib
import re

_HEADING_OR_TABLE = re.compile(r"<h([1-6])\b[^>]*>(?P<heading>.*?)</h\1\s*>|<table\b(?P<attrs>[^>]*)>(?P<after>\s*<caption\b)?", re.I | re.S)
_HEADERLINK = re.compile(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
CAPTION_CLASS = "bt-sr-only"


def heading_text(inner_html: str) -> str:
    """The text of a heading's inner HTML: permalink anchor and tags dropped, entities kept as escaped."""
    text = " ".join(_TAG.sub("", _HEADERLINK.sub("", inner_html)).split())
    return text.replace("<", "&lt;")  # a stray "<" (no tag) must not open one inside the caption


def caption_tables(html: str, title: str = "") -> str:
    """`html` with a visually hidden `<caption>` (text of the nearest heading above) in each table without one.

    `title`, the page title as plain text or with entities, names tables that come before any heading;
    with no text at all such a table is left as it is.
    """
    out: list[str] = []
    last = 0
    current = htmllib.escape(htmllib.unescape(title), quote=False)
    for match in _HEADING_OR_TABLE.finditer(html):
        if match.group("heading") is not None:
            current = heading_text(match.group("heading")) or current
            continue
        if match.group("after") is not None or not current:
            continue
        out.append(html[last : match.end("attrs") + 1])
        out.append(f'<caption class="{CAPTION_CLASS}" data-search-exclude>{current}</caption>')
        last = match.end("attrs") + 1
    out.append(html[last:])
    return "".join(out)


# A document symbol (1288-KH/ĐU, 36-HD/VPTW, with its “Số ” when it has one), a short date (05/02/2024), a file size (752 B, 1,2 KB): a browser
# may break a line after "/" or at the space, and "Số 58-QĐ/ | ĐU" no longer reads as a number. Each is set in
# a nowrap span (site_src/assets/bontot.css, `.bt-nw`): the text itself is unchanged, so search and copy-paste
# see the same characters (no U+2060 or U+2011 to trip a search for “1288-KH/ĐU”).
_TOKEN = re.compile(r"(?:Số )?\d+-[A-ZĐ]+(?:-[A-ZĐ]+)*/[A-ZĐ]+(?:-[A-ZĐ]+)*|\b\d{2}/\d{2}/\d{4}\b|\b\d+(?:,\d+)? (?:B|KB|MB)\b")
_TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW = re.compile(r"<(svg|script|style|pre|code|textarea|title)\b", re.I)
NOWRAP_CLASS = "bt-nw"


def keep_together(html: str) -> str:
    """`html` with each document symbol, date and size in the text wrapped in `<span class="bt-nw">`; tags,
    attributes and the contents of svg, script, style, pre, code and title are left as they are."""
    if "<!--" in html or _RAW.search(html):
        return keep_together_by_piece(html)
    # No comment, no raw element: only the text between tags matters. Its pieces are searched as one string, a
    # "<" standing for each tag: no symbol holds a "<", and like the tag it ends a word. The walk's search of each
    # piece in turn cost ~3 ms a unit page, 4 s of CPU in each MkDocs process at 2,000 units (docs/performance.md).
    pieces = _TAG_OR_TEXT.split(html)  # text, tag, text, …, tag, text
    texts = pieces[::2]
    last = len(texts) - 1
    if texts[last].startswith("<"):
        texts[last] = ""  # the last text, when a "<" that nothing closes starts it, is taken for a tag by the walk
    joined = "<".join(texts)
    text = at = 0
    wrapped = -1
    for match in _TOKEN.finditer(joined):
        text += joined.count("<", at, match.start())  # only the last text can hold a "<" of its own
        at = match.start()
        if min(text, last) > wrapped:  # the walk's substitution, once per text that holds a symbol
            wrapped = min(text, last)
            pieces[2 * wrapped] = _TOKEN.sub(_nowrap, pieces[2 * wrapped])
    return "".join(pieces)


def _nowrap(match: re.Match[str]) -> str:
    return f'<span class="{NOWRAP_CLASS}">{match.group()}</span>'


def keep_together_by_piece(html: str) -> str:
    """`keep_together` walking `html` tag by tag, for a page with comments or raw elements (and the reference
    its quicker way is tested against: tests/test_htmlpost.py)."""
    if not _TOKEN.search(html):
        return html
    out: list[str] = []
    raw: str | None = None  # the element whose contents are left alone, while inside it
    for piece in _TAG_OR_TEXT.split(html):
        if piece.startswith("<"):
            if raw is None and (opening := _RAW.match(piece)) and not piece.endswith("/>"):
                raw = opening.group(1).lower()
            elif raw is not None and re.match(rf"</{raw}\s*>", piece, re.I):
                raw = None
            out.append(piece)
        elif raw is None and _TOKEN.search(piece):
            out.append(_TOKEN.sub(_nowrap, piece))
        else:
            out.append(piece)
    return "".join(out)
