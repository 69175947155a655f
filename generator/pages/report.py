"""The report on the site, /bao-cao/<from>-<to>/: the Report's sentences and lists, and the /thong-ke/ sections
(stats_page.page_context) computed on the period's evaluations only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.core import urls
from generator.core.viet import number, rate
from generator.office import sentences
from generator.office.report import MODEL_NAMES, OCCASION_WORDS, Report, UnitLine, subtree
from generator.outputs.stats import TOTAL
from generator.outputs.stats_page import page_context as stats_context
from generator.outputs.stats_page import parent_rates
from generator.pages.facts import LazyPage, Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import rel
from generator.records.dataset import Dataset
from generator.rules.derive import Evaluation

# Lists longer than this are counted on the page and given in full in the Word file, so that the page stays
# small however many units there are (issue 7: ~100 KB a page).
LIST_MAX = 150


def period_evaluations(ds: Dataset, evaluations: Mapping[tuple[str, int], Evaluation], report: Report) -> dict[tuple[str, int], Evaluation]:
    """The evaluations of units in the report's subtree for the years of its period."""
    years, scope = set(report.years), set(subtree(ds, report.scope))
    return {key: e for key, e in evaluations.items() if key[1] in years and key[0] in scope}


def _change(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{number(value)}" if value > 0 else ("−" + number(-value) if value < 0 else "0")


def _units(lines: tuple[UnitLine, ...], unit_link: Callable[[str, str], Markup]) -> dict[str, Any]:
    shown = lines if len(lines) <= LIST_MAX else ()
    return {"count": len(lines), "rows": [(unit_link(u.unit, u.name), u.parent, u.detail) for u in shown],
            "elsewhere": len(lines) > LIST_MAX}


def page_context(ds: Dataset, evaluations: Mapping[tuple[str, int], Evaluation], report: Report,
                 year_link: Callable[[int], Markup], unit_link: Callable[[str, str], Markup]) -> dict[str, Any]:
    """Context of report.md.j2."""
    picked = period_evaluations(ds, evaluations, report)
    stats = stats_context(ds, picked, parent_rates(ds, picked) if picked else None, year_link, unit_link)
    criteria_rows = []
    for c in report.criteria:
        criteria_rows.append((f"Tiêu chí {c.number}. {c.title}", "Số tổ chức đảng không đạt", *(number(n) for n in c.failed),
                              number(c.total)))
        criteria_rows += [("", cause.label, *(number(n) for n in cause.counts), number(cause.total)) for cause in c.causes]
    occasion = OCCASION_WORDS.get(report.occasion, "Báo cáo")
    same = bool(report.always) and {u.unit for u in report.always} == {u.unit for u in report.candidates}
    return {
        "title": f"{occasion} giai đoạn {report.first}–{report.last}",
        "excerpt": sentences.title_words(report),
        "issuer": report.scope_name,
        "first": report.first,
        "last": report.last,
        "years": list(report.years),
        "yearly": sentences.yearly_sentences(report),
        "year_rows": [(year_link(r.year), MODEL_NAMES[r.model], number(r.tally.assessed), number(r.tally.passed),
                       rate(r.tally.rate) if r.tally.rate is not None else "—", _change(r.change))
                      for r in report.year_rows if r.model != TOTAL or len(report.models) > 1],
        "criteria_text": sentences.criteria_sentences(report),
        "criteria_rows": criteria_rows,
        "lists_text": sentences.lists_sentences(report),
        "always": _units(() if same else report.always, unit_link),
        "always_empty": "Các tổ chức đảng này có tên trong danh sách đáp ứng điều kiện đề nghị khen thưởng, ở cuối trang."
        if same else "Không có.",
        "never": _units(report.never, unit_link),
        "missing": _units(report.missing, unit_link),
        "decisions_text": sentences.decisions_sentence(report),
        "decision_rows": [(g.level, g.kind, number(g.decisions), number(g.collectives), number(g.individuals)) for g in report.decisions],
        "candidates_text": sentences.candidates_sentence(report),
        "candidates": _units(report.candidates, unit_link),
        "stats": stats,
    }


def lazy_page(facts: SiteFacts, first: int, last: int) -> LazyPage:
    """A period's report page, made only when its inputs changed (pages/facts.py `LazyPage`): at 2,000 units each
    takes ~0.07 s."""
    return LazyPage(urls.report(first, last), "report.md.j2", inputs(facts, first, last), partial(page, facts, first, last))


def inputs(facts: SiteFacts, first: int, last: int) -> tuple[Any, ...]:
    """Everything `page` reads: what the report is built from (pages/facts.py `SiteFacts.report_inputs`: its
    statistics read the same), the size of its Word file and what every page reads. tests/test_lazy_pages.py checks
    that unchanged inputs mean an unchanged page."""
    return facts.report_inputs(first, last), facts.sizes.get(urls.report_download(first, last))


def page(facts: SiteFacts, first: int, last: int) -> Page:
    """/bao-cao/<first>-<last>/: the sơ kết / tổng kết report of a period, with its Word file when published."""
    here = urls.report(first, last)
    report = facts.report(first, last)
    context = page_context(
        facts.ds, facts.evaluations, report,
        year_link=lambda y: link(str(y), rel(here, urls.year(y))),
        unit_link=lambda uid, label: link(label, rel(here, urls.unit(uid))),
    )
    docx = urls.report_download(first, last)
    downloads = facts.downloads(here, {"docx": docx}) if docx in facts.sizes else []
    return Page(here, "report.md.j2", {**context, "recognized_only": facts.site.recognized_only, "downloads": downloads,
                                       "stats_link": rel(here, urls.stats())})
