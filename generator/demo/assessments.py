"""The demo's assessments: evidence drawn to agree with each criterion's result as `derive.shortfalls` reads it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from generator.demo import names as words
from generator.demo.tree import DemoUnit
from generator.demo.yamltext import scalar

# Chance that a criterion fails in a year for a unit of average weakness, chi bộ and đảng bộ cơ sở.
CELL_FAIL = (0.05, 0.06, 0.02, 0.03)
BASE_FAIL = (0.04, 0.03, 0.03, 0.02)


def _ratings(rng: random.Random, total: int, bad: int, cap_excellent: bool = True) -> str:
    """`{htxsnv, httnv, htnv, khtnv}` with `bad` rated below HTTNV; HTXSNV kept within 20 % of HTTNV (BT13)."""
    good = total - bad
    excellent = rng.randint(0, good // 6) if cap_excellent else rng.randint(0, good // 3)
    failed = 1 if bad >= 2 and rng.random() < 0.3 else 0
    return f"{{htxsnv: {excellent}, httnv: {good - excellent}, htnv: {bad - failed}, khtnv: {failed}}}"


def _below(rng: random.Random, total: int) -> int:
    """How many rated below HTTNV so that the share rated HTTNV or better falls under 90 %."""
    return min(total, total // 10 + 1 + rng.randint(0, max(0, total // 8)))


@dataclass
class _Draw:
    """One year's results of one unit, before they become text."""

    failed: list[str | None]  # per criterion: None (đạt), or the rule the evidence shows, or "note"
    notes: list[str | None]

    @property
    def passed(self) -> bool:
        return all(f is None for f in self.failed)


def _draw(rng: random.Random, rates: tuple[float, ...], weakness: float, modes: tuple[tuple[str, ...], ...]) -> _Draw:
    failed: list[str | None] = []
    notes: list[str | None] = []
    for index, rate in enumerate(rates):
        if rng.random() >= rate * weakness:
            failed.append(None)
            notes.append(None)
            continue
        mode = rng.choice(modes[index])
        failed.append(mode)
        notes.append(rng.choice(words.NOTES[index + 1]) if mode == "note" or rng.random() < 0.5 else None)
    return _Draw(failed, notes)


CELL_MODES = (("BT02", "BT02", "BT03", "note"), ("regular", "thematic", "BT05", "BT05", "note"), ("BT06", "BT06", "note"), ("note",))
BASE_MODES = (("BT02", "orgs", "BT03", "note"), ("committee", "plenary", "note"), ("BT06", "orgs", "leaders", "note"), ("note",))


def _criteria(draw: _Draw, verdict: bool, lines: list[str]) -> None:
    lines.append("    criteria:")
    for mode, note in zip(draw.failed, draw.notes, strict=True):
        lines.append("      - result: dat" if mode is None else "      - result: khong-dat")
        if note:
            lines.append(f"        note: {scalar(note)}")
    if verdict:
        lines.append(f"    verdict: {'dat' if draw.passed else 'khong-dat'}")


def _admissions(rng: random.Random, target: int, short: bool) -> str:
    if short:
        target = max(1, target)
        return f"{{target: {target}, admitted: {rng.randint(0, target - 1)}}}"
    return f"{{target: {target}, admitted: {target + (1 if rng.random() < 0.15 else 0)}}}"


