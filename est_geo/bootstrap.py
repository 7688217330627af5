"""Creating databases: the demo database, and the default database on first start.

The app and the CLI share this, so "first start creates the demo database" behaves the
same everywhere. An existing file is never replaced implicitly: only ``est-geo demo
--replace`` (an explicit user request) removes one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from est_geo.config import DEFAULT_DATABASE_PATH, Config
from est_geo.errors import StoreError
from est_geo.model import DEFAULT_INDICATORS, Intervention
from est_geo.store import Store, create_store, open_store, path_of

DEMO_USER = "demo-generator"


def load_demo(store: Store, *, seed: int, n_incidents: int, end_date: date | None) -> None:
    """Fill an empty store with generated demo data and mark it as demo."""
    from est_geo.demo import generate_demo

    demo = generate_demo(seed=seed, n_incidents=n_incidents, end_date=end_date)
    store.add_areas(demo.areas, user=DEMO_USER)
    incidents = demo.incidents.assign(source="demo")
    store.add_incidents(incidents, user=DEMO_USER, batch_id=f"demo-{seed}")
    for rec in demo.interventions.to_dict("records"):
        store.add_intervention(_intervention(rec), user=DEMO_USER)
    for definition in DEFAULT_INDICATORS:
        store.upsert_indicator_definition(definition, user=DEMO_USER)
    values = demo.indicator_values
    store.add_indicator_values(values, user=DEMO_USER)
    store.set_meta(
        {
            "demo": "true",
            "demo_seed": str(seed),
            "demo_end_date": demo.end_date.isoformat(),
            "last_update": pd.Timestamp.now().strftime("%Y-%m-%d %H:%M"),
        },
        user=DEMO_USER,
    )


def _opt_date(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return pd.Timestamp(str(value)).date()


def _intervention(rec: dict[str, Any]) -> Intervention:
    cost = rec.get("cost")
    return Intervention(
        name=str(rec["name"]),
        kind=str(rec["kind"]),
        status=str(rec["status"]),
        owner_actor=str(rec["owner_actor"]),
        start_date=_opt_date(rec["start_date"]),
        end_date=_opt_date(rec["end_date"]),
        geometry=rec["geometry"],
        description=str(rec["description"]),
        public=bool(rec["public"]),
        cost=None if cost is None or cost != cost else float(cost),
        buffer_m=float(rec["buffer_m"]),
    )


def create_demo_database(
    url: str,
    *,
    seed: int = 2017,
    n_incidents: int = 20_000,
    end_date: date | None = None,
    replace: bool = False,
) -> Store:
    """Create a database at ``url`` holding the demo data.

    The data is built in a temporary file first and moved into place only when complete,
    so an interrupted run never leaves a half-filled database behind.
    """
    path = path_of(url)
    if path.exists() and not replace:
        raise StoreError(f"Databasen {path} finns redan. Använd --replace för att ersätta den.")
    tmp = path.with_name(path.name + ".tmp-demo")
    _remove_db_files(tmp)
    try:
        store = create_store(str(tmp))
        load_demo(store, seed=seed, n_incidents=n_incidents, end_date=end_date)
    except BaseException:
        _remove_db_files(tmp)
        raise
    _checkpoint(tmp)
    _remove_db_files(path)
    tmp.rename(path)
    return open_store(str(path))


def _checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def open_configured_store(config: Config) -> Store:
    """Open the configured database; create the demo database if it is the default one.

    Only the *default* file is created implicitly (first start of ``make run``); a
    configured path that does not exist is an error, since silently creating an empty
    database there would hide a typo.
    """
    path = path_of(config.database_url)
    is_default = path.resolve() == DEFAULT_DATABASE_PATH.resolve()
    if not path.exists() and is_default and config.demo and not config.public:
        create_demo_database(config.database_url)
    return open_store(config.database_url, read_only=config.public)
