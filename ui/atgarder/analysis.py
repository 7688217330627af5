"""The Åtgärder page's analysis of the current shape: scope tab and evaluation tab.

The scope tab works on any shape, saved or only drawn, so an analyst can look before
saving; the evaluation needs a saved intervention with a start date, because its before
and after periods are counted from that date. The sidebar's period, categories and
actors apply to both. The statistics are ``est_geo``'s; this module only asks and shows.
"""

from __future__ import annotations

from datetime import date, timedelta

import geopandas as gpd
import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import Intervention
from est_geo.core.periods import Period
from est_geo.i18n.numbers import number_or_dash
from est_geo.interventions.charts import (
    evaluation_figure,
    evaluation_rows,
    heatmap_figure,
    trend_figure,
)
from est_geo.interventions.drawing import (
    DEFAULT_EVAL_BUFFER_M,
    DEFAULT_RING_M,
    changed_geometries,
    repair,
)
from est_geo.interventions.evaluation import headline, verdict, warning_texts
from est_geo.interventions.scope import ScopeAnalysis, analyse_scope
from est_geo.interventions.zones import (
    EvaluationPeriods,
    StoredEvaluation,
    default_periods,
    evaluate_intervention,
    incident_date_range,
    ring_warnings,
)
from est_geo.store.columns import incident_columns
from ui.atgarder.state import RING_KEY, AtgarderContext, Selected, fail_soft
from ui.context import config, t
from ui.filters import Selection


def show_analysis(
    ctx: AtgarderContext,
    sel: Selected,
    selection: Selection,
    *,
    ring_m: float,
    route_buffer: float,
) -> None:
    """Both tabs for the current shape (the caller shows them only when there is one)."""
    geometry = sel.geometry
    if geometry is None:
        return
    scope_tab, eval_tab = st.tabs([t("atgarder.tab.scope"), t("atgarder.tab.eval")])
    with scope_tab:
        _scope_tab(ctx, geometry, selection, ring_m=ring_m, route_buffer=route_buffer)
    with eval_tab:
        _eval_tab(ctx, sel, selection)


# --------------------------------------------------------------------------- scope


def _scope_tab(
    ctx: AtgarderContext,
    geometry: BaseGeometry,
    selection: Selection,
    *,
    ring_m: float,
    route_buffer: float,
) -> None:
    """Ring width, then what happened inside the scope and in the ring around it.

    A broken drawing is analysed repaired (the analysis only reads), while saving it
    still needs the user's consent.
    """
    st.number_input(
        t("atgarder.ring"),
        min_value=25.0,
        max_value=2000.0,
        value=DEFAULT_RING_M,
        step=25.0,
        key=RING_KEY,
    )
    try:
        analysis = analyse_scope(
            ctx.store,
            geometry if geometry.is_valid else repair(geometry),
            selection.period,
            buffer_m=route_buffer,
            ring_m=ring_m,
            categories=selection.query.categories,
            actors=selection.query.actors,
            columns=incident_columns(ctx.store),
        )
    except EstGeoError as exc:
        fail_soft(exc)
        return
    st.caption(t("atgarder.scope_period", period=selection.period.label()))
    _scope_counts(ctx, analysis, ring_m)
    _scope_charts(analysis, ring_m)


