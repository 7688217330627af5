"""Texts of the lägesbild PDF (est_geo.meeting.pdf): headings, table columns, notes, figures.

The PDF is built in the configured language like the pages; where a text is the same as
the page's, the page's key is used instead (``lagesbild.*``).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "pdf.demo_notice": {
        "sv": "Demodata – fiktiva händelser",
        "en": "Demo data – fictitious events",
    },
    "pdf.doc_title": {"sv": "Lägesbild {area} {period}", "en": "Situation picture {area} {period}"},
    "pdf.footer": {
        "sv": "EST Geo – Lägesbild {area}, {period} – sida {page}",
        "en": "EST Geo – Situation picture {area}, {period} – page {page}",
    },
    "pdf.area_line": {"sv": "Område: {area} ({code})", "en": "Area: {area} ({code})"},
    "pdf.period_line": {"sv": "Period: {period}", "en": "Period: {period}"},
    "pdf.compared_line": {
        "sv": "Jämförs med: föregående period {previous}, samma period förra året {last_year}",
        "en": "Compared with: the previous period {previous}, the same period last year "
        "{last_year}",
    },
    "pdf.exported_line": {"sv": "Exporterad: {day}", "en": "Exported: {day}"},
    "pdf.period.week": {"sv": "vecka {week} {year}", "en": "week {week} {year}"},
    "pdf.period.quarter": {"sv": "kvartal {quarter} {year}", "en": "quarter {quarter} {year}"},
    "pdf.period.so_far": {"sv": "{period} t.o.m. {day}", "en": "{period} up to {day}"},
    "pdf.col.change": {"sv": "Förändring", "en": "Change"},
    "pdf.col.last_year": {"sv": "Förra året", "en": "Last year"},
    "pdf.map.heading": {
        "sv": "Karta: hot spots denna period (Gi*)",
        "en": "Map: hot spots this period (Gi*)",
    },
    "pdf.map.caption": {
        "sv": "Rutor om {size} m, Getis–Ord Gi* (3×3 grannskap). Siffrorna 1–3 markerar "
        "platserna som mest behöver åtgärder. Ingen bakgrundskarta.",
        "en": "Cells of {size} m, Getis–Ord Gi* (3×3 neighbourhood). The numbers 1–3 mark "
        "the places that most need action. No background map.",
    },
    "pdf.map.hot_99": {"sv": "Hot spot 99 %", "en": "Hot spot 99%"},
    "pdf.map.hot_95": {"sv": "Hot spot 95 %", "en": "Hot spot 95%"},
    "pdf.map.hot_90": {"sv": "Hot spot 90 %", "en": "Hot spot 90%"},
    "pdf.priorities.1": {
        "sv": "En plats som mest behöver åtgärder",
        "en": "The place that most needs action",
    },
    "pdf.priorities.2": {
        "sv": "Två platser som mest behöver åtgärder",
        "en": "Two places that most need action",
    },
    "pdf.priorities.3": {
        "sv": "Tre platser som mest behöver åtgärder",
        "en": "Three places that most need action",
    },
    "pdf.col.number": {"sv": "Nr", "en": "No."},
    "pdf.col.trend_z": {"sv": "Trend z", "en": "Trend z"},
    "pdf.col.reports_previous": {"sv": "Rapporter (föreg.)", "en": "Reports (prev.)"},
    "pdf.no_priorities": {
        "sv": "Inga signifikanta hot spots med rapporter denna period.",
        "en": "No significant hot spots with reports this period.",
    },
    "pdf.no_growing": {
        "sv": "Inga nya eller växande hot spots.",
        "en": "No new or growing hot spots.",
    },
    "pdf.col.intervention": {"sv": "Åtgärd", "en": "Intervention"},
    "pdf.col.latest": {"sv": "Senaste", "en": "Latest"},
    "pdf.no_indicators": {
        "sv": "Inga indikatorvärden för området.",
        "en": "No indicator values for the area.",
    },
    "pdf.plan": {"sv": "Handlingsplan", "en": "Action plan"},
    "pdf.col.what": {"sv": "Vad", "en": "What"},
    "pdf.col.who": {"sv": "Vem", "en": "Who"},
    "pdf.col.due": {"sv": "Klart senast", "en": "Due"},
    "pdf.col.decided": {"sv": "Beslutad", "en": "Decided"},
    "pdf.col.notes": {"sv": "Anteckningar", "en": "Notes"},
    "pdf.overdue": {"sv": "{day} (försenad)", "en": "{day} (overdue)"},
    "pdf.no_plan": {
        "sv": "Inga punkter i handlingsplanen för området.",
        "en": "No action plan items for the area.",
    },
    "pdf.note.emerging": {
        "sv": "Framväxande hot spots: {error}",
        "en": "Emerging hot spots: {error}",
    },
}
