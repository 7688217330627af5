"""Streamlit glue shared by the Lägesbild and Möte pages: cached analysis and rendering.

Both pages show the same :class:`~est_geo.meeting.lagesbild.Lagesbild` pieces (figures, map,
priorities); the meeting page only makes them bigger. The analysis is cached as a
resource (its result holds numpy arrays and shapely geometries and is never mutated), so
a map pan that reruns the page does not recompute it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd
import streamlit as st

from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.core.markup import escape_markdown as md
from est_geo.core.periods import parse_report_period
from est_geo.core.views import ViewState
from est_geo.i18n.numbers import number
from est_geo.maps import area_outlines, base_map, tiles_for
from est_geo.maps.mapdata import areas_for_display
from est_geo.meeting.lagesbild import DEFAULT_PRIORITIES, Lagesbild, build_lagesbild, format_change
from est_geo.meeting.lagesbild_map import area_view, hotspot_layer, hotspot_legend
from est_geo.meeting.pdf import lagesbild_pdf, series_alt, series_svg
from ui import auth, context, folium_payload, queries, shared_view
from ui.maps import fitted_map

#: Bigger type for a screen read from the back of a meeting room.
ROOM_CSS = """
<style>
.stMainBlockContainer [data-testid="stMetricValue"] * { font-size: 3.2rem; }
.stMainBlockContainer [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
.stMainBlockContainer [data-testid="stMetricDelta"] * { font-size: 1.2rem; }
.stMainBlockContainer p, .stMainBlockContainer li { font-size: 1.25rem; }
h1 { font-size: 2.6rem !important; }
</style>
"""
MEETING_CSS = """
<style>
.stMainBlockContainer [data-testid="stMetricValue"] * { font-size: 4.2rem; }
.stMainBlockContainer [data-testid="stMetricLabel"] p { font-size: 1.6rem; }
.stMainBlockContainer [data-testid="stMetricDelta"] * { font-size: 1.5rem; }
.stMainBlockContainer { padding-top: 4.5rem; max-width: 100%; }
.stMainBlockContainer p, .stMainBlockContainer li { font-size: 1.6rem; }
h1 { font-size: 3.2rem !important; }
</style>
"""


class LagesbildKey(NamedTuple):
    """What a lägesbild is computed from: the key of its cache and of everything drawn
    from it (its map, its chart), so equal keys mean equal pictures.

    ``stamp`` is the store's data stamp (a write by any tool is a new key at once, not
    after the TTL) and ``areas`` the areas' generation (:func:`ui.queries.areas_generation`:
    an area import may rename or reshape the area and the outlines drawn around it).
    """

    url: str
    stamp: str
    areas: int
    area: str
    period_code: str
    categories: tuple[str, ...] | None
    actors: tuple[str, ...] | None
    today: date


@context.cache_with_spinner("lagesbild.computing", ttl=120, max_entries=32)
def _lagesbild(key: LagesbildKey) -> Lagesbild:
    return build_lagesbild(
        context.store(),
        key.area,
        parse_report_period(key.period_code),
        categories=None if key.categories is None else frozenset(key.categories),
        actors=None if key.actors is None else frozenset(key.actors),
        today=key.today,
    )


def lagesbild_for(state: ViewState) -> tuple[Lagesbild, LagesbildKey]:
    """The lägesbild of a view state (area and period must be set) and its key (pass it
    to :func:`lagesbild_map` and :func:`series_chart`); stops on user errors."""
    if state.area is None or state.period is None:
        context.fail(keyed_error(EstGeoError, "lagesbild.error.no_area_or_period"))
    tree = context.store().category_tree()
    key = LagesbildKey(
        url=context.config().database_url,
        stamp=queries.columns().stamp,
        areas=queries.areas_generation(),
        area=state.area,
        period_code=state.period,
        categories=tuple(sorted(tree.expand(state.categories))) if state.categories else None,
        actors=state.actors or None,
        today=date.today(),
    )
    try:
        return _lagesbild(key), key
    except EstGeoError as exc:
        context.fail(exc)


def current_user() -> str:
    """Name recorded in the audit trail (see :func:`ui.auth.current_user_name`)."""
    return auth.current_user_name()


#: Long category names wrap instead of ending in "…" ("Otrygghetsskapa…").
_METRIC_LABEL_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
</style>"""


def figures(lb: Lagesbild) -> None:
    """Key figures as big metrics: total and the top categories, change vs previous period."""
    t = context.t
    st.html(_METRIC_LABEL_CSS)
    cols = st.columns(len(lb.figures))
    for col, row in zip(cols, lb.figures, strict=True):
        # Colour and arrow set explicitly, so the text keeps the true minus sign (Streamlit
        # would only read a leading ASCII "-"): fewer reports green and down, more red and
        # up, no change grey without arrow (Streamlit painted "±0" as a red rise).
        change = row.change_previous
        col.metric(
            md(t("lagesbild.all_reports") if row.key == "total" else row.label),
            row.current,
            delta=format_change(change, row.pct_previous, context.config().language),
            delta_color="green" if change < 0 else ("red" if change > 0 else "gray"),
            delta_arrow="down" if change < 0 else ("up" if change > 0 else "off"),
            help=t("lagesbild.vs_previous"),
        )
        col.caption(
            t(
                "lagesbild.vs_last_year",
                value=row.last_year,
                change=format_change(
                    row.change_last_year, row.pct_last_year, context.config().language
                ),
            )
        )


