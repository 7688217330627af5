"""A legend drawn by us as a Leaflet control (no branca colormap: that pulls d3 from a CDN)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from branca.element import MacroElement
from folium.template import Template

from est_geo.maps.text import escape_text

__all__ = ["Legend", "legend"]

_COLOR_RE = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
_POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")

_CSS = (
    "background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;"
    " box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 0.8rem; line-height: 1.4;"
    " max-width: 16rem; color: #222;"
)
_SWATCH = (
    "display:inline-block; width:14px; height:14px; margin-right:6px;"
    " vertical-align:middle; border:1px solid #555; background:{color};"
)


class Legend(MacroElement):  # type: ignore[misc]
    """Leaflet control holding prebuilt, escaped legend HTML.

    Added to a map, it shows at once. Added to a ``FeatureGroup`` it follows the group:
    shown when the group is on the map, removed with it — so a legend inside a group
    passed to ``st_folium(feature_group_to_add=...)`` is replaced with its data.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function (map) {
                var div = L.DomUtil.create('div', 'est-legend leaflet-control');
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            (function (legend, parent) {
                if (parent instanceof L.Map) { legend.addTo(parent); return; }
                parent.on('add', function () { legend.addTo(parent._map); });
                parent.on('remove', function () { legend.remove(); });
                if (parent._map) { legend.addTo(parent._map); }
            })({{ this.get_name() }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Legend"
        self.html = html
        self.position = position


def legend(
    title: str,
    items: Sequence[tuple[str, str]],
    *,
    position: str = "bottomright",
) -> Legend:
    """Build a legend: a title and one colour swatch with a label per item.

    Parameters
    ----------
    title
        Heading, e.g. ``"Händelser per ruta"`` (escaped).
    items
        ``(colour, label)`` pairs; colour is ``#rgb``/``#rrggbb``/``#rrggbbaa`` or a CSS
        colour name, label is plain text (escaped).
    position
        Corner of the map: ``bottomright`` (default), ``bottomleft``, ``topright``,
        ``topleft``.
    """
    problems = [f"bad colour {c!r}" for c, _ in items if not _COLOR_RE.match(c)]
    if position not in _POSITIONS:
        problems.append(f"position must be one of {_POSITIONS}, got {position!r}")
    if problems:
        raise ValueError("legend: " + "; ".join(problems))
    rows = "".join(
        f'<div><span style="{_SWATCH.format(color=c)}"></span>{escape_text(label)}</div>'
        for c, label in items
    )
    html = (
        f'<div style="{_CSS}"><div style="font-weight:600;">{escape_text(title)}</div>{rows}</div>'
    )
    return Legend(html, position)
