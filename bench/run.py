"""Benchmark, not a test: build `bontot demo` data of several sizes and print one table (`make bench`).

Each size is built with `bontot build --data DEMO --out SITE` in a throwaway project (mkdocs.yml, the
hand-written part of site_src/, a copy of generator/), so the repository's site_src/ never fills
with generated pages. Every build runs in a child process; its peak RSS comes from os.wait4, the
per-child form of getrusage(RUSAGE_CHILDREN). At the no-op size the pages are generated a second
time (nothing may be written), and at the stock size the same Markdown is built again with a stock
MkDocs config (auto nav, navigation.prune) for comparison.

    .venv/bin/python bench/run.py                       # 200, 2,000 and 20,000 units × 10 years
    .venv/bin/python bench/run.py --sizes 200,2000      # a quicker run
    .venv/bin/python bench/run.py --write-doc           # also rewrite the table in docs/performance.md
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from edits import bench_edits
from edits import line as edit_line

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GENERATED = {"index.md", "tieu-chi", "don-vi", "nam", "khen-thuong", "van-ban", "thong-ke", "du-lieu", ".bontot-manifest.json",
             "bao-cao", ".bontot-stamp.json", ".bontot-built.json"}
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PHASES = {"check": r"^Kiểm tra dữ liệu: .*\(([\d.]+) giây\)", "generate": r"^Sinh trang: .*\(([\d.]+) giây\)",
          "mkdocs": r"^MkDocs: xây dựng xong \(([\d.]+) giây\)"}


@dataclass
class Run:
    """What one child process did: wall time, peak RSS, exit code and its stderr lines."""

    seconds: float
    cpu: float  # user + system seconds of the child and its children
    rss_mb: float
    code: int
    lines: list[str] = field(default_factory=list)


def run(cmd: list[str], cwd: Path, echo: str = "", env: dict[str, str] | None = None) -> Run:
    """Run `cmd`, stream its stderr with a prefix, and return its own peak RSS (os.wait4)."""
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine, whose Python keeps the compiled modules
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            if echo:
                print(f"  {echo} | {line.rstrip()}", file=sys.stderr, flush=True)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, lines)


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, the hand-written part of site_src/, and a copy of the generator."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    src = ROOT / "site_src"
    shutil.copytree(src, dest / "site_src", ignore=lambda d, names: [n for n in names if Path(d) == src and n in GENERATED])
    # A copy, not a symlink: other work on the tree during a long run must not change the code mid-benchmark.
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def count_records(data: Path) -> int:
    """Units, assessments, decisions and documents, counted from the text (the demo writes one item per `  - ` line)."""
    def items(path: Path, key: str) -> int:
        return path.read_text(encoding="utf-8").count(f"\n  - {key}: ")

    assessments = sum(items(p, "unit") for p in (data / "assessments").glob("*.yaml"))
    decisions = len(list((data / "decisions").glob("*.yaml")))
    return items(data / "units.yaml", "id") + assessments + decisions + items(data / "documents.yaml", "id")


def site_metrics(site: Path, units: int) -> dict[str, float | str]:
    """Pages, size, the largest page, and the search index raw and gzipped."""
    pages = [p for p in site.rglob("*.html") if p.name == "index.html"]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return {
        "pages": len(pages),
        "site_mb": total / 1e6,
        "largest_kb": largest.stat().st_size / 1024,
        "largest": str(largest.parent.relative_to(site)) + "/",
        "index_mb": len(raw) / 1e6,
        "index_gz_mb": len(gzip.compress(raw, 6)) / 1e6,
        "index_per_unit": len(raw) / units,
    }


def phase_times(lines: list[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for name, pattern in PHASES.items():
        for line in lines:
            match = re.search(pattern, line)
            if match:
                found[name] = float(match.group(1))
    return found


NOOP = """
import json, sys, time
from pathlib import Path
from generator.pages.generate import generate
docs = Path("site_src")
before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
start = time.perf_counter()
result = generate(Path(sys.argv[1]), docs)
seconds = time.perf_counter() - start
after = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
changed = sum(1 for p in after if before.get(p) != after[p]) + len(set(before) - set(after))
print(json.dumps({"seconds": seconds, "written": len(result.report.written), "changed": changed}), file=sys.stderr)
"""


def noop(project: Path, data: Path) -> dict[str, float]:
    """A second generate() over unchanged data: how long, and how many files it touched."""
    result = run([PYTHON, "-c", NOOP, str(data)], project)
    found: dict[str, float] = json.loads(result.lines[-1])
    return found | {"wall": result.seconds}


def stock(project: Path, ours_mkdocs: float) -> dict[str, float | str]:
    """The generated Markdown built with a stock config: auto nav, navigation.prune, no hook, no not_in_nav."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = config[config.index("markdown_extensions:"):].split("\nvalidation:")[0]
    (project / "stock.yml").write_text(
        "site_name: Bốn tốt (stock)\ndocs_dir: site_src\nuse_directory_urls: true\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n  features:\n    - navigation.prune\n"
        "plugins:\n  - search:\n      lang: vi\nexclude_docs: |\n  overrides/\n" + extensions + "\n",
        encoding="utf-8",
    )
    site = project / "site-stock"
    result = run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", "stock.yml", "-d", str(site)], project, echo="stock")
    pages = [p for p in site.rglob("*.html") if p.name == "index.html"]
    return {"seconds": result.seconds, "rss_mb": result.rss_mb, "pages": len(pages),
            "largest_kb": max(p.stat().st_size for p in pages) / 1024, "ratio": result.seconds / ours_mkdocs}


