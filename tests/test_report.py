"""The sơ kết / tổng kết report (issue 18): figures against the YAML, sentences, the Word file read back, the CLI."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from reporttools import failures, load, yearly
from sitetools import ROOT

from generator.cli import main
from generator.core.viet import number, rate
from generator.demo.data import write_demo
from generator.office import sentences
from generator.office.report import Report, build_report, subtree
from generator.office.report_docx import render_docx
from generator.outputs.stats import TOTAL
from generator.records.dataset import Dataset
from generator.rules.check import check
from generator.rules.derive import evaluate

DATA = ROOT / "data"
CORPORATION = "dang-uy-tct"


def _dataset(data: Path) -> Dataset:
    ds, problems = check(data)
    assert ds is not None, [p.format() for p in problems]
    return ds


def _report(data: Path, first: int, last: int, unit: str | None = None) -> tuple[Dataset, Report]:
    ds = _dataset(data)
    return ds, build_report(ds, evaluate(ds), first, last, unit)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`bontot demo --units 200 --years 3`."""
    out = tmp_path_factory.mktemp("demo") / "data"
    write_demo(out, 200, 3, 1)
    return out


def _check_figures(data: Path, first: int, last: int, root: str) -> Report:
    records = load(data)
    _, report = _report(data, first, last, root)
    expected = yearly(records, root)
    failing = failures(records, root)
    for year in range(first, last + 1):
        assessed, passed = expected.get(year, (0, 0))
        assert (report.row(year).tally.assessed, report.row(year).tally.passed) == (assessed, passed), year
        for model in report.models:
            m_assessed, m_passed = yearly(records, root, model).get(year, (0, 0))
            assert (report.row(year, model).tally.assessed, report.row(year, model).tally.passed) == (m_assessed, m_passed)
        if year > first and expected.get(year - 1, (0, 0))[0]:
            assert report.row(year).change == passed - expected[year - 1][1]
        for criterion in report.criteria:
            assert criterion.failed[year - first] == failing[year][criterion.number - 1]
    return report


def test_sample_figures_match_the_records() -> None:
    report = _check_figures(DATA, 2024, 2025, CORPORATION)
    assert report.occasion == "so-ket"  # the decisions of data/decisions/so-ket-2025-*.yaml name 2024–2025


def test_demo_figures_match_the_records(demo: Path) -> None:
    report = _check_figures(demo, 2024, 2026, CORPORATION)
    assert report.row(2026).tally.assessed > 150


def test_unit_lists_match_the_records(demo: Path) -> None:
    records = load(demo)
    _, report = _report(demo, 2024, 2026)
    results: dict[str, list[bool]] = {}
    for year in (2024, 2025, 2026):
        for a in records["assessments"][year]:
            results.setdefault(a["unit"], []).append(all(c["result"] == "dat" for c in a["criteria"]))
    always = {u for u, r in results.items() if len(r) == 3 and all(r)}
    never = {u for u, r in results.items() if not any(r)}
    assert {u.unit for u in report.always} == always
    assert {u.unit for u in report.never} == never
    # Candidates: every year “bốn tốt”, none with a disciplined member reported; the text never says “selected”.
    assert {c.unit for c in report.candidates} <= always
    admissions: dict[str, list[tuple[int, int]]] = {}
    for year in (2024, 2025, 2026):
        for a in records["assessments"][year]:
            if (a.get("evidence") or {}).get("admissions"):
                admissions.setdefault(a["unit"], []).append((a["evidence"]["admissions"]["admitted"], a["evidence"]["admissions"]["target"]))
    beat = 0
    for line in report.candidates:
        assert "Đạt “" in line.detail and "cả 3 năm 2024–2026" in line.detail
        assert "được chọn" not in line.detail and "lựa chọn" not in line.detail
        reported = admissions.get(line.unit, [])
        admitted, target = sum(a for a, _ in reported), sum(t for _, t in reported)
        expected = len(reported) == 3 and admitted > target
        assert (f"kết nạp {number(admitted)} đảng viên, vượt chỉ tiêu {number(target)} của giai đoạn" in line.detail) == expected
        beat += expected
    assert beat > 0


