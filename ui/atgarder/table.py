"""The Åtgärder page's table of saved interventions, its filters and the pick.

A row clicked in the table selects that intervention in the pick box below it, so the
map zooms to it and the form edits it; the filters only narrow the table, never the pick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from est_geo.core.model import Actor, InterventionKind, InterventionStatus
from est_geo.core.periods import Period
from est_geo.interventions.table import InterventionFilter, filter_interventions
from ui.atgarder.state import NEW, PICK_KEY, AtgarderContext, kind_label, status_label
from ui.context import t
from ui.filters import any_of

TABLE_KEY = "iv_table"
#: The ids of the rows shown, in order: the selection callback maps a row back to an id.
TABLE_IDS_KEY = "iv_table_ids"


def _active_period(value: object) -> Period | None:
    """The "active in" date input as a half-open period (one day, or a finished range)."""
    if isinstance(value, tuple) and len(value) == 2:
        return Period(value[0], value[1] + timedelta(1))
    if isinstance(value, date):
        return Period(value, value + timedelta(1))
    return None


def _choice_filter(
    column: DeltaGenerator,
    label_key: str,
    options: list[str],
    key: str,
    format_func: Callable[[str], str] = str,
) -> frozenset[str]:
    """One multiselect filter; nothing chosen means all."""
    return frozenset(any_of(column, t(label_key), options, format_func=format_func, key=key))


def _filter_widgets(ctx: AtgarderContext) -> InterventionFilter:
    """Five filters in a row: område, kind, status, owner, active in."""
    f1, f2, f3, f4, f5 = st.columns(5)
    area_names = sorted(n for n in ctx.table.get("area", pd.Series(dtype=object)).unique() if n)
    areas = _choice_filter(f1, "filter.area", area_names, "iv_f_area")
    kinds = [k.value for k in InterventionKind]
    statuses = [s.value for s in InterventionStatus]
    owners = [a.value for a in Actor]
    return InterventionFilter(
        areas=areas,
        kinds=_choice_filter(f2, "atgarder.kind", kinds, "iv_f_kind", kind_label),
        statuses=_choice_filter(f3, "atgarder.status", statuses, "iv_f_status", status_label),
        owners=_choice_filter(f4, "atgarder.owner", owners, "iv_f_owner", ctx.actor_label),
        period=_active_period(
            f5.date_input(
                t("atgarder.active_in"), value=None, format="YYYY-MM-DD", key="iv_f_period"
            )
        ),
    )


def _on_table_select() -> None:
    """A clicked row becomes the pick (runs before the script, so the pick box follows)."""
    rows = st.session_state[TABLE_KEY]["selection"]["rows"]
    if rows:
        st.session_state[PICK_KEY] = st.session_state[TABLE_IDS_KEY][rows[0]]


def _iso_dates(dates: pd.Series) -> pd.Series:
    """ISO text, blank where missing: one type per column, as Arrow needs for the grid
    (dates mixed with "" made Streamlit log a conversion error and fall back)."""
    return dates.map(lambda d: "" if d is None or pd.isna(d) else str(d)).astype(str)


def _display_frame(ctx: AtgarderContext, shown: pd.DataFrame) -> pd.DataFrame:
    """The shown rows with translated column names and labels instead of codes."""
    return pd.DataFrame(
        {
            t("atgarder.col.name"): shown["name"],
            t("atgarder.kind"): shown["kind"].map(kind_label),
            t("atgarder.status"): shown["status"].map(status_label),
            t("atgarder.owner"): shown["owner_actor"].map(ctx.actor_label),
            t("filter.area"): shown["area"],
            t("atgarder.start"): _iso_dates(shown["start_date"]),
            t("atgarder.end"): _iso_dates(shown["end_date"]),
            t("atgarder.public"): shown["public"].astype(bool),
        }
    )


def show_table(ctx: AtgarderContext) -> None:
    """Heading, filters and the filtered table (rows selectable), or a note when empty."""
    st.subheader(t("atgarder.table"))
    shown = filter_interventions(ctx.table, _filter_widgets(ctx))
    st.session_state[TABLE_IDS_KEY] = [int(i) for i in shown.get("id", [])]
    if len(shown):
        st.dataframe(
            _display_frame(ctx, shown),
            hide_index=True,
            on_select=_on_table_select,
            selection_mode="single-row",
            key=TABLE_KEY,
        )
        st.caption(t("atgarder.table_help", shown=len(shown), total=len(ctx.table)))
    else:
        st.info(t("atgarder.none"))


def pick_intervention(ctx: AtgarderContext) -> int:
    """The pick box: a saved intervention's id, or ``NEW`` for a new one (none picked,
    for a role that may not draw)."""
    new_label = t("atgarder.pick_new" if ctx.can_edit else "atgarder.pick_none")
    pick: int = st.selectbox(
        t("atgarder.pick"),
        [NEW, *ctx.by_id],
        format_func=lambda i: new_label if i == NEW else ctx.by_id[i].name,
        key=PICK_KEY,
    )
    return pick
