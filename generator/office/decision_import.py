"""`bontot import` of a decision workbook: header fields and the two lists merged into data/decisions/ID.yaml, checked
by `check` in a copy of data/ like the yearly results (importer.py), and written only when nothing is wrong."""

from __future__ import annotations

import copy
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from openpyxl.utils import get_column_letter
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.core.problems import Level, Problem, display_path
from generator.office.cells import clean_text, header_key, to_record
from generator.office.columns import DECISION_LABEL, Column
from generator.office.decision_template import CHOICES, COLLECTIVE_COLUMNS, FIELDS, INDIVIDUAL_COLUMNS, Field
from generator.office.locate import CellProblem
from generator.office.outcome import Change, Plan, link_copy
from generator.office.workbook import Sheet, WorkbookError, read_sheet
from generator.office.yamlmerge import put_key, round_trip_yaml, write_atomic
from generator.records.yamlsource import YamlError, load_yaml
from generator.rules.check import check

LISTS = {"collectives": COLLECTIVE_COLUMNS, "individuals": INDIVIDUAL_COLUMNS}
MARKERS = {"collectives": ("Mã đơn vị", "họ và tên"), "individuals": ("Họ và tên", "")}


_LABELS = {**{f.key: f.label.rstrip(":") for f in FIELDS}, "collectives": "Tập thể", "individuals": "Cá nhân"}


def _shown(key: str, value: Any) -> Any:
    """A value as the workbook shows it: `cong-nhan` -> `Công nhận “bốn tốt”`."""
    names = CHOICES.get(key, {})
    return names.get(value, value) if isinstance(value, str) else value


def _header(book: Any) -> tuple[str, dict[str, tuple[Field, Any, str]]]:
    labels = {header_key(f.label).rstrip(":"): f for f in FIELDS}
    for sheet in book.worksheets:
        found: dict[str, tuple[Field, Any, str]] = {}
        for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=60, max_col=8), start=1):
            for index, cell in enumerate(row[:-1]):
                item = labels.get(header_key(cell.value).rstrip(":"))
                if item is not None and item.key not in found:
                    found[item.key] = (item, row[index + 1].value, f"{get_column_letter(index + 2)}{number}")
        if "id" in found:
            return sheet.title, found
    raise WorkbookError(f"Không tìm thấy ô “{DECISION_LABEL}”; hãy dùng tệp tạo bằng lệnh bontot template --decision.")


def _field_value(item: Field, raw: Any) -> Any:
    if item.kind in CHOICES:
        if raw is None or not clean_text(str(raw)):
            return None
        key = header_key(raw)
        return next((code for code, name in CHOICES[item.kind].items() if header_key(name) == key or code == key), clean_text(str(raw)))
    column = Column(item.key, item.label, "count" if item.kind == "count" else "text", (item.key,), 0)
    return to_record(column, raw)


def _rows(sheet: Sheet, columns: list[Column]) -> tuple[list[dict[str, Any]], list[int]]:
    items, numbers = [], []
    for row in sheet.rows:
        item = {}
        for column in columns:
            if column.loc is not None and column.key in row.values:
                value = to_record(column, *row.values[column.key])
                if value is not None:
                    item[str(column.loc[0])] = value
        if item:
            items.append(item)
            numbers.append(row.number)
    return items, numbers


def _find(data_dir: Path, decision_id: str) -> Path:
    for path in sorted((data_dir / "decisions").glob("*.y*ml")):
        try:
            data = load_yaml(path).data
        except YamlError:
            continue
        if isinstance(data, dict) and data.get("id") == decision_id:
            return path
    return data_dir / "decisions" / f"{decision_id}.yaml"


def _merge_lists(node: Any, key: str, new: list[dict[str, Any]]) -> None:
    """Keep each unchanged item's node (and its comment); replace the others; drop the key for an empty list."""
    old = node.get(key)
    if not new:
        node.pop(key, None)
        return
    if not isinstance(old, list):
        old = CommentedSeq()
        put_key(node, key, old)
    for index, item in enumerate(new):
        current = old[index] if index < len(old) else None
        if isinstance(current, CommentedMap):
            for key in [k for k in current if k not in item]:
                del current[key]
            for key, value in item.items():
                put_key(current, key, value)  # in place: the item's own comment stays
        elif index < len(old):
            old[index] = CommentedMap(item)
        else:
            old.append(CommentedMap(item))
    del old[len(new):]


