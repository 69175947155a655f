"""Helpers of the spreadsheet tests: a folder's bytes, a workbook's columns and rows by their text, `bontot import`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main


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


def run_import(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """`bontot import ARGS` in this process: exit code, the lines it printed, and what it wrote to stderr."""
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err
