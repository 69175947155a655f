"""Bad inputs as data: every folder under tests/cases/ is one run of `bontot check`.

Each folder holds a `case.yaml`:

    description: one line, Vietnamese or English
    base: minimal                 # the fixture copied into <tmp>/data (tests/fixtures/<base>)
    edits:                        # optional, applied in order to the copy
      - file: units.yaml          # path inside data/
        find: "parent: db-mau"    # must occur exactly `count` times (default 1)
        replace: "parent: db/mau"
        count: 1
      - file: units.yaml
        append: "..."             # or: add text at the end of the file
    remove: [units.yaml]          # optional: files deleted from the copy
    subprocess: true              # optional: also run `python -m generator` in a real process
    exit: 1
    expected: |                   # the exact stdout lines (the last key of the file)
      data/units.yaml:14:11: error: ... [SCHEMA]

and optionally a `files/` folder copied over the base after the edits (raw bytes: Latin-1, NUL,
whole new files). Edits are UTF-8 text, so YAML escapes ("\\ufeff", "\\0", "\\u200b") in `find` and
`replace` become those characters in the data file.

The check runs in-process through `generator.cli.main(["check", "--data", "data"])` with the
working directory set to the copy's parent, so every problem line starts with `data/`.

To regenerate the expected lines after a deliberate change to messages:

    BONTOT_UPDATE_CASES=1 .venv/bin/pytest tests/test_cases.py

This rewrites `exit` and `expected` in every case.yaml from the actual output (comments above
`expected:` are kept). Review the diff line by line before committing: each line must name the
right file, line, column and rule, and its message must say, in correct Vietnamese, what was
expected, what was found and how to fix it. A case whose comment says "Fails until the generator is
fixed" holds the output the generator should give, not the one it gives: do not regenerate it
before the fix lands.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitetools import update_mode

from generator.cli import main

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases"
FIXTURES = TESTS / "fixtures"
# CPU seconds of this process: a limit that catches a runaway (a quadratic loop), not a speed test, so a loaded
# machine or coverage does not fail it. Most cases take a few tens of milliseconds; the slowest (10,000-deep
# nesting, with PyYAML's pure-Python parser) about one second. Speed is `make bench`'s.
MAX_SECONDS = 15.0

CASE_KEYS = {"description", "base", "edits", "remove", "subprocess", "exit", "expected"}
LINE = re.compile(r"^data/[^:]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning): .+ \[(BT(0[1-9]|1[0-9]|2[0-2])|SCHEMA|YAML|DATA)\]$")


def _case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file())


def _read_case(folder: Path) -> dict[str, Any]:
    case = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"{folder.name}/case.yaml: unknown keys {sorted(unknown)}"
    assert case.get("description"), f"{folder.name}/case.yaml: description is required"
    assert case.get("exit") in (0, 1), f"{folder.name}/case.yaml: exit must be 0 or 1"
    for line in (case.get("expected") or "").splitlines():
        assert LINE.match(line), f"{folder.name}/case.yaml: not a problem line: {line}"
    return case


def _prepare(folder: Path, case: dict[str, Any], root: Path) -> Path:
    """Copy the base fixture to root/data and apply the case's edits, removals and files."""
    data = root / "data"
    shutil.copytree(FIXTURES / case.get("base", "minimal"), data)
    for edit in case.get("edits") or []:
        path = data / edit["file"]
        text = path.read_bytes().decode("utf-8") if path.exists() else ""
        if "append" in edit:
            text += edit["append"]
        else:
            expected_count = edit.get("count", 1)
            found = text.count(edit["find"])
            assert found == expected_count, (
                f"{folder.name}: {edit['find']!r} occurs {found} times in {edit['file']}, expected {expected_count}"
            )
            text = text.replace(edit["find"], edit["replace"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    for name in case.get("remove") or []:
        target = data / name
        assert target.exists(), f"{folder.name}: cannot remove {name}: not in the base"
        target.unlink()
    extra = folder / "files"
    if extra.is_dir():
        shutil.copytree(extra, data, dirs_exist_ok=True)
    return data


def _rewrite(folder: Path, exit_code: int, lines: list[str]) -> None:
    """Replace `exit` and the trailing `expected` block of case.yaml with the actual result."""
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: m.start()] if (m := re.search(r"^expected:.*", text, flags=re.MULTILINE | re.DOTALL)) else text
    head = re.sub(r"^exit: .*$", f"exit: {exit_code}", head, flags=re.MULTILINE)
    if not head.endswith("\n"):
        head += "\n"
    block = "expected: |\n" + "".join(f"  {line}\n" for line in lines) if lines else 'expected: ""\n'
    path.write_text(head + block, encoding="utf-8")


@pytest.mark.parametrize("folder", _case_dirs(), ids=lambda p: p.name)
def test_case(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    case = _read_case(folder)
    _prepare(folder, case, tmp_path)
    monkeypatch.chdir(tmp_path)

    started = time.process_time()
    code = main(["check", "--data", "data"])
    elapsed = time.process_time() - started
    out, err = capsys.readouterr()
    lines = out.splitlines()

    # One problem, one line: a message with a line break would break every editor and CI parser.
    assert all(LINE.match(line) for line in lines), out
    if update_mode("BONTOT_UPDATE_CASES"):
        _rewrite(folder, code, lines)
    else:
        assert lines == (case.get("expected") or "").splitlines()
        assert code == case["exit"]
    assert "Traceback" not in err
    assert elapsed < MAX_SECONDS, f"{folder.name} took {elapsed:.2f} s of CPU"
    # The closing count goes to stderr, never mixed with the problem lines.
    assert err.strip().splitlines()[-1].startswith(("Tìm thấy", "Dữ liệu hợp lệ"))

    # The same run in a real process. Not under `make mutation`: the child imports the installed generator, not the
    # mutated copy, so it could notice no mutant and would only cost 0.4 s a case.
    if case.get("subprocess") and "MUTANT_UNDER_TEST" not in os.environ:
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "check", "--data", "data"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert "Traceback" not in proc.stderr
        assert proc.returncode == code
        assert proc.stdout.splitlines() == lines


def test_every_case_folder_has_case_yaml() -> None:
    stray = [p.name for p in CASES.iterdir() if p.is_dir() and not (p / "case.yaml").is_file()]
    assert not stray


def test_minimal_fixture_is_clean(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(TESTS)
    assert main(["check", "--data", "fixtures/minimal"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "Dữ liệu hợp lệ: không có lỗi, không có cảnh báo."


def test_minimal_rulebook_is_the_sample_rulebook() -> None:
    """The fixture's rulebook must stay word for word the one checked against the plan."""
    sample = TESTS.parent / "data" / "rulebook.yaml"
    assert (FIXTURES / "minimal" / "rulebook.yaml").read_bytes() == sample.read_bytes()
