"""The records as typed, immutable models: one per record kind, unknown keys refused.

Field names are English; titles and descriptions are Vietnamese because they reach office staff
through the JSON Schema (editor hints) and validation messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from generator.records.fields import (
    Body,
    Count,
    DecisionKind,
    DocType,
    Id,
    MeetingQuality,
    ModelId,
    Name,
    Occasion,
    Result,
    Text,
    ThresholdKey,
    UnitType,
    Year,
)
from generator.records.threshold_ranges import threshold_in_range


class Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- units ---------------------------------------------------------------------------------


class FormerName(Record):
    """Tên cũ của đơn vị và năm cuối cùng dùng tên đó."""

    name: Name = Field(title="Tên cũ")
    until: Year = Field(title="Dùng đến năm")


class Unit(Record):
    """Một tổ chức đảng: chi bộ, đảng bộ, hoặc đảng ủy cấp trên."""

    id: Id = Field(title="Mã đơn vị", description="Dùng trong địa chỉ trang /don-vi/<mã>/; không đổi sau khi công bố")
    name: Name = Field(title="Tên đầy đủ")
    short_name: Name | None = Field(None, title="Tên ngắn")
    type: UnitType = Field(title="Loại hình tổ chức đảng")
    parent: Id | None = Field(None, title="Mã đơn vị cấp trên trực tiếp", description="Bỏ trống với đơn vị cao nhất")
    founded: Year | None = Field(None, title="Năm thành lập")
    dissolved: Year | None = Field(None, title="Năm giải thể hoặc sáp nhập (năm cuối cùng còn hoạt động)")
    former_ids: list[Id] = Field(default_factory=list, title="Các mã cũ", description="Địa chỉ cũ /don-vi/<mã cũ>/ sẽ chuyển về trang mới")
    former_names: list[FormerName] = Field(default_factory=list, title="Các tên cũ")
    note: Text | None = Field(None, title="Ghi chú")


class UnitsFile(Record):
    """Tệp data/units.yaml: cây tổ chức đảng."""

    units: list[Unit] = Field(title="Danh sách đơn vị")


# --- rulebook ------------------------------------------------------------------------------


class Criterion(Record):
    """Một tiêu chí của mô hình, với các nội dung đúng nguyên văn kế hoạch."""

    number: int = Field(ge=1, le=4, title="Số thứ tự tiêu chí")
    title: Name = Field(title="Tên tiêu chí")
    clause: Name = Field(title="Mục trong kế hoạch", description="Ví dụ: II.1.1")
    intro: Text | None = Field(None, title="Câu dẫn")
    indicators: list[Text] = Field(min_length=1, title="Các nội dung (gạch đầu dòng)")
    closing: Text | None = Field(None, title="Đoạn kết")


class Model(Record):
    """Một mô hình: “chi bộ bốn tốt” hoặc “đảng bộ cơ sở bốn tốt”."""

    id: ModelId = Field(title="Mã mô hình")
    name: Name = Field(title="Tên mô hình")
    clause: Name = Field(title="Mục trong kế hoạch")
    applies_to: list[UnitType] = Field(min_length=1, title="Các loại hình áp dụng")
    scope_note: Text | None = Field(None, title="Đối tượng thực hiện (chú thích của kế hoạch)")
    criteria: list[Criterion] = Field(min_length=4, max_length=4, title="Bốn tiêu chí")


class Threshold(Record):
    """Một ngưỡng số, có thời gian hiệu lực và văn bản nguồn."""

    key: ThresholdKey = Field(title="Tên ngưỡng")
    value: float | int = Field(title="Giá trị")
    valid_from: Year = Field(title="Áp dụng từ năm")
    valid_until: Year | None = Field(None, title="Áp dụng đến năm (bỏ trống nếu còn hiệu lực)")
    source: Id = Field(title="Mã văn bản nguồn")
    clause: Name = Field(title="Điều, mục trong văn bản nguồn")
    description: Text = Field(title="Diễn giải")

    @field_validator("value")
    @classmethod
    def _in_range(cls, value: float, info: ValidationInfo) -> float:
        return threshold_in_range(info.data.get("key"), value)


class Rulebook(Record):
    """Tệp data/rulebook.yaml: hai mô hình, bốn tiêu chí và các ngưỡng."""

    source: Id = Field(title="Mã văn bản gốc của bộ tiêu chí")
    models: list[Model] = Field(min_length=2, max_length=2, title="Hai mô hình")
    thresholds: list[Threshold] = Field(title="Các ngưỡng số")


# --- documents -----------------------------------------------------------------------------


class Document(Record):
    """Một văn bản: căn cứ pháp lý, kế hoạch, quyết định khen thưởng…"""

    id: Id = Field(title="Mã văn bản", description="Dùng trong địa chỉ /van-ban/<mã>/")
    number: Name = Field(title="Số, ký hiệu như in trên văn bản", description="Ví dụ: 1288-KH/ĐU")
    type: DocType = Field(title="Loại văn bản", description="Ghi rõ vì Quyết định và Quy định cùng viết tắt QĐ")
    issuer: Name = Field(title="Cơ quan ban hành")
    place: Name | None = Field(None, title="Địa danh")
    date: dt.date = Field(title="Ngày ban hành (YYYY-MM-DD)")
    title: Text = Field(title="Trích yếu")
    implements: list[Id] = Field(default_factory=list, title="Thực hiện văn bản")
    replaces: list[Id] = Field(default_factory=list, title="Thay thế văn bản")
    note: Text | None = Field(None, title="Ghi chú")


class DocumentsFile(Record):
    """Tệp data/documents.yaml: danh mục văn bản."""

    documents: list[Document] = Field(title="Danh sách văn bản")


# --- assessments ---------------------------------------------------------------------------


class Ratings(Record):
    """Số lượng được xếp loại ở mỗi mức."""

    htxsnv: Count = Field(title="Hoàn thành xuất sắc nhiệm vụ")
    httnv: Count = Field(title="Hoàn thành tốt nhiệm vụ")
    htnv: Count = Field(title="Hoàn thành nhiệm vụ")
    khtnv: Count = Field(title="Không hoàn thành nhiệm vụ")

    @property
    def good(self) -> int:
        """Rated HTTNV or better."""
        return self.htxsnv + self.httnv

    @property
    def total(self) -> int:
        return self.htxsnv + self.httnv + self.htnv + self.khtnv


class Admissions(Record):
    """Kết nạp đảng viên trong năm so với chỉ tiêu."""

    target: Count = Field(title="Chỉ tiêu được giao")
    admitted: Count = Field(title="Số đã kết nạp")


class Evidence(Record):
    """Số liệu minh chứng. Số liệu chỉ có thể bác bỏ mức “đạt”, không thay cho tự đánh giá."""

    members: Count | None = Field(None, title="Số đảng viên")
    member_ratings: Ratings | None = Field(None, title="Xếp loại đảng viên")
    admissions: Admissions | None = Field(None, title="Kết nạp đảng viên")
    regular_meetings: Count | None = Field(None, title="Số kỳ sinh hoạt thường kỳ")
    thematic_meetings: Count | None = Field(None, title="Số kỳ sinh hoạt chuyên đề")
    meeting_quality: MeetingQuality | None = Field(None, title="Mức chất lượng sinh hoạt chi bộ cả năm")
    disciplined_members: Count | None = Field(None, title="Số đảng viên bị kỷ luật")
    organisations: Count | None = Field(None, title="Số tổ chức đảng trực thuộc")
    organisation_ratings: Ratings | None = Field(None, title="Xếp loại tổ chức đảng trực thuộc")
    committee_meetings: Count | None = Field(None, title="Số kỳ họp thường lệ của đảng ủy")
    plenary_meetings: Count | None = Field(None, title="Số kỳ họp đảng bộ (hội nghị toàn thể)")
    disciplined_organisations: Count | None = Field(None, title="Số tổ chức đảng trực thuộc bị kỷ luật")
    disciplined_leaders: Count | None = Field(None, title="Số thành viên tập thể lãnh đạo, quản lý bị kỷ luật")


class CriterionResult(Record):
    """Kết quả một tiêu chí."""

    result: Result = Field(title="Kết quả", description="dat = đạt, khong-dat = không đạt")
    note: Text | None = Field(None, title="Nhận xét")


class Assessment(Record):
    """Kết quả tự đánh giá “bốn tốt” của một đơn vị trong một năm."""

    unit: Id = Field(title="Mã đơn vị")
    assessed_by: Literal["chi-bo", "dang-uy"] = Field(
        title="Ai đánh giá", description="chi-bo: chi bộ tự đánh giá; dang-uy: đảng ủy đánh giá (với đảng bộ cơ sở)"
    )
    date: dt.date | None = Field(None, title="Ngày đánh giá")
    model: ModelId | None = Field(None, title="Mô hình (bỏ trống để suy ra từ loại hình)")
    criteria: list[CriterionResult] = Field(min_length=4, max_length=4, title="Kết quả bốn tiêu chí, theo thứ tự 1–4")
    verdict: Result | None = Field(None, title="Kết luận chung (nếu ghi, phải khớp với bốn tiêu chí)")
    evidence: Evidence | None = Field(None, title="Số liệu minh chứng")
    note: Text | None = Field(None, title="Ghi chú")


class AssessmentsFile(Record):
    """Một tệp trong data/assessments/: các kết quả đánh giá của một năm."""

    year: Year = Field(title="Năm đánh giá")
    assessments: list[Assessment] = Field(title="Các kết quả đánh giá")


# --- decisions -----------------------------------------------------------------------------


class Collective(Record):
    """Một tập thể trong quyết định."""

    unit: Id = Field(title="Mã đơn vị")
    achievement: Text | None = Field(None, title="Thành tích")


class Individual(Record):
    """Một cá nhân trong quyết định. Không ghi số định danh, điện thoại, địa chỉ hay ngày sinh."""

    name: Name = Field(title="Họ và tên")
    position: Name | None = Field(None, title="Chức vụ")
    unit: Id = Field(title="Mã đơn vị công tác (chi bộ)")
    achievement: Text | None = Field(None, title="Thành tích")


class Decision(Record):
    """Một quyết định công nhận hoặc khen thưởng: tệp trong data/decisions/."""

    id: Id = Field(title="Mã quyết định", description="Dùng trong địa chỉ /khen-thuong/<mã>/; không đổi sau khi công bố")
    document: Id = Field(title="Mã văn bản (trong data/documents.yaml)")
    issuer: Id = Field(title="Mã đơn vị ban hành")
    issuer_body: Body = Field(title="Cơ quan ban hành", description="ban-thuong-vu: Ban Thường vụ; dang-uy: Đảng ủy (Ban Chấp hành)")
    kind: DecisionKind = Field(title="Hình thức")
    occasion: Occasion = Field(title="Dịp", description="hang-nam: hằng năm; so-ket: sơ kết; tong-ket: tổng kết")
    year: Year = Field(title="Năm được xét (năm cuối của giai đoạn)")
    period_from: Year | None = Field(None, title="Năm đầu giai đoạn (với sơ kết, tổng kết)")
    collectives: list[Collective] = Field(default_factory=list, title="Tập thể")
    individuals: list[Individual] = Field(default_factory=list, title="Cá nhân")
    note: Text | None = Field(None, title="Ghi chú")


# --- site ----------------------------------------------------------------------------------


class Period(Record):
    """Một giai đoạn sơ kết hoặc tổng kết có trang báo cáo /bao-cao/<từ năm>-<đến năm>/."""

    occasion: Literal["so-ket", "tong-ket"] = Field(title="Dịp", description="so-ket: sơ kết; tong-ket: tổng kết")
    period_from: Year = Field(title="Năm đầu giai đoạn")
    year: Year = Field(title="Năm cuối giai đoạn")


class Site(Record):
    """Tệp data/site.yaml: thiết lập chung của trang."""

    title: Name = Field(title="Tên trang")
    corporation: Id = Field(title="Mã đơn vị Đảng ủy Tổng công ty")
    group: Id = Field(title="Mã đơn vị Đảng ủy Tập đoàn")
    sample_data: bool = Field(title="Dữ liệu mẫu?", description="true: trang ghi rõ đây là dữ liệu mẫu")
    recognized_only: bool = Field(False, title="Chỉ công bố kết quả được công nhận, không công bố chi tiết tiêu chí không đạt")
    intro: list[Text] = Field(default_factory=list, title="Các đoạn giới thiệu trên trang chủ")
    periods: list[Period] = Field(
        default_factory=list, title="Các giai đoạn sơ kết, tổng kết",
        description="Thêm vào các giai đoạn do quyết định sơ kết, tổng kết (có period_from) nêu; mỗi giai đoạn có một trang báo cáo",
    )


RECORD_FILES: dict[str, type[Record]] = {
    "site": Site,
    "units": UnitsFile,
    "rulebook": Rulebook,
    "documents": DocumentsFile,
    "assessments": AssessmentsFile,
    "decisions": Decision,
}
