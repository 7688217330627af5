"""Strings of the public overview page ("Läget i området")."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.oversikt": {"sv": "Läget i området", "en": "The situation in the area"},
    "public.intro": {
        "sv": "Här visas hur många händelser som rapporterats i EST-arbetet per område "
        "eller per ruta, och vad som görs. Ingen enskild händelse syns: små antal döljs "
        "och inga fritexter eller uppgifter om vem som rapporterat publiceras.",
        "en": "How many incidents were reported in the EST work per area or per cell, and "
        "what is being done. No single incident is shown: small counts are hidden and no "
        "free text or reporter is published.",
    },
    "public.category": {"sv": "Typ av händelse", "en": "Kind of incident"},
    "public.unit": {"sv": "Visa per", "en": "Show per"},
    "public.unit.areas": {"sv": "område", "en": "area"},
    "public.unit.cells": {"sv": "ruta {m} m", "en": "{m} m cell"},
    "public.legend": {"sv": "Antal händelser", "en": "Number of incidents"},
    "public.legend.up_to": {"sv": "upp till {high}", "en": "up to {high}"},
    "public.legend.between": {
        "sv": "fler än {low}, högst {high}",
        "en": "more than {low}, at most {high}",
    },
    "public.legend.above": {"sv": "fler än {low}", "en": "more than {low}"},
    "public.legend.hidden": {
        "sv": "utan färg: färre än {k} eller dolt",
        "en": "no colour: fewer than {k}, or hidden",
    },
    "public.tooltip": {
        "sv": "{shown} {n:händelse|händelser}",
        "en": "{shown} {n:incident|incidents}",
    },
    "public.suppressed_areas": {
        "sv": "Områden utan färg har färre än {k} {k:händelse|händelser} (även inga), eller "
        "ett större antal som döljs så att ett litet inte kan räknas fram ur summorna. I "
        'tabellen står de som "färre än {k}".',
        "en": "Areas without colour have fewer than {k} {k:incident|incidents} (or none), or a "
        "larger count hidden so that a small one cannot be worked out from the totals. The "
        'table shows them as "fewer than {k}".',
    },
    "public.suppressed_table": {
        "sv": '"Färre än {k}" betyder färre än {k} {k:händelse|händelser} i området, även '
        "inga: så små antal visas inte, så att ingen enskild händelse kan pekas ut. Ibland "
        "döljs också ett större antal på samma sätt, så att ett dolt litet antal inte kan "
        "räknas fram ur summan för alla områden.",
        "en": '"Fewer than {k}" means fewer than {k} {k:incident|incidents} in the area, or '
        "none: counts that small are not shown, so that no single incident can be singled "
        "out. Sometimes a larger count is hidden the same way, so that a hidden small count "
        "cannot be worked out from the total of all areas.",
    },
    "public.suppressed_cells": {
        "sv": "Rutor om {m} m med färre än {k} {k:händelse|händelser} visas inte.",
        "en": "{m} m cells with fewer than {k} {k:incident|incidents} are not shown.",
    },
    "public.period": {
        "sv": "Period: {period} ({start} – {end}).",
        "en": "Period: {period} ({start} – {end}).",
    },
    "public.period_kind": {"sv": "Visa", "en": "Show"},
    "public.period_kind.kvartal": {"sv": "kvartal", "en": "quarter"},
    "public.period_kind.ar": {"sv": "år", "en": "year"},
    "public.period.kvartal": {"sv": "{year} kvartal {n}", "en": "{year} quarter {n}"},
    "public.period.ar": {"sv": "{year}", "en": "{year}"},
    "public.no_closed_period": {
        "sv": "Inget avslutat kvartal eller år med rapporter finns ännu. Siffrorna för en "
        "period publiceras dagen efter att den har slutat.",
        "en": "There is no ended quarter or year with reports yet. A period's figures are "
        "published the day after it ends.",
    },
    "public.rounding": {
        "sv": "Alla antal är avrundade till närmaste multipel av {k}, och några större antal "
        "döljs också, så att ingen kan räkna fram ett litet antal genom att jämföra "
        "siffror. Bara avslutade kvartal och år visas; siffrorna ändras inte från dag "
        "till dag.",
        "en": "All counts are rounded to the nearest multiple of {k}, and some larger counts "
        "are hidden too, so that no one can work out a small count by comparing "
        "figures. Only ended quarters and years are shown; the figures do not change "
        "from day to day.",
    },
    "public.by_area": {"sv": "Per område", "en": "Per area"},
    "public.trend": {"sv": "Utveckling per månad", "en": "Trend per month"},
    "public.month": {"sv": "Månad", "en": "Month"},
    "public.month_of": {"sv": "Månad {year}", "en": "Month {year}"},
    "public.trend_note": {
        "sv": "Månader med färre än {k} {k:händelse|händelser} visas utan stapel ({label}); "
        "ibland döljs även en månad med fler, så att den dolda inte kan räknas fram.",
        "en": "Months with fewer than {k} {k:incident|incidents} have no bar ({label}); "
        "sometimes a month with more is hidden too, so the hidden one cannot be worked out.",
    },
    "public.interventions": {"sv": "Vad görs", "en": "What is being done"},
    "public.interventions.none": {
        "sv": "Inga åtgärder är publicerade just nu.",
        "en": "No interventions are published right now.",
    },
    "public.col.done_here": {"sv": "Vad görs här", "en": "What is done here"},
    "public.interventions.all": {
        "sv": "Alla publicerade åtgärder",
        "en": "All published interventions",
    },
    "public.col.kind": {"sv": "Åtgärd", "en": "Intervention"},
    "public.col.status": {"sv": "Status", "en": "Status"},
    "public.caveats.title": {"sv": "Om uppgifterna", "en": "About the data"},
    "public.caveats": {
        "sv": "- Uppgifterna kommer från EST-rapporter från kommunen, polisen, "
        "bostadsbolagen och andra aktörer. De är inte polisens brottsstatistik.\n"
        "- Fler rapporter kan betyda fler händelser, men också fler rapportörer eller "
        "större uppmärksamhet på platsen.\n"
        '- Antal under {k} visas som "färre än {k}" så att ingen enskild händelse kan '
        "pekas ut; övriga antal avrundas till närmaste multipel av {k}. Kartan visar "
        "områden eller rutor om minst 100 m, aldrig platser.\n"
        "- Endast åtgärder som aktörerna valt att publicera visas.",
        "en": "- The data are EST reports from the municipality, the police, the housing "
        "companies and other actors. They are not the police's crime statistics.\n"
        "- More reports can mean more incidents, but also more reporters or more "
        "attention to a place.\n"
        '- Counts below {k} show as "fewer than {k}" so that no single incident can be '
        "singled out; other counts are rounded to the nearest multiple of {k}. The map "
        "shows areas or cells of at least 100 m, never places.\n"
        "- Only interventions the actors chose to publish are listed.",
    },
    "public.updated": {"sv": "Senast uppdaterad: {updated}.", "en": "Last updated: {updated}."},
    "public.suppressed": {"sv": "färre än {k}", "en": "fewer than {k}"},
}
