"""JSON Schema (draft 2020-12) for every record kind, so editors validate YAML while typing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.records.models import RECORD_FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "site": "Thiết lập trang (data/site.yaml)",
    "units": "Cây tổ chức đảng (data/units.yaml)",
    "rulebook": "Bộ tiêu chí và ngưỡng (data/rulebook.yaml)",
    "documents": "Danh mục văn bản (data/documents.yaml)",
    "assessments": "Kết quả đánh giá một năm (data/assessments/*.yaml)",
    "decisions": "Quyết định công nhận, khen thưởng (data/decisions/*.yaml)",
}


def schemas() -> dict[str, dict[str, Any]]:
    """One schema per record kind, keyed by kind."""
    result = {}
    for kind, model in RECORD_FILES.items():
        schema = model.model_json_schema()
        result[kind] = {"$schema": DRAFT, "$id": f"{kind}.schema.json", **schema, "title": TITLES[kind]}
    return result


def write_schemas(out_dir: Path) -> list[Path]:
    """Write `<kind>.schema.json` files; unchanged files are left untouched."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in schemas().items():
        path = out_dir / f"{kind}.schema.json"
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
