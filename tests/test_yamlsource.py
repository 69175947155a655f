"""The YAML loader: positions of values and keys, YAML 1.2 scalars, NFC text, refusals with a line."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.records import textfile, yamlsource
from generator.records.dataset import load
from generator.records.yamlsource import YamlError, load_yaml

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


def _load(tmp_path: Path, text: str | bytes) -> yamlsource.SourceFile:
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path)


def _error(tmp_path: Path, text: str | bytes) -> YamlError:
    with pytest.raises(YamlError) as exc:
        _load(tmp_path, text)
    return exc.value


DOC = """\
# a comment
units:
  - id: cb-a
    name: Chi bộ A
    founded: 2008
  - id: cb-b
    name:   "Chi bộ B"
evidence: {members: 20, member_ratings: {htxsnv: 3}}
"""


def test_positions_of_values(tmp_path: Path) -> None:
    source = _load(tmp_path, DOC)
    assert source.positions[()] == (2, 1)
    assert source.positions[("units",)] == (3, 3)
    assert source.positions[("units", 0)] == (3, 5)
    assert source.positions[("units", 0, "id")] == (3, 9)
    assert source.positions[("units", 0, "founded")] == (5, 14)
    assert source.positions[("units", 1, "name")] == (7, 13)  # the opening quote
    assert source.positions[("evidence", "members")] == (8, 21)
    assert source.positions[("evidence", "member_ratings", "htxsnv")] == (8, 50)


def test_positions_of_keys(tmp_path: Path) -> None:
    source = _load(tmp_path, DOC)
    assert source.key_positions[("units",)] == (2, 1)
    assert source.key_positions[("units", 0, "name")] == (4, 5)
    assert source.key_positions[("units", 1, "name")] == (7, 5)
    assert source.key_positions[("evidence", "member_ratings")] == (8, 25)


def test_where_falls_back_to_the_nearest_parent(tmp_path: Path) -> None:
    source = _load(tmp_path, DOC)
    assert source.where(("units", 0, "parent")) == (3, 5)  # a missing field points at its record
    assert source.where(("units", 0, "name"), key=True) == (4, 5)
    assert source.where(("nowhere", 3)) == (2, 1)


def test_problem_carries_path_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = _load(tmp_path, DOC)
    problem = source.problem(("units", 1, "name"), "Sai", "BT99")
    assert problem.format() == "f.yaml:7:13: error: Sai [BT99]"


@pytest.mark.parametrize("word", ["no", "No", "NO", "yes", "Yes", "on", "off", "On", "y", "n", "Y", "N"])
def test_yaml_1_1_booleans_stay_text(tmp_path: Path, word: str) -> None:
    assert _load(tmp_path, f"name: {word}\n").data == {"name": word}


@pytest.mark.parametrize(("text", "value"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_booleans(tmp_path: Path, text: str, value: bool) -> None:
    assert _load(tmp_path, f"flag: {text}\n").data == {"flag": value}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("-3", -3),
        ("0.9", 0.9),
        ("2024.0", 2024.0),
        ("012", 12),  # YAML 1.2: decimal, not octal
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("1:30", "1:30"),  # YAML 1.1 sexagesimal would make this 90
        (".inf", ".inf"),
        ("~", None),
        ("null", None),
        ("", None),
        ("'12'", "12"),
        ("1288-KH/ĐU", "1288-KH/ĐU"),
    ],
)
def test_scalars_follow_yaml_1_2_core(tmp_path: Path, text: str, value: object) -> None:
    data = _load(tmp_path, f"v: {text}\n").data
    assert data == {"v": value}
    assert type(data["v"]) is type(value)


def test_unquoted_date_is_a_date(tmp_path: Path) -> None:
    assert _load(tmp_path, "date: 2024-02-05\n").data == {"date": dt.date(2024, 2, 5)}


def test_quoted_date_stays_text(tmp_path: Path) -> None:
    assert _load(tmp_path, "date: '2024-02-05'\n").data == {"date": "2024-02-05"}


def test_impossible_date_stays_text_for_the_schema_to_report(tmp_path: Path) -> None:
    source = _load(tmp_path, "date: 2024-13-40\n")
    assert source.data == {"date": "2024-13-40"}
    assert source.positions[("date",)] == (1, 7)


def test_datetime_is_not_a_date(tmp_path: Path) -> None:
    assert _load(tmp_path, "date: 2024-02-05 10:00\n").data == {"date": "2024-02-05 10:00"}


def test_nfd_text_comes_back_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Chi bộ Phân xưởng Sửa chữa")
    key = unicodedata.normalize("NFD", "tên")
    assert nfd != unicodedata.normalize("NFC", nfd)
    data = _load(tmp_path, f"{key}: {nfd}\n").data
    assert data == {"tên": "Chi bộ Phân xưởng Sửa chữa"}
    assert all(unicodedata.is_normalized("NFC", s) for s in (*data, *data.values()))


def test_nfd_and_nfc_keys_are_the_same_key(tmp_path: Path) -> None:
    """Two spellings of one key (typed on different keyboards) are a duplicate, not two fields."""
    nfd = unicodedata.normalize("NFD", "tên")
    error = _error(tmp_path, f"tên: a\n{nfd}: b\n")
    assert (error.line, error.column) == (2, 1)


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    error = _error(tmp_path, "units:\n  - id: cb-a\n    name: A\n    type: chi-bo-co-so\n    name: B\n")
    assert (error.line, error.column) == (5, 5)
    assert "'name'" in error.message
    assert "dòng 3" in error.message


def test_bom_is_dropped(tmp_path: Path) -> None:
    assert _load(tmp_path, b"\xef\xbb\xbfname: A\n").data == {"name": "A"}


def test_latin_1_points_at_the_byte(tmp_path: Path) -> None:
    error = _error(tmp_path, b"a: 1\nname: Th\xf4ng\n")
    assert (error.line, error.column) == (2, 9)
    assert "UTF-8" in error.message


def test_nul_points_at_the_character(tmp_path: Path) -> None:
    error = _error(tmp_path, "a: 1\nname: Chi bộ\0\n")
    assert (error.line, error.column) == (2, 13)
    assert "NUL" in error.message


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x9b"])
def test_control_character_points_at_the_character(tmp_path: Path, char: str) -> None:
    """Word's soft line break (U+000B) and friends: YAML forbids them, the message must say where."""
    error = _error(tmp_path, f"a: 1\nname: Chi bộ{char}A\n")
    assert (error.line, error.column) == (2, 13)
    assert f"U+{ord(char):04X}" in error.message


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert "Tệp rỗng" in _error(tmp_path, text).message


