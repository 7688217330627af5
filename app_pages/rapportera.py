"""Rapportera: an authorised reporter enters one incident — place, category, time, actor, note.

The place is clicked on the map or typed (WGS84 lat, lon or SWEREF 99 TM E, N); both end
in the same coordinate field, so what is saved is what the reporter sees. Validation and
the write are :func:`est_geo.io.manual.save_manual_report`: the same checks as a file
import (inside the municipality, known category, not in the future) with every problem
listed at once. The base map stays identical between reruns; the marker goes through
``feature_group_to_add``, so clicking does not remount the map.
"""

from __future__ import annotations

from datetime import date, time

import streamlit as st
from streamlit_folium import st_folium

from est_geo.errors import EstGeoError, PermissionDeniedError, ValidationError
from est_geo.io.manual import (
    MAX_DESCRIPTION,
    CoordinateSystem,
    ManualReport,
    describe_system,
    new_report_id,
    parse_coordinate,
    save_manual_report,
)
from est_geo.io.upload import problems_frame
from est_geo.mapdata import areas_for_display, default_view
from est_geo.maps import area_outlines, base_map, tiles_for
from est_geo.markup import escape_markdown as md
from est_geo.model import ACTOR_LABELS_EN, ACTOR_LABELS_SV, Actor, LocationPrecision
from est_geo.report_map import report_marker
from ui import auth, banner, context, data, page

DEFAULT_AREA = "Klockaretorpet centrum"
#: Session keys: the coordinate field, its system, the last map click handled, the id of
#: the report being entered, what was saved last, and "clear the form on the next run".
COORD_KEY = "rapportera_coord"
SYSTEM_KEY = "rapportera_system"
CLICK_KEY = "rapportera_last_click"
ID_KEY = "rapportera_report_id"
SAVED_KEY = "rapportera_saved"
RESET_KEY = "rapportera_reset"
DESCRIPTION_KEY = "rapportera_description"

role = page.open_page("rapportera")
cfg = context.config()
t = context.t
store = context.store()
user = auth.current_user_name()
tree = store.category_tree()
actor_labels = ACTOR_LABELS_EN if cfg.language == "en" else ACTOR_LABELS_SV

if st.session_state.pop(RESET_KEY, False):
    # Widgets cannot be changed after they are drawn, so a save asks for this next run.
    # Set, not deleted: only a set value is sent to the browser, which would otherwise
    # keep showing (and send back) the old text.
    for key in (COORD_KEY, DESCRIPTION_KEY):
        st.session_state[key] = ""
if ID_KEY not in st.session_state:
    st.session_state[ID_KEY] = new_report_id()

st.title(t("page.rapportera"))
st.caption(t("rapportera.intro"))

# -- map: click to place -----------------------------------------------------------------
areas = data.areas()
tiles = tiles_for(cfg)
(south, west), (north, east) = view = default_view(areas, DEFAULT_AREA)
fmap = base_map(
    (south + north) / 2,
    (west + east) / 2,
    16,
    tiles,
    bounds=view,
    asset_base_url=cfg.static_url,
)
area_outlines(areas_for_display(areas)).add_to(fmap)

point = None
coordinate_text = str(st.session_state.get(COORD_KEY) or "")
system = str(st.session_state.get(SYSTEM_KEY) or CoordinateSystem.AUTO.value)
if coordinate_text.strip():
    try:
        point = parse_coordinate(coordinate_text, system)
    except ValidationError:
        point = None  # the field shows the problem below the map
marker = (
    [report_marker(point.lat, point.lon, t("rapportera.here"), name=t("rapportera.here"))]
    if point is not None
    else []
)
st.caption(t("rapportera.map_help"))
clicked = st_folium(
    fmap,
    feature_group_to_add=marker,
    key="rapportera_map",
    height=460,
    width="stretch",
    returned_objects=["last_clicked"],
)
click = (clicked or {}).get("last_clicked")
if click and click != st.session_state.get(CLICK_KEY):
    st.session_state[CLICK_KEY] = click
    st.session_state[COORD_KEY] = f"{float(click['lat']):.6f}, {float(click['lng']):.6f}"
    st.session_state[SYSTEM_KEY] = CoordinateSystem.AUTO.value
    st.rerun()  # draw the marker and fill the field from the click
if tiles is None:
    st.caption(t("map.no_tiles"))

