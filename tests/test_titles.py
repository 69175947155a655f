"""Page titles name a thing once: a document without a number, a decision whose title says its kind."""

from __future__ import annotations

import pytest

from generator.plan import decision_title, document_name


@pytest.mark.parametrize(
    ("type_name", "number", "name"),
    [
        ("Kế hoạch", "1288-KH/ĐU", "Kế hoạch số 1288-KH/ĐU"),
        ("Quy định", "366-QĐ/TW", "Quy định số 366-QĐ/TW"),
        ("Điều lệ", "Điều lệ Đảng", "Điều lệ Đảng"),
        ("Điều lệ", "ĐIỀU LỆ ĐẢNG", "ĐIỀU LỆ ĐẢNG"),
        ("Hướng dẫn", "Liên ngành", "Hướng dẫn Liên ngành"),
    ],
)
def test_document_name_says_so_only_before_a_number(type_name: str, number: str, name: str) -> None:
    assert document_name(type_name, number) == name


@pytest.mark.parametrize(
    ("kind", "title", "page_title"),
    [
        ("Tuyên dương", "Về việc tuyên dương tập thể tiêu biểu", "Quyết định: Về việc tuyên dương tập thể tiêu biểu"),
        ("Giấy khen", "Về việc tặng Giấy khen cho cá nhân", "Quyết định: Về việc tặng Giấy khen cho cá nhân"),
        ("Công nhận “bốn tốt”", "Về việc công nhận “chi bộ bốn tốt” năm 2024",
         "Quyết định: Về việc công nhận “chi bộ bốn tốt” năm 2024"),
        ("Bằng khen", "Về việc khen thưởng tập thể", "Bằng khen: Về việc khen thưởng tập thể"),
    ],
)
def test_decision_title_does_not_say_its_kind_twice(kind: str, title: str, page_title: str) -> None:
    assert decision_title(kind, title) == page_title
