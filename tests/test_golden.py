"""Golden Markdown: a few generated pages of each kind, compared byte for byte.

After an intended change to a template or the page plan, regenerate with `make golden`
(`BONTOT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`) and review the diff before committing.

A chart is an SVG inlined as one long percent-encoded `data:` URL; in the golden page it is replaced by a
placeholder, and the SVG is kept beside it, decoded, one element per line (`<page>.chart-N.svg`), so that a
diff shows which bar or label changed.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from sitetools import update_mode

from generator.pages.generate import render_site
from generator.rules.check import check

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
DATA_URL = re.compile(r"data:image/svg\+xml,([^\"')\s]+)")
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


def split_charts(page: str, markdown: str) -> tuple[str, dict[str, str]]:
    """The page with each chart's data URL replaced by a placeholder, and the charts by golden file name."""
    charts: dict[str, str] = {}

    def keep(match: re.Match[str]) -> str:
        name = f"{page.replace('/', '__')}.chart-{len(charts) + 1}.svg"
        charts[name] = re.sub(r">\s*<", ">\n<", unquote(match.group(1))) + "\n"
        return f"data:image/svg+xml,(see {name})"

    return DATA_URL.sub(keep, markdown), charts


def test_chart_placeholders_keep_every_chart() -> None:
    markdown = '<img src="data:image/svg+xml,%3Csvg%3E%3Crect%20x=%221%22/%3E%3C/svg%3E" alt="a">'
    text, charts = split_charts("don-vi/x.md", markdown)
    assert text == '<img src="data:image/svg+xml,(see don-vi__x.md.chart-1.svg)" alt="a">'
    assert charts == {"don-vi__x.md.chart-1.svg": '<svg>\n<rect x="1"/>\n</svg>\n'}


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(rendered: dict[str, bytes], page: str) -> None:
    golden = GOLDEN / page.replace("/", "__")
    actual, charts = split_charts(page, rendered[page].decode("utf-8"))
    assert "data:image/svg+xml,%3C" not in actual
    if update_mode("BONTOT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob(f"{golden.name}.chart-*.svg"):
            old.unlink()
        golden.write_text(actual, encoding="utf-8")
        for name, svg in charts.items():
            (GOLDEN / name).write_text(svg, encoding="utf-8")
    assert golden.exists(), f"no golden file for {page}; run `make golden`"
    assert actual == golden.read_text(encoding="utf-8"), f"{page} differs from {golden}; see module docstring"
    assert sorted(charts) == sorted(p.name for p in GOLDEN.glob(f"{golden.name}.chart-*.svg")), "charts differ; run `make golden`"
    for name, svg in charts.items():
        assert svg == (GOLDEN / name).read_text(encoding="utf-8"), f"chart {name} of {page} differs; see module docstring"


def test_rendering_is_deterministic(rendered: dict[str, bytes]) -> None:
    dataset, _ = check(ROOT / "data")
    assert dataset is not None
    assert render_site(dataset) == rendered
