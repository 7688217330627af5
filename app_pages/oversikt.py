"""Läget i området: the public start page — aggregates only, small counts suppressed.

Everything shown is picked out of one protected release per closed period
(:mod:`est_geo.public`, cached for every visitor by :mod:`ui.public_data`); this script
never sees an incident. Only coarse choices are offered: closed quarters and years, main
categories, areas or cells of at least 100 m.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st
from streamlit_folium import st_folium

from est_geo.mapdata import areas_for_display, default_view
from est_geo.maps import (
    area_outlines,
    base_map,
    class_ranges,
    count_cells,
    grouped_breaks,
    legend,
    ramp,
    tiles_for,
)
from est_geo.public import (
    ALL,
    CELL_SIZES,
    area_view,
    by_count,
    grid_view,
    month_view,
    public_areas,
    public_interventions,
    public_view,
    suppressed_label,
)
from ui import banner, context, data, page, public_data

DEFAULT_AREA = "Klockaretorpet centrum"

t = context.t
cfg = context.config()
store = context.store()
tree = store.category_tree()
k = cfg.min_public_count
lang = cfg.language


def legend_words(breaks: list[float]) -> list[str]:
    """The classes in words ("upp till 20", "fler än 20, högst 45", "fler än 45")."""
    words = []
    for low, high in class_ranges(breaks):
        if low is None:
            words.append(t("public.legend.up_to", high=f"{high:g}"))
        elif high is None:
            words.append(t("public.legend.above", low=f"{low:g}"))
        else:
            words.append(t("public.legend.between", low=f"{low:g}", high=f"{high:g}"))
    return words


page.open_page("oversikt")
st.title(t("page.oversikt"))
st.markdown(t("public.intro"))

left, middle, right = st.columns(3)
offered = {kind: public_data.periods(kind) for kind in ("kvartal", "ar")}
kinds = [kind for kind, periods in offered.items() if periods]
if not kinds:
    st.info(t("public.no_closed_period"))
    st.stop()
period_kind = left.radio(
    t("public.period_kind"),
    kinds,
    format_func=lambda p: t(f"public.period_kind.{p}"),
    key="pub_period_kind",
    horizontal=True,
)
choices = offered[period_kind]
period = left.selectbox(
    t("filter.period"),
    choices,
    format_func=lambda p: t(f"public.period.{p.kind}", year=p.start.year, n=p.number),
    key=f"pub_period_{period_kind}",
)
mains = [c.key for c in tree.main_categories()]
category = middle.selectbox(
    t("public.category"),
    [ALL, *mains],
    format_func=lambda c: tree.label(c, lang) if c else t("filter.all"),
    key="pub_category",
)
units = ["areas", *[str(s) for s in CELL_SIZES]]
unit = right.radio(
    t("public.unit"),
    units,
    format_func=lambda u: t("public.unit.areas") if u == "areas" else t("public.unit.cells", m=u),
    key="pub_unit",
    horizontal=True,
)

release = public_data.release(period)
by_area = area_view(release, category, lang)
counts = by_area if unit == "areas" else grid_view(release, int(unit), category, lang)
months = month_view(release, category, lang)
all_areas = data.areas()

tiles = tiles_for(cfg)
# Fitted to every public area (refitted when the frame resizes or the legend appears).
view = public_view(all_areas) or default_view(all_areas, DEFAULT_AREA, margin_m=1500)
(south, west), (north, east) = view
fmap = base_map(
    (south + north) / 2,
    (west + east) / 2,
    14,
    tiles,
    bounds=view,
    asset_base_url=cfg.static_url,
    keep_fitted=True,
)
area_outlines(
    areas_for_display(public_areas(all_areas)), name=t("map.legend.areas"), labels=tiles is None
).add_to(fmap)

shown = counts.frame[counts.frame["count"].notna()]
layers = []
if len(shown):
    values = [float(v) for v in shown["count"]]
    breaks = grouped_breaks(values)
    cells = count_cells(
        shown.assign(count=values),
        breaks=breaks,
        name=t("public.legend"),
        tooltip_format=t("public.tooltip"),
    )
    # On the map, in its group: replaced with the data, kept clear by keep_fitted.
    legend(
        t("public.legend"), list(zip(ramp(len(breaks)), legend_words(breaks), strict=True))
    ).add_to(cells)
    layers.append(cells)

st_folium(
    fmap,
    feature_group_to_add=layers,
    key="oversikt_map",
    height=520,
    use_container_width=True,
    returned_objects=[],
)
if unit == "areas":
    st.caption(t("public.suppressed_areas", k=k))
else:
    st.caption(t("public.suppressed_cells", k=k, m=unit))
st.caption(
    t(
        "public.period",
        period=t(f"public.period.{period.kind}", year=period.start.year, n=period.number),
        start=period.start.isoformat(),
        end=(period.end - timedelta(days=1)).isoformat(),
    )
)
st.caption(t("public.rounding", k=k))

st.subheader(t("public.by_area"))
table = by_count(by_area)
st.dataframe(
    {t("filter.area"): table["label"].tolist(), t("col.count"): table["shown"].tolist()},
    hide_index=True,
)

st.subheader(t("public.trend"))
if months.empty:
    st.info(t("map.none"))
else:
    # Every month of a closed period has ended: no running month is ever drawn as a bar.
    st.bar_chart(
        months.assign(count=months["count"].astype("float")).set_index("month")["count"],
        x_label=t("public.month"),
        y_label=t("col.count"),
    )
    st.caption(t("public.trend_note", k=k, label=suppressed_label(k, lang)))

st.subheader(t("public.interventions"))
actions = public_interventions(store.interventions(), all_areas)
if actions.empty:
    st.info(t("public.interventions.none"))
else:
    st.dataframe(
        actions.rename(
            columns={
                "kind": t("public.col.kind"),
                "area": t("filter.area"),
                "period": t("filter.period"),
                "status": t("public.col.status"),
            }
        ),
        hide_index=True,
    )

st.subheader(t("public.caveats.title"))
st.markdown(t("public.caveats", k=k))
st.caption(t("public.updated", updated=store.meta().get("last_update", "okänt")))
banner.data_footer()
