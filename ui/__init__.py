"""Shared Streamlit glue (the only place besides app.py and pages/ that imports streamlit)."""
