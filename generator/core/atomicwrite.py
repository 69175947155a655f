"""Replace a file in one step: the new bytes go to a temporary name beside it, which is then renamed over it.

A reader, or a build killed half way, sees the old file or the new one, never half of one. The temporary name is
`.<name>.tmp` beside the file, so that a killed build's leftovers are found and removed by name
(generator/pages/writer.py `stray_temps`, generator/site/leftovers.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def temp_name(path: Path) -> Path:
    """Where `write_atomically` puts the new bytes before the rename."""
    return path.with_name(f".{path.name}.tmp")


def write_atomically(path: Path, data: bytes) -> None:
    """Make `path` hold `data` in one rename (its folder made if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(path)
    tmp.write_bytes(data)
    os.replace(tmp, path)
