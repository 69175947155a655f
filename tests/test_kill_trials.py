"""SIGKILL at random points of each phase of a real build (check, generate, MkDocs, swap), with one process and with
several: site/ is always the old site or the new one, byte for byte; the next build succeeds with no manual step and
leaves nothing behind; no worker process survives. Seeded: a failure names its trial, and the same seed repeats it.

Where a kill lands depends on the machine's speed (the delays come from a first timed build); every outcome must
hold wherever it lands, and the table printed at the end says which phase each kill reached."""

from __future__ import annotations

import random
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from killtools import file_hashes, kill_all, leftovers, run, start, survivors
from sitetools import copy_project

SEED = 1414
TRIALS = 20
PHASES = ("check", "generate", "mkdocs", "swap")
# The line that ends each phase on stderr (generator/site/build.py).
MARKERS = {"generate": "Kiểm tra dữ liệu:", "mkdocs": "Sinh trang:", "swap": "MkDocs: xây dựng xong", "done": "Xong:"}


@dataclass
class Timed:
    """A build's stderr lines with the time each arrived, from the start of the process."""

    proc: subprocess.Popen[str]
    started: float = field(default_factory=time.monotonic)
    lines: list[tuple[float, str]] = field(default_factory=list)
    seen: dict[str, threading.Event] = field(default_factory=lambda: {m: threading.Event() for m in MARKERS})

    def __post_init__(self) -> None:
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append((time.monotonic() - self.started, line))
            for phase, marker in MARKERS.items():
                if line.startswith(marker):
                    self.seen[phase].set()

    def at(self, phase: str) -> float:
        return next(t for t, line in self.lines if line.startswith(MARKERS[phase]))

    def reached(self) -> str:
        """The phase the build was in when it stopped."""
        return next((p for p in ("done", "swap", "mkdocs") if self.seen[p].is_set()), "check or generate")


def _windows(project: Path) -> dict[str, tuple[float, float]]:
    """Build the data as it is, and each phase's time window in that build: check and generate from the process
    start (their own durations are in the log line), MkDocs and the swap from the line that starts them."""
    build = Timed(start(project, "build", "--out", str(project / "site")))
    assert build.proc.wait(timeout=600) == 0
    build.reader.join()
    text = "".join(line for _, line in build.lines)
    check_s, render_s = (float(x) for x in re.findall(r"\((\d+\.\d) giây\)", text)[:2])
    generated = build.at("generate")
    return {"check": (max(0.0, generated - render_s - check_s), generated - render_s), "generate": (generated - render_s, generated),
            "mkdocs": (0.0, build.at("swap") - build.at("mkdocs")), "swap": (0.0, build.at("done") - build.at("swap"))}


@pytest.mark.slow
def test_builds_killed_at_random_points_lose_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    units = project / "data" / "units.yaml"
    versions = [units.read_text(encoding="utf-8")]
    versions.append(versions[0].replace("Chi bộ Phân xưởng Sửa chữa", "Chi bộ Sửa chữa Cơ điện", 1))
    assert run(project, "build").returncode == 0
    expected = [file_hashes(project / "site")]
    units.write_text(versions[1], encoding="utf-8")
    windows = _windows(project)  # a build that regenerates pages, as every trial's does
    expected.append(file_hashes(project / "site"))
    assert expected[0] != expected[1]
    rng = random.Random(SEED)
    table = []
    for trial in range(TRIALS):
        phase, jobs = PHASES[trial % len(PHASES)], 1 + (trial // len(PHASES)) % 2
        new = trial % 2  # site/ holds version 1 - new before the trial
        units.write_text(versions[new], encoding="utf-8")
        low, high = windows[phase]
        delay = rng.uniform(low, high)
        build = Timed(start(project, "build", "--jobs", str(jobs), "--out", str(project / "site")))
        if phase in ("mkdocs", "swap"):
            build.seen[phase].wait(timeout=600)
            time.sleep(delay)
        else:
            time.sleep(max(0.0, delay - (time.monotonic() - build.started)))
        build.proc.kill()
        build.proc.wait()
        build.reader.join()
        where = f"trial {trial} (seed {SEED}): kill in {phase} at +{delay:.2f} s, --jobs {jobs}, reached {build.reached()}"
        left = survivors(str(project))
        kill_all(left)
        assert left == [], f"{where}: worker processes survived"
        site = file_hashes(project / "site") if (project / "site").is_dir() else None
        assert site in (expected[1 - new], expected[new]), f"{where}: site/ is neither the old site nor the new one"
        after = run(project, "build", "--jobs", str(jobs), "--out", str(project / "site"))
        assert after.returncode == 0, f"{where}: the next build failed\n{after.stdout}{after.stderr}"
        assert file_hashes(project / "site") == expected[new], f"{where}: the next build's site differs"
        assert leftovers(project) == [], f"{where}: left behind"
        cleaned = "Dọn phần còn lại" in after.stderr
        table.append((trial, phase, jobs, f"{delay:.2f}", build.reached(), "new" if site == expected[new] else "old", cleaned))
    with capsys.disabled():
        print(f"\n{TRIALS} kills (seed {SEED}): trial, aimed at, --jobs, delay s, reached, site/ after the kill, leftovers cleaned")
        for row in table:
            print("  ", *row)
