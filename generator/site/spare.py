"""The site before the last incremental build, kept to become the staging folder of the next one (issue 20).

An incremental build (generator/site/incremental.py) needs the published site's tree in a staging folder, and
after the swap (generator/site/swap.py) it has the old site's tree to delete: at 2,000 units 7,500 entries each
way, about a second. But an incremental build never removes a file, so the old site differs from the new one
only in the files this build replaced. Kept in the cache folder with that list, it is made equal to the
published site again by linking in those files, and serves as the next build's staging folder: nothing is
copied and nothing deleted.

A full build leaves a hard-link copy of the site it published, with an empty list. The list is written only after
the swap, and removed before the folder is touched again: a folder without its list (a killed build, another output
folder's site) is deleted and the tree copied as before. The list also names its output folder: a folder kept for
an output folder that was since deleted is removed, or its hard links would keep that site's files on disk.
Only on the same file system as the output folder (a rename cannot cross file systems).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from generator.core.atomicwrite import write_atomically
from generator.site.incremental import LinkCopy, identity
from generator.site.swap import remove_tree

FOLDER = "spare"


class Spare:
    """The kept old site of the output folder `out_dir`, in `cache`/spare/."""

    def __init__(self, cache: Path, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        name = hashlib.sha256(str(self.out_dir).encode()).hexdigest()[:16]
        self.folder = cache / FOLDER / name
        self.listing = cache / FOLDER / f"{name}.json"

    def _same_device(self) -> bool:
        try:
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            return self.folder.parent.stat().st_dev == self.out_dir.parent.stat().st_dev
        except OSError:
            return False

    def take(self) -> Path | None:
        """The kept folder made equal to the published site, to build in; None when there is none (it is then removed)."""
        try:
            kept = json.loads(self.listing.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = None
        with contextlib.suppress(OSError):
            self.listing.unlink()  # from here on the folder is being changed
        usable = (isinstance(kept, dict) and kept.get("site") == identity(self.out_dir) and isinstance(kept.get("pending"), list)
                  and self.folder.is_dir() and self._same_device())
        if usable:
            try:
                for rel in kept["pending"]:
                    self._link(str(rel))
                return self.folder
            except OSError:
                pass
        remove_tree(self.folder)
        return None

    def _link(self, rel: str) -> None:
        """Replace the folder's copy of `rel` by a hard link to the published file (a rename: never a write through a link)."""
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.spare-tmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.link(self.out_dir / rel, temporary)
        os.replace(temporary, target)

    def keep(self, old_site: Path, replaced: list[str]) -> bool:
        """After the swap of an incremental build: keep `old_site` (the site before it), which differs from the published
        one in `replaced`. False when it cannot be kept (the caller removes it)."""
        if not self._same_device():
            return False
        try:
            if old_site != self.folder:
                remove_tree(self.folder)
                os.rename(old_site, self.folder)
            self._list(replaced)
        except OSError:
            return False
        return True

    def prime(self) -> None:
        """After a full build: the kept folder made a hard-link copy of the published site (GNU `cp -al`, ~0.5 s at
        2,000 units), so that the first incremental build after it has its staging folder too."""
        if not self._same_device():
            return
        self.drop()
        try:
            self.folder.mkdir()
            LinkCopy(self.out_dir, self.folder).wait()
            self._list([])
        except OSError:
            self.drop()

    def _list(self, pending: list[str]) -> None:
        """Write the list: the kept folder is the published site but for `pending`; then forget the folders kept for
        output folders that are gone."""
        document = {"out": str(self.out_dir), "site": identity(self.out_dir), "pending": pending}
        write_atomically(self.listing, (json.dumps(document) + "\n").encode())
        self._forget_others()

    def _forget_others(self) -> None:
        """Remove the folders kept for output folders that no longer exist (their hard links would keep a deleted
        site's files on disk), and any other folder without its list. One build at a time uses this cache
        (generator/site/lock.py: the site_src/ lock), so none of them is in use."""
        for entry in self.folder.parent.iterdir():
            if entry in (self.folder, self.listing):
                continue
            if entry.is_dir():
                if not entry.with_suffix(".json").is_file():
                    remove_tree(entry)  # left by a killed build
            elif entry.suffix == ".json" and not _out_exists(entry):
                with contextlib.suppress(OSError):
                    entry.unlink()
                remove_tree(entry.with_suffix(""))

    def drop(self) -> None:
        """Forget the kept folder (a full build: the old site differs everywhere)."""
        with contextlib.suppress(OSError):
            self.listing.unlink()
        remove_tree(self.folder)


def _out_exists(listing: Path) -> bool:
    """Whether the output folder a kept folder's list names still exists."""
    try:
        out = json.loads(listing.read_text(encoding="utf-8")).get("out")
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(out, str) and Path(out).is_dir()
