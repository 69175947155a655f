"""BT17: a decision is dated after what it rests on: the year it recognises, the last year of the period a sơ kết or tổng
kết reviews, the assessments, the plan itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.core.problems import Level, Problem
from generator.core.viet import date_short
from generator.records.dataset import Dataset
from generator.rules.names import OCCASION_NAMES
from generator.rules.registry import rule


def dated_after_what_it_rests_on(ds: Dataset) -> Iterator[Problem]:
    """Passes: recognition of 2024 dated 24/01/2025, after assessments of 12/2024. Fails: the same dated 20/12/2024."""
    plan = ds.document.get(ds.rulebook.record.source)
    for ref in ds.decisions:
        decision = ref.record
        doc = ds.document.get(decision.document)
        if doc is None:
            continue  # BT12
        shown = f"văn bản '{doc.id}' ({doc.number}) ghi ngày {date_short(doc.date)}"
        yearly_too_early = decision.occasion == "hang-nam" and doc.date <= dt.date(decision.year, 12, 31)
        review_too_early = decision.occasion != "hang-nam" and doc.date.year < decision.year
        too_early = yearly_too_early or review_too_early
        if yearly_too_early:
            yield ref.problem(
                ("document",),
                f"Theo mục II.4, việc xét, công nhận, khen thưởng hằng năm căn cứ kết quả cả năm {decision.year}, nên quyết định "
                f"ban hành sau khi năm {decision.year} kết thúc; {shown} — hãy kiểm tra ngày văn bản trong documents.yaml "
                "hoặc năm (year) của quyết định",
                "BT17",
            )
        if review_too_early:
            period = f"{decision.period_from}–{decision.year}" if decision.period_from is not None else str(decision.year)
            yield ref.problem(
                ("document",),
                f"Theo mục II.4 và III.2, khen thưởng {OCCASION_NAMES[decision.occasion].lower()} ghi nhận thành tích cả giai "
                f"đoạn {period}, nên quyết định ban hành từ năm cuối giai đoạn ({decision.year}) trở đi; {shown} — hãy kiểm tra "
                "ngày văn bản trong documents.yaml, hoặc năm cuối giai đoạn (year) của quyết định",
                "BT17",
            )
        if decision.kind == "cong-nhan" and not too_early:  # one wrong date, one message
            for index, entry in enumerate(decision.collectives):
                assessed = ds.assessment.get((entry.unit, decision.year))
                when = assessed.record.date if assessed is not None else None
                if when is not None and doc.date < when:
                    yield ref.problem(
                        ("collectives", index, "unit"),
                        f"Quyết định công nhận '{entry.unit}' căn cứ kết quả đánh giá năm {decision.year} ngày {date_short(when)} "
                        f"({assessed.source.shown if assessed else ''}), nhưng {shown}, trước ngày đánh giá; "
                        "hãy kiểm tra ngày văn bản hoặc ngày đánh giá",
                        "BT17",
                    )
        if plan is not None and decision.period_from is not None and decision.period_from < plan.date.year:
            yield ref.problem(
                ("period_from",),
                f"Giai đoạn {OCCASION_NAMES[decision.occasion].lower()} bắt đầu năm {decision.period_from}, trước năm ban hành "
                f"Kế hoạch {plan.number} (ngày {date_short(plan.date)}), trong khi sơ kết, tổng kết theo mục II.4 và III.2 là sơ kết, "
                "tổng kết việc thực hiện kế hoạch này — hãy kiểm tra năm đầu giai đoạn (period_from)",
                "BT17",
                Level.WARNING,
            )
        if plan is not None and doc.id != plan.id and doc.date < plan.date:
            yield ref.problem(
                ("document",),
                f"Quyết định theo Kế hoạch {plan.number} (ban hành ngày {date_short(plan.date)}) nhưng {shown}, "
                "trước cả kế hoạch; hãy kiểm tra ngày văn bản trong documents.yaml",
                "BT17",
                Level.WARNING,
            )


rule("BT17", "Quyết định công nhận, khen thưởng hằng năm ban hành sau khi năm đó kết thúc, quyết định sơ kết, tổng kết từ năm "
      "cuối giai đoạn, và sau các kết quả đánh giá; cảnh báo khi có trước kế hoạch", "II.4, III.2")(dated_after_what_it_rests_on)
