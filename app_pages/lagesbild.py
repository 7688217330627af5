"""Lägesbild: an area's situation picture for the meeting, readable from the back of the room.

The page's whole state lives in the URL (``est_geo.views``): a link copied from the
address bar, or a saved view, opens exactly this picture for everyone.
"""

from __future__ import annotations

import streamlit as st

from est_geo.access import Action, allowed
from est_geo.errors import EstGeoError
from est_geo.lagesbild import parse_period, rolling_period
from est_geo.markup import escape_markdown as md
from est_geo.model import ACTOR_LABELS_SV, Actor
from est_geo.store.meeting import MeetingStore
from est_geo.views import Agenda, ViewState
from ui import banner, context, data, filters, page, shared_view
from ui import lagesbild_view as view

PAGE = "lagesbild"
DEFAULT_AREA = "NKP-KLO"
KINDS = ("vecka", "4veckor", "kvartal", "ar", "kalender")

role = page.open_page("lagesbild")
t = context.t
store = context.store()
areas = data.areas()
codes = [str(c) for c in areas["code"]]
names = dict(zip(codes, (str(n) for n in areas["name"]), strict=True))
tree = store.category_tree()

# -- a link (query parameters) sets the widgets once, before they are drawn -------------
linked = shared_view.linked_state(PAGE)
if linked is not None:
    if linked.area in codes:
        st.session_state["lb_area"] = linked.area
    if linked.period:
        st.session_state["lb_kind"] = "kalender"
        st.session_state["lb_code"] = linked.period
    st.session_state["lb_cats"] = [c for c in linked.categories if c in tree]
    st.session_state["lb_actors"] = list(linked.actors)
    st.session_state["lb_view"] = linked

# -- sidebar ---------------------------------------------------------------------------
st.sidebar.header(t("filter.header"))
# Defaults go into the session state (not index=/value=), so a link may override them.
st.session_state.setdefault("lb_area", DEFAULT_AREA if DEFAULT_AREA in codes else codes[0])
st.session_state.setdefault("lb_kind", "4veckor")
st.session_state.setdefault("lb_code", filters.anchor_date().strftime("%G-W%V"))
area = st.sidebar.selectbox(
    t("lagesbild.area"),
    codes,
    format_func=lambda c: f"{names[c]} ({c})",
    key="lb_area",
)
kind = st.sidebar.selectbox(
    t("lagesbild.period_kind"),
    KINDS,
    format_func=lambda k: t(f"lagesbild.kind.{k}"),
    key="lb_kind",
)
try:
    if kind == "kalender":
        code = st.sidebar.text_input(
            t("lagesbild.period_code"),
            help=t("lagesbild.period_code.help"),
            key="lb_code",
        )
        period = parse_period(code)
    else:
        period = rolling_period(kind, today=filters.anchor_date())
except EstGeoError as exc:
    context.fail(exc)
cats = st.sidebar.multiselect(
    t("filter.categories"),
    [c.key for c in tree.main_categories()],
    format_func=tree.label,
    placeholder=t("filter.all"),
    key="lb_cats",
    select_all=False,
)
actors = st.sidebar.multiselect(
    t("filter.actors"),
    [a.value for a in Actor],
    format_func=lambda a: ACTOR_LABELS_SV.get(a, a),
    placeholder=t("filter.all"),
    key="lb_actors",
    select_all=False,
)
previous_view: ViewState | None = st.session_state.get("lb_view")
state = ViewState(
    page=PAGE,
    area=area,
    period=period.code,
    categories=tuple(cats),
    actors=tuple(actors),
    layers=previous_view.layers if previous_view else ViewState().layers,
    mode="hotspots",
    center=previous_view.center if previous_view else None,
    zoom=previous_view.zoom if previous_view else None,
).normalised()

# -- the picture -----------------------------------------------------------------------
st.html(view.ROOM_CSS)
lb = view.lagesbild_for(state)
st.title(t("lagesbild.title", area=md(lb.area_name)))
st.markdown(
    t(
        "lagesbild.subtitle",
        period=f"**{md(period.label)}**",
        previous=period.previous.label(),
        last_year=period.last_year.label(),
    )
)
view.figures(lb)

