"""Gap Watch core: the briefing as validated data, and pure functions over it (no Streamlit)."""
