"""Word lists for `bontot demo`: Vietnamese places, companies, departments, people and the phrases of notes.

Plain data, kept apart from the generator so `demo.py` reads as the rules it follows.
"""

from __future__ import annotations

PLACES = (
    "Cao Ngạn", "Na Dương", "Sơn Động", "Cẩm Phả", "Đông Triều", "Quảng Ninh", "Mạo Khê", "Uông Bí", "Vàng Danh", "Hà Lầm",
    "Hòn Gai", "Mông Dương", "Khe Chàm", "Dương Huy", "Thống Nhất", "Hà Tu", "Núi Béo", "Cao Sơn", "Cọc Sáu", "Đèo Nai",
    "Hạ Long", "Nam Mẫu", "Hồng Thái", "Tràng Bạch", "Bình Minh", "Quang Hanh", "Cửa Ông", "Lép Mỹ", "Tân Rai", "Nhân Cơ",
    "Sin Quyền", "Tĩnh Túc", "Lào Cai", "Thái Nguyên", "Núi Hồng", "Khánh Hòa", "Bắc Giang", "Lạng Sơn", "Hải Phòng", "Cái Lân",
    "Điền Công", "Yên Tử", "Bãi Cháy", "Hoành Bồ", "Vân Đồn", "Tiên Yên", "Móng Cái", "Ba Chẽ", "Đầm Hà", "Bình Liêu",
    "Chí Linh", "Kinh Môn", "Phả Lại", "Hòa Bình", "Tuyên Quang", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Yên Bái", "Sơn La",
    "Điện Biên", "Lai Châu", "Phú Thọ", "Vĩnh Phúc", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Đà Nẵng",
    "Quảng Nam", "Kon Tum", "Gia Lai", "Đắk Nông", "Lâm Đồng", "Bình Thuận", "Vũng Tàu", "Ngã Hai", "Khe Sim", "Suối Lại",
)

INDUSTRIES = (
    "Nhiệt điện", "Thủy điện", "Than", "Tuyển than", "Cơ khí", "Xây lắp mỏ", "Địa chất mỏ", "Khoáng sản",
    "Môi trường", "Cơ điện", "Vận tải", "Chế biến than",
)

OFFICES = (
    "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Vật tư", "Phòng Kỹ thuật - An toàn", "Phòng Tài chính - Kế toán",
    "Phòng Kỹ thuật", "Phòng An toàn - Bảo hộ lao động", "Phòng Cơ điện - Vận tải", "Phòng Đầu tư - Xây dựng",
    "Phòng Điều độ sản xuất", "Phòng Thanh tra - Pháp chế", "Phòng Trắc địa - Địa chất", "Phòng Thông gió - Thoát nước mỏ",
    "Phòng Quản lý chất lượng", "Phòng Lao động - Tiền lương", "Phòng Công nghệ thông tin", "Văn phòng", "Ban Quản lý dự án",
    "Trạm Y tế", "Phòng Kiểm toán nội bộ", "Phòng Thị trường", "Phòng Môi trường", "Phòng Kế toán - Thống kê",
)

WORKSHOPS = (
    "Phân xưởng Vận hành", "Phân xưởng Khai thác", "Phân xưởng Đào lò", "Phân xưởng Cơ điện", "Phân xưởng Sửa chữa",
    "Phân xưởng Vận tải", "Phân xưởng Sàng tuyển", "Phân xưởng Nhiên liệu", "Phân xưởng Chế biến than", "Đội Xe",
    "Công trường Khai thác", "Công trường Xúc bốc", "Phân xưởng Thông gió", "Phân xưởng Cơ giới", "Phân xưởng Đời sống",
    "Tổ Bảo vệ", "Phân xưởng Lò chợ", "Phân xưởng Điện", "Phân xưởng Hóa", "Công trường Xây dựng",
)

SECTIONS = ("Khối Sản xuất", "Khối Phục vụ", "Khu vực Mỏ", "Khối Cơ điện - Vận tải", "Khu vực Nhà máy")

BASE_CELLS = (
    "Ban Quản lý dự án", "Trung tâm Điều hành", "Trung tâm Đào tạo", "Văn phòng đại diện tại", "Chi nhánh",
    "Trung tâm Thí nghiệm điện", "Trung tâm Dịch vụ kỹ thuật",
)

