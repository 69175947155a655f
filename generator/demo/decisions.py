"""The demo's decisions and their documents: recognitions from the body `derive.authority` names, Tập đoàn-level
commendations only on sơ kết and tổng kết.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from generator.demo import names as words
from generator.demo.tree import CORPORATION, GROUP, DemoUnit
from generator.rules.derive import body_name


@dataclass
class DemoDocuments:
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
                 docs: DemoDocuments) -> None:
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
                   docs: DemoDocuments) -> list[dict[str, Any]]:
    """Every decision record, year by year."""
    decisions = _Decisions(rng, units, years, passed, docs)
    for year in years:
        decisions.yearly(year)
        decisions.review(year)
    return decisions.records
