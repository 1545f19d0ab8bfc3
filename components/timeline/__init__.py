"""The timeline of events: a plotly figure that shows how sure each date is, and event details.

Where a change goes:

- `drawing.py`  colours, marks and the per-event texts the chart draws (cached per language)
- `figure.py`   the plotly figure: axis, bars, diamonds, legend (`build_timeline_figure`)
- `details.py`  the selected event's details and the table rows (escaped HTML, plain rows)
- `render.py`   the only Streamlit code: chart, table and details with their callbacks

How a date is drawn says how precise it is:

- an exact day is a solid one-day bar with a diamond on it (a one-day bar alone would be a
  hairline on a five-month axis);
- an imprecise date ("the end of 2018", "Wednesday, 4 February") is a translucent, hatched bar
  with a dotted outline spanning every day the article's words allow;
- a date we inferred (the year of "4 February") carries "≈" before the article's words.
"""
