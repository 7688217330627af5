"""Configuration, store and translation for the running app, cached per process.

User-caused start-up errors (bad settings, missing/corrupt/newer database) are shown as a
clear message with what to do, never as a traceback page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import streamlit as st
from streamlit import config as streamlit_config

from est_geo.core.config import Config, configured_language, load_config
from est_geo.core.errors import EstGeoError, error_text
from est_geo.core.markup import escape_markdown
from est_geo.demo.bootstrap import open_configured_store
from est_geo.i18n import translate
from est_geo.maps.basemap import tiles_for
from est_geo.store import Store
from est_geo.store.columns import warm_columns


def fail(exc: EstGeoError) -> NoReturn:
    """Show a user error (no traceback) and stop the script run."""
    # The message may quote user input (file names, cell values): shown as text, not markdown.
    lang = configured_language()  # not config(): this may be the bad configuration's error
    st.error(f"**{translate('error.title', lang)}**\n\n{escape_markdown(error_text(exc, lang))}")
    st.info(translate("error.what_to_do", lang))
    st.stop()


#: ``server.maxUploadSize`` (MB) of a public instance: it has no uploader, so an upload is
#: refused before its body is read (issue 14: anonymous 20 MB uploads filled memory).
PUBLIC_MAX_UPLOAD_MB = 0


def _harden_public_server() -> None:
    """Refuse every upload on a public instance (read per request by Streamlit's handler).

    Streamlit offers no start-up hook to a script, so this runs with the first script
    run of the process; docs/deployment.md also sets it at start
    (``--server.maxUploadSize 0``) and has the proxy refuse ``/_stcore/upload_file``.
    """
    streamlit_config.set_option("server.maxUploadSize", PUBLIC_MAX_UPLOAD_MB)


def _skip_full_collection_after_runs() -> None:
    """No full garbage collection after every script run, in either mode.

    ``runner.postScriptGC`` (read after each run) made Streamlit call ``gc.collect(2)``
    after every script run: 0.12 s of CPU each with 1M incidents' caches in memory,
    holding the GIL while the run's last messages wait to be sent. A public visit is two
    runs, a returning Hotspots visit three (the map reports its position once drawn and
    again once settled): in py-spy of returning Hotspots visits it was a third of the
    script threads' samples (issue 18). Python's own generational collector still frees
    reference cycles.
    """
    streamlit_config.set_option("runner.postScriptGC", False)


@st.cache_resource(show_spinner=False)
def _config() -> Config:
    cfg = load_config()
    _skip_full_collection_after_runs()
    if cfg.public:
        _harden_public_server()
    tiles_for(cfg)  # a PMTiles basemap is checked and published now, not at the first map
    return cfg


def config() -> Config:
    """The validated configuration (stops the app with a message if invalid)."""
    try:
        return _config()
    except EstGeoError as exc:
        fail(exc)


#: Seconds between the warmer's looks at the store's data stamp (one cheap query): a
#: write by another process is loaded in the background within this time.
WARM_EVERY_SECONDS = 30.0


_P = ParamSpec("_P")
_R = TypeVar("_R")


def cache_with_spinner(key: str, **options: Any) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """``st.cache_resource`` whose spinner text is the catalogue's ``key`` in the
    configured language.

    Why: Streamlit takes the spinner text when the function is decorated, at import, before
    the configuration is read; so the cached function is made at its first call, once per
    language (one in a running app). Streamlit keys a cache by the function, so every
    language's wrapper shares the same entries.
    """

    def decorate(func: Callable[_P, _R]) -> Callable[_P, _R]:
        by_language: dict[str, Callable[_P, _R]] = {}

        @functools.wraps(func)
        def cached(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            lang = config().language
            if lang not in by_language:
                spinner = translate(key, lang)
                by_language[lang] = st.cache_resource(show_spinner=spinner, **options)(func)
            return by_language[lang](*args, **kwargs)

        return cached

    return decorate


@cache_with_spinner("context.preparing")
def _store(url: str, mode: str) -> Store:
    cfg = config()
    store = open_configured_store(cfg)
    # Once per process and store: load the shared incident columns in the background
    # (Streamlit runs no script before the first visit, so this is the earliest point).
    warm_columns(store, every=WARM_EVERY_SECONDS)
    return store


def store() -> Store:
    """The configured store, opened once per process (read-only in public mode)."""
    cfg = config()
    try:
        return _store(cfg.database_url, cfg.mode)
    except EstGeoError as exc:
        fail(exc)


def t(key: str, **values: object) -> str:
    """Translate a UI string into the configured language."""
    return translate(key, config().language, **values)


def error_md(exc: EstGeoError) -> str:
    """A user error's message in the configured language, escaped for markdown (it may
    quote file names and cell values)."""
    return escape_markdown(error_text(exc, config().language))
