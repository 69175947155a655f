"""BT16: every unit sits under a unit of the type the plan's notes 2 and 3 give it."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Problem
from generator.records.dataset import Dataset
from generator.rules.derive import PARENT_TYPES, misplaced
from generator.rules.names import TYPE_NAMES
from generator.rules.registry import rule


def _places(types: tuple[str | None, ...]) -> str:
    return " hoặc ".join("là đơn vị cao nhất" if t is None else f"trực thuộc {TYPE_NAMES[t].lower()} ({t})" for t in types)


def type_fits_parent(ds: Dataset) -> Iterator[Problem]:
    """Passes: a chi-bo-truc-thuoc-dang-uy-co-so under a dang-bo-co-so. Fails: the same chi bộ directly under the Tổng công ty."""
    for ref in ds.units:
        unit = ref.record
        if unit.parent == unit.id or not misplaced(ds, unit.id):
            continue
        parent = ds.unit.get(unit.parent) if unit.parent else None
        found = "không có cấp trên" if parent is None else f"cấp trên '{parent.id}' là {TYPE_NAMES[parent.type].lower()}"
        yield ref.problem(
            ("parent",) if unit.parent else ("type",),
            f"Theo chú thích 2, 3 của kế hoạch và Điều lệ Đảng, {TYPE_NAMES[unit.type].lower()} ({unit.type}) phải "
            f"{_places(PARENT_TYPES[unit.type])}, nhưng {found}; hãy sửa parent, hoặc sửa type của đơn vị cho đúng loại hình",
            "BT16",
        )


rule("BT16", "Loại hình của đơn vị phải hợp với loại hình đơn vị cấp trên", "chú thích 2, 3")(type_fits_parent)
