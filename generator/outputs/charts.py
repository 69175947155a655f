"""Charts as SVG inside the page, drawn at build time from numbers: no JavaScript, no library, nothing loaded
from outside. Inline `<svg>` everywhere except the unit pages' grid, an `<img>` of the same SVG (see `_image`).

Readable in print and in grey: series differ by fill pattern (solid, hatched, dotted, light) as well as
colour, and every bar carries its value as a label. Each chart is `role="img"` with a `<title>` and a
`<desc>`; the page puts the table of the same numbers beside it. Every string is XML-escaped here,
so record text (unit names) is safe to pass in. Each mark has `data-c` (category), `data-s` (series)
and `data-v` (the plotted number) so tests can read the numbers back.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.viet import number

INK = "#8e1b1b"  # dark red: dark in greyscale, and the theme's primary hue
GRID = "#bdbdbd"
WIDTH = 720
FONT = 13
FONT_FAMILY = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"  # the theme's, with no web font
TEXT = "#212121"
CHAR = 6.4  # rough width of one character at FONT px, for layout only
MAX_LABEL = 340  # px; longer category labels are cut with “…” (the table keeps the full text)


def esc(text: object) -> str:
    """XML-escape text for an element or a double-quoted attribute."""
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    """A coordinate or data value without noise: `12`, `80.4348`."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _width(text: str, size: float = FONT) -> float:
    return len(text) * CHAR * size / FONT


def _fit(text: str, limit: float) -> str:
    if _width(text) <= limit:
        return text
    keep = max(1, int(limit / CHAR) - 1)
    return text[:keep].rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    """One value and its label as printed at the bar's end; value None means no data (no bar, label only)."""

    value: float | None
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    bars: tuple[Bar, ...]  # one per category, in category order


def _fills(chart_id: str, count: int) -> tuple[list[str], str]:
    """Fill of each series and the <defs> of the patterns they use."""
    patterns = [
        f'<pattern id="{chart_id}-p1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><path d="M0 0V6" stroke="{INK}" stroke-width="2.5"/></pattern>',
        f'<pattern id="{chart_id}-p2" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="{INK}"/></pattern>',
    ]
    fills = [INK, f"url(#{chart_id}-p1)", f"url(#{chart_id}-p2)", "#e6e6e6"]
    used = min(max(count - 1, 0), len(patterns))
    defs = f"<defs>{''.join(patterns[:used])}</defs>" if used else ""
    return [fills[i % len(fills)] for i in range(count)], defs


def _ticks(top: float, percent_axis: bool) -> list[tuple[float, str]]:
    if percent_axis:
        return [(v / 100, f"{v} %") for v in (0, 25, 50, 75, 100)]
    step = 1
    while top / step > 5:
        step = next(s * 10**k for k in range(10) for s in (1, 2, 5) if s * 10**k > step)
    end = math.ceil(top / step) * step
    return [(v, number(v)) for v in range(0, end + 1, step)]


def _open(chart_id: str, title: str, desc: str, width: float, height: float) -> list[str]:
    return [
        '<figure class="bt-chart" data-search-exclude style="break-inside:avoid;margin-left:0">',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="{chart_id}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" style="max-width:100%;height:auto" font-size="{FONT}" fill="currentColor">',
        f'<title id="{chart_id}-t">{esc(title)}</title>',
        f'<desc id="{chart_id}-d">{esc(desc)}</desc>',
    ]


# What a data: URL inside a double-quoted HTML attribute must not hold as is: `%` and `#` (URL syntax), `&`
# (the HTML parser would decode the SVG's own `&lt;` before the URL is read), quotes, `<`, `>` and white space.
# Other characters, Vietnamese letters included, are valid URL code points (the browser encodes them as UTF-8).
_URL_ESCAPES = [(c, f"%{ord(c):02X}") for c in '%#&"\'<> \t\r\n']  # `%` first


