"""Load every record under data/ into one immutable Dataset, collecting every problem.

Phase one of the build: nothing here writes anything.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.core.problems import Level, Problem, display_path
from generator.records.datafiles import link_problem, list_data_files
from generator.records.fulltext import load_texts
from generator.records.models import (
    RECORD_FILES,
    Assessment,
    AssessmentsFile,
    Decision,
    Document,
    DocumentsFile,
    Rulebook,
    Site,
    Unit,
    UnitsFile,
)
from generator.records.schema_errors import validation_problems
from generator.records.textfile import read_bytes
from generator.records.yamlsource import Loc, SourceFile, YamlError, load_yaml

T = TypeVar("T", bound=BaseModel)

SINGLE_FILES = ("site", "units", "rulebook", "documents")
FOLDERS = ("assessments", "decisions")


@dataclass(frozen=True)
class Ref(Generic[T]):
    """A record together with where it came from, so later phases can point at its lines."""

    record: T
    source: SourceFile
    loc: Loc
    year: int = 0  # assessments only: the year of their file

    def problem(self, sub: Loc, message: str, rule: str, level: Level = Level.ERROR) -> Problem:
        return self.source.problem((*self.loc, *sub), message, rule, level)


@dataclass(frozen=True)
class Dataset:
    """Every record as loaded, plus indexes. Derived facts live in `derive.py`, not here."""

    site: Ref[Site]
    rulebook: Ref[Rulebook]
    units: list[Ref[Unit]]
    documents: list[Ref[Document]]
    assessments: list[Ref[Assessment]]
    decisions: list[Ref[Decision]]
    files: list[SourceFile] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # document id -> full text (data/texts/<id>.txt)
    assessments_complete: bool = True  # False when an assessments file could not be read or typed

    @cached_property
    def unit(self) -> dict[str, Unit]:
        return {ref.record.id: ref.record for ref in self.units}

    @cached_property
    def unit_ref(self) -> dict[str, Ref[Unit]]:
        return {ref.record.id: ref for ref in self.units}

    @cached_property
    def document(self) -> dict[str, Document]:
        return {ref.record.id: ref.record for ref in self.documents}

    @cached_property
    def decision(self) -> dict[str, Decision]:
        return {ref.record.id: ref.record for ref in self.decisions}

    @cached_property
    def children(self) -> dict[str | None, list[str]]:
        result: dict[str | None, list[str]] = defaultdict(list)
        for ref in self.units:
            result[ref.record.parent].append(ref.record.id)
        return dict(result)

    @cached_property
    def assessment(self) -> dict[tuple[str, int], Ref[Assessment]]:
        """First assessment per (unit, year); BT12 reports any second one."""
        result: dict[tuple[str, int], Ref[Assessment]] = {}
        for ref in self.assessments:
            result.setdefault((ref.record.unit, ref.year), ref)
        return result

    @cached_property
    def years(self) -> list[int]:
        return sorted({ref.year for ref in self.assessments} | {ref.record.year for ref in self.decisions})


def _validate(source: SourceFile, model: type[T], problems: list[Problem]) -> T | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, source, model))
        return None
    finally:
        source.data = None  # the typed records replace it: a third less memory at 20,000 units


@contextmanager
def _acyclic() -> Iterator[None]:
    """Loading makes millions of objects without reference cycles; the cyclic collector would scan them again and
    again (loading 20,000 units took twice as long). Afterwards they are frozen out of its way for the whole build."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class _Kept:
    """Each file's typed record by its bytes, from one load to the next, in a process that loads the same folder again
    and again (`bontot serve`'s build worker, generator/site/buildworker.py): an edit of one file reads and validates
    that file, not the 500 others (at 2,000 units, 0.8 s of each preview rebuild). Off in `bontot build`, which lets
    the records go before MkDocs runs."""

    on: ClassVar[bool] = False
    last: ClassVar[dict[tuple[Path, type[BaseModel]], tuple[bytes, SourceFile, BaseModel]]] = {}
    now: ClassVar[dict[tuple[Path, type[BaseModel]], tuple[bytes, SourceFile, BaseModel]]] = {}


def keep_between_loads() -> None:
    """From now on, `load` reuses the typed records of the files whose bytes are unchanged since the last load."""
    _Kept.on = True


def keeping() -> bool:
    """Whether this process keeps records between loads (`keep_between_loads`): then what is computed from an
    unchanged record may be kept too (rules/derive.py, pages/keys.py)."""
    return _Kept.on


def _typed(path: Path, model: type[T], problems: list[Problem]) -> tuple[SourceFile | None, T | None]:
    """The file read and validated as `model`: (None, None) when unreadable, (source, None) when invalid."""
    raw = None
    if _Kept.on:
        with suppress(YamlError):
            raw = read_bytes(path)
        kept = _Kept.last.get((path, model))
        if raw is not None and kept is not None and kept[0] == raw and isinstance(kept[2], model):
            _Kept.now[(path, model)] = kept
            return kept[1], kept[2]
    source = _read(path, problems)
    record = _validate(source, model, problems) if source else None
    if raw is not None and source is not None and record is not None:
        _Kept.now[(path, model)] = (raw, source, record)
    return source, record


