"""The fast YAML reader gives exactly the full parser's data whenever it accepts a text, and steps aside otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.demo.data import demo_files, project_data_dir
from generator.records import fastyaml, textfile, yamlscalars, yamlsource

ROOT = Path(__file__).resolve().parents[1]


def _full(text: str) -> Any:
    node = yamlsource._compose(yamlsource._Loader, text)
    return yamlsource._Converter().convert(node, ()) if node is not None else None


def _agrees(text: str) -> bool:
    """True when the fast reader accepted `text`; then its data must be the full parser's, type for type."""
    fast = fastyaml.read(text, yamlscalars.plain)
    if fast is None:
        return False
    assert repr(fast) == repr(_full(text)), text
    return True


def test_every_data_file_of_the_project_reads_the_same() -> None:
    for path in sorted(ROOT.glob("data/**/*.yaml")) + sorted(ROOT.glob("tests/**/*.yaml")):
        try:
            text = textfile.decode(path.read_bytes())
        except yamlsource.YamlError:
            continue
        try:
            _agrees(text)
        except (yaml.YAMLError, yamlsource.YamlError, RecursionError):
            assert fastyaml.read(text, yamlscalars.plain) is None, f"{path}: accepted what the full parser refuses"


def test_demo_files_take_the_fast_path() -> None:
    files = demo_files(60, 2, 1, project_data_dir())
    fast = [rel for rel, data in files.items() if rel != "rulebook.yaml" and _agrees(data.decode("utf-8"))]
    assert len(fast) == len(files) - 1


def test_positions_come_lazily_for_fast_files(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("# c\nunits:\n  - id: a\n    name: Chi bộ A\n    founded: 2008\n", encoding="utf-8")
    source = yamlsource.load_yaml(path)
    assert source.data == {"units": [{"id": "a", "name": "Chi bộ A", "founded": 2008}]}
    assert source.where(("units", 0, "founded")) == (5, 14)
    assert source.key_positions[("units", 0, "name")] == (4, 5)


_KEYS = ["a", "b", "unit", "x_1", "yes", "null", "on"]
_VALUES = [
    "1", "-1", "+1", "0x1", "1.5", ".5", "1e3", "true", "True", "no", "null", "~", "", "2024-1-5", "2024-13-40", "2024-12-09",
    "x: y", "x:", "a #c", "a#b", "'q'", "'it''s'", '"d"', '"a\\nb"', '"a # b"', "{a: 1, b: x}", "{a: 1,}", "{}", "[a, 1]", "[]",
    "[a,", "{a: 1", "- x", "-x", "-", "? x", ":x", "&a x", "*a", "!!str x", "|", ">-", "%x", "@x", "`x", "ệ", "e\u0301",
    "Chi bộ [x]", "a, b", "12:30", "1_000", ".inf", "[a, 'b']", "{a: 1} x", "'a' b", "x y z", "\x0b", "\t1",
]
_LINE = st.one_of(
    st.builds(lambda i, k, v, sep: " " * i + k + ":" + (f" {v}" if v else sep),
              st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3]), st.sampled_from(_KEYS), st.sampled_from(_VALUES),
              st.sampled_from(["", " ", " # c"])),
    st.builds(lambda i, gap, v: " " * i + "-" + gap + v, st.sampled_from([0, 2, 2, 4, 1]), st.sampled_from([" ", "  ", ""]),
              st.sampled_from(_VALUES + [f"{k}: {v}" for k in _KEYS[:3] for v in _VALUES[:12]])),
    st.builds(lambda i, t: " " * i + t, st.sampled_from([0, 2, 4]), st.sampled_from(["# c", "", "---", "...", "x", "  ", "a : 1"])),
)


@settings(max_examples=3000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(_LINE, min_size=1, max_size=8), st.sampled_from(["\n", "", "\r\n"]))
def test_fast_reader_agrees_with_the_full_parser(lines: list[str], end: str) -> None:
    text = "\n".join(lines) + end
    try:
        _agrees(text)
    except (yaml.YAMLError, yamlsource.YamlError, RecursionError):
        assert fastyaml.read(text, yamlscalars.plain) is None, f"accepted what the full parser refuses: {text!r}"
