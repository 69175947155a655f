"""The field types the records share: ids, names and free text (no hidden characters), years, counts, and the
closed lists of values (unit types, models, document types, decision kinds, threshold keys).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Characters that are invisible or flip the reading direction: pasted from web pages and mail,
# they make two equal-looking names differ and can disguise text.
_HIDDEN = {
    chr(c)
    for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A), *range(0xFFF9, 0xFFFC),
              0xFEFF, 0x00AD, 0x061C, 0x180E)
}


def _visible_text(value: str) -> str:
    for index, char in enumerate(value):
        if char in _HIDDEN:
            raise PydanticCustomError(
                "hidden_char",
                "chứa ký tự ẩn U+{code} ở vị trí {pos} (ký tự rộng bằng 0 hoặc đổi chiều viết, thường do sao chép); "
                "hãy gõ lại đoạn chữ này",
                {"code": f"{ord(char):04X}", "pos": index + 1},
            )
        if char < " " and char not in "\n\t":
            raise PydanticCustomError(
                "control_char", "chứa ký tự điều khiển U+{code} ở vị trí {pos}; hãy xóa ký tự này", {"code": f"{ord(char):04X}", "pos": index + 1}
            )
    if not value.strip():
        raise PydanticCustomError("blank", "không được để trống")
    return value


Text = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_visible_text)]
Name = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_visible_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=100, description="Mã: chữ thường không dấu, số, dấu gạch nối")]
Year = Annotated[int, Field(ge=1930, le=2100, description="Năm, bốn chữ số")]
Count = Annotated[int, Field(ge=0, le=10_000_000)]

UnitType = Literal[
    "cap-tren-co-so",
    "dang-bo-co-so",
    "chi-bo-co-so",
    "dang-bo-bo-phan",
    "chi-bo-truc-thuoc-dang-uy-co-so",
    "chi-bo-truc-thuoc-dang-bo-bo-phan",
]
ModelId = Literal["chi-bo-bon-tot", "dang-bo-co-so-bon-tot"]
Result = Literal["dat", "khong-dat"]
DocType = Literal[
    "dieu-le", "nghi-quyet", "ket-luan", "chi-thi", "quy-dinh", "quyet-dinh", "ke-hoach", "huong-dan", "chuong-trinh", "thong-bao", "bao-cao"
]
DecisionKind = Literal["cong-nhan", "tuyen-duong", "giay-khen", "bang-khen"]
Occasion = Literal["hang-nam", "so-ket", "tong-ket"]
Body = Literal["ban-thuong-vu", "dang-uy"]
MeetingQuality = Literal["tot", "kha", "trung-binh", "kem"]
ThresholdKey = Literal[
    "min_share_members_good",
    "min_share_organisations_good",
    "min_regular_meetings",
    "min_thematic_meetings",
    "min_committee_meetings",
    "min_plenary_meetings",
    "max_disciplined_members",
    "max_excellent_share_of_good",
    "group_commendations_per_window",
    "group_commendation_window_years",
]
