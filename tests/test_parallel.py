"""Page generation shared between forked processes (generator/core/parallel.py) gives the same files, in the same order."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.core.parallel import fork_map, jobs_for
from generator.core.problems import DataError, Level, Problem
from generator.pages.generate import render_site
from generator.rules.check import check

ROOT = Path(__file__).resolve().parents[1]


def test_two_and_three_processes_render_the_same_site_as_one() -> None:
    dataset, _ = check(ROOT / "data")
    assert dataset is not None
    one = render_site(dataset, jobs=1)
    for jobs in (2, 3):
        other = render_site(dataset, jobs=jobs)
        assert list(other) == list(one), "same files in the same order"
        assert [path for path in one if one[path] != other[path]] == []


def test_results_come_back_in_order_from_each_process() -> None:
    pids = fork_map(lambda k, n: (k, n, os.getpid()), 3)
    assert [(k, n) for k, n, _ in pids] == [(0, 3), (1, 3), (2, 3)]
    assert len({pid for _, _, pid in pids}) == 3 and pids[0][2] == os.getpid()


def test_a_childs_data_error_is_raised_here_with_its_problems() -> None:
    problem = Problem("data/x.yaml", 3, 1, Level.ERROR, "Lỗi trong tiến trình con", "DATA")

    def work(k: int, n: int) -> int:
        if k == 1:
            raise DataError([problem])
        return k

    with pytest.raises(DataError) as caught:
        fork_map(work, 2)
    assert caught.value.problems == [problem]


def test_a_child_crash_is_an_error_not_a_hang() -> None:
    def work(k: int, n: int) -> int:
        if k:
            raise ValueError("hỏng")
        return 0

    with pytest.raises(RuntimeError, match="ValueError: hỏng"):
        fork_map(work, 2)


def test_small_sites_and_threads_stay_in_one_process() -> None:
    assert jobs_for(10) == 1
    # A fresh interpreter has one thread (this one may have the test servers' and Playwright's).
    code = "import os; from generator.core.parallel import jobs_for; print(jobs_for(100_000), min(os.cpu_count() or 1, 4))"
    found, expected = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert found == expected
    release = threading.Event()
    server = threading.Thread(target=release.wait)  # like `mkdocs serve`'s server thread: forking would copy its locks
    server.start()
    try:
        assert jobs_for(100_000) == 1
    finally:
        release.set()
        server.join()