def test_sentences_have_the_counts_words_and_number_format() -> None:
    records = load(DATA)
    _, report = _report(DATA, 2024, 2025)
    (a24, p24), (a25, p25) = yearly(records, CORPORATION)[2024], yearly(records, CORPORATION)[2025]
    lines = sentences.yearly_sentences(report)
    change = p25 - p24
    trend = f"giảm {-change} tổ chức" if change < 0 else (f"tăng {change} tổ chức" if change > 0 else "bằng năm 2024")
    assert lines[1].startswith(f"Năm 2025 có {a25} tổ chức đảng tự đánh giá, {p25} tổ chức đạt “bốn tốt” ({rate(p25 / a25)}), {trend}")
    # The sample has the issue's own example, word for word.
    assert lines[1].startswith("Năm 2025 có 45 tổ chức đảng tự đánh giá, 36 tổ chức đạt “bốn tốt” (80 %), giảm 1 tổ chức so với năm 2024")
    assert lines[0].startswith(f"Năm 2024 có {a24} tổ chức đảng tự đánh giá, {p24} tổ chức đạt “bốn tốt” ({rate(p24 / a24)})")
    assert "so với" not in lines[0]  # the first year has nothing to compare with
    # Rates are rounded half up, as the site's pages write them: 4/6 is 66,7 %, 32/39 is 82,1 % (not 66,6 %, 82 %).
    assert "đảng bộ cơ sở 4/6 (66,7 %)" in lines[0] and "chi bộ 32/39 (82,1 %)" in lines[1]
    assert re.search(r"\(\d+,\d %\)", lines[0])  # 80,4 %: decimal comma, space before %
    assert number(1234) == "1.234" and sentences.change_words(-1234, 2024) == "giảm 1.234 tổ chức so với năm 2024"
    assert sentences.title_words(report) == "Sơ kết 2 năm thực hiện mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”, giai đoạn 2024 - 2025"
    assert "do cấp ủy xem xét, quyết định" in sentences.candidates_sentence(report)


def test_unit_report_covers_exactly_the_subtree(demo: Path) -> None:
    records = load(demo)
    base = next(u["id"] for u in records["units"] if u["type"] == "dang-bo-co-so")
    ds, report = _report(demo, 2024, 2026, base)
    parents = {u["id"]: u.get("parent") for u in records["units"]}
    inside = {base} | {u for u in parents if parents[u] == base} | {u for u in parents if parents.get(parents[u] or "") == base}
    inside |= {u for u in parents if parents.get(parents.get(parents[u] or "") or "") == base}
    assert set(subtree(ds, base)) == inside and report.units_in_scope == len(inside)
    listed = {u.unit for u in (*report.always, *report.never, *report.missing, *report.candidates)}
    assert listed and listed <= inside
    _check_figures(demo, 2024, 2026, base)


