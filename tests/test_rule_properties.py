"""Property: no missing or wrong evidence number silences a rule (issue 17).

Hypothesis draws the evidence of a chi bộ or a đảng bộ cơ sở with every criterion written “đạt”, then deletes or changes
one number. An oracle written here from the plan's own numbers (90 %, 12 and 4 meetings, 12 committee and 2 plenary
meetings, nobody disciplined), not from the generator, decides what `bontot check` must say:

- every number present, parts within their wholes, and every limit met: no error;
- anything else (a number missing while others are given, a part larger than its whole, a limit missed): at least one
  error on that assessment. A refuted “đạt” is never a silent pass.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.core.problems import Level
from generator.rules.check import check

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
ASSESSMENTS = yaml.safe_load((MINIMAL / "assessments" / "2024.yaml").read_text(encoding="utf-8"))
UNITS = {"chi-bo": "cb-co-quan", "dang-bo": "db-mau"}
EVIDENCE_RULES = {"BT02", "BT03", "BT04", "BT05", "BT06", "BT14", "BT15"}

# The plan's numbers, read off its text by hand (II.1.1–II.1.3, II.2.1–II.2.3, note 1); tests/test_rule_limits.py
# ties data/rulebook.yaml to the same text.
SHARE, REGULAR, THEMATIC, COMMITTEE, PLENARY = 0.9, 12, 4, 12, 2


def _around(limit: int) -> list[int]:
    """The limit itself first (the valid case at the edge), then one above and one below."""
    return [limit, limit, limit, limit + 1, limit - 1]


@st.composite
def _evidence(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """Evidence near every limit; half the time exactly at every limit (the valid case at the edge)."""
    edge = draw(st.booleans())

    def pick(choices: list[Any]) -> Any:
        return choices[0] if edge else draw(st.sampled_from(choices))

    members = draw(st.integers(10, 60))
    rated = members - pick([0, 0, 1, 3])
    good = math.ceil(SHARE * members) if edge else draw(st.integers(int(rated * 0.86), rated))
    rest = rated - good
    excellent = draw(st.integers(0, good))
    weak = draw(st.integers(0, rest))
    target = draw(st.integers(0, 4))
    ev: dict[str, Any] = {
        "members": members,
        "member_ratings": {"htxsnv": excellent, "httnv": good - excellent, "htnv": rest - weak, "khtnv": weak},
        "admissions": {"target": target, "admitted": max(0, target + pick([0, 0, 0, 1, -1]))},
        "disciplined_members": pick([0, 0, 0, 0, 0, 1]),
    }
    if kind == "chi-bo":
        ev |= {"regular_meetings": pick(_around(REGULAR)), "thematic_meetings": pick(_around(THEMATIC)),
               "meeting_quality": pick(["tot", "tot", "tot", "tot", "kha"])}
    else:
        organisations = draw(st.integers(3, 12))
        org_good = math.ceil(SHARE * organisations) if edge else organisations - draw(st.sampled_from([0, 0, 0, 1, 2]))
        ev |= {"organisations": organisations,
               "organisation_ratings": {"htxsnv": 0, "httnv": org_good, "htnv": organisations - org_good, "khtnv": 0},
               "committee_meetings": pick(_around(COMMITTEE)), "plenary_meetings": pick(_around(PLENARY)),
               "disciplined_organisations": pick([0, 0, 0, 0, 0, 1]),
               "disciplined_leaders": pick([0, 0, 0, 0, 0, 1])}
    return ev


def _numbers(ev: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every number of the evidence as a path: ("members",), ("member_ratings", "httnv"), …"""
    return [(k, sub) for k, v in ev.items() if isinstance(v, dict) for sub in v] + [(k,) for k, v in ev.items() if not isinstance(v, dict)]


