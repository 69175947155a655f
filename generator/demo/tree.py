"""The demo's unit tree: Tập đoàn > Tổng công ty > đảng bộ cơ sở (some with a đảng bộ bộ phận) and chi bộ, with
units founded, dissolved and renamed over the years.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from generator.core.slugs import slug
from generator.demo import names as words

GROUP, CORPORATION = "dang-uy-tkv", "dang-uy-tct"


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
