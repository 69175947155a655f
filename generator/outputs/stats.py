"""The statistics of /thong-ke/, the year pages and the unit pages: pure counts over evaluated assessments.

Everything here takes the Dataset and the evaluations of `derive.evaluate` and returns numbers (and
the names of the cause categories); stats_page.py turns them into tables and charts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.core.viet import number, percent, rate
from generator.records.dataset import Dataset
from generator.records.models import Rulebook
from generator.rules.derive import Evaluation, all_shortfalls, ancestors, model_for, shortfalls, threshold

TOTAL = "tong"  # key of the all-models figure beside the model ids
GROUP_TYPES = ("dang-bo-co-so", "cap-tren-co-so")  # what counts as a unit's "parent" in the statistics


@dataclass(frozen=True)
class Tally:
    """How many units were assessed and how many reached “bốn tốt”."""

    assessed: int = 0
    passed: int = 0

    @property
    def rate(self) -> float | None:
        return self.passed / self.assessed if self.assessed else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.assessed + other.assessed, self.passed + other.passed)


@dataclass(frozen=True)
class Members:
    """Members rated HTTNV or better, summed over the units that reported ratings."""

    units: int = 0
    members: int = 0
    good: int = 0

    @property
    def rate(self) -> float | None:
        return self.good / self.members if self.members else None


@dataclass(frozen=True)
class Cause:
    """One category of reasons an unmet criterion was not met."""

    key: str
    criterion: int
    rule: str  # "" when only the unit's own judgement explains it
    label: str


def ratio(part: int, whole: int) -> str:
    """`80,4 % (37/46)` (rounded half up: `viet.rate`), or `—` when nothing was counted."""
    return f"{rate(part / whole)} ({number(part)}/{number(whole)})" if whole else "—"


def tally(evaluations: Iterable[Evaluation]) -> Tally:
    items = list(evaluations)
    return Tally(len(items), sum(e.passed for e in items))


def by_year(evaluations: Mapping[tuple[str, int], Evaluation]) -> dict[int, list[Evaluation]]:
    """Evaluations grouped by year, years ascending."""
    result: dict[int, list[Evaluation]] = defaultdict(list)
    for (_, year), evaluation in sorted(evaluations.items(), key=lambda item: item[0][1]):
        result[year].append(evaluation)
    return dict(result)


def model_tallies(evaluations: Iterable[Evaluation], model_ids: Iterable[str]) -> dict[str, Tally]:
    """One year's tally per model id, and the total under TOTAL."""
    items = list(evaluations)
    result = {m: tally(e for e in items if e.model == m) for m in model_ids}
    result[TOTAL] = tally(items)
    return result


def group_of(ds: Dataset, unit_id: str) -> str | None:
    """The unit's parent for the statistics: its nearest đảng bộ cơ sở or đảng bộ cấp trên cơ sở above it.

    A chi bộ under a đảng bộ bộ phận counts with its đảng bộ cơ sở; a đảng bộ cơ sở with the Tổng công ty.
    """
    chain = ancestors(ds, unit_id)
    return next((uid for uid in chain if uid in ds.unit and ds.unit[uid].type in GROUP_TYPES), chain[0] if chain else None)


def group_tallies(groups: Mapping[str, str | None], evaluations: Iterable[Evaluation]) -> dict[str | None, Tally]:
    """One year's tally per parent unit; `groups` maps each unit to its `group_of`."""
    counts: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for evaluation in evaluations:
        entry = counts[groups[evaluation.unit]]
        entry[0] += 1
        entry[1] += evaluation.passed
    return {group: Tally(assessed, passed) for group, (assessed, passed) in counts.items()}


def criterion_failures(evaluations: Iterable[Evaluation]) -> tuple[int, int, int, int]:
    """How many units did not meet criterion 1, 2, 3 and 4."""
    counts = [0, 0, 0, 0]
    for evaluation in evaluations:
        for index, met in enumerate(evaluation.met):
            counts[index] += not met
    return (counts[0], counts[1], counts[2], counts[3])


_EVIDENCE_CAUSES = {
    "member_ratings": "members",
    "organisation_ratings": "organisations",
    "admissions": "admissions",
    "regular_meetings": "regular",
    "thematic_meetings": "thematic",
    "committee_meetings": "committee",
    "plenary_meetings": "plenary",
    "meeting_quality": "quality",
    "disciplined_members": "discipline",
    "disciplined_organisations": "discipline",
    "disciplined_leaders": "discipline",
}


