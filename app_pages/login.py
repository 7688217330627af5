"""Logga in: identity-provider button (when configured), local login form, demo accounts.

Registered only for visitors who are not logged in, in internal mode. On demo data the
one-click demo accounts come first, so a newcomer is one click from any role.
"""

from __future__ import annotations

import streamlit as st

from est_geo.access.accounts import LOCKOUT_MINUTES
from est_geo.access.roles import Role
from ui import auth, banner, context, page_files

t = context.t
session = auth.current_session()
if session is not None:  # just logged in (or a bookmarked login URL): go to the start page
    st.switch_page(page_files.start_page(session.role))

banner.demo_banner()
st.title(t("auth.title"))
notice = auth.pop_notice()
if notice:
    st.warning(t(notice))
    if notice in {"auth.no_access", "auth.expired_oidc"} and st.button(t("auth.oidc_logout")):
        st.logout()

if auth.demo_allowed():
    with st.container(border=True):
        st.subheader(t("auth.demo_title"))
        st.caption(t("auth.demo_intro"))
        columns = st.columns(3)
        for column, role in zip(columns, [Role.MEDLEM, Role.ANALYTIKER, Role.ADMIN], strict=True):
            column.button(
                t("auth.demo_button", role=t(f"role.{role.value}")),
                key=f"demo_login_{role.value}",
                width="stretch",
                on_click=auth.login_demo,
                args=(role,),
            )

st.markdown(t("auth.intro"))
if auth.oidc_configured() and st.button(
    t("auth.oidc_button"), type="primary", icon=":material/badge:"
):
    st.login()
    st.stop()
if auth.oidc_configured():
    st.caption(t("auth.or_local"))

# The login runs in the submit callback, before the next script run: that run then
# already has the new role, so the navigation lands on the role's start page.
with st.form("login_form", clear_on_submit=True, enter_to_submit=True):
    st.text_input(t("auth.username"), max_chars=200, autocomplete="username", key=auth.USERNAME_KEY)
    st.text_input(
        t("auth.password"),
        type="password",
        max_chars=1024,
        autocomplete="current-password",
        key=auth.PASSWORD_KEY,
    )
    st.form_submit_button(t("auth.submit"), type="primary", on_click=auth.submit_login_form)
failure = auth.pop_login_failed()
if failure:
    st.error(t(failure, minutes=LOCKOUT_MINUTES))

st.caption(t("auth.public_link"))
banner.data_footer()
