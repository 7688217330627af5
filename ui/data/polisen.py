"""The Data page's tab "Polisens händelser": import Polisen's events and list them per area.

Events come from a saved response of Polisen's events API or, when a User-Agent is
configured (``EST_GEO_POLISEN_USER_AGENT``), from a live fetch; both go through the same
import (duplicates skipped by id, every problem shown, nothing written on failure).
Without a User-Agent the tab says how to switch fetching on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pandas as pd
import streamlit as st

from est_geo.access.roles import Action, require
from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.core.model import AreaLevel
from est_geo.io import fetch_and_import_polisen, import_polisen_events
from est_geo.io.polisen import PolisenImportReport
from est_geo.io.upload import MAX_UPLOAD_MB
from ui import filters, queries, uploads
from ui.context import error_md, t
from ui.data.state import POLISEN_REPORT_KEY, DataContext, show_problems

_EVENTS_SHOWN = 200


def _polisen_import(ctx: DataContext, run: Callable[[], PolisenImportReport]) -> None:
    """Run one Polisen import (a saved file or a live fetch) and keep its report; every
    problem is shown, nothing is written on failure."""
    require(ctx.role, Action.IMPORT_DATA)
    try:
        with st.spinner(t("data.polisen_working")):
            rep = run()
    except ValidationError as exc:
        st.error(t("data.unreadable"))
        show_problems(exc.problems, name="polisen")
    except EstGeoError as exc:
        st.error(error_md(exc))
    else:
        st.session_state[POLISEN_REPORT_KEY] = rep


def _file_import(ctx: DataContext) -> None:
    """A saved response of the events API, imported on a button press."""
    upload = st.file_uploader(
        t("data.polisen_upload"),
        type=["json"],
        key="data_polisen_upload",
        max_upload_size=MAX_UPLOAD_MB,
    )
    uploads.swedish_limits(["json"])
    if upload is not None and st.button(t("data.polisen_import"), key="data_polisen_import"):
        _polisen_import(
            ctx, lambda: import_polisen_events(ctx.store, upload.getvalue(), user=ctx.user)
        )


def _live_fetch(ctx: DataContext) -> None:
    """The latest events fetched live, or how to switch that on (no User-Agent set)."""
    cfg = ctx.cfg
    if not cfg.polisen_user_agent:
        st.caption(t("data.polisen_fetch_off"))
        return
    location = st.text_input(
        t("data.polisen_location"), value=cfg.polisen_location or "", key="data_polisen_loc"
    ).strip()
    if st.button(t("data.polisen_fetch"), key="data_polisen_fetch"):
        _polisen_import(
            ctx,
            lambda: fetch_and_import_polisen(
                ctx.store,
                user_agent=str(cfg.polisen_user_agent),
                user=ctx.user,
                location=location or None,
                api_url=cfg.polisen_api_url,
            ),
        )


def _show_report() -> None:
    """The last Polisen import of this session: read, new, already there, linked."""
    rep = st.session_state.get(POLISEN_REPORT_KEY)
    if rep is not None:
        st.success(
            t(
                "data.polisen_done",
                read=rep.rows_read,
                imported=rep.imported,
                duplicates=rep.duplicates,
                linked=rep.linked,
                categorised=rep.categorised,
            )
        )


def _events_table(ctx: DataContext, events: pd.DataFrame, names: dict[str, str]) -> None:
    """The newest events with their category and the areas they fall in."""
    tree, language = ctx.tree, ctx.cfg.language
    shown = events.head(_EVENTS_SHOWN)
    st.dataframe(
        pd.DataFrame(
            {
                t("data.col.time"): shown["occurred_at"].dt.strftime("%Y-%m-%d %H:%M"),
                t("data.col.type"): shown["type"],
                t("col.category"): shown["category"].map(
                    lambda k: tree.label(k, language) if isinstance(k, str) else ""
                ),
                t("data.col.title"): shown["name"],
                t("data.col.summary"): shown["summary"],
                t("data.col.areas"): shown["area_codes"].map(
                    lambda codes: ", ".join(names.get(c, c) for c in codes)
                ),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("data.events_shown", shown=len(shown), total=len(events)))


def _show_events(ctx: DataContext) -> None:
    """Events of the last days: counts per local area, then the list (one area or all)."""
    st.subheader(t("data.events_title"))
    areas = queries.areas()
    local = areas[areas["level"] != AreaLevel.KOMMUN.value]
    names = dict(zip(local["code"].astype(str), local["name"].astype(str), strict=True))
    days = st.selectbox(t("data.events_days"), [7, 30, 90, 365], index=1, key="data_events_days")
    start = filters.anchor_date() - timedelta(days=int(days))
    events = ctx.store.context_events(start=start)
    if events.empty:
        st.info(t("data.events_none"))
        return
    per_area = events["area_codes"].explode().dropna().map(names).dropna().value_counts()
    if not per_area.empty:
        st.dataframe(
            pd.DataFrame({t("data.col.area"): per_area.index, t("col.count"): per_area.to_numpy()}),
            hide_index=True,
        )
    code = st.selectbox(
        t("data.events_area"),
        ["", *sorted(names, key=names.__getitem__)],
        format_func=lambda c: t("data.events_all") if not c else names.get(c, c),
        key="data_events_area",
    )
    if code:
        events = events[events["area_codes"].map(lambda codes: code in codes)]
    _events_table(ctx, events, names)


def show_polisen(ctx: DataContext) -> None:
    """The whole tab: file import, live fetch, the last report, the events."""
    st.caption(t("data.polisen_intro"))
    _file_import(ctx)
    _live_fetch(ctx)
    _show_report()
    _show_events(ctx)
