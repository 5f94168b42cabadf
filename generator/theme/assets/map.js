// The map page (/map/): the site's own basemap (Natural Earth outlines, map/basemap.json)
// drawn as SVG, one circle per place sized by its events under the filters, coloured by
// their most common type. Counts come from map/summary.json; a year's events
// (map/YYYY.json) are fetched only when a place is opened in that year. Every URL is
// relative to this page: the site may live under a subpath. No other site is contacted
// unless the page names a tile server (site_config/site.yaml, map: tiles:).
(function () {
  "use strict";
  var box = document.getElementById("tl-map");
  if (!box) return;
  var W = 1024;                                         // the world's width in SVG units (Web Mercator)
  var COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c6d31", "#999999"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var NS = "http://www.w3.org/2000/svg";
  var data = null, years = {}, view = null, svg, land, tiles, markers, panel, status, form;

  function el(tag, attrs, text) {
    var e = tag.indexOf("svg:") === 0 ? document.createElementNS(NS, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function x(lon) { return (lon + 180) / 360 * W; }
  function y(lat) {
    var s = Math.sin(Math.max(-85, Math.min(85, lat)) * Math.PI / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * W;
  }
  function json(name) { return fetch(name).then(function (r) { if (!r.ok) throw new Error(name + ": " + r.status); return r.json(); }); }

  // -- filters ------------------------------------------------------------------
  function option(select, value, label) { select.appendChild(el("option", { value: value }, label)); }
  function buildForm() {
    form = el("form", { "class": "tl-map-filters", "aria-label": "Filter the map" });
    var year = el("select", { name: "year", id: "tl-map-year" });
    option(year, "", "All years");
    data.years.forEach(function (yy) { option(year, String(yy), String(yy)); });
    var from = el("select", { name: "from", id: "tl-map-from" }), to = el("select", { name: "to", id: "tl-map-to" });
    MONTHS.forEach(function (m, i) { option(from, String(i + 1), m); option(to, String(i + 1), m); });
    to.value = "12";
    var actor = el("select", { name: "actor", id: "tl-map-actor" });
    option(actor, "", "All actors");
    data.actors.forEach(function (a, i) { option(actor, String(i), a); });
    var types = el("fieldset", { "class": "tl-map-types" });
    types.appendChild(el("legend", {}, "Types"));
    data.types.forEach(function (t, i) {
      var label = el("label"), box = el("input", { type: "checkbox", name: "type", value: String(i) });
      box.checked = true;
      label.appendChild(box);
      label.appendChild(el("span", { "class": "tl-swatch", style: "background:" + COLOURS[i % COLOURS.length] }));
      label.appendChild(document.createTextNode(" " + (t || "(no type)")));
      types.appendChild(label);
    });
    [["Year", year], ["From", from], ["to", to], ["Actor", actor]].forEach(function (pair) {
      var label = el("label", { "for": pair[1].id }, pair[0]);
      form.appendChild(label);
      form.appendChild(pair[1]);
    });
    form.appendChild(types);
    form.addEventListener("change", function () { draw(); if (panel.dataset.place) open(+panel.dataset.place); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    return form;
  }
  function filters() {
    var f = new FormData(form), year = f.get("year");
    var types = {};
    f.getAll("type").forEach(function (t) { types[t] = true; });
    // read from the elements: FormData leaves out disabled ones (the months, without a year)
    var from = +form.elements.from.value, to = +form.elements.to.value;
    form.elements.from.disabled = form.elements.to.disabled = !year;
    return { year: year ? +year : null, from: year ? Math.min(from, to) : 1, to: year ? Math.max(from, to) : 12,
      actor: f.get("actor") === "" ? -1 : +f.get("actor"), types: types };
  }
  function wanted(f, yy, m, t, a) {
    if (a !== f.actor || !f.types[t]) return false;
    if (f.year !== null && yy !== f.year) return false;
    if (m === 0) return f.from === 1 && f.to === 12;   // known only to the year: shown with the whole year
    return m >= f.from && m <= f.to;
  }

  // -- drawing ------------------------------------------------------------------
  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return n.toFixed(3); }).join(" "));
    drawTiles();
    sizeMarkers();
  }
  function pxPerUnit() { return (svg.clientWidth || 800) / view.w; }
  function drawLand(basemap) {
    var d = [];
    basemap.rings.forEach(function (r) {
      var lon = r[0], lat = r[1], parts = ["M" + x(lon / 100).toFixed(2) + " " + y(lat / 100).toFixed(2)];
      for (var i = 2; i < r.length; i += 2) {
        lon += r[i]; lat += r[i + 1];
        parts.push(x(lon / 100).toFixed(2) + " " + y(lat / 100).toFixed(2));
      }
      d.push(parts.join("L") + "Z");
    });
    land.setAttribute("d", d.join(""));
  }
  function drawTiles() {
    var url = box.dataset.tiles;
    if (!url) return;
    var z = Math.max(0, Math.min(18, Math.round(Math.log2(pxPerUnit() * W / 256))));
    var n = Math.pow(2, z), size = W / n;
    while (tiles.firstChild) tiles.removeChild(tiles.firstChild);
    for (var i = Math.max(0, Math.floor(view.x / size)); i <= Math.min(n - 1, Math.floor((view.x + view.w) / size)); i++) {
      for (var j = Math.max(0, Math.floor(view.y / size)); j <= Math.min(n - 1, Math.floor((view.y + view.h) / size)); j++) {
        tiles.appendChild(el("svg:image", { href: url.replace("{z}", z).replace("{x}", i).replace("{y}", j),
          x: i * size, y: j * size, width: size, height: size }));
      }
    }
  }
  function sizeMarkers() {
    var k = pxPerUnit();
    Array.prototype.forEach.call(markers.childNodes, function (c) {
      c.setAttribute("r", (+c.dataset.px / k).toFixed(4));
      c.setAttribute("stroke-width", (1 / k).toFixed(4));
    });
  }
  function draw() {
    var f = filters(), shown = 0, events = 0;
    while (markers.firstChild) markers.removeChild(markers.firstChild);
    var order = [];
    data.places.forEach(function (p, i) {
      var total = 0, byType = {};
      data.counts[i].forEach(function (row) {
        if (wanted(f, row[0], row[1], row[2], row[3])) { total += row[4]; byType[row[2]] = (byType[row[2]] || 0) + row[4]; }
      });
      if (total) order.push([total, i, byType]);
    });
    order.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });   // big circles under small ones
    order.forEach(function (item) {
      var total = item[0], i = item[1], p = data.places[i], top = -1;
      Object.keys(item[2]).forEach(function (t) { if (top < 0 || item[2][t] > item[2][top]) top = +t; });
      var c = el("svg:circle", { cx: x(p[2]).toFixed(3), cy: y(p[1]).toFixed(3), "class": "tl-marker", tabindex: "0",
        fill: COLOURS[top % COLOURS.length], role: "button", "data-place": String(i),
        "aria-label": p[0] + ": " + total + (total === 1 ? " event" : " events") });
      c.dataset.px = String(Math.min(30, 4 + 2.5 * Math.sqrt(total)));
      c.appendChild(el("svg:title", {}, p[0] + ": " + total + (total === 1 ? " event" : " events")));
      c.addEventListener("click", function () { open(i); });
      c.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(i); } });
      markers.appendChild(c);
      shown++; events += total;
    });
    sizeMarkers();
    // an event naming several places is counted at each of them
    status.textContent = shown + (shown === 1 ? " place" : " places") + (f.year ? " in " + f.year : "") + "; " +
      events + " events counted at their places (an event naming several places counts at each)";
  }

  // -- a place's events -----------------------------------------------------------
  function label(ev) {
    var p = data.precisions[ev[3]], s = ev[1], e = ev[2];
    return (p === "day" ? s : s + " – " + e) + " (" + p + ")";
  }
  function open(i) {
    var f = filters(), p = data.places[i];
    panel.dataset.place = String(i);
    panel.hidden = false;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var head = el("h2", { "class": "tl-map-place" });
    head.appendChild(el("a", { href: p[4] }, p[0]));
    panel.appendChild(head);
    if (f.year === null) {
      // all years: counts per year; the events are loaded a year at a time
      var per = {};
      data.counts[i].forEach(function (r) { if (wanted({ year: null, from: 1, to: 12, actor: f.actor, types: f.types }, r[0], r[1], r[2], r[3])) per[r[0]] = (per[r[0]] || 0) + r[4]; });
      var list = el("ul", { "class": "tl-map-years" });
      Object.keys(per).sort().forEach(function (yy) {
        var li = el("li"), b = el("button", { type: "button", "class": "md-button tl-map-year" }, yy);
        b.addEventListener("click", function () { form.elements.year.value = yy; draw(); open(i); });
        li.appendChild(b);
        li.appendChild(document.createTextNode(" " + per[yy] + (per[yy] === 1 ? " event" : " events")));
        list.appendChild(li);
      });
      panel.appendChild(el("p", {}, "Choose a year to list its events:"));
      panel.appendChild(list);
      return;
    }
    var note = el("p", {}, "Loading " + f.year + "…");
    panel.appendChild(note);
    if (!years[f.year]) years[f.year] = json(f.year + ".json");
    years[f.year].then(function (d) {
      if (panel.dataset.place !== String(i)) return;
      var list = el("ul", { "class": "tl-map-events" }), n = 0;
      d.events.forEach(function (ev) {
        if (ev[0].indexOf(i) < 0 || !f.types[ev[4]]) return;
        if (f.actor >= 0 && ev[5].indexOf(f.actor) < 0) return;
        var m = data.precisions[ev[3]] === "year" || ["decade", "century"].indexOf(data.precisions[ev[3]]) >= 0 ? 0 : +ev[1].slice(5, 7);
        if (!wanted({ year: f.year, from: f.from, to: f.to, actor: f.actor, types: f.types }, f.year, m, ev[4], f.actor)) return;
        var li = el("li");
        li.appendChild(el("span", { "class": "tl-map-date" }, label(ev) + " "));
        li.appendChild(el("a", { href: ev[7] }, ev[6]));
        list.appendChild(li);
        n++;
      });
      note.textContent = n + (n === 1 ? " event" : " events") + " in " + f.year + ":";
      panel.appendChild(list);
    }).catch(function (err) { note.textContent = "Could not load the events: " + err.message; });
  }

  // -- pan and zoom -----------------------------------------------------------------
  function zoom(factor, cx, cy) {
    var w = Math.max(0.5, Math.min(W, view.w * factor)), h = w * view.h / view.w;
    cx = cx == null ? view.x + view.w / 2 : cx; cy = cy == null ? view.y + view.h / 2 : cy;
    setView({ x: cx - (cx - view.x) * w / view.w, y: cy - (cy - view.y) * h / view.h, w: w, h: h });
  }
  function interact() {
    var drag = null;
    svg.addEventListener("pointerdown", function (e) {
      if (e.target.classList.contains("tl-marker")) return;
      drag = { x: e.clientX, y: e.clientY, view: view };
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var k = pxPerUnit();
      setView({ x: drag.view.x - (e.clientX - drag.x) / k, y: drag.view.y - (e.clientY - drag.y) / k, w: view.w, h: view.h });
    });
    svg.addEventListener("pointerup", function () { drag = null; });
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = svg.getBoundingClientRect(), k = pxPerUnit();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, view.x + (e.clientX - r.left) / k, view.y + (e.clientY - r.top) / k);
    }, { passive: false });
  }
  function fit() {
    var xs = data.places.map(function (p) { return x(p[2]); }), ys = data.places.map(function (p) { return y(p[1]); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(8, (x1 - x0) * 1.3), h = w * 0.6;
    if ((y1 - y0) * 1.3 > h) { h = (y1 - y0) * 1.3; w = h / 0.6; }
    setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h });
  }

  function start(basemap) {
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(buildForm());
    status = el("p", { "class": "tl-map-status", role: "status" });
    box.appendChild(status);
    var stage = el("div", { "class": "tl-map-stage" });
    svg = el("svg:svg", { "class": "tl-map-svg", role: "img", "aria-label": "Map of the places with events" });
    tiles = el("svg:g", { "class": "tl-map-tiles" });
    land = el("svg:path", { "class": "tl-map-land" });
    markers = el("svg:g", { "class": "tl-map-markers" });
    svg.appendChild(tiles); svg.appendChild(land); svg.appendChild(markers);
    stage.appendChild(svg);
    var zoomer = el("div", { "class": "tl-map-zoom" });
    [["+", 0.5, "Zoom in"], ["−", 2, "Zoom out"]].forEach(function (z) {
      var b = el("button", { type: "button", "class": "md-button", "aria-label": z[2] }, z[0]);
      b.addEventListener("click", function () { zoom(z[1]); });
      zoomer.appendChild(b);
    });
    stage.appendChild(zoomer);
    box.appendChild(stage);
    if (box.dataset.tiles && box.dataset.attribution) box.appendChild(el("p", { "class": "tl-map-credit" }, box.dataset.attribution));
    else box.appendChild(el("p", { "class": "tl-map-credit" }, "Borders: Natural Earth."));
    panel = el("section", { "class": "tl-map-panel", "aria-live": "polite" });
    panel.hidden = true;
    box.appendChild(panel);
    if (basemap) drawLand(basemap);
    interact();
    fit();
    draw();
    box.dataset.ready = "1";
  }

  Promise.all([json("summary.json"), json("basemap.json").catch(function () { return null; })]).then(function (r) {
    data = r[0];
    start(r[1]);
  }).catch(function (err) { box.textContent = "The map could not be loaded: " + err.message; });
})();
