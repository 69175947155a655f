"""What a reader sees of a page's layout, read from the rendered page (getBoundingClientRect, computed styles).

`measure(page)` returns, for the page open in Chromium:
- `overflow`: elements wider than the viewport (or starting left of it) that are neither clipped by an
  ancestor nor inside a scroll box that says it scrolls (a `.bt-scroll` box with its visible hint);
  only the outermost such element is counted;
- `small`: visible text drawn under 12 px (SVG text at its drawn size: font size × the SVG's scale; a chart
  drawn as an `<img>` at the chart font × its scale);
- `broken`: document symbols (`58-QĐ/ĐU`), dates (`05/02/2024`) and sizes (`752 B`) set on more than one line;
- `header`: the decision header's two blocks, when the page has one;
- `charts`: how many charts are drawn, and how many there are (one drawing of each must show).
"""

from __future__ import annotations

from typing import Any

from generator.outputs.charts import FONT

MIN_TEXT_PX = 12
# A document symbol (1288-KH/ĐU, 36-HD/VPTW, 145-QĐ/ĐU), a short date, a file size.
TOKENS = r"\d+-[A-ZĐ]+(?:-[A-ZĐ]+)*/[A-ZĐ]+(?:-[A-ZĐ]+)*|\d{2}/\d{2}/\d{4}|\d+(?:,\d+)? (?:B|KB|MB)"

MEASURE = """([minText, chartFont, tokens]) => {
  const vw = document.documentElement.clientWidth;
  const describe = el => {
    const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    return label + " “" + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40) + "”";
  };
  const hidden = el => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return true;
      if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)") return true;
    }
    return false;
  };
  const fitsScreen = e => { const b = e.getBoundingClientRect(); return b.right <= vw + 1 && b.left >= -1; };
  const hinted = box => {
    const block = box.closest(".bt-scroll");
    return !!block && [...block.querySelectorAll(".bt-scroll-hint")].some(h => !hidden(h) && h.getBoundingClientRect().height > 0);
  };
  // What keeps `el` from widening the page: the nearest ancestor that clips horizontally and fits the screen.
  // null: nothing does; "ok": a box that does not scroll, or scrolls and says so; else a problem in words.
  const contained = el => {
    for (let e = el.parentElement; e && e !== document.documentElement && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.position === "fixed" && e.getBoundingClientRect().right <= 0) return "ok";  // a closed drawer
      if (s.overflowX === "visible" || !fitsScreen(e)) continue;
      if (e.scrollWidth <= e.clientWidth + 1) return "ok";
      if (!["auto", "scroll"].includes(s.overflowX)) return "cut off, no way to scroll: " + describe(e);
      return hinted(e) ? "ok" : "scrolls without a hint: " + describe(e);
    }
    return null;
  };
  const overflow = [];
  const seen = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= vw + 1 && r.left >= -1) continue;
    if (r.right <= 0) continue;  // wholly left of the screen (a closed drawer): unseen, and the page cannot scroll to it
    if ([...seen].some(s => s.contains(el))) continue;
    if (hidden(el)) continue;
    const verdict = contained(el);
    if (verdict === "ok") continue;
    seen.add(el);
    overflow.push(verdict || describe(el) + " " + Math.round(r.left) + "–" + Math.round(r.right) + " px");
  }
  const problems = new Set(overflow);
  overflow.length = 0;
  overflow.push(...problems);

  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || ["SCRIPT", "STYLE", "TITLE", "DESC", "NOSCRIPT"].includes(el.tagName.toUpperCase())) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || hidden(el)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) size *= el.getScreenCTM() ? el.getScreenCTM().a : 1;
    if (size < minText - 0.05) small.push(describe(el) + " " + size.toFixed(1) + " px");
  }
  for (const img of document.querySelectorAll("figure.bt-chart img")) {
    const r = img.getBoundingClientRect();
    if (!r.width || hidden(img)) continue;
    const size = chartFont * r.width / img.naturalWidth;
    if (size < minText - 0.05) small.push("chart image " + (img.alt || "").slice(0, 40) + " " + size.toFixed(1) + " px");
  }

  const broken = [];
  const pattern = new RegExp(tokens, "g");
  const texts = document.createTreeWalker(document.querySelector("article") || document.body, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const el = node.parentElement;
    if (!el || el instanceof SVGElement || hidden(el)) continue;
    for (const m of node.textContent.matchAll(pattern)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top)));
      if (tops.size > 1) broken.push(m[0] + " in " + describe(el));
    }
  }

  let header = null;
  const issuer = document.querySelector(".bt-decision-issuer"), party = document.querySelector(".bt-decision-party");
  if (issuer && party) {
    const a = issuer.getBoundingClientRect(), b = party.getBoundingClientRect();
    header = {issuerRight: a.right, partyLeft: b.left, issuerTop: a.top, partyTop: b.top, issuerBottom: a.bottom, partyBottom: b.bottom};
  }
  // Charts a reader sees: each chart has a desktop and a phone drawing, of which exactly one is shown.
  const drawn = [...document.querySelectorAll("figure.bt-chart, figure.bt-chart-phone")]
    .filter(f => !hidden(f) && f.getBoundingClientRect().height > 20).length;
  const charts = {drawn, expected: document.querySelectorAll("figure.bt-chart").length};
  return {overflow, small, broken, header, charts, width: vw};
}"""


def measure(page: Any) -> dict[str, Any]:
    """Overflowing elements, small text, broken tokens and the decision header's boxes of the open page."""
    return dict(page.evaluate(MEASURE, [MIN_TEXT_PX, FONT, TOKENS]))


def open_page(context: Any, url: str) -> Any:
    """A new page at `url`, once Material has wrapped the tables and assets/bang-cuon.js has laid them out."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function("!document.querySelector('article table') || !!document.querySelector('.md-typeset__scrollwrap')")
    page.wait_for_timeout(100)
    return page
