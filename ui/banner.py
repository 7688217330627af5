"""Banners shown on every page: the demo-data notice and the data footer."""

from __future__ import annotations

import streamlit as st

from ui import context


def demo_banner() -> None:
    """'Demodata – fiktiva händelser' while demo data is loaded (never mistaken for facts)."""
    if context.store().is_demo():
        st.warning(context.t("demo.banner"), icon="⚠️")


def data_footer() -> None:
    """Where the data comes from and when it was last updated."""
    meta = context.store().meta()
    source = "demodata (fiktiv)" if meta.get("demo") == "true" else "EST-rapporter"
    updated = meta.get("last_update", "okänt")
    st.caption(context.t("footer.data", source=source, updated=updated))
