"""One slug rule for page ids and heading anchors: readable lower-case ASCII (`Điều kiện` -> `dieu-kien`)."""

from __future__ import annotations

import inspect
import unicodedata
from functools import lru_cache

from slugify import slugify as _slugify

# python-slugify 9 looks for the optional `unidecode` package on every call before falling back to
# text-unidecode; the failed import costs ~50 µs, paid for every heading of every page. Naming the
# backend skips it (and keeps slugs the same whether or not `unidecode` is installed).
_NAMED_BACKEND = "backend" in inspect.signature(_slugify).parameters


def slug(text: str, separator: str = "-") -> str:
    """`Điều kiện về đảng viên` -> `dieu-kien-ve-dang-vien`; đ becomes d, never dropped."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    if _NAMED_BACKEND:
        return str(_slugify(text, separator=separator, backend="text-unidecode"))
    return str(_slugify(text, separator=separator))


# Footnote marks in a heading (`… “chi bộ bốn tốt”²` in a document's full text) refer to a note; as words of the
# anchor they would read like a duplicate's counter (`…-bon-tot-2`).
_FOOTNOTE_MARKS = str.maketrans("", "", "¹²³⁴⁵⁶⁷⁸⁹⁰")


@lru_cache(maxsize=4096)
def toc_slugify(value: str, separator: str) -> str:
    """The `slugify` hook of Markdown's toc extension (named in mkdocs.yml); headings repeat across pages."""
    return slug(value.translate(_FOOTNOTE_MARKS), separator) or "muc"
