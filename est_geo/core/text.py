"""A catalogue text with its values, worded in a reader's language where it is shown.

Why one type: an error, a validation problem and a note about a file all say something a
user reads, and each must be worded in the reader's language at the place that shows
it, not frozen in Swedish where it was found. Each of them holds a :class:`Text` (or,
for words a library gave us, a plain string), and :func:`worded` is the one place that
turns either into a sentence in a language; the values inside a text (which may be texts
themselves, lists of texts, or percentages) are worded the same way by :func:`localised`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from est_geo.i18n import translate
from est_geo.i18n.numbers import percent


@dataclasses.dataclass(frozen=True)
class Text:
    """The catalogue text ``key`` with its ``params``, worded by :meth:`text`.

    A param may itself be a :class:`Text` (a hint, a reason, a place), a :class:`Joined`
    list of values or a :class:`Share` (a percentage): a message such as "x = 'y'
    (standardvärde): måste vara minst 1" is built from several catalogue texts, and each
    part is worded in the reader's language instead of the Swedish one being frozen in.
    """

    key: str
    params: Mapping[str, object] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, key: str, **params: object) -> Text:
        """The text ``key`` with ``params`` (which may be texts themselves)."""
        return cls(key, MappingProxyType(dict(params)))

    def text(self, lang: str = "sv") -> str:
        """The text worded in ``lang``."""
        return translate(self.key, lang, **localised(self.params, lang))

    def __str__(self) -> str:
        return self.text("sv")


@dataclasses.dataclass(frozen=True)
class Joined:
    """Several values (texts or plain) joined by ``sep`` once worded in a language."""

    items: tuple[object, ...]
    sep: str = ", "

    def text(self, lang: str = "sv") -> str:
        """The items worded in ``lang`` and joined."""
        return self.sep.join(str(_word(v, lang)) for v in self.items)

    def __str__(self) -> str:
        return self.text("sv")


@dataclasses.dataclass(frozen=True)
class Share:
    """A share (0.96) as a percentage in the reader's language: "96 %" / "96%".

    Why a value of its own: a percentage formatted where a problem is found is frozen in
    that language's form; this one is formatted by Babel where the text is shown.
    """

    value: float
    digits: int = 0

    def text(self, lang: str = "sv") -> str:
        """The percentage as ``lang`` writes it (:func:`est_geo.i18n.numbers.percent`)."""
        return percent(self.value, lang, self.digits)

    def __str__(self) -> str:
        return self.text("sv")


def _word(value: object, lang: str) -> object:
    return value.text(lang) if isinstance(value, Text | Joined | Share) else value


def worded(message: Text | str, lang: str = "sv") -> str:
    """``message`` in ``lang``: a :class:`Text` worded, a library's own words as they are."""
    return message if isinstance(message, str) else message.text(lang)


def localised(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """``params`` with every :class:`Text`, :class:`Joined` and :class:`Share` worded in
    ``lang`` (plain values are left to the catalogue's format)."""
    return {name: _word(value, lang) for name, value in params.items()}
