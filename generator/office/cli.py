"""`bontot template` and `bontot import`: arguments in, exit codes out (0 ok, 1 problems, 2 usage)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.core.problems import DataError, Level

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]


def register(commands: Any) -> dict[str, Handler]:
    """Add the two commands to `bontot`'s sub-parsers; returns their handlers by name."""
    template = commands.add_parser(
        "template", help="xuất tệp Excel để điền kết quả đánh giá một năm, hoặc danh sách của một quyết định",
        description="Xuất sổ Excel (.xlsx) để điền kết quả tự đánh giá “bốn tốt” một năm (mỗi đơn vị một dòng, "
        "điền sẵn kết quả đã có), hoặc với --decision: các thông tin, tập thể và cá nhân của một quyết định.")
    which = template.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=int, metavar="NĂM", help="năm đánh giá, ví dụ 2025")
    which.add_argument("--decision", metavar="MÃ", help="mã quyết định công nhận, khen thưởng (mã mới: mẫu trống cho quyết định mới)")
    template.add_argument("--out", type=Path, required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    template.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")
    imported = commands.add_parser(
        "import", help="đọc tệp Excel đã điền, kiểm tra và (với --write) ghi vào data/",
        description="Đọc sổ Excel đã điền, kiểm tra bằng đúng các quy tắc của lệnh check, in các thay đổi; "
        "thêm --write để ghi vào data/assessments/NĂM.yaml, hoặc data/decisions/MÃ.yaml với sổ của một quyết định "
        "(không ghi gì nếu còn lỗi).")
    imported._positionals.title = "tham số"
    imported.add_argument("workbook", type=Path, metavar="TỆP.xlsx", help="sổ Excel đã điền")
    imported.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")
    imported.add_argument("--year", type=int, default=None, metavar="NĂM", help="chỉ nhận tệp của năm này")
    imported.add_argument("--write", action="store_true", help="ghi các thay đổi vào data/ (mặc định: chỉ xem trước)")
    return {"template": _cmd_template, "import": _cmd_import}


def _fail(message: str, code: int) -> int:
    print(f"bontot: lỗi: {message}", file=sys.stderr)
    return code


def _cmd_template(args: argparse.Namespace) -> int:
    from generator.office.template import write_year
    from generator.records.dataset import load

    if args.out.suffix.lower() != ".xlsx":
        return _fail(f"tệp ghi ra phải có đuôi .xlsx (gặp '{args.out.name}'); hãy đặt tên như ket-qua-2025.xlsx.", EXIT_USAGE)
    if args.out.exists():  # a workbook a clerk has filled in is their work: never written over
        return _fail(f"tệp '{args.out}' đã có; mẫu mới không ghi đè lên nó để không mất kết quả đã điền. "
                     "Hãy chọn tên khác bằng --out, hoặc đổi tên, xóa tệp cũ trước.", EXIT_USAGE)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.decision is not None:
        return _decision_template(args)
    if not 1930 <= args.year <= 2100:
        return _fail(f"năm {args.year} không hợp lệ; hãy ghi năm bốn chữ số, ví dụ 2025.", EXIT_USAGE)
    dataset, problems = load(args.data)
    if dataset is None:
        raise DataError(problems)
    count = write_year(dataset, args.year, args.out)
    print(f"Đã ghi {args.out}: {count} đơn vị năm {args.year}. Điền xong, kiểm tra bằng: bontot import {args.out}", file=sys.stderr)
    return EXIT_OK


def _decision_template(args: argparse.Namespace) -> int:
    from generator.office.decision_template import build_decision
    from generator.records.dataset import load
    from generator.records.fields import ID_PATTERN

    if not re.match(ID_PATTERN, args.decision):
        return _fail(f"mã quyết định '{args.decision}' không hợp lệ; mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối "
                     "(ví dụ: cong-nhan-2025-cam-pha).", EXIT_USAGE)
    dataset, problems = load(args.data)
    if dataset is None:
        raise DataError(problems)
    build_decision(dataset, args.decision).save(args.out)
    state = "điền sẵn quyết định đã có" if args.decision in dataset.decision else "mẫu trống cho quyết định mới"
    print(f"Đã ghi {args.out} ({state} {args.decision}). Điền xong, kiểm tra bằng: bontot import {args.out}", file=sys.stderr)
    return EXIT_OK


def _show(value: object) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, list):
        return f"{len(value)} mục"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _cmd_import(args: argparse.Namespace) -> int:
    from generator.office.importer import plan_import
    from generator.office.workbook import WorkbookError

    try:
        plan = plan_import(args.workbook, args.data, args.year)
    except WorkbookError as exc:
        return _fail(str(exc), EXIT_USAGE)
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    for change in plan.changes:
        counts[change.status] += 1
        if change.status == "unchanged":
            continue
        word = "thêm mới" if change.status == "added" else "thay đổi"  # a unit, or the decision itself
        print(f"{change.unit}: {word}")
        for header, old, new in change.fields:
            print(f"    {header}: {_show(old)} → {_show(new)}")
    for line in plan.problem_lines():
        print(line)
    errors = sum(p.level is Level.ERROR for p in plan.problems)
    warnings = len(plan.problems) - errors
    if plan.kind == "decision":
        state = {"added": "thêm mới", "changed": "thay đổi", "unchanged": "không đổi"}[plan.changes[0].status]
        print(f"Quyết định {plan.changes[0].unit}: {state}; {errors} lỗi, {warnings} cảnh báo.", file=sys.stderr)
    else:
        print(f"Năm {plan.year}: {counts['added']} đơn vị thêm mới, {counts['changed']} thay đổi, {counts['unchanged']} không đổi; "
              f"{errors} lỗi, {warnings} cảnh báo.", file=sys.stderr)
    if not plan.ok:
        print("Chưa ghi gì vào dữ liệu: hãy sửa các lỗi trên trong tệp Excel rồi chạy lại.", file=sys.stderr)
        return EXIT_DATA
    if not args.write:
        if counts["added"] or counts["changed"]:
            print(f"Đây là bản xem trước; thêm --write để ghi vào {plan.target}.", file=sys.stderr)
        return EXIT_OK
    if plan.write():
        print(f"Đã ghi {plan.target}.", file=sys.stderr)
    else:
        print("Không có gì thay đổi; dữ liệu giữ nguyên.", file=sys.stderr)
    return EXIT_OK

