"""What every page of the site is planned from: the derived facts of the dataset, computed once per build.

A page module (home, criteria, units, years, decisions, documents, data, stats, report) turns these facts into
`Page` values (path, template, context); pages/plan.py lists them in site order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.core import urls
from generator.core.viet import date_short, rate
from generator.office.report import Report, build_report, subtree
from generator.outputs import stats_page
from generator.pages.files import make_files, plan_files
from generator.pages.keys import Digests, stable_bytes
from generator.pages.render import link
from generator.pages.words import file_size, rel
from generator.records.dataset import Dataset, Ref
from generator.records.models import Decision, Document
from generator.rules.derive import (
    BASE_TYPES,
    CHI_BO_TYPES,
    Evaluation,
    ancestors,
    body_name,
    decision_level,
    evaluate,
    tree_order,
)
from generator.rules.names import KIND_NAMES, LEVEL_NAMES, OCCASION_NAMES

# Lists grow with the number of units. Past these sizes a list stops at the tổ chức cơ sở đảng (chi bộ
# cơ sở, đảng bộ cơ sở) and what lies below is one click down, on the đảng bộ cơ sở's own page: every
# page then stays under ~100 KB however many units there are (issue 7). Small sites keep one-page lists.
TREE_FULL_MAX = 300  # units shown as one tree on /don-vi/
YEAR_FULL_MAX = 200  # assessed units a year page lists one by one
YEAR_DECISIONS_FULL_MAX = 60  # decisions a year page lists one by one
DECISIONS_FULL_MAX = 300  # decisions (and their documents) /khen-thuong/, /van-ban/ and /du-lieu/ list one by one


@dataclass(frozen=True)
class Page:
    """One Markdown page to render: its docs_dir-relative path, its template, and the template's context."""

    path: str
    template: str
    context: dict[str, Any]


@dataclass(frozen=True)
class LazyPage:
    """A page whose context is computed only when it must be rendered: `inputs` holds everything `make` reads (as
    hashes of records and evaluations, `SiteFacts.digest`, and plain values), so the same inputs give the same
    Markdown, and a build that rendered the page from the same inputs before keeps it without making its context
    (pages/pageindex.py `page_key`). At 2,000 units the unit pages' contexts were most of the pages' cost; an edit
    changes a few of them."""

    path: str
    template: str
    inputs: tuple[Any, ...]
    make: Callable[[], Page]


def made(page: Page | LazyPage) -> Page:
    """The page with its context."""
    return page.make() if isinstance(page, LazyPage) else page


