"""The sơ kết / tổng kết report of a period as plain data: what `bontot report` writes to Word and /bao-cao/ shows.

Pure: takes the Dataset and the evaluations of `derive.evaluate`, returns a Report. Every count goes through
the functions of stats.py that /thong-ke/ uses (model_tallies, criterion_failures, cause_counts), so the
report and the statistics page cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.core.viet import number
from generator.outputs.stats import TOTAL, Tally, by_year, cause_counts, cause_list, criterion_failures, model_tallies
from generator.records.dataset import Dataset
from generator.records.models import Decision
from generator.rules.derive import CHI_BO_TYPES, Evaluation, decision_level, existed, model_for, tree_order
from generator.rules.names import KIND_NAMES, LEVEL_NAMES

MODEL_NAMES = {"chi-bo-bon-tot": "Chi bộ", "dang-bo-co-so-bon-tot": "Đảng bộ cơ sở", TOTAL: "Tổng"}
OCCASION_WORDS = {"so-ket": "Sơ kết", "tong-ket": "Tổng kết"}


@dataclass(frozen=True)
class YearRow:
    """One year and one model (or TOTAL): units assessed, units “bốn tốt”, and the change from the year before."""

    year: int
    model: str
    tally: Tally
    change: int | None  # passed this year minus passed the year before; None in the first year or with no figure


@dataclass(frozen=True)
class CauseRow:
    """One category of reasons a criterion was not met, with its count in each year of the period."""

    criterion: int
    label: str
    rule: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class CriterionRow:
    """How many units did not meet one criterion in each year, and the reasons, most frequent first."""

    number: int
    title: str
    failed: tuple[int, ...]
    causes: tuple[CauseRow, ...]

    @property
    def total(self) -> int:
        return sum(self.failed)


@dataclass(frozen=True)
class UnitLine:
    """A unit in one of the report's lists, with the fact that puts it there."""

    unit: str
    name: str
    parent: str
    detail: str


@dataclass(frozen=True)
class DecisionGroup:
    """Recognitions and commendations of one level and kind issued for the period."""

    level: str
    kind: str
    decisions: int
    collectives: int
    individuals: int


@dataclass(frozen=True)
class Report:
    """Everything the report says, as data; `sentences.py` writes the words."""

    scope: str  # id of the unit whose subtree is reported on
    scope_name: str
    first: int
    last: int
    occasion: str  # "so-ket", "tong-ket" or "" when no decision or site period names this period
    years: tuple[int, ...]
    models: tuple[str, ...]
    year_rows: tuple[YearRow, ...]
    criteria: tuple[CriterionRow, ...]
    always: tuple[UnitLine, ...]
    never: tuple[UnitLine, ...]
    missing: tuple[UnitLine, ...]
    decisions: tuple[DecisionGroup, ...]
    candidates: tuple[UnitLine, ...]
    units_in_scope: int

    def row(self, year: int, model: str = TOTAL) -> YearRow:
        """The row of one year and model."""
        return next(r for r in self.year_rows if r.year == year and r.model == model)


def subtree(ds: Dataset, root: str) -> list[str]:
    """`root` and every unit below it, in tree order."""
    inside: set[str] = {root}
    result: list[str] = []
    for uid, _ in tree_order(ds):
        unit = ds.unit[uid]
        if uid == root or (unit.parent is not None and unit.parent in inside):
            inside.add(uid)
            result.append(uid)
    return result


def report_periods(ds: Dataset) -> list[tuple[int, int, str]]:
    """(first year, last year, occasion) of every sơ kết / tổng kết period the data names: decisions with
    `period_from`, and `periods` in data/site.yaml; each once, oldest first."""
    found: dict[tuple[int, int], str] = {}
    for period in ds.site.record.periods:
        found.setdefault((period.period_from, period.year), period.occasion)
    for ref in ds.decisions:
        d = ref.record
        if d.occasion in OCCASION_WORDS and d.period_from is not None and d.period_from <= d.year:
            found.setdefault((d.period_from, d.year), d.occasion)
    return [(first, last, occasion) for (first, last), occasion in sorted(found.items())]


def period_occasion(ds: Dataset, first: int, last: int) -> str:
    """`so-ket` or `tong-ket` when the data names this period (report_periods), else ``."""
    return next((occasion for f, t, occasion in report_periods(ds) if (f, t) == (first, last)), "")


def _label(ds: Dataset, uid: str) -> str:
    unit = ds.unit.get(uid)
    return (unit.short_name or unit.name) if unit else uid


def _year_rows(years: list[int], yearly: Mapping[int, list[Evaluation]], models: list[str]) -> list[YearRow]:
    rows: list[YearRow] = []
    before: dict[str, Tally] | None = None
    for year in years:
        tallies = model_tallies(yearly.get(year, []), models)
        for key in [*models, TOTAL]:
            previous = before[key] if before is not None else None
            change = tallies[key].passed - previous.passed if previous is not None and previous.assessed else None
            rows.append(YearRow(year, key, tallies[key], change if tallies[key].assessed else None))
        before = tallies
    return rows


def _criteria(ds: Dataset, years: list[int], yearly: Mapping[int, list[Evaluation]]) -> list[CriterionRow]:
    failing = {y: criterion_failures(yearly.get(y, [])) for y in years}
    counts = {y: cause_counts(ds, yearly.get(y, [])) for y in years}
    rows = []
    for index, criterion in enumerate(ds.rulebook.record.models[0].criteria):
        causes = [CauseRow(c.criterion, c.label, c.rule, tuple(counts[y][c.key] for y in years))
                  for c in cause_list(ds.rulebook.record, years) if c.criterion == criterion.number]
        causes = sorted((c for c in causes if c.total), key=lambda c: -c.total)
        rows.append(CriterionRow(criterion.number, criterion.title, tuple(failing[y][index] for y in years), tuple(causes)))
    return rows


