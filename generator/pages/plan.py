"""Phase three: validated records -> the list of pages (path, template, context). Pure: writes nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.core import urls
from generator.core.parallel import fork_map
from generator.core.problems import DataError, Level, Problem
from generator.core.viet import date_long, date_short, name_key, number, percent, rate
from generator.office.report import build_report, report_periods
from generator.outputs import stats_page
from generator.outputs.downloads import FORMATS
from generator.outputs.search import fold
from generator.pages import report as report_page
from generator.pages.docheader import decision_header
from generator.pages.files import plan_files
from generator.pages.render import link
from generator.records.dataset import Dataset, Ref
from generator.records.fulltext import body_and_footnotes
from generator.records.models import Decision, Document, Unit
from generator.rules import RULES
from generator.rules.derive import (
    BASE_TYPES,
    BODY_NAMES,
    CHI_BO_TYPES,
    DOC_TYPE_NAMES,
    KIND_NAMES,
    LEVEL_NAMES,
    OCCASION_NAMES,
    TYPE_NAMES,
    Evaluation,
    ancestors,
    body_name,
    decision_level,
    evaluate,
    model_for,
    tree_order,
)

CRITERION_RULES = {1: ("BT02", "BT03"), 2: ("BT04", "BT05"), 3: ("BT06",), 4: ()}


# Lists grow with the number of units. Past these sizes a list stops at the tổ chức cơ sở đảng (chi bộ
# cơ sở, đảng bộ cơ sở) and what lies below is one click down, on the đảng bộ cơ sở's own page: every
# page then stays under ~100 KB however many units there are (issue 7). Small sites keep one-page lists.
TREE_FULL_MAX = 300  # units shown as one tree on /don-vi/
YEAR_FULL_MAX = 200  # assessed units a year page lists one by one
YEAR_DECISIONS_FULL_MAX = 60  # decisions a year page lists one by one
DECISIONS_FULL_MAX = 300  # decisions (and their documents) /khen-thuong/, /van-ban/ and /du-lieu/ list one by one


def file_size(size: int) -> str:
    """`850 B`, `1,2 KB`, `3,4 MB` in Vietnamese number format."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{number(size / 1024, 1)} KB"
    return f"{number(size / 1024 / 1024, 1)} MB"


def year_spans(years: list[int]) -> str:
    """`2024–2027, 2029, 2031–2032`: consecutive years as one span."""
    spans: list[list[int]] = []
    for year in sorted(years):
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return ", ".join(f"{s[0]}–{s[-1]}" if len(s) > 2 else ", ".join(map(str, s)) for s in spans)


def period_words(start: int, end: int | None) -> str:
    """`từ 2024`, `2024–2027`, or `năm 2024` for a one-year period (not “từ 2024 đến 2024”)."""
    if end is None:
        return f"từ {start}"
    return f"năm {start}" if end == start else f"{start}–{end}"


def sentences(*parts: str) -> str:
    """The non-empty parts as sentences of one line of text."""
    return " ".join(f"{part}." for part in parts if part)


def document_name(type_name: str, number: str) -> str:
    """`Kế hoạch số 1288-KH/ĐU`; a document without a number goes by its name: `Điều lệ Đảng`, never
    `Điều lệ số Điều lệ Đảng`."""
    if any(char.isdigit() for char in number):
        return f"{type_name} số {number}"
    if fold(number).startswith(fold(type_name)):
        return number
    return f"{type_name} {number}"


def rel(here: str, to: str, anchor: str | None = None) -> Markup:
    """A trusted relative link target (built by urls.py from validated ids)."""
    return Markup(urls.relative(here, to, anchor))


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: dict[str, Any]


