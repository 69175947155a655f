"""Rules on one assessment: verdict, evidence against criteria, model and assessor."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Level, Problem
from generator.core.viet import percent
from generator.records.dataset import Dataset, Ref
from generator.records.models import Assessment
from generator.rules.derive import all_shortfalls, model_for, threshold, verdict
from generator.rules.names import RESULT_NAMES
from generator.rules.registry import rule

CRITERION_MISSED = "Tiêu chí {n} ghi “đạt” nhưng số liệu cho thấy {reason}; hãy sửa thành khong-dat hoặc kiểm tra lại số liệu"


def assessed(ds: Dataset) -> Iterator[tuple[Ref[Assessment], str]]:
    """Assessments whose unit is known and has a model, with that model's id."""
    for ref in ds.assessments:
        unit = ds.unit.get(ref.record.unit)
        model = model_for(unit, ds.rulebook.record) if unit else None
        if model is not None:
            yield ref, model.id


def stated_verdict_agrees(ds: Dataset) -> Iterator[Problem]:
    """Passes: criteria dat×4, verdict dat. Fails: criteria dat, dat, khong-dat, dat with verdict dat."""
    for ref in ds.assessments:
        stated = ref.record.verdict
        if stated is None:
            continue
        derived = "dat" if verdict(ref.record) else "khong-dat"
        if stated != derived:
            failed = [str(i + 1) for i, c in enumerate(ref.record.criteria) if c.result != "dat"]
            why = f"tiêu chí {', '.join(failed)} không đạt" if failed else "cả bốn tiêu chí đều đạt"
            yield ref.problem(
                ("verdict",),
                f"Kết luận ghi “{RESULT_NAMES[stated]}” nhưng {why}; theo mục II.3 kết luận phải là “{RESULT_NAMES[derived]}”"
                f" — hãy sửa verdict thành {derived} hoặc bỏ dòng verdict",
                "BT01",
            )


rule("BT01", "Đạt “bốn tốt” khi và chỉ khi cả bốn tiêu chí đạt; kết luận ghi kèm phải khớp", "II.3")(stated_verdict_agrees)


def _refuted(ds: Dataset, rule_id: str) -> Iterator[Problem]:
    found = all_shortfalls(ds)
    for ref in ds.assessments:
        for item in found.get(id(ref), ()):
            if item.rule == rule_id and ref.record.criteria[item.criterion - 1].result == "dat":
                yield ref.problem(item.loc, CRITERION_MISSED.format(n=item.criterion, reason=item.reason), rule_id)


def members_rated_good(ds: Dataset) -> Iterator[Problem]:
    """Passes: 20 members, 18 rated HTTNV or better, criterion 1 dat. Fails: 20 members, 17 rated so, criterion 1 dat."""
    return _refuted(ds, "BT02")


rule("BT02", "Tiêu chí 1 không thể đạt khi dưới 90 % đảng viên (và tổ chức đảng trực thuộc) hoàn thành tốt nhiệm vụ trở lên",
      "II.1.1, II.2.1")(members_rated_good)


def admissions_met(ds: Dataset) -> Iterator[Problem]:
    """Passes: target 2, admitted 2, criterion 1 dat. Fails: target 2, admitted 1, criterion 1 dat."""
    return _refuted(ds, "BT03")


rule("BT03", "Tiêu chí 1 không thể đạt khi kết nạp đảng viên chưa đạt chỉ tiêu", "II.1.1, II.2.1")(admissions_met)


def meetings_held(ds: Dataset) -> Iterator[Problem]:
    """Passes: 12 regular and 4 thematic meetings, criterion 2 dat. Fails: 11 regular meetings, criterion 2 dat."""
    return _refuted(ds, "BT04")


rule("BT04", "Tiêu chí 2 không thể đạt khi thiếu kỳ sinh hoạt thường kỳ, chuyên đề, họp đảng ủy hoặc họp đảng bộ",
      "II.1.2, II.2.2, chú thích 1")(meetings_held)


def meeting_quality_good(ds: Dataset) -> Iterator[Problem]:
    """Passes: meeting_quality tot, criterion 2 dat. Fails: meeting_quality kha, criterion 2 dat."""
    return _refuted(ds, "BT05")