def demo_data(work: Path, units: int, years: int, seed: int) -> Path:
    """`bontot demo` data of `units` units in `work`, made once and shared by the benches that need it."""
    data = work / f"demo-{units}"
    if not data.exists():
        made = run([PYTHON, "-m", "generator", "demo", "--units", str(units), "--years", str(years), "--seed", str(seed),
                    "--out", str(data)], ROOT, echo=f"demo {units}")
        if made.code:
            raise SystemExit(f"demo {units} failed")
    return data


def bench_size(work: Path, units: int, years: int, seed: int, do_noop: bool, do_stock: bool, do_edits: bool) -> dict[str, object]:
    data = demo_data(work, units, years, seed)
    project = copy_project(work / f"project-{units}")
    site = project / "site"
    build = run([PYTHON, "-m", "generator", "build", "--data", str(data), "--out", str(site)], project, echo=f"build {units}")
    if build.code:
        raise SystemExit(f"build {units} failed: exit {build.code}")
    row: dict[str, object] = {"units": units, "records": count_records(data), "total": build.seconds, "cpu": build.cpu,
                              "rss_mb": build.rss_mb,
                              **phase_times(build.lines), **site_metrics(site, units)}
    if do_noop:
        row["noop"] = noop(project, data)
    if do_stock:
        row["stock"] = stock(project, float(row.get("mkdocs", build.seconds)))  # type: ignore[arg-type]
    if do_edits:
        row["edits"] = bench_edits(project, data, site)
    return row


def office_bench(work: Path, units: int, years: int, seed: int) -> str:
    """The spreadsheet round trip on the demo data of `units` units (bench/importbench.py)."""
    from importbench import bench_import, line

    data = demo_data(work, units, years, seed)
    result = line(bench_import(work, data, units, years, ROOT))
    print(result, file=sys.stderr)
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "markdown", "pyyaml", "jinja2"))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{len(os.sched_getaffinity(0))} CPU ({cpu}), {mem / 1024 / 1024:.0f} GB RAM, Python {platform.python_version()}, "
            f"{versions}; load average at the end {load}")


