"""Search in the browser, served over http and opened from disk: diacritics and case forgiven, exact words first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import MODES, new_context, page_url
from searchbox import search
from siteindex import load_index, page_of, pages_with_phrase, pages_with_word_prefix, plain, words

from generator.outputs.search import fold

# What a reader types -> the words as the pages write them.
QUERIES = {
    "bon tot": "bốn tốt",
    "Bốn Tốt": "bốn tốt",
    "dang vien": "đảng viên",
    "ky luat": "kỷ luật",
    "sinh hoat chuyen de": "sinh hoạt chuyên đề",
    "khen thuong": "khen thưởng",
}


@pytest.fixture(scope="module")
def index(site_dir: Path) -> dict[str, Any]:
    return load_index(site_dir)


@pytest.fixture(scope="module", params=MODES)
def page(request: pytest.FixtureRequest, browser: Any, http_base: str, site_dir: Path) -> Iterator[Any]:
    """The home page, served or from disk, kept open for every search of the module (the index loads once)."""
    context = new_context(browser)
    tab = context.new_page()
    tab.goto(page_url(request.param, http_base, site_dir, ""))
    yield tab
    context.close()


def _marks(page: Any, first: int | None = None) -> list[str]:
    """The highlighted words of the result list (of its `first` results: Material adds more as the list scrolls)."""
    items = "li.md-search-result__item" + (f":nth-child(-n+{first})" if first else "")
    return list(page.locator(f"{items} mark").evaluate_all("els => els.map(e => e.textContent)"))


@pytest.mark.parametrize("query", QUERIES)
def test_query_finds_every_page_with_the_words(
    page: Any, site_dir: Path, index: dict[str, Any], query: str
) -> None:
    phrase = QUERIES[query]
    expected = pages_with_phrase(index, phrase)
    assert expected, f"the sample has no page with “{phrase}”"

    count, results = search(page, query, site_dir, everything=True)

    found = [r.path for r in results]
    assert count == len(found)
    missing = sorted(expected - set(found))
    assert not missing, f"“{query}” misses pages with “{phrase}”: {missing}"
    assert phrase in results[0].text.lower(), f"best result for “{query}” lacks “{phrase}”: {results[0].title}"
    # The words are highlighted as the page writes them, each once (a word and its folded twin share a place).
    marks = _marks(page)
    accented = [w for w in phrase.split() if fold(w) != w]
    assert any(m.lower() in accented for m in marks), f"no highlighted {accented} in {marks}"
    assert all(any(fold(m).startswith(fold(w)) for w in query.split()) for m in marks), marks
    assert "<mark><mark>" not in "".join(r.html for r in results)


def test_case_and_diacritics_do_not_change_which_pages_are_found(
    page: Any, site_dir: Path
) -> None:
    answers = {}
    for query in ("bon tot", "Bon Tot", "BỐN TỐT", "bốn tốt"):
        count, results = search(page, query, site_dir, everything=True)
        assert count == len(results) > 0
        answers[query] = {r.path for r in results}
    assert answers["Bon Tot"] == answers["bon tot"]
    assert answers["BỐN TỐT"] == answers["bon tot"]
    assert answers["bốn tốt"] == answers["bon tot"]


def _word_with_fold_only_pages(index: dict[str, Any]) -> tuple[str, set[str], set[str]]:
    """A word with diacritics written exactly on a few pages, while other pages have only words that fold
    the same way (`có` beside `cơ`, `cổ`): (word, pages with it, pages with only a look-alike)."""
    vocabulary = sorted({w for e in index["docs"] for w in words(index, e) if fold(w) != w and len(w) >= 2})
    for word in vocabulary:
        exact = pages_with_word_prefix(index, word, folded=False)
        alike = pages_with_word_prefix(index, word, folded=True) - exact
        if 2 <= len(exact) <= 6 and alike:
            return word, exact, alike
    raise AssertionError("the sample has no word whose folded form is shared by other pages")


def test_query_with_diacritics_ranks_exact_matches_first(
    page: Any, site_dir: Path, index: dict[str, Any]
) -> None:
    word, exact, alike = _word_with_fold_only_pages(index)

    _, results = search(page, word, site_dir, everything=True)

    found = [r.path for r in results]
    assert set(found) == exact | alike, f"“{word}”: the word as written or folded, nothing else"
    last_exact = max(found.index(p) for p in exact)
    first_alike = min(found.index(p) for p in alike)
    assert last_exact < first_alike, f"“{word}”: {found}"


@pytest.mark.parametrize(
    "name",
    ["Phân xưởng Sửa chữa", "Đảng bộ Công ty Nhiệt điện Đông Triều - TKV", "Chi bộ Trung tâm Đào tạo Nghề Điện"],
)
def test_unit_is_found_by_its_name_typed_without_diacritics(
    page: Any, site_dir: Path, index: dict[str, Any], name: str
) -> None:
    units = {page_of(e["location"]) for e in index["docs"] if e["location"].startswith("don-vi/")
             and "#" not in e["location"] and name.lower() in e["title"].lower()}
    assert units, f"no unit named like “{name}”"

    _, results = search(page, fold(name), site_dir)

    best = [r.path for r in results[: len(units)]]
    assert set(best) == units, f"“{fold(name)}”: {[(r.path, r.title) for r in results[:5]]}"
    assert all(name.lower() in r.title.lower() for r in results[: len(units)])


def _word_only_after_punctuation(index: dict[str, Any]) -> tuple[str, str]:
    """(word, page) where the page writes the word only right after an opening bracket or quote."""
    for entry in index["docs"]:
        text = unicodedata.normalize("NFC", re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]))
        for match in re.finditer(r"[(“\"]([^\W\d_]{3,})", text):
            word = match.group(1).lower()
            page = page_of(entry["location"])
            same_page = [e for e in index["docs"] if page_of(e["location"]) == page]
            elsewhere = [p for e in same_page for p in re.findall(rf"(?<![(“\"\w]){word}", plain(e))]
            if not elsewhere:
                return word, page
    raise AssertionError("the sample has no word written only after a bracket or quote")


def test_punctuation_separates_words(
    page: Any, site_dir: Path, index: dict[str, Any]
) -> None:
    word, expected = _word_only_after_punctuation(index)

    _, results = search(page, word, site_dir, everything=True)

    assert expected in {r.path for r in results}, f"“{word}” after a bracket or quote on {expected or 'home'}"


def test_highlights_survive_repeated_searches(page: Any, site_dir: Path) -> None:
    # Dropping the second highlight of a word and its folded twin must not touch the index itself.
    answers = []
    for query in ("thuong", "khen thuong", "thuong"):
        search(page, query, site_dir)
        # The first ten results: how many more Material has added depends on where earlier tests left the scroll.
        answers.append(sorted(_marks(page, first=10)))
    assert answers[0] == answers[2]
    assert "thưởng" in answers[0]
