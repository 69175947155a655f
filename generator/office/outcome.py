"""What an import found and would do: the changes per unit, the problems, and the write that applies them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.problems import DataError, Level, Problem, display_path
from generator.office.locate import CellProblem
from generator.office.yamlmerge import Updates, merge_file, splice_file, write_atomic
from generator.records.yamlsource import YamlError, load_yaml


@dataclass
class Change:
    """What the workbook does to one unit: `added`, `changed` (with field: old → new) or `unchanged`."""

    unit: str
    status: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)


@dataclass
class Plan:
    """Everything an import found: the problems, the changes, and the new text of the year file."""

    workbook: str
    sheet: str
    year: int
    target: Path
    problems: list[Problem | CellProblem]
    changes: list[Change]
    changed: dict[str, Updates]
    added: list[tuple[str, str, Updates]]
    kind: str = "year"  # or "decision"
    text: str | None = None  # a decision: the file's whole new text (None: nothing to change)
    merged: list[Any] = field(default_factory=list)  # a year: every record as checked, in file order
    existing: list[Any] = field(default_factory=list)  # a year: the records of the file before the import

    @property
    def ok(self) -> bool:
        """True when nothing stops the write (warnings do not)."""
        return not any(p.level is Level.ERROR for p in self.problems)

    def problem_lines(self) -> list[str]:
        """Every problem as printed: workbook cells by row and column, then data files by path and line."""
        cells = sorted((p for p in self.problems if isinstance(p, CellProblem)), key=lambda p: p.sort_key())
        files = sorted(p for p in self.problems if isinstance(p, Problem))
        return [p.format() for p in cells] + [p.format() for p in files]

    def write(self) -> bool:
        """Merge into the data file atomically; False when there was nothing to change."""
        if self.text is not None:
            write_atomic(self.target, self.text)
            return True
        if not self.changed and not self.added:
            return False
        starts = self._starts()
        if starts and write_atomic(self.target, splice_file(self.target, starts, self.changed, self.added), self._same):
            return True
        # A file the splice cannot edit faithfully (odd layout): the whole file goes through ruamel instead.
        if not write_atomic(self.target, merge_file(self.target, self.year, self.changed, self.added), self._same):
            raise DataError([Problem(display_path(self.target), 1, 1, Level.ERROR,
                                     "Không ghi được: tệp ghi ra khác dữ liệu đã kiểm tra; tệp được giữ nguyên — hãy báo lỗi này", "IMPORT")])
        return True

    def _starts(self) -> list[tuple[int, str]]:
        """First line and unit of each record of the year file (empty when it has none, or an odd layout). Only a write
        needs them: finding every line takes a second full parse of the file."""
        if not self.existing or not all(isinstance(r, dict) for r in self.existing):
            return []
        positions = load_yaml(self.target).positions
        found = [(positions.get(("assessments", i), (0, 0))[0], str(r.get("unit"))) for i, r in enumerate(self.existing)]
        lines = [line for line, _ in found]
        return found if all(lines) and lines == sorted(set(lines)) else []

    def _same(self, written: Path) -> bool:
        """The written file holds exactly the records that were checked."""
        try:
            data = load_yaml(written).data
        except YamlError:
            return False
        return isinstance(data, dict) and data.get("year") == self.year and data.get("assessments") == self.merged


def link_copy(source: str, dest: str) -> None:
    """A hard link where the file system allows it, else a copy."""
    try:
        Path(dest).hardlink_to(source)  # the copy is only read: a link is enough, and far quicker at 20,000 units
    except OSError:
        shutil.copy2(source, dest)


