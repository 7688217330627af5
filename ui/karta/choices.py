"""Karta's sidebar: the shared filters and the area, set once from a link if one is open."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.core.views import ViewState
from ui import filters
from ui.context import t

PAGE = "karta"
#: The area shown first: matched by name, a row of the data (the demo's), not a text.
DEFAULT_AREA = "Klockaretorpet centrum"
AREA_KEY = "karta_area"


def area_names(areas: pd.DataFrame) -> dict[str, str]:
    """Area code → name, in the store's order."""
    codes = [str(c) for c in areas["code"]]
    return dict(zip(codes, (str(n) for n in areas["name"]), strict=True))


def apply_link(linked: ViewState, names: dict[str, str]) -> None:
    """A link (query parameters) sets the widgets once, before they are drawn."""
    filters.apply_view(linked)
    if linked.area in names:
        st.session_state[AREA_KEY] = linked.area


def area(names: dict[str, str]) -> str:
    """The chosen area's code, from the sidebar."""
    codes = list(names)
    default_code = next((c for c in codes if names[c] == DEFAULT_AREA), codes[0])
    return str(
        st.sidebar.selectbox(
            t("views.area"),
            codes,
            # The session's value as default (never setdefault): see filters.session_default.
            index=codes.index(filters.session_default(AREA_KEY, default_code)),
            format_func=lambda c: f"{names[c]} ({c})",
            key=AREA_KEY,
        )
    )
