"""The year pages (`/nam/<year>/`) and their index (`/nam/`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.core import urls
from generator.outputs import stats_page
from generator.outputs.downloads import FORMATS
from generator.pages.facts import YEAR_DECISIONS_FULL_MAX, Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import rel, sentences
from generator.rules.derive import (
    Evaluation,
    decision_level,
)


def index(facts: SiteFacts) -> Page:
    """Every assessed year with its counts."""
    here = urls.years_index()
    rows = [{**facts.counts(y), "link": link(f"Năm {y}", rel(here, urls.year(y)))} for y in facts.years]
    return Page(here, "years_index.md.j2", {"rows": rows})


def page(facts: SiteFacts, year: int) -> Page:
    """A year's results by parent unit, its decisions and downloads."""
    here = urls.year(year)
    sections = []
    compact = year in facts.compact_years
    groups: dict[str | None, list[Evaluation]] = defaultdict(list)
    for evaluation in [] if compact else facts.by_year.get(year, []):
        groups[facts.ds.unit[evaluation.unit].parent].append(evaluation)
    for parent in sorted(groups, key=lambda p: facts.position.get(p or "", -1)):
        rows = sorted(groups[parent], key=lambda e: facts.position.get(e.unit, 0))
        sections.append({
            "parent": facts.unit_link(here, parent) if parent else "—",
            "passed": sum(e.passed for e in rows),
            "count": len(rows),
            "rows": [{
                "unit": facts.unit_link(here, e.unit),
                "met": ["Đạt" if m else "Không đạt" for m in e.met],
                "verdict": "Đạt" if e.passed else "Không đạt",
            } for e in rows],
        })
    of_year = [r.record for r in facts.decisions if r.record.year == year]
    shown = of_year if len(of_year) <= YEAR_DECISIONS_FULL_MAX else [
        d for d in of_year if decision_level(facts.ds, d.issuer) != "co-so"
    ]
    decisions = [facts.decision_row(here, d) for d in shown]
    counts = facts.counts(year)
    unassessed = f"Năm {year} chưa có kết quả đánh giá “bốn tốt”"  # a year with decisions only: description, search
    return Page(here, "year.md.j2", {
        # One line in the search index: Material's search would parse the whole page, a row per unit, to keep the
        # lead and the summary table only (200 units: 0.5 s of an edit that changes the ten year pages).
        "search_text": sentences(
            f"Kết quả đánh giá “bốn tốt” năm {year}: {counts['passed']}/{counts['assessed']} đơn vị đạt ({counts['rate']})"
            if counts["assessed"] else unassessed,
            *(f"{name}: {c['passed']}/{c['assessed']} đạt ({c['rate']})" for name, c in counts["by_model"].items() if c["assessed"]),
        ),
        "year": year, "counts": counts, "unassessed": unassessed, "sections": sections, "decisions": decisions,
        "compact": year_sections_compact(facts, here, year) if compact else None,
        "decisions_elsewhere": len(of_year) - len(shown),
        "chart": stats_page.year_chart(facts.ds, facts.evaluations, year),
        "downloads": facts.downloads(here, {f: urls.year_download(year, f) for f in FORMATS}),
        "recognized_only": facts.site.recognized_only,
    })


def year_sections_compact(facts: SiteFacts, here: str, year: int) -> list[dict[str, Any]]:
    """Year page of a large site: the tổ chức cơ sở đảng under each committee, with how many of their chi bộ passed."""
    own: dict[str, Evaluation] = {}
    below: dict[str, list[Evaluation]] = defaultdict(list)
    for evaluation in facts.by_year.get(year, []):
        base = facts.base.get(evaluation.unit)
        if base == evaluation.unit:
            own[base] = evaluation
        elif base is not None:
            below[base].append(evaluation)
    groups: dict[str | None, list[str]] = defaultdict(list)
    for base in sorted(own.keys() | below.keys(), key=lambda b: facts.position.get(b, 0)):
        groups[facts.ds.unit[base].parent].append(base)
    return [{
        "parent": facts.unit_link(here, parent) if parent else "—",
        "passed": sum(own[b].passed for b in bases if b in own),
        "count": sum(b in own for b in bases),
        "cells_passed": sum(e.passed for b in bases for e in below.get(b, [])),
        "cells_count": sum(len(below.get(b, [])) for b in bases),
        "rows": [{
            "unit": facts.unit_link(here, b, short=True),
            "detail": "".join([
                f" — {facts.verdict_cell(own[b])}" if b in own else "",
                f"; chi bộ đạt {sum(e.passed for e in below[b])}/{len(below[b])}" if b in below else "",
            ]),
        } for b in bases],
    } for parent, bases in sorted(groups.items(), key=lambda item: facts.position.get(item[0] or "", -1))]
