"""`bontot demo`: valid, realistic synthetic data of any size; the same seed gives the same bytes.

The tree follows plan 1288-KH/ĐU: Đảng ủy Tập đoàn > Đảng ủy Tổng công ty > đảng bộ cơ sở (about one
per 30–50 chi bộ, some with a đảng bộ bộ phận) and a few chi bộ cơ sở. Evidence is drawn to agree
with each criterion's result as `derive.shortfalls` reads it, recognitions come from the body
`derive.authority` names, and Tập đoàn-level commendations fall only on sơ kết and tổng kết, twice
per five years. YAML is written as text (a yaml.dump of 200,000 assessments takes minutes).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.slugs import slug
from generator.demo import names as words
from generator.records.yamlsource import load_yaml
from generator.rules.derive import body_name

GROUP, CORPORATION = "dang-uy-tkv", "dang-uy-tct"
FIRST_YEAR = 2024  # the rulebook's thresholds start with plan 1288-KH/ĐU
# Chance that a criterion fails in a year for a unit of average weakness, chi bộ and đảng bộ cơ sở.
CELL_FAIL = (0.05, 0.06, 0.02, 0.03)
BASE_FAIL = (0.04, 0.03, 0.03, 0.02)


@dataclass
class DemoUnit:
    id: str
    name: str
    type: str
    parent: str | None
    short_name: str | None = None
    founded: int | None = None
    dissolved: int | None = None
    former_names: list[tuple[str, int]] = field(default_factory=list)
    note: str | None = None
    place: str = "Quảng Ninh"
    size: int = 20  # typical number of members (chi bộ)
    weakness: float = 1.0
    children: list[str] = field(default_factory=list)

    def existed(self, year: int) -> bool:
        return (self.founded is None or self.founded <= year) and (self.dissolved is None or year <= self.dissolved)


# --- YAML text -------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^\n#]*$")
_NUMBERISH = re.compile(r"^[-+.:0-9eE_ ]*$")  # could read as a number, date or time: quote it
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value: object) -> str:
    """One YAML scalar: plain when unambiguous, else a double-quoted (JSON) string; dates ISO, unquoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN.match(text) and not _NUMBERISH.match(text) and ": " not in text and not text.endswith((" ", ":"))
            and text.lower() not in _RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_safe(value: object) -> bool:
    return not isinstance(value, str) or not any(c in value for c in ",[]{}\"")


def _emit(value: Any, indent: str, lines: list[str]) -> None:
    """Block YAML for mappings of scalars, lists of scalars (flow style) and lists of mappings."""
    for key, item in value.items():
        if item is None or item == []:
            continue
        if isinstance(item, list) and isinstance(item[0], dict):
            lines.append(f"{indent}{key}:")
            for entry in item:
                sub: list[str] = []
                _emit(entry, indent + "    ", sub)
                sub[0] = f"{indent}  - {sub[0].lstrip()}"
                lines.extend(sub)
        elif isinstance(item, list) and all(_flow_safe(v) for v in item):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in item)}]")
        elif isinstance(item, list):
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {scalar(v)}" for v in item)
        elif isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            _emit(item, indent + "  ", lines)
        else:
            lines.append(f"{indent}{key}: {scalar(item)}")


def to_yaml(value: dict[str, Any], header: str) -> str:
    lines = [f"# {header}"]
    _emit(value, "", lines)
    return "\n".join(lines) + "\n"


# --- the tree --------------------------------------------------------------------------------


