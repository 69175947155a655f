"""BT12: one assessment per unit and year, units existed, every reference resolves, the tree is a tree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.core.problems import Problem
from generator.records.dataset import Dataset, Ref
from generator.records.models import Unit
from generator.rules.derive import existed, model_for, threshold
from generator.rules.registry import rule

# Page names of the site itself, and Windows device names: a folder `don-vi/con/` cannot be unzipped on Windows.
RESERVED_IDS = {
    "index", "search", "assets", "stylesheets", "javascripts", "con", "prn", "aux", "nul",
    *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10)),
}
_NEEDED_THRESHOLDS = (
    "min_share_members_good", "min_share_organisations_good", "min_regular_meetings", "min_thematic_meetings",
    "min_committee_meetings", "min_plenary_meetings", "max_disciplined_members",
)


def _reserved(ref: Ref[Any], loc: tuple[str | int, ...], value: str) -> Iterator[Problem]:
    """Every kind of id names a page folder: none may be a page of the site or a Windows device name."""
    if value in RESERVED_IDS:
        yield ref.problem(
            loc, f"Mã '{value}' là tên dành riêng (trang của trang web hoặc tên thiết bị của Windows, không mở được khi chép thư mục); hãy chọn mã khác", "BT12"
        )


def _missing(ref: Ref[Any], loc: tuple[str | int, ...], kind: str, value: str, where: str) -> Problem:
    return ref.problem(loc, f"Không tìm thấy {kind} có mã '{value}' trong {where}; hãy sửa mã hoặc thêm {kind} đó", "BT12")


def _units(ds: Dataset) -> Iterator[Problem]:
    seen: dict[str, Ref[Unit]] = {}
    for ref in ds.units:
        unit = ref.record
        if unit.id in seen:
            line = seen[unit.id].source.where(seen[unit.id].loc)[0]
            yield ref.problem(("id",), f"Mã đơn vị '{unit.id}' bị trùng (đã dùng ở dòng {line}); mỗi đơn vị cần một mã riêng", "BT12")
        seen.setdefault(unit.id, ref)
        yield from _reserved(ref, ("id",), unit.id)
        if unit.parent == unit.id:
            yield ref.problem(("parent",), f"Đơn vị '{unit.id}' không thể là cấp trên của chính nó; hãy sửa parent", "BT12")
        elif unit.parent is not None and unit.parent not in ds.unit:
            yield _missing(ref, ("parent",), "đơn vị cấp trên", unit.parent, "units.yaml")
        if unit.founded and unit.dissolved and unit.dissolved < unit.founded:
            yield ref.problem(("dissolved",), f"Năm giải thể {unit.dissolved} trước năm thành lập {unit.founded}", "BT12")
    former: dict[str, str] = {}
    for ref in ds.units:
        for index, old in enumerate(ref.record.former_ids):
            yield from _reserved(ref, ("former_ids", index), old)
            if old in ds.unit:
                yield ref.problem(("former_ids", index), f"Mã cũ '{old}' đang là mã của một đơn vị khác; địa chỉ cũ sẽ bị trùng", "BT12")
            elif old in former and former[old] != ref.record.id:
                yield ref.problem(("former_ids", index), f"Mã cũ '{old}' đã được khai cho đơn vị '{former[old]}'", "BT12")
            former.setdefault(old, ref.record.id)
    reported: set[str] = set()
    for ref in ds.units:
        chain, current = [ref.record.id], ds.unit.get(ref.record.parent or "")
        while current is not None and current.id != ref.record.id and current.id not in chain:
            chain.append(current.id)
            current = ds.unit.get(current.parent or "")
        if current is not None and current.id == ref.record.id and ref.record.parent != ref.record.id and not reported & set(chain):
            reported.update(chain)
            yield ref.problem(
                ("parent",), f"Cây đơn vị có vòng lặp: {' → '.join([*chain, ref.record.id])}; hãy sửa parent của một đơn vị trong vòng", "BT12"
            )


def _assessments(ds: Dataset) -> Iterator[Problem]:
    first: dict[tuple[str, int], Ref[Any]] = {}
    missing: dict[int, str | None] = {}  # year -> the first needed threshold the rulebook lacks
    needing: dict[int, list[Ref[Any]]] = {}  # year -> the assessments that need it
    for ref in ds.assessments:
        key = (ref.record.unit, ref.year)
        unit = ds.unit.get(ref.record.unit)
        if unit is None:
            yield _missing(ref, ("unit",), "đơn vị", ref.record.unit, "units.yaml")
            continue
        if key in first:
            other = first[key]
            yield ref.problem(
                ("unit",),
                f"Đơn vị '{ref.record.unit}' đã có kết quả đánh giá năm {ref.year} ({other.source.shown}:{other.source.where(other.loc)[0]}); "
                "mỗi đơn vị chỉ có một kết quả mỗi năm — hãy xóa bản trùng",
                "BT12",
            )
        first.setdefault(key, ref)
        if not existed(unit, ref.year):
            yield ref.problem(
                ("unit",),
                f"Đơn vị '{unit.id}' không tồn tại năm {ref.year} (thành lập {unit.founded or '?'}, giải thể {unit.dissolved or '—'}); "
                "hãy kiểm tra năm hoặc founded/dissolved trong units.yaml",
                "BT12",
            )
        if ref.record.date is not None and not ref.year <= ref.record.date.year <= ref.year + 1:
            yield ref.problem(("date",), f"Ngày đánh giá {ref.record.date.isoformat()} không thuộc năm {ref.year} hoặc đầu năm sau", "BT12")
        model = model_for(unit, ds.rulebook.record)
        if model is not None:
            if ref.year not in missing:
                missing[ref.year] = next(
                    (k for k in _NEEDED_THRESHOLDS if threshold(ds.rulebook.record, k, ref.year) is None), None
                )
            if missing[ref.year] is not None:
                needing.setdefault(ref.year, []).append(ref)
    # One problem per year, at the first assessment that needs the threshold: one gap in the rulebook, not one line
    # for each of a year's assessments (2,000 at 2,000 units).
    for year, refs in needing.items():
        yield refs[0].problem((), f"rulebook.yaml không có ngưỡng '{missing[year]}' áp dụng cho năm {year}, "
                                  f"cần để xét {len(refs)} kết quả đánh giá năm {year}; hãy bổ sung", "BT12")


def _decisions(ds: Dataset) -> Iterator[Problem]:
    seen: dict[str, Ref[Any]] = {}
    for ref in ds.decisions:
        decision = ref.record
        if decision.id in seen:
            yield ref.problem(("id",), f"Mã quyết định '{decision.id}' bị trùng với {seen[decision.id].source.shown}", "BT12")
        seen.setdefault(decision.id, ref)
        yield from _reserved(ref, ("id",), decision.id)
        if decision.document not in ds.document:
            yield _missing(ref, ("document",), "văn bản", decision.document, "documents.yaml")
        if decision.issuer not in ds.unit:
            yield _missing(ref, ("issuer",), "đơn vị ban hành", decision.issuer, "units.yaml")
        if decision.period_from is not None and decision.period_from > decision.year:
            yield ref.problem(("period_from",), f"Năm đầu giai đoạn {decision.period_from} sau năm cuối {decision.year}", "BT12")
        groups: list[tuple[str, list[Any]]] = [("collectives", list(decision.collectives)), ("individuals", list(decision.individuals))]
        for group, entries in groups:
            for index, entry in enumerate(entries):
                unit = ds.unit.get(entry.unit)
                if unit is None:
                    yield _missing(ref, (group, index, "unit"), "đơn vị", entry.unit, "units.yaml")
                elif not existed(unit, decision.year) and (decision.period_from is None or not existed(unit, decision.period_from)):
                    yield ref.problem((group, index, "unit"), f"Đơn vị '{unit.id}' không tồn tại năm {decision.year}", "BT12")
        units = [e.unit for e in decision.collectives]
        for index, unit_id in enumerate(units):
            if unit_id in units[:index]:
                yield ref.problem(("collectives", index, "unit"), f"Tập thể '{unit_id}' được ghi hai lần trong quyết định", "BT12")


def _documents(ds: Dataset) -> Iterator[Problem]:
    seen: set[str] = set()
    for ref in ds.documents:
        doc = ref.record
        if doc.id in seen:
            yield ref.problem(("id",), f"Mã văn bản '{doc.id}' bị trùng; mỗi văn bản cần một mã riêng", "BT12")
        seen.add(doc.id)
        yield from _reserved(ref, ("id",), doc.id)
        for field in ("implements", "replaces"):
            for index, target in enumerate(getattr(doc, field)):
                if target not in ds.document:
                    yield _missing(ref, (field, index), "văn bản", target, "documents.yaml")
    rulebook = ds.rulebook
    if rulebook.record.source not in ds.document:
        yield _missing(rulebook, ("source",), "văn bản", rulebook.record.source, "documents.yaml")
    for index, item in enumerate(rulebook.record.thresholds):
        if item.source not in ds.document:
            yield _missing(rulebook, ("thresholds", index, "source"), "văn bản", item.source, "documents.yaml")
    site = ds.site
    for field in ("corporation", "group"):
        value = getattr(site.record, field)
        if value not in ds.unit:
            yield _missing(site, (field,), "đơn vị", value, "units.yaml")


def references_resolve(ds: Dataset) -> Iterator[Problem]:
    """Passes: every unit, parent, document and issuer id exists. Fails: an assessment of unit 'cb-khong-co'."""
    yield from _units(ds)
    yield from _assessments(ds)
    yield from _decisions(ds)
    yield from _documents(ds)


rule("BT12", "Mỗi đơn vị một kết quả mỗi năm; đơn vị tồn tại năm đó; mọi mã tham chiếu đều có thật", "—")(references_resolve)
