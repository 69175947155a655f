"""The open data page (`/du-lieu/`): every download of the site in one place."""

from __future__ import annotations

from generator.core import urls
from generator.outputs.downloads import FORMATS
from generator.pages.facts import Page, SiteFacts


def page(facts: SiteFacts) -> Page:
    """The open data page."""
    here = urls.data_index()
    shown, elsewhere = facts.listed_decisions()
    decisions = [
        {**facts.decision_row(here, decision),
         "downloads": facts.downloads(here, {f: urls.decision_download(decision.id, f) for f in FORMATS})}
        for decision in shown
    ]
    years = [{"year": y, "downloads": facts.downloads(here, {f: urls.year_download(y, f) for f in FORMATS})} for y in facts.years]
    return Page(here, "data.md.j2", {
        "decisions": decisions,
        "years": years,
        "index": facts.downloads(here, {"json": urls.data_json()})[0],
        "feed": facts.downloads(here, {"atom": urls.feed()})[0],
        "stats": facts.downloads(here, {f: urls.stats_download(f) for f in FORMATS}) if facts.years else [],
        "recognized_only": facts.site.recognized_only,
        "elsewhere": elsewhere,
    })