def lagesbild_map(
    lb: Lagesbild, lb_key: LagesbildKey, state: ViewState, *, key: str, height: int = 560
) -> tuple[tuple[float, float] | None, int | None]:
    """Outlines + hot spot cells; returns the map's current (centre, zoom) for saving.

    ``lb`` is the lägesbild of ``lb_key`` (:func:`lagesbild_for`). The map is built and
    rendered once per lägesbild and view (:func:`_map_payload`) and only sent on later
    runs: the same picture for every visitor of a shared link.
    """
    cfg = context.config()
    payload = _map_payload(
        lb_key,
        tuple(state.layers),
        state.center,
        state.zoom,
        key,
        height,
        cfg.static_url,
        repr(tiles_for(cfg)),
        cfg.language,
        _lb=lb,
    )
    return shared_view.map_position(folium_payload.draw(payload))


@st.cache_resource(ttl=120, max_entries=32, show_spinner=False)
def _map_payload(
    lb_key: LagesbildKey,
    layers: tuple[str, ...],
    center: tuple[float, float] | None,
    zoom: int | None,
    key: str,
    height: int,
    static_url: str,
    tiles: str,
    lang: str,
    *,
    _lb: Lagesbild,
) -> dict[str, Any]:
    """The map's recorded arguments, keyed as its lägesbild (``lb_key``: data stamp and
    areas' generation included) with the view and language (``lang``: the tooltips are
    worded in it). The areas to outline are read only here, when the map is built."""
    state = ViewState(layers=layers, center=center, zoom=zoom)
    areas = queries.areas() if "omraden" in layers else None
    return _map_args(_lb, state, key, height, areas)


def _map_args(
    lb: Lagesbild,
    state: ViewState,
    key: str,
    height: int,
    areas: gpd.GeoDataFrame | None,
) -> dict[str, Any]:
    """Build the folium map of ``lb`` (with ``areas`` outlined, if given) and record what
    ``st_folium`` sends for it."""
    cfg = context.config()
    if state.center is not None and state.zoom is not None:
        fmap = base_map(*state.center, state.zoom, tiles_for(cfg), asset_base_url=cfg.static_url)
    else:
        fmap = fitted_map(cfg, area_view(lb), 15)
    if areas is not None:
        area_outlines(areas_for_display(areas)).add_to(fmap)
    hotspot_legend().add_to(fmap)
    layers = [hotspot_layer(lb, lang=cfg.language)] if "hotspots" in state.layers else []
    return folium_payload.record(
        fmap, key=key, height=height, layers=layers or None, returned=["center", "zoom"]
    )


def priorities(lb: Lagesbild) -> None:
    """The three places, one line each, with the ranking rule beneath."""
    t = context.t
    n = len(lb.priorities) or DEFAULT_PRIORITIES
    count = t(f"number.word.{n}") if n <= 3 else str(n)
    st.subheader(t("lagesbild.priorities", n=n, count=count))
    if not lb.priorities:
        st.info(t("lagesbild.no_priorities"))
    for rank, c in enumerate(lb.priorities, start=1):
        trend = (
            "–"
            if c.trend_z is None
            else number(c.trend_z, context.config().language, 1, signed=True)
        )
        st.markdown(
            t(
                "lagesbild.priority_line",
                rank=rank,
                place=md(c.place or c.cell_id),
                count=c.count,
                reports=t("lagesbild.report_one" if c.count == 1 else "lagesbild.report_many"),
                previous=c.previous_count,
                z=number(c.z, context.config().language, 1),
                trend=trend,
            )
        )
    st.caption(t("lagesbild.priority_rule"))


def series_chart(lb: Lagesbild, lb_key: LagesbildKey) -> None:
    """Reports per bucket, this period next to the previous one: the PDF's own figure.

    Drawn on the server as SVG (:func:`est_geo.meeting.pdf.series_svg`), so the meeting
    screen and the PDF show one picture and the browser loads no chart library (Plotly's
    chunk held up the whole page on every visit, issue 18). Buckets still running are
    hatched and named once, in the figure's note under its axis (the PDF has no caption
    to say it in), so a partial count is not read as a drop; the image's alt text says
    what it shows in words, that note included.
    """
    lang = context.config().language
    st.image(_series_svg(lb_key, lang, _lb=lb), width="stretch", alt=series_alt(lb, lang))


@st.cache_resource(ttl=120, max_entries=32, show_spinner=False)
def _series_svg(lb_key: LagesbildKey, lang: str, *, _lb: Lagesbild) -> str:
    """The series figure's SVG, keyed as its lägesbild (``lb_key``) and by the language."""
    return series_svg(_lb, lang)


def table(rows: Sequence[dict[str, object]]) -> None:
    """A read-only table without index."""
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def pdf_button(lb: Lagesbild, areas: gpd.GeoDataFrame) -> None:
    """The PDF download button; the PDF is built when it is clicked, not on every run.

    Why: building the PDF (its map and tables) on each page run made every filter change
    and map pan wait for a file nobody had asked for (issue 18).
    """
    period = lb.period.code.replace("..", "_")
    st.download_button(
        context.t("lagesbild.pdf"),
        data=pdf_builder(lb, areas, date.today(), context.config().language),
        file_name=f"lagesbild-{lb.area_code}-{period}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )


def pdf_builder(
    lb: Lagesbild, areas: gpd.GeoDataFrame, today: date, lang: str = "sv"
) -> Callable[[], bytes]:
    """A callable for ``st.download_button`` that builds the lägesbild's PDF in ``lang``.

    It uses only what the page already has (no Streamlit call): Streamlit runs it
    outside the page script, when the button is clicked.
    """

    def build() -> bytes:
        return lagesbild_pdf(lb, areas=areas, exported_on=today, lang=lang)

    return build
