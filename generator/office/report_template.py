"""Writes templates/bao-cao.docx, the Word template `bontot report` fills with docxtpl.

Run `python -m generator.office.report_template` after changing this file; the office may instead restyle the
.docx in Word (keeping the `{{ … }}` and `{% … %}` tags) and pass it with `bontot report --template`.

The form follows Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng, “thể thức và kỹ thuật trình
bày văn bản của Đảng”; each setting below names the part of it that it applies.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generator.office.ziptime import stable_zip

TEMPLATE = Path(__file__).with_name("templates") / "bao-cao.docx"
FONT = "Times New Roman"  # 36-HD: phông chữ Việt Unicode theo TCVN 6909:2001 (Times New Roman)
WIDTH = Mm(165)  # A4 210 mm less the 30 mm and 15 mm side margins
NUMERIC = {"assessed", "passed", "rate", "change", "total", "decisions", "collectives", "individuals"}  # right-aligned cells
CENTER, LEFT, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _fonts(element: object) -> None:
    """Times New Roman for every script, so Word does not substitute a font for Vietnamese letters."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)  # 36-HD: nội dung văn bản cỡ chữ 13-14, kiểu đứng
    _fonts(normal.element)
    fmt = normal.paragraph_format
    # 36-HD: căn đều hai lề, lùi đầu dòng 1-1,27 cm, cách đoạn tối thiểu 6 pt, cách dòng từ một dòng (single)
    fmt.alignment, fmt.first_line_indent, fmt.space_before, fmt.space_after, fmt.line_spacing = JUSTIFY, Cm(1), Pt(0), Pt(6), 1.0
    for name, size, bold, italic in (("BC Đề mục", 14, True, False), ("BC Bảng", 12, False, False), ("BC Bảng đầu", 12, True, False),
                                     ("BC Phần người viết", 14, False, True), ("BC Khối đầu", 14, False, False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        if name != "BC Phần người viết":
            style.paragraph_format.first_line_indent = Cm(0)
        if name == "BC Đề mục":
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.space_before = Pt(6)
        if name.startswith("BC Bảng") or name == "BC Khối đầu":
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.alignment = LEFT if name == "BC Bảng" else CENTER


def para(where: DocumentObject | _Cell, text: str, style: str = "Normal", *, size: float | None = None, bold: bool = False,
         italic: bool = False, underline: bool = False, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    """One paragraph of one run: docxtpl needs each tag whole inside a run."""
    paragraph = where.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    run.font.bold, run.font.italic, run.font.underline = bold or None, italic or None, underline or None
    if align is not None:
        paragraph.paragraph_format.alignment = align
    return paragraph


def _rule(cell: _Cell, indent: float) -> None:
    """36-HD: the line under “ĐẢNG CỘNG SẢN VIỆT NAM”, as long as the title: a bottom border narrowed by indents."""
    paragraph = cell.add_paragraph(style="BC Khối đầu")
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(indent)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.line_spacing = Pt(3)  # exactly: the empty line is only the rule's carrier


def _layout_table(doc: DocumentObject, widths: tuple[float, float]) -> Table:
    """A borderless two-column table: the header block and the signature block are laid out this way in Word."""
    table: Table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(widths):
        table.columns[index].width = table.rows[0].cells[index].width = Mm(width)
    return table


def _header_block(doc: DocumentObject) -> None:
    left, right = _layout_table(doc, (78, 87)).rows[0].cells
    left.paragraphs[0].style = right.paragraphs[0].style = doc.styles["BC Khối đầu"]
    # 36-HD, tên cơ quan ban hành: tên cấp ủy cấp trên in hoa cỡ 14 đứng; tên cơ quan ban hành in hoa cỡ 14 đứng đậm;
    # dấu sao (*) ở dưới; số và ký hiệu “Số …-BC/…” cỡ 14 đứng.
    left.paragraphs[0].add_run("{{ superior_body|upper }}")
    para(left, "{{ issuing_body|upper }}", "BC Khối đầu", bold=True)
    para(left, "*", "BC Khối đầu")
    para(left, "Số      -BC/{{ symbol }}", "BC Khối đầu")
    # 36-HD, tiêu đề: “ĐẢNG CỘNG SẢN VIỆT NAM” in hoa cỡ 15 đứng đậm, đường kẻ ngang dưới, dài bằng tiêu đề;
    # địa danh và ngày, tháng, năm ban hành: chữ thường cỡ 14 nghiêng.
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").font.bold = True
    right.paragraphs[0].runs[0].font.size = Pt(15)
    _rule(right, 10)
    para(right, "{{ place }}, ngày      tháng      năm {{ issue_year }}", "BC Khối đầu", italic=True)


def _data_table(doc: DocumentObject, headers: list[str], cells: list[str], widths: list[float], loop: str) -> None:
    """A bordered table: header row repeated on each page, then one row per item (docxtpl `{%tr %}` rows)."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(widths):
        table.columns[index].width = Mm(width)
        for row in table.rows:
            row.cells[index].width = Mm(width)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    texts = [headers, [f"{{%tr for r in {loop} %}}"] + [""] * (len(headers) - 1), cells, ["{%tr endfor %}"] + [""] * (len(headers) - 1)]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].style = doc.styles["BC Bảng đầu" if row is header else "BC Bảng"]
            cell.paragraphs[0].add_run(value)
            if value.removeprefix("{{ r.").removesuffix(" }}") in NUMERIC:
                cell.paragraphs[0].paragraph_format.alignment = RIGHT
    table.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays whole on one page


def _section(doc: DocumentObject, title: str, sentences: str | None, table: tuple[list[str], list[str], list[float], str] | None,
             empty: str = "Không có.") -> None:
    para(doc, title, "BC Đề mục")
    if sentences:
        para(doc, f"{{%p for s in {sentences} %}}")
        para(doc, "{{ s }}")
        para(doc, "{%p endfor %}")
    if table is not None:
        loop = table[3]
        para(doc, f"{{%p if {loop} %}}")
        _data_table(doc, *table)
        para(doc, "{%p else %}")
        para(doc, empty, italic=empty == "Không có.")
        para(doc, "{%p endif %}")


def _body(doc: DocumentObject) -> None:
    para(doc, "{{ intro }}")
    para(doc, "I. KẾT QUẢ THỰC HIỆN", "BC Đề mục")
    _section(doc, "1. Kết quả đánh giá hằng năm", "yearly",
             (["Năm", "Mô hình", "Số tổ chức đánh giá", "Đạt “bốn tốt”", "Tỷ lệ", "So với năm trước"],
              ["{{ r.year }}", "{{ r.model }}", "{{ r.assessed }}", "{{ r.passed }}", "{{ r.rate }}", "{{ r.change }}"],
              [18, 36, 27, 27, 25, 32], "year_rows"))
    _section(doc, "2. Tiêu chí không đạt và nguyên nhân", "criteria_text",
             (["Tiêu chí", "Nội dung", "Theo năm", "Cộng"], ["{{ r.criterion }}", "{{ r.what }}", "{{ r.by_year }}", "{{ r.total }}"],
              [38, 70, 40, 17], "criterion_rows"))
    _section(doc, "3. Tổ chức đảng đạt “bốn tốt” tất cả các năm trong giai đoạn", "lists_text",
             (["TT", "Tổ chức đảng", "Trực thuộc"], ["{{ r.index }}", "{{ r.name }}", "{{ r.parent }}"], [12, 88, 65], "always"),
             "{{ always_empty }}")
    _section(doc, "4. Tổ chức đảng chưa năm nào đạt “bốn tốt”", None,
             (["TT", "Tổ chức đảng", "Trực thuộc", "Kết quả"], ["{{ r.index }}", "{{ r.name }}", "{{ r.parent }}", "{{ r.detail }}"],
              [12, 63, 45, 45], "never"))
    _section(doc, "5. Tổ chức đảng còn thiếu kết quả đánh giá", None,
             (["TT", "Tổ chức đảng", "Trực thuộc", "Năm còn thiếu"], ["{{ r.index }}", "{{ r.name }}", "{{ r.parent }}", "{{ r.detail }}"],
              [12, 63, 45, 45], "missing"))
    _section(doc, "6. Công nhận, tuyên dương, khen thưởng trong giai đoạn", "decisions_text",
             (["Cấp", "Hình thức", "Số quyết định", "Lượt tập thể", "Lượt cá nhân"],
              ["{{ r.level }}", "{{ r.kind }}", "{{ r.decisions }}", "{{ r.collectives }}", "{{ r.individuals }}"],
              [35, 50, 27, 27, 26], "decision_rows"))
    _section(doc, "7. Tổ chức đảng đáp ứng điều kiện để cấp ủy xem xét đề nghị khen thưởng", "candidates_text",
             (["TT", "Tổ chức đảng", "Điều kiện đáp ứng"], ["{{ r.index }}", "{{ r.name }}", "{{ r.detail }}"], [12, 63, 90], "candidates"))
    for title, key in (("II. ĐÁNH GIÁ CHUNG", "assessment"), ("III. BÀI HỌC KINH NGHIỆM", "lessons"),
                       ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "tasks")):
        para(doc, title, "BC Đề mục")
        para(doc, f"[{{{{ placeholders.{key} }}}}]", "BC Phần người viết")


def _signature(doc: DocumentObject) -> None:
    left, right = _layout_table(doc, (80, 85)).rows[0].cells
    # 36-HD, nơi nhận: “Nơi nhận:” chữ thường cỡ 14 đứng, gạch chân; các nơi nhận cỡ 12 đứng, mỗi nơi một dòng.
    left.paragraphs[0].style = doc.styles["BC Bảng"]
    left.paragraphs[0].add_run("Nơi nhận:").font.underline = True
    left.paragraphs[0].runs[0].font.size = Pt(14)
    para(left, "{%p for line in recipients %}", "BC Bảng")
    para(left, "{{ line }}", "BC Bảng")
    para(left, "{%p endfor %}", "BC Bảng")
    # 36-HD, thể thức đề ký: “T/M” và tên tập thể lãnh đạo in hoa cỡ 14 đứng đậm; chức vụ in hoa cỡ 14 đứng đậm;
    # họ tên người ký chữ thường cỡ 14 đứng đậm.
    right.paragraphs[0].style = doc.styles["BC Khối đầu"]
    right.paragraphs[0].add_run("{{ signing_for|upper }}").font.bold = True
    para(right, "{{ signer_position|upper }}", "BC Khối đầu", bold=True)
    para(right, "(Ký tên, đóng dấu)", "BC Khối đầu", italic=True)
    for _ in range(3):
        para(right, "", "BC Khối đầu")
    para(right, "[Họ và tên]", "BC Khối đầu", bold=True)


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    # 36-HD: khổ giấy A4 (210 mm x 297 mm); lề trên 20 mm, lề dưới 20 mm, lề trái 30 mm, lề phải 15 mm.
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(8)
    # 36-HD: số trang bằng chữ số Ả Rập, cỡ chữ 14, đứng, giữa phần lề trên; issue 18 asks for every page numbered.
    paragraph = section.header.paragraphs[0]
    paragraph.paragraph_format.alignment = CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build_template() -> DocumentObject:
    """The template document, with docxtpl tags where the report's values go."""
    doc = Document()
    _styles(doc)
    _page(doc)
    doc._body.clear_content()
    _header_block(doc)
    # 36-HD: tên loại văn bản in hoa cỡ 16 đứng đậm; trích yếu chữ thường cỡ 14 đứng đậm; dưới trích yếu có gạch ngang.
    para(doc, "BÁO CÁO", "BC Khối đầu", size=16, bold=True).paragraph_format.space_before = Pt(18)
    para(doc, "{{ excerpt }}", "BC Khối đầu", bold=True)
    para(doc, "-----", "BC Khối đầu").paragraph_format.space_after = Pt(12)
    _body(doc)
    para(doc, "", "BC Khối đầu")
    _signature(doc)
    core = doc.core_properties
    core.author = core.last_modified_by = "bontot"
    core.title, core.revision = "Báo cáo sơ kết, tổng kết mô hình “bốn tốt”", 1
    core.created = core.modified = dt.datetime(2024, 1, 1)
    return doc


def main(argv: list[str] | None = None) -> int:
    """Write the template (to templates/bao-cao.docx, or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    build_template().save(buffer)
    target.write_bytes(stable_zip(buffer.getvalue()))
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
