"""`bontot template --year` and `bontot import`: real workbooks written by the template command, edited with openpyxl as
a clerk would, and read back through the CLI runner (exit code and exact lines)."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest
from officetools import columns, row_of, run_import, snapshot
from openpyxl import load_workbook

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample data; the working directory is its parent so paths print short."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    monkeypatch.chdir(tmp_path)
    return target


def template(data: Path, year: int, capsys: pytest.CaptureFixture[str]) -> Path:
    out = data.parent / f"ket-qua-{year}.xlsx"
    assert main(["template", "--year", str(year), "--out", str(out), "--data", str(data)]) == 0
    capsys.readouterr()
    return out



def test_template_has_guide_locked_ids_dropdowns_and_messages_from_the_rulebook(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rulebook = data / "rulebook.yaml"
    rulebook.write_text(rulebook.read_text(encoding="utf-8").replace(
        "  - key: min_regular_meetings\n    value: 12", "  - key: min_regular_meetings\n    value: 11"), encoding="utf-8")
    book = load_workbook(template(data, 2024, capsys))
    assert book.sheetnames == ["Hướng dẫn", "Kết quả 2024"]
    guide = " ".join(str(c.value) for c in book["Hướng dẫn"]["A"] if c.value)
    assert "Đạt hoặc Không đạt" in guide and "ít nhất 11" in guide and "90 %" in guide
    sheet = book["Kết quả 2024"]
    headers = columns(sheet)
    assert "Mã đơn vị" in next(iter(headers))
    assert all(f"Tiêu chí {n}" in headers for n in range(1, 5))
    ids = [r[0].value for r in sheet.iter_rows(min_row=4)]
    assert ids[0] == "dang-uy-tkv" and "cb-cao-ngan-co-gioi" in ids and len(ids) == len(set(ids))
    assert sheet.protection.sheet
    first = row_of(sheet, "cb-co-quan-tong-cong-ty")
    assert sheet.cell(first, 1).protection.locked
    assert not sheet.cell(first, headers["Tiêu chí 2"]).protection.locked
    assert sheet.cell(first, headers["Sinh hoạt thường kỳ (kỳ)"]).value == 12
    assert sheet.cell(first, headers["Tiêu chí 1"]).value == "Đạt"
    assert sheet.freeze_panes == "C4"
    rules = {str(v.sqref).split(":")[0][:-1].rstrip("0123456789") or str(v.sqref): v for v in sheet.data_validations.dataValidation}
    letter = sheet.cell(3, headers["Tiêu chí 2"]).column_letter
    assert rules[letter].type == "list" and rules[letter].formula1 == '"Đạt,Không đạt"'
    regular = rules[sheet.cell(3, headers["Sinh hoạt thường kỳ (kỳ)"]).column_letter]
    assert regular.type == "whole" and "ít nhất 11 kỳ" in regular.prompt


@pytest.mark.parametrize("year", [2024, 2025])
def test_round_trip_leaves_every_file_byte_identical(data: Path, year: int, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    out = template(data, year, capsys)
    code, lines, err = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 0, lines
    assert not [line for line in lines if ": error: " in line]
    assert "0 đơn vị thêm mới, 0 thay đổi" in err
    assert snapshot(data) == before


def test_round_trip_on_a_200_unit_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = tmp_path / "demo"
    assert main(["demo", "--units", "200", "--years", "2", "--out", str(demo)]) == 0
    before = snapshot(demo)
    for year in (2024, 2025):
        out = tmp_path / f"{year}.xlsx"
        assert main(["template", "--year", str(year), "--out", str(out), "--data", str(demo)]) == 0
        code, _, err = run_import(capsys, str(out), "--data", str(demo), "--write")
        assert code == 0 and " 0 thay đổi" in err
    assert snapshot(demo) == before


def test_a_clerks_workbook_is_read_whatever_its_quirks(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Numbers as text, Đạt typed every way, dates as serials and text, %, hidden and moved columns, renamed sheet."""
    out = template(data, 2024, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    sheet.title = "Bảng điền của chi bộ"
    head = columns(sheet)
    sheet.cell(3, head["Sinh hoạt chuyên đề (kỳ)"]).value = "Sinh hoạt\nchuyên đề (kỳ)"
    sheet.column_dimensions[sheet.cell(3, head["Ghi chú"]).column_letter].hidden = True
    sheet.insert_cols(3)  # a column of the clerk's own: every later column moves one place
    sheet.cell(3, 3).value = "Người phụ trách"
    head = columns(sheet)
    quirks = {
        "cb-co-quan-tong-cong-ty": {"Tiêu chí 1": " đạt ", "Số đảng viên": "34", "Ngày đánh giá": 45636},  # serial of 10/12/2024
        "cb-ban-quan-ly-du-an": {"Tiêu chí 2": "ĐẠT", "Ngày đánh giá": "13/12/2024", "Sinh hoạt\nchuyên đề (kỳ)": " 5 "},
        "cb-trung-tam-dieu-hanh": {"Tiêu chí 3": unicodedata.normalize("NFD", "Đạt"), "Sinh hoạt thường kỳ (kỳ)": 12.0},
        "cb-trung-tam-dao-tao": {"Chất lượng sinh hoạt cả năm": "tốt", "Đảng viên xếp loại HTXSNV": 0.01},
    }
    for unit, cells in quirks.items():
        row = row_of(sheet, unit)
        for header, value in cells.items():
            cell = sheet.cell(row, head[header])
            cell.value = value
            if isinstance(value, float) and value < 1:
                cell.number_format = "0%"
    sheet.cell(200, head["Ghi chú"]).value = "   "  # a blank trailing row that only looks empty
    book.save(out)
    code, lines, _err = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 0, lines
    changed = [line for line in lines if line.endswith(": thay đổi")]
    assert changed == ["cb-ban-quan-ly-du-an: thay đổi"]  # every other quirk reads as the value already recorded
    assert "    Sinh hoạt chuyên đề (kỳ): 4 → 5" in lines
    assert "    Đảng viên xếp loại HTXSNV: 1 → 1" not in lines
    assert "    Ngày đánh giá: 12/12/2024 → 13/12/2024" in lines
    text = (data / "assessments" / "2024.yaml").read_text(encoding="utf-8")
    assert "      thematic_meetings: 5\n" in text and "    date: 2024-12-13\n" in text


def test_errors_point_at_the_cell_and_nothing_is_written(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2024, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    head = columns(sheet)
    row = row_of(sheet, "cb-co-quan-tong-cong-ty")
    sheet.cell(row, head["Sinh hoạt thường kỳ (kỳ)"]).value = 10
    sheet.cell(row, head["Số đảng viên"]).value = "ba mươi tư"
    other = row_of(sheet, "cb-ban-quan-ly-du-an")
    sheet.cell(other, head["Tiêu chí 4"]).value = "Chưa rõ"
    book.save(out)
    before = snapshot(data)
    code, lines, err = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 1
    cell = [line for line in lines if " › " in line]
    letters = {h: sheet.cell(3, c).column_letter for h, c in head.items()}
    assert any(line.startswith(f"ket-qua-2024.xlsx › Kết quả 2024 › {letters['Số đảng viên']}{row} (Số đảng viên): error: Cần một số nguyên")
               and line.endswith("[SCHEMA]") for line in cell), cell
    assert any(line.startswith(f"ket-qua-2024.xlsx › Kết quả 2024 › {letters['Tiêu chí 4']}{other} (Tiêu chí 4): error: ")
               and "'Đạt' hoặc 'Không đạt'" in line for line in cell), cell
    assert "Chưa ghi gì" in err
    assert snapshot(data) == before


def test_a_rule_fires_at_the_cell_it_reads(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2024, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    head = columns(sheet)
    row = row_of(sheet, "cb-co-quan-tong-cong-ty")
    sheet.cell(row, head["Sinh hoạt thường kỳ (kỳ)"]).value = 10
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data))
    assert code == 1
    bt04 = [line for line in lines if line.endswith("[BT04]")]
    assert len(bt04) == 1 and " › Kết quả 2024 › " in bt04[0] and "hãy sửa thành Không đạt" in bt04[0], lines


def test_new_year_rows_are_added_and_merged_keeping_the_rest(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2026, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2026"]
    head = columns(sheet)
    row = row_of(sheet, "cb-co-quan-tong-cong-ty")
    for n in range(1, 5):
        sheet.cell(row, head[f"Tiêu chí {n}"]).value = "Đạt"
    sheet.cell(row, head["Ngày đánh giá"]).value = dt.datetime(2026, 12, 10)
    # Evidence is all or nothing: a đạt criterion with some numbers but not those its rule reads is BT15.
    for header, value in COMPLETE_CHI_BO_EVIDENCE.items():
        sheet.cell(row, head[header]).value = value
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data))
    assert code == 0, lines
    assert lines[0] == "cb-co-quan-tong-cong-ty: thêm mới" and "    Tiêu chí 1: (trống) → Đạt" in lines
    assert not (data / "assessments" / "2026.yaml").exists()
    code, lines, _err = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 0
    written = (data / "assessments" / "2026.yaml").read_text(encoding="utf-8")
    assert "- unit: cb-co-quan-tong-cong-ty\n    assessed_by: chi-bo\n    date: 2026-12-10\n    criteria:\n      - result: dat\n" in written
    assert main(["check", "--data", str(data)]) == 0


