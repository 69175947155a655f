"""generator/site/htmlpost.py: table captions from the heading above; symbols, dates and sizes kept on one line."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.pages.generate import render_site
from generator.rules.check import check
from generator.site.htmlpost import _RAW, NOWRAP_CLASS, caption_tables, heading_text, keep_together, keep_together_by_piece

ROOT = Path(__file__).resolve().parents[1]

CAP = '<caption class="bt-sr-only" data-search-exclude>'


def test_caption_is_the_nearest_heading_above() -> None:
    html = (
        '<h1 id="a">Đơn vị A</h1><table><thead></thead></table>'
        '<h2 id="b">Kết quả &amp; khen thưởng<a class="headerlink" href="#b" title="Liên kết">¶</a></h2>'
        "<p>x</p><table>\n<tr></tr></table>"
    )
    out = caption_tables(html, title="Bỏ qua")
    assert out == (
        f'<h1 id="a">Đơn vị A</h1><table>{CAP}Đơn vị A</caption><thead></thead></table>'
        '<h2 id="b">Kết quả &amp; khen thưởng<a class="headerlink" href="#b" title="Liên kết">¶</a></h2>'
        f"<p>x</p><table>{CAP}Kết quả &amp; khen thưởng</caption>\n<tr></tr></table>"
    )


def test_existing_caption_and_attributes_are_kept() -> None:
    html = '<h2>H</h2><table class="x">\n <caption>Mine</caption></table><table data-y="1"></table>'
    assert caption_tables(html) == f'<h2>H</h2><table class="x">\n <caption>Mine</caption></table><table data-y="1">{CAP}H</caption></table>'


def test_before_any_heading_the_page_title_names_the_table() -> None:
    assert caption_tables("<table></table>", title="A <b> &lt; c") == f"<table>{CAP}A &lt;b&gt; &lt; c</caption></table>"
    assert caption_tables("<table></table>") == "<table></table>"


def test_heading_text_drops_tags_and_permalink_but_keeps_entities() -> None:
    assert heading_text('Năm <em>2024</em> &lt;x&gt;<a class="headerlink" href="#n">¶</a>') == "Năm 2024 &lt;x&gt;"
    # A heading with no text (only a permalink) does not replace the previous one.
    assert caption_tables('<h2>A</h2><h3><a class="headerlink" href="#">¶</a></h3><table></table>').count(f"{CAP}A<") == 1


def test_no_markup_gets_into_the_caption() -> None:
    out = caption_tables('<h2>A <img src=x onerror="alert(1)"> &lt;script&gt; b <c</h2><table></table>')
    assert out.endswith(f"<table>{CAP}A &lt;script&gt; b &lt;c</caption></table>")


NW = '<span class="bt-nw">'


def test_symbols_dates_and_sizes_are_kept_on_one_line() -> None:
    html = '<p>Kế hoạch số 1288-KH/ĐU ngày 05/02/2024; <a href="x/1288-kh-du/">Số 58-QĐ/ĐU</a> · CSV (752 B), 36-HD/VPTW, 1,2 KB</p>'
    assert keep_together(html) == (
        f'<p>Kế hoạch số {NW}1288-KH/ĐU</span> ngày {NW}05/02/2024</span>; <a href="x/1288-kh-du/">{NW}Số 58-QĐ/ĐU</span></a>'
        f" · CSV ({NW}752 B</span>), {NW}36-HD/VPTW</span>, {NW}1,2 KB</span></p>"
    )


def test_tags_attributes_and_raw_elements_are_left_alone() -> None:
    html = ('<a title="Số 58-QĐ/ĐU" href="a">x</a><svg><text>145-QĐ/ĐU</text></svg><code>12/01/2026</code>'
            "<!-- 1-A/B --><script>var a = '3-X/Y';</script><p>1-A/B</p>")
    out = keep_together(html)
    assert out == html.replace("<p>1-A/B</p>", f"<p>{NW}1-A/B</span></p>")
    assert keep_together("<p>năm 2024, 90 %</p>") == "<p>năm 2024, 90 %</p>"


# keep_together searches the text between tags in one go; keep_together_by_piece walks the page tag by tag (and
# takes pages with comments or raw elements). Both must give the same bytes.
MARKUP = ["<", ">", "a > b", "<p>", "</p>", '<a title="', '">', "<b", "<br>", "<i>", "</i>", "\n", " ", "x", "é", "ố", "S", "_", "-", "/",
          "1288-KH/ĐU", "Số 58-QĐ/ĐU", "Số ", "05/02/2024", "1,2 KB", "752 B", "2024", "12", "ĐU", "3-X/Y",
          "<svg>", "</svg>", "</SVG >", "<svg/>", "<code>", "</code>", "<title>", "</title>", "<scripts>", "<!--", "-->"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(MARKUP), max_size=30).map("".join))
def test_the_quick_search_and_the_walk_agree_on_any_markup(html: str) -> None:
    assert keep_together(html) == keep_together_by_piece(html)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([m for m in MARKUP if not _RAW.search(m) and "<!--" not in m]), max_size=30).map("".join))
def test_the_quick_search_agrees_without_comments_or_raw_elements(html: str) -> None:
    """Markup the quick way handles itself (the other test mostly hands its cases to the walk)."""
    assert keep_together(html) == keep_together_by_piece(html)


def test_every_page_of_the_sample_site_is_wrapped_the_same_both_ways() -> None:
    """The sample's pages as MkDocs gives them to the hook: Markdown with mkdocs.yml's extensions, then captions."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=list(config.markdown_extensions), extension_configs=dict(config.mdx_configs))
    dataset, _ = check(ROOT / "data")
    assert dataset is not None
    pages = [caption_tables(md.reset().convert(body.decode("utf-8")))
             for path, body in render_site(dataset).items() if path.endswith(".md")]
    walked = [keep_together_by_piece(html) for html in pages]
    assert [keep_together(html) for html in pages] == walked
    quick = [html for html in pages if not (_RAW.search(html) or "<!--" in html)]
    assert len(quick) > len(pages) / 2  # most pages take the quick way
    assert sum(f'<span class="{NOWRAP_CLASS}">' in keep_together(html) for html in quick) > 20  # and get symbols wrapped
