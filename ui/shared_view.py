"""Shared views on the map pages: the URL holds the view, saved views are listed per area.

Karta, Hotspots and Lägesbild keep their whole state in the query parameters
(:mod:`est_geo.core.views`), so the address bar is always a link to exactly what is on screen,
and a saved view is only a name for such a link. This module is the Streamlit side of
that, in one place so the pages stay thin wiring:

1. :func:`linked_state` reads a link once (the widgets are then the user's again);
2. :func:`requested_view` tells the map where to look through ``st_folium(center=,
   zoom=)`` — a ``setView`` in the browser — and :func:`base_view` where it starts, so
   the base map only changes when the page is entered and is never remounted on it;
3. :func:`current_position` reads back where the user panned and zoomed;
4. :func:`views_panel` writes the URL, lists the area's saved views and saves a new one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from est_geo.access.roles import PAGES, Action, Role, allowed
from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown
from est_geo.core.views import SavedView, ViewState, decode_state, encode_state, view_link
from est_geo.store.meeting import MeetingStore
from ui import auth, context, page_files
from ui.context import error_md
from ui.page_files import PAGE_FILES

_ROOT = Path(__file__).resolve().parent.parent
Center = tuple[float, float]


def _url_params() -> dict[str, str]:
    return {k: st.query_params.get_all(k)[-1] for k in st.query_params}


def _applied_key(page: str) -> str:
    return f"views_applied_{page}"


def _published_key(page: str) -> str:
    return f"views_published_{page}"


#: How many of the URLs this session wrote are remembered (see :func:`linked_state`).
_PUBLISHED_KEPT = 64


def linked_state(page: str) -> ViewState | None:
    """The view a link asks for, once per link; ``None`` when there is nothing new.

    The URL is applied on the first run with it (a shared link, a saved view, a step of
    the meeting agenda); afterwards :func:`views_panel` keeps the URL in step with the
    widgets, so the same parameters are not applied again over the user's changes. Any
    URL this session wrote itself is never applied either: a rerun the browser asked for
    before it saw the newest URL carries an older one, and applying it would undo the
    change that caused the rerun. A bad link shows a warning and the page falls back to
    its defaults; a link made for another page is ignored.
    """
    params = _url_params()
    fingerprint = urlencode(sorted(params.items()))
    if (
        not params
        or st.session_state.get(_applied_key(page)) == fingerprint
        or fingerprint in st.session_state.get(_published_key(page), ())
    ):
        return None
    st.session_state[_applied_key(page)] = fingerprint
    try:
        state = decode_state(params, page=page)
    except EstGeoError:
        st.warning(context.t("views.bad_link"))
        return None
    return state if state.page == page else None


def requested_view(
    page: str, linked: ViewState | None, area_key: str, fit: tuple[Center, int]
) -> tuple[Center, int]:
    """Centre and zoom to pass to ``st_folium``: the link's, until the user picks another area.

    ``area_key`` names what is shown (the area code, or several joined); ``fit`` is the
    centre and zoom that show it. The answer only changes when the link or the area
    does, so a pan is never undone by a rerun (``st_folium`` moves the map only when the
    centre or zoom it is given changes).
    """
    key = f"views_requested_{page}"
    if linked is not None and linked.center is not None and linked.zoom is not None:
        st.session_state[key] = (area_key, linked.center, linked.zoom)
    held = st.session_state.get(key)
    if held is not None and held[0] == area_key:
        return held[1], held[2]
    st.session_state.pop(key, None)
    return fit


def base_view(page: str, requested: tuple[Center, int]) -> tuple[Center, int]:
    """Centre and zoom to build the base map with: ``requested`` as the page is entered.

    A map created in a frame that is not laid out yet does not reliably follow a
    ``setView`` (Leaflet's zoom/pan animation waits for animation frames that a hidden
    frame never gets), so the map must *start* where a link points. While the user
    stays on the page the base map keeps this view, so it never changes (no remount);
    later moves (another area) go through ``st_folium(center=, zoom=)``.
    """
    key = f"views_base_{page}"
    if st.session_state.get("page_previous") != page or key not in st.session_state:
        st.session_state[key] = requested
    held: tuple[Center, int] = st.session_state[key]
    return held


def view_to_send(
    page: str, base: tuple[Center, int], requested: tuple[Center, int]
) -> tuple[Center | None, int | None]:
    """Centre and zoom to hand ``st_folium``: none while the map is where it started.

    Why: streamlit-folium's frontend calls ``setView`` whenever it is given a centre or
    zoom it has not applied yet, the first one included, and the move it causes reports
    the map's position again: a third page run on every visit (issue 18: visits were
    three runs, map drawn, then its position twice). The base map already starts at
    ``base`` (:func:`base_view`), so nothing is sent until another view is asked for; from
    then on it always is, so going back to the first area moves the map back.
    """
    key = f"views_moved_{page}"
    if requested != base:
        st.session_state[key] = base
    if st.session_state.get(key) == base:
        return requested
    return None, None


def map_position(out: object) -> tuple[Center | None, int | None]:
    """The centre and zoom in ``st_folium``'s return value (with ``center``/``zoom`` asked)."""
    center = None
    zoom = None
    if isinstance(out, dict):
        c = out.get("center")
        if isinstance(c, dict) and "lat" in c and "lng" in c:
            center = (float(c["lat"]), float(c["lng"]))
        z = out.get("zoom")
        zoom = int(z) if isinstance(z, int | float) else None
    return center, zoom


