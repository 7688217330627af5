"""The visitor's choices on Läget i området: period, main category, areas or cells."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from est_geo.access.disclosure import ClosedPeriod
from est_geo.core.model import CategoryTree
from est_geo.public.release import ALL, CELL_SIZES
from ui import context, public_data


@dataclass(frozen=True)
class Choice:
    """What the visitor chose; ``unit`` is ``"areas"`` or a cell size in metres as text."""

    period: ClosedPeriod
    category: str
    unit: str


def period_name(period: ClosedPeriod) -> str:
    """The period as the page names it ("2026 kvartal 3", "2025")."""
    return context.t(f"public.period.{period.kind}", year=period.start.year, n=period.number)


def unit_name(unit: str) -> str:
    """ "område" or "ruta 250 m"."""
    if unit == "areas":
        return context.t("public.unit.areas")
    return context.t("public.unit.cells", m=unit)


def choose(tree: CategoryTree, stamp: str) -> Choice | None:
    """Draw the three choices in a row; None when no closed period holds data yet.

    Only coarse choices are offered: closed quarters and years, main categories, areas
    or cells of at least 100 m (the release holds nothing finer). ``stamp`` is the
    visit's :func:`ui.public_data.change_stamp`.
    """
    t = context.t
    offered = {kind: public_data.periods(kind, stamp) for kind in ("kvartal", "ar")}
    kinds = [kind for kind, periods in offered.items() if periods]
    if not kinds:
        return None
    left, middle, right = st.columns(3)
    period_kind = left.radio(
        t("public.period_kind"),
        kinds,
        format_func=lambda p: t(f"public.period_kind.{p}"),
        key="pub_period_kind",
        horizontal=True,
    )
    period = left.selectbox(
        t("filter.period"),
        offered[period_kind],
        format_func=period_name,
        key=f"pub_period_{period_kind}",
    )
    lang = context.config().language
    category = middle.selectbox(
        t("public.category"),
        [ALL, *[c.key for c in tree.main_categories()]],
        format_func=lambda c: tree.label(c, lang) if c else t("filter.all"),
        key="pub_category",
    )
    unit = right.radio(
        t("public.unit"),
        ["areas", *[str(s) for s in CELL_SIZES]],
        format_func=unit_name,
        key="pub_unit",
        horizontal=True,
    )
    return Choice(period, category, unit)
