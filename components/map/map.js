// Gap Watch's map script, sent inside the map's frame: decodes the compact shapes
// (gapwatch/encoding.py) and binds tooltips and popups that Python has already escaped.
// ES5, and no underscore anywhere: st_folium renames `_xyz` suffixes in the script. Lines
// starting with // and indentation are stripped before sending (components/map/elements.py).
var gw = (function () {
  var ABC = "@ALPHABET@", VAL = {}, T = {};
  for (var i = 0; i < 64; i++) { VAL[ABC.charAt(i)] = i; }
  // An encoded line or ring (lon, lat deltas) -> Leaflet's [[lat, lng], ...].
  function decode(s, k) {
    var out = [], at = 0, x = 0, y = 0, p = Math.pow(10, k);
    function next() {
      var r = 0, m = 1, b;
      do { b = VAL[s.charAt(at++)]; r += (b % 32) * m; m *= 32; } while (b >= 32);
      return r % 2 ? -(r + 1) / 2 : r / 2;
    }
    while (at < s.length) { x += next(); y += next(); out.push([y / p, x / p]); }
    return out;
  }
  function deep(g, k) {
    return typeof g === "string" ? decode(g, k) : g.map(function (h) { return deep(h, k); });
  }
  function frame(html) {
    return '<div class="gw-tip" dir="' + T.dir + '" lang="' + T.lang + '">' + html + "</div>";
  }
  // [name, name in the other language, kind] -> the tooltip of a governorate, river or lake.
  function named(n) {
    return frame("<b>" + n[0] + '</b> · <bdi dir="' + T.odir + '" lang="' + T.olang + '">'
      + n[1] + "</bdi><br>" + T.kinds[n[2]]);
  }
  function bind(layer, tip, popup) {
    if (tip) { layer.bindTooltip(typeof tip === "string" ? tip : named(tip), {sticky: true}); }
    if (popup) { layer.bindPopup(popup, {maxWidth: 320}); }
    return layer;
  }
  function labels(parent, css, list) {
    list.forEach(function (l) {
      L.marker([l[0], l[1]], {interactive: false, keyboard: false, icon: L.divIcon({
        html: '<div class="gw-label ' + css + '" dir="' + T.dir + '" lang="' + T.lang + '">'
          + l[2] + "</div>",
        iconSize: [0, 0], iconAnchor: [0, 0], className: "gw-label-icon"})}).addTo(parent);
    });
  }
  return {
    setup: function (t) { T = t; },
    labels: labels,
    // d: {k: decimals, line: 0|1, s: [styles], a: attribution,
    //     f: [[geometry, style index, tooltip, popup], ...]}
    shapes: function (parent, d) {
      var group = L.featureGroup().addTo(parent);
      d.f.forEach(function (f, i) {
        var style = d.s[f[1] || 0];
        if (d.a && i === 0) { style = L.extend({attribution: d.a}, style); }
        var make = d.line ? L.polyline : L.polygon;
        bind(make(deep(f[0], d.k), style), f[2], f[3]).addTo(group);
      });
      return group;
    },
    // d: {k, a: arcs, u: uses, p: [parts of rings of arc refs], n: [[name, other, kri]],
    //     s: [fill, KRI fill, inner border, outer border], at: attribution}
    govs: function (parent, d) {
      var arcs = d.a.map(function (s) { return decode(s, d.k); });
      function ring(refs) {
        var out = [];
        refs.forEach(function (r) {
          var a = r < 0 ? arcs[-r - 1].slice().reverse() : arcs[r];
          out = out.concat(out.length ? a.slice(1) : a);
        });
        return out;
      }
      var group = L.featureGroup().addTo(parent), inner = [], outer = [];
      d.p.forEach(function (parts, i) {
        var rings = parts.map(function (part) { return part.map(ring); });
        bind(L.polygon(rings, d.s[d.n[i][2]]), d.n[i]).addTo(group);
      });
      arcs.forEach(function (a, i) { (d.u[i] > 1 ? inner : outer).push(a); });
      L.polyline(inner, d.s[2]).addTo(group);
      L.polyline(outer, L.extend({attribution: d.at}, d.s[3])).addTo(group);
      return group;
    },
    // list: [[lat, lng, exact, tooltip, popup, label]]; s: [exact style, approximate style]
    places: function (parent, list, s) {
      list.forEach(function (p) {
        bind(L.circleMarker([p[0], p[1]], s[p[2] ? 0 : 1]), p[3], p[4]).addTo(parent);
      });
      labels(parent, "gw-town", list.map(function (p) { return [p[0], p[1], p[5]]; }));
    }
  };
})();
