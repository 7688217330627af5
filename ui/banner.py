"""Banners shown on every page: the demo-data notice and the data footer."""

from __future__ import annotations

import streamlit as st

from est_geo.core.markup import escape_markdown
from est_geo.store.common import UNUSABLE_AREAS
from est_geo.store.demo_mode import demo_ended
from ui import context, queries


def demo_banner() -> None:
    """'Demodata – fiktiva händelser' while demo data is loaded (never mistaken for facts);
    after real data ended demo mode, that the fictitious rows are still there."""
    store = context.store()
    if store.is_demo():
        st.warning(context.t("demo.banner"), icon="⚠️")
    elif (ended := demo_ended(store.meta())) is not None:
        st.warning(context.t("demo.ended_banner", at=escape_markdown(ended["at"])), icon="⚠️")


def unusable_areas_banner() -> None:
    """Name stored areas left out because their shape cannot be drawn (1e12 m, say).

    The store skips them so no page breaks on them; the analysts should still know,
    and re-import the area, instead of wondering where it went.
    """
    codes = queries.areas().attrs.get(UNUSABLE_AREAS) or []
    if codes:
        st.warning(
            context.t("areas.unusable", codes=escape_markdown(", ".join(codes[:20])), n=len(codes)),
            icon="⚠️",
        )


def data_footer() -> None:
    """Where the data comes from and when it was last updated."""
    meta = context.store().meta()
    source = context.t("footer.source.demo" if meta.get("demo") == "true" else "footer.source.est")
    updated = meta.get("last_update", context.t("footer.never_updated"))
    st.caption(context.t("footer.data", source=source, updated=updated))
