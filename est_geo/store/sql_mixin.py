"""The backend hooks every SQL mixin of the store builds on, declared once.

Why: the meeting tables, area keys, demo mode and the login throttle are each written
once in SQL both databases understand and mixed into
:class:`~est_geo.store.gpkg.GeoPackageStore` and
:class:`~est_geo.store.postgis.PostGISStore`. They all call the same methods of the
backend they are mixed into; :class:`SQLMixin` tells the type checker what those are, so
each mixin need not repeat the declarations, and turns ``?`` markers into the backend's
through its :class:`~est_geo.store.dialect.Dialect`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, ClassVar

from est_geo.store.common import audit_json
from est_geo.store.dialect import Dialect

__all__ = ["SQLMixin"]


class SQLMixin:
    """Base of the SQL mixins: ``_dialect``, ``_q``, ``_audit``, and the backend's
    ``_connect`` and ``_write``."""

    #: The backend's SQL differences (:mod:`est_geo.store.dialect`).
    _dialect: ClassVar[Dialect]

    @classmethod
    def _q(cls, statement: str) -> str:
        """``statement`` (written with ``?``) in the backend's parameter style."""
        return cls._dialect.q(statement)

    @classmethod
    def _audit(
        cls,
        con: Any,
        user: str,
        action: str,
        entity: str,
        entity_id: str | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        """One audit entry, in the caller's transaction ``con``."""
        d = cls._dialect
        con.execute(
            d.q(
                "INSERT INTO audit_log (at, username, action, entity, entity_id, before, after) "
                f"VALUES ({d.now}, ?, ?, ?, ?, {d.json_param}, {d.json_param})"
            ),
            (user, action, entity, entity_id, audit_json(before), audit_json(after)),
        )

    def _run(self, con: Any, statement: str, params: Sequence[Any] = ()) -> Any:
        return con.execute(self._q(statement), params)

    def _many(self, con: Any, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        con.cursor().executemany(self._q(statement), rows)

    def _layer_changed(self, con: Any, table: str) -> None:
        """After rows of map layer ``table`` changed (the GeoPackage updates its extent)."""

    if TYPE_CHECKING:
        read_only: bool

        def _connect(self) -> AbstractContextManager[Any]: ...

        def _write(self) -> AbstractContextManager[Any]: ...

        def _end_demo(self, con: Any, user: str, what: str) -> bool: ...  # DemoModeMixin
