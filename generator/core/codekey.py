"""What a remembered result was made with: the generator's own files and the libraries installed beside it.

Three things decide whether earlier work still stands: the cache of parsed files and downloads
(generator/core/memo.py), the stamp that skips a run whose inputs did not change (generator/pages/stamp.py), and
the record that lets MkDocs render only what changed (generator/site/incremental.py). All three ask the same two
questions, answered here once per process:

- `code_digest`: every file of the generator package (code, page templates, theme partials), by path and bytes;
- `libraries_digest`: Python's version and the name of every installed distribution's metadata folder in the
  `site-packages` folders on `sys.path` (`jinja2-3.1.6.dist-info`, …), which carries its version. Listing those folders costs a few
  milliseconds; asking `importlib.metadata` for a dozen versions cost a tenth of a second of a no-op build.
  Any library upgraded, added or removed changes it, which is more than strictly needed and never less.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the whole generator package


@cache
def code_digest() -> bytes:
    """A hash of every file of the generator package, by path and bytes (not `__pycache__`)."""
    digest = hashlib.sha256()
    root = str(PACKAGE)
    found: list[str] = []
    for here, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found.extend(os.path.join(here, name) for name in names)
    for path in sorted(found):
        digest.update(f"{os.path.relpath(path, root)}\0".encode())
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.digest()


@cache
def libraries_digest() -> bytes:
    """A hash of Python's version and the installed distributions' metadata folder names on sys.path."""
    names: set[str] = set()
    for entry in sys.path:
        # Installed libraries only: how Python was started changes the rest of sys.path (`python -m generator` puts
        # the working folder first, where an editable install leaves its own `bontot.egg-info`).
        if os.path.basename(entry.rstrip(os.sep)) not in ("site-packages", "dist-packages"):
            continue
        try:
            names.update(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return hashlib.sha256("\0".join([sys.version, *sorted(names)]).encode()).digest()