@st.composite
def _damaged(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    kind = draw(st.sampled_from(sorted(UNITS)))
    ev = draw(_evidence(kind))
    path = draw(st.sampled_from(_numbers(ev)))
    change = draw(st.sampled_from(["delete", "nudge", "replace", "keep"]))
    if change == "delete":
        del ev[path[0]]  # a whole field: ratings and admissions are one block each in the records
    elif change != "keep" and path != ("meeting_quality",):
        holder = ev[path[0]] if len(path) == 2 else ev
        key = path[-1]
        holder[key] = max(0, holder[key] + draw(st.sampled_from([-3, -1, 1, 3]))) if change == "nudge" else draw(st.integers(0, 100))
    return kind, ev, f"{change} {'.'.join(path)}"


def _oracle_fails(kind: str, ev: dict[str, Any]) -> bool:
    """True when the plan says a “đạt” cannot stand on this evidence, or the evidence cannot decide it."""
    needed = ["members", "member_ratings", "admissions", "disciplined_members"]
    needed += (["regular_meetings", "thematic_meetings", "meeting_quality"] if kind == "chi-bo"
               else ["organisations", "organisation_ratings", "committee_meetings", "plenary_meetings",
                     "disciplined_organisations", "disciplined_leaders"])
    if any(name not in ev for name in needed):
        return True
    members, ratings, admissions = ev["members"], ev["member_ratings"], ev["admissions"]
    if members == 0 or sum(ratings.values()) > members or admissions["admitted"] > members or ev["disciplined_members"] > members:
        return True
    if (ratings["htxsnv"] + ratings["httnv"]) / members < SHARE or admissions["admitted"] < admissions["target"]:
        return True
    if ev["disciplined_members"] > 0:
        return True
    if kind == "chi-bo":
        return ev["regular_meetings"] < REGULAR or ev["thematic_meetings"] < THEMATIC or ev["meeting_quality"] != "tot"
    organisations, org_ratings = ev["organisations"], ev["organisation_ratings"]
    if organisations == 0 or sum(org_ratings.values()) > organisations or ev["disciplined_organisations"] > organisations:
        return True
    if ev["disciplined_leaders"] > members:
        return True
    return ((org_ratings["htxsnv"] + org_ratings["httnv"]) / organisations < SHARE or ev["committee_meetings"] < COMMITTEE
            or ev["plenary_meetings"] < PLENARY or ev["disciplined_organisations"] > 0 or ev["disciplined_leaders"] > 0)


_FOLDER = tempfile.TemporaryDirectory()  # one copy of the fixture for the module; each example rewrites one file
_DATA = Path(_FOLDER.name) / "data"
shutil.copytree(MINIMAL, _DATA)


def _errors_on(kind: str, ev: dict[str, Any]) -> list[str]:
    records = yaml.safe_load(yaml.safe_dump(ASSESSMENTS))
    target = next(a for a in records["assessments"] if a["unit"] == UNITS[kind])
    target["evidence"] = ev
    target["criteria"] = [{"result": "dat"} for _ in range(4)]
    target.pop("verdict", None)
    (_DATA / "assessments" / "2024.yaml").write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = check(_DATA)
    return [f"{p.rule} {p.message}" for p in problems if p.level is Level.ERROR]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(case=_damaged())
def test_one_missing_or_wrong_number_never_makes_a_silent_pass(case: tuple[str, dict[str, Any], str]) -> None:
    kind, ev, change = case
    errors = _errors_on(kind, ev)
    event("refuted or undecidable" if _oracle_fails(kind, ev) else "meets the plan")
    if _oracle_fails(kind, ev):
        assert errors, f"{kind}, {change}: the plan refutes “đạt” (or cannot decide) but check passes: {ev}"
        assert {e.split()[0] for e in errors} <= EVIDENCE_RULES, errors
    else:
        assert not errors, f"{kind}, {change}: every number meets the plan, yet: {errors}"


def test_the_oracle_sees_both_outcomes() -> None:
    """The strategy reaches both sides of the oracle, so the property is not vacuous."""
    passing = {"members": 20, "member_ratings": {"htxsnv": 2, "httnv": 16, "htnv": 2, "khtnv": 0}, "admissions": {"target": 1, "admitted": 1},
               "disciplined_members": 0, "regular_meetings": 12, "thematic_meetings": 4, "meeting_quality": "tot"}
    assert not _oracle_fails("chi-bo", passing) and not _errors_on("chi-bo", passing)
    for name in passing:
        damaged = {k: v for k, v in passing.items() if k != name}
        assert _oracle_fails("chi-bo", damaged) and _errors_on("chi-bo", damaged), name
