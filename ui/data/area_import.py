"""The Data page's tab "Områden och indikatorer": area layers and indicator values.

Widgets only: what a file holds and which columns are preselected comes from
:mod:`est_geo.indicators.area_upload`; reading, validation and the all-or-nothing write are
:func:`~est_geo.indicators.io.import_areas` and
:func:`~est_geo.indicators.io.import_indicator_values` — the same functions as
``est-geo import --kind areas|indicators``. Every problem is listed (with the error report
to download) and nothing is written; after an indicator import the join report (codes
without an area, areas without a value) is shown in full, never dropped.

The outcome of an import is kept in the session together with the choices it was made
with, so a rerun (a download, another widget) keeps showing it until a choice changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from est_geo.access.roles import Action, Role, require
from est_geo.core.errors import EstGeoError, Problem, ValidationError, error_text
from est_geo.core.markup import escape_markdown as md
from est_geo.indicators.area_upload import (
    AREA_TYPES,
    MAP_FEATURES,
    VALUE_TYPES,
    AreaFilePreview,
    area_layers,
    guess_area_columns,
    guess_indicator,
    guess_value_columns,
    indicator_choices,
    join_report_csv,
    preview_area_file,
    shown_codes,
    upload_as_file,
)
from est_geo.indicators.io import (
    IMPORT_LEVELS,
    AreaKeyImport,
    AreasImport,
    ValuesImportResult,
    import_area_key,
    import_areas,
    import_indicator_values,
    key_columns,
    read_table,
)
from est_geo.indicators.join import JoinReport
from est_geo.io.upload import MAX_UPLOAD_MB, check_upload
from est_geo.maps import area_outlines
from est_geo.store import Store
from est_geo.store.area_keys import AreaKeyStore
from ui import context, indicator_data, queries, uploads
from ui.data.state import show_problems
from ui.maps import draw_map, fitted_map

__all__ = ["render"]

#: Session keys: the uploaded area file (layers, previews), the value table, outcomes.
AREA_FILE_KEY = "area_import_file"
AREA_OUTCOME_KEY = "area_import_outcome"
VALUE_TABLE_KEY = "area_import_table"
VALUE_OUTCOME_KEY = "area_import_values_outcome"
KEY_TABLE_KEY = "area_import_key_table"
KEY_OUTCOME_KEY = "area_import_key_outcome"
_T = TypeVar("_T")
_LONG_TABLE = ""  # indicator choice: the file's own indicator column

t = context.t


@dataclass(frozen=True)
class _Outcome:
    """What the last import of a section did, and with which choices."""

    choice: tuple[object, ...]
    result: AreasImport | ValuesImportResult | AreaKeyImport | None = None
    problems: tuple[Problem, ...] = ()
    error: str | None = None


def render(store: Store, *, role: Role, user: str) -> None:
    """Both sections of the tab: area polygons, then indicator values."""
    st.caption(t("area_import.intro"))
    st.subheader(t("area_import.areas_title"))
    _areas_section(store, role=role, user=user)
    st.divider()
    st.subheader(t("area_import.values_title"))
    _values_section(store, role=role, user=user)
    st.divider()
    st.subheader(t("area_import.key_title"))
    _key_section(store, role=role, user=user)


# --------------------------------------------------------------------------- shared


def _show_problems(problems: tuple[Problem, ...] | list[Problem], *, name: str, key: str) -> None:
    """The Data page's problem report, with buttons named per section of this tab."""
    show_problems(
        problems, name=name, keys=(f"{key}_errors_csv", f"{key}_errors_xlsx"), csv_on_click="ignore"
    )


def _refused(upload: Any, types: tuple[str, ...], key: str) -> bool:
    """Show why an upload is refused before it is read (type, size); True if refused."""
    refused = check_upload(upload.name, upload.size, types=types, max_mb=MAX_UPLOAD_MB)
    if refused:
        st.error(t("data.refused"))
        _show_problems(refused, name="upload", key=key)
    return bool(refused)


def _checked_upload(
    label: str, types: tuple[str, ...], *, key: str, help_key: str, hint: str | None,
    report_key: str,
) -> Any:  # fmt: skip
    """An uploader whose file is returned only when its type and size are acceptable
    (else the reasons are shown); ``None`` until then, with ``hint`` beneath."""
    upload = st.file_uploader(
        label,
        type=list(types),
        key=key,
        help=t(help_key, mb=MAX_UPLOAD_MB),
        max_upload_size=MAX_UPLOAD_MB,
    )
    uploads.swedish_limits(list(types))
    if upload is None:
        if hint:
            st.info(hint)
        return None
    return None if _refused(upload, types, report_key) else upload


