"""One build at a time per site_src/ and per output folder (generator/site/lock.py): a second build, `bontot serve`
or `mkdocs build` meets the lock with a clear message and exit 1; a lock left by a killed process is taken over."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from killtools import file_hashes, leftovers, run, start
from sitetools import copy_project

from generator.site import lock


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_build_meets_a_held_lock_stops_with_exit_1_and_touches_nothing(project: Path) -> None:
    for path, what in ((lock.lock_path_for_docs(project / "site_src"), "thư mục trang site_src"),
                       (lock.lock_path_for_output(project / "site"), "thư mục kết quả site")):
        before = file_hashes(project)
        lock.acquire(path, "x", "bontot build")
        try:
            proc = run(project, "build")
        finally:
            lock.release(path)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        assert f"error: Đang có một lần xây dựng khác dùng {what} (bontot build, tiến trình {os.getpid()}" in proc.stdout
        assert proc.stdout.rstrip().endswith("[LOCK]")
        assert file_hashes(project) == before, "nothing written, nothing removed"
        assert not path.exists(), "the holder removes its lock file when it lets go"


def test_serve_and_plain_mkdocs_build_meet_the_lock_too(project: Path) -> None:
    path = lock.lock_path_for_docs(project / "site_src")
    lock.acquire(path, "x", "bontot build")
    try:
        serve = subprocess.run([sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{_free_port()}"], cwd=project,
                               capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
        mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                                encoding="utf-8", timeout=300, check=False)
    finally:
        lock.release(path)
    for proc in (serve, mkdocs):
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
        assert "Đang có một lần xây dựng khác dùng thư mục trang site_src (bontot build" in proc.stdout + proc.stderr
    assert not (project / "site").exists()


def test_a_lock_left_by_a_killed_process_is_taken_over(project: Path) -> None:
    code = ("import sys; from pathlib import Path; from generator.site import lock; "
            "lock.acquire(lock.lock_path_for_docs(Path('site_src')), 'x', 'bontot build'); print('held', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=project, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (project / "site_src" / lock.DOCS_LOCK).is_file(), "a kill leaves the file, but not the lock"
    proc = run(project, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "site" / "index.html").is_file()
    assert leftovers(project) == []


def test_the_same_process_may_hold_a_lock_twice(tmp_path: Path) -> None:
    path = tmp_path / ".x.lock"
    lock.acquire(path, "x", "bontot build")
    lock.acquire(path, "x", "mkdocs build")
    lock.release(path)
    assert path.is_file(), "still held once"
    lock.release(path)
    assert not path.exists()


def test_two_builds_started_together_never_publish_a_mix(project: Path) -> None:
    """Two data sets, two builds into the same site/ at once: one builds, the other stops with [LOCK] (or, if they
    did not overlap, both build one after the other); site/ is always one of the two, byte for byte."""
    other = project / "data-b"
    shutil.copytree(project / "data", other)
    units = other / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Chi bộ Phân xưởng Sửa chữa", "Chi bộ Sửa chữa Cơ điện", 1),
                     encoding="utf-8")
    expected = {}
    for data in ("data", "data-b"):
        assert run(project, "build", "--data", data, "--out", f"ref-{data}").returncode == 0
        expected[data] = file_hashes(project / f"ref-{data}")
    assert expected["data"] != expected["data-b"]
    procs = {data: start(project, "build", "--data", data) for data in ("data", "data-b")}
    outcomes = {data: (proc.wait(timeout=600), *proc.communicate()) for data, proc in procs.items()}
    built = [data for data, (code, _, _) in outcomes.items() if code == 0]
    for code, out, err in outcomes.values():
        assert code in (0, 1) and "Traceback" not in err
        if code == 1:
            assert "[LOCK]" in out
    assert built, outcomes
    site = file_hashes(project / "site")
    assert site in [expected[data] for data in built], "site/ is exactly the build of one data set, never a mix"
    if len(built) == 1:
        assert site == expected[built[0]]
    assert leftovers(project) == []