def test_changing_one_record_changes_the_figure(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _, before = _report(data, 2024, 2025)
    path = data / "assessments" / "2025.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = next(a for a in doc["assessments"] if all(c["result"] == "dat" for c in a["criteria"]) and a.get("evidence") is None)
    text = path.read_text(encoding="utf-8")
    # Criterion 4 of that unit becomes không đạt (criterion 4 has no evidence that could contradict it).
    start = text.index(f"unit: {target['unit']}\n")
    fourth = [m.start() for m in re.finditer(r"result: dat", text[start:])][3] + start
    path.write_text(text[:fourth] + "result: khong-dat" + text[fourth + len("result: dat"):], encoding="utf-8")
    ds, after = _report(data, 2024, 2025)
    assert after.row(2025).tally.passed == before.row(2025).tally.passed - 1
    assert after.criteria[3].failed[1] == before.criteria[3].failed[1] + 1
    word = docx.Document(io.BytesIO(render_docx(ds, after)))
    rows = [[c.text for c in r.cells] for r in word.tables[1].rows]
    assert ["2025", "Tổng", number(after.row(2025).tally.assessed), number(after.row(2025).tally.passed)] in [r[:4] for r in rows]


def test_word_file_reads_back_in_the_party_form() -> None:
    ds, report = _report(DATA, 2024, 2025)
    data = render_docx(ds, report)
    word = docx.Document(io.BytesIO(data))
    header = word.tables[0].rows[0].cells
    left = [p.text for p in header[0].paragraphs]
    assert left == ["ĐẢNG BỘ TẬP ĐOÀN CÔNG NGHIỆP THAN - KHOÁNG SẢN VIỆT NAM", "ĐẢNG ỦY TỔNG CÔNG TY ĐIỆN LỰC - TKV", "*",
                    "Số      -BC/ĐU"]
    right = [p.text for p in header[1].paragraphs if p.text]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and re.fullmatch(r"Hà Nội, ngày\s+tháng\s+năm 2026", right[1])
    assert all(r.italic for r in header[1].paragraphs[-1].runs)
    texts = [p.text for p in word.paragraphs]
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == sentences.title_words(report)
    sizes = {r.font.size.pt for r in word.paragraphs[title].runs}
    assert sizes == {16.0}
    assert word.styles["Normal"].font.name == "Times New Roman" and word.styles["Normal"].font.size.pt == 14
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert "PAGE" in section.header._element.xml
    # Tables: the yearly figures, then the criteria, each row as the report computes it.
    yearly_rows = [[c.text for c in r.cells] for r in word.tables[1].rows]
    assert yearly_rows[0][0] == "Năm"
    total_2025 = report.row(2025, TOTAL).tally
    assert ["2025", "Tổng", number(total_2025.assessed), number(total_2025.passed), rate(total_2025.rate or 0).replace(" %", "\u00a0%"), "−1"] in yearly_rows
    assert ["2025", "Chi bộ", "39", "32", "82,1\u00a0%", "−1"] in yearly_rows
    criteria_rows = [[c.text for c in r.cells] for r in word.tables[2].rows]
    assert [r[3] for r in criteria_rows if r[0].startswith("Tiêu chí ")] == [number(c.total) for c in report.criteria]
    # Places only people write are marked; the signature block and recipients are there.
    for words in sentences.PLACEHOLDERS.values():
        assert f"[{words}]" in texts
    signature = word.tables[-1].rows[0].cells
    assert signature[0].paragraphs[0].text == "Nơi nhận:" and signature[0].paragraphs[-1].text == "- Lưu Văn phòng Đảng ủy."
    assert [p.text for p in signature[1].paragraphs][:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert "{{" not in word.element.xml and "{%" not in word.element.xml
    # A percentage never breaks before its sign: `80 %` is written with a no-break space.
    # Section 3 lists no one twice: every unit “bốn tốt” in each year is a candidate, listed in section 7.
    assert "Danh sách các tổ chức đảng này ở mục 7, kèm điều kiện đáp ứng." in texts
    assert "80\u00a0%" in "".join(texts) and not re.search(r"\d %", "".join(texts))
    # Nothing wider than the text area (165 mm): no table runs off the page.
    for table in word.tables:
        assert sum(col.width.mm for col in table.columns) <= 165.5


def test_word_file_is_deterministic() -> None:
    ds, report = _report(DATA, 2024, 2025)
    first, second = render_docx(ds, report), render_docx(ds, report)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2025-12-31T00:00:00Z" in core


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bao-cao.docx"
    assert main(["report", "--from", "2024", "--to", "2025", "--out", str(out), "--data", str(DATA)]) == 0
    assert docx.Document(str(out)).paragraphs[0].text == "BÁO CÁO"
    assert "Đã ghi báo cáo giai đoạn 2024–2025" in capsys.readouterr().err
    assert main(["report", "--from", "2024", "--to", "2025", "--unit", "db-nhiet-dien-cao-ngan", "--out", str(out),
                 "--data", str(DATA)]) == 0
    assert "ĐẢNG ỦY CÔNG TY NHIỆT ĐIỆN CAO NGẠN - TKV" in [p.text for p in docx.Document(str(out)).tables[0].rows[0].cells[0].paragraphs]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--from", "2025", "--to", "2024"], 2, "năm đầu (2025) sau năm cuối (2024)"),
    (["--from", "24", "--to", "2025"], 2, "cần năm bốn chữ số, gặp '24'"),
    (["--from", "2024", "--to", "2025", "--unit", "khong-co"], 2, "không có đơn vị mã 'khong-co'"),
    (["--from", "2024", "--to", "2025", "--unit", "cb-co-quan-tong-cong-ty"], 2, "là chi bộ cơ sở; báo cáo theo --unit dành cho đảng bộ cơ sở"),
    (["--from", "2024", "--to", "2025", "--template", "README.md"], 1, "mẫu Word không dùng được"),
])
def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str) -> None:
    args = [str(ROOT / a) if a == "README.md" else a for a in args]
    try:
        result = main(["report", *args, "--out", str(tmp_path / "x.docx"), "--data", str(DATA)])
    except SystemExit as exc:  # argparse's own usage errors
        result = int(str(exc.code))
    assert result == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_cli_reports_invalid_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "units.yaml").write_text((data / "units.yaml").read_text(encoding="utf-8").replace("type: chi-bo-co-so", "type: chi-bo-x", 1),
                                     encoding="utf-8")
    assert main(["report", "--from", "2024", "--to", "2025", "--out", str(tmp_path / "x.docx"), "--data", str(data)]) == 1
    assert re.search(r"units\.yaml:\d+:\d+: error: ", capsys.readouterr().out)


def test_committed_template_is_what_the_script_writes(tmp_path: Path) -> None:
    """generator/office/templates/bao-cao.docx and report_template.py cannot drift apart (the bytes are deterministic)."""
    from generator.office.report_template import TEMPLATE
    from generator.office.report_template import main as write_template

    out = tmp_path / "bao-cao.docx"
    assert write_template([str(out)]) == 0
    assert out.read_bytes() == TEMPLATE.read_bytes(), "run `python -m generator.office.report_template` and commit the template"
