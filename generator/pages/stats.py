"""The statistics page (`/thong-ke/`): charts and the tables of the same numbers, and the period reports."""

from __future__ import annotations

from generator.core import urls
from generator.office.report import report_periods
from generator.outputs import stats_page
from generator.outputs.downloads import FORMATS
from generator.pages.facts import Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import rel
from generator.rules.derive import (
    OCCASION_NAMES,
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
