"""The lägesbild as a PDF for the minutes: figures, a static map, charts, the action plan.

Rendered entirely on the server and offline: the map is drawn with matplotlib from the
area outlines and the Gi* hot spot cells (no map tiles, nothing fetched), charts likewise,
and the PDF is laid out with fpdf2. The font is DejaVu Sans as shipped inside matplotlib
(``mpl-data/fonts/ttf``), embedded as a subset, so å, ä and ö print and extract correctly
on any machine without a system font package.

Every number printed comes from :class:`est_geo.meeting.lagesbild.Lagesbild`, the same object
the page shows, so the PDF and the screen cannot disagree. Every text comes from the
catalogue (``pdf.*`` and the page's ``lagesbild.*`` keys) in the language the caller gives,
the configured one: the PDF of an English interface is English. Never imports streamlit.
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

from est_geo.i18n import label, translate
from est_geo.i18n.numbers import day_text, number
from est_geo.maps.charts import incomplete_note
from est_geo.meeting.lagesbild import Lagesbild, format_change
from est_geo.meeting.period_names import period_label, period_text

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEMO_NOTICE",
    "HOTSPOT_COLORS",
    "font_dir",
    "lagesbild_pdf",
    "map_figure",
    "series_alt",
    "series_figure",
    "series_svg",
    "static_map_png",
]

#: Printed on every page when the data is the synthetic demo (the Swedish text).
DEMO_NOTICE = translate("pdf.demo_notice", "sv")
#: Hot spot class colours (as Esri's hot spot maps: darker red = more certain).
HOTSPOT_COLORS: dict[str, str] = {
    "hot_99": "#d62f27",
    "hot_95": "#ed7551",
    "hot_90": "#fab984",
}
_OUTLINE_COLORS = {"kommun": "#444444", "omrade": "#1f4e79", "delomrade": "#6a3d9a"}


def font_dir() -> Path:
    """Folder of the DejaVu fonts shipped with matplotlib."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


# ------------------------------------------------------------------------------ figures
def static_map_png(
    lb: Lagesbild,
    areas: gpd.GeoDataFrame | None = None,
    *,
    margin_m: float = 150.0,
    lang: str = "sv",
) -> bytes:
    """PNG of :func:`map_figure`."""
    return _png(map_figure(lb, areas, margin_m=margin_m, lang=lang))


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def map_figure(
    lb: Lagesbild,
    areas: gpd.GeoDataFrame | None = None,
    *,
    margin_m: float = 150.0,
    lang: str = "sv",
) -> Any:
    """Map of the area: outlines (the area thick, others thin) and hot spot cells.

    Coordinates stay in SWEREF 99 TM metres (equal scale on both axes, so the shape is
    true); a 500 m scale bar stands in for axes. A matplotlib figure, so a test can read
    its legend (in the PDF it is only pixels).
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
    handles = [
        Patch(color=c, label=translate(f"pdf.map.{k}", lang)) for k, c in HOTSPOT_COLORS.items()
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=7, framealpha=0.9)
    fig.tight_layout()
    return fig


def _outline(ax: Any, geom: Any, color: str, width: float) -> None:
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        x, y = poly.exterior.xy
        ax.plot(np.asarray(x), np.asarray(y), color=color, linewidth=width)


def series_figure(lb: Lagesbild, lang: str = "sv") -> Any:
    """Bar chart: reports per day/week/4 weeks, this period next to the previous one."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    s = lb.series
    fig = Figure(figsize=(7.0, 2.6), dpi=150)
    ax = fig.add_subplot()
    idx = np.arange(len(s))
    previous = translate("lagesbild.previous", lang)
    ax.bar(idx - 0.2, s["previous"], width=0.4, color="#bbbbbb", label=previous)
    current = translate("lagesbild.current", lang)
    bars = ax.bar(idx + 0.2, s["current"], width=0.4, color="#1f4e79", label=current)
    for bar, running in zip(bars, s["incomplete"], strict=True):
        if running:  # still counting: hatched and lighter (the page shows this figure too)
            bar.set_hatch("///")
            bar.set_alpha(0.45)
    step = max(1, len(s) // 10)
    ax.set_xticks(idx[::step])
    ax.set_xticklabels([day_text(d, lang) for d in s["start"]][::step], fontsize=7)
    unit = lb.bucket_unit
    ax.set_ylabel(translate(f"lagesbild.series.per_{unit}", lang), fontsize=8)
    # Whole reports, written the reader's way ("12 000" / "12,000"), never "2.5" reports.
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, lang, 0)))
    if s["incomplete"].any():  # the one place it is said: the PDF has no caption
        ax.set_xlabel(incomplete_note(unit, lang, mark="bar"), fontsize=7)
    ax.legend(fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def series_svg(lb: Lagesbild, lang: str = "sv") -> str:
    """:func:`series_figure` as SVG text, for the Lägesbild page: one picture on the
    meeting screen and in the PDF, and no chart library for the browser to load.

    Glyphs are drawn as paths (``svg.fonttype = 'path'``), so the browser fetches no
    font; the XML prolog and its DTD address, and the metadata block, are left out, so
    the only addresses in the text are the SVG and XLink namespace names. A fixed hash
    salt keeps the ids (and so the text) the same for the same lägesbild.
    """
    import matplotlib

    fig = series_figure(lb, lang)
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "est-geo"}):
        fig.savefig(buf, format="svg", metadata=dict.fromkeys(_SVG_METADATA))
    text = buf.getvalue()
    return text[text.index("<svg") :]


