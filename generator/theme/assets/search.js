// Event search on large sites, with Pagefind's JavaScript API (the search page
// loads this file). Every event is one Pagefind record (generator/render/search.py):
// a result is an event, linked to its anchor; filters select events and count
// them; results are ranked by relevance or sorted by date. The index comes in
// bundles of years, merged here into one search. The query, filters
// and order live in the address (?q=Saraqib&type=Battles&sort=date), so a
// search can be linked. A query downloads Pagefind's engine, the index chunks
// of its words and the results it shows; filter data only when the filters
// are opened (or named in the address). The site may live under a subpath:
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
  function pagefind() {
    if (!engine) engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      return pf.options({ excerptLength: 30 }).then(function () {
        return fetch(new URL("pagefind/bundles.json", root));
      }).then(function (r) { return r.ok ? r.json() : { merge: [] }; }).then(function (bundles) {
        return Promise.all(bundles.merge.map(function (dir) {
          return pf.mergeIndex(new URL("pagefind/" + dir, root).pathname, { excerptLength: 30 });
        }));
      }).then(function () { return pf; });
    });
    return engine;
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
  // Pagefind's excerpt is text with <mark> around the matches: only those become markup.
  // A record's text starts with its title, already shown as the link: left out.
  function excerpt(html, title) {
    var p = el("p", "", "tl-search-excerpt");
    var tmp = document.createElement("template");
    tmp.innerHTML = html;
    var skip = title && tmp.content.textContent.indexOf(title) === 0 ? title.length : 0;
    var started = !skip;
    tmp.content.childNodes.forEach(function (n) {
      var text = n.textContent.slice(skip);
      skip = Math.max(0, skip - n.textContent.length);
      if (!started) text = text.replace(/^[\s.,;:]+/, "");     // the full stop after the title
      if (!text.trim()) return;
      started = true;
      p.appendChild(n.nodeName === "MARK" ? el("mark", text) : document.createTextNode(text));
    });
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
    pagefind().then(function (pf) { return pf.search(q || null, { filters: only }); }).then(function (found) {
      if (mine !== run) return;
      results = found.results;
      // A record's fragment is named after its event's place in the date order: an order
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
    Promise.all(batch.map(function (r) { return r.data(); })).then(function (events) {
      if (mine !== run) return;
      events.forEach(function (e) { list.appendChild(result(e)); });
    });
  }

  // One event: its title linking to its anchor; date, place and type; the words that matched.
  function result(e) {
    var li = el("li");
    var a = el("a", e.meta.title, "tl-search-title");
    a.href = new URL(e.meta.link, root).href;        // the event's anchor (Pagefind's own URL is its record's)
    li.appendChild(a);
    li.appendChild(el("p", [e.meta.date, e.meta.place, e.meta.type].filter(Boolean).join(" · "), "tl-search-facts"));
    li.appendChild(excerpt(e.excerpt, e.meta.title));
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
    return pagefind().then(function (pf) { return pf.filters(); }).then(showFilters, unavailable);
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