def _show_failure(outcome: _Outcome, *, name: str, key: str) -> None:
    if outcome.error is not None:
        st.error(md(outcome.error))
    if outcome.problems:
        st.error(t("area_import.failed", n=len(outcome.problems)))
        _show_problems(outcome.problems, name=name, key=key)


def _stem(filename: str) -> str:
    return "_".join(filename.rsplit(".", 1)[0].split()) or "import"


def _read_or_report(upload: Any, read: Callable[[], _T], *, key: str) -> _T | None:
    """What ``read()`` makes of the upload, or ``None`` with every reason it cannot."""
    try:
        return read()
    except ValidationError as exc:
        st.error(t("data.unreadable"))
        _show_problems(exc.problems, name=_stem(upload.name), key=key)
        return None


def _import_outcome(
    label: str,
    choice: tuple[Any, ...],
    run: Callable[[], _Outcome],
    *,
    button_key: str,
    outcome_key: str,
    disabled: bool = False,
) -> _Outcome | None:
    """The section's import button; the outcome of the last import made with ``choice``.

    Kept in the session so a rerun shows it until a choice changes (module doc).
    """
    if st.button(label, type="primary", key=button_key, disabled=disabled):
        st.session_state[outcome_key] = run()
    outcome: _Outcome | None = st.session_state.get(outcome_key)
    return outcome if outcome is not None and outcome.choice == choice else None


def _write_upload(
    upload: Any,
    choice: tuple[Any, ...],
    write: Callable[[Path], AreasImport | ValuesImportResult | AreaKeyImport],
    *,
    role: Role,
    types: tuple[str, ...],
    working: bool = True,
) -> _Outcome:
    """Write the upload through ``write`` (all or nothing) behind the IMPORT_DATA check.

    A refusal becomes the outcome (its problems or error); after a write the cached
    indicator data is forgotten, as every import here changes what it is derived from.
    """
    require(role, Action.IMPORT_DATA)
    spinner = st.spinner(t("area_import.working")) if working else contextlib.nullcontext()
    try:
        with spinner, upload_as_file(upload.name, upload.getvalue(), allowed=types) as path:
            result = write(path)
    except ValidationError as exc:
        return _Outcome(choice, problems=exc.problems)
    except EstGeoError as exc:
        return _Outcome(choice, error=error_text(exc, context.config().language))
    indicator_data.clear()
    return _Outcome(choice, result=result)


# --------------------------------------------------------------------------- areas


def _area_file(upload: Any) -> dict[str, Any]:
    """Layers and previews of the uploaded area file, read once per file and layer."""
    entry: dict[str, Any] | None = st.session_state.get(AREA_FILE_KEY)
    if entry is None or entry["file_id"] != upload.file_id:
        with upload_as_file(upload.name, upload.getvalue(), allowed=AREA_TYPES) as path:
            layers = area_layers(path)
        entry = {"file_id": upload.file_id, "layers": layers, "previews": {}}
        st.session_state[AREA_FILE_KEY] = entry
    return entry


def _area_preview(upload: Any, entry: dict[str, Any], layer: str) -> AreaFilePreview:
    previews: dict[str, AreaFilePreview] = entry["previews"]
    if layer not in previews:
        with upload_as_file(upload.name, upload.getvalue(), allowed=AREA_TYPES) as path:
            previews[layer] = preview_area_file(path, layer)
    return previews[layer]


def _column_or_none(label: str, options: list[str | None], current: str | None, key: str) -> Any:
    return st.selectbox(
        label,
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda c: t("data.no_column") if c is None else c,
        key=key,
    )


def _preview_map(
    preview: AreaFilePreview, code: str, name: str | None, level: str, key: str
) -> None:
    """The first features on a small map (no tiles unless configured: nothing external)."""
    view = preview.wgs84_bounds
    if preview.display is None or view is None:
        return
    shown = preview.display
    frame = shown.assign(
        code=shown[code],
        name=shown[name] if name else shown[code],
        level=level,
    )[["code", "name", "level", "geometry"]]
    frame = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if frame.empty:
        return
    fmap = fitted_map(context.config(), view, 12, plugins=())
    area_outlines(frame, name=t("area_import.map_layer")).add_to(fmap)
    draw_map(fmap, key=key, height=320)
    if preview.features > MAP_FEATURES:
        st.caption(t("area_import.map_first", shown=MAP_FEATURES, total=preview.features))


