// Tables on narrow screens (site_src/assets/bontot.css, "Phones").
// - Each table of three columns or more, outside a `.bt-scroll` block, gets data-bt-stack and, on each cell, its
//   column's heading as data-label (and its content in one span): under 600 px the stylesheet sets each row as a card of "label: value" lines.
// - A box that scrolls (Material wraps each table in .md-typeset__scrollwrap) is made reachable by keyboard
//   (tabindex=0) and named for screen readers after the table's caption, so it can be scrolled with the arrow
//   keys; inside a `.bt-scroll` block a line above the table says that it scrolls. Boxes that fit are left alone.
(function () {
  "use strict";
  var HINT = "Bảng rộng hơn màn hình: vuốt ngang để xem các cột bên phải (cột đầu đứng yên).";
  function label(table) {
    if (table.hasAttribute("data-bt-stack") || table.closest(".bt-scroll") || !table.tHead) return;
    var heads = table.tHead.rows[0] ? table.tHead.rows[0].cells : [];
    if (heads.length < 3) return;
    var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          cell.setAttribute("data-label", names[i] || "");
          // One box for the value: links and the text between them stay one line of text beside the label.
          if (cell.childNodes.length > 1) {
            var value = document.createElement("span");
            while (cell.firstChild) value.appendChild(cell.firstChild);
            cell.appendChild(value);
          }
        });
      });
    });
    table.setAttribute("data-bt-stack", "");
  }
  function hint(box, show) {
    var block = box.closest(".bt-scroll");
    if (!block) return;
    var line = block.querySelector(".bt-scroll-hint");
    if (!line && show) {
      line = document.createElement("p");
      line.className = "bt-scroll-hint";
      line.textContent = HINT;
      block.insertBefore(line, block.firstChild);
    }
    if (line) line.hidden = !show;
  }
  function mark() {
    document.querySelectorAll("article table").forEach(label);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      hint(box, scrolls);
      if (scrolls) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Bảng" + (caption ? ": " + caption.textContent.trim() : "") + " (cuộn ngang)");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  var pending = 0;
  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  }
  // Material's document$ emits once the page's tables are wrapped (and again after instant navigation).
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", later);
  window.addEventListener("load", mark);
})();
