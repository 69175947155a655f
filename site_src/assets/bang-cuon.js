// Tables wider than the screen scroll inside their box (Material wraps each in .md-typeset__scrollwrap).
// A box that scrolls is made reachable by keyboard (tabindex=0) and named for screen readers after the
// table's caption, so it can be scrolled with the arrow keys; boxes that fit are left alone.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
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
