"""Page registry: which script, title and URL each page id has."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from est_geo.access import Role, visible_pages
from ui import context

_ROOT = Path(__file__).resolve().parent.parent
#: page id → (script, icon). Titles come from the translation layer ("page.<id>").
PAGE_FILES: dict[str, tuple[str, str]] = {
    "karta": ("pages/karta.py", ":material/map:"),
    "lagesbild": ("pages/lagesbild.py", ":material/summarize:"),
    "handlingsplan": ("pages/handlingsplan.py", ":material/checklist:"),
    "mote": ("pages/mote.py", ":material/co_present:"),
    "hotspots": ("pages/hotspots.py", ":material/local_fire_department:"),
    "atgarder": ("pages/atgarder.py", ":material/construction:"),
    "om": ("pages/om.py", ":material/info:"),
    "indikatorer": ("pages/indikatorer.py", ":material/stacked_line_chart:"),
}


def pages_for(role: Role) -> list[st.Page]:  # type: ignore[name-defined]
    """Pages registered for ``role`` in the configured mode (first = start page)."""
    ids = visible_pages(role, public_mode=context.config().public)
    return [
        st.Page(
            str(_ROOT / PAGE_FILES[pid][0]),
            title=context.t(f"page.{pid}"),
            icon=PAGE_FILES[pid][1],
            url_path=pid,
            default=(i == 0),
        )
        for i, pid in enumerate(ids)
    ]
