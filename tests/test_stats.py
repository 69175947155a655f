"""Statistics and charts: every number drawn equals its table and the numbers re-derived here from the YAML.

The expected figures are computed in this file with plain code over `yaml.safe_load` of data/, not by
calling the generator, so a wrong count in generator/outputs/stats.py cannot hide behind the same wrong count.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitetools import ARTIFACTS, copy_project, visible_text
from webtools import launch_chromium, serve

from generator.outputs.charts import Bar, Series, bar_chart, grid_chart
from generator.site.build import build_site

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
CHI_BO = {"chi-bo-co-so", "chi-bo-truc-thuoc-dang-uy-co-so", "chi-bo-truc-thuoc-dang-bo-bo-phan"}
DANG_BO = {"dang-bo-co-so"}
MODEL_LABEL = {"chi-bo": "Chi bộ", "dang-bo": "Đảng bộ cơ sở"}


# --- the numbers, re-derived from the records ----------------------------------------------------

class Records:
    """The sample data read with yaml.safe_load and counted with plain loops."""

    def __init__(self, data: Path) -> None:
        units = yaml.safe_load((data / "units.yaml").read_text(encoding="utf-8"))["units"]
        self.units = {u["id"]: u for u in units}
        self.order = [u["id"] for u in units]
        rulebook = yaml.safe_load((data / "rulebook.yaml").read_text(encoding="utf-8"))
        self.thresholds = rulebook["thresholds"]
        self.assessments: dict[int, list[dict[str, Any]]] = {}
        for path in sorted((data / "assessments").glob("*.yaml")):
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
            kept = [a for a in content["assessments"] if self.model(a["unit"])]
            self.assessments[content["year"]] = kept
        self.years = sorted(self.assessments)

    def model(self, unit_id: str) -> str | None:
        kind = self.units[unit_id]["type"]
        return "chi-bo" if kind in CHI_BO else "dang-bo" if kind in DANG_BO else None

    def limit(self, key: str, year: int) -> float:
        for t in self.thresholds:
            if t["key"] == key and t["valid_from"] <= year and (t.get("valid_until") is None or year <= t["valid_until"]):
                return float(t["value"])
        raise KeyError(key)

    @staticmethod
    def passed(a: dict[str, Any]) -> bool:
        return all(c["result"] == "dat" for c in a["criteria"])

    def parents(self, unit_id: str) -> list[str]:
        chain, current = [], self.units[unit_id].get("parent")
        while current:
            chain.append(current)
            current = self.units[current].get("parent")
        return chain

    def group(self, unit_id: str) -> str:
        return next(p for p in self.parents(unit_id) if self.units[p]["type"] in ("dang-bo-co-so", "cap-tren-co-so"))

    def label(self, unit_id: str) -> str:
        return str(self.units[unit_id].get("short_name") or self.units[unit_id]["name"])

    def pass_counts(self, year: int, model: str | None = None, group: str | None = None) -> tuple[int, int]:
        rows = [a for a in self.assessments[year]
                if (model is None or self.model(a["unit"]) == model) and (group is None or self.group(a["unit"]) == group)]
        return sum(self.passed(a) for a in rows), len(rows)

    def failures(self, year: int, criterion: int) -> int:
        return sum(a["criteria"][criterion - 1]["result"] != "dat" for a in self.assessments[year])

    def causes(self, year: int) -> Counter[str]:
        counts: Counter[str] = Counter()
        for a in self.assessments[year]:
            ev = a.get("evidence") or {}
            party = self.model(a["unit"]) == "dang-bo"
            found: dict[int, set[str]] = defaultdict(set)
            if ev.get("members") and ev.get("member_ratings"):
                r = ev["member_ratings"]
                if (r["htxsnv"] + r["httnv"]) / ev["members"] < self.limit("min_share_members_good", year):
                    found[1].add("members")
            if party and ev.get("organisations") and ev.get("organisation_ratings"):
                r = ev["organisation_ratings"]
                if (r["htxsnv"] + r["httnv"]) / ev["organisations"] < self.limit("min_share_organisations_good", year):
                    found[1].add("organisations")
            if ev.get("admissions") and ev["admissions"]["admitted"] < ev["admissions"]["target"]:
                found[1].add("admissions")
            meetings = ({"committee_meetings": "committee", "plenary_meetings": "plenary"} if party
                        else {"regular_meetings": "regular", "thematic_meetings": "thematic"})
            for field, key in meetings.items():
                if ev.get(field) is not None and ev[field] < self.limit(f"min_{field}", year):
                    found[2].add(key)
            if not party and ev.get("meeting_quality") not in (None, "tot"):
                found[2].add("quality")
            fields = ["disciplined_members", *(["disciplined_organisations", "disciplined_leaders"] if party else [])]
            if any((ev.get(f) or 0) > self.limit("max_disciplined_members", year) for f in fields):
                found[3].add("discipline")
            for n, c in enumerate(a["criteria"], start=1):
                if c["result"] != "dat":
                    counts.update(found[n] or {f"self-{n}"})
        return counts

    def members(self, year: int, model: str | None) -> tuple[int, int]:
        """(good, members); model None: every member once (a unit is left out when a unit above it reported)."""
        reported = {a["unit"]: a["evidence"] for a in self.assessments[year]
                    if (a.get("evidence") or {}).get("members") and a["evidence"].get("member_ratings")}
        good = total = 0
        for unit, ev in reported.items():
            if model is not None and self.model(unit) != model:
                continue
            if model is None and any(p in reported for p in self.parents(unit)):
                continue
            good += ev["member_ratings"]["htxsnv"] + ev["member_ratings"]["httnv"]
            total += ev["members"]
        return good, total


def cause_key(label: str) -> str:
    """Which re-derived cause a row of the causes chart stands for, from its wording."""
    if match := re.search(r"không có số liệu \(tiêu chí (\d)\)", label):
        return f"self-{match.group(1)}"
    words = {"đảng viên hoàn thành": "members", "tổ chức đảng hoàn thành": "organisations", "Kết nạp": "admissions",
             "thường kỳ": "regular", "chuyên đề": "thematic", "họp thường lệ của đảng ủy": "committee", "kỳ họp đảng bộ": "plenary",
             "Chất lượng": "quality", "kỷ luật": "discipline"}
    return next(key for text, key in words.items() if text in label)


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def shown_share(part: int, whole: int) -> str:
    """`80,4 % (37/46)` with integer arithmetic: tenths of a percent, rounded half up (4/6 is 66,7 %)."""
    tenths = (part * 2000 + whole) // (2 * whole)
    share = thousands(tenths // 10) + (f",{tenths % 10}" if tenths % 10 else "")
    return f"{share} % ({thousands(part)}/{thousands(whole)})"


# --- reading the built HTML ----------------------------------------------------------------------

class Tables(HTMLParser):
    """Every <table> of a page as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def first_table(html: str) -> list[list[str]]:
    parser = Tables()
    parser.feed(html)
    assert parser.tables, "a table follows the chart"
    return parser.tables[0]