#: Metadata matplotlib writes into an SVG unless told None (its RDF block names web
#: addresses: the Dublin Core and Creative Commons namespaces, matplotlib's site).
_SVG_METADATA = ("Creator", "Date", "Format", "Type")


def series_alt(lb: Lagesbild, lang: str = "sv") -> str:
    """The series figure in words (an image's alt text): what it counts, over which
    period, the totals of both periods and, when a bucket is still running, that note.

    The words of the figure's axis and legend are the same catalogue texts.
    """
    s = lb.series
    unit = lb.bucket_unit
    axis = translate(f"lagesbild.series.per_{unit}", lang)

    def reports(n: int) -> str:
        word = translate("lagesbild.report_one" if n == 1 else "lagesbild.report_many", lang)
        return f"{number(n, lang, 0)} {word}"

    text = translate(
        "lagesbild.series.alt",
        lang,
        what=axis[:1].lower() + axis[1:],
        period=period_label(lb.period, lang),
        current_name=translate("lagesbild.current", lang),
        current=reports(int(s["current"].sum())),
        previous_name=translate("lagesbild.previous", lang),
        previous=reports(int(s["previous"].sum())),
    )
    if s["incomplete"].any():
        text += " " + incomplete_note(unit, lang, mark="bar")
    return text


# ------------------------------------------------------------------------------ the PDF
def lagesbild_pdf(
    lb: Lagesbild,
    *,
    areas: gpd.GeoDataFrame | None = None,
    exported_on: date | None = None,
    lang: str = "sv",
) -> bytes:
    """The PDF of ``lb`` (A4 portrait), as bytes, in the language ``lang``.

    ``areas`` adds the surrounding outlines to the map; ``exported_on`` is printed as the
    export date (default: today). Stored data (area, category and place names, action
    items) is printed as stored; every other text is the catalogue's in ``lang``.
    """
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    when = exported_on or date.today()
    fonts = font_dir()
    shown = period_label(lb.period, lang)

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    class _Pdf(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            if lb.demo:
                self.set_font("DejaVu", "B", 10)
                self.set_text_color(160, 0, 0)
                self.cell(0, 6, t("pdf.demo_notice"), align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            page = self.page_no()
            self.cell(0, 5, t("pdf.footer", area=lb.area_name, period=shown, page=page), align="C")

    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_title(t("pdf.doc_title", area=lb.area_name, period=shown))
    pdf.set_author("EST Geo")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    _cover(pdf, lb, when, lang)
    _figures_section(pdf, lb, lang, FontFace)
    _map_section(pdf, lb, areas, lang)
    series_png = _png(series_figure(lb, lang))
    _heading(pdf, t("lagesbild.series"), keep_mm=_png_height_mm(series_png, 170))
    pdf.image(io.BytesIO(series_png), w=170)
    _priorities_section(pdf, lb, lang, FontFace)
    _growing_section(pdf, lb, lang, FontFace)
    _interventions_section(pdf, lb, lang, FontFace)
    _indicators_section(pdf, lb, lang, FontFace)
    _plan_section(pdf, lb, when, lang, FontFace)
    out: bytes = bytes(pdf.output())
    return out


def _cover(pdf: Any, lb: Lagesbild, when: date, lang: str) -> None:
    """Title and the lines saying what the report covers and when it was made."""
    p = lb.period
    pdf.set_font("DejaVu", "B", 18)
    title = translate("lagesbild.title", lang, area=lb.area_name)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    lines = [
        translate("pdf.area_line", lang, area=lb.area_name, code=lb.area_code),
        translate("pdf.period_line", lang, period=period_text(p, lang)),
        translate(
            "pdf.compared_line",
            lang,
            previous=p.previous.label(),
            last_year=p.last_year.label(),
        ),
        translate("pdf.exported_line", lang, day=when.isoformat()),
    ]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _figures_section(pdf: Any, lb: Lagesbild, lang: str, font_face: Any) -> None:
    _heading(pdf, translate("lagesbild.figures", lang))
    change = translate("pdf.col.change", lang)
    header = (
        "",
        translate("lagesbild.current", lang),
        translate("lagesbild.col.previous", lang),
        change,
        translate("pdf.col.last_year", lang),
        change,
    )
    rows = [
        (
            translate("lagesbild.all_reports", lang) if f.key == "total" else f.label,
            str(f.current),
            str(f.previous),
            format_change(f.change_previous, f.pct_previous, lang),
            str(f.last_year),
            format_change(f.change_last_year, f.pct_last_year, lang),
        )
        for f in lb.figures
    ]
    _table(pdf, header, rows, (44, 24, 24, 31, 24, 31), font_face)


def _map_section(pdf: Any, lb: Lagesbild, areas: gpd.GeoDataFrame | None, lang: str) -> None:
    map_png = static_map_png(lb, areas, lang=lang)
    heading = translate("pdf.map.heading", lang)
    _heading(pdf, heading, keep_mm=_png_height_mm(map_png, 170))
    pdf.image(io.BytesIO(map_png), w=170)
    pdf.set_font("DejaVu", "", 8)
    size = lb.parameters.get("cell_size", 100)
    caption = translate("pdf.map.caption", lang, size=size)
    pdf.multi_cell(0, 4, caption, new_x="LMARGIN", new_y="NEXT")
    for note in lb.notes:
        pdf.multi_cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")


def _priorities_section(pdf: Any, lb: Lagesbild, lang: str, font_face: Any) -> None:
    n = min(len(lb.priorities) or 3, 3)
    _heading(pdf, translate(f"pdf.priorities.{n}", lang))
    if lb.priorities:
        _table(
            pdf,
            (
                translate("pdf.col.number", lang),
                translate("lagesbild.col.place", lang),
                translate("lagesbild.col.cell", lang),
                "Gi* z",
                translate("pdf.col.trend_z", lang),
                translate("pdf.col.reports_previous", lang),
            ),
            [
                (
                    str(i),
                    c.place or "–",
                    c.cell_id,
                    number(c.z, lang, digits=2),
                    "–" if c.trend_z is None else number(c.trend_z, lang, digits=2),
                    f"{c.count} ({c.previous_count})",
                )
                for i, c in enumerate(lb.priorities, start=1)
            ],
            (10, 50, 46, 18, 18, 36),
            font_face,
        )
    else:
        _text(pdf, translate("pdf.no_priorities", lang))
    pdf.set_font("DejaVu", "", 8)
    rule = translate("lagesbild.priority_rule", lang)
    pdf.multi_cell(0, 4, rule, new_x="LMARGIN", new_y="NEXT")


def _growing_section(pdf: Any, lb: Lagesbild, lang: str, font_face: Any) -> None:
    _table_section(
        pdf,
        lang,
        font_face,
        heading="lagesbild.growing",
        empty="pdf.no_growing",
        columns=(
            ("lagesbild.col.place", 50),
            ("lagesbild.col.cell", 50),
            ("lagesbild.col.pattern", 50),
            ("lagesbild.col.reports", 28),
        ),
        rows=[
            (
                c.place or "–",
                c.cell_id,
                c.emerging_label(lang),
                str(c.count),
            )
            for c in lb.growing[:10]
        ],
    )


def _interventions_section(pdf: Any, lb: Lagesbild, lang: str, font_face: Any) -> None:
    _table_section(
        pdf,
        lang,
        font_face,
        heading="lagesbild.interventions",
        empty="lagesbild.no_interventions",
        columns=(
            ("pdf.col.intervention", 50),
            ("lagesbild.col.kind", 34),
            ("lagesbild.col.status", 20),
            ("lagesbild.col.owner", 28),
            ("lagesbild.col.start", 23),
            ("lagesbild.col.end", 23),
        ),
        rows=[
            (
                r.name,
                label("intervention.kind", r.kind, lang),
                label("intervention.status", r.status, lang),
                label("actor", r.owner_actor, lang),
                _d(r.start_date),
                _d(r.end_date),
            )
            for r in lb.interventions
        ],
    )


def _indicators_section(pdf: Any, lb: Lagesbild, lang: str, font_face: Any) -> None:
    verdicts = {
        True: translate("lagesbild.better", lang),
        False: translate("lagesbild.worse", lang),
        None: "–",
    }
    _table_section(
        pdf,
        lang,
        font_face,
        heading="lagesbild.indicators",
        empty="pdf.no_indicators",
        columns=(
            ("lagesbild.col.indicator", 62),
            ("pdf.col.latest", 24),
            ("lagesbild.col.period", 18),
            ("lagesbild.col.previous", 40),
            ("lagesbild.col.verdict", 34),
        ),
        rows=[
            (
                f"{i.name_in(lang)} ({i.unit_in(lang)})",
                _num(i.value, lang),
                i.period,
                "–"
                if i.previous_value is None
                else f"{_num(i.previous_value, lang)} ({i.previous_period})",
                verdicts[i.better],
            )
            for i in lb.indicators
        ],
    )


def _plan_section(pdf: Any, lb: Lagesbild, when: date, lang: str, font_face: Any) -> None:
    _table_section(
        pdf,
        lang,
        font_face,
        heading="pdf.plan",
        empty="pdf.no_plan",
        columns=(
            ("pdf.col.what", 44),
            ("pdf.col.who", 24),
            ("pdf.col.due", 26),
            ("lagesbild.col.status", 20),
            ("pdf.col.decided", 28),
            ("pdf.col.notes", 36),
        ),
        rows=[
            (
                i.title,
                label("actor", i.actor, lang),
                translate("pdf.overdue", lang, day=_d(i.due_date))
                if i.is_overdue(when)
                else _d(i.due_date),
                label("action.status", i.status, lang),
                i.meeting or "–",
                i.notes or "–",
            )
            for i in lb.action_items
        ],
    )


def _table_section(
    pdf: Any,
    lang: str,
    font_face: Any,
    *,
    heading: str,
    empty: str,
    columns: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[str]],
) -> None:
    """A heading over a table, or over the ``empty`` sentence when there are no rows.

    ``heading``, ``empty`` and each column's name are catalogue keys; a column is its
    key and its width in mm.
    """
    _heading(pdf, translate(heading, lang))
    if not rows:
        _text(pdf, translate(empty, lang))
        return
    header = tuple(translate(key, lang) for key, _ in columns)
    _table(pdf, header, rows, tuple(width for _, width in columns), font_face)


def _d(value: date | None) -> str:
    return "–" if value is None else value.isoformat()


def _num(value: float, lang: str) -> str:
    """An indicator value with as many decimals as it has (up to three), in ``lang``'s style."""
    digits = next((d for d in range(4) if round(value, d) == round(value, 3)), 3)
    return number(value, lang, digits=digits)


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
    number = re.compile(r"^[+\-−±]?[\d\s\u00a0,]+([.,]\d+)?( \(.*\))?$|^–$")
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
