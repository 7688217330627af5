"""Who may do what: the role × action matrix and which pages each role sees.

One table, used twice: the app registers only the pages a role may see, and the write
paths call :func:`require` so a page bug cannot write.
"""

from __future__ import annotations

from enum import StrEnum

from est_geo.core.errors import PermissionDeniedError, keyed_error


class Role(StrEnum):
    """Roles, from least to most privileged."""

    PUBLIC = "public"
    MEDLEM = "medlem"
    ANALYTIKER = "analytiker"
    ADMIN = "admin"


class Action(StrEnum):
    """Actions that need a permission."""

    VIEW_PUBLIC = "view_public"  # aggregates, public interventions, indicators
    VIEW_INTERNAL = "view_internal"  # incident points, all interventions
    SAVE_VIEWS = "save_views"
    IMPORT_DATA = "import_data"
    REPORT_INCIDENT = "report_incident"
    EDIT_INTERVENTIONS = "edit_interventions"
    EDIT_ACTION_PLAN = "edit_action_plan"
    RUN_EVALUATION = "run_evaluation"
    ADMINISTER = "administer"


_MEMBER = {Action.VIEW_PUBLIC, Action.VIEW_INTERNAL, Action.SAVE_VIEWS}
_ANALYST = _MEMBER | {
    Action.IMPORT_DATA,
    Action.REPORT_INCIDENT,
    Action.EDIT_INTERVENTIONS,
    Action.EDIT_ACTION_PLAN,
    Action.RUN_EVALUATION,
}
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.PUBLIC: frozenset({Action.VIEW_PUBLIC}),
    Role.MEDLEM: frozenset(_MEMBER),
    Role.ANALYTIKER: frozenset(_ANALYST),
    Role.ADMIN: frozenset(_ANALYST | {Action.ADMINISTER}),
}

#: Page id → action needed to see it. Pages missing here do not exist.
PAGES: dict[str, Action] = {
    "karta": Action.VIEW_INTERNAL,
    "lagesbild": Action.VIEW_INTERNAL,
    "handlingsplan": Action.VIEW_INTERNAL,
    "mote": Action.VIEW_INTERNAL,
    "hotspots": Action.VIEW_INTERNAL,
    "atgarder": Action.VIEW_INTERNAL,
    "oversikt": Action.VIEW_PUBLIC,
    "om": Action.VIEW_PUBLIC,
    "indikatorer": Action.VIEW_PUBLIC,
    "rapportera": Action.REPORT_INCIDENT,
    "data": Action.IMPORT_DATA,
    "admin": Action.ADMINISTER,
    "login": Action.VIEW_PUBLIC,
}
#: Pages that exist in public mode (a public deployment registers nothing else).
PUBLIC_PAGES: frozenset[str] = frozenset({"oversikt", "om", "indikatorer"})
#: The login page: only for visitors who are not logged in, only in internal mode (a
#: public deployment has no accounts), and then it is the start page.
LOGIN_PAGE = "login"


def allowed(role: Role, action: Action) -> bool:
    """True if ``role`` may perform ``action``."""
    return action in PERMISSIONS[role]


def require(role: Role, action: Action) -> None:
    """Raise PermissionDeniedError unless ``role`` may perform ``action``."""
    if not allowed(role, action):
        raise keyed_error(PermissionDeniedError, "roles.denied", role=role, action=action)


def visible_pages(role: Role, *, public_mode: bool) -> list[str]:
    """Page ids to register for this role, in navigation order (the first is the start page)."""
    pages = [p for p, action in PAGES.items() if allowed(role, action)]
    if public_mode:
        return [p for p in pages if p in PUBLIC_PAGES]
    pages = [p for p in pages if p != LOGIN_PAGE]
    return [LOGIN_PAGE, *pages] if role is Role.PUBLIC else pages
