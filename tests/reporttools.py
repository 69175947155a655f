"""Independent figures for the report tests, computed straight from the YAML (not through generator/), and
LibreOffice / PDF helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml


def load(data: Path) -> dict[str, Any]:
    """units, assessments (by year) and decisions as plain YAML."""
    units = yaml.safe_load((data / "units.yaml").read_text(encoding="utf-8"))["units"]
    rulebook = yaml.safe_load((data / "rulebook.yaml").read_text(encoding="utf-8"))
    assessments: dict[int, list[dict[str, Any]]] = {}
    for path in sorted((data / "assessments").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assessments[int(doc["year"])] = doc["assessments"]
    decisions = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((data / "decisions").glob("*.yaml"))]
    site = yaml.safe_load((data / "site.yaml").read_text(encoding="utf-8"))
    return {"units": units, "rulebook": rulebook, "assessments": assessments, "decisions": decisions, "site": site}


def below(records: dict[str, Any], root: str) -> set[str]:
    """`root` and every unit whose chain of parents reaches it."""
    parent = {u["id"]: u.get("parent") for u in records["units"]}
    result = set()
    for uid in parent:
        current: str | None = uid
        seen = set()
        while current is not None and current not in seen:
            if current == root:
                result.add(uid)
                break
            seen.add(current)
            current = parent.get(current)
    return result


def yearly(records: dict[str, Any], root: str, model: str | None = None) -> dict[int, tuple[int, int]]:
    """(assessed, bốn tốt) per year for units below `root`, of one model (by unit type) or all."""
    types = {m["id"]: set(m["applies_to"]) for m in records["rulebook"]["models"]}
    wanted = set().union(*types.values()) if model is None else types[model]
    kind = {u["id"]: u["type"] for u in records["units"]}
    scope = below(records, root)
    result = {}
    for year, items in records["assessments"].items():
        picked = [a for a in items if a["unit"] in scope and kind.get(a["unit"]) in wanted]
        result[year] = (len(picked), sum(all(c["result"] == "dat" for c in a["criteria"]) for a in picked))
    return result


def failures(records: dict[str, Any], root: str) -> dict[int, list[int]]:
    """Units not meeting each criterion, per year."""
    scope = below(records, root)
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for year, items in records["assessments"].items():
        for a in items:
            if a["unit"] in scope:
                for i, c in enumerate(a["criteria"]):
                    result[year][i] += c["result"] != "dat"
    return result


def soffice_pdf(docx: Path) -> Path:
    """The .docx converted by LibreOffice headless, with a profile of its own (others run soffice at the same time)."""
    binary = shutil.which("soffice")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing; .ci/run installs libreoffice-writer", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = Path("/tmp") / f"lo-profile-bontot-report-{uuid.uuid4().hex}"
    try:
        subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
                        str(docx.parent), str(docx)], check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return docx.with_suffix(".pdf")


def page_image(pdf: Path, target: Path) -> Path:
    """Page 1 of the PDF as PNG (poppler's pdftoppm, or Ghostscript where poppler is not installed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target.with_suffix(""))],
                       check=True, timeout=120)
    elif shutil.which("gs"):
        subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m", "-r80", "-dFirstPage=1", "-dLastPage=1",
                        f"-sOutputFile={target}", str(pdf)], check=True, timeout=120)
    else:
        pytest.fail("neither pdftoppm (poppler-utils) nor gs is installed to draw a page image", pytrace=False)
    return target
