"""What the rules compute from the records: models, thresholds in force, verdicts, shortfalls, authority.

Records stay as loaded; everything here is derived and kept in its own values.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from generator.core.viet import number, percent
from generator.records.dataset import Dataset, keeping
from generator.records.models import Assessment, Model, Rulebook, Threshold, Unit
from generator.records.yamlsource import Loc
from generator.rules.names import QUALITY_NAMES

CHI_BO_TYPES = ("chi-bo-co-so", "chi-bo-truc-thuoc-dang-uy-co-so", "chi-bo-truc-thuoc-dang-bo-bo-phan")
BASE_TYPES = ("chi-bo-co-so", "dang-bo-co-so")  # tổ chức cơ sở đảng



@dataclass(frozen=True)
class Shortfall:
    """Evidence that refutes one criterion: which rule, where in the record, and the reason in words."""

    criterion: int
    rule: str
    loc: Loc
    reason: str


_MODELS: list[tuple[Rulebook, dict[str, Model | None]]] = []  # the last rulebook asked about, with its answers by type


def model_for(unit: Unit, rulebook: Rulebook) -> Model | None:
    """The model that fits the unit's type (plan notes 2 and 3), if any. Asked once per assessment by several
    rules and the page plan (200,000 times at 20,000 units), so the answers for the last rulebook are kept."""
    if not _MODELS or _MODELS[0][0] is not rulebook:
        _MODELS[:] = [(rulebook, {})]
    by_type = _MODELS[0][1]
    if unit.type not in by_type:
        by_type[unit.type] = next((m for m in rulebook.models if unit.type in m.applies_to), None)
    return by_type[unit.type]


def threshold(rulebook: Rulebook, key: str, year: int) -> Threshold | None:
    """The threshold in force in `year`."""
    for item in rulebook.thresholds:
        if item.key == key and item.valid_from <= year and (item.valid_until is None or year <= item.valid_until):
            return item
    return None


def verdict(assessment: Assessment) -> bool:
    """Plan II.3: “bốn tốt” exactly when all four criteria are đạt."""
    return all(c.result == "dat" for c in assessment.criteria)


def limits(rulebook: Rulebook, year: int) -> dict[str, float | None]:
    """Every threshold value in force in `year`, by key (None when the rulebook has none)."""
    keys = {item.key for item in rulebook.thresholds}
    return {key: (None if (item := threshold(rulebook, key, year)) is None else item.value) for key in keys}


def shortfalls(assessment: Assessment, model_id: str, rulebook: Rulebook, year: int,
               in_force: dict[str, float | None] | None = None) -> list[Shortfall]:
    """Every way the evidence refutes a criterion, with the reason in words. Empty evidence refutes nothing.
    `in_force` is `limits(rulebook, year)` when the caller already has it."""
    ev = assessment.evidence
    if ev is None:
        return []
    found: list[Shortfall] = []
    values = in_force if in_force is not None else limits(rulebook, year)

    def limit(key: str) -> float | None:
        return values.get(key)

    party_base = model_id == "dang-bo-co-so-bon-tot"
    shares = [("members", "member_ratings", "min_share_members_good", "đảng viên")]
    if party_base:
        shares.append(("organisations", "organisation_ratings", "min_share_organisations_good", "tổ chức đảng trực thuộc"))
    for whole_field, ratings_field, key, words in shares:
        share_min, whole, ratings = limit(key), getattr(ev, whole_field), getattr(ev, ratings_field)
        if share_min is None or ratings is None:
            continue
        if whole:
            share = ratings.good / whole
            if share < share_min:
                found.append(Shortfall(1, "BT02", ("evidence", ratings_field),
                    f"{percent(share)} {words} được xếp loại hoàn thành tốt nhiệm vụ trở lên "
                    f"({number(ratings.good)}/{number(whole)}), dưới mức {percent(share_min)}"))
        elif whole is None and ratings.total:
            # The whole is at least everyone rated, so the share is at most good/total: already below the limit
            # decides the criterion without the missing number.
            share = ratings.good / ratings.total
            if share < share_min:
                found.append(Shortfall(1, "BT02", ("evidence", ratings_field),
                    f"nhiều nhất {percent(share)} {words} được xếp loại hoàn thành tốt nhiệm vụ trở lên "
                    f"({number(ratings.good)}/{number(ratings.total)} {words} được xếp loại, chưa ghi {whole_field}), "
                    f"dưới mức {percent(share_min)}"))
    if ev.admissions is not None and ev.admissions.admitted < ev.admissions.target:
        found.append(Shortfall(1, "BT03", ("evidence", "admissions"),
            f"kết nạp {number(ev.admissions.admitted)} đảng viên, chưa đạt chỉ tiêu {number(ev.admissions.target)}"))

    meetings: list[tuple[str, str, str]] = (
        [("committee_meetings", "min_committee_meetings", "kỳ họp thường lệ của đảng ủy"),
         ("plenary_meetings", "min_plenary_meetings", "kỳ họp đảng bộ")]
        if party_base
        else [("regular_meetings", "min_regular_meetings", "kỳ sinh hoạt chi bộ thường kỳ"),
              ("thematic_meetings", "min_thematic_meetings", "kỳ sinh hoạt chuyên đề")]
    )
    for field, key, words in meetings:
        held, needed = getattr(ev, field), limit(key)
        if held is not None and needed is not None and held < needed:
            found.append(Shortfall(2, "BT04", ("evidence", field), f"{number(held)} {words}, dưới mức {number(needed)}"))
    if not party_base and ev.meeting_quality is not None and ev.meeting_quality != "tot":
        found.append(Shortfall(2, "BT05", ("evidence", "meeting_quality"),
            f"chất lượng sinh hoạt chi bộ cả năm ở mức {QUALITY_NAMES[ev.meeting_quality]}, chưa đạt mức tốt"))

    allowed = limit("max_disciplined_members")
    if allowed is not None:
        discipline = [("disciplined_members", "đảng viên bị kỷ luật")]
        if party_base:
            discipline += [("disciplined_organisations", "tổ chức đảng trực thuộc bị kỷ luật"),
                           ("disciplined_leaders", "thành viên tập thể lãnh đạo, quản lý bị kỷ luật")]
        for field, words in discipline:
            count = getattr(ev, field)
            if count is not None and count > allowed:
                found.append(Shortfall(3, "BT06", ("evidence", field), f"có {number(count)} {words}"))
    return found


_SHORTFALLS: list[tuple[weakref.ref[Dataset], dict[int, list[Shortfall]]]] = []
# In `bontot serve`'s worker (records/dataset.py `keeping`), each assessment's shortfalls and evaluation from one build
# to the next, for the same record object (its file unchanged), model, rulebook object and year.
_KEPT_SHORTFALLS: dict[tuple[int, str, int, int], tuple[Assessment, Rulebook, list[Shortfall]]] = {}
_KEPT_EVALUATIONS: dict[tuple[int, str, int, int], tuple[Assessment, list[Shortfall], Evaluation]] = {}


def all_shortfalls(ds: Dataset) -> dict[int, list[Shortfall]]:
    """`shortfalls` of every assessment of a unit with a model, by id() of its Ref. Computed once per Dataset:
    five rules and the page plan read it (200,000 assessments at 20,000 units)."""
    if _SHORTFALLS and _SHORTFALLS[0][0]() is ds:
        return _SHORTFALLS[0][1]
    found: dict[int, list[Shortfall]] = {}
    rulebook = ds.rulebook.record
    by_year: dict[int, dict[str, float | None]] = {}
    now: dict[tuple[int, str, int, int], tuple[Assessment, Rulebook, list[Shortfall]]] = {}
    for ref in ds.assessments:
        unit = ds.unit.get(ref.record.unit)
        model = model_for(unit, rulebook) if unit else None
        if model is not None:
            key = (id(ref.record), model.id, id(rulebook), ref.year)
            kept = _KEPT_SHORTFALLS.get(key)
            if kept is None or kept[0] is not ref.record or kept[1] is not rulebook:
                in_force = by_year.get(ref.year) or by_year.setdefault(ref.year, limits(rulebook, ref.year))
                kept = (ref.record, rulebook, shortfalls(ref.record, model.id, rulebook, ref.year, in_force))
            now[key], found[id(ref)] = kept, kept[2]
    _SHORTFALLS[:] = [(weakref.ref(ds), found)]
    _KEPT_SHORTFALLS.clear()
    _KEPT_SHORTFALLS.update(now if keeping() else {})
    return found


def ancestors(ds: Dataset, unit_id: str) -> list[str]:
    """Parent, grandparent, … up to the root (stops on a cycle, which BT12 reports)."""
    chain: list[str] = []
    current = ds.unit.get(unit_id)
    while current is not None and current.parent is not None and current.parent not in chain and current.parent != unit_id:
        chain.append(current.parent)
        current = ds.unit.get(current.parent)
    return chain


# Notes 2 and 3 of the plan, and the Party statute's levels: the type of the unit each type sits directly under.
PARENT_TYPES: dict[str, tuple[str | None, ...]] = {
    "cap-tren-co-so": (None, "cap-tren-co-so"),
    "dang-bo-co-so": ("cap-tren-co-so",),
    "chi-bo-co-so": ("cap-tren-co-so",),
    "chi-bo-truc-thuoc-dang-uy-co-so": ("dang-bo-co-so",),
    "dang-bo-bo-phan": ("dang-bo-co-so",),
    "chi-bo-truc-thuoc-dang-bo-bo-phan": ("dang-bo-bo-phan",),
}


def misplaced(ds: Dataset, unit_id: str) -> bool:
    """True when the unit's type does not fit its parent's type (BT16 reports it; other rules then say nothing)."""
    unit = ds.unit.get(unit_id)
    if unit is None:
        return False
    parent = ds.unit.get(unit.parent) if unit.parent is not None else None
    if unit.parent is not None and parent is None:
        return False  # an unknown parent is BT12's
    return (parent.type if parent is not None else None) not in PARENT_TYPES[unit.type]


def authority(ds: Dataset, unit_id: str) -> tuple[str, str] | None:
    """Plan II.5: the (issuing unit, body) that may recognise `unit_id` as “bốn tốt”."""
    unit = ds.unit.get(unit_id)
    if unit is None or unit.parent is None:
        return None
    if unit.type in BASE_TYPES:
        return (unit.parent, "ban-thuong-vu")
    if unit.type == "chi-bo-truc-thuoc-dang-uy-co-so":
        return (unit.parent, "dang-uy")
    if unit.type == "chi-bo-truc-thuoc-dang-bo-bo-phan":
        section = ds.unit.get(unit.parent)
        if section is not None and section.parent is not None:
            return (section.parent, "dang-uy")
    return None


def decision_level(ds: Dataset, issuer: str) -> str:
    """`tap-doan`, `tong-cong-ty` or `co-so`: the level a decision is published under."""
    site = ds.site.record
    if issuer == site.group:
        return "tap-doan"
    if issuer == site.corporation:
        return "tong-cong-ty"
    return "co-so"


def body_name(unit_name: str, body: str) -> str:
    """The committee that speaks for a unit: `Đảng bộ Công ty X` -> `Đảng ủy Công ty X`, with `Ban Thường vụ` when asked."""
    if unit_name.startswith("Đảng bộ "):
        committee = "Đảng ủy " + unit_name.removeprefix("Đảng bộ ")
    elif unit_name.startswith("Chi bộ "):
        committee = "Chi ủy " + unit_name.removeprefix("Chi bộ ")
    elif unit_name.startswith(("Đảng ủy", "Chi ủy")):
        committee = unit_name
    else:
        committee = f"Đảng ủy {unit_name}"
    return f"Ban Thường vụ {committee}" if body == "ban-thuong-vu" else committee


def existed(unit: Unit, year: int) -> bool:
    return (unit.founded is None or unit.founded <= year) and (unit.dissolved is None or year <= unit.dissolved)


@dataclass(frozen=True)
class Evaluation:
    """The computed outcome of one assessment."""

    unit: str
    year: int
    model: str
    met: tuple[bool, ...]
    passed: bool
    reasons: dict[int, list[str]]  # unmet criterion -> what the evidence shows
    notes: dict[int, str]  # unmet criterion -> the unit's own words


def evaluate(ds: Dataset) -> dict[tuple[str, int], Evaluation]:
    """Outcome of every assessment whose unit and model are known, with reasons for unmet criteria."""
    result: dict[tuple[str, int], Evaluation] = {}
    refuted = all_shortfalls(ds)
    now: dict[tuple[int, str, int, int], tuple[Assessment, list[Shortfall], Evaluation]] = {}
    for (unit_id, year), ref in ds.assessment.items():
        unit = ds.unit.get(unit_id)
        model = model_for(unit, ds.rulebook.record) if unit else None
        if model is None:
            continue
        record = ref.record
        found = refuted[id(ref)]  # all_shortfalls covers every assessment of a unit with a model
        key = (id(record), model.id, id(found), year)
        kept = _KEPT_EVALUATIONS.get(key)
        if kept is None or kept[0] is not record or kept[1] is not found:
            reasons: dict[int, list[str]] = {}
            notes: dict[int, str] = {}
            for index, criterion in enumerate(record.criteria, start=1):
                if criterion.result == "dat":
                    continue
                reasons[index] = [s.reason for s in found if s.criterion == index]
                if criterion.note:
                    notes[index] = criterion.note
            met = tuple(c.result == "dat" for c in record.criteria)
            kept = (record, found, Evaluation(unit_id, year, model.id, met, all(met), reasons, notes))
        now[key], result[(unit_id, year)] = kept, kept[2]
    _KEPT_EVALUATIONS.clear()
    _KEPT_EVALUATIONS.update(now if keeping() else {})
    return result


def tree_order(ds: Dataset) -> list[tuple[str, int]]:
    """Every unit as (id, depth), depth-first from the roots, siblings in file order."""
    order: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(uid, 0) for uid in reversed(ds.children.get(None, []))]
    while stack:
        uid, depth = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        order.append((uid, depth))
        stack.extend((child, depth + 1) for child in reversed(ds.children.get(uid, [])))
    return order
