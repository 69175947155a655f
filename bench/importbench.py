"""Benchmark of the office's round trip, called by run.py: `bontot template` and `bontot import` on `bontot demo` data.

The workbook is the last year's (one row per unit); the import is timed as a preview, and as a write after one
edited cell (the ruamel round-trip merge). Each step runs in its own process, so interpreter start is included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from openpyxl import load_workbook

PYTHON = sys.executable


def _timed(cmd: list[str], cwd: Path) -> tuple[tuple[float, float], int]:
    """(wall, CPU) seconds and exit code of one child process; CPU (os.wait4) is what a loaded machine does not inflate."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime), os.waitstatus_to_exitcode(status)


def bench_import(work: Path, data: Path, units: int, years: int, root: Path) -> dict[str, object]:
    """Seconds for template, import preview, and import --write of one change, on `data` (a demo of `units` units)."""
    year = 2024 + years - 1
    book = work / f"import-{units}.xlsx"
    template, code = _timed([PYTHON, "-m", "generator", "template", "--year", str(year), "--out", str(book), "--data", str(data)], root)
    if code:
        raise SystemExit(f"template {units} failed: exit {code}")
    rows = load_workbook(book, read_only=True)[f"Kết quả {year}"].max_row - 3
    preview, code = _timed([PYTHON, "-m", "generator", "import", str(book), "--data", str(data)], root)
    if code > 1:
        raise SystemExit(f"import {units} failed: exit {code}")
    edited = load_workbook(book)
    sheet = edited[f"Kết quả {year}"]
    note = next(c.column for c in sheet[3] if c.value == "Ghi chú")
    row = next(r[0].row for r in sheet.iter_rows(min_row=4) if r[note - 1].protection.locked is False)
    sheet.cell(row, note).value = "Ghi chú thêm khi đo tốc độ."
    edited.save(book)
    write, code = _timed([PYTHON, "-m", "generator", "import", str(book), "--data", str(data), "--write"], root)
    return {"units": units, "rows": rows, "template": template, "preview": preview, "write": write, "code": code}


def line(result: dict[str, object]) -> str:
    """One sentence for the benchmark's notes: wall seconds, CPU seconds in brackets."""
    def s(key: str) -> str:
        wall, cpu = result[key]  # type: ignore[misc]
        return f"{wall:.1f} s ({cpu:.1f} s CPU)"

    return (f"- Office round trip at {result['units']:,} units ({result['rows']:,} workbook rows, data of all years checked): "
            f"`bontot template` {s('template')}, `bontot import` preview {s('preview')}, "
            f"`import --write` of one edited cell {s('write')} (exit {result['code']}).")
