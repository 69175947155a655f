"""`bontot demo`: valid data at any size, the same bytes for the same seed; and how large sites keep pages small."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.problems import Level
from generator.demo.data import demo_files, project_data_dir
from generator.outputs import stats_page
from generator.pages.generate import render_site
from generator.rules.check import check
from generator.site.progress import PageProgress


def _demo(out: Path, *args: str) -> int:
    return main(["demo", *args, "--out", str(out)])


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_demo_data_passes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _demo(tmp_path / "a", "--units", "60", "--years", "2", "--seed", "1") == 0
    dataset, problems = check(tmp_path / "a")
    assert dataset is not None
    assert [p.format() for p in problems if p.level is Level.ERROR] == []
    assert len(dataset.units) == 60
    assert {ref.year for ref in dataset.assessments} == {2024, 2025}
    types = {ref.record.type for ref in dataset.units}
    assert {"cap-tren-co-so", "dang-bo-co-so", "chi-bo-co-so", "chi-bo-truc-thuoc-dang-uy-co-so"} <= types
    assert any(ref.record.kind == "cong-nhan" for ref in dataset.decisions)
    assert any(ref.record.individuals for ref in dataset.decisions)
    assert "bontot check --data" in capsys.readouterr().err


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        assert _demo(tmp_path / name, "--units", "60", "--years", "2", "--seed", seed) == 0
    first, again, other = (_files(tmp_path / n) for n in "abc")
    assert first == again
    assert first != other


def test_evidence_has_a_realistic_spread(tmp_path: Path) -> None:
    """Most units pass, some fail, and every failure the evidence shows is a failure the record states (0 errors)."""
    assert _demo(tmp_path / "d", "--units", "400", "--years", "3", "--seed", "5") == 0
    dataset, problems = check(tmp_path / "d")
    assert dataset is not None and not [p for p in problems if p.level is Level.ERROR]
    verdicts = [all(c.result == "dat" for c in ref.record.criteria) for ref in dataset.assessments]
    assert 0.6 < sum(verdicts) / len(verdicts) < 0.95
    for criterion in range(4):
        assert any(ref.record.criteria[criterion].result == "khong-dat" for ref in dataset.assessments)
    group = [ref for ref in dataset.decisions if ref.record.issuer == dataset.site.record.group]
    assert all(ref.record.occasion in ("so-ket", "tong-ket") for ref in group)


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        _demo(tmp_path / "x", "--units", "3", "--years", "2")
    assert exc.value.code == 2
    assert "cần số từ 10" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "units.yaml").write_text("units: []\n", encoding="utf-8")
    assert _demo(tmp_path / "full", "--units", "60", "--years", "1") == 2
    assert (tmp_path / "full" / "units.yaml").read_text(encoding="utf-8") == "units: []\n"


def test_large_site_lists_stop_at_base_organisations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a few hundred units, /don-vi/ and year pages list đảng bộ cơ sở with counts; their pages list the chi bộ.
    Past CHART_GROUPS parents, /thong-ke/ charts and tabulates the lowest few (lowered here: 700 units have ~17)."""
    monkeypatch.setattr(stats_page, "CHART_GROUPS", 5)
    monkeypatch.setattr(stats_page, "LOWEST_GROUPS", 3)
    folder = tmp_path / "big"
    for rel, data in demo_files(700, 2, 3, project_data_dir()).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    dataset, _ = check(folder)
    assert dataset is not None
    pages = {path: data.decode("utf-8") for path, data in render_site(dataset).items() if path.endswith(".md")}
    cell = next(ref.record for ref in dataset.units if ref.record.type == "chi-bo-truc-thuoc-dang-uy-co-so")
    base = dataset.unit[cell.parent or ""]
    assert f"({base.id}.md)" in pages["don-vi/index.md"]
    assert f"({cell.id}.md)" not in pages["don-vi/index.md"]
    assert f"../don-vi/{cell.id}.md" not in pages["nam/2024.md"]
    assert f"../don-vi/{base.id}.md" in pages["nam/2024.md"]
    assert "chi bộ trực thuộc đạt" in pages["nam/2024.md"]
    assert "## Kết quả các chi bộ trực thuộc" in pages[f"don-vi/{base.id}.md"]
    assert f"({cell.id}.md)" in pages[f"don-vi/{base.id}.md"]
    stats = pages["thong-ke/index.md"].split("## Theo đơn vị cấp trên", 1)[1].split("\n## ", 1)[0]
    assert stats.count("| [") == 3, "the three parents of the chart, not all"
    assert "bảng đủ 1" in stats and "don-vi-cap-tren.csv" in stats
    largest = max(pages, key=lambda p: len(pages[p]))
    assert len(pages[largest]) < 60_000, largest


def test_progress_line_only_for_long_passes() -> None:
    stream = io.StringIO()
    quiet = PageProgress(stream)
    quiet.start(3)
    for _ in range(3):
        quiet.tick("markdown")
    assert stream.getvalue() == ""
    loud = PageProgress(stream, quiet_seconds=0, every_seconds=0)
    loud.start(2)
    for phase in ("markdown", "markdown", "theme", "theme"):
        loud.tick(phase)
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("MkDocs: dựng trang HTML 2/2 trang")
    assert any(line.startswith("MkDocs: chuyển Markdown 2/2 trang") for line in lines)
