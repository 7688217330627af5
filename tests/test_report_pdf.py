"""PDF lägesbild and ``est-geo lagesbild``: the text in the PDF matches the analysis."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from est_geo.access.roles import Role
from est_geo.cli import main
from est_geo.core.model import ActionItem
from est_geo.core.periods import parse_report_period
from est_geo.meeting.handlingsplan import add_item
from est_geo.meeting.lagesbild import build_lagesbild
from est_geo.meeting.pdf import DEMO_NOTICE, lagesbild_pdf
from est_geo.store import create_store, open_store
from est_geo.store.meeting import MeetingStore
from tests.conftest import small_areas
from tests.test_lagesbild import CX, CY, OX, OY, _incidents

ROOT = Path(__file__).resolve().parent.parent


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The hand-built store of ``test_lagesbild`` (see ``hand_store``) as a file, plus a
    cluster of 8 reports for the map and one handlingsplan item."""
    path = tmp_path / "hand.gpkg"
    store = create_store(str(path))
    store.add_areas(small_areas(), user="test")
    rows = (
        [(CX + i, CY, f"2025-03-0{3 + i} 20:00", "skadegorelse.klotter") for i in range(5)]
        + [(CX, CY + i, f"2025-03-0{8 + i} 22:00", "ordning.brak") for i in range(2)]
        + [(CX - i, CY, f"2025-02-2{4 + i} 12:00", "skadegorelse.klotter") for i in range(4)]
        + [(CX, CY - i, f"2024-03-0{4 + i} 12:00", "ordning.brak") for i in range(2)]
        + [(OX + i, OY, "2025-03-05 10:00", "skadegorelse.glaskross") for i in range(3)]
    )
    store.add_incidents(_incidents(rows, "pdf"), user="test")
    assert isinstance(store, MeetingStore)
    add_item(
        store,
        ActionItem(
            title="Klottersanering på gården",
            actor="bostadsbolag",
            due_date=date(2025, 3, 7),
            area_code="T-OMR-C",
            meeting="Chefssamråd 2025-03-03",
            notes="Även källarväggen.",
        ),
        role=Role.ANALYTIKER,
        user="anna",
    )
    return path


def test_pdf_text_matches_the_analysis(db: Path) -> None:
    store = open_store(str(db))
    lb = build_lagesbild(store, "T-OMR-C", parse_report_period("2025-W10"))
    data = lagesbild_pdf(lb, areas=store.areas(), exported_on=date(2025, 3, 11))
    assert data.startswith(b"%PDF-")
    text = _text(data)
    assert "Lägesbild – Testområdet centrum" in text
    assert "Område: Testområdet centrum (T-OMR-C)" in text
    assert "Period: vecka 10 2025 (2025-03-03 – 2025-03-09)" in text
    assert "Exporterad: 2025-03-11" in text
    # Key figures, as computed by hand in test_lagesbild: 7 now, 4 before, 2 last year.
    assert re.search(r"Alla rapporter 7 4 \+3 \(\+75 %\) 2 \+5 \(\+250 %\)", text), text
    assert re.search(r"Skadegörelse 5 4 \+1 \(\+25 %\) 0 \+5 \(ny\)", text)
    # The action plan table, with the overdue mark (due 7 March, exported 11 March).
    assert "Klottersanering på gården" in text
    assert "2025-03-07 (försenad)" in text
    assert "Bostadsbolag" in text
    assert DEMO_NOTICE not in text  # real (test) data: no demo notice
    assert "Inga åtgärder i området." in text


def test_pdf_hotspots_and_demo_notice(db: Path) -> None:
    store = open_store(str(db))
    lb = build_lagesbild(store, "T-OMR", parse_report_period("2025-W10"))
    text = _text(lagesbild_pdf(lb, areas=store.areas()))
    assert "Alla rapporter 10 4" in text
    for cell in lb.priorities:
        assert cell.cell_id in text
    store.set_meta({"demo": "true"}, user="test")
    lb = build_lagesbild(store, "T-OMR", parse_report_period("2025-W10"))
    data = lagesbild_pdf(lb, areas=store.areas())
    reader = PdfReader(io.BytesIO(data))
    assert all(DEMO_NOTICE in page.extract_text() for page in reader.pages)
    # The fonts are embedded (a TrueType subset), so å ä ö print everywhere.
    fonts = [
        f.get_object()
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()  # type: ignore[index]
    ]
    assert fonts and all("/FontFile2" in f["/DescendantFonts"][0]["/FontDescriptor"] for f in fonts)


def test_cli_writes_the_pdf(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lagesbild.pdf"
    args = ["lagesbild", "--db", str(db), "--area", "t-omr-c", "--period", "2025-W10"]
    assert main([*args, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "7 rapporter (föregående period 4, förra året 2)" in printed
    text = _text(out.read_bytes())
    assert "Testområdet centrum" in text and "vecka 10 2025" in text


def test_cli_unknown_area_lists_valid_ones(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code = main(
        [
            "lagesbild",
            "--db",
            str(db),
            "--area",
            "Atlantis",
            "--period",
            "2025-W10",
            "--out",
            str(out),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "Området 'Atlantis' finns inte" in err
    assert "Testområdet centrum (T-OMR-C)" in err and "Testkommun (0581)" in err
    assert not out.exists()


@pytest.mark.parametrize("period", ["2025-W60", "vecka 10", "2025-13", "25"])
def test_cli_malformed_period(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str
) -> None:
    out = tmp_path / "x.pdf"
    code = main(
        ["lagesbild", "--db", str(db), "--area", "T-OMR", "--period", period, "--out", str(out)]
    )
    assert code == 2
    assert "YYYY-Www" in capsys.readouterr().err
    assert not out.exists()


def test_cli_exit_code_in_a_real_process(db: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "est_geo", "lagesbild", "--db", str(db), "--area", "Nowhere",
         "--period", "2025", "--out", str(tmp_path / "x.pdf")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Giltiga områden" in done.stderr and "Traceback" not in done.stderr


def test_rolling_period_prints_its_dates_once(db: Path) -> None:
    """Issue 13 item 12: a rolling period's label is its date range; not printed twice."""
    store = open_store(str(db))
    lb = build_lagesbild(store, "T-OMR-C", parse_report_period("2025-03-03..2025-03-09"))
    text = _text(lagesbild_pdf(lb, areas=store.areas(), exported_on=date(2025, 3, 11)))
    period_line = next(line for line in text.splitlines() if line.startswith("Period:"))
    assert period_line.count("2025-03-03") == 1, period_line


def test_heading_never_ends_a_page() -> None:
    from fpdf import FPDF

    from est_geo.meeting.pdf import _heading, font_dir

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(font_dir() / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(font_dir() / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_y(230)  # 52 mm left above the bottom margin: too little for a 63 mm chart
    _heading(pdf, "Rapporter över tid", keep_mm=63)
    assert pdf.page_no() == 2 and pdf.get_y() < 40
    pdf.set_y(150)  # plenty of room: stays
    _heading(pdf, "Nyckeltal", keep_mm=63)
    assert pdf.page_no() == 2


def test_table_cells_are_not_justified() -> None:
    from est_geo.meeting.pdf import _aligns

    rows = [
        ("Alla rapporter", "7", "+3 (+75 %)", "Klottersanering på gården"),
        ("Bråk", "12", "−2", "–"),
    ]
    assert _aligns(rows, 4) == ("LEFT", "RIGHT", "RIGHT", "LEFT")
