"""The words and postings made at build time (generator/outputs/search_terms.py) are the ones the site's search
worker makes itself from the same index, and the worker answers the same with or without them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from searchworker import load_queries

from generator.outputs.search_terms import KEY, decode_ids, terms_block

WORKER = Path("assets/javascripts/search-worker.js")
SEPARATOR = '[\\s\\-–—,.;:!?()\\[\\]{}"“”‘’«»/…%›•]+|&(?:amp|lt|gt);'

# In the page: the worker's own words and postings for `index`, made with or without the build's block.
POSTINGS = """index => { bontotSearch.setup(index); return bontotSearch.postings(); }"""
ANSWERS = """({index, queries}) => {
    bontotSearch.setup(index);
    return queries.map(q => JSON.stringify(bontotSearch.search(q)));
}"""


def _awkward_index() -> dict[str, Any]:
    """Text where Python and JavaScript could disagree: white space, entities, tags, case, composition."""
    texts = [
        "Chi\u00a0bộ\ufeffA\u0085B\x1cC\u2028D",  # JavaScript's \\s has nbsp and \ufeff; Python's has \x85 and \x1c
        "<p>Đảng&nbsp;ủy</p><br/>tổng&amp;hợp &lt;b&gt; &quot;x&quot; &#39;y&#39; <td class=\"a>b\">ô</td>",
        "TIẾNG VIỆT ĐẢNG İSTANBUL ΟΔΟΣ ΣΊΣΥΦΟΣ 😀 a😀b \U00010400x",
        "Đa\u0300o Thi\u0323 Ha\u0323nh (phân xưởng) 1288-KH/ĐU 90,5 % a*b+c~d^e",
        "",
    ]
    docs: list[dict[str, Any]] = [
        {"location": f"p{i}/", "title": text.upper()[:20], "text": text} for i, text in enumerate(texts)
    ]
    docs[0]["names"] = "145-QĐ/ĐU; Đào Thị Hạnh; Trần&amp;Lê"
    docs.append({"location": "p0/#muc", "title": "Tiêu chí 3", "text": "<li>một</li><li>hai</li>"})
    return {"config": {"lang": ["vi"], "separator": SEPARATOR}, "docs": docs}


def _in_page(browser: Any, site_dir: Path, script: str, arg: object) -> Any:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site_dir / "index.html").as_uri())
        page.add_script_tag(path=str(site_dir / WORKER))  # as a page script it only defines bontotSearch
        return page.evaluate(script, arg)
    finally:
        context.close()


def _without_block(index: dict[str, Any]) -> dict[str, Any]:
    return {**index, "config": {k: v for k, v in index["config"].items() if k != KEY}}


def _python_postings(block: dict[str, Any]) -> dict[str, list[int]]:
    return {term: decode_ids(text) for term, text in zip(block["terms"], block["postings"], strict=True)}


def test_the_build_makes_the_words_and_postings_the_worker_makes(browser: Any, site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    block = index["config"][KEY]
    assert block["entries"] == len(index["docs"]) and len(block["terms"]) > 300
    made = _in_page(browser, site_dir, POSTINGS, _without_block(index))
    assert made["fromBuild"] is False
    assert made["vocabulary"] == block["terms"], "same words, in the order the worker bisects"
    assert made["postings"] == _python_postings(block)


def test_awkward_text_gives_the_same_words_in_python_and_in_the_browser(browser: Any, site_dir: Path) -> None:
    index = _awkward_index()
    block = terms_block(index)
    assert block is not None
    made = _in_page(browser, site_dir, POSTINGS, index)
    assert made["vocabulary"] == block["terms"]
    assert made["postings"] == _python_postings(block)
    # `&amp;` in a text is unescaped before words are split (the worker's order), so `tổng&hợp` is one word.
    assert {"chi", "bo", "a\u0085b\x1cc", "dang", "uy", "tong&hop", "tran&le", "1288"} <= set(block["terms"])


def test_the_worker_reads_the_block_and_answers_as_without_it(browser: Any, site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    queries = sorted({q.text for q in load_queries()} | {"1288-kh/du", "quyet dinh 145-qd/du", "da", "chi bo "})
    assert _in_page(browser, site_dir, POSTINGS, index)["fromBuild"] is True
    with_block = _in_page(browser, site_dir, ANSWERS, {"index": index, "queries": queries})
    without = _in_page(browser, site_dir, ANSWERS, {"index": _without_block(index), "queries": queries})
    assert with_block == without
    assert sum(1 for answer in with_block if json.loads(answer)["items"]) > len(queries) * 0.9


def test_a_block_of_another_version_or_index_is_ignored(browser: Any, site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    newer = {**index, "config": {**index["config"], KEY: {**index["config"][KEY], "version": 2}}}
    assert _in_page(browser, site_dir, POSTINGS, newer)["fromBuild"] is False
    fewer = {**index, "docs": index["docs"][:-1]}
    made = _in_page(browser, site_dir, POSTINGS, fewer)
    assert made["fromBuild"] is False
    assert max(max(ids) for ids in made["postings"].values()) == len(index["docs"]) - 2


def test_a_word_on_thousands_of_pages_lists_a_thousand_best_first(browser: Any, site_dir: Path) -> None:
    docs: list[dict[str, Any]] = []
    for i in range(1500):
        docs.append({"location": f"don-vi/cb-{i:04d}/", "title": f"Chi bộ {i}", "text": "chi bộ vận hành" if i % 3 else "chi bộ"})
        docs.append({"location": f"don-vi/cb-{i:04d}/#ket-qua", "title": "Kết quả", "text": "chi bộ"})
    index = {"config": {"lang": ["vi"], "separator": SEPARATOR}, "docs": docs}
    block = terms_block(index)
    assert block is not None
    index["config"][KEY] = block
    groups = _in_page(browser, site_dir, """index => {
        bontotSearch.setup(index);
        return bontotSearch.search('chi bo van hanh').items.map(group => group.map(item => item.location));
    }""", index)
    assert len(groups) == 1000
    assert all(int(group[0][len("don-vi/cb-"):][:4]) % 3 for group in groups), "the 1,000 pages with every word"
    assert all(len(group) == 2 and group[1].endswith("#ket-qua") for group in groups), "each page keeps its section"
