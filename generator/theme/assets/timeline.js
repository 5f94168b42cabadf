// Timeline behaviour in the browser: jump to a date, recover from links to
// days without events (via 404.html), copy an event's link.
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
  function utc(iso) {
    var p = iso.split("-").map(Number);
    return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1);
  }
  function nearest(list, t) {
    // closest by time; on a tie the earlier one
    var best = null, bestGap = Infinity;
    list.forEach(function (iso) {
      var gap = Math.abs(utc(iso) - t);
      if (gap < bestGap) { best = iso; bestGap = gap; }
    });
    return best;
  }
  function pageOf(iso) { return new URL(iso.replace(/-/g, "/") + "/", root); }

  // "2020/03/07", "2020-3-7", "2020/03", "2020" -> the page to show, or null
  function target(path, data) {
    var m = /^(\d{4})(?:[\/-](\d{1,2}))?(?:[\/-](\d{1,2}))?\/?(?:index\.html)?$/.exec(path);
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] : 0, d = m[3] ? +m[3] : 0;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    if (mo && d) {
      var t = Date.UTC(y, mo - 1, d);
      var day = nearest(data.days, t);
      return day && { url: pageOf(day), missing: y + "-" + pad(mo) + "-" + pad(d) };
    }
    if (mo) {
      var month = nearest(data.months, Date.UTC(y, mo - 1, 15));
      return month && { url: pageOf(month), missing: y + "-" + pad(mo) };
    }
    if (data.years.indexOf(y) >= 0) return { url: pageOf(String(y)), missing: "" };
    var near = nearest(data.days, Date.UTC(y, 6, 1));
    return near && { url: pageOf(near), missing: String(y) };
  }

  function go(found) {
    var url = found.url;
    if (found.missing) url.searchParams.set("missing", found.missing);
    window.location.replace(url.href);
  }

  function recover404() {
    if (!document.getElementById("tl-404")) return;
    var rel = decodeURIComponent(window.location.pathname).slice(root.pathname.length).replace(/^\/+/, "");
    loadIndex().then(function (data) {
      var found = target(rel, data);
      if (found) go(found);
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
      if (!input.value) return;
      loadIndex().then(function (data) {
        var found = target(input.value, data);
        if (found) {
          if (data.days.indexOf(input.value) >= 0) found.missing = "";
          go(found);
        }
      });
    });
  }

  function copyLinks() {
    document.querySelectorAll(".md-content h2[id], .md-content h3[id]").forEach(function (h) {
      if (!/-[0-9a-f]{6}$/.test(h.id)) return;   // event anchors end in a short hash
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tl-copy";
      button.textContent = "Copy link";
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
      h.appendChild(button);
    });
  }

  recover404();
  noticeMissing();
  jumpControl();
  copyLinks();
})();
