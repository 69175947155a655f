"""Skip checking, rendering and writing when nothing they depend on changed since the last run.

`site_src/.bontot-stamp.json` holds a hash of the inputs (every file under data/, the generator's
code and templates, the versions of the libraries that read, validate and render them, the data
folder and working folder that problem paths are shown relative to), the size and modification time
of every generated file and of the manifest as they were left, and what the check found: its
warnings and the counts the build log prints. When both still match, the pages on disk are exactly
what rendering would produce and the check would find the same warnings, so the run reads, renders
and writes nothing (2,000 units: ~0.1 s instead of ~5 s). Anything else — an edited record, template
or generated file, a damaged manifest, a missing stamp — takes the normal path, where the check and
the writer find and report it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.core import codekey
from generator.core.atomicwrite import write_atomically
from generator.core.problems import Level, Problem
from generator.pages.summary import Summary
from generator.pages.writer import MANIFEST

STAMP = ".bontot-stamp.json"


def inputs_key(data_dir: Path) -> str:
    """A hash of everything the generated files are made from."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        try:
            digest.update(f"{path.relative_to(data_dir).as_posix()}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
        except OSError:  # unreadable: the check that must now run says where and why
            digest.update(f"{path}\0unreadable\0{time.time_ns()}".encode())
    digest.update(codekey.code_digest() + codekey.libraries_digest())
    digest.update(f"{data_dir}\0{Path.cwd()}\0".encode())  # problem paths are shown relative to these
    return digest.hexdigest()


@dataclass(frozen=True)
class Unchanged:
    """The last run's outcome, still valid: how many files it generated, the check's warnings and summary."""

    files: int
    problems: list[Problem]
    summary: Summary


def _stats(docs_dir: Path, paths: list[str]) -> dict[str, list[int]] | None:
    stats: dict[str, list[int]] = {}
    for rel in paths:
        try:
            st = os.stat(docs_dir / rel)
        except OSError:
            return None
        stats[rel] = [st.st_size, st.st_mtime_ns]
    return stats


def unchanged(docs_dir: Path, key: str) -> Unchanged | None:
    """The last run's outcome when it ran on the same inputs and left every file as it is now; else None."""

    try:
        stamp = json.loads((docs_dir / STAMP).read_text(encoding="utf-8"))
        if stamp.get("inputs") != key or not isinstance(stamp.get("stats"), dict):
            return None
        recorded = {str(rel): list(value) for rel, value in stamp["stats"].items()}
        problems = [Problem(str(p["path"]), int(p["line"]), int(p["column"]), Level(p["level"]), str(p["message"]), str(p["rule"]))
                    for p in stamp["problems"]]
        summary = Summary(**{k: int(v) for k, v in stamp["summary"].items()})
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if MANIFEST not in recorded or _stats(docs_dir, sorted(recorded)) != recorded:
        return None
    return Unchanged(len(recorded) - 1, problems, summary)


def record(docs_dir: Path, key: str, generated: list[str], summary: Summary, problems: list[Problem]) -> None:
    """Remember the inputs, the check's outcome and the state the generated files were left in (call after a complete write)."""
    stats = _stats(docs_dir, sorted([*generated, MANIFEST]))
    target = docs_dir / STAMP
    if stats is None:
        target.unlink(missing_ok=True)
        return
    document = {"inputs": key, "stats": stats, "summary": asdict(summary), "problems": [p.to_json() for p in problems]}
    write_atomically(target, (json.dumps(document, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
