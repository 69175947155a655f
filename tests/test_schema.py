"""The JSON Schemas that editors use are valid draft 2020-12, accept the real data and refuse bad keys."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from generator.records.schema import schemas
from generator.records.yamlsource import load_yaml

ROOT = Path(__file__).resolve().parents[1]
DATA_DIRS = {"data": ROOT / "data", "minimal": ROOT / "tests" / "fixtures" / "minimal"}
KINDS = ["site", "units", "rulebook", "documents", "assessments", "decisions"]
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)

SCHEMAS = schemas()


def _kind(data_dir: Path, path: Path) -> str:
    relative = path.relative_to(data_dir)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _files() -> list[tuple[str, Path, Path]]:
    found = []
    for label, data_dir in DATA_DIRS.items():
        for path in sorted(data_dir.rglob("*.yaml")):
            found.append((label, data_dir, path))
    return found


def _as_json(value: Any) -> Any:
    """YAML gives datetime.date for `2024-02-05`; the editor sees the same text as a JSON string.

    The schema says `{"type": "string", "format": "date"}`, so dates are turned back into their ISO
    text before validating, exactly as an editor's YAML-to-JSON step would.
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(SCHEMAS[kind], format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_one_schema_per_kind() -> None:
    assert sorted(SCHEMAS) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[kind])
    assert SCHEMAS[kind]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    ("label", "data_dir", "path"), _files(), ids=[f"{label}/{p.relative_to(d)}" for label, d, p in _files()]
)
def test_schema_accepts_every_data_file(label: str, data_dir: Path, path: Path) -> None:
    data = _as_json(load_yaml(path).data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(_kind(data_dir, path)).iter_errors(data)]
    assert not errors


def test_every_kind_is_covered_by_data() -> None:
    for data_dir in DATA_DIRS.values():
        assert {_kind(data_dir, p) for p in data_dir.rglob("*.yaml")} == set(KINDS)


def _minimal(name: str) -> Any:
    return _as_json(load_yaml(DATA_DIRS["minimal"] / name).data)


def test_schema_refuses_an_unknown_key() -> None:
    units = _minimal("units.yaml")
    units["units"][0]["parnet"] = "dang-uy-tct"
    with pytest.raises(jsonschema.ValidationError) as exc:
        _validator("units").validate(units)
    assert exc.value.validator == "additionalProperties"
    assert "parnet" in exc.value.message


@pytest.mark.parametrize("field", ["phone", "cccd", "dia_chi", "ngay_sinh", "date_of_birth"])
def test_schema_refuses_personal_data(field: str) -> None:
    decision = _minimal("decisions/cong-nhan-2024-dang-uy-tct.yaml")
    decision["individuals"] = [{"name": "Nguyễn Văn An", "unit": "cb-co-quan", field: "x"}]
    with pytest.raises(jsonschema.ValidationError) as exc:
        _validator("decisions").validate(decision)
    assert exc.value.validator == "additionalProperties"
    assert list(exc.value.absolute_path) == ["individuals", 0]


def test_schema_refuses_a_bad_id_and_an_unknown_type() -> None:
    units = _minimal("units.yaml")
    units["units"][0]["id"] = "cb/co-quan"
    units["units"][1]["type"] = "chi-bo"
    failing = {e.validator for e in _validator("units").iter_errors(units)}
    assert failing == {"pattern", "enum"}


def test_schema_refuses_an_impossible_date() -> None:
    documents = _minimal("documents.yaml")
    documents["documents"][0]["date"] = "2024-13-40"
    assert [e.validator for e in _validator("documents").iter_errors(documents)] == ["format"]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_has_a_vietnamese_title(kind: str) -> None:
    title = SCHEMAS[kind]["title"]
    assert VIETNAMESE.search(title), title
    assert f"data/{kind}" in title


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((f"{path}/{name}", prop))
        for key, value in node.items():
            found.extend(_properties(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_properties(item, f"{path}/{index}"))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_vietnamese_title(kind: str) -> None:
    """pydantic would make `Short Name` out of `short_name`; every field must say what it is in Vietnamese."""
    missing = []
    for path, prop in _properties(SCHEMAS[kind]):
        name = path.rsplit("/", 1)[-1]
        title = prop.get("title", "")
        if not title or title == name.replace("_", " ").title():
            missing.append(path)
    assert not missing


def test_titles_are_mostly_vietnamese() -> None:
    titles = [prop.get("title", "") for kind in KINDS for _, prop in _properties(SCHEMAS[kind])]
    vietnamese = [t for t in titles if VIETNAMESE.search(t)]
    assert len(vietnamese) >= 0.9 * len(titles)
