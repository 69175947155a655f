"""The report as a Word file: the Report's numbers and sentences poured into templates/bao-cao.docx with docxtpl.

The bytes depend on the data only (fixed document dates, fixed zip entry times), so that a build with
unchanged data writes the same file and skips it.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
from functools import partial
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from generator.core.memo import memoized
from generator.core.viet import number, rate
from generator.office import sentences
from generator.office.report import MODEL_NAMES, Report
from generator.office.report_template import TEMPLATE
from generator.office.ziptime import stable_zip
from generator.outputs.stats import TOTAL
from generator.records.dataset import Dataset
from generator.rules.derive import body_name

SEE_CANDIDATES = "Danh sách các tổ chức đảng này ở mục 7, kèm điều kiện đáp ứng."


def _superior(ds: Dataset, unit_id: str) -> str:
    """`Đảng bộ Tập đoàn …`: the committee above the issuing one, named as its đảng bộ (36-HD, tên cấp ủy cấp trên)."""
    unit = ds.unit.get(unit_id)
    parent = ds.unit.get(unit.parent) if unit is not None and unit.parent else None
    if parent is None:
        return ""
    name = parent.name
    return "Đảng bộ " + name.removeprefix("Đảng ủy ") if name.startswith("Đảng ủy ") else name


def _symbol(ds: Dataset, unit_id: str) -> str:
    """The issuer's part of `Số …-BC/ĐU`: a đảng ủy signs its documents `ĐU`, a chi bộ `CB`."""
    unit = ds.unit.get(unit_id)
    return "CB" if unit is not None and unit.type.startswith("chi-bo") else "ĐU"


def _change(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{number(value)}" if value > 0 else ("−" + number(-value) if value < 0 else "0")


def _same_units(report: Report) -> bool:
    """Every unit “bốn tốt” in every year is also a candidate: the Word file lists them once, in section 7."""
    return bool(report.always) and {u.unit for u in report.always} == {u.unit for u in report.candidates}


def _criterion_rows(report: Report) -> list[dict[str, str]]:
    rows = []
    for c in report.criteria:
        by_year = "; ".join(f"{y}: {number(n)}" for y, n in zip(report.years, c.failed, strict=True))
        rows.append({"criterion": f"Tiêu chí {c.number}. {c.title}", "what": "Số tổ chức đảng không đạt", "by_year": by_year,
                     "total": number(c.total)})
        for cause in c.causes:
            rows.append({"criterion": "", "what": f"– {cause.label}", "total": number(cause.total),
                         "by_year": "; ".join(f"{y}: {number(n)}" for y, n in zip(report.years, cause.counts, strict=True))})
    return rows


def _nowrap(value: Any) -> Any:
    """`80 %` with a no-break space, in every string of the context: Word must not put `%` alone on the next line."""
    if isinstance(value, str):
        return value.replace(" %", "\u00a0%")
    if isinstance(value, list):
        return [_nowrap(v) for v in value]
    if isinstance(value, dict):
        return {k: _nowrap(v) for k, v in value.items()}
    return value


def context(ds: Dataset, report: Report) -> dict[str, Any]:
    """Everything the template shows, as text already in Vietnamese number format."""
    scope = ds.unit.get(report.scope)
    issuing = body_name(scope.name, "dang-uy") if scope else report.scope_name
    corporation = report.scope == ds.site.record.corporation
    plan = ds.document.get(ds.rulebook.record.source)
    parent = ds.unit.get(scope.parent) if scope is not None and scope.parent else None
    period = sentences.title_words(report)
    intro = (f"Thực hiện Kế hoạch số {plan.number} ngày {plan.date.strftime('%d/%m/%Y')} của {plan.issuer} về triển khai thực hiện "
             f"mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”, {issuing} báo cáo kết quả giai đoạn {report.first} - {report.last} "
             "như sau:") if plan else f"{issuing} báo cáo kết quả giai đoạn {report.first} - {report.last} như sau:"

    def unit_rows(lines: tuple[Any, ...]) -> list[dict[str, str]]:
        return [{"index": str(i), "name": u.name, "parent": u.parent, "detail": u.detail} for i, u in enumerate(lines, start=1)]

    return {
        "superior_body": _superior(ds, report.scope),
        "issuing_body": issuing,
        "symbol": _symbol(ds, report.scope),
        "place": (plan.place if plan and plan.place else "…"),
        "issue_year": str(report.last + 1),
        "excerpt": period,
        "intro": intro,
        "yearly": sentences.yearly_sentences(report),
        "year_rows": [{"year": str(r.year), "model": MODEL_NAMES[r.model], "assessed": number(r.tally.assessed),
                       "passed": number(r.tally.passed), "rate": rate(r.tally.rate) if r.tally.rate is not None else "—",
                       "change": _change(r.change)} for r in report.year_rows if r.model != TOTAL or len(report.models) > 1],
        "criteria_text": sentences.criteria_sentences(report),
        "criterion_rows": _criterion_rows(report),
        "lists_text": sentences.lists_sentences(report),
        "always": [] if _same_units(report) else unit_rows(report.always),
        "always_empty": SEE_CANDIDATES if _same_units(report) else "Không có.",
        "never": unit_rows(report.never),
        "missing": unit_rows(report.missing),
        "decisions_text": [sentences.decisions_sentence(report)],
        "decision_rows": [{"level": g.level, "kind": g.kind, "decisions": number(g.decisions), "collectives": number(g.collectives),
                           "individuals": number(g.individuals)} for g in report.decisions],
        "candidates_text": [sentences.candidates_sentence(report)],
        "candidates": unit_rows(report.candidates),
        "placeholders": sentences.PLACEHOLDERS,
        "signing_for": "T/M Ban Thường vụ" if corporation else "T/M Đảng ủy",
        "signer_position": "Bí thư",
        "recipients": [
            *([f"- {body_name(parent.name, 'ban-thuong-vu')} (để báo cáo),"] if parent else []),
            "- Các đồng chí ủy viên Ban Thường vụ," if corporation else "- Các đồng chí đảng ủy viên,",
            "- Các tổ chức đảng trực thuộc,",
            "- Lưu Văn phòng Đảng ủy.",
        ],
    }


def render_docx(ds: Dataset, report: Report, template: Path | None = None) -> bytes:
    """The report as .docx bytes; `template` replaces templates/bao-cao.docx (a copy the office restyled in Word).

    With the project's own template, a build remembers the file by what it shows (generator/core/memo.py; the
    template is part of the code's key): an edit that leaves a period's report as it was writes no Word file."""
    values = _nowrap(context(ds, report))
    if template is not None:
        return _render(template, values, report)
    key = pickle.dumps((values, report.first, report.last, sentences.title_words(report)), protocol=pickle.HIGHEST_PROTOCOL)
    return memoized("docx", key, partial(_render, TEMPLATE, values, report))


def _render(template: Path, values: dict[str, Any], report: Report) -> bytes:
    document = DocxTemplate(str(template))
    document.render(values, autoescape=True)
    core = document.docx.core_properties
    core.title = f"Báo cáo {sentences.title_words(report)}"
    core.author = core.last_modified_by = "bontot"
    core.created = core.modified = dt.datetime(report.last, 12, 31)
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())
