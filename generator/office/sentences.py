"""The report's factual sentences, written from its numbers in the office's Vietnamese.

Only facts: the overall assessment, the lessons and the tasks ahead are left to people (PLACEHOLDERS).
Numbers follow viet.py: `80 %` (truncated, never rounded up to a threshold), `1.234`.
"""

from __future__ import annotations

from generator.core.viet import number, rate
from generator.office.report import MODEL_NAMES, OCCASION_WORDS, Report, YearRow
from generator.outputs.stats import TOTAL

# What only people can write: each place is marked in the Word file and on the page.
PLACEHOLDERS = {
    "assessment": "Đánh giá chung (ưu điểm, hạn chế và nguyên nhân): phần này do cấp ủy viết.",
    "lessons": "Bài học kinh nghiệm: phần này do cấp ủy viết.",
    "tasks": "Phương hướng, nhiệm vụ thời gian tới và đề xuất, kiến nghị: phần này do cấp ủy viết.",
}


def change_words(change: int, previous_year: int, noun: str = "tổ chức") -> str:
    """`tăng 2 tổ chức so với năm 2024`, `giảm 1 …`, `bằng năm 2024`."""
    if change > 0:
        return f"tăng {number(change)} {noun} so với năm {previous_year}"
    if change < 0:
        return f"giảm {number(-change)} {noun} so với năm {previous_year}"
    return f"bằng năm {previous_year}"


def year_sentence(row: YearRow, models: list[YearRow]) -> str:
    """`Năm 2025 có 45 tổ chức đảng tự đánh giá, 36 tổ chức đạt “bốn tốt” (80 %), giảm 1 tổ chức so với năm 2024.`"""
    t = row.tally
    if not t.assessed:
        return f"Năm {row.year} chưa có kết quả đánh giá."
    text = (f"Năm {row.year} có {number(t.assessed)} tổ chức đảng tự đánh giá, {number(t.passed)} tổ chức đạt “bốn tốt” "
            f"({rate(t.rate or 0.0)})")
    if row.change is not None:
        text += ", " + change_words(row.change, row.year - 1)
    parts = [f"{MODEL_NAMES[m.model].lower()} {number(m.tally.passed)}/{number(m.tally.assessed)} ({rate(m.tally.rate or 0.0)})"
             for m in models if m.tally.assessed]
    if len(parts) > 1:
        text += "; trong đó " + ", ".join(parts)
    return text + "."


def yearly_sentences(report: Report) -> list[str]:
    """One sentence per year of the period."""
    result = []
    for year in report.years:
        total = report.row(year, TOTAL)
        result.append(year_sentence(total, [report.row(year, m) for m in report.models]))
    return result


def criteria_sentences(report: Report) -> list[str]:
    """Which criteria were not met most often, and the most frequent reason of each."""
    failing = [c for c in report.criteria if c.total]
    if not failing:
        return [f"Trong giai đoạn {report.first}–{report.last}, không có tổ chức đảng nào không đạt tiêu chí."]
    worst = max(failing, key=lambda c: (c.total, -c.number))
    text = (f"Trong giai đoạn {report.first}–{report.last}, tiêu chí có nhiều lượt tổ chức đảng không đạt nhất là "
            f"tiêu chí {worst.number} ({worst.title}): {number(worst.total)} lượt")
    if worst.causes:
        text += f"; nguyên nhân gặp nhiều nhất: {worst.causes[0].label[0].lower()}{worst.causes[0].label[1:]} ({number(worst.causes[0].total)} lượt)"
    return [text + "."]


def lists_sentences(report: Report) -> list[str]:
    """How many units were “bốn tốt” every year, never, or missed an assessment."""
    n = len(report.years)
    result = [f"Có {number(len(report.always))} tổ chức đảng đạt “bốn tốt” cả {number(n)} năm của giai đoạn; "
              f"{number(len(report.never))} tổ chức đảng có đánh giá nhưng chưa năm nào đạt “bốn tốt”."]
    if report.missing:
        result.append(f"{number(len(report.missing))} tổ chức đảng còn thiếu kết quả đánh giá của ít nhất một năm.")
    return result


def decisions_sentence(report: Report) -> str:
    """How many recognitions and commendations concern the units reported on."""
    if not report.decisions:
        return f"Chưa có quyết định công nhận, khen thưởng nào cho giai đoạn {report.first}–{report.last}."
    decisions = sum(g.decisions for g in report.decisions)
    collectives = sum(g.collectives for g in report.decisions)
    individuals = sum(g.individuals for g in report.decisions)
    return (f"Trong giai đoạn {report.first}–{report.last} có {number(decisions)} quyết định công nhận, tuyên dương, khen thưởng, "
            f"với {number(collectives)} lượt tập thể và {number(individuals)} lượt cá nhân.")


def candidates_sentence(report: Report) -> str:
    """How many units meet a condition for a proposal; the choice stays with the cấp ủy (plan III)."""
    return (f"Có {number(len(report.candidates))} tổ chức đảng đáp ứng điều kiện nêu dưới đây; việc lựa chọn, đề nghị khen thưởng "
            "do cấp ủy xem xét, quyết định.")


def title_words(report: Report) -> str:
    """The report's excerpt (trích yếu): `Sơ kết 2 năm thực hiện mô hình … giai đoạn 2024 - 2025`."""
    years = len(report.years)
    what = "mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”"
    if report.occasion:
        return f"{OCCASION_WORDS[report.occasion]} {number(years)} năm thực hiện {what}, giai đoạn {report.first} - {report.last}"
    return f"Kết quả thực hiện {what}, giai đoạn {report.first} - {report.last}"