def test_comment_only_file(tmp_path: Path) -> None:
    assert "chỉ có chú thích" in _error(tmp_path, "# nothing yet\n").message


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",
        "a: &x {k: 1}\nb:\n  <<: *x\n",
    ],
    ids=["alias", "merge"],
)
def test_anchors_and_aliases_are_refused(tmp_path: Path, text: str) -> None:
    assert "Neo và tham chiếu" in _error(tmp_path, text).message


def test_unused_anchor_is_harmless(tmp_path: Path) -> None:
    assert _load(tmp_path, "a: &x 1\n").data == {"a": 1}


def test_undefined_alias(tmp_path: Path) -> None:
    error = _error(tmp_path, "a: 1\nb: *nowhere\n")
    assert (error.line, error.column) == (2, 4)


def test_complex_key_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "? [a, b]\n: 1\n")
    assert "Khóa phải là một chữ" in error.message


@pytest.mark.parametrize("text", ["a: !!python/name:os.system\n", "a: !!binary aGVsbG8=\n", "a: !custom x\n"])
def test_tags_on_scalars_are_refused(tmp_path: Path, text: str) -> None:
    error = _error(tmp_path, text)
    assert (error.line, error.column) == (1, 4)
    assert "Thẻ YAML" in error.message


@pytest.mark.parametrize("text", ["a: !!python/tuple [1, 2]\n", "a: !!set {x: null}\n", "a: !custom\n  k: 1\n"])
def test_tags_on_collections_are_refused(tmp_path: Path, text: str) -> None:
    """Odd tags never slip through: on a list or a mapping as much as on a single value."""
    error = _error(tmp_path, text)
    assert error.line == 1
    assert "Thẻ YAML" in error.message


def test_explicit_standard_tags_are_fine(tmp_path: Path) -> None:
    assert _load(tmp_path, "a: !!str 12\nb: !!int '3'\n").data == {"a": "12", "b": 3}


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert "lồng nhau quá sâu" in error.message


def test_nesting_just_past_the_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    depth = yamlsource.MAX_DEPTH
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(depth + 1)) + f"{'  ' * (depth + 1)}leaf: 1\n"
    error = _error(tmp_path, text)
    assert "lồng nhau quá sâu" in error.message
    assert error.line > depth // 2


def test_moderate_nesting_is_fine(tmp_path: Path) -> None:
    assert _load(tmp_path, "a: " + "[" * 20 + "1" + "]" * 20 + "\n").data is not None


def test_too_large_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textfile, "MAX_FILE_BYTES", 10)
    assert "quá lớn" in _error(tmp_path, "name: Chi bộ Cơ quan\n").message


def test_two_documents_are_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "a: 1\n---\na: 2\n")
    assert error.line == 2
    assert "nhiều tài liệu" in error.message


def test_unclosed_quote_points_at_the_opening_quote(tmp_path: Path) -> None:
    error = _error(tmp_path, 'a: 1\nname: "Chi bộ\nb: 2\nc: 3\n')
    assert (error.line, error.column) == (2, 7)
    assert "nháy" in error.message


def test_uses_libyaml_when_available() -> None:
    """The module promises libyaml's parser when PyYAML was built with it (fast, bounded nesting)."""
    if not yaml.__with_libyaml__:
        # PyPI's wheels ship libyaml; without it every build silently takes the pure-Python parser (20 × slower).
        if os.environ.get("CI") == "true":
            pytest.fail("PyYAML was installed without libyaml (CI=true: install PyPI's wheel)", pytrace=False)
        pytest.skip("PyYAML without libyaml (a source build); the pure-Python parser is used and tested everywhere else")
    from yaml import _yaml  # type: ignore[attr-defined]

    assert yamlsource._BaseParser is _yaml.CParser


def test_no_stays_no_through_the_whole_load(tmp_path: Path) -> None:
    """`name: no` reaches the typed Unit as the text 'no', not False (and not a schema error)."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("name: Chi bộ Nhiên liệu Ca 1", "name: no"), encoding="utf-8")
    dataset, problems = load(data)
    assert problems == []
    assert dataset is not None
    assert dataset.unit["cb-mau-nhien-lieu-ca-1"].name == "no"


_FUZZ_CHARS = [*"ab:-[]{}\"'!&*#|>?,%@`\t\n \\0123456789.ệđ<~", "\u200b", "\x00", "\ufeff", "\x0b", "\u2028"]


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.binary(max_size=40), st.text(st.sampled_from(_FUZZ_CHARS), max_size=40).map(str.encode)))
def test_any_bytes_give_data_or_a_yaml_error(raw: bytes) -> None:
    """Whatever the file holds, the loader returns data or raises YamlError with a position: never another exception."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_bytes(raw)
        try:
            load_yaml(path)
        except YamlError as exc:
            assert exc.line >= 1 and exc.column >= 1
            assert exc.message
