"""The app's pages, run by st.navigation as scripts: each defines `render()` and calls it.

File pages (not callables) so that AppTest can switch to them:
`at.switch_page("views/map.py")`.
"""
