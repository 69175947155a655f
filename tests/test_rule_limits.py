"""Tests that notice a broken rule: every threshold tied to the plan's words, every rule fired by a case, every limit
met exactly by a valid record, and the derivations the rules read checked at their edges.

Fast and in-process: `make mutation` runs this file and tests/test_cases.py against every mutant.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.records.dataset import Dataset
from generator.records.models import Assessment, Evidence, Rulebook
from generator.rules import RULES
from generator.rules.check import check
from generator.rules.derive import authority, limits, misplaced, model_for, shortfalls, threshold, verdict
from generator.rules.evidence_numbers import clashes, missing_numbers

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
PLAN = " ".join((ROOT / "data" / "texts" / "1288-kh-du.txt").read_text(encoding="utf-8").split())
RULEBOOK = Rulebook.model_validate(yaml.safe_load((ROOT / "data" / "rulebook.yaml").read_text(encoding="utf-8")))
CHI_BO, DANG_BO = "chi-bo-bon-tot", "dang-bo-co-so-bon-tot"

# Each threshold the plan sets, with the words of the plan it comes from and how those words give the number.
_MONTHLY, _QUARTERLY = 12, 4
FROM_PLAN: dict[str, tuple[str, Any]] = {
    "min_share_members_good": (r"có (\d+)% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên", lambda m: int(m[1]) / 100),
    "min_share_organisations_good": (r"có (\d+)% số lượng tổ chức đảng trực thuộc và đảng viên được xếp loại", lambda m: int(m[1]) / 100),
    "min_regular_meetings": (r"Chi ủy, chi bộ họp thường lệ mỗi tháng một lần", lambda m: _MONTHLY),
    "min_thematic_meetings": (r"các kỳ sinh hoạt chuyên đề theo hằng quý", lambda m: _QUARTERLY),
    "min_committee_meetings": (r"đảng ủy cơ sở họp thường lệ mỗi tháng một lần", lambda m: _MONTHLY),
    "min_plenary_meetings": (r"đảng bộ cơ sở họp thường lệ mỗi năm (\d+) lần", lambda m: int(m[1])),
    "max_disciplined_members": (r"Không có đảng viên vi phạm Quy định về những điều đảng viên không được làm và đảng viên bị kỷ luật",
                                lambda m: 0),
    "group_commendations_per_window": (r"cấp Đảng ủy Tập đoàn sẽ tổ chức (\d+) năm (\d+) lần", lambda m: int(m[2])),
    "group_commendation_window_years": (r"cấp Đảng ủy Tập đoàn sẽ tổ chức (\d+) năm (\d+) lần", lambda m: int(m[1])),
}


# --- thresholds and the plan's text ---------------------------------------------------------------------------------


def test_every_threshold_from_the_plan_has_its_words() -> None:
    from_plan = {t.key for t in RULEBOOK.thresholds if t.source == RULEBOOK.source}
    assert from_plan == set(FROM_PLAN)


@pytest.mark.parametrize("key", sorted(FROM_PLAN))
def test_threshold_is_the_number_in_the_plan(key: str) -> None:
    pattern, value = FROM_PLAN[key]
    match = re.search(pattern, PLAN)
    assert match, f"the plan no longer says: {pattern}"
    items = [t for t in RULEBOOK.thresholds if t.key == key and t.source == RULEBOOK.source]
    assert items and all(math.isclose(t.value, value(match)) for t in items), (key, [t.value for t in items], value(match))


# --- every rule fires somewhere, and the valid cases sit at the limits ------------------------------------------------


def _cases() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((TESTS / "cases").glob("*/case.yaml"))]


def test_every_rule_has_a_case_that_makes_it_fire() -> None:
    fired = {rule for case in _cases() for rule in re.findall(r"\[(BT\d\d)\]$", case.get("expected") or "", flags=re.MULTILINE)}
    assert sorted(set(RULES) - fired) == []


def test_valid_cases_exist_at_the_edges() -> None:
    valid = [c["description"] for c in _cases() if c["exit"] == 0 and not (c.get("expected") or "").strip()]
    assert len(valid) >= 8, valid


@pytest.fixture(scope="module")
def minimal() -> Dataset:
    ds, problems = check(TESTS / "fixtures" / "minimal")
    assert ds is not None and not problems
    return ds


def test_minimal_fixture_sits_exactly_at_each_limit(minimal: Dataset) -> None:
    """The clean fixture meets every limit with nothing to spare, so a `<` turned `<=` fails its check."""
    in_force = limits(RULEBOOK, 2024)
    cell = minimal.assessment[("cb-co-quan", 2024)].record.evidence
    base = minimal.assessment[("db-mau", 2024)].record.evidence
    assert cell is not None and base is not None
    assert cell.regular_meetings == in_force["min_regular_meetings"]
    assert cell.thematic_meetings == in_force["min_thematic_meetings"]
    assert cell.admissions is not None and cell.admissions.admitted == cell.admissions.target
    assert cell.disciplined_members == in_force["max_disciplined_members"]
    assert base.committee_meetings == in_force["min_committee_meetings"]
    assert base.plenary_meetings == in_force["min_plenary_meetings"]
    assert base.disciplined_organisations == base.disciplined_leaders == in_force["max_disciplined_members"]
    assert base.organisations == len(minimal.children["db-mau"])  # BT20's limit
    cells = sum((minimal.assessment[(u, 2024)].record.evidence or Evidence()).members or 0
                for u in ("cb-mau-van-hanh", "cb-mau-sua-chua", "cb-mau-nhien-lieu-ca-1"))
    assert base.members == cells  # BT20's limit


# --- the derivations at their edges -----------------------------------------------------------------------------------


def _assessment(evidence: dict[str, Any], results: tuple[str, ...] = ("dat",) * 4) -> Assessment:
    return Assessment.model_validate({"unit": "x", "assessed_by": "chi-bo", "criteria": [{"result": r} for r in results],
                                      "evidence": evidence})


def _rules(evidence: dict[str, Any], model: str = CHI_BO) -> list[tuple[int, str]]:
    return [(s.criterion, s.rule) for s in shortfalls(_assessment(evidence), model, RULEBOOK, 2024)]


def _ratings(good: int, other: int = 0) -> dict[str, int]:
    return {"htxsnv": 0, "httnv": good, "htnv": other, "khtnv": 0}


@pytest.mark.parametrize(("evidence", "model", "expected"), [
    ({"members": 20, "member_ratings": _ratings(18, 2)}, CHI_BO, []),
    ({"members": 20, "member_ratings": _ratings(17, 3)}, CHI_BO, [(1, "BT02")]),
    ({"member_ratings": _ratings(17, 3)}, CHI_BO, [(1, "BT02")]),  # members left out: at most 85 %
    ({"member_ratings": _ratings(18, 2)}, CHI_BO, []),  # at most 90 %: undecided, BT15's
    ({"organisations": 10, "organisation_ratings": _ratings(9, 1)}, DANG_BO, []),
    ({"organisations": 10, "organisation_ratings": _ratings(8, 2)}, DANG_BO, [(1, "BT02")]),
    ({"organisation_ratings": _ratings(8, 2)}, DANG_BO, [(1, "BT02")]),
    ({"organisations": 10, "organisation_ratings": _ratings(8, 2)}, CHI_BO, []),  # a chi bộ has no organisations to rate
    ({"admissions": {"target": 2, "admitted": 2}}, CHI_BO, []),
    ({"admissions": {"target": 2, "admitted": 1}}, CHI_BO, [(1, "BT03")]),
    ({"regular_meetings": 12, "thematic_meetings": 4}, CHI_BO, []),
    ({"regular_meetings": 11}, CHI_BO, [(2, "BT04")]),
    ({"thematic_meetings": 3}, CHI_BO, [(2, "BT04")]),
    ({"committee_meetings": 12, "plenary_meetings": 2}, DANG_BO, []),
    ({"committee_meetings": 11}, DANG_BO, [(2, "BT04")]),
    ({"plenary_meetings": 1}, DANG_BO, [(2, "BT04")]),
    ({"regular_meetings": 1}, DANG_BO, []),  # a đảng bộ's meetings are counted as committee and plenary meetings
    ({"meeting_quality": "tot"}, CHI_BO, []),
    ({"meeting_quality": "kha"}, CHI_BO, [(2, "BT05")]),
    ({"meeting_quality": "kem"}, DANG_BO, []),
    ({"disciplined_members": 0}, CHI_BO, []),
    ({"disciplined_members": 1}, CHI_BO, [(3, "BT06")]),
    ({"disciplined_organisations": 1, "disciplined_leaders": 1}, CHI_BO, []),
    ({"disciplined_organisations": 1}, DANG_BO, [(3, "BT06")]),
    ({"disciplined_leaders": 1}, DANG_BO, [(3, "BT06")]),
    ({"disciplined_organisations": 0, "disciplined_leaders": 0, "disciplined_members": 0}, DANG_BO, []),
])
def test_shortfalls_at_and_past_each_limit(evidence: dict[str, Any], model: str, expected: list[tuple[int, str]]) -> None:
    assert _rules(evidence, model) == expected


def test_shortfall_reasons_name_the_numbers() -> None:
    found = shortfalls(_assessment({"members": 20, "member_ratings": _ratings(17, 3)}), CHI_BO, RULEBOOK, 2024)
    assert [s.reason for s in found] == ["85 % đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên (17/20), dưới mức 90 %"]
    assert found[0].loc == ("evidence", "member_ratings")
    assert shortfalls(_assessment({}), CHI_BO, RULEBOOK, 2024) == []


@pytest.mark.parametrize(("evidence", "model", "expected"), [
    ({"members": 20, "member_ratings": _ratings(18, 2)}, CHI_BO, []),
    ({"members": 20, "member_ratings": _ratings(18, 3)}, CHI_BO, [("evidence", "member_ratings")]),
    ({"members": 0}, CHI_BO, [("evidence", "members")]),
    ({"members": 5, "admissions": {"target": 5, "admitted": 5}, "disciplined_members": 5}, CHI_BO, []),
    ({"members": 5, "admissions": {"target": 6, "admitted": 6}}, CHI_BO, [("evidence", "admissions")]),
    ({"members": 5, "disciplined_members": 6}, CHI_BO, [("evidence", "disciplined_members")]),
    ({"organisations": 0}, CHI_BO, []),
    ({"organisations": 0}, DANG_BO, [("evidence", "organisations")]),
    ({"organisations": 3, "organisation_ratings": _ratings(3), "disciplined_organisations": 3}, DANG_BO, []),
    ({"organisations": 3, "organisation_ratings": _ratings(3, 1)}, DANG_BO, [("evidence", "organisation_ratings")]),
    ({"organisations": 3, "disciplined_organisations": 4}, DANG_BO, [("evidence", "disciplined_organisations")]),
    ({"members": 3, "disciplined_leaders": 4}, DANG_BO, [("evidence", "disciplined_leaders")]),
    ({"members": 3, "disciplined_leaders": 4}, CHI_BO, []),
    ({"member_ratings": _ratings(30)}, CHI_BO, []),  # no whole to compare with: BT15's
])
def test_clashes_at_and_past_each_whole(evidence: dict[str, Any], model: str, expected: list[tuple[str, str]]) -> None:
    assert [c.loc for c in clashes(Evidence.model_validate(evidence), model)] == expected


def test_missing_numbers_only_for_dat_criteria_with_other_evidence() -> None:
    full_cell = {"members": 20, "member_ratings": _ratings(20), "admissions": {"target": 0, "admitted": 0}, "regular_meetings": 12,
                 "thematic_meetings": 4, "meeting_quality": "tot", "disciplined_members": 0}
    assert missing_numbers(_assessment(full_cell), CHI_BO) == []
    assert missing_numbers(_assessment({}), CHI_BO) == []
    assert missing_numbers(_assessment({k: v for k, v in full_cell.items() if k != "members"}), CHI_BO) == [(1, "members")]
    partial = {"members": 20}
    assert missing_numbers(_assessment(partial), CHI_BO) == [
        (1, "member_ratings"), (1, "admissions"), (2, "regular_meetings"), (2, "thematic_meetings"), (2, "meeting_quality"),
        (3, "disciplined_members")]
    assert missing_numbers(_assessment(partial, ("khong-dat", "dat", "khong-dat", "dat")), CHI_BO) == [
        (2, "regular_meetings"), (2, "thematic_meetings"), (2, "meeting_quality")]
    assert [c for c, _ in missing_numbers(_assessment(partial), DANG_BO)].count(3) == 3


def test_verdict_and_thresholds_in_force() -> None:
    assert verdict(_assessment({}))
    assert not verdict(_assessment({}, ("dat", "dat", "dat", "khong-dat")))
    assert threshold(RULEBOOK, "max_excellent_share_of_good", 2024).source == "124-qd-tw"  # type: ignore[union-attr]
    assert threshold(RULEBOOK, "max_excellent_share_of_good", 2025).source == "366-qd-tw"  # type: ignore[union-attr]
    assert threshold(RULEBOOK, "min_share_members_good", 2023) is None


def test_authority_and_placement(minimal: Dataset) -> None:
    assert authority(minimal, "cb-co-quan") == ("dang-uy-tct", "ban-thuong-vu")
    assert authority(minimal, "db-mau") == ("dang-uy-tct", "ban-thuong-vu")
    assert authority(minimal, "cb-mau-van-hanh") == ("db-mau", "dang-uy")
    assert authority(minimal, "cb-mau-nhien-lieu-ca-1") == ("db-mau", "dang-uy")
    assert authority(minimal, "dbbp-mau-nhien-lieu") is None
    assert authority(minimal, "dang-uy-tkv") is None
    assert authority(minimal, "cb-khong-co") is None  # a mistyped id: BT12's
    assert not any(misplaced(minimal, ref.record.id) for ref in minimal.units)
    assert model_for(minimal.unit["dbbp-mau-nhien-lieu"], RULEBOOK) is None
    assert model_for(minimal.unit["cb-mau-nhien-lieu-ca-1"], RULEBOOK).id == CHI_BO  # type: ignore[union-attr]


def test_every_threshold_key_has_a_meaningful_range() -> None:
    from typing import get_args

    from generator.records.fields import ThresholdKey
    from generator.records.threshold_ranges import THRESHOLD_RANGES

    assert set(THRESHOLD_RANGES) == set(get_args(ThresholdKey))
    for item in RULEBOOK.thresholds:
        low, high, _ = THRESHOLD_RANGES[item.key]
        assert low <= item.value <= high


def test_a_unit_exists_from_its_founding_year_through_its_last_year(minimal: Dataset) -> None:
    from generator.rules.derive import ancestors, existed

    unit = minimal.unit["cb-mau-sua-chua"].model_copy(update={"dissolved": 2020})  # founded 2010
    assert [existed(unit, y) for y in (2009, 2010, 2020, 2021)] == [False, True, True, False]
    assert existed(minimal.unit["cb-mau-van-hanh"], 1930)  # no founding year: always existed
    assert ancestors(minimal, "cb-mau-nhien-lieu-ca-1") == ["dbbp-mau-nhien-lieu", "db-mau", "dang-uy-tct", "dang-uy-tkv"]
    assert ancestors(minimal, "dang-uy-tkv") == []


def test_body_names_the_committee_of_each_kind_of_unit() -> None:
    from generator.rules.derive import body_name

    assert body_name("Đảng bộ Công ty X", "dang-uy") == "Đảng ủy Công ty X"
    assert body_name("Đảng bộ Công ty X", "ban-thuong-vu") == "Ban Thường vụ Đảng ủy Công ty X"
    assert body_name("Chi bộ Phân xưởng Y", "dang-uy") == "Chi ủy Phân xưởng Y"
    assert body_name("Đảng ủy Tập đoàn", "ban-thuong-vu") == "Ban Thường vụ Đảng ủy Tập đoàn"
    assert body_name("Chi ủy Z", "dang-uy") == "Chi ủy Z"
    assert body_name("Công ty W", "dang-uy") == "Đảng ủy Công ty W"


def test_the_registry_refuses_a_second_rule_with_the_same_id() -> None:
    from generator.rules import rule

    with pytest.raises(ValueError, match="duplicate rule id BT01"):
        rule("BT01", "x", "y")(lambda ds: [])
    assert all(r.id == key and r.summary and r.clause and r.func.__doc__ for key, r in RULES.items())
    assert RULES["BT02"].clause == "II.1.1, II.2.1" and RULES["BT16"].func.__name__ == "type_fits_parent"


def test_the_registry_keeps_a_new_rule_whole() -> None:
    """The registry keeps what `rule()` is given: a rule registered here is found by its id, whole, and given back."""
    from generator.rules import rule

    def no_problem(ds: Dataset) -> list[Any]:
        """Finds nothing."""
        return []

    try:
        assert rule("BT99", "Không gì", "II.9")(no_problem) is no_problem
        added = RULES["BT99"]
        assert (added.id, added.summary, added.clause, added.func) == ("BT99", "Không gì", "II.9", no_problem)
    finally:
        RULES.pop("BT99", None)


def test_an_id_number_at_the_end_of_a_sentence_is_found() -> None:
    """BT21: “CCCD 001190012345.” ends with a full stop, which is not part of a decimal number."""
    from generator.rules.personal import found_in

    assert found_in("Người lập biên bản, CCCD 001190012345.", free=True) == "một dãy 9 hoặc 12 chữ số giống số CMND/CCCD"
    assert found_in("Sản lượng 123456789.5 kWh, vượt kế hoạch.", free=True) is None
