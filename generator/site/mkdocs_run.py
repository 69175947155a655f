"""One MkDocs build in this process: the configuration, strict, and the build with its lines printed as they come.

Used by `bontot build` (generator/site/build.py) and by each shard process (generator/site/shards.py).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

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

    handler = _Progress()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    hook_log = logging.getLogger("mkdocs.hooks.bontot")
    hook_handler = _Info()
    hook_log.addHandler(hook_handler)
    hook_log.setLevel(logging.INFO)
    try:
        build(mkdocs_config(config_file, site_dir))
    except (MkDocsException, SystemExit, Exception) as exc:
        detail = "; ".join(handler.messages[-5:]) or str(exc)
        raise DataError([Problem(display_path(config_file), 1, 1, Level.ERROR,
                                 f"MkDocs không xây dựng được trang ({detail})", "BUILD")]) from None
    finally:
        logger.removeHandler(handler)
        hook_log.removeHandler(hook_handler)
