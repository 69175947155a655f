"""The report as the office prints it: LibreOffice headless turns the .docx into PDF; pypdf checks A4, the page
numbers and that no text lies outside the page's text area. Page 1 goes to test-artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reporttools import page_image, soffice_pdf
from sitetools import ARTIFACTS, ROOT

from generator.cli import main
from generator.demo.data import write_demo

A4 = (595.3, 841.9)  # points
MM = 72 / 25.4


def _positions(page: object) -> list[tuple[str, float, float]]:
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text, x, y))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def _check_pdf(pdf: Path) -> int:
    reader = PdfReader(str(pdf))
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1, f"page {number} is {width}×{height} pt, not A4"
        positions = _positions(page)
        assert len(positions) > 10, f"page {number}: no text found"
        # The page number: alone, at the top, centred in the top margin (36-HD; every page numbered).
        top = [(t, x, y) for t, x, y in positions if y > height - 20 * MM]
        assert [t.strip() for t, _, _ in top] == [str(number)], f"page {number}: top margin holds {top}"
        # Every line starts inside the text area: 30 mm from the left edge, 15 mm from the right, 20 mm from the bottom.
        for text, x, y in positions:
            assert 30 * MM - 2 <= x < width - 15 * MM, f"page {number}: “{text}” starts at x={x:.0f} pt, outside the text area"
            assert 20 * MM - 6 <= y <= height, f"page {number}: “{text}” at y={y:.0f} pt, in the bottom margin"
    return len(reader.pages)


def test_sample_report_prints_on_a4(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bao-cao-2024-2025.docx"
    assert main(["report", "--from", "2024", "--to", "2025", "--out", str(out), "--data", str(ROOT / "data")]) == 0
    pdf = soffice_pdf(out)
    pages = _check_pdf(pdf)
    assert pages >= 3
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BÁO CÁO" in text and "T/M BAN THƯỜNG VỤ" in text
    image = page_image(pdf, ARTIFACTS / "bao-cao" / "bao-cao-2024-2025-trang-1.png")
    assert image.stat().st_size > 10_000
    with capsys.disabled():
        print(f"\nbáo cáo mẫu 2024–2025: {pages} trang A4; ảnh trang 1: {image}")


def test_demo_report_prints_on_a4(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    write_demo(data, 200, 3, 1)
    out = tmp_path / "bao-cao-demo.docx"
    assert main(["report", "--from", "2024", "--to", "2026", "--out", str(out), "--data", str(data)]) == 0
    pages = _check_pdf(soffice_pdf(out))
    with capsys.disabled():
        print(f"\nbáo cáo demo 200 đơn vị 2024–2026: {pages} trang A4")
