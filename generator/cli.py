"""The `bontot` command: translates arguments to calls and problems to exit codes (0 ok, 1 data, 2 usage)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .check import check
from .problems import DataError, Level, Problem, has_errors, summary, to_json

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese usage errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        translated = (
            message.replace("the following arguments are required", "thiếu tham số bắt buộc")
            .replace("unrecognized arguments", "tham số không hợp lệ")
            .replace("invalid choice", "lựa chọn không hợp lệ")
            .replace("choose from", "chọn một trong")
            .replace("expected one argument", "cần một giá trị")
            .replace("argument", "tham số")
            .replace("invalid int value", "cần số nguyên, gặp")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {translated}\nXem '{self.prog} --help'.\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bontot", description="Kiểm tra dữ liệu và xây dựng trang “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”.")
    parser._positionals.title = "lệnh"
    parser._optionals.title = "tùy chọn"
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH", parser_class=_Parser)

    check_cmd = commands.add_parser("check", help="kiểm tra dữ liệu trong data/", description="Kiểm tra mọi tệp dữ liệu và in mọi lỗi.")
    check_cmd.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text", help="định dạng kết quả (mặc định: text)")

    build_cmd = commands.add_parser("build", help="kiểm tra, sinh trang và xây dựng site/", description="Kiểm tra, sinh trang Markdown và xây dựng trang web.")
    build_cmd.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")
    build_cmd.add_argument("--out", type=Path, default=Path("site"), metavar="THƯ_MỤC", help="thư mục kết quả (mặc định: site)")
    build_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="TỆP", help="cấu hình MkDocs (mặc định: mkdocs.yml)")

    serve_cmd = commands.add_parser("serve", help="xem trước, tự cập nhật khi sửa dữ liệu", description="Xem trước trang; sửa data/ hoặc site_src/ là trang tự cập nhật.")
    serve_cmd.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")
    serve_cmd.add_argument("--addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ", help="địa chỉ:cổng (mặc định: 127.0.0.1:8000)")
    serve_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="TỆP", help="cấu hình MkDocs (mặc định: mkdocs.yml)")

    schema_cmd = commands.add_parser("schema", help="xuất JSON Schema cho từng loại tệp dữ liệu", description="Xuất JSON Schema (draft 2020-12).")
    schema_cmd.add_argument("--out", type=Path, default=Path("schema"), metavar="THƯ_MỤC", help="thư mục ghi (mặc định: schema)")
    return parser


def _print_problems(problems: list[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        print(to_json(problems))
        return
    for problem in sorted(problems):
        print(problem.format())
    print(summary(problems), file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    _, problems = check(args.data)
    _print_problems(problems, args.format)
    return EXIT_DATA if has_errors(problems) else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    problems = build_site(args.data, args.out, args.config)
    _print_problems(problems)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .build import serve

    serve(args.data, args.config, args.addr)
    return EXIT_OK


COMMANDS = {"check": _cmd_check, "schema": _cmd_schema, "build": _cmd_build, "serve": _cmd_serve}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `bontot` and `python -m generator`."""
    args = _parser().parse_args(argv)
    data = getattr(args, "data", None)
    if data is not None and not data.is_dir():
        print(f"bontot: lỗi: không tìm thấy thư mục dữ liệu '{data}'; hãy chỉ đúng thư mục bằng --data.", file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except DataError as exc:
        _print_problems(exc.problems)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"bontot: lỗi: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return EXIT_DATA
