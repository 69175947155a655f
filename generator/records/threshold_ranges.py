"""The meaningful range of each rulebook threshold, checked while the rulebook is typed (a schema error).

A share is a fraction (0.9, not 90): a percentage typed by habit would otherwise make every assessment fail
"dưới mức 9.000 %". Counts of meetings and commendations are whole numbers.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError

# key -> (lowest, highest, whole numbers only)
THRESHOLD_RANGES: dict[str, tuple[float, float, bool]] = {
    "min_share_members_good": (0.01, 1, False),
    "min_share_organisations_good": (0.01, 1, False),
    "max_excellent_share_of_good": (0.01, 1, False),
    "min_regular_meetings": (1, 52, True),
    "min_thematic_meetings": (1, 52, True),
    "min_committee_meetings": (1, 52, True),
    "min_plenary_meetings": (1, 12, True),
    "max_disciplined_members": (0, 1000, True),
    "group_commendations_per_window": (1, 10, True),
    "group_commendation_window_years": (1, 10, True),
}


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def threshold_in_range(key: object, value: float) -> float:
    """`value` when it is meaningful for threshold `key`, else a PydanticCustomError saying what was expected."""
    if not isinstance(key, str) or key not in THRESHOLD_RANGES:
        return value
    low, high, whole = THRESHOLD_RANGES[key]
    if key.startswith(("min_share", "max_excellent")) and 1 < value <= 100:
        raise PydanticCustomError(
            "share_as_percent",
            "ngưỡng '{key}' là tỷ lệ, ghi dưới dạng số thập phân từ 0 đến 1; gặp {found} — có lẽ là phần trăm, hãy ghi {fix}",
            {"key": key, "found": f"{value:g}", "fix": f"{value / 100:g}"},
        )
    if whole and value != int(value):
        raise PydanticCustomError("whole_threshold", "ngưỡng '{key}' là số lần, phải là số nguyên; gặp {found}",
                                  {"key": key, "found": _number(value)})
    if not low <= value <= high:
        raise PydanticCustomError(
            "threshold_range", "ngưỡng '{key}' phải từ {low} đến {high}; gặp {found}",
            {"key": key, "low": _number(low), "high": _number(high), "found": _number(value)},
        )
    return value
