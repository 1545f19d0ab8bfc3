"""Framework floor: a blank Streamlit page with one button.

A click reruns the script and the page settles: the shortest rerun round trip Streamlit
allows on this machine, against which the timeline's filter change is judged.
"""

from __future__ import annotations

import streamlit as st

st.button("Rerun", key="rerun")