def _decisions(ds: Dataset, scope: set[str], first: int, last: int) -> tuple[list[DecisionGroup], dict[str, list[Decision]]]:
    """Decisions for a year of the period with an entry about a unit in scope, grouped; also each unit's decisions."""
    groups: dict[tuple[str, str], list[int]] = {}
    per_unit: dict[str, list[Decision]] = {}
    level_order = list(LEVEL_NAMES)
    for ref in ds.decisions:
        d = ref.record
        if not first <= d.year <= last:
            continue
        collectives = [c.unit for c in d.collectives if c.unit in scope]
        individuals = [p for p in d.individuals if p.unit in scope]
        if not collectives and not individuals:
            continue
        entry = groups.setdefault((decision_level(ds, d.issuer), d.kind), [0, 0, 0])
        entry[0], entry[1], entry[2] = entry[0] + 1, entry[1] + len(collectives), entry[2] + len(individuals)
        for uid in collectives:
            per_unit.setdefault(uid, []).append(d)
    kinds = list(KIND_NAMES)
    ordered = sorted(groups.items(), key=lambda item: (level_order.index(item[0][0]), kinds.index(item[0][1])))
    return [DecisionGroup(LEVEL_NAMES[lv], KIND_NAMES[k], *counts) for (lv, k), counts in ordered], per_unit


def _disciplined(ds: Dataset, uid: str, years: list[int]) -> bool | None:
    """True when the evidence of some year reports a disciplined member; None when no year reports the number."""
    reported = [ev.disciplined_members for y in years
                if (ref := ds.assessment.get((uid, y))) is not None and (ev := ref.record.evidence) is not None
                and ev.disciplined_members is not None]
    return any(reported) if len(reported) == len(years) else None


def _admissions(ds: Dataset, uid: str, years: list[int]) -> str:
    """`; kết nạp 7 đảng viên, vượt chỉ tiêu 5 của giai đoạn` when every year reports admissions and the sum beats the target."""
    reported = [ev.admissions for y in years
                if (ref := ds.assessment.get((uid, y))) is not None and (ev := ref.record.evidence) is not None
                and ev.admissions is not None]
    admitted, target = sum(a.admitted for a in reported), sum(a.target for a in reported)
    if len(reported) != len(years) or admitted <= target:
        return ""
    return f"; kết nạp {number(admitted)} đảng viên, vượt chỉ tiêu {number(target)} của giai đoạn"


def build_report(ds: Dataset, evaluations: Mapping[tuple[str, int], Evaluation], first: int, last: int,
                 root: str | None = None) -> Report:
    """The report of the years `first`..`last` for `root`'s subtree (the Tổng công ty's committee when None)."""
    root = root or ds.site.record.corporation
    units = subtree(ds, root)
    scope = set(units)
    years = list(range(first, last + 1))
    models: list[str] = [m.id for m in ds.rulebook.record.models]
    picked = {key: e for key, e in evaluations.items() if key[0] in scope and first <= key[1] <= last}
    yearly = by_year(picked)
    span = f"{first}–{last}"

    always, never, missing, candidates = [], [], [], []
    groups, per_unit = _decisions(ds, scope, first, last)
    for uid in units:
        unit = ds.unit[uid]
        if model_for(unit, ds.rulebook.record) is None:
            continue
        parent = _label(ds, unit.parent) if unit.parent else ""
        results = {y: picked[(uid, y)].passed for y in years if (uid, y) in picked}
        gaps = [y for y in years if existed(unit, y) and y not in results]
        if gaps:
            missing.append(UnitLine(uid, unit.name, parent, "Chưa có kết quả đánh giá năm " + ", ".join(map(str, gaps))))
        if not results:
            continue
        if len(results) == len(years) and all(results.values()):
            always.append(UnitLine(uid, unit.name, parent, f"Đạt “bốn tốt” {len(years)}/{len(years)} năm"))
            kind = "chi bộ" if unit.type in CHI_BO_TYPES else "đảng bộ cơ sở"
            condition = f"Đạt “{kind} bốn tốt” cả {len(years)} năm {span}"
            disciplined = _disciplined(ds, uid, years)
            if disciplined is False:
                condition += "; không có đảng viên bị kỷ luật (theo số liệu báo cáo các năm)"
            condition += _admissions(ds, uid, years)
            already = [d for d in per_unit.get(uid, []) if d.kind != "cong-nhan"]
            if already:
                condition += "; đã được " + ", ".join(sorted({KIND_NAMES[d.kind].lower() for d in already})) + " trong giai đoạn"
            if disciplined is not True:
                candidates.append(UnitLine(uid, unit.name, parent, condition))
        elif not any(results.values()):
            never.append(UnitLine(uid, unit.name, parent, f"Không đạt “bốn tốt” năm {', '.join(map(str, sorted(results)))}"))

    return Report(
        scope=root, scope_name=ds.unit[root].name if root in ds.unit else root, first=first, last=last,
        occasion=period_occasion(ds, first, last), years=tuple(years), models=tuple(models),
        year_rows=tuple(_year_rows(years, yearly, models)), criteria=tuple(_criteria(ds, years, yearly)),
        always=tuple(always), never=tuple(never), missing=tuple(missing), decisions=tuple(groups),
        candidates=tuple(candidates), units_in_scope=len(units),
    )
