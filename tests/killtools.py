"""Helpers for tests that run, stop and kill real builds: processes, /proc, file trees by hash."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start(project: Path, *args: str, env: dict[str, str] | None = None, group: bool = False) -> subprocess.Popen[str]:
    """`python -m generator ARGS` in `project`, stdout and stderr piped; `group`: in a process group of its own,
    as a terminal runs a command (a Ctrl-C then reaches the whole group)."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", errors="replace", env={**os.environ, **(env or {})}, process_group=0 if group else None,
    )


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `project`, to the end."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=600, check=False)


def wait_for_line(proc: subprocess.Popen[str], marker: str, seen: list[str]) -> bool:
    """Read the process's stderr until a line contains `marker` (True) or the stream ends (False)."""
    assert proc.stderr is not None
    for line in proc.stderr:
        seen.append(line)
        if marker in line:
            return True
    return False


def processes_mentioning(text: str) -> list[int]:
    """Live processes (zombies have no command line) whose command line contains `text`, this one excepted."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(int(entry.name))
    return found


def survivors(text: str, grace: float = 30.0) -> list[int]:
    """Processes mentioning `text` that are still alive after `grace` seconds (a generous bound: a worker killed
    by the kernel is gone in milliseconds; one left running is still there)."""
    deadline = time.monotonic() + grace
    while True:
        alive = processes_mentioning(text)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def kill_all(pids: list[int]) -> None:
    """Clean up after a failed check: kill what a test found still running."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256 of its bytes): two sites compared byte for byte."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    """Everything a build may leave behind by mistake: staging and old folders, lock files, writer temp files."""
    found = [p.name for p in project.iterdir() if p.name.startswith((".site.", ".site-", ".out."))]
    site_src = project / "site_src"
    found += [str(p.relative_to(project)) for p in site_src.rglob(".*") if p.name.endswith(".tmp") or p.name == ".bontot-lock"]
    return sorted(found)
