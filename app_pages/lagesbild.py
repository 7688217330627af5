"""Lägesbild: an area's situation picture for the meeting, readable from the back of the room.

The page's whole state lives in the URL (``est_geo.core.views``): a link copied from the
address bar, or a saved view, opens exactly this picture for everyone. Wiring only:
choices, sections and the agenda form are in :mod:`ui.lagesbild`, the picture itself is
:func:`est_geo.meeting.lagesbild.build_lagesbild`.
"""

from __future__ import annotations

from dataclasses import replace

from ui import banner, context, page, queries, shared_view
from ui.lagesbild import agenda, choices, sections, view

role = page.open_page(choices.PAGE)
store = context.store()
areas = queries.areas()
codes = [str(c) for c in areas["code"]]
names = dict(zip(codes, (str(n) for n in areas["name"]), strict=True))
tree = store.category_tree()

linked = shared_view.linked_state(choices.PAGE)
if linked is not None:  # a link sets the widgets once, before they are drawn
    choices.apply_link(linked, codes, tree)
state, period = choices.sidebar(codes, names, tree)

lb, lb_key = view.lagesbild_for(state)
sections.heading(lb, period)
center, zoom = sections.map_and_priorities(lb, lb_key, state)
sections.series(lb, lb_key)
sections.interventions_and_indicators(lb)
sections.action_plan(lb)
view.pdf_button(lb, areas)

# The view in the URL, saving it, the area's saved views, an agenda of them.
current = replace(state, center=center, zoom=zoom)
shared_view.views_panel(current, role=role, area_name=lb.area_name, key="lb")
agenda.agenda_form(store, role, lb.area_code)
banner.data_footer()
