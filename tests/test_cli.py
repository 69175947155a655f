"""`bontot check` and `bontot schema` through their runner: exit codes and exact output.

Most tests call `generator.cli.main([...])` in-process and read stdout/stderr with capsys; a few run
`python -m generator` in a real process, for what only a process shows (entry point, encodings).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.rules.check import check

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<level>error|warning): (?P<message>.+) \[(?P<rule>[A-Z0-9]+)\]$")


def _run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the minimal fixture at tmp/data with problems in four files, found by the schema and by rules.

    The rules report them in rule order (BT03, BT04, BT12 on units, BT12 on documents), after the
    schema problem of the decision: the output must still come sorted by file, then line.
    """
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)

    def edit(name: str, find: str, replace: str) -> None:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert text.count(find) == 1, (name, find)
        path.write_text(text.replace(find, replace), encoding="utf-8")

    edit("units.yaml", "  - id: cb-co-quan\n", "  - id: index\n    name: Chi bộ X\n    type: chi-bo-co-so\n    parent: dang-uy-tct\n\n  - id: cb-co-quan\n")  # BT12
    edit("documents.yaml", "    implements: [1288-kh-du]\n", "    implements: [1288-kh-du, khong-co]\n")  # BT12
    edit("assessments/2024.yaml", "admissions: {target: 2, admitted: 2}", "admissions: {target: 2, admitted: 1}")  # BT03
    edit("assessments/2024.yaml", "plenary_meetings: 2", "plenary_meetings: 1")  # BT04
    edit("decisions/cong-nhan-2024-dang-uy-tct.yaml", "kind: cong-nhan", "kind: cong nhan")  # SCHEMA
    monkeypatch.chdir(tmp_path)
    return data


