/* warlog serve: the map (Leaflet on Natural Earth borders, grid clustering) and the brushable histogram.
   No inline script anywhere: this file reads its inputs from data- attributes. Text from the data is only
   ever set with textContent, never as HTML. */
(function () {
  "use strict";
  function note(text) {
    var el = document.getElementById("map-note");
    if (el) el.textContent = text;
  }

  function initMap() {
    var el = document.getElementById("map");
    if (!el || typeof L === "undefined") return;
    var map = L.map(el, { zoomSnap: 0.25, worldCopyJump: true, minZoom: 1, maxZoom: 14, attributionControl: true,
                          keyboard: true, preferCanvas: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth (public domain)");
    map.setView([20, 10], 2);
    var base = L.layerGroup().addTo(map);
    var marks = L.layerGroup().addTo(map);
    var points = [];

    fetch(el.getAttribute("data-atlas")).then(function (r) { return r.json(); }).then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { interactive: false, style: { color: "#9aa5ae", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(base);
      base.eachLayer(function (l) { if (l.bringToBack) l.bringToBack(); });
    }).catch(function () { note("The base map could not be read."); });

    function cluster() {
      marks.clearLayers();
      if (!points.length) return;
      // greedy distance clustering: a point joins the first cluster whose seed is within R pixels (seeds are
      // found through a grid of R-sized cells), so cluster markers never sit on each other
      var R = 40, grid = {}, clusters = [], z = map.getZoom();
      points.forEach(function (p) {
        var pt = map.project([p[0], p[1]], z), cx = Math.floor(pt.x / R), cy = Math.floor(pt.y / R), hit = null;
        for (var dx = -1; dx <= 1 && !hit; dx++) {
          for (var dy = -1; dy <= 1 && !hit; dy++) {
            var cands = grid[(cx + dx) + ":" + (cy + dy)] || [];
            for (var i = 0; i < cands.length; i++) {
              var c = cands[i];
              if (Math.abs(c.x - pt.x) <= R && Math.abs(c.y - pt.y) <= R) { hit = c; break; }
            }
          }
        }
        if (!hit) {
          hit = { x: pt.x, y: pt.y, pts: [] };
          clusters.push(hit);
          (grid[cx + ":" + cy] = grid[cx + ":" + cy] || []).push(hit);
        }
        hit.pts.push(p);
      });
      var groups = {};
      clusters.forEach(function (c, i) { groups[i] = c.pts; });
      Object.keys(groups).forEach(function (k) {
        var g = groups[k], n = 0, lat = 0, lon = 0;
        g.forEach(function (p) { n += p[2]; lat += p[0] * p[2]; lon += p[1] * p[2]; });
        lat /= n; lon /= n;
        if (n === 1 && g[0][3]) {
          var p = g[0];
          var icon = L.divIcon({ className: "ev-dot t-" + String(p[4]).toLowerCase().replace(/[^a-z0-9]/g, "-"), iconSize: [14, 14] });
          var m = L.marker([p[0], p[1]], { icon: icon, keyboard: true, title: (p[5] || "") + " " + (p[6] || "") + " " + p[4], alt: p[4] });
          m.bindTooltip(p[4] + (p[5] ? " at " + p[5] : "") + (p[6] ? ", " + p[6] : ""));
          m.on("click", function () { window.location.href = "/event/" + encodeURIComponent(p[3]); });
          m.on("keypress", function (e) { if (e.originalEvent.key === "Enter") window.location.href = "/event/" + encodeURIComponent(p[3]); });
          marks.addLayer(m);
        } else {
          var size = Math.min(56, 22 + Math.round(Math.log(n) * 6));
          var ci = L.divIcon({ className: "ev-cluster", iconSize: [size, size], html: String(n | 0) });
          var cm = L.marker([lat, lon], { icon: ci, keyboard: true, title: n + " events: zoom in", alt: n + " events" });
          cm.on("click", function () {
            var b = L.latLngBounds(g.map(function (p) { return [p[0], p[1]]; }));
            if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), Math.min(map.getZoom() + 3, 14));
            else map.fitBounds(b.pad(0.3), { maxZoom: 14 });
          });
          cm.on("keypress", function (e) { if (e.originalEvent.key === "Enter") cm.fire("click"); });
          marks.addLayer(cm);
        }
      });
    }

    fetch(el.getAttribute("data-points"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        points = d.points || [];
        if (d.bounds) map.fitBounds(d.bounds, { maxZoom: 11 });
        var parts = [d.located + " events on the map"];
        if (d.outside_view) parts.push(d.outside_view + " far from the others, outside this view (zoom out)");
        if (d.unlocated) parts.push(d.unlocated + " without a place");
        note(parts.join("; ") + ".");
        cluster();
        map.on("zoomend", cluster);
      })
      .catch(function () { note("The events could not be read for the map."); });
  }

  function initHistogram() {
    var svg = document.getElementById("hist");
    if (!svg) return;
    var bars = Array.prototype.slice.call(svg.querySelectorAll(".bar"));
    var brush = document.getElementById("brush");
    var vb = svg.viewBox.baseVal, start = null;
    function x(e) {
      var r = svg.getBoundingClientRect();
      return Math.max(0, Math.min(vb.width, (e.clientX - r.left) / r.width * vb.width));
    }
    function barAt(px) {
      var i = Math.floor(px / (vb.width / bars.length));
      return bars[Math.max(0, Math.min(bars.length - 1, i))];
    }
    svg.addEventListener("pointerdown", function (e) {
      start = x(e); svg.setPointerCapture(e.pointerId);
      brush.setAttribute("x", start); brush.setAttribute("width", 0);
    });
    svg.addEventListener("pointermove", function (e) {
      if (start === null) return;
      var cur = x(e);
      brush.setAttribute("x", Math.min(start, cur)); brush.setAttribute("width", Math.abs(cur - start));
    });
    svg.addEventListener("pointerup", function (e) {
      if (start === null) return;
      var cur = x(e), a = barAt(Math.min(start, cur)), b = barAt(Math.max(start, cur));
      start = null;
      var base = svg.getAttribute("data-base");
      var sep = base.indexOf("?") >= 0 ? "&" : "?";
      window.location.href = base + sep + "from=" + encodeURIComponent(a.getAttribute("data-from")) +
        "&to=" + encodeURIComponent(b.getAttribute("data-to"));
    });
  }

  document.addEventListener("DOMContentLoaded", function () { initMap(); initHistogram(); });
})();
