"""Publish a freshly built site: the new folder takes the place of the old in one step.

On Linux (glibc 2.28 or later, and a file system that supports it: ext4, xfs, btrfs, tmpfs…)
`renameat2(RENAME_EXCHANGE)` swaps the two folders in one system call, so `site/` is at every moment
either the whole old site or the whole new one, even across a kill or a power cut. Elsewhere (macOS,
Windows, musl, NFS) the old site is first renamed aside and the new one renamed in: two steps with a
moment without `site/` between them; a build killed in that moment leaves the old site in
`.site.old-PID`, which the next build removes (generator/site/leftovers.py).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
from pathlib import Path
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not glibc, or glibc older than 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically. False (nothing changed) where the system cannot; OSError on a real failure."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove_tree(path: Path) -> bool:
    """Delete a folder we made, also one whose permissions were taken away (chmod 555); True when it is gone."""

    def retry(function: Any, target: str, _exc: Any) -> None:
        parent = os.path.dirname(target)
        try:
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
            if os.path.isdir(target) and not os.path.islink(target):
                os.chmod(target, os.stat(target).st_mode | stat.S_IRWXU)
            function(target)
        except OSError:
            pass

    if not os.path.lexists(path):
        return True
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, onerror=retry)
    else:
        path.unlink(missing_ok=True)
    return not os.path.lexists(path)


def publish(staging: Path, out_dir: Path) -> None:
    """Put the site built in `staging` at `out_dir` (one step where the system allows). The old site is then at
    `staging`, for the caller to remove (`remove_tree`), or removed here where no exchange was possible.
    OSError when the swap fails; the old site is then still at `out_dir`."""
    if not os.path.lexists(out_dir):
        os.rename(staging, out_dir)
        return
    if exchange(staging, out_dir):
        return
    # No atomic exchange on this system: two renames, with a moment without out_dir between them.
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except OSError:
        os.rename(old, out_dir)
        raise
    remove_tree(old)
