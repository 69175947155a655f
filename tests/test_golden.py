"""Golden Markdown: a few generated pages of each kind, compared byte for byte.

After an intended change to a template or the page plan, regenerate with `make golden`
(`BONTOT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`) and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.check import check
from generator.generate import render_site

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
PAGES = [
    "index.md",
    "tieu-chi/chi-bo-bon-tot.md",
    "tieu-chi/dang-bo-co-so-bon-tot.md",
    "don-vi/cb-cao-ngan-sua-chua.md",
    "don-vi/db-nhiet-dien-son-dong.md",
    "nam/2024.md",
    "khen-thuong/index.md",
    "khen-thuong/so-ket-2025-dang-uy-tct.md",
    "van-ban/1288-kh-du.md",
    "thong-ke/index.md",
    "bao-cao/2024-2025.md",
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    dataset, _ = check(ROOT / "data")
    assert dataset is not None
    return render_site(dataset)


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(rendered: dict[str, bytes], page: str) -> None:
    golden = GOLDEN / page.replace("/", "__")
    actual = rendered[page]
    if os.environ.get("BONTOT_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
    assert golden.exists(), f"no golden file for {page}; run `make golden`"
    assert actual.decode("utf-8") == golden.read_text(encoding="utf-8"), f"{page} differs from {golden}; see module docstring"


def test_rendering_is_deterministic(rendered: dict[str, bytes]) -> None:
    dataset, _ = check(ROOT / "data")
    assert dataset is not None
    assert render_site(dataset) == rendered