def charts(page: Path) -> list[tuple[ET.Element, str, str]]:
    """(parsed <svg>, raw figure HTML, HTML after the figure) for every chart of a page, inline or an <img> of a data: URL."""
    html = page.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r'<figure class="bt-chart"[^>]*>\s*(<svg.*?</svg>|<img [^>]*>)\s*</figure>', html, re.S):
        found.append((ET.fromstring(svg_source(match.group(1))), match.group(0), html[match.end():]))
    return found


def svg_source(element: str) -> str:
    """The SVG text of an inline <svg>, or of the `data:image/svg+xml,` URL of an <img>."""
    if element.startswith("<svg"):
        return element
    src = re.search(r' src="data:image/svg\+xml,([^"]*)"', element)
    assert src, element[:200]
    return urllib.parse.unquote(src.group(1))


def bars(svg: ET.Element) -> list[dict[str, str]]:
    """data-c, data-s, data-v and the printed label of every bar."""
    result = []
    for g in svg.iter(f"{SVG}g"):
        if "data-c" in g.attrib:
            text = g.find(f"{SVG}text")
            assert text is not None and text.text
            result.append({"c": g.attrib["data-c"], "s": g.attrib["data-s"], "v": g.attrib.get("data-v", ""), "label": text.text})
    return result


