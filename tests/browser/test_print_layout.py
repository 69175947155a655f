"""Printed pages (Chromium's own PDF, read back with pypdf): no heading is left alone at the foot of a page, and a
decision prints its official header with the issuer block beside “ĐẢNG CỘNG SẢN VIỆT NAM”."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sitetools import ARTIFACTS
from webtools import CHROMIUM_ARGS, chromium

PDFS = ARTIFACTS / "pdf"


def squash(text: str) -> str:
    """PDF text extraction splits Vietnamese letters with spaces: compare without white space, NFC."""
    return unicodedata.normalize("NFC", "".join(text.split()))


def print_pdf(http_base: str, path: str, name: str) -> Path:
    out = PDFS / f"{name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([chromium("browser tests"), *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={out}", http_base + path],
                   check=True, capture_output=True, timeout=120)
    return out


def fragments_per_page(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's runs of text as pypdf reads them: (y from the page's foot, x, squashed text)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        pieces: list[tuple[float, float, str]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, pieces: list[tuple[float, float, str]] = pieces) -> None:
            if text.strip():
                pieces.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4], squash(text)))

        page.extract_text(visitor_text=visit)
        pages.append(pieces)
    return pages


def lines_per_page(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's lines of text, top to bottom, as (y, x, squashed text); runs at the same height are one line."""
    pages = []
    for pieces in fragments_per_page(pdf):
        rows: dict[int, list[tuple[float, str]]] = {}
        for y, x, text in pieces:
            rows.setdefault(round(y), []).append((x, text))
        lines = [(float(y), min(x for x, _ in parts), "".join(t for _, t in sorted(parts))) for y, parts in rows.items()]
        pages.append(sorted(lines, key=lambda line: -line[0]))
    return pages


def headings(html: str) -> list[str]:
    found = re.findall(r"<h([2-4])\b[^>]*>(.*?)</h\1>", html, re.S)
    return [squash(re.sub(r"<[^>]+>|¶|&para;", "", inner)) for _, inner in found]


@pytest.mark.parametrize("path", ["tieu-chi/chi-bo-bon-tot/", "tieu-chi/dang-bo-co-so-bon-tot/", "khen-thuong/so-ket-2025-dang-uy-tct/",
                                  "don-vi/db-nhiet-dien-cao-ngan/"])
def test_no_heading_is_left_at_the_foot_of_a_printed_page(http_base: str, site_dir: Path, path: str) -> None:
    pdf = print_pdf(http_base, path, "headings-" + path.strip("/").replace("/", "-"))
    titles = [h for h in headings((site_dir / path / "index.html").read_text(encoding="utf-8")) if h]
    assert titles, path
    pages = lines_per_page(pdf)
    assert len(pages) > 1, f"/{path} prints on one page: this check checks nothing"
    for number, lines in enumerate(pages[:-1], start=1):
        body = [line for line in lines if not line[2].startswith("Trang")]
        assert body, f"/{path}: page {number} is empty"
        last = body[-1][2]
        alone = [t for t in titles if last and (t == last or t.startswith(last) or last.startswith(t))]
        assert not alone, f"/{path}: the heading “{alone[0]}” is the last line of printed page {number}"


def test_printed_decision_header_sits_side_by_side(http_base: str) -> None:
    pdf = print_pdf(http_base, "khen-thuong/so-ket-2025-dang-uy-tct/", "header-so-ket-2025-dang-uy-tct")
    first = fragments_per_page(pdf)[0]
    party = next(run for run in first if "CỘNG" in run[2])
    issuer = next(run for run in first if "TẬPĐOÀN" in run[2])
    kind = next(run for run in first if "QUYẾT" in run[2])
    assert abs(party[0] - issuer[0]) < 20, (party, issuer)  # the same height: side by side, as on the screen at ≥ 768 px
    assert party[1] > issuer[1] + 100, (party, issuer)  # the party's name on the right
    assert kind[0] < party[0] - 40, "QUYẾT ĐỊNH comes under the header"
    number = next(run for run in first if run[2].endswith("145-QĐ/ĐU"))  # in one run: not broken across lines
    assert issuer[0] > number[0] > kind[0], "Số … under the issuer, above QUYẾT ĐỊNH"
