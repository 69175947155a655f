"""The decision pages (`/khen-thuong/<id>/`), with the Party document header, and their index."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from generator.core import urls
from generator.core.viet import date_long, date_short, name_key
from generator.outputs.downloads import FORMATS
from generator.pages.docheader import decision_header
from generator.pages.facts import LazyPage, Page, SiteFacts
from generator.pages.words import rel, sentences
from generator.records.models import Decision
from generator.rules.derive import decision_level
from generator.rules.names import BODY_NAMES, DOC_TYPE_NAMES, KIND_NAMES, LEVEL_NAMES, OCCASION_NAMES


def index(facts: SiteFacts) -> Page:
    """Every decision by year (on a large site, those of the Tập đoàn and the Tổng công ty)."""
    here = urls.decisions_index()
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    shown, elsewhere = facts.listed_decisions()
    for decision in shown:
        by_year[decision.year].append(facts.decision_row(here, decision))
    elsewhere_by_year: dict[int, int] = defaultdict(int)
    if elsewhere:
        for ref in facts.decisions:
            if decision_level(facts.ds, ref.record.issuer) == "co-so":
                elsewhere_by_year[ref.record.year] += 1
    years = sorted(by_year.keys() | elsewhere_by_year.keys(), reverse=True)
    return Page(here, "decisions_index.md.j2", {
        "years": [(y, by_year.get(y, [])) for y in years], "total": len(facts.decisions), "data_link": rel(here, urls.data_index()),
        "elsewhere": dict(elsewhere_by_year),
    })


def lazy_page(facts: SiteFacts, decision: Decision) -> LazyPage:
    """A decision's page, made only when its inputs changed (pages/facts.py `LazyPage`)."""
    return LazyPage(urls.decision(decision.id), "decision.md.j2", inputs(facts, decision), partial(page, facts, decision))


def inputs(facts: SiteFacts, decision: Decision) -> tuple[Any, ...]:
    """Everything `page` reads: the decision and its document; each unit it names, with its parent and place in the
    tree; the issuer and its superior (the document header); the sizes of its downloads; and what every page reads.
    tests/test_lazy_pages.py checks that a page whose inputs stayed the same did too."""
    ds, d = facts.ds, facts.digest
    issuer = ds.unit.get(decision.issuer)
    named = [c.unit for c in decision.collectives] + [p.unit for p in decision.individuals]
    return (
        facts.shared_inputs(),
        d(decision),
        d(facts.doc(decision)),
        [(uid, d(ds.unit.get(uid)), d(ds.unit.get(ds.unit[uid].parent or "")) if uid in ds.unit else b"", facts.position.get(uid))
         for uid in named],
        d(issuer),
        d(ds.unit.get(issuer.parent or "")) if issuer else b"",
        [facts.sizes.get(urls.decision_download(decision.id, f)) for f in FORMATS],
    )


def page(facts: SiteFacts, decision: Decision) -> Page:
    """A decision's page: header, collectives, people, downloads; the people are a search field."""
    here = urls.decision(decision.id)
    doc = facts.doc(decision)
    collectives = sorted(decision.collectives, key=lambda c: facts.position.get(c.unit, 0))
    people = sorted(decision.individuals, key=lambda p: name_key(p.name))
    parents = {facts.ds.unit[c.unit].parent for c in collectives}
    # A yearly recognition by the Tổng công ty lists hundreds of units under one committee: name it once, not per row.
    shared_parent = next(iter(parents)) if len(collectives) > 1 and len(parents) == 1 else None
    return Page(here, "decision.md.j2", {
        "search_text": sentences(
            f"Số {doc.number} ngày {date_short(doc.date)} của {facts.issuer_name(decision)}" if doc else facts.issuer_name(decision),
        ),
        # A field of its own in the search index, weighed above headings and body: the number, then the people.
        "search_names": "; ".join(([doc.number] if doc else []) + [p.name for p in people]),
        "decision": decision,
        "doc": doc,
        "doc_link": rel(here, urls.document(doc.id)) if doc else "",
        "issuer": facts.issuer_name(decision),
        "issuer_link": rel(here, urls.unit(decision.issuer)),
        "place_date": f"{doc.place + ', ' if doc and doc.place else ''}{date_long(doc.date)}" if doc else "",
        "kind": KIND_NAMES[decision.kind],
        "occasion": OCCASION_NAMES[decision.occasion],
        "level": LEVEL_NAMES[decision_level(facts.ds, decision.issuer)],
        "period": f"{decision.period_from}–{decision.year}" if decision.period_from else str(decision.year),
        "shared_parent": facts.unit_link(here, shared_parent) if shared_parent else None,
        "achievements": any(c.achievement for c in collectives),
        "collectives": [{
            "unit": facts.unit_link(here, c.unit),
            "parent": facts.unit_link(here, facts.ds.unit[c.unit].parent or "") if facts.ds.unit[c.unit].parent else "—",
            "achievement": c.achievement or "",
        } for c in collectives],
        "people": [{
            "name": p.name, "position": p.position or "", "unit": facts.unit_link(here, p.unit), "achievement": p.achievement or "",
        } for p in people],
        "year_link": rel(here, urls.year(decision.year)) if decision.year in facts.years else None,
        "downloads": facts.downloads(here, {f: urls.decision_download(decision.id, f) for f in FORMATS}),
        "body": BODY_NAMES[decision.issuer_body],
        "header": decision_header(facts.ds, decision, doc, facts.issuer_name(decision), DOC_TYPE_NAMES),
    })
