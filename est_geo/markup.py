"""Making user-provided text inert in Streamlit markdown (``st.markdown``, ``st.error`` …).

Why: Streamlit renders the text of ``st.markdown``, ``st.error``, ``st.info``, captions and
labels as markdown. Raw HTML is not rendered, but markdown is: a value such as
``![x](https://elsewhere.example/x.png)`` in a CSV cell would, echoed in an error
message, make every viewer's browser fetch from another host; ``[text](url)`` makes a
link that looks like ours, and ``:red[…]``/``$…$`` restyle the page. Error messages carry
user values (file names, bad cells), so they pass through :func:`escape_markdown`.
"""

from __future__ import annotations

import string

__all__ = ["escape_markdown"]

_ESCAPE = {c: "\\" + c for c in string.punctuation}


def escape_markdown(text: object) -> str:
    """``text`` with every ASCII punctuation character backslash-escaped.

    CommonMark allows a backslash before any ASCII punctuation, so the result shows the
    same characters but no markdown (links, images, emphasis, Streamlit's ``:color[]``
    directives, ``$`` math) takes effect. Line breaks are kept as hard breaks.
    """
    if text is None:
        return ""
    escaped = "".join(_ESCAPE.get(c, c) for c in str(text))
    return escaped.replace("\n", "  \n")
