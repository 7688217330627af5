"""Läget i området: the public start page — aggregates only, small counts suppressed.

Everything shown is picked out of one protected release per closed period
(:mod:`est_geo.public.release`, cached for every visitor by :mod:`ui.public_data`); this script
never sees an incident. Wiring only: the parts live in :mod:`ui.oversikt`.
"""

from __future__ import annotations

import streamlit as st

from est_geo.public.release import area_view, grid_view, month_view
from ui import banner, context, page, public_data, queries
from ui.oversikt import choices, public_map, sections

t = context.t
cfg = context.config()
store = context.store()
k = cfg.min_public_count

page.open_page("oversikt")
st.title(t("page.oversikt"))
st.markdown(t("public.intro"))

# Asked once per visit (two small queries): every cached table is keyed by it.
stamp = public_data.change_stamp()
choice = choices.choose(store.category_tree(), stamp)
if choice is None:
    st.info(t("public.no_closed_period"))
    st.stop()

release = public_data.release(choice.period, stamp)
by_area = area_view(release, choice.category, cfg.language)
if choice.unit == "areas":
    counts = by_area
else:
    counts = grid_view(release, int(choice.unit), choice.category, cfg.language)
all_areas = queries.areas()

public_map.draw(
    counts,
    all_areas,
    stamp=stamp,
    period=choice.period,
    category=choice.category,
    unit=choice.unit,
)
sections.map_notes(choice, counts)
sections.area_table(by_area)
sections.trend(month_view(release, choice.category, cfg.language), k)
sections.interventions(stamp)
sections.caveats(store, k)
banner.data_footer()
