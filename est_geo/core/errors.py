"""The one exception hierarchy of EST Geo.

Every error a user can cause (bad configuration, bad files, a database from another
version) is an :class:`EstGeoError`, so the app and the CLI can show its message without a
traceback, while programming errors still surface as ordinary exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType


class EstGeoError(Exception):
    """Base class for errors whose message is meant for the user.

    An error may carry a catalogue ``key`` and its ``params`` (set by
    :func:`est_geo.i18n.keyed_error`), so the page or command that shows it translates it
    into the reader's language (:func:`est_geo.i18n.error_text`); ``str(exc)`` stays the
    Swedish text for logs and for errors raised without a key.
    """

    key: str | None = None
    params: Mapping[str, object] = MappingProxyType({})


class ConfigError(EstGeoError):
    """A setting is unknown or has a bad value; raised at start-up."""


class StoreError(EstGeoError):
    """The database cannot be opened or used as asked."""


class DatabaseMissingError(StoreError):
    """The database file does not exist and may not be created implicitly."""


class CorruptDatabaseError(StoreError):
    """The file exists but is not an EST Geo database (or is damaged)."""


class SchemaVersionError(StoreError):
    """The database was written by a newer EST Geo than this one."""


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only (public mode)."""


class NotFoundError(StoreError):
    """A referenced row (area, intervention, ...) does not exist."""


class PermissionDeniedError(EstGeoError):
    """The current role may not perform the requested action."""


class AnalysisError(EstGeoError):
    """An analysis cannot be computed for the given input (e.g. empty selection)."""


@dataclass(frozen=True)
class Problem:
    """One problem found while validating input: where it is and what is wrong."""

    row: int | None
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"rad {self.row}, " if self.row is not None else ""
        return f"{where}fält '{self.field}' = {self.value!r}: {self.reason}"


class ValidationError(EstGeoError):
    """Input failed validation; carries *every* problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem], summary: str = "Ogiltig indata") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = [f"{summary} ({len(self.problems)} problem):"]
        lines += [f"  - {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  … och {len(self.problems) - 50} till")
        super().__init__("\n".join(lines))