rule("BT05", "Tiêu chí 2 của chi bộ không thể đạt khi chất lượng sinh hoạt cả năm không ở mức tốt", "II.1.2")(meeting_quality_good)


def nobody_disciplined(ds: Dataset) -> Iterator[Problem]:
    """Passes: disciplined_members 0, criterion 3 dat. Fails: disciplined_members 1, criterion 3 dat."""
    return _refuted(ds, "BT06")


rule("BT06", "Tiêu chí 3 không thể đạt khi có đảng viên (đảng bộ: tổ chức, thành viên lãnh đạo) bị kỷ luật", "II.1.3, II.2.3")(nobody_disciplined)


def model_fits_type(ds: Dataset) -> Iterator[Problem]:
    """Passes: a chi bộ trực thuộc assessed as chi-bo-bon-tot. Fails: a đảng bộ bộ phận assessed, or model dang-bo-co-so-bon-tot for a chi bộ."""
    for ref in ds.assessments:
        unit = ds.unit.get(ref.record.unit)
        if unit is None:
            continue
        model = model_for(unit, ds.rulebook.record)
        if model is None:
            yield ref.problem(
                ("unit",),
                f"Đơn vị '{unit.id}' thuộc loại hình không áp dụng mô hình “bốn tốt” (chỉ chi bộ và đảng bộ cơ sở được đánh giá); "
                "hãy xóa kết quả đánh giá này hoặc sửa loại hình đơn vị trong units.yaml",
                "BT07",
            )
        elif ref.record.model is not None and ref.record.model != model.id:
            yield ref.problem(
                ("model",),
                f"Đơn vị '{unit.id}' phải được đánh giá theo mô hình {model.id} (“{model.name}”), không phải {ref.record.model}; "
                "hãy sửa hoặc bỏ dòng model",
                "BT07",
            )


rule("BT07", "Mỗi đơn vị được đánh giá theo mô hình phù hợp với loại hình của mình", "chú thích 2, 3")(model_fits_type)


def right_assessor(ds: Dataset) -> Iterator[Problem]:
    """Passes: a chi bộ with assessed_by chi-bo. Fails: a đảng bộ cơ sở with assessed_by chi-bo."""
    for ref, model_id in assessed(ds):
        expected = "dang-uy" if model_id == "dang-bo-co-so-bon-tot" else "chi-bo"
        if ref.record.assessed_by != expected:
            who = "đảng bộ cơ sở do đảng ủy đánh giá" if expected == "dang-uy" else "chi bộ tự đánh giá"
            yield ref.problem(
                ("assessed_by",),
                f"Theo chú thích 4 của kế hoạch, {who}; cần assessed_by: {expected}, nhưng gặp {ref.record.assessed_by}",
                "BT08",
            )


rule("BT08", "Chi bộ tự đánh giá; đảng bộ cơ sở do đảng ủy đánh giá", "chú thích 4")(right_assessor)


def excellent_share(ds: Dataset) -> Iterator[Problem]:
    """Passes: 2 HTXSNV with 15 HTTNV at a 20 % cap. Fails (warning): 5 HTXSNV with 15 HTTNV."""
    for ref in ds.assessments:
        ev = ref.record.evidence
        item = threshold(ds.rulebook.record, "max_excellent_share_of_good", ref.year)
        if ev is None or ev.member_ratings is None or item is None:
            continue
        ratings = ev.member_ratings
        if ratings.htxsnv > item.value * ratings.httnv:
            yield ref.problem(
                ("evidence", "member_ratings", "htxsnv"),
                f"{ratings.htxsnv} đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ, vượt {percent(float(item.value))} của "
                f"{ratings.httnv} đảng viên hoàn thành tốt nhiệm vụ ({item.source}, {item.clause}); hãy kiểm tra lại số liệu xếp loại",
                "BT13",
                Level.WARNING,
            )


rule("BT13", "Cảnh báo: số đảng viên hoàn thành xuất sắc vượt tỷ lệ cho phép so với số hoàn thành tốt", "quy định xếp loại")(excellent_share)
