"""The audit trail: filters by user, entity, action, days and text; codes in words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.access.audit import changes_text, code_label, date_bounds, filter_audit
from est_geo.store.base import Store
from ui.context import config, t
from ui.filters import any_of

AUDIT_LIMIT = 5000


def show_audit(store: Store) -> None:
    """The newest entries (at most :data:`AUDIT_LIMIT`), filtered, as a table."""
    lang = config().language
    log = store.audit_log(limit=AUDIT_LIMIT)
    f1, f2, f3 = st.columns(3)
    who = any_of(f1, t("admin.audit.user"), sorted(log["user"].unique()))
    what = any_of(
        f2,
        t("admin.audit.entity"),
        sorted(log["entity"].unique()),
        format_func=lambda c: code_label("entity", c, lang),
    )
    how = any_of(
        f3,
        t("admin.audit.action"),
        sorted(log["action"].unique()),
        format_func=lambda c: code_label("action", c, lang),
    )
    d1, d2 = st.columns(2)
    dates = d1.date_input(t("admin.audit.dates"), value=[], format="YYYY-MM-DD", key="audit_dates")
    text = d2.text_input(t("admin.audit.search"), max_chars=200)
    start, end = date_bounds(dates)
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
