"""The home page: the latest year's results, the newest decisions, the way to every part of the site."""

from __future__ import annotations

from generator.core import urls
from generator.pages.facts import Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import rel


def page(facts: SiteFacts) -> Page:
    """The home page (`/`)."""
    here = urls.HOME
    assessed_years = sorted({y for (_, y) in facts.evaluations})
    latest = assessed_years[-1] if assessed_years else None
    return Page(here, "home.md.j2", {
        "site": facts.site,
        "intro": facts.site.intro,
        "latest": facts.counts(latest) if latest else None,
        "latest_link": rel(here, urls.year(latest)) if latest else "",
        "decisions": [facts.decision_row(here, r.record) for r in facts.decisions[:6]],
        "models": [link(m.name, rel(here, urls.criteria(m.id))) for m in facts.ds.rulebook.record.models],
        "links": {
            "guidance": rel(here, urls.guidance()),
            "units": rel(here, urls.units_index()),
            "years": rel(here, urls.years_index()),
            "decisions": rel(here, urls.decisions_index()),
            "documents": rel(here, urls.documents_index()),
            "stats": rel(here, urls.stats()),
        },
    })
