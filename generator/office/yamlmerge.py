"""Merging workbook values into assessment records: the same edit on plain data (to check) and on ruamel's
round-trip nodes (to write), so what is checked is what is written, and untouched records keep their bytes."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.office.columns import Loc

# The order keys take when the importer adds one: the order of the record model and of the sample files.
_KEY_ORDER = [
    "id", "document", "issuer", "issuer_body", "kind", "occasion", "year", "period_from", "collectives", "individuals",  # decisions
    "unit", "assessed_by", "date", "model", "criteria", "result", "verdict", "evidence", "members", "member_ratings", "admissions",
    "target", "admitted", "regular_meetings", "thematic_meetings", "meeting_quality", "disciplined_members", "organisations",
    "organisation_ratings", "committee_meetings", "plenary_meetings", "disciplined_organisations", "disciplined_leaders",
    "htxsnv", "httnv", "htnv", "khtnv", "note",
]
_RANK = {key: index for index, key in enumerate(_KEY_ORDER)}
_FLOW = ("member_ratings", "organisation_ratings", "admissions")  # written `{htxsnv: 3, …}` like the sample files
Updates = dict[Loc, Any]


def plain(node: Any) -> Any:
    """ruamel's nodes as plain dicts, lists, str and int (for comparing with what the workbook says)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _new_map(rt: bool, key: str) -> MutableMapping[str, Any]:
    if not rt:
        return {}
    node = CommentedMap()
    if key in _FLOW:
        node.fa.set_flow_style()
    return node


def put_key(mapping: MutableMapping[str, Any], key: str, value: Any) -> None:
    """Set `key` only when its value differs (an equal value keeps its node and style); a new key goes where the record
    model orders it."""
    if key in mapping:
        if plain(mapping[key]) != plain(value):
            mapping[key] = value
        return
    if isinstance(mapping, CommentedMap):
        rank = _RANK.get(key, len(_RANK))
        position = sum(1 for k in mapping if _RANK.get(str(k), len(_RANK)) <= rank)
        mapping.insert(position, key, value)
    else:
        mapping[key] = value


def _set(node: MutableMapping[str, Any], loc: Loc, value: Any, rt: bool) -> None:
    head, rest = loc[0], loc[1:]
    assert isinstance(head, str)
    if not rest:
        if value is None:
            node.pop(head, None)
        else:
            put_key(node, head, value)
        return
    child = node.get(head)
    if isinstance(rest[0], int):  # criteria: always four items, so a blank result is reported, not shifted
        if not isinstance(child, list):
            if value is None:
                return
            child = CommentedSeq() if rt else []
            put_key(node, head, child)
        while len(child) <= rest[0]:
            child.append(_new_map(rt, head))
        item = child[rest[0]]
        if isinstance(item, MutableMapping):
            _set(item, rest[1:], value, rt)
        return
    if not isinstance(child, MutableMapping):
        if value is None:
            return
        child = _new_map(rt, head)
        put_key(node, head, child)
    _set(child, rest, value, rt)
    if not child:
        node.pop(head, None)


def apply(record: MutableMapping[str, Any], updates: Updates, rt: bool = False) -> None:
    """Set every field the workbook gives (None removes it); a map left empty is removed. Edits in place."""
    for loc, value in updates.items():
        _set(record, loc, value, rt)


def new_record(unit: str, assessed_by: str, rt: bool = False) -> MutableMapping[str, Any]:
    """The start of an assessment the workbook adds."""
    record = CommentedMap() if rt else {}
    record["unit"] = unit
    record["assessed_by"] = assessed_by
    return record


def round_trip_yaml() -> YAML:
    """ruamel in round-trip mode, set to the layout of the data files (lists indented under their key, no wrapping)."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def merge_file(path: Path, year: int, changed: dict[str, Updates], added: list[tuple[str, str, Updates]]) -> str:
    """The year file's new text: changed records edited in place, new ones appended, everything else as it was."""
    yaml = round_trip_yaml()
    if not path.exists():
        fresh = []
        for unit, assessed_by, updates in added:
            record = new_record(unit, assessed_by, rt=True)
            apply(record, updates, rt=True)
            fresh.append(_dump_items([record]))
        return ("# yaml-language-server: $schema=../../schema/assessments.schema.json\n"
                f"# Kết quả tự đánh giá “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt” năm {year} (nhập từ Excel bằng bontot import).\n"
                f"year: {year}\nassessments:\n" + "\n".join(fresh))
    document = yaml.load(path.read_text(encoding="utf-8"))
    records = document.get("assessments")
    if not isinstance(records, list):
        records = CommentedSeq()
        document["assessments"] = records
    seen: set[str] = set()
    for record in records:
        unit = str(record.get("unit")) if isinstance(record, MutableMapping) else ""
        if unit in changed and unit not in seen:
            apply(record, changed[unit], rt=True)
        seen.add(unit)
    for unit, assessed_by, updates in added:
        record = new_record(unit, assessed_by, rt=True)
        apply(record, updates, rt=True)
        records.append(record)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _dump_items(records: list[Any]) -> str:
    """Records as items of the `assessments:` list, indented as in the data files."""
    yaml = round_trip_yaml()
    out = io.StringIO()
    yaml.dump({"assessments": records}, out)
    return out.getvalue().split("\n", 1)[1]


def splice_file(path: Path, starts: list[tuple[int, str]], changed: dict[str, Updates], added: list[tuple[str, str, Updates]]) -> str:
    """The year file's new text, editing only the lines of changed records (ruamel round trip on each record's own
    text) and appending new ones: the rest of the file keeps its bytes, and the cost follows the edit, not the file
    (a whole 2,000-unit file through ruamel takes 17 s). `starts` holds the first line and unit of each record, in order."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    yaml = round_trip_yaml()
    done: set[str] = set()
    pieces: list[str] = []
    cursor = 0
    for index, (start, unit) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # blank lines and section comments after a record belong to what follows
        block = lines[start - 1:end]
        if unit not in changed or unit in done:
            continue
        done.add(unit)
        document = yaml.load("assessments:\n" + "".join(block))
        apply(document["assessments"][0], changed[unit], rt=True)
        out = io.StringIO()
        yaml.dump(document, out)
        pieces += [*lines[cursor:start - 1], out.getvalue().split("\n", 1)[1]]
        cursor = end
    pieces += lines[cursor:]
    text = "".join(pieces)
    if not added:
        return text
    fresh = []
    for unit, assessed_by, updates in added:
        record = new_record(unit, assessed_by, rt=True)
        apply(record, updates, rt=True)
        fresh.append(_dump_items([record]))
    return text.rstrip("\n") + "\n\n" + "\n".join(fresh)


def write_atomic(path: Path, text: str, verify: Callable[[Path], bool] | None = None) -> bool:
    """Write beside the target, then rename over it: a reader never sees half a file. When `verify` refuses the
    written copy, the target is left as it was and False is returned."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if verify is not None and not verify(Path(temp)):
            Path(temp).unlink()
            return False
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
        return True
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
