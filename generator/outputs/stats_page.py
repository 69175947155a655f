"""The statistics as readers see them: /thong-ke/ sections (a chart and the table of the same numbers) and
the small charts of unit and year pages. Numbers come from stats.py, SVG from charts.py; links are passed
in by the page planner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.core.viet import number
from generator.outputs.charts import Bar, Series, bar_chart, describe, grid_chart
from generator.outputs.charts_phone import phone_bar_chart
from generator.outputs.stats import (
    TOTAL,
    Tally,
    by_year,
    cause_counts,
    cause_list,
    criterion_failures,
    group_of,
    group_tallies,
    member_tallies,
    model_tallies,
    ratio,
)
from generator.records.dataset import Dataset
from generator.rules.derive import Evaluation, tree_order

MODEL_SHORT = {"chi-bo-bon-tot": "Chi bộ", "dang-bo-co-so-bon-tot": "Đảng bộ cơ sở"}
CHART_YEARS = 3  # charts compare the latest years; the tables keep them all
# More parents than CHART_GROUPS: the chart and the table show the LOWEST_GROUPS with the lowest rate in the
# latest year (the chart that year only) and the full table is a download, so that /thong-ke/ stays under
# 100 KB however many units there are (issue 7; 2,000 units have ~50 parents, 20,000 ~490).
CHART_GROUPS = 30
LOWEST_GROUPS = 20


@dataclass(frozen=True)
class Section:
    """A chart and, under it, the table of the same numbers (header row, then rows of cells)."""

    chart: Markup
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    note: str = ""


def _ratio(t: Tally) -> str:
    return ratio(t.passed, t.assessed)


def _rate_bar(t: Tally) -> Bar:
    return Bar(t.rate, _ratio(t))


def _count_bar(value: int) -> Bar:
    return Bar(value, number(value))


def _chart(chart_id: str, title: str, kind: str, categories: list[str], series: list[Series], *, percent_axis: bool,
           summary: str = "", table: str = "ngay dưới biểu đồ") -> Markup:
    words = summary or describe(categories, series)
    desc = f"Biểu đồ thanh ngang, {kind}. {words} Bảng số liệu ở {table}."
    # The phone's chart first: on a narrow screen the stylesheet hides the desktop chart that follows it.
    return Markup(phone_bar_chart(chart_id, title, desc, categories, series, percent_axis=percent_axis) + "\n"
                  + bar_chart(chart_id, title, desc, categories, series, percent_axis=percent_axis))


def _trend(years: list[int], yearly: Mapping[int, list[Evaluation]], model_ids: list[str],
           year_link: Callable[[int], Markup]) -> tuple[Section, Tally]:
    """Pass rates per year, in total and by model; also the latest year's total."""
    names = {TOTAL: "Tổng", **{m: MODEL_SHORT[m] for m in model_ids}}
    keys = [TOTAL, *model_ids]
    tallies = {y: model_tallies(yearly[y], model_ids) for y in years}
    overall = {k: sum((tallies[y][k] for y in years), Tally()) for k in keys}
    rows = [(year_link(y), *(_ratio(tallies[y][k]) for k in keys)) for y in years]
    if len(years) > 1:
        rows.append((f"Cả giai đoạn {years[0]}–{years[-1]} (lượt đánh giá)", *(_ratio(overall[k]) for k in keys)))
    section = Section(
        _chart("bt-xu-huong", "Tỷ lệ đơn vị đạt “bốn tốt” qua các năm, theo mô hình", "mỗi năm một nhóm",
               [str(y) for y in years], [Series(names[k], tuple(_rate_bar(tallies[y][k]) for y in years)) for k in keys],
               percent_axis=True),
        ("Năm", *(names[k] for k in keys)),
        tuple(rows),
    )
    return section, tallies[years[-1]][TOTAL] if years else Tally()


@dataclass(frozen=True)
class ParentRates:
    """Each parent unit's tally per year (stats.group_of), parents in tree order."""

    years: list[int]
    groups: list[str | None]
    per_group: dict[int, dict[str | None, Tally]]
    labels: dict[str | None, str]


def parent_rates(ds: Dataset, evaluations: Mapping[tuple[str, int], Evaluation]) -> ParentRates:
    yearly = by_year(evaluations)
    years = list(yearly)
    unit_group = {uid: group_of(ds, uid) for uid in {uid for uid, _ in evaluations}}
    per_group = {y: group_tallies(unit_group, yearly[y]) for y in years}
    position = {uid: index for index, (uid, _) in enumerate(tree_order(ds))}
    groups = sorted({g for y in years for g in per_group[y]}, key=lambda g: position.get(g or "", -1))

    def label(group: str | None) -> str:
        unit = ds.unit.get(group or "")
        return (unit.short_name or unit.name) if unit else "Không có cấp trên"

    return ParentRates(years, groups, per_group, {g: label(g) for g in groups})


