"""``est-geo polisen``: fetch Polisen's latest events from the live API and import them.

Events become the context layer at municipality level, exactly as an imported saved
response (``est-geo import FILE --kind polisen``). The API asks for a User-Agent that
names who is calling and for at least 10 s between calls; both are kept
(:func:`est_geo.io.polisen.fetch_polisen_events`). Defaults come from the settings
``EST_GEO_POLISEN_USER_AGENT``, ``EST_GEO_POLISEN_LOCATION`` and
``EST_GEO_POLISEN_API_URL``, so a weekly cron job needs only ``est-geo polisen``.
"""

from __future__ import annotations

import argparse
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.i18n import translate


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("polisen", help=translate("cli.polisen.help", lang))
    p.add_argument("--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.help", lang))
    p.add_argument("--location", help=translate("cli.polisen.location.help", lang))
    p.add_argument("--user-agent", help=translate("cli.polisen.user_agent.help", lang))
    p.add_argument("--api-url", help=translate("cli.polisen.api_url.help", lang))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fetch once, import, print the summary."""
    from est_geo.cli.cmd_import import _user, print_polisen_report
    from est_geo.core.config import load_config
    from est_geo.io import fetch_and_import_polisen
    from est_geo.store import open_store

    cfg = load_config()
    user_agent = args.user_agent or cfg.polisen_user_agent
    if not user_agent:
        raise keyed_error(EstGeoError, "cli.polisen.no_user_agent")
    report = fetch_and_import_polisen(
        open_store(args.db),
        user_agent=user_agent,
        user=_user(),
        location=args.location or cfg.polisen_location,
        api_url=args.api_url or cfg.polisen_api_url,
    )
    print_polisen_report(report)
    return 0
