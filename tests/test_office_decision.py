"""`bontot template --decision` and the import of a decision workbook, through the CLI runner with real workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from officetools import run_import, snapshot
from openpyxl import load_workbook

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
DECISIONS = sorted(p.stem for p in (ROOT / "data" / "decisions").glob("*.yaml"))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    monkeypatch.chdir(tmp_path)
    return target


def template(data: Path, decision: str, capsys: pytest.CaptureFixture[str]) -> Path:
    out = data.parent / f"{decision}.xlsx"
    assert main(["template", "--decision", decision, "--out", str(out), "--data", str(data)]) == 0
    capsys.readouterr()
    return out



def test_every_sample_decision_round_trips_byte_identical(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    for decision in DECISIONS:
        out = template(data, decision, capsys)
        code, lines, err = run_import(capsys, str(out), "--data", str(data), "--write")
        assert code == 0, lines
        assert f"Quyết định {decision}: không đổi" in err
    assert snapshot(data) == before


def test_the_workbook_has_header_fields_collectives_individuals(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = load_workbook(template(data, "giay-khen-2025-quang-ninh", capsys))
    assert book.sheetnames == ["Hướng dẫn", "Quyết định", "Tập thể", "Cá nhân", "Danh mục đơn vị"]
    head = book["Quyết định"]
    fields = {head.cell(r, 1).value: head.cell(r, 2).value for r in range(3, head.max_row + 1)}
    assert fields["Mã quyết định:"] == "giay-khen-2025-quang-ninh" and fields["Hình thức:"] == "Giấy khen" and fields["Dịp:"] == "Sơ kết"
    people = book["Cá nhân"]
    assert [c.value for c in people[1]] == ["Họ và tên", "Chức vụ", "Mã đơn vị công tác", "Thành tích"]
    assert people["A2"].value == "Lương Văn Thắng" and people["C2"].value == "cb-quang-ninh-van-hanh"
    assert any(v.type == "list" and "Danh mục đơn vị" in str(v.formula1) for v in people.data_validations.dataValidation)


def test_a_new_decision_from_a_blank_workbook(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, "tuyen-duong-2024-cam-pha", capsys)
    book = load_workbook(out)
    head = book["Quyết định"]
    rows = {head.cell(r, 1).value: r for r in range(3, head.max_row + 1)}
    for label, value in {"Mã văn bản:": "164-qd-du-cam-pha-2025", "Mã đơn vị ban hành:": "db-nhiet-dien-cam-pha",
                         "Cơ quan ban hành:": "đảng ủy", "Hình thức:": "Tuyên dương", "Dịp:": " hằng năm ", "Năm được xét:": "2024"}.items():
        head.cell(rows[label], 2).value = value
    book["Tập thể"].append(["cb-cam-pha-van-hanh-ca-1", None, "Ba năm liền “chi bộ bốn tốt”."])
    book["Cá nhân"].append(["Nguyễn Văn An", "Bí thư chi bộ", "cb-cam-pha-van-hanh-ca-1", None])
    book.save(out)
    code, lines, err = run_import(capsys, str(out), "--data", str(data))
    assert code == 0, lines
    assert lines[0] == "tuyen-duong-2024-cam-pha: thêm mới" and "Quyết định tuyen-duong-2024-cam-pha: thêm mới" in err
    assert not (data / "decisions" / "tuyen-duong-2024-cam-pha.yaml").exists()
    assert run_import(capsys, str(out), "--data", str(data), "--write")[0] == 0
    text = (data / "decisions" / "tuyen-duong-2024-cam-pha.yaml").read_text(encoding="utf-8")
    assert "issuer_body: dang-uy\nkind: tuyen-duong\noccasion: hang-nam\nyear: 2024\n" in text
    assert "collectives:\n  - unit: cb-cam-pha-van-hanh-ca-1\n    achievement: Ba năm liền “chi bộ bốn tốt”.\n" in text
    assert main(["check", "--data", str(data)]) == 0


def test_adding_a_collective_keeps_the_comments_of_the_others(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "decisions" / "cong-nhan-2024-cam-pha.yaml"
    original = path.read_text(encoding="utf-8")
    out = template(data, "cong-nhan-2024-cam-pha", capsys)
    book = load_workbook(out)
    book["Tập thể"]["C3"] = "Ba năm liền “chi bộ bốn tốt”."
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 0, lines
    assert lines[:2] == ["cong-nhan-2024-cam-pha: thay đổi", "    Tập thể: 7 mục → 7 mục"]
    text = path.read_text(encoding="utf-8")
    assert text == original.replace("  - unit: cb-cam-pha-van-hanh-ca-2  # Chi bộ Vận hành Ca 2\n",
                                    "  - unit: cb-cam-pha-van-hanh-ca-2  # Chi bộ Vận hành Ca 2\n    achievement: Ba năm liền “chi bộ bốn tốt”.\n")


def test_decision_problems_point_at_their_cells(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = template(data, "cong-nhan-2024-cam-pha", capsys)
    book = load_workbook(out)
    head = book["Quyết định"]
    rows = {head.cell(r, 1).value: r for r in range(3, head.max_row + 1)}
    head.cell(rows["Hình thức:"], 2).value = "Khen ngợi"
    book.save(out)
    before = snapshot(data)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 1
    assert "    Hình thức: Công nhận “bốn tốt” → Khen ngợi" in lines
    assert any(line.startswith(f"cong-nhan-2024-cam-pha.xlsx › Quyết định › B{rows['Hình thức:']} (Hình thức): error: ") for line in lines), lines
    head.cell(rows["Hình thức:"], 2).value = "công nhận “bốn tốt”"
    book["Tập thể"].append(["khong-co-don-vi-nay"])
    book.save(out)
    code, lines, _ = run_import(capsys, str(out), "--data", str(data), "--write")
    assert code == 1
    assert any(line.startswith("cong-nhan-2024-cam-pha.xlsx › Tập thể › A9 (Mã đơn vị): error: ") and line.endswith("[BT12]")
               for line in lines), lines
    assert snapshot(data) == before


def test_template_needs_exactly_one_of_year_and_decision(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["template", "--out", "x.xlsx"])
    assert exit_info.value.code == 2 and "cần một trong các tham số --year --decision" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["template", "--year", "2024", "--decision", "a", "--out", "x.xlsx"])
    assert exit_info.value.code == 2 and "tham số --decision không dùng cùng với --year" in capsys.readouterr().err


def test_a_decision_id_that_is_not_an_id_is_a_usage_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "--decision", "Công nhận 2025", "--out", "qd.xlsx", "--data", str(data)]) == 2
    assert "mã quyết định 'Công nhận 2025' không hợp lệ" in capsys.readouterr().err
    assert not (data.parent / "qd.xlsx").exists()
