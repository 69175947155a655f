"""What a clerk's cell holds, as the record expects it: the quirks of real workbooks smoothed out here, in one place.

A value that cannot be understood is passed on as typed, so the record schema (the same one `bontot check` uses)
reports it; nothing is guessed beyond the forms listed in each function.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from openpyxl.utils.datetime import from_excel

from generator.office.columns import Column

_RESULTS = {"đạt": "dat", "dat": "dat", "không đạt": "khong-dat", "khong dat": "khong-dat", "khong-dat": "khong-dat", "chưa đạt": "khong-dat"}
_QUALITY = {"tốt": "tot", "tot": "tot", "khá": "kha", "kha": "kha", "trung bình": "trung-binh", "trung binh": "trung-binh",
            "trung-binh": "trung-binh", "kém": "kem", "kem": "kem"}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 1.234 written the Vietnamese way


def clean_text(value: str) -> str:
    """NFC (macOS and some keyboards type decomposed letters), no non-breaking spaces, outer blanks trimmed."""
    return unicodedata.normalize("NFC", value).replace("\u00a0", " ").strip()


def header_key(value: object) -> str:
    """A header as compared: NFC, case-folded, every run of spaces and line breaks made one space."""
    return " ".join(clean_text(str(value)).casefold().split()) if value is not None else ""


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not clean_text(value))


def _count(value: object, number_format: str) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if "%" in number_format and (value * 100).is_integer():
            return round(value * 100)  # a count cell formatted as %: the clerk saw and meant "12%" -> 12
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        text = clean_text(value).replace(" ", "")
        percent = text.endswith("%")
        text = text.removesuffix("%")
        if _GROUPED.match(text):
            text = text.replace(".", "")
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d+[.,]0+", text):
            return int(re.split(r"[.,]", text)[0])
        return value if not percent else clean_text(value)
    return value


def _date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        converted = from_excel(value)
        return converted.date() if isinstance(converted, dt.datetime) else converted
    if isinstance(value, str):
        text = clean_text(value)
        for pattern, order in ((_DMY, (3, 2, 1)), (_ISO, (1, 2, 3))):
            match = pattern.match(text)
            if match:
                year, month, day = (int(match.group(i)) for i in order)
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    return text  # 31/02/2024: the schema says it is not a real date
        return text
    return value


def _choice(value: object, table: dict[str, str]) -> object:
    if isinstance(value, str):
        key = " ".join(clean_text(value).casefold().split())
        return table.get(key, clean_text(value))
    return value


def to_record(column: Column, value: object, number_format: str = "General") -> object:
    """The record value for one cell (None for a blank cell)."""
    if is_blank(value):
        return None
    if column.kind == "count":
        return _count(value, number_format)
    if column.kind == "date":
        return _date(value)
    if column.kind == "result":
        return _choice(value, _RESULTS)
    if column.kind == "quality":
        return _choice(value, _QUALITY)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if column.kind == "text" else value
