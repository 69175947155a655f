"""What builds remember (generator/core/memo.py): the same results as computing afresh, in any process, and no more
than the current data needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import ROOT, copy_project

from generator.core import memo
from generator.pages.generate import generate


def test_a_remembered_result_is_returned_without_computing(tmp_path: Path) -> None:
    calls: list[str] = []

    def compute(value: str) -> str:
        calls.append(value)
        return value

    assert memo.memoized("x", b"k", lambda: compute("a")) == "a"  # outside memo_in: nothing kept
    assert memo.memoized("x", b"k", lambda: compute("a")) == "a"
    assert calls == ["a", "a"] and not tmp_path.joinpath("m").exists()
    with memo.memo_in(tmp_path / "m"):
        assert memo.memoized("x", b"k", lambda: compute("b")) == "b"
        assert memo.memoized("x", b"k", lambda: compute("c")) == "b", "the same key: remembered"
        assert memo.memoized("y", b"k", lambda: compute("d")) == "d", "another kind: not the same entry"
    assert calls == ["a", "a", "b", "d"]


def test_a_damaged_entry_is_computed_again_and_an_error_is_not_remembered(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    with memo.memo_in(folder):
        memo.memoized("x", b"k", lambda: 1)
    for entry in folder.iterdir():
        entry.write_bytes(b"not a pickle")
    with memo.memo_in(folder):
        assert memo.memoized("x", b"k", lambda: 2) == 2

    def fail() -> int:
        raise ValueError("bad data")

    with memo.memo_in(folder):
        for _ in range(2):
            try:
                memo.memoized("z", b"k", fail)
            except ValueError:
                pass
            else:
                raise AssertionError("the error must be raised again")
    assert not [p for p in folder.iterdir() if p.name.startswith("z-")]


def test_entries_a_run_did_not_use_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    with memo.memo_in(folder):
        memo.memoized("x", b"old", lambda: 1)
        memo.memoized("x", b"kept", lambda: 2)
    (folder / ".x-stray.tmp").write_bytes(b"")  # what a killed build leaves
    old = os.path.getmtime(next(folder.iterdir())) - 60
    for entry in folder.iterdir():
        os.utime(entry, (old, old))
    with memo.memo_in(folder):
        assert memo.memoized("x", b"kept", lambda: 3) == 2
    assert len(list(folder.iterdir())) == 1


def _site_src(project: Path) -> dict[str, bytes]:
    docs = project / "site_src"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.name.startswith(".bontot-")}


def _generate_in_child(project: Path, seed: str) -> tuple[int, int]:
    """generate() with the cache in a fresh process whose string hashing differs (PYTHONHASHSEED); (pages rendered,
    files generated)."""
    code = ("import sys; from pathlib import Path; from generator.pages.generate import generate; "
            "p = Path(sys.argv[1]); g = generate(p / 'data', p / 'site_src', 1, cache=p / '.bontot-cache'); "
            "print(g.rendered, g.pages)")
    done = subprocess.run([sys.executable, "-c", code, str(project)], cwd=project, check=True, capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
    rendered, pages = done.stdout.split()
    return int(rendered), int(pages)


def test_an_edit_with_a_warm_cache_gives_the_pages_of_a_cold_run(tmp_path: Path) -> None:
    """The cache is filled by one process and used by another (another string hash seed); after an edit, only the
    pages and downloads the edit changed are computed again, and site_src/ is byte for byte what a run without any
    cache writes."""
    warm, cold = copy_project(tmp_path / "warm"), copy_project(tmp_path / "cold")
    first, files = _generate_in_child(warm, "1")
    assert 0 < first < files
    cache = warm / ".bontot-cache"
    entries = {p.name for p in cache.iterdir()}
    assert (cache / "pages.index").is_file() and [name for name in entries if name.startswith("yaml-")]
    for project in (warm, cold):
        units = project / "data" / "units.yaml"
        text = units.read_text(encoding="utf-8")
        assert "name: Chi bộ Phòng Kế hoạch - Vật tư" in text
        units.write_text(text.replace("name: Chi bộ Phòng Kế hoạch - Vật tư", "name: Chi bộ Phòng Kế hoạch và Vật tư"), encoding="utf-8")
    again, _ = _generate_in_child(warm, "2")
    generate(cold / "data", cold / "site_src", 1)
    assert _site_src(warm) == _site_src(cold)
    assert not (cold / ".bontot-cache").exists(), "no cache asked, none written"
    new = {p.name for p in cache.iterdir()} - entries
    assert again > 0, "the edited unit's pages were rendered"
    assert again < first / 3, f"{again} of {first} pages rendered again for a one-name edit"
    assert [name for name in new if name.startswith("yaml-")] != [] and len([n for n in new if n.startswith("yaml-")]) == 1, \
        "only the edited data file is read again"


def test_a_hand_edit_of_the_same_size_is_found_with_a_warm_cache(tmp_path: Path) -> None:
    """The page index and the writer trust a generated file whose size and time are unchanged (pages/writer.py
    `trusted`); an edit that keeps the size still moves the time, so the file is read, and the edit reported."""
    from generator.core.problems import DataError

    project = copy_project(tmp_path / "p")
    cache = project / ".bontot-cache"
    generate(project / "data", project / "site_src", 1, cache=cache)
    page = project / "site_src" / "nam" / "2024.md"
    text = page.read_text(encoding="utf-8")
    assert "Năm" in text
    edited = text.replace("Năm", "NĂM", 1)
    assert len(edited.encode()) == len(text.encode())
    page.write_text(edited, encoding="utf-8")
    units = project / "data" / "units.yaml"  # any edit, so that the run is not skipped as a whole (pages/stamp.py)
    units.write_text(units.read_text(encoding="utf-8") + "\n# một dòng ghi chú\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        generate(project / "data", project / "site_src", 1, cache=cache)
    assert "đã bị sửa tay" in caught.value.problems[0].message
    assert page.read_text(encoding="utf-8") == edited


def test_the_libraries_hash_follows_site_packages_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m generator` puts the working folder first on sys.path, where an editable install leaves
    `bontot.egg-info`; `bontot` puts its script's folder there. Neither may change the hash (core/codekey.py), or
    every switch between the two would rebuild the whole site; a library installed in site-packages must."""
    from generator.core import codekey

    def digest() -> bytes:
        codekey.libraries_digest.cache_clear()
        return codekey.libraries_digest()

    try:
        before = digest()
        project = tmp_path / "project"
        (project / "bontot.egg-info").mkdir(parents=True)
        monkeypatch.setattr(sys, "path", [str(project), *sys.path])
        assert digest() == before
        site = tmp_path / "lib" / "site-packages"
        (site / "newlib-1.0.dist-info").mkdir(parents=True)
        monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
        assert digest() != before
    finally:
        monkeypatch.undo()
        codekey.libraries_digest.cache_clear()


