"""Remember on disk what slow, pure steps made from the same bytes: a reread data file's records and line numbers,
a download rebuilt from the same rows. An edit then costs what it changes (issue 20).

`memoized(kind, key, compute)` returns `compute()`, or what it returned before for the same `kind` and `key`
bytes. An entry is named by a hash of the kind, the key and the code key: every file of the generator package
and the installed libraries (generator/core/codekey.py), so a changed reader or writer never reuses an old
answer. Nothing is remembered outside `memo_in(folder)` (`bontot check` keeps nothing); `bontot build` and
`bontot serve` use .bontot-cache/ beside mkdocs.yml: outside site_src/ and site/, so the writer, MkDocs and the
checks that a failed build changed nothing there never see it.

An entry is written to a temporary name and renamed, so a killed build leaves a whole entry or none; one that
cannot be read is computed again. At the end of `memo_in` every entry this run did not use, and any stray
temporary file, is removed: the folder holds what the current data needs and no more. A step that raises is
not remembered, so an error is found and reported again on every run.

The entries are pickles: they are read back only from the project's own folder, written by the same code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from generator.core import codekey

T = TypeVar("T")
FOLDER = ".bontot-cache"
_folder: Path | None = None


def code_key() -> bytes:
    """A hash of the generator's code and templates, and of the installed libraries (generator/core/codekey.py)."""
    return codekey.code_digest() + codekey.libraries_digest()


def folder() -> Path | None:
    """The folder results are remembered in now, or None."""
    return _folder


@contextlib.contextmanager
def memo_in(where: Path) -> Iterator[None]:
    """Remember in `where` while the block runs; afterwards remove what the block did not use."""
    global _folder
    previous, _folder = _folder, where
    started = time.time() - 2  # coarse file system clocks: an entry used now is never older than this
    try:
        yield
    finally:
        _folder = previous
        _prune(where, started)


def _prune(where: Path, started: float) -> None:
    try:
        entries = list(os.scandir(where))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < started:
                os.unlink(entry.path)
        except OSError:
            pass  # another build removed it first, or the folder is read-only: it is only a cache


def memoized(kind: str, key: bytes, compute: Callable[[], T]) -> T:
    """`compute()`, or its remembered result for the same `kind` and `key` (see the module docstring)."""
    where = _folder
    if where is None:
        return compute()
    name = hashlib.sha256(code_key() + kind.encode() + b"\0" + key).hexdigest()
    entry = where / f"{kind}-{name}.pickle"
    try:
        with open(entry, "rb") as f:
            value: T = pickle.load(f)
        os.utime(entry)  # used by this run: kept by the pruning at its end
        return value
    except Exception:  # none yet, or a damaged one (a full disk, an old pickle): computed again
        pass
    value = compute()
    try:
        where.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=where)
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass  # no room or no right to write: the build goes on without remembering
    return value
