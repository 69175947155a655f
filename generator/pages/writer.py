"""Write generated pages into site_src/ without ever touching a hand-written file.

The manifest (`site_src/.bontot-manifest.json`) records each generated file and the hash of what
was written. A file not in the manifest is hand-written and is never overwritten or deleted; a
generated file whose content no longer matches its hash was edited by hand and is reported.
Unchanged files are not rewritten, so a no-op run writes nothing.

The manifest is written ahead: before the first page is replaced, it lists under `pending` the hash
of every page about to be written. A build killed half way (kill -9, power cut) leaves each of those
files either as it was or as this build wrote it, and both hashes are in the manifest, so the next
build knows them for its own and unedited (a mark kept beside the file rather than in it: downloads,
feeds and redirect pages cannot carry one). A file whose content matches neither was edited by hand.

To know a file's content without reading it, the manifest also keeps each file's size and modification time
(`stat`) as last seen, and when it saw them (`seen`). A file whose size and time are unchanged, and whose time
was already in the past when seen, is taken to hold what the manifest says, as git does with its index; any
other file is read and hashed. On a file system that keeps whole seconds only (FAT, old HFS+), a file changed
in the same second as it was seen could keep its time, so there the time must be `RACY_NS` older. At 2,000
units this spares reading 4,485 files on every build.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.core.atomicwrite import temp_name, write_atomically
from generator.core.problems import Level, Problem, display_path

MANIFEST = ".bontot-manifest.json"
RACY_NS = 2_000_000_000  # with whole-second times, a file changed this close to being seen may keep its time


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entries(data: object, key: str) -> dict[str, str]:
    files = data.get(key, {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in files.items() if _inside(str(k))} if isinstance(files, dict) else {}


def _read_journal(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(files, pending): what the last build left, and what a build killed while writing was about to write."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    return _entries(data, "files"), _entries(data, "pending")


def _read_manifest(root: Path) -> dict[str, str]:
    return _read_journal(root)[0]


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def trusted(root: Path) -> dict[str, str]:
    """The recorded hash of every generated file whose size and time show it unchanged since it was last seen
    (see the module's docstring); the other files are left out."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files, stats, seen = _entries(data, "files"), data.get("stat"), data.get("seen")
    if not isinstance(stats, dict) or not isinstance(seen, int):
        return {}
    found: dict[str, str] = {}
    for rel, digest in files.items():
        recorded = stats.get(rel)
        if not (isinstance(recorded, list) and len(recorded) == 2 and isinstance(recorded[1], int)):
            continue
        if recorded[1] >= seen - (RACY_NS if recorded[1] % 1_000_000_000 == 0 else 0):
            continue
        if _stat(root / rel) == (recorded[0], recorded[1]):
            found[rel] = digest
    return found


def generated_files(root: Path) -> list[str]:
    """The generated files the manifest records (paths below `root`)."""
    return sorted(_read_manifest(root))


def _write_manifest(root: Path, files: dict[str, str], pending: dict[str, str], stats: bool = False) -> None:
    """`stats`: also record each file's size and time, for `trusted` (only once every write is done)."""
    document: dict[str, object] = {"generator": "bontot", "files": files}
    if pending:
        document["pending"] = pending
    if stats:
        document["seen"] = time.time_ns()
        document["stat"] = {rel: list(st) for rel in files if (st := _stat(root / rel)) is not None}
    _atomic_write(root / MANIFEST, (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8"))


_temp_name = temp_name


def stray_temps(root: Path, extra: tuple[str, ...] = ()) -> list[Path]:
    """Temporary files a killed build left beside the generated files of `root` (and beside `extra` files).
    Each folder is listed once rather than each file's temporary name looked up (4,485 files sit in ~20 folders)."""
    files, pending = _read_journal(root)
    by_folder: dict[str, set[str]] = {}
    for rel in {*files, *pending, MANIFEST, *extra}:
        folder, _, name = rel.rpartition("/")
        by_folder.setdefault(folder, set()).add(_temp_name(Path(name)).name)
    found = []
    for folder, temps in sorted(by_folder.items()):
        try:
            with os.scandir(root / folder) as entries:
                found += [Path(entry.path) for entry in entries if entry.name in temps and entry.is_file()]
        except OSError:
            continue  # no such folder: nothing left in it
    return sorted(found)


def _inside(rel: str) -> bool:
    """A manifest entry names a file below the root: an edited manifest must never make us delete `../data/...`."""
    return bool(rel) and "\\" not in rel and not rel.startswith("/") and ".." not in rel.split("/")


_atomic_write = write_atomically  # by its module name: tests/test_writer_kill.py stops a build inside it


def _blocker(root: Path, rel: str) -> Path | None:
    """A file standing where a generated folder must go, or a folder where a generated file must go."""
    current = root
    for part in PurePosixPath(rel).parts[:-1]:
        current = current / part
        if not current.exists():
            return None
        if not current.is_dir():
            return current
    path = root / rel
    return path if path.is_dir() else None


def _ours(path: Path, known: set[str], unchanged: str | None = None) -> str | None:
    """The file's hash when it is one this generator wrote (a hash in `known`), else None. `unchanged`: its hash
    when its size and time show it unchanged (`trusted`), so it need not be read."""
    digest = unchanged if unchanged is not None else _digest(path.read_bytes())
    return digest if digest in known else None


def _plan(root: Path, files: Mapping[str, bytes], kept: Mapping[str, str] = {}) -> tuple[WriteReport, dict[str, str]]:
    """Problems, and the hash of every generated file now on disk (recorded, or pending after a killed build).
    `kept`: files known unchanged on disk (from `trusted`), with their hashes."""
    report = WriteReport()
    manifest, pending = _read_journal(root)
    seen = trusted(root)
    on_disk: dict[str, str] = {}
    blockers: set[Path] = set()

    def known(rel: str) -> set[str]:
        return {digest for digest in (manifest.get(rel), pending.get(rel)) if digest}

    for rel in sorted(files):
        if (digest := seen.get(rel)) is not None and digest in known(rel):  # on disk as written: nothing blocks it
            on_disk[rel] = digest
            continue
        path = root / rel
        blocker = _blocker(root, rel)
        if blocker is not None:
            if blocker in blockers:
                continue
            blockers.add(blocker)
            report.problems.append(Problem(
                display_path(blocker), 1, 1, Level.ERROR,
                f"Ở đây là {'một thư mục' if blocker.is_dir() else 'một tệp'} nhưng trang sinh tự động cần "
                f"{'một tệp' if blocker == path else 'một thư mục'} để ghi {rel}; không có gì được ghi. "
                "Hãy đổi tên hoặc chuyển nó ra chỗ khác rồi chạy lại.",
                "WRITE",
            ))
            continue
        if not path.exists():
            continue
        if not known(rel):
            report.problems.append(Problem(
                display_path(path), 1, 1, Level.ERROR,
                "Tệp này do người viết tay nhưng nằm đúng chỗ một trang được sinh tự động; trang sinh ra không ghi đè lên nó. "
                "Hãy đổi tên hoặc chuyển tệp ra khỏi thư mục này (các thư mục sinh tự động: xem README).",
                "WRITE",
            ))
        elif (digest := _ours(path, known(rel), seen.get(rel))) is None:
            report.problems.append(Problem(
                display_path(path), 1, 1, Level.ERROR,
                "Tệp sinh tự động này đã bị sửa tay; lần xây dựng này sẽ không ghi đè để không mất nội dung. "
                "Hãy chép phần sửa sang dữ liệu trong data/ (hoặc sang một trang viết tay ngoài các thư mục sinh tự động), "
                "rồi xóa tệp này để nó được sinh lại.",
                "WRITE",
            ))
        else:
            on_disk[rel] = digest
    on_disk.update(kept)
    for rel in sorted((set(manifest) | set(pending)) - set(files) - set(kept)):
        path = root / rel
        if not path.exists():
            continue
        if (digest := _ours(path, known(rel), seen.get(rel))) is None:
            report.problems.append(Problem(
                display_path(path), 1, 1, Level.ERROR,
                "Trang này không còn trong dữ liệu nhưng đã bị sửa tay nên không bị xóa; hãy chép phần cần giữ ra chỗ khác rồi xóa tệp.",
                "WRITE",
            ))
        else:
            on_disk[rel] = digest
    return report, on_disk


def plan_writes(root: Path, files: dict[str, bytes]) -> WriteReport:
    """Check ownership of every target before anything is written; problems mean nothing is written."""
    return _plan(root, files)[0]


def _remove(root: Path, rel: str) -> None:
    path = root / rel
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def write_pages(root: Path, files: Mapping[str, bytes], kept: Mapping[str, str] = {}) -> WriteReport:
    """Write changed pages, remove pages of removed records, keep the manifest. Raises nothing on data.
    `kept`: generated files that stay as they are, with their hashes (what `trusted` found unchanged on disk)."""
    report, on_disk = _plan(root, files, kept)
    if report.problems:
        return report
    manifest, pending = _read_journal(root)
    digests = {rel: _digest(data) for rel, data in files.items()}
    changed = sorted(rel for rel in files if on_disk.get(rel) != digests[rel])
    gone = sorted(set(on_disk) - set(files) - set(kept))
    report.unchanged = len(files) + len(kept) - len(changed)
    if not changed and not gone:
        if on_disk != manifest or pending or len(trusted(root)) < len(on_disk):
            _write_manifest(root, on_disk, {}, stats=True)
        return report
    # Written ahead (see the module's docstring): from here on, a kill leaves nothing the next build cannot explain.
    ahead = {rel: digests[rel] for rel in changed}
    _write_manifest(root, on_disk, ahead)
    try:
        for rel in changed:
            _atomic_write(root / rel, files[rel])
            on_disk[rel] = digests[rel]
            report.written.append(rel)
        for rel in gone:
            _remove(root, rel)
            del on_disk[rel]
            report.removed.append(rel)
    finally:
        # What is on disk, kept true even when a write fails half way (disk full, permissions) or is interrupted.
        left = {rel: d for rel, d in ahead.items() if on_disk.get(rel) != d}
        _write_manifest(root, on_disk, left, stats=not left)
    return report
