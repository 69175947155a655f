"""The browser folds words exactly as generator/outputs/search.py does (the site's search worker against `fold`)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from generator.outputs.search import fold

WORKER = Path("assets/javascripts/search-worker.js")


def _samples() -> list[str]:
    bases = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    letters = [unicodedata.normalize("NFC", b + t) for b in bases for t in tones] + ["đ", "d"]
    words = letters + [w.upper() for w in letters]
    phrases = ["Đảng ủy Tổng công ty Điện lực - TKV", "“chi bộ bốn tốt”", "(khen thưởng)", "1288-KH/ĐU", "90,5 %", "x"]
    return words + phrases + [unicodedata.normalize("NFD", p) for p in phrases]


def test_site_folds_like_python(browser: Any, site_dir: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site_dir / "index.html").as_uri())
        page.add_script_tag(path=str(site_dir / WORKER))  # as a page script it only defines bontotSearch
        samples = _samples()
        folded = page.evaluate("samples => samples.map(s => bontotSearch.fold(s))", samples)
    finally:
        context.close()
    mismatches = [(s, js, fold(s)) for s, js in zip(samples, folded, strict=True) if js != fold(s)]
    assert not mismatches, mismatches
