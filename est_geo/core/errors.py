"""The one exception hierarchy of EST Geo.

Every error a user can cause (bad configuration, bad files, a database from another
version) is an :class:`EstGeoError`, so the app and the CLI can show its message without a
traceback, while programming errors still surface as ordinary exceptions.

Errors and validation problems carry a catalogue key and its values, so the page or
command that shows them words them in the reader's language (:func:`error_text`,
:meth:`Problem.text`); the catalogue (:mod:`est_geo.i18n`) sits below this module for that.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TypeVar

from est_geo.i18n import translate

#: Problems listed in an error's text; the rest are counted (the report lists them all).
_LISTED = 50


@dataclasses.dataclass(frozen=True)
class Text:
    """A catalogue text used as a value inside another (a hint, a reason, a place).

    Why: a message such as "x = 'y' (standardvärde): måste vara minst 1" is built from
    several catalogue texts; passing them as :class:`Text` lets :func:`error_text` word
    each part in the reader's language instead of freezing the Swedish one in.
    """

    key: str
    params: Mapping[str, object] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, key: str, **params: object) -> Text:
        """The text ``key`` with ``params`` (which may be texts themselves)."""
        return cls(key, MappingProxyType(dict(params)))

    def in_lang(self, lang: str) -> str:
        """The text worded in ``lang``."""
        return translate(self.key, lang, **localised(self.params, lang))

    def __str__(self) -> str:
        return self.in_lang("sv")


@dataclasses.dataclass(frozen=True)
class Joined:
    """Several values (texts or plain) joined by ``sep`` once worded in a language."""

    items: tuple[object, ...]
    sep: str = ", "

    def in_lang(self, lang: str) -> str:
        """The items worded in ``lang`` and joined."""
        return self.sep.join(str(_word(v, lang)) for v in self.items)

    def __str__(self) -> str:
        return self.in_lang("sv")


def _word(value: object, lang: str) -> object:
    return value.in_lang(lang) if isinstance(value, Text | Joined) else value


def localised(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """``params`` with every :class:`Text` and :class:`Joined` worded in ``lang``."""
    return {name: _word(value, lang) for name, value in params.items()}


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


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem found while validating input: where it is and what is wrong.

    ``reason`` is the Swedish text; a problem made by :meth:`keyed` also carries the
    catalogue ``key`` and ``params`` of that text, so :meth:`reason_in` can word it in
    another language. Two problems are equal when they say the same thing in Swedish.
    """

    row: int | None
    field: str
    value: str
    reason: str
    key: str | None = dataclasses.field(default=None, compare=False)
    params: Mapping[str, object] = dataclasses.field(
        default_factory=lambda: MappingProxyType({}), compare=False
    )

    @classmethod
    def keyed(cls, row: int | None, field: str, value: str, key: str, **params: object) -> Problem:
        """A problem whose reason is the catalogue text ``key`` with ``params``."""
        reason = translate(key, "sv", **localised(params, "sv"))
        return cls(row, field, value, reason, key, MappingProxyType(dict(params)))

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang`` (its own text where it has no key; ``reason`` is already
        the Swedish one)."""
        if self.key is None or lang == "sv":
            return self.reason
        return translate(self.key, lang, **localised(self.params, lang))

    def text(self, lang: str = "sv") -> str:
        """Where and what, in ``lang``: 'rad 3, fält 'datum' = 'x': …'."""
        key = "problem.line" if self.row is None else "problem.line_row"
        return translate(key, lang, row=self.row, field=self.field, value=repr(self.value),
                         reason=self.reason_in(lang))  # fmt: skip

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
        self.summary = summary
        if summary is None:
            self.key = key
            self.params = MappingProxyType(dict(params))
        super().__init__(validation_text(self, "sv"))


def validation_text(exc: ValidationError, lang: str) -> str:
    """The summary and the first problems of ``exc``, one a line, in ``lang``."""
    summary = (
        exc.summary if exc.key is None else translate(exc.key, lang, **localised(exc.params, lang))
    )
    problems = exc.problems
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
    exc = error(translate(key, "sv", **localised(params, "sv")))
    exc.key = key
    exc.params = MappingProxyType(dict(params))
    return exc


def error_text(exc: EstGeoError, lang: str) -> str:
    """The message of ``exc`` in ``lang`` (its key translated), else its own text."""
    if isinstance(exc, ValidationError):
        return validation_text(exc, lang)
    if exc.key is not None:
        return translate(exc.key, lang, **localised(exc.params, lang))
    return str(exc)
