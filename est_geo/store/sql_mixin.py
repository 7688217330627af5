"""The backend hooks every SQL mixin of the store builds on, declared once.

Why: the meeting tables, area keys, demo mode and the login throttle are each written
once in SQL both databases understand and mixed into
:class:`~est_geo.store.gpkg.GeoPackageStore` and
:class:`~est_geo.store.postgis.PostGISStore`. They all call the same four methods of the
backend they are mixed into; :class:`SQLMixin` tells the type checker what those are, so
each mixin need not repeat the declarations. At run time it adds nothing: the backend
(or, for ``_q``, :class:`~est_geo.store.meeting.SQLMeetingMixin`) supplies them.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

__all__ = ["SQLMixin"]


class SQLMixin:
    """Base of the SQL mixins: ``_connect``, ``_write``, ``_q`` and ``_audit``."""

    if TYPE_CHECKING:

        def _connect(self) -> AbstractContextManager[Any]: ...

        def _write(self) -> AbstractContextManager[Any]: ...

        @staticmethod
        def _q(statement: str) -> str: ...

        @staticmethod
        def _audit(
            con: Any,
            user: str,
            action: str,
            entity: str,
            entity_id: str | None,
            before: dict[str, Any] | None,
            after: dict[str, Any] | None,
        ) -> None: ...
