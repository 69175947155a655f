"""Static files generated beside the pages: downloads, the Atom feed, redirects from former unit URLs."""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.core import memo, urls
from generator.core.parallel import fork_map
from generator.office.report import Report, report_periods
from generator.office.report_docx import render_docx
from generator.outputs.downloads import FORMATS, Table, decision_table, index_document, parent_table, serialise, year_table
from generator.outputs.feed import atom_feed
from generator.outputs.stats_page import ParentRates
from generator.pages.keys import Digests, stable_bytes
from generator.records.dataset import Dataset
from generator.rules.derive import Evaluation, decision_level


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


@dataclass(frozen=True)
class FileTask:
    """Files made together (a table in its three formats, a report's Word file, a redirect): their paths, what they are
    made from, and the function that makes them. `inputs`, as for a `LazyPage` (pages/facts.py), holds everything
    `make` reads, as hashes of records and evaluations and plain values: the same inputs, the same bytes, so a build
    that made these files from the same inputs before keeps them without making them (pages/facts.py `SiteFacts`).
    None: made on every build (the cheap ones)."""

    paths: tuple[str, ...]
    inputs: tuple[Any, ...] | None
    make: Callable[[], dict[str, bytes]]
    # Run before the tasks are shared between processes, when this one must be made: what it computes (a period's
    # report, which its page shows too) is then computed once, not in each process.
    before: Callable[[], object] | None = None


def file_key(task: FileTask) -> bytes | None:
    """A hash of the task's inputs and the generator's code (as pages/pageindex.py `page_key`); None: no inputs."""
    if task.inputs is None:
        return None
    return hashlib.sha256(memo.code_key() + b"files" + stable_bytes((task.paths, task.inputs), fast=True)).digest()


@dataclass
class MadeFiles:
    """What `make_files` made: the bytes made, the files kept (path -> hash), every file's size, and each keyed
    file's key, hash and size for the next build's index (pages/pageindex.py)."""

    files: dict[str, bytes]
    kept: dict[str, str]
    sizes: dict[str, int]
    index: dict[str, tuple[bytes, str, int]]


def make_files(tasks: list[FileTask], jobs: int, known: Mapping[str, tuple[Any, ...]]) -> MadeFiles:
    """Make the files of `tasks`, sharing them between `jobs` processes (core/parallel.py), except those whose key
    (`file_key`) is the one they were made from last time and which are unchanged on disk (`known`, as
    pages/pageindex.py `PageIndex.known` gives it)."""
    made = MadeFiles({}, {}, {}, {})
    todo: list[tuple[FileTask, bytes | None]] = []
    for task in tasks:
        key = file_key(task)
        last = [known.get(path) for path in task.paths]
        if key is not None and all(entry is not None and len(entry) == 3 and entry[0] == key for entry in last):
            for path, entry in zip(task.paths, last, strict=True):
                assert entry is not None
                made.kept[path], made.sizes[path], made.index[path] = entry[1], entry[2], (key, entry[1], entry[2])
        else:
            todo.append((task, key))
    for task, _ in todo:
        if task.before is not None:
            task.before()
    shares = fork_map(lambda k, n: [task.make() for task, _ in todo[k::n]], jobs if len(todo) > 1 else 1) if todo else []
    for i, (_, key) in enumerate(todo):
        for path, data in shares[i % len(shares)][i // len(shares)].items():
            made.files[path], made.sizes[path] = data, len(data)
            if key is not None:
                made.index[path] = (key, hashlib.sha256(data).hexdigest(), len(data))
    made.files = dict(sorted(made.files.items()))
    return made


def plan_files(ds: Dataset, evaluations: dict[tuple[str, int], Evaluation], order: list[str],
               rates: ParentRates | None, report: Callable[[int, int], Report], digest: Digests, shared: bytes,
               report_inputs: Callable[[int, int], tuple[Any, ...]]) -> list[FileTask]:
    """Every generated non-Markdown file, as pieces of work in a fixed order; `rates`: the statistics by parent unit
    (None: no assessments); `report`: a period's report (pages/facts.py `SiteFacts.report`). `digest` hashes the
    records a task's inputs name (pages/keys.py), `shared` is what every page and file reads and `report_inputs` what
    a period's report reads (pages/facts.py `SiteFacts`)."""
    position = {uid: index for index, uid in enumerate(order)}
    hide = ds.site.record.recognized_only
    tasks: list[FileTask] = []
    d = digest

    units: dict[str | None, tuple[Any, ...]] = {}

    def unit_inputs(uid: str | None) -> tuple[Any, ...]:
        """A unit a table names, with its parent (whose name is a column) and its place in the tree."""
        if uid not in units:
            unit = ds.unit.get(uid or "")
            parent = ds.unit.get(unit.parent or "") if unit else None
            units[uid] = (uid, d(unit), d(parent), position.get(uid or ""))
        return units[uid]

    def table_task(make_table: Callable[[], Table], path: Callable[[str], str], inputs: tuple[Any, ...]) -> FileTask:
        def make() -> dict[str, bytes]:
            table = make_table()
            return {path(fmt): serialise(table, fmt) for fmt in FORMATS}
        return FileTask(tuple(path(fmt) for fmt in FORMATS), (shared, *inputs), make)

    for ref in ds.decisions:
        decision = ref.record
        named = [c.unit for c in decision.collectives] + [p.unit for p in decision.individuals]
        tasks.append(table_task(
            partial(decision_table, ds, decision, position), partial(urls.decision_download, decision.id),
            (d(decision), d(ds.document.get(decision.document)), [unit_inputs(uid) for uid in named],
             unit_inputs(decision.issuer), decision_level(ds, decision.issuer)),
        ))
    by_year: dict[int, list[Evaluation]] = {year: [] for year in ds.years}
    for (_, year), evaluation in evaluations.items():
        by_year.setdefault(year, []).append(evaluation)
    for year in ds.years:
        rows = sorted(by_year[year], key=lambda e: position.get(e.unit, 0))
        tasks.append(table_task(
            partial(year_table, ds, year, rows, hide), partial(urls.year_download, year),
            (year, hide, [(d(e), unit_inputs(e.unit)) for e in rows]),
        ))
    if rates is not None:
        tasks.append(table_task(partial(parent_table, rates), urls.stats_download, (d(rates),)))
    tasks.append(FileTask((urls.data_json(),), None, lambda: {urls.data_json(): (
        json.dumps(index_document(ds, order), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")}))
    tasks.append(FileTask((urls.feed(),), None, lambda: {urls.feed(): atom_feed(ds)}))
    if not hide:  # the Word report names unmet criteria: not published when only recognitions are (site.recognized_only)
        for first, last, _ in report_periods(ds):
            path = urls.report_download(first, last)
            tasks.append(FileTask((path,), (report_inputs(first, last),),
                                  partial(lambda p, f, t: {p: render_docx(ds, report(f, t))}, path, first, last),
                                  partial(report, first, last)))
    for unit_ref in ds.units:
        unit = unit_ref.record
        for old in unit.former_ids:
            target = urls.unit(unit.id).removesuffix(".md") + "/index.html"
            tasks.append(FileTask((urls.unit_redirect(old),), None, partial(
                lambda o, t, name: {urls.unit_redirect(o): redirect_page(urls.unit_redirect(o), t, name)}, old, target, unit.name)))
    return tasks
