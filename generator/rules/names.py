"""What the site and the office files call the plan's codes: unit types, bodies, kinds of recognition, occasions,
results, meeting quality, document types, levels. Codes are the records' values (records/models.py)."""

from __future__ import annotations

TYPE_NAMES = {
    "cap-tren-co-so": "Đảng bộ cấp trên cơ sở",
    "dang-bo-co-so": "Đảng bộ cơ sở",
    "chi-bo-co-so": "Chi bộ cơ sở",
    "dang-bo-bo-phan": "Đảng bộ bộ phận",
    "chi-bo-truc-thuoc-dang-uy-co-so": "Chi bộ trực thuộc đảng ủy cơ sở",
    "chi-bo-truc-thuoc-dang-bo-bo-phan": "Chi bộ trực thuộc đảng bộ bộ phận",
}
BODY_NAMES = {"ban-thuong-vu": "Ban Thường vụ", "dang-uy": "Đảng ủy"}
KIND_NAMES = {"cong-nhan": "Công nhận “bốn tốt”", "tuyen-duong": "Tuyên dương", "giay-khen": "Giấy khen", "bang-khen": "Bằng khen"}
OCCASION_NAMES = {"hang-nam": "Hằng năm", "so-ket": "Sơ kết", "tong-ket": "Tổng kết"}
RESULT_NAMES = {"dat": "Đạt", "khong-dat": "Không đạt"}
QUALITY_NAMES = {"tot": "tốt", "kha": "khá", "trung-binh": "trung bình", "kem": "kém"}
DOC_TYPE_NAMES = {
    "dieu-le": "Điều lệ", "nghi-quyet": "Nghị quyết", "ket-luan": "Kết luận", "chi-thi": "Chỉ thị", "quy-dinh": "Quy định",
    "quyet-dinh": "Quyết định", "ke-hoach": "Kế hoạch", "huong-dan": "Hướng dẫn", "chuong-trinh": "Chương trình hành động",
    "thong-bao": "Thông báo", "bao-cao": "Báo cáo",
}
LEVEL_NAMES = {"tap-doan": "Tập đoàn", "tong-cong-ty": "Tổng công ty", "co-so": "Đảng ủy cơ sở"}
