"""The search index after Material's search plugin wrote it: NFC text, its size per page kind, a copy for file://.

Searching happens in the reader's browser, in the site's own search worker
(`site_src/assets/javascripts/search-worker.js`, which ranks phrases and names); `fold` here is its
folding rule, kept in Python as its reference (the browser tests compare the two).
"""

from __future__ import annotations

import html
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core import urls
from generator.core.viet import fold as fold  # the worker's folding rule; imported from here by the page planner and the tests
from generator.core.viet import number
from generator.outputs.search_terms import KEY, terms_block

INDEX_JSON = Path("search") / "search_index.json"
# Material reads this file instead of the JSON when the site is opened from disk (fetch() fails on file://).
INDEX_SCRIPT = Path("search") / "search_index.js"

def nfc(text: str) -> str:
    """Composed form, as readers type it (text pasted from some Word files is decomposed)."""
    return unicodedata.normalize("NFC", text)


def normalize_index(index: dict[str, Any]) -> dict[str, Any]:
    """The index with every title, text and tag in NFC; other fields as they were."""
    docs = []
    for original in index.get("docs", []):
        doc = dict(original)
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = nfc(doc[field])
        if isinstance(doc.get("tags"), list):
            doc["tags"] = [nfc(str(tag)) for tag in doc["tags"]]
        docs.append(doc)
    return {**index, "docs": docs}


def one_line_entry(location: str, title: object, meta: dict[str, Any]) -> dict[str, Any] | None:
    """The index entry of a page the generator kept out of Material's search: its title and the one line of
    text in its front matter (`search_text`), escaped the way Material escapes what it indexes. A decision's
    number and the people it names (`search_names`) are a field of their own, `names`, which the site's
    search worker weighs above headings (site_src/assets/javascripts/search-worker.js)."""
    search = meta.get("search")
    text = meta.get("search_text")
    if not (isinstance(search, dict) and search.get("exclude")) or not isinstance(text, str) or not text:
        return None
    entry: dict[str, Any] = {
        "location": location,
        "title": html.escape(html.unescape(str(title or "")), quote=False),
        "text": html.escape(html.unescape(text), quote=False),
    }
    names = meta.get("search_names")
    if isinstance(names, str) and names:
        entry["names"] = html.escape(html.unescape(names), quote=False)
        rows = meta.get("search_rows")
        if isinstance(rows, int) and not isinstance(rows, bool):
            entry["rows"] = rows  # names[rows + k - 1] is the person in row k, `#nguoi-k` on the page
    return entry


def search_lead(meta: dict[str, Any]) -> str | None:
    """The sentence a page wants its search entry to start with (front matter `search_lead`), escaped the way
    Material escapes what it indexes; None without one. A document page's text would otherwise start with its
    table of facts (“Số, ký hiệu 1288-KH/ĐU Loại văn bản Kế hoạch …”), and so would its snippets."""
    lead = meta.get("search_lead")
    return f"<p>{html.escape(html.unescape(lead), quote=False)}</p>" if isinstance(lead, str) and lead.strip() else None


def with_leads(docs: Sequence[dict[str, Any]], leads: Mapping[str, str]) -> list[dict[str, Any]]:
    """The entries, each page's own entry (its location is the page's) starting with the page's lead."""
    return [{**doc, "text": f"{leads[doc['location']]} {doc.get('text', '')}".rstrip()} if doc.get("location") in leads else doc
            for doc in docs]


def page_kind(location: str) -> str:
    """The page kind of an index entry: `don-vi/cb-x/#muc` -> `don-vi/<id>/`, `don-vi/` -> `don-vi/`, `` -> `/`."""
    path = location.split("#", 1)[0].split("?", 1)[0].strip("/")
    if path in ("", "index.html"):
        return "/"
    parts = path.split("/")
    if len(parts) == 1 or (len(parts) == 2 and parts[1] == "index.html"):
        return f"{parts[0]}/"
    if parts[0] in urls.GENERATED_SECTIONS:
        return f"{parts[0]}/<id>/"
    return f"{parts[0]}/<trang>/"


@dataclass(frozen=True)
class KindSize:
    kind: str
    pages: int
    entries: int
    bytes: int


