"""Every page path and link of the site, built in one place.

Paths are docs_dir-relative Markdown files; with `use_directory_urls` MkDocs publishes
`don-vi/x.md` at `/don-vi/x/`. Published URLs never change: add, don't rename.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
CRITERIA_DIR = "tieu-chi"
UNITS_DIR = "don-vi"
YEARS_DIR = "nam"
DECISIONS_DIR = "khen-thuong"
DOCUMENTS_DIR = "van-ban"
STATS_DIR = "thong-ke"
DATA_DIR = "du-lieu"
GUIDANCE_DIR = "huong-dan"
REPORTS_DIR = "bao-cao"

GENERATED_SECTIONS = (CRITERIA_DIR, UNITS_DIR, YEARS_DIR, DECISIONS_DIR, DOCUMENTS_DIR, STATS_DIR, DATA_DIR, REPORTS_DIR)
GENERATED_FILES = (HOME,)


def criteria(model_id: str) -> str:
    return f"{CRITERIA_DIR}/{model_id}.md"


def criterion_anchor(number: int) -> str:
    return f"tieu-chi-{number}"


def units_index() -> str:
    return f"{UNITS_DIR}/index.md"


def unit(unit_id: str) -> str:
    return f"{UNITS_DIR}/{unit_id}.md"


def years_index() -> str:
    return f"{YEARS_DIR}/index.md"


def year(value: int) -> str:
    return f"{YEARS_DIR}/{value}.md"


def decisions_index() -> str:
    return f"{DECISIONS_DIR}/index.md"


def decision(decision_id: str) -> str:
    return f"{DECISIONS_DIR}/{decision_id}.md"


def documents_index() -> str:
    return f"{DOCUMENTS_DIR}/index.md"


def document(doc_id: str) -> str:
    return f"{DOCUMENTS_DIR}/{doc_id}.md"


def stats() -> str:
    return f"{STATS_DIR}/index.md"


def report(first: int, last: int) -> str:
    """The sơ kết / tổng kết report of a period: `/bao-cao/2024-2025/`."""
    return f"{REPORTS_DIR}/{first}-{last}.md"


def report_download(first: int, last: int) -> str:
    """The report's Word file, beside its page: `/bao-cao/bao-cao-2024-2025.docx`."""
    return f"{REPORTS_DIR}/bao-cao-{first}-{last}.docx"


def guidance(page: str = "index") -> str:
    return f"{GUIDANCE_DIR}/{page}.md"


def published(path: str) -> str:
    """The site URL (directory style) of a docs path: `don-vi/x.md` -> `don-vi/x/`."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A Markdown link from one docs page to another, which MkDocs checks and rewrites."""
    target_dir, _, name = to_path.rpartition("/")
    target = _dir_prefix(posixpath.dirname(from_path), target_dir) + name
    return f"{target}#{anchor}" if anchor else target


@lru_cache(maxsize=4096)
def _dir_prefix(start: str, target_dir: str) -> str:
    """From the folder `start` to the folder `target_dir`, ending in `/` unless the same; a site has a handful of
    folder pairs and ~10^6 links at 20,000 units."""
    if start == target_dir:
        return ""
    if not target_dir:
        return "../" * len(start.split("/"))
    return _relpath(target_dir, start) + "/"


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the clean relative paths built here, without its abspath calls (a site has ~10^5 links)."""
    up = start.split("/") if start else []
    parts = path.split("/")
    common = 0
    while common < len(up) and common < len(parts) and up[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(up) - common) + parts[common:]) or "."


def decision_download(decision_id: str, fmt: str) -> str:
    return f"{DATA_DIR}/khen-thuong/{decision_id}.{fmt}"


def year_download(value: int, fmt: str) -> str:
    return f"{DATA_DIR}/nam/{value}.{fmt}"


def stats_download(fmt: str) -> str:
    return f"{DATA_DIR}/thong-ke/don-vi-cap-tren.{fmt}"


def data_index() -> str:
    return f"{DATA_DIR}/index.md"


def data_json() -> str:
    return f"{DATA_DIR}/bontot.json"


def feed() -> str:
    return f"{DECISIONS_DIR}/feed.xml"


def unit_redirect(old_id: str) -> str:
    """A static redirect page at a unit's former URL."""
    return f"{UNITS_DIR}/{old_id}/index.html"


def published_file(path: str) -> str:
    """The site URL of a static file (downloads, feed): its docs path unchanged."""
    return path
