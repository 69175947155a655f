"""Small, pure rewrites of a page's HTML after Markdown (called from the MkDocs hook's `on_page_content`).

`caption_tables` gives every table a name for screen readers: a `<caption>` holding the text of the
nearest heading above it (the page title when there is none). The caption is visually hidden because
that heading is right above the table on screen already, and kept out of the search index, which has the
heading. Tables that have a caption keep it.
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
