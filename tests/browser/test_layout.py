"""Every page kind at 390 px (a phone) and 1280 px (a desktop), on the sample site and on a 200-unit demo site.

Read from the rendered layout (tests/browser/layoutkit.py), not from the HTML:
- nothing is wider than the screen unless it sits in a scroll box that shows it scrolls;
- no text is drawn under 12 px (charts included, at the size they are drawn);
- no document symbol, date or size is split across two lines;
- on a decision page at 768 px and wider, the issuer block and the “ĐẢNG CỘNG SẢN VIỆT NAM” block sit side by side.

A full-page screenshot of each page kind at each width goes to test-artifacts/screenshots/layout/, and the
counts per page kind to test-artifacts/layout/<site>-<width>.txt, for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import SCREENSHOTS, new_context
from layoutkit import measure, open_page
from sitetools import ARTIFACTS, copy_project
from webtools import pages_of_each_kind, serve

from generator.cli import main
from generator.site.build import build_site

WIDTHS = (390, 1280)
SHOTS = SCREENSHOTS / "layout"
REPORTS = ARTIFACTS / "layout"
MAX_SHOT_HEIGHT = 6000  # px: a 200-unit year page is far longer; its top is what a person looks at


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`bontot demo --units 200 --years 3`, built by the real pipeline in a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("demo") / "project")
    data = project / "demo-data"
    assert main(["demo", "--units", "200", "--years", "3", "--out", str(data)]) == 0
    build_site(data, project / "site", project / "mkdocs.yml")
    return project / "site"


@pytest.fixture(scope="module")
def sites(site_dir: Path, demo_site: Path) -> Iterator[dict[str, str]]:
    """Site name -> base URL of the sample and the demo site, each served on 127.0.0.1."""
    with serve(site_dir) as sample, serve(demo_site) as demo:
        yield {"sample": sample, "demo": demo}


def _slug(kind: str) -> str:
    return kind.strip("/").replace("/<id>", "-id").replace("/", "-").replace(".", "-") or "home"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site", ["sample", "demo"])
def test_every_page_kind_fits_and_reads(browser: Any, sites: dict[str, str], site_dir: Path, demo_site: Path,
                                        site: str, width: int) -> None:
    folder = site_dir if site == "sample" else demo_site
    kinds = pages_of_each_kind(folder)
    assert {"/", "don-vi/<id>/", "khen-thuong/<id>/", "nam/<id>/", "thong-ke/", "du-lieu/"} <= set(kinds)
    SHOTS.mkdir(parents=True, exist_ok=True)
    REPORTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser, width)
    found: dict[str, dict[str, Any]] = {}
    try:
        for kind, path in kinds.items():
            page = open_page(context, sites[site] + path)
            found[kind] = measure(page)
            height = min(MAX_SHOT_HEIGHT, int(page.evaluate("document.documentElement.scrollHeight")))
            shot = SHOTS / f"{site}-{_slug(kind)}-{width}.png"
            page.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
            assert shot.stat().st_size > 5_000
            page.close()
    finally:
        context.close()
    lines = [f"{'page kind':24} overflow small broken"]
    lines += [f"{kind:24} {len(m['overflow']):8} {len(m['small']):5} {len(m['broken']):6}" for kind, m in found.items()]
    details = [f"{kind}: {what}: {item}" for kind, m in found.items() for what in ("overflow", "small", "broken") for item in m[what]]
    (REPORTS / f"{site}-{width}.txt").write_text("\n".join([*lines, "", *details]) + "\n", encoding="utf-8")
    unseen = {kind: m["charts"] for kind, m in found.items() if m["charts"]["drawn"] != m["charts"]["expected"]}
    assert not unseen, f"charts not drawn (or drawn twice) at {width} px: {unseen}"
    assert found["thong-ke/"]["charts"]["drawn"] >= 4, found["thong-ke/"]["charts"]
    assert not details, f"{site} site at {width} px:\n" + "\n".join(lines) + "\n" + "\n".join(details[:40])
    header = found["khen-thuong/<id>/"]["header"]
    assert header, "the decision page has no official header"
    if width >= 768:
        # Side by side: the issuer block ends left of the party block, and the two share their top line.
        assert header["issuerRight"] <= header["partyLeft"], header
        assert abs(header["issuerTop"] - header["partyTop"]) < 4, header
