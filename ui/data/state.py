"""What every tab of the Data page shares: who is working, the store, session keys, errors.

The page (``app_pages/data.py``) is wiring only; its tabs live in ``ui.data.incidents``
(with the column and category choices in ``ui.data.mapping``), ``ui.data.area_import``,
``ui.data.polisen`` and ``ui.data.export``. The page only collects choices and shows
results; reading, mapping, CRS detection, validation and the one-transaction write are
:mod:`est_geo.io`. The session keys are named here because tests and saved browser
state depend on them and several tabs write them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from est_geo.access.roles import Role
from est_geo.core.config import Config
from est_geo.core.errors import Problem
from est_geo.core.model import CategoryTree
from est_geo.io import problems_to_csv, table_to_xlsx
from est_geo.io.upload import problems_frame
from est_geo.store import Store
from ui import auth, context
from ui.context import t
from ui.filters import Selection

#: Session keys: read tables and plans of this session, the last import's summary.
TABLES_KEY = "data_tables"
PLANS_KEY = "data_plans"
REPORT_KEY = "data_last_report"
POLISEN_REPORT_KEY = "data_polisen_report"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class DataContext:
    """Who is working, on which store, with which sidebar filters (read once per run)."""

    cfg: Config
    store: Store
    role: Role
    user: str
    tree: CategoryTree
    selection: Selection


def load(role: Role, selection: Selection) -> DataContext:
    """The configuration, the store, the user's name and the category tree of this run."""
    cfg = context.config()
    store = context.store()
    return DataContext(
        cfg=cfg,
        store=store,
        role=role,
        user=auth.current_user_name(),
        tree=store.category_tree(),
        selection=selection,
    )


def csv_and_xlsx_buttons(
    *,
    labels: tuple[str, str],
    csv: bytes | Callable[[], bytes],
    xlsx: Callable[[], bytes],
    stem: str,
    keys: tuple[str, str],
    csv_on_click: Literal["rerun", "ignore"] = "ignore",
) -> None:
    """One table as CSV and as XLSX side by side; the XLSX is built only when clicked."""
    left, right = st.columns(2)
    left.download_button(
        labels[0],
        csv,
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=keys[0],
        icon=":material/download:",
        on_click=csv_on_click,
    )
    right.download_button(
        labels[1],
        xlsx,
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        key=keys[1],
        icon=":material/download:",
        on_click="ignore",
    )


def show_problems(
    problems: tuple[Problem, ...] | list[Problem],
    *,
    name: str,
    keys: tuple[str, str] = ("data_download_errors", "data_download_errors_xlsx"),
    csv_on_click: Literal["rerun", "ignore"] = "rerun",
) -> None:
    """Every problem in a table (the grid shows cell text as text) plus the report as
    CSV and XLSX. ``keys`` name the two buttons where one page shows several reports."""
    lang = context.config().language
    frame = problems_frame(problems, lang)
    st.dataframe(frame, hide_index=True, width="stretch")
    word = t("data.errors_file")  # the file's and the sheet's name: 'fel', 'errors'
    csv_and_xlsx_buttons(
        labels=(t("data.download_errors"), t("data.download_errors_xlsx")),
        csv=problems_to_csv(problems, lang),
        xlsx=lambda: table_to_xlsx(frame, sheet=word),
        stem=f"{word}_{name}",
        keys=keys,
        csv_on_click=csv_on_click,  # incident reports rerun on click, as they always did
    )
