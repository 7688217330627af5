"""The demo's meeting material: a handlingsplan, saved views and an agenda.

Why: a newcomer opening the demo should see what a chefssamråd works with — action items
with owners, due dates (one overdue) and links to areas, interventions and a drawn
shape, and an agenda to step through in meeting mode — not empty pages. Everything is
dated relative to the demo's end date, so the plan looks current whenever the demo is
made. Like the rest of the demo it is fictional and labelled as demo data. Never
imports streamlit.
"""

from __future__ import annotations

from datetime import date, timedelta

from est_geo.core.model import ActionItem, ActionStatus, Actor
from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.store.meeting import MeetingStore

__all__ = ["add_demo_meeting"]

#: Bushes along the footpath by the pre-school in south-west Klockaretorpet, where the
#: demo's emerging place is (``est_geo.demo._scenario._EMERGING``), in EPSG:3006.
_FOOTPATH_WKT = (
    "POLYGON ((564500 6492700, 564610 6492700, 564610 6492800, 564500 6492800, 564500 6492700))"
)


def _month_code(d: date) -> str:
    return f"{d.year}-{d.month:02d}"


def _previous_quarter_code(d: date) -> str:
    quarter = (d.month - 1) // 3  # the current quarter's index 0–3 = previous quarter 1–4
    return f"{d.year}-Q{quarter}" if quarter else f"{d.year - 1}-Q4"


def _items(end: date, interventions: dict[str, int]) -> list[ActionItem]:
    """Five items: ongoing, overdue, done, and linked to each kind of "where"."""
    meeting = "Chefssamråd (demo)"
    decided = end - timedelta(days=28)
    return [
        ActionItem(
            title="Följ upp bommarna vid Klockaretorpets torg efter sex månader",
            actor=Actor.BOSTADSBOLAG,
            status=ActionStatus.PAGAR,
            due_date=end + timedelta(days=21),
            area_code="NKP-KLO-C",
            intervention_id=interventions.get("Bommar Klockaretorpet centrum"),
            meeting=meeting,
            meeting_date=decided,
            notes="Jämför med ringen runt torget (förflyttning) i utvärderingen.",
        ),
        ActionItem(
            title="Röj buskage och sätt upp belysning längs gångvägen vid förskolan",
            actor=Actor.KOMMUN,
            status=ActionStatus.EJ_PABORJAD,
            due_date=end - timedelta(days=5),  # overdue: shown as such
            area_code="NKP-KLO",
            shape_wkt=_FOOTPATH_WKT,
            meeting=meeting,
            meeting_date=decided,
            notes="Ny och växande hot spot enligt lägesbilden.",
        ),
        ActionItem(
            title="Utöka väktarronderingen i Navestad till fredag och lördag kväll",
            actor=Actor.VAKTARBOLAG,
            status=ActionStatus.PAGAR,
            due_date=end + timedelta(days=45),
            area_code="NKP-NAV",
            intervention_id=interventions.get("Väktarrondering Navestad"),
            meeting=meeting,
            meeting_date=decided,
        ),
        ActionItem(
            title="Samråd med fritidsgården om öppettider på helgkvällar",
            actor=Actor.KOMMUN,
            status=ActionStatus.KLAR,
            due_date=end - timedelta(days=14),
            area_code="NKP-HAG",
            meeting=meeting,
            meeting_date=end - timedelta(days=56),
        ),
        ActionItem(
            title="Gemensam trygghetsvandring i Klockaretorpet med boende",
            actor=Actor.POLIS,
            status=ActionStatus.EJ_PABORJAD,
            due_date=end + timedelta(days=35),
            area_code="NKP-KLO",
            meeting=meeting,
            meeting_date=decided,
        ),
    ]


def _views(end: date) -> list[SavedView]:
    month = _month_code(end)
    return [
        SavedView(
            f"Klockaretorpet {month}",
            ViewState(page="lagesbild", area="NKP-KLO", period=month),
            area_code="NKP-KLO",
        ),
        SavedView(
            f"Hot spots Klockaretorpet {month}",
            ViewState(page="hotspots", area="NKP-KLO", period=month, mode="gistar"),
            area_code="NKP-KLO",
        ),
        SavedView(
            f"Navestad {_previous_quarter_code(end)}",
            ViewState(page="lagesbild", area="NKP-NAV", period=_previous_quarter_code(end)),
            area_code="NKP-NAV",
        ),
    ]


def add_demo_meeting(store: MeetingStore, end: date, *, user: str) -> None:
    """Add the demo handlingsplan, saved views and agenda to a store holding the demo."""
    known_areas = set(store.areas()["code"])
    stored = store.interventions()
    interventions = {
        str(name): int(i) for name, i in zip(stored["name"], stored["id"], strict=True)
    }
    for item in _items(end, interventions):
        if item.area_code is None or item.area_code in known_areas:
            store.add_action_item(item, user=user)
    view_ids = tuple(store.add_saved_view(v, user=user) for v in _views(end))
    store.save_agenda(Agenda("Chefssamråd (demo)", view_ids, area_code="NKP-KLO"), user=user)
