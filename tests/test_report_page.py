"""/bao-cao/<from>-<to>/: the report on the site, its Word file beside it, the periods the data names, printing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from reporttools import load, yearly
from sitetools import ARTIFACTS, ROOT, parse, visible_text
from webtools import CHROMIUM_ARGS, chromium, serve

from generator.core.viet import number, rate
from generator.office.report import build_report, report_periods
from generator.office.report_docx import render_docx
from generator.pages.generate import render_site
from generator.pages.plan import plan_site
from generator.records.dataset import Dataset
from generator.rules.check import check
from generator.rules.derive import evaluate


def _dataset(data: Path) -> Dataset:
    ds, problems = check(data)
    assert ds is not None, [p.format() for p in problems]
    return ds


def squash(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(text.split()))


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as base:
        yield base.removesuffix("/")


def test_report_page_shows_the_records_figures(sample_site: Path) -> None:
    records = load(ROOT / "data")
    page = sample_site / "bao-cao" / "2024-2025" / "index.html"
    text = visible_text(page)
    (_, p24), (a25, p25) = yearly(records, "dang-uy-tct")[2024], yearly(records, "dang-uy-tct")[2025]
    assert f"Năm 2025 có {a25} tổ chức đảng tự đánh giá, {p25} tổ chức đạt “bốn tốt” ({rate(p25 / a25)})" in text
    change = p25 - p24
    assert f"2025 Tổng {number(a25)} {number(p25)} {rate(p25 / a25)} {'−' if change < 0 else '+'}{abs(change)}" in text
    assert "Sơ kết 2 năm thực hiện mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”, giai đoạn 2024 - 2025" in text
    # The /thong-ke/ charts, limited to the period, with their tables.
    html = page.read_text(encoding="utf-8")
    assert 'id="bt-xu-huong' in html and 'id="bt-cap-tren' in html
    # The Word file beside the page: the same bytes `bontot report` writes.
    links = [href for _, href in parse(page).links if href.endswith(".docx")]
    assert links == ["../bao-cao-2024-2025.docx"]
    ds = _dataset(ROOT / "data")
    expected = render_docx(ds, build_report(ds, evaluate(ds), 2024, 2025))
    assert (sample_site / "bao-cao" / "bao-cao-2024-2025.docx").read_bytes() == expected
    stats = (sample_site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    assert 'href="../bao-cao/2024-2025/"' in stats
    # Its search entry (and so its snippet) starts with what the report is, not with the document header's lines.
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "bao-cao/2024-2025/")
    assert entry["text"].startswith("<p>Sơ kết 2 năm thực hiện mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”, "
                                    "giai đoạn 2024 - 2025. Đảng ủy Tổng công ty Điện lực - TKV.</p>"), entry["text"][:200]


def test_periods_come_from_decisions_and_site_yaml(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert report_periods(_dataset(data)) == [(2024, 2025, "so-ket")]
    site = data / "site.yaml"
    # A period declared in site.yaml, and one with no assessment at all (2030): pages and Word files for both.
    site.write_text(site.read_text(encoding="utf-8") + "periods:\n  - {occasion: tong-ket, period_from: 2025, year: 2025}\n"
                    "  - {occasion: tong-ket, period_from: 2030, year: 2030}\n", encoding="utf-8")
    ds = _dataset(data)
    assert report_periods(ds) == [(2024, 2025, "so-ket"), (2025, 2025, "tong-ket"), (2030, 2030, "tong-ket")]
    rendered = render_site(ds)
    assert {"bao-cao/2024-2025.md", "bao-cao/2025-2025.md", "bao-cao/2030-2030.md"} <= set(rendered)
    assert {"bao-cao/bao-cao-2024-2025.docx", "bao-cao/bao-cao-2025-2025.docx", "bao-cao/bao-cao-2030-2030.docx"} <= set(rendered)
    empty = rendered["bao-cao/2030-2030.md"].decode()
    assert "Năm 2030 chưa có kết quả đánh giá." in empty and "# Tổng kết giai đoạn 2030–2030" in empty


def test_recognized_only_publishes_no_unmet_criteria(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    site = data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("recognized_only: false", "recognized_only: true"), encoding="utf-8")
    pages, files = plan_site(_dataset(data))
    page = next(p for p in pages if p.path == "bao-cao/2024-2025.md")
    assert page.context["recognized_only"] and not page.context["downloads"]
    assert not any(path.endswith(".docx") for path in files)


def test_printed_report_is_a4_with_page_numbers(server: str) -> None:
    from pypdf import PdfReader

    out = ARTIFACTS / "pdf" / "bao-cao-2024-2025.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([chromium(), *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={out}", f"{server}/bao-cao/2024-2025/"],
                   check=True, capture_output=True, timeout=120)
    reader = PdfReader(out)
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595) < 3 and abs(float(page.mediabox.height) - 842) < 3, "A4"
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert squash("ĐẢNG CỘNG SẢN VIỆT NAM") in text and squash("Sơ kết giai đoạn 2024–2025") in text
    for chrome in ("Tìm kiếm", "Dữ liệu mẫu:"):
        assert squash(chrome) not in text
    assert len(re.findall(r"Trang\d+/" + str(len(reader.pages)), text)) == len(reader.pages), "every page numbered"
