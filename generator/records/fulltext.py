"""The full text of a document (data/texts/<document id>.txt) as blocks a template can print.

The text is plain text converted from a printed document: blocks are separated by blank lines; headings
are numbered "I.", "1.", "1.1."; bullets start with "-" (or "+" one level down); footnotes start with a
superscript digit. A page break can split a sentence over a blank line: a block that starts in lower case
continues the previous bullet (or a paragraph cut after a comma) when that one did not end a sentence. Nothing here is Markdown: the
template escapes every block's text like any other record value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.core.problems import Level, Problem, display_path
from generator.records.datafiles import list_data_files
from generator.records.yamlsource import YamlError, read_text

TEXTS_FOLDER = "texts"
FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_ROMAN = re.compile(r"^[IVXL]+\.\s")
_NUMBERED = re.compile(r"^(\d+\.)+\s")
_BULLET = re.compile(r"^([-+•])\s+")
_FOOTNOTE = re.compile(r"^[" + FOOTNOTE_MARKS + r"]+\s")
_SENTENCE_END = (".", ";", ":", "!", "?", "”", '"', "*")
HEADING_MAX = 120  # a numbered line longer than this is a numbered paragraph, not a heading


class Kind(StrEnum):
    HEADING = "heading"
    BULLET = "bullet"
    PARAGRAPH = "paragraph"
    FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Block:
    """One heading, bullet, paragraph or footnote. `level`: 1 for "I.", 2 for "1.", 3 for "1.1."; 1 or 2 for bullets."""

    kind: Kind
    text: str
    level: int = 1


def _heading_level(line: str) -> int:
    """0 when the line is not a heading."""
    if len(line) > HEADING_MAX or line.endswith((".", ";", ",")):
        return 0
    if _ROMAN.match(line):
        return 1
    match = _NUMBERED.match(line)
    return 1 + match.group().count(".") if match else 0


def _line_block(line: str) -> Block | None:
    """The block a line starts, or None when it starts none (continuation or plain paragraph)."""
    if level := _heading_level(line):
        return Block(Kind.HEADING, line, min(level, 3))
    if match := _BULLET.match(line):
        return Block(Kind.BULLET, line[match.end():], 2 if match.group(1) == "+" else 1)
    if _FOOTNOTE.match(line):
        return Block(Kind.FOOTNOTE, line)
    return None


def parse(text: str) -> list[Block]:
    """Split a full text into blocks, joining the halves of a sentence split by a page break."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        for i, line in enumerate(lines):
            block = _line_block(line)
            if block is not None:
                blocks.append(block)
                continue
            previous = blocks[-1] if blocks else None
            page_break = (
                i == 0 and previous is not None and line[0].islower() and not previous.text.endswith(_SENTENCE_END)
                and (previous.kind in (Kind.BULLET, Kind.FOOTNOTE) or previous.text.endswith(","))
            )
            if previous is not None and (i > 0 or page_break):
                # A line of the same block, or the rest of a sentence cut by a page break.
                joiner = "\n" if i > 0 else " "
                blocks[-1] = Block(previous.kind, previous.text + joiner + line, previous.level)
            else:
                blocks.append(Block(Kind.PARAGRAPH, line))
    return blocks


def body_and_footnotes(text: str) -> tuple[list[Block], list[Block]]:
    """The blocks in reading order, with footnotes gathered at the end as a web page shows them."""
    blocks = parse(text)
    return [b for b in blocks if b.kind is not Kind.FOOTNOTE], [b for b in blocks if b.kind is Kind.FOOTNOTE]


def load_texts(data_dir: Path, document_ids: set[str], problems: list[Problem]) -> dict[str, str]:
    """Read data/texts/<document id>.txt for every document that has one; a text for no document is a warning."""
    folder = data_dir / TEXTS_FOLDER
    texts: dict[str, str] = {}
    for path in list_data_files(folder, (".txt",), problems, data_dir):
        try:
            text = read_text(path)
        except YamlError as exc:
            problems.append(Problem(display_path(path), exc.line, exc.column, Level.ERROR, exc.message, "DATA"))
            continue
        if path.parent != folder or path.stem not in document_ids:
            where = "nằm trong một thư mục con của texts/" if path.parent != folder else f"không có văn bản nào mã '{path.stem}'"
            problems.append(Problem(
                display_path(path), 1, 1, Level.WARNING,
                f"Tệp toàn văn này không được dùng ({where}): tên tệp phải là mã (id) của một văn bản trong documents.yaml, "
                f"đặt ngay trong thư mục {TEXTS_FOLDER}/, ví dụ {TEXTS_FOLDER}/1288-kh-du.txt.",
                "DATA",
            ))
            continue
        texts[path.stem] = text
    return texts
