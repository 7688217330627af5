"""Which agenda and which step: the URL on first load (a shared link), then the buttons.

The agenda and step are kept in the URL (``?agenda=1&steg=2``), so a reload or a second
screen shows the same item.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.views import Agenda, SavedView
from est_geo.store.meeting import MeetingStore
from ui.context import t


@dataclass(frozen=True)
class Step:
    """The agenda item on screen: its view id and the saved view (``None`` if deleted)."""

    view_id: int
    saved: SavedView | None


def _int_param(name: str) -> int | None:
    raw = st.query_params.get(name)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def choose(store: MeetingStore, agendas: list[Agenda]) -> Step:
    """The agenda picker (sidebar), the step bar with Föregående/Nästa; the item shown."""
    by_id = {a.id: a for a in agendas if a.id is not None}
    ids = list(by_id)
    wanted = _int_param("agenda")
    if "mote_agenda" not in st.session_state:
        st.session_state["mote_agenda"] = wanted if wanted in by_id else ids[0]
        st.session_state["mote_step"] = max(1, _int_param("steg") or 1)

    def go(delta: int) -> None:
        n = len(by_id[st.session_state["mote_agenda"]].view_ids)
        st.session_state["mote_step"] = min(max(1, st.session_state["mote_step"] + delta), n)

    def reset_step() -> None:
        st.session_state["mote_step"] = 1

    agenda_id = st.sidebar.selectbox(
        t("mote.agenda"),
        ids,
        format_func=lambda i: by_id[i].name,
        key="mote_agenda",
        on_change=reset_step,
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
        t("mote.previous"), on_click=go, args=(-1,), disabled=step <= 1, key="mote_prev",
        width="stretch",
    )  # fmt: skip
    next_col.button(
        t("mote.next"), on_click=go, args=(1,), disabled=step >= total, key="mote_next",
        width="stretch",
    )  # fmt: skip
    name = saved.name if saved is not None else "–"
    title_col.markdown(
        f"**{md(agenda.name)}** · " + t("mote.step", n=step, total=total, name=md(name))
    )
    return Step(view_id=view_id, saved=saved)
