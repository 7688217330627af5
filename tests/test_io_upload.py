"""The Data page's pure upload rules (est_geo.io.upload)."""

from __future__ import annotations

import pytest

from est_geo.core.errors import Problem
from est_geo.io import import_incidents
from est_geo.io.mapping import ColumnMapping
from est_geo.io.upload import (
    INCIDENT_TYPES,
    MAX_UPLOAD_MB,
    check_upload,
    default_source,
    problems_frame,
    user_mapping,
)
from est_geo.store import Store

MB = 1024 * 1024


@pytest.mark.parametrize(
    "name", ["a.csv", "A.CSV", "b.xlsx", "c.geojson", "d.json", "e.gpkg", "f.zip"]
)
def test_accepted_types_within_limit(name: str) -> None:
    assert check_upload(name, MAX_UPLOAD_MB * MB, types=INCIDENT_TYPES, max_mb=MAX_UPLOAD_MB) == []


def test_too_big_and_wrong_type_are_both_reported() -> None:
    problems = check_upload("x.exe", 250 * MB, types=INCIDENT_TYPES, max_mb=100)
    reasons = " ".join(p.reason for p in problems)
    assert len(problems) == 2
    assert "filtypen stöds inte" in reasons
    assert "250 MB" in reasons and "100 MB" in reasons and "est-geo import" in reasons


def test_config_upload_limit_matches_code() -> None:
    import tomllib
    from pathlib import Path

    cfg = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text())
    assert cfg["server"]["maxUploadSize"] == MAX_UPLOAD_MB


@pytest.mark.parametrize(
    ("name", "expected"),
    [("rapporter vecka 3.csv", "rapporter_vecka_3"), ("hv.xlsx", "hv"), (".csv", ".csv")],
)
def test_default_source_matches_import(name: str, expected: str) -> None:
    assert default_source(name) == expected


def test_default_source_is_what_import_incidents_uses(store: Store) -> None:
    content = "x;y;datum;kategori;aktör\n565000;6493100;2025-01-02;Klotter;Polisen\n".encode()
    report = import_incidents(store, content, user="t", filename="rapporter vecka 3.csv")
    assert report.source == default_source("rapporter vecka 3.csv")


def test_user_mapping_passes_only_changes() -> None:
    base = ColumnMapping(x="x", y="y", datetime="datum", category="typ")
    same = {"x": "x", "y": "y", "datetime": "datum", "category": "typ", "time": None}
    assert user_mapping(same, base=base) is None
    changed = user_mapping({**same, "category": "händelse", "time": "kl"}, base=base)
    assert changed == ColumnMapping(category="händelse", time="kl")
    with_cats = user_mapping(same, base=base, categories={"Spray": "skadegorelse.klotter", "X": ""})
    assert with_cats == ColumnMapping(categories={"Spray": "skadegorelse.klotter"})
    assert user_mapping(same, base=base, default_actor="polis") == ColumnMapping(
        default_actor="polis"
    )


def test_user_mapping_unsets_a_detected_column() -> None:
    base = ColumnMapping(x="x", y="y", datetime="datum", category="typ", description="text")
    columns = {"x": "x", "y": "y", "datetime": "datum", "category": "typ", "description": None}
    assert user_mapping(columns, base=base) == ColumnMapping(unset=frozenset({"description"}))
    # A field that had no column and still has none is no change.
    assert user_mapping({**columns, "description": "text", "time": None}, base=base) is None


def test_problems_frame_has_report_columns() -> None:
    frame = problems_frame(
        [Problem(3, "datum", "igår", "kan inte tolkas"), Problem(None, "fil", "", "tom")]
    )
    assert list(frame.columns) == ["rad", "fält", "värde", "orsak"]
    assert frame["rad"].tolist()[0] == 3
    assert frame["rad"].isna().tolist() == [False, True]