def plan_decision(book: Any, workbook: Path, data_dir: Path) -> Plan:
    """Read, merge and check one decision workbook; nothing is written."""
    shown = workbook.name
    head_title, head = _header(book)
    decision_id = clean_text(str(head["id"][1] or ""))
    target = _find(data_dir, decision_id) if decision_id else data_dir / "decisions" / "(trống).yaml"
    before: dict[str, Any] = load_yaml(target).data if target.exists() else {}
    after = copy.deepcopy(before)
    cells: dict[tuple[str | int, ...], tuple[str, str, int, str]] = {}
    for key, (item, raw, ref) in head.items():
        value = _field_value(item, raw)
        if value is None:
            after.pop(key, None)
        else:
            after[key] = value
        letters = "".join(ch for ch in ref if ch.isalpha())
        cells[(key,)] = (head_title, letters, int(ref[len(letters):]), item.label.rstrip(":"))
    for key, columns in LISTS.items():
        marker, exclude = MARKERS[key]
        try:
            sheet = read_sheet(book, columns, marker=marker, exclude=exclude)
        except WorkbookError:
            continue
        items, numbers = _rows(sheet, columns)
        if items:
            after[key] = items
        else:
            after.pop(key, None)
        for index, number in enumerate(numbers):
            for column in columns:
                if column.key in sheet.letters and column.loc is not None:
                    cells[(key, index, *column.loc)] = (sheet.title, sheet.letters[column.key], number, sheet.headers[column.key])
            cells.setdefault((key, index), (sheet.title, sheet.letters.get(columns[0].key, "A"), number, columns[0].header))
    changes = [Change(decision_id, "unchanged" if after == before else ("changed" if before else "added"),
                      [(_LABELS.get(k, k), _shown(k, before.get(k)), _shown(k, after.get(k)))
                       for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)])]
    problems: list[Problem | CellProblem] = []
    with tempfile.TemporaryDirectory(prefix="bontot-import-") as temp:
        copy_dir = Path(temp) / "data"
        shutil.copytree(data_dir, copy_dir, ignore=lambda f, names: [n for n in names if Path(f, n) == target], copy_function=link_copy)
        copy_target = copy_dir / target.relative_to(data_dir)
        copy_target.write_text(yaml.safe_dump(after, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
        source = load_yaml(copy_target)
        at = {where: loc for table in (source.positions, source.key_positions) for loc, where in table.items()}
        for problem in check(copy_dir)[1]:
            if problem.path != display_path(copy_target):
                problems.append(Problem(problem.path.replace(display_path(copy_dir), display_path(data_dir)), problem.line, problem.column,
                                        problem.level, problem.message, problem.rule))
                continue
            loc = at.get((problem.line, problem.column), ())
            while loc and loc not in cells:
                loc = loc[:-1]
            title, letter, row, header = cells.get(loc, cells[("id",)])
            problems.append(CellProblem(shown, title, letter, row, header, problem.level, problem.message, problem.rule))
    if not decision_id:
        problems.append(CellProblem(shown, *cells[("id",)], Level.ERROR, "Thiếu mã quyết định; hãy điền ô này", "IMPORT"))
    plan = Plan(shown, head_title, int(after.get("year") or 0), target, problems, changes, {}, [], kind="decision")
    plan.text = None if after == before else _render(target, after)
    return plan


def _render(target: Path, after: dict[str, Any]) -> str:
    yaml_rt = round_trip_yaml()
    node = yaml_rt.load(target.read_text(encoding="utf-8")) if target.exists() else CommentedMap()
    for key in [k for k in node if k not in after]:
        del node[key]
    for key, value in after.items():
        if key in LISTS:
            _merge_lists(node, key, value)
        else:
            put_key(node, key, value)
    out = io.StringIO()
    yaml_rt.dump(node, out)
    text = out.getvalue()
    if not target.exists():
        text = "# yaml-language-server: $schema=../../schema/decisions.schema.json\n" + text
    return text


__all__ = ["plan_decision", "write_atomic"]
