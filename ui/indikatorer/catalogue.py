"""The indicator catalogue (admins, never on the public site): list, edit, add definitions.

A definition is checked and written by :func:`est_geo.indicators.save_definition` (every
problem listed at once, an audit entry per save); the cached indicator data is then
forgotten so the page shows the new name or unit at once.

The unit, source and notes the app wrote (:mod:`est_geo.i18n.units`,
:mod:`est_geo.i18n.definition_texts`) are listed and offered for editing in the reader's
language; a field saved unchanged keeps its stored text, so an English administrator's
save rewords nothing a store already holds.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from est_geo.access.roles import Action, Role, allowed
from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import AreaLevel, IndicatorDefinition
from est_geo.i18n import definition_text, unit_text
from est_geo.indicators import definition_from_mapping, save_definition
from ui import auth, context, indicator_data
from ui.context import error_md, t
from ui.indikatorer.state import IndikatorerData

NEW = "__new__"  # pick value for "a new indicator"


def _shown(d: IndicatorDefinition, lang: str) -> dict[str, str]:
    """The unit, source and notes of ``d`` as a reader of ``lang`` sees them."""
    return {
        "unit": unit_text(d.unit, lang),
        "source": definition_text(d.source, lang),
        "notes": definition_text(d.notes, lang),
    }


def _kept(cur: IndicatorDefinition | None, lang: str, typed: dict[str, str]) -> dict[str, str]:
    """The typed unit, source and notes, each one left as shown replaced by its stored
    text (an untouched field never rewrites the store in the reader's language)."""
    if cur is None:
        return typed
    shown = _shown(cur, lang)
    return {k: str(getattr(cur, k)) if v == shown[k] else v for k, v in typed.items()}


def _fields(cur: IndicatorDefinition | None, lang: str) -> dict[str, object]:
    """The form's fields, filled from ``cur``; a saved definition keeps its key."""
    shown = _shown(cur, lang) if cur else {"unit": "", "source": "", "notes": ""}
    f_key = st.text_input(
        t("indikatorer.catalogue.key"), cur.key if cur else "", disabled=cur is not None
    )
    f_sv = st.text_input(t("indikatorer.catalogue.name_sv"), cur.name_sv if cur else "")
    f_en = st.text_input(t("indikatorer.catalogue.name_en"), cur.name_en if cur else "")
    f_unit = st.text_input(t("indikatorer.catalogue.unit"), shown["unit"])
    f_hib = st.checkbox(t("indikatorer.catalogue.hib"), cur.higher_is_better if cur else True)
    f_src = st.text_input(t("indikatorer.catalogue.source"), shown["source"])
    lv = [lv.value for lv in AreaLevel]
    f_lv = st.selectbox(
        t("indikatorer.catalogue.level"),
        lv,
        index=lv.index(cur.area_level) if cur else 1,
        format_func=lambda code: t(f"indikatorer.level.{code}"),
    )
    f_notes = st.text_area(t("indikatorer.catalogue.notes"), shown["notes"])
    texts = _kept(cur, lang, {"unit": f_unit, "source": f_src, "notes": f_notes})
    return {
        "key": cur.key if cur else f_key,
        "name_sv": f_sv,
        "name_en": f_en,
        "higher_is_better": f_hib,
        "area_level": f_lv,
        **texts,
    }


def _table(defs: Iterable[IndicatorDefinition], lang: str) -> pd.DataFrame:
    """The definitions as a reader of ``lang`` sees them: the form's labels as column
    names, area levels and "higher is better" in words, not field names and codes."""
    rows = [
        {
            t("indikatorer.catalogue.key"): d.key,
            t("indikatorer.catalogue.name_sv"): d.name_sv,
            t("indikatorer.catalogue.name_en"): d.name_en,
            t("indikatorer.catalogue.unit"): shown["unit"],
            t("indikatorer.catalogue.hib"): t(f"indikatorer.catalogue.hib.{d.higher_is_better}"),
            t("indikatorer.catalogue.source"): shown["source"],
            t("indikatorer.catalogue.level"): t(f"indikatorer.level.{d.area_level}"),
            t("indikatorer.catalogue.notes"): shown["notes"],
        }
        for d in defs
        for shown in (_shown(d, lang),)
    ]
    return pd.DataFrame(rows)


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
    lang = ind.cfg.language
    with st.expander(t("indikatorer.catalogue")):
        st.dataframe(
            _table(ind.loaded.definitions, lang),
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
            mapping = _fields(ind.defs.get(pick), lang)
            if st.form_submit_button(t("indikatorer.catalogue.save")):
                _save(mapping, role)
