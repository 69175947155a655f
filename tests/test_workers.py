"""Worker processes die with the build (generator/core/workers.py), and Ctrl-C or SIGTERM stop a build the same way:
one message, no traceback (from the build or its workers), nothing left behind, the old site kept."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from killtools import ROOT, file_hashes, kill_all, leftovers, run, start, survivors, wait_for_line
from sitetools import copy_project

# A MkDocs hook that holds every MkDocs process at the start of its build, so a test stops or kills the build
# at a known point.
# Each process writes its line in one write(2): print() may write the word and the line end apart, and two
# processes' lines then interleave on the shared pipe ("readyready 1", " 2") and one is never seen whole.
SLOW_HOOK = """
import os, time

def on_pre_build(config):
    os.write(2, b"ready\\n")
    time.sleep(3600)
"""


def _killed(proc: subprocess.Popen[str], marker: str, count: int) -> None:
    seen: list[str] = []
    for _ in range(count):
        assert wait_for_line(proc, marker, seen), "".join(seen)
    proc.kill()
    proc.wait()


def test_mkdocs_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang\n", encoding="utf-8")
    (tmp_path / "slow.py").write_text(SLOW_HOOK, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nhooks:\n  - slow.py\n", encoding="utf-8")
    code = "import sys; from pathlib import Path; from generator.site import shards; shards.run(Path(sys.argv[1]), Path(sys.argv[2]), 2, {})"
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "mkdocs.yml"), str(tmp_path / "staging")], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    _killed(proc, "ready", 2)  # both MkDocs processes started, then kill -9 the build
    left = survivors(str(tmp_path))
    kill_all(left)
    assert left == [], "MkDocs worker processes outlived the build"


def test_page_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    code = ("import os, time; from generator.core.parallel import fork_map\n"
            "def work(k, n):\n    os.write(2, f'ready {k}\\n'.encode())\n    time.sleep(3600)\n"
            "fork_map(work, 3)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    _killed(proc, "ready", 3)
    left = survivors(str(tmp_path))
    kill_all(left)
    assert left == [], "forked page generation processes outlived the build"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("signals") / "p")
    assert run(project, "build").returncode == 0
    (project / "slow.py").write_text(SLOW_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - generator/site/mkdocs_hook.py\n",
                                                                 "  - generator/site/mkdocs_hook.py\n  - slow.py\n"), encoding="utf-8")
    return project


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143)])
def test_ctrl_c_and_sigterm_stop_a_build_cleanly(built: Path, tmp_path: Path, jobs: int, how: str, code: int) -> None:
    project = tmp_path / "p"
    shutil.copytree(built, project, symlinks=True)
    old = file_hashes(project / "site")
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Chi bộ Phân xưởng Sửa chữa", "Chi bộ Sửa chữa", 1), encoding="utf-8")
    proc = start(project, "build", "--jobs", str(jobs), group=True)  # as a terminal runs it
    seen: list[str] = []
    for _ in range(jobs):
        assert wait_for_line(proc, "ready", seen), "".join(seen)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal does: every process of the command gets it
    else:
        proc.send_signal(signal.SIGTERM)  # what a service manager or `kill PID` does
    _, err = proc.communicate(timeout=300)
    err = "".join(seen) + err
    assert proc.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.rstrip().endswith("Đã dừng theo yêu cầu; trang đã công bố giữ nguyên, tệp tạm đã được dọn.")
    assert file_hashes(project / "site") == old
    assert leftovers(project) == []
    left = survivors(str(project))
    kill_all(left)
    assert left == []
