"""Browser benchmark (issue 18): shared links in Chromium on 1M demo incidents.

Run: ``.venv/bin/python bench/bench_browser.py`` — creates the demo database with
``est-geo demo --incidents 1000000`` at ``--db`` (default
``/tmp/est-geo-bench/demo-1m.gpkg``) unless it exists, then:

1. **Pages, cold and warm.** For each link — Karta, Hotspots Gi*, Hotspots nya &
   växande, Lägesbild, for the whole municipality (``0581``) over the last 365 days of
   the data, and the same four for Klockaretorpet (``NKP-KLO``, the peer: one EST area,
   measured in the same run) — a fresh app server is started on 127.0.0.1, the link is
   opened in a new Chromium context (*cold*: the server's first visitor, nothing
   cached) and again in another new context (*warm*: a new session, process caches
   filled). Printed: seconds from navigation until the page's map is drawn (a Leaflet
   map with its vector layer or canvas, and the page's own text that says its data is
   shown), MB received by the browser (HTTP bodies and WebSocket frames, via the Chrome
   DevTools protocol) and the server's CPU seconds for that visit. A third visit
   (*again*) opens the link once more in the warm visitor's profile, whose HTTP cache
   now holds Streamlit's ~5 MB bundle (a returning user). The first row is the peer of
   all pages: the Om page (text only), i.e. what Streamlit costs to open a page here.
2. **Public visitors at once.** One public-mode server (``EST_GEO_MODE=public``); after
   one warm-up visit, 1, 5, 10 and 20 visitors open Läget i området simultaneously (each
   its own browser context). Printed: median and max seconds to map, server CPU seconds
   per visit (``/proc/<pid>/stat``), server RSS after the round.

Everything stays on loopback: requests to any other host are aborted. Every wait has a
timeout (``--timeout``, default 120 s a visit), so the whole run is bounded (about
10–15 minutes on a 2-core machine under load). The browsers run on the same machine as
the server, so they compete for its cores: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_ARGS, FOLIUM_IFRAME, is_loopback, run_streamlit  # noqa: E402

import est_geo.store  # noqa: E402, F401  (before lagesbild: store → views → lagesbild)
from est_geo.core.periods import rolling_period  # noqa: E402

DEFAULT_DB = Path("/tmp/est-geo-bench/demo-1m.gpkg")
N_INCIDENTS = 1_000_000
MUNICIPALITY, NEIGHBOURHOOD = "0581", "NKP-KLO"
CROWDS = (1, 5, 10, 20)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

#: JS condition in the map's iframe: Leaflet has drawn a vector layer or a canvas.
MAP_DRAWN = (
    "!!(document.querySelector('.leaflet-container path.leaflet-interactive')"
    " || document.querySelector('.leaflet-container canvas'))"
)


@dataclass(frozen=True)
class Link:
    """One shared link: the page's path and query, and the text that says data is shown."""

    label: str
    path: str
    ready_text: str
    has_map: bool = True


#: The peer of every page in the same run: the Om page has text only (no map, no data
#: read), so its time is what Streamlit itself costs to open a page on this machine.
PEER = Link("Om (peer: Streamlit, no map)", "/om?page=om", "Om demodatan", has_map=False)


def links(area: str, period: str) -> list[Link]:
    """The four page links of ``area`` over ``period`` (a ``D1..D2`` code)."""
    common = f"area={area}&period={period}"
    return [
        Link("Karta", f"/karta?page=karta&{common}", "händelser visas"),
        Link(
            "Hotspots Gi*",
            f"/hotspots?page=hotspots&{common}&mode=gistar",
            "händelser i analysområdet",
        ),
        Link(
            "Hotspots nya & växande",
            f"/hotspots?page=hotspots&{common}&mode=emerging",
            "händelser i analysområdet",
        ),
        Link("Lägesbild", f"/lagesbild?page=lagesbild&{common}", "Lägesbild – "),
    ]


@dataclass
class Visit:
    """Seconds to the drawn map; MB received in all and over the app's WebSocket."""

    seconds: float
    mb: float
    ws_mb: float
    error: str = ""


