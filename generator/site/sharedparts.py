"""Theme parts that are the same on many pages, rendered once.

Material renders the navigation (sidebar and tabs) into every page, marking the current page and its
section. Unit, year, decision and document pages are outside the nav (`not_in_nav`), so nothing in it
is marked for them, and its links, relative to the page, are the same for every such page in the same
folder (`don-vi/a/` and `don-vi/b/` both link `../` to the unit tree). At 2,000 units that is ~3,000 identical renderings, about a tenth of the theme's time
(issue 7). `generator/site/theme/partials/nav.html` and `tabs.html` ask `shared_key` whether the page
may reuse the part; if so the first rendering is kept in `shared` and given to the others. Pages in
the nav render their own. `BONTOT_SHARED_PARTS=0` turns it off (tests/test_sharedparts.py builds the
site both ways and compares every file).

Those partials live in the package, not in the theme's `custom_dir`: only the hook puts them in front
of the theme (`install`). Without the hook — stock MkDocs, or Zensical reading the same mkdocs.yml —
the theme has no reference to our functions and Material's own partials render (issue 19).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any

import jinja2

# Pages outside the nav, by source path, and the parts rendered so far; reset at every build (serve rebuilds).
outside_nav: set[str] = set()
shared: dict[str, str] = {}


def reset(nav: Any, files: Any) -> None:
    """Remember which pages are outside the nav (MkDocs' `on_nav`)."""
    in_nav = {page.file.src_uri for page in nav.pages}
    outside_nav.clear()
    outside_nav.update(f.src_uri for f in files.documentation_pages() if f.src_uri not in in_nav)
    shared.clear()


def shared_key(page: Any, part: str) -> str | None:
    """The key under which `part` of this page is shared, or None when the page renders its own."""
    if os.environ.get("BONTOT_SHARED_PARTS") == "0":
        return None
    file = getattr(page, "file", None)
    if file is None or file.src_uri not in outside_nav:
        return None
    return f"{part}:{posixpath.dirname(page.url.rstrip('/'))}"  # links are relative: one rendering per folder


def share(key: str, rendered: str) -> str:
    shared[key] = rendered
    return rendered


PARTIALS = Path(__file__).parent / "theme"


def install(env: jinja2.Environment, theme_dirs: list[str], custom_dir: str | None) -> jinja2.Environment:
    """Put our shared nav and tabs in front of the theme, give them the helpers, and Material's own partials
    under `material/` (ours wrap them)."""
    stock = [d for d in theme_dirs if not custom_dir or Path(d).resolve() != Path(custom_dir).resolve()]
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(PARTIALS)), env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(stock)}),
    ])
    env.globals.update(bontot_shared_key=shared_key, bontot_shared=shared, bontot_share=share)
    return env
