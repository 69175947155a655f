"""`bontot build` and `bontot serve`: generate, then MkDocs. The previous site survives any failure."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.core import memo
from generator.core.problems import DataError, Level, Problem, display_path
from generator.core.viet import number
from generator.outputs.search import report_lines
from generator.pages.generate import generate
from generator.site import incremental, leftovers, lock, navpages, shards, swap
from generator.site.mkdocs_run import known_docs_dir, mkdocs_build, mkdocs_config, remember_docs_dir
from generator.site.spare import Spare


def _restore(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _check_out_dir(out_dir: Path, data_dir: Path, docs_dir: Path, config_file: Path) -> None:
    """Refuse an output folder whose replacement would delete the user's work (data, pages, the project)."""
    out = out_dir.resolve()
    reason = None
    for kept, what in ((data_dir.resolve(), "thư mục dữ liệu"), (docs_dir.resolve(), "thư mục trang viết tay")):
        if out == kept or kept.is_relative_to(out) or out.is_relative_to(kept):
            reason = f"trùng, chứa hoặc nằm trong {what} {display_path(kept)}"
    for kept in (config_file.resolve().parent, Path.cwd().resolve()):
        if kept.is_relative_to(out):
            reason = f"là thư mục dự án {display_path(kept)} hoặc thư mục cha của nó"
    if reason is None and out.exists() and not out.is_dir():
        reason = "là một tệp, không phải thư mục"
    if reason is None and out.is_dir() and any(out.iterdir()) and not (out / "sitemap.xml").is_file():
        reason = "đã có nội dung nhưng không phải trang do lần xây dựng trước tạo ra (không có sitemap.xml)"
    if reason is not None:
        raise DataError([Problem(
            display_path(out_dir), 1, 1, Level.ERROR,
            f"Không xây dựng vào {display_path(out_dir)}: thư mục này {reason}, và nội dung cũ của nó sẽ bị thay toàn bộ. "
            "Hãy chọn bằng --out một thư mục mới hoặc thư mục site/ cũ; không có gì bị ghi hay xóa.",
            "BUILD",
        )])


def build_site(data_dir: Path, out_dir: Path, config_file: Path, jobs: int | None = None, full: bool = False,
               later: list[Path] | None = None) -> list[Problem]:
    """Check and generate, build with MkDocs into a temporary folder, then swap it in. Returns the warnings.

    One build at a time per site_src/ and output folder (generator/site/lock.py); a build first removes what
    killed builds left (generator/site/leftovers.py) and publishes in one step (generator/site/swap.py).
    `jobs`: processes that generate pages and run MkDocs (generator/core/parallel.py, generator/site/shards.py); None: one
    per core for a large site, one for a small one. After a first build only what changed is rebuilt
    (generator/site/incremental.py), nothing at all when nothing changed; `full`: rebuild every page.
    `later`: folders left to remove (the old site after the swap) are added to it instead of removed before returning,
    so that `bontot serve` can show the new site first (generator/site/buildworker.py).
    """
    if not config_file.is_file():
        raise DataError([Problem(display_path(config_file), 1, 1, Level.ERROR, "Không tìm thấy tệp cấu hình MkDocs.", "BUILD")])
    cache = config_file.resolve().parent / memo.FOLDER
    config = None
    docs_dir = known_docs_dir(config_file, cache)
    if docs_dir is None:
        config = mkdocs_config(config_file)
        docs_dir = Path(config["docs_dir"])
    _check_out_dir(out_dir, data_dir, docs_dir, config_file)
    out_dir.resolve().parent.mkdir(parents=True, exist_ok=True)
    with lock.build_locks(docs_dir, out_dir, lock.command_line()):
        line = leftovers.sweep(out_dir, docs_dir)
        if line:
            _log(line)
        warnings = _build_locked(data_dir, out_dir, config_file, docs_dir, config, jobs, full, later)
        if config is not None:  # written only by a build that ran, under its locks
            remember_docs_dir(config_file, cache, docs_dir)
        return warnings


