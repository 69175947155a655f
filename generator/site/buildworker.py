"""The process that builds for `bontot serve`: forked once, before the server starts its threads.

The live-reload server runs the builder in one of its threads, and a process with threads must not fork
(generator/core/parallel.py), so an in-process build could only use one core: at 2,000 units a saved edit
took twice as long to show as `bontot build` took. This worker is forked while `bontot serve` is still
single-threaded and stays alive between builds: each build runs in it exactly as `bontot build` would
(generate in several processes, incremental MkDocs), with the modules already imported.

It inherits the site_src/ lock `bontot serve` holds (generator/site/lock.py counts a held lock again, never
fights it), dies with the server (it waits on a pipe whose other end closes when the server goes), and
sends back the build's warnings, or its problems, or a crash's message.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from generator.core.problems import DataError, Problem
from generator.site.swap import remove_tree


def _loop(conn: Connection, data_dir: Path, site: Path, config_file: Path) -> None:
    from generator.records.dataset import keep_between_loads
    from generator.site.build import build_site

    keep_between_loads()  # an edit re-reads the file it changed, not every file

    while True:
        try:
            if conn.recv() is None:
                return
        except (EOFError, KeyboardInterrupt):  # the server is gone, or stopping
            return
        later: list[Path] = []  # the old site: removed once the server has the new one (its page reloads meanwhile)
        try:
            conn.send(("ok", build_site(data_dir, site, config_file, later=later)))
        except DataError as exc:
            conn.send(("data", exc.problems))
        except KeyboardInterrupt:
            return
        except Exception as exc:  # the server shows it in the browser and goes on
            conn.send(("crash", f"{type(exc).__name__}: {exc}"))
        finally:
            for folder in later:
                remove_tree(folder)
            # Loading freezes what is alive out of the cyclic collector's way (records/dataset.py `_acyclic`): in a
            # process that builds again and again, the last build's garbage (MkDocs' pages and nav refer to each
            # other) would be frozen with it and never freed. Thawed and collected here, after the reply.
            gc.unfreeze()
            gc.collect()


class BuildWorker:
    """`build()` runs `build_site(data_dir, site, config_file)` in the worker process and returns its warnings;
    raises DataError with its problems, or RuntimeError when it crashed or died."""

    def __init__(self, data_dir: Path, site: Path, config_file: Path) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_loop, args=(child, data_dir, site, config_file), daemon=True,
                                        name="bontot-build")
        self._process.start()
        child.close()

    def build(self) -> list[Problem]:
        try:
            self._conn.send(True)
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            raise RuntimeError("tiến trình xây dựng của bontot serve đã dừng; hãy khởi động lại bontot serve") from None
        if kind == "data":
            raise DataError(value)
        if kind == "crash":
            raise RuntimeError(value)
        return list(value)

    def close(self) -> None:
        """Stop the worker: asked politely, then told."""
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._process.join(timeout=30)
        if self._process.is_alive() and self._process.pid is not None:
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.join()
        self._conn.close()
