"""A document's full text (data/texts/<id>.txt) is published on its page, escaped, readable and searchable."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from sitetools import ROOT, copy_project, visible_text

from generator.core.problems import Level
from generator.records.dataset import load
from generator.records.fulltext import Block, Kind, body_and_footnotes, parse
from generator.site.build import build_site

PLAN = ROOT / "data" / "texts" / "1288-kh-du.txt"


def test_headings_bullets_and_footnotes_are_told_apart() -> None:
    text = "I. MỤC ĐÍCH\n\n1. Mục đích\n\n1.1. Hoàn thành\n\n- Một ý.\n\n+ Ý con.\n\n¹ Chú thích một.\n\nĐoạn văn."
    assert parse(text) == [
        Block(Kind.HEADING, "I. MỤC ĐÍCH", 1),
        Block(Kind.HEADING, "1. Mục đích", 2),
        Block(Kind.HEADING, "1.1. Hoàn thành", 3),
        Block(Kind.BULLET, "Một ý.", 1),
        Block(Kind.BULLET, "Ý con.", 2),
        Block(Kind.FOOTNOTE, "¹ Chú thích một."),
        Block(Kind.PARAGRAPH, "Đoạn văn."),
    ]


def test_footnotes_go_last_and_a_title_is_not_joined_to_its_subtitle() -> None:
    body, notes = body_and_footnotes("KẾ HOẠCH\n\n¹ Chú thích.\n\ntriển khai thực hiện\n\n- Ý một.")
    assert body == [
        Block(Kind.PARAGRAPH, "KẾ HOẠCH"),
        Block(Kind.PARAGRAPH, "triển khai thực hiện"),
        Block(Kind.BULLET, "Ý một.", 1),
    ]
    assert notes == [Block(Kind.FOOTNOTE, "¹ Chú thích.")]


def test_a_continuation_after_a_bullet_joins_that_bullet() -> None:
    body, _ = body_and_footnotes("- tự phê bình và phê\n\nbinh, đoàn kết.\n\n- Ý sau.")
    assert [b.text for b in body] == ["tự phê bình và phê binh, đoàn kết.", "Ý sau."]


def test_a_long_numbered_sentence_is_a_paragraph_not_a_heading() -> None:
    line = "1. " + "chữ " * 40 + "hết câu."
    assert parse(line) == [Block(Kind.PARAGRAPH, line)]


@pytest.fixture(scope="module")
def plan_page(sample_site: Path) -> Path:
    return sample_site / "van-ban" / "1288-kh-du" / "index.html"


def test_the_plan_page_shows_the_whole_text(plan_page: Path) -> None:
    # Compared without white space: symbols and dates sit in no-wrap spans (htmlpost.keep_together), and the
    # page's text nodes are joined with spaces, so "1504-KH/ĐU, ngày" reads back as "1504-KH/ĐU , ngày".
    shown = "".join(visible_text(plan_page).split())
    for block in parse(PLAN.read_text(encoding="utf-8")):
        for line in block.text.splitlines():
            assert "".join(line.split()) in shown, line


def test_the_plan_headings_are_page_headings(plan_page: Path) -> None:
    html = unescape(plan_page.read_text(encoding="utf-8"))
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"):
        assert re.search(r"<h3 id=\"[^\"]+\">" + re.escape(heading), html), heading
    assert re.search(r"<h5 id=\"[^\"]+\">1\.1\. Hoàn thành tốt nhiệm vụ chính trị", html)


def test_the_plan_text_is_in_the_search_index(sample_site: Path) -> None:
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [d["location"] for d in index["docs"] if "Nêu gương tốt về nói đi đôi với làm" in d.get("text", "")]
    assert any(location.startswith("van-ban/1288-kh-du/") for location in found), found


def test_full_text_is_escaped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    hostile = "I. <script>alert(1)</script>\n\n- [bấm](javascript:alert(2)) **đậm** `mã` {{ 7*7 }} &amp;\n\n# không phải tiêu đề\n"
    (project / "data" / "texts" / "1288-kh-du.txt").write_text(hostile, encoding="utf-8")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    page = project / "site" / "van-ban" / "1288-kh-du" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
    assert "<strong>đậm</strong>" not in html
    text = visible_text(page)
    assert "I. <script>alert(1)</script>" in text
    assert "[bấm](javascript:alert(2)) **đậm** `mã` {{ 7*7 }} &amp;" in text
    assert "# không phải tiêu đề" in text


def test_a_text_for_no_document_is_a_warning_and_an_unreadable_text_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "texts" / "khong-co.txt").write_text("Văn bản.", encoding="utf-8")
    (data / "texts" / "1288-kh-du.txt").write_bytes(b"\xff\xfe")
    dataset, problems = load(data)
    assert dataset is not None and "1288-kh-du" not in dataset.texts
    by_file = {Path(p.path).name: p for p in problems if p.rule == "DATA"}
    assert by_file["khong-co.txt"].level is Level.WARNING and "khong-co" in by_file["khong-co.txt"].message
    assert by_file["1288-kh-du.txt"].level is Level.ERROR and "UTF-8" in by_file["1288-kh-du.txt"].message


def test_a_fresh_clone_with_nothing_beside_it_passes_the_tests_that_read_the_plan(tmp_path: Path) -> None:
    """The committed repository alone holds everything the tests read: no folder beside the project, no file outside it."""
    if not (ROOT / ".git").exists():
        pytest.fail("this test clones the repository; run it from a git checkout")
    alone = tmp_path / "alone"
    alone.mkdir()
    clone = alone / "bontot"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, capture_output=True, timeout=120)
    assert [p.name for p in alone.iterdir()] == ["bontot"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(clone), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    where = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], cwd=clone, env=env,
                           capture_output=True, text=True, timeout=60, check=True)
    assert Path(where.stdout.strip()).is_relative_to(clone)  # the clone's code, not the installed one
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_rulebook_faithful.py"],
        cwd=clone, capture_output=True, text=True, timeout=300, check=False, env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\b\d+ passed\b", result.stdout) and " failed" not in result.stdout
