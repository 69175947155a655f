"""Rebuild only what changed: the same bytes as a full build, in a fraction of its time (issue 20).

After every build `site_src/.bontot-built.json` records, per output folder, what the site there was built
from: a key of everything that is the same for all pages (mkdocs.yml, the generator's code, theme and
templates, the versions of MkDocs and its extensions, the data's date, data/site.yaml (the sample-data banner), the
output folder and its identity after the swap) and the hash of every file MkDocs reads from site_src/.
The next build compares:

- nothing changed: no-op, `site/` is left as it is;
- the key changed, a file was removed, a theme override changed, or there is no record: a full build;
- else an incremental build. MkDocs renders the pages whose Markdown changed or is new and the static files of
  site_src/ that changed; the others are marked excluded, as
  generator/site/shards.py does for its processes. A page in the nav (home, criteria, guidance, the index pages,
  statistics) is in every page's nav: one left out gets the title and front matter its last rendering had
  (generator/site/navpages.py), so the nav is exactly that of a full build. The staging folder holds the previous site: the site
  before it, kept by the last build and brought up to date (generator/site/spare.py), or else hard links
  copied from it (`LinkCopy`: GNU `cp -al` in a child process, on another core while MkDocs renders);
  each newly built file whose bytes differ replaces its link there by a rename (never a write through
  a link, so the published site is never touched), the search entries of the pages not rendered are
  taken from the previous index, and the staging folder is swapped in as in a full build
  (generator/site/swap.py): site/ is at every moment the old site or the new one.

tests/test_incremental.py edits records of each kind and compares the incremental site with a full one,
byte for byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core import codekey, workers
from generator.core.atomicwrite import write_atomically
from generator.outputs.search import INDEX_JSON, finish_index
from generator.site import navpages
from generator.site.shards import is_record

RECORD = ".bontot-built.json"
ENV = "BONTOT_ONLY"  # path of a JSON list of the site_src/ files MkDocs renders or copies in an incremental build
OVERRIDES = "overrides/"
THEME_CACHE = "BONTOT_THEME_CACHE"  # a folder for the theme's compiled templates (generator/site/mkdocs_hook.py); unset: none


@dataclass(frozen=True)
class Plan:
    """What this build does: `full`, nothing (`noop`), or render `changed` (site_src/ paths) into the old site."""

    full: bool
    noop: bool
    changed: list[str]
    reason: str  # why a full build, in the build log's words


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def site_key(config_file: Path, out_dir: Path, epoch: str, site_yaml: Path) -> str:
    """A hash of everything every page is made from besides its own Markdown. `site_yaml`: data/site.yaml, read by
    the theme (the sample-data banner)."""
    digest = hashlib.sha256()
    digest.update(config_file.read_bytes())
    try:
        digest.update(site_yaml.read_bytes())
    except OSError:
        digest.update(b"-")
    digest.update(codekey.code_digest() + codekey.libraries_digest())
    digest.update(f"{sys.version}\0{out_dir.resolve()}\0{epoch}\0".encode())
    digest.update(f"{os.environ.get('BONTOT_SHARED_PARTS', '')}\0".encode())
    return digest.hexdigest()


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def source_files(docs_dir: Path, previous: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Every file of site_src/ MkDocs or the theme reads: [size, mtime_ns, sha256]; hashed again only when its
    size or time differs from `previous`."""
    found: dict[str, list[Any]] = {}
    for root, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            path = Path(root) / name
            rel = path.relative_to(docs_dir).as_posix()
            st = path.stat()
            old = previous.get(rel)
            if old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns:
                found[rel] = old
            else:
                found[rel] = [st.st_size, st.st_mtime_ns, _hash(path)]
    return found


def identity(out_dir: Path) -> list[int] | None:
    """The output folder as a folder (device, inode, time): a swap or an edit from outside changes it."""
    try:
        st = out_dir.stat()
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_mtime_ns]


def _read(docs_dir: Path) -> dict[str, Any]:
    """Every output folder's record, by its absolute path."""
    try:
        data = json.loads((docs_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict) and isinstance(v.get("files"), dict)} if isinstance(data, dict) else {}


def plan(docs_dir: Path, out_dir: Path, key: str, full: bool) -> tuple[Plan, dict[str, list[Any]]]:
    """Compare with the last build's record; the plan and the current state of site_src/ (for `record`)."""
    last = _read(docs_dir).get(str(out_dir.resolve()), {})
    files = source_files(docs_dir, {str(k): list(v) for k, v in last.get("files", {}).items()})
    if full:
        return Plan(True, False, [], "xây dựng toàn bộ theo yêu cầu (--full)"), files
    if not last:
        return Plan(True, False, [], "lần đầu xây dựng vào thư mục này"), files
    if last.get("key") != key:
        return Plan(True, False, [], "cấu hình, giao diện, mã nguồn hoặc phiên bản thư viện đã đổi"), files
    if last.get("site") != identity(out_dir) or not (out_dir / INDEX_JSON).is_file():
        return Plan(True, False, [], "thư mục kết quả đã bị thay đổi từ bên ngoài"), files
    before = {rel: value[2] for rel, value in last["files"].items()}
    now = {rel: value[2] for rel, value in files.items()}
    if set(before) - set(now):
        return Plan(True, False, [], "có trang hoặc tệp đã bị xóa"), files
    changed = sorted(rel for rel in now if before.get(rel) != now[rel])
    if any(rel.startswith(OVERRIDES) for rel in changed):
        return Plan(True, False, [], "giao diện (overrides/) đã đổi"), files
    return Plan(False, not changed, changed, ""), files


