"""est_geo.hotspots.layers: payload bound, exports, cell detail, too-few rule, comparisons."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import streamlit_folium

from est_geo.core.errors import ValidationError
from est_geo.core.model import CategoryTree
from est_geo.hotspots import Grid, gistar_grid
from est_geo.hotspots import layers as hl
from est_geo.hotspots.map import CELL_PANE, CELL_PANE_Z_INDEX, hotspot_group, legend_items
from est_geo.maps import base_map, external_urls

BBOX = (564_000.0, 6_492_500.0, 566_000.0, 6_494_000.0)
PERIOD = (date(2025, 1, 1), date(2025, 7, 1))


def _incidents(n: int, *, seed: int = 1, cluster: float = 0.5, bbox=BBOX) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_c = int(n * cluster)
    x = np.concatenate([rng.normal(565_020, 30, n_c), rng.uniform(bbox[0], bbox[2], n - n_c)])
    y = np.concatenate([rng.normal(6_493_120, 30, n_c), rng.uniform(bbox[1], bbox[3], n - n_c)])
    times = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.uniform(0, 181 * 24, n), unit="h")
    cats = rng.choice(["skadegorelse.klotter", "ordning.brak", "samling.trapphus"], n)
    return pd.DataFrame(
        {
            "x": np.clip(x, bbox[0], bbox[2]),
            "y": np.clip(y, bbox[1], bbox[3]),
            "occurred_at": times.floor("min"),
            "has_time": rng.random(n) > 0.1,
            "category": cats,
        }
    )


@pytest.mark.parametrize("mode", hl.MODES)
def test_every_mode_builds_a_wgs84_layer(mode: str) -> None:
    layer = hl.run_layer(_incidents(600), BBOX, hl.HotspotParams(mode=mode), period=PERIOD)
    cells = layer.cells
    assert cells.crs.to_epsg() == 4326
    for col in ("cell_id", "count", "gi_z", "gi_p", "gi_class", "layer_class"):
        assert col in cells.columns, col
    assert len(cells) > 0
    assert layer.note is None
    minx, miny, maxx, maxy = cells.total_bounds
    assert 16.0 < minx < maxx < 16.3 and 58.5 < miny < maxy < 58.6
    # Rounded to 5 decimals (≈ 1 m) for 100 m cells.
    coords = np.asarray(cells.geometry.iloc[0].exterior.coords)
    assert np.allclose(coords, np.round(coords, 5))
    if mode == "gistar":
        assert (cells["gi_class"] != "none").all()
    if mode == "rutnat":
        assert (cells["count"] > 0).all()
    if mode == "tathet":
        assert set(cells["kde_class"]) <= set(hl.KDE_CLASS_COLORS)
        assert layer.kde is not None and abs(layer.kde.total - 600) / 600 < 0.01
    if mode == "emerging":
        # Half a year: weekly steps (a monthly series would have only six).
        assert layer.emerging is not None and layer.emerging.step == "week"
        assert layer.emerging.steps.size >= 12
        assert "no_pattern" not in set(cells["emerging"])
    if mode == "punkter":
        assert layer.points is not None and len(layer.points.lat) == 600
    assert legend_items(layer)


def test_payload_is_bounded_by_coarsening_and_threshold() -> None:
    big = (560_000.0, 6_488_000.0, 575_000.0, 6_500_000.0)  # 150 × 120 cells of 100 m
    frame = _incidents(40_000, seed=3, cluster=0.0, bbox=big)
    layer = hl.run_layer(frame, big, hl.HotspotParams(mode="rutnat"), max_features=2_000)
    assert len(layer.cells) <= 2_000
    assert layer.coarsened_from == 100 and layer.grid.cell_size >= 200
    # At the largest cell size the strongest cells are kept and the rest counted.
    layer = hl.run_layer(
        frame, big, hl.HotspotParams(mode="rutnat", cell_size=1000), max_features=50
    )
    assert len(layer.cells) == 50 and layer.n_hidden == 15 * 12 - 50
    assert layer.cells["count"].min() >= np.sort(layer.counts.ravel())[-50]


def test_layer_script_stays_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """What st_folium sends for a full 10,000-cell layer stays under 2 MB, all local."""
    sent: list[dict[str, object]] = []

    def record(**kwargs: object) -> object:
        sent.append(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", record)
    big = (560_000.0, 6_488_000.0, 570_000.0, 6_497_000.0)  # 101 × 91 cells of 100 m
    frame = _incidents(60_000, seed=4, cluster=0.0, bbox=big)
    layer = hl.run_layer(frame, big, hl.HotspotParams(mode="rutnat"))
    assert 5_000 < len(layer.cells) <= hl.MAX_LAYER_FEATURES
    group = hotspot_group(layer, title="<b>Händelser</b>")
    streamlit_folium.st_folium(
        base_map(58.58, 16.18, 13, None), feature_group_to_add=[group], key="k"
    )
    script = str(sent[0]["feature_group"])
    size = len(script.encode("utf-8"))
    assert size < 2_000_000, size
    assert size / len(layer.cells) < 150  # compact rows, not GeoJSON
    assert external_urls(script, script=True) == []
    assert "<b>Händelser" not in script  # escaped legend title


def test_cells_are_drawn_in_their_own_pane_above_the_outlines() -> None:
    """Issue 13 item 5: no area outline (overlay pane, z 400) can take a click on a cell."""
    layer = hl.run_layer(_incidents(400, seed=2), BBOX, hl.HotspotParams(mode="gistar"))
    fmap = base_map(58.58, 16.18, 13, None)
    hotspot_group(layer, title="Gi*").add_to(fmap)
    script = fmap.get_root().render()
    assert f"createPane(paneName).style.zIndex = {CELL_PANE_Z_INDEX}" in script
    assert f'var paneName = "{CELL_PANE}"' in script
    assert 400 < CELL_PANE_Z_INDEX < 600  # above the overlay pane, below markers/tooltips


def test_too_few_rule() -> None:
    assert hl.inference_note(29, 20, mode="rutnat") is not None
    assert hl.inference_note(30, 20, mode="rutnat") is None
    assert hl.inference_note(100, 9, mode="gistar") is not None
    assert hl.inference_note(100, 9, mode="rutnat") is None
    assert hl.inference_note(100, 10, mode="gistar") is None
    assert hl.inference_note(100, 50, mode="emerging", n_steps=6) is not None
    layer = hl.run_layer(_incidents(12), BBOX, hl.HotspotParams(mode="gistar"), period=PERIOD)
    assert layer.too_few and "För få händelser" in (layer.note.text() if layer.note else "")
    empty = hl.run_layer(_incidents(0), BBOX, hl.HotspotParams(mode="gistar"))
    assert empty.gistar is None and empty.too_few and len(empty.cells) == 0


def test_gi_columns_equal_the_library() -> None:
    frame = _incidents(500, seed=9)
    layer = hl.run_layer(frame, BBOX, hl.HotspotParams(mode="gistar", fdr=True))
    ref = gistar_grid(layer.counts, grid=layer.grid, fdr=True)
    out = hl.cells_frame(layer, everything=True)
    assert len(out) == layer.grid.n_cells
    assert np.allclose(out["gi_z"], np.round(ref.z.ravel(), 4))
    assert np.allclose(out["gi_p"], ref.p.ravel())
    assert (out["gi_class"].to_numpy() == ref.classes.ravel()).all()
    assert layer.parameters["fdr"] is True


def test_comparison_arithmetic() -> None:
    cur = _incidents(300, seed=1)
    ref = _incidents(200, seed=2)
    start, end = hl.comparison_period(*PERIOD, "previous")
    assert (start, end) == (date(2024, 7, 4), date(2025, 1, 1))  # 181 days before
    ly = hl.comparison_period(*PERIOD, "last_year")
    assert ly == (date(2024, 1, 3), date(2024, 7, 2))  # 364 days: same weekdays
    layer = hl.run_layer(
        cur,
        BBOX,
        hl.HotspotParams(mode="rutnat"),
        period=PERIOD,
        reference=ref,
        comparison=("previous", start, end),
    )
    comp = layer.comparison
    assert comp is not None
    assert (comp.total_current, comp.total_reference, comp.change) == (300, 200, 100)
    assert comp.change_pct == pytest.approx(50.0)
    assert "+100" in comp.sentence() and "föregående period" in comp.sentence()
    cells = layer.cells
    assert (cells["change"] == cells["count"] - cells["count_ref"]).all()
    full = hl.cells_frame(layer, everything=True)
    assert full["count_ref"].sum() == 200 and full["change"].sum() == 100
    zero = hl.Comparison("last_year", *ly, total_current=5, total_reference=0)
    assert zero.change_pct is None and "samma period förra året" in zero.sentence()


def test_comparison_sentence_in_the_readers_language() -> None:
    # the sentence tests/page_trees/hotspots.json recorded, and the same in English
    comp = hl.Comparison("previous", date(2026, 5, 4), date(2026, 8, 3), 81, 88)
    assert comp.sentence("sv") == (
        "81 händelser mot 88 föregående period (2026-05-04 – 2026-08-02): −7, −8 %."
    )
    assert comp.sentence("en") == (
        "81 incidents against 88 in the previous period (2026-05-04 – 2026-08-02): -7, -8%."
    )
    big = hl.Comparison("last_year", date(2026, 1, 1), date(2026, 2, 1), 1_500, 1_000)
    assert big.sentence("sv").startswith("1\u00a0500 händelser mot 1\u00a0000 samma period")
    assert big.sentence("sv").endswith(": +500, +50 %.")
    assert big.sentence("en") == (
        "1,500 incidents against 1,000 in the same period last year "
        "(2026-01-01 – 2026-01-31): +500, +50%."
    )
    one = hl.Comparison("previous", date(2026, 1, 1), date(2026, 2, 1), 1, 1)
    assert one.sentence("en").startswith("1 incident against 1 in the previous period")
    assert one.sentence("en").endswith(": ±0, ±0%.")


def test_emerging_window() -> None:
    start, end, step = hl.emerging_window(date(2026, 10, 5), date(2026, 11, 2))
    assert step == "week" and start.weekday() == 0 and (end - start).days >= 12 * 7
    start, end, step = hl.emerging_window(date(2025, 11, 2), date(2026, 11, 2))
    assert step == "month" and start == date(2025, 11, 2)


def test_cell_detail() -> None:
    frame = pd.DataFrame(
        {
            "x": [565_010.0, 565_099.9, 565_050.0, 565_100.0, 564_999.9],
            "y": [6_493_110.0, 6_493_150.0, 6_493_199.0, 6_493_150.0, 6_493_150.0],
            "occurred_at": pd.to_datetime(
                [
                    "2025-03-07 21:15",  # Friday
                    "2025-03-07 22:40",
                    "2025-05-10",  # date only (Saturday)
                    "2025-03-07 21:00",  # x on the east edge: next cell
                    "2025-03-07 21:00",  # west of the cell
                ],
                format="mixed",
            ),
            "has_time": [True, True, False, True, True],
            "category": ["skadegorelse.klotter", "skadegorelse.glaskross", "ordning.brak"] * 1
            + ["ordning.brak"] * 2,
        }
    )
    tree = CategoryTree.default()
    detail = hl.cell_detail(
        frame, "100m_E5650_N64931", tree, months=(date(2025, 1, 1), date(2025, 7, 1))
    )
    assert detail.total == 3
    assert detail.bounds == (565_000, 6_493_100, 565_100, 6_493_200)
    by = dict(zip(detail.by_category["category"], detail.by_category["count"], strict=True))
    assert by == {"skadegorelse.klotter": 1, "skadegorelse.glaskross": 1, "ordning.brak": 1}
    assert set(detail.by_category["main_label"]) == {"Skadegörelse", "Annat ordningsstörande"}
    assert detail.monthly["count"].tolist() == [0, 0, 2, 0, 1, 0]  # Jan–Jun, empty included
    assert detail.profile.matrix[4, 21] == 1 and detail.profile.matrix[4, 22] == 1
    assert detail.profile.n_without_time == 1 and detail.profile.matrix.sum() == 2
    assert detail.windows[0].label().startswith("fre")
    with pytest.raises(ValidationError):
        hl.cell_detail(frame, "not-a-cell", tree)


def test_cell_at_and_ids() -> None:
    grid = Grid.covering(BBOX, 100)
    lon, lat = 16.10542, 58.56863  # inside 100m_E5643_N64925 (see CLI output sample)
    cid = hl.cell_at(grid, lon, lat)
    assert cid is not None and hl.parse_cell_id(cid)[0] == 100
    assert hl.cell_at(grid, 18.0, 59.3) is None  # Stockholm: outside the grid
    assert hl.cell_bounds("100m_E5648_N64931") == (564_800, 6_493_100, 564_900, 6_493_200)


def test_clicked_cell_from_point_else_tooltip() -> None:
    """A map click names the cell under its point; without one, the cell its tooltip names."""
    grid = Grid.covering(BBOX, 100)
    point = {"lat": 58.56863, "lng": 16.10542}
    assert hl.clicked_cell(grid, point, None) == (
        "58.56863,16.10542",
        hl.cell_at(grid, 16.10542, 58.56863),
    )
    tip = "<b>100m_E5648_N64931</b>: 4 händelser"
    assert hl.clicked_cell(grid, None, tip) == ("100m_E5648_N64931", "100m_E5648_N64931")
    # A point outside the grid (Stockholm): the tooltip's cell, the click is the point.
    far = {"lat": 59.3, "lng": 18.0}
    assert hl.clicked_cell(grid, far, tip) == ("59.3,18.0", "100m_E5648_N64931")
    assert hl.clicked_cell(grid, None, "Klockaretorpet") == (None, None)
    assert hl.clicked_cell(grid, {"lat": 1.0}, None) == (None, None)


def test_params_validation_lists_every_problem() -> None:
    with pytest.raises(ValidationError) as err:
        hl.HotspotParams(mode="värme", cell_size=10, k=9, bandwidth=-1)
    assert len(err.value.problems) == 4


def test_exports(tmp_path: Path) -> None:
    frame = _incidents(400, seed=5)
    layer = hl.run_layer(
        frame,
        BBOX,
        hl.HotspotParams(mode="gistar"),
        period=PERIOD,
        filters={"categories": {"ordning.brak"}, "areas": ["Testområdet"]},
    )
    data = json.loads(hl.export_geojson(layer))
    assert data["type"] == "FeatureCollection"
    assert data["parameters"]["mode"] == "gistar"
    assert data["parameters"]["filters"]["categories"] == ["ordning.brak"]
    assert data["parameters"]["period"] == {"start": "2025-01-01", "end_exclusive": "2025-07-01"}
    props = data["features"][0]["properties"]
    assert {"cell_id", "count", "gi_z", "gi_p", "gi_class"} <= set(props)
    assert "layer_class" not in props
    n_export = len(data["features"])
    assert n_export == len(hl.cells_frame(layer))
    assert sum(f["properties"]["count"] for f in data["features"]) == 400

    path = tmp_path / "x.gpkg"
    path.write_bytes(hl.export_gpkg(layer))
    cells = gpd.read_file(path, layer="hotspot_cells")
    assert len(cells) == n_export and cells.crs.to_epsg() == 4326
    with sqlite3.connect(path) as con:
        params = dict(con.execute("SELECT key, value FROM parameters").fetchall())
    assert json.loads(params["cell_size_m"]) == 100

    raw = hl.export_csv(layer)
    assert raw.startswith("\ufeff".encode())
    table = pd.read_csv(io.BytesIO(raw), comment="#", encoding="utf-8-sig")
    assert len(table) == n_export
    assert {"cell_id", "count", "gi_z", "gi_p", "gi_class", "x", "y", "lat", "lon"} <= set(
        table.columns
    )
    text = raw.decode("utf-8-sig")
    assert text.startswith("# mode: ")

    # Excel: the same cells on sheet "rutor", the parameters on sheet "parametrar".
    book = pd.read_excel(io.BytesIO(hl.export_xlsx(layer)), sheet_name=None)
    assert list(book) == ["rutor", "parametrar"]
    pd.testing.assert_frame_equal(
        book["rutor"][["cell_id", "count", "x", "y"]],
        table[["cell_id", "count", "x", "y"]],
        check_dtype=False,  # Excel keeps 564550.0 as the number 564550
    )
    np.testing.assert_allclose(book["rutor"]["gi_z"], table["gi_z"], rtol=1e-12)
    saved = dict(zip(book["parametrar"]["parameter"], book["parametrar"]["value"], strict=True))
    assert json.loads(saved["cell_size_m"]) == 100 and set(saved) == set(layer.parameters)
    # Named for an English reader too (they were 'rutor' and 'parametrar' for everyone).
    english = pd.read_excel(io.BytesIO(hl.export_xlsx(layer, "en")), sheet_name=None)
    assert list(english) == ["cells", "parameters"]
    pd.testing.assert_frame_equal(english["cells"], book["rutor"])


def test_analysis_bbox() -> None:
    from tests.conftest import OMRADE, small_areas

    bbox, names = hl.analysis_bbox(small_areas(), ["t-omr"])
    assert bbox == OMRADE.bounds and names == ["Testområdet"]
    with pytest.raises(ValidationError, match="Giltiga områden: Testkommun"):
        hl.analysis_bbox(small_areas(), ["Atlantis"])


@pytest.mark.parametrize("mode", hl.MODES)
def test_legend_and_notes_in_english(mode: str) -> None:
    """With lang='en' the map legend (classes, 'not shown' rows, unit) has no Swedish."""
    from tests.english import swedish_words

    layer = hl.run_layer(_incidents(600), BBOX, hl.HotspotParams(mode=mode), period=PERIOD)
    items = legend_items(layer, "en")
    assert items and all(not swedish_words(text) for _, text in items), items
    assert [t for _, t in legend_items(layer)] != [t for _, t in items] or mode == "punkter"
    fmap = base_map(58.58, 16.18, 13, None)
    hotspot_group(layer, title="Legend", lang="en").add_to(fmap)
    html = fmap.get_root().render()
    assert "händelser" not in html and "säkerhet" not in html
    few = hl.run_layer(_incidents(20), BBOX, hl.HotspotParams(mode=mode), period=PERIOD)
    assert few.note is not None and not swedish_words(few.note.text("en"))
