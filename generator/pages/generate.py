"""Phases three to five: plan the pages, render them, write what changed into site_src/."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core import memo
from generator.core.parallel import Later, fork_map, jobs_for
from generator.core.problems import DataError, Problem, has_errors
from generator.pages import stamp
from generator.pages.writer import WriteReport, write_pages
from generator.records.datafiles import links_leaving

if TYPE_CHECKING:  # the rest is imported when used: a build with nothing to do needs none of it
    from generator.pages.facts import LazyPage, Page
    from generator.pages.summary import Summary
    from generator.records.dataset import Dataset
    from generator.records.models import Site


@dataclass
class Generated:
    summary: Summary
    report: WriteReport
    pages: int
    timings: dict[str, float]
    reused: bool = False  # the inputs were unchanged: the last check's outcome stands, nothing was read
    rendered: int = 0  # pages rendered (the others were known unchanged)

    @property
    def epoch(self) -> int:
        return self.summary.epoch


@dataclass
class Rendered:
    """What `render_pages` made: the files to write, the pages and static files left as they are on disk (path -> hash
    of their bytes), and every page's key and hash (a static file's also its size) for the next run's `PageIndex`."""

    files: dict[str, bytes]
    kept: dict[str, str]
    index: dict[str, tuple[Any, ...]]
    rendered: int


def render_site(ds: Dataset, jobs: int = 1) -> dict[str, bytes]:
    """Every generated file of site_src/, path -> bytes; the pages rendered by `jobs` processes
    (generator/core/parallel.py), the same bytes in the same order however many."""
    return render_pages(ds, jobs).files


