"""A template re-saved by real LibreOffice (as a clerk on LibreOffice or WPS would send it back) is read correctly.

Each run uses its own LibreOffice profile: two instances on the default profile collide. Without `soffice` the tests
are skipped with the reason, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from officetools import columns, row_of, snapshot
from openpyxl import load_workbook

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def resave(book: Path, folder: Path) -> Path:
    """`soffice --headless --convert-to xlsx`: the file as LibreOffice Calc writes it."""
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing; CI installs libreoffice-calc", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed")
    folder.mkdir()
    profile = (folder.parent / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(folder), str(book)],
                   check=True, capture_output=True, timeout=180)
    out = folder / book.name
    assert out.is_file() and out.read_bytes() != book.read_bytes()
    return out


def test_a_workbook_re_saved_by_libreoffice_keeps_its_checks_and_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.chdir(tmp_path)
    before = snapshot(data)
    out = tmp_path / "ket-qua-2024.xlsx"
    assert main(["template", "--year", "2024", "--out", str(out), "--data", str(data)]) == 0

    unchanged = resave(out, tmp_path / "lo1")
    assert main(["import", str(unchanged), "--data", str(data), "--write"]) == 0
    assert snapshot(data) == before

    book = load_workbook(out)
    sheet = book["Kết quả 2024"]
    head = columns(sheet)
    row = row_of(sheet, "cb-cam-pha-van-hanh-ca-1")
    sheet.cell(row, head["Sinh hoạt chuyên đề (kỳ)"]).value = "5"
    sheet.cell(row, head["Tiêu chí 2"]).value = "đạt"
    sheet.cell(row, head["Ghi chú"]).value = "Sinh hoạt chuyên đề thêm một kỳ về chuyển đổi số."
    book.save(out)
    edited = resave(out, tmp_path / "lo2")

    again = load_workbook(edited)
    sheet = next(s for s in again.worksheets if s.title == "Kết quả 2024")
    assert sheet.protection.sheet
    assert any(v.type == "list" for v in sheet.data_validations.dataValidation)
    assert sheet.cell(row, 1).protection.locked and not sheet.cell(row, head["Tiêu chí 2"]).protection.locked

    capsys.readouterr()
    assert main(["import", str(edited), "--data", str(data), "--write"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["cb-cam-pha-van-hanh-ca-1: thay đổi", "    Sinh hoạt chuyên đề (kỳ): 6 → 5",
                         "    Ghi chú: (trống) → Sinh hoạt chuyên đề thêm một kỳ về chuyển đổi số."]
    text = (data / "assessments" / "2024.yaml").read_text(encoding="utf-8")
    assert "      thematic_meetings: 5\n" in text
    assert "    note: Sinh hoạt chuyên đề thêm một kỳ về chuyển đổi số.\n" in text
    assert main(["check", "--data", str(data)]) == 0
