"""Numbers as a Swedish reader expects them: decimal comma, true minus, "100 %".

One place for the format, so a chart, a table and a sentence never disagree ("-1,7" next
to "−1,7", "100%" next to "100 %"). Swedish typography (Språkrådet, *Svenska
skrivregler*): a space before the per cent sign, the minus sign U+2212, not a hyphen.
"""

from __future__ import annotations

__all__ = ["MINUS", "number_sv", "percent_sv"]

MINUS = "\u2212"
_NBSP = "\u00a0"


def number_sv(value: float, digits: int = 1, *, signed: bool = False) -> str:
    """``-1.74`` → ``'−1,7'``; ``signed`` writes ``'+1,7'`` and ``'±0,0'`` for zero."""
    text = f"{abs(value):.{digits}f}".replace(".", ",")
    zero = float(text.replace(",", ".")) == 0
    if zero:
        return f"±{text}" if signed else text
    if value < 0:
        return f"{MINUS}{text}"
    return f"+{text}" if signed else text


def percent_sv(share: float, digits: int = 0) -> str:
    """A share (0.5) as a Swedish percentage with a non-breaking space: ``'50 %'``."""
    return f"{number_sv(share * 100, digits)}{_NBSP}%"
