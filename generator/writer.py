"""Write generated pages into site_src/ without ever touching a hand-written file.

The manifest (`site_src/.bontot-manifest.json`) records each generated file and the hash of what
was written. A file not in the manifest is hand-written and is never overwritten or deleted; a
generated file whose content no longer matches its hash was edited by hand and is reported.
Unchanged files are not rewritten, so a no-op run writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .problems import Level, Problem, display_path

MANIFEST = ".bontot-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items() if _inside(str(k))} if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _inside(rel: str) -> bool:
    """A manifest entry names a file below the root: an edited manifest must never make us delete `../data/...`."""
    path = PurePosixPath(rel)
    return bool(rel) and "\\" not in rel and not path.is_absolute() and ".." not in path.parts


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


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


def plan_writes(root: Path, files: dict[str, bytes]) -> WriteReport:
    """Check ownership of every target before anything is written; problems mean nothing is written."""
    report = WriteReport()
    manifest = _read_manifest(root)
    blockers: set[Path] = set()
    for rel in sorted(files):
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
        if rel not in manifest:
            report.problems.append(Problem(
                display_path(path), 1, 1, Level.ERROR,
                "Tệp này do người viết tay nhưng nằm đúng chỗ một trang được sinh tự động; trang sinh ra không ghi đè lên nó. "
                "Hãy đổi tên hoặc chuyển tệp ra khỏi thư mục này (các thư mục sinh tự động: xem README).",
                "WRITE",
            ))
        elif _digest(path.read_bytes()) != manifest[rel]:
            report.problems.append(Problem(
                display_path(path), 1, 1, Level.ERROR,
                "Tệp sinh tự động này đã bị sửa tay; lần xây dựng này sẽ không ghi đè để không mất nội dung. "
                "Hãy chép phần sửa sang dữ liệu trong data/ (hoặc sang một trang viết tay ngoài các thư mục sinh tự động), "
                "rồi xóa tệp này để nó được sinh lại.",
                "WRITE",
            ))
    for rel in sorted(set(manifest) - set(files)):
        path = root / rel
        if path.exists() and _digest(path.read_bytes()) != manifest[rel]:
            report.problems.append(Problem(
                display_path(path), 1, 1, Level.ERROR,
                "Trang này không còn trong dữ liệu nhưng đã bị sửa tay nên không bị xóa; hãy chép phần cần giữ ra chỗ khác rồi xóa tệp.",
                "WRITE",
            ))
    return report


def write_pages(root: Path, files: dict[str, bytes]) -> WriteReport:
    """Write changed pages, remove pages of removed records, keep the manifest. Raises nothing on data."""
    report = plan_writes(root, files)
    if report.problems:
        return report
    manifest = _read_manifest(root)
    # What is on disk, kept true even when a write fails half way (disk full, permissions): the files
    # written so far are ours, and must not be taken for hand edits by the next run.
    on_disk = dict(manifest)
    try:
        for rel, data in sorted(files.items()):
            path = root / rel
            digest = _digest(data)
            if manifest.get(rel) == digest and path.exists():
                report.unchanged += 1
                continue
            _atomic_write(path, data)
            on_disk[rel] = digest
            report.written.append(rel)
        for rel in sorted(set(manifest) - set(files)):
            path = root / rel
            if path.exists():
                path.unlink()
                report.removed.append(rel)
                parent = path.parent
                while parent != root and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
            del on_disk[rel]
    finally:
        if on_disk != manifest:
            text = json.dumps({"generator": "bontot", "files": on_disk}, indent=1, sort_keys=True) + "\n"
            _atomic_write(root / MANIFEST, text.encode("utf-8"))
    return report
