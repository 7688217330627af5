"""Working out the current user's role.

Public mode is always the ``public`` role. On demo data the internal app starts as an
analyst and offers a clearly marked demo-role switch, so a newcomer can try every role;
on real data without a login the user is treated as public.
"""

from __future__ import annotations

import streamlit as st

from est_geo.access import Role
from ui import context

_KEY = "est_geo_role"


def current_role() -> Role:
    """The role for this session."""
    cfg = context.config()
    if cfg.public:
        return Role.PUBLIC
    stored = st.session_state.get(_KEY)
    if stored is not None:
        return Role(stored)
    if context.store().is_demo() and cfg.demo:
        return Role.ANALYTIKER
    return Role.PUBLIC


def demo_role_switch() -> None:
    """Sidebar selector of demo roles; shown only on demo data in internal mode."""
    cfg = context.config()
    if cfg.public or not cfg.demo or not context.store().is_demo():
        return
    roles = list(Role)
    current = current_role()
    choice = st.sidebar.selectbox(
        context.t("role.demo_switch"),
        roles,
        index=roles.index(current),
        format_func=lambda r: context.t(f"role.{r.value}"),
        key="demo_role_select",
    )
    if choice != current:
        st.session_state[_KEY] = choice.value
        st.rerun()
