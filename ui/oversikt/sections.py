"""The text parts of Läget i området: notes under the map, tables, trend, caveats."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from est_geo.public.release import PublicCounts, by_count, suppressed_label
from est_geo.store import Store
from ui import context, public_data
from ui.oversikt.choices import Choice, period_name


def map_notes(choice: Choice, counts: PublicCounts) -> None:
    """Under the map: what is hidden, which period, how counts are rounded.

    The "färre än k" rule is explained only when an area on the map is hidden; cells
    below k are always left out (how many is not published), so their rule always shows.
    """
    t = context.t
    k = counts.k
    if choice.unit == "areas":
        if counts.n_suppressed:
            st.caption(t("public.suppressed_areas", k=k))
    else:
        st.caption(t("public.suppressed_cells", k=k, m=choice.unit))
    period = choice.period
    st.caption(
        t(
            "public.period",
            period=period_name(period),
            start=period.start.isoformat(),
            end=(period.end - timedelta(days=1)).isoformat(),
        )
    )
    st.caption(t("public.rounding", k=k))


def area_table(by_area: PublicCounts) -> None:
    """Per area, most incidents first and "färre än k" last (:func:`by_count`).

    A static table, not ``st.dataframe``: the counts column is text (it holds "färre än
    k"), so the grid's click-to-sort put 1095 before 355; this order is the only one.
    """
    t = context.t
    st.subheader(t("public.by_area"))
    table = by_count(by_area)
    st.table(
        pd.DataFrame(
            {t("filter.area"): table["label"].tolist(), t("col.count"): table["shown"].tolist()}
        ),
        hide_index=True,
    )
    if by_area.n_suppressed:
        st.caption(t("public.suppressed_table", k=by_area.k))


def bar_spec(x_title: str, y_title: str) -> dict[str, object]:
    """A Vega-Lite bar chart of ``count`` per ``month`` (a hidden month has no bar).

    Why a spec of our own and not ``st.bar_chart``: that builds and validates an Altair
    chart against Vega-Lite's JSON schema on every run, a third of a warm public visit's
    remaining server CPU (issue 18); the bars and axis titles are the same. The months
    keep the data's order (not the alphabet's: "apr" before "jan") and read level.
    """
    return {
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "month",
                "type": "ordinal",
                "title": x_title,
                "sort": None,
                "axis": {"labelAngle": 0},
            },
            "y": {"field": "count", "type": "quantitative", "title": y_title},
        },
    }


def month_axis(keys: list[str]) -> tuple[list[str], str]:
    """Short month names ("jul") for month keys ("2026-07") and the axis title with the year.

    Why: a closed quarter or year lies in one calendar year, so the year is said once in
    the title and the bars read "jul aug sep" level, as the rest of the app names months,
    instead of "2026-07" standing on end.
    """
    t = context.t
    names = t("chart.months_short").split()
    labels = [names[int(key[5:7]) - 1] for key in keys]
    years = sorted({key[:4] for key in keys})
    return labels, t("public.month_of", year="–".join(years))


def trend(months: pd.DataFrame, k: int) -> None:
    """Counts per month of the closed period (every month ended: no running-month bar).

    The note on hidden months shows only when a month is hidden.
    """
    t = context.t
    st.subheader(t("public.trend"))
    if months.empty:
        st.info(t("map.none"))
        return
    labels, title = month_axis([str(m) for m in months["month"]])
    st.vega_lite_chart(
        pd.DataFrame({"month": labels, "count": months["count"].astype("float").to_numpy()}),
        bar_spec(title, t("col.count")),
        width="stretch",
    )
    if months["count"].isna().any():
        lang = context.config().language
        st.caption(t("public.trend_note", k=k, label=suppressed_label(k, lang)))


def interventions(stamp: str) -> None:
    """What is done per area, then every published intervention in an expander.

    Only interventions their actors marked public (:func:`est_geo.public.release.marked_public`);
    kinds, statuses and periods only, never names, descriptions or owners. Computed once
    per data change for every visitor (:func:`ui.public_data.actions`).
    """
    t = context.t
    st.subheader(t("public.interventions"))
    per_area, actions = public_data.actions(stamp)
    if per_area.empty:
        st.info(t("public.interventions.none"))
        return
    st.dataframe(
        {
            t("filter.area"): per_area["area"].tolist(),
            t("public.col.done_here"): per_area["done"].tolist(),
        },
        hide_index=True,
    )
    with st.expander(t("public.interventions.all")):
        st.dataframe(
            actions.rename(
                columns={
                    "kind": t("public.col.kind"),
                    "area": t("filter.area"),
                    "period": t("filter.period"),
                    "status": t("public.col.status"),
                }
            ),
            hide_index=True,
        )


def caveats(store: Store, k: int) -> None:
    """What the figures are and are not, and when they were last updated."""
    t = context.t
    st.subheader(t("public.caveats.title"))
    st.markdown(t("public.caveats", k=k))
    updated = store.meta().get("last_update", t("footer.never_updated"))
    st.caption(t("public.updated", updated=updated))
