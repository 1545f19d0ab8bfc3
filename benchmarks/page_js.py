"""The JavaScript the browser benchmark runs in the page (benchmarks/browser_bench.py): the
recorder installed before the page's own scripts, and the probes that tell when the map is
ready, a chart has changed or a rerun has finished."""

from __future__ import annotations

import json

from components.map.constants import STYLES

# Runs in every frame before the page's own scripts; in the top frame it records, with
# performance.now() timestamps: script-state changes of stApp, the first pointer-down or
# key-down after `inputAt` is reset, and every websocket message received with the numbers of
# its top-level protobuf fields (ForwardMsg.script_finished is field 6, page_not_found 15), so
# a rerun's end is seen even when React renders "running" and "notRunning" in one frame.
INIT_JS = """
(() => {
  if (window.top !== window) return;
  const bench = { states: [], inputAt: null, msgs: [] };
  window.__bench = bench;
  new MutationObserver((records) => {
    for (const r of records) {
      bench.states.push([performance.now(), r.target.getAttribute('data-test-script-state')]);
    }
  }).observe(document, {attributes: true, subtree: true,
                        attributeFilter: ['data-test-script-state']});
  const input = () => { if (bench.inputAt === null) bench.inputAt = performance.now(); };
  window.addEventListener('pointerdown', input, true);
  window.addEventListener('keydown', input, true);
  const topFields = (buffer) => {
    const bytes = new Uint8Array(buffer);
    const fields = [];
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * scale; scale *= 128; }
      while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint();
      const wire = tag % 8;
      fields.push(Math.floor(tag / 8));
      if (wire === 0) varint();
      else if (wire === 1) i += 8;
      else if (wire === 2) { const n = varint(); i += n; }
      else if (wire === 5) i += 4;
      else break;
    }
    return fields;
  };
  const Native = window.WebSocket;
  class Recorded extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const now = performance.now();
        let fields = [];
        try { if (event.data instanceof ArrayBuffer) fields = topFields(event.data); } catch (e) {}
        bench.msgs.push([now, fields]);
      });
    }
  }
  window.WebSocket = Recorded;
})();
"""
SCRIPT_FINISHED_FIELD = 6
PAGE_NOT_FOUND_FIELD = 15

# The first Leaflet map in a st_folium iframe: {win, map} or null.
_FIND_MAP_JS = """
const findMap = () => {
  for (const f of document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')) {
    let w;
    try { w = f.contentWindow; } catch (e) { continue; }
    if (!w || !w.L || !w.L.Map) continue;
    for (const v of Object.values(w)) {
      try { if (v instanceof w.L.Map) return {win: w, map: v}; } catch (e) { /* skip */ }
    }
  }
  return null;
};
"""

# Predicate for page.wait_for_function: the map is interactive and its drawing is stable.
MAP_READY_JS = (
    "(needLayers) => {"
    + _FIND_MAP_JS
    + """
  const b = window.__bench || (window.__bench = {states: [], inputAt: null});
  const found = findMap();
  if (!found || !found.map._loaded) return false;
  const {win, map} = found;
  if (map.getContainer().clientHeight === 0) return false;
  const d = win.document;
  const paths = d.querySelectorAll('.leaflet-overlay-pane path').length;
  const canvases = d.querySelectorAll('.leaflet-overlay-pane canvas').length;
  const markers = d.querySelectorAll('.leaflet-marker-pane > *').length;
  let vectors = 0;
  map.eachLayer((layer) => { if (layer instanceof win.L.Path) vectors += 1; });
  if (needLayers && paths + canvases === 0) return false;
  const sig = [paths, canvases, markers, vectors].join(',');
  const now = performance.now();
  if (sig !== b.mapSig) { b.mapSig = sig; b.mapSince = now; return false; }
  if (now - b.mapSince < 500) return false;
  return {at: b.mapSince, paths, canvases, markers, vectors, zoom: map.getZoom()};
}"""
)

ZOOM_JS = (
    "() => {"
    + _FIND_MAP_JS
    + """
  const {map} = findMap();
  const before = map.getZoom();
  map.setZoom(before + 1);
  return before;
}"""
)

PAN_JS = (
    "() => {"
    + _FIND_MAP_JS
    + """
  const {map} = findMap();
  const c = map.getCenter();
  map.panBy([150, 100]);
  return [c.lat, c.lng];
}"""
)

MAP_VIEW_JS = (
    "() => {"
    + _FIND_MAP_JS
    + """
  const {map} = findMap();
  const c = map.getCenter();
  return {zoom: map.getZoom(), lat: c.lat, lng: c.lng};
}"""
)

# What every plotly chart on the page draws, as one string: each trace's x, y and base
# values, and the number of bars (`.point`) in the DOM. Any filter that changes the chart
# changes it, whether it drops bars or relabels them.
_CHART_SIG_JS = """
const chartSig = () => Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) => {
  const traces = (gd.data || []).map((t) => {
    try { return JSON.stringify([t.x, t.y, t.base]); } catch (e) { return '?'; }
  });
  return traces.join(',') + '/' + gd.querySelectorAll('.point').length;
}).join('|');
"""
CHART_SIG_JS = "() => {" + _CHART_SIG_JS + "return chartSig(); }"
BAR_COUNT_JS = "() => document.querySelectorAll('.js-plotly-plot .point').length"

