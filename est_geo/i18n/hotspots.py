"""Strings of the Hotspots page, Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.hotspots": {"sv": "Hotspots", "en": "Hot spots"},
    "hotspots.intro": {
        "sv": "Var och när koncentreras händelserna? Välj visning ovanför kartan och urval "
        "i sidopanelen. Klicka på en ruta för detaljer.",
        "en": "Where and when do incidents concentrate? Pick a view above the map and "
        "filters in the sidebar. Click a cell for details.",
    },
    "hotspots.mode": {"sv": "Visning", "en": "View"},
    "hotspots.mode.punkter": {"sv": "Punkter", "en": "Points"},
    "hotspots.mode.tathet": {"sv": "Täthet", "en": "Density"},
    "hotspots.mode.rutnat": {"sv": "Rutnät", "en": "Grid"},
    "hotspots.mode.gistar": {"sv": "Gi*", "en": "Gi*"},
    "hotspots.mode.emerging": {"sv": "Nya & växande", "en": "New & growing"},
    "hotspots.explain.punkter": {
        "sv": "Varje händelse som en punkt (sammanslagna när de ligger tätt). Vid fler än "
        "{max} {max:händelse|händelser} visas antal per ruta i stället.",
        "en": "Each incident as a point (clustered when close). Above {max} "
        "{max:incident|incidents}, "
        "counts per cell are shown instead.",
    },
    "hotspots.explain.tathet": {
        "sv": "Täthetskarta (kernel density, bandbredd {bandwidth} m): de tätaste rutorna "
        "som tillsammans rymmer 25, 50, 75 och 90 % av händelserna.",
        "en": "Density map (kernel density, bandwidth {bandwidth} m): the densest cells "
        "that together hold 25, 50, 75 and 90% of the incidents.",
    },
    "hotspots.explain.rutnat": {
        "sv": "Antal händelser per ruta om {cell} m. Tomma rutor visas inte.",
        "en": "Number of incidents per {cell} m cell. Empty cells are not drawn.",
    },
    "hotspots.explain.gistar": {
        "sv": "Getis–Ord Gi*: en ruta är en **hot spot** när den och dess åtta grannrutor "
        "tillsammans har betydligt fler händelser än området i genomsnitt. "
        "*Hot spot, 99 % säkerhet* betyder att ett så högt värde skulle uppstå av en "
        "slump högst en gång på hundra; 95 % och 90 % på motsvarande sätt. *Cold spot* är "
        "det omvända: betydligt färre än genomsnittet. Rutor utan signifikant mönster "
        "visas inte.",
        "en": "Getis–Ord Gi*: a cell is a **hot spot** when it and its eight neighbours "
        "together have clearly more incidents than the area's average. *Hot spot, 99% "
        "confidence* means such a high value would arise by chance at most once in a "
        "hundred; likewise 95% and 90%. A *cold spot* is the reverse. Cells without a "
        "significant pattern are not drawn.",
    },
    "hotspots.explain.emerging": {
        "sv": "Nya och växande hot spots: Gi* för varje {step} i {steps} steg och en "
        "Mann–Kendall-trend per ruta. *Ny*: hot spot bara i sista steget. "
        "*Sammanhängande*: hot spot i de senaste stegen i följd. *Förstärkt*: hot spot "
        "nästan hela tiden och allt starkare. *Ihållande*: nästan hela tiden, utan trend. "
        "*Avtagande*: nästan hela tiden men allt svagare. *Sporadisk*: av och till. "
        "*Växlande*: har också varit cold spot. *Historisk*: var hot spot nästan hela "
        "tiden men inte nu.",
        "en": "New and growing hot spots: Gi* for every {step} over {steps} steps and a "
        "Mann–Kendall trend per cell. *New*: hot only in the last step. *Consecutive*: "
        "hot in an unbroken run of the latest steps. *Intensifying*: hot nearly always "
        "and getting stronger. *Persistent*: nearly always, no trend. *Diminishing*: "
        "nearly always but weakening. *Sporadic*: on and off. *Oscillating*: has also "
        "been a cold spot. *Historical*: hot nearly always but not now.",
    },
    "hotspots.step.month": {"sv": "månad", "en": "month"},
    "hotspots.step.week": {"sv": "vecka", "en": "week"},
    "hotspots.legend.punkter": {"sv": "Kategori", "en": "Category"},
    "hotspots.legend.tathet": {"sv": "Täthet", "en": "Density"},
    "hotspots.legend.rutnat": {"sv": "Händelser per ruta", "en": "Incidents per cell"},
    "hotspots.legend.gistar": {"sv": "Gi* hot spots", "en": "Gi* hot spots"},
    "hotspots.legend.emerging": {"sv": "Nya & växande", "en": "New & growing"},
    "hotspots.area": {"sv": "Analysområde", "en": "Study area"},
    "hotspots.area.help": {
        "sv": "Analysen görs i rektangeln som täcker de valda områdena.",
        "en": "The analysis covers the rectangle around the chosen areas.",
    },
    "hotspots.weekdays": {"sv": "Veckodagar", "en": "Weekdays"},
    "hotspots.hours": {"sv": "Klockslag", "en": "Hours"},
    "hotspots.hours.help": {
        "sv": "Väljer du klockslag räknas bara händelser med känd tid.",
        "en": "Choosing hours keeps only incidents with a known time of day.",
    },
    "hotspots.cell_size": {"sv": "Rutstorlek (m)", "en": "Cell size (m)"},
    "hotspots.bandwidth": {
        "sv": "Bandbredd (m), 0 = automatisk",
        "en": "Bandwidth (m), 0 = automatic",
    },
    "hotspots.bandwidth.help": {
        "sv": "Hur mycket varje händelse sprids ut. Automatiskt: Silvermans regel, "
        "begränsad till en ruta–500 m.",
        "en": "How far each incident is spread. Automatic: Silverman's rule, limited to "
        "one cell–500 m.",
    },
    "hotspots.fdr": {"sv": "Korrigera för många test (FDR)", "en": "Correct for many tests (FDR)"},
    "hotspots.fdr.help": {
        "sv": "Benjamini–Hochberg: håller andelen falska hot spots bland de visade nere. "
        "Strängare, färre rutor.",
        "en": "Benjamini–Hochberg: keeps the share of false hot spots among those shown "
        "low. Stricter, fewer cells.",
    },
    "hotspots.comparison": {"sv": "Jämför med", "en": "Compare with"},
    "hotspots.comparison.none": {"sv": "Ingen jämförelse", "en": "No comparison"},
    "hotspots.comparison.previous": {"sv": "Föregående period", "en": "Previous period"},
    "hotspots.comparison.last_year": {
        "sv": "Samma period förra året",
        "en": "Same period last year",
    },
    "hotspots.summary": {
        "sv": "{n} {n:händelse|händelser} i analysområdet ({period}), rutor om {cell} m; "
        "{hot} {hot:ruta|rutor} markerade som hot spot (Gi*, 90 % eller mer), "
        "i {places} {places:plats|platser}.",
        "en": "{n} {n:incident|incidents} in the study area ({period}), {cell} m cells; "
        "{hot} {hot:cell|cells} marked as hot spots (Gi*, 90% or more), "
        "in {places} {places:place|places}.",
    },
    "hotspots.coarsened": {
        "sv": "För många rutor att rita: rutstorleken höjdes från {asked} m till {used} m.",
        "en": "Too many cells to draw: cell size raised from {asked} m to {used} m.",
    },
    "hotspots.hidden": {
        "sv": "{n} svagare rutor visas inte på kartan (finns i nedladdningen).",
        "en": "{n} weaker cells are not drawn (they are in the download).",
    },
    "hotspots.none": {"sv": "Inga händelser i urvalet.", "en": "No incidents match the filters."},
    "hotspots.empty_layer": {
        "sv": "Inga rutor att visa i det här läget för urvalet.",
        "en": "No cells to show in this view for the selection.",
    },
    "hotspots.click_hint": {
        "sv": "Klicka på en ruta på kartan – eller välj en i listan – för att se vad som hänt där.",
        "en": "Click a cell on the map – or pick one from the list – to see what happened there.",
    },
    "hotspots.cell.pick": {"sv": "Ruta", "en": "Cell"},
    "hotspots.cell.title": {"sv": "Ruta {cell}", "en": "Cell {cell}"},
    "hotspots.cell.total": {
        "sv": "{n} {n:händelse|händelser} i rutan under perioden{place}.",
        "en": "{n} {n:incident|incidents} in the cell during the period{place}.",
    },
    "hotspots.cell.empty": {
        "sv": "Inga händelser i själva rutan under perioden. Den kan ändå vara en hot spot: "
        "Gi* räknar rutan tillsammans med sina åtta grannrutor.",
        "en": "No incidents in the cell itself during the period. It can still be a hot "
        "spot: Gi* counts the cell together with its eight neighbours.",
    },
    "hotspots.cell.by_category": {"sv": "Per kategori", "en": "By category"},
    "hotspots.cell.trend": {"sv": "Per månad (12 månader)", "en": "By month (12 months)"},
    "hotspots.cell.weekday_hour": {"sv": "Veckodag × klockslag", "en": "Weekday × hour"},
    "hotspots.cell.windows": {"sv": "Flest händelser: {windows}.", "en": "Busiest: {windows}."},
    "hotspots.cell.no_time": {
        "sv": "{n} {n:händelse|händelser} saknar klockslag och ingår inte i diagrammet.",
        "en": "{n} {n:incident has|incidents have} no time of day and {n:is|are} left out of the "
        "chart.",
    },
    "hotspots.top.title": {
        "sv": "Hot spot-platser – flest händelser först",
        "en": "Hot spot places – most incidents first",
    },
    "hotspots.top.explain": {
        "sv": "Gi* markerar grannskap, inte enskilda rutor: en ruta blir hot spot när den "
        "*tillsammans med sina åtta grannar* har fler händelser än väntat. En ruta kan alltså "
        "vara markerad fast den själv har få eller inga händelser – den ligger intill en "
        "plats där mycket händer. Därför slås markerade rutor som gränsar till varandra ihop "
        "till en plats, som här rangordnas efter antalet händelser i dess rutor och namnges "
        "efter det minsta område som täcker dess mest belastade ruta.",
        "en": "Gi* marks neighbourhoods, not single cells: a cell is a hot spot when it "
        "*together with its eight neighbours* has more incidents than expected. A cell can "
        "therefore be marked although it has few or no incidents itself – it lies next to a "
        "place where much happens. So marked cells that touch are joined into one place, "
        "ranked here by the incidents in its cells and named after the smallest area "
        "covering its busiest cell.",
    },
    "hotspots.col.near": {"sv": "Närmaste område", "en": "Nearest area"},
    "hotspots.col.cells": {"sv": "Rutor", "en": "Cells"},
    "hotspots.col.hectares": {"sv": "Yta (ha)", "en": "Size (ha)"},
    "hotspots.col.level": {"sv": "Starkaste nivå", "en": "Strongest level"},
    "hotspots.col.cell_ids": {"sv": "Rut-id", "en": "Cell ids"},
    "hotspots.near": {"sv": "{metres} m från {place}", "en": "{metres} m from {place}"},
    "hotspots.cell.option": {"sv": "{cell} ({place})", "en": "{cell} ({place})"},
    "hotspots.top.none": {
        "sv": "Inga signifikanta hot spots i urvalet.",
        "en": "No significant hot spots in the selection.",
    },
    "hotspots.col.rank": {"sv": "Nr", "en": "No."},
    "hotspots.col.place": {"sv": "Plats", "en": "Place"},
    "hotspots.col.cell": {"sv": "Ruta", "en": "Cell"},
    "hotspots.col.count": {"sv": "Antal", "en": "Count"},
    "hotspots.col.z": {"sv": "z", "en": "z"},
    "hotspots.col.class": {"sv": "Klass", "en": "Class"},
    "hotspots.col.change": {"sv": "Förändring", "en": "Change"},
    "hotspots.col.category": {"sv": "Kategori", "en": "Category"},
    "hotspots.col.month": {"sv": "Månad", "en": "Month"},
    "hotspots.col.weekday": {"sv": "Veckodag", "en": "Weekday"},
    "hotspots.col.hour": {"sv": "Timme", "en": "Hour"},
    "hotspots.outside_area": {"sv": "utanför namngivna områden", "en": "outside named areas"},
    "hotspots.download": {"sv": "Ladda ned lagret", "en": "Download the layer"},
    "hotspots.download.geojson": {"sv": "GeoJSON (WGS84)", "en": "GeoJSON (WGS84)"},
    "hotspots.download.gpkg": {"sv": "GeoPackage", "en": "GeoPackage"},
    "hotspots.download.csv": {"sv": "CSV", "en": "CSV"},
    "hotspots.download.xlsx": {"sv": "Excel (XLSX)", "en": "Excel (XLSX)"},
    # the Excel download's sheets (est_geo.hotspots.layers.export_xlsx)
    "hotspots.sheet.cells": {"sv": "rutor", "en": "cells"},
    "hotspots.sheet.parameters": {"sv": "parametrar", "en": "parameters"},
    "hotspots.download.help": {
        "sv": "Rutor med händelser eller signifikant klass, med analysens parametrar.",
        "en": "Cells with incidents or a significant class, with the run's parameters.",
    },
    "hotspots.error": {
        "sv": "Analysen kunde inte göras: {error}",
        "en": "The analysis could not be run: {error}",
    },
    # Gi* classes and short weekday names, as the Hotspots page labels them.
    "hotspots.class.hot_99": {"sv": "Hot spot, 99 % säkerhet", "en": "Hot spot, 99% confidence"},
    "hotspots.class.hot_95": {"sv": "Hot spot, 95 % säkerhet", "en": "Hot spot, 95% confidence"},
    "hotspots.class.hot_90": {"sv": "Hot spot, 90 % säkerhet", "en": "Hot spot, 90% confidence"},
    "hotspots.class.none": {"sv": "Inte signifikant", "en": "Not significant"},
    "hotspots.class.cold_90": {
        "sv": "Cold spot, 90 % säkerhet",
        "en": "Cold spot, 90% confidence",
    },
    "hotspots.class.cold_95": {
        "sv": "Cold spot, 95 % säkerhet",
        "en": "Cold spot, 95% confidence",
    },
    "hotspots.class.cold_99": {
        "sv": "Cold spot, 99 % säkerhet",
        "en": "Cold spot, 99% confidence",
    },
    "hotspots.weekday.0": {"sv": "mån", "en": "Mon"},
    "hotspots.weekday.1": {"sv": "tis", "en": "Tue"},
    "hotspots.weekday.2": {"sv": "ons", "en": "Wed"},
    "hotspots.weekday.3": {"sv": "tor", "en": "Thu"},
    "hotspots.weekday.4": {"sv": "fre", "en": "Fri"},
    "hotspots.weekday.5": {"sv": "lör", "en": "Sat"},
    "hotspots.weekday.6": {"sv": "sön", "en": "Sun"},
    "hotspots.note.few_incidents": {
        "sv": "För få händelser för säkra slutsatser: {n} i analysområdet (minst {least} "
        "behövs). Mönstret kan vara slumpen – välj en längre period, fler kategorier eller "
        "ett större område.",
        "en": "Too few incidents for firm conclusions: {n} in the analysis area (at least "
        "{least} needed). The pattern may be chance – choose a longer period, more "
        "categories or a larger area.",
    },
    "hotspots.note.few_cells": {
        "sv": "Händelserna ligger i bara {n} {n:ruta|rutor} (minst {least} behövs): "
        "hot spot-testet visar då bara var de få rapporterna finns. Välj en längre period "
        "eller mindre rutor.",
        "en": "The incidents lie in only {n} {n:cell|cells} (at least {least} needed): "
        "the hot spot test then only shows where the few reports are. Choose a longer "
        "period or smaller cells.",
    },
    "hotspots.note.few_steps": {
        "sv": "Tidsserien har bara {n} steg (minst {least} rekommenderas): trenderna är "
        "osäkra. Välj en längre period.",
        "en": "The time series has only {n} {n:step|steps} (at least {least} recommended): the "
        "trends are uncertain. Choose a longer period.",
    },
    "hotspots.note.all_equal": {
        "sv": "Alla rutor har lika många händelser, så inga hot spots kan beräknas. Välj en "
        "längre period eller fler kategorier.",
        "en": "Every cell has the same number of incidents, so no hot spots can be computed. "
        "Choose a longer period or more categories.",
    },
    # Legend labels of the KDE and emerging hot spot classes.
    "hotspots.class.kde_25": {
        "sv": "Tätast: 25 % av händelserna",
        "en": "Densest: 25% of the incidents",
    },
    "hotspots.class.kde_50": {
        "sv": "Tätast: 50 % av händelserna",
        "en": "Densest: 50% of the incidents",
    },
    "hotspots.class.kde_75": {
        "sv": "Tätast: 75 % av händelserna",
        "en": "Densest: 75% of the incidents",
    },
    "hotspots.class.kde_90": {
        "sv": "Tätast: 90 % av händelserna",
        "en": "Densest: 90% of the incidents",
    },
    "hotspots.class.new_hot": {"sv": "Ny hot spot", "en": "New hot spot"},
    "hotspots.class.consecutive_hot": {
        "sv": "Sammanhängande hot spot",
        "en": "Consecutive hot spot",
    },
    "hotspots.class.intensifying_hot": {"sv": "Förstärkt hot spot", "en": "Intensifying hot spot"},
    "hotspots.class.persistent_hot": {"sv": "Ihållande hot spot", "en": "Persistent hot spot"},
    "hotspots.class.diminishing_hot": {"sv": "Avtagande hot spot", "en": "Diminishing hot spot"},
    "hotspots.class.sporadic_hot": {"sv": "Sporadisk hot spot", "en": "Sporadic hot spot"},
    "hotspots.class.oscillating_hot": {"sv": "Växlande hot spot", "en": "Oscillating hot spot"},
    "hotspots.class.historical_hot": {"sv": "Historisk hot spot", "en": "Historical hot spot"},
    "hotspots.class.new_cold": {"sv": "Ny cold spot", "en": "New cold spot"},
    "hotspots.class.consecutive_cold": {
        "sv": "Sammanhängande cold spot",
        "en": "Consecutive cold spot",
    },
    "hotspots.class.intensifying_cold": {
        "sv": "Förstärkt cold spot",
        "en": "Intensifying cold spot",
    },
    "hotspots.class.persistent_cold": {"sv": "Ihållande cold spot", "en": "Persistent cold spot"},
    "hotspots.class.diminishing_cold": {"sv": "Avtagande cold spot", "en": "Diminishing cold spot"},
    "hotspots.class.sporadic_cold": {"sv": "Sporadisk cold spot", "en": "Sporadic cold spot"},
    "hotspots.class.oscillating_cold": {"sv": "Växlande cold spot", "en": "Oscillating cold spot"},
    "hotspots.class.historical_cold": {"sv": "Historisk cold spot", "en": "Historical cold spot"},
    "hotspots.class.no_pattern": {"sv": "Inget mönster", "en": "No pattern"},
    "hotspots.class.none_hidden": {
        "sv": "Inte signifikant (visas inte)",
        "en": "Not significant (not shown)",
    },
    "hotspots.class.no_pattern_hidden": {
        "sv": "Inget mönster (visas inte)",
        "en": "No pattern (not shown)",
    },
    "hotspots.count_class": {
        "sv": "{range} {high:händelse|händelser}",
        "en": "{range} {high:incident|incidents}",
    },
    "hotspots.unit": {"sv": "händelser", "en": "incidents"},
    "hotspots.comparison.sentence.previous": {
        "sv": "{current} {current:händelse|händelser} mot {reference} föregående period "
        "({start} – {end}): {change}{pct}.",
        "en": "{current} {current:incident|incidents} against {reference} in the previous "
        "period ({start} – {end}): {change}{pct}.",
    },
    "hotspots.comparison.sentence.last_year": {
        "sv": "{current} {current:händelse|händelser} mot {reference} samma period förra "
        "året ({start} – {end}): {change}{pct}.",
        "en": "{current} {current:incident|incidents} against {reference} in the same period "
        "last year ({start} – {end}): {change}{pct}.",
    },
    "hotspots.comparison.pct": {"sv": ", {pct} %", "en": ", {pct}%"},
    # -- errors and validation problems of the hot spot analyses (est_geo.hotspots) ------
    "hotspots.invalid.grid": {"sv": "Ogiltigt rutnät", "en": "Invalid grid"},
    "hotspots.invalid.cell_size": {"sv": "Ogiltig rutstorlek", "en": "Invalid cell size"},
    "hotspots.invalid.bbox": {"sv": "Ogiltigt område", "en": "Invalid area"},
    "hotspots.invalid.concentration": {
        "sv": "Ogiltig indata för koncentration",
        "en": "Invalid input for the concentration",
    },
    "hotspots.invalid.emerging": {
        "sv": "Ogiltiga parametrar för framväxande hot spots",
        "en": "Invalid parameters for emerging hot spots",
    },
    "hotspots.invalid.gistar": {"sv": "Ogiltig indata för Gi*", "en": "Invalid input for Gi*"},
    "hotspots.invalid.neighbours": {"sv": "Ogiltig grannlista", "en": "Invalid neighbour list"},
    "hotspots.invalid.windows": {"sv": "Ogiltiga tidsfönster", "en": "Invalid time windows"},
    "hotspots.invalid.params": {
        "sv": "Ogiltiga inställningar för hot spot-analysen",
        "en": "Invalid settings for the hot spot analysis",
    },
    "hotspots.invalid.link": {
        "sv": "Länken har ogiltiga inställningar för Hotspots",
        "en": "The link has invalid settings for Hot spots",
    },
    "hotspots.invalid.view": {"sv": "Vyn kan inte visas", "en": "The view cannot be shown"},
    "hotspots.invalid.selection": {"sv": "Ogiltigt urval", "en": "Invalid selection"},
    "hotspots.invalid.unknown_area": {
        "sv": "Okänt område. Giltiga områden: {valid}",
        "en": "Unknown area. Valid areas: {valid}",
    },
    "hotspots.problem.unknown_area": {"sv": "okänt område", "en": "unknown area"},
    "hotspots.problem.no_geometry": {
        "sv": "saknar giltig geometri",
        "en": "has no valid geometry",
    },
    "hotspots.problem.cells_outside": {
        "sv": "rutor utanför rutnätet",
        "en": "cells outside the grid",
    },
    "hotspots.problem.finite_per_point": {
        "sv": "måste vara ändliga, en per punkt",
        "en": "must be finite, one per point",
    },
    "hotspots.problem.x_length": {
        "sv": "x har {n} {n:värde|värden}; måste vara lika",
        "en": "x has {n} {n:value|values}; the lengths must be equal",
    },
    "hotspots.problem.x_length_short": {
        "sv": "x har {n}; måste vara lika",
        "en": "x has {n}; the lengths must be equal",
    },
    "hotspots.problem.int_at_least_one": {
        "sv": "måste vara ett heltal ≥ 1",
        "en": "must be a whole number ≥ 1",
    },
    "hotspots.problem.max_cells": {
        "sv": "högst {max} {max:ruta|rutor} per rutnät",
        "en": "at most {max} {max:cell|cells} per grid",
    },
    "hotspots.problem.cell_size_metres": {
        "sv": "måste vara ett heltal {min}–{max} meter",
        "en": "must be a whole number of metres, {min}–{max}",
    },
    "hotspots.problem.bbox_four": {
        "sv": "måste vara fyra ändliga tal",
        "en": "must be four finite numbers",
    },
    "hotspots.problem.bbox_order": {"sv": "min måste vara ≤ max", "en": "min must be ≤ max"},
    "hotspots.problem.finite_non_negative": {
        "sv": "måste vara ändliga och ≥ 0",
        "en": "must be finite and ≥ 0",
    },
    "hotspots.problem.finite_positive": {
        "sv": "måste vara ändliga och > 0",
        "en": "must be finite and > 0",
    },
    "hotspots.problem.no_cells_in_area": {
        "sv": "inga rutor i området",
        "en": "no cells in the area",
    },
    "hotspots.problem.bool_mask": {
        "sv": "måste vara en bool-mask {shape}",
        "en": "must be a boolean mask {shape}",
    },
    "hotspots.problem.shares": {
        "sv": "andelar måste ligga i (0, 1]",
        "en": "shares must lie in (0, 1]",
    },
    "hotspots.problem.step": {
        "sv": "måste vara 'month' eller 'week'",
        "en": "must be 'month' or 'week'",
    },
    "hotspots.problem.open_unit": {"sv": "måste ligga i (0, 1)", "en": "must lie in (0, 1)"},
    "hotspots.problem.int_range": {
        "sv": "måste vara ett heltal 1–{max}",
        "en": "must be a whole number 1–{max}",
    },
    "hotspots.problem.seven_day_dates": {
        "sv": "7-dagarssteg behöver både start- och slutdatum",
        "en": "7-day steps need both a start and an end date",
    },
    "hotspots.problem.matrix_2d": {
        "sv": "måste vara en 2-D matris (ny, nx)",
        "en": "must be a 2-D matrix (ny, nx)",
    },
    "hotspots.problem.all_finite": {
        "sv": "alla värden måste vara ändliga",
        "en": "every value must be finite",
    },
    "hotspots.problem.shape_mismatch": {
        "sv": "matchar inte {shape}",
        "en": "does not match {shape}",
    },
    "hotspots.problem.vector": {
        "sv": "måste vara en icke-tom vektor av ändliga tal",
        "en": "must be a non-empty vector of finite numbers",
    },
    "hotspots.problem.square": {"sv": "måste vara ({n}, {n})", "en": "must be ({n}, {n})"},
    "hotspots.problem.n_lists": {
        "sv": "måste ha {n} listor",
        "en": "must have {n} {n:list|lists}",
    },
    "hotspots.problem.index_range": {
        "sv": "index utanför 0–{max}",
        "en": "index outside 0–{max}",
    },
    "hotspots.problem.bandwidth_range": {
        "sv": "måste vara ett tal i (0, {max}] meter",
        "en": "must be a number in (0, {max}] metres",
    },
    "hotspots.problem.edge": {
        "sv": "måste vara 'reflect' eller 'none'",
        "en": "must be 'reflect' or 'none'",
    },
    "hotspots.problem.week_profile": {"sv": "måste vara 7×24", "en": "must be 7×24"},
    "hotspots.problem.window_hours": {
        "sv": "måste vara 1–84 timmar",
        "en": "must be 1–84 hours",
    },
    "hotspots.problem.at_least_one": {"sv": "måste vara ≥ 1", "en": "must be ≥ 1"},
    "hotspots.problem.gistar_result": {
        "sv": "kräver Gi*-resultat med rutnät, n ≥ 1",
        "en": "needs a Gi* result on a grid, n ≥ 1",
    },
    "hotspots.problem.gistar_result_by": {
        "sv": "kräver Gi*-resultat med rutnät, n ≥ 1, by z/count",
        "en": "needs a Gi* result on a grid, n ≥ 1, by z/count",
    },
    "hotspots.problem.cell_id": {
        "sv": "väntade t.ex. '100m_E5648_N64931'",
        "en": "expected e.g. '100m_E5648_N64931'",
    },
    "hotspots.problem.columns_missing": {"sv": "kolumner saknas", "en": "columns missing"},
    "hotspots.problem.choose_one": {"sv": "välj en av {choices}", "en": "choose one of {choices}"},
    "hotspots.problem.cell_size_whole": {
        "sv": "rutstorleken måste vara hela meter {min}–{max}",
        "en": "the cell size must be whole metres {min}–{max}",
    },
    "hotspots.problem.neighbourhood": {
        "sv": "grannskapet måste vara 1–5 rutor",
        "en": "the neighbourhood must be 1–5 cells",
    },
    "hotspots.problem.bandwidth_5000": {"sv": "bandbredd 0–5 000 m", "en": "bandwidth 0–5,000 m"},
    "hotspots.problem.view_period": {"sv": "vyn saknar period", "en": "the view has no period"},
    "hotspots.problem.link_cell": {"sv": "rutstorlek: {sizes} m", "en": "cell size: {sizes} m"},
    "hotspots.problem.link_days": {
        "sv": "veckodagar 0–6 (0 = måndag), kommaseparerade",
        "en": "weekdays 0–6 (0 = Monday), comma-separated",
    },
    "hotspots.problem.link_hours": {
        "sv": "timmar som 'från-till', 0–23",
        "en": "hours as 'from-to', 0–23",
    },
    "hotspots.problem.link_cmp": {
        "sv": "jämförelse: none, {choices}",
        "en": "comparison: none, {choices}",
    },
    "hotspots.problem.link_bw": {"sv": "bandbredd 0–{max} m", "en": "bandwidth 0–{max} m"},
    "hotspots.problem.link_fdr": {"sv": "0 eller 1", "en": "0 or 1"},
    "hotspots.analysis.no_areas": {
        "sv": "Det finns inga områden att analysera. Importera områden först.",
        "en": "There are no areas to analyse. Import areas first.",
    },
    "hotspots.analysis.no_incidents_concentration": {
        "sv": "Inga händelser i området, så koncentrationen kan inte beräknas.",
        "en": "No incidents in the area, so the concentration cannot be computed.",
    },
    "hotspots.analysis.no_incidents_pai": {
        "sv": "Inga händelser i området, så PAI kan inte beräknas.",
        "en": "No incidents in the area, so the PAI cannot be computed.",
    },
    "hotspots.analysis.no_hotspots_pai": {
        "sv": "Inga hot spots valda, så PAI kan inte beräknas.",
        "en": "No hot spots chosen, so the PAI cannot be computed.",
    },
    "hotspots.analysis.trend_two_steps": {
        "sv": "Trendtest kräver minst två tidssteg.",
        "en": "A trend test needs at least two time steps.",
    },
    "hotspots.analysis.emerging_two_steps": {
        "sv": "Minst två tidssteg med händelser inom rutnätet behövs för att hitta "
        "framväxande hot spots (helst tio eller fler).",
        "en": "At least two time steps with incidents inside the grid are needed to find "
        "emerging hot spots (preferably ten or more).",
    },
    "hotspots.analysis.flat_grid": {
        "sv": "Alla rutor har samma antal händelser (t.ex. inga alls), så inga hot spots kan "
        "beräknas. Välj en längre period, fler kategorier eller ett större område.",
        "en": "Every cell has the same number of incidents (none at all, for example), so no "
        "hot spots can be computed. Choose a longer period, more categories or a larger area.",
    },
    "hotspots.analysis.flat_areas": {
        "sv": "Alla områden har samma värde, så inga hot spots kan beräknas.",
        "en": "Every area has the same value, so no hot spots can be computed.",
    },
    "hotspots.analysis.kde_two_incidents": {
        "sv": "Minst två händelser behövs för att välja bandbredd automatiskt.",
        "en": "At least two incidents are needed to choose the bandwidth automatically.",
    },
    "hotspots.analysis.kde_one_place": {
        "sv": "Alla händelser ligger på samma plats; ange bandbredden för täthetskartan.",
        "en": "All incidents are at the same place; set the bandwidth for the density map.",
    },
}
