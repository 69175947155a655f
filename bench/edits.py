"""Benchmark, not a test: what an edit costs (issue 20), in a project bench/run.py has built once.

- no-op: `bontot build` again with nothing changed;
- one-value edit: one unit's name changed in data/units.yaml, then `bontot build` (incremental); then a second
  edit, built the same way (the steady state: the first edit after a full build has no kept old site, site/spare.py).
  A name is the costliest value: it is on the unit's page and its parent's, on every year's page and downloads
  (ten XLSX files of ~2,000 rows), in the decisions and the reports;
- one figure of one assessment (a member's rating in the newest year), then `bontot build`: what entering or
  correcting results costs, the clerk's most frequent edit;
- serve: `bontot serve` started, its CPU over IDLE_SECONDS with nothing changing, then one value edited and
  the time until the unit's page, fetched over HTTP, shows it, and the same for the next save;
- Hugo: its cold build of the same Markdown (bench/hugobench.py), when the `hugo` package (bench extra) or a `hugo` on PATH is there.
"""

from __future__ import annotations

import os
import re
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from hugobench import hugo_cold_build

IDLE_SECONDS = 10.0
PYTHON = sys.executable


def _edit_one_unit(data: Path, suffix: str) -> tuple[str, str]:
    """Append `suffix` to the last unit's name (a cell: its name is on few pages); (its id, the new name)."""
    units = data / "units.yaml"
    text = units.read_text(encoding="utf-8")
    matches = list(re.finditer(r"- id: (\S+)\n(\s+)name: ([^\n]+)", text))
    match = matches[-1] if matches else None
    if match is None:
        raise SystemExit(f"no unit found in {units}")
    name = match.group(3).strip().strip('"') + suffix
    units.write_text(text[:match.start(3)] + f'"{name}"' + text[match.end(3):], encoding="utf-8")
    return match.group(1), name


def _edit_one_assessment(data: Path) -> None:
    """Move one member of the newest year's last assessment between two ratings (HTTNV and HTNV): the statistics and
    the reports change, no verdict does."""
    path = max((data / "assessments").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    matches = list(re.finditer(r"httnv: (\d+), htnv: (\d+)", text))
    if not matches:
        raise SystemExit(f"no member ratings found in {path}")
    match = matches[-1]
    good, fair = int(match.group(1)), int(match.group(2))
    good, fair = (good + 1, fair - 1) if fair > 0 else (good - 1, fair + 1)
    path.write_text(text[:match.start()] + f"httnv: {good}, htnv: {fair}" + text[match.end():], encoding="utf-8")


def _env() -> dict[str, str]:
    """The builds' environment: as a user's, whose Python keeps the compiled modules (this sandbox's does not)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


PHASES = {"check": r"^Kiểm tra dữ liệu: .*\(([\d.]+) giây\)", "generate": r"^Sinh trang: .*\(([\d.]+) giây\)",
          "MkDocs": r"^MkDocs: xây dựng xong \(([\d.]+) giây\)"}


def _build(project: Path, data: Path, site: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, phases as the build logged them) of one `bontot build`: on a shared machine the CPU
    time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "generator", "build", "--data", str(data), "--out", str(site)], cwd=project, check=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    phases = []
    for name, pattern in PHASES.items():
        found = re.search(pattern, done.stderr, re.MULTILINE)
        if found:
            phases.append(f"{name} {found.group(1)}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, ", ".join(phases)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    return None


def _serve(project: Path, data: Path) -> dict[str, float | None]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    proc = subprocess.Popen([PYTHON, "-m", "generator", "serve", "--data", str(data), "--addr", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    try:
        if _wait_for(f"http://127.0.0.1:{port}/", "</html>", 600) is None:
            return {"idle_percent": None, "visible": None}
        time.sleep(2)
        before = _cpu_seconds(proc.pid)
        time.sleep(IDLE_SECONDS)
        idle = (_cpu_seconds(proc.pid) - before) / IDLE_SECONDS * 100
        unit, name = _edit_one_unit(data, " (serve)")
        visible = _wait_for(f"http://127.0.0.1:{port}/don-vi/{unit}/", name, 300)
        time.sleep(2)
        unit, name = _edit_one_unit(data, " (lần 2)")  # the next save: what a clerk editing on sees
        again = _wait_for(f"http://127.0.0.1:{port}/don-vi/{unit}/", name, 300)
        return {"idle_percent": idle, "visible": visible, "visible_again": again}
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def bench_edits(project: Path, data: Path, site: Path) -> dict[str, object]:
    """No-op build, one-value edit build, serve idle CPU and edit-to-visible, in the project bench/run.py built."""
    noop, noop_cpu, _ = _build(project, data, site)
    _edit_one_unit(data, " (sửa)")
    edit, edit_cpu, phases = _build(project, data, site)
    _edit_one_unit(data, " (sửa lại)")  # the next edit: the old site kept by the first is its staging folder
    again, again_cpu, again_phases = _build(project, data, site)
    _edit_one_assessment(data)
    figure, figure_cpu, figure_phases = _build(project, data, site)
    serve = _serve(project, data)
    return {"noop_build": noop, "noop_cpu": noop_cpu, "edit_build": edit, "edit_cpu": edit_cpu, "edit_phases": phases,
            "again_build": again, "again_cpu": again_cpu, "again_phases": again_phases,
            "figure_build": figure, "figure_cpu": figure_cpu, "figure_phases": figure_phases, **serve,
            "hugo": hugo_cold_build(project / "site_src")}


def line(units: int, found: dict[str, object]) -> str:
    """One line of the table's notes."""
    def s(key: str, unit: str = " s") -> str:
        value = found.get(key)
        return f"{value:.1f}{unit}" if isinstance(value, float) else "—"

    return (f"- Edits at {units:,} units: no-op build {s('noop_build')} ({s('noop_cpu')} CPU), one-value edit {s('edit_build')} "
            f"({s('edit_cpu')} CPU, incremental; {found.get('edit_phases') or 'phases not logged'}), the next edit "
            f"{s('again_build')} ({s('again_cpu')} CPU; {found.get('again_phases') or 'phases not logged'}), an assessment's "
            f"figure {s('figure_build')} ({s('figure_cpu')} CPU; {found.get('figure_phases') or 'phases not logged'}), "
            f"serve idle {s('idle_percent', ' %')} of a core, serve edit → visible {s('visible')}, the next save "
            f"{s('visible_again')}; Hugo: {found['hugo']}.")
