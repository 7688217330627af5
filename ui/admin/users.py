"""Accounts: who has which role, adding one, editing one (role, disabled, password)."""

from __future__ import annotations

import streamlit as st

from est_geo.access.accounts import Session, create_user, edit_user
from est_geo.access.roles import Role
from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown
from est_geo.store.base import UserRecord, UserStore
from ui.context import error_md, t

#: Roles an account can have (the public is nobody's account).
ROLES = [r.value for r in Role if r is not Role.PUBLIC]


def _role_label(value: str) -> str:
    return t(f"role.{value}")


def show_users(store: UserStore, session: Session) -> None:
    """The accounts table, then the add and edit forms side by side."""
    users = store.users()
    if users:
        _table(users)
    else:
        st.info(t("admin.users.none"))
    add_col, edit_col = st.columns(2)
    with add_col, st.form("admin_add_user", clear_on_submit=True):
        _add_form(store, session)
    if users:
        with edit_col, st.form("admin_edit_user"):
            _edit_form(store, session, users)


def _table(users: list[UserRecord]) -> None:
    st.dataframe(
        {
            t("admin.col.username"): [u.username for u in users],
            t("admin.col.name"): [u.display_name for u in users],
            t("admin.col.role"): [_role_label(u.role) for u in users],
            t("admin.col.status"): [
                t("admin.status.disabled") if u.disabled else t("admin.status.active")
                for u in users
            ],
            t("admin.col.password"): [
                t("admin.password.local") if u.password_hash else t("admin.password.idp")
                for u in users
            ],
            t("admin.col.last_login"): [u.last_login or "–" for u in users],
        },
        hide_index=True,
    )


def _add_form(store: UserStore, session: Session) -> None:
    st.subheader(t("admin.add.header"))
    new_name = st.text_input(t("admin.col.username"), max_chars=200)
    new_display = st.text_input(t("admin.col.name"), max_chars=200)
    new_role = st.selectbox(t("admin.col.role"), ROLES, format_func=_role_label)
    new_password = st.text_input(
        t("auth.password"),
        type="password",
        max_chars=1024,
        help=t("admin.add.password_help"),
        autocomplete="new-password",
    )
    if not st.form_submit_button(t("admin.add.submit")):
        return
    try:
        record = create_user(
            store,
            new_name,
            role=new_role,
            password=new_password or None,
            display_name=new_display,
            actor=session.username,
            actor_role=session.role,
        )
    except EstGeoError as exc:
        st.error(error_md(exc))
    else:
        st.success(t("admin.add.done", user=escape_markdown(record.username)))


def _edit_form(store: UserStore, session: Session, users: list[UserRecord]) -> None:
    st.subheader(t("admin.edit.header"))
    names = [u.username for u in users]
    chosen = st.selectbox(t("admin.edit.user"), names)
    current = next(u for u in users if u.username == chosen)
    edit_role = st.selectbox(
        t("admin.col.role"),
        ROLES,
        index=ROLES.index(current.role) if current.role in ROLES else 0,
        format_func=_role_label,
    )
    edit_disabled = st.checkbox(t("admin.edit.disabled"), value=current.disabled)
    edit_password = st.text_input(
        t("admin.edit.new_password"),
        type="password",
        max_chars=1024,
        autocomplete="new-password",
    )
    if not st.form_submit_button(t("admin.edit.submit")):
        return
    own = chosen == session.username
    if own and (edit_disabled or edit_role != Role.ADMIN.value):
        st.error(t("admin.edit.self_lockout"))
        return
    try:
        edit_user(
            store,
            current,
            role=edit_role,
            disabled=edit_disabled,
            password=edit_password,
            actor=session.username,
            actor_role=session.role,
        )
    except EstGeoError as exc:
        st.error(error_md(exc))
    else:
        st.success(t("admin.edit.done", user=escape_markdown(chosen)))
