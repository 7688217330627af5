"""What an action item can refer to — areas, interventions, drawn shapes — by name."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from est_geo.core.model import ActionItem
from est_geo.meeting.handlingsplan import DrawnShape, drawn_shapes, shape_label
from est_geo.store.meeting import MeetingStore
from ui.context import t


@dataclass(frozen=True)
class Places:
    """Names of the areas and interventions, and the drawings saved on the Åtgärder page."""

    names: dict[str, str]
    iv_names: dict[int, str]
    shapes: list[DrawnShape]

    @property
    def shape_by_key(self) -> dict[str, DrawnShape]:
        """Drawn shapes by their intervention id as text (the form's option values)."""
        return {str(s.intervention_id): s for s in self.shapes}

    def where(self, item: ActionItem) -> str:
        """Where the item is: its area, intervention and drawn shape, by name."""
        parts = []
        if item.area_code:
            parts.append(self.names.get(item.area_code, item.area_code))
        if item.intervention_id is not None:
            parts.append(
                self.iv_names.get(item.intervention_id)
                or t("plan.intervention_gone", id=item.intervention_id)
            )
        if item.shape_wkt:
            label = shape_label(item.shape_wkt, self.shapes)
            parts.append(t("plan.shape_named", name=label) if label else t("plan.shape"))
        return ", ".join(parts)


def load(store: MeetingStore, areas: pd.DataFrame) -> Places:
    """Areas and interventions from the store, and the interventions' drawn shapes."""
    names = dict(zip((str(c) for c in areas["code"]), (str(n) for n in areas["name"]), strict=True))
    interventions = store.interventions()
    iv_names = {
        int(i): str(n) for i, n in zip(interventions["id"], interventions["name"], strict=True)
    }
    # The drawings saved on the Åtgärder page, offered (and shown) as an item's drawn "where".
    shapes = drawn_shapes(store.get_intervention(i) for i in iv_names)
    return Places(names=names, iv_names=iv_names, shapes=list(shapes))
