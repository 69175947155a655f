"""Static files generated beside the pages: downloads, the Atom feed, redirects from former unit URLs."""

from __future__ import annotations

import html
import json
import posixpath

from . import urls
from .dataset import Dataset
from .derive import Evaluation
from .downloads import FORMATS, decision_table, index_document, parent_table, serialise, year_table
from .feed import atom_feed
from .stats_page import parent_rates


def redirect_page(from_path: str, to_path: str, title: str) -> bytes:
    """A page at a former URL that sends the reader on, on a server and from file:// alike."""
    target_dir = posixpath.relpath(posixpath.dirname(to_path) or ".", posixpath.dirname(from_path))
    server = html.escape(f"{target_dir}/")
    local = html.escape(f"{target_dir}/index.html")
    name = html.escape(title)
    text = f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Đã chuyển: {name}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{server}">
<script>location.replace((location.protocol === "file:" ? "{local}" : "{server}") + location.hash);</script>
<noscript><meta http-equiv="refresh" content="0; url={server}"></noscript>
</head>
<body>
<p>Trang này đã chuyển đến <a href="{server}">{name}</a>.</p>
</body>
</html>
"""
    return text.encode("utf-8")


def plan_files(ds: Dataset, evaluations: dict[tuple[str, int], Evaluation], order: list[str]) -> dict[str, bytes]:
    """Every generated non-Markdown file, path -> bytes."""
    position = {uid: index for index, uid in enumerate(order)}
    hide = ds.site.record.recognized_only
    files: dict[str, bytes] = {}
    for ref in ds.decisions:
        table = decision_table(ds, ref.record, position)
        for fmt in FORMATS:
            files[urls.decision_download(ref.record.id, fmt)] = serialise(table, fmt)
    for year in ds.years:
        rows = sorted((e for (uid, y), e in evaluations.items() if y == year), key=lambda e: position.get(e.unit, 0))
        table = year_table(ds, year, rows, hide)
        for fmt in FORMATS:
            files[urls.year_download(year, fmt)] = serialise(table, fmt)
    if evaluations:
        table = parent_table(parent_rates(ds, evaluations))
        for fmt in FORMATS:
            files[urls.stats_download(fmt)] = serialise(table, fmt)
    files[urls.data_json()] = (json.dumps(index_document(ds, order), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    files[urls.feed()] = atom_feed(ds)
    for unit_ref in ds.units:
        unit = unit_ref.record
        for old in unit.former_ids:
            target = urls.unit(unit.id).removesuffix(".md") + "/index.html"
            files[urls.unit_redirect(old)] = redirect_page(urls.unit_redirect(old), target, unit.name)
    return files