def _build_locked(data_dir: Path, out_dir: Path, config_file: Path, docs_dir: Path, config: Any, jobs: int | None,
                  full: bool, later: list[Path] | None) -> list[Problem]:
    """`config`: MkDocs' configuration, or None when it was not needed yet (loaded here if MkDocs must run)."""
    start = time.perf_counter()
    cache = config_file.resolve().parent / memo.FOLDER
    # --full uses no cache: whatever it generates is computed afresh (generator/core/memo.py)
    result = generate(data_dir, docs_dir, jobs, cache=None if full else cache, fresh=full)
    t = result.timings
    _log(
        f"Kiểm tra dữ liệu: {number(result.summary.units)} đơn vị, {number(result.summary.assessments)} kết quả, "
        f"{number(result.summary.decisions)} quyết định{', không đổi từ lần trước' if result.reused else ''} ({t['check']:.1f} giây)"
    )
    _log(
        f"Sinh trang: {number(result.pages)} tệp, ghi {number(len(result.report.written))}, giữ nguyên {number(result.report.unchanged)}, "
        f"xóa {number(len(result.report.removed))} ({t['render'] + t['write']:.1f} giây)"
    )

    out_dir = out_dir.resolve()
    # Reproducible output: dates in the sitemap come from the data unless the caller asks for another.
    env = {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or str(result.epoch),
           "BONTOT_SKIP_GENERATE": "1", "BONTOT_DATA": str(data_dir.resolve()), incremental.ENV: "",
           incremental.THEME_CACHE: "" if full else str(cache / "theme")}
    warnings = [p for p in result.report.problems if p.level is Level.WARNING]
    del result
    key = incremental.site_key(config_file, out_dir, env["SOURCE_DATE_EPOCH"], data_dir / "site.yaml")
    env[navpages.ENV] = f"{cache / navpages.FOLDER / navpages.NAME}\n{key}"
    step, sources = incremental.plan(docs_dir, out_dir, key, full)
    if step.noop:
        _log(f"MkDocs: không có gì thay đổi từ lần xây dựng trước, {display_path(out_dir)} được giữ nguyên "
             f"({time.perf_counter() - start:.1f} giây)")
        return warnings
    previous = {name: os.environ.get(name) for name in env}
    mkdocs_start = time.perf_counter()
    spare = Spare(config_file.resolve().parent / memo.FOLDER, out_dir)
    kept = None if step.full else spare.take()  # the site before the last build, brought up to date (site/spare.py)
    staging = kept or Path(tempfile.mkdtemp(prefix=leftovers.staging_prefix(out_dir), dir=out_dir.parent))
    replaced: list[str] | None = None
    leftover: Path | None = staging  # removed at the end: a failed build's folder, or after the swap the old site
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a web server running as another user must read the site
        os.environ.update(env)
        full = step.full
        if not full:
            _log(f"MkDocs: xây dựng từng phần, {number(len(step.changed))} tệp nguồn đã đổi (toàn bộ: bontot build --full)")
            try:
                replaced = _build_part(config_file, out_dir, staging, step.changed, copy=kept is None)
            except navpages.NavChanged:
                _log("MkDocs: tiêu đề một trang trong thanh điều hướng đã đổi, mọi trang phải dựng lại: xây dựng toàn bộ")
                full, kept, leftover = True, None, None
                swap.remove_tree(staging)
                staging = leftover = Path(tempfile.mkdtemp(prefix=leftovers.staging_prefix(out_dir), dir=out_dir.parent))
                staging.chmod(0o755)
        if full:
            spare.drop()
            if os.path.lexists(out_dir) and step.full:
                _log(f"MkDocs: xây dựng toàn bộ ({step.reason})")
            if config is None:  # only a full build needs it here, to choose how many processes
                config = mkdocs_config(config_file)
            processes = shards.jobs(jobs, sum(1 for _ in docs_dir.rglob("*.md")), config)
            if processes == 1:
                mkdocs_build(config_file, staging)
            else:
                _log(f"MkDocs: {processes} tiến trình song song")
                merged = shards.run(config_file, staging, processes, env)
                for line in report_lines(merged) if merged else []:
                    _log(line)
        _log(f"MkDocs: xây dựng xong ({time.perf_counter() - mkdocs_start:.1f} giây)")
        swap.publish(staging, out_dir)
        incremental.record(docs_dir, out_dir, key, sources)
        if replaced is not None and os.path.lexists(staging) and spare.keep(staging, replaced):
            leftover = None  # the old site is kept for the next build: nothing to delete
        elif full:
            spare.prime()  # the first incremental build after this one has its staging folder ready
    except (DataError, RuntimeError) as exc:
        detail = exc.problems[0].message if isinstance(exc, DataError) else "MkDocs không xây dựng được trang (xem các dòng trên)"
        raise DataError([Problem(
            display_path(config_file), 1, 1, Level.ERROR,
            f"{detail.rstrip('.')}; trang cũ trong {display_path(out_dir)} được giữ nguyên.", "BUILD",
        )]) from None
    except OSError as exc:
        raise DataError([Problem(
            display_path(out_dir), 1, 1, Level.ERROR,
            f"Không thay được {display_path(out_dir)} bằng trang mới ({exc.strerror or exc}); trang cũ được giữ nguyên. "
            "Nếu đó là một điểm gắn ổ đĩa (mount point) hoặc thư mục không được đổi tên, hãy chọn --out là một thư mục bên trong nó.",
            "BUILD",
        )]) from None
    finally:
        for name, value in previous.items():
            _restore(name, value)
        if leftover is not None and later is None:
            swap.remove_tree(leftover)
        elif leftover is not None and later is not None:
            later.append(leftover)
    _log(f"Xong: {display_path(out_dir)} ({time.perf_counter() - start:.1f} giây)")
    return warnings


def _build_part(config_file: Path, out_dir: Path, staging: Path, changed: list[str], copy: bool) -> list[str]:
    """Render what changed (generator/site/incremental.py) into a folder beside `staging`, then move in the files whose
    bytes differ; the paths moved in. `copy`: `staging` is empty, and a child process fills it with hard links to the
    published site meanwhile (else it holds the published site already, site/spare.py)."""
    work = Path(tempfile.mkdtemp(prefix=leftovers.staging_prefix(out_dir), dir=out_dir.parent))
    links = incremental.LinkCopy(out_dir, staging) if copy else None
    try:
        listing = work / "only.json"
        listing.write_text(json.dumps(changed), encoding="utf-8")
        os.environ[incremental.ENV] = str(listing)
        mkdocs_build(config_file, work / "site")
        incremental.merge_index(out_dir, work / "site")
        if links is not None:
            links.wait()
        return incremental.overlay(work / "site", staging)
    finally:
        os.environ[incremental.ENV] = ""  # a full build may follow (navpages.NavChanged)
        if links is not None:
            links.stop()
        swap.remove_tree(work)
