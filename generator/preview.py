"""`bontot serve`: the site as `bontot build` makes it, rebuilt incrementally on every save, reloaded in the browser.

Each rebuild is a `bontot build` (generator/build.py) into a private output folder: the generator skips what
did not change (generator/stamp.py), MkDocs renders only the pages that changed (generator/incremental.py),
and the new site is swapped in, so a request never sees half a site. MkDocs' LiveReloadServer serves that
folder and tells the browser to reload once the rebuild is done; what it watches is set by
generator/servewatch.py (inotify, no generated file). The locks are taken for each rebuild, not while idle.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from . import servewatch, swap
from .problems import DataError, Level, Problem, display_path

log = logging.getLogger("mkdocs.bontot.serve")


def _address(addr: str) -> tuple[str, int]:
    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise DataError([Problem("--addr", 1, 1, Level.ERROR,
                                 f"Địa chỉ “{addr}” không hợp lệ; hãy viết ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8000.", "SERVE")])
    return host, int(port)


def serve(data_dir: Path, config_file: Path, addr: str) -> None:
    """Build once, then serve and rebuild on every change until Ctrl-C. DataError when the first build fails."""
    from mkdocs.livereload import LiveReloadServer

    from .build import _mkdocs_config, build_site

    host, port = _address(addr)
    docs_dir = Path(_mkdocs_config(config_file)["docs_dir"])
    work = Path(tempfile.mkdtemp(prefix="bontot-serve-"))
    site = work / "site"
    served = logging.getLogger("mkdocs.livereload")  # "Serving on …", "Detected file changes"; MkDocs' own INFO lines stay quiet
    served.setLevel(logging.INFO)
    served.addHandler(logging.StreamHandler())

    def rebuild() -> None:
        try:
            for problem in build_site(data_dir, site, config_file):
                print(problem.format(), file=sys.stderr)
        except DataError as exc:
            for problem in exc.problems:
                print(problem.format(), file=sys.stderr)
            print("Trang đang xem là bản dựng trước; sửa lỗi rồi lưu lại để dựng lại.", file=sys.stderr, flush=True)

    try:
        build_site(data_dir, site, config_file)
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site))

        def error_page(code: int) -> bytes | None:
            page = site / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_page
        servewatch.watch_sources(server, config_file, docs_dir, data_dir)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Đã dừng.")
        finally:
            server.shutdown()
    except OSError as exc:
        raise DataError([Problem(display_path(config_file), 1, 1, Level.ERROR,
                                 f"Không mở được máy chủ xem trước tại {addr} ({exc.strerror or exc}).", "SERVE")]) from None
    finally:
        swap.remove_tree(work)
        os.environ.pop("BONTOT_SKIP_GENERATE", None)
