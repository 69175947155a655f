"""The statistics page (`/thong-ke/`): charts and the tables of the same numbers, and the period reports."""

from __future__ import annotations

from functools import partial
from typing import Any

from generator.core import urls
from generator.office.report import report_periods
from generator.outputs import stats_page
from generator.outputs.downloads import FORMATS
from generator.pages.facts import LazyPage, Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import rel
from generator.rules.names import OCCASION_NAMES


def lazy_page(facts: SiteFacts) -> LazyPage:
    """The statistics page, made only when its inputs changed (pages/facts.py `LazyPage`): at 2,000 units its
    sections take ~0.25 s, and an edit of a unit's name or of a decision leaves them as they were."""
    return LazyPage(urls.stats(), "stats.md.j2", inputs(facts), partial(page, facts))


def inputs(facts: SiteFacts) -> tuple[Any, ...]:
    """Everything `page` reads: every evaluation and its assessment, the tree without names (which parent a unit
    is counted under), the statistics by parent unit (their names included), the report periods, the size of the
    download and what every page reads. tests/test_lazy_pages.py checks that unchanged inputs mean an unchanged page."""
    rates = facts.parent_rates
    return (
        facts.shared_inputs(),
        facts.assessed_inputs(facts.evaluations),
        facts.tree_inputs(),
        facts.digest(rates),
        report_periods(facts.ds),
        [facts.sizes.get(urls.stats_download(f)) for f in FORMATS],
    )


def page(facts: SiteFacts) -> Page:
    """The statistics page."""
    here = urls.stats()
    context = stats_page.page_context(
        facts.ds, facts.evaluations, facts.parent_rates,
        year_link=lambda y: link(str(y), rel(here, urls.year(y))),
        unit_link=lambda uid, label: link(label, rel(here, urls.unit(uid))),
    )
    downloads = facts.downloads(here, {f: urls.stats_download(f) for f in FORMATS}) if context["years"] else []
    reports = [link(f"{OCCASION_NAMES[o]} giai đoạn {f}–{t}", rel(here, urls.report(f, t))) for f, t, o in report_periods(facts.ds)]
    return Page(here, "stats.md.j2", {**context, "recognized_only": facts.site.recognized_only, "downloads": downloads,
                                      "reports": reports})
