"""EST Geo entry point: page config, the user's role and mode, and the navigation.

Only the pages the current role may see are registered, so a gated page does not exist
(not even by URL) for a user who may not see it.
"""

from __future__ import annotations

import streamlit as st

from ui import auth, context, navigation

st.set_page_config(page_title="EST Geo", page_icon="🗺️", layout="wide")
context.store()  # fails with a clear message before any page if the database is unusable
role = auth.current_role()
page = st.navigation(navigation.pages_for(role))
auth.sidebar()  # who is logged in, "Demokonto" badge, logout — on every page
navigation.unavailable_notice()  # a link named a page this role or mode does not have
page.run()
