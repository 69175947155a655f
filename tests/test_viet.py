"""Vietnamese conventions: official dates, numbers, truncated percentages, and the order of names.

Expected orders are written by hand from the rules of Vietnamese dictionaries: letters first in the
alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then the tone only to break a
tie, in the order ngang, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ); syllable by syllable. People are
listed by given name (the last word), then by the rest from the family name on. Digraphs (ch, gi,
ng, nh, th, tr…) are avoided at points of comparison: dictionaries and CLDR disagree there.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.core.viet import date_long, date_short, name_key, number, percent, rate, text_key, word_key


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 11, 15), "ngày 15 tháng 11 năm 2024"),
        (dt.date(2025, 3, 1), "ngày 01 tháng 3 năm 2025"),
        (dt.date(2024, 1, 9), "ngày 09 tháng 01 năm 2024"),
        (dt.date(2024, 10, 10), "ngày 10 tháng 10 năm 2024"),
        (dt.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        (dt.date(2023, 9, 30), "ngày 30 tháng 9 năm 2023"),
    ],
)
def test_date_long(day: dt.date, text: str) -> None:
    assert date_long(day) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2024, 2, 5), "05/02/2024"),
        (dt.date(2025, 3, 1), "01/03/2025"),
        (dt.date(2024, 11, 15), "15/11/2024"),
        (dt.date(2024, 12, 31), "31/12/2024"),
    ],
)
def test_date_short(day: dt.date, text: str) -> None:
    assert date_short(day) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234, 0, "1.234"),
        (90.5, 1, "90,5"),
        (1_234_567, 0, "1.234.567"),
        (1234.5, 1, "1.234,5"),
        (999, 0, "999"),
        (0, 0, "0"),
        (0.5, 1, "0,5"),
        (12, 0, "12"),
    ],
)
def test_number(value: float, decimals: int, text: str) -> None:
    assert number(value, decimals) == text


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.8996, "89,9 %"),  # truncated: never shown as the 90 % it did not reach
        (0.9, "90 %"),
        (0.85, "85 %"),
        (17 / 20, "85 %"),
        (2 / 3, "66,6 %"),
        (1 / 3, "33,3 %"),
        (0.905, "90,5 %"),
        (0.89999999, "89,9 %"),
        (0.999, "99,9 %"),
        (1.0, "100 %"),
        (0.0, "0 %"),
        (0.07, "7 %"),
        # binary floating point stores these a hair below the decimal value
        (0.29, "29 %"),
        (0.57, "57 %"),
        (0.58, "58 %"),
    ],
)
def test_percent_truncates(share: float, text: str) -> None:
    assert percent(share) == text


def _shuffled_sort(names: list[str]) -> list[str]:
    """Sort a shuffled copy, so the expected order cannot come from the input order."""
    shuffled = names[:]
    random.Random(1288).shuffle(shuffled)
    if len(names) > 2:
        assert shuffled != names
    return sorted(shuffled, key=name_key)


@pytest.mark.parametrize(
    "ordered",
    [
        pytest.param(["Trần Thị An", "Nguyễn Văn Bình", "Lê Cường"], id="given-name-first"),
        pytest.param(["Vũ Thị Dung", "Ngô Văn Duy", "Hà Văn Đạt", "Bùi Minh Đức", "Lý Thị Em"], id="d-before-dd"),
        pytest.param(["Lê Văn Tú", "Ngô Văn Tuấn", "Võ Thanh Tùng", "Mai Thị Tuyết", "Đinh Văn Tư", "Lý Thị Vân"], id="u-before-uw"),
        pytest.param(["Lê Thị Hoa", "Bùi Thị Hòa", "Lưu Huy Hoàng", "Cao Văn Học", "Lò Văn Hồ", "Trần Thị Hồng", "Ngô Văn Hợi"], id="o-oo-ow"),
        pytest.param(["Lê Thị Hà", "Vũ Văn Hải", "Đặng Thị Hằng", "Phan Gia Hân", "Đỗ Văn Hậu"], id="a-aw-aa"),
        pytest.param(["Lê Thị Ma", "Lê Thị Mà", "Lê Thị Mả", "Lê Thị Mã", "Lê Thị Má", "Lê Thị Mạ"], id="tone-order"),
        pytest.param(["Lê Văn An", "Hoàng Văn Án", "Mai Thị Anh", "Đỗ Thị Ánh", "Bùi Thị Ân"], id="letters-before-tones"),
        pytest.param(["Lê Thị An", "Lê Văn An", "Nguyễn An", "Trần Văn An"], id="same-given-name-by-family-name"),
        pytest.param(["Dương Văn An", "Đỗ Văn An"], id="same-given-name-d-before-dd"),
        pytest.param(["Trần Văn Ư", "Lê Thị Vi", "Lê Thị Vy", "Hồ Văn Xuân", "Lò Thị Yến"], id="end-of-alphabet"),
        pytest.param(["Lê Văn Ân", "lê văn ân", "Lê Văn Bảo"], id="case-does-not-split-a-name"),
    ],
)
def test_name_order(ordered: list[str]) -> None:
    assert _shuffled_sort(ordered) == ordered


def test_tone_order_of_single_words() -> None:
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=word_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["e", "ẹ", "é", "ẽ", "ẻ", "è"], key=word_key) == ["e", "è", "ẻ", "ẽ", "é", "ẹ"]


def test_tone_does_not_depend_on_which_vowel_carries_it() -> None:
    """`Thuý` and `Thúy`, `Hoà` and `Hòa` are the same syllable typed with old or new tone placement
    (both common, depending on the keyboard setting): they must sort as one, by the syllable's tone."""
    assert word_key("Thuý") == word_key("Thúy")
    assert word_key("Hoà") == word_key("Hòa")
    assert _shuffled_sort(["Trần Thị Thùy", "Nguyễn Thị Thuý"]) == ["Trần Thị Thùy", "Nguyễn Thị Thuý"]
    assert sorted(["hoá", "hòa", "hoạ", "hoả"], key=word_key) == ["hòa", "hoả", "hoá", "hoạ"]


def test_decomposed_input_sorts_like_composed() -> None:
    import unicodedata

    name = "Nguyễn Thị Ánh"
    assert name_key(unicodedata.normalize("NFD", name))[:2] == name_key(name)[:2]


def test_text_key_orders_phrases_word_by_word() -> None:
    phrases = ["Chi bộ Phân xưởng Sửa chữa", "Chi bộ Phân xưởng Vận hành", "Chi bộ Phòng Kỹ thuật", "Chi bộ Cơ quan"]
    assert sorted(phrases, key=text_key) == [
        "Chi bộ Cơ quan",
        "Chi bộ Phân xưởng Sửa chữa",
        "Chi bộ Phân xưởng Vận hành",
        "Chi bộ Phòng Kỹ thuật",
    ]


def test_empty_name_does_not_crash() -> None:
    assert sorted(["", "Lê An"], key=name_key) == ["", "Lê An"]


@pytest.mark.parametrize(
    ("share", "text"),
    [(4 / 6, "66,7 %"), (1 / 3, "33,3 %"), (0.0625, "6,3 %"), (0.8996, "90 %"), (0.82, "82 %"), (1.0, "100 %"), (0.0, "0 %")],
)
def test_rate_rounds_half_up_as_excel_shows_it(share: float, text: str) -> None:
    assert rate(share) == text


def test_a_share_below_a_threshold_never_prints_as_the_threshold() -> None:
    assert percent(0.8996) == "89,9 %" and rate(0.8996) == "90 %"
