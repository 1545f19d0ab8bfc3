"""Framework floor for a filter change: one multiselect and one plotly chart, nothing else.

Picking a place reruns the script and redraws a small horizontal bar chart (six bars, then the
chosen place's): the shortest "filter change → updated chart" Streamlit and plotly allow on this
machine, measured by the same interaction as Gap Watch's timeline (the option "Erbil").
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

# Six places, one bar each: how many events the article ties to each one.
EVENTS_PER_PLACE = {
    "Baghdad": 2,
    "Erbil": 1,
    "Kirkuk": 1,
    "Hawija": 1,
    "Makhmour": 1,
    "Hamrin range": 1,
}

chosen = st.multiselect("Place", list(EVENTS_PER_PLACE), key="place")
shown = chosen or list(EVENTS_PER_PLACE)
st.plotly_chart(
    go.Figure(go.Bar(y=shown, x=[EVENTS_PER_PLACE[p] for p in shown], orientation="h")),
    key="chart",
)