def causes(ds: Dataset, evaluation: Evaluation) -> dict[int, set[str]]:
    """For each unmet criterion, the cause keys the evidence shows, or `tu-danh-gia-<n>` when none does."""
    if evaluation.passed:
        return {}
    ref = ds.assessment[(evaluation.unit, evaluation.year)]
    unit = ds.unit.get(evaluation.unit)
    model = model_for(unit, ds.rulebook.record) if unit is not None else None
    if model is not None and model.id == evaluation.model:  # computed once per dataset (rules/derive.py)
        found = all_shortfalls(ds)[id(ref)]
    else:
        found = shortfalls(ref.record, evaluation.model, ds.rulebook.record, evaluation.year)
    result: dict[int, set[str]] = {}
    for number_, met in enumerate(evaluation.met, start=1):
        if met:
            continue
        keys = {_EVIDENCE_CAUSES[str(s.loc[-1])] for s in found if s.criterion == number_}
        result[number_] = keys or {f"tu-danh-gia-{number_}"}
    return result


def cause_counts(ds: Dataset, evaluations: Iterable[Evaluation]) -> Counter[str]:
    """One year's count of unmet criteria per cause; an unmet criterion with two causes counts under both."""
    counts: Counter[str] = Counter()
    for evaluation in evaluations:
        for keys in causes(ds, evaluation).values():
            counts.update(keys)
    return counts


def cause_list(rulebook: Rulebook, years: Iterable[int]) -> list[Cause]:
    """Every cause category in a fixed order, labels quoting the thresholds in force (or “mức quy định” when they changed)."""
    year_list = list(years)

    def limit(key: str, as_share: bool) -> str:
        values = {t.value for y in year_list if (t := threshold(rulebook, key, y)) is not None}
        if len(values) != 1:
            return "mức quy định"
        value = values.pop()
        return percent(float(value)) if as_share else number(value)

    return [
        Cause("members", 1, "BT02", f"Dưới {limit('min_share_members_good', True)} đảng viên hoàn thành tốt nhiệm vụ trở lên"),
        Cause("organisations", 1, "BT02", f"Dưới {limit('min_share_organisations_good', True)} tổ chức đảng hoàn thành tốt nhiệm vụ"),
        Cause("admissions", 1, "BT03", "Kết nạp đảng viên chưa đạt chỉ tiêu"),
        Cause("regular", 2, "BT04", f"Dưới {limit('min_regular_meetings', False)} kỳ sinh hoạt chi bộ thường kỳ"),
        Cause("thematic", 2, "BT04", f"Dưới {limit('min_thematic_meetings', False)} kỳ sinh hoạt chuyên đề"),
        Cause("committee", 2, "BT04", f"Dưới {limit('min_committee_meetings', False)} kỳ họp thường lệ của đảng ủy"),
        Cause("plenary", 2, "BT04", f"Dưới {limit('min_plenary_meetings', False)} kỳ họp đảng bộ"),
        Cause("quality", 2, "BT05", "Chất lượng sinh hoạt chưa đạt mức tốt"),
        Cause("discipline", 3, "BT06", "Có đảng viên, tổ chức đảng bị kỷ luật"),
        *(Cause(f"tu-danh-gia-{n}", n, "", f"Tự đánh giá, không có số liệu (tiêu chí {n})") for n in range(1, 5)),
    ]


def member_tallies(ds: Dataset, evaluations: Iterable[Evaluation], model_ids: Iterable[str]) -> dict[str, Members]:
    """One year's members rated HTTNV or better: per model, and under TOTAL counting every member once.

    A đảng bộ cơ sở's figures include its chi bộ's members, so the total leaves out a unit whose
    đảng bộ above it reported ratings the same year.
    """
    reported: dict[str, tuple[str, int, int]] = {}
    for evaluation in evaluations:
        ev = ds.assessment[(evaluation.unit, evaluation.year)].record.evidence
        if ev is not None and ev.members and ev.member_ratings is not None:
            reported[evaluation.unit] = (evaluation.model, ev.members, ev.member_ratings.good)
    sums: dict[str, list[int]] = {key: [0, 0, 0] for key in [*model_ids, TOTAL]}
    for unit_id, (model, members, good) in reported.items():
        keys = [model] if any(a in reported for a in ancestors(ds, unit_id)) else [model, TOTAL]
        for key in keys:
            entry = sums.setdefault(key, [0, 0, 0])
            entry[0], entry[1], entry[2] = entry[0] + 1, entry[1] + members, entry[2] + good
    return {key: Members(*entry) for key, entry in sums.items()}
