"""The generated Markdown and the theme build without our MkDocs hook: with stock MkDocs + Material, and with
Zensical, Material's successor, which reads the same mkdocs.yml (issue 19: the site must not be stranded with
MkDocs 1). Refinements that need the hook (shared nav parts, one-line search entries) may be missing there;
every page must exist.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitetools import copy_project

from generator.site.build import build_site

BIN = Path(sys.executable).parent


def _pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("index.html")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy whose site_src/ holds the generated pages, built once by our own pipeline."""
    project = copy_project(tmp_path_factory.mktemp("engines") / "project")
    build_site(project / "data", project / "site", project / "mkdocs.yml")
    return project


def _config_without_hook(project: Path) -> Path:
    """mkdocs.yml as it is, less the `hooks:` entry (the Markdown extensions stay: they are plain Python-Markdown)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() not in ("hooks:", "- generator/site/mkdocs_hook.py")]
    stock = project / "mkdocs-stock.yml"
    stock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "hooks" not in yaml.load(stock.read_text(encoding="utf-8"), Loader=yaml.Loader)
    return stock


def _env(project: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}


def test_stock_mkdocs_builds_every_page_without_our_hook(project: Path) -> None:
    config = _config_without_hook(project)
    run = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config), "-d", str(project / "stock")],
                         cwd=project, env=_env(project), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert _pages(project / "stock") == _pages(project / "site")
    # Without the hook the nav is Material's own partial: it still lists the sections.
    home = (project / "stock" / "index.html").read_text(encoding="utf-8")
    assert "md-nav" in home and "Tiêu chí" in home


def test_zensical_builds_every_page(project: Path) -> None:
    zensical = BIN / "zensical"
    assert zensical.exists(), "zensical is a test extra (pyproject.toml): reinstall with pip install -e '.[test]'"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site\n", "site_dir: zensical-site\n")
    assert "site_dir: zensical-site" in text
    config = project / "mkdocs-zensical.yml"
    config.write_text(text, encoding="utf-8")
    run = subprocess.run([str(zensical), "build", "-f", str(config)], cwd=project, env=_env(project),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    pages = _pages(project / "zensical-site")
    missing = _pages(project / "site") - pages
    assert not missing, sorted(missing)[:20]
    unit = (project / "zensical-site" / "don-vi" / "cb-cao-ngan-sua-chua" / "index.html").read_text(encoding="utf-8")
    assert "Chi bộ Phân xưởng Sửa chữa" in unit
