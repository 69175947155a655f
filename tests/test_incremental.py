"""Incremental builds (generator/site/incremental.py): the same bytes as a full build; a no-op leaves site/ as it is."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sitetools import copy_project

from generator.site import navpages
from generator.site.build import build_site


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _edit_unit(project: Path) -> None:
    _replace(project / "data" / "units.yaml", "name: Chi bộ Phòng Kế hoạch - Vật tư", "name: Chi bộ Phòng Kế hoạch và Vật tư")


def _edit_assessment(project: Path) -> None:
    _replace(project / "data" / "assessments" / "2025.yaml", "members: 34\n      member_ratings: {htxsnv: 3, httnv: 30,",
             "members: 35\n      member_ratings: {htxsnv: 3, httnv: 31,")


def _edit_decision(project: Path) -> None:
    _replace(project / "data" / "decisions" / "cong-nhan-2025-cam-pha.yaml",
             "  - unit: cb-cam-pha-khoi-van-phong  # Chi bộ Khối Văn phòng\n", "")


def _edit_document(project: Path) -> None:
    _replace(project / "data" / "documents.yaml", "Văn bản không có số, ký hiệu.", "Văn bản không có số và ký hiệu.")


def _edit_guidance(project: Path) -> None:
    page = project / "site_src" / "huong-dan" / "thoi-gian.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMột dòng thêm vào trang hướng dẫn viết tay.\n", encoding="utf-8")


def _retitle_guidance(project: Path) -> None:
    """A nav page's title: in the nav of every page."""
    _replace(project / "site_src" / "huong-dan" / "thoi-gian.md", "title: Thời gian xét, công nhận, khen thưởng",
             "title: Thời gian xét và công nhận, khen thưởng")