def _url_escape(text: str) -> str:
    for char, escaped in _URL_ESCAPES:  # one C-speed pass per character: faster than translate or quote
        text = text.replace(char, escaped)
    return text


def _image(title: str, desc: str, width: float, height: float, body: list[str]) -> Markup:
    """The chart as an `<img>` whose source is the SVG itself (a `data:` URL): still inside the page, readable
    in print, described by its alt text; the browser draws it as one element. Used for the chart on every unit
    page: MkDocs and Python-Markdown parse inline SVG tag by tag, twice, and at 2,000 units that was a quarter
    of the build (issue 7). The SVG cannot run script or load anything as an image."""
    svg = "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" font-family="{FONT_FAMILY}" font-size="{FONT}" '
        f'fill="{TEXT}"><title>{esc(title)}</title><desc>{esc(desc)}</desc>',
        *body,
        "</svg>",
    ])
    source = "data:image/svg+xml," + _url_escape(svg)
    return Markup("\n".join([
        '<figure class="bt-chart" data-search-exclude style="break-inside:avoid;margin-left:0">',
        f'<img src="{source}" alt="{esc(title)}. {esc(desc)}" width="{_num(width)}" height="{_num(height)}" '
        'style="max-width:100%;height:auto">',
        "</figure>",
    ]))


def _close(lines: list[str]) -> Markup:
    # One HTML block for Markdown: it starts at a line start and holds no blank line.
    return Markup("\n".join([*lines, "</svg>", "</figure>"]))


def describe(categories: Sequence[str], series: Sequence[Series]) -> str:
    """Every value in words, for the chart's <desc>: `2024: Tổng 80,4 % (37/46), …; 2025: …`."""
    parts = []
    for index, category in enumerate(categories):
        values = [f"{s.name} {s.bars[index].label}" if len(series) > 1 else s.bars[index].label for s in series]
        parts.append(f"{category}: {', '.join(values)}")
    return "; ".join(parts) + "."



def bar_mark(category: str, series: str, bar: Bar, fill: str, x0: float, x1: float, by: float, bar_h: float, scale_top: float) -> str:
    """One horizontal bar with its label after it (a label alone when there is no value), tagged with its category and
    series for the page's data table; shared by the desktop and the phone drawings (generator/outputs/charts_phone.py)."""
    attrs = f'data-c="{esc(category)}" data-s="{esc(series)}"'
    if bar.value is None:
        return f'<g {attrs}><text x="{_num(x0 + 4)}" y="{_num(by + 12.5)}">{esc(bar.label)}</text></g>'
    w = (x1 - x0) * bar.value / scale_top
    return (f'<g {attrs} data-v="{_num(bar.value)}"><rect x="{_num(x0)}" y="{_num(by)}" width="{_num(w)}" height="{bar_h}" '
            f'fill="{fill}" stroke="{INK}"/><text x="{_num(x0 + w + 4)}" y="{_num(by + 12.5)}">{esc(bar.label)}</text></g>')

