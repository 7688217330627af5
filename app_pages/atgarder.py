"""Åtgärder: draw interventions, keep them, see what happens inside, evaluate the effect.

Map behaviour (see docs/interventions.md): saved interventions live in the Draw
plugin's own feature group on the base map, so they can be edited there; the base map
therefore changes — and remounts — only when the saved set changes (save, shape edit,
deletion), which also clears unsaved drawings. Zones of the current shape go through
``feature_group_to_add`` and zooming through ``center``/``zoom``: neither remounts.
Drawings are read from ``all_drawings`` (the whole draw layer after the last event), so
edits and toolbar deletions of saved shapes are seen, not just the last new shape.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.errors import EstGeoError
from est_geo.interventions import (
    DEFAULT_EVAL_BUFFER_M,
    DEFAULT_RING_M,
    EvaluationPeriods,
    analyse_scope,
    changed_geometries,
    default_periods,
    evaluate_intervention,
    evaluation_zones,
    incident_date_range,
    repair,
)
from est_geo.interventions_charts import (
    escape_markdown as md,
)
from est_geo.interventions_charts import (
    evaluation_figure,
    evaluation_rows,
    fmt_sv,
    heatmap_figure,
    trend_figure,
)
from est_geo.periods import Period
from ui import (
    atgarder_edits,
    atgarder_form,
    atgarder_map,
    atgarder_table,
    banner,
    filters,
    page,
)
from ui import atgarder_state as state
from ui.context import t

role = page.open_page("atgarder")
selection = filters.sidebar_selection()

st.title(t("page.atgarder"))
st.caption(t("atgarder.intro"))

ctx = state.load(role)
state.apply_pending_pick(ctx.by_id)  # before the pick box is drawn

atgarder_table.show_table(ctx)
pick = atgarder_table.pick_intervention(ctx)

# The map's last value (drawings) is read before the map is drawn, see ui.atgarder_map.
selected = atgarder_map.selected(ctx, pick)
ring_m, route_buffer = atgarder_map.zone_sizes(selected)
atgarder_map.show_map(ctx, selected, ring_m=ring_m, route_buffer=route_buffer)
atgarder_edits.show_map_edits(ctx, selected)
atgarder_edits.show_checks(ctx, selected)

atgarder_form.show_form(ctx, selected)
state.show_flash()

# The sections below are still inline; they read these names.
cfg, store, areas = ctx.cfg, ctx.store, ctx.areas
current_iv, geometry, drawings = selected.intervention, selected.geometry, selected.drawings
fail_soft = state.fail_soft

# --------------------------------------------------------------------------- analysis

if geometry is None:
    banner.data_footer()
    st.stop()

scope_tab, eval_tab = st.tabs([t("atgarder.tab.scope"), t("atgarder.tab.eval")])

with scope_tab:
    st.number_input(
        t("atgarder.ring"),
        min_value=25.0,
        max_value=2000.0,
        value=DEFAULT_RING_M,
        step=25.0,
        key="iv_ring_m",
    )
    try:
        analysis = analyse_scope(
            store,
            geometry if geometry.is_valid else repair(geometry),
            selection.period,
            buffer_m=route_buffer,
            ring_m=ring_m,
            categories=selection.query.categories,
            actors=selection.query.actors,
        )
    except EstGeoError as exc:
        fail_soft(exc)
    else:
        st.caption(t("atgarder.scope_period", period=selection.period.label()))
        m1, m2, m3 = st.columns(3)
        m1.metric(t("atgarder.inside"), analysis.target.n)
        m2.metric(t("atgarder.in_ring", m=int(ring_m)), analysis.ring.n)
        m3.metric(
            t("atgarder.per_km2"),
            f"{fmt_sv(analysis.target.per_km2, 0)} / {fmt_sv(analysis.ring.per_km2, 0)}",
        )
        st.markdown(analysis.ratio_text())
        st.markdown(
            f"**{t('atgarder.inside')}:** {analysis.target.top_windows_text()}  \n"
            f"**{t('atgarder.in_ring', m=int(ring_m))}:** {analysis.ring.top_windows_text()}"
        )
        tree = store.category_tree()
        cats = sorted(set(analysis.target.by_category) | set(analysis.ring.by_category))
        if cats:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("col.category"): [tree.label(c, cfg.language) for c in cats],
                        t("atgarder.inside"): [analysis.target.by_category.get(c, 0) for c in cats],
                        t("atgarder.in_ring", m=int(ring_m)): [
                            analysis.ring.by_category.get(c, 0) for c in cats
                        ],
                    }
                ),
                hide_index=True,
            )
        st.plotly_chart(
            trend_figure(
                analysis,
                {
                    "title": t("atgarder.trend", period=analysis.trend_period.label()),
                    "target": t("atgarder.inside"),
                    "ring": t("atgarder.in_ring", m=int(ring_m)),
                    "y": t("atgarder.per_month"),
                },
            ),
            key="iv_trend",
        )
        h1, h2 = st.columns(2)
        h1.plotly_chart(
            heatmap_figure(analysis.target.matrix, t("atgarder.heat_inside")), key="iv_heat_in"
        )
        h2.plotly_chart(
            heatmap_figure(analysis.ring.matrix, t("atgarder.heat_ring", m=int(ring_m))),
            key="iv_heat_ring",
        )
        if analysis.target.n_without_time:
            st.caption(t("atgarder.without_time", n=analysis.target.n_without_time))

with eval_tab:
    if current_iv is None:
        st.info(t("atgarder.eval_needs_saved"))
    elif current_iv.start_date is None:
        st.info(t("atgarder.start_missing"))
    else:
        iv = current_iv
        c1, c2, c3 = st.columns(3)
        impl_days = int(c1.number_input(t("atgarder.impl_days"), 0, 365, 0, key=f"ev_impl_{pick}"))
        eval_buffer = float(
            c2.number_input(
                t("atgarder.eval_buffer"),
                25.0,
                2000.0,
                DEFAULT_EVAL_BUFFER_M,
                25.0,
                key=f"ev_buffer_{pick}",
            )
        )
        control_mode = c3.radio(
            t("atgarder.control"),
            ["default", "area", "drawn"],
            format_func=lambda m: t(f"atgarder.control.{m}"),
            key=f"ev_control_{pick}",
        )
        control: str | BaseGeometry | None = None
        if control_mode == "area":
            options = [str(c) for c in areas["code"]]
            names = dict(zip(areas["code"].astype(str), areas["name"].astype(str), strict=True))
            control = st.selectbox(
                t("atgarder.control.pick"),
                options,
                format_func=lambda c: names.get(c, c),
                key=f"ev_control_area_{pick}",
            )
        elif control_mode == "drawn":
            new_shapes = changed_geometries(drawings or [], {})[0]
            polys = [d.geometry for d in new_shapes if d.shape_kind == "polygon"]
            if polys:
                control = polys[-1]
            else:
                st.info(t("atgarder.control.draw_hint"))
        data_range = incident_date_range(store)
        periods: EvaluationPeriods | None = None
        try:
            if data_range is None:
                raise EstGeoError(t("atgarder.no_data"))
            defaults = default_periods(
                iv.start_date,
                data_range=data_range,
                end=iv.end_date,
                implementation_days=impl_days,
            )
            custom = st.checkbox(t("atgarder.custom_periods"), key=f"ev_custom_{pick}")
            if custom:
                p1, p2 = st.columns(2)
                before = p1.date_input(
                    t("atgarder.before"),
                    value=(defaults.before.start, defaults.before.last_day),
                    key=f"ev_before_{pick}",
                )
                after = p2.date_input(
                    t("atgarder.after"),
                    value=(defaults.after.start, defaults.after.last_day),
                    key=f"ev_after_{pick}",
                )
                if (
                    isinstance(before, tuple)
                    and len(before) == 2
                    and isinstance(after, tuple)
                    and len(after) == 2
                ):
                    periods = EvaluationPeriods(
                        Period(before[0], before[1] + timedelta(1)),
                        Period(after[0], after[1] + timedelta(1)),
                        impl_days,
                    )
                else:
                    st.info(t("atgarder.pick_both_dates"))
            else:
                periods = defaults
            if periods is not None and (control_mode != "drawn" or control is not None):
                ev = evaluate_intervention(
                    store,
                    iv,
                    periods=periods,
                    buffer_m=eval_buffer,
                    control=control,
                    categories=selection.query.categories,
                    actors=selection.query.actors,
                    areas=areas,
                )
            else:
                ev = None
        except EstGeoError as exc:
            fail_soft(exc)
            ev = None
        if ev is not None:
            r = ev.result
            st.caption(
                t(
                    "atgarder.eval_setup",
                    before=ev.periods.before.label(),
                    after=ev.periods.after.label(),
                    buffer=int(ev.zones.buffer_m),
                    control=md(ev.zones.control_label),
                )
            )
            if r.small_counts:
                st.warning(t("atgarder.small_counts"))
            for w in [*r.warnings, *ev.warnings]:
                st.warning(w)
            st.markdown(f"**{t('atgarder.verdict')}:** {r.verdict_sv}")
            st.dataframe(pd.DataFrame(evaluation_rows(r)), hide_index=True)
            st.plotly_chart(
                evaluation_figure(
                    ev,
                    {
                        "title": t("atgarder.eval_chart"),
                        "target": t("atgarder.zone.target"),
                        "buffer": t("atgarder.zone.buffer", m=int(ev.zones.buffer_m)),
                        "control": t("atgarder.zone.control"),
                        "before": t("atgarder.before"),
                        "after": t("atgarder.after"),
                        "y": t("col.count"),
                    },
                ),
                key="iv_eval_chart",
            )
            zones = evaluation_zones(iv.scope(), areas, buffer_m=ev.zones.buffer_m, control=control)
            st.caption(
                t(
                    "atgarder.zone_sizes",
                    target=fmt_sv(zones.target.area / 1e4, 1),
                    buffer=fmt_sv(zones.buffer.area / 1e4, 1),
                    control=fmt_sv(zones.control.area / 1e4, 1),
                )
            )

banner.data_footer()
