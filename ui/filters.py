"""The sidebar filters shared by the map pages: period, categories, actors.

A shared link (:func:`apply_view`) sets the widgets through the session state before they
are drawn; every widget is created with its session value as its default
(:func:`session_default`), so a browser drawing it for the first time shows that value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar, cast

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from est_geo.core.model import Actor
from est_geo.core.periods import PRESET_ORDER, Period, parse_report_period, preset_period
from est_geo.core.views import ViewState
from est_geo.i18n import label_map
from est_geo.store import IncidentQuery
from ui import context

T = TypeVar("T")


@dataclass(frozen=True)
class Selection:
    """What the user chose in the sidebar."""

    period: Period
    query: IncidentQuery
    categories: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    @property
    def period_code(self) -> str:
        """The period as explicit dates, so a link opened later shows the same days."""
        return parse_report_period(f"{self.period.start}..{self.period.last_day}").code


def apply_view(state: ViewState) -> None:
    """Set the filter widgets to a shared view's period, categories and actors.

    Call before :func:`sidebar_selection`. The period becomes "Egna datum" with the
    view's days; categories unknown to this database are dropped.
    """
    tree = context.store().category_tree()
    if state.period:
        period = parse_report_period(state.period).period
        st.session_state["f_period"] = "egen"
        st.session_state["f_dates"] = (period.start, period.last_day)
    st.session_state["f_categories"] = [c for c in state.categories if c in tree]
    st.session_state["f_actors"] = [a for a in state.actors if a in {x.value for x in Actor}]


def session_default(key: str, default: T) -> T:
    """The value to *create* the keyed widget ``key`` with: its session value, else ``default``.

    Why not ``st.session_state.setdefault`` and a widget without a default: when the key
    was written in an earlier run — one a rerun stopped before the widget reached the
    browser — Streamlit sends the widget without its value, and a browser that has not
    drawn it yet shows the widget's own default (the first option: 25 m cells, the first
    period, the first area) and sends that back (issue 13 item 9). Created with the
    session value as its default the widget shows the same either way; a value set
    through the session (a link) still wins.
    """
    return cast("T", st.session_state.get(key, default))


def anchor_date() -> date:
    """The day 'this period' ends: today, or the last day of demo data."""
    meta = context.store().meta()
    if meta.get("demo") == "true" and meta.get("demo_end_date"):
        return min(date.today(), date.fromisoformat(meta["demo_end_date"]))
    return date.today()


def _period_widget(today: date) -> Period:
    t = context.t
    preset = st.sidebar.selectbox(
        t("filter.period"),
        PRESET_ORDER,
        index=PRESET_ORDER.index(session_default("f_period", PRESET_ORDER[1])),
        format_func=lambda k: t(f"filter.period.{k}"),
        key="f_period",
    )
    if preset != "egen":
        return preset_period(preset, today=today)
    picked = st.sidebar.date_input(
        t("filter.dates"),
        session_default("f_dates", (today - timedelta(days=27), today)),
        format="YYYY-MM-DD",
        key="f_dates",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        return Period(picked[0], picked[1] + timedelta(days=1))
    return preset_period("4veckor", today=today)


def any_of(
    where: DeltaGenerator,
    label: str,
    options: Sequence[T],
    *,
    format_func: Callable[[T], str] = str,
    **widget: Any,
) -> list[T]:
    """A filter's multiselect in ``where``: choosing nothing means every option, as its
    placeholder says. ``widget`` passes ``key``, ``default`` and ``help`` on."""
    chosen = where.multiselect(
        label,
        options,
        format_func=format_func,
        placeholder=context.t("filter.all"),
        select_all=False,
        **widget,
    )
    return list(chosen)


def _category_widget() -> list[str]:
    tree = context.store().category_tree()
    lang = context.config().language
    keys = [c.key for c in tree.categories]
    return any_of(
        st.sidebar,
        context.t("filter.categories"),
        keys,
        format_func=lambda k: tree.label(k, lang),
        help=context.t("filter.categories.help"),
        key="f_categories",
    )


def _actor_widget() -> list[str]:
    labels = label_map("actor", [a.value for a in Actor], context.config().language)
    return any_of(
        st.sidebar,
        context.t("filter.actors"),
        [a.value for a in Actor],
        format_func=lambda a: labels.get(a, a),
        key="f_actors",
    )


def sidebar_selection() -> Selection:
    """Render the filters and return the selection as a store query."""
    st.sidebar.header(context.t("filter.header"))
    period = _period_widget(anchor_date())
    categories = _category_widget()
    actors = _actor_widget()
    tree = context.store().category_tree()
    query = IncidentQuery(
        start=datetime.combine(period.start, datetime.min.time()),
        end=datetime.combine(period.end, datetime.min.time()),
        categories=frozenset(tree.expand(categories)) if categories else None,
        actors=frozenset(actors) if actors else None,
    )
    return Selection(period=period, query=query, categories=tuple(categories), actors=tuple(actors))
