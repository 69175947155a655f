"""The whole pipeline with the real MkDocs and Material: pages, links, ownership of files, atomic builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitetools import copy_project, parse, tree_hash, visible_text

from generator.cli import main
from generator.core.problems import DataError
from generator.pages.generate import generate
from generator.rules import check as check_module
from generator.rules.check import check
from generator.site.build import build_site


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    return project / "site"


def test_every_page_of_the_contract_exists(site: Path, project: Path) -> None:
    dataset, _ = check(project / "data")
    assert dataset is not None
    expected = [
        "index.html", "huong-dan/index.html", "don-vi/index.html", "nam/index.html", "khen-thuong/index.html",
        "van-ban/index.html", "thong-ke/index.html", "nam/2024/index.html", "nam/2025/index.html",
    ]
    expected += [f"don-vi/{ref.record.id}/index.html" for ref in dataset.units]
    expected += [f"khen-thuong/{ref.record.id}/index.html" for ref in dataset.decisions]
    expected += [f"van-ban/{ref.record.id}/index.html" for ref in dataset.documents]
    missing = [path for path in expected if not (site / path).is_file()]
    assert not missing


@pytest.mark.parametrize("model", ["chi-bo-bon-tot", "dang-bo-co-so-bon-tot"])
def test_criteria_pages_have_stable_anchors(site: Path, model: str) -> None:
    ids = parse(site / "tieu-chi" / model / "index.html").ids
    assert {"tieu-chi-1", "tieu-chi-2", "tieu-chi-3", "tieu-chi-4"} <= ids


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    # 404.html is served at any depth, so the theme links it with absolute paths.
    pages = {path: parse(path) for path in site.rglob("*.html") if path.name != "404.html"}
    broken = []
    for path, page in pages.items():
        for _, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {url}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {url} (anchor)")
    assert not broken, broken[:20]


def test_largest_page_stays_small(site: Path) -> None:
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size < 150 * 1024, largest


def test_unit_page_explains_each_unmet_criterion(site: Path) -> None:
    text = visible_text(site / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html")
    assert "85 % đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên (17/20), dưới mức 90 %" in text
    assert "Tiêu chí 1. Hoàn thành tốt nhiệm vụ chính trị" in text


def test_sample_data_is_labelled_on_every_page(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]  # not redirects
    unlabelled = [p for p in pages if "Dữ liệu mẫu" not in p.read_text(encoding="utf-8")]
    assert not unlabelled


def test_every_page_has_its_own_description(site: Path) -> None:
    """Search engines and link previews show the meta description: units or decisions of the same name differ by it."""
    seen: dict[str, str] = {}
    repeated = []
    for page in sorted(site.rglob("index.html")):
        found = re.search(r'<meta name="description" content="([^"]*)"', page.read_text(encoding="utf-8"))
        if found is None or "http-equiv" in page.read_text(encoding="utf-8")[:400]:
            continue  # redirect pages of former unit ids
        if found.group(1) in seen:
            repeated.append(f"{page.relative_to(site)} = {seen[found.group(1)]}")
        seen[found.group(1)] = str(page.relative_to(site))
    assert len(seen) > 80 and not repeated, repeated


def test_second_generation_writes_nothing(project: Path, site: Path) -> None:
    docs = project / "site_src"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    result = generate(project / "data", docs)
    assert result.report.written == [] and result.report.removed == []
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == before


def test_unchanged_inputs_skip_the_check_and_keep_its_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    first = generate(project / "data", project / "site_src")
    assert not first.reused and first.report.problems, "the sample has a BT13 warning"

    def no_check(data_dir: Path) -> None:
        raise AssertionError("the data was read again")

    monkeypatch.setattr(check_module, "check", no_check)  # generate imports it when it runs the check
    again = generate(project / "data", project / "site_src")
    assert again.reused and again.report.problems == first.report.problems
    assert (again.summary, again.pages, again.report.written) == (first.summary, first.pages, [])

    monkeypatch.undo()
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n# một dòng ghi chú\n", encoding="utf-8")
    edited = generate(project / "data", project / "site_src")
    assert not edited.reused and edited.report.problems == first.report.problems


def test_hand_written_file_in_generated_section_is_reported_not_overwritten(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    mine = project / "site_src" / "don-vi" / "cb-cao-ngan-sua-chua.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# Trang tôi tự viết\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        generate(project / "data", project / "site_src")
    assert [p.rule for p in caught.value.problems] == ["WRITE"]
    assert "cb-cao-ngan-sua-chua.md" in caught.value.problems[0].path
    assert mine.read_text(encoding="utf-8") == "# Trang tôi tự viết\n"
    assert not (project / "site_src" / "index.md").exists(), "nothing is written when ownership fails"


def test_edited_generated_file_is_reported_then_regenerated_when_deleted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generate(project / "data", project / "site_src")
    page = project / "site_src" / "nam" / "2024.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nGhi chú tay.\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        generate(project / "data", project / "site_src")
    assert "đã bị sửa tay" in caught.value.problems[0].message
    assert page.read_text(encoding="utf-8").endswith("Ghi chú tay.\n")
    page.unlink()
    generate(project / "data", project / "site_src")
    assert "Ghi chú tay." not in page.read_text(encoding="utf-8")


def test_page_of_removed_record_is_removed_hand_written_pages_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generate(project / "data", project / "site_src")
    decision = project / "site_src" / "khen-thuong" / "giay-khen-2025-quang-ninh.md"
    assert decision.exists()
    (project / "data" / "decisions" / "giay-khen-2025-quang-ninh.yaml").unlink()
    result = generate(project / "data", project / "site_src")
    assert sorted(result.report.removed) == sorted([
        "khen-thuong/giay-khen-2025-quang-ninh.md",
        *(f"du-lieu/khen-thuong/giay-khen-2025-quang-ninh.{fmt}" for fmt in ("csv", "xlsx", "json")),
    ])
    assert not decision.exists()
    assert (project / "site_src" / "huong-dan" / "tham-quyen.md").exists()


def test_invalid_data_leaves_previous_site_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    out = project / "site"
    build_site(project / "data", out, project / "mkdocs.yml")
    before = tree_hash(out)
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("parent: dang-uy-tct", "parent: khong-co", 1), encoding="utf-8")
    code = main(["build", "--data", str(project / "data"), "--out", str(out), "--config", str(project / "mkdocs.yml")])
    assert code == 1
    assert "[BT12]" in capsys.readouterr().out
    assert tree_hash(out) == before


def test_mkdocs_failure_leaves_previous_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    out = project / "site"
    build_site(project / "data", out, project / "mkdocs.yml")
    before = tree_hash(out)
    guide = project / "site_src" / "huong-dan" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[hỏng](khong-co-trang-nay.md)\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_site(project / "data", out, project / "mkdocs.yml")
    assert caught.value.problems[0].rule == "BUILD"
    assert tree_hash(out) == before
    assert not list(project.glob(".site.tmp-*")), "the staging folder is cleaned up"


def test_plain_mkdocs_build_generates_through_the_hook(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BONTOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html").exists()


def test_record_text_is_shown_literally(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    units = project / "data" / "units.yaml"
    hostile = "A | B <b>*x*</b> [y](z) `c` # {{ 7*7 }}"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("name: Chi bộ Phân xưởng Sửa chữa", f"name: '{hostile}'", 1), encoding="utf-8")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    page = project / "site" / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html"
    assert hostile in visible_text(page)
    html_text = page.read_text(encoding="utf-8")
    assert "<b>*x*</b>" not in html_text
    assert "<title>A | B &lt;b&gt;*x*&lt;/b&gt; [y](z) `c` # {{ 7*7 }} - " in html_text


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    build_site(project / "data", tmp_path / "a", project / "mkdocs.yml")
    for path in (project / "site_src").rglob("*.md"):
        path.touch()  # a later clock must not show in the output
    build_site(project / "data", tmp_path / "b", project / "mkdocs.yml")
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert first == second
    differ = [str(p) for p in first if (tmp_path / "a" / p).read_bytes() != (tmp_path / "b" / p).read_bytes()]
    assert not differ


def test_a_rule_error_found_beside_the_generation_writes_nothing(tmp_path: Path) -> None:
    """With several processes the rules run beside the page generation (pages/generate.py); their errors still
    stop the run before anything is written, with the same problems one process finds."""
    found = []
    for jobs in (1, 2):
        project = copy_project(tmp_path / f"p{jobs}")
        generate(project / "data", project / "site_src", jobs)
        docs = project / "site_src"
        before = {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
        units = project / "data" / "units.yaml"
        units.write_text(units.read_text(encoding="utf-8").replace("parent: dang-uy-tct", "parent: khong-co", 1), encoding="utf-8")
        with pytest.raises(DataError) as caught:
            generate(project / "data", docs, jobs)
        assert "BT12" in [p.rule for p in caught.value.problems if p.level.value == "error"]
        assert {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()} == before
        found.append([(p.rule, p.line, p.message) for p in caught.value.problems])
    assert found[0] == found[1]
