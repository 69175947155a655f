"""generator/site/mdfast.py changes how fast Markdown is converted, never what it converts to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from sitetools import GENERATED

from generator.pages.generate import render_site
from generator.rules.check import check

ROOT = Path(__file__).resolve().parents[1]
FAST = "generator.site.mdfast"


@pytest.fixture(scope="module")
def site_config() -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions and their settings exactly as mkdocs.yml gives them to MkDocs."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = list(config.markdown_extensions)
    assert FAST in extensions, "mkdocs.yml no longer loads the extension under test"
    return extensions, dict(config.mdx_configs)


def convert(text: str, extensions: list[Any], configs: dict[str, Any], fast: bool) -> str:
    chosen = [e for e in extensions if fast or e != FAST]
    return str(markdown.Markdown(extensions=chosen, extension_configs=configs).convert(text))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Every generated page of the sample site and every hand-written page."""
    dataset, _ = check(ROOT / "data")
    assert dataset is not None
    out = {path: body.decode("utf-8") for path, body in render_site(dataset).items() if path.endswith(".md")}
    generated = len(out)
    # The hand-written pages (site_src/ may also hold generated ones from an earlier `make site`: those are above).
    docs = ROOT / "site_src"
    hand = {str(p.relative_to(docs)): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")
            if p.relative_to(docs).parts[0] not in GENERATED}
    out.update(hand)
    assert generated > 80 and len(hand) >= 6 and len(out) == generated + len(hand)
    return out


def test_every_page_of_the_site_converts_to_the_same_html(pages: dict[str, str], site_config: Any) -> None:
    extensions, configs = site_config
    differ = [path for path, text in pages.items() if convert(text, extensions, configs, True) != convert(text, extensions, configs, False)]
    assert not differ


TRICKY = [
    "plain *em* and **strong** and _under_ and __dunder__ and snake_case_name",
    "a `code` span, a \\*literal star\\*, an &amp; entity, &copy; and a bare & sign",
    "a line that ends in two spaces  \nthen a break; one space \nno break",
    "<span>inline html</span> and <http://example.com> and <a@b.vn>",
    "[link](x.md) ![image](y.png) [ref][r] [r]\n\n[r]: z.md",
    "| Năm | Kết quả |\n|---|---|\n| 2024 | Đạt |\n| 2025 | **Không đạt** |\n| [2026](n.md) | Đạt_1 |",
    "- Đạt\n    - Không đạt, dưới mức 90 %\n- Chi bộ Tổ Bảo vệ 1",
    "## Heading { data-search-exclude }\n\nText {: .class }",
    "!!! note \"Lưu ý\"\n    Nội dung *nhấn mạnh*.",
    "Thuật ngữ\n:   Định nghĩa có `mã`.",
    '<div markdown>\n\n| a | b |\n|---|---|\n| 1 | *2* |\n\n</div>',
    # whole-text links and bold runs, which the extension builds itself, and near misses it must leave alone
    "| Năm | “Bốn tốt” |\n|---|---|\n| [2024](../nam/2024.md) | **Đạt** |\n| [ 2025 ](x.md) | ** Đạt ** |",
    "[Chi bộ A](a.md#ket-qua)\n\n**Không đạt**\n\n- [b](b.md)\n- **c**\n\n## [Tiêu đề](t.md)",
    "[a](x y) [a](<x>) [a](x.md \"tựa\") [a](x(1).md) [a **b**](c.md) **a*b** **a_b** [a](b.md)x",
    "[a](b.md) [c](d.md)\n\n**a** **b**\n\n[](e.md)\n\n****\n\n[a]()",
]


@pytest.mark.parametrize("text", TRICKY)
def test_inline_syntax_still_converts(text: str, site_config: Any) -> None:
    extensions, configs = site_config
    assert convert(text, extensions, configs, True) == convert(text, extensions, configs, False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*list("ab đ\n *_`\\[]()<>&!#|-:{}.\"'"), "  \n", "&amp;", "<b>", "http://x", "\n\n"]), max_size=60).map("".join))
def test_random_text_converts_to_the_same_html(text: str) -> None:
    # Hypothesis does not mix with function-scoped fixtures; the extensions are the stock ones plus this one.
    extensions = ["toc", "tables", "attr_list", "md_in_html", "admonition", "def_list", FAST]
    assert convert(text, extensions, {}, True) == convert(text, extensions, {}, False)


def test_an_unknown_inline_pattern_turns_the_fast_path_off() -> None:
    # smarty adds inline patterns for quotes and dashes that plain text triggers: they must still run.
    text = 'Đạt -- "bốn tốt" ... năm 2025'
    fast = convert(text, ["smarty", FAST], {}, True)
    assert fast == convert(text, ["smarty"], {}, False)
    assert "&ndash;" in fast and "&ldquo;" in fast and "&hellip;" in fast
