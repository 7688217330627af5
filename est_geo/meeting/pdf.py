"""The lägesbild as a PDF for the minutes: figures, a static map, charts, the action plan.

Rendered entirely on the server and offline: the map is drawn with matplotlib from the
area outlines and the Gi* hot spot cells (no map tiles, nothing fetched), charts likewise,
and the PDF is laid out with fpdf2. The font is DejaVu Sans as shipped inside matplotlib
(``mpl-data/fonts/ttf``), embedded as a subset, so å, ä and ö print and extract correctly
on any machine without a system font package.

Every number printed comes from :class:`est_geo.meeting.lagesbild.Lagesbild`, the same object
the page shows, so the PDF and the screen cannot disagree. Never imports streamlit.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from est_geo.core.periods import ReportPeriod
from est_geo.i18n import label, translate
from est_geo.i18n.numbers import number, percent
from est_geo.meeting.lagesbild import Lagesbild, format_change

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEMO_NOTICE",
    "HOTSPOT_COLORS",
    "font_dir",
    "lagesbild_pdf",
    "static_map_png",
]

#: Printed on every page when the data is the synthetic demo.
DEMO_NOTICE = "Demodata – fiktiva händelser"
#: Hot spot class colours (as Esri's hot spot maps: darker red = more certain).
HOTSPOT_COLORS: dict[str, str] = {
    "hot_99": "#d62f27",
    "hot_95": "#ed7551",
    "hot_90": "#fab984",
}
HOTSPOT_LABELS_SV: dict[str, str] = {
    "hot_99": "Hot spot 99 %",
    "hot_95": "Hot spot 95 %",
    "hot_90": "Hot spot 90 %",
}
_OUTLINE_COLORS = {"kommun": "#444444", "omrade": "#1f4e79", "delomrade": "#6a3d9a"}


def font_dir() -> Path:
    """Folder of the DejaVu fonts shipped with matplotlib."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


