"""What every section of the Åtgärder page shares: session keys, loaded data, the selection.

The page (``app_pages/atgarder.py``) is wiring only; its sections live in
``ui.atgarder.table``, ``ui.atgarder.map``, ``ui.atgarder.edits``, ``ui.atgarder.form``
and ``ui.atgarder.analysis``. They all read the same things — who is working, the saved
interventions, the selected one and the current shape — so those are loaded once per run
here and passed as arguments. The session keys are named here because tests and saved
browser state depend on them and several sections write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

import geopandas as gpd
import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.access.roles import Action, Role, allowed
from est_geo.core.config import Config
from est_geo.core.errors import EstGeoError
from est_geo.core.model import (
    Intervention,
)
from est_geo.i18n import label
from est_geo.interventions.drawing import Drawing, municipality_of
from est_geo.interventions.table import intervention_table
from est_geo.store import Store
from ui import auth, context, queries
from ui.context import error_md

DEFAULT_AREA = "Klockaretorpet centrum"
NEW = 0  # pick value for "a new intervention"
#: Session keys: a GeoJSON feature (WGS84) used as the drawing when the map has none
#: (tests, or a shape pasted by an analyst), the next pick after a save, the map nonce.
DRAFT_KEY = "atgarder_draft"
PICK_KEY = "atgarder_pick"
NEXT_PICK_KEY = "atgarder_pick_next"
NONCE_KEY = "atgarder_map_nonce"
REPAIRED_KEY = "atgarder_repaired"
CONFIRM_KEY = "atgarder_confirm_delete"
FLASH_KEY = "atgarder_flash"
#: The ring width widget (scope tab); the map reads its previous value to draw the ring.
RING_KEY = "iv_ring_m"


@dataclass(frozen=True)
class AtgarderContext:
    """Who is working and what is stored, read once per run (the table is small)."""

    cfg: Config
    store: Store
    role: Role
    user: str
    can_edit: bool
    areas: gpd.GeoDataFrame
    municipality: BaseGeometry | None
    by_id: dict[int, Intervention]
    table: pd.DataFrame

    def actor_label(self, actor: str) -> str:
        """An actor's name in the configured language (unknown values shown as stored)."""
        return label("actor", actor, self.cfg.language)

    def stored_geometries(self) -> dict[int, BaseGeometry]:
        """Saved shapes by id: what the draw layer is compared with to see edits."""
        return {i: iv.geometry for i, iv in self.by_id.items()}


@dataclass(frozen=True)
class Selected:
    """The picked intervention and the shape the form and the analysis work on.

    ``origin`` says where ``geometry`` came from: ``saved``, ``drawn`` (a new shape on
    the map), ``draft`` (``DRAFT_KEY``) or ``none``. ``drawings`` is the whole draw layer
    after the map's last event, ``None`` before the map has reported anything.
    """

    pick: int
    intervention: Intervention | None
    geometry: BaseGeometry | None
    origin: str
    drawings: list[Drawing] | None


def kind_label(kind: str) -> str:
    """An intervention kind's name in the configured language (unknown shown as stored)."""
    return label("intervention.kind", kind, context.config().language)


def status_label(status: str) -> str:
    """An intervention status in the configured language (unknown shown as stored)."""
    return label("intervention.status", status, context.config().language)


def load(role: Role) -> AtgarderContext:
    """Read the saved interventions fresh, so a save shows at once (the table is small)."""
    store = context.store()
    areas = queries.areas()
    saved = store.interventions()
    return AtgarderContext(
        cfg=context.config(),
        store=store,
        role=role,
        user=auth.current_user_name(),
        can_edit=allowed(role, Action.EDIT_INTERVENTIONS),
        areas=areas,
        municipality=municipality_of(areas),
        by_id={int(i): store.get_intervention(int(i)) for i in saved["id"]},
        table=intervention_table(saved, areas),
    )


def fail_soft(exc: EstGeoError) -> None:
    """A user error inside a panel: message, no traceback, the rest of the page stays."""
    st.error(error_md(exc))


def apply_pending_pick(by_id: dict[int, Intervention]) -> None:
    """Select what a write asked for, and forget a pick whose intervention is gone.

    A write cannot set ``PICK_KEY`` itself once the selectbox is drawn in that run, so it
    leaves ``NEXT_PICK_KEY`` for the next run, which applies it before the selectbox.
    """
    if NEXT_PICK_KEY in st.session_state:
        st.session_state[PICK_KEY] = st.session_state.pop(NEXT_PICK_KEY)
    if st.session_state.get(PICK_KEY, NEW) not in (NEW, *by_id):
        st.session_state[PICK_KEY] = NEW


def map_key() -> str:
    """The map's widget key; the nonce in it changes only to force a remount ("Ångra")."""
    return f"atgarder_map_{int(st.session_state.get(NONCE_KEY, 0))}"


def forget_map_state() -> None:
    """Drop the map's last value: after a write the map remounts and it would be stale."""
    st.session_state.pop(map_key(), None)


def remount_map() -> NoReturn:
    """Rebuild the map from the saved set, bringing back shapes deleted with the toolbar."""
    forget_map_state()
    st.session_state[NONCE_KEY] = int(st.session_state.get(NONCE_KEY, 0)) + 1
    st.rerun()


def finish_write(*, pick: int | None = None, flash: str | None = None) -> NoReturn:
    """End a successful write: forget the map's value, select ``pick``, say ``flash``, rerun."""
    forget_map_state()
    if pick is not None:
        st.session_state[NEXT_PICK_KEY] = pick
    if flash is not None:
        st.session_state[FLASH_KEY] = flash
    st.rerun()


def show_flash() -> None:
    """The message a write left for the run after it (shown once)."""
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash)