def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    percent_axis: bool,
) -> Markup:
    """Horizontal grouped bars: one group per category, one bar per series, the value label at each bar's end.

    `percent_axis`: values are shares 0–1 on a 0–100 % axis; otherwise counts on an axis from 0.
    """
    if not categories or not series:
        return Markup("")
    labels = [_fit(c, MAX_LABEL) for c in categories]
    label_w = max(_width(t) for t in labels) + 8
    value_w = max(_width(b.label) for s in series for b in s.bars) + 10
    x0, x1 = 8 + label_w, WIDTH - 8 - value_w
    legend_h = 24 if len(series) > 1 else 0
    bar_h, gap, group_gap = 16, 2, 10
    group_h = len(series) * (bar_h + gap) - gap
    top = legend_h + 8
    bottom = top + len(categories) * (group_h + group_gap) - group_gap
    height = bottom + 22
    values = [b.value for s in series for b in s.bars if b.value is not None]
    ticks = _ticks(1.0 if percent_axis else max([1.0, *values]), percent_axis)
    scale_top = float(ticks[-1][0])
    fills, defs = _fills(chart_id, len(series))

    out = _open(chart_id, title, desc, WIDTH, height)
    if defs:
        out.append(defs)
    x = 8.0
    for s, fill in zip(series, fills, strict=True) if legend_h else ():
        out.append(f'<rect x="{_num(x)}" y="4" width="13" height="13" fill="{fill}" stroke="{INK}"/>'
                   f'<text x="{_num(x + 18)}" y="15">{esc(s.name)}</text>')
        x += 18 + _width(s.name) + 18
    for value, text in ticks:
        tx = x0 + (x1 - x0) * value / scale_top
        out.append(f'<path d="M{_num(tx)} {_num(top - 4)}V{_num(bottom + 4)}" stroke="{GRID}"/>'
                   f'<text x="{_num(tx)}" y="{_num(bottom + 18)}" text-anchor="middle">{esc(text)}</text>')
    for index, label in enumerate(labels):
        y = top + index * (group_h + group_gap)
        out.append(f'<text x="{_num(x0 - 6)}" y="{_num(y + group_h / 2 + 4)}" text-anchor="end">{esc(label)}</text>')
        for position, (s, fill) in enumerate(zip(series, fills, strict=True)):
            out.append(bar_mark(categories[index], s.name, s.bars[index], fill, x0, x1, y + position * (bar_h + gap), bar_h, scale_top))
    out.append(f'<path d="M{_num(x0)} {_num(top - 4)}V{_num(bottom + 4)}" stroke="currentColor"/>')
    return _close(out)


def grid_chart(chart_id: str, title: str, desc: str, rows: Sequence[str], columns: Sequence[str],
               cells: Sequence[Sequence[bool]], *, image: bool = False) -> Markup:
    """A yes/no grid (rows × columns): đạt is a solid dark box reading “Đạt”, không đạt a dashed white box reading “Không đạt”.

    `cells[row][column]`; each cell is a `<use>` of `#<id>-y` or `#<id>-n`, in row order, so the SVG stays small.
    With `image`, the chart is an `<img>` of the same SVG (see `_image`).
    """
    if not rows or not columns:
        return Markup("")
    cell_w, cell_h, gap = 76, 24, 4
    label_w = max(_width(r) for r in rows) + 12
    width = label_w + len(columns) * (cell_w + gap) + 4
    height = 20 + len(rows) * (cell_h + gap)
    body = [
        f'<defs><g id="{chart_id}-y"><rect width="{cell_w}" height="{cell_h}" rx="3" fill="{INK}"/>'
        f'<text x="{cell_w // 2}" y="16.5" fill="#fff" text-anchor="middle">Đạt</text></g>'
        f'<g id="{chart_id}-n"><rect x=".5" y=".5" width="{cell_w - 1}" height="{cell_h - 1}" rx="3" fill="#fff" stroke="{INK}" '
        f'stroke-dasharray="3 2"/><text x="{cell_w // 2}" y="16.5" fill="{INK}" text-anchor="middle">Không đạt</text></g></defs>'
    ]
    for c, column in enumerate(columns):
        body.append(f'<text x="{_num(label_w + c * (cell_w + gap) + cell_w / 2)}" y="14" text-anchor="middle">{esc(column)}</text>')
    for r, row in enumerate(rows):
        y = 20 + r * (cell_h + gap)
        body.append(f'<text x="{_num(label_w - 8)}" y="{_num(y + 16.5)}" text-anchor="end">{esc(row)}</text>')
        body.append("".join(
            f'<use xlink:href="#{chart_id}-{"y" if cells[r][c] else "n"}" x="{_num(label_w + c * (cell_w + gap))}" y="{y}"/>'
            for c in range(len(columns))
        ))
    if image:
        return _image(title, desc, width, height, body)
    return _close([*_open(chart_id, title, desc, width, height), *body])
