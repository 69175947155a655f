"""Phases three to five: plan the pages, render them, write what changed into site_src/."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import stamp
from .check import check
from .dataset import Dataset
from .plan import check_paths, plan_lazily
from .problems import DataError, has_errors
from .records import Site
from .render import render
from .writer import WriteReport, write_pages
from .yamlsource import YamlError, load_yaml


@dataclass
class Generated:
    dataset: Dataset
    report: WriteReport
    pages: int
    timings: dict[str, float]

    @property
    def epoch(self) -> int:
        """The data's own date (its newest document or assessment), for SOURCE_DATE_EPOCH: never the build time."""
        dates = [ref.record.date for ref in self.dataset.documents]
        dates += [ref.record.date for ref in self.dataset.assessments if ref.record.date is not None]
        newest = max(dates, default=dt.date(2024, 1, 1))
        return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def render_site(ds: Dataset) -> dict[str, bytes]:
    """Every generated file of site_src/, path -> bytes."""
    pages, files = plan_lazily(ds)
    paths: list[str] = []  # with any duplicate, which the dict below would hide
    rendered: dict[str, bytes] = {}
    for page in pages:
        paths.append(page.path)
        rendered[page.path] = render(page.template, page.context).encode("utf-8")
    check_paths(paths, files)
    return {**rendered, **files}


def generate(data_dir: Path, docs_dir: Path) -> Generated:
    """Check the data, then write the generated pages. Raises DataError (with every problem) on invalid data."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    dataset, problems = check(data_dir)
    timings["check"] = time.perf_counter() - start
    if dataset is None or has_errors(problems):
        raise DataError(problems)
    start = time.perf_counter()
    key = stamp.inputs_key(data_dir)
    done = stamp.unchanged(docs_dir, key)
    if done is not None:  # same inputs, every generated file as it was left: nothing to render or write
        timings["render"], timings["write"] = time.perf_counter() - start, 0.0
        return Generated(dataset, WriteReport(unchanged=done, problems=problems), done, timings)
    files = render_site(dataset)
    timings["render"] = time.perf_counter() - start
    start = time.perf_counter()
    report = write_pages(docs_dir, files)
    timings["write"] = time.perf_counter() - start
    if report.problems:
        raise DataError(report.problems)
    stamp.record(docs_dir, key, list(files))
    report.problems = problems  # warnings only, at this point
    return Generated(dataset, report, len(files), timings)


def site_settings(data_dir: Path) -> Site | None:
    """Only data/site.yaml, for the theme (the sample-data banner); None when unreadable."""
    try:
        return Site.model_validate(load_yaml(data_dir / "site.yaml").data)
    except (YamlError, ValidationError):
        return None