# Every number the rules read for a chi bộ that meets the plan (issue 17's BT15 refuses a đạt criterion whose
# numbers are partly given).
COMPLETE_CHI_BO_EVIDENCE = {
    "Số đảng viên": 9, "Đảng viên xếp loại HTXSNV": 1, "Đảng viên xếp loại HTTNV": 8, "Đảng viên xếp loại HTNV": 0,
    "Đảng viên xếp loại KHTNV": 0, "Chỉ tiêu kết nạp": 1, "Số đã kết nạp": 1, "Sinh hoạt thường kỳ (kỳ)": 12,
    "Sinh hoạt chuyên đề (kỳ)": 4, "Chất lượng sinh hoạt cả năm": "Tốt", "Đảng viên bị kỷ luật": 0,
}


def _no_whole_file_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    """The splice (only the edited record's lines) must do the write, not the whole-file ruamel fallback."""
    def refuse(*args: object) -> str:
        raise AssertionError("the whole file went through ruamel")

    monkeypatch.setattr("generator.office.outcome.merge_file", refuse)


def test_an_edit_keeps_comments_and_other_records(data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _no_whole_file_rewrite(monkeypatch)
    path = data / "assessments" / "2024.yaml"
    original = path.read_text(encoding="utf-8").splitlines()
    out = template(data, 2024, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    head = columns(sheet)
    sheet.cell(row_of(sheet, "cb-cam-pha-van-hanh-ca-1"), head["Sinh hoạt chuyên đề (kỳ)"]).value = 5
    book.save(out)
    assert run_import(capsys, str(out), "--data", str(data), "--write")[0] == 0
    now = path.read_text(encoding="utf-8").splitlines()
    assert len(now) == len(original)
    differ = [(a, b) for a, b in zip(original, now, strict=True) if a != b]
    assert differ == [("      thematic_meetings: 6", "      thematic_meetings: 5")]


@pytest.mark.parametrize("name", ["ket-qua.xls", "ket-qua.csv"])
def test_old_excel_and_csv_are_refused(data: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    (data.parent / name).write_bytes(b"\xd0\xcf\x11\xe0 old excel" if name.endswith(".xls") else "Mã đơn vị;Tiêu chí 1\n".encode())
    code, _, err = run_import(capsys, str(data.parent / name), "--data", str(data))
    assert code == 2 and "lưu thành .xlsx" in err


def test_a_csv_renamed_xlsx_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data.parent / "ket-qua.xlsx").write_text("Mã đơn vị,Tiêu chí 1\n", encoding="utf-8")
    code, _, err = run_import(capsys, str(data.parent / "ket-qua.xlsx"), "--data", str(data))
    assert code == 2 and "lưu thành .xlsx" in err


def test_a_workbook_of_another_year_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2024, capsys)
    code, _, err = run_import(capsys, str(out), "--data", str(data), "--year", "2025")
    assert code == 2 and "năm 2024, không phải năm 2025" in err


def test_a_unit_that_did_not_exist_that_year_is_refused_at_its_row(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2025, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2025"]
    sheet.protection.sheet = False
    head = columns(sheet)
    row = sheet.max_row + 1
    sheet.cell(row, 1).value = "cb-cao-ngan-co-gioi"  # dissolved at the end of 2024
    for n in range(1, 5):
        sheet.cell(row, head[f"Tiêu chí {n}"]).value = "Đạt"
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data))
    assert code == 1
    assert any(line.startswith(f"ket-qua-2025.xlsx › Kết quả 2025 › A{row} (Mã đơn vị (không sửa)): error: ") and line.endswith("[BT12]")
               for line in lines), lines


