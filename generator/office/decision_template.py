"""`bontot template --decision ID`: a decision's header fields, then a sheet of collectives and one of individuals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.office.columns import DECISION_LABEL, Column
from generator.records.dataset import Dataset
from generator.rules.derive import tree_order
from generator.rules.names import BODY_NAMES, KIND_NAMES, OCCASION_NAMES

HEADER_FILL = PatternFill("solid", fgColor="FCE4D6")
CHOICES = {"issuer_body": BODY_NAMES, "kind": KIND_NAMES, "occasion": OCCASION_NAMES}
COLLECTIVES_TITLE, INDIVIDUALS_TITLE, UNITS_TITLE = "Tập thể", "Cá nhân", "Danh mục đơn vị"


@dataclass(frozen=True)
class Field:
    """One header field of the decision: its record key, its label on the sheet, and how it is read."""

    key: str
    label: str
    kind: str  # text, count or a key of CHOICES
    hint: str


FIELDS = [
    Field("id", DECISION_LABEL, "text", "Mã quyết định: chữ thường không dấu, số, gạch nối; là địa chỉ trang /khen-thuong/<mã>/, không đổi sau khi công bố."),
    Field("document", "Mã văn bản:", "text", "Mã của văn bản quyết định trong data/documents.yaml (ví dụ: 164-qd-du-cam-pha-2025)."),
    Field("issuer", "Mã đơn vị ban hành:", "text", "Mã đơn vị có cấp ủy ban hành quyết định (xem trang Danh mục đơn vị)."),
    Field("issuer_body", "Cơ quan ban hành:", "issuer_body", "Ban Thường vụ hoặc Đảng ủy (Ban Chấp hành) của đơn vị ban hành."),
    Field("kind", "Hình thức:", "kind", "Công nhận “bốn tốt”, Tuyên dương, Giấy khen hoặc Bằng khen."),
    Field("occasion", "Dịp:", "occasion", "Hằng năm, Sơ kết hoặc Tổng kết."),
    Field("year", "Năm được xét:", "count", "Năm được xét; với sơ kết, tổng kết là năm cuối của giai đoạn."),
    Field("period_from", "Năm đầu giai đoạn:", "count", "Chỉ ghi với sơ kết, tổng kết: năm đầu của giai đoạn."),
    Field("note", "Ghi chú:", "text", "Ghi chú về quyết định (có thể để trống)."),
]
COLLECTIVE_COLUMNS = [
    Column("unit", "Mã đơn vị", "text", ("unit",), 32, "Mã đơn vị được công nhận, khen thưởng (chọn trong danh sách)."),
    Column("unit_name", "Tên đơn vị (tự điền khi xuất mẫu)", "locked", None, 46),
    Column("achievement", "Thành tích", "text", ("achievement",), 60, "Thành tích (có thể để trống)."),
]
INDIVIDUAL_COLUMNS = [
    Column("name", "Họ và tên", "text", ("name",), 28, "Họ và tên. Không ghi số căn cước, điện thoại, địa chỉ, ngày sinh."),
    Column("position", "Chức vụ", "text", ("position",), 28, "Chức vụ (có thể để trống)."),
    Column("unit", "Mã đơn vị công tác", "text", ("unit",), 32, "Mã chi bộ nơi cá nhân sinh hoạt (chọn trong danh sách)."),
    Column("achievement", "Thành tích", "text", ("achievement",), 60, "Thành tích (có thể để trống)."),
]


def _header(sheet: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.freeze_panes = "A2"


def _prompt(sheet: Worksheet, ref: str, title: str, text: str, rule: DataValidation | None = None) -> None:
    rule = rule or DataValidation(type="textLength", operator="lessThanOrEqual", formula1="4000", allow_blank=True)
    rule.promptTitle, rule.prompt, rule.showInputMessage = title[:32], text[:255], True
    rule.add(ref)
    sheet.add_data_validation(rule)


def _list_sheet(sheet: Worksheet, columns: list[Column], rows: list[dict[str, Any]], units_range: str) -> None:
    _header(sheet, columns)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row.get(column.key)
            cell = sheet.cell(row=number, column=index, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
    last = max(len(rows) + 1, 2) + 200  # room for the lines the clerk adds
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        if column.key == "unit":
            rule = DataValidation(type="list", formula1=units_range, allow_blank=True)
            _prompt(sheet, f"{letter}2:{letter}{last}", column.header, column.hint, rule)
        elif column.kind != "locked":
            _prompt(sheet, f"{letter}2:{letter}{last}", column.header, column.hint)


def build_decision(ds: Dataset, decision_id: str) -> Workbook:
    """The workbook of one decision, pre-filled when data/ has it, blank (with its id) for a new one."""
    existing = ds.decision.get(decision_id)
    book = Workbook()
    guide = book.active
    guide.title = "Hướng dẫn"
    guide.column_dimensions["A"].width = 120
    for row, text in enumerate([
        "CÁCH ĐIỀN QUYẾT ĐỊNH CÔNG NHẬN, KHEN THƯỞNG",
        "",
        "1. Trang “Quyết định”: điền các ô ở cột B (mã văn bản, đơn vị ban hành, hình thức, dịp, năm). Bấm vào ô để xem hướng dẫn.",
        "2. Trang “Tập thể”: mỗi dòng một đơn vị được công nhận hoặc khen thưởng; chọn mã đơn vị trong danh sách thả xuống.",
        "3. Trang “Cá nhân”: mỗi dòng một người: họ và tên, chức vụ, mã đơn vị công tác, thành tích.",
        "   Không ghi số căn cước, điện thoại, địa chỉ hay ngày sinh.",
        "4. Trang “Danh mục đơn vị” liệt kê mã và tên mọi đơn vị, để tra cứu.",
        "5. Lưu dạng .xlsx, rồi kiểm tra bằng: bontot import TỆP.xlsx (xem trước), ghi bằng: bontot import TỆP.xlsx --write",
    ], start=1):
        guide.cell(row=row, column=1, value=text).font = Font(bold=row == 1)

    head = book.create_sheet("Quyết định")
    head["A1"] = "QUYẾT ĐỊNH CÔNG NHẬN, KHEN THƯỞNG"
    head["A1"].font = Font(bold=True, size=13)
    head.column_dimensions["A"].width, head.column_dimensions["B"].width = 26, 60
    for row, item in enumerate(FIELDS, start=3):
        head.cell(row=row, column=1, value=item.label).font = Font(bold=True)
        value: Any = decision_id if item.key == "id" else (getattr(existing, item.key) if existing is not None else None)
        if item.kind in CHOICES and value is not None:
            value = CHOICES[item.kind][value]
        head.cell(row=row, column=2, value=value)
        rule = None
        if item.kind in CHOICES:
            rule = DataValidation(type="list", formula1=f'"{",".join(CHOICES[item.kind].values())}"', allow_blank=True)
        elif item.kind == "count":
            rule = DataValidation(type="whole", operator="between", formula1="1930", formula2="2100", allow_blank=True)
        _prompt(head, f"B{row}", item.label.rstrip(":"), item.hint, rule)

    units = book.create_sheet(UNITS_TITLE)
    units.append(["Mã", "Tên"])
    for unit_id, depth in tree_order(ds):
        units.append([unit_id, "   " * depth + ds.unit[unit_id].name])
    units.column_dimensions["A"].width, units.column_dimensions["B"].width = 34, 70
    units_range = f"'{UNITS_TITLE}'!$A$2:$A${max(units.max_row, 2)}"

    collectives = [{"unit": c.unit, "unit_name": ds.unit[c.unit].name if c.unit in ds.unit else None, "achievement": c.achievement}
                   for c in (existing.collectives if existing else [])]
    individuals = [i.model_dump() for i in (existing.individuals if existing else [])]
    _list_sheet(book.create_sheet(COLLECTIVES_TITLE, 2), COLLECTIVE_COLUMNS, collectives, units_range)
    _list_sheet(book.create_sheet(INDIVIDUALS_TITLE, 3), INDIVIDUAL_COLUMNS, individuals, units_range)
    book.active = 1
    book.properties.creator = "bontot"
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    return book
