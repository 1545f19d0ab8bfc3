"""Conflict incidents (UCDP GED, ACLED) measured against the assumed line: pure core, no Streamlit.

Modules: `schema` (the normalised columns), `formats` (which export a header is), `importer`
(bytes -> validated frame), `lines` (assumed lines, distances, sectors), `store` (the DuckDB
folder), `analysis` (the figures), `aggregate` (map cells), `export` (downloads), `cli`.
"""
