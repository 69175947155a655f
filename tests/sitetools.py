"""Helpers for tests that build real sites: project copies, HTML parsing, folder hashes."""

from __future__ import annotations

import hashlib
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ("index.md", "tieu-chi", "don-vi", "nam", "khen-thuong", "van-ban", "thong-ke", "du-lieu", "bao-cao", ".bontot-manifest.json",
             ".bontot-built.json")


def copy_project(dest: Path) -> Path:
    """A project folder with its own data/ and site_src/ (hand-written part only) and the real generator."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "site_src", dest / "site_src", ignore=lambda d, names: [n for n in names if Path(d) == ROOT / "site_src" and n in GENERATED])
    (dest / "generator").symlink_to(ROOT / "generator")
    return dest


def tree_hash(folder: Path) -> str:
    """One hash over every file's path, bytes and mtime under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
        digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()


class PageParser(HTMLParser):
    """Collects ids, links and visible text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, str(values[name])))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def visible_text(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


ARTIFACTS = ROOT / "test-artifacts"


def update_mode(variable: str) -> bool:
    """True when `variable`=1 asks a test to rewrite its expected files (golden pages, case outputs) instead of
    checking them. Under CI=true that would turn the tests into no-ops, so the test fails instead."""
    if os.environ.get(variable) != "1":
        return False
    if os.environ.get("CI") == "true":
        import pytest

        pytest.fail(f"{variable}=1 rewrites the expected files instead of checking them: refused under CI=true. "
                    f"Unset {variable} (it is for a developer's machine, followed by a review of the diff).", pytrace=False)
    return True
