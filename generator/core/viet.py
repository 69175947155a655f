"""Vietnamese conventions: official dates, numbers, and the Vietnamese order of names."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Tone order of Vietnamese dictionaries and CLDR: ngang, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ).
TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET)}


def date_long(value: dt.date) -> str:
    """`ngày 05 tháng 02 năm 2024`: zero before days 1–9 and months 1–2, as official documents write it."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def date_short(value: dt.date) -> str:
    """`05/02/2024`."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def number(value: float, decimals: int = 0) -> str:
    """`1.234`, `90,5`: dot groups thousands, comma marks decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


# Percentages: a rate shown for itself (passed/assessed) is rounded half up, as Excel shows it (4/6 is 66,7 %);
# a share set against a threshold (the reasons a criterion is unmet, "89,9 % ..., dưới mức 90 %") is
# truncated, so that a figure below the threshold never prints as the threshold. Pages say so where it matters.


def rate(share: float) -> str:
    """A rate as `66,7 %`: rounded half up to one decimal (`percent` for a share compared with a threshold)."""
    tenths = math.floor(share * 1000 + 0.5 + 1e-9) / 10
    decimals = 0 if tenths == int(tenths) else 1
    return f"{number(tenths, decimals)} %"


def percent(share: float) -> str:
    """A share as `90,5 %`, truncated (never rounded up to a threshold it did not reach); `rate` rounds."""
    tenths = math.floor(share * 1000 + 1e-9) / 10
    decimals = 0 if tenths == int(tenths) else 1
    return f"{number(tenths, decimals)} %"


def _letter_key(char: str) -> tuple[int, int]:
    """(letter rank, tone rank) for one character."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter = base
    for mark in marks:
        if mark in TONES:
            tone = TONES[mark]
        elif mark == "\u0306" and base == "a":
            letter = "ă"
        elif mark == "\u0302" and base in "aeo":
            letter = {"a": "â", "e": "ê", "o": "ô"}[base]
        elif mark == "\u031b" and base in "ou":
            letter = {"o": "ơ", "u": "ư"}[base]
    if base == "đ":
        letter = "đ"
    rank = _LETTER_RANK.get(letter)
    if rank is None:
        # Letters outside the Vietnamese alphabet (f, j, w, z, digits) sort by code point after the alphabet.
        return (len(ALPHABET) + ord(letter), tone)
    return (rank, tone)


def word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Letters first, tones only to break ties, as in Vietnamese dictionaries."""
    keys = [_letter_key(c) for c in unicodedata.normalize("NFC", word) if c.isalnum()]
    # One tone per syllable, wherever the mark sits: `thuý` and `thúy` are the same syllable.
    return (tuple(k[0] for k in keys), tuple(k[1] for k in keys if k[1]))


def name_key(full_name: str) -> tuple[object, ...]:
    """Sort key for a person: given name (last word), then the rest from the family name on."""
    words = full_name.split()
    if not words:
        return ((), ())
    given = words[-1]
    rest = words[:-1]
    return (word_key(given), tuple(word_key(w) for w in rest), full_name)


def text_key(text: str) -> tuple[object, ...]:
    """Sort key for any Vietnamese phrase, word by word."""
    return (tuple(word_key(w) for w in text.split()), text)


# The Combining Diacritical Marks block: every Vietnamese tone mark and the marks of ă â ê ô ơ ư.
_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """`Đảng viên` -> `dang vien`: lower case, no tone marks or diacritics, đ -> d (the search's folding rule)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = _MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", bare.lower())
