"""What the evidence numbers of one assessment say about themselves: are they whole, and do they agree?

Derived facts only (no Problems): the rules in rules/evidence.py turn them into messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.viet import number
from generator.records.models import Assessment, Evidence
from generator.records.yamlsource import Loc

# The numbers each criterion's rules read, by model (plan II.1.1–II.1.3, II.2.1–II.2.3).
NEEDED: dict[str, dict[int, tuple[str, ...]]] = {
    "chi-bo-bon-tot": {
        1: ("members", "member_ratings", "admissions"),
        2: ("regular_meetings", "thematic_meetings", "meeting_quality"),
        3: ("disciplined_members",),
    },
    "dang-bo-co-so-bon-tot": {
        1: ("members", "member_ratings", "admissions", "organisations", "organisation_ratings"),
        2: ("committee_meetings", "plenary_meetings"),
        3: ("disciplined_members", "disciplined_organisations", "disciplined_leaders"),
    },
}

FIELD_WORDS = {
    "members": "số đảng viên",
    "member_ratings": "xếp loại đảng viên",
    "admissions": "kết nạp đảng viên so với chỉ tiêu",
    "organisations": "số tổ chức đảng trực thuộc",
    "organisation_ratings": "xếp loại tổ chức đảng trực thuộc",
    "regular_meetings": "số kỳ sinh hoạt thường kỳ",
    "thematic_meetings": "số kỳ sinh hoạt chuyên đề",
    "meeting_quality": "mức chất lượng sinh hoạt chi bộ cả năm",
    "committee_meetings": "số kỳ họp thường lệ của đảng ủy",
    "plenary_meetings": "số kỳ họp đảng bộ",
    "disciplined_members": "số đảng viên bị kỷ luật",
    "disciplined_organisations": "số tổ chức đảng trực thuộc bị kỷ luật",
    "disciplined_leaders": "số thành viên tập thể lãnh đạo, quản lý bị kỷ luật",
}


@dataclass(frozen=True)
class Clash:
    """Two evidence numbers that cannot both be true: where, and what they say in words."""

    loc: Loc
    found: str
    fix: str


def missing_numbers(assessment: Assessment, model_id: str) -> list[tuple[int, str]]:
    """(criterion, field) for every number a đạt criterion needs that the evidence leaves out, when it gives others.
    No evidence at all is the unit's own judgement and decides nothing."""
    ev = assessment.evidence
    if ev is None or all(getattr(ev, name) is None for name in Evidence.model_fields):
        return []
    return [
        (criterion, name)
        for criterion, names in NEEDED[model_id].items()
        if assessment.criteria[criterion - 1].result == "dat"
        for name in names
        if getattr(ev, name) is None
    ]


def unread_numbers(ev: Evidence | None, model_id: str) -> list[str]:
    """Every number the evidence gives that no criterion of the model reads: a chi bộ has no subordinate organisations
    and no đảng ủy meetings (II.1), a đảng bộ cơ sở no monthly chi bộ meetings of its own (II.2)."""
    if ev is None:
        return []
    read = {name for names in NEEDED[model_id].values() for name in names}
    return [name for name in Evidence.model_fields if name not in read and getattr(ev, name) is not None]


def clashes(ev: Evidence | None, model_id: str) -> list[Clash]:
    """Every part that exceeds its whole, and every whole of zero that would leave a share undefined."""
    if ev is None:
        return []
    found: list[Clash] = []
    party_base = model_id == "dang-bo-co-so-bon-tot"
    wholes = [("members", "đảng viên")] + ([("organisations", "tổ chức đảng trực thuộc")] if party_base else [])
    for whole_field, words in wholes:
        if getattr(ev, whole_field) == 0:
            owner = "đảng bộ cơ sở" if party_base else "chi bộ"
            found.append(Clash(("evidence", whole_field), f"{FIELD_WORDS[whole_field]} là 0",
                               f"một {owner} phải có {words}; hãy ghi đúng {whole_field}"))
    parts: list[tuple[str, str, int | None]] = []
    if ev.member_ratings is not None:
        parts.append(("member_ratings", "members", ev.member_ratings.total))
    if ev.admissions is not None:
        parts.append(("admissions", "members", ev.admissions.admitted))
    parts += [("disciplined_members", "members", ev.disciplined_members)]
    if party_base:
        parts += [("disciplined_leaders", "members", ev.disciplined_leaders),
                  ("disciplined_organisations", "organisations", ev.disciplined_organisations)]
        if ev.organisation_ratings is not None:
            parts.append(("organisation_ratings", "organisations", ev.organisation_ratings.total))
    for part_field, whole_field, part in parts:
        whole = getattr(ev, whole_field)
        if part is None or whole is None or part <= whole or whole == 0:
            continue
        what = {"member_ratings": "tổng số đảng viên được xếp loại", "organisation_ratings": "tổng số tổ chức được xếp loại",
                "admissions": "số đảng viên kết nạp trong năm"}.get(part_field, FIELD_WORDS[part_field])
        found.append(Clash(
            ("evidence", part_field),
            f"{what} ({number(part)}) lớn hơn {FIELD_WORDS[whole_field]} ({number(whole)})",
            f"phần không thể lớn hơn toàn thể; hãy kiểm tra lại {part_field} và {whole_field}",
        ))
    return found