def _scope_counts(ctx: AtgarderContext, analysis: ScopeAnalysis, ring_m: float) -> None:
    """Counts, rates, busiest hours and counts per category, inside and in the ring."""
    inside, in_ring = t("atgarder.inside"), t("atgarder.in_ring", m=int(ring_m))
    m1, m2, m3 = st.columns(3)
    m1.metric(inside, analysis.target.n)
    m2.metric(in_ring, analysis.ring.n)
    m3.metric(
        t("atgarder.per_km2"),
        f"{number_or_dash(analysis.target.per_km2, config().language, 0)} / "
        f"{number_or_dash(analysis.ring.per_km2, config().language, 0)}",
    )
    st.markdown(analysis.ratio_text(ctx.cfg.language))
    st.markdown(
        f"**{inside}:** {analysis.target.top_windows_text(ctx.cfg.language)}  \n"
        f"**{in_ring}:** {analysis.ring.top_windows_text(ctx.cfg.language)}"
    )
    tree = ctx.store.category_tree()
    cats = sorted(set(analysis.target.by_category) | set(analysis.ring.by_category))
    if cats:
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.category"): [tree.label(c, ctx.cfg.language) for c in cats],
                    inside: [analysis.target.by_category.get(c, 0) for c in cats],
                    in_ring: [analysis.ring.by_category.get(c, 0) for c in cats],
                }
            ),
            hide_index=True,
        )


def _scope_charts(analysis: ScopeAnalysis, ring_m: float) -> None:
    """Monthly trend and weekday × hour heatmaps, inside and in the ring."""
    in_ring = t("atgarder.in_ring", m=int(ring_m))
    labels = {
        "title": t("atgarder.trend", period=analysis.trend_period.label()),
        "target": t("atgarder.inside"),
        "ring": in_ring,
        "y": t("atgarder.per_month"),
    }
    st.plotly_chart(trend_figure(analysis, labels), key="iv_trend")
    h1, h2 = st.columns(2)
    none = t("atgarder.heat_empty")
    lang = config().language
    h1.plotly_chart(
        heatmap_figure(analysis.target.matrix, t("atgarder.heat_inside"), empty=none, lang=lang),
        key="iv_heat_in",
    )
    h2.plotly_chart(
        heatmap_figure(
            analysis.ring.matrix, t("atgarder.heat_ring", m=int(ring_m)), empty=none, lang=lang
        ),
        key="iv_heat_ring",
    )
    if analysis.target.n_without_time:
        st.caption(t("atgarder.without_time", n=analysis.target.n_without_time))


# --------------------------------------------------------------------------- evaluation


def _eval_tab(ctx: AtgarderContext, sel: Selected, selection: Selection) -> None:
    """Settings, then the before/after evaluation of the picked intervention."""
    iv = sel.intervention
    if iv is None:
        st.info(t("atgarder.eval_needs_saved"))
        return
    if iv.start_date is None:
        st.info(t("atgarder.start_missing" if ctx.can_edit else "atgarder.start_missing_view"))
        return
    pick = sel.pick
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
        help=t("atgarder.control.default_help"),
        key=f"ev_control_{pick}",
    )
    control = _control(ctx.areas, sel, control_mode)
    data_range = incident_date_range(ctx.store)
    try:
        periods = _periods(iv, iv.start_date, data_range, impl_days=impl_days, pick=pick)
        ready = periods is not None and (control_mode != "drawn" or control is not None)
        ev = (
            evaluate_intervention(
                ctx.store,
                iv,
                periods=periods,
                buffer_m=eval_buffer,
                control=control,
                categories=selection.query.categories,
                actors=selection.query.actors,
                areas=ctx.areas,
                columns=incident_columns(ctx.store),
            )
            if ready
            else None
        )
    except EstGeoError as exc:
        fail_soft(exc)
        ev = None
    if ev is not None:
        _show_evaluation(ev, ctx.cfg.language)


def _control(areas: gpd.GeoDataFrame, sel: Selected, mode: str) -> str | BaseGeometry | None:
    """The control zone the user chose: an area's code, a drawn polygon, or the default.

    A drawn control is the last new polygon on the map; ``None`` with a hint while there
    is none yet.
    """
    if mode == "area":
        options = [str(c) for c in areas["code"]]
        names = dict(zip(areas["code"].astype(str), areas["name"].astype(str), strict=True))
        area: str = st.selectbox(
            t("atgarder.control.pick"),
            options,
            format_func=lambda c: names.get(c, c),
            key=f"ev_control_area_{sel.pick}",
        )
        return area
    if mode == "drawn":
        new_shapes = changed_geometries(sel.drawings or [], {})[0]
        polys = [d.geometry for d in new_shapes if d.shape_kind == "polygon"]
        if polys:
            return polys[-1]
        st.info(t("atgarder.control.draw_hint"))
    return None


