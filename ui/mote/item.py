"""One saved view drawn for the room: a lägesbild, a Hotspots analysis, or a pointer.

A Karta or Hotspots view whose map is hot spot classes or reports is drawn as the
lägesbild's picture (``est_geo.core.views.meeting_state``); a Hotspots view of density, grid
or emerging hot spots is drawn by the Hotspots page's own analysis
(``ui.hotspots.meeting``). Any other view says what it shows and links to its page.
"""

from __future__ import annotations

import streamlit as st

from est_geo.access.roles import Role
from est_geo.core.markup import escape_markdown as md
from est_geo.core.views import SavedView, meeting_state
from est_geo.hotspots import layers as hl
from est_geo.meeting.period_names import period_label
from ui import context, queries, shared_view
from ui.context import t
from ui.hotspots import meeting as hotspot_meeting
from ui.lagesbild import view


def show(saved: SavedView, view_id: int, role: Role) -> bool:
    """The saved view, big, with a link to its page where it is not a lägesbild.

    Returns whether it was drawn as a lägesbild (the page stops after any other view).
    """
    shown = meeting_state(saved.state)
    if shown is None and saved.state.page == "hotspots" and saved.state.mode in hl.MODES:
        st.title(md(saved.name))
        st.markdown(t(f"hotspots.mode.{saved.state.mode}"))
        hotspot_meeting.render(saved.state, key=f"mote_hs_{view_id}", height=680)
        shared_view.page_link(saved, role)
        return False
    if shown is None:
        areas = queries.areas()
        names = dict(zip((str(c) for c in areas["code"]), areas["name"], strict=True))
        st.title(md(saved.name))
        st.markdown(
            t(
                "mote.other_page",
                page=t(f"page.{saved.state.page}"),
                area=md(names.get(saved.state.area or "", saved.state.area or "–")),
                period=md(saved.state.period or "–"),
            )
        )
        shared_view.page_link(saved, role)
        return False
    lb, lb_key = view.lagesbild_for(shown)
    st.title(md(saved.name))
    name = period_label(lb.period, context.config().language)
    st.markdown(
        t(
            "lagesbild.subtitle",
            period=f"**{md(lb.area_name)}, {md(name)}**",
            previous=lb.period.previous.label(),
            last_year=lb.period.last_year.label(),
        )
    )
    view.figures(lb)
    view.lagesbild_map(lb, lb_key, shown, key=f"mote_map_{view_id}", height=680)
    view.priorities(lb)
    return True
