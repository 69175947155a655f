"""BT20 (warnings): a đảng bộ cơ sở's numbers agree with its own cells' and with the unit tree, in both directions
(II.2.1, II.2.3)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Level, Problem
from generator.core.viet import number
from generator.records.dataset import Dataset, Ref
from generator.records.models import Assessment
from generator.rules.assessments import assessed
from generator.rules.derive import CHI_BO_TYPES, existed
from generator.rules.registry import rule


def _cells(ds: Dataset, unit_id: str, year: int) -> list[Ref[Assessment]]:
    """Assessments in `year` of every chi bộ below the unit (through đảng bộ bộ phận)."""
    found: list[Ref[Assessment]] = []
    stack, seen = list(ds.children.get(unit_id, [])), {unit_id}
    while stack:
        child = stack.pop()
        if child in seen:
            continue  # a cycle is BT12's
        seen.add(child)
        stack.extend(ds.children.get(child, []))
        ref = ds.assessment.get((child, year))
        if ref is not None and ds.unit[child].type in CHI_BO_TYPES:
            found.append(ref)
    return found


def _where(ref: Ref[Assessment]) -> str:
    return f"'{ref.record.unit}', {ref.source.shown}:{ref.source.where(ref.loc)[0]}"


def party_base_agrees_with_cells(ds: Dataset) -> Iterator[Problem]:
    """Passes: the đảng bộ reports 3 organisations and the tree holds 3. Fails (warning): it reports 0 disciplined while a
    cell reports 1, or 4 organisations (or 2) while the tree holds 3."""
    for ref, model_id in assessed(ds):
        ev = ref.record.evidence
        if model_id != "dang-bo-co-so-bon-tot" or ev is None:
            continue
        unit, year = ref.record.unit, ref.year
        cells = [(c, c.record.evidence) for c in _cells(ds, unit, year) if c.record.evidence is not None]
        if ev.disciplined_members is not None:
            punished = [(c, e.disciplined_members) for c, e in cells if e.disciplined_members]
            total = sum(n or 0 for _, n in punished)
            if total > ev.disciplined_members:
                yield ref.problem(
                    ("evidence", "disciplined_members"),
                    f"Đảng bộ ghi {number(ev.disciplined_members)} đảng viên bị kỷ luật năm {year}, nhưng chi bộ trực thuộc ghi tổng "
                    f"{number(total)} ({'; '.join(_where(c) for c, _ in punished)}); đảng viên của chi bộ là đảng viên của đảng bộ "
                    "(mục II.2.3) — hãy kiểm tra lại số liệu của đảng bộ hoặc của chi bộ",
                    "BT20",
                    Level.WARNING,
                )
        if ev.members is not None:
            counted = sum(e.members or 0 for _, e in cells)
            if counted > ev.members:
                yield ref.problem(
                    ("evidence", "members"),
                    f"Đảng bộ ghi {number(ev.members)} đảng viên năm {year}, ít hơn tổng số đảng viên các chi bộ trực thuộc ghi "
                    f"({number(counted)}); hãy kiểm tra lại members của đảng bộ hoặc của chi bộ",
                    "BT20",
                    Level.WARNING,
                )
        if ev.organisations is not None:
            tree = [c for c in ds.children.get(unit, []) if existed(ds.unit[c], year)]
            if ev.organisations < len(tree):
                yield ref.problem(
                    ("evidence", "organisations"),
                    f"Đảng bộ ghi {number(ev.organisations)} tổ chức đảng trực thuộc năm {year}, nhưng units.yaml có {number(len(tree))} "
                    f"đơn vị trực thuộc còn hoạt động năm đó ({', '.join(tree)}); tỷ lệ 90 % của mục II.2.1 tính trên mọi tổ chức "
                    "trực thuộc — hãy sửa organisations, hoặc ghi dissolved cho đơn vị đã giải thể",
                    "BT20",
                    Level.WARNING,
                )
            elif ev.organisations > len(tree):
                yield ref.problem(
                    ("evidence", "organisations"),
                    f"Đảng bộ ghi {number(ev.organisations)} tổ chức đảng trực thuộc năm {year}, nhưng units.yaml "
                    + (f"chỉ có {number(len(tree))} đơn vị trực thuộc còn hoạt động năm đó ({', '.join(tree)})" if tree
                       else "chưa có đơn vị trực thuộc nào còn hoạt động năm đó")
                    + "; tỷ lệ 90 % của "
                    "mục II.2.1 tính trên mọi tổ chức trực thuộc, nên cây đơn vị cần có đủ các tổ chức này — hãy thêm chi bộ, đảng bộ "
                    "bộ phận còn thiếu vào units.yaml (với parent là đảng bộ), hoặc sửa organisations (chỉ tính tổ chức trực thuộc "
                    "trực tiếp, không tính chi bộ của đảng bộ bộ phận)",
                    "BT20",
                    Level.WARNING,
                )


rule("BT20", "Cảnh báo: số liệu của đảng bộ cơ sở khác với số liệu của chính các chi bộ trực thuộc và với cây đơn vị", "II.2.1, II.2.3")(party_base_agrees_with_cells)
