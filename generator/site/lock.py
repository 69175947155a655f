"""One build at a time per output folder and per site_src/: an exclusive lock on a file beside it.

The lock is `fcntl.flock` on an open file, which the kernel releases when the process ends however it
ends (a kill -9 included): a lock left by a killed build is simply taken by the next one, never obeyed
forever. A second build does not wait: it stops at once with a message naming the holder and exit 1, so
a script or a clerk never sits behind a `bontot serve` that runs all day, and the published site is
never a mix of two data sets.

The lock file is removed by the holder before it lets go. One that opened the file just before that
finds, once it holds the lock, that the path now names another file (or none), and starts over.
Within one process a lock already held is held again, not fought over (the MkDocs hook and the build
may ask for the same one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import DataError, Level, Problem, display_path

try:
    import fcntl
except ImportError:  # Windows: no build lock (the office builds on one machine, one build at a time)
    fcntl = None  # type: ignore[assignment]

DOCS_LOCK = ".bontot-lock"  # inside site_src/ (MkDocs leaves dot files out of the site)


@dataclass
class _Held:
    fd: int
    count: int


_held: dict[Path, _Held] = {}


def lock_path_for_output(out_dir: Path) -> Path:
    """`.site.lock` beside `site/`: the output folder itself is replaced by every build."""
    out = out_dir.resolve()
    return out.with_name(f".{out.name}.lock")


def lock_path_for_docs(docs_dir: Path) -> Path:
    """`site_src/.bontot-lock`."""
    return docs_dir.resolve() / DOCS_LOCK


def _holder(path: Path) -> str:
    """Who holds the lock, in words, from what the holder wrote into the file."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(str(info["started"])).astimezone()
        return f"{info['command']}, tiến trình {int(info['pid'])}, bắt đầu lúc {started:%H:%M:%S ngày %d/%m/%Y}"
    except (OSError, ValueError, KeyError, TypeError):
        return "một tiến trình khác"


def _busy(path: Path, what: str) -> DataError:
    return DataError([Problem(
        display_path(path), 1, 1, Level.ERROR,
        f"Đang có một lần xây dựng khác dùng {what} ({_holder(path)}); lần này dừng lại, không ghi hay xóa gì. "
        "Hãy chờ lần kia xong (hoặc dừng bontot serve bằng Ctrl-C) rồi chạy lại. "
        "Nếu tiến trình đó đã bị tắt, khóa đã tự mở: chỉ cần chạy lại.",
        "LOCK",
    )])


def acquire(path: Path, what: str, command: str) -> None:
    """Take the lock at `path` (created if needed) or raise DataError naming its holder. `what`: the folder, in words."""
    path = path.resolve()
    held = _held.get(path)
    if held is not None:
        held.count += 1
        return
    if fcntl is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise _busy(path, what) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed this file as we opened it: lock the new one
    info = {"pid": os.getpid(), "command": command, "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    os.ftruncate(fd, 0)
    os.write(fd, (json.dumps(info) + "\n").encode("utf-8"))
    _held[path] = _Held(fd, 1)


def release(path: Path) -> None:
    """Let go of a lock taken by `acquire` (the last of nested holds removes the file, then unlocks)."""
    path = path.resolve()
    held = _held.get(path)
    if held is None:
        return
    held.count -= 1
    if held.count:
        return
    del _held[path]
    with contextlib.suppress(OSError):
        path.unlink()
    os.close(held.fd)


def acquire_all(docs_dir: Path, out_dir: Path | None, command: str) -> list[Path]:
    """Take the locks of `docs_dir` and (unless None) `out_dir`, always in that order; the lock files, for `release_all`."""
    taken: list[Path] = []
    targets = [(lock_path_for_docs(docs_dir), f"thư mục trang {display_path(docs_dir)}")]
    if out_dir is not None:
        targets.append((lock_path_for_output(out_dir), f"thư mục kết quả {display_path(out_dir)}"))
    try:
        for path, what in targets:
            acquire(path, what, command)
            taken.append(path)
    except BaseException:
        release_all(taken)
        raise
    return taken


def release_all(paths: list[Path]) -> None:
    """Let go of the locks `acquire_all` took."""
    for path in reversed(paths):
        release(path)


@contextlib.contextmanager
def build_locks(docs_dir: Path, out_dir: Path | None, command: str) -> Iterator[None]:
    """Hold the locks of `docs_dir` and (unless None) `out_dir` for the block."""
    taken = acquire_all(docs_dir, out_dir, command)
    try:
        yield
    finally:
        release_all(taken)


def command_line() -> str:
    """The running command, as the lock's holder is named to others (`bontot build`, `mkdocs serve`)."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    if name in ("__main__.py", "-m", "-c"):
        name = "bontot"
    words = [name, *[arg for arg in sys.argv[1:2] if not arg.startswith("-")]]
    return " ".join(words)
