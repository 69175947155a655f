"""Page titles name a thing once: a document without a number is not `Điều lệ số Điều lệ Đảng`. (A decision's title is
its document's type, number and excerpt, `Quyết định số 145-QĐ/ĐU: Về việc …`: tests/test_docheader.py.)"""

from __future__ import annotations

import pytest

from generator.pages.words import document_name


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


def test_feed_entries_are_titled_as_their_pages() -> None:
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from generator.outputs.feed import atom_feed
    from generator.rules.check import check

    dataset, _ = check(Path(__file__).resolve().parents[1] / "data")
    assert dataset is not None
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") or "" for e in ET.fromstring(atom_feed(dataset)).iter(f"{atom}entry")]
    assert len(titles) == len(dataset.decisions)
    assert "Quyết định số 145-QĐ/ĐU: Về việc tuyên dương tập thể, cá nhân tiêu biểu xuất sắc" in " | ".join(titles)
    assert all(title.startswith("Quyết định số ") for title in titles), titles
    assert not any(title.startswith(("Tuyên dương:", "Công nhận", "Giấy khen:")) for title in titles)