def cell_assessment(rng: random.Random, unit: DemoUnit, year: int, lines: list[str]) -> tuple[bool, int, int]:
    """One chi bộ's self-assessment (BT08: assessed_by chi-bo). Returns (passed, members, disciplined members)."""
    members = max(3, unit.size + rng.randint(-2, 2))
    draw = _draw(rng, CELL_FAIL, unit.weakness, CELL_MODES)
    lines.append(f"  - unit: {unit.id}")
    lines.append("    assessed_by: chi-bo")
    lines.append(f"    date: {year}-12-{rng.randint(8, 28):02d}")
    _criteria(draw, rng.random() < 0.8, lines)
    if rng.random() < 0.04:
        return draw.passed, members, 0
    c1, c2, c3 = draw.failed[:3]
    bad = _below(rng, members) if c1 == "BT02" else rng.randint(0, members // 10)
    target = max(0, round(members / 15) + rng.randint(-1, 1))
    lines.append("    evidence:")
    lines.append(f"      members: {members}")
    lines.append(f"      member_ratings: {_ratings(rng, members, bad)}")
    lines.append(f"      admissions: {_admissions(rng, target, c1 == 'BT03')}")
    lines.append(f"      regular_meetings: {rng.randint(9, 11) if c2 == 'regular' else 12}")
    lines.append(f"      thematic_meetings: {rng.randint(2, 3) if c2 == 'thematic' else rng.randint(4, 6)}")
    lines.append(f"      meeting_quality: {rng.choice(('kha', 'kha', 'trung-binh')) if c2 == 'BT05' else 'tot'}")
    disciplined = rng.randint(1, 2) if c3 == "BT06" else 0
    lines.append(f"      disciplined_members: {disciplined}")
    return draw.passed, members, disciplined


def base_assessment(rng: random.Random, unit: DemoUnit, year: int, members: int, organisations: int, lines: list[str],
                    cells_disciplined: int = 0) -> bool:
    """One đảng bộ cơ sở, assessed by its đảng ủy (BT08), with the organisation counts of the model (II.2).

    Its members include its cells' (II.2.3): members its cells report disciplined are disciplined members of the
    đảng bộ too, so its criterion 3 is then không đạt (BT06) and its count at least theirs (BT20 agrees)."""
    draw = _draw(rng, BASE_FAIL, unit.weakness, BASE_MODES)
    drawn_discipline = draw.failed[2] == "BT06"
    if cells_disciplined and draw.failed[2] is None:
        draw.failed[2] = "BT06"
    lines.append(f"  - unit: {unit.id}")
    lines.append("    assessed_by: dang-uy")
    lines.append(f"    date: {year + 1}-01-{rng.randint(5, 20):02d}")
    _criteria(draw, rng.random() < 0.9, lines)
    c1, c2, c3 = draw.failed[:3]
    members = max(members, 3)
    bad = _below(rng, members) if c1 == "BT02" else rng.randint(0, members // 10)
    org_bad = _below(rng, organisations) if c1 == "orgs" else rng.randint(0, organisations // 10)
    lines.append("    evidence:")
    lines.append(f"      members: {members}")
    lines.append(f"      member_ratings: {_ratings(rng, members, bad)}")
    lines.append(f"      admissions: {_admissions(rng, max(1, members // 25) + rng.randint(0, 2), c1 == 'BT03')}")
    if organisations:
        lines.append(f"      organisations: {organisations}")
        lines.append(f"      organisation_ratings: {_ratings(rng, organisations, org_bad, cap_excellent=False)}")
    lines.append(f"      committee_meetings: {rng.randint(10, 11) if c2 == 'committee' else 12}")
    lines.append(f"      plenary_meetings: {1 if c2 == 'plenary' else 2}")
    lines.append(f"      disciplined_members: {cells_disciplined + (rng.randint(1, 2) if drawn_discipline else 0)}")
    lines.append(f"      disciplined_organisations: {1 if c3 == 'orgs' else 0}")
    lines.append(f"      disciplined_leaders: {1 if c3 == 'leaders' else 0}")
    return draw.passed


def assess_year(rng: random.Random, units: list[DemoUnit], year: int, passed: dict[tuple[str, int], bool]) -> str:
    """The text of assessments/<year>.yaml: every existing chi bộ and đảng bộ cơ sở, in tree order."""
    by_id = {u.id: u for u in units}
    blocks: dict[str, list[str]] = {}
    members: dict[str, int] = {}
    disciplined: dict[str, int] = {}
    for unit in units:
        if unit.type.startswith("chi-bo") and unit.existed(year):
            lines: list[str] = []
            ok, count, punished = cell_assessment(rng, unit, year, lines)
            blocks[unit.id], members[unit.id], disciplined[unit.id], passed[(unit.id, year)] = lines, count, punished, ok
    for unit in units:
        if unit.type == "dang-bo-co-so":
            organisations = [c for c in unit.children if by_id[c].existed(year)]
            cells = [*organisations, *(g for c in organisations for g in by_id[c].children if by_id[g].existed(year))]
            lines = []
            passed[(unit.id, year)] = base_assessment(rng, unit, year, sum(members.get(c, 0) for c in cells), len(organisations), lines,
                                                      sum(disciplined.get(c, 0) for c in cells))
            blocks[unit.id] = lines
    out = [f"# Kết quả tự đánh giá năm {year} (dữ liệu mẫu do bontot demo sinh ra, hư cấu).", f"year: {year}", "assessments:"]
    for unit in units:
        if unit.id in blocks:
            out.extend(blocks[unit.id])
    return "\n".join(out) + "\n"
