"""The search index after the build: the folding rule, NFC text, page kinds, sizes, the copy for file://."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from generator.outputs.search import (
    INDEX_JSON,
    INDEX_SCRIPT,
    fold,
    kib,
    nfc,
    normalize_index,
    one_line_entry,
    page_kind,
    report_lines,
    rewrite_index,
    search_lead,
    sizes,
    with_leads,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng", "dang"),
        ("đảng viên", "dang vien"),
        ("ĐẢNG ỦY", "dang uy"),
        ("Bốn tốt", "bon tot"),
        ("BỐN TỐT", "bon tot"),
        ("Ư ư Ừ ử ữ ứ ự", "u u u u u u u"),
        ("Ơ ờ ở ỡ ớ ợ", "o o o o o o"),
        ("Ô ồ ổ ỗ ố ộ", "o o o o o o"),
        ("Â ầ ẩ ẫ ấ ậ Ă ằ ẳ ẵ ắ ặ", "a a a a a a a a a a a a"),
        ("Ê ề ể ễ ế ệ", "e e e e e e"),
        ("Ý ỳ ỷ ỹ ỵ", "y y y y y"),
        ("Kỷ luật", "ky luat"),
        ("Sinh hoạt chuyên đề", "sinh hoat chuyen de"),
        ("(khen thưởng)", "(khen thuong)"),
        ("1288-KH/ĐU", "1288-kh/du"),
        ("90,5 %", "90,5 %"),
        ("", ""),
    ],
)
def test_fold_drops_case_tone_marks_and_diacritics(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_reads_decomposed_text_like_composed_text() -> None:
    composed = "Phân xưởng Sửa chữa Điện"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "phan xuong sua chua dien"


def test_fold_keeps_every_letter_of_the_alphabet_apart_from_its_marks() -> None:
    # One letter in, one letter out: folding never drops a letter (đ is not lost the way slugs used to lose it).
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    assert fold(alphabet) == "aaabcddeeghiklmnooopqrstuuvxy"
    assert fold(alphabet.upper()) == fold(alphabet)


def test_fold_is_idempotent() -> None:
    text = "Chi bộ Phân xưởng Nhiên liệu - Hóa, “bốn tốt”"
    assert fold(fold(text)) == fold(text)


def test_nfc_composes_text_pasted_decomposed() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng bộ cơ sở")
    assert nfc(decomposed) == "Đảng bộ cơ sở"
    assert len(nfc(decomposed)) < len(decomposed)


def test_normalize_index_composes_titles_texts_and_tags_and_keeps_the_rest() -> None:
    nfd = unicodedata.normalize("NFD", "Kỷ luật")
    index = {
        "config": {"lang": ["vi"]},
        "docs": [{"location": "tieu-chi/x/#a", "title": nfd, "text": f"<p>{nfd}</p>", "tags": [nfd], "boost": 2}],
    }
    result = normalize_index(index)
    assert result["config"] == {"lang": ["vi"]}
    assert result["docs"] == [
        {"location": "tieu-chi/x/#a", "title": "Kỷ luật", "text": "<p>Kỷ luật</p>", "tags": ["Kỷ luật"], "boost": 2}
    ]
    assert index["docs"][0]["title"] == nfd  # the input is left as it was


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("", "/"),
        ("#hai-mo-hinh", "/"),
        ("don-vi/", "don-vi/"),
        ("don-vi/#don-vi", "don-vi/"),
        ("don-vi/cb-cao-ngan-sua-chua/", "don-vi/<id>/"),
        ("don-vi/cb-cao-ngan-sua-chua/#ket-qua-qua-cac-nam", "don-vi/<id>/"),
        ("nam/2025/", "nam/<id>/"),
        ("huong-dan/", "huong-dan/"),
        ("huong-dan/thoi-gian/", "huong-dan/<trang>/"),
        ("don-vi/index.html", "don-vi/"),
        ("don-vi/cb-x.html", "don-vi/<id>/"),
    ],
)
def test_page_kind(location: str, kind: str) -> None:
    assert page_kind(location) == kind


def _index() -> dict[str, object]:
    return {
        "config": {"lang": ["vi"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"], "fields": {}},
        "docs": [
            {"location": "don-vi/a/", "title": "Chi bộ A", "text": "Loại hình Chi bộ cơ sở"},
            {"location": "don-vi/a/#ket-qua", "title": "Kết quả", "text": "2025 Đạt"},
            {"location": "don-vi/b/", "title": "Chi bộ B", "text": ""},
            {"location": "", "title": "Trang chủ", "text": "<p>Bốn tốt</p>"},
        ],
    }


def test_sizes_count_pages_entries_and_bytes_per_kind() -> None:
    rows = {row.kind: row for row in sizes(_index())}
    assert set(rows) == {"don-vi/<id>/", "/"}
    assert (rows["don-vi/<id>/"].pages, rows["don-vi/<id>/"].entries) == (2, 3)
    assert (rows["/"].pages, rows["/"].entries) == (1, 1)
    home = {"location": "", "title": "Trang chủ", "text": "<p>Bốn tốt</p>"}
    assert rows["/"].bytes == len(json.dumps(home, ensure_ascii=False, separators=(",", ":")).encode()) + 1


def test_rewrite_index_writes_compact_utf8_json_and_an_ascii_script(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    nfd = _index()
    nfd["docs"][0]["title"] = unicodedata.normalize("NFD", "Chi bộ A")  # type: ignore[index]
    (tmp_path / INDEX_JSON).write_text(json.dumps(nfd), encoding="utf-8")  # Material's way: \u escapes

    result = rewrite_index(tmp_path)

    assert result is not None
    data = (tmp_path / INDEX_JSON).read_bytes()
    assert result.total == len(data)
    assert "Chi bộ A".encode() in data and b"\\u" not in data
    index = json.loads(data)
    assert [d["location"] for d in index["docs"]] == ["", "don-vi/a/", "don-vi/a/#ket-qua", "don-vi/b/"], "by page, sections in order"
    assert index["docs"][1]["title"] == "Chi bộ A"
    script = (tmp_path / INDEX_SCRIPT).read_bytes()
    assert script.isascii()
    assert script.startswith(b"var __index = ")
    assert json.loads(script.removeprefix(b"var __index = ").rstrip().removesuffix(b";")) == index


def test_rewrite_index_without_an_index_does_nothing(tmp_path: Path) -> None:
    assert rewrite_index(tmp_path) is None
    assert not (tmp_path / "search").exists()


def test_report_lines_give_one_line_per_kind_and_the_whole_file(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / INDEX_JSON).write_text(json.dumps(_index()), encoding="utf-8")
    result = rewrite_index(tmp_path)
    assert result is not None
    lines = report_lines(result)
    assert len(lines) == 4
    assert lines[0].startswith("Chỉ mục tìm kiếm: don-vi/<id>/")
    assert lines[-2].split() == ["Chỉ", "mục", "tìm", "kiếm:", "từ", "và", "vị", "trí", *kib(result.terms).split()]
    assert "2 trang" in lines[0] and "3 mục" in lines[0]
    assert lines[-1].split() == ["Chỉ", "mục", "tìm", "kiếm:", "cả", "tệp", "3", "trang,", "4", "mục,", *kib(result.total).split()]


def test_kib_uses_a_decimal_comma() -> None:
    assert kib(1536) == "1,5 KB"


def test_one_line_entry_gives_a_decisions_number_and_people_a_field_of_their_own() -> None:
    meta = {"search": {"exclude": True}, "search_text": "Số 145-QĐ/ĐU ngày 20/03/2026.", "search_names": "145-QĐ/ĐU; Đào Thị Hạnh"}
    entry = one_line_entry("khen-thuong/x/", "Tuyên dương <b>", meta)
    assert entry == {
        "location": "khen-thuong/x/",
        "title": "Tuyên dương &lt;b&gt;",
        "text": "Số 145-QĐ/ĐU ngày 20/03/2026.",
        "names": "145-QĐ/ĐU; Đào Thị Hạnh",
    }
    assert "names" not in (one_line_entry("don-vi/x/", "Chi bộ", {**meta, "search_names": ""}) or {})


def test_one_line_entry_says_where_the_people_start_in_the_names() -> None:
    meta = {"search": {"exclude": True}, "search_text": "Số 145-QĐ/ĐU.", "search_names": "145-QĐ/ĐU; Đào Thị Hạnh", "search_rows": 1}
    assert (one_line_entry("khen-thuong/x/", "T", meta) or {})["rows"] == 1
    assert "rows" not in (one_line_entry("khen-thuong/x/", "T", {**meta, "search_rows": True}) or {})
    assert "rows" not in (one_line_entry("khen-thuong/x/", "T", {**meta, "search_names": ""}) or {})


def test_a_pages_lead_starts_its_own_entry_not_its_sections() -> None:
    meta = {"search_lead": "Triển khai “chi bộ bốn tốt” & <b>. Kế hoạch số 1288-KH/ĐU."}
    lead = search_lead(meta)
    assert lead == "<p>Triển khai “chi bộ bốn tốt” &amp; &lt;b&gt;. Kế hoạch số 1288-KH/ĐU.</p>"
    assert search_lead({}) is None and search_lead({"search_lead": " "}) is None
    docs = [{"location": "van-ban/a/", "title": "A", "text": "Số, ký hiệu 1288-KH/ĐU"},
            {"location": "van-ban/a/#toan-van", "title": "Toàn văn", "text": "<p>x</p>"},
            {"location": "van-ban/b/", "title": "B", "text": ""}]
    led = with_leads(docs, {"van-ban/a/": lead, "van-ban/b/": "<p>Lead.</p>"})
    assert [d["text"] for d in led] == [f"{lead} Số, ký hiệu 1288-KH/ĐU", "<p>x</p>", "<p>Lead.</p>"]


def test_rewrite_index_starts_entries_with_their_leads(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / INDEX_JSON).write_text(json.dumps(_index()), encoding="utf-8")
    rewrite_index(tmp_path, leads={"don-vi/a/": "<p>Chi bộ A.</p>"})
    index = json.loads((tmp_path / INDEX_JSON).read_text(encoding="utf-8"))
    texts = {d["location"]: d["text"] for d in index["docs"]}
    assert texts["don-vi/a/"].startswith("<p>Chi bộ A.</p> ")
    assert not texts["don-vi/a/#ket-qua"].startswith("<p>Chi bộ A.</p>")
