"""Audit, not a test: Lighthouse *performance* of the sample site, printed (`make audit`).

Performance under Lighthouse's simulated phone and slow 4G moves with the machine's load (0.97 to 1.00 for
the same page on a busy 2-core machine), so it is a figure to read, not a pass/fail test. Accessibility, best
practices and SEO do not depend on load: tests/a11y/test_lighthouse.py asserts them.

The sample site is built in a throwaway copy of the project and served on 127.0.0.1 with gzip (as a web
server set up for it would); each page is measured RUNS times and every run is printed with the median and
the best. Reports go to test-artifacts/lighthouse/perf-*.json.

    .venv/bin/python bench/audit.py            # 3 runs per page
    .venv/bin/python bench/audit.py --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "a11y"))

from a11ykit import CHROMIUM_ARGS, LIGHTHOUSE, REPORTS, GzipHandler, pages_of_each_kind
from sitetools import copy_project
from webtools import find_chromium, serve

PAGES = {"/": "trang-chu", "don-vi/<id>/": "don-vi"}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def run_lighthouse(url: str, report: Path, chromium: str) -> dict[str, Any]:
    """One Lighthouse run of `url`, performance only; the JSON report is kept at `report`."""
    command = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", "--only-categories=performance",
    ]
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 or not report.is_file():
        raise SystemExit(f"lighthouse failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def main() -> int:
    """Build, serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None or not LIGHTHOUSE.exists():
        print("audit needs Debian's chromium and node_modules (npm ci --no-audit --no-fund)", file=sys.stderr)
        return 2
    from generator.site.build import build_site

    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bontot-audit-") as tmp:
        project = copy_project(Path(tmp) / "project")
        build_site(project / "data", project / "site", project / "mkdocs.yml")
        site = project / "site"
        rows = []
        with serve(site, GzipHandler) as base:
            for kind, name in PAGES.items():
                url = base + pages_of_each_kind(site)[kind]
                runs = [run_lighthouse(url, REPORTS / f"perf-{name}-{n}.json", chromium) for n in range(1, args.runs + 1)]
                scores = [r["categories"]["performance"]["score"] for r in runs]
                middle = sorted(runs, key=lambda r: r["categories"]["performance"]["score"])[len(runs) // 2]
                metrics = "  ".join(f"{m} {middle['audits'][m].get('displayValue', '?')}" for m in METRICS)
                rows.append(f"{name:<10} runs {' '.join(f'{s:.2f}' for s in scores)}  median {statistics.median(scores):.2f}  "
                            f"best {max(scores):.2f}  load {os.getloadavg()[0]:.1f}\n{'':<10} (median run) {metrics}")
    print("Lighthouse performance (simulated mid-range phone, slow 4G), sample site:")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
