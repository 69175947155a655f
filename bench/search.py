"""Benchmark, not a test: search quality over the query set (tests/search/queries.yaml), in headless Chromium.

Prints the mean reciprocal rank and the share of queries whose expected page is in the first three, per
query form, served over http and opened from disk. `make bench` runs it on the sample site after the build
benchmark; the same figures are held as a floor by tests/browser/test_search_ranking.py.

    .venv/bin/python bench/search.py                 # the site in site/ (`make site` first)
    .venv/bin/python bench/search.py --site DIR -v   # another build; -v lists the queries that miss
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from searchworker import FORMS, Answer, load_queries, mean_reciprocal_rank, run_queries, top  # noqa: E402
from webtools import launch_chromium, serve  # noqa: E402


def table(mode: str, answers: list[Answer], ready_ms: float) -> list[str]:
    """One line per query form and one for all, with MRR and top-3."""
    lines = []
    for form in (*FORMS, "all"):
        some = [a for a in answers if form in ("all", a.query.form)]
        if some:
            lines.append(f"{mode:<5} {form:<11} {len(some):>4} {mean_reciprocal_rank(some):>6.3f} {100 * top(some):>7.1f} %")
    lines.append(f"{mode:<5} index ready in the worker after {ready_ms:.0f} ms")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the queries whose page is not first")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "search_index.json").is_file():
        print(f"{args.site}: no search index; run `make site` first", file=sys.stderr)
        return 2
    queries = load_queries()
    print(f"Search quality: {len(queries)} queries ({len(queries) // 1} forms of the set in tests/search/queries.yaml)")
    print(f"{'mode':<5} {'form':<11} {'n':>4} {'MRR':>6} {'top-3':>9}")
    with launch_chromium() as browser, serve(args.site) as base:
        for mode in ("http", "file"):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base if mode == "http" else (args.site / "index.html").as_uri())
            answers, ready = run_queries(page, queries)
            context.close()
            print("\n".join(table(mode, answers, ready)))
            if args.verbose:
                for answer in answers:
                    if answer.rank != 1:
                        print(f"      rank {answer.rank or '-':>2}  {answer.query.form:<10} {answer.query.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