SETTLED_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-testid="stSkeleton"]') === null;
}
"""

RESET_INPUT_JS = "() => { window.__bench.inputAt = null; window.__bench.seen = {}; }"

# `rerunSettled()`: after the pointer or key went down, the server has finished a script run
# (ForwardMsg.script_finished) and the app has settled (`notRunning`, no skeleton).
_RERUN_SETTLED_JS = (
    f"const FINISHED = {SCRIPT_FINISHED_FIELD};"
    + """
const rerunSettled = () => {
  const b = window.__bench;
  if (!b || b.inputAt === null) return false;
  if (!b.msgs.some(([t, fields]) => t >= b.inputAt && fields.includes(FINISHED))) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return document.querySelector('[data-testid="stSkeleton"]') === null;
};
"""
)

# Predicate: the rerun has settled and (if `before` is a string) the charts differ from
# `before`. Returns the ms since the pointer went down.
RERUN_DONE_JS = (
    "(before) => {"
    + _CHART_SIG_JS
    + _RERUN_SETTLED_JS
    + """
  if (!rerunSettled()) return false;
  if (before !== null) {
    const sig = chartSig();
    if (sig === before || sig === '') return false;
  }
  return performance.now() - window.__bench.inputAt;
}"""
)


#: The gap band as the incidents page draws it: on the map, the one SVG path filled with the
#: band's colour (Leaflet writes `fillColor` into the path's `fill`; the dashed 1 km and 20 km
#: outlines are not filled, the hexagons use the viridis palette); in the distance histogram,
#: the plotly layout shapes of these names (components/incident_charts.py).
BAND_FILL: str = STYLES["gap"]["fillColor"]
BAND_SHAPE_NAMES = ("band", "band-edge")

# `bandSig()`: what the page draws of the gap band, as {map, chart} strings (empty when not
# drawn): map, a hash of the `d` of every band path in each st_folium iframe's overlay pane;
# chart, the x0/x1 of the histogram's band shapes.
_BAND_SIG_JS = (
    f"const BAND_FILL = {json.dumps(BAND_FILL)};"
    f"const BAND_SHAPES = {json.dumps(BAND_SHAPE_NAMES)};"
    + """
const hashText = (text) => {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33 + text.charCodeAt(i)) | 0;
  return text.length + ':' + (h >>> 0).toString(16);
};
const bandSig = () => {
  const paths = [];
  for (const f of document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')) {
    let d;
    try { d = f.contentDocument; } catch (e) { continue; }
    if (!d) continue;
    for (const p of d.querySelectorAll('.leaflet-overlay-pane path')) {
      if (p.getAttribute('fill') === BAND_FILL) paths.push(p.getAttribute('d') || '');
    }
  }
  const shapes = [];
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    for (const s of ((gd.layout || {}).shapes || [])) {
      if (BAND_SHAPES.includes(s.name)) shapes.push([s.name, s.x0, s.x1]);
    }
  }
  return {map: paths.length ? hashText(paths.join('|')) : '',
          chart: shapes.length ? JSON.stringify(shapes) : ''};
};
"""
)
BAND_SIG_JS = "() => {" + _BAND_SIG_JS + "return bandSig(); }"

# Predicate, given BAND_SIG_JS's result from before a width change: the rerun has settled and
# both the map's band and the histogram's band are drawn and differ from `before`. Returns
# {ms} since the key or pointer went down, and where the time went: when the server's
# script_finished arrived (`finished`) and when each condition was first seen (`settled`,
# `map`, `chart`), all in ms since the key or pointer went down.
BAND_DONE_JS = (
    "(before) => {"
    + _BAND_SIG_JS
    + _RERUN_SETTLED_JS
    + """
  const b = window.__bench;
  if (!b || b.inputAt === null) return false;
  const elapsed = performance.now() - b.inputAt;
  const seen = b.seen || (b.seen = {});
  const now = bandSig();
  const met = {
    settled: rerunSettled(),
    map: !!now.map && now.map !== before.map,
    chart: !!now.chart && now.chart !== before.chart,
  };
  for (const [name, ok] of Object.entries(met)) {
    if (ok && seen[name] === undefined) seen[name] = elapsed;
  }
  if (!met.settled || !met.map || !met.chart) return false;
  const finished = b.msgs.find(([t, fields]) => t >= b.inputAt && fields.includes(FINISHED));
  return {ms: elapsed, finished: finished[0] - b.inputAt, ...seen};
}"""
)


PAGE_NOT_FOUND_JS = (
    f"() => (window.__bench ? window.__bench.msgs : [])"
    f".some(([t, fields]) => fields.includes({PAGE_NOT_FOUND_FIELD}))"
)
