"""The search index's vocabulary and postings, made at build time so the browser need not tokenise every entry.

The site's search worker (site_src/assets/javascripts/search-worker.js) needs, before its first answer,
every folded word of the index and the entries that hold it. Worked out in the reader's browser, that is
linear in the index (seconds at 20,000 units on a slow phone); here it is done once per build and written
into the index's `config` as `bontot_terms`, which the worker reads instead. The tokenising below repeats
the worker's exactly (`plainText`, `unescapeHtml`, `tokenize`, `fold`); tests/browser/test_search_terms_parity.py
compares the two on the sample site and on awkward text. A block the worker does not recognise (another
`version`, another entry count) is ignored and the worker tokenises as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from generator.core.viet import fold

VERSION = 1
KEY = "bontot_terms"

# JavaScript's `\s` (ECMAScript WhiteSpace and LineTerminator); Python's differs (it has \x1c-\x1f and
# \x85 and lacks \ufeff), so a separator written for the browser is translated before Python uses it.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_CLASSES = {"s": _JS_SPACE, "d": "0-9", "w": "A-Za-z0-9_"}
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'", "nbsp": " "}
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#39|nbsp);")
_BLOCK_END = re.compile(r"</(p|li|tr|h\d|div|dd|dt)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# Ids are written as gaps, base 32, most significant group first: a group that continues the number is
# one of 32 characters from `]`, the last group one of 32 from `#`. Neither range holds `"` or `\`.
_LAST, _MORE = 0x23, 0x5D
# A word in most entries (`chi`, `bộ`, a year) is cheaper as a bitmap: `!`, then six ids per character,
# the character's code from `#` up, skipping `\` (64 characters: `#` to `c`).
_BITMAP, _BITS, _SKIP = "!", 0x23, 0x5C


def js_pattern(source: str) -> re.Pattern[str]:
    """The browser's `new RegExp(source)` in Python: `\\s`, `\\d` and `\\w` mean what they mean in JavaScript."""
    out, in_class, i = [], False, 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            escaped = source[i + 1]
            if escaped in _JS_CLASSES:
                body = _JS_CLASSES[escaped]
                out.append(body if in_class else f"[{body}]")
            else:
                out.append(source[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return re.compile("".join(out))


def unescape(text: str) -> str:
    """The worker's `unescapeHtml`: the few entities Material writes, nothing else."""
    return _ENTITY.sub(lambda match: _ENTITIES[match.group(1)], text)


def plain_text(html: str) -> str:
    """The worker's `plainText`: tags removed, a line break where a block ends."""
    return unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", html)))


def words(text: str, separator: re.Pattern[str]) -> list[str]:
    """The worker's `tokenize`, words only: the non-empty pieces between separators."""
    found, start = [], 0
    for match in separator.finditer(text):
        if start < match.start():
            found.append(text[start : match.start()])
        start = max(start, match.end())
    if start < len(text):
        found.append(text[start:])
    return found


def entry_texts(doc: dict[str, Any]) -> list[str]:
    """The texts the worker tokenises for an entry: title, body, and names when there are names."""
    texts = [unescape(str(doc.get("title") or "")), plain_text(str(doc.get("text") or ""))]
    if doc.get("names"):
        texts.append(unescape(str(doc["names"])))
    return texts


def postings(docs: Sequence[dict[str, Any]], separator_source: str,
             known: dict[tuple[Any, ...], list[str]] | None = None) -> dict[str, list[int]]:
    """Every folded word of the entries, with the ids (places in `docs`) of the entries holding it, ascending.
    `known`: the words of entries already tokenised, by `entry_key` (`known_terms`), taken as they are."""
    separator = js_pattern(separator_source + "|[*+~^]")
    folded: dict[str, str] = {}
    found: dict[str, list[int]] = {}
    for entry_id, doc in enumerate(docs):
        terms = known.get(entry_key(doc)) if known else None
        if terms is None:
            terms = []
            for text in entry_texts(doc):
                for word in words(text, separator):
                    term = folded.get(word)
                    if term is None:
                        term = folded[word] = fold(unicodedata.normalize("NFC", word))
                    terms.append(term)
        for term in terms:
            ids = found.setdefault(term, [])
            if not ids or ids[-1] != entry_id:
                ids.append(entry_id)
    return found


def entry_key(doc: dict[str, Any]) -> tuple[Any, ...]:
    """What an entry's words are made of (`entry_texts`)."""
    return tuple(v if v is None or isinstance(v, str) else repr(v) for v in (doc.get("title"), doc.get("text"), doc.get("names")))


def known_terms(index: dict[str, Any], separator_source: str) -> dict[tuple[Any, ...], list[str]]:
    """The words of each entry of a finished index, read back from its block (an incremental build's previous index:
    generator/site/incremental.py `merge_index`), so that only the new entries are tokenised again. Empty when the
    block is missing or was made with another version or separator."""
    config = index.get("config")
    if not isinstance(config, dict) or config.get("separator") != separator_source:
        return {}
    block, docs = config.get(KEY), index.get("docs", [])
    if not isinstance(block, dict) or block.get("version") != VERSION or block.get("entries") != len(docs):
        return {}
    terms: list[list[str]] = [[] for _ in docs]
    for term, encoded in zip(block.get("terms", []), block.get("postings", []), strict=False):
        for entry_id in decode_ids(encoded):
            terms[entry_id].append(term)
    return {entry_key(doc): entry_terms for doc, entry_terms in zip(docs, terms, strict=True)}


def js_order(term: str) -> bytes:
    """Sort key for JavaScript's string order (UTF-16 code units), which the worker bisects."""
    return term.encode("utf-16-be", "surrogatepass")


def _bitmap(ids: Sequence[int]) -> str:
    values = [0] * (ids[-1] // 6 + 1)
    for entry_id in ids:
        values[entry_id // 6] |= 1 << (entry_id % 6)
    return _BITMAP + "".join(chr(_BITS + value + (value >= _SKIP - _BITS)) for value in values)


def encode_ids(ids: Sequence[int]) -> str:
    """Ascending ids as a short ASCII string, gaps (`[0, 1, 2, 40]` -> `###^(`) or a bitmap, whichever is shorter."""
    gaps = _gaps(ids)
    if ids and ids[-1] // 6 + 2 < len(gaps):
        return _bitmap(ids)
    return gaps


def _gaps(ids: Iterable[int]) -> str:
    out, previous = [], -1
    for entry_id in ids:
        gap, groups = entry_id - previous - 1, []
        previous = entry_id
        groups.append(chr(_LAST + gap % 32))
        gap //= 32
        while gap:
            groups.append(chr(_MORE + gap % 32))
            gap //= 32
        out.append("".join(reversed(groups)))
    return "".join(out)


def decode_ids(text: str) -> list[int]:
    """The ids `encode_ids` wrote (the worker's `decodeIds`)."""
    ids, previous, value = [], -1, 0
    if text.startswith(_BITMAP):
        for place, char in enumerate(text[1:]):
            bits = ord(char) - _BITS - (ord(char) > _SKIP)
            ids += [place * 6 + bit for bit in range(6) if bits >> bit & 1]
        return ids
    for char in text:
        code = ord(char)
        if code >= _MORE:
            value = value * 32 + code - _MORE
        else:
            previous += value * 32 + code - _LAST + 1
            ids.append(previous)
            value = 0
    return ids


def terms_block(index: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The `bontot_terms` block for the index: version, entry count, sorted terms, and each term's postings;
    None when the index has no separator to split words by. `previous`: an index finished before, whose entries'
    words are reused for the same entries here (`known_terms`)."""
    config = index.get("config")
    separator = config.get("separator") if isinstance(config, dict) else None
    if not isinstance(separator, str):
        return None
    docs = index.get("docs", [])
    found = postings(docs, separator, known_terms(previous, separator) if previous is not None else None)
    terms = sorted(found, key=js_order)
    return {"version": VERSION, "entries": len(docs), "terms": terms, "postings": [encode_ids(found[t]) for t in terms]}
