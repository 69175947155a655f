"""Honor lists that can be published: decision pages, downloads, feed, print, redirects, recognized-only mode."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sitetools import ARTIFACTS, copy_project, visible_text
from webtools import CHROMIUM_ARGS, chromium, launch_chromium, serve

from generator.core.viet import name_key
from generator.outputs.downloads import Table, to_csv, to_xlsx
from generator.records.dataset import Dataset
from generator.rules.check import check
from generator.rules.derive import tree_order
from generator.site.build import build_site

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset]:
    project = copy_project(tmp_path_factory.mktemp("honours"))
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    dataset, _ = check(project / "data")
    assert dataset is not None
    return project / "site", dataset


@pytest.fixture(scope="module")
def server(built: tuple[Path, Dataset]) -> Iterator[str]:
    with serve(built[0]) as base:
        yield base.removesuffix("/")


def test_decision_pages_read_like_the_official_list(built: tuple[Path, Dataset]) -> None:
    site, ds = built
    order = [uid for uid, _ in tree_order(ds)]
    for ref in ds.decisions:
        decision = ref.record
        doc = ds.document[decision.document]
        text = visible_text(site / "khen-thuong" / decision.id / "index.html")
        # The <title> repeats the title first; the page body starts with the header block, then the heading.
        body = text[text.index("ĐẢNG CỘNG SẢN VIỆT NAM"):]
        assert f"Số {doc.number}" in text[: text.index("ĐẢNG CỘNG SẢN VIỆT NAM")], "number in the issuer block, before the heading"
        assert doc.title in body, "the heading comes after the header block"
        names = [ds.unit[c.unit].name for c in sorted(decision.collectives, key=lambda c: order.index(c.unit))]
        positions = [text.index(f" {n} ", text.index("Tập thể (")) for n in names] if names else []
        assert positions == sorted(positions), "collectives in tree order"
        people = sorted((p.name for p in decision.individuals), key=name_key)
        spots = [text.index(p, text.index("Cá nhân (")) for p in people]
        assert spots == sorted(spots), "people in Vietnamese name order"


def test_every_unit_page_lists_its_entries(built: tuple[Path, Dataset]) -> None:
    site, ds = built
    for ref in ds.decisions:
        for entry in ref.record.collectives:
            page = (site / "don-vi" / entry.unit / "index.html").read_text(encoding="utf-8")
            assert f"../../khen-thuong/{ref.record.id}/" in page


def test_downloads_match_the_decision(built: tuple[Path, Dataset]) -> None:
    from openpyxl import load_workbook

    site, ds = built
    for ref in ds.decisions:
        decision = ref.record
        base = site / "du-lieu" / "khen-thuong" / decision.id
        raw = (base.with_suffix(".csv")).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
        assert len(rows) - 1 == len(decision.collectives) + len(decision.individuals)
        sheet = load_workbook(base.with_suffix(".xlsx")).active
        assert sheet is not None
        xlsx_rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        assert xlsx_rows == rows
        assert sheet.freeze_panes == "A2"
        document = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        assert document["id"] == decision.id
        assert {c["unit"] for c in document["collectives"]} == {c.unit for c in decision.collectives}
        assert sorted(p["name"] for p in document["individuals"]) == sorted(p.name for p in decision.individuals)


def test_downloads_are_linked_with_their_size(built: tuple[Path, Dataset]) -> None:
    site, ds = built
    text = visible_text(site / "du-lieu" / "index.html")
    assert text.count("CSV (") == len(ds.decisions) + len(ds.years) + 1  # and the statistics by parent unit
    page = visible_text(site / "nam" / "2024" / "index.html")
    # Sizes sit in a nowrap span: the page's text pieces are joined with spaces here, "KB )".
    assert re.search(r"XLSX \( ?[\d,]+ KB ?\)", page), page


def test_spreadsheet_formulas_are_neutralised() -> None:
    from openpyxl import load_workbook

    table = Table("x", ["a", "b"], [["=1+1", "@SUM(A1)"], ["-2", "bình thường"]], {})
    rows = list(csv.reader(io.StringIO(to_csv(table)[3:].decode("utf-8"))))
    assert rows[1:] == [["'=1+1", "'@SUM(A1)"], ["'-2", "bình thường"]]
    cell = load_workbook(io.BytesIO(to_xlsx(table))).active["A2"]  # type: ignore[index]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_xlsx_is_deterministic() -> None:
    table = Table("x", ["a"], [["b"]], {})
    assert to_xlsx(table) == to_xlsx(table)


def test_atom_feed_has_one_entry_per_decision_newest_first(built: tuple[Path, Dataset]) -> None:
    site, ds = built
    root = ET.parse(site / "khen-thuong" / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(ds.decisions)
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert all(e.find(f"{ATOM}id") is not None and e.find(f"{ATOM}link") is not None for e in entries)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home


def test_printed_decision_is_a_clean_a4_document(built: tuple[Path, Dataset], server: str) -> None:
    from pypdf import PdfReader

    browser = chromium()
    out = ARTIFACTS / "pdf" / "so-ket-2025-dang-uy-tct.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [browser, *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={out}", f"{server}/khen-thuong/so-ket-2025-dang-uy-tct/"],
        check=True, capture_output=True, timeout=120,
    )
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 6
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595) < 3 and abs(height - 842) < 3, "A4"
    # PDF text extraction splits Vietnamese letters with spaces: compare without whitespace, NFC.
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    _, ds = built
    assert squash("Số 145-QĐ/ĐU") in text
    assert all(squash(p.name) in text for p in ds.decision["so-ket-2025-dang-uy-tct"].individuals)
    for chrome in ("Tìm kiếm", "Văn bản Thống kê", "Dữ liệu mẫu:", "Tải danh sách"):
        assert squash(chrome) not in text
    assert "Trang1/" in text, "page numbers"


def squash(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(text.split()))


def test_decision_list_narrows_in_the_browser(server: str) -> None:
    with launch_chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/khen-thuong/")
        visible = "article tbody tr:not([hidden])"
        total = page.locator(visible).count()
        page.select_option("#bt-loc-cap", "Tập đoàn")
        assert page.locator(visible).count() == 1
        page.select_option("#bt-loc-cap", "")
        page.select_option("#bt-loc-nam", "2024")
        assert 0 < page.locator(visible).count() < total
        page.select_option("#bt-loc-hinh-thuc", "Giấy khen")
        assert page.locator(visible).count() == 0
        assert "0 quyết định" in page.locator("#bt-loc [role=status]").inner_text()


def _rename_unit(project: Path, old: str, new: str) -> None:
    for path in (project / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new), encoding="utf-8")
    units = project / "data" / "units.yaml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace(f"  - id: {new}\n", f"  - id: {new}\n    former_ids: [{old}]\n", 1), encoding="utf-8")


def test_old_unit_url_lands_on_the_new_page(tmp_path: Path) -> None:
    browser_path = chromium()
    project = copy_project(tmp_path / "p")
    _rename_unit(project, "cb-cao-ngan-sua-chua", "cb-cao-ngan-sua-chua-co-khi")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    site = project / "site"
    assert (site / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html").exists()
    with serve(site) as base, launch_chromium(browser_path) as browser:
        page = browser.new_page()
        page.goto(f"{base}don-vi/cb-cao-ngan-sua-chua/")
        page.wait_for_url("**/don-vi/cb-cao-ngan-sua-chua-co-khi/")
        assert page.title().startswith("Chi bộ Phân xưởng Sửa chữa - ")
        page.goto((site / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html").as_uri())
        page.wait_for_url("**/don-vi/cb-cao-ngan-sua-chua-co-khi/index.html")
        assert page.title().startswith("Chi bộ Phân xưởng Sửa chữa - ")


def test_recognized_only_mode_hides_unmet_details_and_keeps_counts(tmp_path: Path, built: tuple[Path, Dataset]) -> None:
    full_site, _ = built
    project = copy_project(tmp_path / "p")
    site_file = project / "data" / "site.yaml"
    settings = site_file.read_text(encoding="utf-8").replace("recognized_only: false", "recognized_only: true")
    site_file.write_text(settings, encoding="utf-8")
    assert yaml.safe_load(settings)["recognized_only"] is True
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    site = project / "site"
    unit_full = visible_text(full_site / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html")
    unit = visible_text(site / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html")
    assert "dưới mức 90 %" in unit_full and "tiêu chí không đạt" in unit_full
    assert "dưới mức 90 %" not in unit and "tiêu chí không đạt" not in unit and "Tiêu chí 1" not in unit
    year_full = visible_text(full_site / "nam" / "2024" / "index.html")
    year = visible_text(site / "nam" / "2024" / "index.html")
    assert "Tiêu chí 1" in year_full and "Tiêu chí 1" not in year
    counts = year_full.split("Tổng", 1)[1].split()[:3]
    assert year.split("Tổng", 1)[1].split()[:3] == counts
    data = json.loads((site / "du-lieu" / "nam" / "2024.json").read_text(encoding="utf-8"))
    assert all("reasons" not in a and "criteria" not in a for a in data["assessments"])
    assert "dưới mức" not in (site / "du-lieu" / "nam" / "2024.csv").read_text(encoding="utf-8-sig")


# The table tests/fixtures/handwritten-writer.xlsx was written from by generator/xlsx.py, the hand-written writer
# XlsxWriter replaced (docs/performance.md, "Libraries or our own code"): formula-like text, spaces at the ends,
# markup characters, control characters (dropped), a line break, a long cell, large and negative numbers.
_BEFORE_HEADER = ["STT", "Tên tập thể / Họ và tên", "Ghi chú & <thẻ>", "Số"]
_BEFORE_ROWS: list[list[str | int]] = [
    [1, "=1+1", "@SUM(A1)", 0],
    [2, " Chi bộ có dấu cách ", "+84 912 345 678", -3],
    [3, "Đảng bộ “bốn tốt”", "a\x01b\x0bc", 2**40],
    [4, "", "-", 123456789],
    [5, "x" * 300, "dòng 1\ndòng 2", 7],
]


def _sheet_content(data: bytes) -> dict[str, object]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None and len(book.worksheets) == 1
    return {
        "title": sheet.title,
        "cells": [[(c.value, c.data_type, bool(c.font.b)) for c in row] for row in sheet.iter_rows()],
        "freeze": sheet.freeze_panes,
        "widths": [sheet.column_dimensions[letter].width for letter in "ABCD"],
    }


def test_xlsx_holds_what_the_handwritten_writer_wrote() -> None:
    table = Table("Năm: 2024 [x]/y*z?", _BEFORE_HEADER, _BEFORE_ROWS, {})
    before = _sheet_content((Path(__file__).parent / "fixtures" / "handwritten-writer.xlsx").read_bytes())
    now = _sheet_content(to_xlsx(table))
    assert now["title"] == before["title"] == "Năm 2024 xyz"
    assert now["cells"] == before["cells"]
    assert now["freeze"] == before["freeze"] == "A2"
    # XlsxWriter stores the width Excel shows plus its cell padding (under one character); the old writer did not.
    assert all(0 <= new - old < 1 for new, old in zip(now["widths"], before["widths"], strict=True)), now["widths"]  # type: ignore[call-overload]
