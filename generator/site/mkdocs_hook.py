"""MkDocs hook: plain `mkdocs build` / `mkdocs serve` generate pages from data/ first. It only translates.

`bontot build` generates before calling MkDocs and sets BONTOT_SKIP_GENERATE so the work is not done twice.
Plain `mkdocs build` / `mkdocs serve` take the build locks themselves (generator/site/lock.py): `serve` holds
site_src/'s for as long as it runs, `build` also that of its site folder.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from generator.core.problems import DataError
from generator.outputs.search import INDEX_JSON, completed_index, one_line_entry, report_lines, rewrite_index, search_lead
from generator.pages.generate import generate, site_settings
from generator.site import incremental, lock, navpages, shards, sharedparts
from generator.site.htmlpost import caption_tables, keep_together
from generator.site.progress import PageProgress

log = logging.getLogger("mkdocs.hooks.bontot")
progress = PageProgress()
# Pages the generator keeps out of Material's search (front matter `search: exclude`) and gives one line instead.
search_entries: list[dict[str, Any]] = []
# Pages whose search entry starts with a sentence of their own (front matter `search_lead`), by URL.
search_leads: dict[str, str] = {}


# Set by on_startup, which only the `mkdocs` command calls (not `bontot build`, which holds the locks itself).
# MkDocs loads this module again for every rebuild under `serve`: the locks taken by the first copy stay
# held (generator/site/lock.py keeps them) until that copy's on_shutdown.
_command: str | None = None
_locks: list[Path] = []


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: Any) -> Any:
    if os.environ.get(incremental.ENV):  # an incremental build copies none of the theme's files
        incremental.skip_theme_files(config.theme)
    if _command is None or _locks or os.environ.get("BONTOT_SKIP_GENERATE") == "1":
        return config
    out = None if _command == "serve" else Path(config.site_dir)
    try:
        _locks.extend(lock.acquire_all(Path(config.docs_dir), out, f"mkdocs {_command}"))
    except DataError as exc:
        raise Abort(exc.problems[0].format()) from None
    return config


def on_shutdown() -> None:
    lock.release_all(_locks)
    _locks.clear()


def _data_dir(config: Any) -> Path:
    return Path(config.config_file_path).parent / os.environ.get("BONTOT_DATA", "data")


def on_pre_build(config: Any) -> None:
    data_dir = _data_dir(config)
    if os.environ.get("BONTOT_SKIP_GENERATE") != "1":
        try:
            result = generate(data_dir, Path(config.docs_dir))
        except DataError as exc:
            for problem in exc.problems:
                log.error(problem.format())
            raise Abort(f"Dữ liệu có {len(exc.problems)} lỗi; trang không được xây dựng.") from None
        # Data warnings are the office's to weigh; in strict mode a log warning would stop the build.
        for problem in result.report.problems:
            log.info(problem.format())
        log.info(f"bontot: {result.pages} trang, ghi {len(result.report.written)}, xóa {len(result.report.removed)}")
        # Reproducible output: the sitemap's dates come from the data, not the clock, unless asked otherwise.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(result.epoch))
    site = site_settings(data_dir)
    config.extra["bontot"] = {"sample_data": site.sample_data if site else False}


def on_files(files: Any, config: Any) -> Any:
    shards.take_share(files)  # in one of several MkDocs processes: its share of the record pages
    incremental.take_subset(files, config)  # in an incremental build: only what changed
    progress.start(len(files.documentation_pages()), shard=shards.current())
    search_entries.clear()
    search_leads.clear()
    return files


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    navpages.restore(nav)  # the titles of the nav pages an incremental build leaves out
    sharedparts.reset(nav, files)
    return nav


def on_env(env: Any, config: Any, files: Any) -> Any:
    if os.environ.get(incremental.ENV):  # every page is read and rendered by now: a nav page with a new title
        navpages.check()  # makes this incremental build a full one
    if folder := os.environ.get(incremental.THEME_CACHE):  # set by `bontot build` unless --full (generator/site/build.py)
        import jinja2

        Path(folder).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)  # Material's templates, compiled once
    return sharedparts.install(env, list(config.theme.dirs), config.theme.custom_dir)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    entry = one_line_entry(page.url, page.title, page.meta)
    if entry:
        search_entries.append(entry)
    lead = search_lead(page.meta)
    if lead:
        search_leads[page.url] = lead
    return context


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    progress.tick("markdown")
    # Every table gets a caption for screen readers: the heading above it; symbols, dates and sizes do not
    # break across lines (generator/site/htmlpost.py).
    return keep_together(caption_tables(html, title=str(page.title or "")))


def on_post_page(output: str, page: Any, config: Any) -> str:
    progress.tick("theme")
    return output


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(_data_dir(config)))  # plain `mkdocs serve`; `bontot serve` is generator/site/serve.py
    return server


@event_priority(-50)  # after Material's search plugin (priority 0) has written search/search_index.json
def on_post_build(config: Any) -> None:
    navpages.remember()  # the nav pages' titles, for the next incremental build
    if os.environ.get(incremental.ENV):  # part of a site: generator/site/incremental.py merges and finishes the index
        index = completed_index(Path(config.site_dir), search_entries, search_leads)
        if index is not None:
            (Path(config.site_dir) / INDEX_JSON).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        return
    result = rewrite_index(Path(config.site_dir), search_entries, search_leads)
    if shards.current() is None:  # several processes: `bontot build` reports the merged index
        for line in report_lines(result) if result else []:
            log.info(line)
