"""The `bontot` command: translates arguments to calls and problems to exit codes (0 ok, 1 data, 2 usage)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from generator.core.problems import DataError, Problem, has_errors, summary, to_json
from generator.office import report_cli
from generator.office.cli import register as register_office
from generator.site.stopping import MESSAGE, exit_code, stop_on_signals

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese usage errors and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="in hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        translated = (
            message.replace("the following arguments are required", "thiếu tham số bắt buộc")
            .replace("one of the arguments", "cần một trong các tham số").replace(" is required", "")
            .replace(": not allowed with argument", " không dùng cùng với")
            .replace("unrecognized arguments", "tham số không hợp lệ")
            .replace("invalid choice", "lựa chọn không hợp lệ")
            .replace("choose from", "chọn một trong")
            .replace("expected one argument", "cần một giá trị")
            .replace("argument", "tham số")
            .replace("invalid int value", "cần số nguyên, gặp")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {translated}\nXem '{self.prog} --help'.\n")


def _count(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"cần số nguyên, gặp '{text}'") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"cần số từ {low} đến {high}, gặp {value}")
        return value

    return parse


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
    build_cmd.add_argument("--jobs", type=_count(1, 64), default=None, metavar="SỐ",
                           help="số tiến trình sinh trang và chạy MkDocs song song (mặc định: mỗi lõi CPU một tiến trình, tối đa 4, khi trang có từ 800 trang)")
    build_cmd.add_argument("--full", action="store_true",
                           help="dựng lại mọi trang (mặc định: chỉ dựng lại những trang có thay đổi; không đổi gì thì giữ nguyên site/)")

    serve_cmd = commands.add_parser("serve", help="xem trước, tự cập nhật khi sửa dữ liệu", description="Xem trước trang; sửa data/ hoặc site_src/ là trang tự cập nhật.")
    serve_cmd.add_argument("--data", type=Path, default=Path("data"), metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data)")
    serve_cmd.add_argument("--addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ", help="địa chỉ:cổng (mặc định: 127.0.0.1:8000)")
    serve_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="TỆP", help="cấu hình MkDocs (mặc định: mkdocs.yml)")

    demo_cmd = commands.add_parser("demo", help="sinh dữ liệu mẫu hư cấu với số đơn vị tùy ý (để thử tốc độ)",
                                   description="Sinh một thư mục dữ liệu mẫu hợp lệ: cây đơn vị, kết quả đánh giá, quyết định. "
                                   "Cùng --seed cho cùng dữ liệu.")
    demo_cmd.add_argument("--units", type=_count(10, 1_000_000), required=True, metavar="SỐ", help="số đơn vị (ít nhất 10)")
    demo_cmd.add_argument("--years", type=_count(1, 50), required=True, metavar="SỐ", help="số năm đánh giá, từ 2024 (1–50)")
    demo_cmd.add_argument("--seed", type=int, default=1, metavar="SỐ", help="hạt giống ngẫu nhiên (mặc định: 1)")
    demo_cmd.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục ghi dữ liệu (phải trống hoặc chưa có)")

    schema_cmd = commands.add_parser("schema", help="xuất JSON Schema cho từng loại tệp dữ liệu", description="Xuất JSON Schema (draft 2020-12).")
    schema_cmd.add_argument("--out", type=Path, default=Path("schema"), metavar="THƯ_MỤC", help="thư mục ghi (mặc định: schema)")
    report_cli.add_parser(commands)
    COMMANDS.update(register_office(commands))
    return parser


def _print_problems(problems: list[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        print(to_json(problems))
        return
    for problem in sorted(problems):
        print(problem.format())
    print(summary(problems), file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    from generator.rules.check import check

    _, problems = check(args.data)
    _print_problems(problems, args.format)
    return EXIT_DATA if has_errors(problems) else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from generator.records.schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from generator.demo.data import write_demo

    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        print(f"bontot: lỗi: '{args.out}' đã có nội dung; hãy chọn một thư mục trống để không ghi đè dữ liệu.", file=sys.stderr)
        return EXIT_USAGE
    count = write_demo(args.out, args.units, args.years, args.seed)
    print(f"Đã ghi {count} tệp dữ liệu mẫu vào {args.out}; kiểm tra bằng: bontot check --data {args.out}", file=sys.stderr)
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from generator.site.build import build_site

    problems = build_site(args.data, args.out, args.config, jobs=args.jobs, full=args.full)
    _print_problems(problems)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.serve import AddressError, parse_addr, serve

    try:
        host, port = parse_addr(args.addr)
        serve(args.data, args.config, host, port)
    except AddressError as exc:
        print(f"bontot: lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _cmd_demo, "check": _cmd_check, "schema": _cmd_schema, "build": _cmd_build, "serve": _cmd_serve, "report": report_cli.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `bontot` and `python -m generator`."""
    # Problems and help are Vietnamese: a cp1252/cp1258 console or a redirected file must not crash on them.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    data = getattr(args, "data", None)
    if data is not None and not data.is_dir():
        print(f"bontot: lỗi: không tìm thấy thư mục dữ liệu '{data}'; hãy chỉ đúng thư mục bằng --data.", file=sys.stderr)
        return EXIT_USAGE
    try:
        with stop_on_signals():  # Ctrl-C and SIGTERM: clean-up, one message, 130 / 143
            return COMMANDS[args.command](args)
    except DataError as exc:
        _print_problems(exc.problems)
        return EXIT_DATA
    except KeyboardInterrupt as exc:
        print(MESSAGE, file=sys.stderr)
        return exit_code(exc)
    except OSError as exc:
        print(f"bontot: lỗi: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return EXIT_DATA
    except Exception as exc:
        from mkdocs.exceptions import Abort

        if not isinstance(exc, Abort):
            raise
        # MkDocs' own stop out of `serve` (the build lock, a data error): the hook already put the problem in its words.
        print(exc.format_message(), file=sys.stderr)
        return EXIT_DATA
