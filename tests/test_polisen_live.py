"""Fetching Polisen's events live (``est-geo polisen`` and the Data page's button) from a
stand-in API on loopback: what is sent (User-Agent, location), what is stored, and that a
second fetch stores no duplicates. No test ever calls polisen.se."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.cli import main as cli_main
from est_geo.io import polisen
from est_geo.store import create_store, open_store

ROOT = Path(__file__).resolve().parent.parent
UA = "EST Geo Norrköping test, est@example.org"


def _events() -> list[dict[str, Any]]:
    """Three events in the API's shape (the gps is the municipality's centre)."""
    base = {"url": "/aktuellt/handelser/x/", "location": {"name": "Norrköping",
            "gps": "58.587745,16.192421"}}  # fmt: skip
    return [
        {**base, "id": 501, "datetime": "2026-11-20 21:05:00 +01:00", "type": "Skadegörelse",
         "name": "20 november 21:05, Skadegörelse, Norrköping",
         "summary": "Fönster krossade i Navestad."},
        {**base, "id": 502, "datetime": "2026-11-21 1:40:00 +01:00", "type": "Bråk",
         "name": "21 november 01:40, Bråk, Norrköping", "summary": "Bråk vid centrum i Hageby."},
        {**base, "id": 503, "datetime": "2026-11-22 9:00:00 +01:00", "type": "Trafikolycka",
         "name": "22 november 09:00, Trafikolycka, Norrköping", "summary": "Singelolycka."},
    ]  # fmt: skip


class _Api(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.path, self.headers.get("User-Agent", "")))
        body = json.dumps(_events()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A stand-in events API on a free loopback port; the rate limit starts afresh."""
    _Api.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(polisen, "_last_call", 0.0)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/events"
    finally:
        server.shutdown()
        server.server_close()


def test_cli_fetches_with_user_agent_and_location_and_dedups(
    api: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.gpkg"
    create_store(str(db))
    args = ["polisen", "--db", str(db), "--user-agent", UA, "--api-url", api,
            "--location", "Norrköping"]  # fmt: skip
    assert cli_main(args) == 0
    out = capsys.readouterr().out
    assert "Importerade:         3" in out
    path, agent = _Api.seen[0]
    assert agent == UA
    assert path == "/api/events?locationname=Norrk%C3%B6ping"
    # The same events again: all skipped by their id (the wait between calls is faked).
    slept: list[float] = []
    monkeypatch.setattr(polisen.time, "sleep", slept.append)
    assert cli_main(args) == 0
    out = capsys.readouterr().out
    assert "Importerade:         0" in out and "Dubbletter (hoppade):      3" in out
    assert slept and 0 < slept[0] <= polisen.MIN_INTERVAL_S  # ≥ 10 s between calls kept
    events = open_store(str(db)).context_events()
    assert sorted(events["source_id"].astype(str)) == ["501", "502", "503"]


def test_cli_without_user_agent_refuses_and_calls_nobody(
    api: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EST_GEO_POLISEN_USER_AGENT", raising=False)
    db = tmp_path / "p.gpkg"
    create_store(str(db))
    assert cli_main(["polisen", "--db", str(db), "--api-url", api]) == 2
    assert "EST_GEO_POLISEN_USER_AGENT" in capsys.readouterr().err
    assert _Api.seen == []


def test_cli_with_the_api_down_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(polisen, "_last_call", 0.0)
    db = tmp_path / "p.gpkg"
    create_store(str(db))
    closed = "http://127.0.0.1:9/api/events"  # discard port: nothing listens
    assert cli_main(["polisen", "--db", str(db), "--user-agent", UA, "--api-url", closed]) == 2
    assert "Polisens API svarar inte" in capsys.readouterr().err
    assert open_store(str(db)).context_events().empty


def test_data_page_button_fetches_when_a_user_agent_is_set(
    api: str,
    demo_copy: Callable[[int], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = demo_copy(500)
    monkeypatch.setenv("EST_GEO_POLISEN_USER_AGENT", UA)
    monkeypatch.setenv("EST_GEO_POLISEN_LOCATION", "Norrköping")
    monkeypatch.setenv("EST_GEO_POLISEN_API_URL", api)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["est_geo_role"] = "analytiker"
    at.run()
    at.switch_page(str(ROOT / "app_pages" / "data.py"))
    at.run()
    assert not at.exception, at.exception
    assert at.text_input(key="data_polisen_loc").value == "Norrköping"
    at.button(key="data_polisen_fetch").click().run()
    assert not at.exception, at.exception
    done = " ".join(s.value for s in at.success)
    assert "3 händelser lästa, 3 nya, 0 fanns redan" in done
    assert _Api.seen and _Api.seen[0][1] == UA
    assert len(open_store(str(db)).context_events()) == 3


def test_data_page_without_user_agent_says_how_to_switch_fetching_on(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_copy(500)
    monkeypatch.delenv("EST_GEO_POLISEN_USER_AGENT", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["est_geo_role"] = "analytiker"
    at.run()
    at.switch_page(str(ROOT / "app_pages" / "data.py"))
    at.run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.key == "data_polisen_fetch"]
    assert any("EST_GEO_POLISEN_USER_AGENT" in c.value for c in at.caption)
