"""The columns of the assessment workbook: header text, where each value lives in a record, and what the plan asks.

One list serves both directions: the template writes these columns and the importer finds them by header text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.rules.names import QUALITY_NAMES, RESULT_NAMES

Kind = Literal["locked", "date", "result", "text", "count", "quality"]
Loc = tuple[str | int, ...]
BOTH = ("chi-bo-bon-tot", "dang-bo-co-so-bon-tot")
CELL = ("chi-bo-bon-tot",)
BASE = ("dang-bo-co-so-bon-tot",)
ID_HEADER = "Mã đơn vị"
YEAR_LABEL = "Năm đánh giá:"
DECISION_LABEL = "Mã quyết định:"


@dataclass(frozen=True)
class Column:
    """One column: its header, the record field it fills (None: shown, never read), and its input message."""

    key: str
    header: str
    kind: Kind
    loc: Loc | None
    width: int
    hint: str = ""  # may name thresholds: {min_regular_meetings}
    models: tuple[str, ...] = BOTH


def _criteria() -> list[Column]:
    columns: list[Column] = []
    for n in range(1, 5):
        columns.append(Column(f"c{n}", f"Tiêu chí {n}", "result", ("criteria", n - 1, "result"), 11,
                              f"Chọn Đạt hoặc Không đạt cho tiêu chí {n}, theo kết quả tự đánh giá của đơn vị."))
        columns.append(Column(f"c{n}_note", f"Lý do, nhận xét tiêu chí {n}", "text", ("criteria", n - 1, "note"), 30,
                              f"Khi tiêu chí {n} không đạt, ghi rõ lý do (ví dụ: chỉ 10/12 kỳ sinh hoạt thường kỳ). Có thể để trống khi đạt."))
    return columns


def _ratings(prefix: str, who: str, field: str, models: tuple[str, ...]) -> list[Column]:
    levels = [("htxsnv", "HTXSNV", "hoàn thành xuất sắc nhiệm vụ"), ("httnv", "HTTNV", "hoàn thành tốt nhiệm vụ"),
              ("htnv", "HTNV", "hoàn thành nhiệm vụ"), ("khtnv", "KHTNV", "không hoàn thành nhiệm vụ")]
    share = "{min_share_members_good}" if field == "member_ratings" else "{min_share_organisations_good}"
    return [
        Column(f"{prefix}_{code}", f"{who} xếp loại {short}", "count", ("evidence", field, code), 11,
               f"Số {who.lower()} được xếp loại {words}. Kế hoạch yêu cầu ít nhất {share} {who.lower()} "
               "hoàn thành tốt nhiệm vụ trở lên (tiêu chí 1). Điền đủ cả bốn mức.", models)
        for code, short, words in levels
    ]


COLUMNS: list[Column] = [
    Column("id", f"{ID_HEADER} (không sửa)", "locked", ("unit",), 28),
    Column("name", "Tên đơn vị", "locked", None, 40),
    Column("parent", "Đơn vị cấp trên", "locked", None, 28),
    Column("model", "Mô hình", "locked", None, 20),
    Column("date", "Ngày đánh giá", "date", ("date",), 14, "Ngày họp đánh giá, dạng ngày/tháng/năm (ví dụ: 10/12/2024)."),
    *_criteria(),
    Column("verdict", "Kết luận chung", "result", ("verdict",), 13,
           "Có thể để trống. Nếu ghi, phải khớp với bốn tiêu chí: Đạt khi cả bốn tiêu chí đều đạt."),
    Column("members", "Số đảng viên", "count", ("evidence", "members"), 11, "Tổng số đảng viên được xếp loại trong năm (số nguyên, không âm)."),
    *_ratings("m", "Đảng viên", "member_ratings", BOTH),
    Column("adm_target", "Chỉ tiêu kết nạp", "count", ("evidence", "admissions", "target"), 11,
           "Số đảng viên mới cấp trên giao kết nạp trong năm. Kế hoạch yêu cầu kết nạp đạt chỉ tiêu (tiêu chí 1)."),
    Column("adm_done", "Số đã kết nạp", "count", ("evidence", "admissions", "admitted"), 11,
           "Số quần chúng đã được kết nạp vào Đảng trong năm; điền cùng với chỉ tiêu kết nạp."),
    Column("regular", "Sinh hoạt thường kỳ (kỳ)", "count", ("evidence", "regular_meetings"), 12,
           "Số kỳ sinh hoạt chi bộ thường kỳ đã tổ chức. Kế hoạch yêu cầu ít nhất {min_regular_meetings} kỳ trong năm (tiêu chí 2).", CELL),
    Column("thematic", "Sinh hoạt chuyên đề (kỳ)", "count", ("evidence", "thematic_meetings"), 12,
           "Số kỳ sinh hoạt chuyên đề. Kế hoạch yêu cầu ít nhất {min_thematic_meetings} kỳ trong năm, mỗi quý một kỳ (tiêu chí 2).", CELL),
    Column("quality", "Chất lượng sinh hoạt cả năm", "quality", ("evidence", "meeting_quality"), 14,
           "Mức chất lượng sinh hoạt chi bộ cả năm: Tốt, Khá, Trung bình hoặc Kém. Tiêu chí 2 chỉ đạt khi ở mức Tốt.", CELL),
    Column("disc_members", "Đảng viên bị kỷ luật", "count", ("evidence", "disciplined_members"), 11,
           "Số đảng viên bị kỷ luật trong năm. Kế hoạch yêu cầu không quá {max_disciplined_members} (tiêu chí 3)."),
    Column("orgs", "Tổ chức đảng trực thuộc", "count", ("evidence", "organisations"), 11,
           "Số tổ chức đảng trực thuộc đảng bộ được xếp loại trong năm.", BASE),
    *_ratings("o", "Tổ chức", "organisation_ratings", BASE),
    Column("committee", "Họp thường lệ của đảng ủy (kỳ)", "count", ("evidence", "committee_meetings"), 12,
           "Số kỳ họp thường lệ của đảng ủy. Kế hoạch yêu cầu ít nhất {min_committee_meetings} kỳ, mỗi tháng một lần (tiêu chí 2).", BASE),
    Column("plenary", "Họp đảng bộ (kỳ)", "count", ("evidence", "plenary_meetings"), 11,
           "Số kỳ họp đảng bộ (hội nghị toàn thể). Kế hoạch yêu cầu ít nhất {min_plenary_meetings} kỳ trong năm (tiêu chí 2).", BASE),
    Column("disc_orgs", "Tổ chức trực thuộc bị kỷ luật", "count", ("evidence", "disciplined_organisations"), 12,
           "Số tổ chức đảng trực thuộc bị kỷ luật trong năm; tiêu chí 3 chỉ đạt khi không có.", BASE),
    Column("disc_leaders", "Thành viên lãnh đạo bị kỷ luật", "count", ("evidence", "disciplined_leaders"), 12,
           "Số thành viên tập thể lãnh đạo, quản lý bị kỷ luật trong năm; tiêu chí 3 chỉ đạt khi không có.", BASE),
    Column("note", "Ghi chú", "text", ("note",), 30, "Ghi chú chung về kết quả đánh giá của đơn vị (có thể để trống)."),
]
INPUT = [c for c in COLUMNS if c.loc is not None and c.kind != "locked"]
RESULT_CHOICES = [RESULT_NAMES["dat"], RESULT_NAMES["khong-dat"]]
QUALITY_CHOICES = [name[0].upper() + name[1:] for name in QUALITY_NAMES.values()]


def hint_text(column: Column, limits: dict[str, float | None]) -> str:
    """The input message with the thresholds in force that year (as the rulebook gives them)."""
    values: dict[str, str] = {}
    for key, value in limits.items():
        if value is None:
            values[key] = "(chưa quy định)"
        elif isinstance(value, float) and value < 1:
            values[key] = f"{value * 100:g} %".replace(".", ",")
        else:
            values[key] = f"{value:g}"
    return column.hint.format_map(_Missing(values))


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "(chưa quy định)"


def to_cell(column: Column, value: object) -> object:
    """A record value as the clerk sees it: `dat` -> `Đạt`, `tot` -> `Tốt`."""
    if value is None:
        return None
    if column.kind == "result":
        return RESULT_NAMES.get(str(value), value)
    if column.kind == "quality":
        name = QUALITY_NAMES.get(str(value))
        return value if name is None else name[0].upper() + name[1:]
    return value
