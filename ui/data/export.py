"""The Data page's tab "Exportera": a stored layer in a chosen format.

Incidents are exported as the sidebar filters select them (the tab says how many); the
file is built only when the download button is clicked, not on every rerun.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from est_geo.core.markup import escape_markdown as md
from est_geo.io import FORMATS, WHATS, export_layer
from est_geo.store import IncidentQuery, Store
from ui import filters
from ui.context import t
from ui.data.state import XLSX_MIME, DataContext

MIMES = {
    "gpkg": "application/geopackage+sqlite3",
    "geojson": "application/geo+json",
    "xlsx": XLSX_MIME,
}


def _export_bytes(
    store: Store, what: str, fmt: str, query: IncidentQuery | None
) -> Callable[[], bytes]:
    """A callable for ``st.download_button``: the file is built only when clicked."""

    def build() -> bytes:
        with tempfile.TemporaryDirectory(prefix="est_geo_export_") as tmp:
            out = Path(tmp) / f"{what}.{fmt}"
            export_layer(store, what, fmt, out, query=query)
            return out.read_bytes()

    return build


def show_export(ctx: DataContext) -> None:
    """What to export and in which format, the filtered count, the download button."""
    st.caption(t("data.export_intro"))
    left, right = st.columns(2)
    what = left.selectbox(
        t("data.export_what"), list(WHATS), format_func=lambda w: t(f"data.what.{w}"),
        key="data_export_what",
    )  # fmt: skip
    fmt = right.selectbox(
        t("data.export_format"), list(FORMATS), format_func=lambda f: t(f"data.format.{f}"),
        key="data_export_format",
    )  # fmt: skip
    selection = ctx.selection
    query = selection.query if what == "incidents" else None
    if what == "incidents":
        st.caption(
            t(
                "data.export_filtered",
                n=ctx.store.count_incidents(query),
                period=md(selection.period.label()),
            )
        )
    stamp = filters.anchor_date().isoformat()
    st.download_button(
        t("data.export_button"),
        _export_bytes(ctx.store, what, fmt, query),
        file_name=f"est_geo_{what}_{stamp}.{fmt}",
        mime=MIMES.get(fmt, "text/csv"),
        key="data_export_download",
        icon=":material/download:",
        on_click="ignore",
    )
