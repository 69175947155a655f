"""What the built site holds, read from its files: the search index and one page of each kind."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from generator.outputs.search import fold

STOP_WORDS = {"là", "cái", "nhưng", "mà"}  # left out of the words tests pick (the old lunr.vi dropped them; the worker keeps them)


def load_index(site_dir: Path) -> dict[str, Any]:
    return dict(json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8")))


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


def plain(entry: dict[str, Any]) -> str:
    """Title and text of an index entry as a reader sees them: no tags, NFC, lower case."""
    text = re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}")
    return unicodedata.normalize("NFC", html.unescape(text)).lower()


def words(index: dict[str, Any], entry: dict[str, Any]) -> list[str]:
    """The words of an entry as the search worker splits them (the index's own separator), lower case."""
    text = unicodedata.normalize("NFC", re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}"))
    separator = re.compile(index["config"]["separator"])
    return [w.lower() for w in separator.split(text) if w and w.lower() not in STOP_WORDS]


def pages_with_phrase(index: dict[str, Any], phrase: str) -> set[str]:
    """Pages with an entry that contains `phrase` (case aside) as written, diacritics and all."""
    phrase = unicodedata.normalize("NFC", phrase).lower()
    return {page_of(e["location"]) for e in index["docs"] if phrase in plain(e)}


def pages_with_word_prefix(index: dict[str, Any], prefix: str, folded: bool) -> set[str]:
    """Pages with a word that starts with `prefix`, compared as written or both folded."""
    key = fold(prefix) if folded else prefix.lower()
    found = set()
    for entry in index["docs"]:
        for word in words(index, entry):
            if (fold(word) if folded else word).startswith(key):
                found.add(page_of(entry["location"]))
                break
    return found


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))
