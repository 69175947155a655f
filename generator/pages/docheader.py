"""The header of a Party document as Hướng dẫn 36-HD/VPTW (Văn phòng Trung ương Đảng, 03/4/2018) sets it.

Top left, centred on each other: the name of the superior body (upper case), the issuing body (upper case, bold),
an asterisk under it, then `Số 145-QĐ/ĐU`. Top right: “ĐẢNG CỘNG SẢN VIỆT NAM” (upper case, bold) with a rule
beneath as long as the words, then place and date in italics. Beneath both, centred: the document type in
upper case, bold (“QUYẾT ĐỊNH”), then the excerpt (trích yếu). The superior body is named as its đảng bộ:
“ĐẢNG BỘ TỈNH BẮC NINH” over “HUYỆN ỦY YÊN PHONG”, so here “ĐẢNG BỘ TỔNG CÔNG TY …” over the đảng ủy of a
company. The layout itself is in site_src/assets/bontot.css (`.bt-doc-header`).
"""

from __future__ import annotations

from typing import Any

from generator.core.viet import date_long
from generator.records.dataset import Dataset
from generator.records.models import Decision, Document


def organisation_name(unit_name: str) -> str:
    """The party organisation a committee leads: `Đảng ủy Tập đoàn X` -> `Đảng bộ Tập đoàn X`; others unchanged."""
    for committee, organisation in (("Đảng ủy ", "Đảng bộ "), ("Chi ủy ", "Chi bộ ")):
        if unit_name.startswith(committee):
            return organisation + unit_name.removeprefix(committee)
    return unit_name


def decision_header(ds: Dataset, decision: Decision, doc: Document | None, issuer: str, doc_types: dict[str, str]) -> dict[str, Any]:
    """What the header of a decision's page prints: superior body, issuer, number, place and date, type, excerpt.

    `issuer` is the issuing committee's name (derive.body_name); `doc_types` names document types (`quyet-dinh`
    -> `Quyết định`). Without a document record, the decision's id stands for number and excerpt.
    """
    unit = ds.unit.get(decision.issuer)
    superior = ds.unit.get(unit.parent) if unit and unit.parent else None
    return {
        "superior": organisation_name(superior.name).upper() if superior else "",
        "issuer": issuer.upper(),
        "number": doc.number if doc else decision.id,
        "place_date": (f"{doc.place}, " if doc.place else "") + date_long(doc.date) if doc else "",
        "type": doc_types.get(doc.type, "Quyết định").upper() if doc else "QUYẾT ĐỊNH",
        "excerpt": doc.title if doc else decision.id,
    }
