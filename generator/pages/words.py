"""Small wordings shared by the page modules: file sizes, spans of years, periods, document names, links."""

from __future__ import annotations

from markupsafe import Markup

from generator.core import urls
from generator.core.viet import fold, number


def file_size(size: int) -> str:
    """`850 B`, `1,2 KB`, `3,4 MB` in Vietnamese number format."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{number(size / 1024, 1)} KB"
    return f"{number(size / 1024 / 1024, 1)} MB"


def year_spans(years: list[int]) -> str:
    """`2024–2027, 2029, 2031–2032`: consecutive years as one span."""
    spans: list[list[int]] = []
    for year in sorted(years):
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return ", ".join(f"{s[0]}–{s[-1]}" if len(s) > 2 else ", ".join(map(str, s)) for s in spans)


def period_words(start: int, end: int | None) -> str:
    """`từ 2024`, `2024–2027`, or `năm 2024` for a one-year period (not “từ 2024 đến 2024”)."""
    if end is None:
        return f"từ {start}"
    return f"năm {start}" if end == start else f"{start}–{end}"


def sentences(*parts: str) -> str:
    """The non-empty parts as sentences of one line of text."""
    return " ".join(f"{part}." for part in parts if part)


def document_name(type_name: str, number: str) -> str:
    """`Kế hoạch số 1288-KH/ĐU`; a document without a number goes by its name: `Điều lệ Đảng`, never
    `Điều lệ số Điều lệ Đảng`."""
    if any(char.isdigit() for char in number):
        return f"{type_name} số {number}"
    if fold(number).startswith(fold(type_name)):
        return number
    return f"{type_name} {number}"


def rel(here: str, to: str, anchor: str | None = None) -> Markup:
    """A trusted relative link target (built by urls.py from validated ids)."""
    return Markup(urls.relative(here, to, anchor))
