"""Helpers of the spreadsheet tests: a folder's bytes, and a workbook's columns and rows by their text."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def columns(sheet: Any) -> dict[str, int]:
    """Header text -> column number, on the header row (row 3)."""
    return {str(c.value): c.column for c in sheet[3] if c.value}


def row_of(sheet: Any, unit: str) -> int:
    for row in sheet.iter_rows(min_row=4):
        if row[0].value == unit:
            return int(row[0].row)
    raise AssertionError(unit)
