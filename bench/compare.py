"""Benchmark, not a test: the same cold build with this tree's code and with an older revision's, in turns.

A move or a refactor must not make the build slower. Timings on a shared machine drift by tens of per cent
within minutes, so the two codes are built alternately on the same demo data (old, new, old, new, ...) and
the table gives the medians and their ratio, which drift affects far less than either figure alone.

    .venv/bin/python bench/compare.py d837a88                      # 2,000 units × 10 years, 3 rounds
    .venv/bin/python bench/compare.py main --units 200 --rounds 5
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from run import PYTHON, ROOT, copy_project, phase_times, run


def export(rev: str, dest: Path) -> Path:
    """The files of `rev` (mkdocs.yml, site_src/, generator/, data/) in `dest`, through `git archive`: no worktree left behind."""
    archive = subprocess.run(["git", "archive", rev, "mkdocs.yml", "site_src", "generator", "data"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def current(dest: Path) -> Path:
    """This tree's project (bench/run.py `copy_project`) and its data/ in `dest` (the demo reads data/'s rulebook)."""
    copy_project(dest)
    shutil.copytree(ROOT / "data", dest / "data")
    return dest


def cold_build(source: Path, work: Path, data: Path, label: str) -> tuple[float, float, dict[str, float]]:
    """One cold build of `data` with the code in `source` (a fresh copy, so nothing is reused); wall, CPU, phases."""
    project = work / label
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(source, project)
    result = run([PYTHON, "-m", "generator", "build", "--data", str(data), "--out", str(project / "site")], cwd=project)
    if result.code != 0:
        sys.exit(f"{label}: build failed\n" + "\n".join(result.lines[-20:]))
    return result.seconds, result.cpu, phase_times(result.lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the older revision (a commit, branch or tag)")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bontot-compare-") as tmp:
        work = Path(tmp)
        old, new = export(args.rev, work / "old-src"), current(work / "new-src")
        data = work / "demo"
        made = run([PYTHON, "-m", "generator", "demo", "--units", str(args.units), "--years", str(args.years), "--out", str(data)],
                   cwd=new)
        if made.code != 0:
            sys.exit("demo failed\n" + "\n".join(made.lines[-20:]))
        times: dict[str, list[tuple[float, float, dict[str, float]]]] = {"old": [], "new": []}
        for round_ in range(args.rounds):
            for label, source in (("old", old), ("new", new)) if round_ % 2 == 0 else (("new", new), ("old", old)):
                times[label].append(cold_build(source, work, data, label))
                wall, cpu, _ = times[label][-1]
                print(f"  round {round_ + 1} {label}: {wall:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr, flush=True)
    print(f"Cold build, {args.units:,} units × {args.years} years, {args.rounds} rounds each, alternating; medians")
    print("| code | wall s | CPU s | check s | generate s | MkDocs s |\n|---|---|---|---|---|---|")
    medians = {}
    for label, name in (("old", args.rev), ("new", "this tree")):
        runs = times[label]
        med = [statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)]
        phases = [statistics.median(r[2].get(p, 0.0) for r in runs) for p in ("check", "generate", "mkdocs")]
        medians[label] = med
        print(f"| {name} | {med[0]:.1f} | {med[1]:.1f} | " + " | ".join(f"{p:.1f}" for p in phases) + " |")
    print(f"\nratio this tree / {args.rev}: wall {medians['new'][0] / medians['old'][0]:.2f}, "
          f"CPU {medians['new'][1] / medians['old'][1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