def render_pages(ds: Dataset, jobs: int = 1, known: dict[str, tuple[Any, ...]] | None = None) -> Rendered:
    """Plan and render the site. `known`: the pages whose Markdown is on disk unchanged since the last run, with the
    key and hash it was rendered from; a page whose key is the same is not rendered again (an edit of one unit's
    name at 2,000 units renders ~70 of 2,997 pages), nor a static file (pages/facts.py `SiteFacts`)."""
    from generator.pages.facts import made
    from generator.pages.pageindex import page_key
    from generator.pages.plan import check_paths, page_work  # imported here: a no-op build never plans nor renders
    from generator.pages.render import render, use_bytecode_cache  # loaded before the fork, not once per child

    use_bytecode_cache(None if (cache := memo.folder()) is None else cache / "templates")
    known = known or {}
    tasks, facts = page_work(ds, jobs, known)
    memo.code_key()  # once, before the fork

    def draw(planned: Page | LazyPage) -> tuple[str, bytes | None, bytes | None, str]:
        key = page_key(planned)
        last = known.get(planned.path)
        if key is not None and last is not None and last[0] == key:
            return planned.path, None, key, last[1]
        page = made(planned)
        data = render(page.template, page.context).encode("utf-8")
        return page.path, data, key, hashlib.sha256(data).hexdigest()

    def share(k: int, n: int) -> list[list[tuple[str, bytes | None, bytes | None, str]]]:
        # Each page is rendered as soon as it is planned, so its context can go (20,000 units: ~1 GB less).
        return [[draw(page) for page in task()] for task in tasks[k::n]]

    shares = fork_map(share, jobs)
    done = [page for i in range(len(tasks)) for page in shares[i % len(shares)][i // len(shares)]]
    # with any duplicate, which the dicts below would hide
    check_paths([path for path, *_ in done], [*facts.files, *facts.kept_files])
    return Rendered(
        files={**{path: data for path, data, _, _ in done if data is not None}, **facts.files},
        kept={**{path: digest for path, data, _, digest in done if data is None}, **facts.kept_files},
        index={**{path: (key, digest) for path, _, key, digest in done if key is not None}, **facts.index},
        rendered=sum(1 for _, data, _, _ in done if data is not None),
    )


def generate(data_dir: Path, docs_dir: Path, jobs: int | None = None, cache: Path | None = None, fresh: bool = False) -> Generated:
    """Check the data, then write the generated pages. Raises DataError (with every problem) on invalid data.

    `jobs`: processes that render (generator/core/parallel.py); None: one per core for a large site.
    When the inputs and every generated file are as the last run left them (generator/pages/stamp.py), the check's
    outcome is known too: its warnings and summary come from the stamp and nothing is read, rendered or written.
    `cache`: a folder where reading, rendering and serialising remember their results (generator/core/memo.py), so an
    edit redoes only what it changed; None: nothing is remembered. `fresh`: check and render even when the stamp says
    nothing changed (`bontot build --full`).
    """
    timings: dict[str, float] = {}
    start = time.perf_counter()
    if links := links_leaving(docs_dir):  # MkDocs would publish what they point at
        raise DataError(links)
    key = stamp.inputs_key(data_dir)
    done = None if fresh else stamp.unchanged(docs_dir, key)
    if done is not None:
        timings["check"], timings["render"], timings["write"] = time.perf_counter() - start, 0.0, 0.0
        return Generated(done.summary, WriteReport(unchanged=done.files, problems=done.problems), done.files, timings, reused=True)
    if cache is None:
        return _generate(data_dir, docs_dir, jobs, key, timings, start)
    with memo.memo_in(cache):
        return _generate(data_dir, docs_dir, jobs, key, timings, start, cache)


def _generate(data_dir: Path, docs_dir: Path, jobs: int | None, key: str, timings: dict[str, float], start: float,
              cache: Path | None = None) -> Generated:
    from generator.pages.pageindex import PageIndex
    from generator.pages.summary import Summary
    from generator.records.dataset import load
    from generator.rules import run_rules
    from generator.rules.derive import all_shortfalls

    dataset, problems = load(data_dir)
    if dataset is None or has_errors(problems):  # all problems at once: the rules too, when they can run
        raise DataError(sorted(set(problems + (run_rules(dataset) if dataset is not None else []))))
    if jobs is None:
        jobs = jobs_for(len(dataset.units) + len(dataset.decisions) + len(dataset.documents))
    # The rules run beside the generation, on another core; nothing is written before their problems are known,
    # and the data's errors are reported before any the generation met.
    rules = None
    if jobs > 1 and hasattr(os, "fork"):
        all_shortfalls(dataset)  # before the fork, so that the rules and the page plan compute it once between them
        rules = Later(partial(run_rules, dataset))
    try:
        if rules is None:
            problems = _all_clear(problems, run_rules(dataset))
        timings["check"] = time.perf_counter() - start
        start = time.perf_counter()
        index = PageIndex(cache)
        try:
            made = render_pages(dataset, jobs, index.known(docs_dir))
        except DataError:
            if rules is not None:
                _all_clear(problems, rules.result())
            raise
        if rules is not None:
            problems = _all_clear(problems, rules.result())
    finally:
        if rules is not None:
            rules.cancel()
    summary = Summary.of(dataset)
    del dataset  # the writer and MkDocs need none of the records
    timings["render"] = time.perf_counter() - start
    start = time.perf_counter()
    report = write_pages(docs_dir, made.files, made.kept)
    timings["write"] = time.perf_counter() - start
    if report.problems:
        raise DataError(report.problems)
    index.save(made.index)
    stamp.record(docs_dir, key, [*made.files, *made.kept], summary, problems)
    report.problems = problems  # warnings only, at this point
    return Generated(summary, report, len(made.files) + len(made.kept), timings, rendered=made.rendered)


def _all_clear(found: list[Problem], more: list[Problem]) -> list[Problem]:
    """Every problem, sorted; raises DataError with them when one is an error."""
    problems = sorted(set(found + more))
    if has_errors(problems):
        raise DataError(problems)
    return problems


def site_settings(data_dir: Path) -> Site | None:
    """Only data/site.yaml, for the theme (the sample-data banner); None when unreadable."""
    from pydantic import ValidationError

    from generator.records.models import Site
    from generator.records.yamlsource import YamlError, load_yaml

    try:
        return Site.model_validate(load_yaml(data_dir / "site.yaml").data)
    except (YamlError, ValidationError):
        return None
