"""Which script each page id has, and the scripts a login or logout moves to.

Why a module of its own: both the navigation (:mod:`ui.navigation`) and the login
(:mod:`ui.auth`) need these paths, and the navigation needs the login's role; kept here,
below both, the two do not import each other.
"""

from __future__ import annotations

from pathlib import Path

from est_geo.access.roles import LOGIN_PAGE, Role, visible_pages
from ui import context

ROOT = Path(__file__).resolve().parent.parent
#: page id → (script, icon). Titles come from the translation layer ("page.<id>").
PAGE_FILES: dict[str, tuple[str, str]] = {
    "karta": ("app_pages/karta.py", ":material/map:"),
    "lagesbild": ("app_pages/lagesbild.py", ":material/summarize:"),
    "handlingsplan": ("app_pages/handlingsplan.py", ":material/checklist:"),
    "mote": ("app_pages/mote.py", ":material/co_present:"),
    "hotspots": ("app_pages/hotspots.py", ":material/local_fire_department:"),
    "atgarder": ("app_pages/atgarder.py", ":material/construction:"),
    "oversikt": ("app_pages/oversikt.py", ":material/query_stats:"),
    "om": ("app_pages/om.py", ":material/info:"),
    "indikatorer": ("app_pages/indikatorer.py", ":material/stacked_line_chart:"),
    "rapportera": ("app_pages/rapportera.py", ":material/add_location_alt:"),
    "data": ("app_pages/data.py", ":material/upload_file:"),
    "admin": ("app_pages/admin.py", ":material/admin_panel_settings:"),
    "login": ("app_pages/login.py", ":material/login:"),
}


def start_page(role: Role) -> str:
    """Script path of ``role``'s start page (for ``st.switch_page``)."""
    ids = visible_pages(role, public_mode=context.config().public)
    return script(ids[0])


def login_page() -> str:
    """Script path of the login page (for ``st.switch_page`` after logout)."""
    return script(LOGIN_PAGE)


def script(page_id: str) -> str:
    """Absolute path of ``page_id``'s script (for ``st.Page`` and ``st.switch_page``)."""
    return str(ROOT / PAGE_FILES[page_id][0])
