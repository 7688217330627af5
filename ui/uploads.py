"""Swedish words around Streamlit's file uploader.

Streamlit 1.67 writes "Upload", "Drag and drop a file here" and "100MB per file • CSV" in
English and offers no parameter for them. This hides the English limits line (shown in
Swedish beneath instead, from the catalogue) and draws the button's label from the
catalogue over the English one. What cannot be changed: the English "Drag and drop …"
shown only while a file is dragged over the box, and the button's accessible name that a
screen reader announces (still "Upload").
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from est_geo.io.upload import MAX_UPLOAD_MB
from ui.context import t


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def swedish_limits(types: Sequence[str]) -> None:
    """Call right after ``st.file_uploader``: the limits in Swedish, English ones hidden."""
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }'
        '[data-testid="stFileUploaderDropzone"] button { font-size: 0; }'
        '[data-testid="stFileUploaderDropzone"] button > * { display: none; }'
        '[data-testid="stFileUploaderDropzone"] button::after { '
        f"content: {_css_string(t('upload.button'))}; font-size: 0.875rem; }}"
        "</style>"
    )
    kinds = ", ".join(kind.upper() for kind in types)
    st.caption(t("upload.limits", mb=MAX_UPLOAD_MB, types=kinds))