def _read(path: Path, problems: list[Problem]) -> SourceFile | None:
    try:
        return load_yaml(path)
    except YamlError as exc:
        problems.append(Problem(display_path(path), exc.line, exc.column, Level.ERROR, exc.message, "YAML"))
        return None


def _yaml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    return list_data_files(folder, (".yaml", ".yml"), problems, folder.parent)


def load(data_dir: Path) -> tuple[Dataset | None, list[Problem]]:
    """Read and type-check every file. Returns no Dataset when a required file is unusable."""
    _Kept.now = {}
    try:
        with _acyclic():
            return _load(data_dir)
    finally:
        _Kept.last, _Kept.now = _Kept.now, {}


def _load(data_dir: Path) -> tuple[Dataset | None, list[Problem]]:
    problems: list[Problem] = []
    if not data_dir.is_dir():
        shown = display_path(data_dir)
        problems.append(
            Problem(shown, 1, 1, Level.ERROR, f"Không tìm thấy thư mục dữ liệu '{shown}'; hãy chỉ đúng thư mục bằng --data.", "DATA")
        )
        return None, problems

    try:
        top = sorted(data_dir.iterdir())
    except OSError as exc:
        shown = display_path(data_dir)
        problems.append(Problem(
            shown, 1, 1, Level.ERROR, f"Không đọc được thư mục dữ liệu '{shown}' ({exc.strerror}); hãy kiểm tra quyền đọc.", "DATA"
        ))
        return None, problems

    singles: dict[str, tuple[SourceFile, BaseModel] | None] = {}
    files: list[SourceFile] = []
    for name in SINGLE_FILES:
        path = next((p for p in (data_dir / f"{name}.yaml", data_dir / f"{name}.yml") if p in top), None)
        if path is not None and (problem := link_problem(path, data_dir)) is not None:
            problems.append(problem)
            singles[name] = None
            continue
        if path is None:
            shown = display_path(data_dir / f"{name}.yaml")
            problems.append(Problem(shown, 1, 1, Level.ERROR, f"Thiếu tệp bắt buộc {name}.yaml trong thư mục dữ liệu.", "DATA"))
            singles[name] = None
            continue
        source, record = _typed(path, RECORD_FILES[name], problems)
        singles[name] = (source, record) if source and record else None
        if source:
            files.append(source)

    assessments: list[Ref[Assessment]] = []
    complete = True
    for path in _yaml_files(data_dir / "assessments", problems):
        source, parsed = _typed(path, AssessmentsFile, problems)
        if source is None:
            complete = False
            continue
        files.append(source)
        complete = complete and parsed is not None
        if parsed:
            assessments.extend(Ref(a, source, ("assessments", i), parsed.year) for i, a in enumerate(parsed.assessments))

    decisions: list[Ref[Decision]] = []
    for path in _yaml_files(data_dir / "decisions", problems):
        source, decision = _typed(path, Decision, problems)
        if source is None:
            continue
        files.append(source)
        if decision:
            decisions.append(Ref(decision, source, ()))

    known = {data_dir / f"{n}.{ext}" for n in SINGLE_FILES for ext in ("yaml", "yml")}
    for path in (p for p in top if p.suffix in (".yaml", ".yml") and p not in known):
        problems.append(
            Problem(
                display_path(path), 1, 1, Level.WARNING,
                "Tệp này không được dùng; tệp hợp lệ là site.yaml, units.yaml, rulebook.yaml, documents.yaml, "
                "và các tệp trong assessments/ và decisions/.",
                "DATA",
            )
        )

    if any(singles[name] is None for name in SINGLE_FILES):
        return None, problems

    def single(name: str) -> tuple[SourceFile, BaseModel]:
        value = singles[name]
        assert value is not None
        return value

    site_src, site = single("site")
    units_src, units = single("units")
    rules_src, rulebook = single("rulebook")
    docs_src, docs = single("documents")
    assert isinstance(site, Site) and isinstance(units, UnitsFile)
    assert isinstance(rulebook, Rulebook) and isinstance(docs, DocumentsFile)
    dataset = Dataset(
        site=Ref(site, site_src, ()),
        rulebook=Ref(rulebook, rules_src, ()),
        units=[Ref(u, units_src, ("units", i)) for i, u in enumerate(units.units)],
        documents=[Ref(d, docs_src, ("documents", i)) for i, d in enumerate(docs.documents)],
        assessments=assessments,
        decisions=decisions,
        files=files,
        texts=load_texts(data_dir, {d.id for d in docs.documents}, problems),
        assessments_complete=complete,
    )
    return dataset, problems