class _Planner:
    """Builds page contexts; holds the derived facts every page needs."""

    def __init__(self, ds: Dataset, jobs: int = 1) -> None:
        self.ds = ds
        self.site = ds.site.record
        self.evaluations = evaluate(ds)
        self.order = tree_order(ds)
        self.position = {uid: index for index, (uid, _) in enumerate(self.order)}
        self.years = ds.years
        # Newest first, by the date of the decision's document.
        self.decisions = sorted(ds.decisions, key=self._decision_date, reverse=True)
        # Downloads first (pages show their sizes), shared between `jobs` processes; sorted, so the same either way.
        order = [uid for uid, _ in self.order]
        # The statistics by parent unit: a download and a section of /thong-ke/.
        self.parent_rates = stats_page.parent_rates(ds, self.evaluations) if self.evaluations else None
        shares = fork_map(lambda k, n: plan_files(ds, self.evaluations, order, self.parent_rates, (k, n)), jobs)
        self.files = dict(sorted(item for share in shares for item in share.items()))
        self.entries: dict[str, list[tuple[Decision, str]]] = defaultdict(list)
        for ref in ds.decisions:
            for entry in ref.record.collectives:
                self.entries[entry.unit].append((ref.record, "Tập thể"))
            for person in ref.record.individuals:
                self.entries[person.unit].append((ref.record, f"Cá nhân: {person.name}"))
        # Indexes, so that no page scans every record (20,000 units: 200,000 assessments, 10,000 documents).
        self.by_year: dict[int, list[Evaluation]] = defaultdict(list)
        for (_, year), evaluation in self.evaluations.items():
            self.by_year[year].append(evaluation)
        self.issued: dict[str, list[Decision]] = defaultdict(list)
        self.by_document: dict[str, list[Decision]] = defaultdict(list)
        for ref in self.decisions:
            self.issued[ref.record.issuer].append(ref.record)
            self.by_document[ref.record.document].append(ref.record)
        self.implemented_by: dict[str, list[str]] = defaultdict(list)
        self.replaced_by: dict[str, list[str]] = defaultdict(list)
        for doc_ref in ds.documents:
            for target in doc_ref.record.implements:
                self.implemented_by[target].append(doc_ref.record.id)
            for target in doc_ref.record.replaces:
                self.replaced_by[target].append(doc_ref.record.id)
        # Each unit's tổ chức cơ sở đảng (itself for a chi bộ cơ sở or đảng bộ cơ sở; None above that level).
        self.base: dict[str, str | None] = {}
        for uid, _ in self.order:
            unit = ds.unit[uid]
            self.base[uid] = uid if unit.type in BASE_TYPES else self.base.get(unit.parent or "")
        self.cells_below: dict[str, int] = defaultdict(int)
        for uid, base in self.base.items():
            if base is not None and base != uid and ds.unit[uid].type in CHI_BO_TYPES:
                self.cells_below[base] += 1
        self.compact_years = {y for y, evals in self.by_year.items() if len(evals) > YEAR_FULL_MAX}
        self._listed: tuple[list[Decision], int, set[str]] | None = None
        self._decision_facts: dict[str, dict[str, Any]] = {}

    # --- small helpers -----------------------------------------------------------------

    def _decision_date(self, ref: Ref[Decision]) -> tuple[str, str]:
        doc = self._doc(ref.record)
        return (doc.date.isoformat() if doc else str(ref.record.year), ref.record.id)

    def _doc(self, decision: Decision) -> Document | None:
        return self.ds.document.get(decision.document)

    def unit_link(self, here: str, unit_id: str, short: bool = False) -> Markup:
        """A link to a unit's page; `short` uses its short name, for lists of hundreds of units."""
        unit = self.ds.unit.get(unit_id)
        label = (unit.short_name or unit.name if short else unit.name) if unit else unit_id
        return link(label, rel(here, urls.unit(unit_id)))

    def issuer_name(self, decision: Decision) -> str:
        unit = self.ds.unit.get(decision.issuer)
        return body_name(unit.name if unit else decision.issuer, decision.issuer_body)

    def decision_row(self, here: str, decision: Decision) -> dict[str, Any]:
        facts = self._decision_facts.get(decision.id)
        if facts is None:  # the same decision is a row on up to a hundred pages: only its link differs
            facts = self._decision_facts[decision.id] = self._decision_row_facts(decision)
        doc = self._doc(decision)
        return {**facts, "link": link(f"Số {doc.number}" if doc else decision.id, rel(here, urls.decision(decision.id)))}

    def _decision_row_facts(self, decision: Decision) -> dict[str, Any]:
        doc = self._doc(decision)
        return {
            "date": date_short(doc.date) if doc else "",
            "title": doc.title if doc else "",
            "issuer": self.issuer_name(decision),
            "kind": KIND_NAMES[decision.kind],
            "occasion": OCCASION_NAMES[decision.occasion],
            "level": LEVEL_NAMES[decision_level(self.ds, decision.issuer)],
            "year": decision.year,
            "count": len(decision.collectives) + len(decision.individuals),
        }

    def downloads(self, here: str, paths: dict[str, str]) -> list[dict[str, Any]]:
        """Download links with their format and size, e.g. `CSV (1,2 KB)`."""
        return [
            {"label": fmt.upper(), "href": rel(here, path), "size": file_size(len(self.files[path]))}
            for fmt, path in paths.items()
        ]

    def criterion_link(self, here: str, model_id: str, number_: int) -> Markup:
        model = next(m for m in self.ds.rulebook.record.models if m.id == model_id)
        title = model.criteria[number_ - 1].title
        return link(f"Tiêu chí {number_}. {title}", rel(here, urls.criteria(model_id), urls.criterion_anchor(number_)))

    def counts(self, year: int) -> dict[str, Any]:
        evals = self.by_year.get(year, [])
        passed = sum(e.passed for e in evals)
        by_model = {}
        for model in self.ds.rulebook.record.models:
            group = [e for e in evals if e.model == model.id]
            ok = sum(e.passed for e in group)
            by_model[model.name] = {"assessed": len(group), "passed": ok, "rate": rate(ok / len(group)) if group else "—"}
        return {
            "year": year,
            "assessed": len(evals),
            "passed": passed,
            "rate": rate(passed / len(evals)) if evals else "—",
            "by_model": by_model,
        }

    def verdict_cell(self, evaluation: Evaluation | None) -> str:
        """`Đạt`, `Không đạt (2, 4)` with the unmet criteria (only the verdict in recognized-only mode), or `—`."""
        if evaluation is None:
            return "—"
        if evaluation.passed:
            return "Đạt"
        if self.site.recognized_only:
            return "Không đạt"
        return f"Không đạt ({', '.join(str(n) for n, ok in enumerate(evaluation.met, start=1) if not ok)})"

    def cells_results(self, here: str, unit_id: str) -> dict[str, Any] | None:
        """On a đảng bộ cơ sở's page, once year pages are too large to list every chi bộ: each chi bộ below it, year by year."""
        if not self.compact_years or self.base.get(unit_id) != unit_id or not self.cells_below.get(unit_id):
            return None
        rows = []
        for uid, _ in self.order[self.position[unit_id] + 1:]:
            if self.base.get(uid) != unit_id:
                break  # tree order: the subtree has ended
            results = [self.evaluations.get((uid, y)) for y in self.years]
            if any(results):
                rows.append({"unit": self.unit_link(here, uid), "cells": [self.verdict_cell(e) for e in results]})
        return {"years": self.years, "rows": rows} if rows else None

    def year_sections_compact(self, here: str, year: int) -> list[dict[str, Any]]:
        """Year page of a large site: the tổ chức cơ sở đảng under each committee, with how many of their chi bộ passed."""
        own: dict[str, Evaluation] = {}
        below: dict[str, list[Evaluation]] = defaultdict(list)
        for evaluation in self.by_year.get(year, []):
            base = self.base.get(evaluation.unit)
            if base == evaluation.unit:
                own[base] = evaluation
            elif base is not None:
                below[base].append(evaluation)
        groups: dict[str | None, list[str]] = defaultdict(list)
        for base in sorted(own.keys() | below.keys(), key=lambda b: self.position.get(b, 0)):
            groups[self.ds.unit[base].parent].append(base)
        return [{
            "parent": self.unit_link(here, parent) if parent else "—",
            "passed": sum(own[b].passed for b in bases if b in own),
            "count": sum(b in own for b in bases),
            "cells_passed": sum(e.passed for b in bases for e in below.get(b, [])),
            "cells_count": sum(len(below.get(b, [])) for b in bases),
            "rows": [{
                "unit": self.unit_link(here, b, short=True),
                "detail": "".join([
                    f" — {self.verdict_cell(own[b])}" if b in own else "",
                    f"; chi bộ đạt {sum(e.passed for e in below[b])}/{len(below[b])}" if b in below else "",
                ]),
            } for b in bases],
        } for parent, bases in sorted(groups.items(), key=lambda item: self.position.get(item[0] or "", -1))]

    def listed_decisions(self) -> tuple[list[Decision], int]:
        """Decisions the site-wide lists show one by one, and how many they leave to the issuing đảng bộ's page:
        all of them on a small site; above DECISIONS_FULL_MAX only those of the Tập đoàn and the Tổng công ty."""
        if self._listed is None:
            every = [ref.record for ref in self.decisions]
            shown = every if len(every) <= DECISIONS_FULL_MAX else [d for d in every if decision_level(self.ds, d.issuer) != "co-so"]
            self._listed = (shown, len(every) - len(shown), {d.document for d in shown})
        return self._listed[0], self._listed[1]

    # --- pages -------------------------------------------------------------------------

    def home(self) -> Page:
        here = urls.HOME
        assessed_years = sorted({y for (_, y) in self.evaluations})
        latest = assessed_years[-1] if assessed_years else None
        return Page(here, "home.md.j2", {
            "site": self.site,
            "intro": self.site.intro,
            "latest": self.counts(latest) if latest else None,
            "latest_link": rel(here, urls.year(latest)) if latest else "",
            "decisions": [self.decision_row(here, r.record) for r in self.decisions[:6]],
            "models": [link(m.name, rel(here, urls.criteria(m.id))) for m in self.ds.rulebook.record.models],
            "links": {
                "guidance": rel(here, urls.guidance()),
                "units": rel(here, urls.units_index()),
                "years": rel(here, urls.years_index()),
                "decisions": rel(here, urls.decisions_index()),
                "documents": rel(here, urls.documents_index()),
                "stats": rel(here, urls.stats()),
            },
        })

    def criteria(self) -> list[Page]:
        pages = []
        rulebook = self.ds.rulebook.record
        source = self.ds.document.get(rulebook.source)
        for model in rulebook.models:
            here = urls.criteria(model.id)
            criteria = []
            for criterion in model.criteria:
                rules = [RULES[r] for r in CRITERION_RULES[criterion.number] if not (r == "BT05" and model.id != "chi-bo-bon-tot")]
                criteria.append({
                    "number": criterion.number,
                    "anchor": urls.criterion_anchor(criterion.number),
                    "title": criterion.title,
                    "clause": criterion.clause,
                    "intro": criterion.intro,
                    "indicators": criterion.indicators,
                    "closing": criterion.closing,
                    "rules": [{"id": r.id, "summary": r.summary, "clause": r.clause} for r in rules],
                })
            thresholds = [
                {
                    "description": t.description,
                    "value": percent(float(t.value)) if isinstance(t.value, float) and t.value < 1 else number(t.value),
                    "period": period_words(t.valid_from, t.valid_until),
                    "source": link(self.ds.document[t.source].number, rel(here, urls.document(t.source)))
                    if t.source in self.ds.document else t.source,
                    "clause": t.clause,
                }
                for t in rulebook.thresholds
            ]
            pages.append(Page(here, "criteria.md.j2", {
                "model": model,
                "types": [TYPE_NAMES[t] for t in model.applies_to],
                "criteria": criteria,
                "thresholds": thresholds,
                "source": link(f"Kế hoạch số {source.number}", rel(here, urls.document(source.id))) if source else "",
                "other": [link(m.name, rel(here, urls.criteria(m.id))) for m in rulebook.models if m.id != model.id],
                "guidance": rel(here, urls.guidance("danh-gia-xep-loai")),
            }))
        return pages

    def units_index(self) -> Page:
        here = urls.units_index()
        full = len(self.ds.units) <= TREE_FULL_MAX
        rows = []
        for uid, depth in self.order:
            unit = self.ds.unit[uid]
            base = self.base.get(uid)
            if not full and base is not None and base != uid:
                continue  # listed on its đảng bộ cơ sở's page
            rows.append({
                "indent": "    " * depth, "link": self.unit_link(here, uid, short=not full), "type": TYPE_NAMES[unit.type],
                "cells": None if full else self.cells_below.get(uid),
            })
        counts: dict[str, int] = defaultdict(int)
        for ref in self.ds.units:
            counts[TYPE_NAMES[ref.record.type]] += 1
        return Page(here, "units_index.md.j2", {
            "rows": rows, "counts": sorted(counts.items()), "total": len(self.ds.units), "full": full,
        })

    def unit(self, unit: Unit) -> Page:
        here = urls.unit(unit.id)
        chain = list(reversed(ancestors(self.ds, unit.id)))
        model = model_for(unit, self.ds.rulebook.record)
        history = []
        failures = []
        for year in self.years:
            evaluation = self.evaluations.get((unit.id, year))
            if evaluation is None:
                continue
            history.append({
                "year": link(str(year), rel(here, urls.year(year))),
                "met": ["Đạt" if m else "Không đạt" for m in evaluation.met],
                "verdict": "Đạt" if evaluation.passed else "Không đạt",
            })
            if evaluation.reasons and not self.site.recognized_only:
                failures.append({
                    "year": year,
                    "entries": [
                        {
                            "criterion": self.criterion_link(here, evaluation.model, n),
                            "reasons": [r[0].upper() + r[1:] for r in reasons],
                            "note": evaluation.notes.get(n),
                        }
                        for n, reasons in sorted(evaluation.reasons.items())
                    ],
                })
        honours = [
            {**self.decision_row(here, decision), "role": role}
            for decision, role in sorted(self.entries.get(unit.id, []), key=lambda item: (item[0].year, item[0].id), reverse=True)
        ]
        below = self.ds.children.get(unit.id, [])
        children = [
            {"link": self.unit_link(here, child, short=len(below) > TREE_FULL_MAX), "type": TYPE_NAMES[self.ds.unit[child].type]}
            for child in below
        ]
        issued = [self.decision_row(here, d) for d in self.issued.get(unit.id, [])]
        parent = self.ds.unit.get(unit.parent) if unit.parent else None
        results = [e for y in self.years if (e := self.evaluations.get((unit.id, y)))]
        return Page(here, "unit.md.j2", {
            # One line in the search index instead of every table cell (issue 7: ≤ 400 B per unit page).
            "search_text": sentences(
                f"{'Chi bộ' if unit.type.startswith('chi-bo-truc-thuoc') else TYPE_NAMES[unit.type]} trực thuộc {parent.name}" if parent
                else TYPE_NAMES[unit.type],
                "Tên cũ: " + "; ".join(f.name for f in unit.former_names) if unit.former_names else "",
                "Đạt “bốn tốt”: " + year_spans([e.year for e in results if e.passed]) if any(e.passed for e in results) else "",
                "" if self.site.recognized_only or all(e.passed for e in results)
                else "Chưa đạt: " + year_spans([e.year for e in results if not e.passed]),
            ),
            "unit": unit,
            "type": TYPE_NAMES[unit.type],
            "breadcrumb": [self.unit_link(here, uid) for uid in chain],
            "parent": self.unit_link(here, unit.parent) if unit.parent and unit.parent in self.ds.unit else None,
            # in the meta description too: units of the same name under different parents must not share one
            "parent_name": parent.name if parent else "",
            "model": link(model.name, rel(here, urls.criteria(model.id))) if model else None,
            "children": children,
            "history": history,
            "failures": failures,
            "honours": honours,
            "recognized_only": self.site.recognized_only,
            "former_names": [f"{f.name} (đến năm {f.until})" for f in unit.former_names],
            "issued": issued,
            "cells": self.cells_results(here, unit.id),
            "chart": stats_page.unit_chart(unit.name, results),
        })

    def years_index(self) -> Page:
        here = urls.years_index()
        rows = [{**self.counts(y), "link": link(f"Năm {y}", rel(here, urls.year(y)))} for y in self.years]
        return Page(here, "years_index.md.j2", {"rows": rows})

    def year(self, year: int) -> Page:
        here = urls.year(year)
        sections = []
        compact = year in self.compact_years
        groups: dict[str | None, list[Evaluation]] = defaultdict(list)
        for evaluation in [] if compact else self.by_year.get(year, []):
            groups[self.ds.unit[evaluation.unit].parent].append(evaluation)
        for parent in sorted(groups, key=lambda p: self.position.get(p or "", -1)):
            rows = sorted(groups[parent], key=lambda e: self.position.get(e.unit, 0))
            sections.append({
                "parent": self.unit_link(here, parent) if parent else "—",
                "passed": sum(e.passed for e in rows),
                "count": len(rows),
                "rows": [{
                    "unit": self.unit_link(here, e.unit),
                    "met": ["Đạt" if m else "Không đạt" for m in e.met],
                    "verdict": "Đạt" if e.passed else "Không đạt",
                } for e in rows],
            })
        of_year = [r.record for r in self.decisions if r.record.year == year]
        shown = of_year if len(of_year) <= YEAR_DECISIONS_FULL_MAX else [
            d for d in of_year if decision_level(self.ds, d.issuer) != "co-so"
        ]
        decisions = [self.decision_row(here, d) for d in shown]
        return Page(here, "year.md.j2", {
            "year": year, "counts": self.counts(year), "sections": sections, "decisions": decisions,
            "compact": self.year_sections_compact(here, year) if compact else None,
            "decisions_elsewhere": len(of_year) - len(shown),
            "chart": stats_page.year_chart(self.ds, self.evaluations, year),
            "downloads": self.downloads(here, {f: urls.year_download(year, f) for f in FORMATS}),
            "recognized_only": self.site.recognized_only,
        })

    def decisions_index(self) -> Page:
        here = urls.decisions_index()
        by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        shown, elsewhere = self.listed_decisions()
        for decision in shown:
            by_year[decision.year].append(self.decision_row(here, decision))
        elsewhere_by_year: dict[int, int] = defaultdict(int)
        if elsewhere:
            for ref in self.decisions:
                if decision_level(self.ds, ref.record.issuer) == "co-so":
                    elsewhere_by_year[ref.record.year] += 1
        years = sorted(by_year.keys() | elsewhere_by_year.keys(), reverse=True)
        return Page(here, "decisions_index.md.j2", {
            "years": [(y, by_year.get(y, [])) for y in years], "total": len(self.decisions), "data_link": rel(here, urls.data_index()),
            "elsewhere": dict(elsewhere_by_year),
        })

    def decision(self, decision: Decision) -> Page:
        here = urls.decision(decision.id)
        doc = self._doc(decision)
        collectives = sorted(decision.collectives, key=lambda c: self.position.get(c.unit, 0))
        people = sorted(decision.individuals, key=lambda p: name_key(p.name))
        parents = {self.ds.unit[c.unit].parent for c in collectives}
        # A yearly recognition by the Tổng công ty lists hundreds of units under one committee: name it once, not per row.
        shared_parent = next(iter(parents)) if len(collectives) > 1 and len(parents) == 1 else None
        return Page(here, "decision.md.j2", {
            "search_text": sentences(
                f"Số {doc.number} ngày {date_short(doc.date)} của {self.issuer_name(decision)}" if doc else self.issuer_name(decision),
            ),
            # A field of its own in the search index, weighed above headings and body: the number, then the people.
            "search_names": "; ".join(([doc.number] if doc else []) + [p.name for p in people]),
            "decision": decision,
            "doc": doc,
            "doc_link": rel(here, urls.document(doc.id)) if doc else "",
            "issuer": self.issuer_name(decision),
            "issuer_link": rel(here, urls.unit(decision.issuer)),
            "place_date": f"{doc.place + ', ' if doc and doc.place else ''}{date_long(doc.date)}" if doc else "",
            "kind": KIND_NAMES[decision.kind],
            "occasion": OCCASION_NAMES[decision.occasion],
            "level": LEVEL_NAMES[decision_level(self.ds, decision.issuer)],
            "period": f"{decision.period_from}–{decision.year}" if decision.period_from else str(decision.year),
            "shared_parent": self.unit_link(here, shared_parent) if shared_parent else None,
            "achievements": any(c.achievement for c in collectives),
            "collectives": [{
                "unit": self.unit_link(here, c.unit),
                "parent": self.unit_link(here, self.ds.unit[c.unit].parent or "") if self.ds.unit[c.unit].parent else "—",
                "achievement": c.achievement or "",
            } for c in collectives],
            "people": [{
                "name": p.name, "position": p.position or "", "unit": self.unit_link(here, p.unit), "achievement": p.achievement or "",
            } for p in people],
            "year_link": rel(here, urls.year(decision.year)) if decision.year in self.years else None,
            "downloads": self.downloads(here, {f: urls.decision_download(decision.id, f) for f in FORMATS}),
            "body": BODY_NAMES[decision.issuer_body],
            "header": decision_header(self.ds, decision, doc, self.issuer_name(decision), DOC_TYPE_NAMES),
        })

    def documents_index(self) -> Page:
        here = urls.documents_index()
        docs = sorted(self.ds.documents, key=lambda r: (r.record.date, r.record.id), reverse=True)
        shown, elsewhere = self.listed_decisions()
        if elsewhere:  # the documents of decisions not listed are on those decisions' pages
            listed = {d.document for d in shown}
            docs = [d for d in docs if d.record.id in listed or d.record.id not in self.by_document]
        rows = [{
            "link": link(d.record.number, rel(here, urls.document(d.record.id))),
            "type": DOC_TYPE_NAMES[d.record.type], "date": date_short(d.record.date), "issuer": d.record.issuer, "title": d.record.title,
        } for d in docs]
        return Page(here, "documents_index.md.j2", {"rows": rows, "elsewhere": elsewhere})

    def document(self, doc: Document) -> Page:
        here = urls.document(doc.id)

        def doc_link(doc_id: str) -> Markup:
            other = self.ds.document.get(doc_id)
            label = document_name(DOC_TYPE_NAMES[other.type], other.number) if other else doc_id
            return link(label, rel(here, urls.document(doc_id)))

        implemented_by = self.implemented_by.get(doc.id, [])
        replaced_by = self.replaced_by.get(doc.id, [])
        _, elsewhere = self.listed_decisions()
        implemented_elsewhere = 0
        if elsewhere and self._listed is not None:  # a plan implemented by thousands of decisions names the top-level ones
            listed = self._listed[2]
            kept = [d for d in implemented_by if d in listed or d not in self.by_document]
            implemented_by, implemented_elsewhere = kept, len(implemented_by) - len(kept)
        decisions = [self.decision_row(here, d) for d in self.by_document.get(doc.id, [])]
        cited = [t.description + f" ({t.clause})" for t in self.ds.rulebook.record.thresholds if t.source == doc.id]
        full_text, footnotes = body_and_footnotes(self.ds.texts[doc.id]) if doc.id in self.ds.texts else ([], [])
        return Page(here, "document.md.j2", {
            "full_text": full_text,
            "footnotes": footnotes,
            # The document of a decision is found through the decision's page; keep it out of the index.
            "search_text": "" if doc.id in self.by_document else None,
            "doc": doc,
            "type": DOC_TYPE_NAMES[doc.type],
            "name": document_name(DOC_TYPE_NAMES[doc.type], doc.number),
            "place_date": f"{doc.place + ', ' if doc.place else ''}{date_long(doc.date)}",
            "implements": [doc_link(d) for d in doc.implements],
            "replaces": [doc_link(d) for d in doc.replaces],
            "implemented_by": [doc_link(d) for d in implemented_by],
            "implemented_elsewhere": implemented_elsewhere,
            "replaced_by": [doc_link(d) for d in replaced_by],
            "decisions": decisions,
            "cited": cited,
            "is_rulebook": doc.id == self.ds.rulebook.record.source,
            "criteria": [link(m.name, rel(here, urls.criteria(m.id))) for m in self.ds.rulebook.record.models],
        })

    def data_page(self) -> Page:
        here = urls.data_index()
        shown, elsewhere = self.listed_decisions()
        decisions = [
            {**self.decision_row(here, decision),
             "downloads": self.downloads(here, {f: urls.decision_download(decision.id, f) for f in FORMATS})}
            for decision in shown
        ]
        years = [{"year": y, "downloads": self.downloads(here, {f: urls.year_download(y, f) for f in FORMATS})} for y in self.years]
        return Page(here, "data.md.j2", {
            "decisions": decisions,
            "years": years,
            "index": self.downloads(here, {"json": urls.data_json()})[0],
            "feed": self.downloads(here, {"atom": urls.feed()})[0],
            "stats": self.downloads(here, {f: urls.stats_download(f) for f in FORMATS}) if self.years else [],
            "recognized_only": self.site.recognized_only,
            "elsewhere": elsewhere,
        })

    def stats(self) -> Page:
        here = urls.stats()
        context = stats_page.page_context(
            self.ds, self.evaluations, self.parent_rates,
            year_link=lambda y: link(str(y), rel(here, urls.year(y))),
            unit_link=lambda uid, label: link(label, rel(here, urls.unit(uid))),
        )
        downloads = self.downloads(here, {f: urls.stats_download(f) for f in FORMATS}) if context["years"] else []
        reports = [link(f"{OCCASION_NAMES[o]} giai đoạn {f}–{t}", rel(here, urls.report(f, t))) for f, t, o in report_periods(self.ds)]
        return Page(here, "stats.md.j2", {**context, "recognized_only": self.site.recognized_only, "downloads": downloads,
                                          "reports": reports})

    def report(self, first: int, last: int) -> Page:
        """/bao-cao/<first>-<last>/: the sơ kết / tổng kết report of a period, with its Word file when published."""
        here = urls.report(first, last)
        report = build_report(self.ds, self.evaluations, first, last)
        context = report_page.page_context(
            self.ds, self.evaluations, report,
            year_link=lambda y: link(str(y), rel(here, urls.year(y))),
            unit_link=lambda uid, label: link(label, rel(here, urls.unit(uid))),
        )
        docx = urls.report_download(first, last)
        downloads = self.downloads(here, {"docx": docx}) if docx in self.files else []
        return Page(here, "report.md.j2", {**context, "recognized_only": self.site.recognized_only, "downloads": downloads,
                                           "stats_link": rel(here, urls.stats())})


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
    tasks, files = page_work(ds)

    def pages() -> Iterator[Page]:
        for task in tasks:
            yield from task()

    return pages(), files


def page_work(ds: Dataset, jobs: int = 1) -> tuple[list[Callable[[], list[Page]]], dict[str, bytes]]:
    """The site as pieces of work, each planning one or a few pages, in page order, and the static files
    (computed by `jobs` processes). generate.render_site shares the pieces between processes."""
    planner = _Planner(ds, jobs)
    tasks: list[Callable[[], list[Page]]] = [
        lambda: [planner.home()], lambda: list(planner.criteria()), lambda: [planner.units_index()],
        *(partial(lambda unit: [planner.unit(unit)], ref.record) for ref in ds.units),
        lambda: [planner.years_index()],
        *(partial(lambda year: [planner.year(year)], y) for y in ds.years),
        lambda: [planner.decisions_index()],
        *(partial(lambda decision: [planner.decision(decision)], ref.record) for ref in ds.decisions),
        lambda: [planner.documents_index()],
        *(partial(lambda doc: [planner.document(doc)], ref.record) for ref in ds.documents),
        lambda: [planner.stats(), planner.data_page()],
        *(partial(lambda f, t: [planner.report(f, t)], first, last) for first, last, _ in report_periods(ds)),
    ]
    return tasks, planner.files


def check_paths(page_paths: list[str], files: dict[str, bytes]) -> None:
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