def parse_label(label: str) -> tuple[int, int] | int:
    """`80,4 % (37/46)` -> (37, 46); `1.234` -> 1234."""
    if match := re.fullmatch(r"[\d.,]+ % \(([\d.]+)/([\d.]+)\)", label):
        return int(match.group(1).replace(".", "")), int(match.group(2).replace(".", ""))
    return int(label.replace(".", ""))


def check_svg(svg: ET.Element, raw: str) -> None:
    """Well-formed (parsed already), labelled for screen readers, nothing run or loaded."""
    assert svg.tag == f"{SVG}svg"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip() and desc is not None and (desc.text or "").strip()
    if "<img " in raw:  # an image: its alt text is the title and the description
        alt = re.search(r' alt="([^"]*)"', raw)
        assert alt and unescape(alt.group(1)) == f"{title.text}. {desc.text}"
        assert svg.get("font-family"), "an image does not inherit the page's font"
    else:
        assert svg.get("role") == "img"
        assert (svg.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")]
    for element in svg.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image", f"{SVG}a")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name.endswith("href"):
                assert value.startswith("#"), value
            if "url(" in value:
                assert re.fullmatch(r"url\(#[\w-]+\)", value), value
    image = re.search(r"<img [^>]*>", raw)
    text = svg_source(image.group(0)) if image else raw
    assert "<script" not in raw.lower() and "<script" not in text.lower()
    assert "http://" not in text.replace('xmlns="http://', "").replace('xmlns:xlink="http://', "")


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("stats"))
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    return project / "site"


@pytest.fixture(scope="module")
def records() -> Records:
    return Records(ROOT / "data")


# --- tests ---------------------------------------------------------------------------------------

def test_stats_page_charts_are_safe_svg_with_their_tables(built: Path) -> None:
    found = charts(built / "thong-ke" / "index.html")
    assert [svg.get("id") for svg, _, _ in found] == ["bt-xu-huong", "bt-cap-tren", "bt-tieu-chi", "bt-nguyen-nhan", "bt-dang-vien"]
    for svg, raw, after in found:
        check_svg(svg, raw)
        table = first_table(after.split("<figure", 1)[0])
        header, rows = table[0], {row[0]: row for row in table[1:]}
        drawn = bars(svg)
        assert drawn
        for bar in drawn:
            assert bar["label"] == rows[bar["c"]][header.index(bar["s"])], (svg.get("id"), bar)
            value = parse_label(bar["label"])
            if isinstance(value, tuple):
                assert float(bar["v"]) == pytest.approx(value[0] / value[1], abs=1e-4)
            else:
                assert float(bar["v"]) == value


def test_stats_numbers_equal_the_records(built: Path, records: Records) -> None:
    drawn = {svg.get("id"): bars(svg) for svg, _, _ in charts(built / "thong-ke" / "index.html")}
    years = [str(y) for y in records.years]

    trend = {(b["c"], b["s"]): b["label"] for b in drawn["bt-xu-huong"]}
    expected = {}
    for y in records.years:
        expected[(str(y), "Tổng")] = shown_share(*records.pass_counts(y))
        for model, name in MODEL_LABEL.items():
            expected[(str(y), name)] = shown_share(*records.pass_counts(y, model))
    assert trend == expected

    groups = {records.group(a["unit"]) for y in records.years for a in records.assessments[y]}
    by_parent = {(b["c"], b["s"]): b["label"] for b in drawn["bt-cap-tren"]}
    assert by_parent == {(records.label(g), year): shown_share(*records.pass_counts(int(year), group=g))
                         for g in groups for year in years[-3:]}

    criteria = {(b["c"][:10], b["s"]): int(b["v"]) for b in drawn["bt-tieu-chi"]}
    assert criteria == {(f"Tiêu chí {n}", year): records.failures(int(year), n) for n in range(1, 5) for year in years[-3:]}

    causes = {(cause_key(b["c"]), b["s"]): int(b["v"]) for b in drawn["bt-nguyen-nhan"]}
    counted = {y: records.causes(y) for y in records.years}
    occurring = {key for y in records.years for key in counted[y]}
    assert causes == {(key, year): counted[int(year)][key] for key in occurring for year in years[-3:]}
    assert {"members", "organisations", "admissions", "regular", "thematic", "committee", "quality", "discipline"} <= occurring
    totals = [sum(counted[y][cause_key(b["c"])] for y in records.years) for b in drawn["bt-nguyen-nhan"][::len(years[-3:])]]
    assert totals == sorted(totals, reverse=True), "most frequent cause first"

    members = {(b["c"], b["s"]): b["label"] for b in drawn["bt-dang-vien"]}
    assert members == {
        (str(y), name): shown_share(*records.members(y, model))
        for y in records.years for model, name in [("chi-bo", "Chi bộ"), ("dang-bo", "Đảng bộ cơ sở"), (None, "Toàn đảng bộ")]
    }


