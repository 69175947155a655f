"""generator/outputs/search_terms.py: the index's words and postings, written into the index at build time
(their equality with the browser's own is tests/browser/test_search_terms_parity.py)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.outputs.search import INDEX_JSON, INDEX_SCRIPT, finish_index, report_lines
from generator.outputs.search_terms import (
    KEY,
    VERSION,
    decode_ids,
    encode_ids,
    js_order,
    js_pattern,
    postings,
    terms_block,
    words,
)

SEPARATOR = "[\\s\\-,.]+|&(?:amp|lt|gt);"


def test_ids_round_trip_as_short_ascii_without_quotes_or_backslashes() -> None:
    ids = [0, 1, 2, 40, 41, 1000, 1001, 33_000, 1_048_600, 1_048_601]
    text = encode_ids(ids)
    assert decode_ids(text) == ids
    assert text.isascii() and '"' not in text and "\\" not in text
    assert encode_ids([5, 6, 7]) == "(##", "neighbours cost one character each"
    dense = encode_ids(range(500))
    assert dense == "!" + "c" * 83 + "&", "a word in most entries: a bitmap, six ids per character"
    assert encode_ids([0, 3, 4, 5]) == "!]", "bits 57 skip the backslash"
    assert decode_ids(dense) == list(range(500))
    every_other = list(range(0, 3000, 2))
    assert decode_ids(encode_ids(every_other)) == every_other and len(encode_ids(every_other)) == 501
    assert encode_ids([]) == "" and decode_ids("") == []


def test_the_separator_means_what_it_means_in_javascript() -> None:
    separator = js_pattern("[\\s]+")
    assert words("a\u00a0b\ufeffc\u2028d", separator) == ["a", "b", "c", "d"]
    assert words("a\u0085b\x1cc", separator) == ["a\u0085b\x1cc"], "not white space to JavaScript"
    assert words("x1y", js_pattern("\\d")) == ["x", "y"]
    assert words("x١y", js_pattern("\\d")) == ["x١y"], "JavaScript's \\d is 0-9 only"
    assert js_pattern("[\\-\\]\\s]").pattern.startswith("[\\-\\]\t"), "escapes kept, \\s spelled out in a class"


def test_postings_hold_each_entry_once_and_read_title_text_and_names() -> None:
    docs = [
        {"location": "a/", "title": "Chi bộ A", "text": "<p>Chi bộ</p><p>Đảng&amp;ủy</p>"},
        {"location": "b/", "title": "Khác", "text": "", "names": "Đào Thị Hạnh"},
    ]
    found = postings(docs, SEPARATOR)
    assert found["chi"] == [0] and found["bo"] == [0] and found["a"] == [0]
    assert found["dang&uy"] == [0], "entities are unescaped before words are split, as the worker does"
    assert found["dao"] == [1] and found["khac"] == [1]
    assert "p" not in found, "tags are no words"


def test_terms_are_in_javascript_order_and_the_block_is_versioned() -> None:
    assert sorted(["\uffff", "😀"], key=js_order) == ["😀", "\uffff"], "UTF-16: a surrogate sorts before U+FFFF"
    index = {"config": {"separator": SEPARATOR}, "docs": [{"location": "", "title": "b a 😀 \uffff", "text": ""}]}
    block = terms_block(index)
    assert block == {"version": VERSION, "entries": 1, "terms": ["a", "b", "😀", "\uffff"], "postings": ["#"] * 4}
    assert terms_block({"config": {"lang": ["vi"]}, "docs": []}) is None, "no separator, no block"


def test_finish_index_writes_the_block_into_the_config_and_replaces_an_old_one(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    docs = [{"location": "b/", "title": "Bốn tốt", "text": ""}, {"location": "a/", "title": "Chi bộ", "text": ""}]
    stale = {"version": VERSION, "entries": 9, "terms": [], "postings": []}
    result = finish_index(tmp_path, {"config": {"separator": SEPARATOR, KEY: stale}, "docs": docs})
    index = json.loads((tmp_path / INDEX_JSON).read_text(encoding="utf-8"))
    block = index["config"][KEY]
    assert block["entries"] == 2 and block["terms"] == ["bo", "bon", "chi", "tot"]
    assert dict(zip(block["terms"], map(decode_ids, block["postings"]), strict=True)) == {
        "bo": [0], "chi": [0], "bon": [1], "tot": [1]}, "ids are places in the written (sorted) docs"
    script = (tmp_path / INDEX_SCRIPT).read_text(encoding="ascii")
    assert json.loads(script.removeprefix("var __index = ").rstrip().removesuffix(";")) == index
    assert 0 < result.terms < result.total
    assert any("từ và vị trí" in line for line in report_lines(result))


def test_a_block_made_from_the_previous_index_is_the_block_made_afresh(tmp_path: Path) -> None:
    """An incremental build reuses the words of the entries the previous index already had (`known_terms`, read back
    from its block): entries added, changed, removed and moved give the same block as tokenising every entry."""
    docs = [{"location": f"don-vi/u{i}/", "title": f"Chi bộ Phân xưởng {i}", "text": f"<p>Đạt “bốn tốt” năm {2020 + i % 5}</p>"}
            for i in range(40)]
    docs[3]["names"] = "Đào Thị Hạnh, Nguyễn Văn An"
    previous = {"config": {"separator": SEPARATOR}, "docs": docs}
    (tmp_path / INDEX_JSON).parent.mkdir(parents=True)
    finish_index(tmp_path, previous)
    old = json.loads((tmp_path / INDEX_JSON).read_text(encoding="utf-8"))
    changed = [dict(doc) for doc in old["docs"]]
    changed[5] = {**changed[5], "title": "Chi bộ Phòng Kế hoạch và Vật tư"}
    changed[6] = {**changed[6], "text": "<p>Không đạt tiêu chí 2</p>"}
    del changed[7]
    changed.insert(0, {"location": "a/", "title": "Trang mới", "text": "<p>Hướng dẫn đánh giá</p>"})
    changed.append(changed.pop(1))
    index = {"config": {"separator": SEPARATOR}, "docs": changed}
    assert terms_block(index, previous=old) == terms_block(index)
    assert terms_block(index, previous={**old, "config": {"separator": "[\\s]+", KEY: old["config"][KEY]}}) == terms_block(index), \
        "a block made with another separator is not reused"