# ------------------------------------------------------------------------------ server
def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mb(pid: int) -> float:
    """Resident set size of process ``pid`` in MB (``VmRSS``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def server(db: Path, *, public: bool, log: Path) -> Any:
    env = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    if public:
        env["EST_GEO_MODE"] = "public"
    with run_streamlit("app.py", log_path=log, env=env, timeout=120) as running:
        yield running


# ------------------------------------------------------------------------------ browser
#: Requests to other hosts seen in profiles that cache (they cannot be routed: see below).
OUTSIDE: list[str] = []

#: Name resolution off for every host but loopback, so no request can leave the machine
#: even where Playwright's routing is not used.
NO_OUTSIDE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


async def new_context(browser: Any, *, cache: bool = False) -> Any:
    """A fresh browser profile (empty HTTP cache) whose requests stay on loopback.

    Playwright's request routing turns the HTTP cache off, so a profile meant to keep
    Streamlit's bundle cached (``cache=True``) is not routed: any request to another host is
    recorded in ``OUTSIDE`` (and cannot resolve, ``NO_OUTSIDE_ARGS``) instead of aborted.
    """
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    if cache:
        context.on("request", lambda r: None if is_loopback(r.url) else OUTSIDE.append(r.url))
        return context

    async def route(route: Any) -> None:
        if is_loopback(route.request.url):
            await route.continue_()
        else:
            await route.abort("blockedbyclient")

    await context.route("**/*", route)
    return context


async def visit(
    browser: Any,
    url: str,
    ready_text: str | None,
    timeout_s: float,
    context: Any = None,
    has_map: bool = True,
) -> Visit:
    """Open ``url``; seconds until the map is drawn, MB received.

    Without ``context`` the visit gets a new one (an empty browser cache) that is closed
    after it; with one, the page opens in that profile (a returning visitor whose browser
    has Streamlit's bundle cached) and the caller closes it.
    """
    own = context is None
    if context is None:
        context = await new_context(browser)
    page = await context.new_page()
    received, ws = [0], [0]
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: _add(received, e.get("encodedDataLength", 0)))
    cdp.on("Network.webSocketFrameReceived", lambda e: _add(ws, _frame_bytes(e)))
    started = time.monotonic()
    deadline = started + timeout_s
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        if ready_text:
            await page.get_by_text(ready_text).first.wait_for(timeout=_ms_left(deadline))
        if has_map:
            await _wait_for_map(page, deadline)
        mb = (received[0] + ws[0]) / 1e6
        return Visit(time.monotonic() - started, mb, ws[0] / 1e6)
    except Exception as exc:  # a benchmark reports a failed visit and goes on
        mb = (received[0] + ws[0]) / 1e6
        return Visit(time.monotonic() - started, mb, ws[0] / 1e6, type(exc).__name__)
    finally:
        await (context.close() if own else page.close())


def _add(total: list[int], n: float) -> None:
    total[0] += int(n)


def _frame_bytes(event: dict[str, Any]) -> int:
    """Bytes of a received WebSocket frame (binary frames come base64-encoded)."""
    response = event.get("response", {})
    data = str(response.get("payloadData", ""))
    return len(data) * 3 // 4 if response.get("opcode") == 2 else len(data.encode())


def _ms_left(deadline: float) -> float:
    return max(1_000.0, (deadline - time.monotonic()) * 1000)


async def _wait_for_map(page: Any, deadline: float) -> None:
    """Until some streamlit-folium iframe has drawn its layer (iframes looked up again)."""
    while time.monotonic() < deadline:
        for handle in await page.query_selector_all(FOLIUM_IFRAME):
            with contextlib.suppress(Exception):  # detached while remounting: look again
                frame = await handle.content_frame()
                if frame is not None and await frame.evaluate(f"() => {MAP_DRAWN}"):
                    return
        await asyncio.sleep(0.1)
    raise TimeoutError("no drawn map")


# ------------------------------------------------------------------------------ runs
async def page_runs(
    browser: Any, db: Path, period: str, timeout_s: float, tmp: Path, only: str
) -> None:
    print("\n1. Shared links (a new server each): seconds to drawn map, MB received in all")
    print("   (app bundle included) and over the WebSocket (the page's data), server CPU s.")
    print("   cold: the server's first visitor; warm: a new browser profile, server caches")
    print("   filled; again: the warm visitor opens the link again (bundle in its cache)")
    head = f"{'s':>8}{'MB':>6}{'WS MB':>7}{'CPU s':>7}"
    print(f"{'link':<40}{'cold':>8}{'':>20}{'warm':>8}{'':>20}{'again':>8}")
    print(f"{'':<40}{head}{head}{head}")
    runs = [(PEER, "")] + [
        (link, ", " + name)
        for area, name in ((MUNICIPALITY, "kommunen"), (NEIGHBOURHOOD, "Klockaretorpet"))
        for link in links(area, period)
        if only.casefold() in link.label.casefold()
    ]
    for link, where in runs:
        with server(db, public=False, log=tmp / "server.log") as running:
            row = f"{link.label + where:<40}"
            url, pid, ready, drawn = (
                running.url + link.path,
                running.process.pid,
                link.ready_text,
                link.has_map,
            )
            row += await _measured(pid, visit(browser, url, ready, timeout_s, None, drawn))
            returning = await new_context(browser, cache=True)
            try:
                for _ in ("warm", "again"):
                    opened = visit(browser, url, ready, timeout_s, returning, drawn)
                    row += await _measured(pid, opened)
            finally:
                await returning.close()
            print(row, flush=True)


async def _measured(pid: int, opened: Any) -> str:
    """One visit's columns: seconds to map (or the error), MB, WebSocket MB, server CPU."""
    cpu = cpu_seconds(pid)
    v = await opened
    spent = cpu_seconds(pid) - cpu
    shown = f"{v.seconds:8.2f}" if not v.error else f"{'>' + v.error[:6]:>8}"
    return f"{shown}{v.mb:6.2f}{v.ws_mb:7.2f}{spent:7.2f}"


async def crowd_runs(
    browser: Any, db: Path, timeout_s: float, tmp: Path, crowds: tuple[int, ...] = CROWDS
) -> None:
    print("\n2. Public site, Läget i området: simultaneous visitors (one public server)")
    with server(db, public=True, log=tmp / "public.log") as running:
        pid = running.process.pid
        cpu = cpu_seconds(pid)
        first = await visit(browser, running.url + "/", None, timeout_s)
        print(
            f"first visit (builds the release): {first.seconds:.2f} s, {first.mb:.2f} MB "
            f"({first.ws_mb:.2f} MB WebSocket), server CPU {cpu_seconds(pid) - cpu:.2f} s "
            f"{first.error}"
        )
        print(f"{'visitors':>8}{'median s':>10}{'max s':>8}{'failed':>8}{'CPU s/visit':>13}"
              f"{'RSS MB':>8}{'WS MB/visit':>13}")  # fmt: skip
        for n in crowds:
            cpu = cpu_seconds(pid)
            visits = await asyncio.gather(
                *(visit(browser, running.url + "/", None, timeout_s) for _ in range(n))
            )
            spent = (cpu_seconds(pid) - cpu) / n
            times = [v.seconds for v in visits]
            failed = sum(1 for v in visits if v.error)
            ws_mb = statistics.mean(v.ws_mb for v in visits)
            print(
                f"{n:>8}{statistics.median(times):>10.2f}{max(times):>8.2f}{failed:>8}"
                f"{spent:>13.2f}{rss_mb(pid):>8.0f}{ws_mb:>13.2f}",
                flush=True,
            )


async def main_async(
    db: Path,
    timeout_s: float,
    skip_pages: bool,
    skip_crowd: bool,
    only: str,
    crowds: tuple[int, ...] = CROWDS,
) -> None:
    from playwright.async_api import async_playwright

    period = rolling_period("ar", today=_last_day(db)).code
    print(f"database: {db}; period {period} (365 days to the data's last day)")
    with tempfile.TemporaryDirectory(prefix="est_geo_bench_") as tmp:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *NO_OUTSIDE_ARGS]
            )
            try:
                if not skip_pages:
                    await page_runs(browser, db, period, timeout_s, Path(tmp), only)
                if not skip_crowd:
                    await crowd_runs(browser, db, timeout_s, Path(tmp), crowds)
            finally:
                await browser.close()
    print(f"requests to other hosts: {len(OUTSIDE)} {OUTSIDE[:3]}")
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"\nload average after the run: {load} (nproc {os.cpu_count()})")


