"""`bontot report`: the sơ kết / tổng kết report of a period as a Word file. Translates arguments and errors only."""

from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
REPORT_TYPES = ("cap-tren-co-so", "dang-bo-co-so")  # whose committee reports on its subtree (plan III)


def add_parser(commands: Any) -> None:
    """Register `report` on the `bontot` subcommands (called from generator/cli.py)."""
    cmd = commands.add_parser(
        "report", help="viết báo cáo sơ kết, tổng kết của một giai đoạn ra tệp Word (.docx)",
        description="Viết báo cáo kết quả thực hiện mô hình của giai đoạn từ năm --from đến năm --to, theo thể thức văn bản "
        "của Đảng (Hướng dẫn 36-HD/VPTW), để Ban Tổ chức sửa, bổ sung phần đánh giá rồi trình ký.")
    cmd.add_argument("--from", dest="first", type=_year, required=True, metavar="NĂM", help="năm đầu giai đoạn")
    cmd.add_argument("--to", dest="last", type=_year, required=True, metavar="NĂM", help="năm cuối giai đoạn")
    cmd.add_argument("--unit", default=None, metavar="MÃ_ĐƠN_VỊ",
                     help="chỉ báo cáo một đảng bộ cơ sở và các chi bộ trực thuộc (mặc định: toàn Đảng bộ Tổng công ty)")
    cmd.add_argument("--out", type=Path, required=True, metavar="TỆP.docx", help="tệp Word sẽ ghi")
    cmd.add_argument("--template", type=Path, default=None, metavar="TỆP.docx",
                     help="mẫu Word đã chỉnh kiểu chữ (mặc định: mẫu có sẵn, generator/office/templates/bao-cao.docx)")
    cmd.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"cần năm bốn chữ số, gặp '{text}'")
    return int(text)


def _usage(message: str) -> int:
    print(f"bontot report: lỗi: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Check the data, build the report, write the .docx. Invalid data raises DataError (exit 1 in cli.main)."""
    from docx.opc.exceptions import PackageNotFoundError
    from jinja2 import TemplateError

    from generator.core.problems import DataError, has_errors
    from generator.office.report import build_report
    from generator.office.report_docx import render_docx
    from generator.rules.check import check
    from generator.rules.derive import evaluate
    from generator.rules.names import TYPE_NAMES

    if args.first > args.last:
        return _usage(f"năm đầu ({args.first}) sau năm cuối ({args.last}); hãy ghi --from {args.last} --to {args.first}.")
    if args.out.suffix.lower() != ".docx":
        return _usage(f"tệp kết quả '{args.out}' phải có đuôi .docx, ví dụ --out bao-cao-{args.first}-{args.last}.docx.")
    if args.template is not None and not args.template.is_file():
        return _usage(f"không tìm thấy mẫu Word '{args.template}'.")
    start = time.perf_counter()
    dataset, problems = check(args.data)
    if dataset is None or has_errors(problems):
        raise DataError(problems)
    root = args.unit or dataset.site.record.corporation
    unit = dataset.unit.get(root)
    if unit is None:
        return _usage(f"không có đơn vị mã '{root}' trong {args.data / 'units.yaml'}; hãy ghi mã của một đảng bộ cơ sở.")
    if unit.type not in REPORT_TYPES:
        return _usage(f"'{root}' là {TYPE_NAMES[unit.type].lower()}; báo cáo theo --unit dành cho đảng bộ cơ sở "
                      "(gồm các chi bộ trực thuộc).")
    report = build_report(dataset, evaluate(dataset), args.first, args.last, root)
    try:
        data = render_docx(dataset, report, args.template)
    except (TemplateError, PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        if args.template is None:
            raise
        print(f"{args.template}: lỗi: mẫu Word không dùng được ({exc}); hãy giữ nguyên các thẻ {{{{ … }}}} và {{% … %}} "
              "của mẫu có sẵn khi chỉnh sửa.", file=sys.stderr)
        return EXIT_DATA
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"Đã ghi báo cáo giai đoạn {args.first}–{args.last} của {unit.name} vào {args.out} "
          f"({time.perf_counter() - start:.1f} giây).", file=sys.stderr)
    return EXIT_OK
