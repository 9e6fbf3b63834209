// The dashboard's filters (OUT/_status/<year>/): by state and by language, no server needed.
// The choice is kept in the address (#state=held&lang=ru), so a link from the overview opens the page filtered.
(function () {
  "use strict";
  var state = document.getElementById("filter-state");
  var lang = document.getElementById("filter-lang");
  var count = document.getElementById("filter-count");
  if (!state || !lang) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.status tbody tr"));
  var columns = Array.prototype.slice.call(document.querySelectorAll("table.status [data-lang]"));

  function matches(cell, wanted) {
    return !wanted || (" " + cell.getAttribute("data-state") + " ").indexOf(" " + wanted + " ") >= 0;
  }

  function apply() {
    var wantedState = state.value, wantedLang = lang.value, shown = 0;
    columns.forEach(function (c) { c.hidden = Boolean(wantedLang) && c.getAttribute("data-lang") !== wantedLang; });
    rows.forEach(function (row) {
      var cells = Array.prototype.slice.call(row.querySelectorAll("td[data-lang]")).filter(function (c) {
        return !wantedLang || c.getAttribute("data-lang") === wantedLang;
      });
      var keep = cells.some(function (c) { return matches(c, wantedState); });
      row.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    count.textContent = shown + " shown";
    var hash = [];
    if (wantedState) { hash.push("state=" + encodeURIComponent(wantedState)); }
    if (wantedLang) { hash.push("lang=" + encodeURIComponent(wantedLang)); }
    history.replaceState(null, "", hash.length ? "#" + hash.join("&") : location.pathname + location.search);
  }

  function fromAddress() {
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      var value = decodeURIComponent(pair[1] || "");
      if (pair[0] === "state") { state.value = value; }
      if (pair[0] === "lang") { lang.value = value; }
    });
  }

  fromAddress();
  state.addEventListener("change", apply);
  lang.addEventListener("change", apply);
  window.addEventListener("hashchange", function () { fromAddress(); apply(); });
  apply();
})();
