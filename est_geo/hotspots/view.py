"""The Hotspots page's own settings as a shared view carries them.

Why: a link to a hot spot map must reproduce the *analysis*, not only the area and
period — the same cell size, weekdays, hours, FDR correction, comparison and KDE
bandwidth give the same cells; without them "the same link" could show other hot spots.
:class:`HotspotViewOptions` turns those settings into the text pairs of
:attr:`est_geo.core.views.ViewState.options` (defaults left out, so plain links stay short)
and back, checking every value. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from est_geo.core.errors import Problem, ValidationError
from est_geo.hotspots.layers import COMPARISONS

__all__ = ["CELL_SIZES", "HotspotViewOptions"]

#: Cell sizes offered on the Hotspots page (metres).
CELL_SIZES: tuple[int, ...] = (25, 50, 100, 200, 250, 500, 1000)
_MAX_BANDWIDTH = 5000


@dataclass(frozen=True)
class HotspotViewOptions:
    """The settings of one Hotspots analysis besides area, period and filters.

    Cell size (m), FDR, weekdays (0 = Monday; empty = all), hours (first, last), the
    comparison (``none`` or one of :data:`~est_geo.hotspots.layers.COMPARISONS`) and the
    KDE bandwidth (m; 0 = automatic).
    """

    cell_size: int = 100
    fdr: bool = False
    weekdays: tuple[int, ...] = ()
    hours: tuple[int, int] = (0, 23)
    comparison: str = "none"
    bandwidth: int = 0

    def to_options(self) -> tuple[tuple[str, str], ...]:
        """The settings that differ from the defaults, as view option pairs."""
        default = HotspotViewOptions()
        out: list[tuple[str, str]] = []
        if self.cell_size != default.cell_size:
            out.append(("cell", str(self.cell_size)))
        if self.fdr:
            out.append(("fdr", "1"))
        if self.weekdays:
            out.append(("days", ",".join(str(d) for d in sorted(set(self.weekdays)))))
        if self.hours != default.hours:
            out.append(("hours", f"{self.hours[0]}-{self.hours[1]}"))
        if self.comparison != default.comparison:
            out.append(("cmp", self.comparison))
        if self.bandwidth:
            out.append(("bw", str(self.bandwidth)))
        return tuple(out)

    @classmethod
    def from_options(cls, options: Iterable[tuple[str, str]]) -> HotspotViewOptions:
        """Settings from view option pairs; unknown keys are ignored (another page's).

        Raises
        ------
        ValidationError
            Every bad value, named ``o.<key>`` as in the link.
        """
        given = dict(options)
        problems: list[Problem] = []

        def bad(key: str, reason: str, **params: object) -> None:
            problems.append(Problem.keyed(None, f"o.{key}", given[key], reason, **params))

        result = cls()
        cell = _int(given.get("cell"))
        if "cell" in given and cell not in CELL_SIZES:
            sizes = ", ".join(str(c) for c in CELL_SIZES)
            bad("cell", "hotspots.problem.link_cell", sizes=sizes)
        days = [_int(d) for d in given.get("days", "").split(",") if d] if "days" in given else []
        if any(d is None or not 0 <= d <= 6 for d in days):
            bad("days", "hotspots.problem.link_days")
        hours = _hours(given["hours"]) if "hours" in given else result.hours
        if hours is None:
            bad("hours", "hotspots.problem.link_hours")
        if "cmp" in given and given["cmp"] not in ("none", *COMPARISONS):
            bad("cmp", "hotspots.problem.link_cmp", choices=", ".join(COMPARISONS))
        bandwidth = _int(given.get("bw"))
        if "bw" in given and (bandwidth is None or not 0 <= bandwidth <= _MAX_BANDWIDTH):
            bad("bw", "hotspots.problem.link_bw", max=_MAX_BANDWIDTH)
        if "fdr" in given and given["fdr"] not in ("0", "1"):
            bad("fdr", "hotspots.problem.link_fdr")
        if problems:
            raise ValidationError(problems, key="hotspots.invalid.link")
        return cls(
            cell_size=cell if cell is not None else result.cell_size,
            fdr=given.get("fdr") == "1",
            weekdays=tuple(sorted({d for d in days if d is not None})),
            hours=hours or result.hours,
            comparison=given.get("cmp", result.comparison),
            bandwidth=bandwidth or 0,
        )


def _hours(text: str) -> tuple[int, int] | None:
    """``"18-23"`` → ``(18, 23)``; ``None`` unless two hours 0–23, first ≤ last."""
    parts = [_int(h) for h in text.split("-")]
    if len(parts) != 2 or parts[0] is None or parts[1] is None:
        return None
    first, last = parts[0], parts[1]
    return (first, last) if 0 <= first <= last <= 23 else None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None
