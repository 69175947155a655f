"""Pydantic validation errors -> Problems in Vietnamese, pointing at the YAML line."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.core.problems import Problem
from generator.records.yamlsource import Loc, SourceFile

_PERSONAL = re.compile(
    r"(cccd|cmnd|can_cuoc|id_card|identity|passport|phone|telephone|mobile|dien_thoai|sdt|address|dia_chi|"
    r"birth|dob|ngay_sinh|nam_sinh|email)",
    re.IGNORECASE,
)

MAX_PER_FILE = 100

_TYPE_NAMES = {
    str: "chữ", int: "số nguyên", float: "số thập phân", bool: "true/false", list: "danh sách", dict: "bảng khóa: giá trị", type(None): "giá trị rỗng",
}


def _found(value: Any) -> str:
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, dict | list):
        return kind
    text = str(value).lower() if isinstance(value, bool) else str(value)  # as typed: true, not True
    text = " ".join(text.split())  # one problem, one line: a value's own line breaks are folded
    if len(text) > 60:
        text = text[:57] + "…"
    return f"{kind} '{text}'"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Walk the model classes along `loc` to find the model that owns the last key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: Any, model: type[BaseModel], loc: Loc) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return f"Thiếu trường bắt buộc '{field}'; hãy thêm dòng '{field}: …' vào mục này"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1]) or model
        allowed = list(owner.model_fields)
        if _PERSONAL.search(field):
            return (
                f"Trường '{field}' chứa thông tin cá nhân (số định danh, điện thoại, địa chỉ, ngày sinh…) và không được lưu; "
                "hãy xóa dòng này"
            )
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = f"có phải ý bạn là '{close[0]}'? " if close else ""
        return f"Trường '{field}' không có trong mẫu; {hint}các trường hợp lệ: {', '.join(allowed)}"
    if kind == "literal_error":
        return f"Giá trị {_found(value)} không hợp lệ; hãy chọn một trong: {str(ctx.get('expected', '')).replace(' or ', ' hoặc ')}"
    if kind == "string_pattern_mismatch":
        return (
            f"Mã {_found(value)} không hợp lệ; mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối giữa các từ "
            "(ví dụ: chi-bo-phong-ky-thuat)"
        )
    if kind in ("string_too_short",) or (kind == "blank"):
        return "Không được để trống; hãy điền nội dung hoặc xóa dòng này"
    if kind == "string_too_long":
        return f"Chuỗi quá dài (tối đa {ctx.get('max_length')} ký tự)"
    if kind in ("too_short", "too_long"):
        if field in ("criteria",) and model.__name__ != "Rulebook":
            return f"Cần đúng 4 mục kết quả (tiêu chí 1 đến 4, theo thứ tự), nhưng có {ctx.get('actual_length')}"
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "ít nhất" if kind == "too_short" else "nhiều nhất"
        return f"Danh sách '{field}' cần {word} {bound} mục, nhưng có {ctx.get('actual_length')}"
    if kind == "string_type":
        return f"Cần chữ, nhưng gặp {_found(value)}; nếu là số hoặc true/false mà muốn giữ nguyên dạng chữ, hãy đặt trong nháy kép"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"Cần một số nguyên (ví dụ: 12), nhưng gặp {_found(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"Cần một số (ví dụ: 0.9), nhưng gặp {_found(value)}"
    if kind == "bool_type":
        return f"Cần true hoặc false, nhưng gặp {_found(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"Cần một ngày có thật dạng NĂM-THÁNG-NGÀY (ví dụ: 2024-02-05), nhưng gặp {_found(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"Cần một bảng các dòng 'khóa: giá trị', nhưng gặp {_found(value)}"
    if kind == "list_type":
        return f"Cần một danh sách (mỗi mục một dòng bắt đầu bằng '- '), nhưng gặp {_found(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"Giá trị {_found(value)} quá nhỏ; cần từ {ctx.get('ge', ctx.get('gt'))} trở lên"
    if kind in ("less_than_equal", "less_than"):
        return f"Giá trị {_found(value)} quá lớn; cần không quá {ctx.get('le', ctx.get('lt'))}"
    if kind in ("hidden_char", "control_char"):
        return f"Trường '{field}' {error['msg']}"
    return f"Giá trị không hợp lệ ({error['msg']})"


def validation_problems(exc: ValidationError, source: SourceFile, model: type[BaseModel]) -> list[Problem]:
    """One Problem per pydantic error, each at the line of the offending value (or key)."""
    problems: list[Problem] = []
    seen: set[Loc] = set()
    errors = exc.errors(include_url=False)
    for error in errors:
        loc = tuple(error["loc"])
        # Unions report one error per member; the first is the one a person needs.
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in ("int", "float", "str"))))
        if loc in seen:
            continue
        seen.add(loc)
        if len(problems) == MAX_PER_FILE:
            # A file broken everywhere (pasted from elsewhere, wrong kind of file) would bury the first problems.
            rest = sum(1 for e in errors) - MAX_PER_FILE
            problems.append(source.problem(
                (), f"Còn khoảng {rest} lỗi mẫu khác trong tệp này (chỉ in {MAX_PER_FILE} lỗi đầu); hãy sửa các lỗi trên rồi kiểm tra lại",
                "SCHEMA"))
            break
        problems.append(source.problem(loc, _message(error, model, loc), "SCHEMA", key=error["type"] == "extra_forbidden"))
    return problems
