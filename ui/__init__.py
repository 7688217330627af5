"""Shared Streamlit glue (the only place besides app.py and app_pages/ that imports streamlit)."""
