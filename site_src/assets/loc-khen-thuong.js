// Narrow the list of decisions on /khen-thuong/ by year, level and kind, without a server.
// Works from file:// too: it only reads the tables already on the page.
(function () {
  "use strict";
  var box = document.getElementById("bt-loc");
  if (!box) return;
  var sections = [];
  document.querySelectorAll("article h2").forEach(function (heading) {
    var table = heading.nextElementSibling;
    while (table && !table.querySelector("table") && table.tagName !== "TABLE") table = table.nextElementSibling;
    if (!table) return;
    var year = heading.textContent.replace(/\D/g, "");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    sections.push({ heading: heading, table: table, year: year, rows: rows });
  });
  if (!sections.length) return;
  var header = Array.prototype.map.call(sections[0].table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
  var levelCol = header.indexOf("Cấp"), kindCol = header.indexOf("Hình thức");

  function values(col) {
    var seen = {};
    sections.forEach(function (s) { s.rows.forEach(function (r) { seen[r.cells[col].textContent.trim()] = true; }); });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, "vi"); });
  }
  function select(id, label, options) {
    var wrap = document.createElement("label");
    wrap.setAttribute("for", id);
    wrap.textContent = label + " ";
    var el = document.createElement("select");
    el.id = id;
    [["", "Tất cả"]].concat(options.map(function (o) { return [o, o]; })).forEach(function (pair) {
      var opt = document.createElement("option");
      opt.value = pair[0];
      opt.textContent = pair[1];
      el.appendChild(opt);
    });
    wrap.appendChild(el);
    box.appendChild(wrap);
    el.addEventListener("change", apply);
    return el;
  }
  var byYear = select("bt-loc-nam", "Năm", sections.map(function (s) { return s.year; }));
  var byLevel = select("bt-loc-cap", "Cấp", values(levelCol));
  var byKind = select("bt-loc-hinh-thuc", "Hình thức", values(kindCol));
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  box.appendChild(status);

  function apply() {
    var shown = 0;
    sections.forEach(function (s) {
      var visible = 0;
      s.rows.forEach(function (r) {
        var ok = (!byYear.value || s.year === byYear.value) &&
          (!byLevel.value || r.cells[levelCol].textContent.trim() === byLevel.value) &&
          (!byKind.value || r.cells[kindCol].textContent.trim() === byKind.value);
        r.hidden = !ok;
        if (ok) visible++;
      });
      s.heading.hidden = s.table.hidden = visible === 0;
      shown += visible;
    });
    status.textContent = "Đang hiện " + shown + " quyết định.";
  }
  box.hidden = false;
  apply();
})();
