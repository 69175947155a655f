"""Rules on recognitions and commendations: authority, a đạt result behind each, timing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.core.problems import Problem
from generator.records.dataset import Dataset, Ref
from generator.records.models import Decision
from generator.rules.derive import ancestors, authority, body_name, misplaced, threshold, verdict
from generator.rules.names import BODY_NAMES
from generator.rules.registry import rule


def _body(ds: Dataset, unit_id: str, body: str) -> str:
    return body_name(ds.unit[unit_id].name, body)


def issued_by_authority(ds: Dataset) -> Iterator[Problem]:
    """Passes: a chi bộ trực thuộc recognised by its đảng ủy cơ sở. Fails: the same chi bộ recognised by the Tổng công ty's standing committee,
    or a person of another đảng bộ's cell commended by this đảng ủy."""
    for ref in ds.decisions:
        decision = ref.record
        if decision.issuer not in ds.unit:
            continue  # BT12
        yield from _people_in_own_unit(ds, ref)
        for index, entry in enumerate(decision.collectives):
            if entry.unit not in ds.unit or misplaced(ds, entry.unit) or misplaced(ds, ds.unit[entry.unit].parent or ""):
                continue  # BT12, BT16 say why
            if decision.kind == "cong-nhan":
                expected = authority(ds, entry.unit)
                if expected is not None and expected[0] not in ds.unit:
                    continue  # a parent missing from units.yaml: BT12 says which
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


rule("BT09", "Quyết định công nhận do đúng cấp có thẩm quyền ban hành; khen thưởng tập thể, cá nhân do cấp ủy của đơn vị mình",
      "II.5, III.2")(issued_by_authority)


def _people_in_own_unit(ds: Dataset, ref: Ref[Decision]) -> Iterator[Problem]:
    """III.2: a body commends the people “trong đơn vị mình”: the person's unit is the issuer or lies below it."""
    decision = ref.record
    if decision.kind == "cong-nhan":
        return  # BT19: a recognition lists organisations only
    for index, person in enumerate(decision.individuals):
        if person.unit not in ds.unit or person.unit == decision.issuer or decision.issuer in ancestors(ds, person.unit):
            continue
        yield ref.problem(
            ("individuals", index, "unit"),
            f"Theo mục II.5 và III.2 của kế hoạch, cấp ủy khen thưởng tổ chức, cá nhân “trong đơn vị mình”; "
            f"{person.name} công tác ở '{person.unit}', không thuộc '{decision.issuer}' nên "
            f"{_body(ds, decision.issuer, decision.issuer_body)} không khen thưởng được; "
            "hãy kiểm tra mã đơn vị của cá nhân, hoặc chuyển cá nhân sang quyết định của cấp ủy cấp trên",
            "BT09",
        )


def recognised_units_passed(ds: Dataset) -> Iterator[Problem]:
    """Passes: a unit recognised for 2024 with four đạt in 2024. Fails: recognised for 2024 with criterion 2 không đạt."""
    for ref in ds.decisions:
        decision = ref.record
        if decision.kind != "cong-nhan":
            continue
        for index, entry in enumerate(decision.collectives):
            if entry.unit not in ds.unit or authority(ds, entry.unit) is None:
                continue  # BT12; or no unit of this kind is recognised, which BT09 says (an assessment would not help)
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


rule("BT10", "Đơn vị được công nhận phải có kết quả đánh giá đạt “bốn tốt” năm đó", "II.3, II.4")(recognised_units_passed)


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


rule("BT11", "Khen thưởng cấp Tập đoàn chỉ vào dịp sơ kết, tổng kết, 5 năm 2 lần", "II.4")(group_level_timing)


def entries_fit_kind(ds: Dataset) -> Iterator[Problem]:
    """Passes: cong-nhan with two cells; giay-khen with two people. Fails: cong-nhan listing a person, or a decision with nobody in it."""
    for ref in ds.decisions:
        decision = ref.record
        if decision.kind == "cong-nhan":
            for index, person in enumerate(decision.individuals):
                yield ref.problem(
                    ("individuals", index, "name"),
                    f"Theo mục II.3 và II.5, việc xét, công nhận “bốn tốt” là công nhận tổ chức đảng (chi bộ, đảng bộ cơ sở), "
                    f"không công nhận cá nhân; quyết định công nhận lại ghi cá nhân {person.name} — hãy chuyển cá nhân sang một "
                    "quyết định tuyên dương, khen thưởng (kind: tuyen-duong, giay-khen hoặc bang-khen)",
                    "BT19",
                )
        if not decision.collectives and not decision.individuals:
            wanted = "tổ chức đảng được công nhận (collectives)" if decision.kind == "cong-nhan" else "tập thể (collectives) hoặc cá nhân (individuals)"
            yield ref.problem(
                ("kind",),
                f"Quyết định '{decision.id}' không ghi tập thể hay cá nhân nào; theo mục II.3–II.5 quyết định phải nêu {wanted} — "
                "hãy thêm danh sách, hoặc xóa tệp nếu quyết định chưa có",
                "BT19",
            )


rule("BT19", "Quyết định công nhận “bốn tốt” chỉ ghi tổ chức đảng; tuyên dương, khen thưởng ghi tập thể hoặc cá nhân; "
      "quyết định phải có ít nhất một tập thể hoặc cá nhân", "II.3, II.4, II.5")(entries_fit_kind)