def _by_parent(rates: ParentRates, unit_link: Callable[[str, str], Markup]) -> tuple[Section, int]:
    """Pass rates per parent unit over the latest years; past CHART_GROUPS parents, the LOWEST_GROUPS with the
    lowest rate in the latest year only. Returns the section and how many parents it leaves out."""
    years, groups, per_group, label = rates.years, rates.groups, rates.per_group, rates.labels
    shown, summary, charted = groups, "", years[-CHART_YEARS:]
    if len(groups) > CHART_GROUPS and years:
        latest = per_group[years[-1]]
        order = {g: i for i, g in enumerate(groups)}
        shown = sorted(groups, key=lambda g: (latest.get(g, Tally()).rate or 0.0, order[g]))[:LOWEST_GROUPS]
        shown.sort(key=lambda g: order[g])
        charted = years[-1:]
        summary = (f"{LOWEST_GROUPS} trong {number(len(groups))} đơn vị cấp trên có tỷ lệ đạt năm {years[-1]} thấp nhất; "
                   "bảng dưới có số liệu các năm của các đơn vị này.")
    return Section(
        _chart("bt-cap-tren", "Tỷ lệ đơn vị đạt “bốn tốt” theo đơn vị cấp trên",
               "mỗi đơn vị cấp trên một nhóm, mỗi năm một thanh" if len(charted) > 1 else f"mỗi đơn vị cấp trên một thanh, năm {years[-1]}",
               [label[g] for g in shown],
               [Series(str(y), tuple(_rate_bar(per_group[y].get(g, Tally())) for g in shown)) for y in charted],
               percent_axis=True, summary=summary),
        ("Đơn vị cấp trên", *(str(y) for y in years)),
        tuple((unit_link(g, label[g]) if g else label[g], *(_ratio(per_group[y].get(g, Tally())) for y in years)) for g in shown),
        "Chi bộ trực thuộc đảng bộ bộ phận được tính vào đảng bộ cơ sở; đảng bộ cơ sở và chi bộ cơ sở được tính vào đảng ủy cấp trên.",
    ), len(groups) - len(shown)


def _failures(ds: Dataset, years: list[int], yearly: Mapping[int, list[Evaluation]]) -> dict[str, Any]:
    """Unmet criteria per year, their causes, the criterion unmet most often and the most frequent cause."""
    recent = years[-CHART_YEARS:]
    criteria = [f"Tiêu chí {c.number}. {c.title}" for c in ds.rulebook.record.models[0].criteria]
    failing = {y: criterion_failures(yearly[y]) for y in years}
    by_criterion = Section(
        _chart("bt-tieu-chi", "Số đơn vị không đạt từng tiêu chí", "mỗi tiêu chí một nhóm, mỗi năm một thanh", criteria,
               [Series(str(y), tuple(_count_bar(failing[y][i]) for i in range(4))) for y in recent], percent_axis=False),
        ("Tiêu chí", *(str(y) for y in years), "Cộng"),
        tuple((criteria[i], *(number(failing[y][i]) for y in years), number(sum(failing[y][i] for y in years))) for i in range(4)),
    )
    counts = {y: cause_counts(ds, yearly[y]) for y in years}
    occurring = sorted((c for c in cause_list(ds.rulebook.record, years) if any(counts[y][c.key] for y in years)),
                       key=lambda c: -sum(counts[y][c.key] for y in years))
    by_cause = Section(
        _chart("bt-nguyen-nhan", "Nguyên nhân không đạt tiêu chí", "mỗi nguyên nhân một nhóm, mỗi năm một thanh",
               [c.label for c in occurring],
               [Series(str(y), tuple(_count_bar(counts[y][c.key]) for c in occurring)) for y in recent], percent_axis=False),
        ("Nguyên nhân", "Tiêu chí", *(str(y) for y in years), "Cộng"),
        tuple((c.label, str(c.criterion), *(number(counts[y][c.key]) for y in years),
               number(sum(counts[y][c.key] for y in years))) for c in occurring),
        "Đếm số lượt tiêu chí không đạt theo nguyên nhân mà số liệu minh chứng cho thấy; một tiêu chí có thể có hai nguyên nhân. "
        "“Không có số liệu”: đơn vị tự đánh giá không đạt mà số liệu không chỉ ra nguyên nhân.",
    )
    worst = max(range(4), key=lambda i: (sum(failing[y][i] for y in years), -i))
    return {
        "by_criterion": by_criterion,
        "worst": criteria[worst],
        "worst_count": sum(failing[y][worst] for y in years),
        "by_cause": by_cause,
        "top_cause": occurring[0].label if occurring else None,
    }


