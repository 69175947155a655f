"""Phases three to five: plan the pages, render them, write what changed into site_src/."""

from __future__ import annotations

import io
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from generator.core import memo
from generator.core.parallel import fork_map, jobs_for
from generator.core.problems import DataError, has_errors
from generator.pages import stamp
from generator.pages.summary import Summary
from generator.pages.writer import WriteReport, write_pages
from generator.records.datafiles import links_leaving
from generator.records.dataset import Dataset
from generator.records.models import Site
from generator.records.yamlsource import YamlError, load_yaml
from generator.rules.check import check

if TYPE_CHECKING:
    from generator.pages.plan import Page


@dataclass
class Generated:
    summary: Summary
    report: WriteReport
    pages: int
    timings: dict[str, float]
    reused: bool = False  # the inputs were unchanged: the last check's outcome stands, nothing was read

    @property
    def epoch(self) -> int:
        return self.summary.epoch


def _rendered(page: Page) -> bytes:
    """The page's Markdown bytes. The same template and context give the same bytes, so a build remembers them
    (generator/core/memo.py): an edit renders only the pages whose context it changed (2,000 units: 2,997 pages)."""
    from generator.pages.render import render  # imported when rendering: a no-op build never needs Jinja2

    def draw() -> bytes:
        return render(page.template, page.context).encode("utf-8")

    out = io.BytesIO()
    try:
        _KeyPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((page.template, page.context))
    except (pickle.PicklingError, TypeError, AttributeError):  # a context that cannot be compared is rendered every time
        return draw()
    return memo.memoized("page", out.getvalue(), draw)


class _KeyPickler(pickle.Pickler):
    """Pickles a context as a key. A record is its class and fields in their declared order: pydantic's own pickle
    holds the set of fields given, whose order changes with Python's string hashing, so no two processes would agree.
    (A bare set in a context would do the same; it would cost a render, never give wrong bytes.)"""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            return object.__new__, (type(obj),), tuple(obj.__dict__.items())
        return NotImplemented


def render_site(ds: Dataset, jobs: int = 1) -> dict[str, bytes]:
    """Every generated file of site_src/, path -> bytes; the pages rendered by `jobs` processes
    (generator/core/parallel.py), the same bytes in the same order however many."""
    from generator.pages.plan import check_paths, page_work  # imported here: a no-op build never plans nor renders
    from generator.pages.render import render  # noqa: F401 - loaded before the fork, not once per child

    tasks, files = page_work(ds, jobs)

    def share(k: int, n: int) -> list[list[tuple[str, bytes]]]:
        # Each page is rendered as soon as it is planned, so its context can go (20,000 units: ~1 GB less).
        return [[(page.path, _rendered(page)) for page in task()] for task in tasks[k::n]]

    shares = fork_map(share, jobs)
    done = [shares[i % len(shares)][i // len(shares)] for i in range(len(tasks))]
    paths = [path for pages in done for path, _ in pages]  # with any duplicate, which the dict below would hide
    check_paths(paths, files)
    return {**{path: data for pages in done for path, data in pages}, **files}


def generate(data_dir: Path, docs_dir: Path, jobs: int | None = None, cache: Path | None = None) -> Generated:
    """Check the data, then write the generated pages. Raises DataError (with every problem) on invalid data.

    `jobs`: processes that render (generator/core/parallel.py); None: one per core for a large site.
    When the inputs and every generated file are as the last run left them (generator/pages/stamp.py), the check's
    outcome is known too: its warnings and summary come from the stamp and nothing is read, rendered or written.
    `cache`: a folder where reading, rendering and serialising remember their results (generator/core/memo.py), so an
    edit redoes only what it changed; None: nothing is remembered.
    """
    timings: dict[str, float] = {}
    start = time.perf_counter()
    if links := links_leaving(docs_dir):  # MkDocs would publish what they point at
        raise DataError(links)
    key = stamp.inputs_key(data_dir)
    done = stamp.unchanged(docs_dir, key)
    if done is not None:
        timings["check"], timings["render"], timings["write"] = time.perf_counter() - start, 0.0, 0.0
        return Generated(done.summary, WriteReport(unchanged=done.files, problems=done.problems), done.files, timings, reused=True)
    if cache is None:
        return _generate(data_dir, docs_dir, jobs, key, timings, start)
    with memo.memo_in(cache):
        return _generate(data_dir, docs_dir, jobs, key, timings, start)


def _generate(data_dir: Path, docs_dir: Path, jobs: int | None, key: str, timings: dict[str, float], start: float) -> Generated:
    dataset, problems = check(data_dir)
    timings["check"] = time.perf_counter() - start
    if dataset is None or has_errors(problems):
        raise DataError(problems)
    start = time.perf_counter()
    if jobs is None:
        jobs = jobs_for(len(dataset.units) + len(dataset.decisions) + len(dataset.documents))
    files = render_site(dataset, jobs)
    summary = Summary.of(dataset)
    del dataset  # the writer and MkDocs need none of the records
    timings["render"] = time.perf_counter() - start
    start = time.perf_counter()
    report = write_pages(docs_dir, files)
    timings["write"] = time.perf_counter() - start
    if report.problems:
        raise DataError(report.problems)
    stamp.record(docs_dir, key, list(files), summary, problems)
    report.problems = problems  # warnings only, at this point
    return Generated(summary, report, len(files), timings)


def site_settings(data_dir: Path) -> Site | None:
    """Only data/site.yaml, for the theme (the sample-data banner); None when unreadable."""
    try:
        return Site.model_validate(load_yaml(data_dir / "site.yaml").data)
    except (YamlError, ValidationError):
        return None
