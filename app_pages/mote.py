"""Möte: presentation mode for the meeting room — one saved view at a time, big.

The sidebar starts collapsed, type is large, the map takes the full width, and the
agenda (an ordered list of saved views) is stepped through with Föregående/Nästa. The
agenda and step are in the URL (``?agenda=1&steg=2``), so a reload or a second screen
shows the same item. A Karta or Hotspots view whose map is hot spot classes or reports is
drawn here as the lägesbild's picture (``est_geo.views.meeting_state``); a Hotspots view
of density, grid or emerging hot spots is drawn by the Hotspots page's own analysis
(``ui.hotspot_meeting``). Any other view says what it shows and links to its page.
"""

from __future__ import annotations

import streamlit as st

from est_geo import hotspot_layers as hl
from est_geo.errors import EstGeoError
from est_geo.markup import escape_markdown as md
from est_geo.store.meeting import MeetingStore
from est_geo.views import meeting_state
from ui import banner, context, data, hotspot_meeting, page, shared_view
from ui.lagesbild import view

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
role = page.open_page("mote")
t = context.t
store = context.store()
st.html(view.MEETING_CSS)

agendas = store.agendas() if isinstance(store, MeetingStore) else []
if not isinstance(store, MeetingStore) or not agendas:
    st.title(t("page.mote"))
    st.info(t("mote.no_agenda"))
    st.stop()

by_id = {a.id: a for a in agendas if a.id is not None}
ids = list(by_id)


def _int_param(name: str) -> int | None:
    raw = st.query_params.get(name)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


# The URL decides on first load (a shared link); afterwards the buttons do.
wanted = _int_param("agenda")
if "mote_agenda" not in st.session_state:
    st.session_state["mote_agenda"] = wanted if wanted in by_id else ids[0]
    st.session_state["mote_step"] = max(1, _int_param("steg") or 1)


def _go(delta: int) -> None:
    n = len(by_id[st.session_state["mote_agenda"]].view_ids)
    st.session_state["mote_step"] = min(max(1, st.session_state["mote_step"] + delta), n)


def _reset_step() -> None:
    st.session_state["mote_step"] = 1


agenda_id = st.sidebar.selectbox(
    t("mote.agenda"),
    ids,
    format_func=lambda i: by_id[i].name,
    key="mote_agenda",
    on_change=_reset_step,
)
agenda = by_id[agenda_id]
total = len(agenda.view_ids)
step = min(max(1, st.session_state["mote_step"]), total)
st.session_state["mote_step"] = step
st.query_params.from_dict({"agenda": str(agenda_id), "steg": str(step)})

view_id = agenda.view_ids[step - 1]
try:
    saved = store.get_saved_view(view_id)
except EstGeoError:
    saved = None

prev_col, title_col, next_col = st.columns([2, 5, 2], vertical_alignment="center")
prev_col.button(
    t("mote.previous"), on_click=_go, args=(-1,), disabled=step <= 1, key="mote_prev",
    width="stretch",
)  # fmt: skip
next_col.button(
    t("mote.next"), on_click=_go, args=(1,), disabled=step >= total, key="mote_next",
    width="stretch",
)  # fmt: skip
name = saved.name if saved is not None else "–"
title_col.markdown(f"**{md(agenda.name)}** · " + t("mote.step", n=step, total=total, name=md(name)))

if saved is None:
    st.warning(t("mote.missing_view"))
    st.stop()

shown = meeting_state(saved.state)
if shown is None and saved.state.page == "hotspots" and saved.state.mode in hl.MODES:
    st.title(md(saved.name))
    st.markdown(t(f"hotspots.mode.{saved.state.mode}"))
    hotspot_meeting.render(saved.state, key=f"mote_hs_{view_id}", height=680)
    shared_view.page_link(saved, role)
    banner.data_footer()
    st.stop()
if shown is None:
    names = dict(zip((str(c) for c in data.areas()["code"]), data.areas()["name"], strict=True))
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
    banner.data_footer()
    st.stop()

lb = view.lagesbild_for(shown)
st.title(md(saved.name))
st.markdown(
    t(
        "lagesbild.subtitle",
        period=f"**{md(lb.area_name)}, {md(lb.period.label)}**",
        previous=lb.period.previous.label(),
        last_year=lb.period.last_year.label(),
    )
)
view.figures(lb)
view.lagesbild_map(lb, shown, key=f"mote_map_{view_id}", height=680)
view.priorities(lb)
banner.data_footer()