def test_a_new_units_row_is_appended_to_an_existing_year(data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _no_whole_file_rewrite(monkeypatch)
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").rstrip("\n") + "\n\n  - id: cb-cam-pha-moi\n    name: Chi bộ Phân xưởng Mới\n"
                     "    type: chi-bo-truc-thuoc-dang-uy-co-so\n    parent: db-nhiet-dien-cam-pha\n", encoding="utf-8")
    path = data / "assessments" / "2024.yaml"
    original = path.read_text(encoding="utf-8")
    out = template(data, 2024, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    head = columns(sheet)
    row = row_of(sheet, "cb-cam-pha-moi")
    assert all(sheet.cell(row, head[f"Tiêu chí {n}"]).value is None for n in range(1, 5))
    values = {**COMPLETE_CHI_BO_EVIDENCE, "Tiêu chí 1": "Đạt", "Tiêu chí 2": "Không đạt",
              "Lý do, nhận xét tiêu chí 2": "Chỉ 3 kỳ sinh hoạt chuyên đề.", "Tiêu chí 3": "Đạt", "Tiêu chí 4": "Đạt",
              "Ngày đánh giá": "12/12/2024", "Sinh hoạt chuyên đề (kỳ)": 3}
    for header, value in values.items():
        sheet.cell(row, head[header]).value = value
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 0, lines
    assert lines[0] == "cb-cam-pha-moi: thêm mới"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original.rstrip("\n") + "\n\n  - unit: cb-cam-pha-moi\n")
    assert text.endswith(
        "    criteria:\n      - result: dat\n      - result: khong-dat\n        note: Chỉ 3 kỳ sinh hoạt chuyên đề.\n"
        "      - result: dat\n      - result: dat\n    evidence:\n      members: 9\n"
        "      member_ratings: {htxsnv: 1, httnv: 8, htnv: 0, khtnv: 0}\n      admissions: {target: 1, admitted: 1}\n"
        "      regular_meetings: 12\n      thematic_meetings: 3\n      meeting_quality: tot\n      disciplined_members: 0\n")
    assert main(["check", "--data", str(data)]) == 0


