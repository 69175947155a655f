"""Unit, decision, statistics and report pages are kept without making their context when their inputs are unchanged
(pages/facts.py `LazyPage`, the `inputs` of pages/units.py, decisions.py, stats.py and report.py), and so are the downloads (pages/files.py `FileTask`).
The danger is an input `inputs` forgets: a page or file that should change and is kept. Each edit below changes one
kind of record; for every such page and file, inputs unchanged must mean bytes unchanged."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.demo.data import write_demo
from generator.office.report import report_periods
from generator.pages import decisions, report, stats, units
from generator.pages.facts import SiteFacts
from generator.pages.files import file_key, plan_files
from generator.pages.pageindex import page_key
from generator.pages.render import render
from generator.records.dataset import Dataset, load

SAMPLE = Path(__file__).resolve().parents[1] / "data"


def _dataset(data: Path) -> Dataset:
    ds, problems = load(data)
    assert ds is not None, problems
    return ds


def _lazy_pages(data: Path) -> dict[str, tuple[bytes | None, str | bytes]]:
    """Each unit and decision page's key (from its inputs) and Markdown, and each download's key and bytes."""
    facts = SiteFacts(_dataset(data))
    pages: dict[str, tuple[bytes | None, str | bytes]] = {}
    lazies = [units.lazy_page(facts, ref.record) for ref in facts.ds.units]
    lazies += [decisions.lazy_page(facts, ref.record) for ref in facts.ds.decisions]
    lazies += [stats.lazy_page(facts), *(report.lazy_page(facts, first, last) for first, last, _ in report_periods(facts.ds))]
    for lazy in lazies:
        page = lazy.make()
        pages[lazy.path] = (page_key(lazy), render(page.template, page.context))
    tasks = plan_files(facts.ds, facts.evaluations, [uid for uid, _ in facts.order], facts.parent_rates, facts.report,
                       facts.digest, facts.shared_inputs(), facts.report_inputs)
    for task in tasks:
        if task.inputs is not None:
            made = task.make()
            assert sorted(made) == sorted(task.paths), "a task makes the files it names"
            pages.update((path, (file_key(task), data)) for path, data in made.items())
    return pages


def _sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(new, encoding="utf-8")


def _unit_field(data: Path, unit_id: str, field: str, value: str) -> None:
    """Set (or add) one field of a unit in units.yaml."""
    path = data / "units.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {unit_id}\n")
    end = text.find("\n  - id:", start + 1)
    end = len(text) if end < 0 else end
    block = text[start:end]
    line = re.search(rf"^(\s+){field}: .*$", block, flags=re.MULTILINE)
    if line:
        block = block[:line.start()] + f"{line.group(1)}{field}: {value}" + block[line.end():]
    else:
        indent = re.search(r"^(\s+)name: ", block, flags=re.MULTILINE)
        assert indent is not None
        block = block.rstrip("\n") + f"\n{indent.group(1)}{field}: {value}" + block[len(block.rstrip("\n")):]
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


def _issuer(ds: Dataset) -> str:
    """A unit that issued decisions and has units below it."""
    return next(r.record.issuer for r in ds.decisions if ds.children.get(r.record.issuer) and r.record.collectives)


def _named_cell(ds: Dataset) -> str:
    """A chi bộ named in a decision."""
    return next(r.record.collectives[0].unit for r in ds.decisions if r.record.collectives)


def rename_issuer(data: Path, ds: Dataset) -> None:
    uid = _issuer(ds)
    _unit_field(data, uid, "name", f'"{ds.unit[uid].name} Mới"')


def rename_issuers_superior(data: Path, ds: Dataset) -> None:
    """The committee above an issuer: named in the decision's Party header."""
    uid = ds.unit[_issuer(ds)].parent
    assert uid is not None
    _unit_field(data, uid, "name", f'"{ds.unit[uid].name} Mới"')


def rename_cell(data: Path, ds: Dataset) -> None:
    uid = _named_cell(ds)
    _unit_field(data, uid, "name", f'"{ds.unit[uid].name} Mới"')


def short_name(data: Path, ds: Dataset) -> None:
    uid = _issuer(ds)
    _unit_field(data, uid, "short_name", '"Tên ngắn mới"')


def parent_label_letter(data: Path, ds: Dataset) -> None:
    """One letter of a đảng bộ's label in the statistics by parent (its short name, else its name), the bytes' count
    unchanged: the download's size then stays the same and cannot stand in for the label (pages/stats.py `inputs`)."""
    parent = next(r.record for r in ds.units if r.record.type in ("dang-bo-co-so", "dang-bo-bo-phan") and ds.children.get(r.record.id))
    label = parent.short_name or parent.name
    at = max(i for i, c in enumerate(label) if c in "aeo")
    _unit_field(data, parent.id, "short_name", f'"{label[:at]}{"e" if label[at] != "e" else "o"}{label[at + 1:]}"')


def former_name(data: Path, ds: Dataset) -> None:
    uid = _named_cell(ds)
    _unit_field(data, uid, "former_names", '[{name: "Chi bộ Tên Cũ", until: 2023}]')


def move_cell(data: Path, ds: Dataset) -> None:
    """A chi bộ trực thuộc moves to another đảng bộ cơ sở."""
    cell = next(r.record for r in ds.units if r.record.type.startswith("chi-bo-truc-thuoc"))
    other = next(r.record.id for r in ds.units if r.record.type == ds.unit[cell.parent or ""].type and r.record.id != cell.parent)
    _unit_field(data, cell.id, "parent", other)


def assessment_result(data: Path, ds: Dataset) -> None:
    year = max(ds.years)
    _sub(data / "assessments" / f"{year}.yaml", r"- result: dat\n(\s+)verdict: dat$", "- result: khong-dat\\n\\1verdict: khong-dat")