def test_a_long_lived_process_reads_again_only_the_files_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`bontot serve`'s build worker keeps each file's typed records between loads (records/dataset.py
    `keep_between_loads`): an unchanged file gives the same objects, an edited one is read and validated again, and
    an invalid edit is reported as in a fresh load."""
    import shutil

    from generator.records import dataset

    monkeypatch.setattr(dataset._Kept, "on", True)
    monkeypatch.setattr(dataset._Kept, "last", {})
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    first, _ = dataset.load(data)
    assert first is not None
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("name: Chi bộ Phòng Kế hoạch - Vật tư",
                                                               "name: Chi bộ Phòng Kế hoạch và Vật tư"), encoding="utf-8")
    second, problems = dataset.load(data)
    assert second is not None and problems == []
    assert second.rulebook.record is first.rulebook.record and second.decisions[0].record is first.decisions[0].record
    assert second.units[0].record is not first.units[0].record
    assert "Chi bộ Phòng Kế hoạch và Vật tư" in {ref.record.name for ref in second.units}
    monkeypatch.setattr(dataset._Kept, "on", False)
    fresh, _ = dataset.load(data)
    assert fresh is not None
    assert [r.record for r in fresh.units] == [r.record for r in second.units]
    assert [r.record for r in fresh.assessments] == [r.record for r in second.assessments]
    monkeypatch.setattr(dataset._Kept, "on", True)
    units.write_text(units.read_text(encoding="utf-8").replace("type: chi-bo-co-so", "type: khong-co", 1), encoding="utf-8")
    broken, problems = dataset.load(data)
    assert broken is None and [p.rule for p in problems if p.level.name == "ERROR"], "the invalid edit is reported"


def test_a_long_lived_process_keeps_what_it_derived_from_unchanged_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the same process, what is derived from an unchanged assessment (its shortfalls, its evaluation, their
    hashes: rules/derive.py, pages/keys.py) is kept from one build to the next, and equals what a fresh process
    derives, after an edit of a unit's type (its model) and of an assessment."""
    import shutil

    from generator.pages.keys import Digests
    from generator.records import dataset
    from generator.rules import derive

    monkeypatch.setattr(dataset._Kept, "on", True)
    monkeypatch.setattr(dataset._Kept, "last", {})
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)

    def evaluations() -> dict[tuple[str, int], derive.Evaluation]:
        ds, problems = dataset.load(data)
        assert ds is not None, problems
        return derive.evaluate(ds)

    first = evaluations()
    digests = Digests()
    hashes = {key: digests(e) for key, e in first.items()}
    path = data / "assessments" / "2025.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("members: 34\n      member_ratings: {htxsnv: 3, httnv: 30,",
                                 "members: 35\n      member_ratings: {htxsnv: 3, httnv: 31,", 1), encoding="utf-8")
    second = evaluations()
    same = [key for key in second if key[1] != 2025 and second[key] is first.get(key)]
    assert same and len(same) == sum(1 for key in second if key[1] != 2025), "the other years' evaluations are kept"
    assert all(second[key] is not first[key] for key in second if key[1] == 2025), "the edited file's are made again"
    kept = Digests()
    assert all(kept(second[key]) == hashes[key] for key in same), "and their hashes"
    del first, hashes, digests
    units = data / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("type: dang-bo-co-so", "type: chi-bo-co-so", 1), encoding="utf-8")
    third = evaluations()
    monkeypatch.setattr(dataset._Kept, "on", False)
    fresh = evaluations()
    assert third == fresh and [e.model for e in third.values()] == [e.model for e in fresh.values()]
    assert {key: Digests()(e) for key, e in fresh.items()} == {key: kept(e) for key, e in third.items()}
