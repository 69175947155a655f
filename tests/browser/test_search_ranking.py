"""Search ranks what readers mean: the query set (tests/search/queries.yaml) through the site's search worker,
served and from disk, held to a floor; a few queries typed into the box; highlighting on the page opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import MODES, new_context, page_url
from searchbox import QUERY, open_search, search
from searchworker import FORMS, Answer, load_queries, mean_reciprocal_rank, run_queries, top

# The floor the issue sets (issue 15): MRR ≥ 0.9 and the expected page in the first three for ≥ 95 %.
MRR_FLOOR = 0.9
TOP3_FLOOR = 0.95


@pytest.fixture(scope="module")
def answers(browser: Any, http_base: str, site_dir: Path) -> dict[str, list[Answer]]:
    """Every query in every form, answered by the worker of the home page, served and from disk."""
    queries = load_queries()
    found = {}
    for mode in MODES:
        context = new_context(browser)
        page = context.new_page()
        page.goto(page_url(mode, http_base, site_dir, ""))
        found[mode], _ = run_queries(page, queries)
        context.close()
    return found


def test_query_set_is_large_and_has_every_form() -> None:
    queries = load_queries()
    assert len({(*q.pages, q.text) for q in queries if q.form == "diacritics"}) >= 60
    assert {q.form for q in queries} == set(FORMS)


@pytest.mark.parametrize("mode", MODES)
def test_query_set_finds_the_expected_page_first(answers: dict[str, list[Answer]], mode: str) -> None:
    found = answers[mode]
    misses = [(a.query.form, a.query.text, a.rank) for a in found if not a.rank or a.rank > 3]
    mrr, top3 = mean_reciprocal_rank(found), top(found)
    print(f"{mode}: {len(found)} queries, MRR {mrr:.3f}, top-3 {100 * top3:.1f} %")
    assert mrr >= MRR_FLOOR, f"MRR {mrr:.3f} < {MRR_FLOOR}; not in the first three: {misses}"
    assert top3 >= TOP3_FLOOR, f"top-3 {100 * top3:.1f} % < {100 * TOP3_FLOOR} %: {misses}"


def test_served_and_from_disk_rank_the_same(answers: dict[str, list[Answer]]) -> None:
    served = [(a.query.text, a.rank) for a in answers["http"]]
    from_disk = [(a.query.text, a.rank) for a in answers["file"]]
    assert served == from_disk


@pytest.fixture(scope="module", params=MODES)
def page(request: pytest.FixtureRequest, browser: Any, http_base: str, site_dir: Path) -> Iterator[Any]:
    """The home page at a phone's width, served or from disk, kept open for the module's searches."""
    context = new_context(browser, width=390)
    tab = context.new_page()
    tab.goto(page_url(request.param, http_base, site_dir, ""))
    yield tab
    context.close()


# Typed key by key into the box, as a reader on a phone would, mostly without diacritics.
TYPED = {
    "dao thi hanh": "khen-thuong/so-ket-2025-dang-uy-tct/",
    "Đào Thị Hạnh": "khen-thuong/so-ket-2025-dang-uy-tct/",
    "nguyen van uoc": "khen-thuong/so-ket-2025-dang-uy-tct/",
    "1288-KH/ĐU": "van-ban/1288-kh-du/",
    "366-qd/tw": "van-ban/366-qd-tw/",
    "phan xuong hoa moi truong": "don-vi/cb-dong-trieu-hoa-moi-truong/",
    "doan ket ky luat tot": "tieu-chi/chi-bo-bon-tot/",
    "ngo thi thom": "khen-thuong/giay-khen-2025-quang-ninh/",
}


@pytest.mark.parametrize("query", TYPED)
def test_typed_query_shows_its_page_first(page: Any, site_dir: Path, query: str) -> None:
    _, results = search(page, query, site_dir)
    expected = TYPED[query]
    assert results, f"“{query}”: nothing found"
    firsts = [r.path for r in results[:2]] if expected.startswith("tieu-chi/") else [results[0].path]
    assert expected in firsts, f"“{query}”: {[(r.path, r.title) for r in results[:3]]}"


def test_criterion_number_finds_that_criterion_of_each_model_first(page: Any, site_dir: Path) -> None:
    search(page, "tieu chi 3", site_dir)
    links = page.locator("li.md-search-result__item").evaluate_all(
        "els => els.slice(0, 2).map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href))")
    hrefs = [href for item in links for href in item]
    for model in ("chi-bo-bon-tot", "dang-bo-co-so-bon-tot"):
        assert any(f"tieu-chi/{model}/" in h and h.endswith("#tieu-chi-3") for h in hrefs), hrefs


def test_snippet_is_the_matching_name_not_the_whole_list(page: Any, site_dir: Path) -> None:
    _, results = search(page, "dao thi hanh", site_dir)
    text = results[0].text
    assert "Đào Thị Hạnh" in text
    assert "Nguyễn Văn Ước" not in text, text  # another person of the same decision
    assert "<mark>Hạnh</mark>" in results[0].html


def test_document_snippet_is_a_sentence_of_the_document_not_its_table_of_facts(page: Any, site_dir: Path) -> None:
    _, results = search(page, "1288-KH/ĐU", site_dir)
    assert results[0].path == "van-ban/1288-kh-du/"
    # The result shows the title, then the snippet: the sentence of the document's lead that has the symbol.
    assert "Kế hoạch số 1288-KH/ĐU, Đảng ủy Tổng công ty Điện lực - TKV, Hà Nội" in results[0].text, results[0].text
    assert "Số, ký hiệu" not in results[0].text and "Loại văn bản" not in results[0].text
    _, results = search(page, "trien khai thuc hien mo hinh", site_dir)
    snippets = {r.path: r.text for r in results}
    assert "Kế hoạch số 1288-KH/ĐUTriển khai thực hiện mô hình “chi bộ bốn tốt”" in snippets["van-ban/1288-kh-du/"], snippets


def test_a_name_opens_the_decision_at_that_persons_row(page: Any, site_dir: Path) -> None:
    _, results = search(page, "dao thi hanh", site_dir)
    assert results[0].path == "khen-thuong/so-ket-2025-dang-uy-tct/" and "Đào Thị Hạnh" in results[0].text
    links = page.locator("li.md-search-result__item").first.locator("a.md-search-result__link")
    assert "#" not in (links.nth(0).get_attribute("href") or "#"), "the decision itself first"
    row = links.nth(1)
    assert (row.get_attribute("href") or "").endswith("#nguoi-5")
    assert row.inner_text().strip() == "Đào Thị Hạnh"
    row.click()
    page.wait_for_selector("mark[data-md-highlight]")
    page.wait_for_function("() => location.hash === '#nguoi-5'")
    cells = page.locator("tr:has(#nguoi-5)").inner_text()
    assert "Đào Thị Hạnh" in cells and "Phó Bí thư chi bộ" in cells
    # The whole row is on screen, below the page's fixed header: on a phone the row is a card whose first line,
    # "STT", is above the name.
    top, bottom, header, height = page.evaluate("""() => {
        const box = document.getElementById('nguoi-5').closest('tr').getBoundingClientRect();
        return [box.top, box.bottom, document.querySelector('.md-header').getBoundingClientRect().bottom, innerHeight];
    }""")
    assert header <= top and bottom <= height, (top, bottom, header, height)
    page.go_back()
    page.wait_for_selector(QUERY, state="attached")
    open_search(page)


def test_a_decision_number_gives_no_row(page: Any, site_dir: Path) -> None:
    _, results = search(page, "145-QĐ/ĐU", site_dir)
    links = page.locator("li.md-search-result__item").first.locator("a.md-search-result__link")
    assert results[0].path == "khen-thuong/so-ket-2025-dang-uy-tct/"
    assert links.count() == 1, "the number names the decision, not a person"


def test_result_opened_highlights_the_words_typed_without_diacritics(page: Any, site_dir: Path) -> None:
    search(page, "dao thi hanh", site_dir)
    page.locator("li.md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_selector("mark[data-md-highlight]")
    marks = page.locator("article mark[data-md-highlight]").evaluate_all("els => els.map(e => e.textContent)")
    # Material joins neighbouring marks: “Đào Thị Hạnh” is one.
    assert any("Đào" in m and "Hạnh" in m for m in marks), marks
    page.go_back()
    page.wait_for_selector(QUERY, state="attached")
    open_search(page)
