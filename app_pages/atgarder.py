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

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.errors import EstGeoError, ValidationError
from est_geo.interventions import (
    DEFAULT_EVAL_BUFFER_M,
    DEFAULT_RING_M,
    DEFAULT_ROUTE_BUFFER_M,
    EvaluationPeriods,
    analyse_scope,
    changed_geometries,
    default_periods,
    delete_intervention,
    evaluate_intervention,
    evaluation_zones,
    incident_date_range,
    repair,
    save_intervention,
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
from est_geo.model import (
    ACTOR_LABELS_EN,
    ACTOR_LABELS_SV,
    INTERVENTION_LABELS_SV,
    STATUS_LABELS_SV,
    Actor,
    Intervention,
    InterventionKind,
    InterventionStatus,
)
from est_geo.periods import Period
from ui import (
    atgarder_edits,
    atgarder_map,
    atgarder_table,
    banner,
    filters,
    page,
)
from ui import atgarder_state as state
from ui.atgarder_state import CONFIRM_KEY, DRAFT_KEY, NEW, NEXT_PICK_KEY, REPAIRED_KEY
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

# The sections below are still inline; they read these names.
cfg, store, role, user, can_edit = ctx.cfg, ctx.store, ctx.role, ctx.user, ctx.can_edit
areas = ctx.areas
actor_labels = ACTOR_LABELS_EN if cfg.language == "en" else ACTOR_LABELS_SV
current_iv, geometry, drawings = selected.intervention, selected.geometry, selected.drawings
fail_soft = state.fail_soft
forget_map_state = state.forget_map_state

# --------------------------------------------------------------------------- form

st.subheader(t("atgarder.form_new") if current_iv is None else t("atgarder.form_edit"))
if current_iv is None and geometry is None:
    st.info(t("atgarder.draw_first"))
if can_edit and (current_iv is not None or geometry is not None):
    iv0 = current_iv
    suffix = str(pick)
    kinds = [k.value for k in InterventionKind]
    statuses = [s.value for s in InterventionStatus]
    actors = [a.value for a in Actor]
    with st.form(f"iv_form_{suffix}"):
        name = st.text_input(
            t("atgarder.col.name"), value=iv0.name if iv0 else "", key=f"iv_name_{suffix}"
        )
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(
            t("atgarder.kind"),
            kinds,
            index=kinds.index(iv0.kind) if iv0 and iv0.kind in kinds else 0,
            format_func=lambda k: INTERVENTION_LABELS_SV.get(k, k),
            key=f"iv_kind_{suffix}",
        )
        owner = c2.selectbox(
            t("atgarder.owner"),
            actors,
            index=actors.index(iv0.owner_actor) if iv0 and iv0.owner_actor in actors else 0,
            format_func=lambda a: actor_labels.get(a, a),
            key=f"iv_owner_{suffix}",
        )
        status = c3.selectbox(
            t("atgarder.status"),
            statuses,
            index=statuses.index(iv0.status) if iv0 and iv0.status in statuses else 0,
            format_func=lambda s: STATUS_LABELS_SV.get(s, s),
            key=f"iv_status_{suffix}",
        )
        d1, d2, d3 = st.columns(3)
        start = d1.date_input(
            t("atgarder.start"),
            format="YYYY-MM-DD",
            value=iv0.start_date if iv0 else None,
            key=f"iv_start_{suffix}",
        )
        end = d2.date_input(
            t("atgarder.end"),
            format="YYYY-MM-DD",
            value=iv0.end_date if iv0 else None,
            key=f"iv_end_{suffix}",
        )
        cost = d3.number_input(
            t("atgarder.cost"),
            value=iv0.cost if iv0 else None,
            min_value=0.0,
            step=1000.0,
            key=f"iv_cost_{suffix}",
        )
        description = st.text_area(
            t("atgarder.description"), value=iv0.description if iv0 else "", key=f"iv_desc_{suffix}"
        )
        e1, e2 = st.columns(2)
        buffer_m = e1.number_input(
            t("atgarder.buffer"),
            value=float(iv0.buffer_m if iv0 and iv0.buffer_m > 0 else DEFAULT_ROUTE_BUFFER_M),
            min_value=1.0,
            max_value=1000.0,
            step=10.0,
            help=t("atgarder.buffer_help"),
            key=f"iv_buffer_{suffix}",
        )
        public = e2.checkbox(
            t("atgarder.public"),
            value=bool(iv0.public) if iv0 else False,
            key=f"iv_public_{suffix}",
        )
        submitted = st.form_submit_button(
            t("atgarder.save_new") if iv0 is None else t("atgarder.save_edit"), type="primary"
        )
    if submitted:
        shape = geometry if geometry is not None else (iv0.geometry if iv0 else None)
        if shape is None:
            st.error(t("atgarder.draw_first"))
        else:
            candidate = Intervention(
                name=name.strip(),
                kind=kind,
                status=status,
                owner_actor=owner,
                start_date=start if isinstance(start, date) else None,
                end_date=end if isinstance(end, date) else None,
                geometry=shape,
                description=description.strip(),
                public=public,
                cost=float(cost) if cost is not None else None,
                buffer_m=0.0 if shape.geom_type in {"Polygon", "MultiPolygon"} else float(buffer_m),
                id=iv0.id if iv0 else None,
            )
            try:
                new_id = save_intervention(store, candidate, role=role, user=user)
            except ValidationError as exc:
                st.error(str(exc))
            except EstGeoError as exc:
                fail_soft(exc)
            else:
                st.session_state[NEXT_PICK_KEY] = new_id
                st.session_state.pop(DRAFT_KEY, None)
                st.session_state.pop(REPAIRED_KEY, None)
                forget_map_state()
                st.session_state["atgarder_flash"] = t("atgarder.saved", name=md(candidate.name))
                st.rerun()
    if iv0 is not None and iv0.id is not None:
        if st.button(t("atgarder.delete"), key=f"iv_delete_{suffix}"):
            st.session_state[CONFIRM_KEY] = iv0.id
        if st.session_state.get(CONFIRM_KEY) == iv0.id:
            st.warning(t("atgarder.delete_question", name=md(iv0.name)))
            y, n = st.columns(2)
            if y.button(t("atgarder.delete_yes"), key=f"iv_delete_yes_{suffix}", type="primary"):
                try:
                    delete_intervention(store, iv0.id, role=role, user=user)
                except EstGeoError as exc:
                    fail_soft(exc)
                else:
                    st.session_state.pop(CONFIRM_KEY, None)
                    st.session_state[NEXT_PICK_KEY] = NEW
                    forget_map_state()
                    st.session_state["atgarder_flash"] = t("atgarder.deleted", name=md(iv0.name))
                    st.rerun()
            if n.button(t("atgarder.delete_no"), key=f"iv_delete_no_{suffix}"):
                st.session_state.pop(CONFIRM_KEY, None)
                st.rerun()
elif current_iv is not None:
    iv = current_iv
    st.markdown(
        f"**{md(iv.name)}** – {INTERVENTION_LABELS_SV.get(iv.kind, iv.kind)}, "
        f"{STATUS_LABELS_SV.get(iv.status, iv.status)}, "
        f"{actor_labels.get(iv.owner_actor, iv.owner_actor)}; "
        f"{iv.start_date or '–'} – {iv.end_date or '–'}"
    )
    st.text(iv.description)
if flash := st.session_state.pop("atgarder_flash", None):
    st.success(flash)

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
