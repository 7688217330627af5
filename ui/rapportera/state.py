"""Session keys of the report form, and starting a new report after a save."""

from __future__ import annotations

import streamlit as st

from est_geo.io.manual import CoordinateSystem, new_report_id

#: Session keys: the coordinate field, its system, the last map click handled, the id of
#: the report being entered, what was saved last, and "clear the form on the next run".
COORD_KEY = "rapportera_coord"
SYSTEM_KEY = "rapportera_system"
CLICK_KEY = "rapportera_last_click"
ID_KEY = "rapportera_report_id"
SAVED_KEY = "rapportera_saved"
RESET_KEY = "rapportera_reset"
DESCRIPTION_KEY = "rapportera_description"


def start() -> None:
    """Clear the form a save asked to clear, and give the form a report id."""
    if st.session_state.pop(RESET_KEY, False):
        # Widgets cannot be changed after they are drawn, so a save asks for this next run.
        # Set, not deleted: only a set value is sent to the browser, which would otherwise
        # keep showing (and send back) the old text.
        for key in (COORD_KEY, DESCRIPTION_KEY):
            st.session_state[key] = ""
    if ID_KEY not in st.session_state:
        st.session_state[ID_KEY] = new_report_id()


def coordinate() -> tuple[str, str]:
    """The coordinate field's text and system as they stand before the widgets are drawn."""
    text = str(st.session_state.get(COORD_KEY) or "")
    system = str(st.session_state.get(SYSTEM_KEY) or CoordinateSystem.AUTO.value)
    return text, system