def _members(ds: Dataset, years: list[int], yearly: Mapping[int, list[Evaluation]], model_ids: list[str]) -> Section:
    """Members rated HTTNV or better per year: each model's units summed, and the whole party committee counted once."""
    members = {y: member_tallies(ds, yearly[y], model_ids) for y in years}
    keys = [*model_ids, TOTAL]
    names = {**{m: MODEL_SHORT[m] for m in model_ids}, TOTAL: "Toàn đảng bộ"}
    return Section(
        _chart("bt-dang-vien", "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên", "mỗi năm một nhóm", [str(y) for y in years],
               [Series(names[k], tuple(Bar(members[y][k].rate, ratio(members[y][k].good, members[y][k].members)) for y in years))
                for k in keys], percent_axis=True),
        ("Năm", *(names[k] for k in keys), "Số đơn vị có số liệu"),
        tuple((str(y), *(ratio(members[y][k].good, members[y][k].members) for k in keys),
               ", ".join(f"{number(members[y][m].units)} {MODEL_SHORT[m].lower()}" for m in model_ids)) for y in years),
        "Cộng số liệu xếp loại của các đơn vị có số liệu. Số liệu của đảng bộ cơ sở đã gồm đảng viên các chi bộ trực thuộc, "
        "nên cột “Toàn đảng bộ” tính mỗi đảng viên một lần: bỏ số liệu của chi bộ khi đảng bộ cấp trên đã có số liệu.",
    )


def page_context(ds: Dataset, evaluations: Mapping[tuple[str, int], Evaluation], rates: ParentRates | None,
                 year_link: Callable[[int], Markup], unit_link: Callable[[str, str], Markup]) -> dict[str, Any]:
    """Context of /thong-ke/: each section a chart with its table; `rates` from `parent_rates` (None without
    assessments); links come from the page planner."""
    yearly = by_year(evaluations)
    years = list(yearly)
    if not years or rates is None:
        return {"years": []}
    model_ids: list[str] = [m.id for m in ds.rulebook.record.models]
    trend, latest = _trend(years, yearly, model_ids, year_link)
    by_parent, left_out = _by_parent(rates, unit_link)
    return {
        "years": years,
        "latest": years[-1],
        "latest_ratio": ratio(latest.passed, latest.assessed),
        "trend": trend,
        "by_parent": by_parent,
        "by_parent_total": len(rates.groups),
        "by_parent_elsewhere": left_out,
        **_failures(ds, years, yearly),
        "by_members": _members(ds, years, yearly, model_ids),
    }


# --- the small charts of a unit page and a year page -------------------------------------------------

def unit_chart(unit_name: str, history: Iterable[Evaluation]) -> Markup:
    """The unit's four criteria and its “bốn tốt” verdict, one column per assessed year."""
    items = list(history)
    rows = ["Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Tiêu chí 4", "“Bốn tốt”"]
    cells = [[e.met[i] for e in items] for i in range(4)] + [[e.passed for e in items]]
    words = []
    for e in items:
        met = [str(n) for n, ok in enumerate(e.met, start=1) if ok]
        unmet = [str(n) for n, ok in enumerate(e.met, start=1) if not ok]
        parts = ([f"không đạt tiêu chí {', '.join(unmet)}"] if unmet else []) + ([f"đạt tiêu chí {', '.join(met)}"] if met else [])
        words.append(f"Năm {e.year}: {'; '.join(parts)}; {'đạt' if e.passed else 'không đạt'} “bốn tốt”.")
    desc = "Lưới kết quả, mỗi năm một cột. " + " ".join(words)
    return grid_chart("bt-don-vi", f"Kết quả bốn tiêu chí của {unit_name} qua các năm", desc, rows, [str(e.year) for e in items], cells,
                      image=True)


def year_chart(ds: Dataset, evaluations: Mapping[tuple[str, int], Evaluation], year: int) -> Markup:
    """The year's pass rate per model and in total, labelled as in the year page's table."""
    models = ds.rulebook.record.models
    tallies = model_tallies((e for (_, y), e in evaluations.items() if y == year), [m.id for m in models])
    if not tallies[TOTAL].assessed:
        return Markup("")
    categories = [*(m.name for m in models), "Tổng"]
    series = [Series(f"Năm {year}", tuple(_rate_bar(tallies[k]) for k in [*(m.id for m in models), TOTAL]))]
    return _chart("bt-nam", f"Tỷ lệ đơn vị đạt “bốn tốt” năm {year}", "mỗi mô hình một thanh", categories, series, percent_axis=True,
                  table="ngay trên biểu đồ")
