"""Every folder and file under data/ is read or reported: an unreadable folder and a link that leaves data/ are errors.

Tests and CI run as root, whom file permissions do not stop. The commands under test run as root without the
capabilities that bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped with util-linux `setpriv`), so
that a folder closed with chmod is really closed. (Running them as the user nobody is not possible here: the
project's Python may live under /root, which nobody cannot enter.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitetools import ROOT, copy_project

from generator.records.dataset import load

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def _unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` with file permissions enforced even for root."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv (util-linux) is needed to run a command with file permissions enforced")
    drop = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*drop, sys.executable, "-m", "generator", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"},
    )


def _reopen(folder: Path) -> None:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            os.chmod(entry.path, 0o755)
            _reopen(Path(entry.path))
        elif not entry.is_symlink():
            os.chmod(entry.path, 0o644)


@pytest.fixture
def tmp(tmp_path: Path) -> Iterator[Path]:
    """tmp_path, with every folder and file opened again afterwards so that pytest can remove it."""
    yield tmp_path
    _reopen(tmp_path)


def test_an_unreadable_decisions_folder_fails_check(tmp: Path) -> None:
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)
    (data / "decisions").chmod(0o000)
    result = _unprivileged("check", "--data", "data", cwd=tmp)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("data/decisions:1:1: error: Không đọc được thư mục (Permission denied)"), result.stdout
    assert "[DATA]" in result.stdout and "Traceback" not in result.stderr


def test_an_unreadable_subfolder_fails_check(tmp: Path) -> None:
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)
    year = data / "assessments" / "cu"
    year.mkdir()
    for path in (data / "assessments").glob("*.yaml"):
        path.rename(year / path.name)
    year.chmod(0o311)  # can be entered, cannot be listed
    result = _unprivileged("check", "--data", "data", cwd=tmp)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "data/assessments/cu:1:1: error: Không đọc được thư mục" in result.stdout


def test_an_unreadable_decisions_folder_fails_build_and_keeps_the_old_site(tmp: Path) -> None:
    project = copy_project(tmp / "p")
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, check=True, capture_output=True, timeout=300)
    before = sorted(p.name for p in (project / "site" / "khen-thuong").iterdir())
    (project / "data" / "decisions").chmod(0o000)
    result = _unprivileged("build", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "data/decisions:1:1: error: Không đọc được thư mục" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "site" / "khen-thuong").iterdir()) == before


def test_an_unreadable_data_file_fails_build_without_a_traceback(tmp: Path) -> None:
    project = copy_project(tmp / "p")
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, check=True, capture_output=True, timeout=300)
    decision = sorted((project / "data" / "decisions").glob("*.yaml"))[0]
    decision.chmod(0o000)
    result = _unprivileged("build", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"data/decisions/{decision.name}:1:1: error: Không đọc được tệp (Permission denied)" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_data_file_linked_to_a_system_file_is_refused_without_quoting_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "assessments" / "passwd.yaml").symlink_to("/etc/passwd")
    code = main(["check", "--data", str(data)])
    out = capsys.readouterr().out
    assert code == 1
    line = next(line for line in out.splitlines() if "passwd.yaml" in line)
    assert line.endswith("[DATA]") and "passwd.yaml:1:1: error: Liên kết (symlink) này trỏ ra ngoài thư mục" in line
    first_line = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert first_line[:8] not in out  # "root:x:0"


@pytest.mark.parametrize("kind", ["single file", "folder", "file in a folder"])
def test_a_link_that_leaves_data_is_an_error(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    outside = tmp_path / "outside"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(MINIMAL, outside)
    if kind == "single file":
        (data / "units.yaml").unlink()
        (data / "units.yaml").symlink_to(outside / "units.yaml")
        link = "units.yaml"
    elif kind == "folder":
        shutil.rmtree(data / "decisions")
        (data / "decisions").symlink_to(outside / "decisions")
        link = "decisions"
    else:
        name = next((data / "decisions").glob("*.yaml")).name
        (data / "decisions" / name).unlink()
        (data / "decisions" / name).symlink_to(outside / "decisions" / name)
        link = f"decisions/{name}"
    _, problems = load(data)
    errors = [p for p in problems if p.rule == "DATA" and p.level.value == "error"]
    assert [p.path for p in errors] == [str(data / link)], problems
    assert "trỏ ra ngoài thư mục" in errors[0].message


def test_a_link_inside_data_is_followed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "kept").mkdir()
    name = next((data / "decisions").glob("*.yaml")).name
    (data / "decisions" / name).rename(data / "kept" / name)
    (data / "decisions" / name).symlink_to(Path("..") / "kept" / name)
    dataset, problems = load(data)
    assert dataset is not None and len(dataset.decisions) == 1
    assert not [p for p in problems if p.level.value == "error"], problems


def test_a_broken_link_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "decisions" / "mat.yaml").symlink_to(data / "khong-co.yaml")
    _, problems = load(data)
    assert any(p.path.endswith("decisions/mat.yaml") and "nơi không có gì" in p.message for p in problems), problems


def test_a_link_in_site_src_that_leaves_it_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    from generator.core.problems import DataError
    from generator.site.build import build_site

    project = copy_project(tmp_path / "p")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    secret = tmp_path / "bi-mat.md"
    secret.write_text("# Bí mật\n\nmật khẩu: 1234\n", encoding="utf-8")
    (project / "site_src" / "gioi-thieu.md").symlink_to(secret)
    with pytest.raises(DataError) as caught:
        build_site(project / "data", project / "site", project / "mkdocs.yml")
    lines = [p.format() for p in caught.value.problems]
    assert len(lines) == 1 and "site_src/gioi-thieu.md:1:1: error: Liên kết (symlink) này trỏ ra ngoài thư mục" in lines[0]
    assert "1234" not in lines[0]
    assert not (project / "site" / "gioi-thieu").exists()
