"""Share CPU-bound work between this process and forked copies of it (page generation of large sites).

`fork_map(work, jobs)` runs `work(k, jobs)` for k = 1 … jobs-1 in forked children and k = 0 here,
and returns the results in order of k. A child inherits everything already loaded (the records, the
page planner) without copying or pickling them; only its result travels back, pickled through a pipe.
A child's DataError comes back as the same DataError; anything else as a RuntimeError naming it.

A child dies with this process, and leaves Ctrl-C to it (generator/core/workers.py).

Forking is only safe in a single-threaded process (a lock held by another thread stays held in the
child), so `jobs_for` answers 1 under `mkdocs serve`, on systems without fork, and for small sites.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, Generic, TypeVar

from generator.core import workers
from generator.core.problems import DataError

T = TypeVar("T")
MIN_TASKS = 800  # below this, forking costs more than it saves
MAX_JOBS = 4


def jobs_for(tasks: int) -> int:
    if tasks < MIN_TASKS or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


class Later(Generic[T]):
    """`work()` started in a forked child at once; `result()` waits for it (raising as fork_map does), `cancel()`
    stops it. The caller goes on meanwhile, on the other cores: the rules run beside the page generation."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _child(write, parent, work)
        os.close(write)
        self._child: tuple[int, int] | None = (pid, read)
        self._value: list[T] = []

    def result(self) -> T:
        if self._child is not None:
            pid, read = self._child
            self._child = None
            self._value.append(_collect(pid, read))
        return self._value[0]

    def cancel(self) -> None:
        """Stop the child if its result was not taken (the caller failed first)."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            with contextlib.suppress(OSError):
                os.close(read)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _child(write: int, parent: int, work: Callable[[], object]) -> None:
    """In a forked child: run `work`, send its outcome through `write`, leave without running the parent's cleanup."""
    code = 0
    try:
        workers.become_worker(parent)
        outcome: tuple[str, object] = ("ok", work())
    except DataError as exc:
        outcome = ("data", exc.problems)
    except BaseException as exc:
        outcome = ("crash", f"{type(exc).__name__}: {exc}")
    try:
        with os.fdopen(write, "wb") as out:
            pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        code = 1
    os._exit(code)


def _collect(pid: int, read: int) -> Any:
    """The result a child sent through `read`, once it has ended; its DataError raised again, a crash as RuntimeError."""
    try:
        with os.fdopen(read, "rb", closefd=False) as incoming:
            try:
                kind, value = pickle.load(incoming)
            except EOFError:
                kind, value = "crash", "no result"
    finally:
        os.close(read)
        os.waitpid(pid, 0)
    if kind == "data":
        raise DataError(value)
    if kind != "ok":
        raise RuntimeError(f"a page generation process failed: {value}")
    return value


def fork_map(work: Callable[[int, int], T], jobs: int) -> list[T]:
    """[work(0, jobs), …, work(jobs - 1, jobs)], all but the first in forked children."""
    if jobs <= 1:
        return [work(0, 1)]
    children: list[tuple[int, int]] = []
    parent = os.getpid()
    try:
        for k in range(1, jobs):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: do share k, send it back, leave without running the parent's cleanup
                os.close(read)
                _child(write, parent, partial(work, k, jobs))
            os.close(write)
            children.append((pid, read))
        results = [work(0, jobs)]
        while children:
            pid, read = children[0]
            children.pop(0)
            results.append(_collect(pid, read))
        return results
    finally:
        for pid, read in children:  # failed or stopped first: stop and reap the children not yet read
            with contextlib.suppress(OSError):
                os.close(read)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
