"""One MkDocs build in this process: the configuration, strict, and the build with its lines printed as they come.

Used by `bontot build` (generator/site/build.py) and by each shard process (generator/site/shards.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

from generator.core.atomicwrite import write_atomically
from generator.core.problems import DataError, Level, Problem, display_path


class _Progress(logging.Handler):
    """Prints MkDocs warnings and errors as they come, in the build's own words."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message)
        print(f"MkDocs: {record.levelname}: {message}", file=sys.stderr)


class _Info(logging.Handler):
    """Prints the hook's own progress lines (search index sizes) during `bontot build`."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            print(record.getMessage(), file=sys.stderr)


def known_docs_dir(config_file: Path, cache: Path) -> Path | None:
    """site_src/ as the last build's configuration named it, when mkdocs.yml is byte for byte the same and
    read from the same folder: a build with nothing to do then needs neither MkDocs nor its plugins
    (2,000 units: 0.3 s of a 1.2 s no-op). None when unknown, or when mkdocs.yml reads the environment (`!ENV`)."""
    try:
        text = config_file.read_bytes()
        known = json.loads((cache / _DOCS_DIR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if b"!ENV" in text or not isinstance(known, dict) or known.get("key") != _config_key(config_file, text):
        return None
    return Path(str(known.get("docs_dir")))


def remember_docs_dir(config_file: Path, cache: Path, docs_dir: Path) -> None:
    """Remember what `known_docs_dir` answers next time (after the configuration was loaded and checked)."""
    with contextlib.suppress(OSError):  # only a cache
        known = {"key": _config_key(config_file, config_file.read_bytes()), "docs_dir": str(docs_dir)}
        write_atomically(cache / _DOCS_DIR, json.dumps(known).encode("utf-8"))


_DOCS_DIR = "build/docs_dir.json"


def _config_key(config_file: Path, text: bytes) -> str:
    return hashlib.sha256(f"{config_file.resolve()}\0{Path.cwd()}\0".encode() + text).hexdigest()


def mkdocs_config(config_file: Path, site_dir: Path | None = None) -> Any:
    """The MkDocs configuration, strict, with `site_dir` when given."""
    from mkdocs.config import load_config

    if site_dir is None:
        return load_config(config_file=str(config_file), strict=True)
    return load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))


def mkdocs_build(config_file: Path, site_dir: Path) -> None:
    """One MkDocs build into `site_dir`, printing its warnings and the hook's lines; DataError when it fails."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from generator.site.navpages import NavChanged

    handler = _Progress()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    hook_log = logging.getLogger("mkdocs.hooks.bontot")
    hook_handler = _Info()
    hook_log.addHandler(hook_handler)
    hook_log.setLevel(logging.INFO)
    try:
        build(mkdocs_config(config_file, site_dir))
    except NavChanged:
        raise  # generator/site/build.py builds the whole site instead
    except (MkDocsException, SystemExit, Exception) as exc:
        detail = "; ".join(handler.messages[-5:]) or str(exc)
        raise DataError([Problem(display_path(config_file), 1, 1, Level.ERROR,
                                 f"MkDocs không xây dựng được trang ({detail})", "BUILD")]) from None
    finally:
        logger.removeHandler(handler)
        hook_log.removeHandler(hook_handler)