# -- the report --------------------------------------------------------------------------
left, right = st.columns(2)
left.text_input(
    t("rapportera.coordinate"),
    key=COORD_KEY,
    placeholder="58.5876, 16.1824",
    help=t("rapportera.coordinate_help"),
)
left.radio(
    t("rapportera.system"),
    [s.value for s in CoordinateSystem],
    format_func=lambda s: t(f"rapportera.system.{s}"),
    horizontal=True,
    key=SYSTEM_KEY,
)
if point is not None:
    left.caption(
        t(
            "rapportera.read_as",
            system=md(describe_system(point.epsg)),
            lat=f"{point.lat:.6f}",
            lon=f"{point.lon:.6f}",
            x=f"{point.x:.0f}",
            y=f"{point.y:.0f}",
        )
    )
category = left.selectbox(
    t("col.category"),
    [c.key for c in tree.categories],
    index=None,
    format_func=lambda k: tree.label(k, cfg.language),
    placeholder=t("rapportera.pick"),
    key="rapportera_category",
    help=t("rapportera.category_help"),
)
actor = left.selectbox(
    t("rapportera.actor"),
    [a.value for a in Actor],
    index=None,
    format_func=lambda a: actor_labels.get(a, a),
    placeholder=t("rapportera.pick"),
    key="rapportera_actor",
)
today = date.today()
day = right.date_input(
    t("rapportera.date"), value=today, max_value=today, format="YYYY-MM-DD", key="rapportera_date"
)
time_known = right.checkbox(t("rapportera.time_known"), value=True, key="rapportera_time_known")
time_of_day = (
    right.time_input(t("rapportera.time"), value=time(12, 0), step=300, key="rapportera_time")
    if time_known
    else None
)
precision = right.selectbox(
    t("rapportera.precision"),
    [p.value for p in LocationPrecision],
    format_func=lambda p: t(f"rapportera.precision.{p}"),
    key="rapportera_precision",
)
description = right.text_area(
    t("rapportera.description"),
    max_chars=MAX_DESCRIPTION,
    key=DESCRIPTION_KEY,
    help=t("rapportera.description_help"),
)

if st.button(t("rapportera.save"), type="primary", key="rapportera_save"):
    report = ManualReport(
        coordinate=str(st.session_state.get(COORD_KEY) or ""),
        system=str(st.session_state.get(SYSTEM_KEY) or CoordinateSystem.AUTO.value),
        category=category or "",
        actor=actor or "",
        day=day if not isinstance(day, tuple) else None,
        time_of_day=time_of_day,
        description=description or "",
        precision=precision,
        report_id=str(st.session_state[ID_KEY]),
    )
    try:
        result = save_manual_report(store, report, user=user, role=role)
    except ValidationError as exc:
        st.error(t("rapportera.invalid", n=len(exc.problems)))
        st.dataframe(
            problems_frame(exc.problems).drop(columns=["rad"]),
            hide_index=True,
            width="stretch",
        )
    except PermissionDeniedError:
        st.error(t("rapportera.no_access"))
    except EstGeoError as exc:
        st.error(md(exc))
    else:
        st.session_state[SAVED_KEY] = (result.row, result.inserted)
        st.session_state[ID_KEY] = new_report_id()  # the next report is a new one
        st.session_state[RESET_KEY] = True
        st.cache_data.clear()  # maps and tables show the new incident at once
        st.rerun()
saved = st.session_state.get(SAVED_KEY)
if saved is not None:  # below the form: the map keeps its place, so it is not remounted
    row, inserted = saved
    if inserted:
        st.success(t("rapportera.saved"), icon=":material/check_circle:")
    else:
        st.info(t("rapportera.already_saved"))
    stamp = row["occurred_at"].strftime("%Y-%m-%d %H:%M" if row["has_time"] else "%Y-%m-%d")
    st.markdown(
        "  \n".join(
            [
                f"**{t('col.category')}:** {md(tree.label(row['category'], cfg.language))}",
                f"**{t('rapportera.when')}:** {md(stamp)}",
                f"**{t('rapportera.actor')}:** {md(actor_labels.get(row['actor'], row['actor']))}",
                f"**{t('rapportera.place')}:** "
                + md(
                    f"{row['lat']:.6f}, {row['lon']:.6f} (WGS84) · "
                    f"E {row['x']:.0f}, N {row['y']:.0f} (SWEREF 99 TM)"
                ),
                f"**{t('rapportera.precision')}:** {md(t('rapportera.precision.' + row['precision']))}",
                f"**{t('rapportera.description')}:** {md(row['description'] or '–')}",
                f"**{t('rapportera.id')}:** {md(row['source'])} / {md(row['source_id'])}",
            ]
        )
    )
banner.data_footer()