def assessment_note(data: Path, ds: Dataset) -> None:
    year = max(ds.years)
    _sub(data / "assessments" / f"{year}.yaml", r"^(\s+)- result: khong-dat\n(\s+)note: .*$", "\\1- result: khong-dat\\n\\2note: Ghi chú mới.")


def cell_result(data: Path, ds: Dataset) -> None:
    """A chi bộ trực thuộc's verdict: on a large site, shown on its đảng bộ cơ sở's page too."""
    year = max(ds.years)
    uid = next(unit for unit, y in ds.assessment if y == year and ds.unit[unit].type.startswith("chi-bo-truc-thuoc")
               and "verdict: dat" in _block(data / "assessments" / f"{year}.yaml", f"- unit: {unit}\n"))
    path = data / "assessments" / f"{year}.yaml"
    text = path.read_text(encoding="utf-8")
    block = _block(path, f"- unit: {uid}\n")
    start = text.index(block)
    changed = block.replace("- result: dat", "- result: khong-dat", 1).replace("verdict: dat", "verdict: khong-dat")
    path.write_text(text[:start] + changed + text[start + len(block):], encoding="utf-8")


def _block(path: Path, head: str) -> str:
    """The text of the list item that starts with `head`, up to the next item."""
    text = path.read_text(encoding="utf-8")
    start = text.index(head)
    end = text.find("\n  - ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def member_ratings(data: Path, ds: Dataset) -> None:
    """One member rated lower: the statistics' members section changes, no verdict does."""
    path = data / "assessments" / f"{max(ds.years)}.yaml"
    found = re.search(r"httnv: (\d+), htnv: (\d+)", path.read_text(encoding="utf-8"))
    assert found is not None
    _sub(path, re.escape(found.group()), f"httnv: {int(found[1]) - 1}, htnv: {int(found[2]) + 1}")


def decision_entry(data: Path, ds: Dataset) -> None:
    ref = next(r for r in ds.decisions if len(r.record.collectives) > 1)
    _sub(ref.source.path, rf"^  - unit: {re.escape(ref.record.collectives[0].unit)}\b.*\n", "")


def decision_body(data: Path, ds: Dataset) -> None:
    ref = next(r for r in ds.decisions if r.record.issuer_body == "dang-uy")
    _sub(ref.source.path, r"^issuer_body: dang-uy$", "issuer_body: ban-thuong-vu")


def document_title(data: Path, ds: Dataset) -> None:
    document = next(r.record.document for r in ds.decisions if r.record.collectives)
    _sub(data / "documents.yaml", rf"(- id: {re.escape(document)}\n(?:\s+\w+: .*\n)*?\s+title: ).*$", "\\1Tiêu đề mới")


def site_recognized_only(data: Path, ds: Dataset) -> None:
    _sub(data / "site.yaml", r"^recognized_only: false$", "recognized_only: true")


def decision_entry_no_word_file(data: Path, ds: Dataset) -> None:
    """As `decision_entry`, on a site that publishes recognitions only (SETUP): no Word report, whose size would
    otherwise stand in for the report's content in the report page's inputs."""
    decision_entry(data, ds)


def rulebook_title(data: Path, ds: Dataset) -> None:
    _sub(data / "rulebook.yaml", r"^(\s+title: )(.*)$", "\\1Tiêu chí đổi tên")


EDITS: dict[str, Callable[[Path, Dataset], None]] = {
    f.__name__: f for f in (rename_issuer, rename_issuers_superior, rename_cell, short_name, parent_label_letter, former_name, move_cell, assessment_result, cell_result,
                            assessment_note, member_ratings,
                            decision_entry, decision_entry_no_word_file, decision_body, document_title, site_recognized_only, rulebook_title)
}


# Done before the pages are first made, so that an edit is tried on another kind of site.
SETUP: dict[str, Callable[[Path, Dataset], None]] = {"decision_entry_no_word_file": site_recognized_only}


# Edits that unit pages do not show (short names are for long lists,
# decision rows show the document's number, not its title), but whose records the pages read.
SHOWN_ELSEWHERE = {"short_name", "parent_label_letter", "document_title"}


# Edits every page reads: the site's settings, the rulebook, the Tổng công ty (every unit's ancestor).
EVERYWHERE = {"site_recognized_only", "rulebook_title", "rename_issuers_superior"}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample, and a 260-unit demo: past 200 units a year lists only the đảng bộ cơ sở, whose pages then show
    the chi bộ below them year by year (pages/units.py `cells_results`)."""
    root = tmp_path_factory.mktemp("lazy")
    demo = root / "demo"
    write_demo(demo, 260, 2, 1)
    return {"sample": SAMPLE, "demo": demo}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("name", ["sample", "demo"])
def test_a_page_whose_inputs_are_unchanged_is_unchanged(name: str, edit: str, datasets: dict[str, Path], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(datasets[name], data)
    if edit in SETUP:
        SETUP[edit](data, _dataset(data))
    before = _lazy_pages(data)
    EDITS[edit](data, _dataset(data))
    after = _lazy_pages(data)
    kept = [path for path in after if path in before and before[path][0] == after[path][0]]
    assert [path for path in kept if before[path][1] != after[path][1]] == [], "kept, but its Markdown changed"
    assert [path for path in after if before.get(path, (None, ""))[0] != after[path][0]], "the edit is in some page's inputs"
    if edit not in SHOWN_ELSEWHERE:
        assert [path for path in after if before.get(path, (None, ""))[1] != after[path][1]], "the edit shows on some page"
    assert len(kept) > len(after) // 2 or edit in EVERYWHERE, "most pages are kept"
