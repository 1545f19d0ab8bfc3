"""UI building blocks for the Gap Watch Streamlit app (no business logic here)."""
