"""Making user-provided text inert in Streamlit markdown (``st.markdown``, ``st.error`` …).

Why: Streamlit renders the text of ``st.markdown``, ``st.error``, ``st.info``, captions and
labels as markdown. Raw HTML is not rendered, but markdown is: a value such as
``![x](https://elsewhere.example/x.png)`` in a CSV cell would, echoed in an error
message, make every viewer's browser fetch from another host; ``[text](url)`` makes a
link that looks like ours, and ``:red[…]``/``$…$`` restyle the page. Error messages carry
user values (file names, bad cells), and area, view, agenda and indicator names are the
user's too, so they all pass through :func:`escape_markdown`.

Backslashes alone are not enough: Streamlit's markdown (remark-gfm) turns bare addresses
into links *after* escapes are resolved, so an escaped ``[x](http://evil.example)`` still
shows a live ``http://evil.example`` link. An invisible WORD JOINER (U+2060) is put inside
the patterns GFM links from (``://``, ``www.``, ``@``), so no address is recognised.
"""

from __future__ import annotations

import re
import string

__all__ = ["WORD_JOINER", "escape_markdown"]

#: Invisible, zero-width and not a word character: it breaks GFM's autolink patterns.
WORD_JOINER = "\u2060"

_ESCAPE = {c: "\\" + c for c in string.punctuation}
#: Where GFM's autolink literals start: a scheme's ``://``, ``www.``, an e-mail's ``@``.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def escape_markdown(text: object) -> str:
    """``text`` with every ASCII punctuation character backslash-escaped.

    CommonMark allows a backslash before any ASCII punctuation, so the result shows the
    same characters but no markdown (links, images, emphasis, Streamlit's ``:color[]``
    directives, ``$`` math) takes effect. Bare addresses get an invisible word joiner
    so they are not turned into links. Line breaks are kept as hard breaks.
    """
    if text is None:
        return ""
    unlinked = _AUTOLINK.sub(WORD_JOINER, str(text))
    escaped = "".join(_ESCAPE.get(c, c) for c in unlinked)
    return escaped.replace("\n", "  \n")
