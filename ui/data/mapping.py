"""The incident import's choices: columns, default actor, CRS, unknown categories → a plan.

The preview runs :func:`plan_incident_import` (writes nothing) with exactly the mapping
and CRS that the import button then hands to :func:`import_incidents`, so what the user
confirms is what gets written. Plans are kept per session for the last few choices, so
changing a selectbox does not re-read a large file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import Actor
from est_geo.i18n import label_map
from est_geo.io import ColumnMapping, IncidentPlan, RawTable, plan_incident_import
from est_geo.io.readers import GEOM_X, GEOM_Y
from est_geo.io.upload import CRS_CHOICES, MAPPED_FIELDS, REQUIRED_FIELDS, user_mapping
from ui.context import t
from ui.data.state import PLANS_KEY, DataContext

_PLANS_KEPT = 6


@dataclass(frozen=True)
class Planned:
    """The user's mapping and CRS (``None``: detected) and the plan made with them."""

    mapping: ColumnMapping | None
    crs: int | None
    plan: IncidentPlan


def planned(
    ctx: DataContext,
    file_id: str,
    table: RawTable,
    source: str,
    mapping: ColumnMapping | None,
    crs: int | None,
) -> IncidentPlan:
    """``plan_incident_import`` for these choices, kept for the last few choices."""
    key = (file_id, source, repr(mapping.to_dict() if mapping else None), crs)
    plans: dict[tuple[Any, ...], IncidentPlan] = st.session_state.setdefault(PLANS_KEY, {})
    if key not in plans:
        if len(plans) >= _PLANS_KEPT:
            plans.pop(next(iter(plans)))
        plans[key] = plan_incident_import(
            table, store=ctx.store, source=source, mapping=mapping, crs=crs
        )
    return plans[key]


def _column_label(column: str | None) -> str:
    """A column as offered: its name, or what "no column" and geometry x/y mean."""
    if column is None:
        return t("data.no_column")
    if column == GEOM_X:
        return t("data.geom_x")
    if column == GEOM_Y:
        return t("data.geom_y")
    return column


def _mapping_widgets(table: RawTable, base: ColumnMapping, file_id: str) -> dict[str, str | None]:
    """One selectbox per field, defaulting to what detection/the remembered mapping found."""
    columns = [str(c) for c in table.frame.columns]
    chosen: dict[str, str | None] = {}
    grid = st.columns(3)
    for i, field in enumerate(MAPPED_FIELDS):
        current = getattr(base, field)
        # "(ingen kolumn)" is always offered: choosing it for a detected column becomes
        # an explicit unset in the mapping (see ``user_mapping``), remembered per source.
        options: list[str | None] = [None, *columns]
        label = t(f"data.field.{field}") + (" *" if field in REQUIRED_FIELDS else "")
        chosen[field] = grid[i % 3].selectbox(
            label,
            options,
            index=options.index(current) if current in options else 0,
            format_func=_column_label,
            key=f"data_col_{field}_{file_id}",
        )
    return chosen


def _columns(
    ctx: DataContext, table: RawTable, base: IncidentPlan, file_id: str
) -> tuple[dict[str, str | None], str | None]:
    """The column choices, folded open when the file cannot be imported as it is, and
    the actor for every row when no column holds one."""
    actor_labels = label_map("actor", [a.value for a in Actor], ctx.cfg.language)
    with st.expander(t("data.mapping"), expanded=base.fatal):
        columns = _mapping_widgets(table, base.mapping, file_id)
        default_actor = None
        if columns.get("actor") is None:
            default_actor = st.selectbox(
                t("data.default_actor"),
                [a.value for a in Actor],
                format_func=lambda a: actor_labels.get(a, a),
                key=f"data_default_actor_{file_id}",
            )
    return columns, default_actor


def _crs(file_id: str) -> int | None:
    """The coordinate system the user names (``None``: detect it from the values)."""
    crs_choice = st.radio(
        t("data.crs"),
        list(CRS_CHOICES),
        format_func=lambda k: t(f"data.crs.{k}"),
        horizontal=True,
        key=f"data_crs_{file_id}",
        help=t("data.crs_help"),
    )
    return CRS_CHOICES[crs_choice]


def _category_widgets(ctx: DataContext, unknown: dict[str, int], file_id: str) -> dict[str, str]:
    """One selectbox per unknown label: which EST category it means ("" = not yet)."""
    tree = ctx.tree
    keys = ["", *(c.key for c in tree.categories)]
    chosen: dict[str, str] = {}
    for label, count in sorted(unknown.items(), key=lambda kv: -kv[1]):
        chosen[label] = st.selectbox(
            t("data.category_for", label=md(label), n=count),
            keys,
            format_func=lambda k: (
                t("data.pick_category") if not k else tree.label(k, ctx.cfg.language)
            ),
            key=f"data_cat_{file_id}_{label}",
        )
    return chosen


def choose_plan(ctx: DataContext, table: RawTable, file_id: str, source: str) -> Planned:
    """The user's choices and the plan made with exactly them.

    The categories asked for are those still unknown with the chosen columns and CRS,
    so a column change can add or remove category questions in the same run.
    """
    base = planned(ctx, file_id, table, source, None, None)
    if ctx.store.import_mapping(source, "incidents"):
        st.caption(t("data.remembered", source=md(source)))
    columns, default_actor = _columns(ctx, table, base, file_id)
    crs = _crs(file_id)
    columns_only = user_mapping(columns, base=base.mapping, default_actor=default_actor)
    first = planned(ctx, file_id, table, source, columns_only, crs)
    cats: dict[str, str] = {}
    if first.unknown_categories:
        st.subheader(t("data.categories"))
        st.caption(t("data.categories_help"))
        cats = _category_widgets(ctx, first.unknown_categories, file_id)
    mapping = user_mapping(columns, base=base.mapping, categories=cats, default_actor=default_actor)
    return Planned(mapping, crs, planned(ctx, file_id, table, source, mapping, crs))
