"""What builds that were killed half way left behind, found and removed by the next build.

Beside the output folder: `.site.tmp-XXXX` (a site being built, or after the swap the old site being
deleted), `.site.tmp-XXXX-1`, `-2`… (the other MkDocs processes' folders, generator/site/shards.py) and
`.site.old-PID` (the old site, on systems without an atomic swap, generator/site/swap.py; when a kill came
between its two steps and `site/` is missing, it is put back rather than removed). In site_src/:
the writer's `.NAME.tmp` files (generator/pages/writer.py). Only names that these modules make are touched:
the build holds the lock (generator/site/lock.py), so no other build is using them.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.problems import display_path
from generator.pages import stamp
from generator.pages.writer import stray_temps
from generator.site import incremental
from generator.site.swap import remove_tree


def staging_prefix(out_dir: Path) -> str:
    """The name every staging folder of `out_dir` starts with (tempfile.mkdtemp adds random letters)."""
    return f".{out_dir.name}.tmp-"


def _beside_output(out_dir: Path) -> list[Path]:
    parent = out_dir.parent
    if not parent.is_dir():
        return []
    prefixes = (staging_prefix(out_dir), f".{out_dir.name}.old-")
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink())


def sweep(out_dir: Path, docs_dir: Path) -> str | None:
    """Remove the leftovers of killed builds; the one line the build prints about it, or None when there were none."""
    removed: list[str] = []
    kept: list[str] = []
    restored = None
    out = out_dir.resolve()
    found = _beside_output(out)
    old = [p for p in found if p.name.startswith(f".{out.name}.old-")]
    if not os.path.lexists(out) and len(old) == 1:
        os.rename(old[0], out)
        restored = f"đặt lại trang cũ từ {display_path(old[0])} vào {display_path(out)}"
        found.remove(old[0])
    for path in [*found, *stray_temps(docs_dir, (stamp.STAMP, incremental.RECORD))]:
        (removed if remove_tree(path) else kept).append(display_path(path))
    clauses = [restored] if restored else []
    if removed:
        clauses.append("đã xóa " + ", ".join(removed[:3]) + (f" và {len(removed) - 3} mục khác" if len(removed) > 3 else ""))
    if kept:
        clauses.append(f"không xóa được {', '.join(kept)} (hãy kiểm tra quyền ghi rồi xóa tay)")
    return "Dọn phần còn lại của lần xây dựng bị dừng giữa chừng trước đó: " + "; ".join(clauses) + "." if clauses else None