def _rename_unit(project: Path) -> None:
    old, new = "cb-son-dong-tai-chinh-ke-toan", "cb-son-dong-ke-toan"
    for path in (project / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(re.sub(rf"\b{old}\b", new, text), encoding="utf-8")
    _replace(project / "data" / "units.yaml", f"  - id: {new}\n", f"  - id: {new}\n    former_ids: [{old}]\n")


EDITS: dict[str, Callable[[Path], None]] = {
    "unit": _edit_unit, "assessment": _edit_assessment, "decision": _edit_decision,
    "document": _edit_document, "guidance": _edit_guidance, "guidance_title": _retitle_guidance, "rename": _rename_unit,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("incremental") / "p")
    build_site(project / "data", project / "site", project / "mkdocs.yml", jobs=1)
    return project


@pytest.mark.parametrize("kind", list(EDITS))
def test_an_incremental_build_gives_the_bytes_of_a_full_one(kind: str, built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = built
    site = project / "site"
    before = _files(site)
    inodes = _inodes(site)
    capsys.readouterr()
    EDITS[kind](project)
    build_site(project / "data", site, project / "mkdocs.yml", jobs=1)
    log = capsys.readouterr().err
    if kind != "rename":  # a rename may remove a page, which takes a full build
        assert "xây dựng từng phần" in log
    build_site(project / "data", project / f"full-{kind}", project / "mkdocs.yml", jobs=1, full=True)
    incremental, full = _files(site), _files(project / f"full-{kind}")
    assert sorted(incremental) == sorted(full)
    assert [path for path in full if incremental[path] != full[path]] == []
    changed = [path for path in full if before.get(path) != full[path]]
    assert changed, "the edit shows on the site"
    if kind == "guidance_title":  # in the nav of every page: all are built again
        assert "tiêu đề một trang trong thanh điều hướng đã đổi" in log
    elif kind != "rename":
        assert "tiêu đề một trang trong thanh điều hướng" not in log
        assert "huong-dan/muc-dich-yeu-cau.md" in navpages.left_out, "nav pages whose Markdown is unchanged are not rendered again"
        after = _inodes(site)
        untouched = [path for path in full if before.get(path) == full[path]]
        assert [path for path in untouched if after[path] != inodes[path]] == [], "unchanged files are the same files"
    if kind == "rename":
        assert "don-vi/cb-son-dong-ke-toan/index.html" in full
        assert "cb-son-dong-ke-toan" in full["don-vi/cb-son-dong-tai-chinh-ke-toan/index.html"].decode()


def test_nothing_changed_rebuilds_nothing(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built / "site"
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    stat = site.stat()
    inodes = _inodes(site)
    capsys.readouterr()
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    assert "không có gì thay đổi" in capsys.readouterr().err
    assert (site.stat().st_ino, site.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)
    assert _inodes(site) == inodes


def test_full_and_a_changed_config_rebuild_everything(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built / "site"
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1, full=True)
    log = capsys.readouterr().err
    assert "xây dựng toàn bộ (xây dựng toàn bộ theo yêu cầu (--full))" in log
    assert "Kiểm tra dữ liệu:" in log and "không đổi từ lần trước" not in log, "--full checks and renders again too"
    config = built / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    build_site(built / "data", site, config, jobs=1)
    assert "cấu hình, giao diện, mã nguồn" in capsys.readouterr().err


def test_a_site_changed_from_outside_is_rebuilt_whole(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built / "site"
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    (site / "404.html").unlink()
    os.utime(site, ns=(1, 1))
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    assert "thư mục kết quả đã bị thay đổi từ bên ngoài" in capsys.readouterr().err
    assert (site / "404.html").is_file()


def test_a_failing_incremental_build_keeps_the_old_site(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.core.problems import DataError

    site = built / "site"
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    before = _files(site)
    page = built / "site_src" / "huong-dan" / "ghi-chu.md"
    page.write_text("# Ghi chú\n\n[hỏng](khong-co.md)\n", encoding="utf-8")  # strict MkDocs stops on a broken link
    with pytest.raises(DataError) as caught:
        build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    assert "xây dựng từng phần" in capsys.readouterr().err
    assert "trang cũ trong" in caught.value.problems[0].message
    assert _files(site) == before
    assert [p.name for p in built.iterdir() if p.name.startswith(".") and p.name != ".bontot-cache"] == [], "no staging folder is left behind"
    page.unlink()
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    assert _files(site) == before


def _spare(project: Path) -> tuple[Path, Path]:
    from generator.site.spare import Spare

    spare = Spare(project / ".bontot-cache", project / "site")
    return spare.folder, spare.listing


def test_the_old_site_becomes_the_next_builds_staging_folder(built: Path) -> None:
    site = built / "site"
    _edit_guidance(built)
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)  # incremental: the old site is kept, not deleted
    folder, listing = _spare(built)
    assert listing.is_file() and folder.is_dir()
    kept = folder.stat().st_ino
    _edit_guidance(built)
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    assert site.stat().st_ino == kept, "the kept folder, brought up to date, was published"
    build_site(built / "data", built / "full-spare", built / "mkdocs.yml", jobs=1, full=True)
    assert _files(site) == _files(built / "full-spare")


def test_a_kept_folder_without_its_list_is_not_used(built: Path) -> None:
    site = built / "site"
    _edit_guidance(built)
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    folder, listing = _spare(built)
    (folder / "404.html").unlink()  # a build changes the folder by renames, never writing through a link
    (folder / "404.html").write_bytes(b"left half-changed by a killed build")
    listing.unlink()  # as a build does before it changes the folder
    _edit_guidance(built)
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    build_site(built / "data", built / "full-killed", built / "mkdocs.yml", jobs=1, full=True)
    assert _files(site) == _files(built / "full-killed")
    assert b"killed build" not in (folder / "404.html").read_bytes()


def test_a_full_build_leaves_a_copy_for_the_next_edit(built: Path) -> None:
    site = built / "site"
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1, full=True)
    folder, listing = _spare(built)
    assert listing.is_file() and _inodes(folder) == _inodes(site), "hard links to the site just published"
    kept = folder.stat().st_ino
    _edit_guidance(built)
    build_site(built / "data", site, built / "mkdocs.yml", jobs=1)
    assert site.stat().st_ino == kept
    build_site(built / "data", built / "full-primed", built / "mkdocs.yml", jobs=1, full=True)
    assert _files(site) == _files(built / "full-primed")


def test_a_folder_kept_for_a_deleted_output_folder_is_removed(built: Path) -> None:
    """Building once into another folder keeps a copy for it; once that folder is deleted, the next build removes
    the copy, whose hard links would otherwise keep the deleted site's files on disk."""
    import shutil

    other = built / "other-site"
    build_site(built / "data", other, built / "mkdocs.yml", jobs=1)
    from generator.site.spare import Spare

    kept = Spare(built / ".bontot-cache", other)
    assert kept.listing.is_file() and kept.folder.is_dir()
    shutil.rmtree(other)
    _edit_guidance(built)
    build_site(built / "data", built / "site", built / "mkdocs.yml", jobs=1)
    assert not kept.listing.exists() and not kept.folder.exists()
    folder, listing = _spare(built)
    assert listing.is_file() and folder.is_dir(), "the site's own copy stays"
