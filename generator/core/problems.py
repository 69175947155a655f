"""Problems found in the data: one value per problem, sortable, printable like a compiler."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is, how bad, what it says and which rule found it."""

    path: str
    line: int
    column: int
    level: Level
    message: str
    rule: str

    def format(self) -> str:
        """`path:line:col: level: message [RULE]`, the format editors and CI understand."""
        message = " ".join(self.message.splitlines())  # one problem, one line, whatever the message quotes
        return f"{self.path}:{self.line}:{self.column}: {self.level.value}: {message} [{self.rule}]"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["level"] = self.level.value
        return data


def display_path(path: Path) -> str:
    """Path as the user would type it: relative to the working directory when possible."""
    try:
        # The folder is resolved, not the file: a symbolic link is shown as itself, never as its target.
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level is Level.ERROR for p in problems)


def summary(problems: list[Problem]) -> str:
    """The closing count line, in Vietnamese."""
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    warnings = len(problems) - errors
    if not problems:
        return "Dữ liệu hợp lệ: không có lỗi, không có cảnh báo."
    return f"Tìm thấy {errors} lỗi, {warnings} cảnh báo."


def to_json(problems: list[Problem]) -> str:
    return json.dumps(
        {"problems": [p.to_json() for p in sorted(problems)], "errors": sum(p.level is Level.ERROR for p in problems)},
        ensure_ascii=False,
        indent=2,
    )


class DataError(Exception):
    """Raised by a phase that cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)
