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
        "en": "{n} {n:incident|incidents} without a known time are left out of weekday × hour.",
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
        "en": " (statistically significant at the 95 % level)",
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
}
