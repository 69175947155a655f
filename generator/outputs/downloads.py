"""Downloads: CSV (UTF-8 with BOM for Excel), XLSX and JSON for every decision and year, and one JSON index.

Field names of the JSON files are stable and documented in docs/data.md; the files are deterministic.
XLSX files are written by XlsxWriter with fixed document properties, so the same rows give the same bytes
(docs/performance.md, "Libraries or our own code", has the figures that chose it over a hand-written writer).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pickle
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]

from generator.core import urls
from generator.core.memo import memoized
from generator.core.viet import name_key
from generator.outputs.stats_page import ParentRates
from generator.records.dataset import Dataset
from generator.records.models import Decision
from generator.rules.derive import Evaluation, body_name, decision_level
from generator.rules.names import KIND_NAMES, LEVEL_NAMES, OCCASION_NAMES, TYPE_NAMES

DECISION_HEADER = ["STT", "Loại", "Tên tập thể / Họ và tên", "Chức vụ", "Đơn vị", "Mã đơn vị", "Cấp trên trực tiếp", "Thành tích"]
YEAR_HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại hình", "Cấp trên trực tiếp", "Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Tiêu chí 4",
               "Kết quả “bốn tốt”", "Lý do không đạt"]
FORMATS = ("csv", "xlsx", "json")
# Every text is written with write_string: a value starting with `=` stays text, never a formula.
_XLSX_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
_XLSX_PROPERTIES = {"author": "bontot", "created": dt.datetime(2000, 1, 1)}  # fixed: the same rows, the same bytes
# Characters XML 1.0 cannot carry (records refuse control characters; this is a last guard).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Table:
    """One download before serialisation: a header row, data rows, and the JSON document."""

    sheet: str
    header: list[str]
    rows: list[list[str | int]]
    document: dict[str, Any]


def _safe_cell(value: str | int) -> str | int:
    """Neutralise spreadsheet formulas (OWASP CSV injection): text starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([[_safe_cell(v) for v in row] for row in table.rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """One sheet, bold frozen header, columns as wide as their text; text cells stay text even when they start with `=`."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, _XLSX_OPTIONS)
    book.set_properties(_XLSX_PROPERTIES)
    sheet = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", "", table.sheet)[:31] or "Sheet1")
    bold = book.add_format({"bold": True})
    for col, name in enumerate(table.header):
        width = max([len(str(name))] + [len(str(row[col])) for row in table.rows[:500]])
        sheet.set_column(col, col, min(max(width + 2, 6), 60))
        sheet.write_string(0, col, _INVALID_XML.sub("", name), bold)
    text, number = sheet.write_string, sheet.write_number
    for row_number, row in enumerate(table.rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, int) and not isinstance(value, bool):
                number(row_number, col, value)
            else:
                text(row_number, col, _INVALID_XML.sub("", str(value)))
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def to_json(table: Table) -> bytes:
    # Compact: the indenting encoder is pure Python (~10 s for the downloads of 20,000 units), the compact one C.
    return (json.dumps(table.document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def serialise(table: Table, fmt: str) -> bytes:
    """The table as `fmt` bytes. XLSX is slow (2,000 units: most of the downloads' time) and a pure function of the
    sheet name, header and rows, so a build remembers it (generator/core/memo.py): an edit rewrites only the tables it changes."""
    if fmt == "xlsx":
        key = pickle.dumps((table.sheet, table.header, table.rows), protocol=pickle.HIGHEST_PROTOCOL)
        return memoized("xlsx", key, partial(to_xlsx, table))
    return {"csv": to_csv, "json": to_json}[fmt](table)


def decision_table(ds: Dataset, decision: Decision, order: dict[str, int]) -> Table:
    """Entries of one decision: collectives in tree order, then people in Vietnamese name order."""
    doc = ds.document.get(decision.document)
    rows: list[list[str | int]] = []
    collectives = sorted(decision.collectives, key=lambda c: order.get(c.unit, 0))
    people = sorted(decision.individuals, key=lambda p: name_key(p.name))

    def name(unit_id: str | None) -> str:
        unit = ds.unit.get(unit_id or "")
        return unit.name if unit else ""

    for index, c in enumerate(collectives, start=1):
        parent = ds.unit[c.unit].parent if c.unit in ds.unit else None
        rows.append([index, "Tập thể", name(c.unit), "", name(c.unit), c.unit, name(parent), c.achievement or ""])
    for index, p in enumerate(people, start=1):
        parent = ds.unit[p.unit].parent if p.unit in ds.unit else None
        rows.append([index, "Cá nhân", p.name, p.position or "", name(p.unit), p.unit, name(parent), p.achievement or ""])
    issuer = body_name(name(decision.issuer) or decision.issuer, decision.issuer_body)
    document = {
        "id": decision.id,
        "url": urls.published(urls.decision(decision.id)),
        "number": doc.number if doc else None,
        "date": doc.date.isoformat() if doc else None,
        "place": doc.place if doc else None,
        "title": doc.title if doc else None,
        "issuer": decision.issuer,
        "issuer_body": decision.issuer_body,
        "issuer_name": issuer,
        "level": decision_level(ds, decision.issuer),
        "kind": decision.kind,
        "occasion": decision.occasion,
        "year": decision.year,
        "period_from": decision.period_from,
        "collectives": [
            {"unit": c.unit, "name": name(c.unit), "parent": ds.unit[c.unit].parent if c.unit in ds.unit else None,
             "achievement": c.achievement}
            for c in collectives
        ],
        "individuals": [
            {"name": p.name, "position": p.position, "unit": p.unit, "unit_name": name(p.unit), "achievement": p.achievement}
            for p in people
        ],
    }
    return Table(f"{KIND_NAMES[decision.kind]}"[:31].replace("“", "").replace("”", ""), DECISION_HEADER, rows, document)


def year_table(ds: Dataset, year: int, evaluations: list[Evaluation], hide_reasons: bool) -> Table:
    """Every assessment of a year, in tree order, with the reasons for unmet criteria unless hidden."""
    rows: list[list[str | int]] = []
    entries = []
    for e in evaluations:
        unit = ds.unit[e.unit]
        parent = ds.unit.get(unit.parent or "")
        reasons = [] if hide_reasons else [
            f"Tiêu chí {n}: " + "; ".join([*e.reasons.get(n, []), *([e.notes[n]] if n in e.notes else [])])
            for n in sorted(set(e.reasons) | set(e.notes))
        ]
        met = ["Đạt" if m else "Không đạt" for m in e.met]
        if hide_reasons:
            met = ["", "", "", ""]
        rows.append([unit.id, unit.name, TYPE_NAMES[unit.type], parent.name if parent else "", *met,
                     "Đạt" if e.passed else "Không đạt", " | ".join(reasons)])
        entry: dict[str, Any] = {"unit": unit.id, "name": unit.name, "type": unit.type, "parent": unit.parent, "model": e.model,
                                 "passed": e.passed}
        if not hide_reasons:
            entry["criteria"] = list(e.met)
            entry["reasons"] = {str(n): r for n, r in sorted(e.reasons.items())}
            entry["notes"] = {str(n): t for n, t in sorted(e.notes.items())}
        entries.append(entry)
    passed = sum(e.passed for e in evaluations)
    document = {"year": year, "url": urls.published(urls.year(year)), "assessed": len(evaluations), "passed": passed,
                "assessments": entries}
    return Table(f"Năm {year}", YEAR_HEADER, rows, document)


def parent_table(rates: ParentRates) -> Table:
    """The statistics by parent unit in full (/thong-ke/ lists only some past a few dozen parents)."""
    header = ["Mã đơn vị cấp trên", "Đơn vị cấp trên"]
    for year in rates.years:
        header += [f"{year}: số đơn vị đánh giá", f"{year}: số đạt “bốn tốt”"]
    rows: list[list[str | int]] = []
    entries = []
    for group in rates.groups:
        tallies = {y: rates.per_group[y].get(group) for y in rates.years}
        row: list[str | int] = [group or "", rates.labels[group]]
        for y in rates.years:
            t = tallies[y]
            row += [t.assessed, t.passed] if t else ["", ""]
        rows.append(row)
        entries.append({"unit": group, "name": rates.labels[group],
                        "years": {str(y): {"assessed": t.assessed, "passed": t.passed} for y, t in tallies.items() if t}})
    document = {"url": urls.published(urls.stats()), "years": rates.years, "parents": entries}
    return Table("Theo đơn vị cấp trên", header, rows, document)


def index_document(ds: Dataset, order: list[str]) -> dict[str, Any]:
    """One JSON index of all units and decisions for other tools."""
    return {
        "site": ds.site.record.title,
        "units": [
            {"id": uid, "name": ds.unit[uid].name, "type": ds.unit[uid].type, "type_name": TYPE_NAMES[ds.unit[uid].type],
             "parent": ds.unit[uid].parent, "former_ids": ds.unit[uid].former_ids, "url": urls.published(urls.unit(uid))}
            for uid in order
        ],
        "decisions": [
            {"id": ref.record.id, "number": ds.document[ref.record.document].number if ref.record.document in ds.document else None,
             "year": ref.record.year, "kind": ref.record.kind, "kind_name": KIND_NAMES[ref.record.kind],
             "occasion": ref.record.occasion, "occasion_name": OCCASION_NAMES[ref.record.occasion],
             "level": decision_level(ds, ref.record.issuer), "level_name": LEVEL_NAMES[decision_level(ds, ref.record.issuer)],
             "url": urls.published(urls.decision(ref.record.id)),
             "downloads": {fmt: urls.published_file(urls.decision_download(ref.record.id, fmt)) for fmt in FORMATS}}
            for ref in sorted(ds.decisions, key=lambda r: r.record.id)
        ],
        "years": [
            {"year": y, "url": urls.published(urls.year(y)),
             "downloads": {fmt: urls.published_file(urls.year_download(y, fmt)) for fmt in FORMATS}}
            for y in ds.years
        ],
    }