def _entry_bytes(doc: dict[str, Any]) -> int:
    return len(encode(doc)) + 1  # and the comma that separates it from the next entry


def sizes(index: dict[str, Any]) -> list[KindSize]:
    """Pages, entries (page and its sections) and bytes of the written JSON, per page kind, largest first."""
    pages: dict[str, set[str]] = {}
    entries: dict[str, int] = {}
    total: dict[str, int] = {}
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        kind = page_kind(location)
        pages.setdefault(kind, set()).add(location.split("#", 1)[0])
        entries[kind] = entries.get(kind, 0) + 1
        total[kind] = total.get(kind, 0) + _entry_bytes(doc)
    rows = [KindSize(kind, len(pages[kind]), entries[kind], total[kind]) for kind in pages]
    return sorted(rows, key=lambda row: (-row.bytes, row.kind))


def encode(value: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON (Material writes `\\uXXXX` escapes, twice the bytes of a Vietnamese letter)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode_script(index: dict[str, Any]) -> bytes:
    """The index as the script Material loads from disk; ASCII only, so no charset can garble it."""
    return b"var __index = " + json.dumps(index, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b";\n"


@dataclass(frozen=True)
class Rewritten:
    kinds: list[KindSize]
    total: int  # bytes of search_index.json, with its config
    terms: int = 0  # of which the words and postings made at build time (generator/outputs/search_terms.py)


def rewrite_index(site_dir: Path, extra: Sequence[dict[str, Any]] = (), leads: Mapping[str, str] | None = None) -> Rewritten | None:
    """Add the `extra` entries to `search/search_index.json`, start pages' entries with their `leads`
    (`search_lead`), and finish it (`finish_index`); None when there is no index."""
    index = completed_index(site_dir, extra, leads)
    return None if index is None else finish_index(site_dir, index)


def completed_index(site_dir: Path, extra: Sequence[dict[str, Any]] = (), leads: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The index the search plugin wrote with the `extra` entries and the `leads`, not yet finished; None when there is none."""
    path = site_dir / INDEX_JSON
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    return {**index, "docs": [*with_leads(index.get("docs", []), leads or {}), *extra]}


def finish_index(site_dir: Path, index: dict[str, Any], previous: dict[str, Any] | None = None) -> Rewritten:
    """Write the index in NFC, its entries ordered by page (a page's sections stay in their order), with
    its words and postings in `config` (generator/outputs/search_terms.py), as `search/search_index.json` and as
    the script `search/search_index.js`. The order depends only on the
    pages, not on which MkDocs process indexed them (generator/site/shards.py)."""
    docs = sorted(index.get("docs", []), key=lambda doc: str(doc.get("location", "")).split("#", 1)[0])
    index = normalize_index({**index, "docs": docs})
    config = {key: value for key, value in dict(index.get("config") or {}).items() if key != KEY}
    block = terms_block({**index, "config": config}, previous)
    if block is not None:
        config[KEY] = block
    index = {**index, "config": config}
    data = encode(index)
    (site_dir / INDEX_JSON).write_bytes(data)
    (site_dir / INDEX_SCRIPT).write_bytes(encode_script(index))
    return Rewritten(sizes(index), len(data), len(encode(block)) if block is not None else 0)


def kib(value: int) -> str:
    """`12,3 KB`, the way the build log writes sizes."""
    return f"{number(value / 1024, 1)} KB"


def report_lines(result: Rewritten) -> list[str]:
    """The build log's lines: one per page kind, then the whole file."""
    lines = [
        f"Chỉ mục tìm kiếm: {row.kind:<18} {number(row.pages):>6} trang, {number(row.entries):>6} mục, {kib(row.bytes):>10}"
        for row in result.kinds
    ]
    pages = sum(row.pages for row in result.kinds)
    entries = sum(row.entries for row in result.kinds)
    if result.terms:
        lines.append(f"Chỉ mục tìm kiếm: {'từ và vị trí':<18} {'':>6}       {'':>6}      {kib(result.terms):>10}")
    lines.append(f"Chỉ mục tìm kiếm: {'cả tệp':<18} {number(pages):>6} trang, {number(entries):>6} mục, {kib(result.total):>10}")
    return lines
