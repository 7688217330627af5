"""The opening every page shares: demo notice, and a second access check.

The navigation already registers only the pages a role may see; each page checks again
here (defence in depth), so a page reached some other way still refuses to render.
"""

from __future__ import annotations

import streamlit as st

from est_geo.access.roles import PAGES, PUBLIC_PAGES, Role, allowed
from ui import auth, banner, context


def open_page(page_id: str) -> Role:
    """Show the demo notice, check that the user may see ``page_id``; return the role."""
    banner.demo_banner()
    # Which page ran before this run: a map page builds a new map when it is entered
    # (ui.shared_view.base_view) but keeps it while the user stays on the page.
    st.session_state["page_previous"] = st.session_state.get("page_current")
    st.session_state["page_current"] = page_id
    role = auth.current_role()
    public_ok = not context.config().public or page_id in PUBLIC_PAGES
    if not (public_ok and allowed(role, PAGES[page_id])):
        st.error(context.t("page.no_access"))
        st.stop()
    if not context.config().public:
        banner.unusable_areas_banner()
    return role
