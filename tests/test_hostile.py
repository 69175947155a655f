"""Hostile input, end to end: huge files and lines, record text that must stay text on every page, in the search
index, the downloads and the feed; builds that fail at any phase leave site/ as it was; nothing of the user's lost.

The small bad inputs live as data under tests/cases/; this file holds what a case folder cannot: inputs made at
run time (a 50 MB file, a 1 MB line), whole-site builds, and forced failures while building.

`build_hostile_project` is also used by tests/test_xss_browser.py, which opens the same pages in Chromium.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from sitetools import GENERATED, ROOT, copy_project, tree_hash, visible_text

import generator.pages.render as render_module
import generator.pages.writer as writer_module
from generator.cli import main
from generator.site.build import build_site

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"

# --- the hostile strings ---------------------------------------------------------------------------------------

# One line of everything that could turn into markup: HTML, a script URL, Jinja, Markdown inline syntax, an HTML
# comment, an attr_list block (`{: onclick=... }`), an entity that must not be decoded. Names hold at most 300.
NAME = (
    '<script>alert(1)</script> <img src=x onerror=window.__xss=1> [bấm](javascript:alert(1)) javascript:alert(1) '
    '{{ 7*7 }} {% raw %} | * _ [ ] ( ) # > ! &amp; "quotes" `code` <!-- c --> {: onclick="window.__xss=1" }'
)
# Notes, titles, achievements: the same, then lines that would start a Markdown block.
TEXT = NAME + (
    "\n    four spaces, a code block if it were Markdown\n---\n# not a heading\n> not a quote\n- not a list\n1. not a list"
    "\n!!! note\n: not a definition\n<img src=x onerror=alert(1)>"
)
# The baseline build has ordinary text of the same shape (one line, ten lines), so every page must have exactly
# the same elements in both builds: any extra element in the hostile build came from record text.
PLAIN_NAME = "Tên thường"
PLAIN_TEXT = "\n".join(f"Dòng {n}" for n in range(1, 11))
assert TEXT.count("\n") == PLAIN_TEXT.count("\n")

NFD_NAME = unicodedata.normalize("NFD", "Chi bộ Phân xưởng Vận hành 1 gõ dạng tổ hợp")
RTL_NAME = "Chi bộ العربية עברית"
ZALGO_NAME = "Chi bộ Z" + "\u0301\u0323" * 100
# Spreadsheet formulas typed into text fields (a phone number such as "+84 912 …" in a position is refused by BT21).
FORMULAS = {"name": '=HYPERLINK("http://example.com","bấm")', "position": "+1+1 Phó bí thư", "achievement": "-1+1"}
AT_FORMULA = "@SUM(1+1)"


def flat(text: str) -> str:
    """Text as a reader sees it in a page: line breaks and runs of spaces are one space."""
    return " ".join(text.split())


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")


def build_hostile_project(dest: Path, hostile: bool = True) -> Path:
    """A copy of the sample project whose records carry NAME and TEXT in every kind of text field (or, with
    hostile=False, ordinary text of the same shape). Returns the project folder; the site is not built."""
    name, text = (NAME, TEXT) if hostile else (PLAIN_NAME, PLAIN_TEXT)
    project = copy_project(dest)
    data = project / "data"

    def site(s: dict[str, Any]) -> None:
        s["title"] = f"Trang {name}"
        s["intro"] = [text, f"Đoạn hai {text}"]

    def units(u: dict[str, Any]) -> None:
        for unit in u["units"]:
            if unit["id"] == "db-nhiet-dien-cao-ngan":
                unit.update(name=f"Đảng bộ {name}", short_name=f"Ngắn {name}", note=f"Ghi chú {text}")
            elif unit["id"] == "cb-cao-ngan-sua-chua":
                unit.update(name=f"Chi bộ {name}", founded=2000, former_ids=["cb-cao-ngan-sua-chua-cu"],
                            former_names=[{"name": f"Tên cũ {name}", "until": 2015}])
            elif unit["id"] == "cb-cao-ngan-van-hanh-1":
                unit["name"] = NFD_NAME if hostile else "Chi bộ Một"
            elif unit["id"] == "cb-cao-ngan-van-hanh-2":
                unit["name"] = RTL_NAME if hostile else "Chi bộ Hai"
            elif unit["id"] == "cb-cao-ngan-nhien-lieu":
                unit["name"] = ZALGO_NAME if hostile else "Chi bộ Ba"

    def documents(d: dict[str, Any]) -> None:
        for doc in d["documents"]:
            if doc["id"] in ("58-qd-du-quang-ninh-2026", "215-qd-du-cao-ngan-2025"):
                doc.update(number=f"QĐ {name}", title=f"Trích yếu {text}", note=f"Ghi chú văn bản {text}",
                           issuer=f"Cơ quan {name}", place=f"Nơi {name}")

    def assessments(a: dict[str, Any]) -> None:
        for entry in a["assessments"]:
            if entry["unit"] == "cb-cao-ngan-sua-chua":
                entry["criteria"][0]["note"] = f"Nhận xét {text}"
                entry["note"] = f"Ghi chú đánh giá {text}"

    def commendation(g: dict[str, Any]) -> None:
        g["note"] = f"Ghi chú quyết định {text}"
        first, second, third = g["individuals"][:3]
        first.update(name=f"Người {name}", position=f"Chức vụ {name}", achievement=f"Thành tích {text}")
        if hostile:
            second.update(FORMULAS)
            third["achievement"] = AT_FORMULA

    def recognition(g: dict[str, Any]) -> None:
        g["note"] = f"Ghi chú công nhận {text}"
        g["collectives"][0]["achievement"] = f"Thành tích tập thể {text}"

    _edit(data / "site.yaml", site)
    _edit(data / "units.yaml", units)
    _edit(data / "documents.yaml", documents)
    _edit(data / "assessments" / "2024.yaml", assessments)
    _edit(data / "decisions" / "giay-khen-2025-quang-ninh.yaml", commendation)
    _edit(data / "decisions" / "cong-nhan-2024-cao-ngan.yaml", recognition)
    return project


# Every page kind, with the record text it must show (as the reader sees it: whitespace collapsed).
PAGES: dict[str, tuple[str, list[str]]] = {
    "home": ("index.html", [f"Trang {NAME}", flat(TEXT), flat(f"Đoạn hai {TEXT}")]),
    "unit": ("don-vi/cb-cao-ngan-sua-chua/index.html",
             [f"Chi bộ {NAME}", f"Tên cũ {NAME}", f"Đảng bộ {NAME}", flat(f"Nhận xét {TEXT}")]),
    "unit-parent": ("don-vi/db-nhiet-dien-cao-ngan/index.html", [f"Đảng bộ {NAME}", flat(f"Ghi chú {TEXT}"), f"Chi bộ {NAME}"]),
    "unit-tree": ("don-vi/index.html", [f"Đảng bộ {NAME}", f"Chi bộ {NAME}"]),
    "year": ("nam/2024/index.html", [f"Chi bộ {NAME}", f"Đảng bộ {NAME}"]),
    "decisions-index": ("khen-thuong/index.html", [f"Đảng ủy {NAME}", f"QĐ {NAME}"]),
    "decision": ("khen-thuong/cong-nhan-2024-cao-ngan/index.html",
                 [f"Trích yếu {flat(TEXT)}", flat(f"Ghi chú công nhận {TEXT}"), flat(f"Thành tích tập thể {TEXT}"),
                  f"Đảng bộ {NAME}", f"ĐẢNG ỦY {NAME.upper()}"]),
    "decision-people": ("khen-thuong/giay-khen-2025-quang-ninh/index.html",
                        [f"Người {NAME}", f"Chức vụ {NAME}", flat(f"Thành tích {TEXT}"), flat(f"Ghi chú quyết định {TEXT}"),
                         *FORMULAS.values(), AT_FORMULA]),
    "documents-index": ("van-ban/index.html", [f"QĐ {NAME}", f"Cơ quan {NAME}", flat(f"Trích yếu {TEXT}")]),
    "document": ("van-ban/58-qd-du-quang-ninh-2026/index.html",
                 [f"QĐ {NAME}", f"Cơ quan {NAME}", f"Nơi {NAME}", flat(f"Trích yếu {TEXT}"), flat(f"Ghi chú văn bản {TEXT}")]),
    "stats": ("thong-ke/index.html", [f"Ngắn {NAME}"]),
    "data": ("du-lieu/index.html", [f"QĐ {NAME}"]),
    "odd-names": ("don-vi/db-nhiet-dien-cao-ngan/index.html", [unicodedata.normalize("NFC", n) for n in (NFD_NAME, RTL_NAME, ZALGO_NAME)]),
}

# Elements whose number on a page must not depend on the text of the records.
STRUCTURE = {
    "a", "abbr", "audio", "base", "blockquote", "br", "button", "code", "dd", "del", "details", "div", "dl", "dt", "em", "embed",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "iframe", "img", "input", "li", "link", "meta", "object", "ol", "p", "pre",
    "script", "span", "strong", "style", "sup", "svg", "table", "td", "th", "tr", "ul", "video",
}


class _Scan(HTMLParser):
    """Counts elements and collects anything that could run: event handlers, script URLs, scripts from the data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.bad: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self._tag = tag
        for key, value in attrs:
            if key.startswith("on"):
                self.bad.append(f"<{tag} {key}={value!r}>")
            url = re.sub(r"\s", "", value or "").lower()
            if key in ("href", "src", "action", "formaction", "xlink:href") and url.startswith(("javascript:", "data:text", "vbscript:")):
                self.bad.append(f"<{tag} {key}={value!r}>")
            if tag == "img" and key == "src" and value == "x":
                self.bad.append(f"<img src={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._tag == "script" and ("alert(" in data or "__xss" in data):
            self.bad.append(f"<script>{data[:60]}")

    def handle_comment(self, data: str) -> None:
        self.tags["<!---->"] += 1


def scan(path: Path) -> _Scan:
    parser = _Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(hostile site, baseline site), both built by the real pipeline."""
    root = tmp_path_factory.mktemp("hostile")
    built = []
    for hostile in (True, False):
        project = build_hostile_project(root / ("hostile" if hostile else "plain"), hostile)
        build_site(project / "data", project / "site", project / "mkdocs.yml")
        built.append(project / "site")
    return built[0], built[1]


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_kind_shows_record_text_as_typed(sites: tuple[Path, Path], kind: str) -> None:
    site, _ = sites
    path, expected = PAGES[kind]
    text = visible_text(site / path)
    missing = [s for s in expected if s not in text]
    assert not missing, f"{path}: not shown literally: {missing}"


def test_no_element_or_handler_comes_from_record_text(sites: tuple[Path, Path]) -> None:
    site, plain = sites
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    bad, differ = [], []
    for rel in pages:
        hostile, baseline = scan(site / rel), scan(plain / rel)
        bad += [f"{rel}: {b}" for b in hostile.bad]
        counts = {t: (baseline.tags[t], hostile.tags[t]) for t in STRUCTURE | {"<!---->"} if baseline.tags[t] != hostile.tags[t]}
        if counts:
            differ.append(f"{rel}: {counts}")
    assert not bad, bad[:10]
    assert not differ, differ[:10]


def test_title_and_description_decode_to_the_text(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    page = (site / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert title and description
    assert html.unescape(title.group(1)).startswith(f"Chi bộ {NAME} - ")
    assert html.unescape(description.group(1)).startswith(f"Chi bộ {NAME} (Đảng bộ {NAME}): ")


def test_search_index_holds_text_never_markup(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    raw = [s for doc in index["docs"] for s in strings(doc) if re.search(r"<\s*(script|img|iframe|svg)|<!--", s, re.I)]
    assert not raw, raw[:3]

    def shown(fragment: str) -> str:
        """What the search result list shows: the fragment is HTML."""
        parser = _Text()
        parser.feed(fragment)
        return flat(" ".join(parser.parts))

    unit = [d for d in index["docs"] if d["location"].startswith("don-vi/cb-cao-ngan-sua-chua/")]
    assert unit and shown(unit[0]["title"]) == f"Chi bộ {NAME}"
    # A unit page's one line names its parent and former names (issue 7); here both carry the hostile text.
    assert [shown(d["text"]) for d in unit] and all(f"Chi bộ trực thuộc Đảng bộ {NAME}." in shown(d["text"]) for d in unit)
    assert f"Tên cũ: Tên cũ {NAME}." in shown(unit[0]["text"])
    people = [d for d in index["docs"] if d["location"].startswith("khen-thuong/giay-khen-2025-quang-ninh/")]
    assert any(f"Người {NAME}" in shown(d.get("names", "")) for d in people)  # a decision's people: field `names`


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_downloads_hold_the_same_strings_and_neutralise_formulas(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    stem = site / "du-lieu" / "khen-thuong" / "giay-khen-2025-quang-ninh"
    raw_csv = stem.with_suffix(".csv").read_bytes()
    assert raw_csv.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"), newline="")))
    cells = {cell for row in rows for cell in row}
    assert {f"Người {NAME}", f"Chức vụ {NAME}", f"Thành tích {TEXT}"} <= cells
    # A spreadsheet must never see a formula: = + - @ at the start get a leading apostrophe in the CSV.
    assert {"'" + v for v in FORMULAS.values()} | {"'" + AT_FORMULA} <= cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]

    document = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    people = {p["name"]: p for p in document["individuals"]}
    assert people[f"Người {NAME}"]["achievement"] == f"Thành tích {TEXT}"
    assert people[FORMULAS["name"]]["position"] == FORMULAS["position"]  # JSON keeps data as data
    assert document["title"] == f"Trích yếu {TEXT}" and document["number"] == f"QĐ {NAME}"

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    xlsx = stem.with_suffix(".xlsx").read_bytes()
    values = {c.value for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row}
    assert {f"Người {NAME}", f"Thành tích {TEXT}", *FORMULAS.values(), AT_FORMULA} <= values
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheets = [book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not [s for s in sheets if "<f>" in s or "<f " in s], "a cell became a formula"

    index = json.loads((site / "du-lieu" / "bontot.json").read_text(encoding="utf-8"))
    assert index["site"] == f"Trang {NAME}"
    assert f"Chi bộ {NAME}" in {u["name"] for u in index["units"]}


def test_year_download_keeps_the_unit_name_and_note(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    rows = list(csv.reader(io.StringIO((site / "du-lieu" / "nam" / "2024.csv").read_text(encoding="utf-8-sig"), newline="")))
    row = next(r for r in rows if r[0] == "cb-cao-ngan-sua-chua")
    assert row[1] == f"Chi bộ {NAME}"
    assert f"Nhận xét {TEXT}" in row[-1]


def test_feed_is_escaped_xml(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    raw = (site / "khen-thuong" / "feed.xml").read_bytes()
    assert b"<script" not in raw and b"<img" not in raw
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(raw)
    titles = [e.findtext(f"{atom}title") or "" for e in root.iter(f"{atom}entry")]
    assert any(t.endswith(f" số QĐ {NAME}: Trích yếu {TEXT}") for t in titles), titles
    assert all(e.get("type") in (None, "text") for e in root.iter(f"{atom}title"))  # shown as text by feed readers
    assert root.findtext(f"{atom}title", "").endswith(f"Trang {NAME}")


def test_redirect_from_a_former_id_escapes_the_name(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    page = site / "don-vi" / "cb-cao-ngan-sua-chua-cu" / "index.html"
    assert f"Chi bộ {NAME}" in visible_text(page)
    assert not scan(page).bad
    assert scan(page).tags["script"] == 1 and scan(page).tags["img"] == 0


def test_nfd_name_is_published_composed(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    page = (site / "don-vi" / "cb-cao-ngan-van-hanh-1" / "index.html").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", NFD_NAME) in html.unescape(page)
    assert NFD_NAME not in html.unescape(page)


# --- size, depth, length: quick refusals, bounded time and memory ----------------------------------------------------

_MEASURE = """
import json, resource, sys, time
from generator.cli import main
start = time.process_time()
code = main(["check", "--data", sys.argv[1]])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
try:  # ru_maxrss keeps the parent's peak across fork and exec on Linux; the kernel's own high-water mark does not
    status = open("/proc/self/status", encoding="ascii").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
except (OSError, IndexError, ValueError):
    pass
print(json.dumps({"code": code, "cpu": time.process_time() - start, "peak_mb": peak}), file=sys.stderr)
sys.exit(code)
"""


# Limits that catch a runaway (a quadratic loop over 30,000 items takes minutes), not speed: these checks take
# well under a second of CPU, and a loaded machine or coverage must not fail them. Speed is `make bench`'s.
CPU_LIMIT = 30
HANG_LIMIT = 120


def _measured_check(data: Path, timeout: float = 60) -> tuple[int, list[str], str, float, int]:
    """`bontot check` in a fresh process: exit code, problem lines, stderr, CPU seconds, peak memory in MB."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(data)], capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, check=False, cwd=ROOT)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    assert stats["code"] == proc.returncode
    return proc.returncode, proc.stdout.splitlines(), proc.stderr, stats["cpu"], stats["peak_mb"]


def _minimal(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    return data


def test_a_50_mb_file_is_refused_quickly_in_little_memory(tmp_path: Path) -> None:
    data = _minimal(tmp_path)
    entry = b"  - name: Nguy\xe1\xbb\x85n V\xc4\x83n An\n    unit: cb-co-quan\n    achievement: Ho\xc3\xa0n th\xc3\xa0nh t\xe1\xbb\x91t.\n"
    big = data / "decisions" / "lon.yaml"
    with big.open("wb") as out:
        out.write(b"id: lon\ndocument: 38-qd-du-tct-2025\nissuer: dang-uy-tct\nissuer_body: ban-thuong-vu\nkind: giay-khen\n"
                  b"occasion: hang-nam\nyear: 2024\nindividuals:\n")
        chunk = entry * 10_000
        while out.tell() < 50 * 1024 * 1024:
            out.write(chunk)
    code, lines, _, cpu, peak = _measured_check(data)
    assert code == 1
    assert len(lines) == 1 and re.match(r".*decisions/lon\.yaml:1:1: error: Tệp quá lớn \(50 MB, tối đa \d+ MB\).* \[YAML\]$", lines[0])
    assert cpu < CPU_LIMIT and peak < 500, (cpu, peak)


def test_a_file_just_under_the_size_limit_stays_bounded(tmp_path: Path) -> None:
    """30 MB of comment lines around one valid record: read, not refused, in bounded time and memory."""
    data = _minimal(tmp_path)
    target = data / "decisions" / "cong-nhan-2024-dang-uy-tct.yaml"
    line = ("# " + "chú thích dài " * 60 + "\n").encode()
    target.write_bytes(line * (30 * 1024 * 1024 // len(line)) + target.read_bytes())
    assert 29 * 1024 * 1024 < target.stat().st_size < 31 * 1024 * 1024
    code, lines, _, cpu, peak = _measured_check(data)
    assert code == 0 and lines == []
    assert cpu < CPU_LIMIT and peak < 500, (cpu, peak)


def test_a_1_mb_name_on_one_line_is_refused_with_its_position(tmp_path: Path) -> None:
    data = _minimal(tmp_path)
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("    name: Chi bộ Phân xưởng Vận hành\n", "    name: " + "Ă" * 1_000_000 + "\n"),
                     encoding="utf-8")
    code, lines, _, cpu, peak = _measured_check(data)
    assert code == 1
    assert lines == [f"{data}/units.yaml:20:11: error: Chuỗi quá dài (tối đa 300 ký tự) [SCHEMA]"]
    assert cpu < CPU_LIMIT and peak < 300, (cpu, peak)


def test_a_1_mb_comment_line_and_a_long_quoted_note_are_read_quickly(tmp_path: Path) -> None:
    data = _minimal(tmp_path)
    units = data / "units.yaml"
    note = "Ghi chú rất dài, " * 230  # under the 4,000-character limit of a note, on one line, in quotes
    units.write_text("# " + "x" * 1_000_000 + "\n" + units.read_text(encoding="utf-8").replace(
        "    founded: 2008\n", f'    founded: 2008\n    note: "{note.strip()}"\n'), encoding="utf-8")
    code, lines, _, cpu, _ = _measured_check(data)
    assert (code, lines) == (0, [])
    assert cpu < CPU_LIMIT


# --- misbehaviour found by these tests, now fixed ---


def _many(tmp_path: Path, body: str) -> Path:
    data = _minimal(tmp_path)
    (data / "decisions" / "nhieu.yaml").write_text(body, encoding="utf-8")
    return data


@pytest.mark.parametrize("body", [
    "".join(f"k{i}: v\n" for i in range(30_000)),
    "id: x\nindividuals: [" + ",".join(["1"] * 30_000) + "]\n",
], ids=["30000-unknown-keys", "30000-wrong-items"])
def test_thousands_of_errors_in_one_file_are_reported_quickly(tmp_path: Path, body: str) -> None:
    try:
        code, lines, _, cpu, peak = _measured_check(_many(tmp_path, body), timeout=HANG_LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"check took more than {HANG_LIMIT} s")
    assert code == 1 and cpu < CPU_LIMIT and peak < 300 and len(lines) <= 1_000


@pytest.mark.parametrize("unit_id", ["con", "nul", "aux", "com1", "lpt1"])
def test_a_windows_device_name_as_id_is_refused(tmp_path: Path, unit_id: str, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = _minimal(tmp_path)
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + f"\n  - id: {unit_id}\n    name: Chi bộ mới\n    type: chi-bo-co-so\n"
                     "    parent: dang-uy-tct\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "data"]) == 1
    assert "units.yaml:46:9: error:" in capsys.readouterr().out


@pytest.mark.parametrize("char", ["\u2060", "\u061c", "\u180e"])
def test_other_invisible_characters_are_refused(tmp_path: Path, char: str, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = _minimal(tmp_path)
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Chi bộ Phân xưởng Vận hành", f"Chi bộ Phân{char} xưởng Vận hành"),
                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "data"]) == 1
    assert f"U+{ord(char):04X}" in capsys.readouterr().out


# --- atomic builds and ownership ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, built once; tests work on copies of it."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "p")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    return project


@pytest.fixture
def project(built_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the built project, as the working directory."""
    copy = tmp_path / "p"
    shutil.copytree(built_project, copy, symlinks=True)
    monkeypatch.chdir(copy)
    return copy


def _hashes(project: Path) -> dict[str, str]:
    return {name: tree_hash(project / name) for name in ("site", "site_src", "data")}


def _build(*extra: str) -> int:
    return main(["build", *extra])


@pytest.mark.parametrize(("template", "broken", "line"), [
    ("unit.md.j2", "{{ unit.name | khong_co_bo_loc }}", 5),  # compile time: a filter that does not exist
    ("year.md.j2", "{{ khong_co_bien }}", 5),  # render time: an undefined variable
    ("_macros.md.j2", "{% for x in %}", 5),  # a syntax error in a template the others import
], ids=["unknown-filter", "undefined-variable", "syntax-error-in-macro"])
def test_a_broken_template_fails_cleanly_and_changes_nothing(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str], template: str, broken: str,
                                                            line: int) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(render_module.TEMPLATES, templates)
    lines = (templates / template).read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, broken + "\n")
    (templates / template).write_text("".join(lines), encoding="utf-8")
    env = render_module.environment().overlay(loader=jinja2.FileSystemLoader(templates))
    monkeypatch.setattr(render_module, "environment", lambda: env)
    # A data change, so that the build would rewrite pages if it got that far.
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Chi bộ Phân xưởng Sửa chữa", "Chi bộ Sửa chữa", 1), encoding="utf-8")
    before = _hashes(project)

    assert _build() == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert re.fullmatch(rf".*templates/{re.escape(template)}:{line}:1: error: Mẫu trang {re.escape(template)} bị lỗi: .+ \[BUILD\]\n", out), out
    assert _hashes(project) == before


def test_a_file_where_a_generated_folder_goes_fails_cleanly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(project / "site_src" / "du-lieu")
    (project / "site_src" / "du-lieu").write_text("Ghi chú của tôi, không phải thư mục.\n", encoding="utf-8")
    before = _hashes(project)
    assert _build() == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out.startswith("site_src/du-lieu:1:1: error: Ở đây là một tệp nhưng trang sinh tự động cần một thư mục") and "[WRITE]" in out
    assert _hashes(project) == before, "nothing written, nothing removed, site/ untouched"


def test_a_folder_where_a_generated_page_goes_fails_cleanly_then_builds_once_moved(project: Path,
                                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "site_src" / "nam" / "2024.md"
    page.unlink()
    page.mkdir()
    (page / "cua-toi.txt").write_text("của tôi\n", encoding="utf-8")
    before = _hashes(project)
    proc = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stdout.startswith("site_src/nam/2024.md:1:1: error: Ở đây là một thư mục nhưng trang sinh tự động cần một tệp")
    assert _hashes(project) == before
    shutil.move(page, project / "cua-toi")
    assert _build() == 0
    assert (project / "site" / "nam" / "2024" / "index.html").is_file()
    assert (project / "cua-toi" / "cua-toi.txt").read_text(encoding="utf-8") == "của tôi\n"


def test_a_write_failing_half_way_leaves_the_site_and_a_true_manifest(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Đảng bộ Công ty Nhiệt điện Cao Ngạn - TKV", "Đảng bộ Cao Ngạn"),
                     encoding="utf-8")
    site_before = tree_hash(project / "site")
    real_write = writer_module._atomic_write
    calls = []

    def full_disk(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) > 5 and path.name != writer_module.MANIFEST:
            raise OSError(28, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(writer_module, "_atomic_write", full_disk)
    assert _build() == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "No space left on device" in err
    assert tree_hash(project / "site") == site_before
    monkeypatch.setattr(writer_module, "_atomic_write", real_write)
    # The next build must not take the pages written before the failure for hand edits.
    assert _build() == 0, capsys.readouterr().out
    assert "Đảng bộ Cao Ngạn" in visible_text(project / "site" / "don-vi" / "db-nhiet-dien-cao-ngan" / "index.html")


@pytest.mark.parametrize("out", ["site_src", "data", ".", "..", "site_src/huong-dan", "data/decisions", "notes", "notes.txt"])
def test_an_output_folder_holding_the_users_work_is_refused(project: Path, capsys: pytest.CaptureFixture[str], out: str) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "ke-hoach.md").write_text("Ghi chép riêng.\n", encoding="utf-8")
    (project / "notes.txt").write_text("Ghi chép riêng.\n", encoding="utf-8")
    before = tree_hash(project)
    assert _build("--out", out) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert re.match(rf"{re.escape(out)}:1:1: error: Không xây dựng vào {re.escape(out)}: .* \[BUILD\]$", captured.out.strip())
    assert tree_hash(project) == before


def test_hand_written_files_in_generated_folders_are_kept(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = {
        "don-vi/ghi-chu-cua-ban-to-chuc.md": "# Ghi chú của Ban Tổ chức\n\nTrang viết tay trong thư mục sinh tự động.\n",
        "khen-thuong/anh/bang-khen.txt": "không phải ảnh\n",
        "du-lieu/huong-dan-tai.md": "# Hướng dẫn tải\n",
        "nam/.ghi-chu-an": "ẩn\n",
    }
    for rel, text in mine.items():
        (project / "site_src" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "site_src" / rel).write_text(text, encoding="utf-8")
    assert _build() == 0
    assert (project / "site" / "don-vi" / "ghi-chu-cua-ban-to-chuc" / "index.html").is_file()
    # A record goes away, and with it its generated pages and downloads; the hand-written files beside them stay.
    (project / "data" / "decisions" / "giay-khen-2025-quang-ninh.yaml").unlink()
    assert _build() == 0
    capsys.readouterr()
    assert not (project / "site_src" / "khen-thuong" / "giay-khen-2025-quang-ninh.md").exists()
    for rel, text in mine.items():
        assert (project / "site_src" / rel).read_text(encoding="utf-8") == text, rel


def test_edited_page_of_a_removed_record_is_kept_and_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "site_src" / "khen-thuong" / "giay-khen-2025-quang-ninh.md"
    edited = page.read_text(encoding="utf-8") + "\nGhi chú tay quan trọng.\n"
    page.write_text(edited, encoding="utf-8")
    (project / "data" / "decisions" / "giay-khen-2025-quang-ninh.yaml").unlink()
    before = tree_hash(project / "site")
    assert _build() == 1
    out = capsys.readouterr().out
    assert out.startswith("site_src/khen-thuong/giay-khen-2025-quang-ninh.md:1:1: error: Trang này không còn trong dữ liệu")
    assert page.read_text(encoding="utf-8") == edited
    assert tree_hash(project / "site") == before


def test_a_manifest_naming_files_outside_site_src_never_deletes_them(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = project / "site_src" / writer_module.MANIFEST
    content = json.loads(manifest.read_text(encoding="utf-8"))
    victim = project / "data" / "units.yaml"
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    content["files"]["../data/units.yaml"] = digest
    content["files"][str(victim)] = digest
    manifest.write_text(json.dumps(content), encoding="utf-8")
    assert _build() == 0
    capsys.readouterr()
    assert victim.is_file() and hashlib.sha256(victim.read_bytes()).hexdigest() == digest


def test_a_damaged_manifest_loses_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a readable manifest every generated page looks hand-written: the build stops, nothing is touched."""
    (project / "site_src" / writer_module.MANIFEST).write_text("[1, 2", encoding="utf-8")
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Chi bộ Phân xưởng Sửa chữa", "Chi bộ Sửa chữa", 1), encoding="utf-8")
    before = _hashes(project)
    assert _build() == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "[WRITE]" in out
    assert _hashes(project) == before


def test_sitetools_generated_sections_are_what_the_generator_owns(built_project: Path) -> None:
    """copy_project leaves GENERATED out of site_src; if the generator gains a section, the list must follow."""
    manifest = json.loads((built_project / "site_src" / writer_module.MANIFEST).read_text(encoding="utf-8"))
    tops = {rel.split("/")[0] for rel in manifest["files"]}
    assert tops <= set(GENERATED), tops - set(GENERATED)


def test_no_build_leaves_staging_folders_behind(built_project: Path) -> None:
    assert not [p.name for p in built_project.iterdir() if p.name.startswith((".site.tmp-", ".site.old-"))]
    assert os.listdir(built_project / "site")


@pytest.mark.parametrize("edit", [
    ("documents.yaml", "documents:\n", "documents: |\n"),  # a block scalar where a list is expected
    ("units.yaml", "    founded: 2010\n", '    founded: "20\\u001c10"\n'),  # an escape that str.splitlines() splits on
], ids=["block-scalar-for-list", "escaped-separator"])
def test_a_problem_is_always_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                      edit: tuple[str, str, str]) -> None:
    data = _minimal(tmp_path)
    name, find, replace = edit
    path = data / name
    path.write_text(path.read_text(encoding="utf-8").replace(find, replace, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "data"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(re.match(r"^data/[^:]+:\d+:\d+: error: .+ \[[A-Z0-9]+\]$", line) for line in lines), lines


def test_no_output_file_carries_the_build_date(tmp_path: Path) -> None:
    """Deterministic output: the clock never reaches the site (sitemap, feed, downloads, pages).

    The build runs on a fixed day that is in no data file (freezegun sets the clock); comparing with the real
    today failed on any day that appears in the sample, such as 20/03/2026."""
    import datetime as dt

    from freezegun import freeze_time

    day = dt.date(2031, 7, 17)
    project = copy_project(tmp_path / "p")
    stamps = [day.isoformat().encode(), day.strftime("%d/%m/%Y").encode(), f"{day:%Y%m%d}".encode(), f"{day.day}/{day.month}/{day.year}".encode()]
    for path in (project / "data").rglob("*.yaml"):
        assert not any(s in path.read_bytes() for s in stamps), f"{path} holds the test's build day: pick another"
    with freeze_time(dt.datetime(2031, 7, 17, 9, 30), tick=True):
        assert dt.date.today() == day
        build_site(project / "data", project / "site", project / "mkdocs.yml")
    dated = []
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            raw = path.read_bytes()
            dated += [f"{path.relative_to(project)}: {s.decode()}" for s in stamps if s in raw]
    assert not dated, dated[:5]
