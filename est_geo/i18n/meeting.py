"""UI strings of the meeting pages: Lägesbild, Handlingsplan, Möte and shared views."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.lagesbild": {"sv": "Lägesbild", "en": "Situation picture"},
    "page.handlingsplan": {"sv": "Handlingsplan", "en": "Action plan"},
    "page.mote": {"sv": "Möte", "en": "Meeting"},
    # Lägesbild
    "lagesbild.title": {"sv": "Lägesbild – {area}", "en": "Situation picture – {area}"},
    "lagesbild.subtitle": {
        "sv": "{period} · jämfört med föregående period ({previous}) och samma period förra "
        "året ({last_year})",
        "en": "{period} · compared with the previous period ({previous}) and the same period "
        "last year ({last_year})",
    },
    "lagesbild.area": {"sv": "Område", "en": "Area"},
    "lagesbild.computing": {
        "sv": "Beräknar lägesbilden …",
        "en": "Computing the situation picture …",
    },
    "lagesbild.period_kind": {"sv": "Period", "en": "Period"},
    "lagesbild.kind.vecka": {"sv": "Senaste veckan", "en": "Last week"},
    "lagesbild.kind.4veckor": {"sv": "Senaste 4 veckorna", "en": "Last 4 weeks"},
    "lagesbild.kind.kvartal": {"sv": "Senaste kvartalet", "en": "Last quarter"},
    "lagesbild.kind.ar": {"sv": "Senaste året", "en": "Last year"},
    "lagesbild.kind.kalender": {
        "sv": "Kalenderperiod (vecka, månad, kvartal, år)",
        "en": "Calendar period (week, month, quarter, year)",
    },
    "lagesbild.period_code": {
        "sv": "Vecka, månad, kvartal eller år",
        "en": "Week, month, quarter or year",
    },
    "lagesbild.period_code.help": {
        "sv": "Skriv t.ex. 2026-W44, 2026-10, 2026-Q3 eller 2026.",
        "en": "For example 2026-W44, 2026-10, 2026-Q3 or 2026.",
    },
    "lagesbild.figures": {"sv": "Nyckeltal", "en": "Key figures"},
    "lagesbild.vs_previous": {"sv": "mot föregående period", "en": "vs previous period"},
    "lagesbild.vs_last_year": {
        "sv": "Förra året: {value}; nu {change}",
        "en": "Last year: {value}; now {change}",
    },
    "lagesbild.map": {"sv": "Hot spots denna period", "en": "Hot spots this period"},
    "lagesbild.map.caption": {
        "sv": "Getis–Ord Gi* på rutor om {cell} m (3×3 grannskap). Siffrorna visar de tre "
        "platserna som mest behöver åtgärder.",
        "en": "Getis–Ord Gi* on {cell} m cells (3×3 neighbourhood). Numbers mark the three "
        "places that most need action.",
    },
    "number.word.1": {"sv": "En", "en": "One"},
    "number.word.2": {"sv": "Två", "en": "Two"},
    "number.word.3": {"sv": "Tre", "en": "Three"},
    "lagesbild.priorities": {
        "sv": "{count} {n:plats|platser} som mest behöver åtgärder",
        "en": "{count} {n:place that most needs|places that most need} action",
    },
    "lagesbild.priority_line": {
        "sv": "**{rank}. {place}** – {count} {reports} (föregående period {previous}), "
        "Gi* z {z}, trend {trend}",
        "en": "**{rank}. {place}** – {count} {reports} (previous period {previous}), "
        "Gi* z {z}, trend {trend}",
    },
    "lagesbild.report_one": {"sv": "rapport", "en": "report"},
    "lagesbild.report_many": {"sv": "rapporter", "en": "reports"},
    "lagesbild.no_priorities": {
        "sv": "Inga signifikanta hot spots med rapporter denna period.",
        "en": "No significant hot spots with reports this period.",
    },
    "lagesbild.growing": {"sv": "Nya och växande hot spots", "en": "New and growing hot spots"},
    "lagesbild.no_growing": {
        "sv": "Inga nya eller växande hot spots.",
        "en": "No new or growing hot spots.",
    },
    "lagesbild.interventions": {"sv": "Pågående åtgärder", "en": "Ongoing interventions"},
    "lagesbild.no_interventions": {"sv": "Inga åtgärder i området.", "en": "No interventions."},
    "lagesbild.indicators": {"sv": "Indikatorer", "en": "Indicators"},
    "lagesbild.no_indicators": {
        "sv": "Inga indikatorvärden för området.",
        "en": "No indicator values for the area.",
    },
    "lagesbild.plan": {"sv": "Handlingsplan för området", "en": "Action plan for the area"},
    "lagesbild.no_plan": {
        "sv": "Inga punkter i handlingsplanen för området.",
        "en": "No action plan items for the area.",
    },
    "lagesbild.series": {"sv": "Rapporter över tid", "en": "Reports over time"},
    "lagesbild.series.per_day": {"sv": "Rapporter per dag", "en": "Reports per day"},
    "lagesbild.series.per_week": {"sv": "Rapporter per vecka", "en": "Reports per week"},
    "lagesbild.series.per_period": {"sv": "Rapporter per 4 veckor", "en": "Reports per 4 weeks"},
    "lagesbild.series.alt": {
        "sv": "Stapeldiagram, {what} ({period}). {current_name}: {current}. "
        "{previous_name}: {previous}.",
        "en": "Bar chart, {what} ({period}). {current_name}: {current}. "
        "{previous_name}: {previous}.",
    },
    "lagesbild.pdf": {"sv": "Ladda ner lägesbilden som PDF", "en": "Download as PDF"},
    "lagesbild.col.place": {"sv": "Plats", "en": "Place"},
    "lagesbild.col.cell": {"sv": "Ruta", "en": "Cell"},
    "lagesbild.col.pattern": {"sv": "Mönster", "en": "Pattern"},
    "lagesbild.col.reports": {"sv": "Rapporter", "en": "Reports"},
    "lagesbild.col.name": {"sv": "Namn", "en": "Name"},
    "lagesbild.col.kind": {"sv": "Typ", "en": "Kind"},
    "lagesbild.col.status": {"sv": "Status", "en": "Status"},
    "lagesbild.col.owner": {"sv": "Ansvarig", "en": "Owner"},
    "lagesbild.col.start": {"sv": "Start", "en": "Start"},
    "lagesbild.col.end": {"sv": "Slut", "en": "End"},
    "lagesbild.col.indicator": {"sv": "Indikator", "en": "Indicator"},
    "lagesbild.col.value": {"sv": "Senaste värde", "en": "Latest value"},
    "lagesbild.col.period": {"sv": "Period", "en": "Period"},
    "lagesbild.col.previous": {"sv": "Föregående", "en": "Previous"},
    "lagesbild.col.verdict": {"sv": "Bedömning", "en": "Verdict"},
    "lagesbild.better": {"sv": "bättre", "en": "better"},
    "lagesbild.worse": {"sv": "sämre", "en": "worse"},
    "lagesbild.legend": {"sv": "Hot spots (Gi*)", "en": "Hot spots (Gi*)"},
    "lagesbild.current": {"sv": "Denna period", "en": "This period"},
    "lagesbild.previous": {"sv": "Föregående period", "en": "Previous period"},
    # Shared views
    "views.save": {"sv": "Spara vyn", "en": "Save this view"},
    "views.name": {"sv": "Namn på vyn", "en": "Name of the view"},
    "views.saved": {"sv": "Vyn sparades. Länk: {link}", "en": "View saved. Link: {link}"},
    "views.link": {"sv": "Länk till exakt den här vyn", "en": "Link to exactly this view"},
    "views.list": {"sv": "Sparade vyer för {area}", "en": "Saved views for {area}"},
    "views.none": {"sv": "Inga sparade vyer för området.", "en": "No saved views for the area."},
    "views.opened": {"sv": "Sparad vy: {name}", "en": "Saved view: {name}"},
    "views.bad_link": {
        "sv": "Länken kunde inte öppnas som vy; standardvyn visas.",
        "en": "The link could not be opened as a view; showing the default view.",
    },
    "views.area": {"sv": "Område", "en": "Area"},
    "views.open": {"sv": "Öppna vyn på sidan {page}", "en": "Open the view on the {page} page"},
    "views.no_page": {
        "sv": "Vyn hör till en sida som din roll inte har.",
        "en": "The view belongs to a page your role does not have.",
    },
    "views.agenda": {"sv": "Ny dagordning för mötesläget", "en": "New agenda for meeting mode"},
    "views.agenda_name": {"sv": "Namn på dagordningen", "en": "Name of the agenda"},
    "views.agenda_views": {"sv": "Vyer i ordning", "en": "Views in order"},
    "views.agenda_saved": {"sv": "Dagordningen sparades.", "en": "Agenda saved."},
    # Handlingsplan
    "plan.title": {"sv": "Handlingsplan", "en": "Action plan"},
    "plan.filter.area": {"sv": "Område", "en": "Area"},
    "plan.filter.actor": {"sv": "Ansvarig aktör", "en": "Responsible actor"},
    "plan.filter.status": {"sv": "Status", "en": "Status"},
    "plan.filter.overdue": {"sv": "Bara försenade", "en": "Only overdue"},
    "plan.count": {
        "sv": "{shown} av {total} {total:punkt|punkter} · {overdue} försenade",
        "en": "{shown} of {total} {total:item|items} · {overdue} overdue",
    },
    "plan.empty": {"sv": "Inga punkter matchar urvalet.", "en": "No items match the filters."},
    "plan.readonly": {
        "sv": "Du kan läsa handlingsplanen. Analytiker och administratörer ändrar den.",
        "en": "You can read the action plan. Analysts and administrators edit it.",
    },
    "plan.new": {"sv": "Ny punkt", "en": "New item"},
    "plan.edit": {"sv": "Ändra en punkt", "en": "Edit an item"},
    "plan.pick": {"sv": "Punkt", "en": "Item"},
    "plan.history": {"sv": "Historik", "en": "History"},
    "plan.what": {"sv": "Vad ska göras", "en": "What is to be done"},
    "plan.where_area": {"sv": "Var: område", "en": "Where: area"},
    "plan.where_intervention": {"sv": "Var: kopplad åtgärd", "en": "Where: linked intervention"},
    "plan.none": {"sv": "(ingen)", "en": "(none)"},
    "plan.where_shape": {"sv": "Var: ritad yta", "en": "Where: drawn shape"},
    "plan.where_shape.help": {
        "sv": "Ytor som ritats och sparats på sidan Åtgärder. Punkten får en kopia av ytan.",
        "en": "Shapes drawn and saved on the Interventions page. The item keeps a copy.",
    },
    "plan.shape": {"sv": "ritad yta", "en": "drawn shape"},
    "plan.shape_named": {"sv": "ritad yta: {name}", "en": "drawn shape: {name}"},
    "plan.who": {"sv": "Vem (ansvarig aktör)", "en": "Who (responsible actor)"},
    "plan.due": {"sv": "Klart senast", "en": "Due"},
    "plan.status": {"sv": "Status", "en": "Status"},
    "plan.meeting": {"sv": "Beslutat på möte", "en": "Decided at meeting"},
    "plan.meeting_date": {"sv": "Mötesdatum", "en": "Meeting date"},
    "plan.notes": {"sv": "Anteckningar", "en": "Notes"},
    "plan.add": {"sv": "Lägg till", "en": "Add"},
    "plan.update": {"sv": "Spara ändringar", "en": "Save changes"},
    "plan.added": {"sv": "Punkten lades till.", "en": "Item added."},
    "plan.added_named": {
        "sv": "Punkten ”{title}” lades till i handlingsplanen.",
        "en": "The item “{title}” was added to the action plan.",
    },
    "plan.intervention_gone": {
        "sv": "åtgärd nr {id} (borttagen)",
        "en": "intervention no. {id} (deleted)",
    },
    "plan.updated": {"sv": "Punkten sparades.", "en": "Item saved."},
    "plan.col.what": {"sv": "Vad", "en": "What"},
    "plan.col.where": {"sv": "Var", "en": "Where"},
    "plan.col.who": {"sv": "Vem", "en": "Who"},
    "plan.col.due": {"sv": "Klart senast", "en": "Due"},
    "plan.col.status": {"sv": "Status", "en": "Status"},
    "plan.col.overdue": {"sv": "Försenad", "en": "Overdue"},
    "plan.col.meeting": {"sv": "Beslutad", "en": "Decided"},
    "plan.col.notes": {"sv": "Anteckningar", "en": "Notes"},
    # Möte
    "mote.agenda": {"sv": "Dagordning", "en": "Agenda"},
    "mote.no_agenda": {
        "sv": "Ingen dagordning ännu. Spara vyer på sidan Lägesbild och sätt ihop en "
        "dagordning där.",
        "en": "No agenda yet. Save views on the Situation picture page and build an agenda there.",
    },
    "mote.step": {"sv": "Punkt {n} av {total}: {name}", "en": "Item {n} of {total}: {name}"},
    "mote.previous": {"sv": "◀ Föregående", "en": "◀ Previous"},
    "mote.next": {"sv": "Nästa ▶", "en": "Next ▶"},
    "mote.other_page": {
        "sv": "Den här punkten är en vy på sidan {page}: {area}, {period}.",
        "en": "This item is a view on the {page} page: {area}, {period}.",
    },
    "mote.missing_view": {
        "sv": "Vyn finns inte längre (borttagen).",
        "en": "The view no longer exists (deleted).",
    },
    "plan.error.no_plan": {
        "sv": "Databasen har ingen handlingsplan (uppgradera EST Geo).",
        "en": "The database has no action plan (upgrade EST Geo).",
    },
    "lagesbild.all_reports": {"sv": "Alla rapporter", "en": "All reports"},
    "lagesbild.change_new": {"sv": "ny", "en": "new"},
    "lagesbild.priority_rule": {
        "sv": "Rangordnade efter hot spot-styrka (Gi* z denna period) plus ökande trend "
        "(Mann–Kendall z för rutans Gi* över de senaste stegen, bara om den stiger). "
        "Bara signifikanta hot spots (minst 90 %) med egna rapporter; rutor som gränsar "
        "till en redan vald hoppas över, så att det blir tre olika platser.",
        "en": "Ranked by hot spot strength (Gi* z this period) plus a rising trend "
        "(Mann–Kendall z of the cell's Gi* over the latest steps, only if it rises). "
        "Only significant hot spots (at least 90%) with reports of their own; cells "
        "next to one already chosen are skipped, so that there are three different places.",
    },
    # the lägesbild map's tooltips (est_geo.meeting.lagesbild_map); {value:g} is the level
    "lagesbild.map.cell_tooltip": {
        "sv": "Hot spot, säkerhetsnivå {value:g} av 3",
        "en": "Hot spot, confidence level {value:g} of 3",
    },
    "lagesbild.map.priority": {"sv": "Prioritet {rank}", "en": "Priority {rank}"},
    # -- errors of the meeting's records (est_geo.meeting) -------------------------------
    "handlingsplan.unknown_area": {"sv": "okänt område", "en": "unknown area"},
    "handlingsplan.unknown_intervention": {"sv": "okänd åtgärd", "en": "unknown intervention"},
    "lagesbild.error.no_area": {
        "sv": "Området '{area}' finns inte. Giltiga områden: {valid}.",
        "en": "The area '{area}' does not exist. Valid areas: {valid}.",
    },
    "lagesbild.error.no_areas": {
        "sv": "Området '{area}' finns inte. Giltiga områden: inga.",
        "en": "The area '{area}' does not exist. Valid areas: none.",
    },
    "lagesbild.error.no_area_or_period": {
        "sv": "Vyn saknar område eller period.",
        "en": "The view has no area or period.",
    },
}
