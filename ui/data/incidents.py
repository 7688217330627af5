"""The Data page's tab "Importera händelser": incident files previewed, validated, all or
nothing.

Upload → read once per file → choices and plan (``ui.data.mapping``, writes nothing) →
every problem listed → the user imports all rows, only the valid ones, or fixes the
file first → :func:`import_incidents` writes in one transaction with a progress bar.
The last import's summary is kept in the session and shown while the same file stays.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from est_geo.access.roles import Action, require
from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.core.markup import escape_markdown as md
from est_geo.io import IncidentPlan, RawTable, import_incidents, read_table, table_to_xlsx
from est_geo.io.csvout import frame_to_csv
from est_geo.io.upload import INCIDENT_TYPES, MAX_UPLOAD_MB, check_upload, default_source
from ui import context, uploads
from ui.context import error_md, t
from ui.data.mapping import Planned, choose_plan
from ui.data.state import (
    PLANS_KEY,
    REPORT_KEY,
    TABLES_KEY,
    DataContext,
    csv_and_xlsx_buttons,
    show_problems,
)


def _read_upload(upload: Any) -> RawTable:
    """The upload as a RawTable, read once per uploaded file in this session."""
    tables: dict[str, RawTable] = st.session_state.setdefault(TABLES_KEY, {})
    if upload.file_id not in tables:
        tables.clear()  # keep one file in memory, not every file ever uploaded
        tables[upload.file_id] = read_table(upload.getvalue(), filename=upload.name)
    return tables[upload.file_id]


def _uploaded_table() -> tuple[Any, RawTable] | None:
    """The uploaded file and its table, or ``None`` (with a hint or every problem)."""
    upload = st.file_uploader(
        t("data.upload"),
        type=list(INCIDENT_TYPES),
        key="data_upload",
        help=t("data.upload_help", mb=MAX_UPLOAD_MB),
        max_upload_size=MAX_UPLOAD_MB,
    )
    uploads.swedish_limits(list(INCIDENT_TYPES))
    if upload is None:
        st.info(t("data.upload_hint"))
        return None
    refused = check_upload(upload.name, upload.size, types=INCIDENT_TYPES, max_mb=MAX_UPLOAD_MB)
    if refused:
        st.error(t("data.refused"))
        show_problems(refused, name="upload")
        return None
    try:
        return upload, _read_upload(upload)
    except ValidationError as exc:
        st.error(t("data.unreadable"))
        show_problems(exc.problems, name=default_source(upload.name))
        return None


def _source(upload: Any, table: RawTable, file_id: str) -> str:
    """How the file was read, and the source name its rows are stored under."""
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
    return st.text_input(
        t("data.source"),
        value=default_source(upload.name),
        key=f"data_source_{file_id}",
        help=t("data.source_help"),
    ).strip() or default_source(upload.name)


def _show_plan_notes(plan: IncidentPlan) -> None:
    """The detected CRS and every warning (swapped columns said once, with an icon)."""
    if plan.crs is not None:
        st.info(t("data.crs_detected", crs=md(plan.crs.describe(context.config().language))))
        if plan.crs.swapped:
            st.warning(t("data.swapped"), icon=":material/swap_horiz:")
    lang = context.config().language
    for warning in plan.warnings:
        if not (plan.crs is not None and plan.crs.swapped and warning.key == "io.note.swapped"):
            st.warning(md(warning.text(lang)))


def _rejected_downloads(plan: IncidentPlan, source: str) -> None:
    """The rows left out when only valid rows are imported, as CSV and XLSX."""
    lang = context.config().language  # the rows are worded only when a button is clicked
    word = t("data.rejected_file")  # the file's and the sheet's name: 'avvisade', 'rejected'
    csv_and_xlsx_buttons(
        labels=(t("data.download_rejected"), t("data.download_rejected_xlsx")),
        csv=lambda: frame_to_csv(plan.rejected_in(lang), sep=";"),
        xlsx=lambda: table_to_xlsx(plan.rejected_in(lang), sheet=word),
        stem=f"{word}_{source}",
        keys=("data_download_rejected", "data_download_rejected_xlsx"),
    )


def _rows_to_import(
    plan: IncidentPlan, file_id: str, source: str
) -> Literal["all", "valid", "fix"]:
    """Every problem listed; then what to import: all rows (no problems), only the valid
    rows, or nothing until the file is fixed (the default, and always when fatal)."""
    if plan.problems:
        st.subheader(t("data.problems_title"))
        st.error(t("data.problems", n=len(plan.problems), rows=len(plan.rejected)))
        show_problems(plan.problems, name=source)
    if plan.fatal:
        st.error(t("data.fatal"))
        return "fix"
    if not plan.problems:
        return "all"
    choice = st.radio(
        t("data.choice"),
        ["fix", "valid"],
        format_func=lambda k: t(f"data.choice.{k}", n=len(plan.incidents)),
        key=f"data_choice_{file_id}",
    )
    if choice == "fix":
        st.info(t("data.fix_hint"))
        return "fix"
    _rejected_downloads(plan, source)
    return "valid"


def _show_summary(summary: dict[str, Any]) -> None:
    """The last import: its batch and how many rows were read, imported, skipped."""
    st.success(t("data.done", source=md(summary["source"]), batch=md(summary["batch_id"])))
    cols = st.columns(4)
    cols[0].metric(t("data.read"), summary["rows_read"])
    cols[1].metric(t("data.imported"), summary["imported"])
    cols[2].metric(t("data.duplicates"), summary["duplicates"])
    cols[3].metric(t("data.rejected"), summary["rejected"])


def _run_import(
    ctx: DataContext, upload: Any, source: str, chosen: Planned, valid_only: bool
) -> None:
    """Write through ``import_incidents`` (one transaction) with a progress bar."""
    require(ctx.role, Action.IMPORT_DATA)
    bar = st.progress(0.0, text=t("data.progress", stage=""))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t("data.progress", stage=t(stage)))

    try:
        report = import_incidents(
            ctx.store,
            upload.getvalue(),
            user=ctx.user,
            filename=upload.name,
            source=source,
            mapping=chosen.mapping,
            crs=chosen.crs,
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
        st.error(error_md(exc))
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


def show_import(ctx: DataContext) -> None:
    """The whole tab: upload, choices, problems, the import button and its summary."""
    uploaded = _uploaded_table()
    if uploaded is None:
        return
    upload, table = uploaded
    file_id = str(upload.file_id)
    source = _source(upload, table, file_id)
    try:
        chosen = choose_plan(ctx, table, file_id, source)
    except EstGeoError as exc:  # e.g. a remembered mapping that no longer parses
        st.error(error_md(exc))
        return
    plan = chosen.plan
    _show_plan_notes(plan)
    rows = _rows_to_import(plan, file_id, source)
    if rows == "fix":
        return
    if st.button(
        t("data.import_button", n=len(plan.incidents)),
        type="primary",
        key="data_import",
        disabled=plan.incidents.empty,
    ):
        _run_import(ctx, upload, source, chosen, valid_only=rows == "valid")
    summary = st.session_state.get(REPORT_KEY)
    if summary and summary.get("file_id") == upload.file_id:
        _show_summary(summary)
