"""Rules on the evidence numbers themselves: they agree with each other (BT14), none a đạt criterion needs is missing
(BT15), and none is given that the unit's criteria never read (BT22). Together they make sure no missing, wrong or
misplaced number silently turns BT02–BT06 off."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Level, Problem
from generator.records.dataset import Dataset
from generator.rules.assessments import assessed
from generator.rules.derive import all_shortfalls
from generator.rules.evidence_numbers import FIELD_WORDS, clashes, missing_numbers, unread_numbers
from generator.rules.names import TYPE_NAMES
from generator.rules.registry import rule

# What the plan asks of each number, in its own words.
PLAN_ASKS = {
    "members": "có 90% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    "member_ratings": "có 90% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    "admissions": "kết nạp đảng viên đạt chỉ tiêu được giao",
    "organisations": "có 90% số lượng tổ chức đảng trực thuộc được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    "organisation_ratings": "có 90% số lượng tổ chức đảng trực thuộc được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    "regular_meetings": "sinh hoạt chi bộ hằng tháng",
    "thematic_meetings": "sinh hoạt chuyên đề theo hằng quý",
    "meeting_quality": "sinh hoạt chi bộ được đánh giá mức độ tốt",
    "committee_meetings": "đảng ủy cơ sở họp thường lệ mỗi tháng một lần",
    "plenary_meetings": "đảng bộ cơ sở họp thường lệ mỗi năm 2 lần",
    "disciplined_members": "không có đảng viên bị kỷ luật",
    "disciplined_organisations": "không có tổ chức đảng trực thuộc bị kỷ luật",
    "disciplined_leaders": "không có thành viên tập thể lãnh đạo, quản lý bị kỷ luật",
}


def evidence_agrees(ds: Dataset) -> Iterator[Problem]:
    """Passes: 20 members, 20 rated. Fails: 20 members, 21 rated (2 + 16 + 3 + 0), or organisations 0."""
    for ref, model_id in assessed(ds):
        for clash in clashes(ref.record.evidence, model_id):
            yield ref.problem(
                clash.loc,
                f"Số liệu minh chứng mâu thuẫn: {clash.found}; các tỷ lệ và mức của mục II.1, II.2 tính trên toàn thể "
                f"nên không thể đối chiếu tiêu chí — {clash.fix}",
                "BT14",
            )


rule("BT14", "Số liệu minh chứng phải khớp nhau: phần không lớn hơn toàn thể, toàn thể khác 0", "II.1.1, II.2.1, II.1.3, II.2.3")(evidence_agrees)


def evidence_complete(ds: Dataset) -> Iterator[Problem]:
    """Passes: every number given, or no evidence at all. Fails: member_ratings given, members left out, criterion 1 dat."""
    refuted = all_shortfalls(ds)
    for ref, model_id in assessed(ds):
        shown = {item.criterion for item in refuted[id(ref)]}  # a refuted criterion is reported already
        by_criterion: dict[int, list[str]] = {}
        for criterion, name in missing_numbers(ref.record, model_id):
            if criterion not in shown:
                by_criterion.setdefault(criterion, []).append(name)
        section = "II.2" if model_id == "dang-bo-co-so-bon-tot" else "II.1"
        for criterion, names in by_criterion.items():
            asks = "; ".join(dict.fromkeys(PLAN_ASKS[name] for name in names))
            lacking = ", ".join(f"{FIELD_WORDS[name]} ({name})" for name in names)
            yield ref.problem(
                ("evidence",),
                f"Tiêu chí {criterion} ghi “đạt” nhưng không quyết định được: mục {section}.{criterion} yêu cầu {asks}, "
                f"khối evidence đã có số liệu khác mà thiếu {lacking}; hãy bổ sung số liệu này, "
                "hoặc bỏ cả khối evidence nếu đơn vị không có số liệu",
                "BT15",
            )


rule("BT15", "Tiêu chí ghi đạt mà thiếu số liệu cần để đối chiếu (trong khi đã ghi số liệu khác) là lỗi “không quyết định được”",
      "II.1.1–II.1.3, II.2.1–II.2.3")(evidence_complete)


# Each model's section of the plan, and the kind of unit whose numbers the other model's fields are.
SECTIONS = {"chi-bo-bon-tot": ("II.1", "đảng bộ cơ sở (mục II.2)", "đảng bộ cơ sở"),
            "dang-bo-co-so-bon-tot": ("II.2", "chi bộ (mục II.1)", "chi bộ")}


def evidence_fits_the_unit(ds: Dataset) -> Iterator[Problem]:
    """Passes: a chi bộ gives members, ratings, meetings. Fails (warning): a chi bộ gives organisations: 3, read by no rule."""
    for ref, model_id in assessed(ds):
        unit = ds.unit[ref.record.unit]
        section, other, other_kind = SECTIONS[model_id]
        for name in unread_numbers(ref.record.evidence, model_id):
            yield ref.problem(
                ("evidence", name),
                f"'{unit.id}' là {TYPE_NAMES[unit.type].lower()}: mục {section} không xét {FIELD_WORDS[name]} ({name}); số này "
                f"chỉ dùng để xét {other} nên bị bỏ qua — hãy xóa {name}, hoặc sửa type của '{unit.id}' trong units.yaml "
                f"nếu đơn vị là {other_kind}",
                "BT22",
                Level.WARNING,
            )


rule("BT22", "Cảnh báo: số liệu mà tiêu chí của đơn vị không xét (chi bộ ghi số liệu của đảng bộ cơ sở, hoặc ngược lại)",
      "II.1, II.2")(evidence_fits_the_unit)
