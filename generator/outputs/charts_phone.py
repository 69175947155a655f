"""The phone version of a bar chart: drawn 340 px wide so that, on a 390 px screen, it is shown at its own size
and its text stays at FONT (13 px). The desktop chart, 720 px wide, shrinks there to half: 6 px text.

Each category's label gets its own line(s) above its bars, wrapped at word boundaries, so long unit names are
read whole instead of cut; the bars then span the width. The page carries both charts, this one first; the
stylesheet shows one (site_src/assets/bontot.css, `.bt-chart-phone`). Same numbers, same patterns, same `data-*` marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from generator.outputs.charts import FONT, GRID, INK, Series, _fills, _num, _ticks, _width, bar_mark, esc

WIDTH = 340
LINE = FONT + 4  # px between two lines of a label


def wrap(text: str, limit: float, max_lines: int = 3) -> list[str]:
    """`text` in lines no wider than `limit` px, broken at spaces; the last line ends in “…” if more is left."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(lines[-1] + " " + word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,") + "…"
    return lines


def phone_bar_chart(chart_id: str, title: str, desc: str, categories: Sequence[str], series: Sequence[Series],
                    *, percent_axis: bool) -> Markup:
    """The chart of `charts.bar_chart` for a phone: labels above the bars, 340 px wide. Not displayed on a desktop
    (nor read by screen readers there), as the desktop chart is not on a phone: one of the two is ever shown."""
    if not categories or not series:
        return Markup("")
    value_w = max(_width(b.label) for s in series for b in s.bars) + 8
    x0, x1 = 8.0, WIDTH - 8 - value_w
    fills, defs = _fills(f"{chart_id}-phone", len(series))
    out: list[str] = []
    # Legend: as many entries on a line as fit.
    y, x = 4.0, 8.0
    for s, fill in zip(series, fills, strict=True) if len(series) > 1 else ():
        entry = 18 + _width(s.name) + 16
        if x > 8 and x + entry > WIDTH:
            x, y = 8.0, y + LINE + 4
        out.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="13" height="13" fill="{fill}" stroke="{INK}"/>'
                   f'<text x="{_num(x + 18)}" y="{_num(y + 11)}">{esc(s.name)}</text>')
        x += entry
    top = y + LINE + 8 if len(series) > 1 else 4.0
    bar_h, gap, group_gap = 16, 2, 12
    values = [b.value for s in series for b in s.bars if b.value is not None]
    ticks = _ticks(1.0 if percent_axis else max([1.0, *values]), percent_axis)
    scale_top = float(ticks[-1][0])
    marks: list[str] = []
    y = top
    for index, category in enumerate(categories):
        for line in wrap(category, WIDTH - 16):
            marks.append(f'<text x="8" y="{_num(y + FONT)}" font-weight="bold">{esc(line)}</text>')
            y += LINE
        y += 2
        for position, (s, fill) in enumerate(zip(series, fills, strict=True)):
            marks.append(bar_mark(category, s.name, s.bars[index], fill, x0, x1, y + position * (bar_h + gap), bar_h, scale_top))
        y += len(series) * (bar_h + gap) - gap + group_gap
    bottom = y - group_gap + 4
    grid = [f'<path d="M{_num(x0 + (x1 - x0) * v / scale_top)} {_num(top)}V{_num(bottom)}" stroke="{GRID}"/>'
            f'<text x="{_num(x0 + (x1 - x0) * v / scale_top)}" y="{_num(bottom + 16)}" '
            f'text-anchor="{"start" if i == 0 else "end" if i == len(ticks) - 1 else "middle"}">{esc(text)}</text>'
            for i, (v, text) in enumerate(ticks)]
    height = bottom + 22
    return Markup("\n".join([
        '<figure class="bt-chart-phone" data-search-exclude style="break-inside:avoid;margin-left:0">',
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}-phone" role="img" aria-labelledby="{chart_id}-phone-t '
        f'{chart_id}-phone-d" width="{WIDTH}" height="{_num(height)}" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'style="max-width:100%;height:auto" font-size="{FONT}" fill="currentColor">',
        f'<title id="{chart_id}-phone-t">{esc(title)}</title>',
        f'<desc id="{chart_id}-phone-d">{esc(desc)}</desc>',
        *([defs] if defs else []),
        *out, *grid, *marks,
        f'<path d="M{_num(x0)} {_num(top)}V{_num(bottom)}" stroke="currentColor"/>',
        "</svg>",
        "</figure>",
    ]))
