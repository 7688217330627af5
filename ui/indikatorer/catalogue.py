"""The indicator catalogue (admins, never on the public site): list, edit, add definitions.

A definition is checked and written by :func:`est_geo.indicators.save_definition` (every
problem listed at once, an audit entry per save); the cached indicator data is then
forgotten so the page shows the new name or unit at once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.access.roles import Action, Role, allowed
from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import AreaLevel, IndicatorDefinition
from est_geo.indicators import definition_from_mapping, save_definition
from ui import auth, context, indicator_data
from ui.context import error_md, t
from ui.indikatorer.state import IndikatorerData

NEW = "__new__"  # pick value for "a new indicator"


def _fields(cur: IndicatorDefinition | None) -> dict[str, object]:
    """The form's fields, filled from ``cur``; a saved definition keeps its key."""
    f_key = st.text_input(
        t("indikatorer.catalogue.key"), cur.key if cur else "", disabled=cur is not None
    )
    f_sv = st.text_input(t("indikatorer.catalogue.name_sv"), cur.name_sv if cur else "")
    f_en = st.text_input(t("indikatorer.catalogue.name_en"), cur.name_en if cur else "")
    f_unit = st.text_input(t("indikatorer.catalogue.unit"), cur.unit if cur else "")
    f_hib = st.checkbox(t("indikatorer.catalogue.hib"), cur.higher_is_better if cur else True)
    f_src = st.text_input(t("indikatorer.catalogue.source"), cur.source if cur else "")
    lv = [lv.value for lv in AreaLevel]
    f_lv = st.selectbox(
        t("indikatorer.catalogue.level"), lv, index=lv.index(cur.area_level) if cur else 1
    )
    f_notes = st.text_area(t("indikatorer.catalogue.notes"), cur.notes if cur else "")
    return {
        "key": cur.key if cur else f_key,
        "name_sv": f_sv,
        "name_en": f_en,
        "unit": f_unit,
        "higher_is_better": f_hib,
        "source": f_src,
        "area_level": f_lv,
        "notes": f_notes,
    }


def _save(mapping: dict[str, object], role: Role) -> None:
    """Check and write one definition; every problem shown, nothing written on error."""
    try:
        saved = save_definition(
            context.store(),
            definition_from_mapping(mapping),
            role=role,
            user=auth.current_user_name(),
        )
    except EstGeoError as exc:
        st.error(error_md(exc))
    else:
        indicator_data.clear()
        st.success(t("indikatorer.catalogue.saved", name=md(saved.key)))


def show_catalogue(ind: IndikatorerData, role: Role) -> None:
    """The catalogue in an expander, for admins on the internal site only."""
    if not allowed(role, Action.ADMINISTER) or ind.cfg.public:
        return
    with st.expander(t("indikatorer.catalogue")):
        st.dataframe(
            pd.DataFrame([d.__dict__ for d in ind.loaded.definitions]),
            hide_index=True,
            width="stretch",
        )
        pick = st.selectbox(
            t("indikatorer.catalogue.pick"),
            [*ind.defs, NEW],
            format_func=lambda k: t("indikatorer.catalogue.new") if k == NEW else ind.label(k),
            key="ind_cat_pick",
        )
        with st.form("ind_cat_form"):
            mapping = _fields(ind.defs.get(pick))
            if st.form_submit_button(t("indikatorer.catalogue.save")):
                _save(mapping, role)
