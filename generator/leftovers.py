"""What builds that were killed half way left behind, found and removed by the next build.

Beside the output folder: `.site.tmp-XXXX` (a site being built, or after the swap the old site being
deleted), `.site.tmp-XXXX-1`, `-2`… (the other MkDocs processes' folders, generator/shards.py) and
`.site.old-PID` (the old site, on systems without an atomic swap, generator/swap.py). In site_src/:
the writer's `.NAME.tmp` files (generator/writer.py). Only names that these modules make are touched:
the build holds the lock (generator/lock.py), so no other build is using them.
"""

from __future__ import annotations

from pathlib import Path

from . import stamp
from .problems import display_path
from .swap import remove_tree
from .writer import stray_temps


def staging_prefix(out_dir: Path) -> str:
    """The name every staging folder of `out_dir` starts with (tempfile.mkdtemp adds random letters)."""
    return f".{out_dir.name}.tmp-"


def _beside_output(out_dir: Path) -> list[Path]:
    parent = out_dir.parent
    if not parent.is_dir():
        return []
    prefixes = (staging_prefix(out_dir), f".{out_dir.name}.old-")
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink())


def sweep(out_dir: Path, docs_dir: Path) -> tuple[list[str], list[str]]:
    """Remove the leftovers of killed builds; (removed, could not remove), as paths to show."""
    removed: list[str] = []
    kept: list[str] = []
    for path in [*_beside_output(out_dir.resolve()), *stray_temps(docs_dir, (stamp.STAMP,))]:
        (removed if remove_tree(path) else kept).append(display_path(path))
    return removed, kept


def message(removed: list[str], kept: list[str]) -> str | None:
    """The one line the build prints about it, or None when there was nothing."""
    if not removed and not kept:
        return None
    shown = ", ".join(removed[:3]) + (f" và {len(removed) - 3} mục khác" if len(removed) > 3 else "")
    line = f"Dọn phần còn lại của lần xây dựng bị dừng giữa chừng trước đó: đã xóa {shown}" if removed else ""
    if kept:
        line += ("; " if line else "") + f"không xóa được {', '.join(kept)} (hãy kiểm tra quyền ghi rồi xóa tay)"
    return line
