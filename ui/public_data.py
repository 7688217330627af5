"""The public site's releases, computed once per closed period and shared by every visitor.

Why a cache of its own: a public period is fixed and closed (:mod:`est_geo.access.disclosure`),
so its protected tables (:func:`est_geo.public.release.build_release`) are the same for every
visit until the data change. They are kept process-wide (``st.cache_resource``: one object
shared by all sessions, never copied) keyed by the period and the store's change stamp
(:func:`change_stamp`), so a visit costs two small queries and a table lookup, and an
import is published at the next visit (issue 18's goal of ≤ 0.25 s server CPU per public
visit).
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from est_geo.access.disclosure import ClosedPeriod, closed_periods
from est_geo.public.release import (
    PublicRelease,
    build_release,
    done_here,
    public_areas,
    public_interventions,
)
from est_geo.store import IncidentQuery
from ui import context, filters

#: How many closed quarters / years the public may choose among.
PERIOD_LIMITS = {"kvartal": 8, "ar": 5}


def change_stamp() -> str:
    """Changes with every write: the incidents' data stamp and the newest audit entry.

    :meth:`~est_geo.store.base.Store.data_stamp` also sees rows added or deleted by
    another tool; the audit entry covers the other inputs of a release (areas,
    categories), which every write through EST Geo records.
    """
    store = context.store()
    newest = store.audit_log(limit=1)
    audit = "" if newest.empty else f"{newest['id'].iloc[0]}@{newest['at'].iloc[0]}"
    return f"{store.data_stamp()}|{audit}"


@st.cache_resource(show_spinner=False, max_entries=32)
def _periods(url: str, kind: str, today: date, stamp: str) -> list[ClosedPeriod]:
    first, _ = context.store().info().incident_range
    if not first:
        return []
    return closed_periods(
        kind,
        today=today,
        first_day=datetime.fromisoformat(first).date(),
        limit=PERIOD_LIMITS[kind],
    )


def periods(kind: str, stamp: str) -> list[ClosedPeriod]:
    """Closed periods of ``kind`` holding data, newest first (none while the store is empty).

    A period is offered from the day after its last day (the demo's last day stands in
    for today on demo data, :func:`ui.filters.anchor_date`). ``stamp`` is this run's
    :func:`change_stamp` (asked once per visit: it costs two queries).
    """
    cfg = context.config()
    return _periods(cfg.database_url, kind, filters.anchor_date(), stamp)


@st.cache_resource(show_spinner=False, max_entries=32)
def _release(url: str, period: ClosedPeriod, stamp: str, k: int) -> PublicRelease:
    store = context.store()
    incidents = store.incidents(
        IncidentQuery(
            start=datetime.combine(period.start, datetime.min.time()),
            end=datetime.combine(period.end, datetime.min.time()),
        )
    )
    return build_release(incidents, public_areas(store.areas()), store.category_tree(), period, k=k)


def release(period: ClosedPeriod, stamp: str) -> PublicRelease:
    """The protected tables of ``period`` for the configured database and k."""
    cfg = context.config()
    return _release(cfg.database_url, period, stamp, cfg.min_public_count)


@st.cache_resource(show_spinner=False, max_entries=8)
def _actions(url: str, stamp: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    store = context.store()
    stored = store.interventions()
    areas = store.areas()
    lang = context.config().language  # one per process, so not part of the cache key
    return (
        done_here(stored, public_areas(areas), lang=lang),
        public_interventions(stored, areas, lang=lang),
    )


def actions(stamp: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What is done per public area and every published intervention (``done_here``,
    ``public_interventions``), the same for every visitor until the data change.

    Why cached: reading the interventions and placing each in its areas was a quarter of
    a warm visit's server CPU (issue 18). Callers must not modify the frames.
    """
    return _actions(context.config().database_url, stamp)
