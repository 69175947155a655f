"""One slug rule for page ids and heading anchors: readable lower-case ASCII (`Điều kiện` -> `dieu-kien`)."""

from __future__ import annotations

import unicodedata

from slugify import slugify as _slugify


def slug(text: str, separator: str = "-") -> str:
    """`Điều kiện về đảng viên` -> `dieu-kien-ve-dang-vien`; đ becomes d, never dropped."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return str(_slugify(text, separator=separator))


def toc_slugify(value: str, separator: str) -> str:
    """The `slugify` hook of Markdown's toc extension (named in mkdocs.yml)."""
    return slug(value, separator) or "muc"
