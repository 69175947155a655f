"""Navigation rendered once for the pages outside the nav (generator/site/sharedparts.py) changes no byte of the site."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from sitetools import copy_project

from generator.site import sharedparts
from generator.site.build import build_site


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_site_is_the_same_as_with_materials_own_partials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stock = copy_project(tmp_path / "stock")
    monkeypatch.setattr(sharedparts, "PARTIALS", tmp_path / "no-partials")  # the theme as Material ships it
    build_site(stock / "data", stock / "site", stock / "mkdocs.yml")
    monkeypatch.undo()

    project = copy_project(tmp_path / "p")
    build_site(project / "data", project / "shared", project / "mkdocs.yml")
    folders = {key.split(":", 1)[1] for key in sharedparts.shared}
    assert {"don-vi", "nam", "khen-thuong", "van-ban"} <= folders, sharedparts.shared.keys()
    assert {key.split(":", 1)[0] for key in sharedparts.shared} == {"nav", "tabs"}

    monkeypatch.setenv("BONTOT_SHARED_PARTS", "0")
    build_site(project / "data", project / "plain", project / "mkdocs.yml")
    assert not sharedparts.shared, "turned off: nothing shared"

    expected = _files(stock / "site")
    for built in ("shared", "plain"):
        found = _files(project / built)
        assert sorted(found) == sorted(expected)
        assert [path for path in expected if expected[path] != found[path]] == [], built


def test_pages_in_the_nav_render_their_own() -> None:
    def page(uri: str, url: str) -> SimpleNamespace:
        return SimpleNamespace(file=SimpleNamespace(src_uri=uri), url=url)

    pages = [page("don-vi/index.md", "don-vi/"), page("don-vi/cb-a.md", "don-vi/cb-a/"), page("don-vi/cb-b.md", "don-vi/cb-b/")]
    nav = SimpleNamespace(pages=pages[:1])
    files = SimpleNamespace(documentation_pages=lambda: [p.file for p in pages])
    sharedparts.reset(nav, files)
    assert sharedparts.shared_key(pages[0], "nav") is None
    assert sharedparts.shared_key(pages[1], "nav") == sharedparts.shared_key(pages[2], "nav") == "nav:don-vi"
    assert sharedparts.shared_key(None, "nav") is None  # the 404 page
