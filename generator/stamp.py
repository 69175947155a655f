"""Skip planning, rendering and writing when nothing they depend on changed since the last run.

`site_src/.bontot-stamp.json` holds a hash of the inputs (every file under data/, the generator's
code and templates, the versions of Jinja2 and MarkupSafe) and the size and modification time of
every generated file and of the manifest as they were left. When both still match, the pages on
disk are exactly what rendering would produce, so the run renders and writes nothing (2,000 units:
~0.05 s instead of ~3 s). Anything else — an edited record, template or generated file, a damaged
manifest, a missing stamp — takes the normal path, where the writer finds and reports it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from pathlib import Path

from .writer import MANIFEST

STAMP = ".bontot-stamp.json"
_CODE = Path(__file__).parent


def inputs_key(data_dir: Path) -> str:
    """A hash of everything the generated files are made from."""
    digest = hashlib.sha256()
    for root, pattern in ((data_dir, "*"), (_CODE, "*.py"), (_CODE / "templates", "*")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(root).as_posix()}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    for package in ("jinja2", "markupsafe"):
        digest.update(f"{package}={importlib.metadata.version(package)}\0".encode())
    return digest.hexdigest()


def _stats(docs_dir: Path, paths: list[str]) -> dict[str, list[int]] | None:
    stats: dict[str, list[int]] = {}
    for rel in paths:
        try:
            st = os.stat(docs_dir / rel)
        except OSError:
            return None
        stats[rel] = [st.st_size, st.st_mtime_ns]
    return stats


def unchanged(docs_dir: Path, key: str) -> int | None:
    """How many files the last run generated, when it ran on the same inputs and left every file as it is now; else None."""
    try:
        stamp = json.loads((docs_dir / STAMP).read_text(encoding="utf-8"))
        if stamp.get("inputs") != key or not isinstance(stamp.get("stats"), dict):
            return None
        recorded = {str(rel): list(value) for rel, value in stamp["stats"].items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if MANIFEST not in recorded or _stats(docs_dir, sorted(recorded)) != recorded:
        return None
    return len(recorded) - 1


def record(docs_dir: Path, key: str, generated: list[str]) -> None:
    """Remember the inputs and the state the generated files were left in (call after a complete write)."""
    stats = _stats(docs_dir, sorted([*generated, MANIFEST]))
    target = docs_dir / STAMP
    if stats is None:
        target.unlink(missing_ok=True)
        return
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps({"inputs": key, "stats": stats}, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, target)
