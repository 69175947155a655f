"""`bontot import`: read a filled workbook, merge it with data/, check the result with `bontot check`'s own rules in a
copy of data/, and either preview the changes or write them, all or nothing."""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import yaml

from generator.core.problems import DataError, Level, Problem, display_path
from generator.office.cells import clean_text, to_record
from generator.office.columns import COLUMNS, INPUT, to_cell
from generator.office.decision_import import plan_decision
from generator.office.locate import CellProblem, Locator
from generator.office.outcome import Change, Plan, link_copy
from generator.office.workbook import Row, Sheet, WorkbookError, is_decision, open_book, read_sheet
from generator.office.yamlmerge import Updates, apply, new_record
from generator.records.yamlsource import YamlError, load_yaml
from generator.rules.check import check

_COLUMN = {c.key: c for c in COLUMNS}


def _units(data_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = load_yaml(data_dir / "units.yaml").data
    except YamlError:
        return {}
    units = data.get("units") if isinstance(data, dict) else None
    return {str(u.get("id")): u for u in units or [] if isinstance(u, dict)}


def _existing(path: Path) -> list[Any]:
    """The year file's records as plain data; a file that is not valid YAML stops the import (check says where)."""
    if not path.exists():
        return []
    try:
        data = load_yaml(path).data
    except YamlError as exc:
        raise DataError([Problem(display_path(path), exc.line, exc.column, Level.ERROR,
                                 f"{exc.message} Hãy sửa tệp này (bontot check) trước khi nhập tệp Excel.", "YAML")]) from None
    records = data.get("assessments") if isinstance(data, dict) else None
    return records if isinstance(records, list) else []


def _updates(row: Row, sheet: Sheet) -> Updates:
    found: Updates = {}
    for column in INPUT:
        if column.key in sheet.letters and column.loc is not None:
            raw, number_format = row.values.get(column.key, (None, "General"))
            found[column.loc] = to_record(column, raw, number_format)
    return found


def _value_at(record: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        if isinstance(part, int):
            record = record[part] if isinstance(record, list) and part < len(record) else None
        else:
            record = record.get(part) if isinstance(record, dict) else None
    return record


def _diff(before: Any, after: Any, sheet: Sheet) -> list[tuple[str, Any, Any]]:
    out = []
    for column in INPUT:
        if column.key in sheet.letters and column.loc is not None:
            old, new = _value_at(before, column.loc), _value_at(after, column.loc)
            if old != new:
                out.append((sheet.headers[column.key], to_cell(column, old), to_cell(column, new)))
    return out


def _checked_copy(data_dir: Path, target: Path, year: int, merged: list[Any] | None, temp: Path) -> list[Problem]:
    """Run `check` on a copy of data/ holding the merged year file: the same schema and rules, no second copy of them.
    `merged` None: the workbook changes nothing, and the year file is checked as it is (no dump: 0.7 s at 2,000 units)."""
    if merged is None:
        shutil.copytree(data_dir, temp, copy_function=link_copy)
        return check(temp)[1]
    shutil.copytree(data_dir, temp, ignore=lambda folder, names: [n for n in names if Path(folder, n) == target], copy_function=link_copy)
    (temp / target.relative_to(data_dir)).parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump({"year": year, "assessments": merged}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=False, width=4096)
    (temp / target.relative_to(data_dir)).write_text(text, encoding="utf-8")
    return check(temp)[1]


def _check(shown: str, sheet: Sheet, rows: dict[int, Row], data_dir: Path, target: Path, year: int,
           merged: list[Any] | None) -> list[Problem | CellProblem]:
    """`check` on a copy of data/ holding `merged` as the year file, each problem put back at its cell or file line."""
    with tempfile.TemporaryDirectory(prefix="bontot-import-") as temp:
        found = _checked_copy(data_dir, target, year, merged, Path(temp) / "data")
        locator = Locator(shown, sheet, rows, data_dir, Path(temp) / "data", target)
        return [locator.place(p) for p in found]


def plan_import(workbook: Path, data_dir: Path, expect_year: int | None = None) -> Plan:
    """Read, merge and check; nothing is written. Raises WorkbookError when the file cannot be used at all."""
    book = open_book(workbook)
    if is_decision(book):
        return plan_decision(book, workbook, data_dir)
    sheet = read_sheet(book, COLUMNS)
    shown = workbook.name
    if "id" not in sheet.letters:
        raise WorkbookError(f"Trang {sheet.title} không có cột “Mã đơn vị”; hãy dùng tệp tạo bằng lệnh bontot template.")
    if sheet.year is None:
        raise WorkbookError(f"Không tìm thấy năm đánh giá ở trang {sheet.title} (ô “Năm đánh giá:” phía trên dòng tiêu đề); hãy dùng tệp tạo bằng lệnh bontot template.")
    if expect_year is not None and sheet.year != expect_year:
        raise WorkbookError(f"Tệp {shown} là bảng kết quả năm {sheet.year}, không phải năm {expect_year}; hãy chọn đúng tệp hoặc bỏ --year.")
    year = sheet.year
    folder = data_dir / "assessments"
    target = next((p for p in (folder / f"{year}.yaml", folder / f"{year}.yml") if p.exists()), folder / f"{year}.yaml")
    units = _units(data_dir)
    existing = _existing(target)
    merged = [copy.deepcopy(r) for r in existing]
    index_of: dict[str, int] = {}
    for index, old in enumerate(existing):
        if isinstance(old, dict):
            index_of.setdefault(str(old.get("unit")), index)
    problems: list[Problem | CellProblem] = []
    changes: list[Change] = []
    changed: dict[str, Updates] = {}
    added: list[tuple[str, str, Updates]] = []
    rows: dict[int, Row] = {}
    seen: dict[str, int] = {}
    for row in sheet.rows:
        updates = _updates(row, sheet)
        raw_id = row.values.get("id", (None, ""))[0]
        unit = clean_text(str(raw_id)) if raw_id is not None else ""
        if all(v is None for v in updates.values()):
            continue  # a unit not filled in (or a blank row): its record, if any, stays as it is
        if not unit:
            problems.append(CellProblem(shown, sheet.title, sheet.letters["id"], row.number, sheet.headers["id"], Level.ERROR,
                                        "Dòng có số liệu nhưng thiếu mã đơn vị; hãy điền mã đơn vị hoặc xóa dòng này", "IMPORT"))
            continue
        if unit in seen:
            problems.append(CellProblem(shown, sheet.title, sheet.letters["id"], row.number, sheet.headers["id"], Level.ERROR,
                                        f"Mã đơn vị '{unit}' đã có ở dòng {seen[unit]}; mỗi đơn vị chỉ một dòng — hãy xóa dòng trùng", "BT12"))
            continue
        seen[unit] = row.number
        if unit in index_of:
            index = index_of[unit]
            before = existing[index]
            after = copy.deepcopy(before)
            apply(after, updates)
            merged[index] = after
            fields = _diff(before, after, sheet)
            if after != before:
                changed[unit] = updates
            changes.append(Change(unit, "changed" if after != before else "unchanged", fields))
        else:
            kind = units.get(unit, {}).get("type")
            record: MutableMapping[str, Any] = new_record(unit, "dang-uy" if kind == "dang-bo-co-so" else "chi-bo")
            apply(record, updates)
            index = len(merged)
            merged.append(record)
            added.append((unit, str(record["assessed_by"]), updates))
            changes.append(Change(unit, "added", _diff({}, record, sheet)))
        rows[index] = row
    as_is = not changed and not added and target.exists()
    problems.extend(_check(shown, sheet, rows, data_dir, target, year, None if as_is else merged))
    bad = {index for index, row in rows.items()
           if any(isinstance(p, CellProblem) and p.rule == "SCHEMA" and p.row == row.number for p in problems)}
    if bad:
        # A schema error leaves the whole year file untyped, so no rule ran on the other rows. Check again without the
        # rows in error (their old record, if any, in their place): every problem in one run, not one round per fix.
        retry: list[Any] = []
        retry_rows: dict[int, Row] = {}
        for index, record in enumerate(merged):
            if index in bad and index >= len(existing):
                continue
            if index in rows and index not in bad:
                retry_rows[len(retry)] = rows[index]
            retry.append(existing[index] if index in bad else record)
        known = {p.format() for p in problems}
        problems.extend(p for p in _check(shown, sheet, retry_rows, data_dir, target, year, retry) if p.format() not in known)
    return Plan(shown, sheet.title, year, target, problems, changes, changed, added, merged=merged,
                existing=existing)


__all__ = ["Change", "Plan", "WorkbookError", "plan_import"]
