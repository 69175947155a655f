"""The `Hướng dẫn` sheet: how to fill in the workbook, in plain Vietnamese, with the thresholds in force that year."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from generator.office.columns import Column, hint_text

GUIDE_TITLE = "Hướng dẫn"


def _lines(year: int, limits: dict[str, float | None]) -> list[str]:
    def say(text: str) -> str:
        return hint_text(Column("guide", "", "text", None, 0, text), limits)

    return [
        f"CÁCH ĐIỀN BẢNG KẾT QUẢ TỰ ĐÁNH GIÁ “BỐN TỐT” NĂM {year}",
        "",
        f"1. Mở trang “Kết quả {year}”. Mỗi dòng là một tổ chức đảng còn hoạt động trong năm {year}, xếp theo cây tổ chức.",
        "2. Các cột màu xám nhạt (mã đơn vị, tên, đơn vị cấp trên, mô hình) đã điền sẵn và được khóa: không sửa, không xóa dòng.",
        "   Ô màu xám đậm là chỉ tiêu không áp dụng cho loại hình của đơn vị đó (ví dụ: số kỳ họp đảng ủy với một chi bộ).",
        "   Dòng của đảng bộ cấp trên và đảng bộ bộ phận chỉ để xem cây tổ chức: các tổ chức này không tự đánh giá theo mô hình.",
        "3. Cột “Tiêu chí 1” đến “Tiêu chí 4”: chọn Đạt hoặc Không đạt trong danh sách thả xuống.",
        "   Tiêu chí nào không đạt, ghi lý do ở cột “Lý do, nhận xét” ngay bên cạnh.",
        "4. Đơn vị đạt “bốn tốt” khi cả bốn tiêu chí đều đạt. Cột “Kết luận chung” có thể để trống; nếu ghi thì phải khớp.",
        "5. Các cột số liệu: chỉ ghi số nguyên, không âm. Bấm vào một ô để xem kế hoạch yêu cầu gì.",
        "   Số liệu chỉ dùng để đối chiếu: số liệu không đạt yêu cầu thì tiêu chí tương ứng không thể ghi Đạt.",
        say("   - Tiêu chí 1: ít nhất {min_share_members_good} đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên (đảng bộ cơ sở: cả "
            "{min_share_organisations_good} tổ chức đảng trực thuộc);"),
        "     kết nạp đảng viên đạt chỉ tiêu được giao.",
        say("   - Tiêu chí 2: chi bộ sinh hoạt thường kỳ ít nhất {min_regular_meetings} kỳ, chuyên đề ít nhất {min_thematic_meetings} kỳ, "
            "chất lượng sinh hoạt cả năm mức Tốt;"),
        say("     đảng ủy cơ sở họp thường lệ ít nhất {min_committee_meetings} kỳ, đảng bộ họp ít nhất {min_plenary_meetings} kỳ."),
        say("   - Tiêu chí 3: số đảng viên bị kỷ luật không quá {max_disciplined_members}; đảng bộ cơ sở không có tổ chức trực thuộc "
            "hoặc thành viên lãnh đạo bị kỷ luật."),
        "6. Ngày đánh giá ghi dạng ngày/tháng/năm, ví dụ 10/12/2024.",
        "7. Không ghi thông tin cá nhân (số căn cước, điện thoại, địa chỉ, ngày sinh).",
        "8. Lưu tệp dạng Excel (.xlsx), không lưu thành .xls hay .csv.",
        "   Có thể đổi tên trang, ẩn cột, thêm cột riêng: máy đọc theo tên cột, nên không sửa chữ ở dòng tiêu đề.",
        "9. Gửi tệp cho Ban Tổ chức. Ban Tổ chức kiểm tra bằng lệnh: bontot import TỆP.xlsx",
        "   (chỉ xem trước thay đổi), rồi ghi vào dữ liệu bằng: bontot import TỆP.xlsx --write",
        "   Mỗi lỗi được báo kèm tên trang và ô (ví dụ: Kết quả 2024 › F12), để sửa ngay trong tệp rồi gửi lại.",
    ]


def write_guide(sheet: Worksheet, year: int, limits: dict[str, float | None]) -> None:
    """Fill `sheet` with the instructions and name it `Hướng dẫn`."""
    sheet.title = GUIDE_TITLE
    sheet.column_dimensions["A"].width = 125
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    for row, text in enumerate(_lines(year, limits), start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=13)
