"""The new site replaces the old in one step (generator/site/swap.py), and the next build removes what killed builds
left (generator/site/leftovers.py)."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from killtools import ROOT, file_hashes, leftovers, run
from sitetools import copy_project

from generator.core.problems import DataError
from generator.site import swap
from generator.site.build import build_site

# Run in a fresh process: build the project in the working folder, SIGKILL this process right after the first
# rename that moves `site` away (where a two-step swap leaves no site/ at all).
KILL_AFTER_FIRST_RENAME = """
import os, signal, sys
from pathlib import Path
from generator.site import swap
from generator.site.build import build_site

if sys.argv[1] == "two-steps":
    swap._RENAMEAT2 = None
real = {name: getattr(os, name) for name in ("rename", "replace")}

def patched(name):
    def move(src, dst, *args, **kwargs):
        real[name](src, dst, *args, **kwargs)
        if Path(src).name == "site":
            os.kill(os.getpid(), signal.SIGKILL)
    return move

for name in real:
    setattr(os, name, patched(name))
build_site(Path("data"), Path("site"), Path("mkdocs.yml"))
"""


def _rename_unit(project: Path, new: str) -> None:
    units = project / "data" / "units.yaml"
    text = units.read_text(encoding="utf-8")
    old = "Chi bộ Phân xưởng Sửa chữa"
    units.write_text(text.replace(old, new, 1) if old in text else text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("swap") / "p")
    assert run(project, "build").returncode == 0
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "p"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def test_exchange_swaps_two_folders_in_one_call(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "cu.txt").write_text("cũ", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "moi.txt").write_text("mới", encoding="utf-8")
    assert swap.exchange(tmp_path / "a", tmp_path / "b"), "Linux with glibc on ext4 or tmpfs swaps in one step"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["moi.txt"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["cu.txt"]


@pytest.mark.parametrize("mode", ["one-step", "two-steps"])
def test_a_kill_during_the_swap_leaves_a_whole_site_and_the_next_build_recovers(project: Path, mode: str) -> None:
    old = file_hashes(project / "site")
    _rename_unit(project, "Chi bộ Sửa chữa Cơ điện")
    proc = subprocess.run([sys.executable, "-c", KILL_AFTER_FIRST_RENAME, mode], cwd=project, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode in (0, -9), proc.stderr
    if mode == "one-step":
        assert proc.returncode == 0, "an atomic exchange never moves site/ away"
        assert file_hashes(project / "site") != old
    else:
        assert proc.returncode == -9 and not (project / "site").exists(), "two renames: the moment without site/"
    after = run(project, "build")
    assert after.returncode == 0, after.stdout + after.stderr
    if mode == "two-steps":
        assert "Dọn phần còn lại của lần xây dựng bị dừng giữa chừng trước đó: đặt lại trang cũ từ .site.old-" in after.stderr
    new = file_hashes(project / "site")
    assert new != old and "Chi bộ Sửa chữa Cơ điện" in (project / "site" / "don-vi" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


def test_leftovers_of_killed_builds_are_removed_and_reported_and_nothing_else(project: Path) -> None:
    made = {
        ".site.tmp-k7x2q9/index.html": "một nửa trang",
        ".site.tmp-k7x2q9-1/don-vi/a/index.html": "tiến trình thứ hai",
        ".site.old-4242/index.html": "trang cũ",
        "site_src/don-vi/.cb-cao-ngan-sua-chua.md.tmp": "ghi dở",
        "site_src/..bontot-manifest.json.tmp": "{",
        "site_src/..bontot-stamp.json.tmp": "{",
    }
    mine = {"site_src/huong-dan/.ghi-chu.md.tmp": "của người dùng", ".site.ghi-chu": "của người dùng"}
    for rel, text in {**made, **mine}.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    proc = run(project, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = next(line for line in proc.stderr.splitlines() if line.startswith("Dọn phần còn lại"))
    assert line.startswith("Dọn phần còn lại của lần xây dựng bị dừng giữa chừng trước đó: đã xóa .site.old-4242, "
                           ".site.tmp-k7x2q9, .site.tmp-k7x2q9-1 và 3 mục khác.")
    for rel in made:
        assert not (project / rel).exists(), rel
    for rel, text in mine.items():
        assert (project / rel).read_text(encoding="utf-8") == text, "only names the build makes are removed"
    again = run(project, "build")
    assert "Dọn phần còn lại" not in again.stderr, "a clean folder: nothing to say"


def test_a_failed_swap_keeps_the_old_site_and_removes_the_new(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(a: Path, b: Path) -> bool:
        raise OSError(errno.EBUSY, "Device or resource busy", str(b))

    old = file_hashes(project / "site")
    _rename_unit(project, "Chi bộ Sửa chữa Cơ điện")
    monkeypatch.setattr(swap, "exchange", busy)
    monkeypatch.chdir(project)
    with pytest.raises(DataError) as caught:
        build_site(project / "data", project / "site", project / "mkdocs.yml")
    message = caught.value.problems[0].message
    assert message.startswith("Không thay được site bằng trang mới (Device or resource busy); trang cũ được giữ nguyên.")
    assert file_hashes(project / "site") == old
    assert leftovers(project) == []


@pytest.mark.parametrize("path", [".site.tmp-k7x2q9/index.html", ".site.tmp-k7x2q9-1/index.html", ".site.old-4242/index.html",
                                  ".site.lock", "site_src/.bontot-lock", "site_src/.index.md.tmp", "site_src/..bontot-manifest.json.tmp"])
def test_git_ignores_what_a_build_leaves_while_it_runs(path: str) -> None:
    found = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT, check=False)
    assert found.returncode == 0, f"{path} is not in .gitignore"
