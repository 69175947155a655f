"""The query set (tests/search/queries.yaml) run against the site's own search worker, as the search box
runs it: the page's `__config` names the worker, the page's index is sent to it, answers are read back.
Also used by `make bench` (bench/search.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.outputs.search import fold

QUERIES = Path(__file__).resolve().parents[1] / "search" / "queries.yaml"
FORMS = ("diacritics", "folded", "capitals", "typo")

# In the page: start the worker the config names, send it the index (the JSON served, the script from
# disk), then each query; return the pages of the answer in order, at most `depth`.
RUN = """async ({queries, depth}) => {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(config.base, location.href);
    let index;
    if (location.protocol === 'file:') {
        await new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = new URL('search/search_index.js', base).href;
            script.onload = resolve; script.onerror = reject;
            document.head.appendChild(script);
        });
        index = window.__index;
    } else {
        index = await (await fetch(new URL('search/search_index.json', base))).json();
    }
    const worker = new Worker(config.search);
    const next = () => new Promise(resolve => worker.addEventListener('message', e => resolve(e.data), {once: true}));
    const started = performance.now();
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
    await next();
    const ready = performance.now() - started;
    const answers = [];
    for (const query of queries) {
        worker.postMessage({type: 2, data: query});
        const message = await next();
        answers.push(message.data.items.slice(0, depth).map(group => group[0].location.split('#')[0]));
    }
    worker.terminate();
    return {answers, ready};
}"""


@dataclass(frozen=True)
class Query:
    text: str
    form: str
    pages: tuple[str, ...]  # any of them is the right first answer


@dataclass(frozen=True)
class Answer:
    query: Query
    rank: int | None  # 1 = first; None = not in the answer's first pages

    @property
    def reciprocal(self) -> float:
        return 1 / self.rank if self.rank else 0.0


def load_queries(path: Path = QUERIES) -> list[Query]:
    """Every query of the set in each of its forms."""
    queries = []
    for row in yaml.safe_load(path.read_text(encoding="utf-8")):
        pages = tuple(row["page"]) if isinstance(row["page"], list) else (row["page"],)
        text = str(row["q"])
        forms = {"diacritics": text, "folded": fold(text), "capitals": text.upper(), "typo": row.get("typo")}
        queries += [Query(str(value), form, pages) for form, value in forms.items() if value]
    return queries


def run_queries(page: Any, queries: list[Query], depth: int = 20) -> tuple[list[Answer], float]:
    """Run `queries` through the worker of the open page; the answers, and the worker's setup time in ms."""
    result = page.evaluate(RUN, {"queries": [q.text for q in queries], "depth": depth})
    answers = []
    for query, found in zip(queries, result["answers"], strict=True):
        ranks = [found.index(p) + 1 for p in query.pages if p in found]
        answers.append(Answer(query, min(ranks) if ranks else None))
    return answers, float(result["ready"])


def mean_reciprocal_rank(answers: list[Answer]) -> float:
    """MRR: the mean of 1/rank of the expected page (0 when it is not found)."""
    return sum(a.reciprocal for a in answers) / len(answers)


def top(answers: list[Answer], n: int = 3) -> float:
    """The share of queries whose expected page is among the first `n`."""
    return sum(1 for a in answers if a.rank and a.rank <= n) / len(answers)
