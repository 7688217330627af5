"""The report's fields, and saving it: every problem listed at once, nothing half-written."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time

import streamlit as st

from est_geo.access.roles import Role
from est_geo.core.errors import EstGeoError, PermissionDeniedError, ValidationError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import Actor, CategoryTree, LocationPrecision
from est_geo.io.incidents import problem_columns
from est_geo.io.manual import (
    MAX_DESCRIPTION,
    CoordinateSystem,
    ManualReport,
    ParsedPoint,
    describe_system,
    new_report_id,
    save_manual_report,
)
from est_geo.io.upload import problems_frame
from est_geo.store import Store
from ui import context
from ui.context import error_md, t
from ui.rapportera.state import COORD_KEY, ID_KEY, RESET_KEY, SAVED_KEY, SYSTEM_KEY


def fields(
    tree: CategoryTree, lang: str, actor_labels: Mapping[str, str], point: ParsedPoint | None
) -> ManualReport:
    """The form's widgets, in two columns; what they hold as a report (not yet checked)."""
    left, right = st.columns(2)
    left.text_input(
        t("rapportera.coordinate"),
        key=COORD_KEY,
        placeholder="58.5876, 16.1824",
        help=t("rapportera.coordinate_help"),
    )
    left.radio(
        t("rapportera.system"),
        [s.value for s in CoordinateSystem],
        format_func=lambda s: t(f"rapportera.system.{s}"),
        horizontal=True,
        key=SYSTEM_KEY,
    )
    if point is not None:
        left.caption(
            t(
                "rapportera.read_as",
                system=md(describe_system(point.epsg)),
                lat=f"{point.lat:.6f}",
                lon=f"{point.lon:.6f}",
                x=f"{point.x:.0f}",
                y=f"{point.y:.0f}",
            )
        )
    category = left.selectbox(
        t("col.category"),
        [c.key for c in tree.categories],
        index=None,
        format_func=lambda k: tree.label(k, lang),
        placeholder=t("rapportera.pick"),
        key="rapportera_category",
        help=t("rapportera.category_help"),
    )
    actor = left.selectbox(
        t("rapportera.actor"),
        [a.value for a in Actor],
        index=None,
        format_func=lambda a: actor_labels.get(a, a),
        placeholder=t("rapportera.pick"),
        key="rapportera_actor",
    )
    today = date.today()
    day = right.date_input(
        t("rapportera.date"),
        value=today,
        max_value=today,
        format="YYYY-MM-DD",
        key="rapportera_date",
    )
    time_known = right.checkbox(t("rapportera.time_known"), value=True, key="rapportera_time_known")
    time_of_day = (
        right.time_input(t("rapportera.time"), value=time(12, 0), step=300, key="rapportera_time")
        if time_known
        else None
    )
    precision = right.selectbox(
        t("rapportera.precision"),
        [p.value for p in LocationPrecision],
        format_func=lambda p: t(f"rapportera.precision.{p}"),
        key="rapportera_precision",
    )
    description = right.text_area(
        t("rapportera.description"),
        max_chars=MAX_DESCRIPTION,
        key="rapportera_description",
        help=t("rapportera.description_help"),
    )
    return ManualReport(
        coordinate=str(st.session_state.get(COORD_KEY) or ""),
        system=str(st.session_state.get(SYSTEM_KEY) or CoordinateSystem.AUTO.value),
        category=category or "",
        actor=actor or "",
        day=day if not isinstance(day, tuple) else None,
        time_of_day=time_of_day,
        description=description or "",
        precision=precision,
        report_id=str(st.session_state[ID_KEY]),
    )


def save_button(store: Store, report: ManualReport, *, user: str, role: Role) -> None:
    """Save on click: problems listed, or the saved row kept and a fresh form next run."""
    if not st.button(t("rapportera.save"), type="primary", key="rapportera_save"):
        return
    try:
        result = save_manual_report(store, report, user=user, role=role)
    except ValidationError as exc:
        lang = context.config().language
        st.error(t("rapportera.invalid", n=len(exc.problems)))
        st.dataframe(
            problems_frame(exc.problems, lang).drop(columns=[problem_columns(lang)[0]]),
            hide_index=True,
            width="stretch",
        )
    except PermissionDeniedError:
        st.error(t("rapportera.no_access"))
    except EstGeoError as exc:
        st.error(error_md(exc))
    else:
        st.session_state[SAVED_KEY] = (result.row, result.inserted)
        st.session_state[ID_KEY] = new_report_id()  # the next report is a new one
        st.session_state[RESET_KEY] = True
        st.cache_data.clear()  # maps and tables show the new incident at once
        st.rerun()