def test_check_sample_data(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert match["path"].startswith("data/assessments/")
    assert (match["level"], match["rule"]) == ("warning", "BT13")
    assert err == "Tìm thấy 0 lỗi, 1 cảnh báo.\n"


def test_check_explicit_data_dir_same_as_default(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check"])
    default = capsys.readouterr()
    assert main(["check", "--data", "data"]) == 0
    assert capsys.readouterr() == default


def test_check_json_has_the_same_problems(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check"])
    text_lines = capsys.readouterr().out.splitlines()
    assert main(["check", "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    report = json.loads(out)
    assert report["errors"] == 0
    assert [set(p) for p in report["problems"]] == [{"path", "line", "column", "level", "message", "rule"}]
    as_text = [f"{p['path']}:{p['line']}:{p['column']}: {p['level']}: {p['message']} [{p['rule']}]" for p in report["problems"]]
    assert as_text == text_lines


def test_check_json_on_errors_exits_1(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", "data", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == len(report["problems"]) > 0
    assert all(p["level"] == "error" for p in report["problems"])


def test_check_minimal_fixture_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(MINIMAL)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "Dữ liệu hợp lệ: không có lỗi, không có cảnh báo.\n"


def test_problems_sorted_by_file_then_line(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", "data"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    keys = [(m["path"], int(m["line"]), int(m["column"])) for m in matches if m]
    assert keys == sorted(keys)
    # Problems from several files and phases (schema, then rules) are all reported in one run.
    assert [k[0] for k in keys] == [
        "data/assessments/2024.yaml",
        "data/assessments/2024.yaml",
        "data/decisions/cong-nhan-2024-dang-uy-tct.yaml",
        "data/documents.yaml",
        "data/units.yaml",
    ]
    assert [m["rule"] for m in matches if m] == ["BT03", "BT04", "SCHEMA", "BT12", "BT12"]
    errors = sum(1 for m in matches if m and m["level"] == "error")
    assert err == f"Tìm thấy {errors} lỗi, 0 cảnh báo.\n"


def test_missing_data_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "khong-co"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "không tìm thấy thư mục dữ liệu 'khong-co'" in err
    assert "--data" in err


def test_data_pointing_at_a_file_is_a_usage_error(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", "data/site.yaml"]) == 2
    assert "không tìm thấy thư mục dữ liệu" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["check", "--bogus"], "tham số không hợp lệ: --bogus"),
        (["check", "--format", "xml"], "lựa chọn không hợp lệ"),
        (["kiem-tra"], "lựa chọn không hợp lệ"),
        ([], "thiếu tham số bắt buộc"),
    ],
    ids=["unknown-option", "unknown-format", "unknown-command", "no-command"],
)
def test_usage_errors_exit_2_in_vietnamese(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert words in err
    assert re.search(r"Xem 'bontot( [a-z]+)? --help'\.", err), err
    assert "Traceback" not in err


def test_schema_writes_one_file_per_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "schema"
    assert main(["schema", "--out", str(out_dir)]) == 0
    kinds = ["site", "units", "rulebook", "documents", "assessments", "decisions"]
    expected = sorted(f"{kind}.schema.json" for kind in kinds)
    assert sorted(p.name for p in out_dir.iterdir()) == expected
    printed = capsys.readouterr().out.splitlines()
    assert sorted(Path(line).name for line in printed) == expected
    for path in out_dir.iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == path.name


def test_schema_leaves_unchanged_files_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["schema", "--out", str(tmp_path)])
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    for path in tmp_path.iterdir():
        os.utime(path, ns=(1, 1))
    main(["schema", "--out", str(tmp_path)])
    capsys.readouterr()
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == dict.fromkeys(before, 1)


def test_schema_matches_committed_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """schema/ in the repository is what `bontot schema` writes (editors point at it)."""
    committed = ROOT / "schema"
    assert committed.is_dir(), "schema/ must be committed: run `make schema`"
    main(["schema", "--out", str(tmp_path)])
    capsys.readouterr()
    assert sorted(p.name for p in committed.iterdir()) == sorted(p.name for p in tmp_path.iterdir()), "stale or missing: run `make schema`"
    for path in tmp_path.iterdir():
        assert (committed / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), f"{path.name}: run `make schema`"


def test_python_m_generator_help() -> None:
    proc = _run("--help")
    assert proc.returncode == 0
    assert proc.stderr == ""
    for command in ("check", "build", "serve", "schema"):
        assert command in proc.stdout
    assert "Kiểm tra dữ liệu" in proc.stdout


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    """Everything an office worker reads is Vietnamese, argparse's own -h line included."""
    for argv in (["--help"], ["check", "--help"], ["schema", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "show this help message" not in out, argv
        assert "\noptions:" not in out, argv


def test_python_m_generator_check_matches_in_process(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check"])
    in_process = capsys.readouterr()
    proc = _run("check")
    assert proc.returncode == 0
    assert proc.stdout == in_process.out
    assert proc.stderr == in_process.err


def test_check_on_a_non_utf8_console_has_no_traceback() -> None:
    """`bontot check > loi.txt` on a Windows PC writes through the ANSI code page (cp1252 here)."""
    proc = _run("check", env={"PYTHONIOENCODING": "cp1252"})
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0


_VALUES = ["", "no", "~", "[]", "{}", "-1", "0", "2024.5", "2024-02-30", "'x'", '""', "- a", "x: y", "null", "dat", "khong-dat",
           "cb-co-quan", "db-mau", "dang-uy-tkv", "99999999999999999999", ".nan", "true", "ệ\u200b", "&a x", "*a", "!!str 1"]
_MUTABLE = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml") if p.name != "rulebook.yaml")


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(_MUTABLE), st.integers(0, 200), st.sampled_from(_VALUES))
def test_check_never_raises_on_a_mutated_value(name: str, index: int, value: str) -> None:
    """Replace one value anywhere in the minimal data: `check` reports problems with positions, never raises."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(MINIMAL, data)
        lines = (data / name).read_text(encoding="utf-8").splitlines(keepends=True)
        line = lines[index % len(lines)]
        if ": " in line:
            lines[index % len(lines)] = f"{line.split(': ', 1)[0]}: {value}\n"
        (data / name).write_text("".join(lines), encoding="utf-8")
        _, problems = check(data)
        assert all(p.line >= 1 and p.column >= 1 and p.message and p.rule for p in problems)
