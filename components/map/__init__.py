"""The map page: a vector basemap, the places the article names and the illustrative zones.

Where a change goes:

- `constants.py`  view, zooms, colours, panes, shape styles, how much shapes are thinned
- `elements.py`   the map's folium elements, drawn in the browser by `map.js` (styled by
                  `map.css`) from the compact strings of `gapwatch.encoding`
- `tooltips.py`   what the map says on hover and click, and the legend (escaped HTML)
- `base.py`       the base map, built once per language and cached
- `gap.py`        zones as drawn, and the gap band for the chosen width
- `details.py`    below the map: what the article says at a place (`details.css`)
- `render.py`     the only Streamlit code: caching, slider, map, details

Three rules shape the builders. **Offline**: Leaflet is served by the app, the basemap is
vectors from `data/geo`; OpenStreetMap is an overlay that starts off. **Lean**: shapes are
thinned for display and sent as compact strings (about 38 KB for the whole map instead of
280 KB). **No rerun on zoom or on load, no remount on a rerun**: st_folium keys its iframe on
a hash of the map's script, so the base map never changes within a language (built once,
cached, element ids fixed by `components.compat`), and what does change (the gap band, the
focus) reaches the live map through `feature_group_to_add=` and `center=` / `zoom=`.

Which zones exist, and what lies at a place, are rules of the core (`gapwatch.zones`,
`gapwatch.queries`), shared with the exports.
"""
