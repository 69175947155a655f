"""The unit pages (`/don-vi/<id>/`) and the unit tree (`/don-vi/`)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from generator.core import urls
from generator.outputs import stats_page
from generator.pages.facts import TREE_FULL_MAX, LazyPage, Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import rel, sentences, year_spans
from generator.records.models import Unit
from generator.rules.derive import ancestors, model_for
from generator.rules.names import TYPE_NAMES


def index(facts: SiteFacts) -> Page:
    """The unit tree; past TREE_FULL_MAX units it stops at the tổ chức cơ sở đảng."""
    here = urls.units_index()
    full = len(facts.ds.units) <= TREE_FULL_MAX
    rows = []
    for uid, depth in facts.order:
        unit = facts.ds.unit[uid]
        base = facts.base.get(uid)
        if not full and base is not None and base != uid:
            continue  # listed on its đảng bộ cơ sở's page
        rows.append({
            "indent": "    " * depth, "link": facts.unit_link(here, uid, short=not full), "type": TYPE_NAMES[unit.type],
            "cells": None if full else facts.cells_below.get(uid),
        })
    counts: dict[str, int] = defaultdict(int)
    for ref in facts.ds.units:
        counts[TYPE_NAMES[ref.record.type]] += 1
    return Page(here, "units_index.md.j2", {
        "rows": rows, "counts": sorted(counts.items()), "total": len(facts.ds.units), "full": full,
    })


def lazy_page(facts: SiteFacts, unit: Unit) -> LazyPage:
    """A unit's page, made only when its inputs changed (pages/facts.py `LazyPage`)."""
    return LazyPage(urls.unit(unit.id), "unit.md.j2", inputs(facts, unit), partial(page, facts, unit))


def inputs(facts: SiteFacts, unit: Unit) -> tuple[Any, ...]:
    """Everything `page` reads: the unit; its ancestors (breadcrumb, parent), children and, on a đảng bộ cơ sở's page
    of a large site, the chi bộ below it with their results; its evaluations; the decisions that name it or that it
    issued, with their documents and issuers; and what every page reads (`SiteFacts.shared_inputs`).
    tests/test_lazy_pages.py edits each kind of record and checks that a page whose inputs stayed the same did too."""
    ds, d = facts.ds, facts.digest
    entries = facts.entries.get(unit.id, [])
    issued = facts.issued.get(unit.id, [])
    decisions = [decision for decision, _ in entries] + issued
    subtree = None
    if facts.compact_years and facts.base.get(unit.id) == unit.id and facts.cells_below.get(unit.id):
        subtree = [(uid, d(ds.unit[uid]), [d(facts.evaluations.get((uid, y))) for y in facts.years])
                   for uid, _ in facts.order[facts.position[unit.id] + 1:] if facts.base.get(uid) == unit.id]
    return (
        facts.shared_inputs(),
        d(unit),
        [(uid, d(ds.unit.get(uid))) for uid in ancestors(ds, unit.id)],
        [(child, d(ds.unit.get(child))) for child in ds.children.get(unit.id, [])],
        [d(facts.evaluations.get((unit.id, year))) for year in facts.years],
        [(d(decision), role) for decision, role in entries],
        [d(decision) for decision in issued],
        [(d(ds.unit.get(decision.issuer)), d(facts.doc(decision))) for decision in decisions],
        facts.base.get(unit.id), facts.cells_below.get(unit.id), subtree,
    )


def page(facts: SiteFacts, unit: Unit) -> Page:
    """A unit's page: its place in the tree, results year by year, unmet criteria, honours, decisions it issued."""
    here = urls.unit(unit.id)
    chain = list(reversed(ancestors(facts.ds, unit.id)))
    model = model_for(unit, facts.ds.rulebook.record)
    history = []
    failures = []
    for year in facts.years:
        evaluation = facts.evaluations.get((unit.id, year))
        if evaluation is None:
            continue
        history.append({
            "year": link(str(year), rel(here, urls.year(year))),
            "met": ["Đạt" if m else "Không đạt" for m in evaluation.met],
            "verdict": "Đạt" if evaluation.passed else "Không đạt",
        })
        if evaluation.reasons and not facts.site.recognized_only:
            failures.append({
                "year": year,
                "entries": [
                    {
                        "criterion": facts.criterion_link(here, evaluation.model, n),
                        "reasons": [r[0].upper() + r[1:] for r in reasons],
                        "note": evaluation.notes.get(n),
                    }
                    for n, reasons in sorted(evaluation.reasons.items())
                ],
            })
    honours = [
        {**facts.decision_row(here, decision), "role": role}
        for decision, role in sorted(facts.entries.get(unit.id, []), key=lambda item: (item[0].year, item[0].id), reverse=True)
    ]
    below = facts.ds.children.get(unit.id, [])
    children = [
        {"link": facts.unit_link(here, child, short=len(below) > TREE_FULL_MAX), "type": TYPE_NAMES[facts.ds.unit[child].type]}
        for child in below
    ]
    issued = [facts.decision_row(here, d) for d in facts.issued.get(unit.id, [])]
    parent = facts.ds.unit.get(unit.parent) if unit.parent else None
    results = [e for y in facts.years if (e := facts.evaluations.get((unit.id, y)))]
    return Page(here, "unit.md.j2", {
        # One line in the search index instead of every table cell (issue 7: ≤ 400 B per unit page).
        "search_text": sentences(
            f"{'Chi bộ' if unit.type.startswith('chi-bo-truc-thuoc') else TYPE_NAMES[unit.type]} trực thuộc {parent.name}" if parent
            else TYPE_NAMES[unit.type],
            "Tên cũ: " + "; ".join(f.name for f in unit.former_names) if unit.former_names else "",
            "Đạt “bốn tốt”: " + year_spans([e.year for e in results if e.passed]) if any(e.passed for e in results) else "",
            "" if facts.site.recognized_only or all(e.passed for e in results)
            else "Chưa đạt: " + year_spans([e.year for e in results if not e.passed]),
        ),
        "unit": unit,
        "type": TYPE_NAMES[unit.type],
        "breadcrumb": [facts.unit_link(here, uid) for uid in chain],
        "parent": facts.unit_link(here, unit.parent) if unit.parent and unit.parent in facts.ds.unit else None,
        # in the meta description too: units of the same name under different parents must not share one
        "parent_name": parent.name if parent else "",
        "model": link(model.name, rel(here, urls.criteria(model.id))) if model else None,
        "children": children,
        "history": history,
        "failures": failures,
        "honours": honours,
        "recognized_only": facts.site.recognized_only,
        "former_names": [f"{f.name} (đến năm {f.until})" for f in unit.former_names],
        "issued": issued,
        "cells": cells_results(facts, here, unit.id),
        "chart": stats_page.unit_chart(unit.name, results),
    })


def cells_results(facts: SiteFacts, here: str, unit_id: str) -> dict[str, Any] | None:
    """On a đảng bộ cơ sở's page, once year pages are too large to list every chi bộ: each chi bộ below it, year by year."""
    if not facts.compact_years or facts.base.get(unit_id) != unit_id or not facts.cells_below.get(unit_id):
        return None
    rows = []
    for uid, _ in facts.order[facts.position[unit_id] + 1:]:
        if facts.base.get(uid) != unit_id:
            break  # tree order: the subtree has ended
        results = [facts.evaluations.get((uid, y)) for y in facts.years]
        if any(results):
            rows.append({"unit": facts.unit_link(here, uid), "cells": [facts.verdict_cell(e) for e in results]})
    return {"years": facts.years, "rows": rows} if rows else None
