"""Property-based fuzzing of every parser: the only failure is the project's own error.

Over 1,000 generated files per run in total (random bytes, truncated files, wrong
encodings, huge numbers, NaN, empty columns, swapped axes, wrong CRS, broken JSON). For
each: either the import succeeds, or it raises :class:`EstGeoError` (normally
:class:`ValidationError`) and the database is exactly as before.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from est_geo.core.errors import EstGeoError
from est_geo.io import import_incidents, import_polisen_events
from est_geo.store import Store, create_store
from tests.conftest import small_areas


def fuzz(n: int) -> settings:
    """Fast, bounded runs: no deadline (I/O varies), fixtures reused across examples."""
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )


@pytest.fixture
def fast_store() -> Iterator[Store]:
    """An embedded store on tmpfs when available: a thousand examples then cost CPU
    time, not fsyncs. The contract tests cover every backend's all-or-nothing writes;
    ``test_fuzz_csv_every_backend`` runs a smaller sample against each backend too."""
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
    store = create_store(str(root / "fuzz.gpkg"))
    store.add_areas(small_areas(), user="test")
    try:
        yield store
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _snapshot(store: Store) -> tuple[Any, ...]:
    info = store.info()
    return (info.counts, info.incident_range, store.meta().get("schema_version"))


def _check(store: Store, action: Callable[[], object]) -> None:
    before = _snapshot(store)
    try:
        action()
    except EstGeoError:
        assert _snapshot(store) == before


def _import(store: Store, data: bytes, name: str, **kw: Any) -> Callable[[], object]:
    return lambda: import_incidents(store, data, filename=name, user="fuzz", **kw)


# -- values that break parsers ---------------------------------------------------------------
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "nan", "NaN", "inf", "-inf", "1e308", "1e999", "9" * 40, "6 493 100,5"]),
    st.floats(55, 69.1).map(str),
    st.floats(10.5, 24.2).map(str),
    st.floats(560_000, 575_000).map(str),
    st.floats(6_488_000, 6_500_000).map(str),
    st.floats(1_200_000, 1_900_000).map(str),
    st.text(max_size=6),
)
DATES = st.one_of(
    st.sampled_from(
        ["", "2025-01-06", "2025-01-06 21:30", "2025-13-45", "06.01.2025", "0000-00-00"]
    ),
    st.datetimes().map(lambda d: d.isoformat(sep=" ")),
    st.text(max_size=12),
)
LABELS = st.one_of(
    st.sampled_from(["Klotter", "Bråk", "skadegorelse", "", "Påhittad", "KLOTTER"]),
    st.text(max_size=10),
)
ACTORS = st.one_of(
    st.sampled_from(["polis", "Polisen", "Hyresbostäder", "", "x"]), st.text(max_size=8)
)
HEADERS = st.sampled_from(
    [
        ["id", "datum", "kategori", "aktör", "x", "y"],
        ["datum", "kategori", "aktör", "latitud", "longitud"],
        ["datum", "kategori", "aktör", "X", "Y"],  # X = northing: swapped axes
        ["datum", "kategori", "x", "y"],  # no actor column
        ["a", "b", "c"],  # nothing recognisable
    ]
)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, str | None]:
    header = draw(HEADERS)
    n = draw(st.integers(0, 6))
    rows = []
    for _ in range(n):
        row = []
        for col in header:
            key = col.lower()
            if key in {"x", "y", "latitud", "longitud"}:
                row.append(draw(NUMBERS))
            elif key == "datum":
                row.append(draw(DATES))
            elif key == "kategori":
                row.append(draw(LABELS))
            elif key == "aktör":
                row.append(draw(ACTORS))
            else:
                row.append(draw(st.sampled_from(["1", "2", "", "x"])))
        rows.append(row)
    delim = draw(st.sampled_from([",", ";", "\t", "|"]))
    text = "\n".join(delim.join(r) for r in [header, *rows]) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    crs = draw(st.sampled_from([None, None, "EPSG:3006", "EPSG:4326", "EPSG:3021", "EPSG:3857"]))
    return data, crs


@fuzz(300)
@given(csv_files(), st.booleans())
def test_fuzz_csv(fast_store: Store, case: tuple[bytes, str | None], valid_only: bool) -> None:
    data, crs = case
    _check(fast_store, _import(fast_store, data, "f.csv", crs=crs, valid_rows_only=valid_only))


@fuzz(200)
@given(
    st.binary(max_size=400),
    st.sampled_from(["f.csv", "f.xlsx", "f.geojson", "f.gpkg", "f.zip", "f.json"]),
)
def test_fuzz_random_bytes(fast_store: Store, data: bytes, name: str) -> None:
    _check(fast_store, _import(fast_store, data, name))


def _xlsx_bytes(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# openpyxl refuses control characters, so cell text is printable (not a limit of ours).
PRINTABLE = st.text(st.characters(min_codepoint=32, exclude_categories=["Cs", "Cc"]), max_size=8)
CELLS = st.one_of(st.none(), st.integers(-(10**20), 10**20), st.floats(), PRINTABLE, st.datetimes())


@fuzz(80)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=5), st.integers(0, 3000))
def test_fuzz_xlsx(fast_store: Store, body: list[list[Any]], cut: int) -> None:
    data = _xlsx_bytes([["datum", "kategori", "aktör", "x", "y"], *body])
    if cut % 3 == 0:
        data = data[:cut]
    _check(fast_store, _import(fast_store, data, "f.xlsx"))


GEO_VALUES = st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=8), st.booleans())


@st.composite
def geojson_docs(draw: st.DrawFn) -> bytes:
    features = []
    for _ in range(draw(st.integers(0, 4))):
        coords = draw(
            st.lists(st.one_of(st.floats(), st.integers(-(10**6), 10**7)), min_size=0, max_size=3)
        )
        geom = draw(
            st.sampled_from([{"type": "Point", "coordinates": coords}, None, {"type": "Nope"}])
        )
        props = {
            k: draw(GEO_VALUES)
            for k in draw(
                st.lists(st.sampled_from(["datum", "kategori", "aktör", "id"]), unique=True)
            )
        }
        features.append({"type": "Feature", "geometry": geom, "properties": props})
    text = json.dumps({"type": "FeatureCollection", "features": features})
    data = text.encode()
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@fuzz(170)
@given(geojson_docs())
def test_fuzz_geojson(fast_store: Store, data: bytes) -> None:
    _check(fast_store, _import(fast_store, data, "f.geojson"))


@pytest.fixture(scope="module")
def gpkg_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("fz") / "p.gpkg"
    gpd.GeoDataFrame(
        {"datum": ["2025-01-06", "x"], "kategori": ["Klotter", "?"], "aktör": ["polis", "polis"]},
        geometry=[Point(564900, 6493100), Point(1e300, 0)],
        crs="EPSG:3006",
    ).to_file(path, engine="pyogrio")
    return path.read_bytes()


@fuzz(60)
@given(st.integers(0, 200_000), st.binary(max_size=16), st.integers(0, 200_000))
def test_fuzz_truncated_and_corrupted_gpkg(
    store: Store, gpkg_bytes: bytes, cut: int, junk: bytes, where: int
) -> None:
    data = bytearray(gpkg_bytes[: cut % (len(gpkg_bytes) + 1)])
    pos = where % (len(data) + 1)
    data[pos : pos + len(junk)] = junk
    _check(store, _import(store, bytes(data), "f.gpkg"))


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@st.composite
def polisen_docs(draw: st.DrawFn) -> bytes:
    events = []
    for i in range(draw(st.integers(0, 4))):
        ev: dict[str, Any] = {
            "id": draw(st.one_of(st.integers(0, 10**6), JSON_VALUES)),
            "datetime": draw(
                st.one_of(
                    st.just(f"2025-06-0{i + 1} 7:32:06 +02:00"), st.text(max_size=30), JSON_VALUES
                )
            ),
            "name": draw(st.one_of(st.just("Bråk i Hageby"), JSON_VALUES)),
            "summary": draw(st.one_of(st.just("Klockaretorp"), JSON_VALUES)),
            "url": "/x",
            "type": draw(st.one_of(st.sampled_from(["Bråk", "Brand", "Okänd typ"]), JSON_VALUES)),
            "location": draw(
                st.one_of(
                    st.just({"name": "Norrköping", "gps": "58.587745,16.192421"}),
                    st.fixed_dictionaries({"name": JSON_VALUES, "gps": JSON_VALUES}),
                    JSON_VALUES,
                )
            ),
        }
        events.append(ev)
    data = json.dumps(events).encode()
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@fuzz(250)
@given(polisen_docs())
def test_fuzz_polisen_json(fast_store: Store, data: bytes) -> None:
    before = len(fast_store.context_events())
    try:
        import_polisen_events(fast_store, data, user="fuzz")
    except EstGeoError:
        assert len(fast_store.context_events()) == before


@fuzz(40)
@given(csv_files(), st.booleans())
def test_fuzz_csv_every_backend(
    store: Store, case: tuple[bytes, str | None], valid_only: bool
) -> None:
    data, crs = case
    _check(store, _import(store, data, "f.csv", crs=crs, valid_rows_only=valid_only))
