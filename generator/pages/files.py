"""Static files generated beside the pages: downloads, the Atom feed, redirects from former unit URLs."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable, Mapping
from functools import partial

from generator.core import urls
from generator.office.report import Report, report_periods
from generator.office.report_docx import render_docx
from generator.outputs.downloads import FORMATS, Table, decision_table, index_document, parent_table, serialise, year_table
from generator.outputs.feed import atom_feed
from generator.outputs.stats_page import ParentRates
from generator.records.dataset import Dataset
from generator.rules.derive import Evaluation


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


def plan_files(ds: Dataset, evaluations: dict[tuple[str, int], Evaluation], order: list[str],
               rates: ParentRates | None, reports: Mapping[tuple[int, int], Report],
               share: tuple[int, int] = (0, 1)) -> dict[str, bytes]:
    """Every generated non-Markdown file, path -> bytes; `rates`: the statistics by parent unit (None: no
    assessments). With `share` (k, n), only the k-th of every n pieces of work (generator/core/parallel.py runs the
    shares in several processes). `reports`: each period's report (office/report.py `build_report`)."""
    position = {uid: index for index, uid in enumerate(order)}
    hide = ds.site.record.recognized_only
    k, n = share
    tasks: list[Callable[[], dict[str, bytes]]] = []

    def table_files(table: Table, path: Callable[[str], str]) -> dict[str, bytes]:
        return {path(fmt): serialise(table, fmt) for fmt in FORMATS}

    for ref in ds.decisions:
        tasks.append(partial(lambda d: table_files(decision_table(ds, d, position), partial(urls.decision_download, d.id)), ref.record))
    by_year: dict[int, list[Evaluation]] = {year: [] for year in ds.years}
    for (_, year), evaluation in evaluations.items():
        by_year.setdefault(year, []).append(evaluation)
    for year in ds.years:
        rows = sorted(by_year[year], key=lambda e: position.get(e.unit, 0))
        tasks.append(partial(lambda y, r: table_files(year_table(ds, y, r, hide), partial(urls.year_download, y)), year, rows))
    if rates is not None:
        tasks.append(lambda: table_files(parent_table(rates), urls.stats_download))
    tasks.append(lambda: {urls.data_json(): (json.dumps(index_document(ds, order), ensure_ascii=False, separators=(",", ":"))
                                             + "\n").encode("utf-8")})
    tasks.append(lambda: {urls.feed(): atom_feed(ds)})
    if not hide:  # the Word report names unmet criteria: not published when only recognitions are (site.recognized_only)
        for first, last, _ in report_periods(ds):
            tasks.append(partial(lambda f, t: {urls.report_download(f, t): render_docx(ds, reports[(f, t)])}, first, last))
    for unit_ref in ds.units:
        unit = unit_ref.record
        for old in unit.former_ids:
            target = urls.unit(unit.id).removesuffix(".md") + "/index.html"
            tasks.append(partial(lambda o, t, name: {urls.unit_redirect(o): redirect_page(urls.unit_redirect(o), t, name)},
                                 old, target, unit.name))
    files: dict[str, bytes] = {}
    for task in tasks[k::n]:
        files.update(task())
    return files
