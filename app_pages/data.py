"""Data: import incident files (previewed, validated, all or nothing), area layers and
indicator values (``ui/area_import.py``), Polisen events, exports.

The page only collects choices and shows results; reading, mapping, CRS detection,
validation and the one-transaction write are :mod:`est_geo.io`. The preview runs
:func:`plan_incident_import` (writes nothing) with exactly the mapping and CRS that the
import button then hands to :func:`import_incidents`, so what the user confirms is what
gets written. Plans are kept per session for the last few choices, so changing a
selectbox does not re-read a large file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from est_geo.access import Action, require
from est_geo.errors import EstGeoError, Problem, ValidationError
from est_geo.io import (
    FORMATS,
    WHATS,
    ColumnMapping,
    IncidentPlan,
    RawTable,
    export_layer,
    fetch_and_import_polisen,
    import_incidents,
    import_polisen_events,
    plan_incident_import,
    problems_to_csv,
    read_table,
    table_to_xlsx,
)
from est_geo.io.polisen import PolisenImportReport
from est_geo.io.readers import GEOM_X, GEOM_Y
from est_geo.io.upload import (
    CRS_CHOICES,
    INCIDENT_TYPES,
    MAPPED_FIELDS,
    MAX_UPLOAD_MB,
    REQUIRED_FIELDS,
    check_upload,
    default_source,
    problems_frame,
    user_mapping,
)
from est_geo.markup import escape_markdown as md
from est_geo.model import ACTOR_LABELS_EN, ACTOR_LABELS_SV, Actor, AreaLevel
from est_geo.store import IncidentQuery
from ui import area_import, auth, banner, context, data, filters, page

#: Session keys: read tables and plans of this session, the last import's summary.
TABLES_KEY = "data_tables"
PLANS_KEY = "data_plans"
REPORT_KEY = "data_last_report"
POLISEN_REPORT_KEY = "data_polisen_report"
_PLANS_KEPT = 6
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_EVENTS_SHOWN = 200

role = page.open_page("data")
selection = filters.sidebar_selection()
cfg = context.config()
t = context.t
store = context.store()
user = auth.current_user_name()
tree = store.category_tree()
actor_labels = ACTOR_LABELS_EN if cfg.language == "en" else ACTOR_LABELS_SV

st.title(t("page.data"))
st.caption(t("data.intro"))


def show_problems(problems: tuple[Problem, ...] | list[Problem], *, name: str) -> None:
    """Every problem in a table (the grid shows cell text as text) plus the report as
    CSV and XLSX."""
    frame = problems_frame(problems)
    st.dataframe(frame, hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button(
        t("data.download_errors"),
        problems_to_csv(problems),
        file_name=f"fel_{name}.csv",
        mime="text/csv",
        key="data_download_errors",
        icon=":material/download:",
    )
    right.download_button(
        t("data.download_errors_xlsx"),
        lambda: table_to_xlsx(frame, sheet="fel"),
        file_name=f"fel_{name}.xlsx",
        mime=XLSX_MIME,
        key="data_download_errors_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )


def read_upload(upload: Any) -> RawTable:
    """The upload as a RawTable, read once per uploaded file in this session."""
    tables: dict[str, RawTable] = st.session_state.setdefault(TABLES_KEY, {})
    if upload.file_id not in tables:
        tables.clear()  # keep one file in memory, not every file ever uploaded
        tables[upload.file_id] = read_table(upload.getvalue(), filename=upload.name)
    return tables[upload.file_id]


def planned(
    file_id: str, table: RawTable, source: str, mapping: ColumnMapping | None, crs: int | None
) -> IncidentPlan:
    """``plan_incident_import`` for these choices, kept for the last few choices."""
    key = (file_id, source, repr(mapping.to_dict() if mapping else None), crs)
    plans: dict[tuple[Any, ...], IncidentPlan] = st.session_state.setdefault(PLANS_KEY, {})
    if key not in plans:
        if len(plans) >= _PLANS_KEPT:
            plans.pop(next(iter(plans)))
        plans[key] = plan_incident_import(
            table, store=store, source=source, mapping=mapping, crs=crs
        )
    return plans[key]


def column_label(column: str | None) -> str:
    if column is None:
        return t("data.no_column")
    if column == GEOM_X:
        return t("data.geom_x")
    if column == GEOM_Y:
        return t("data.geom_y")
    return column


def mapping_widgets(table: RawTable, base: ColumnMapping, file_id: str) -> dict[str, str | None]:
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
            format_func=column_label,
            key=f"data_col_{field}_{file_id}",
        )
    return chosen


def category_widgets(unknown: dict[str, int], file_id: str) -> dict[str, str]:
    """One selectbox per unknown label: which EST category it means ("" = not yet)."""
    keys = ["", *(c.key for c in tree.categories)]
    chosen: dict[str, str] = {}
    for label, count in sorted(unknown.items(), key=lambda kv: -kv[1]):
        chosen[label] = st.selectbox(
            t("data.category_for", label=md(label), n=count),
            keys,
            format_func=lambda k: t("data.pick_category") if not k else tree.label(k, cfg.language),
            key=f"data_cat_{file_id}_{label}",
        )
    return chosen


def show_summary(summary: dict[str, Any]) -> None:
    st.success(t("data.done", source=md(summary["source"]), batch=md(summary["batch_id"])))
    cols = st.columns(4)
    cols[0].metric(t("data.read"), summary["rows_read"])
    cols[1].metric(t("data.imported"), summary["imported"])
    cols[2].metric(t("data.duplicates"), summary["duplicates"])
    cols[3].metric(t("data.rejected"), summary["rejected"])


def run_import(
    upload: Any, source: str, mapping: ColumnMapping | None, crs: int | None, valid_only: bool
) -> None:
    """Write through ``import_incidents`` (one transaction) with a progress bar."""
    require(role, Action.IMPORT_DATA)
    bar = st.progress(0.0, text=t("data.progress", stage=""))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t("data.progress", stage=md(stage)))

    try:
        report = import_incidents(
            store,
            upload.getvalue(),
            user=user,
            filename=upload.name,
            source=source,
            mapping=mapping,
            crs=crs,
            valid_rows_only=valid_only,
            progress=progress,
        )
    except ValidationError as exc:
        bar.empty()
        st.error(t("data.import_failed"))
        show_problems(exc.problems, name=source)
        return
    except EstGeoError as exc:
        bar.empty()
        st.error(md(exc))
        return
    bar.empty()
    st.session_state[REPORT_KEY] = {
        "file_id": upload.file_id,
        "source": report.source,
        "batch_id": report.batch_id,
        "rows_read": report.rows_read,
        "imported": report.imported,
        "duplicates": report.duplicates,
        "rejected": report.rejected,
    }
    st.session_state.pop(PLANS_KEY, None)  # duplicates and remembered mapping changed
    st.cache_data.clear()  # other pages read the new incidents at once


def import_section() -> None:
    upload = st.file_uploader(
        t("data.upload"),
        type=list(INCIDENT_TYPES),
        key="data_upload",
        help=t("data.upload_help", mb=MAX_UPLOAD_MB),
        max_upload_size=MAX_UPLOAD_MB,
    )
    if upload is None:
        st.info(t("data.upload_hint"))
        return
    refused = check_upload(upload.name, upload.size, types=INCIDENT_TYPES, max_mb=MAX_UPLOAD_MB)
    if refused:
        st.error(t("data.refused"))
        show_problems(refused, name="upload")
        return
    try:
        table = read_upload(upload)
    except ValidationError as exc:
        st.error(t("data.unreadable"))
        show_problems(exc.problems, name=default_source(upload.name))
        return
    file_id = str(upload.file_id)
    st.caption(
        t(
            "data.file_info",
            name=md(upload.name),
            format=md(table.format),
            encoding=md(table.encoding or "–"),
            delimiter=md(repr(table.delimiter) if table.delimiter else "–"),
            rows=len(table.frame),
        )
    )
    source = st.text_input(
        t("data.source"),
        value=default_source(upload.name),
        key=f"data_source_{file_id}",
        help=t("data.source_help"),
    ).strip() or default_source(upload.name)
    try:
        base = planned(file_id, table, source, None, None)
        if store.import_mapping(source, "incidents"):
            st.caption(t("data.remembered", source=md(source)))

        with st.expander(t("data.mapping"), expanded=base.fatal):
            columns = mapping_widgets(table, base.mapping, file_id)
            default_actor = None
            if columns.get("actor") is None:
                default_actor = st.selectbox(
                    t("data.default_actor"),
                    [a.value for a in Actor],
                    format_func=lambda a: actor_labels.get(a, a),
                    key=f"data_default_actor_{file_id}",
                )
        crs_choice = st.radio(
            t("data.crs"),
            list(CRS_CHOICES),
            format_func=lambda k: t(f"data.crs.{k}"),
            horizontal=True,
            key=f"data_crs_{file_id}",
            help=t("data.crs_help"),
        )
        crs = CRS_CHOICES[crs_choice]
        columns_only = user_mapping(columns, base=base.mapping, default_actor=default_actor)
        first = planned(file_id, table, source, columns_only, crs)
        cats: dict[str, str] = {}
        if first.unknown_categories:
            st.subheader(t("data.categories"))
            st.caption(t("data.categories_help"))
            cats = category_widgets(first.unknown_categories, file_id)
        mapping = user_mapping(
            columns, base=base.mapping, categories=cats, default_actor=default_actor
        )
        plan = planned(file_id, table, source, mapping, crs)
    except EstGeoError as exc:  # e.g. a remembered mapping that no longer parses
        st.error(md(exc))
        return

    if plan.crs is not None:
        st.info(t("data.crs_detected", crs=md(plan.crs.describe())))
        if plan.crs.swapped:
            st.warning(t("data.swapped"), icon=":material/swap_horiz:")
    for warning in plan.warnings:
        if not (plan.crs is not None and plan.crs.swapped and "omkastade" in warning):
            st.warning(md(warning))

    valid_only = False
    if plan.problems:
        st.subheader(t("data.problems_title"))
        st.error(t("data.problems", n=len(plan.problems), rows=len(plan.rejected)))
        show_problems(plan.problems, name=source)
    if plan.fatal:
        st.error(t("data.fatal"))
        return
    if plan.problems:
        choice = st.radio(
            t("data.choice"),
            ["fix", "valid"],
            format_func=lambda k: t(f"data.choice.{k}", n=len(plan.incidents)),
            key=f"data_choice_{file_id}",
        )
        if choice == "fix":
            st.info(t("data.fix_hint"))
            return
        valid_only = True
        rejected = plan.rejected
        left, right = st.columns(2)
        left.download_button(
            t("data.download_rejected"),
            lambda: rejected.to_csv(sep=";", index=False).encode("utf-8-sig"),
            file_name=f"avvisade_{source}.csv",
            mime="text/csv",
            key="data_download_rejected",
            icon=":material/download:",
            on_click="ignore",
        )
        right.download_button(
            t("data.download_rejected_xlsx"),
            lambda: table_to_xlsx(rejected, sheet="avvisade"),
            file_name=f"avvisade_{source}.xlsx",
            mime=XLSX_MIME,
            key="data_download_rejected_xlsx",
            icon=":material/download:",
            on_click="ignore",
        )
    if st.button(
        t("data.import_button", n=len(plan.incidents)),
        type="primary",
        key="data_import",
        disabled=plan.incidents.empty,
    ):
        run_import(upload, source, mapping, crs, valid_only)
    summary = st.session_state.get(REPORT_KEY)
    if summary and summary.get("file_id") == upload.file_id:
        show_summary(summary)


def _polisen_import(run: Callable[[], PolisenImportReport]) -> None:
    """Run one Polisen import (a saved file or a live fetch) and keep its report; every
    problem is shown, nothing is written on failure."""
    require(role, Action.IMPORT_DATA)
    try:
        with st.spinner(t("data.polisen_working")):
            rep = run()
    except ValidationError as exc:
        st.error(t("data.unreadable"))
        show_problems(exc.problems, name="polisen")
    except EstGeoError as exc:
        st.error(md(exc))
    else:
        st.session_state[POLISEN_REPORT_KEY] = rep


def polisen_section() -> None:
    st.caption(t("data.polisen_intro"))
    upload = st.file_uploader(
        t("data.polisen_upload"),
        type=["json"],
        key="data_polisen_upload",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if upload is not None and st.button(t("data.polisen_import"), key="data_polisen_import"):
        _polisen_import(lambda: import_polisen_events(store, upload.getvalue(), user=user))
    cfg = context.config()
    if cfg.polisen_user_agent:
        location = st.text_input(
            t("data.polisen_location"), value=cfg.polisen_location or "", key="data_polisen_loc"
        ).strip()
        if st.button(t("data.polisen_fetch"), key="data_polisen_fetch"):
            _polisen_import(
                lambda: fetch_and_import_polisen(
                    store,
                    user_agent=str(cfg.polisen_user_agent),
                    user=user,
                    location=location or None,
                    api_url=cfg.polisen_api_url,
                )
            )
    else:
        st.caption(t("data.polisen_fetch_off"))
    rep = st.session_state.get(POLISEN_REPORT_KEY)
    if rep is not None:
        st.success(
            t(
                "data.polisen_done",
                read=rep.rows_read,
                imported=rep.imported,
                duplicates=rep.duplicates,
                linked=rep.linked,
                categorised=rep.categorised,
            )
        )

    st.subheader(t("data.events_title"))
    areas = data.areas()
    local = areas[areas["level"] != AreaLevel.KOMMUN.value]
    names = dict(zip(local["code"].astype(str), local["name"].astype(str), strict=True))
    days = st.selectbox(t("data.events_days"), [7, 30, 90, 365], index=1, key="data_events_days")
    start = filters.anchor_date() - timedelta(days=int(days))
    events = store.context_events(start=start)
    if events.empty:
        st.info(t("data.events_none"))
        return
    per_area = events["area_codes"].explode().dropna().map(names).dropna().value_counts()
    if not per_area.empty:
        st.dataframe(
            pd.DataFrame({t("data.col.area"): per_area.index, t("col.count"): per_area.to_numpy()}),
            hide_index=True,
        )
    code = st.selectbox(
        t("data.events_area"),
        ["", *sorted(names, key=names.__getitem__)],
        format_func=lambda c: t("data.events_all") if not c else names.get(c, c),
        key="data_events_area",
    )
    if code:
        events = events[events["area_codes"].map(lambda codes: code in codes)]
    shown = events.head(_EVENTS_SHOWN)
    st.dataframe(
        pd.DataFrame(
            {
                t("data.col.time"): shown["occurred_at"].dt.strftime("%Y-%m-%d %H:%M"),
                t("data.col.type"): shown["type"],
                t("col.category"): shown["category"].map(
                    lambda k: tree.label(k, cfg.language) if isinstance(k, str) else ""
                ),
                t("data.col.title"): shown["name"],
                t("data.col.summary"): shown["summary"],
                t("data.col.areas"): shown["area_codes"].map(
                    lambda codes: ", ".join(names.get(c, c) for c in codes)
                ),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("data.events_shown", shown=len(shown), total=len(events)))


def export_bytes(what: str, fmt: str, query: IncidentQuery | None) -> Callable[[], bytes]:
    """A callable for ``st.download_button``: the file is built only when clicked."""

    def build() -> bytes:
        with tempfile.TemporaryDirectory(prefix="est_geo_export_") as tmp:
            out = Path(tmp) / f"{what}.{fmt}"
            export_layer(store, what, fmt, out, query=query)
            return out.read_bytes()

    return build


def export_section() -> None:
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
    query = selection.query if what == "incidents" else None
    if what == "incidents":
        st.caption(
            t(
                "data.export_filtered",
                n=store.count_incidents(query),
                period=md(selection.period.label()),
            )
        )
    stamp = filters.anchor_date().isoformat()
    mime = {
        "gpkg": "application/geopackage+sqlite3",
        "geojson": "application/geo+json",
        "xlsx": XLSX_MIME,
    }
    st.download_button(
        t("data.export_button"),
        export_bytes(what, fmt, query),
        file_name=f"est_geo_{what}_{stamp}.{fmt}",
        mime=mime.get(fmt, "text/csv"),
        key="data_export_download",
        icon=":material/download:",
        on_click="ignore",
    )


tab_import, tab_areas, tab_polisen, tab_export = st.tabs(
    [t("data.tab.import"), t("area_import.tab"), t("data.tab.polisen"), t("data.tab.export")]
)
with tab_import:
    import_section()
with tab_areas:
    area_import.render(store, role=role, user=user)
with tab_polisen:
    polisen_section()
with tab_export:
    export_section()
banner.data_footer()