def current_position(out: object, requested: tuple[Center, int]) -> tuple[Center, int]:
    """Where the map is now; before the browser has reported, where it was told to go.

    On the first run ``st_folium`` returns its Python-side default (no centre, the base
    map's zoom), which is not what the browser shows once it has moved to ``requested``.
    """
    center, zoom = map_position(out)
    if center is None or zoom is None:
        return requested
    return center, zoom


def shared_link(state: ViewState, role: Role, *, view_id: int | None = None) -> str:
    """The link to show for ``state``: ``/<page>?…``, or ``/?page=<page>&…`` for the start page.

    Streamlit serves the start page (Karta for every internal role) only at the app's
    root; ``/karta`` would open it behind a "page not found" notice.
    """
    link = view_link(state, view_id=view_id)
    if page_files.start_page(role) == str(_ROOT / PAGE_FILES.get(state.page, ("", ""))[0]):
        return f"/?{urlencode({'page': state.page})}&{link.split('?', 1)[1]}"
    return link


def _relative(link: str) -> str:
    """``link`` relative to the current page, so it also works under a base path."""
    return f".{link}" if link.startswith("/?") else link.lstrip("/")


def _publish(state: ViewState, role: Role) -> ViewState:
    """Write ``state`` into the URL (the address bar is then the link) and show the link.

    The URL keeps ``page=`` so that parameters left over from another page (a test
    harness or a browser that keeps them on navigation) are never read as this page's.
    """
    shown = state.normalised()
    params = encode_state(shown)
    fingerprint = urlencode(sorted(params.items()))
    st.session_state[_applied_key(state.page)] = fingerprint
    published = [
        f for f in st.session_state.get(_published_key(state.page), []) if f != fingerprint
    ]
    st.session_state[_published_key(state.page)] = [*published, fingerprint][-_PUBLISHED_KEPT:]
    st.query_params.from_dict(params)
    st.caption(f"{context.t('views.link')}: `{shared_link(shown, role)}`")
    return shown


def opened_view_name() -> str | None:
    """Name of the saved view the URL was opened from (``vy=<id>``), if it still exists."""
    store = context.store()
    raw = st.query_params.get("vy")
    if raw is None or not isinstance(store, MeetingStore):
        return None
    # A link whose saved view was deleted still shows its state, just without the name.
    with contextlib.suppress(EstGeoError, ValueError):
        return store.get_saved_view(int(raw)).name
    return None


def page_link(view: SavedView, role: Role) -> None:
    """An in-app link opening a saved view on its own page (nothing if the role may not)."""
    page = view.state.page
    if page not in PAGE_FILES or not allowed(role, PAGES.get(page, Action.ADMINISTER)):
        st.caption(context.t("views.no_page"))
        return
    params = encode_state(view.state)
    params.pop("page")
    if view.id is not None:
        params["vy"] = str(view.id)
    st.page_link(
        str(_ROOT / PAGE_FILES[page][0]),
        label=context.t("views.open", page=context.t(f"page.{page}")),
        icon=PAGE_FILES[page][1],
        query_params=params,
    )


def views_panel(state: ViewState, *, role: Role, area_name: str, key: str) -> ViewState:
    """URL and link of ``state``, the area's saved views, and "Spara vyn" for who may save.

    ``key`` prefixes the widget keys (one panel per page). Returns the normalised state
    that was published.
    """
    t = context.t
    if name := opened_view_name():
        st.caption(t("views.opened", name=escape_markdown(name)))
    shown = _publish(state, role)
    store = context.store()
    if not isinstance(store, MeetingStore):
        return shown
    st.subheader(t("views.list", area=escape_markdown(area_name)))
    listing = st.container()  # filled after the form, so a view saved now is listed
    if allowed(role, Action.SAVE_VIEWS) and not store.read_only:
        with st.form("save_view", clear_on_submit=True):
            name = st.text_input(t("views.name"), key=f"{key}_view_name")
            if st.form_submit_button(t("views.save")):
                try:
                    new_id = store.add_saved_view(
                        SavedView(name, shown, area_code=shown.area),
                        user=auth.current_user_name(),
                    )
                except EstGeoError as exc:
                    st.error(error_md(exc))
                else:
                    link = shared_link(shown, role, view_id=new_id)
                    st.success(t("views.saved", link=f"`{link}`"))
    saved = store.saved_views(area_code=shown.area) if shown.area else []
    for v in saved:
        # The name is user text: escaped so it cannot inject links or images.
        link = _relative(shared_link(v.state, role, view_id=v.id))
        page = t(f"page.{v.state.page}")
        listing.markdown(f"- [{escape_markdown(v.name)}]({link}) · {escape_markdown(page)}")
    if not saved:
        listing.caption(t("views.none"))
    return shown
