"""What a clerk types, as the record reads it: every form a real workbook holds, one assertion each."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from generator.office.cells import header_key, to_record
from generator.office.columns import COLUMNS

COLUMN = {c.key: c for c in COLUMNS}


@pytest.mark.parametrize(("typed", "expected"), [
    ("Đạt", "dat"), ("đạt", "dat"), ("ĐẠT", "dat"), (" Đạt ", "dat"), (unicodedata.normalize("NFD", "Đạt"), "dat"),
    ("Không đạt", "khong-dat"), ("không  đạt", "khong-dat"), ("KHÔNG ĐẠT", "khong-dat"), ("Dat", "dat"),
    ("Có lẽ", "Có lẽ"),  # left as typed: the schema says what is allowed
    (None, None), ("   ", None),
])
def test_results(typed: object, expected: object) -> None:
    assert to_record(COLUMN["c1"], typed) == expected


@pytest.mark.parametrize(("typed", "number_format", "expected"), [
    (12, "General", 12), (12.0, "General", 12), ("12", "@", 12), (" 12 ", "General", 12), ("12,0", "General", 12),
    ("1.234", "General", 1234), (0.12, "0%", 12), ("12%", "General", 12), (12.5, "General", 12.5), ("mười hai", "General", "mười hai"),
])
def test_counts(typed: object, number_format: str, expected: object) -> None:
    assert to_record(COLUMN["regular"], typed, number_format) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    (dt.datetime(2024, 2, 5), dt.date(2024, 2, 5)), (45327, dt.date(2024, 2, 5)), (45327.0, dt.date(2024, 2, 5)),
    ("05/02/2024", dt.date(2024, 2, 5)), ("5/2/2024", dt.date(2024, 2, 5)), ("2024-02-05", dt.date(2024, 2, 5)),
    ("31/02/2024", "31/02/2024"),  # not a real day: left for the schema to refuse
])
def test_dates(typed: object, expected: object) -> None:
    assert to_record(COLUMN["date"], typed) == expected


def test_quality_and_text() -> None:
    assert to_record(COLUMN["quality"], "Trung bình") == "trung-binh"
    assert to_record(COLUMN["quality"], "TỐT") == "tot"
    assert to_record(COLUMN["note"], unicodedata.normalize("NFD", " Họp đủ ")) == "Họp đủ"
    assert to_record(COLUMN["note"], 12.0) == "12"


def test_headers_compare_whatever_the_spacing() -> None:
    assert header_key("Sinh hoạt\nchuyên đề  (kỳ)") == header_key("sinh hoạt chuyên đề (kỳ)")
    assert header_key(unicodedata.normalize("NFD", "Tiêu chí 1")) == header_key("TIÊU CHÍ 1")
