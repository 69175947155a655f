"""Ctrl-C (SIGINT) and SIGTERM stop a command the same way: clean-up runs, one short message, no traceback.

Both raise `Stopped` (a KeyboardInterrupt) in the main thread, so every `finally` and `except
BaseException` on the way out removes what it made (staging folders, the lock). A second signal
during that clean-up is ignored: cutting it short is what would leave things behind.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

MESSAGE = "Đã dừng theo yêu cầu; trang đã công bố giữ nguyên, tệp tạm đã được dọn."


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by `signum`."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code(exc: KeyboardInterrupt) -> int:
    """128 + the signal's number, as a shell reports it: 130 for Ctrl-C, 143 for SIGTERM."""
    return 128 + (exc.signum if isinstance(exc, Stopped) else signal.SIGINT)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise Stopped (the first one only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def handler(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, handler) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, action in previous.items():
            signal.signal(signum, action)
