"""Ending demo mode for good when real data enters a demo database (both backends).

Why: on a database with ``est_meta.demo = true`` every visitor is logged in as a demo
account (analyst, and the role switch reaches admin). If someone then imports real
incidents, areas, indicator values, an area key or Polisen events — from the CLI or the
app — those demo accounts would read and export the real data. So every such write
switches demo mode off *in its own transaction*: ``demo`` becomes ``false`` (no demo
accounts exist any more, whatever the settings) and ``demo_ended_at`` /
``demo_ended_by`` / ``demo_ended_with`` record when, by whom and with what. The
synthetic rows stay (they are labelled: source ``demo``), and the banner, the login
page and ``est-geo info`` say that demo mode ended. Nothing turns it back on except
building a new demo database (``est-geo demo``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from est_geo.store.common import now_text
from est_geo.store.sql_mixin import SQLMixin

__all__ = ["DEMO_ENDED_AT", "DemoModeMixin", "demo_ended"]

#: est_meta key: when demo mode ended (absent while demo or never demo).
DEMO_ENDED_AT = "demo_ended_at"
_ENDED_BY = "demo_ended_by"
_ENDED_WITH = "demo_ended_with"


def demo_ended(meta: Mapping[str, str]) -> dict[str, str] | None:
    """When, by whom and with what demo mode ended, from ``est_meta``; ``None`` if not."""
    at = meta.get(DEMO_ENDED_AT)
    if not at:
        return None
    return {"at": at, "by": meta.get(_ENDED_BY, ""), "with": meta.get(_ENDED_WITH, "")}


class DemoModeMixin(SQLMixin):
    """``_end_demo``: called inside every import-like write transaction."""

    def _end_demo(self, con: Any, user: str, what: str) -> bool:
        """Switch demo mode off within ``con``'s transaction; True if it was on.

        One conditional UPDATE, so two concurrent imports end it once, and a rolled-back
        import leaves demo mode as it was.
        """
        cur = con.execute(
            self._q("UPDATE est_meta SET value = 'false' WHERE key = 'demo' AND value = 'true'")
        )
        if not cur.rowcount:
            return False
        ended = {DEMO_ENDED_AT: now_text(), _ENDED_BY: user, _ENDED_WITH: what}
        for key, value in ended.items():
            con.execute(
                self._q(
                    "INSERT INTO est_meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                ),
                (key, value),
            )
        self._audit(con, user, "end_demo", "meta", "demo", {"demo": "true"},
                    {"demo": "false", **ended})  # fmt: skip
        return True
