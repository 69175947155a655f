"""The package installs cleanly: no setuptools warning about generator/pages/templates, and the wheel carries every template."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from sitetools import ROOT


def test_the_wheel_builds_without_a_package_warning_and_holds_the_templates(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "is absent from the `packages` configuration" not in result.stdout + result.stderr, result.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("bontot-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = {p.relative_to(ROOT).as_posix() for pattern in ("*.j2", "*.html", "*.docx")
                  for p in (ROOT / "generator").rglob(pattern)}
    assert any(f.startswith("generator/pages/templates/") for f in data_files), sorted(data_files)
    assert data_files <= names, sorted(data_files - names)
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= names, sorted(modules - names)