def record(docs_dir: Path, out_dir: Path, key: str, files: dict[str, list[Any]]) -> None:
    """Remember what the site now in `out_dir` was built from (call after the swap)."""
    records = _read(docs_dir)
    records[str(out_dir.resolve())] = {"key": key, "site": identity(out_dir), "files": files}
    _write(docs_dir, records)


def _write(docs_dir: Path, records: dict[str, Any]) -> None:
    write_atomically(docs_dir / RECORD, (json.dumps(records, sort_keys=True) + "\n").encode("utf-8"))


def _nav_paths(item: Any, found: set[str]) -> set[str]:
    if isinstance(item, str):
        found.add(item)
    elif isinstance(item, dict):
        for value in item.values():
            _nav_paths(value, found)
    elif isinstance(item, list):
        for value in item:
            _nav_paths(value, found)
    return found


def take_subset(files: Any, config: Any) -> None:
    """In an incremental build (MkDocs' `on_files`): exclude the other files (the theme's assets, downloads, images),
    the pages outside the nav (record, year and report pages) that did not change, and the nav pages that did not
    change and whose titles are remembered (generator/site/navpages.py): the nav of every page rendered is then
    that of a full build."""
    from mkdocs.structure.files import InclusionLevel

    listing = os.environ.get(ENV)
    if not listing:
        return
    wanted = set(json.loads(Path(listing).read_text(encoding="utf-8")))
    nav = None if config.nav is None else _nav_paths(config.nav, set())
    in_nav = []
    for file in files.documentation_pages():
        outside_nav = is_record(file.src_uri) or (nav is not None and file.src_uri not in nav)
        if outside_nav and file.src_uri not in wanted:
            file.inclusion = InclusionLevel.EXCLUDED
        elif not outside_nav:
            in_nav.append(file)
    # Without a nav in mkdocs.yml MkDocs makes one of the pages it renders: every page must then be rendered.
    for file in navpages.leave_out(in_nav, wanted) if nav is not None else []:
        file.inclusion = InclusionLevel.EXCLUDED
    for file in files:  # static pages and media: the theme's assets, site_src/'s downloads, images
        if not file.is_documentation_page() and file.src_uri not in wanted:
            file.inclusion = InclusionLevel.EXCLUDED


def skip_theme_files(theme: Any) -> None:
    """In an incremental build (MkDocs' `on_config`): MkDocs lists the theme's files to copy them (Material has
    14,509, of which 14,348 icons: ~0.15 s of every build), and `take_subset` then excludes them all, since the
    site holds them already. The theme's Jinja environment lists none instead; its templates load by name as before."""
    get_env = theme.get_env

    def env_listing_nothing() -> Any:
        env = get_env()
        env.list_templates = lambda *args, **kwargs: []
        return env

    theme.get_env = env_listing_nothing


class LinkCopy:
    """`target` (an empty folder) gets the tree of `source`, folders made and files hard-linked. Started at once as
    GNU `cp -al` in a child process (2,000 units: 7,561 entries in 0.4 s of system time, on the other core while
    MkDocs renders), which dies with this process; where there is no GNU cp, or it fails, `wait` does it here."""

    def __init__(self, source: Path, target: Path) -> None:
        self.source, self.target = source, target
        self.proc: subprocess.Popen[bytes] | None = None
        cp = shutil.which("cp") if sys.platform.startswith("linux") else None
        if cp is not None:
            parent = os.getpid()
            with contextlib.suppress(OSError):
                self.proc = subprocess.Popen([cp, "-al", "--", f"{source}/.", str(target)], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             preexec_fn=lambda: workers.become_worker(parent))  # builds have one thread

    def wait(self) -> None:
        """Return once `target` holds the whole tree."""
        if self.proc is not None and self.proc.wait() == 0:
            return
        for entry in os.scandir(self.target):  # what a failed cp left: start over
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        link_copy(self.source, self.target)

    def stop(self) -> None:
        """Stop the copy if it still runs (the build failed or was stopped)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def link_copy(source: Path, target: Path) -> None:
    """`target` (an empty folder) gets the tree of `source`: folders made, files hard-linked."""
    for root, dirs, names in os.walk(source):
        here = Path(root)
        there = target / here.relative_to(source)
        for name in dirs:
            (there / name).mkdir()
        for name in names:
            os.link(here / name, there / name)


def merge_index(previous_site: Path, partial: Path) -> None:
    """The search index of `partial` completed with the previous site's entries of the pages not rendered."""
    new = json.loads((partial / INDEX_JSON).read_text(encoding="utf-8"))
    old = json.loads((previous_site / INDEX_JSON).read_text(encoding="utf-8"))
    rendered = {str(d.get("location", "")).split("#", 1)[0] for d in new.get("docs", [])}
    folders = (p.parent.relative_to(partial).as_posix() for p in partial.rglob("index.html"))
    rendered |= {"" if folder == "." else folder + "/" for folder in folders}
    kept = [d for d in old.get("docs", []) if str(d.get("location", "")).split("#", 1)[0] not in rendered]
    finish_index(partial, {**new, "docs": [*new.get("docs", []), *kept]}, previous=old)  # its entries' words reused


def _same(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
    except OSError:
        return False
    return a.read_bytes() == b.read_bytes()


def overlay(partial: Path, staging: Path) -> list[str]:
    """Move each file of `partial` whose bytes differ into `staging` (a rename replaces the link, never writes
    through it); the paths replaced."""
    replaced: list[str] = []
    for root, _dirs, names in os.walk(partial):
        for name in sorted(names):
            source = Path(root) / name
            rel = source.relative_to(partial)
            target = staging / rel
            if _same(source, target):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            replaced.append(rel.as_posix())
    return replaced

