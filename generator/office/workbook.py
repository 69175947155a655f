"""Reading a filled workbook: refuse what is not .xlsx, find the data sheet, its year and its columns by header text."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.office.cells import clean_text, header_key, is_blank
from generator.office.columns import DECISION_LABEL, ID_HEADER, YEAR_LABEL, Column

HEADER_SCAN_ROWS = 20


class WorkbookError(Exception):
    """The file cannot be read as a workbook of ours: one clear sentence for the clerk."""


@dataclass
class Row:
    """One data row: its sheet row number and, by column key, the cell value and its number format."""

    number: int
    values: dict[str, tuple[Any, str]] = field(default_factory=dict)


@dataclass
class Sheet:
    """The data sheet as read: its name, year, the letter of each known column, and every non-blank row."""

    title: str
    year: int | None
    letters: dict[str, str]
    headers: dict[str, str]
    rows: list[Row]


def open_book(path: Path) -> Any:
    """The openpyxl workbook at `path`, or a WorkbookError saying how to save it instead."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".csv", ".ods", ".txt", ".xlsb"):
        raise WorkbookError(f"Tệp {path.name} có dạng {suffix}, máy chỉ đọc được tệp Excel .xlsx; hãy mở tệp và lưu thành .xlsx (Lưu thành… > Sổ làm việc Excel).")
    if not path.is_file():
        raise WorkbookError(f"Không tìm thấy tệp '{path}'; hãy kiểm tra tên và thư mục.")
    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:8]
        kind = ".xls (Excel 97-2003)" if head.startswith(b"\xd0\xcf\x11\xe0") else "văn bản hoặc .csv"
        raise WorkbookError(f"Tệp {path.name} thực chất là tệp {kind}, không phải .xlsx; hãy mở tệp và lưu thành .xlsx (Lưu thành… > Sổ làm việc Excel).")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise WorkbookError(f"Không đọc được tệp {path.name} như một sổ Excel .xlsx ({exc}); hãy mở và lưu lại thành .xlsx.") from None


def _find_header(rows: list[tuple[Any, ...]], marker: str, known: set[str]) -> int | None:
    """The first row with a cell starting with the id header and at least one other known header."""
    for index, row in enumerate(rows):
        keys = [header_key(value) for value in row]
        if any(key.startswith(marker) for key in keys) and sum(key in known for key in keys) >= 1:
            return index
    return None


def _year(rows: list[tuple[Any, ...]]) -> int | None:
    label = header_key(YEAR_LABEL).rstrip(":")
    for row in rows:
        for index, value in enumerate(row):
            if header_key(value).rstrip(":") == label:
                following = next((v for v in row[index + 1:] if not is_blank(v)), None)
                text = clean_text(str(following)) if following is not None else ""
                match = re.fullmatch(r"(\d{4})(\.0+)?", text)
                return int(match.group(1)) if match else None
    return None


def is_decision(book: Any) -> bool:
    """True when some sheet has the `Mã quyết định:` label: the workbook of a decision, not of a year."""
    label = header_key(DECISION_LABEL)
    return any(header_key(value) == label for sheet in book.worksheets
               for row in sheet.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, max_col=6, values_only=True) for value in row)


def read_sheet(book: Any, columns: list[Column], marker: str = ID_HEADER, exclude: str = "") -> Sheet:
    """The first sheet whose header row holds `marker` (whatever the sheet is called), read by header text.
    A sheet whose header has a cell `exclude` is passed over (two lists that share a header)."""
    wanted = {header_key(c.header): c for c in columns}
    marker_key = header_key(marker)
    for sheet in book.worksheets:
        top = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS)]
        at = _find_header(top, marker_key, set(wanted) - {header_key(columns[0].header)})
        if at is None or (exclude and any(header_key(v) == exclude for v in top[at])):
            continue
        letters: dict[str, str] = {}
        headers: dict[str, str] = {}
        positions: dict[int, Column] = {}
        for index, value in enumerate(top[at]):
            key = header_key(value)
            column = wanted.get(key)
            if column is None and columns and marker_key in key:
                column = columns[0]  # the id column, whatever is written after "Mã đơn vị"
            if column is not None and column.key not in letters:
                letters[column.key] = get_column_letter(index + 1)
                headers[column.key] = " ".join(clean_text(str(value)).split())
                positions[index] = column
        rows: list[Row] = []
        for number, cells in enumerate(sheet.iter_rows(min_row=at + 2), start=at + 2):
            row = Row(number)
            for index, cell in enumerate(cells):
                column = positions.get(index)
                if column is not None and not is_blank(cell.value):
                    row.values[column.key] = (cell.value, cell.number_format or "General")
            if row.values:
                rows.append(row)
        return Sheet(sheet.title, _year(top[:at]), letters, headers, rows)
    raise WorkbookError(f"Không tìm thấy trang nào có dòng tiêu đề chứa “{marker}”; hãy dùng tệp tạo bằng lệnh bontot template và giữ nguyên dòng tiêu đề.")
