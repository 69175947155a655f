"""MkDocs in several processes at once: each renders a share of the unit, decision and document pages.

MkDocs renders one page at a time in one process; on a large site that is most of the build (2,000
units: ~3,000 pages, ~7 ms each). `bontot build` therefore starts one MkDocs process per CPU core
(at most MAX_JOBS) once the site has MIN_PAGES pages or more; `--jobs N` chooses. Every process
reads the same configuration and files and renders:

- every page that is not a record page (home, criteria, guidance, the index pages, years, statistics),
  so the navigation, the titles and the links it validates are exactly those of a one-process build;
- its share of the record pages (`don-vi/<id>`, `khen-thuong/<id>`, `van-ban/<id>`), dealt in turn
  in file order; the others are marked excluded for it, which MkDocs still links to without warning;
- and, in the first process only, the static files (theme assets, downloads).

The first process builds into the staging folder; the others into folders beside it, from which only
their record pages are moved in. Their search indexes are merged into one (generator/outputs/search.py sorts
entries by page, so the order does not depend on the split). The result is byte for byte that of one
process (tests/test_shards.py builds the sample both ways). With `site_url` set, MkDocs writes a
sitemap of the pages each process rendered; such a site is built in one process.

The processes run in a process group of their own, so a Ctrl-C in the terminal reaches only the build,
which stops them; they die with the build when it is killed (generator/core/workers.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from generator.core import urls, workers
from generator.outputs.search import INDEX_JSON, Rewritten, finish_index

ENV = "BONTOT_SHARD"  # "k/n" in the environment of the k-th of n MkDocs processes
MIN_PAGES = 800  # below this a second process costs more (~1 s to start MkDocs) than it saves
MAX_JOBS = 4
RECORD_SECTIONS = (urls.UNITS_DIR, urls.DECISIONS_DIR, urls.DOCUMENTS_DIR)


def current() -> tuple[int, int] | None:
    """(k, n) in a shard process, else None."""
    value = os.environ.get(ENV, "")
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        return None
    return (k, n) if 0 <= k < n else None


def is_record(path: str) -> bool:
    """`don-vi/cb-x.md` or `don-vi/cb-x/` (a record page), not `don-vi/index.md` or `don-vi/` (its index)."""
    parts = path.strip("/").split("/")
    return len(parts) == 2 and parts[0] in RECORD_SECTIONS and parts[1] not in ("index.md", "index.html")


def jobs(requested: int | None, pages: int, config: Any) -> int:
    """How many MkDocs processes: as asked, else one per core (at most MAX_JOBS) for a large site."""
    if config.site_url:
        return 1
    if requested:
        return max(1, requested)
    if pages < MIN_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


def take_share(files: Any) -> None:
    """In a shard process (MkDocs' `on_files`): exclude the record pages of the other shards, and in all
    but the first, the static files."""
    from mkdocs.structure.files import InclusionLevel

    shard = current()
    if shard is None:
        return
    k, n = shard
    records = sorted((f for f in files.documentation_pages() if is_record(f.src_uri)), key=lambda f: f.src_uri)
    for index, file in enumerate(records):
        if index % n != k:
            file.inclusion = InclusionLevel.EXCLUDED
    if k:
        for file in files.static_pages():
            file.inclusion = InclusionLevel.EXCLUDED


def run(config_file: Path, staging: Path, n: int, env: dict[str, str]) -> Rewritten | None:
    """Build with n MkDocs processes into `staging` (their output goes to our stderr as it comes); returns
    the merged search index's sizes. RuntimeError when one fails (the others are stopped)."""
    dirs = [staging] + [staging.with_name(f"{staging.name}-{k}") for k in range(1, n)]
    lines: list[str] = []
    lock = threading.Lock()
    procs: list[subprocess.Popen[str]] = []
    try:
        for k, site_dir in enumerate(dirs):
            child_env = {**os.environ, **env, ENV: f"{k}/{n}", workers.PARENT_ENV: str(os.getpid())}
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "generator.site.shards", str(config_file), str(site_dir)],
                env=child_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                process_group=0,
            ))
        return _wait(procs, dirs, lines, lock)
    finally:
        for proc in procs:  # stopped or failed: no MkDocs process outlives this call
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        for site_dir in dirs[1:]:
            shutil.rmtree(site_dir, ignore_errors=True)


def _wait(procs: list[subprocess.Popen[str]], dirs: list[Path], lines: list[str], lock: threading.Lock) -> Rewritten | None:
    def pump(stream: Any) -> None:
        for line in stream:
            with lock:
                lines.append(line.rstrip("\n"))
                sys.stderr.write(line)
                sys.stderr.flush()

    pumps = [threading.Thread(target=pump, args=(p.stderr,), daemon=True) for p in procs]
    for thread in pumps:
        thread.start()
    failed = False
    for proc in procs:
        if proc.wait() != 0 and not failed:
            failed = True
            for other in procs:
                if other.poll() is None:
                    other.terminate()
    for thread in pumps:
        thread.join()
    if failed:
        raise RuntimeError("\n".join(lines[-20:]))
    return merge(dirs[0], dirs[1:])


def merge(staging: Path, others: list[Path]) -> Rewritten | None:
    """Move the record pages the other processes rendered into `staging` and merge the search indexes."""
    docs: list[dict[str, Any]] = []
    index: dict[str, Any] = {}
    if (staging / INDEX_JSON).is_file():
        index = json.loads((staging / INDEX_JSON).read_text(encoding="utf-8"))
        docs = list(index.get("docs", []))
    for other in others:
        for section in RECORD_SECTIONS:
            for page in sorted((other / section).glob("*/index.html")):
                target = staging / section / page.parent.name
                if target.exists():
                    raise RuntimeError(f"{section}/{page.parent.name}/ rendered by two MkDocs processes")
                target.mkdir(parents=True)
                os.replace(page, target / "index.html")
        if (other / INDEX_JSON).is_file():
            theirs = json.loads((other / INDEX_JSON).read_text(encoding="utf-8"))
            docs += [d for d in theirs.get("docs", []) if is_record(str(d.get("location", "")).split("#", 1)[0])]
    return finish_index(staging, {**index, "docs": docs}) if index else None


def main(argv: list[str]) -> int:
    """A shard process: `python -m generator.site.shards MKDOCS_YML SITE_DIR` with BONTOT_SHARD=k/n set."""
    from generator.core.problems import DataError
    from generator.site.mkdocs_run import mkdocs_build

    parent = workers.parent_from_env()
    if parent is not None:
        workers.become_worker(parent)
    config_file, site_dir = Path(argv[0]), Path(argv[1])
    try:
        mkdocs_build(config_file, site_dir)
    except DataError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
