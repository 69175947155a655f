"""BT18: the rulebook's thresholds are sane together: one in force per key and year, periods that run forward."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Problem
from generator.records.dataset import Dataset
from generator.rules.registry import rule

_LAST_YEAR = 2100  # an open period (no valid_until) runs to the last year a record can hold


def thresholds_sane(ds: Dataset) -> Iterator[Problem]:
    """Passes: 124-QĐ/TW until 2024, 366-QĐ/TW from 2025. Fails: both from 2024 with no valid_until (two in force in 2025)."""
    ref = ds.rulebook
    items = ref.record.thresholds
    for index, item in enumerate(items):
        end = item.valid_until if item.valid_until is not None else _LAST_YEAR
        if end < item.valid_from:
            yield ref.problem(
                ("thresholds", index, "valid_until"),
                f"Ngưỡng '{item.key}' áp dụng đến năm {end}, trước năm bắt đầu {item.valid_from}; hãy sửa valid_from hoặc valid_until",
                "BT18",
            )
            continue
        for earlier_index, earlier in enumerate(items[:index]):
            earlier_end = earlier.valid_until if earlier.valid_until is not None else _LAST_YEAR
            first, last = max(item.valid_from, earlier.valid_from), min(end, earlier_end)
            if earlier.key == item.key and first <= last:
                line = ref.source.where((*ref.loc, "thresholds", earlier_index))[0]
                years = f"năm {first}" if first == last else f"các năm {first}–{last}" if last < _LAST_YEAR else f"từ năm {first}"
                yield ref.problem(
                    ("thresholds", index, "valid_from"),
                    f"Ngưỡng '{item.key}' có hai dòng cùng hiệu lực {years} (dòng {line} và dòng này); mỗi năm chỉ một ngưỡng được áp dụng "
                    f"— hãy ghi valid_until: {item.valid_from - 1} cho dòng cũ, hoặc sửa valid_from của dòng mới",
                    "BT18",
                )
    for index, item in enumerate(items):
        if item.key != "group_commendations_per_window":
            continue
        window = next((w for w in items if w.key == "group_commendation_window_years" and w.valid_from <= item.valid_from
                       and (w.valid_until is None or item.valid_from <= w.valid_until)), None)
        if window is not None and item.value > window.value:
            yield ref.problem(
                ("thresholds", index, "value"),
                f"Mục II.4: khen thưởng cấp Tập đoàn “5 năm 2 lần”; ngưỡng {item.value:g} lần trong {window.value:g} năm là nhiều lần "
                "hơn số năm — hãy kiểm tra group_commendations_per_window và group_commendation_window_years",
                "BT18",
            )


rule("BT18", "Mỗi năm chỉ một ngưỡng cùng tên có hiệu lực; thời gian hiệu lực hợp lệ; số lần khen thưởng không vượt số năm",
      "II.1–II.4")(thresholds_sane)
