"""Phase three: validated records -> the list of pages (path, template, context), in site order. Pure: writes nothing.

Each page kind has its own module (home, criteria, units, years, decisions, documents, data, stats, report), all
planned from one `SiteFacts` (pages/facts.py). A new page kind: a template in pages/templates/, a module here
with a function returning `Page`s, its URL in core/urls.py, and one line in `page_work` below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from generator.core import urls
from generator.core.problems import DataError, Level, Problem
from generator.office.report import report_periods
from generator.pages import criteria, data, decisions, documents, home, report, stats, units, years
from generator.pages.facts import LazyPage, Page, SiteFacts, made
from generator.records.dataset import Dataset

__all__ = ["Page", "check_paths", "page_work", "plan_lazily", "plan_pages", "plan_site"]


def plan_pages(ds: Dataset) -> list[Page]:
    """Every Markdown page of the site."""
    return plan_site(ds)[0]


def plan_site(ds: Dataset) -> tuple[list[Page], dict[str, bytes]]:
    """Every page and static file of the site. Two on one path is an error, never a silent overwrite."""
    pages, files = plan_lazily(ds)
    planned = list(pages)
    check_paths([page.path for page in planned], files)
    return planned, files


def plan_lazily(ds: Dataset) -> tuple[Iterator[Page], dict[str, bytes]]:
    """The pages one at a time, so that a caller can render each and let its context go (20,000 units: ~1 GB less),
    and the static files. The caller must `check_paths` before writing anything."""
    tasks, facts = page_work(ds)

    def pages() -> Iterator[Page]:
        for task in tasks:
            yield from (made(page) for page in task())

    return pages(), facts.files


def page_work(ds: Dataset, jobs: int = 1, known: Mapping[str, tuple[Any, ...]] | None = None
              ) -> tuple[list[Callable[[], Sequence[Page | LazyPage]]], SiteFacts]:
    """The site as pieces of work, each planning one or a few pages, in page order, and the facts they are planned
    from, whose `files` are the static files (made by `jobs` processes; with `known`, what the last build made, those
    whose inputs are unchanged are left out: see `SiteFacts`). generate.render_pages shares the pieces between
    processes."""
    facts = SiteFacts(ds, jobs, known)
    tasks: list[Callable[[], Sequence[Page | LazyPage]]] = [
        lambda: [home.page(facts)], lambda: criteria.pages(facts), lambda: [units.index(facts)],
        *(partial(lambda unit: [units.lazy_page(facts, unit)], ref.record) for ref in ds.units),
        lambda: [years.index(facts)],
        *(partial(lambda year: [years.page(facts, year)], y) for y in ds.years),
        lambda: [decisions.index(facts)],
        *(partial(lambda decision: [decisions.lazy_page(facts, decision)], ref.record) for ref in ds.decisions),
        lambda: [documents.index(facts)],
        *(partial(lambda doc: [documents.page(facts, doc)], ref.record) for ref in ds.documents),
        lambda: [stats.lazy_page(facts), data.page(facts)],
        *(partial(lambda f, t: [report.lazy_page(facts, f, t)], first, last) for first, last, _ in report_periods(ds)),
    ]
    return tasks, facts


def check_paths(page_paths: list[str], files: Iterable[str]) -> None:
    """Raise DataError when two pages or files would be published at the same address."""
    seen: set[str] = set()
    problems = []
    for path in [*page_paths, *files]:
        published = urls.published(path) if path.endswith(".md") else path.removesuffix("index.html")
        if published in seen:
            problems.append(Problem("data", 1, 1, Level.ERROR, f"Hai trang cùng địa chỉ /{published}; hãy đổi mã của một bản ghi", "PLAN"))
        seen.add(published)
    if problems:
        raise DataError(problems)