def _areas_section(store: Store, *, role: Role, user: str) -> None:
    upload = _checked_upload(
        t("area_import.areas_upload"),
        AREA_TYPES,
        key="area_upload",
        help_key="area_import.areas_upload_help",
        hint=t("area_import.areas_hint"),
        report_key="area_import",
    )
    if upload is None:
        return
    file_id = str(upload.file_id)

    def read() -> tuple[str, AreaFilePreview]:
        entry = _area_file(upload)
        layers: list[str] = entry["layers"]
        layer = layers[0]
        if len(layers) > 1:
            layer = st.selectbox(
                t("area_import.layer"),
                layers,
                key=f"area_layer_{file_id}",
                help=t("area_import.layer_help", n=len(layers)),
            )
        return layer, _area_preview(upload, entry, layer)

    read_file = _read_or_report(upload, read, key="area_import")
    if read_file is None:
        return
    layer, preview = read_file

    st.caption(
        t(
            "area_import.file_info",
            name=md(upload.name),
            layer=md(preview.layer),
            n=preview.features,
            geometry=md(preview.geometry_type or "–"),
        )
    )
    if preview.crs is None:
        st.error(t("area_import.no_crs"))
    else:
        st.info(t("area_import.crs", crs=md(preview.crs)))
    if not preview.columns:
        st.error(t("area_import.no_columns"))
        return

    guess = guess_area_columns(preview.head, known_codes=queries.areas()["code"])
    columns: list[str] = list(preview.columns)
    left, right = st.columns(2)
    code = left.selectbox(
        t("area_import.code_column") + " *",
        columns,
        index=columns.index(guess.code) if guess.code in columns else 0,
        key=f"area_code_{file_id}_{layer}",
    )
    levels = list(IMPORT_LEVELS)
    level = right.selectbox(
        t("area_import.level") + " *",
        levels,
        index=levels.index(guess.level) if guess.level in levels else levels.index("custom"),
        format_func=lambda lv: t(f"area_import.level.{lv}"),
        key=f"area_level_{file_id}_{layer}",
        help=t("area_import.level_help"),
    )
    optional: list[str | None] = [None, *columns]
    with left:
        name = _column_or_none(
            t("area_import.name_column"), optional, guess.name, f"area_name_{file_id}_{layer}"
        )
    with right:
        parent = _column_or_none(
            t("area_import.parent_column"),
            optional,
            guess.parent,
            f"area_parent_{file_id}_{layer}",
        )
    if name is None:
        st.caption(t("area_import.name_is_code"))

    st.markdown(f"**{t('area_import.preview')}**")
    st.dataframe(preview.head, hide_index=True, width="stretch")
    if preview.bounds is not None:
        minx, miny, maxx, maxy = preview.bounds
        st.caption(
            t(
                "area_import.bounds",
                minx=f"{minx:.6g}",
                miny=f"{miny:.6g}",
                maxx=f"{maxx:.6g}",
                maxy=f"{maxy:.6g}",
            )
        )
    _preview_map(preview, code, name, level, key=f"area_map_{file_id}_{layer}")

    choice = (file_id, layer, code, name, parent, level)
    outcome = _import_outcome(
        t("area_import.areas_button"),
        choice,
        lambda: _run_area_import(store, upload, choice, role=role, user=user),
        button_key="area_import_button",
        outcome_key=AREA_OUTCOME_KEY,
    )
    if outcome is None:
        return
    if isinstance(outcome.result, AreasImport):
        res = outcome.result
        st.success(
            t(
                "area_import.areas_done",
                n=res.inserted,
                level=t(f"area_import.level.{res.level}"),
                crs=md(res.source_crs),
            )
        )
    else:
        _show_failure(outcome, name=_stem(upload.name), key="area_import")


def _run_area_import(
    store: Store, upload: Any, choice: tuple[Any, ...], *, role: Role, user: str
) -> _Outcome:
    """Write the layer through ``import_areas`` (all or nothing); forget cached areas."""

    def write(path: Path) -> AreasImport:
        _, layer, code, name, parent, level = choice
        return import_areas(
            store,
            path,
            code_column=code,
            name_column=name,
            level=level,
            layer=layer,
            parent_column=parent,
            user=user,
        )

    outcome = _write_upload(upload, choice, write, role=role, types=AREA_TYPES)
    if outcome.result is not None:
        queries.clear_areas()
    return outcome


# --------------------------------------------------------------------------- values


