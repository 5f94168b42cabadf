// Event search on large sites, with Pagefind's JavaScript API (the search page
// loads this file). Every event is one Pagefind record (generator/render/search.py):
// a result is an event, linked to its anchor; filters select events and count
// them; results are ranked by relevance or sorted by date. The index comes in
// bundles of years, merged here into one search. The query, filters
// and order live in the address (?q=Saraqib&type=Battles&sort=date), so a
// search can be linked. A query downloads Pagefind's engine, the index chunks
// of its words and the cards of the results it shows (the site's own files,
// not Pagefind's fragments: a file per 32 events); filter data only when the
// filters are opened (or named in the address). The site may live under a subpath:
// URLs come from this script's own address, <root>/assets/search.js.
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.getElementById("tl-search");
  if (!script || !box) return;
  var root = new URL("..", script.src);
  var PAGE = 20;                                   // results fetched and shown at a time
  var FILTERS = [["place", "Place"], ["actor", "Actor"], ["type", "Event type"], ["year", "Year"]];

  box.innerHTML =
    '<label for="tl-search-input">Search events: places, actors, words of a report</label>' +
    '<input id="tl-search-input" type="search" autocomplete="off" spellcheck="false">' +
    '<div class="tl-search-bar">' +
    '<details class="tl-search-filters"><summary>Filter by place, actor, type or year</summary>' +
    '<div class="tl-search-groups"></div></details>' +
    '<label class="tl-search-sort">Order <select><option value="">most relevant first</option>' +
    '<option value="asc">oldest first</option><option value="desc">newest first</option></select></label></div>' +
    '<p class="tl-search-status" role="status" aria-live="polite"></p>' +
    '<ol class="tl-search-results"></ol>' +
    '<button type="button" class="tl-button tl-search-more" hidden>More results</button>';
  var input = box.querySelector("#tl-search-input");
  var order = box.querySelector("select");
  var status = box.querySelector(".tl-search-status");
  var list = box.querySelector(".tl-search-results");
  var more = box.querySelector(".tl-search-more");
  var panel = box.querySelector("details");
  var chosen = {};                                 // filter name -> values (any of them)
  var counts = {};                                 // filter name -> value -> its checkbox's label text
  var engine = null, results = [], shown = 0, run = 0, timer = null;

  // Pagefind's engine with the newest events' index; the other years' bundles (listed in
  // bundles.json, generator/export/pagefind.py) are merged into it and share its engine.
  // Resolves to [Pagefind, the number of records a card file holds].
  function pagefind() {
    if (!engine) engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      var bundles;
      return fetch(new URL("pagefind/bundles.json", root)).then(function (r) { return r.json(); }).then(function (b) {
        bundles = b;
        return Promise.all(b.merge.map(function (dir) { return pf.mergeIndex(new URL("pagefind/" + dir, root).pathname); }));
      }).then(function () { return [pf, bundles.card]; });
    });
    return engine;
  }
  // A result's card: its record's name is its place in the date order (seven hex digits)
  // and the tag of its card file, which holds `size` records from a multiple of `size`.
  var cardFiles = {};
  function card(id, size) {
    var name = id.slice(id.indexOf("_") + 1), at = parseInt(name.slice(0, 7), 16);
    var file = "pagefind/cards/" + ("0000" + Math.floor(at / size).toString(16)).slice(-5) + name.slice(7) + ".tl_cards";
    if (!cardFiles[file]) cardFiles[file] = fetch(new URL(file, root)).then(function (r) {
      if (!r.ok) throw new Error(file + ": " + r.status);
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
    return cardFiles[file].then(function (records) {
      var c = records[at % size];
      return { title: c[0], date: c[1], place: c[2], type: c[3], link: c[4], content: c[5] };
    });
  }
  function unavailable() {
    status.textContent = "The search index is built by `timeline build`; it is not available in this preview.";
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  // Thirty words of the record around most of its matches, the matches marked. Pagefind
  // gives the matches as positions among the record's words split at white space. The
  // record starts with its title, already shown as the link: left out.
  var EXCERPT = 30;
  function excerpt(text, title, matches) {
    var words = text.split(/\s+/);
    var skip = title && text.indexOf(title) === 0 ? title.split(/\s+/).length : 0;
    var marked = {};
    matches.forEach(function (at) { marked[at] = true; });
    var from = skip, most = 0;
    matches.forEach(function (at) {
      if (at < skip) return;
      var near = matches.filter(function (m) { return m >= at && m < at + EXCERPT; }).length;
      if (near > most) { most = near; from = at - skip < EXCERPT - 8 ? skip : at - 4; }
    });
    var p = el("p", "", "tl-search-excerpt");
    if (from > skip) p.appendChild(document.createTextNode("… "));
    words.slice(from, from + EXCERPT).forEach(function (w, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(marked[from + i] ? el("mark", w) : document.createTextNode(w));
    });
    if (from + EXCERPT < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }
  // the ticked values only: a filter left with none would match nothing
  function filters() {
    var on = {};
    Object.keys(chosen).forEach(function (k) { if (chosen[k].length) on[k] = chosen[k].slice(); });
    return on;
  }

  // The address says what is shown: ?q=...&place=...&sort=asc
  function remember(q, only) {
    var here = new URL(window.location.href);
    here.search = "";
    if (q) here.searchParams.set("q", q);
    FILTERS.forEach(function (f) { (only[f[0]] || []).forEach(function (v) { here.searchParams.append(f[0], v); }); });
    if (order.value) here.searchParams.set("sort", order.value);
    window.history.replaceState(null, "", here);
  }

  function search() {
    var q = input.value.trim(), mine = ++run, only = filters();
    remember(q, only);
    if (!q && !Object.keys(only).length) {
      list.textContent = status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = "Searching…";
    pagefind().then(function (pf) { return pf[0].search(q || null, { filters: only }); }).then(function (found) {
      if (mine !== run) return;
      results = found.results;
      // A record is named after its event's place in the date order: an order
      // chosen, or filters without words, list the results by that name.
      if (order.value || !q) {
        results = results.slice().sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
        if (order.value === "desc") results.reverse();
      }
      shown = 0;
      list.textContent = "";
      status.textContent = results.length ? results.length + (results.length === 1 ? " event" : " events") +
        (order.value === "asc" ? ", oldest first" : order.value === "desc" ? ", newest first" : "")
        : "No events found.";
      recount(found.filters);
      showMore(mine);
    }, unavailable);
  }

  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    more.textContent = "More results (" + (results.length - shown) + " more)";
    pagefind().then(function (pf) {
      return Promise.all(batch.map(function (r) { return card(r.id, pf[1]); }));
    }).then(function (cards) {
      if (mine !== run) return;
      cards.forEach(function (c, i) { list.appendChild(result(c, batch[i].words || [])); });
    }, function () {          // a card missing, or a browser without DecompressionStream
      if (mine === run) status.textContent += " (the results could not be shown; reload the page)";
    });
  }

  // One event: its title linking to its anchor; date, place and type; the words that matched.
  function result(c, matches) {
    var li = el("li");
    var a = el("a", c.title, "tl-search-title");
    a.href = new URL(c.link, root).href;
    li.appendChild(a);
    li.appendChild(el("p", [c.date, c.place, c.type].filter(Boolean).join(" · "), "tl-search-facts"));
    li.appendChild(excerpt(c.content, c.title, matches));
    return li;
  }

  // The events each value would select with the current query and other filters.
  function recount(now) {
    FILTERS.forEach(function (f) {
      Object.keys(counts[f[0]] || {}).forEach(function (name) {
        var n = now && now[f[0]] ? now[f[0]][name] || 0 : null;
        counts[f[0]][name].textContent = " " + name + (n === null ? "" : " (" + n + ")");
      });
    });
  }

  function showFilters(all) {
    var groups = panel.querySelector(".tl-search-groups");
    if (groups.childNodes.length) return;
    FILTERS.forEach(function (f) {
      var values = all[f[0]];
      if (!values || !Object.keys(values).length) return;
      var set = el("fieldset");
      set.appendChild(el("legend", f[1]));
      counts[f[0]] = {};
      var names = Object.keys(values).sort(f[0] === "year" ? undefined : function (a, b) {
        return values[b] - values[a] || a.localeCompare(b);
      });
      names.forEach(function (name) {
        var label = el("label");
        var tick = el("input");
        tick.type = "checkbox";
        tick.value = name;
        tick.checked = (chosen[f[0]] || []).indexOf(name) >= 0;
        tick.addEventListener("change", function () {
          var on = chosen[f[0]] || (chosen[f[0]] = []);
          if (tick.checked) on.push(name); else on.splice(on.indexOf(name), 1);
          search();
        });
        var text = document.createTextNode(" " + name + " (" + values[name] + ")");
        counts[f[0]][name] = text;
        label.appendChild(tick);
        label.appendChild(text);
        set.appendChild(label);
      });
      groups.appendChild(set);
    });
  }
  function openFilters() {
    return pagefind().then(function (pf) { return pf[0].filters(); }).then(showFilters, unavailable);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  order.addEventListener("change", search);
  more.addEventListener("click", function () { showMore(run); });
  panel.addEventListener("toggle", function () { if (panel.open) openFilters(); });

  var asked = new URLSearchParams(window.location.search);
  input.value = asked.get("q") || "";
  order.value = ["asc", "desc"].indexOf(asked.get("sort")) >= 0 ? asked.get("sort") : "";
  FILTERS.forEach(function (f) { if (asked.getAll(f[0]).length) chosen[f[0]] = asked.getAll(f[0]); });
  if (Object.keys(filters()).length) panel.open = true;      // shows what the address selected
  if (input.value || Object.keys(filters()).length) search();
  input.focus();
})();
