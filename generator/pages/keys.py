"""Records and contexts as bytes that two processes agree on: the stuff page keys are hashed from."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
import sys
from typing import Any

from pydantic import BaseModel

from generator.records.dataset import keeping


class _KeyPickler(pickle.Pickler):
    """Pickles a record by its class and fields in their declared order: pydantic's own pickle holds the set of fields
    given, whose order changes with Python's string hashing, so no two processes would agree. (A bare set would do the
    same; it would cost a render, never give wrong bytes.)"""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            return object.__new__, (type(obj),), tuple(obj.__dict__.items())
        return NotImplemented


def stable_bytes(value: object, fast: bool = False) -> bytes:
    """`value` (records, evaluations, plain data) as bytes; pickle's errors when it holds something that cannot be pickled.

    `fast`: no memo, so an object met twice is written twice and equal values give equal bytes whether or not they are
    the same object (records loaded from the cache share strings that records parsed afresh do not). Only for small
    values: a context full of shared records would be written many times over."""
    out = io.BytesIO()
    pickler = _KeyPickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = fast
    pickler.dump(value)
    return out.getvalue()


_LAST: dict[int, tuple[object, bytes]] = {}  # the last build's hashes, in a process that keeps records


def _still_used() -> dict[int, tuple[object, bytes]]:
    """The last build's hashes whose object something besides them still holds (a record of an unchanged file, its
    evaluation), shared with the next `Digests`."""
    for key in [key for key, (value, _) in _LAST.items() if sys.getrefcount(value) <= 3]:  # ours, the loop's, the call's
        del _LAST[key]
    return _LAST


class Digests:
    """A hash of each record or evaluation, computed once per build however many pages read it."""

    def __init__(self) -> None:
        # id -> (the object, kept alive so its id stays its own; hash). In a process that keeps records between loads
        # (`bontot serve`'s worker), the hashes of the last build whose objects are still in use are kept too.
        self._known: dict[int, tuple[object, bytes]] = _still_used() if keeping() else {}
        self._out = io.BytesIO()
        self._pickler = _KeyPickler(self._out, protocol=pickle.HIGHEST_PROTOCOL)
        self._pickler.fast = True  # see `stable_bytes`

    def __call__(self, value: object) -> bytes:
        if value is None:
            return b""
        known = self._known.get(id(value))
        if known is None:
            known = self._known[id(value)] = (value, hashlib.sha256(self._flat(value)).digest())
        return known[1]

    def _flat(self, value: object) -> bytes:
        if isinstance(value, BaseModel):  # pydantic's JSON (in Rust): every field, in declared order; records hold no sets
            return type(value).__name__.encode() + type(value).__pydantic_serializer__.to_json(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):  # an Evaluation: its fields as one tuple
            value = (type(value).__name__, *vars(value).values())
        self._out.seek(0)
        self._out.truncate()
        self._pickler.dump(value)
        return self._out.getvalue()
