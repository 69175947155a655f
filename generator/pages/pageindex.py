"""Which pages need rendering again: each page's key, and the index of what the last run rendered from which key.

A page's key is a hash of its template, its context and the generator's code (generator/core/memo.py `code_key`):
the same key gives the same Markdown bytes. A unit or decision page's key is made from its inputs instead
(pages/facts.py `LazyPage`), so an unchanged one costs neither its context nor its Markdown. `PageIndex` keeps, in the
cache folder, every page's key and the hash of the Markdown it gave; pages/generate.py does not render a page whose
key is unchanged and whose file is unchanged on disk (pages/writer.py `trusted`). An edit of one unit's name at
2,000 units renders ~70 of 2,997 pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from generator.core import memo
from generator.core.atomicwrite import write_atomically
from generator.pages.facts import LazyPage, Page
from generator.pages.keys import stable_bytes
from generator.pages.writer import trusted


def page_key(page: Page | LazyPage) -> bytes | None:
    """A hash of the page's template, context (or, for a `LazyPage`, its inputs) and the generator's code: the same
    key, the same Markdown bytes. None for a context that cannot be compared (it is rendered every time)."""
    try:
        if isinstance(page, LazyPage):  # small: hashes and plain values, so no memo (keys.py `stable_bytes`)
            body = b"inputs" + stable_bytes((page.template, page.inputs), fast=True)
        else:
            body = b"context" + stable_bytes((page.template, page.context))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return hashlib.sha256(memo.code_key() + body).digest()


class PageIndex:
    """`pages.index` in the cache folder: each page's key (`page_key`) and the hash of the Markdown it gave, as the
    last run wrote it (for a static file, pages/files.py `FileTask`, also its size). A page whose key is the same and whose file is unchanged on disk (pages/writer.py `trusted`)
    is not rendered again. Without a cache folder nothing is known and every page is rendered."""

    NAME = "pages.index"

    def __init__(self, cache: Path | None) -> None:
        self.path = None if cache is None else cache / self.NAME

    def known(self, docs_dir: Path) -> dict[str, tuple[Any, ...]]:
        """Path -> (key, hash, …) as `save` got it, for the files unchanged on disk since."""
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                last = pickle.load(f)
            os.utime(self.path)  # kept by the cache's pruning (generator/core/memo.py) even if this run fails
        except Exception:  # none yet, or damaged: every page is rendered
            return {}
        on_disk = trusted(docs_dir)
        return {path: entry for path, entry in last.items() if on_disk.get(path) == entry[1]}

    def save(self, index: dict[str, tuple[Any, ...]]) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError):  # no room or no right: the next run renders every page
            write_atomically(self.path, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
