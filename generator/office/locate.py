"""Problems found by `check` in the merged copy of data/, put back where the clerk can fix them: a workbook cell
(`FILE.xlsx › SHEET › F12 (Tiêu chí 2)`) for a row of the workbook, the real data file for anything else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import Level, Problem, display_path
from generator.office.columns import COLUMNS, Column
from generator.office.workbook import Row, Sheet
from generator.records.yamlsource import Loc, SourceFile, YamlError, load_yaml

# The record's codes, as the workbook writes them.
_WORDS = {"'dat'": "'Đạt'", "'khong-dat'": "'Không đạt'", "'tot'": "'Tốt'", "'kha'": "'Khá'", "'trung-binh'": "'Trung bình'", "'kem'": "'Kém'",
          "thành khong-dat": "thành Không đạt", "dạng NĂM-THÁNG-NGÀY (ví dụ: 2024-02-05)": "dạng ngày/tháng/năm (ví dụ: 05/02/2024)"}
_MISSING = re.compile(r"^Thiếu trường bắt buộc '(\w+)'.*$")


@dataclass(frozen=True, order=True)
class CellProblem:
    """A problem in a workbook cell, sorted by row then column, printed with the sheet, cell and column header."""

    workbook: str
    sheet: str
    letter: str
    row: int
    header: str
    level: Level
    message: str
    rule: str

    def sort_key(self) -> tuple[int, int, str]:
        """Row, then column (B before AA), then message."""
        width = sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(self.letter)))
        return (self.row, width, self.message)

    def format(self) -> str:
        """`FILE.xlsx › SHEET › F12 (Tiêu chí 2): error: message [RULE]`."""
        message = " ".join(self.message.splitlines())
        return f"{self.workbook} › {self.sheet} › {self.letter}{self.row} ({self.header}): {self.level.value}: {message} [{self.rule}]"


class Locator:
    """Maps each problem of the checked copy back to a workbook cell or to the real data file."""

    def __init__(self, workbook: str, sheet: Sheet, rows: dict[int, Row], data_dir: Path, copy_dir: Path, target: Path) -> None:
        self.workbook, self.sheet, self.rows = workbook, sheet, rows
        self.copy_prefix, self.data_prefix = display_path(copy_dir), display_path(data_dir)
        self.copy_target = copy_dir / target.relative_to(data_dir)
        self.copy_shown, self.target = display_path(self.copy_target), target
        self._at: dict[tuple[int, int], Loc] | None = None
        self._by_line: dict[int, Loc] = {}
        self._original: SourceFile | None = None

    def _index(self) -> dict[tuple[int, int], Loc]:
        if self._at is None:
            source = load_yaml(self.copy_target)
            self._at = {}
            for table in (source.key_positions, source.positions):
                for loc, where in table.items():
                    self._at.setdefault(where, loc)
                    if len(loc) > len(self._by_line.get(where[0], ())):
                        self._by_line[where[0]] = loc
        return self._at

    def _column(self, rest: Loc, message: str) -> Column:
        missing = _MISSING.match(message)
        if missing:
            rest = (*rest, missing.group(1))
        present = [c for c in COLUMNS if c.key in self.sheet.letters and c.loc is not None]
        exact = next((c for c in present if c.loc == rest), None)
        if exact is not None:
            return exact
        inside = next((c for c in present if c.loc is not None and c.loc[: len(rest)] == rest and rest), None)
        return inside or COLUMNS[0]

    def _text(self, message: str) -> str:
        message = message.replace(self.copy_prefix, self.data_prefix)
        missing = _MISSING.match(message)
        if missing:
            return "Ô này còn trống nhưng bắt buộc phải điền (khi đã điền các ô cùng nhóm hoặc để xác định kết quả); hãy điền giá trị"
        for code, word in _WORDS.items():
            message = message.replace(code, word)
        return message

    def place(self, problem: Problem) -> Problem | CellProblem:
        """The same problem, said where the clerk or the office can find it."""
        if problem.path != self.copy_shown:
            path = problem.path.replace(self.copy_prefix, self.data_prefix, 1)
            return Problem(path, problem.line, problem.column, problem.level, problem.message.replace(self.copy_prefix, self.data_prefix),
                           problem.rule)
        loc = self._index().get((problem.line, problem.column)) or self._by_line.get(problem.line, ())
        if len(loc) >= 2 and loc[0] == "assessments" and isinstance(loc[1], int) and loc[1] in self.rows:
            column = self._column(loc[2:], problem.message)
            row = self.rows[loc[1]]
            letter = self.sheet.letters.get(column.key, self.sheet.letters["id"])
            header = self.sheet.headers.get(column.key, self.sheet.headers["id"])
            return CellProblem(self.workbook, self.sheet.title, letter, row.number, header, problem.level, self._text(problem.message),
                               problem.rule)
        line, col = problem.line, problem.column
        try:
            if self._original is None:
                self._original = load_yaml(self.target)
            line, col = self._original.where(loc)
        except YamlError:
            pass
        return Problem(display_path(self.target), line, col, problem.level, problem.message.replace(self.copy_prefix, self.data_prefix),
                       problem.rule)