# ------------------------------------------------------------------------------ figures
def static_map_png(
    lb: Lagesbild, areas: gpd.GeoDataFrame | None = None, *, margin_m: float = 150.0
) -> bytes:
    """PNG of the area: outlines (the area thick, others thin) and hot spot cells.

    Coordinates stay in SWEREF 99 TM metres (equal scale on both axes, so the shape is
    true); a 500 m scale bar stands in for axes.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    fig = Figure(figsize=(7.0, 5.2), dpi=150)
    ax = fig.add_subplot()
    minx, miny, maxx, maxy = lb.area_geometry.bounds
    ax.set_xlim(minx - margin_m, maxx + margin_m)
    ax.set_ylim(miny - margin_m, maxy + margin_m)
    if lb.grid is not None:
        size = float(lb.grid.cell_size)
        for cell in lb.hotspots:
            color = HOTSPOT_COLORS.get(cell.hot_class)
            if color is None:
                continue
            ax.add_patch(
                Rectangle(
                    (cell.x - size / 2, cell.y - size / 2), size, size, color=color, alpha=0.85
                )
            )
    if areas is not None and len(areas):
        nearby = areas.cx[minx - margin_m : maxx + margin_m, miny - margin_m : maxy + margin_m]
        for geom, level, code in zip(nearby.geometry, nearby["level"], nearby["code"], strict=True):
            if str(code) == lb.area_code:
                continue
            _outline(ax, geom, _OUTLINE_COLORS.get(str(level), "#777777"), 0.8)
    _outline(ax, lb.area_geometry, "#000000", 2.0)
    for rank, cell in enumerate(lb.priorities, start=1):
        ax.annotate(
            str(rank),
            (cell.x, cell.y),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="white",
            bbox={"boxstyle": "circle,pad=0.25", "fc": "#222222", "ec": "white"},
        )
    x0 = minx - margin_m + 40
    y0 = miny - margin_m + 40
    ax.plot([x0, x0 + 500], [y0, y0], color="black", linewidth=2)
    ax.text(x0 + 250, y0 + 20, "500 m", ha="center", va="bottom", fontsize=7)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    handles = [Patch(color=c, label=HOTSPOT_LABELS_SV[k]) for k, c in HOTSPOT_COLORS.items()]
    ax.legend(handles=handles, loc="upper right", fontsize=7, framealpha=0.9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _outline(ax: Any, geom: Any, color: str, width: float) -> None:
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        x, y = poly.exterior.xy
        ax.plot(np.asarray(x), np.asarray(y), color=color, linewidth=width)


def _series_png(lb: Lagesbild) -> bytes:
    """Bar chart: reports per day/week/4 weeks, this period next to the previous one."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    s = lb.series
    fig = Figure(figsize=(7.0, 2.6), dpi=150)
    ax = fig.add_subplot()
    idx = np.arange(len(s))
    ax.bar(idx - 0.2, s["previous"], width=0.4, color="#bbbbbb", label="Föregående period")
    bars = ax.bar(idx + 0.2, s["current"], width=0.4, color="#1f4e79", label="Denna period")
    for bar, running in zip(bars, s["incomplete"], strict=True):
        if running:  # still counting: hatched and lighter, as in the app (est_geo.maps.charts)
            bar.set_hatch("///")
            bar.set_alpha(0.45)
    step = max(1, len(s) // 10)
    ax.set_xticks(idx[::step])
    ax.set_xticklabels([d.strftime("%d/%m") for d in s["start"]][::step], fontsize=7)
    unit = {1: "dag", 7: "vecka"}.get(int(s["bucket_days"].iloc[0]), "4 veckor")
    ax.set_ylabel(f"Rapporter per {unit}", fontsize=8)
    if s["incomplete"].any():
        running = unit if unit != "4 veckor" else "period"
        ax.set_xlabel(f"Randig stapel: pågående {running}, ofullständig", fontsize=7)
    ax.legend(fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


# ------------------------------------------------------------------------------ the PDF
def _pct(p: float | None) -> str:
    return "–" if p is None else percent(p / 100, digits=1, signed=True)


def lagesbild_pdf(
    lb: Lagesbild,
    *,
    areas: gpd.GeoDataFrame | None = None,
    exported_on: date | None = None,
) -> bytes:
    """The PDF of ``lb`` (A4 portrait), as bytes.

    ``areas`` adds the surrounding outlines to the map; ``exported_on`` is printed as the
    export date (default: today).
    """
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    when = exported_on or date.today()
    fonts = font_dir()

    class _Pdf(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            if lb.demo:
                self.set_font("DejaVu", "B", 10)
                self.set_text_color(160, 0, 0)
                self.cell(0, 6, DEMO_NOTICE, align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.cell(
                0,
                5,
                f"EST Geo – Lägesbild {lb.area_name}, {lb.period.label} – sida {self.page_no()}",
                align="C",
            )

    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_title(f"Lägesbild {lb.area_name} {lb.period.label}")
    pdf.set_author("EST Geo")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()

    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 10, f"Lägesbild – {lb.area_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    p = lb.period
    lines = [
        f"Område: {lb.area_name} ({lb.area_code})",
        f"Period: {period_text(p)}",
        f"Jämförs med: föregående period {p.previous.label()}, "
        f"samma period förra året {p.last_year.label()}",
        f"Exporterad: {when.isoformat()}",
    ]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    _heading(pdf, "Nyckeltal")
    header = ("", "Denna period", "Föregående", "Förändring", "Förra året", "Förändring")
    rows = [
        (
            f.label,
            str(f.current),
            str(f.previous),
            format_change(f.change_previous, f.pct_previous),
            str(f.last_year),
            format_change(f.change_last_year, f.pct_last_year),
        )
        for f in lb.figures
    ]
    _table(pdf, header, rows, (44, 24, 24, 31, 24, 31), FontFace)

    map_png = static_map_png(lb, areas)
    _heading(pdf, "Karta: hot spots denna period (Gi*)", keep_mm=_png_height_mm(map_png, 170))
    pdf.image(io.BytesIO(map_png), w=170)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(
        0,
        4,
        f"Rutor om {lb.parameters.get('cell_size', 100)} m, Getis–Ord Gi* (3×3 grannskap). "
        "Siffrorna 1–3 markerar platserna som mest behöver åtgärder. Ingen bakgrundskarta.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for note in lb.notes:
        pdf.multi_cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")

    series_png = _series_png(lb)
    _heading(pdf, "Rapporter över tid", keep_mm=_png_height_mm(series_png, 170))
    pdf.image(io.BytesIO(series_png), w=170)

    n = len(lb.priorities) or 3
    word = {1: "En plats", 2: "Två platser"}.get(n, "Tre platser")
    _heading(pdf, f"{word} som mest behöver åtgärder")
    if lb.priorities:
        _table(
            pdf,
            ("Nr", "Plats", "Ruta", "Gi* z", "Trend z", "Rapporter (föreg.)"),
            [
                (
                    str(i),
                    c.place or "–",
                    c.cell_id,
                    number(c.z, digits=2),
                    "–" if c.trend_z is None else number(c.trend_z, digits=2),
                    f"{c.count} ({c.previous_count})",
                )
                for i, c in enumerate(lb.priorities, start=1)
            ],
            (10, 50, 46, 18, 18, 36),
            FontFace,
        )
    else:
        _text(pdf, "Inga signifikanta hot spots med rapporter denna period.")
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 4, translate("lagesbild.priority_rule", "sv"), new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, "Nya och växande hot spots")
    if lb.growing:
        _table(
            pdf,
            ("Plats", "Ruta", "Mönster", "Rapporter"),
            [(c.place or "–", c.cell_id, c.emerging_label, str(c.count)) for c in lb.growing[:10]],
            (50, 50, 50, 28),
            FontFace,
        )
    else:
        _text(pdf, "Inga nya eller växande hot spots.")

    _heading(pdf, "Pågående åtgärder")
    if lb.interventions:
        _table(
            pdf,
            ("Åtgärd", "Typ", "Status", "Ansvarig", "Start", "Slut"),
            [
                (
                    r.name,
                    r.kind,
                    r.status,
                    r.owner,
                    _d(r.start_date),
                    _d(r.end_date),
                )
                for r in lb.interventions
            ],
            (50, 34, 20, 28, 23, 23),
            FontFace,
        )
    else:
        _text(pdf, "Inga åtgärder i området.")

    _heading(pdf, "Indikatorer")
    if lb.indicators:
        _table(
            pdf,
            ("Indikator", "Senaste", "Period", "Föregående", "Bedömning"),
            [
                (
                    f"{i.name} ({i.unit})",
                    _num(i.value),
                    i.period,
                    "–"
                    if i.previous_value is None
                    else f"{_num(i.previous_value)} ({i.previous_period})",
                    {True: "bättre", False: "sämre", None: "–"}[i.better],
                )
                for i in lb.indicators
            ],
            (62, 24, 18, 40, 34),
            FontFace,
        )
    else:
        _text(pdf, "Inga indikatorvärden för området.")

    _heading(pdf, "Handlingsplan")
    if lb.action_items:
        _table(
            pdf,
            ("Vad", "Vem", "Klart senast", "Status", "Beslutad", "Anteckningar"),
            [
                (
                    i.title,
                    label("actor", i.actor),
                    _d(i.due_date) + (" (försenad)" if i.is_overdue(when) else ""),
                    label("action.status", i.status),
                    i.meeting or "–",
                    i.notes or "–",
                )
                for i in lb.action_items
            ],
            (44, 24, 26, 20, 28, 36),
            FontFace,
        )
    else:
        _text(pdf, "Inga punkter i handlingsplanen för området.")
    out: bytes = bytes(pdf.output())
    return out


def _d(value: date | None) -> str:
    return "–" if value is None else value.isoformat()


def _num(value: float) -> str:
    """An indicator value with as many decimals as it has (up to three), Swedish style."""
    digits = next((d for d in range(4) if round(value, d) == round(value, 3)), 3)
    return number(value, digits=digits)


def period_text(p: ReportPeriod) -> str:
    """'vecka 10 2025 (2025-03-03 – 2025-03-09)', the dates only once when the label has them."""
    dates = p.period.label()
    if dates in p.label or p.period.last_day.isoformat() in p.label:
        return p.label
    return f"{p.label} ({dates})"


def _png_height_mm(png: bytes, width_mm: float) -> float:
    """Height of a PNG drawn ``width_mm`` wide (from its IHDR size)."""
    width, height = struct.unpack(">II", png[16:24])
    return float(width_mm * height / width)


#: What a heading keeps with it when nothing else is said: two table rows.
_KEEP_MM = 14.0


def _heading(pdf: Any, text: str, *, keep_mm: float = _KEEP_MM) -> None:
    """A section heading that never ends a page: with less than its own height plus
    ``keep_mm`` (the chart or first rows beneath it) left, it starts the next page."""
    if pdf.will_page_break(2 + 8 + keep_mm):
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)


def _text(pdf: Any, text: str) -> None:
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def _aligns(rows: Sequence[Sequence[str]], n: int) -> tuple[str, ...]:
    """Numbers right-aligned, text left-aligned; never justified (fpdf2's default for
    table cells stretches the spaces of short texts across the cell)."""
    number = re.compile(r"^[+\-−±]?[\d\s\u00a0]+(,\d+)?( \(.*\))?$|^–$")
    return tuple(
        "RIGHT" if rows and all(number.match(str(r[i]).strip()) for r in rows) else "LEFT"
        for i in range(n)
    )


def _table(
    pdf: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    font_face: Any,
) -> None:
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(
        col_widths=tuple(widths),
        width=sum(widths),
        align="LEFT",
        text_align=_aligns(rows, len(widths)),
        headings_style=font_face(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=5,
    ) as table:
        head = table.row()
        for text in header:
            head.cell(text)
        for values in rows:
            row = table.row()
            for text in values:
                row.cell(text)
    pdf.ln(1)