def table(rows: list[dict[str, object]]) -> str:
    """One Markdown table, one row per size, plus the no-op and stock comparison lines."""
    def f(value: object, digits: int = 1) -> str:
        return f"{value:,.{digits}f}" if isinstance(value, int | float) else "—"

    head = ("| units × 10 years | records | check s | generate s | MkDocs s | total s | pages | site MB | largest page KB "
            "| search index MB (raw / gzip) | index B per unit page | peak RSS MB | CPU s |")
    lines = [head, "|" + "--:|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            f"| {r['units']:,} | {r['records']:,} | {f(r.get('check'))} | {f(r.get('generate'))} | {f(r.get('mkdocs'))} "
            f"| {f(r['total'])} | {r['pages']:,} | {f(r['site_mb'])} | {f(r['largest_kb'])} ({r['largest']}) "
            f"| {f(r['index_mb'], 2)} / {f(r['index_gz_mb'], 2)} | {f(r['index_per_unit'], 0)} | {f(r['rss_mb'], 0)} | {f(r['cpu'])} |"
        )
    notes = []
    for r in rows:
        if "noop" in r:
            n = r["noop"]
            assert isinstance(n, dict)
            notes.append(f"- No-op regeneration at {r['units']:,} units: generate() {n['seconds']:.2f} s "
                         f"({n['wall']:.2f} s with interpreter start), {n['written']} files written, {n['changed']} files touched.")
        if "stock" in r:
            s = r["stock"]
            assert isinstance(s, dict)
            notes.append(f"- Stock MkDocs config (auto nav, `navigation.prune`) on the same Markdown at {r['units']:,} units: "
                         f"{s['seconds']:.1f} s, {s['pages']:,} pages, largest page {s['largest_kb']:,.0f} KB, peak RSS "
                         f"{s['rss_mb']:,.0f} MB — {s['ratio']:.1f}× our MkDocs phase ({f(r.get('mkdocs'))} s).")
        if "edits" in r:
            e = r["edits"]
            assert isinstance(e, dict)
            notes.append(edit_line(int(str(r["units"])), e))
    return "\n".join([*lines, "", *notes])


def write_doc(text: str) -> None:
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    before, rest = current.split(START, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def search_latency(site: Path, units: int, throttle: float = 4) -> str:
    """bench/search.py's typing latency on a built site (the issue-15 target: results within 1 s of the last
    key, the first search after load within 3 s, at 20,000 units and 4× CPU slowdown)."""
    result = subprocess.run([PYTHON, str(ROOT / "bench" / "search.py"), "--site", str(site), "--latency", f"{throttle:g}",
                             "--no-quality"], capture_output=True, text=True, check=False)
    lines = [f"- Search at {units:,} units: {line}" for line in result.stdout.splitlines() if line.strip()]
    return "\n".join(lines) if result.returncode == 0 else f"- Search at {units:,} units: failed ({result.stderr.strip()[-300:]})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,20000", help="comma-separated unit counts (default: 200,2000,20000)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--noop-size", type=int, default=2000, help="size at which to time a no-op regeneration (0: none)")
    parser.add_argument("--stock-size", type=int, default=2000, help="size at which to build with a stock config (0: none)")
    parser.add_argument("--import-size", type=int, default=2000, help="size at which to time template and import of a workbook (0: none)")
    parser.add_argument("--edit-sizes", default="200,2000", help="sizes at which to time no-op, one-value edit and serve")
    parser.add_argument("--search-size", type=int, default=-1,
                        help="size at which to time typing into the search box, CPU slowed 4× (default: the largest; 0: none)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed at the end)")
    parser.add_argument("--write-doc", action="store_true", help=f"rewrite the table in {DOC.relative_to(ROOT)}")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = args.work or Path(tempfile.mkdtemp(prefix="bontot-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        edits = {int(s) for s in args.edit_sizes.split(",") if s}
        rows = [bench_size(work, n, args.years, args.seed, n == args.noop_size, n == args.stock_size, n in edits) for n in sizes]
        office = office_bench(work, args.import_size, args.years, args.seed) if args.import_size else ""
        search_size = max(sizes, default=0) if args.search_size < 0 else args.search_size
        if search_size in sizes:
            office += f"\n{search_latency(work / f'project-{search_size}' / 'site', search_size)}"
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = f"{table(rows) if rows else ''}\n{office}\n\nMachine: {machine()}.".lstrip("\n")
    print(text)
    if args.write_doc:
        write_doc(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
