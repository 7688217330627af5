"""The one exception hierarchy of EST Geo.

Every error a user can cause (bad configuration, bad files, a database from another
version) is an :class:`EstGeoError`, so the app and the CLI can show its message without a
traceback, while programming errors still surface as ordinary exceptions.

Errors and validation problems hold a :class:`~est_geo.core.text.Text` (a catalogue key
and its values), so the page or command that shows them words them in the reader's
language (:func:`error_text`, :meth:`Problem.text`); the wording itself is done in one
place, :mod:`est_geo.core.text`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from est_geo.core.text import Text, worded
from est_geo.i18n import label, translate

#: Problems listed in an error's text; the rest are counted (the report lists them all).
_LISTED = 50


class EstGeoError(Exception):
    """Base class for errors whose message is meant for the user.

    An error may hold its ``message`` as a :class:`Text` (set by :func:`keyed_error`), so
    the page or command that shows it words it in the reader's language
    (:func:`error_text`); ``str(exc)`` stays the Swedish text for logs and for errors
    raised without a key.
    """

    message: Text | None = None


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


@dataclasses.dataclass(frozen=True, eq=False)
class Problem:
    """One problem found while validating input: where it is and what is wrong.

    ``message`` is a :class:`Text` (made by :meth:`keyed`), worded where the problem is
    shown, or plain words (a library's message, a text built elsewhere). ``value`` is
    mostly the input as it was written, but may be a :class:`Text` too when it describes
    the input instead ("t.ex. 1.5, 2.5" / "e.g. 1.5, 2.5"). Two problems are equal when
    they say the same thing in Swedish.
    """

    row: int | None
    field: str
    value: Text | str
    message: Text | str

    @classmethod
    def keyed(
        cls, row: int | None, field: str, value: Text | str, key: str, **params: object
    ) -> Problem:
        """A problem whose reason is the catalogue text ``key`` with ``params``."""
        return cls(row, field, value, Text.of(key, **params))

    @property
    def key(self) -> str | None:
        """The catalogue key of the reason (None for plain words): branch on this."""
        return self.message.key if isinstance(self.message, Text) else None

    @property
    def reason(self) -> str:
        """The reason in Swedish (logs, the CLI's default, old callers)."""
        return worded(self.message, "sv")

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang`` (plain words as they are)."""
        return worded(self.message, lang)

    def field_in(self, lang: str) -> str:
        """The field in ``lang``: our own names for what is not a column ("fil" / "file",
        catalogue group ``problem.field``) worded, a column or parameter name as it is."""
        return label("problem.field", self.field, lang)

    def value_in(self, lang: str) -> str:
        """The value in ``lang``: the input as written, or a description of it worded."""
        return worded(self.value, lang)

    def text(self, lang: str = "sv") -> str:
        """Where and what, in ``lang``: 'rad 3, fält 'datum' = 'x': …'."""
        key = "problem.line" if self.row is None else "problem.line_row"
        value = repr(self.value_in(lang))
        return translate(key, lang, row=self.row, field=self.field_in(lang), value=value,
                         reason=self.reason_in(lang))  # fmt: skip

    def _said(self) -> tuple[int | None, str, str, str]:
        return (self.row, self.field, self.value_in("sv"), self.reason)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._said() == other._said()

    def __hash__(self) -> int:
        return hash(self._said())

    def __str__(self) -> str:
        return self.text("sv")


class ValidationError(EstGeoError):
    """Input failed validation; carries *every* problem found, not just the first."""

    def __init__(
        self,
        problems: Sequence[Problem],
        summary: str | None = None,
        *,
        key: str = "problem.summary",
        **params: object,
    ) -> None:
        """``summary`` is a Swedish text of old; a catalogue ``key`` (with ``params``)
        lets the reader's language word it (:func:`error_text`)."""
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.summary: Text | str = Text.of(key, **params) if summary is None else summary
        super().__init__(validation_text(self, "sv"))


def validation_text(exc: ValidationError, lang: str) -> str:
    """The summary and the first problems of ``exc``, one a line, in ``lang``."""
    problems = exc.problems
    summary = worded(exc.summary, lang)
    lines = [translate("problem.heading", lang, summary=summary, n=len(problems))]
    lines += [f"  - {p.text(lang)}" for p in problems[:_LISTED]]
    if len(problems) > _LISTED:
        lines.append("  " + translate("problem.more", lang, n=len(problems) - _LISTED))
    return "\n".join(lines)


_E = TypeVar("_E", bound=EstGeoError)


def keyed_error(error: type[_E], key: str, **params: object) -> _E:
    """An error of type ``error`` that carries ``key`` and ``params`` for later translation.

    Its ``str()`` is the Swedish text (logs, callers that show no language); where it is
    shown, :func:`error_text` renders it in the reader's language.
    """
    message = Text.of(key, **params)
    exc = error(message.text("sv"))
    exc.message = message
    return exc


def error_text(exc: EstGeoError, lang: str) -> str:
    """The message of ``exc`` in ``lang`` (its key translated), else its own text."""
    if isinstance(exc, ValidationError):
        return validation_text(exc, lang)
    if exc.message is not None:
        return exc.message.text(lang)
    return str(exc)
