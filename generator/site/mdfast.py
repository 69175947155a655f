"""Markdown extension: text with nothing inline-special in it skips Python-Markdown's inline patterns.

Python-Markdown runs every inline pattern (code, escapes, links, images, autolinks, raw HTML, entities,
emphasis, line breaks) over every text node, about 30 µs for a table cell that says `Đạt`. A unit page has
~150 such cells, and at 2,000 units that was a quarter of the build (issue 7). None of those patterns can
match text without the characters they start with, so such text is marked atomic (left as it is) before
the inline phase; a text that is exactly one simple link or one bold run becomes that element directly.
The output is the same HTML, byte for byte (tests/test_mdfast.py converts every page of the site and
random text with and without the extension).

The safe characters are known only for Python-Markdown's own inline patterns: when another extension adds
a pattern this module does not know, or a second inline phase (smarty), it turns itself off rather than guess.

    markdown_extensions:
      - generator.site.mdfast
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

# The inline patterns of Python-Markdown 3.x (markdown.inlinepatterns.build_inlinepatterns) and what their
# matches must contain: backtick, backslash, `[` (links, images, references), `<` (autolinks, raw HTML), `&`
# (entities), `*` and `_` (emphasis), two spaces before a newline (line break). \x02 starts a placeholder.
KNOWN_PATTERNS = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong", "em_strong", "em_strong2",
})
_SPECIAL = re.compile(r"[`\\\[<&*_\x02]| \n")
# A whole text that is one link or one bold run with plain words in it: the generated tables are full of
# them (`[2024](../nam/2024.md)`, `**Đạt**`). Built here as Python-Markdown would build them.
_PLAIN = r"[^`\\\[\]<&*_\x02\n]+"
_LINK = re.compile(rf"\[({_PLAIN})\]\(([^\s()<>\"'`\\&*_\[\]\x02]+)\)")
_STRONG = re.compile(rf"\*\*({_PLAIN})\*\*")


class PlainText(Treeprocessor):
    """Marks plain text atomic so the inline processor (priority 20) passes it by."""

    def run(self, root: etree.Element) -> None:
        patterns = self.md.inlinePatterns
        if sum(name in patterns for name in KNOWN_PATTERNS) != len(patterns):
            return  # an extension added an inline pattern: its trigger characters are unknown here
        if any(isinstance(p, InlineProcessor) for p in self.md.treeprocessors if p is not self.md.treeprocessors["inline"]):
            return  # a second inline phase (smarty's quotes and dashes) would skip atomic text too
        special, link, strong = _SPECIAL.search, _LINK.fullmatch, _STRONG.fullmatch
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString):
                if not special(text):
                    element.text = AtomicString(text)
                elif len(element) == 0 and element.tag not in ("code", "pre"):
                    if match := link(text):
                        label, href = match.groups()
                        if label.strip() == label:  # Python-Markdown strips the spaces of a label; leave those to it
                            element.text = None
                            anchor = etree.SubElement(element, "a", {"href": href})
                            anchor.text = AtomicString(label)
                    elif (match := strong(text)) and match.group(1).strip() == match.group(1):
                        element.text = None
                        etree.SubElement(element, "strong").text = AtomicString(match.group(1))
            tail = element.tail
            if tail and not isinstance(tail, AtomicString) and not special(tail):
                element.tail = AtomicString(tail)


class PlainTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PlainText(md), "bontot_plain_text", 25)


def makeExtension(**kwargs: Any) -> PlainTextExtension:
    return PlainTextExtension(**kwargs)
