"""BT21: no personal identifiers in the records: citizen id numbers, phone numbers, dates of birth.

The schema refuses fields such as `cccd`; this rule looks inside the text of the fields that remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.core.problems import Level, Problem
from generator.records.dataset import Dataset, Ref
from generator.records.yamlsource import Loc
from generator.rules.registry import rule

# 12-digit citizen id (CCCD) or 9-digit identity card (CMND), phone numbers (0 or +84 then 9–10 digits, spaced or not),
# and dates: any date in a name or position, a date after “sinh” in free text.
_ID = re.compile(r"(?<![\d.,])(?:\d{12}|\d{9})(?![\d,]|\.\d)")  # a full stop may end the sentence
_PHONE = re.compile(r"(?<![\d.,])(?:\+84|0084|0)[ .-]?\d(?:[ .-]?\d){8,9}(?![\d,])")
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b")
_BIRTH = re.compile(r"\b(?:sinh|SN|DOB)\b\W{0,3}(?:ngày|năm|:)?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?(?:19|20)\d{2}\b", re.IGNORECASE)


def found_in(text: str, free: bool) -> str | None:
    """What personal identifier `text` seems to hold, in words; `free` text only counts a date after “sinh”."""
    if _ID.search(text):
        return "một dãy 9 hoặc 12 chữ số giống số CMND/CCCD"
    if _PHONE.search(text):
        return "một dãy số giống số điện thoại"
    if (_BIRTH if free else _DATE).search(text):
        return "một ngày giống ngày sinh"
    return None


_FIELDS = {"name": "Họ tên", "position": "Chức vụ", "unit": "Mã đơn vị"}


def _check(ref: Ref[Any], loc: Loc, text: str | None, free: bool) -> Iterator[Problem]:
    what = found_in(text, free) if text else None
    if what is None:
        return
    if free:
        yield ref.problem(loc, f"Đoạn chữ có {what}; trang công khai không đăng số định danh, điện thoại hay ngày sinh của cá nhân "
                          "— hãy xóa số đó nếu là thông tin cá nhân", "BT21", Level.WARNING)
    else:
        yield ref.problem(loc, f"{_FIELDS[str(loc[-1])]} chứa {what}; hồ sơ chỉ ghi họ tên, chức vụ, đơn vị, không ghi số định danh, điện thoại "
                          "hay ngày sinh của cá nhân — hãy xóa phần đó", "BT21")


def no_personal_data(ds: Dataset) -> Iterator[Problem]:
    """Passes: “Nguyễn Văn An, Bí thư chi bộ”. Fails: position “Bí thư chi bộ, 0912 345 678”; warns on “sinh ngày 12/03/1980” in a note."""
    for dref in ds.decisions:
        decision = dref.record
        for index, person in enumerate(decision.individuals):
            for field in ("name", "position", "unit"):
                yield from _check(dref, ("individuals", index, field), getattr(person, field), free=False)
            yield from _check(dref, ("individuals", index, "achievement"), person.achievement, free=True)
        for index, entry in enumerate(decision.collectives):
            yield from _check(dref, ("collectives", index, "achievement"), entry.achievement, free=True)
        yield from _check(dref, ("note",), decision.note, free=True)
    for aref in ds.assessments:
        yield from _check(aref, ("note",), aref.record.note, free=True)
        for index, criterion in enumerate(aref.record.criteria):
            yield from _check(aref, ("criteria", index, "note"), criterion.note, free=True)
    for uref in ds.units:
        yield from _check(uref, ("note",), uref.record.note, free=True)


rule("BT21", "Không ghi số CMND/CCCD, điện thoại, ngày sinh: lỗi trong họ tên, chức vụ, đơn vị; cảnh báo trong thành tích, ghi chú",
      "— (bảo vệ dữ liệu cá nhân)")(no_personal_data)