class _Ids:
    """Unique ids: a second `x` becomes `x-2`."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _split(rng: random.Random, total: int, parts: int, low: float, high: float) -> list[int]:
    """`total` split into `parts` integers in proportion to random weights between low and high."""
    weights = [rng.uniform(low, high) for _ in range(parts)]
    raw = [total * w / sum(weights) for w in weights]
    sizes = [math.floor(r) for r in raw]
    by_fraction = sorted(range(parts), key=lambda i: (sizes[i] - raw[i], i))
    for i in by_fraction[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _lifetime(rng: random.Random, unit: DemoUnit, years: list[int]) -> None:
    """A few chi bộ are founded or dissolved during the period; a few were renamed."""
    if len(years) < 2:
        return
    draw = rng.random()
    if draw < 0.03:
        unit.founded = rng.choice(years[1:])
    elif draw < 0.05:
        unit.dissolved = rng.choice(years[:-1])
        unit.note = f"Giải thể năm {unit.dissolved} do sắp xếp lại tổ chức sản xuất; đảng viên chuyển sinh hoạt về các chi bộ khác."
    if rng.random() < 0.02:
        for new, old in (("Phân xưởng", "Công trường"), ("Phòng", "Ban"), ("Đội", "Tổ")):
            if new in unit.name:
                unit.former_names.append((unit.name.replace(new, old, 1), rng.choice(years[:-1])))
                break


def _cell_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct department and workshop names for the chi bộ of one đảng bộ cơ sở."""
    offices = rng.sample(words.OFFICES, min(len(words.OFFICES), rng.randint(6, 12), count))
    rest = count - len(offices)
    names = list(offices)
    if rest > 0:
        families = rng.sample(words.WORKSHOPS, min(len(words.WORKSHOPS), max(1, rng.randint(3, 6), math.ceil(rest / 12))))
        for family, size in zip(families, _split(rng, rest, len(families), 1, 3), strict=True):
            names += [family] if size == 1 else [f"{family} {n}" for n in range(1, size + 1)]
    return names


