"""Rules on recognitions and commendations: authority, a đạt result behind each, timing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..dataset import Dataset
from ..derive import BODY_NAMES, ancestors, authority, body_name, threshold, verdict
from ..problems import Problem
from . import rule


def _body(ds: Dataset, unit_id: str, body: str) -> str:
    unit = ds.unit.get(unit_id)
    return body_name(unit.name if unit else unit_id, body)


@rule("BT09", "Quyết định công nhận do đúng cấp có thẩm quyền ban hành; khen thưởng do cấp ủy cấp trên của tập thể", "II.5")
def issued_by_authority(ds: Dataset) -> Iterator[Problem]:
    """Passes: a chi bộ trực thuộc recognised by its đảng ủy cơ sở. Fails: the same chi bộ recognised by the Tổng công ty's standing committee."""
    for ref in ds.decisions:
        decision = ref.record
        for index, entry in enumerate(decision.collectives):
            if entry.unit not in ds.unit:
                continue
            if decision.kind == "cong-nhan":
                expected = authority(ds, entry.unit)
                if expected is None:
                    yield ref.problem(
                        ("collectives", index, "unit"),
                        f"Đơn vị '{entry.unit}' không thuộc đối tượng công nhận “bốn tốt” (chỉ chi bộ và đảng bộ cơ sở); "
                        "hãy bỏ đơn vị này khỏi quyết định",
                        "BT09",
                    )
                elif expected != (decision.issuer, decision.issuer_body):
                    yield ref.problem(
                        ("collectives", index, "unit"),
                        f"Theo mục II.5 của kế hoạch, việc công nhận '{entry.unit}' thuộc thẩm quyền của {_body(ds, *expected)} "
                        f"(issuer: {expected[0]}, issuer_body: {expected[1]}), không phải {_body(ds, decision.issuer, decision.issuer_body)}; "
                        "hãy chuyển đơn vị sang quyết định của cấp có thẩm quyền",
                        "BT09",
                    )
            elif decision.issuer not in ancestors(ds, entry.unit):
                yield ref.problem(
                    ("collectives", index, "unit"),
                    f"{BODY_NAMES[decision.issuer_body]} của '{decision.issuer}' không phải cấp ủy cấp trên của '{entry.unit}' "
                    "nên không khen thưởng đơn vị này; hãy kiểm tra issuer hoặc mã đơn vị",
                    "BT09",
                )


@rule("BT10", "Đơn vị được công nhận phải có kết quả đánh giá đạt “bốn tốt” năm đó", "II.3, II.4")
def recognised_units_passed(ds: Dataset) -> Iterator[Problem]:
    """Passes: a unit recognised for 2024 with four đạt in 2024. Fails: recognised for 2024 with criterion 2 không đạt."""
    for ref in ds.decisions:
        decision = ref.record
        if decision.kind != "cong-nhan":
            continue
        for index, entry in enumerate(decision.collectives):
            if entry.unit not in ds.unit:
                continue
            assessed = ds.assessment.get((entry.unit, decision.year))
            if assessed is None and ds.assessments_complete:  # a broken assessments file is reported once, not per unit
                yield ref.problem(
                    ("collectives", index, "unit"),
                    f"Đơn vị '{entry.unit}' được công nhận năm {decision.year} nhưng không có kết quả đánh giá năm đó; "
                    f"hãy thêm kết quả vào data/assessments/ hoặc bỏ đơn vị khỏi quyết định",
                    "BT10",
                )
            elif assessed is not None and not verdict(assessed.record):
                failed = [str(i + 1) for i, c in enumerate(assessed.record.criteria) if c.result != "dat"]
                yield ref.problem(
                    ("collectives", index, "unit"),
                    f"Đơn vị '{entry.unit}' được công nhận “bốn tốt” năm {decision.year} nhưng tiêu chí {', '.join(failed)} "
                    f"không đạt ({assessed.source.shown}:{assessed.source.where(assessed.loc)[0]}); hãy bỏ đơn vị khỏi quyết định",
                    "BT10",
                )


@rule("BT11", "Khen thưởng cấp Tập đoàn chỉ vào dịp sơ kết, tổng kết, 5 năm 2 lần", "II.4")
def group_level_timing(ds: Dataset) -> Iterator[Problem]:
    """Passes: Tập đoàn commendations at sơ kết 2025 and tổng kết 2027. Fails: a yearly one, or a third occasion within five years."""
    group = ds.site.record.group
    occasions: dict[tuple[str, int], list[int]] = defaultdict(list)
    for number, ref in enumerate(ds.decisions):
        decision = ref.record
        if decision.issuer != group:
            continue
        if decision.occasion not in ("so-ket", "tong-ket"):
            yield ref.problem(
                ("occasion",),
                "Theo mục II.4, việc công nhận, khen thưởng cấp Đảng ủy Tập đoàn chỉ tổ chức vào dịp sơ kết hoặc tổng kết; "
                f"cần occasion: so-ket hoặc tong-ket, nhưng gặp {decision.occasion}",
                "BT11",
            )
            continue
        occasions[(decision.occasion, decision.year)].append(number)
    for (_, year), members in sorted(occasions.items(), key=lambda item: item[0][1]):
        window = threshold(ds.rulebook.record, "group_commendation_window_years", year)
        allowed = threshold(ds.rulebook.record, "group_commendations_per_window", year)
        if window is None or allowed is None:
            continue
        within = sorted({key for key in occasions if year - int(window.value) < key[1] <= year}, key=lambda k: k[1])
        if len(within) > allowed.value:
            ref = ds.decisions[members[0]]
            yield ref.problem(
                ("year",),
                f"Đây là đợt khen thưởng cấp Tập đoàn thứ {len(within)} trong {int(window.value)} năm "
                f"({', '.join(f'{o} {y}' for o, y in within)}), vượt mức {int(allowed.value)} lần theo mục II.4; "
                "hãy kiểm tra dịp và năm của quyết định",
                "BT11",
            )
