"""Several MkDocs processes (generator/site/shards.py) build the same site, byte for byte, as one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from sitetools import copy_project

from generator.core.problems import DataError
from generator.site import shards
from generator.site.build import build_site


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_and_three_processes_build_the_same_site_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    build_site(project / "data", project / "one", project / "mkdocs.yml", jobs=1)
    one = _files(project / "one")
    assert "MkDocs: 2 tiến trình" not in capsys.readouterr().err
    for jobs in (2, 3):
        build_site(project / "data", project / f"site{jobs}", project / "mkdocs.yml", jobs=jobs)
        assert f"MkDocs: {jobs} tiến trình song song" in capsys.readouterr().err
        other = _files(project / f"site{jobs}")
        assert sorted(other) == sorted(one)
        assert [path for path in one if one[path] != other[path]] == []
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".bontot-cache") == [], "no shard folder is left behind"


def test_a_failing_process_fails_the_build_and_keeps_the_old_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    build_site(project / "data", project / "site", project / "mkdocs.yml", jobs=2)
    before = _files(project / "site")
    # A hand-written page with a broken link: strict MkDocs stops in every process.
    (project / "site_src" / "huong-dan" / "ghi-chu.md").write_text("# Ghi chú\n\n[hỏng](khong-co.md)\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_site(project / "data", project / "site", project / "mkdocs.yml", jobs=2)
    assert "MkDocs không xây dựng được trang" in caught.value.problems[0].message
    assert "khong-co.md" in capsys.readouterr().err, "the processes' own messages are shown"
    assert _files(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".bontot-cache"] == []


def test_record_pages_are_dealt_in_turn_and_the_rest_go_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.files import InclusionLevel

    def file(uri: str, page: bool = True) -> SimpleNamespace:
        return SimpleNamespace(src_uri=uri, inclusion=InclusionLevel.INCLUDED, page=page)

    docs = [file("index.md"), file("don-vi/index.md"), file("don-vi/a.md"), file("don-vi/b.md"), file("khen-thuong/c.md"),
            file("nam/2024.md"), file("van-ban/d.md")]
    static = [file("assets/bontot.css", page=False), file("du-lieu/nam/2024.csv", page=False)]
    files = SimpleNamespace(documentation_pages=lambda: docs, static_pages=lambda: static)
    included = {}
    for k in (0, 1):
        for f in docs + static:
            f.inclusion = InclusionLevel.INCLUDED
        monkeypatch.setenv(shards.ENV, f"{k}/2")
        shards.take_share(files)
        included[k] = {f.src_uri for f in docs + static if f.inclusion is InclusionLevel.INCLUDED}
    everywhere = {"index.md", "don-vi/index.md", "nam/2024.md"}
    assert included[0] == everywhere | {"don-vi/a.md", "khen-thuong/c.md", "assets/bontot.css", "du-lieu/nam/2024.csv"}
    assert included[1] == everywhere | {"don-vi/b.md", "van-ban/d.md"}


def test_how_many_processes() -> None:
    plain, with_url = SimpleNamespace(site_url=None), SimpleNamespace(site_url="https://bontot.example/")
    assert shards.jobs(None, shards.MIN_PAGES - 1, plain) == 1
    assert 1 <= shards.jobs(None, shards.MIN_PAGES, plain) <= shards.MAX_JOBS
    assert shards.jobs(3, 10, plain) == 3
    assert shards.jobs(3, 10_000, with_url) == 1, "a sitemap lists the pages of one process only"
