"""Om EST Geo: what it is, where the data comes from, what the demo data is."""

from __future__ import annotations

import streamlit as st

from est_geo.i18n.numbers import number
from ui import banner, context, page, public_data, queries
from ui.context import t

page.open_page("om")
st.title(t("page.om"))
st.markdown(t("om.body"))
if context.store().is_demo():
    st.subheader(t("om.demo.title"))
    st.markdown(t("om.demo.body"))
info = queries.store_info(public_data.change_stamp())
lang = context.config().language
n_incidents, n_areas = info.counts["incidents"], info.counts["areas"]
st.caption(
    t(
        "om.database",
        backend=info.backend,
        version=info.schema_version,
        crs=info.crs,
        incidents=number(n_incidents, lang, 0),
        n_incidents=n_incidents,
        areas=number(n_areas, lang, 0),
        n_areas=n_areas,
    )
)
banner.data_footer()
