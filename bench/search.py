"""Benchmark, not a test: search quality over the query set (tests/search/queries.yaml), in headless Chromium.

Prints the mean reciprocal rank and the share of queries whose expected page is in the first three, per
query form, served over http and opened from disk. `make bench` runs it on the sample site after the build
benchmark; the same figures are held as a floor by tests/browser/test_search_ranking.py.

    .venv/bin/python bench/search.py                 # the site in site/ (`make site` first)
    .venv/bin/python bench/search.py --site DIR -v   # another build; -v lists the queries that miss
    .venv/bin/python bench/search.py --site DIR --latency 4   # and typing latency, CPU slowed 4×
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from searchbox import open_search, wait_for_results  # noqa: E402
from searchworker import FORMS, Answer, load_queries, mean_reciprocal_rank, run_queries, top  # noqa: E402
from webtools import launch_chromium, serve  # noqa: E402

# Typed into the box at a phone's width, without diacritics, as readers mostly type.
TYPED = ("dao thi hanh", "nguyen van uoc", "tieu chi 3", "1288-kh/du", "phan xuong sua chua", "tap trung dan chu")
# In the page: when the reader last released a key, and each change of the first ten results (Material adds
# the rest later, as the list scrolls).
WATCH = """() => {
    window.__lastKey = 0; window.__changes = [];
    const first = () => [...document.querySelectorAll('li.md-search-result__item > a')].slice(0, 10).map(a => a.href).join(' ');
    document.addEventListener('keyup', () => { window.__lastKey = performance.now(); window.__changes = []; }, true);
    new MutationObserver(() => { window.__changes.push([performance.now(), first()]); })
        .observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
}"""
# When the first ten results the reader ends up with were first shown, after the last key.
SHOWN = """() => {
    const last = window.__changes[window.__changes.length - 1][1];
    return window.__changes.find(([, state]) => state === last)[0] - window.__lastKey;
}"""


def table(mode: str, answers: list[Answer], ready_ms: float) -> list[str]:
    """One line per query form and one for all, with MRR and top-3."""
    lines = []
    for form in (*FORMS, "all"):
        some = [a for a in answers if form in ("all", a.query.form)]
        if some:
            lines.append(f"{mode:<5} {form:<11} {len(some):>4} {mean_reciprocal_rank(some):>6.3f} {100 * top(some):>7.1f} %")
    lines.append(f"{mode:<5} index ready in the worker after {ready_ms:.0f} ms")
    return lines


def typing_latency(browser: object, url: str, throttle: float) -> list[tuple[str, float]]:
    """Milliseconds from the last key released to the first ten results shown, per query typed key by
    key (100 ms apart) on a phone-sized page with the CPU slowed `throttle` times (Chromium's CDP); the first
    query is typed as soon as the page has loaded."""
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url)
    page.evaluate(WATCH)
    times = []
    for query in TYPED:
        box = open_search(page)
        box.fill("")
        page.keyboard.type(query, delay=100)
        wait_for_results(page, timeout=60)
        times.append((query, float(page.evaluate(SHOWN))))
    context.close()
    return times


def pasted_at_load(browser: object, url: str, throttle: float, query: str = TYPED[0]) -> tuple[float, float]:
    """The first search at its worst: the query pasted into the box as soon as the page has loaded, the index
    not yet read. Milliseconds from the start of the page's navigation, and from the paste, to the results."""
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url)
    page.evaluate(WATCH)
    box = open_search(page)
    pasted = float(page.evaluate("() => performance.now()"))
    box.fill(query)
    page.keyboard.press("End")  # Material searches on a key's release, as after Ctrl+V
    wait_for_results(page, timeout=60)
    shown = float(page.evaluate(SHOWN.replace("- window.__lastKey", "")))
    context.close()
    return shown, shown - pasted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the queries whose page is not first")
    parser.add_argument("--latency", type=float, metavar="N", default=0,
                        help="also time typing into the box with the CPU slowed N times (e.g. 4), served and from disk")
    parser.add_argument("--no-quality", action="store_true", help="skip the query set (a demo site has none of its pages)")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "search_index.json").is_file():
        print(f"{args.site}: no search index; run `make site` first", file=sys.stderr)
        return 2
    queries = [] if args.no_quality else load_queries()
    if queries:
        print(f"Search quality: {len(queries)} queries (each query of tests/search/queries.yaml in up to four forms)")
        print(f"{'mode':<5} {'form':<11} {'n':>4} {'MRR':>6} {'top-3':>9}")
    with launch_chromium() as browser, serve(args.site) as base:
        for mode in ("http", "file") if queries else ():
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
        for mode in ("http", "file") if args.latency else ():
            url = base if mode == "http" else (args.site / "index.html").as_uri()
            times = typing_latency(browser, url, args.latency)
            first, rest = times[0][1], [t for _, t in times[1:]]
            print(f"{mode:<5} typing at {args.latency:g}× CPU slowdown: first search after load {first:.0f} ms, "
                  f"then last key -> results {min(rest):.0f}–{max(rest):.0f} ms (load average {os.getloadavg()[0]:.1f})")
            if args.verbose:
                print("      " + ", ".join(f"{query} {ms:.0f} ms" for query, ms in times))
            since_start, since_paste = pasted_at_load(browser, url, args.latency)
            print(f"{mode:<5} “{TYPED[0]}” pasted as soon as the page has loaded: results {since_paste:.0f} ms after the paste, "
                  f"{since_start:.0f} ms after the navigation started (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
