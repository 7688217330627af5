"""Administration: accounts and roles, and the audit trail with filters.

Registered only for administrators, and checks again here (a page registered by mistake
must still refuse). Every change goes through :mod:`est_geo.access.accounts`, which checks the role
once more and writes through the audited store. Wiring only: the tabs are in
:mod:`ui.admin`.
"""

from __future__ import annotations

import streamlit as st

from est_geo.access.roles import Action, require
from est_geo.core.errors import EstGeoError, PermissionDeniedError, keyed_error
from est_geo.store.base import UserStore
from ui import auth, banner, context
from ui.admin import audit, users
from ui.context import t

banner.demo_banner()
session = auth.current_session()
if session is None:
    context.fail(keyed_error(PermissionDeniedError, "admin.error.login"))
try:
    require(session.role, Action.ADMINISTER)
except PermissionDeniedError as exc:
    context.fail(exc)

store = context.store()
if not isinstance(store, UserStore):
    context.fail(keyed_error(EstGeoError, "admin.error.no_accounts"))
st.title(t("admin.title"))
if session.method == "demo":
    st.info(t("admin.demo_note"))

users_tab, audit_tab = st.tabs([t("admin.tab.users"), t("admin.tab.audit")])
with users_tab:
    users.show_users(store, session)
with audit_tab:
    audit.show_audit(store)
banner.data_footer()