def test_a_broken_year_file_stops_the_import_with_its_line(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2024, capsys)
    path = data / "assessments" / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    assessed_by: chi-bo\n", "    assessed_by: [chi-bo\n", 1), encoding="utf-8")
    code, lines, _ = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("data/assessments/2024.yaml:") and lines[0].endswith("[YAML]"), lines


def test_a_typing_error_in_one_row_does_not_hide_the_rules_of_the_others(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, 2024, capsys)
    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    head = columns(sheet)
    first, second = row_of(sheet, "cb-co-quan-tong-cong-ty"), row_of(sheet, "cb-ban-quan-ly-du-an")
    sheet.cell(first, head["Đảng viên bị kỷ luật"]).value = "không"
    sheet.cell(second, head["Sinh hoạt thường kỳ (kỳ)"]).value = 11
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data))
    assert code == 1
    found = [line.split(": error: ")[0] + " " + line.rsplit(" ", 1)[1] for line in lines if ": error: " in line]
    letter = {h: sheet.cell(3, c).column_letter for h, c in head.items()}
    assert found == [f"ket-qua-2024.xlsx › Kết quả 2024 › {letter['Đảng viên bị kỷ luật']}{first} (Đảng viên bị kỷ luật) [SCHEMA]",
                     f"ket-qua-2024.xlsx › Kết quả 2024 › {letter['Sinh hoạt thường kỳ (kỳ)']}{second} (Sinh hoạt thường kỳ (kỳ)) [BT04]"]


def test_template_makes_its_folder_and_never_writes_over_a_workbook(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = data.parent / "thu-muc-moi" / "ket-qua-2025.xlsx"
    assert main(["template", "--year", "2025", "--out", str(out), "--data", str(data)]) == 0
    out.write_bytes(b"filled in by a clerk")
    capsys.readouterr()
    assert main(["template", "--year", "2025", "--out", str(out), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "đã có" in err and "không ghi đè" in err and "Traceback" not in err
    assert out.read_bytes() == b"filled in by a clerk"
