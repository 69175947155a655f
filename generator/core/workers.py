"""Worker processes die with the build that started them, and leave signals to it.

A build killed with kill -9 cannot stop its workers itself. On Linux each worker asks the kernel for
SIGKILL when its parent ends (prctl PR_SET_PDEATHSIG), then checks that the parent has not already
ended before it asked. Workers ignore Ctrl-C, which a terminal sends to every process of the command:
the build stops them itself, so the reader sees one message and no worker's traceback.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import Any

PARENT_ENV = "BONTOT_PARENT"  # the pid a MkDocs worker must outlive no longer (generator/site/shards.py)
_PR_SET_PDEATHSIG = 1


def _prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    function.restype = ctypes.c_int
    return function


_PRCTL = _prctl()  # looked up before any fork, so a forked child only makes the call


def become_worker(parent: int) -> None:
    """In a worker process: ignore Ctrl-C, take the default action on SIGTERM, and die with `parent`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before we asked: nobody is waiting for this work
        os._exit(1)


def parent_from_env() -> int | None:
    """The parent's pid that generator/site/shards.py passes to a MkDocs worker, if any."""
    try:
        return int(os.environ[PARENT_ENV])
    except (KeyError, ValueError):
        return None
