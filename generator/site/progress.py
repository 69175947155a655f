"""A progress line during the MkDocs phase, which takes minutes on a large site and is otherwise silent.

MkDocs works in two passes: every page's Markdown becomes HTML, then every page goes through the
theme. The hook ticks once per page in each pass; a line appears only once a pass has run for a
couple of seconds (the sample site builds in one), then at most every few seconds, on one line
that rewrites itself when stderr is a terminal.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from generator.core.viet import number

PASSES = {"markdown": "chuyển Markdown", "theme": "dựng trang HTML"}


class PageProgress:
    """Counts pages through the two passes and prints `MkDocs: dựng trang HTML 1.200/3.000 trang (12 giây)`."""

    def __init__(self, stream: TextIO | None = None, quiet_seconds: float = 2.0, every_seconds: float = 5.0) -> None:
        self.stream = stream
        self.quiet_seconds, self.every_seconds = quiet_seconds, every_seconds
        self.total = 0
        self.phase = ""
        self.done = 0
        self.started = self.shown = 0.0
        self.open_line = False
        self.label = ""

    def start(self, total: int, shard: tuple[int, int] | None = None) -> None:
        """A new build of `total` pages; `shard` (k, n): the k-th of n MkDocs processes (generator/site/shards.py)."""
        self.total, self.phase, self.done = total, "", 0
        self.label = f" — tiến trình {shard[0] + 1}/{shard[1]}" if shard else ""

    def tick(self, phase: str) -> None:
        """One more page done in `phase` (`markdown` or `theme`)."""
        now = time.perf_counter()
        if phase != self.phase:
            self._finish()
            self.phase, self.done, self.started, self.shown = phase, 0, now, now
        self.done += 1
        last = self.done >= self.total
        tty = self._stream().isatty()
        due = now - self.shown >= (0.2 if tty else self.every_seconds)
        if now - self.started >= self.quiet_seconds and (due or last):
            self._show(now, tty)
        if last:
            self._finish()

    def _stream(self) -> TextIO:
        return self.stream or sys.stderr

    def _show(self, now: float, tty: bool) -> None:
        stream = self._stream()
        line = (f"MkDocs: {PASSES.get(self.phase, self.phase)} {number(self.done)}/{number(self.total)} trang "
                f"({now - self.started:.0f} giây){self.label}")
        stream.write(f"\r{line}\x1b[K" if tty else f"{line}\n")
        stream.flush()
        self.shown, self.open_line = now, tty

    def _finish(self) -> None:
        if self.open_line:
            self._stream().write("\n")
            self.open_line = False
