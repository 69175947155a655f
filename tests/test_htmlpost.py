"""generator/htmlpost.py: table captions from the heading above."""

from __future__ import annotations

from generator.htmlpost import caption_tables, heading_text

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