FAMILY = (
    ("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3),
    ("Hồ", 2), ("Ngô", 2), ("Dương", 2), ("Lý", 1), ("Phan", 3), ("Võ", 2), ("Đinh", 2), ("Lương", 1), ("Cao", 1),
    ("Trịnh", 1), ("Mai", 1), ("Tạ", 1), ("Đoàn", 1), ("Lưu", 1), ("Nông", 1), ("Hà", 1), ("Triệu", 1), ("Chu", 1),
)
MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Xuân", "Mạnh", "Công", "Tiến", "Thế", "Ngọc", "Đình", "Trọng")
FEMALE_MIDDLE = ("Thị", "Thu", "Bích", "Hồng", "Kim", "Phương", "Ngọc", "Thanh", "Thùy", "Minh")
MALE_GIVEN = (
    "An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Kiên", "Long", "Minh", "Nam", "Phong",
    "Phúc", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Tùng", "Việt", "Đông", "Luận", "Chiến", "Hưng", "Lợi", "Thành", "Vinh",
)
FEMALE_GIVEN = (
    "Anh", "Hà", "Hạnh", "Hoa", "Hương", "Huyền", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Quỳnh", "Tâm", "Thảo", "Thủy",
    "Trang", "Vân", "Yến", "Ánh", "Thơm", "Loan", "Nhung", "Oanh", "Phượng", "Dung",
)

POSITIONS = (
    "Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên", "Đảng viên", "Đảng viên, Quản đốc phân xưởng",
    "Đảng viên, Trưởng phòng", "Đảng viên, Tổ trưởng sản xuất", "Bí thư chi bộ, Quản đốc phân xưởng",
)

ACHIEVEMENTS = (
    "Lãnh đạo chi bộ nhiều năm liền đạt “chi bộ bốn tốt”.",
    "Phụ trách tốt công tác tạo nguồn phát triển đảng viên trong chi bộ.",
    "Hoàn thành xuất sắc nhiệm vụ sản xuất, bảo đảm an toàn tuyệt đối.",
    "Có sáng kiến cải tiến kỹ thuật làm lợi cho đơn vị.",
    "Gương mẫu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Chuẩn bị nội dung sinh hoạt chuyên đề có chất lượng.",
    "Hoàn thành xuất sắc công tác tổng hợp, báo cáo kết quả thực hiện mô hình.",
)

COLLECTIVE_ACHIEVEMENTS = (
    "Tiêu biểu xuất sắc trong thực hiện mô hình “bốn tốt” cả giai đoạn.",
    "Đạt “bốn tốt” tất cả các năm của giai đoạn; không có đảng viên vi phạm kỷ luật.",
    "Chất lượng sinh hoạt chi bộ tốt, nhiều chuyên đề gắn với nhiệm vụ sản xuất.",
)

# Words of a unit explaining an unmet criterion, by criterion number.
NOTES = {
    1: (
        "Chưa hoàn thành chỉ tiêu sản lượng của năm do thiết bị dừng sửa chữa kéo dài.",
        "Một số đảng viên chưa hoàn thành nhiệm vụ được giao; chi bộ đã kiểm điểm, đề ra biện pháp khắc phục.",
        "Chưa đạt chỉ tiêu kết nạp đảng viên do quần chúng ưu tú chuyển công tác.",
        "Công tác tạo nguồn phát triển đảng viên còn chậm.",
    ),
    2: (
        "Một kỳ sinh hoạt thường kỳ bị lùi do đảng viên đi công trường dài ngày.",
        "Nội dung sinh hoạt chuyên đề chưa gắn với nhiệm vụ sản xuất của đơn vị.",
        "Chất lượng sinh hoạt chi bộ được cấp ủy cấp trên đánh giá ở mức khá.",
        "Tỷ lệ đảng viên dự sinh hoạt chưa cao do sản xuất theo ca.",
    ),
    3: (
        "Có đảng viên vi phạm quy định về an toàn lao động, đã bị xử lý kỷ luật.",
        "Nội bộ còn có biểu hiện chưa thống nhất trong triển khai nhiệm vụ.",
        "Có đảng viên vi phạm kỷ luật lao động, chi bộ đã xem xét, xử lý.",
    ),
    4: (
        "Một số cán bộ, đảng viên chưa thực sự gương mẫu trong thực hiện nhiệm vụ.",
        "Chưa có đảng viên được đề cử, bổ nhiệm giữ chức vụ quản lý theo quy hoạch.",
        "Việc học tập nâng cao trình độ chuyên môn của đảng viên còn hạn chế.",
    ),
}
