"""generator/pages/docheader.py: the header of a decision as Hướng dẫn 36-HD/VPTW sets it, from the sample data."""

from __future__ import annotations

from pathlib import Path

from generator.pages.docheader import decision_header, organisation_name
from generator.rules.check import check
from generator.rules.names import DOC_TYPE_NAMES

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_superior_is_named_as_its_party_organisation() -> None:
    assert organisation_name("Đảng ủy Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam") == (
        "Đảng bộ Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam")
    assert organisation_name("Chi ủy Phân xưởng A") == "Chi bộ Phân xưởng A"
    assert organisation_name("Đảng bộ Công ty X") == "Đảng bộ Công ty X"


def test_a_decision_of_the_corporation_names_the_group_above_it() -> None:
    ds, _ = check(DATA)
    assert ds is not None
    decision = ds.decision["so-ket-2025-dang-uy-tct"]
    doc = ds.document[decision.document]
    header = decision_header(ds, decision, doc, "Ban Thường vụ Đảng ủy Tổng công ty Điện lực - TKV", DOC_TYPE_NAMES)
    assert header == {
        "superior": "ĐẢNG BỘ TẬP ĐOÀN CÔNG NGHIỆP THAN - KHOÁNG SẢN VIỆT NAM",
        "issuer": "BAN THƯỜNG VỤ ĐẢNG ỦY TỔNG CÔNG TY ĐIỆN LỰC - TKV",
        "number": "145-QĐ/ĐU",
        "place_date": "Hà Nội, ngày 20 tháng 3 năm 2026",
        "type": "QUYẾT ĐỊNH",
        "excerpt": doc.title,
    }


def test_the_top_committee_has_no_superior_line() -> None:
    ds, _ = check(DATA)
    assert ds is not None
    decision = ds.decision["so-ket-2025-dang-uy-tkv"]
    header = decision_header(ds, decision, ds.document[decision.document], "Đảng ủy Tập đoàn", DOC_TYPE_NAMES)
    assert header["superior"] == "" and header["type"] == "QUYẾT ĐỊNH"
