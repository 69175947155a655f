"""Pages in the nav that an incremental build does not render: their titles, kept from the build that rendered them.

Every page shows the nav, so every page shows the title of each page in it (and Material reads each one's front
matter for an icon or a status). MkDocs knows a title only once it has read and rendered the page, so an
incremental build used to render every nav page (home, criteria, guidance, the index pages, statistics), whatever
changed: at 2,000 units the unit tree, the lists of decisions and documents and the statistics are the biggest
pages of the site, ~0.6 s of every edit. Now each build that renders a nav page remembers its title and front
matter with the hash of its Markdown and the build's key (generator/site/incremental.py `site_key`: the
configuration, the code and the libraries that turn Markdown into a title). An incremental build leaves out a nav
page whose Markdown is unchanged and gives the nav its remembered title and front matter (`restore`), so every
page it renders shows the nav a full build shows (tests/test_incremental.py compares them byte for byte). A
page without a remembered title, or whose Markdown or key changed, is rendered as before.

A nav page that an incremental build renders because its Markdown changed may have a new title: then every page's
nav changes, and the build becomes a full one (`check`, `NavChanged`). Before this, an edited title of a guidance
page stayed in the nav of every page that was not rendered again.

The record (`.bontot-cache/nav/pages.pickle`) is in its own folder: the cache's pruning (generator/core/memo.py)
keeps only the files directly in `.bontot-cache/` that the last generation used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

FOLDER, NAME = "nav", "pages.pickle"  # in .bontot-cache/
ENV = "BONTOT_NAV_PAGES"  # "<path of the record>\n<the build's key>"; unset: nothing remembered or left out
KEYS_KEPT = 4  # `bontot build` and `bontot serve` build into different folders, hence with different keys

# This build's nav pages left out (source path -> (title, front matter)), and its nav: set by the hooks below.
left_out: dict[str, tuple[str, dict[str, Any]]] = {}
_nav: list[Any] = []


class NavChanged(Exception):
    """An incremental build rendered a nav page whose title or front matter is not the one remembered: the nav of
    every page changes, so the pages it leaves out would show the old one. generator/site/build.py builds the
    whole site instead."""


def _setting() -> tuple[Path, str] | None:
    value = os.environ.get(ENV, "")
    path, _, key = value.partition("\n")
    return (Path(path), key) if path and key else None


def _read(path: Path) -> dict[str, dict[str, tuple[str, str, dict[str, Any]]]]:
    try:
        with open(path, "rb") as f:
            records = pickle.load(f)
        return records if isinstance(records, dict) else {}
    except Exception:  # none yet, or damaged: every nav page is rendered
        return {}


def _digest(file: Any) -> str | None:
    try:
        return hashlib.sha256(Path(file.abs_src_path).read_bytes()).hexdigest()
    except (OSError, TypeError):
        return None


def leave_out(pages: list[Any], wanted: set[str]) -> list[Any]:
    """Of the nav's `pages` (MkDocs `File`s) not in `wanted`, those whose title is remembered for their current
    Markdown under this build's key: they need not be rendered (the caller excludes them). Called from `on_files`."""
    left_out.clear()
    setting = _setting()
    if setting is None:
        return []
    known = _read(setting[0]).get(setting[1], {})
    chosen = []
    for file in pages:
        entry = known.get(file.src_uri)
        if file.src_uri not in wanted and entry is not None and entry[0] == _digest(file):
            left_out[file.src_uri] = (entry[1], entry[2])
            chosen.append(file)
    return chosen


def restore(nav: Any) -> None:
    """Give each nav page left out its remembered title and front matter (MkDocs' `on_nav`)."""
    _nav[:] = [nav]
    for page in nav.pages:
        kept = left_out.get(page.file.src_uri)
        if kept is not None:
            page.title, page.meta = kept[0], dict(kept[1])


def check() -> None:
    """In an incremental build, once MkDocs has read and rendered its pages (`on_env`): raise NavChanged when a nav
    page it rendered has a title or front matter other than the remembered one, or none is remembered."""
    setting = _setting()
    if setting is None or not _nav:
        return
    known = _read(setting[0]).get(setting[1], {})
    for page in _nav[0].pages:
        if page.markdown is None:  # left out: unchanged
            continue
        entry = known.get(page.file.src_uri)
        if entry is None or (entry[1], entry[2]) != (str(page.title or ""), dict(page.meta)):
            raise NavChanged(page.file.src_uri)


def remember() -> None:
    """After a build (MkDocs' `on_post_build`): the title and front matter of each nav page it rendered."""
    setting = _setting()
    if setting is None or not _nav:
        return
    path, key = setting
    records = _read(path)
    pages = dict(records.pop(key, {}))
    for page in _nav[0].pages:
        if page.markdown is None:  # left out: its entry stands
            continue
        digest = _digest(page.file)
        if digest is not None:
            pages[page.file.src_uri] = (digest, str(page.title or ""), dict(page.meta))
    records = {**dict(list(records.items())[-(KEYS_KEPT - 1):]), key: pages}
    # Each process of a build in several (generator/site/shards.py) renders the whole nav and writes the same record:
    # each through a temporary file of its own.
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):  # only a cache
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pages-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                pickle.dump(records, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _nav.clear()
