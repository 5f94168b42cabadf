// Timeline behaviour in the browser: jump to a date, recover from links to
// days without events (via 404.html), copy an event's link, show where a day
// page sits in the navigation.
// The site may live under a subpath (https://user.github.io/repo/): every URL
// is made from this script's own address, <root>/assets/timeline.js.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("..", script.src);
  var index = null;

  function loadIndex() {
    if (!index) index = fetch(new URL("days.json", root)).then(function (r) { return r.json(); });
    return index;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function pageOf(key) { return new URL(key.replace(/-/g, "/") + "/", root); }

  // "2020/03/07", "2020-3-7", "2020/03", "2020" -> {y, m, d} (0 for a part not given),
  // or null when the path is not a real calendar date (2020/13/45 is not one).
  function parse(path) {
    var p = /^(\d{4})(?:[\/-](\d{1,2}))?(?:[\/-](\d{1,2}))?\/?(?:index\.html)?$/.exec(path);
    if (!p) return null;
    var y = +p[1], m = p[2] ? +p[2] : 0, d = p[3] ? +p[3] : 0;
    if (p[2] && (m < 1 || m > 12)) return null;
    if (p[3] && (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate())) return null;
    return { y: y, m: m, d: d };
  }

  // A page's key ("2020-03-07", "2020-03", "2020") -> the days it covers, as [first, last] in ms.
  function span(key) {
    var p = key.split("-").map(Number);
    if (p.length === 3) return [Date.UTC(p[0], p[1] - 1, p[2]), Date.UTC(p[0], p[1] - 1, p[2])];
    if (p.length === 2) return [Date.UTC(p[0], p[1] - 1, 1), Date.UTC(p[0], p[1], 0)];
    return [Date.UTC(p[0], 0, 1), Date.UTC(p[0], 11, 31)];
  }
  // The key whose days come closest to t; on a tie the earlier one (keys are in date order).
  function closest(keys, t) {
    var best = null, bestGap = Infinity;
    keys.forEach(function (key) {
      var s = span(key), gap = t < s[0] ? s[0] - t : t > s[1] ? t - s[1] : 0;
      if (gap < bestGap) { best = key; bestGap = gap; }
    });
    return best;
  }
  function within(keys, prefix) { return keys.filter(function (k) { return k.indexOf(prefix) === 0; }); }

  // The page to show for a date: the day itself, else the nearest page that says
  // most about that date: a day of the same month, the month's page, a day or month
  // of the same year, the year's page, else the nearest page of any kind.
  // Returns {url, missing} (missing: the date asked for, when it has no page of its own).
  function target(when, data) {
    var years = data.years.map(String);
    var ys = String(when.y), ym = ys + "-" + pad(when.m), ymd = ym + "-" + pad(when.d);
    var asked = when.d ? ymd : when.m ? ym : ys;
    var t = span(asked)[0], found;
    var all = data.days.concat(data.months, years);
    if (when.d) {
      found = data.days.indexOf(ymd) >= 0 ? ymd : closest(within(data.days, ym + "-"), t) ||
        (data.months.indexOf(ym) >= 0 ? ym : null) ||
        closest(within(data.days, ys + "-").concat(within(data.months, ys + "-")), t);
    } else if (when.m) {
      found = data.months.indexOf(ym) >= 0 ? ym : closest(within(data.months, ys + "-"), t);
    }
    found = found || (years.indexOf(ys) >= 0 ? ys : null) || closest(when.d ? all : when.m ? data.months.concat(years) : years, t);
    return found && { url: pageOf(found), missing: found === asked ? "" : asked };
  }

  function go(found) {
    var url = found.url;
    if (found.missing) url.searchParams.set("missing", found.missing);
    window.location.replace(url.href);
  }

  // A malformed escape (/%ZZ/) is not a date; decodeURIComponent would throw on it.
  function decoded(path) {
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  function recover404() {
    var box = document.getElementById("tl-404");
    if (!box) return;
    var rel = decoded(window.location.pathname).slice(root.pathname.length).replace(/^\/+/, "");
    var when = parse(rel);
    if (!when) return;                          // not a date: the page's own words stand
    var status = box.querySelector(".tl-404-status");
    loadIndex().then(function (data) {
      var found = target(when, data);
      if (!found) return;
      if (status) status.textContent = "This address names a date: taking you to the nearest date with events…";
      go(found);
    });
  }

  function noticeMissing() {
    var missing = new URLSearchParams(window.location.search).get("missing");
    var h1 = document.querySelector(".md-content h1");
    if (!missing || !/^\d{4}(-\d\d){0,2}$/.test(missing) || !h1) return;
    var note = document.createElement("p");
    note.className = "tl-notice";
    note.setAttribute("role", "status");
    note.textContent = "Nothing is recorded for " + missing + "; this is the nearest date with events.";
    h1.insertAdjacentElement("afterend", note);
  }

  function jumpControl() {
    var form = document.querySelector("form.tl-jump");
    if (!form) return;
    form.hidden = false;
    var input = form.querySelector("input");
    var here = /(\d{4})\/(\d\d)\/(\d\d)\/?$/.exec(window.location.pathname);
    if (here) input.value = here[1] + "-" + here[2] + "-" + here[3];
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var when = parse(input.value);
      if (!when) return;
      loadIndex().then(function (data) {
        var found = target(when, data);
        if (found) go(found);
      });
    });
  }

  // "Copy link" sits in the event's line of facts, beside its date: never alone
  // under a long heading.
  function copyLinks() {
    document.querySelectorAll(".md-content h2[id], .md-content h3[id]").forEach(function (h) {
      if (!/-[0-9a-f]{6}$/.test(h.id)) return;   // event anchors end in a short hash
      var block = h.closest(".tl-event") || h.nextElementSibling;
      var meta = block && block.querySelector(".tl-meta");
      if (!meta) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tl-copy";
      button.textContent = "Copy link";
      button.dataset.anchor = h.id;
      button.setAttribute("aria-label", "Copy link to this event");
      button.addEventListener("click", function () {
        var url = new URL(window.location.href);
        url.search = "";
        url.hash = h.id;
        var done = function () { button.textContent = "Link copied"; };
        if (navigator.clipboard) navigator.clipboard.writeText(url.href).then(done, function () {
          window.prompt("Copy this link:", url.href);
        });
        else window.prompt("Copy this link:", url.href);
      });
      meta.appendChild(button);
    });
  }

  // Day pages are not in the navigation (thousands of them): the entry of their month,
  // else of their year (the pruned navigation may show only the years), is marked as current.
  function navHere() {
    var here = /(\d{4})\/(\d\d)\/\d\d\/?$/.exec(window.location.pathname);
    if (!here || document.querySelector(".md-nav--primary .md-nav__link--active")) return;
    var links = Array.prototype.slice.call(document.querySelectorAll(".md-nav--primary a.md-nav__link"));
    [here[1] + "/" + here[2] + "/", here[1] + "/"].some(function (page) {
      var path = new URL(page, root).pathname;
      var found = links.filter(function (a) { return new URL(a.href).pathname === path; });
      found.forEach(function (a) {
        a.classList.add("md-nav__link--active");
        a.setAttribute("aria-current", "page");
      });
      return found.length;
    });
  }

  // Each on its own: one failing must not take the others with it.
  [recover404, noticeMissing, jumpControl, copyLinks, navHere].forEach(function (part) {
    try { part(); } catch (e) { window.console.error(e); }
  });
})();
