"""Markdown escaping of user text shown in Streamlit messages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from est_geo.core.markup import WORD_JOINER, escape_markdown

PAYLOADS = [
    "![x](https://elsewhere.example/x.png)",
    "[klicka](javascript:alert(1))",
    ":red[röd] $x^2$ **fet**",
    "<img src=x onerror=alert(1)>",
]


def test_escape_markdown_escapes_every_punctuation() -> None:
    assert escape_markdown(None) == ""
    assert escape_markdown("a_b*c") == "a\\_b\\*c"
    assert escape_markdown("rad 1\nrad 2") == "rad 1  \nrad 2"
    assert escape_markdown("Åsa 12") == "Åsa 12"


def test_escaped_text_renders_as_the_same_text() -> None:
    script = "\n".join(
        ["import streamlit as st", "from est_geo.core.markup import escape_markdown"]
        + [f"st.markdown(escape_markdown({p!r}))" for p in PAYLOADS]
    )
    at = AppTest.from_string(script).run()
    assert not at.exception
    # AppTest gives the markdown source; the escaped source has no unescaped syntax left.
    for element, payload in zip(at.markdown, PAYLOADS, strict=True):
        source = element.value
        assert "](" not in source.replace("\\]\\(", "")
        shown = source.replace("\\", "").replace(WORD_JOINER, "")
        assert shown == payload.replace("\\", "")


def test_bare_addresses_are_not_autolinked() -> None:
    """GFM links ``http://…``, ``www.…`` and e-mail addresses after escapes are resolved:
    each gets a word joiner where the pattern starts."""
    for text, broken in [
        ("http://evil.example/login", "http:" + WORD_JOINER + "//"),
        ("WWW.evil.example", "WWW" + WORD_JOINER + "."),
        ("chef@evil.example", "@" + WORD_JOINER),
    ]:
        assert broken in escape_markdown(text).replace("\\", "")
    assert WORD_JOINER not in escape_markdown("kl 12:30, Åsa www")
