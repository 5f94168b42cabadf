// Event search on large sites, with Pagefind's JavaScript API (the search page
// loads this file). A query downloads Pagefind's engine, the index chunks of its
// words and the five results it shows, nothing else: Pagefind's ready-made UI
// would add ~135 KB, and its filters ~100 KB more at ten years, to every query.
// Filters are loaded when the reader opens them. Results link straight to each
// event's anchor. The site may live under a subpath: URLs come from this
// script's own address, <root>/assets/search.js.
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.getElementById("tl-search");
  if (!script || !box) return;
  var root = new URL("..", script.src);
  var PAGE = 5;                                    // results fetched and shown at a time
  var FILTERS = [["place", "Place"], ["actor", "Actor"], ["type", "Event type"], ["year", "Year"]];

  box.innerHTML =
    '<label for="tl-search-input">Search events: places, actors, words of a report</label>' +
    '<input id="tl-search-input" type="search" autocomplete="off" spellcheck="false">' +
    '<details class="tl-search-filters"><summary>Filter by place, actor, type or year</summary>' +
    '<div class="tl-search-groups"></div></details>' +
    '<p class="tl-search-status" role="status" aria-live="polite"></p>' +
    '<ol class="tl-search-results"></ol>' +
    '<button type="button" class="md-button tl-search-more" hidden>More results</button>';
  var input = box.querySelector("input");
  var status = box.querySelector(".tl-search-status");
  var list = box.querySelector(".tl-search-results");
  var more = box.querySelector(".tl-search-more");
  var panel = box.querySelector("details");
  var chosen = {};                                 // filter name -> values (any of them)
  var engine = null, results = [], shown = 0, run = 0, timer = null;

  function pagefind() {
    if (!engine) engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      return pf.options({ excerptLength: 24 }).then(function () { return pf; });
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
  // An event's excerpt starts with its heading, already shown as the link: left out.
  function excerpt(html, heading) {
    var p = el("p");
    var tmp = document.createElement("template");
    tmp.innerHTML = html;
    var skip = heading && tmp.content.textContent.indexOf(heading) === 0 ? heading.length : 0;
    tmp.content.childNodes.forEach(function (n) {
      var text = n.textContent.slice(skip);
      skip = Math.max(0, skip - n.textContent.length);
      if (!text) return;
      p.appendChild(n.nodeName === "MARK" ? el("mark", text) : document.createTextNode(text));
    });
    return p;
  }
  function link(url, text) {
    var a = el("a", text);
    a.href = url;
    return a;
  }
  // the ticked values only: a filter left with none would match nothing
  function filters() {
    var on = {};
    Object.keys(chosen).forEach(function (k) { if (chosen[k].length) on[k] = chosen[k]; });
    return on;
  }

  function search() {
    var q = input.value.trim(), mine = ++run;
    var here = new URL(window.location.href);
    if (q) here.searchParams.set("q", q); else here.searchParams.delete("q");
    window.history.replaceState(null, "", here);
    var only = filters();
    if (!q && !Object.keys(only).length) {
      list.textContent = status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = "Searching…";
    pagefind().then(function (pf) { return pf.search(q || null, { filters: only }); }).then(function (found) {
      if (mine !== run) return;
      results = found.results;
      shown = 0;
      list.textContent = "";
      status.textContent = results.length ? results.length + (results.length === 1 ? " page" : " pages") +
        " with matching events" : "No events found.";
      showMore(mine);
    }, unavailable);
  }

  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== run) return;
      pages.forEach(function (page) { list.appendChild(result(page)); });
    });
  }

  // A page, then the events on it that matched: each a link to its anchor.
  function result(page) {
    var li = el("li");
    li.appendChild(link(page.url, page.meta.title || page.url)).className = "tl-search-page";
    var events = (page.sub_results || []).filter(function (s) { return s.url.indexOf("#") > 0; }).slice(0, 3);
    if (!events.length) {
      li.appendChild(excerpt(page.excerpt));
      return li;
    }
    var ul = el("ul");
    events.forEach(function (s) {
      var item = el("li");
      item.appendChild(link(s.url, s.title));
      item.appendChild(excerpt(s.excerpt, s.title));
      ul.appendChild(item);
    });
    li.appendChild(ul);
    return li;
  }

  function showFilters(all) {
    var groups = panel.querySelector(".tl-search-groups");
    FILTERS.forEach(function (f) {
      var counts = all[f[0]];
      if (!counts || !Object.keys(counts).length) return;
      var set = el("fieldset");
      set.appendChild(el("legend", f[1]));
      var names = Object.keys(counts).sort(f[0] === "year" ? undefined : function (a, b) {
        return counts[b] - counts[a] || a.localeCompare(b);
      });
      names.forEach(function (name) {
        var label = el("label");
        var box_ = el("input");
        box_.type = "checkbox";
        box_.value = name;
        box_.addEventListener("change", function () {
          var on = chosen[f[0]] || (chosen[f[0]] = []);
          if (box_.checked) on.push(name); else on.splice(on.indexOf(name), 1);
          search();
        });
        label.appendChild(box_);
        label.appendChild(document.createTextNode(" " + name + " (" + counts[name] + ")"));
        set.appendChild(label);
      });
      groups.appendChild(set);
    });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  more.addEventListener("click", function () { showMore(run); });
  panel.addEventListener("toggle", function once() {
    if (!panel.open) return;
    panel.removeEventListener("toggle", once);
    pagefind().then(function (pf) { return pf.filters(); }).then(showFilters, unavailable);
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    search();
  }
  input.focus();
})();
