// tarjima: the search page. Searches this language's index (Pagefind, in pagefind/<tag>/) for what the
// reader typed, Uzbek folded to its search key first (search-key.js), and lists the reports found:
// title, date and a snippet, all set as text (never as HTML), ten at a time.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var d = form.dataset, PAGE = 10, AROUND = 14, LENGTH = 32;
  var index = null, found = [], shown = 0, more = null, asked = 0;  // index: a promise of Pagefind, or of null

  function say(text) { status.textContent = text; }

  function load() {
    // This language's index, or null when the site has none for it (Pagefind would fall back to another language's).
    if (!index) {
      var lang = document.documentElement.lang.toLowerCase();
      // (no index at all, 404: this language has no published report yet, so nothing is found; any other failure says so)
      index = fetch(d.index.replace(/pagefind\.js$/, "pagefind-entry.json")).then(function (r) { return r.status === 404 ? {} : r.json(); }).then(function (entry) {
        if (!entry.languages || !entry.languages[lang]) return null;
        return import(d.index).then(function (pf) { return pf.init().then(function () { return pf; }); });
      });
    }
    return index;
  }

  function snippet(words, locations) {
    var p = document.createElement("p");
    p.className = "snippet";
    if (!words.length) return p;
    var at = locations.length ? Math.min.apply(null, locations) : 0;
    var start = Math.max(0, Math.min(at - AROUND, words.length - LENGTH)), end = Math.min(words.length, start + LENGTH);
    var marked = {};
    locations.forEach(function (l) { marked[l] = true; });
    if (start > 0) p.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (i > start) p.appendChild(document.createTextNode(" "));
      if (marked[i]) {
        var m = document.createElement("mark");
        m.textContent = words[i];
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(words[i]));
      }
    }
    if (end < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function item(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = d.root + data.url.replace(/^\/+/, "");
    a.textContent = meta.title || data.url;
    h.appendChild(a);
    li.appendChild(h);
    if (meta.date) {
      var when = document.createElement("p");
      when.className = "meta";
      var t = document.createElement("time");
      t.dateTime = meta.datetime || "";
      t.textContent = meta.date;
      when.appendChild(t);
      li.appendChild(when);
    }
    var words = (meta.text || data.content || "").split(" ");
    li.appendChild(snippet(words, data.locations || []));
    return li;
  }

  function showMore(focusFirst) {
    var batch = found.slice(shown, shown + PAGE), mine = asked;
    shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      if (mine !== asked) return;
      var first = null;
      all.forEach(function (data) {
        var li = item(data);
        first = first || li.querySelector("a");
        list.appendChild(li);
      });
      if (more) { more.remove(); more = null; }
      if (shown < found.length) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = d.more;
        more.addEventListener("click", function () { showMore(true); });
        list.after(more);
      }
      if (focusFirst && first) first.focus();
    });
  }

  function run(query) {
    var mine = ++asked;
    list.textContent = "";
    if (more) { more.remove(); more = null; }
    found = []; shown = 0;
    query = query.trim();
    if (!query) { say(""); return; }
    say(d.searching);
    var key = "fold" in d ? window.tarjimaSearchKey(query) : query;
    load().then(function (pf) { return pf ? pf.search(key) : { results: [] }; }).then(function (search) {
      if (mine !== asked) return;
      found = search.results;
      return showMore(false).then(function () {
        if (mine === asked) say(found.length ? d.found + ": " + found.length : d.none);  // once the first results are shown
      });
    }).catch(function () {
      if (mine === asked) say(d.failed);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    run(q);
  }
})();