def _value_table(upload: Any, session_key: str = VALUE_TABLE_KEY) -> pd.DataFrame:
    """The uploaded table as text cells (the reader's own reading), once per file."""
    entry: dict[str, Any] | None = st.session_state.get(session_key)
    if entry is None or entry["file_id"] != upload.file_id:
        with upload_as_file(upload.name, upload.getvalue(), allowed=VALUE_TYPES) as path:
            frame = read_table(path)
        entry = {"file_id": upload.file_id, "frame": frame}
        st.session_state[session_key] = entry
    table: pd.DataFrame = entry["frame"]
    return table


def _values_section(store: Store, *, role: Role, user: str) -> None:
    upload = _checked_upload(
        t("area_import.values_upload"),
        VALUE_TYPES,
        key="values_upload",
        help_key="area_import.values_upload_help",
        hint=t("area_import.values_hint"),
        report_key="values_import",
    )
    if upload is None:
        return
    file_id = str(upload.file_id)
    table = _read_or_report(upload, lambda: _value_table(upload), key="values_import")
    if table is None:
        return
    columns = [str(c) for c in table.columns]
    st.caption(
        t(
            "area_import.table_info",
            name=md(upload.name),
            rows=len(table),
            columns=md(", ".join(columns)),
        )
    )

    lang = context.config().language
    definitions = {d.key: d for d in indicator_choices(store.indicator_definitions())}
    detected = guess_value_columns(columns)
    options = [_LONG_TABLE, *definitions]
    guess = guess_indicator(list(definitions), upload.name, columns)

    def indicator_label(key: str) -> str:
        if key == _LONG_TABLE:
            return t("area_import.indicator_column", col=detected["indicator"] or "indicator_key")
        return f"{definitions[key].label(lang)} ({key})"

    indicator = st.selectbox(
        t("area_import.indicator") + " *",
        options,
        index=options.index(guess) if guess in options else None,
        format_func=indicator_label,
        placeholder=t("area_import.indicator_pick"),
        key=f"values_indicator_{file_id}",
        help=t("area_import.indicator_help"),
    )
    chosen: dict[str, str | None] = {}
    column_options: list[str | None] = [None, *columns]
    grid = st.columns(4)
    for i, field in enumerate(("area", "period", "value", "n")):
        found = detected[field]
        auto = t("area_import.auto", col=found) if found is not None else t("area_import.auto_none")
        required = "" if field == "n" else " *"
        chosen[field] = grid[i].selectbox(
            t(f"area_import.field.{field}") + required,
            column_options,
            format_func=_auto_label(auto),
            key=f"values_col_{field}_{file_id}",
        )
    fixed_period = st.text_input(
        t("area_import.fixed_period"),
        key=f"values_period_{file_id}",
        help=t("area_import.fixed_period_help"),
    ).strip()
    st.markdown(f"**{t('area_import.preview')}**")
    st.dataframe(table.head(10), hide_index=True, width="stretch")

    choice = (file_id, indicator, *chosen.values(), fixed_period or None)
    outcome = _import_outcome(
        t("area_import.values_button"),
        choice,
        lambda: _run_values_import(store, upload, choice, role=role, user=user),
        button_key="values_import_button",
        outcome_key=VALUE_OUTCOME_KEY,
        disabled=indicator is None,
    )
    if outcome is None:
        return
    if isinstance(outcome.result, ValuesImportResult):
        res = outcome.result
        st.success(
            t(
                "area_import.values_done",
                n=res.written,
                indicators=md(", ".join(res.indicators)),
                periods=md(", ".join(res.periods)),
            )
        )
        show_join_report(res.report, name=_stem(upload.name))
    else:
        _show_failure(outcome, name=_stem(upload.name), key="values_import")


def _auto_label(auto: str) -> Callable[[str | None], str]:
    """Selectbox labels: ``None`` is the reader's own detection, shown with its result."""

    def label(column: str | None) -> str:
        return auto if column is None else column

    return label


def _run_values_import(
    store: Store, upload: Any, choice: tuple[Any, ...], *, role: Role, user: str
) -> _Outcome:
    """Write through ``import_indicator_values`` (all or nothing); forget cached values."""

    def write(path: Path) -> ValuesImportResult:
        _, indicator, area, period, value, n, fixed_period = choice
        return import_indicator_values(
            store,
            path,
            indicator=None if indicator == _LONG_TABLE else indicator,
            area_column=area,
            period_column=period,
            value_column=value,
            n_column=n,
            period=fixed_period,
            user=user,
        )

    return _write_upload(upload, choice, write, role=role, types=VALUE_TYPES)