def _last_day(db: Path) -> date:
    from est_geo.store import open_store

    meta = open_store(str(db)).meta()
    return date.fromisoformat(meta.get("demo_end_date") or date.today().isoformat())


def ensure_database(db: Path) -> None:
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"creating {db} with {N_INCIDENTS:,} demo incidents …", flush=True)
    command = [sys.executable, "-m", "est_geo", "demo", "--incidents", str(N_INCIDENTS)]
    subprocess.run([*command, "--db", str(db)], cwd=ROOT, check=True, timeout=900)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help="demo database (made if missing)"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per visit")
    parser.add_argument("--skip-pages", action="store_true", help="only the public crowd run")
    parser.add_argument("--skip-crowd", action="store_true", help="only the page links")
    parser.add_argument("--pages", default="", help="only links whose label contains this")
    parser.add_argument(
        "--crowds",
        default=",".join(str(n) for n in CROWDS),
        help="simultaneous public visitors to try, comma-separated (default 1,5,10,20)",
    )
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    # A terminated run still stops its servers (their context managers run on SystemExit).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ensure_database(args.db)
    print(f"load average before the run: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    crowds = tuple(int(n) for n in args.crowds.split(",") if n.strip())
    asyncio.run(
        main_async(args.db, args.timeout, args.skip_pages, args.skip_crowd, args.pages, crowds)
    )


if __name__ == "__main__":
    main()
