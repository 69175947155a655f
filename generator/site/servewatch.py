"""What `bontot serve` (generator/site/serve.py) watches: data/, the hand-written files of site_src/ and mkdocs.yml, by inotify.

MkDocs' own server polls every file of site_src/ twice a second (2,000 units: ~5,000 files, ~9 % of a core
when idle), and the generator's own writes into site_src/ during a rebuild start a second rebuild. Here
the server's polling observer is replaced by watchdog's native one (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows), and site_src/ is watched only in its top-level entries that hold no
generated file (generator/pages/writer.py's manifest): `huong-dan/`, `assets/`, `overrides/`… A top-level
folder or file created while the server runs is seen after a restart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.pages.writer import generated_files


def hand_written(docs_dir: Path) -> list[Path]:
    """The top-level entries of site_src/ that hold no generated file (dot files left out)."""
    generated = {rel.split("/", 1)[0] for rel in generated_files(docs_dir)}
    return sorted(p for p in docs_dir.iterdir() if not p.name.startswith(".") and p.name not in generated)


def _changes_only() -> Any:
    """A native observer that reports writes, creations, deletions and moves only: inotify also reports every
    file opened or read, and the build reads every file of data/ (MkDocs' callback would rebuild forever)."""
    from watchdog import events
    from watchdog.observers import Observer

    kinds = [events.FileModifiedEvent, events.FileCreatedEvent, events.FileDeletedEvent, events.FileMovedEvent,
             events.FileClosedEvent]

    class ChangesOnly(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False, event_filter: Any = None) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=kinds)

    return ChangesOnly()


def watch_sources(server: Any, config_file: Path, docs_dir: Path, data_dir: Path) -> None:
    """Watch mkdocs.yml, data/ and the hand-written entries of site_src/ on a native observer (MkDocs 1.6
    LiveReloadServer, before its `serve`)."""
    server.observer = _changes_only()
    for entry in [config_file, *hand_written(docs_dir), data_dir]:
        server.watch(str(entry), recursive=entry.is_dir())
