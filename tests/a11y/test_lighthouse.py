"""Lighthouse (npm lighthouse@12.2.3, Debian's Chromium) on the home page and a unit page: accessibility, best
practices and SEO each ≥ 0.98.

These three categories do not depend on the machine's load, so one run per page decides. Performance does
(Lighthouse simulates a phone by scaling the CPU time it measures): it is printed by `make audit`
(bench/audit.py), not asserted here. The reports are kept in test-artifacts/lighthouse/.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from a11ykit import CHROMIUM_ARGS, LIGHTHOUSE, REPORTS, chromium, need_node_module, pages_of_each_kind

CATEGORIES = ("accessibility", "best-practices", "seo")
MINIMUM = 0.98


def lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run of `url` in the load-independent categories; the JSON report is kept at `report`."""
    env = {**os.environ, "CHROME_PATH": chromium()}
    command = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", f"--only-categories={','.join(CATEGORIES)}",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0 and report.is_file(), f"lighthouse failed ({done.returncode}):\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert not result.get("runtimeError"), result["runtimeError"]
    return result


def failing_audits(result: dict[str, Any], category: str) -> list[str]:
    audits = result["audits"]
    return [
        f"{ref['id']} {audits[ref['id']]['score']} {audits[ref['id']].get('displayValue', '')}".strip()
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "name"), [("/", "trang-chu"), ("don-vi/<id>/", "don-vi")])
def test_lighthouse_scores(a11y_site: Path, a11y_base: str, kind: str, name: str) -> None:
    need_node_module(LIGHTHOUSE)
    chromium()
    url = a11y_base + pages_of_each_kind(a11y_site)[kind]
    REPORTS.mkdir(parents=True, exist_ok=True)
    result = lighthouse(url, REPORTS / f"{name}.json")
    scores = {c: result["categories"][c]["score"] for c in CATEGORIES}
    assert "performance" not in result["categories"]  # load-dependent: `make audit` prints it
    (REPORTS / f"{name}-scores.json").write_text(json.dumps({"url": url, "scores": scores}, indent=2) + "\n", encoding="utf-8")
    low = {c: s for c, s in scores.items() if s < MINIMUM}
    details = {c: failing_audits(result, c) for c in low}
    assert not low, f"{url}: Lighthouse under {MINIMUM}: {low}\n{json.dumps(details, ensure_ascii=False, indent=1)}"
