"""Lägesbild's choices: area, period, categories, actors — set by a link, kept in the URL.

Defaults go into the session state (not ``index=``/``value=``), so a link may override
them before the widgets are drawn.
"""

from __future__ import annotations

import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.model import Actor, CategoryTree
from est_geo.core.periods import ReportPeriod, parse_report_period, rolling_period
from est_geo.core.views import ViewState
from est_geo.i18n import label
from ui import context, filters
from ui.context import t

PAGE = "lagesbild"
DEFAULT_AREA = "NKP-KLO"
KINDS = ("vecka", "4veckor", "kvartal", "ar", "kalender")


def apply_link(linked: ViewState, codes: list[str], tree: CategoryTree) -> None:
    """Set the widgets once from a link (query parameters), before they are drawn."""
    if linked.area in codes:
        st.session_state["lb_area"] = linked.area
    if linked.period:
        st.session_state["lb_kind"] = "kalender"
        st.session_state["lb_code"] = linked.period
    st.session_state["lb_cats"] = [c for c in linked.categories if c in tree]
    st.session_state["lb_actors"] = list(linked.actors)
    st.session_state["lb_view"] = linked


def sidebar(
    codes: list[str], names: dict[str, str], tree: CategoryTree
) -> tuple[ViewState, ReportPeriod]:
    """The sidebar's choices as the page's view (map position kept from a link's view)."""
    st.sidebar.header(t("filter.header"))
    st.session_state.setdefault("lb_area", DEFAULT_AREA if DEFAULT_AREA in codes else codes[0])
    st.session_state.setdefault("lb_kind", "4veckor")
    st.session_state.setdefault("lb_code", filters.anchor_date().strftime("%G-W%V"))
    area = st.sidebar.selectbox(
        t("lagesbild.area"),
        codes,
        format_func=lambda c: f"{names[c]} ({c})",
        key="lb_area",
    )
    period = _period()
    cats = filters.any_of(
        st.sidebar,
        t("filter.categories"),
        [c.key for c in tree.main_categories()],
        format_func=tree.label,
        key="lb_cats",
    )
    actors = filters.any_of(
        st.sidebar,
        t("filter.actors"),
        [a.value for a in Actor],
        format_func=lambda a: label("actor", a, context.config().language),
        key="lb_actors",
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
    return state, period


def _period() -> ReportPeriod:
    """A rolling period, or a calendar period typed as a code (bad code: stop with why)."""
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
            return parse_report_period(code)
        return rolling_period(kind, today=filters.anchor_date())
    except EstGeoError as exc:
        context.fail(exc)
