"""`bontot template --year`: the workbook a clerk fills in, one row per unit of that year, pre-filled from data/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.office.columns import COLUMNS, ID_HEADER, QUALITY_CHOICES, RESULT_CHOICES, YEAR_LABEL, Column, hint_text, to_cell
from generator.office.guide import write_guide
from generator.records.dataset import Dataset
from generator.records.models import Assessment
from generator.rules.derive import existed, limits, model_for, tree_order

HEADER_ROW = 3
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
UNUSED_FILL = PatternFill("solid", fgColor="BFBFBF")
HEADER_FILL = PatternFill("solid", fgColor="FCE4D6")
DATE_FORMAT = "DD/MM/YYYY"


def data_sheet_title(year: int) -> str:
    """`Kết quả 2024`: the data sheet's name (the importer finds the sheet by its header, not by this name)."""
    return f"Kết quả {year}"


def _value(record: Assessment | None, column: Column) -> Any:
    if record is None or column.loc is None:
        return None
    current: Any = record
    for part in column.loc:
        if current is None:
            return None
        current = current[part] if isinstance(part, int) else getattr(current, part, None)
    return to_cell(column, current)


def _validations(sheet: Worksheet, year_limits: dict[str, float | None], last_row: int) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        if column.kind == "locked":
            continue
        letter = get_column_letter(index)
        if column.kind == "result":
            rule = DataValidation(type="list", formula1=f'"{",".join(RESULT_CHOICES)}"', allow_blank=True)
        elif column.kind == "quality":
            rule = DataValidation(type="list", formula1=f'"{",".join(QUALITY_CHOICES)}"', allow_blank=True)
        elif column.kind == "count":
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        elif column.kind == "date":
            rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        else:
            rule = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="4000", allow_blank=True)
        rule.promptTitle = column.header[:32]
        rule.prompt = hint_text(column, year_limits)[:255]
        rule.showInputMessage = True
        rule.errorTitle = "Giá trị không hợp lệ"
        rule.error = (hint_text(column, year_limits) or "Giá trị không hợp lệ.")[:255]
        rule.showErrorMessage = True
        rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{max(last_row, HEADER_ROW + 1)}")
        sheet.add_data_validation(rule)


def _write_cell(sheet: Worksheet, row: int, col: int, value: Any, column: Column, editable: bool) -> None:
    cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a note beginning with "=" is text, never a formula
    if column.kind == "date":
        cell.number_format = DATE_FORMAT
    if column.kind in ("date", "result", "quality", "count"):
        cell.alignment = Alignment(horizontal="center")
    if editable:
        cell.protection = Protection(locked=False)
    else:
        cell.fill = LOCKED_FILL if column.kind == "locked" else UNUSED_FILL


def build_year(ds: Dataset, year: int) -> Workbook:
    """The workbook for one year's assessments (the Dataset must have passed loading)."""
    rulebook = ds.rulebook.record
    year_limits = limits(rulebook, year)
    book = Workbook()
    write_guide(book.active, year, year_limits)
    sheet = book.create_sheet(data_sheet_title(year))
    sheet["A1"] = f"KẾT QUẢ TỰ ĐÁNH GIÁ “CHI BỘ BỐN TỐT”, “ĐẢNG BỘ CƠ SỞ BỐN TỐT” NĂM {year}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"], sheet["B2"] = YEAR_LABEL, year
    sheet["A2"].font = Font(bold=True)
    sheet["B2"].font = Font(bold=True)
    sheet["B2"].alignment = Alignment(horizontal="left")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 48
    row = HEADER_ROW
    for unit_id, depth in tree_order(ds):
        unit = ds.unit[unit_id]
        if not existed(unit, year):
            continue
        row += 1
        model = model_for(unit, rulebook)
        ref = ds.assessment.get((unit_id, year))
        record = ref.record if ref is not None else None
        parent = ds.unit.get(unit.parent or "")
        shown: dict[str, Any] = {
            "id": unit_id, "name": "   " * depth + unit.name, "parent": parent.name if parent else "",
            "model": model.name if model else "(không đánh giá)",
        }
        for index, column in enumerate(COLUMNS, start=1):
            value = shown[column.key] if column.key in shown else _value(record, column)
            editable = column.kind != "locked" and model is not None and model.id in column.models
            _write_cell(sheet, row, index, value, column, editable)
    _validations(sheet, year_limits, row)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)
    # Printed, every page repeats the header row and the unit's name.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_title_cols = "B:B"
    sheet.page_setup.pageOrder = "overThenDown"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{row}"
    # Protection keeps ids and names as written; the input columns are unlocked cell by cell. No password: it guards
    # against slips, not people.
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    book.active = 1
    book.properties.title = f"Kết quả đánh giá bốn tốt năm {year}"
    book.properties.creator = "bontot"
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    return book


def write_year(ds: Dataset, year: int, out: Path) -> int:
    """Write the year's workbook to `out`; returns the number of unit rows."""
    book = build_year(ds, year)
    book.save(out)
    return int(book[data_sheet_title(year)].max_row) - HEADER_ROW


__all__ = ["HEADER_ROW", "ID_HEADER", "build_year", "data_sheet_title", "write_year"]
