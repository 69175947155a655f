"""The derivations the pages read beside the rules: each assessment's outcome, the unit tree's reading order and the level
a decision is published under, checked on the minimal fixture and on a copy a clerk has edited.

Fast and in-process: `make mutation` runs this file too, so a broken derivation in generator/rules/derive.py is noticed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.records.dataset import Dataset
from generator.rules.check import check
from generator.rules.derive import authority, decision_level, evaluate, tree_order

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


def _edited(tmp_path: Path, file: str, find: str, replace: str) -> Dataset:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert text.count(find) == 1, find
    path.write_text(text.replace(find, replace), encoding="utf-8")
    ds, _ = check(data)
    assert ds is not None
    return ds


@pytest.fixture(scope="module")
def minimal() -> Dataset:
    ds, problems = check(MINIMAL)
    assert ds is not None and not problems
    return ds


def test_every_assessed_unit_gets_its_outcome(minimal: Dataset) -> None:
    outcomes = evaluate(minimal)
    assert sorted(outcomes) == sorted((ref.record.unit, ref.year) for ref in minimal.assessments)
    passed = outcomes[("cb-co-quan", 2024)]
    assert (passed.unit, passed.year, passed.model) == ("cb-co-quan", 2024, "chi-bo-bon-tot")
    assert passed.met == (True, True, True, True) and passed.passed and passed.reasons == {} and passed.notes == {}
    assert outcomes[("db-mau", 2024)].model == "dang-bo-co-so-bon-tot"


def test_an_unmet_criterion_keeps_the_units_own_words(minimal: Dataset) -> None:
    """The repair cell marked criterion 2 không đạt with a note; its numbers refute nothing, so no computed reason."""
    outcome = evaluate(minimal)[("cb-mau-sua-chua", 2024)]
    assert outcome.met == (True, False, True, True) and not outcome.passed
    assert outcome.reasons == {2: []}
    assert outcome.notes == {2: "Chưa duy trì đều sinh hoạt chuyên đề."}


def test_an_unmet_criterion_gets_the_reason_its_numbers_give(tmp_path: Path) -> None:
    """Three thematic meetings instead of four (II.1.2 “theo hằng quý”): the outcome says so beside the note."""
    ds = _edited(tmp_path, "assessments/2024.yaml", "      thematic_meetings: 4\n\n  - unit: cb-mau-nhien-lieu-ca-1",
                 "      thematic_meetings: 3\n\n  - unit: cb-mau-nhien-lieu-ca-1")
    outcome = evaluate(ds)[("cb-mau-sua-chua", 2024)]
    assert len(outcome.reasons[2]) == 1 and "3" in outcome.reasons[2][0] and "4" in outcome.reasons[2][0]
    assert outcome.notes == {2: "Chưa duy trì đều sinh hoạt chuyên đề."}
    assert outcome.met == (True, False, True, True)


def test_an_assessment_of_a_unit_without_a_model_has_no_outcome(tmp_path: Path) -> None:
    """A cấp trên cơ sở committee is not assessed under 1288-KH/ĐU (notes 2 and 3): its record gets no outcome."""
    ds = _edited(tmp_path, "assessments/2024.yaml", "  - unit: cb-co-quan\n", "  - unit: dang-uy-tct\n")
    outcomes = evaluate(ds)
    assert ("dang-uy-tct", 2024) not in outcomes and ("cb-co-quan", 2024) not in outcomes
    assert len(outcomes) == 4


def test_the_tree_reads_depth_first_with_siblings_in_file_order(minimal: Dataset) -> None:
    assert tree_order(minimal) == [
        ("dang-uy-tkv", 0), ("dang-uy-tct", 1), ("db-mau", 2), ("cb-mau-van-hanh", 3), ("cb-mau-sua-chua", 3),
        ("dbbp-mau-nhien-lieu", 3), ("cb-mau-nhien-lieu-ca-1", 4), ("cb-co-quan", 2),
    ]


def test_a_second_root_follows_the_first_tree(tmp_path: Path) -> None:
    ds = _edited(tmp_path, "units.yaml", "    short_name: Đảng ủy Tổng công ty\n    type: cap-tren-co-so\n    parent: dang-uy-tkv\n",
                 "    short_name: Đảng ủy Tổng công ty\n    type: cap-tren-co-so\n")
    order = tree_order(ds)
    assert order[0] == ("dang-uy-tkv", 0) and order[1] == ("dang-uy-tct", 0) and ("cb-co-quan", 1) in order
    assert len(order) == len({uid for uid, _ in order}) == 8


def test_a_decision_is_published_under_its_issuers_level(minimal: Dataset) -> None:
    assert decision_level(minimal, "dang-uy-tkv") == "tap-doan"
    assert decision_level(minimal, "dang-uy-tct") == "tong-cong-ty"
    assert decision_level(minimal, "db-mau") == "co-so"


def test_an_assessment_of_an_unknown_unit_has_no_outcome(tmp_path: Path) -> None:
    """A mistyped unit id (BT12 reports it) gives no outcome and does not stop the others."""
    ds = _edited(tmp_path, "assessments/2024.yaml", "  - unit: cb-co-quan\n", "  - unit: cb-co-quan-tct\n")
    outcomes = evaluate(ds)
    assert ("cb-co-quan-tct", 2024) not in outcomes and len(outcomes) == 4


def test_a_unit_entered_twice_is_read_once(tmp_path: Path) -> None:
    """A clerk pastes the đảng bộ twice (BT12 reports the duplicate id): the tree lists it once, and what follows it."""
    unit = "  - id: db-mau\n    name: Đảng bộ Công ty Nhiệt điện Mẫu\n    type: dang-bo-co-so\n    parent: dang-uy-tct\n"
    ds = _edited(tmp_path, "units.yaml", unit, unit + "\n" + unit)
    order = tree_order(ds)
    assert [uid for uid, _ in order].count("db-mau") == 1 and order[-1] == ("cb-co-quan", 2) and len(order) == 8


def test_a_tree_whose_top_unit_points_outside_reads_as_empty(tmp_path: Path) -> None:
    """The Tập đoàn committee given a parent that is not in units.yaml (BT12 reports it): no root, no tree."""
    ds = _edited(tmp_path, "units.yaml", "    short_name: Đảng ủy Tập đoàn\n    type: cap-tren-co-so\n",
                 "    short_name: Đảng ủy Tập đoàn\n    type: cap-tren-co-so\n    parent: dang-uy-khoi-dntw\n")
    assert tree_order(ds) == []


@pytest.mark.parametrize(("find", "replace", "unit"), [
    ("    type: chi-bo-co-so\n    parent: dang-uy-tct\n", "    type: chi-bo-co-so\n", "cb-co-quan"),
    ("    type: chi-bo-truc-thuoc-dang-bo-bo-phan\n    parent: dbbp-mau-nhien-lieu\n",
     "    type: chi-bo-truc-thuoc-dang-bo-bo-phan\n    parent: dbbp-mau-nhien-lieu-x\n", "cb-mau-nhien-lieu-ca-1"),
    ("    type: dang-bo-bo-phan\n    parent: db-mau\n", "    type: dang-bo-bo-phan\n", "cb-mau-nhien-lieu-ca-1"),
], ids=["chi-bo-without-parent", "section-mistyped", "section-without-parent"])
def test_no_authority_without_the_units_above(tmp_path: Path, find: str, replace: str, unit: str) -> None:
    """II.5 names the body above the unit; with no parent, or a đảng bộ bộ phận missing or without its đảng bộ (BT12 and
    BT16 report those), no body has authority, rather than a made-up one."""
    assert authority(_edited(tmp_path, "units.yaml", find, replace), unit) is None
