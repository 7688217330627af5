"""An item's audit trail in words: when, who, what happened, what changed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.access.audit import changes_text, code_label
from est_geo.i18n import label
from est_geo.store.meeting import MeetingStore
from ui.context import config, t
from ui.handlingsplan.places import Places
from ui.handlingsplan.table import ACTOR_KEYS, STATUS_KEYS


def show_history(store: MeetingStore, item_id: int, places: Places) -> None:
    """The item's changes as a table, values as the page shows them."""
    lang = config().language
    h = store.action_item_history(item_id)

    def shown(field: str, value: object) -> str:
        """An audited field's value as the page shows it (labels, names), for the history."""
        labels: dict[str, dict[str, str]] = {
            "actor": {a: label("actor", a, lang) for a in ACTOR_KEYS},
            "status": {s: label("action.status", s, lang) for s in STATUS_KEYS},
            "area_code": places.names,
        }
        if field in labels:
            return labels[field].get(str(value), str(value))
        if field == "intervention_id":
            return places.iv_names.get(int(str(value)), t("plan.intervention_gone", id=value))
        if field == "shape_wkt":
            return t("plan.shape")
        return str(value)

    st.dataframe(
        pd.DataFrame(
            {
                t("audit.col.at"): h["at"],
                t("audit.col.user"): h["user"],
                t("audit.col.action"): [code_label("action", a, lang) for a in h["action"]],
                t("audit.col.changes"): [
                    changes_text(b, a, lang=lang, shown=shown)
                    for b, a in zip(h["before"], h["after"], strict=True)
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
