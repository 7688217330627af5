"""Page registry: the pages ``st.navigation`` registers for a role, and the stand-ins.

Script paths are in :mod:`ui.page_files`, below both this module and the login
(``ui.auth``): the login needs the login page's path and this module needs the role,
so this module imports ``ui.auth`` and ``ui.auth`` does not import this one.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from est_geo.access.roles import LOGIN_PAGE, Role, visible_pages
from ui import auth, context
from ui.page_files import PAGE_FILES, script, start_page


def pages_for(role: Role) -> list[st.Page]:  # type: ignore[name-defined]
    """Pages registered for ``role`` in the configured mode (first = start page).

    In internal mode the login page stays registered, hidden, for logged-in users: login
    and logout then move between pages with ``st.switch_page`` instead of landing on an
    unregistered URL (which Streamlit answers with a "page not found" notice).
    Every other page id gets a hidden stand-in at its path (:func:`_unavailable`), so an
    internal link opened on the public site, or a page a role lacks, shows a Swedish
    notice over the start page instead of Streamlit's English "Page not found".
    """
    public_mode = context.config().public
    ids = visible_pages(role, public_mode=public_mode)
    hidden = [] if public_mode or LOGIN_PAGE in ids else [LOGIN_PAGE]
    home = st.Page(_home, title="EST Geo", url_path="hem", default=True, visibility="hidden")
    elsewhere = [pid for pid in PAGE_FILES if pid not in ids and pid not in hidden]
    return [
        home,
        *(
            st.Page(_unavailable(pid), title="EST Geo", url_path=pid, visibility="hidden")
            for pid in elsewhere
        ),
        *(
            st.Page(
                script(pid),
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
    ids = visible_pages(auth.current_role(), public_mode=context.config().public)
    params = {k: st.query_params.get_all(k)[-1] for k in st.query_params}
    wanted = params.get("page", "")
    if wanted in ids:
        st.switch_page(script(wanted), query_params=params)
    if wanted in PAGE_FILES:
        _forward_to_start(wanted)
    st.switch_page(script(ids[0]), query_params=params)


def _unavailable(page_id: str) -> Callable[[], None]:
    """The stand-in registered at ``/<page_id>`` when the role or mode lacks that page."""

    def unavailable() -> None:
        _forward_to_start(page_id)

    unavailable.__name__ = f"unavailable_{page_id}"
    return unavailable


def _forward_to_start(page_id: str) -> None:
    """Remember which page was asked for and open the start page (without the link's state).

    The link's parameters describe the other page's view, so they are dropped.
    """
    st.session_state[_UNAVAILABLE] = page_id
    st.switch_page(start_page(auth.current_role()))


#: Session key: the page id a link asked for that this role or mode does not have.
_UNAVAILABLE = "est_geo_page_unavailable"


def unavailable_notice() -> None:
    """Say once, in Swedish, that the page a link named is not here (called by ``app.py``)."""
    page_id = st.session_state.pop(_UNAVAILABLE, None)
    if page_id not in PAGE_FILES:
        return
    title = context.t(f"page.{page_id}")
    if context.config().public:
        st.info(context.t("page.unavailable_public"))  # internal page names stay internal
    elif auth.current_role() is Role.PUBLIC:
        st.info(context.t("page.unavailable_login", page=title))
    else:
        st.info(context.t("page.unavailable_role", page=title))
