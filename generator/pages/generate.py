"""Phases three to five: plan the pages, render them, write what changed into site_src/."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
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
from generator.pages.writer import WriteReport, trusted, write_pages
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
    rendered: int = 0  # pages rendered (the others were known unchanged)

    @property
    def epoch(self) -> int:
        return self.summary.epoch


def page_key(page: Page) -> bytes | None:
    """A hash of the page's template, context and the generator's code: the same key, the same Markdown bytes.
    None for a context that cannot be compared (it is rendered every time)."""
    out = io.BytesIO()
    try:
        _KeyPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((page.template, page.context))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return hashlib.sha256(memo.code_key() + out.getvalue()).digest()


class _KeyPickler(pickle.Pickler):
    """Pickles a context as a key. A record is its class and fields in their declared order: pydantic's own pickle
    holds the set of fields given, whose order changes with Python's string hashing, so no two processes would agree.
    (A bare set in a context would do the same; it would cost a render, never give wrong bytes.)"""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            return object.__new__, (type(obj),), tuple(obj.__dict__.items())
        return NotImplemented


@dataclass
class Rendered:
    """What `render_pages` made: the files to write, the pages left as they are on disk (path -> hash of their
    Markdown), and every page's key and hash for the next run's `PageIndex`."""

    files: dict[str, bytes]
    kept: dict[str, str]
    index: dict[str, tuple[bytes, str]]
    rendered: int


def render_site(ds: Dataset, jobs: int = 1) -> dict[str, bytes]:
    """Every generated file of site_src/, path -> bytes; the pages rendered by `jobs` processes
    (generator/core/parallel.py), the same bytes in the same order however many."""
    return render_pages(ds, jobs).files


def render_pages(ds: Dataset, jobs: int = 1, known: dict[str, tuple[bytes, str]] | None = None) -> Rendered:
    """Plan and render the site. `known`: the pages whose Markdown is on disk unchanged since the last run, with the
    key and hash it was rendered from; a page whose key is the same is not rendered again (an edit of one unit's
    name at 2,000 units renders ~70 of 2,997 pages)."""
    from generator.pages.plan import check_paths, page_work  # imported here: a no-op build never plans nor renders
    from generator.pages.render import render, use_bytecode_cache  # loaded before the fork, not once per child

    use_bytecode_cache(None if (cache := memo.folder()) is None else cache / "templates")
    tasks, files = page_work(ds, jobs)
    known = known or {}
    memo.code_key()  # once, before the fork

    def draw(page: Page) -> tuple[str, bytes | None, bytes | None, str]:
        key = page_key(page)
        last = known.get(page.path)
        if key is not None and last is not None and last[0] == key:
            return page.path, None, key, last[1]
        data = render(page.template, page.context).encode("utf-8")
        return page.path, data, key, hashlib.sha256(data).hexdigest()

    def share(k: int, n: int) -> list[list[tuple[str, bytes | None, bytes | None, str]]]:
        # Each page is rendered as soon as it is planned, so its context can go (20,000 units: ~1 GB less).
        return [[draw(page) for page in task()] for task in tasks[k::n]]

    shares = fork_map(share, jobs)
    done = [page for i in range(len(tasks)) for page in shares[i % len(shares)][i // len(shares)]]
    check_paths([path for path, *_ in done], files)  # with any duplicate, which the dicts below would hide
    return Rendered(
        files={**{path: data for path, data, _, _ in done if data is not None}, **files},
        kept={path: digest for path, data, _, digest in done if data is None},
        index={path: (key, digest) for path, _, key, digest in done if key is not None},
        rendered=sum(1 for _, data, _, _ in done if data is not None),
    )


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
        return _generate(data_dir, docs_dir, jobs, key, timings, start, cache)


def _generate(data_dir: Path, docs_dir: Path, jobs: int | None, key: str, timings: dict[str, float], start: float,
              cache: Path | None = None) -> Generated:
    dataset, problems = check(data_dir)
    timings["check"] = time.perf_counter() - start
    if dataset is None or has_errors(problems):
        raise DataError(problems)
    start = time.perf_counter()
    if jobs is None:
        jobs = jobs_for(len(dataset.units) + len(dataset.decisions) + len(dataset.documents))
    index = PageIndex(cache)
    made = render_pages(dataset, jobs, index.known(docs_dir))
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


class PageIndex:
    """`pages.index` in the cache folder: each page's key (`page_key`) and the hash of the Markdown it gave, as the
    last run wrote it. A page whose key is the same and whose file is unchanged on disk (pages/writer.py `trusted`)
    is not rendered again. Without a cache folder nothing is known and every page is rendered."""

    NAME = "pages.index"

    def __init__(self, cache: Path | None) -> None:
        self.path = None if cache is None else cache / self.NAME

    def known(self, docs_dir: Path) -> dict[str, tuple[bytes, str]]:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                last = pickle.load(f)
            os.utime(self.path)  # kept by the cache's pruning (generator/core/memo.py) even if this run fails
        except Exception:  # none yet, or damaged: every page is rendered
            return {}
        on_disk = trusted(docs_dir)
        return {path: (key, digest) for path, (key, digest) in last.items() if on_disk.get(path) == digest}

    def save(self, index: dict[str, tuple[bytes, str]]) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError):  # no room or no right: the next run renders every page
            self.path.parent.mkdir(exist_ok=True)
            tmp = self.path.with_name(f".{self.NAME}.tmp")
            tmp.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)


def site_settings(data_dir: Path) -> Site | None:
    """Only data/site.yaml, for the theme (the sample-data banner); None when unreadable."""
    try:
        return Site.model_validate(load_yaml(data_dir / "site.yaml").data)
    except (YamlError, ValidationError):
        return None
