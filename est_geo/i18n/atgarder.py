"""UI strings of the Åtgärder page (interventions), Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.atgarder": {"sv": "Åtgärder", "en": "Interventions"},
    "atgarder.intro": {
        "sv": "Rita var en åtgärd görs (yta, rektangel, rutt eller punkt), spara den, se vad "
        "som händer där och när – och följ upp om den gav effekt.",
        "en": "Draw where an intervention takes place (area, rectangle, route or point), save "
        "it, see what happens there and when – and follow up whether it worked.",
    },
    "atgarder.intro_view": {
        "sv": "Var görs åtgärderna, vad händer där och när – och gav de effekt?",
        "en": "Where do the interventions take place, what happens there and when – and "
        "did they work?",
    },
    "atgarder.table": {"sv": "Alla åtgärder", "en": "All interventions"},
    "atgarder.table_help": {
        "sv": "{shown} av {total} {total:åtgärd|åtgärder}. Klicka på en rad för att välja och "
        "zooma till den.",
        "en": "{shown} of {total} {total:intervention|interventions}. Click a row to select and "
        "zoom to it.",
    },
    "atgarder.none": {
        "sv": "Inga åtgärder matchar filtren.",
        "en": "No interventions match the filters.",
    },
    "atgarder.active_in": {"sv": "Aktiva under perioden", "en": "Active during"},
    "atgarder.pick": {"sv": "Vald åtgärd", "en": "Selected intervention"},
    "atgarder.pick_new": {
        "sv": "Ny åtgärd (rita den på kartan)",
        "en": "New intervention (draw it on the map)",
    },
    "atgarder.col.name": {"sv": "Namn", "en": "Name"},
    "atgarder.kind": {"sv": "Typ", "en": "Kind"},
    "atgarder.status": {"sv": "Status", "en": "Status"},
    "atgarder.owner": {"sv": "Ansvarig aktör", "en": "Owner"},
    "atgarder.start": {"sv": "Startdatum", "en": "Start date"},
    "atgarder.end": {"sv": "Slutdatum", "en": "End date"},
    "atgarder.cost": {"sv": "Kostnad (kr, valfritt)", "en": "Cost (SEK, optional)"},
    "atgarder.description": {"sv": "Beskrivning", "en": "Description"},
    "atgarder.public": {"sv": "Får visas publikt", "en": "May be shown publicly"},
    "atgarder.buffer": {"sv": "Buffert för rutt/punkt (m)", "en": "Buffer for route/point (m)"},
    "atgarder.buffer_help": {
        "sv": "En rutt eller punkt påverkar sin omgivning: åtgärdens område är linjen eller "
        "punkten plus denna buffert. Används inte för ytor.",
        "en": "A route or point affects its surroundings: the intervention's scope is the line "
        "or point plus this buffer. Not used for areas.",
    },
    "atgarder.map_help": {
        "sv": "Verktygen uppe till vänster: rita yta, rektangel, rutt eller punkt; redigera "
        "eller ta bort sparade former (klicka sedan Spara i verktygsraden).",
        "en": "Tools top left: draw an area, rectangle, route or point; edit or delete saved "
        "shapes (then click Save in the toolbar).",
    },
    "atgarder.map_help_view": {
        "sv": "Kartan visar de sparade åtgärderna. Välj en i tabellen eller i listan för att "
        "se den och vad som händer där.",
        "en": "The map shows the saved interventions. Pick one in the table or the list to "
        "see it and what happens there.",
    },
    "atgarder.pick_none": {"sv": "Ingen vald", "en": "None selected"},
    "atgarder.pick_to_view": {
        "sv": "Välj en åtgärd i tabellen eller i listan för att se den och vad som händer där.",
        "en": "Pick an intervention in the table or the list to see it and what happens there.",
    },
    "atgarder.start_missing_view": {
        "sv": "Åtgärden har inget startdatum och kan därför inte utvärderas ännu.",
        "en": "The intervention has no start date, so it cannot be evaluated yet.",
    },
    "atgarder.zones": {"sv": "Analysområden", "en": "Analysis zones"},
    "atgarder.zone.scope": {"sv": "Åtgärdens område", "en": "Intervention scope"},
    "atgarder.zone.ring": {"sv": "Ring {m} m", "en": "Ring {m} m"},
    "atgarder.zone.target": {"sv": "Målområde", "en": "Target"},
    "atgarder.zone.buffer": {"sv": "Buffert {m} m", "en": "Buffer {m} m"},
    "atgarder.zone.control": {"sv": "Kontrollområde", "en": "Control"},
    "atgarder.zone.buffer_control": {"sv": "Buffertens kontroll", "en": "Buffer's control"},
    "atgarder.edited": {
        "sv": "Formen för «{name}» har ändrats på kartan men är inte sparad.",
        "en": "The shape of «{name}» was changed on the map but is not saved.",
    },
    "atgarder.save_shape": {
        "sv": "Spara ny form för {name}",
        "en": "Save new shape of {name}",
    },
    "atgarder.deleted_on_map": {
        "sv": "«{name}» togs bort på kartan. Ta bort den permanent, eller ångra?",
        "en": "«{name}» was removed on the map. Delete it permanently, or undo?",
    },
    "atgarder.delete_confirm_button": {
        "sv": "Ja, ta bort {name} permanent",
        "en": "Yes, delete {name} permanently",
    },
    "atgarder.undo": {"sv": "Ångra", "en": "Undo"},
    "atgarder.new_while_selected": {
        "sv": "En ny form är ritad. Välj «Ny åtgärd» för att spara den som en ny åtgärd, eller "
        "använd den som ritat kontrollområde i utvärderingen.",
        "en": "A new shape is drawn. Choose «New intervention» to save it as a new one, or use "
        "it as a drawn control area in the evaluation.",
    },
    "atgarder.repair": {
        "sv": "Reparera formen åt mig (make_valid)",
        "en": "Repair the shape for me (make_valid)",
    },
    "atgarder.repaired": {
        "sv": "Formen är reparerad. Kontrollera den på kartan innan du sparar.",
        "en": "The shape was repaired. Check it on the map before saving.",
    },
    "atgarder.form_new": {"sv": "Ny åtgärd", "en": "New intervention"},
    "atgarder.form_edit": {"sv": "Ändra åtgärd", "en": "Edit intervention"},
    "atgarder.draw_first": {
        "sv": "Rita först åtgärdens plats på kartan.",
        "en": "First draw the intervention's place on the map.",
    },
    "atgarder.save_new": {"sv": "Spara åtgärd", "en": "Save intervention"},
    "atgarder.save_edit": {"sv": "Spara ändringar", "en": "Save changes"},
    "atgarder.saved": {"sv": "«{name}» är sparad.", "en": "«{name}» saved."},
    "atgarder.delete": {"sv": "Ta bort åtgärden …", "en": "Delete intervention …"},
    "atgarder.delete_question": {
        "sv": "Vill du verkligen ta bort «{name}»? Borttagningen loggas.",
        "en": "Really delete «{name}»? The deletion is logged.",
    },
    "atgarder.delete_yes": {"sv": "Ja, ta bort", "en": "Yes, delete"},
    "atgarder.delete_no": {"sv": "Avbryt", "en": "Cancel"},
    "atgarder.deleted": {"sv": "«{name}» är borttagen.", "en": "«{name}» deleted."},
    "atgarder.start_missing": {
        "sv": "Åtgärden har inget startdatum; ange det för att kunna utvärdera.",
        "en": "The intervention has no start date; set one to evaluate it.",
    },
    "atgarder.tab.scope": {"sv": "Vad händer här?", "en": "What happens here?"},
    "atgarder.tab.eval": {"sv": "Utvärdering", "en": "Evaluation"},
    "atgarder.ring": {
        "sv": "Jämförelsering runt formen (m)",
        "en": "Comparison ring around the shape (m)",
    },
    "atgarder.scope_period": {
        "sv": "Period och kategorier enligt urvalet i sidomenyn: {period}.",
        "en": "Period and categories as in the sidebar filters: {period}.",
    },
    "atgarder.inside": {"sv": "Inom formen", "en": "Inside the shape"},
    "atgarder.in_ring": {"sv": "I ringen {m} m", "en": "In the {m} m ring"},
    "atgarder.per_km2": {
        "sv": "Per km² (form / ring)",
        "en": "Per km² (shape / ring)",
    },
    "atgarder.trend": {
        "sv": "Händelser per månad ({period})",
        "en": "Incidents per month ({period})",
    },
    "atgarder.per_month": {"sv": "Antal per månad", "en": "Count per month"},
    "atgarder.heat_empty": {
        "sv": "Inga händelser under perioden",
        "en": "No incidents in the period",
    },
    "atgarder.heat_inside": {
        "sv": "Veckodag × timme, inom formen",
        "en": "Weekday × hour, inside the shape",
    },
    "atgarder.heat_ring": {
        "sv": "Veckodag × timme, ringen {m} m",
        "en": "Weekday × hour, {m} m ring",
    },
    "atgarder.without_time": {
        "sv": "{n} {n:händelse|händelser} utan känd tidpunkt ingår inte i veckodag × timme.",
        "en": "{n} {n:incident|incidents} without a known time {n:is|are} left out of weekday × "
        "hour.",
    },
    "atgarder.eval_needs_saved": {
        "sv": "Spara åtgärden (med startdatum) för att utvärdera den.",
        "en": "Save the intervention (with a start date) to evaluate it.",
    },
    "atgarder.impl_days": {
        "sv": "Genomförandeperiod (dagar, räknas inte)",
        "en": "Implementation period (days, left out)",
    },
    "atgarder.eval_buffer": {"sv": "Buffertzon (m)", "en": "Buffer zone (m)"},
    "atgarder.control": {"sv": "Kontrollområde", "en": "Control area"},
    "atgarder.control.default": {
        "sv": "Ring med lika många brott (standard)",
        "en": "Ring with as many crimes (default)",
    },
    "atgarder.control.default_help": {
        "sv": "Standard: en ring runt bufferten, just så bred att den hade lika många brott "
        "före starten som målområdet (och en ring till för bufferten). Då jämför WDD "
        "områden av samma nivå.",
        "en": "Default: a ring around the buffer, just wide enough to have had as many crimes "
        "before the start as the target (and another ring for the buffer), so WDD compares "
        "areas of the same level.",
    },
    "atgarder.control.area": {"sv": "Välj ett område", "en": "Choose an area"},
    "atgarder.control.drawn": {"sv": "Rita ett område", "en": "Draw an area"},
    "atgarder.control.pick": {"sv": "Område som kontroll", "en": "Area used as control"},
    "atgarder.control.draw_hint": {
        "sv": "Rita kontrollområdet som en ny yta på kartan (den sparas inte som åtgärd).",
        "en": "Draw the control area as a new area on the map (it is not saved).",
    },
    "atgarder.no_data": {
        "sv": "Databasen har inga händelser att utvärdera med.",
        "en": "The database has no incidents to evaluate with.",
    },
    "atgarder.custom_periods": {
        "sv": "Egna före- och efterperioder",
        "en": "Custom before and after periods",
    },
    "atgarder.before": {"sv": "Före", "en": "Before"},
    "atgarder.after": {"sv": "Efter", "en": "After"},
    "atgarder.pick_both_dates": {
        "sv": "Välj både första och sista dag för perioderna.",
        "en": "Pick both the first and the last day of the periods.",
    },
    "atgarder.eval_setup": {
        "sv": "Före: {before}. Efter: {after}. Buffert {buffer} m. Kontroll: {control}.",
        "en": "Before: {before}. After: {after}. Buffer {buffer} m. Control: {control}.",
    },
    "atgarder.small_counts": {
        "sv": "För få händelser för säkra slutsatser – se varningarna nedan.",
        "en": "Too few incidents for firm conclusions – see the warnings below.",
    },
    "atgarder.verdict": {"sv": "Bedömning", "en": "Verdict"},
    "atgarder.eval_chart": {
        "sv": "Antal händelser före och efter",
        "en": "Incidents before and after",
    },
    "atgarder.zone_sizes": {
        "sv": "Ytor: målområde {target} ha, buffert {buffer} ha, kontroll {control} ha.",
        "en": "Areas: target {target} ha, buffer {buffer} ha, control {control} ha.",
    },
    "atgarder.outcome.improved": {"sv": "Förbättrat", "en": "Improved"},
    "atgarder.outcome.no_clear_change": {
        "sv": "Ingen tydlig förändring",
        "en": "No clear change",
    },
    "atgarder.outcome.worsened": {"sv": "Försämrat", "en": "Worsened"},
    "atgarder.outcome.sure": {
        "sv": " (statistiskt säkert på 95 %-nivån)",
        "en": " (statistically significant at the 95% level)",
    },
    "atgarder.outcome.target_fell": {
        "sv": "i målområdet minskade antalet brott från {before} till {after}{pct}",
        "en": "in the target area crimes fell from {before} to {after}{pct}",
    },
    "atgarder.outcome.target_rose": {
        "sv": "i målområdet ökade antalet brott från {before} till {after}{pct}",
        "en": "in the target area crimes rose from {before} to {after}{pct}",
    },
    "atgarder.outcome.target_same": {
        "sv": "i målområdet var antalet brott oförändrat, {before} före och {after} efter",
        "en": "in the target area crimes were unchanged, {before} before and {after} after",
    },
    "atgarder.outcome.why.improved": {
        "sv": "tydligt bättre än utvecklingen i kontrollområdet",
        "en": "clearly better than the trend in the control area",
    },
    "atgarder.outcome.why.worsened": {
        "sv": "tydligt sämre än utvecklingen i kontrollområdet",
        "en": "clearly worse than the trend in the control area",
    },
    "atgarder.outcome.why.not_significant": {
        "sv": "skillnaden mot kontrollområdets utveckling är inte statistiskt säker",
        "en": "the difference from the control area's trend is not statistically significant",
    },
    "atgarder.outcome.why.small_counts": {
        "sv": "för få brott för en säker slutsats",
        "en": "too few crimes for a firm conclusion",
    },
    "atgarder.outcome.why.no_comparison": {
        "sv": "jämförelsen med kontrollområdet går inte att beräkna (0 brott i någon period)",
        "en": "the comparison with the control area cannot be computed (0 crimes in a period)",
    },
    "atgarder.outcome.why.relative_better": {
        "sv": "utvecklingen var bättre än i kontrollområdet, men antalet brott i målområdet "
        "gick inte ned",
        "en": "the trend was better than in the control area, but crimes in the target area "
        "did not go down",
    },
    "atgarder.outcome.why.relative_worse": {
        "sv": "utvecklingen var sämre än i kontrollområdet, men antalet brott i målområdet "
        "gick inte upp",
        "en": "the trend was worse than in the control area, but crimes in the target area "
        "did not go up",
    },
    # -- drawings and scope analysis (est_geo.interventions.drawing, .scope) -------------
    "interventions.drawing.unreadable": {
        "sv": "Ritningarna kunde inte läsas",
        "en": "The drawings could not be read",
    },
    "interventions.drawing.no_coordinates": {
        "sv": "formen saknar koordinater",
        "en": "the shape has no coordinates",
    },
    "interventions.drawing.not_numbers": {
        "sv": "koordinaterna är inte tal",
        "en": "the coordinates are not numbers",
    },
    "interventions.drawing.not_lonlat": {
        "sv": "koordinaterna är inte lon/lat i grader",
        "en": "the coordinates are not lon/lat in degrees",
    },
    "interventions.drawing.no_geometry": {
        "sv": "ritningen saknar geometri",
        "en": "the drawing has no geometry",
    },
    "interventions.drawing.unsupported": {
        "sv": "bara ytor, linjer (rutter) och punkter stöds",
        "en": "only areas, lines (routes) and points are supported",
    },
    "interventions.drawing.unparsable": {
        "sv": "kunde inte läsa geometrin ({error})",
        "en": "could not read the geometry ({error})",
    },
    "interventions.drawing.empty": {
        "sv": "Formen är tom. Rita en yta, en rutt eller en punkt.",
        "en": "The shape is empty. Draw an area, a route or a point.",
    },
    "interventions.drawing.self_intersection": {
        "sv": "Ytan korsar sig själv. Rita om den, eller låt EST Geo reparera den (den delas "
        "då upp i giltiga delar – kontrollera resultatet).",
        "en": "The area crosses itself. Draw it again, or let EST Geo repair it (it is then "
        "split into valid parts – check the result).",
    },
    "interventions.drawing.self_intersection_at": {
        "sv": "Ytan korsar sig själv (nära {lat}° N, {lon}° E). Rita om den, eller låt EST "
        "Geo reparera den (den delas då upp i giltiga delar – kontrollera resultatet).",
        "en": "The area crosses itself (near {lat}° N, {lon}° E). Draw it again, or let EST "
        "Geo repair it (it is then split into valid parts – check the result).",
    },
    "interventions.drawing.invalid": {
        "sv": "Formen är ogiltig ({reason}). Rita om den, eller låt EST Geo reparera den.",
        "en": "The shape is invalid ({reason}). Draw it again, or let EST Geo repair it.",
    },
    "interventions.drawing.invalid_at": {
        "sv": "Formen är ogiltig (nära {lat}° N, {lon}° E) ({reason}). Rita om den, eller låt "
        "EST Geo reparera den.",
        "en": "The shape is invalid (near {lat}° N, {lon}° E) ({reason}). Draw it again, or "
        "let EST Geo repair it.",
    },
    "interventions.drawing.zero_area": {
        "sv": "Ytan har ingen area (alla hörn ligger på en linje eller i samma punkt). Rita "
        "en yta med minst tre hörn som inte ligger på rad.",
        "en": "The area has no extent (all corners lie on one line or at one point). Draw "
        "an area with at least three corners that are not in a row.",
    },
    "interventions.drawing.zero_length": {
        "sv": "Rutten har ingen längd. Rita en linje med minst två olika punkter.",
        "en": "The route has no length. Draw a line with at least two different points.",
    },
    "interventions.drawing.outside_municipality": {
        "sv": "Formen ligger utanför kommunen. Rita den inom kommungränsen.",
        "en": "The shape lies outside the municipality. Draw it within the municipal border.",
    },
    "interventions.drawing.partly_outside_municipality": {
        "sv": "Formen ligger delvis utanför kommunen. Rita den inom kommungränsen.",
        "en": "The shape lies partly outside the municipality. Draw it within the "
        "municipal border.",
    },
    "interventions.drawing.not_repairable": {
        "sv": "formen kunde inte repareras",
        "en": "the shape could not be repaired",
    },
    "interventions.drawing.nothing_left": {
        "sv": "efter reparationen finns ingen yta kvar",
        "en": "no area is left after the repair",
    },
    "interventions.drawing.invalid_shape": {"sv": "Ogiltig form", "en": "Invalid shape"},
    "interventions.scope.buffer": {
        "sv": "en rutt eller punkt behöver buffert > 0 m",
        "en": "a route or a point needs a buffer > 0 m",
    },
    "interventions.scope.ring": {
        "sv": "ringens bredd måste vara > 0 m",
        "en": "the ring's width must be > 0 m",
    },
    "interventions.scope.no_time": {
        "sv": "inga händelser med känd tidpunkt",
        "en": "no incidents with a known time",
    },
    "interventions.scope.busiest": {
        "sv": "flest händelser {windows}",
        "en": "most incidents {windows}",
    },
    "interventions.scope.none_inside": {
        "sv": "Inga händelser inom formen under perioden.",
        "en": "No incidents inside the shape in the period.",
    },
    "interventions.scope.none_in_ring": {
        "sv": "Händelser inom formen men inga i ringen runt omkring.",
        "en": "Incidents inside the shape but none in the ring around it.",
    },
    "interventions.scope.more": {
        "sv": "Inom formen sker {ratio} gånger så många händelser per km² som i ringen.",
        "en": "Inside the shape there are {ratio} times as many incidents per km² as in the ring.",
    },
    "interventions.scope.fewer": {
        "sv": "Inom formen sker färre händelser per km² än i ringen ({ratio} gånger).",
        "en": "Inside the shape there are fewer incidents per km² than in the ring "
        "({ratio} times).",
    },
    "interventions.scope.same": {
        "sv": "Ungefär lika många händelser per km² inom formen som i ringen.",
        "en": "About as many incidents per km² inside the shape as in the ring.",
    },
    "interventions.chart.hour": {"sv": "Timme", "en": "Hour"},
    "interventions.chart.count": {"sv": "antal", "en": "count"},
    "interventions.chart.empty": {"sv": "Inga händelser", "en": "No incidents"},
}
