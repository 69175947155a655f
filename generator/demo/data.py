"""`bontot demo`: valid, realistic synthetic data of any size; the same seed gives the same bytes.

The tree follows plan 1288-KH/ĐU: Đảng ủy Tập đoàn > Đảng ủy Tổng công ty > đảng bộ cơ sở (about one
per 30–50 chi bộ, some with a đảng bộ bộ phận) and a few chi bộ cơ sở. Evidence is drawn to agree
with each criterion's result as `derive.shortfalls` reads it, recognitions come from the body
`derive.authority` names, and Tập đoàn-level commendations fall only on sơ kết and tổng kết, twice
per five years. YAML is written as text (a yaml.dump of 200,000 assessments takes minutes).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from generator.demo.assessments import assess_year
from generator.demo.decisions import DemoDocuments, make_decisions
from generator.demo.tree import CORPORATION, GROUP, DemoUnit, build_tree
from generator.demo.yamltext import to_yaml
from generator.records.yamlsource import load_yaml

FIRST_YEAR = 2024  # the rulebook's thresholds start with plan 1288-KH/ĐU


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
    docs = DemoDocuments(random.Random(seed + 1), basis=tuple(str(d["id"]) for d in basis))
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
