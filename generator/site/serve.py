"""`bontot serve`: MkDocs' live-reload server over an incremental `bontot build`, with an error page in the browser
while the data or the build is broken.

Each rebuild is `build_site` (generator/site/build.py), run in a worker process forked before the server's threads
start (generator/site/buildworker.py), into the preview's own folder, `.bontot-cache/serve/site/` (kept between runs,
so a restarted preview rebuilds only what changed since it last ran): the generator skips what did not change
(generator/pages/stamp.py), MkDocs renders only the pages that changed (generator/site/incremental.py), and the new site is
swapped in, so a request never sees half a site. What is watched is set by generator/site/servewatch.py (inotify on
data/, mkdocs.yml and the hand-written parts of site_src/; the generator's own writes start no second rebuild).

MkDocs' own `serve` stops at a failed first build and, after a failed rebuild, leaves every request waiting
("the server will appear stuck"). Here a failed build is not an exception to the server: it empties the
preview, and every URL answers with a Vietnamese page that lists the problems (file:line:col). The next good
build bumps the live-reload epoch, so the open page reloads by itself once the data is fixed.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import os
import shutil
import socket
import sys
from pathlib import Path

from generator.core import memo
from generator.core.problems import DataError, Problem
from generator.site import lock, servewatch
from generator.site.buildworker import BuildWorker

log = logging.getLogger("mkdocs.bontot.serve")
PREVIEW = "serve/site"  # the preview's own site, in .bontot-cache/ beside mkdocs.yml


class AddressError(ValueError):
    """--addr cannot be used: a usage error (exit 2)."""


def parse_addr(addr: str) -> tuple[str, int]:
    """`HOST:PORT` as given to --addr. Raises AddressError with a Vietnamese message."""
    host, sep, port_text = addr.rpartition(":")
    host = host.strip("[]")
    example = "hãy ghi dạng địa_chỉ:cổng, ví dụ 127.0.0.1:8000"
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise AddressError(f"địa chỉ --addr '{addr}' không hợp lệ; {example} (cổng từ 1 đến 65535).")
    if host != "localhost":
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise AddressError(f"'{host}' trong --addr '{addr}' không phải địa chỉ IP; {example}.") from None
    return host, int(port_text)


def is_loopback(host: str) -> bool:
    """True when only this computer can reach `host`."""
    return host == "localhost" or ipaddress.ip_address(host).is_loopback


def exposure_warning(host: str, port: int) -> str | None:
    """The warning printed when the preview is reachable from other computers."""
    if is_loopback(host):
        return None
    return (
        f"bontot: cảnh báo: trang xem trước mở cho các máy khác trong mạng ở {host}:{port}; bản xem trước có thể chứa "
        "dữ liệu chưa duyệt. Nếu chỉ xem trên máy này, hãy dùng --addr 127.0.0.1:" + str(port) + "."
    )


def _check_bindable(host: str, port: int) -> None:
    """Raise AddressError when the server could not listen on host:port (taken, or not an address of this computer)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise AddressError(f"không mở được {host}:{port} ({exc.strerror}); hãy chọn cổng khác bằng --addr.") from None


def _problems_of(exc: BaseException) -> list[Problem]:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DataError):
            return seen.problems
        seen = seen.__cause__ or seen.__context__
    return []


def error_page(exc: BaseException) -> bytes:
    """A self-contained Vietnamese page that says what failed and where."""
    problems = _problems_of(exc)
    if problems:
        errors = sum(1 for p in problems if p.level.value == "error")
        lead = f"Dữ liệu có {errors} lỗi, nên trang chưa được xây dựng lại. Hãy sửa các chỗ dưới đây (tệp:dòng:cột):"
        items = "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)
        body = f"<p>{html.escape(lead)}</p><ol>{items}</ol>"
    else:
        message = str(exc) or type(exc).__name__
        body = (
            "<p>Xây dựng trang không thành công. Thông báo của bộ xây dựng:</p>"
            f"<pre>{html.escape(message)}</pre><p>Xem thêm các dòng lỗi trong cửa sổ dòng lệnh đang chạy <code>bontot serve</code>.</p>"
        )
    page = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Lỗi dữ liệu — trang xem trước</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
        "h1{color:#a30000;font-size:1.5rem}code,pre{font-size:.9rem;white-space:pre-wrap;overflow-wrap:anywhere}"
        "li{margin:.4rem 0}.hint{color:#444}</style></head><body><main>"
        "<h1>Trang xem trước chưa cập nhật được</h1>"
        f"{body}"
        '<p class="hint">Trang này tự tải lại khi dữ liệu được sửa xong; không cần khởi động lại <code>bontot serve</code>.</p>'
        "</main></body></html>"
    )
    return page.encode("utf-8")


def _empty(folder: str) -> None:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)


def serve(data_dir: Path, config_file: Path, host: str, port: int) -> None:
    """Live preview: a `bontot build` into the preview's own folder (PREVIEW), rebuilt on every save — incrementally, so only what
    changed is rendered (generator/site/incremental.py) — and reloaded in the browser; problems shown there too.
    Holds the site_src/ lock while it runs: a `bontot build` meanwhile is refused, and the other way round."""
    from generator.site.mkdocs_run import mkdocs_config

    _check_bindable(host, port)  # before the first build, not after it
    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the live-reload server's lines
    for name in ("mkdocs.commands", "mkdocs.structure"):  # not MkDocs' own notes: a line per page left out of a partial build
        logging.getLogger(name).setLevel(logging.WARNING)
    docs_dir = Path(mkdocs_config(config_file)["docs_dir"])
    held = lock.acquire_all(docs_dir, None, "bontot serve")  # DataError (exit 1) when a build holds it
    # Kept between runs (PREVIEW): a restarted preview rebuilds what changed since it last ran, or nothing.
    site = config_file.resolve().parent / memo.FOLDER / PREVIEW
    worker = None
    try:
        site.mkdir(parents=True, exist_ok=True)
        if not (site / "sitemap.xml").is_file():  # emptied half way by a stopped preview: ours to clear
            _empty(str(site))
        # Forked now, while this process has no thread: its builds may fork in turn (generator/site/buildworker.py).
        worker = BuildWorker(data_dir, site, config_file)
        _serve_locked(worker, config_file, docs_dir, data_dir, host, port, site)
    finally:
        if worker is not None:
            worker.close()
        lock.release_all(held)


def _serve_locked(worker: BuildWorker, config_file: Path, docs_dir: Path, data_dir: Path, host: str, port: int, site: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    failure: list[bytes] = []  # the error page while the last build failed

    def builder() -> None:
        try:
            for problem in worker.build():
                print(problem.format(), file=sys.stderr)
        except Exception as exc:  # the browser shows it; the server goes on
            for problem in _problems_of(exc):
                print(problem.format(), file=sys.stderr)
            log.error("bontot: trang xem trước chưa cập nhật được; lỗi hiện trong trình duyệt cho đến khi được sửa.")
            _empty(str(site))
            failure[:] = [error_page(exc)]
        else:
            failure.clear()

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site), mount_path="/")

    def error_handler(code: int) -> bytes | None:
        if failure:
            return bytes(server._inject_js_into_html(failure[0], server._visible_epoch))  # type: ignore[no-untyped-call]
        page = site / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    server.error_handler = error_handler
    if (warning := exposure_warning(host, port)) is not None:
        print(warning, file=sys.stderr, flush=True)
    builder()
    servewatch.watch_sources(server, config_file, docs_dir, data_dir)  # inotify; no generated file
    try:
        server.serve()  # type: ignore[no-untyped-call]
    finally:
        server.shutdown()