def _unmatched(codes: Sequence[str], message_key: str, column_key: str, *, icon: str) -> None:
    """A warning naming the first of ``codes``, with every one in a table beneath."""
    text, more = shown_codes(codes)
    st.warning(
        t(
            message_key,
            n=len(codes),
            codes=md(text) + (t("area_import.and_more", n=more) if more else ""),
        ),
        icon=icon,
    )
    st.dataframe(pd.DataFrame({t(column_key): codes}), hide_index=True)


def show_join_report(report: JoinReport, *, name: str) -> None:
    """Codes of the table without an area and areas without a value: counts, the codes
    as text and as a grid, and the report as CSV. Never hidden, even when long."""
    st.subheader(t("area_import.join_title"))
    cols = st.columns(3)
    cols[0].metric(t("area_import.join_matched"), report.matched)
    cols[1].metric(t("area_import.join_codes_without_area"), len(report.codes_without_area))
    cols[2].metric(t("area_import.join_areas_without_value"), len(report.areas_without_value))
    if report.complete:
        st.success(t("area_import.join_complete"))
        return
    if report.codes_without_area:
        _unmatched(
            report.codes_without_area,
            "area_import.codes_without_area",
            "area_import.col.code",
            icon=":material/help:",
        )
    else:
        st.success(t("area_import.all_codes_matched"))
    if report.areas_without_value:
        _unmatched(
            report.areas_without_value,
            "area_import.areas_without_value",
            "area_import.col.area",
            icon=":material/format_color_reset:",
        )
    st.download_button(
        t("area_import.join_download"),
        join_report_csv(report, context.config().language),
        file_name=f"{t('area_import.join_file')}_{name}.csv",  # 'matchning', 'match_report'
        mime="text/csv",
        key="values_join_download",
        icon=":material/download:",
        on_click="ignore",
    )


# --------------------------------------------------------------------------- DeSO → RegSO


def _stored_key_caption(store: Store) -> None:
    """How many DeSO the stored key holds (it is replaced as a whole by an import)."""
    if not isinstance(store, AreaKeyStore):
        return
    key = store.area_key(child_level="deso", parent_level="regso")
    if key.empty:
        st.caption(t("area_import.key_none"))
    else:
        st.caption(t("area_import.key_stored", n=len(key), parents=key["parent_code"].nunique()))


def _key_section(store: Store, *, role: Role, user: str) -> None:
    st.caption(t("area_import.key_intro"))
    _stored_key_caption(store)
    upload = _checked_upload(
        t("area_import.key_upload"), VALUE_TYPES, key="key_upload",
        help_key="area_import.key_upload_help", hint=None, report_key="key_import",
    )  # fmt: skip
    if upload is None:
        return
    file_id = str(upload.file_id)
    table = _read_or_report(upload, lambda: _value_table(upload, KEY_TABLE_KEY), key="key_import")
    if table is None:
        return
    columns = [str(c) for c in table.columns]
    detected = key_columns(table)
    chosen: dict[str, str | None] = {}
    grid = st.columns(3)
    for i, field in enumerate(("deso", "regso", "regso_name")):
        found = detected[field]
        auto = t("area_import.auto", col=found) if found is not None else t("area_import.auto_none")
        required = "" if field == "regso_name" else " *"
        chosen[field] = grid[i].selectbox(
            t(f"area_import.key_field.{field}") + required,
            [None, *columns],
            format_func=_auto_label(auto),
            key=f"key_col_{field}_{file_id}",
        )
    st.dataframe(table.head(10), hide_index=True, width="stretch")
    choice = (file_id, *chosen.values())
    outcome = _import_outcome(
        t("area_import.key_button"),
        choice,
        lambda: _run_key_import(store, upload, choice, role=role, user=user),
        button_key="key_import_button",
        outcome_key=KEY_OUTCOME_KEY,
    )
    if outcome is None:
        return
    if isinstance(outcome.result, AreaKeyImport):
        res = outcome.result
        st.success(t("area_import.key_done", n=res.rows, parents=res.parents, named=res.named))
    else:
        _show_failure(outcome, name=_stem(upload.name), key="key_import")


def _run_key_import(
    store: Store, upload: Any, choice: tuple[Any, ...], *, role: Role, user: str
) -> _Outcome:
    """Store the key through ``import_area_key`` (replacing the old one, all or nothing)."""

    def write(path: Path) -> AreaKeyImport:
        _, deso, regso, name = choice
        return import_area_key(
            store, path, deso_column=deso, regso_column=regso, name_column=name, user=user
        )

    return _write_upload(upload, choice, write, role=role, types=VALUE_TYPES, working=False)