def _companies(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(industry, place) pairs, each used once; numbered when the lists run out."""
    pairs = [(i, p) for i in words.INDUSTRIES for p in words.PLACES]
    rng.shuffle(pairs)
    result = []
    for n in range(count):
        industry, place = pairs[n % len(pairs)]
        lap = n // len(pairs)
        result.append((industry, place if lap == 0 else f"{place} {lap + 1}"))
    return result


def build_tree(rng: random.Random, total: int, years: list[int]) -> list[DemoUnit]:
    """Exactly `total` units in file order: the two committees, chi bộ cơ sở, then each đảng bộ cơ sở with its chi bộ."""
    ids = _Ids()
    group = DemoUnit(ids.take(GROUP), "Đảng ủy Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "cap-tren-co-so", None,
                     short_name="Đảng ủy Tập đoàn", place="Hà Nội")
    corp = DemoUnit(ids.take(CORPORATION), "Đảng ủy Tổng công ty Điện lực - TKV", "cap-tren-co-so", GROUP,
                    short_name="Đảng ủy Tổng công ty", place="Hà Nội")
    units = [group, corp]
    remaining = total - 2
    cells = min(20, max(1, round(math.sqrt(remaining) / 4)))
    bases = max(1, round((remaining - cells) / 41))
    sizes = _split(rng, remaining - cells - bases, bases, 30, 50)

    places = list(words.PLACES)
    rng.shuffle(places)
    for index in range(cells):
        if index == 0:
            label = "Cơ quan Tổng công ty"
        else:
            kind = words.BASE_CELLS[index % len(words.BASE_CELLS)]
            label = f"{kind} {places[index % len(places)]}"
        unit = DemoUnit(ids.take("cb-" + slug(label)), f"Chi bộ {label}", "chi-bo-co-so", CORPORATION,
                        size=rng.randint(15, 45), weakness=_weakness(rng))
        units.append(unit)

    for (industry, place), size in zip(_companies(rng, bases), sizes, strict=True):
        company = f"Công ty {industry} {place} - TKV"
        base = DemoUnit(ids.take("db-" + slug(f"{industry} {place}")), f"Đảng bộ {company}", "dang-bo-co-so", CORPORATION,
                        short_name=f"Đảng bộ {industry} {place}", place=place, weakness=_weakness(rng))
        short = base.id.removeprefix("db-")
        units.append(base)
        section_size = rng.randint(4, 8) if size >= 20 and rng.random() < 0.25 else 0
        direct = size - (section_size + 1 if section_size else 0)
        for name in _cell_names(rng, direct):
            large = not name.startswith(("Phòng", "Văn phòng", "Ban", "Trạm"))
            unit = DemoUnit(ids.take(f"cb-{short}-{slug(name)}"), f"Chi bộ {name}", "chi-bo-truc-thuoc-dang-uy-co-so", base.id,
                            place=place, size=rng.randint(12, 60) if large else rng.randint(6, 25), weakness=_weakness(rng))
            _lifetime(rng, unit, years)
            units.append(unit)
        if section_size:
            label = rng.choice(words.SECTIONS)
            section = DemoUnit(ids.take(f"dbbp-{short}-{slug(label)}"), f"Đảng bộ bộ phận {label}", "dang-bo-bo-phan", base.id, place=place)
            units.append(section)
            for n in range(1, section_size + 1):
                unit = DemoUnit(ids.take(f"cb-{short}-to-san-xuat-{n}"), f"Chi bộ Tổ sản xuất số {n}", "chi-bo-truc-thuoc-dang-bo-bo-phan",
                                section.id, place=place, size=rng.randint(10, 35), weakness=_weakness(rng))
                units.append(unit)
    by_id = {u.id: u for u in units}
    for unit in units:
        if unit.parent:
            by_id[unit.parent].children.append(unit.id)
    return units


def _weakness(rng: random.Random) -> float:
    return min(4.0, max(0.2, rng.lognormvariate(0, 0.6)))


# --- assessments -----------------------------------------------------------------------------


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


def cell_assessment(rng: random.Random, unit: DemoUnit, year: int, lines: list[str]) -> tuple[bool, int]:
    """One chi bộ's self-assessment (BT08: assessed_by chi-bo). Returns (passed, members)."""
    members = max(3, unit.size + rng.randint(-2, 2))
    draw = _draw(rng, CELL_FAIL, unit.weakness, CELL_MODES)
    lines.append(f"  - unit: {unit.id}")
    lines.append("    assessed_by: chi-bo")
    lines.append(f"    date: {year}-12-{rng.randint(8, 28):02d}")
    _criteria(draw, rng.random() < 0.8, lines)
    if rng.random() < 0.04:
        return draw.passed, members
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
    lines.append(f"      disciplined_members: {rng.randint(1, 2) if c3 == 'BT06' else 0}")
    return draw.passed, members


def base_assessment(rng: random.Random, unit: DemoUnit, year: int, members: int, organisations: int, lines: list[str]) -> bool:
    """One đảng bộ cơ sở, assessed by its đảng ủy (BT08), with the organisation counts of the model (II.2)."""
    draw = _draw(rng, BASE_FAIL, unit.weakness, BASE_MODES)
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
    lines.append(f"      disciplined_members: {rng.randint(1, 2) if c3 == 'BT06' else 0}")
    lines.append(f"      disciplined_organisations: {1 if c3 == 'orgs' else 0}")
    lines.append(f"      disciplined_leaders: {1 if c3 == 'leaders' else 0}")
    return draw.passed


def assess_year(rng: random.Random, units: list[DemoUnit], year: int, passed: dict[tuple[str, int], bool]) -> str:
    """The text of assessments/<year>.yaml: every existing chi bộ and đảng bộ cơ sở, in tree order."""
    by_id = {u.id: u for u in units}
    blocks: dict[str, list[str]] = {}
    members: dict[str, int] = {}
    for unit in units:
        if unit.type.startswith("chi-bo") and unit.existed(year):
            lines: list[str] = []
            ok, count = cell_assessment(rng, unit, year, lines)
            blocks[unit.id], members[unit.id], passed[(unit.id, year)] = lines, count, ok
    for unit in units:
        if unit.type == "dang-bo-co-so":
            organisations = [c for c in unit.children if by_id[c].existed(year)]
            cells = [*organisations, *(g for c in organisations for g in by_id[c].children if by_id[g].existed(year))]
            lines = []
            passed[(unit.id, year)] = base_assessment(rng, unit, year, sum(members.get(c, 0) for c in cells), len(organisations), lines)
            blocks[unit.id] = lines
    out = [f"# Kết quả tự đánh giá năm {year} (dữ liệu mẫu do bontot demo sinh ra, hư cấu).", f"year: {year}", "assessments:"]
    for unit in units:
        if unit.id in blocks:
            out.extend(blocks[unit.id])
    return "\n".join(out) + "\n"


# --- decisions and their documents -----------------------------------------------------------


@dataclass
class _Docs:
    """Decision documents, numbered per issuer and year like a real register."""

    rng: random.Random
    records: list[dict[str, Any]] = field(default_factory=list)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    basis: tuple[str, ...] = ()

    def new(self, issuer: DemoUnit, body: str, date: dt.date, title: str, implements: str) -> str:
        key = (issuer.id, date.year)
        number = self.counters.get(key, self.rng.randint(10, 200)) + self.rng.randint(1, 12)
        self.counters[key] = number
        short = {GROUP: "tkv", CORPORATION: "tct"}.get(issuer.id, issuer.id.removeprefix("db-"))
        doc_id = f"{number}-qd-du-{short}-{date.year}"
        self.records.append({
            "id": doc_id, "number": f"{number}-QĐ/ĐU", "type": "quyet-dinh", "issuer": body_name(issuer.name, body),
            "place": issuer.place, "date": date, "title": title, "implements": [implements] if implements in self.basis else [],
        })
        return doc_id


def _person(rng: random.Random) -> str:
    family = rng.choices([f for f, _ in words.FAMILY], [w for _, w in words.FAMILY])[0]
    if rng.random() < 0.45:
        return f"{family} {rng.choice(words.FEMALE_MIDDLE)} {rng.choice(words.FEMALE_GIVEN)}"
    return f"{family} {rng.choice(words.MALE_MIDDLE)} {rng.choice(words.MALE_GIVEN)}"


def _individuals(rng: random.Random, cells: list[str], count: int) -> list[dict[str, Any]]:
    return [
        {"name": _person(rng), "position": rng.choice(words.POSITIONS), "unit": rng.choice(cells), "achievement": rng.choice(words.ACHIEVEMENTS)}
        for _ in range(count)
    ]


class _Decisions:
    """Yearly recognitions by the authority of plan II.5, a few commendations of people, and sơ kết / tổng kết."""

    def __init__(self, rng: random.Random, units: list[DemoUnit], years: list[int], passed: dict[tuple[str, int], bool],
                 docs: _Docs) -> None:
        self.rng, self.units, self.years, self.passed, self.docs = rng, units, years, passed, docs
        self.by_id = {u.id: u for u in units}
        self.bases = [u for u in units if u.type == "dang-bo-co-so"]
        self.base_orgs = [u.id for u in units if u.type in ("chi-bo-co-so", "dang-bo-co-so")]
        self.cells_of: dict[str, list[str]] = {b.id: [] for b in self.bases}
        for unit in units:
            if unit.type.startswith("chi-bo-truc-thuoc"):
                parent = self.by_id[unit.parent or ""]
                base = parent if parent.type == "dang-bo-co-so" else self.by_id[parent.parent or ""]
                self.cells_of[base.id].append(unit.id)
        self.records: list[dict[str, Any]] = []

    def add(self, decision_id: str, issuer: str, body: str, kind: str, occasion: str, year: int, date: dt.date, title: str,
            collectives: list[dict[str, Any]], individuals: list[dict[str, Any]], period_from: int | None = None) -> None:
        unit = self.by_id[issuer]
        implements = "1504-kh-du" if issuer == GROUP else "1288-kh-du"
        self.records.append({
            "id": decision_id, "document": self.docs.new(unit, body, date, title, implements), "issuer": issuer, "issuer_body": body,
            "kind": kind, "occasion": occasion, "year": year, "period_from": period_from,
            "collectives": collectives, "individuals": individuals,
        })

    def yearly(self, year: int) -> None:
        rng, passed = self.rng, self.passed
        for base in self.bases:
            recognised = [{"unit": c} for c in self.cells_of[base.id] if passed.get((c, year))]
            if recognised and rng.random() < 0.92:
                self.add(f"cong-nhan-{year}-{base.id.removeprefix('db-')}", base.id, "dang-uy", "cong-nhan", "hang-nam", year,
                         dt.date(year + 1, rng.randint(1, 2), rng.randint(1, 28)), f"Về việc công nhận “chi bộ bốn tốt” năm {year}",
                         recognised, [])
        recognised = [{"unit": u} for u in self.base_orgs if passed.get((u, year))]
        if recognised:
            self.add(f"cong-nhan-{year}-dang-uy-tct", CORPORATION, "ban-thuong-vu", "cong-nhan", "hang-nam", year,
                     dt.date(year + 1, 2, rng.randint(1, 28)),
                     f"Về việc công nhận “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt” năm {year}", recognised, [])
        for base in rng.sample(self.bases, max(1, round(len(self.bases) * 0.05))):
            good = [c for c in self.cells_of[base.id] if passed.get((c, year))]
            if good:
                self.add(f"giay-khen-{year}-{base.id.removeprefix('db-')}", base.id, "dang-uy", "giay-khen", "hang-nam", year,
                         dt.date(year + 1, 3, rng.randint(1, 28)),
                         f"Về việc tặng Giấy khen cho cá nhân có thành tích xuất sắc trong thực hiện mô hình “chi bộ bốn tốt” năm {year}",
                         [], _individuals(rng, good, rng.randint(3, 6)))

    def review(self, year: int) -> None:
        """Sơ kết in the third year and tổng kết in the fifth of each five-year term: Tập đoàn twice per five years (BT11)."""
        offset = (year - self.years[0]) % 5
        if offset not in (2, 4):
            return
        rng = self.rng
        occasion, start = ("so-ket" if offset == 2 else "tong-ket"), year - offset
        title = (f"Về việc tuyên dương tập thể, cá nhân tiêu biểu xuất sắc, {'sơ kết' if offset == 2 else 'tổng kết'} "
                 f"giai đoạn {start} - {year} thực hiện mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”")
        period = [y for y in self.years if start <= y <= year]
        steady = [u for u in self.units if u.type.startswith(("chi-bo", "dang-bo-co-so"))
                  and all(self.passed.get((u.id, y)) for y in period)]
        cells = [u.id for u in steady if u.type.startswith("chi-bo")]
        if not cells:
            return
        achievement = rng.choice(words.COLLECTIVE_ACHIEVEMENTS)
        picked = sorted(rng.sample(range(len(steady)), min(len(steady), max(3, min(60, len(self.units) // 100)))))
        self.add(f"{occasion}-{year}-dang-uy-tct", CORPORATION, "ban-thuong-vu", "tuyen-duong", occasion, year,
                 dt.date(year + 1, 3, rng.randint(1, 28)), title,
                 [{"unit": steady[i].id, "achievement": achievement} for i in picked], _individuals(rng, cells, rng.randint(5, 12)), start)
        top = [u for u in steady if u.type in ("chi-bo-co-so", "dang-bo-co-so")] or steady
        picked = sorted(rng.sample(range(len(top)), min(len(top), max(2, min(12, len(self.units) // 400)))))
        self.add(f"{occasion}-{year}-dang-uy-tkv", GROUP, "ban-thuong-vu", "tuyen-duong", occasion, year,
                 dt.date(year + 1, 4, rng.randint(1, 28)), title,
                 [{"unit": top[i].id, "achievement": achievement} for i in picked], _individuals(rng, cells, rng.randint(3, 8)), start)


def make_decisions(rng: random.Random, units: list[DemoUnit], years: list[int], passed: dict[tuple[str, int], bool],
                   docs: _Docs) -> list[dict[str, Any]]:
    """Every decision record, year by year."""
    decisions = _Decisions(rng, units, years, passed, docs)
    for year in years:
        decisions.yearly(year)
        decisions.review(year)
    return decisions.records


# --- the data folder -------------------------------------------------------------------------


def _unit_record(unit: DemoUnit) -> dict[str, Any]:
    return {
        "id": unit.id, "name": unit.name, "short_name": unit.short_name, "type": unit.type, "parent": unit.parent,
        "founded": unit.founded, "dissolved": unit.dissolved,
        "former_names": [{"name": n, "until": y} for n, y in unit.former_names], "note": unit.note,
    }


def _basis_documents(project_data: Path) -> list[dict[str, Any]]:
    """The legal basis (every document that is not a decision) from the project's documents.yaml."""
    records = load_yaml(project_data / "documents.yaml").data["documents"]
    return [r for r in records if r.get("type") != "quyet-dinh"]


def project_data_dir() -> Path:
    """The data/ folder whose rulebook and legal documents the demo reuses: ./data, else the one beside the package."""
    for candidate in (Path.cwd() / "data", Path(__file__).resolve().parents[2] / "data"):
        if (candidate / "rulebook.yaml").is_file() and (candidate / "documents.yaml").is_file():
            return candidate
    raise FileNotFoundError("rulebook.yaml")


def demo_files(units_total: int, years_total: int, seed: int, project_data: Path) -> dict[str, bytes]:
    """Every file of the demo data folder, relative path -> bytes. Pure apart from reading the project's rulebook."""
    rng = random.Random(seed)
    years = list(range(FIRST_YEAR, FIRST_YEAR + years_total))
    units = build_tree(rng, units_total, years)
    files: dict[str, bytes] = {}
    note = f"dữ liệu mẫu do `bontot demo --units {units_total} --years {years_total} --seed {seed}` sinh ra; mọi tên, số liệu đều hư cấu"
    site = {
        "title": f"Mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt” — dữ liệu mẫu {units_total} đơn vị",
        "corporation": CORPORATION, "group": GROUP, "sample_data": True, "recognized_only": False,
        "intro": [f"Đây là {note}. Trang dùng để thử tốc độ xây dựng và cách trình bày khi có nhiều đơn vị."],
    }
    files["site.yaml"] = to_yaml(site, f"Thiết lập chung ({note}).").encode()
    files["units.yaml"] = to_yaml({"units": [_unit_record(u) for u in units]}, f"Cây tổ chức đảng ({note}).").encode()
    files["rulebook.yaml"] = (project_data / "rulebook.yaml").read_bytes()
    passed: dict[tuple[str, int], bool] = {}
    for year in years:
        files[f"assessments/{year}.yaml"] = assess_year(rng, units, year, passed).encode()
    basis = _basis_documents(project_data)
    docs = _Docs(random.Random(seed + 1), basis=tuple(str(d["id"]) for d in basis))
    for decision in make_decisions(rng, units, years, passed, docs):
        files[f"decisions/{decision['id']}.yaml"] = to_yaml(decision, f"Quyết định ({note}).").encode()
    files["documents.yaml"] = to_yaml({"documents": [*basis, *docs.records]}, f"Danh mục văn bản ({note}).").encode()
    return dict(sorted(files.items()))


def write_demo(out: Path, units_total: int, years_total: int, seed: int) -> int:
    """Write the demo data folder into `out` (which must be empty or missing). Returns the number of files."""
    files = demo_files(units_total, years_total, seed, project_data_dir())
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(files)
