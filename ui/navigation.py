"""Page registry: which script, title and URL each page id has."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from est_geo.access import LOGIN_PAGE, Role, visible_pages
from ui import context

_ROOT = Path(__file__).resolve().parent.parent
#: page id → (script, icon). Titles come from the translation layer ("page.<id>").
PAGE_FILES: dict[str, tuple[str, str]] = {
    "karta": ("app_pages/karta.py", ":material/map:"),
    "lagesbild": ("app_pages/lagesbild.py", ":material/summarize:"),
    "handlingsplan": ("app_pages/handlingsplan.py", ":material/checklist:"),
    "mote": ("app_pages/mote.py", ":material/co_present:"),
    "hotspots": ("app_pages/hotspots.py", ":material/local_fire_department:"),
    "atgarder": ("app_pages/atgarder.py", ":material/construction:"),
    "oversikt": ("app_pages/oversikt.py", ":material/query_stats:"),
    "om": ("app_pages/om.py", ":material/info:"),
    "indikatorer": ("app_pages/indikatorer.py", ":material/stacked_line_chart:"),
    "rapportera": ("app_pages/rapportera.py", ":material/add_location_alt:"),
    "data": ("app_pages/data.py", ":material/upload_file:"),
    "admin": ("app_pages/admin.py", ":material/admin_panel_settings:"),
    "login": ("app_pages/login.py", ":material/login:"),
}


def pages_for(role: Role) -> list[st.Page]:  # type: ignore[name-defined]
    """Pages registered for ``role`` in the configured mode (first = start page).

    In internal mode the login page stays registered, hidden, for logged-in users: login
    and logout then move between pages with ``st.switch_page`` instead of landing on an
    unregistered URL (which Streamlit answers with a "page not found" notice).
    """
    public_mode = context.config().public
    ids = visible_pages(role, public_mode=public_mode)
    hidden = [] if public_mode or LOGIN_PAGE in ids else [LOGIN_PAGE]
    home = st.Page(_home, title="EST Geo", url_path="hem", default=True, visibility="hidden")
    return [
        home,
        *(
            st.Page(
                str(_ROOT / PAGE_FILES[pid][0]),
                title=context.t(f"page.{pid}"),
                icon=PAGE_FILES[pid][1],
                url_path=pid,
                visibility="hidden" if pid in hidden else "visible",
            )
            for pid in [*ids, *hidden]
        ),
    ]


def _home() -> None:
    """``/``: open the page a link names (``?page=…``) if the role has it, else the start page.

    Why a page of its own: Streamlit serves its default page *only* at ``/`` and answers
    that page's own path (``/karta``, ``/oversikt``) with an English "page not found"
    notice. With this hidden default every real page keeps its path, so a bookmark or a
    shared link to ``/oversikt`` works; the link's other parameters are passed on.
    """
    from ui import auth  # auth imports this module: import late

    ids = visible_pages(auth.current_role(), public_mode=context.config().public)
    params = {k: st.query_params.get_all(k)[-1] for k in st.query_params}
    wanted = params.get("page", "")
    target = wanted if wanted in ids else ids[0]
    st.switch_page(str(_ROOT / PAGE_FILES[target][0]), query_params=params)


def start_page(role: Role) -> str:
    """Script path of ``role``'s start page (for ``st.switch_page``)."""
    ids = visible_pages(role, public_mode=context.config().public)
    return str(_ROOT / PAGE_FILES[ids[0]][0])


def login_page() -> str:
    """Script path of the login page (for ``st.switch_page`` after logout)."""
    return str(_ROOT / PAGE_FILES[LOGIN_PAGE][0])
