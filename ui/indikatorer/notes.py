"""The notes under the Indikatorer map: what the join left out and how values were made.

Every layer shown gets its own notes, so nothing about a comparison is hidden: codes
without an area and areas without a value (the join report, never dropped), areas below
the small-n threshold, how the report rate is derived, values rolled up from DeSO and
parents left without one, what the public site suppresses, and where the values come
from (the source in the reader's language: :func:`est_geo.i18n.definition_text`).
"""

from __future__ import annotations

import streamlit as st

from est_geo.core.markup import escape_markdown as md
from est_geo.indicators.join import IndicatorLayer
from est_geo.indicators.rollup import aggregation_for
from ui.context import t
from ui.indikatorer.state import IndikatorerData

#: Codes or names listed in one note at the most.
LISTED = 20


def _join_report(ind: IndikatorerData, layer: IndicatorLayer) -> None:
    """Value codes that match no area, and areas of the shown levels without a value."""
    rep = layer.report
    if rep.codes_without_area:
        st.warning(
            t(
                "indikatorer.report.codes_without_area",
                name=md(ind.title(layer)),
                n=len(rep.codes_without_area),
                codes=md(", ".join(rep.codes_without_area[:LISTED])),
            )
        )
    if rep.areas_without_value:
        names = layer.frame.set_index("code").loc[list(rep.areas_without_value), "name"]
        st.info(
            t(
                "indikatorer.report.areas_without_value",
                name=md(ind.title(layer)),
                n=len(rep.areas_without_value),
                areas=md(", ".join(names.astype(str).tolist()[:LISTED])),
            )
        )


def _rollup_notes(ind: IndikatorerData, layer: IndicatorLayer) -> None:
    """Values computed from DeSO (and how), and parents left without a value (and why)."""
    key, period = layer.definition.key, layer.period
    rolled_here = [c for c in layer.frame["code"] if (key, c, period) in ind.loaded.rolled]
    if rolled_here:
        how = t(f"indikatorer.rollup.{aggregation_for(layer.definition)}")
        st.caption(
            t("indikatorer.rollup.note", name=md(ind.title(layer)), n=len(rolled_here), how=how)
        )
    for note in ind.loaded.rollup_notes:
        if note.indicator_key == key and note.period == period:
            st.caption(
                t(
                    "indikatorer.rollup.skipped",
                    name=md(ind.title(layer)),
                    codes=md(", ".join(note.parents[:LISTED])),
                    reason=t(f"indikatorer.rollup.reason.{note.reason}"),
                )
            )


def _layer_notes(ind: IndikatorerData, layer: IndicatorLayer, min_n: int) -> None:
    """All notes of one layer, in the order the page shows them."""
    _join_report(ind, layer)
    n_small = int(layer.frame["small_n"].sum())
    if n_small:
        st.caption(t("indikatorer.small_n.note", name=md(ind.title(layer)), n=n_small, min_n=min_n))
    key = layer.definition.key
    if key == "rapporter_per_1000":
        periods = ", ".join(ind.loaded.derived_periods)
        st.caption(t("indikatorer.derived.note", periods=periods))
    _rollup_notes(ind, layer)
    if ind.cfg.public and (key in ind.from_incidents or key in ind.hidden):
        st.caption(t("indikatorer.public.suppressed", k=ind.cfg.min_public_count))
    st.caption(t("indikatorer.source.note", name=md(ind.title(layer)), source=md(ind.source(key))))


def show_notes(
    ind: IndikatorerData, layer_a: IndicatorLayer, layer_b: IndicatorLayer | None, min_n: int
) -> None:
    """Notes of layer A, then of layer B when two layers are compared."""
    for layer in (layer_a, layer_b):
        if layer is not None:
            _layer_notes(ind, layer, min_n)
