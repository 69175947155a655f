"""Find the files of a data folder, and say so when a folder cannot be read or a link leads outside.

A folder the build cannot list would otherwise look empty, and the site would be published without its
records; a symbolic link that leaves the project would publish (or quote in an error) a file the office
never meant to share. Both are errors with the path, found before any file is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.problems import Level, Problem, display_path

RULE = "DATA"


def _error(path: Path, message: str) -> Problem:
    return Problem(display_path(path), 1, 1, Level.ERROR, message, RULE)


def link_problem(path: Path, root: Path) -> Problem | None:
    """The problem with `path` when it is a symlink that is broken or leads outside `root`; None otherwise.

    Only the link is looked at: the target is never opened, so no message can quote it."""
    try:
        if not path.is_symlink():
            return None
        target = path.resolve()
        exists = target.exists()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links
        return _error(path, f"Không đọc được liên kết (symlink) này ({getattr(exc, 'strerror', None) or exc}); hãy thay nó bằng tệp thật.")
    if not exists:
        return _error(path, f"Liên kết (symlink) này trỏ tới '{target}', nơi không có gì; hãy thay nó bằng tệp thật.")
    if not target.is_relative_to(root.resolve()):
        return _error(
            path,
            f"Liên kết (symlink) này trỏ ra ngoài thư mục '{display_path(root)}' (tới '{target}'), nên không được dùng; "
            "hãy chép tệp vào thư mục thay vì liên kết tới nó.",
        )
    return None


def list_data_files(folder: Path, suffixes: tuple[str, ...], problems: list[Problem], root: Path) -> list[Path]:
    """Every file under `folder` whose name ends with one of `suffixes`, sorted. A folder that does not exist is
    empty; a folder that cannot be listed, and a link that is broken or leaves `root`, is a problem."""
    if not folder.exists() and not folder.is_symlink():
        return []
    if (problem := link_problem(folder, root)) is not None:
        problems.append(problem)
        return []

    def unreadable(exc: OSError) -> None:
        problems.append(_error(
            Path(exc.filename or folder),
            f"Không đọc được thư mục ({exc.strerror}); hãy cho phép đọc và mở thư mục (quyền r và x), "
            "nếu không các tệp trong đó sẽ bị bỏ sót.",
        ))

    found: list[Path] = []
    seen: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=True):
        here = Path(dirpath)
        real = here.resolve()
        if real in seen:  # a link back to a folder already read
            dirnames.clear()
            continue
        seen.add(real)
        for name in sorted(dirnames):
            if (problem := link_problem(here / name, root)) is not None:
                problems.append(problem)
                dirnames.remove(name)
        for name in filenames:
            path = here / name
            if path.suffix not in suffixes:
                continue
            if (problem := link_problem(path, root)) is not None:
                problems.append(problem)
            else:
                found.append(path)
    return sorted(found)


def links_leaving(folder: Path) -> list[Problem]:
    """Every symlink under `folder` (site_src/) that is broken or leads outside it; the targets are not read."""
    problems: list[Problem] = []
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            entries = list(os.scandir(here))
        except OSError as exc:
            problems.append(_error(here, f"Không đọc được thư mục ({exc.strerror}); hãy kiểm tra quyền đọc."))
            continue
        for entry in entries:
            if entry.is_symlink():
                if (problem := link_problem(Path(entry.path), folder)) is not None:
                    problems.append(problem)
            elif entry.is_dir():
                pending.append(Path(entry.path))
    return sorted(problems)
