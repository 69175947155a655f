"""Markdown rendering with Jinja2: every value from a record is escaped unless the plan marked it safe.

Escaping uses HTML numeric character references: Markdown leaves them alone and the browser
shows the character, so `A | B <b>*x*</b>` reaches the reader exactly as typed.
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from markupsafe import Markup

from generator.core.problems import DataError, Level, Problem, display_path

TEMPLATES = Path(__file__).parent / "templates"
# Characters that mean something to Markdown or HTML anywhere in a line.
_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&|#!~^=\"]")
# Characters that start block syntax (lists, quotes, rules, definitions) only at the start of a line.
_LEADING = re.compile(r"^(\s*)([-+:>]|\d+(?=[.)]))")
_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&|#!~^=\"\r\n\t]")


def md(text: object) -> Markup:
    """Escape text for inline Markdown and HTML (table cells, list items, headings)."""
    if isinstance(text, Markup):
        return text
    value = str(text)
    if not _ANY_SPECIAL.search(value) and not _LEADING.match(value):
        return Markup(value)  # most names and numbers: nothing to escape
    value = _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", value)
    value = _LEADING.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), value)
    value = re.sub(r"\r\n?|\n", "<br>", value)
    return Markup(value.replace("\t", " "))


def md_block(text: object) -> Markup:
    """Escape text as paragraphs: blank lines separate paragraphs, single newlines become line breaks."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    out = []
    for paragraph in paragraphs:
        lines = [str(md(line.rstrip())) for line in paragraph.splitlines()]
        lines = [re.sub(r"^ +", lambda m: "&#32;" * len(m.group()), line) for line in lines]
        out.append("<br>\n".join(lines))
    return Markup("\n\n".join(out))


def tight(text: object) -> Markup:
    """Escape text that sits between emphasis markers (`**…**`): spaces at its edges as references, or the markers stay literal."""
    return Markup(re.sub(r"^[ \t]+|[ \t]+$", lambda m: "&#32;" * len(m.group()), str(md(text))))


def link(label: object, href: str) -> Markup:
    """A Markdown link with an escaped label; `href` comes from urls.py and is trusted."""
    return Markup(f"[{md(label)}]({href})")


def attr(text: object) -> Markup:
    """Escape for a front-matter string in double quotes that the theme prints, unescaped, into an HTML attribute."""
    value = html.escape(re.sub(r"\s+", " ", str(text)).strip(), quote=True)
    return Markup(value.replace("\\", "\\\\"))


def join(items: Iterable[object], separator: str = "") -> Markup:
    """Jinja's join, but escaping each item that is not already trusted Markdown."""
    return Markup(separator.join(str(md(item)) if not isinstance(item, int | float) else str(item) for item in items))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup | int | float):
        return value
    return md(value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["join"] = join
    env.filters["block"] = md_block
    env.filters["attr"] = attr
    env.filters["tight"] = tight
    return env


def use_bytecode_cache(folder: Path | None) -> None:
    """Keep the compiled templates in `folder` (Jinja's own FileSystemBytecodeCache, which checks each template's
    source before using its entry), so a build after the first compiles none; None: compile in memory only."""
    env = environment()
    if folder is None:
        env.bytecode_cache = None
        return
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _template_problem(template: str, exc: TemplateError) -> Problem:
    """Where a broken template failed: its file and line (from a syntax error or the rewritten traceback)."""
    path, line = TEMPLATES / template, 1
    if isinstance(exc, TemplateSyntaxError):
        path, line = Path(exc.filename) if exc.filename else TEMPLATES / (exc.name or template), exc.lineno or 1
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            path, line = Path(frames[-1].filename), frames[-1].lineno or 1
    name = path.name
    return Problem(
        display_path(path), line, 1, Level.ERROR,
        f"Mẫu trang {name} bị lỗi: {exc.message or type(exc).__name__}"
        + (f" (khi dùng trong mẫu {template})" if name != template else "")
        + "; chưa tệp nào được ghi, trang cũ được giữ nguyên. Hãy sửa mẫu trang ở dòng này.",
        "BUILD",
    )


def render(template: str, context: dict[str, Any]) -> str:
    """Render one page template to Markdown text. A broken template is a DataError naming its file and line."""
    try:
        text = environment().get_template(template).render(**context)
    except TemplateError as exc:
        raise DataError([_template_problem(template, exc)]) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
