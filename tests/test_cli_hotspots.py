"""``est-geo hotspots``: GeoJSON schema (one feature per cell, zeros included) and errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from est_geo.cli import main
from est_geo.core.crs import from_wgs84
from est_geo.hotspots import Grid
from est_geo.store import Store
from tests.conftest import OMRADE, small_areas
from tests.english import data_strings, swedish_words


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with the small areas and 200 incidents: a tight cluster plus scatter."""
    import pandas as pd

    from est_geo.store import create_store

    url = str(tmp_path / "hs.gpkg")
    store: Store = create_store(url)
    store.add_areas(small_areas(), user="test")
    rng = np.random.default_rng(7)
    n_cluster, n_scatter = 120, 80
    x = np.concatenate(
        [rng.normal(565_020, 25, n_cluster), rng.uniform(564_000, 566_000, n_scatter)]
    )
    y = np.concatenate(
        [rng.normal(6_493_120, 25, n_cluster), rng.uniform(6_492_500, 6_494_000, n_scatter)]
    )
    n = n_cluster + n_scatter
    frame = pd.DataFrame(
        {
            "x": x,
            "y": y,
            "occurred_at": pd.date_range("2025-03-01 20:00", periods=n, freq="7h"),
            "has_time": [True] * n,
            "category": ["skadegorelse.klotter"] * n_cluster + ["ordning.brak"] * n_scatter,
            "actor": ["bostadsbolag"] * n,
            "precision": ["exact"] * n,
            "description": [""] * n,
            "source": ["test"] * n,
            "source_id": [f"s{i}" for i in range(n)],
        }
    )
    store.add_incidents(frame, user="test")
    return url


def _run(db: str, out: Path, *extra: str) -> int:
    return main(["hotspots", "--db", db, "--out", str(out), *extra])


def test_one_feature_per_cell_with_zeros_and_parameters(db: str, tmp_path: Path) -> None:
    out = tmp_path / "hs.geojson"
    assert _run(db, out, "--area", "Testområdet", "--cell-size", "100") == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    grid = Grid.covering(tuple(OMRADE.bounds), 100)
    feats = data["features"]
    assert len(feats) == grid.n_cells  # the whole rectangle
    ids = [f["properties"]["cell_id"] for f in feats]
    assert len(set(ids)) == len(ids)
    assert set(ids) == set(grid.cell_ids().ravel().tolist())
    props = feats[0]["properties"]
    assert set(props) == {"cell_id", "count", "gi_z", "gi_p", "gi_class"}
    counts = [f["properties"]["count"] for f in feats]
    assert 0 in counts and sum(counts) == 200  # zero cells included, every incident counted
    classes = {f["properties"]["gi_class"] for f in feats}
    assert "hot_99" in classes and classes <= {
        "hot_99",
        "hot_95",
        "hot_90",
        "none",
        "cold_90",
        "cold_95",
        "cold_99",
    }
    assert all(0 < f["properties"]["gi_p"] <= 1 for f in feats)
    params = data["parameters"]
    assert params["cell_size_m"] == 100 and params["fdr"] is False and params["k"] == 1
    assert params["crs"] == "EPSG:4326" and params["filters"]["areas"] == ["Testområdet"]
    assert params["n_incidents"] == 200
    # Geometry: WGS84 polygon whose centre lies in the named cell (SWEREF 99 TM).
    by_id = {f["properties"]["cell_id"]: f for f in feats}
    hot = max(feats, key=lambda f: f["properties"]["gi_z"])
    poly = shape(hot["geometry"])
    assert poly.geom_type == "Polygon" and len(poly.exterior.coords) == 5
    cx, cy = from_wgs84(np.array([poly.centroid.x]), np.array([poly.centroid.y]))
    cell = hot["properties"]["cell_id"]
    size, ix, iy = 100, int(cell.split("_E")[1].split("_")[0]), int(cell.split("_N")[1])
    assert ix * size < cx[0] < (ix + 1) * size and iy * size < cy[0] < (iy + 1) * size
    assert shapely.area(poly) > 0 and cell in by_id
    # The cluster centre (565 020, 6 493 120) is in cell E5650_N64931: a hot spot.
    assert by_id["100m_E5650_N64931"]["properties"]["gi_class"].startswith("hot_")


def test_fdr_filters_and_period(db: str, tmp_path: Path) -> None:
    out = tmp_path / "f.geojson"
    args = ["--area", "T-OMR", "--fdr", "--category", "Klotter", "--from", "2025-03-01"]
    assert _run(db, out, *args, "--to", "2025-12-31", "--cell-size", "200") == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "gi_p_fdr" in data["features"][0]["properties"]
    assert data["parameters"]["fdr"] is True
    assert data["parameters"]["filters"]["categories"] == ["skadegorelse.klotter"]
    assert sum(f["properties"]["count"] for f in data["features"]) == 120
    assert all(f["id"].startswith("200m_") for f in data["features"])


@pytest.mark.parametrize(
    ("args", "needle", "valid"),
    [
        (["--area", "Atlantis"], "Okänt område", "Testområdet centrum (T-OMR-C)"),
        (["--category", "klotter", "rymdskrot"], "Okänd kategori", "skadegorelse.klotter"),
        (["--actor", "marsianer"], "Okänd aktör", "bostadsbolag"),
        (["--cell-size", "7"], "rutstorleken", "25–1000"),
        (["--from", "2025-13-01"], "ÅÅÅÅ-MM-DD", "--from"),
    ],
)
def test_unknown_names_exit_2_listing_valid_ones(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    needle: str,
    valid: str,
) -> None:
    out = tmp_path / "x.geojson"
    assert _run(db, out, *args) == 2
    err = capsys.readouterr().err
    assert needle in err and valid in err
    assert "Traceback" not in err
    assert not out.exists()


def test_no_incidents_is_a_clear_error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.geojson"
    assert _run(db, out, "--from", "2030-01-01", "--to", "2030-02-01") == 2
    assert "Gi* kan inte beräknas" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--area", "Atlantis"], "Unknown area. Valid areas: Testkommun (0581)"),
        (["--cell-size", "7"], "the cell size must be whole metres 25–1000"),
    ],
)
def test_bad_parameters_are_reported_in_english(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    needle: str,
) -> None:
    """A bad area or cell size, read with EST_GEO_LANGUAGE=en: the reasons in English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    assert _run(db, tmp_path / "x.geojson", *args) == 2
    err = capsys.readouterr().err
    assert needle in err, err
    assert swedish_words(err, data_strings(db)) == [], err


def test_no_incidents_in_english(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    assert _run(db, tmp_path / "x.geojson", "--from", "2030-01-01", "--to", "2030-02-01") == 2
    err = capsys.readouterr().err
    assert swedish_words(err, data_strings(db)) == [], err