class SiteFacts:
    """The derived facts every page needs, computed once per build, and the helpers that several page kinds share."""

    def __init__(self, ds: Dataset, jobs: int = 1, known: Mapping[str, tuple[Any, ...]] | None = None) -> None:
        """`jobs`: processes that make the downloads; `known`: what the last build made, as pages/pageindex.py
        `PageIndex.known` gives it (a file's key, hash and size), for the files whose inputs are unchanged."""
        self.ds = ds
        self.site = ds.site.record
        self.evaluations = evaluate(ds)
        self.order = tree_order(ds)
        self.position = {uid: index for index, (uid, _) in enumerate(self.order)}
        self.years = ds.years
        # Newest first, by the date of the decision's document.
        self.decisions = sorted(ds.decisions, key=self._decision_date, reverse=True)
        order = [uid for uid, _ in self.order]
        # The statistics by parent unit: a download and a section of /thong-ke/.
        self.parent_rates = stats_page.parent_rates(ds, self.evaluations) if self.evaluations else None
        # Each period's report, built once when its page or its Word file must be made (`report`).
        self._reports: dict[tuple[int, int], Report] = {}
        self._report_inputs: dict[tuple[int, int], tuple[Any, ...]] = {}
        self.by_year: dict[int, list[Evaluation]] = defaultdict(list)
        for (_, year), evaluation in self.evaluations.items():
            self.by_year[year].append(evaluation)
        self.compact_years = {y for y, evals in self.by_year.items() if len(evals) > YEAR_FULL_MAX}
        self._shared: bytes | None = None
        self._tree: list[tuple[str, str | None, str]] | None = None
        self.digest = Digests()  # records and evaluations as hashes, for `LazyPage` and `FileTask` inputs
        # Downloads before pages (pages show their sizes); those whose inputs are unchanged are kept.
        made = make_files(plan_files(ds, self.evaluations, order, self.parent_rates, self.report, self.digest,
                                     self.shared_inputs(), self.report_inputs), jobs, known or {})
        self.files, self.kept_files, self.sizes, self.index = made.files, made.kept, made.sizes, made.index
        self.entries: dict[str, list[tuple[Decision, str]]] = defaultdict(list)
        for ref in ds.decisions:
            for entry in ref.record.collectives:
                self.entries[entry.unit].append((ref.record, "Tập thể"))
            for person in ref.record.individuals:
                self.entries[person.unit].append((ref.record, f"Cá nhân: {person.name}"))
        # Indexes, so that no page scans every record (20,000 units: 200,000 assessments, 10,000 documents).
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
        self._listed: tuple[list[Decision], int, set[str]] | None = None
        self._decision_facts: dict[str, dict[str, Any]] = {}

    def shared_inputs(self) -> bytes:
        """What any page may read besides its own records (the years, data/site.yaml, the rulebook, which years are
        listed compactly), as one hash: a part of every `LazyPage`'s inputs."""
        if self._shared is None:
            self._shared = hashlib.sha256(stable_bytes(
                (self.years, self.site, self.ds.rulebook.record, sorted(self.compact_years)), fast=True,
            )).digest()
        return self._shared

    def report(self, first: int, last: int) -> Report:
        """The report of a period (office/report.py `build_report`), built on first use."""
        if (first, last) not in self._reports:
            self._reports[(first, last)] = build_report(self.ds, self.evaluations, first, last)
        return self._reports[(first, last)]

    def report_inputs(self, first: int, last: int) -> tuple[Any, ...]:
        """Everything `build_report` reads for a period, for the inputs of the report's page and Word file: each unit
        of the scope and above it (the statistics count a unit under its parent), the tree, the period's evaluations
        with their assessments, its decisions and what every page reads. Unchanged, the report is not even built."""
        if (first, last) not in self._report_inputs:
            ds, d = self.ds, self.digest
            root = self.site.corporation
            scope = subtree(ds, root)
            inside = set(scope)
            self._report_inputs[(first, last)] = (
                self.shared_inputs(), first, last, root,
                [(uid, d(ds.unit.get(uid))) for uid in [*scope, *ancestors(ds, root)]],
                self.tree_inputs(),
                self.assessed_inputs(key for key in self.evaluations if key[0] in inside and first <= key[1] <= last),
                [d(ref.record) for ref in ds.decisions if first <= ref.record.year <= last],
            )
        return self._report_inputs[(first, last)]

    def assessed_inputs(self, keys: Iterable[tuple[str, int]]) -> tuple[list[tuple[Any, ...]], list[bytes]]:
        """For `LazyPage` inputs: these evaluations, and the files of the assessments they were made from (the
        statistics read their evidence), by hash. A file's hash, not each record's: 19,338 records at 2,000 units
        cost 0.2 s to hash, their ten files nothing (yamlsource.py `SourceFile.digest`)."""
        d, assessment, keys = self.digest, self.ds.assessment, list(keys)
        files = {id(ref.source): ref.source.digest for ref in (assessment[key] for key in keys)}
        return [(key, d(self.evaluations[key])) for key in keys], sorted(files.values())

    def tree_inputs(self) -> list[tuple[str, str | None, str]]:
        """For `LazyPage` inputs: the tree (each unit's parent and type), without the names."""
        if self._tree is None:
            self._tree = [(uid, self.ds.unit[uid].parent, self.ds.unit[uid].type) for uid, _ in self.order]
        return self._tree

    # --- small helpers -----------------------------------------------------------------

    def _decision_date(self, ref: Ref[Decision]) -> tuple[str, str]:
        doc = self.doc(ref.record)
        return (doc.date.isoformat() if doc else str(ref.record.year), ref.record.id)

    def doc(self, decision: Decision) -> Document | None:
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
        doc = self.doc(decision)
        return {**facts, "link": link(f"Số {doc.number}" if doc else decision.id, rel(here, urls.decision(decision.id)))}

    def _decision_row_facts(self, decision: Decision) -> dict[str, Any]:
        doc = self.doc(decision)
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
            {"label": fmt.upper(), "href": rel(here, path), "size": file_size(self.sizes[path])}
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

    def listed_decisions(self) -> tuple[list[Decision], int]:
        """Decisions the site-wide lists show one by one, and how many they leave to the issuing đảng bộ's page:
        all of them on a small site; above DECISIONS_FULL_MAX only those of the Tập đoàn and the Tổng công ty."""
        if self._listed is None:
            every = [ref.record for ref in self.decisions]
            shown = every if len(every) <= DECISIONS_FULL_MAX else [d for d in every if decision_level(self.ds, d.issuer) != "co-so"]
            self._listed = (shown, len(every) - len(shown), {d.document for d in shown})
        return self._listed[0], self._listed[1]

    def listed_documents(self) -> set[str]:
        """The documents of the decisions the site-wide lists show (see `listed_decisions`)."""
        self.listed_decisions()
        assert self._listed is not None
        return self._listed[2]

