"""Administration: accounts and roles, and the audit trail with filters.

Registered only for administrators, and checks again here (a page registered by mistake
must still refuse). Every change goes through :mod:`est_geo.access.accounts`, which checks the role
once more and writes through the audited store.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.access.accounts import create_user, disable_user, set_password, set_role
from est_geo.access.audit import changes_text, code_label, filter_audit
from est_geo.access.roles import Action, Role, require
from est_geo.core.errors import EstGeoError, PermissionDeniedError
from est_geo.core.markup import escape_markdown
from est_geo.store.base import UserStore
from ui import auth, banner, context

AUDIT_LIMIT = 5000

t = context.t
banner.demo_banner()
session = auth.current_session()
if session is None:
    context.fail(PermissionDeniedError("Logga in som administratör."))
try:
    require(session.role, Action.ADMINISTER)
except PermissionDeniedError as exc:
    context.fail(exc)

store = context.store()
if not isinstance(store, UserStore):
    context.fail(EstGeoError("Den här databastypen har ännu inga lokala konton."))
st.title(t("admin.title"))
if session.method == "demo":
    st.info(t("admin.demo_note"))

roles = [r.value for r in Role if r is not Role.PUBLIC]


def _role_label(value: str) -> str:
    return t(f"role.{value}")


users_tab, audit_tab = st.tabs([t("admin.tab.users"), t("admin.tab.audit")])

with users_tab:
    users = store.users()
    if users:
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
    else:
        st.info(t("admin.users.none"))

    add_col, edit_col = st.columns(2)
    with add_col, st.form("admin_add_user", clear_on_submit=True):
        st.subheader(t("admin.add.header"))
        new_name = st.text_input(t("admin.col.username"), max_chars=200)
        new_display = st.text_input(t("admin.col.name"), max_chars=200)
        new_role = st.selectbox(t("admin.col.role"), roles, format_func=_role_label)
        new_password = st.text_input(
            t("auth.password"),
            type="password",
            max_chars=1024,
            help=t("admin.add.password_help"),
            autocomplete="new-password",
        )
        if st.form_submit_button(t("admin.add.submit")):
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
                st.error(escape_markdown(exc))
            else:
                st.success(t("admin.add.done", user=escape_markdown(record.username)))

    if users:
        with edit_col, st.form("admin_edit_user"):
            st.subheader(t("admin.edit.header"))
            names = [u.username for u in users]
            chosen = st.selectbox(t("admin.edit.user"), names)
            current = next(u for u in users if u.username == chosen)
            edit_role = st.selectbox(
                t("admin.col.role"),
                roles,
                index=roles.index(current.role) if current.role in roles else 0,
                format_func=_role_label,
            )
            edit_disabled = st.checkbox(t("admin.edit.disabled"), value=current.disabled)
            edit_password = st.text_input(
                t("admin.edit.new_password"),
                type="password",
                max_chars=1024,
                autocomplete="new-password",
            )
            if st.form_submit_button(t("admin.edit.submit")):
                own = chosen == session.username
                if own and (edit_disabled or edit_role != Role.ADMIN.value):
                    st.error(t("admin.edit.self_lockout"))
                else:
                    try:
                        if edit_role != current.role:
                            set_role(
                                store,
                                chosen,
                                edit_role,
                                actor=session.username,
                                actor_role=session.role,
                            )
                        if edit_disabled != current.disabled:
                            disable_user(
                                store,
                                chosen,
                                actor=session.username,
                                actor_role=session.role,
                                disabled=edit_disabled,
                            )
                        if edit_password:
                            set_password(
                                store,
                                chosen,
                                edit_password,
                                actor=session.username,
                                actor_role=session.role,
                            )
                    except EstGeoError as exc:
                        st.error(escape_markdown(exc))
                    else:
                        st.success(t("admin.edit.done", user=escape_markdown(chosen)))

with audit_tab:
    lang = context.config().language
    log = store.audit_log(limit=AUDIT_LIMIT)
    f1, f2, f3 = st.columns(3)
    who = f1.multiselect(
        t("admin.audit.user"),
        sorted(log["user"].unique()),
        placeholder=t("filter.all"),
        select_all=False,
    )
    what = f2.multiselect(
        t("admin.audit.entity"),
        sorted(log["entity"].unique()),
        format_func=lambda c: code_label("entity", c, lang),
        placeholder=t("filter.all"),
        select_all=False,
    )
    how = f3.multiselect(
        t("admin.audit.action"),
        sorted(log["action"].unique()),
        format_func=lambda c: code_label("action", c, lang),
        placeholder=t("filter.all"),
        select_all=False,
    )
    d1, d2 = st.columns(2)
    dates = d1.date_input(t("admin.audit.dates"), value=(), format="YYYY-MM-DD", key="audit_dates")
    text = d2.text_input(t("admin.audit.search"), max_chars=200)
    start = end = None
    if isinstance(dates, tuple) and len(dates) == 2:
        start, end = dates
    elif isinstance(dates, tuple) and len(dates) == 1:
        start = dates[0]
    rows = filter_audit(log, users=who, entities=what, actions=how, start=start, end=end, text=text)
    st.caption(t("admin.audit.shown", shown=len(rows), total=len(log), limit=AUDIT_LIMIT))
    # Codes in words and changes as text (no raw JSON, no "None"): audit.code_label.
    shown = pd.DataFrame(
        {
            "#": rows["id"],
            t("admin.audit.col.at"): rows["at"],
            t("admin.audit.user"): rows["user"],
            t("admin.audit.action"): [code_label("action", c, lang) for c in rows["action"]],
            t("admin.audit.entity"): [code_label("entity", c, lang) for c in rows["entity"]],
            t("admin.audit.col.id"): rows["entity_id"].fillna("–").astype(str),
            t("audit.col.changes"): [
                changes_text(b, a, lang=lang)
                for b, a in zip(rows["before"], rows["after"], strict=True)
            ],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
banner.data_footer()