def _periods(
    iv: Intervention,
    start: date,
    data_range: tuple[date, date] | None,
    *,
    impl_days: int,
    pick: int,
) -> EvaluationPeriods | None:
    """Default before/after periods, or the user's own; ``None`` until both are whole.

    ``start`` is the intervention's start date (checked by the caller). Raises
    :class:`EstGeoError` when there is no data to count.
    """
    if data_range is None:
        raise EstGeoError(t("atgarder.no_data"))
    defaults = default_periods(
        start, data_range=data_range, end=iv.end_date, implementation_days=impl_days
    )
    if not st.checkbox(t("atgarder.custom_periods"), key=f"ev_custom_{pick}"):
        return defaults
    p1, p2 = st.columns(2)
    before = p1.date_input(
        t("atgarder.before"),
        value=(defaults.before.start, defaults.before.last_day),
        key=f"ev_before_{pick}",
        format="YYYY-MM-DD",
    )
    after = p2.date_input(
        t("atgarder.after"),
        value=(defaults.after.start, defaults.after.last_day),
        key=f"ev_after_{pick}",
        format="YYYY-MM-DD",
    )
    if (
        isinstance(before, tuple)
        and len(before) == 2
        and isinstance(after, tuple)
        and len(after) == 2
    ):
        return EvaluationPeriods(
            Period(before[0], before[1] + timedelta(1)),
            Period(after[0], after[1] + timedelta(1)),
            impl_days,
        )
    st.info(t("atgarder.pick_both_dates"))
    return None


_OUTCOME_BOX = {"improved": st.success, "worsened": st.error, "no_clear_change": st.info}


def _show_evaluation(ev: StoredEvaluation, lang: str) -> None:
    """The one-line reading first, then setup, warnings, verdict, table, chart, zone sizes.

    The meeting reads the first line (improved / no clear change / worsened, with the
    confidence and what happened in the target itself); everything else backs it up.
    """
    r = ev.result
    _OUTCOME_BOX[r.outcome](
        headline(r.outcome, r.outcome_reason, r.target_before, r.target_after, lang=lang)
    )
    st.caption(
        t(
            "atgarder.eval_setup",
            before=ev.periods.before.label(),
            after=ev.periods.after.label(),
            buffer=int(ev.zones.buffer_m),
            control=md(ev.zones.control_text(lang)),
        )
    )
    if r.small_counts:
        st.warning(t("atgarder.small_counts"))
    for w in [*warning_texts(r, lang), *ring_warnings(ev.zones, r, lang)]:
        st.warning(md(w))
    st.markdown(f"**{t('atgarder.verdict')}:** {verdict(r, lang)}")
    st.dataframe(pd.DataFrame(evaluation_rows(r, lang)), hide_index=True)
    labels = {
        "title": t("atgarder.eval_chart"),
        "target": t("atgarder.zone.target"),
        "buffer": t("atgarder.zone.buffer", m=int(ev.zones.buffer_m)),
        "control": t("atgarder.zone.control"),
        "buffer_control": t("atgarder.zone.buffer_control"),
        "before": t("atgarder.before"),
        "after": t("atgarder.after"),
        "y": t("col.count"),
    }
    st.plotly_chart(evaluation_figure(ev, labels), key="iv_eval_chart")
    zones = ev.zones
    st.caption(
        t(
            "atgarder.zone_sizes",
            target=number_or_dash(zones.target.area / 1e4, config().language, 1),
            buffer=number_or_dash(zones.buffer.area / 1e4, config().language, 1),
            control=number_or_dash(zones.control.area / 1e4, config().language, 1),
        )
    )