left, right = st.columns([3, 2])
with left:
    st.subheader(t("lagesbild.map"))
    center, zoom = view.lagesbild_map(lb, state, key="lagesbild_map")
    st.caption(t("lagesbild.map.caption", cell=lb.parameters.get("cell_size", 100)))
    for note in lb.notes:
        st.caption(md(note))
with right:
    view.priorities(lb)
    st.subheader(t("lagesbild.growing"))
    if lb.growing:
        view.table(
            [
                {
                    t("lagesbild.col.place"): c.place or "–",
                    t("lagesbild.col.pattern"): c.emerging_label,
                    t("lagesbild.col.reports"): c.count,
                }
                for c in lb.growing[:8]
            ]
        )
    else:
        st.info(t("lagesbild.no_growing"))

st.subheader(t("lagesbild.series"))
view.series_chart(lb)

c1, c2 = st.columns(2)
with c1:
    st.subheader(t("lagesbild.interventions"))
    if lb.interventions:
        view.table(
            [
                {
                    t("lagesbild.col.name"): r.name,
                    t("lagesbild.col.kind"): r.kind,
                    t("lagesbild.col.status"): r.status,
                    t("lagesbild.col.owner"): r.owner,
                }
                for r in lb.interventions
            ]
        )
    else:
        st.info(t("lagesbild.no_interventions"))
with c2:
    st.subheader(t("lagesbild.indicators"))
    if lb.indicators:
        verdicts = {True: t("lagesbild.better"), False: t("lagesbild.worse"), None: "–"}
        view.table(
            [
                {
                    t("lagesbild.col.indicator"): f"{i.name} ({i.unit})",
                    t("lagesbild.col.value"): i.value,
                    t("lagesbild.col.period"): i.period,
                    t("lagesbild.col.previous"): i.previous_value,
                    t("lagesbild.col.verdict"): verdicts[i.better],
                }
                for i in lb.indicators
            ]
        )
    else:
        st.info(t("lagesbild.no_indicators"))

st.subheader(t("lagesbild.plan"))
if lb.action_items:
    view.table(
        [
            {
                t("plan.col.what"): i.title,
                t("plan.col.who"): i.actor_label,
                t("plan.col.due"): i.due_date,
                t("plan.col.status"): i.status_label,
                t("plan.col.overdue"): i.is_overdue(filters.anchor_date()),
            }
            for i in lb.action_items
        ]
    )
else:
    st.info(t("lagesbild.no_plan"))

view.pdf_button(lb, areas)

# -- the view in the URL, saving it, the area's saved views -----------------------------
current = ViewState(
    page=PAGE,
    area=state.area,
    period=state.period,
    categories=state.categories,
    actors=state.actors,
    layers=state.layers,
    mode=state.mode,
    center=center,
    zoom=zoom,
)
shared_view.views_panel(current, role=role, area_name=lb.area_name, key="lb")
if isinstance(store, MeetingStore) and allowed(role, Action.SAVE_VIEWS) and not store.read_only:
    all_views = store.saved_views()
    if all_views:
        with st.form("save_agenda", clear_on_submit=True):
            st.markdown(f"**{t('views.agenda')}**")
            agenda_name = st.text_input(t("views.agenda_name"))
            by_id = {v.id: v for v in all_views if v.id is not None}
            chosen = st.multiselect(
                t("views.agenda_views"),
                list(by_id),
                format_func=lambda i: by_id[i].name,
                select_all=False,
                placeholder=t("filter.choose"),
            )
            if st.form_submit_button(t("views.save")):
                try:
                    store.save_agenda(
                        Agenda(agenda_name, tuple(chosen), area_code=lb.area_code),
                        user=view.current_user(),
                    )
                except EstGeoError as exc:
                    st.error(md(exc))
                else:
                    st.success(t("views.agenda_saved"))
banner.data_footer()