def test_parent_download_holds_every_parent_as_the_records_count(built: Path, records: Records) -> None:
    folder = built / "du-lieu" / "thong-ke"
    document = json.loads((folder / "don-vi-cap-tren.json").read_text(encoding="utf-8"))
    groups = {records.group(a["unit"]) for y in records.years for a in records.assessments[y]}
    assert {p["unit"] for p in document["parents"]} == groups
    for parent in document["parents"]:
        for year in records.years:
            passed, assessed = records.pass_counts(year, group=parent["unit"])
            assert parent["years"].get(str(year)) == ({"assessed": assessed, "passed": passed} if assessed else None)
    raw = (folder / "don-vi-cap-tren.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [p["unit"] for p in document["parents"]]
    assert rows[1][2:4] == [str(document["parents"][0]["years"][str(records.years[0])][k]) for k in ("assessed", "passed")]
    page = visible_text(built / "thong-ke" / "index.html")
    assert "Tải bảng này: CSV (" in page


def test_year_pages_chart_their_counts_table(built: Path, records: Records) -> None:
    for y in records.years:
        (svg, raw, _), = charts(built / "nam" / str(y) / "index.html")
        check_svg(svg, raw)
        html = (built / "nam" / str(y) / "index.html").read_text(encoding="utf-8")
        table = first_table("<table" + html.split('<figure class="bt-chart"', 1)[0].rsplit("<table", 1)[-1])
        rows = {row[0]: row for row in table[1:]}
        for bar in bars(svg):
            passed, assessed = parse_label(bar["label"])  # type: ignore[misc]
            row = rows[bar["c"]]
            assert (row[1], row[2]) == (str(assessed), str(passed))
            assert bar["label"].startswith(row[3] + " ")
            model = {"Tổng": None, "Chi bộ bốn tốt": "chi-bo", "Đảng bộ cơ sở bốn tốt": "dang-bo"}[bar["c"]]
            assert bar["label"] == shown_share(*records.pass_counts(y, model))


def test_year_search_entry_is_one_line_of_its_counts(built: Path, records: Records) -> None:
    """A year page is found by its counts, one line computed from the records, not by a row per unit (which a
    search for a unit's name would otherwise also find on every year page)."""
    docs = {d["location"]: d for d in json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    for y in records.years:
        entries = [loc for loc in docs if loc.startswith(f"nam/{y}/")]
        assert entries == [f"nam/{y}/"], entries
        passed, assessed = records.pass_counts(y)
        share = shown_share(passed, assessed).split(" (")[0]
        parts = [f"Kết quả đánh giá “bốn tốt” năm {y}: {passed}/{assessed} đơn vị đạt ({share})"]
        for name, model in (("Chi bộ bốn tốt", "chi-bo"), ("Đảng bộ cơ sở bốn tốt", "dang-bo")):
            passed, assessed = records.pass_counts(y, model)
            parts.append(f"{name}: {passed}/{assessed} đạt ({shown_share(passed, assessed).split(' (')[0]})")
        assert docs[f"nam/{y}/"]["text"] == " ".join(f"{part}." for part in parts)


def test_year_without_assessments_says_so_in_its_search_entry(tmp_path: Path) -> None:
    """A year with a commendation but no assessment has a page (its decisions); its search line says so."""
    import shutil

    from generator.pages import years
    from generator.pages.facts import SiteFacts
    from generator.pages.render import render
    from generator.records.dataset import load

    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    decision = data / "decisions" / "giay-khen-2025-quang-ninh.yaml"
    decision.write_text(decision.read_text(encoding="utf-8").replace("\nyear: 2025\n", "\nyear: 2023\n"), encoding="utf-8")
    ds, problems = load(data)
    assert ds is not None and 2023 in ds.years, problems
    page = years.page(SiteFacts(ds), 2023)
    assert page.context["search_text"] == "Năm 2023 chưa có kết quả đánh giá “bốn tốt”."
    markdown = render(page.template, page.context)
    assert 'description: "Năm 2023 chưa có kết quả đánh giá “bốn tốt”."\n' in markdown
    # a sentence, not a table of zeros and an empty section of units; the year's decisions are still listed
    assert "\nNăm 2023 chưa có đơn vị nào tự đánh giá “bốn tốt”" in markdown and "58-QĐ/ĐU" in markdown
    assert "| Mô hình |" not in markdown and "Kết quả theo đơn vị" not in markdown
    assert years.page(SiteFacts(ds), 2024).context["search_text"].startswith("Kết quả đánh giá “bốn tốt” năm 2024: ")


def test_unit_pages_chart_their_history(built: Path, records: Records) -> None:
    checked = 0
    for unit_id in records.order:
        page = built / "don-vi" / unit_id / "index.html"
        history = {y: a for y in records.years for a in records.assessments[y] if a["unit"] == unit_id}
        found = charts(page)
        if not history:
            assert not found
            continue
        (svg, raw, _), = found
        check_svg(svg, raw)
        image = re.search(r"<img [^>]*>", raw)
        assert image, "unit pages carry their chart as an image (MkDocs parses inline SVG tag by tag)"
        assert len(svg_source(image.group(0)).encode("utf-8")) < 3000, "a unit page chart stays small"
        columns = [t.text for t in svg.findall(f"{SVG}text") if t.get("y") == "14"]
        assert columns == [str(y) for y in history]
        cells = [u.get(XLINK, "").endswith("-y") for u in svg.iter(f"{SVG}use")]
        expected = [history[y]["criteria"][n]["result"] == "dat" for n in range(4) for y in history]
        expected += [records.passed(history[y]) for y in history]
        assert cells == expected
        html = page.read_text(encoding="utf-8")
        table = first_table("<table" + html.split('<figure class="bt-chart"', 1)[0].rsplit("<table", 1)[-1])
        shown = [[cell == "Đạt" for cell in row[1:6]] for row in table[1:]]
        assert [cell for n in range(5) for cell in (row[n] for row in shown)] == cells
        checked += 1
    assert checked > 40


def test_record_text_in_a_chart_is_escaped() -> None:
    name = 'Chi bộ <script>alert("x")</script> & Co'
    chart = bar_chart("t", name, name, [name], [Series(name, (Bar(0.5, "50 %"),))], percent_axis=True)
    svg = ET.fromstring(chart.split("\n", 1)[1].rsplit("\n", 1)[0])
    check_svg(svg, chart)
    assert "<script>" not in chart and svg.find(f"{SVG}title").text == name  # type: ignore[union-attr]
    grid = grid_chart("g", name, name, ["Tiêu chí 1"], ["2024"], [[True]])
    assert "<script>" not in grid
    ET.fromstring(grid.split("\n", 1)[1].rsplit("\n", 1)[0])
    image = grid_chart("g", name, name, ["Tiêu chí 1"], ["2024"], [[True]], image=True)
    assert "<script>" not in image and image.count("<img ") == 1
    assert image.split("\n")[1].count('"') == 10, "the img's five attributes, and nothing broke out of them"
    svg = ET.fromstring(svg_source(image.split("\n")[1]))
    check_svg(svg, image)
    assert svg.find(f"{SVG}title").text == name  # type: ignore[union-attr]


def test_screenshot_of_stats_page(built: Path) -> None:
    """Saves test-artifacts/screenshots/thong-ke.png (desktop width, whole page) for a person to look at."""
    out = ARTIFACTS / "screenshots" / "thong-ke.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    with launch_chromium() as browser, serve(built) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 2000})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{base}thong-ke/")
        assert page.locator("figure.bt-chart svg[role=img]").count() == 5
        box = page.locator("#bt-xu-huong").bounding_box()
        assert box is not None and box["width"] > 500, "the chart is drawn at a readable size"
        page.screenshot(path=str(out), full_page=True)
    assert not [u for u in requests if not u.startswith("http://127.0.0.1:")], "nothing loaded from outside the site"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
