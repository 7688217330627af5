"""What the last save wrote, as the reporter will find it in the data."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import CategoryTree
from ui.context import t
from ui.rapportera.state import SAVED_KEY


def show_saved(tree: CategoryTree, lang: str, actor_labels: Mapping[str, str]) -> None:
    """The saved (or already saved) report, below the form so the map keeps its place."""
    saved = st.session_state.get(SAVED_KEY)
    if saved is None:
        return
    row, inserted = saved
    if inserted:
        st.success(t("rapportera.saved"), icon=":material/check_circle:")
    else:
        st.info(t("rapportera.already_saved"))
    stamp = row["occurred_at"].strftime("%Y-%m-%d %H:%M" if row["has_time"] else "%Y-%m-%d")
    place = (
        f"{row['lat']:.6f}, {row['lon']:.6f} (WGS84) · "
        f"E {row['x']:.0f}, N {row['y']:.0f} (SWEREF 99 TM)"
    )
    lines = [
        f"**{t('col.category')}:** {md(tree.label(row['category'], lang))}",
        f"**{t('rapportera.when')}:** {md(stamp)}",
        f"**{t('rapportera.actor')}:** {md(actor_labels.get(row['actor'], row['actor']))}",
        f"**{t('rapportera.place')}:** " + md(place),
        f"**{t('rapportera.precision')}:** {md(t('rapportera.precision.' + row['precision']))}",
        f"**{t('rapportera.description')}:** {md(row['description'] or '–')}",
        f"**{t('rapportera.id')}:** {md(row['source'])} / {md(row['source_id'])}",
    ]
    st.markdown("  \n".join(lines))
