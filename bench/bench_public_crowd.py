"""Public visitors counted apart (issue 18): Läget i området's server side without browsers.

Run: ``.venv/bin/python bench/bench_public_crowd.py`` — reuses (or creates, with
``est-geo demo --incidents 1000000``) ``--db`` (default ``/tmp/est-geo-bench/demo-1m.gpkg``),
starts one public-mode app server on 127.0.0.1 and prints:

1. **Browser check.** One Chromium visit of ``--path`` (default ``/``) after a warm-up:
   the requests it makes, the ``BackMsg`` it sends over Streamlit's WebSocket and the
   elements it receives. A *protocol visitor* (below) then opens the same page; the
   benchmark prints whether it sent the identical ``BackMsg`` and received the same
   elements (same number of deltas, the map's ``component_instance`` present). A second
   visit in the same browser profile records what a *returning* browser (Streamlit's
   hashed bundle in its HTTP cache) still asks the server for.
2. **Server CPU per visit, by part** (``/proc/<pid>/stat`` deltas, mean of ``--repeat``
   runs one after another): the HTTP files a fresh browser fetches (replayed as
   recorded, six keep-alive connections like a browser), those a returning browser
   still fetches, and the WebSocket session with its script runs (a protocol visit).
   With ``--profile``, py-spy samples the server during protocol visits and splits
   their CPU into the map component's part, the rest of the script runs, Streamlit's
   session events, the WebSocket, the three HTTP calls and the rest (``PARTS``). The
   peer, measured in the same run: a protocol visit of the Om page (text only, ``PEER``).
3. **Simultaneous visitors** 1, 5, 10, 20 (``--crowds``): protocol visitors opening the
   page at the same moment, each timed from the start to the map's data (the script
   run finished and the map's component arguments received). Two kinds of crowd:
   *returning* (the files a returning browser fetches, then the WebSocket) and *fresh*
   (every file of a first visit first, then the WebSocket: an upper bound, a browser
   starts the WebSocket before its last chunks arrive). Printed: median and max seconds,
   server CPU per visit, server RSS with every visitor's session still open, this
   process's own CPU (the visitors, counted apart from the server).

A protocol visitor is what a browser's first visit does on the wire: ``GET`` of the page
(the XSRF cookie), ``/_stcore/health`` and ``/_stcore/host-config``, then the WebSocket
``/_stcore/stream`` with the same subprotocols, ``Origin`` and cookie and one
``rerun_script`` ``BackMsg`` carrying the page, query string and context; it reads
``ForwardMsg`` until both runs (``/`` forwards to the page) have finished and the map's
arguments arrived. It does not draw: the browser's own drawing is on the visitor's
machine, which is what "browsers on another machine" means in issue 18's goal. The
WebSocket client is ``websockets`` (uvicorn's, installed with Streamlit 1.67, which
serves through starlette/uvicorn, not tornado). Everything stays on loopback; every wait
has a timeout. The load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_ARGS, FOLIUM_IFRAME, is_loopback  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from bench.bench_browser import (  # noqa: E402
    DEFAULT_DB,
    NO_OUTSIDE_ARGS,
    cpu_seconds,
    ensure_database,
    new_context,
    rss_mb,
    server,
)

CROWDS = (1, 5, 10, 20)
#: The peer measured in the same run: the Om page (text only, no data read, no map,
#: opened directly: one run), i.e. what Streamlit's session and a page run cost here.
PEER = "/om?page=om"
#: Parallel HTTP connections per visitor, as a browser opens per host.
CONNECTIONS = 6
MAP_ELEMENT = "component_instance"
PYSPY = Path(os.environ.get("PYSPY", "/tmp/pyspy/bin/py-spy"))


# ------------------------------------------------------------------------------ protocol
def rerun_message(url: str) -> BackMsg:
    """The ``BackMsg`` a browser sends first on opening ``url`` (Chromium, sv-SE, UTC)."""
    parts = urlsplit(url)
    msg = BackMsg()
    state = msg.rerun_script
    state.widget_states.SetInParent()
    state.query_string = parts.query
    state.page_name = parts.path.strip("/")
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "sv-SE"
    info.url, info.is_embedded, info.color_scheme = url, False, "light"
    return msg


def element_kind(msg: ForwardMsg) -> str:
    """``new_session``, ``script_finished``, ``delta:heading``, ``delta:add_block`` …"""
    kind = str(msg.WhichOneof("type"))
    if kind != "delta":
        return kind
    delta = str(msg.delta.WhichOneof("type"))
    if delta == "new_element":
        return f"delta:{msg.delta.new_element.WhichOneof('type')}"
    return f"delta:{delta}"


@dataclass
class ProtocolVisit:
    """What one protocol visitor saw: seconds to the map's data, the messages received."""

    seconds: float = float("nan")
    kinds: list[str] = field(default_factory=list)
    map_bytes: int = 0
    ws_bytes: int = 0
    error: str = ""
    #: Set once the map's data arrived or the visit failed (the session may stay open).
    finished: bool = False


#: The request headers Chromium sends for a file (its ``Accept-Encoding`` decides whether
#: the server compresses: Streamlit gzips every response but ``/static/`` and the page).
HEADERS = "Accept: */*\r\nAccept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: sv-SE\r\n"


class Connection:
    """One keep-alive HTTP/1.1 connection to the app server, as lean as a client can be.

    Why not httpx: at ~2 ms of client CPU per request, twenty fresh visitors' 148 files
    each took the two cores from the server they measure (and failed a request).
    """

    def __init__(self, base: str) -> None:
        self.host = urlsplit(base).netloc
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.cookies: dict[str, str] = {}

    async def get(self, url: str) -> int:
        """GET ``url`` (same host); body bytes received. Raises on a status ≥ 400."""
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
        request = f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n{HEADERS}{cookie_line}\r\n"
        try:
            reader, writer = await self._streams()
            writer.write(request.encode())
            status, headers = await self._head(reader)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            # The server closed an idle keep-alive connection (uvicorn: after 5 s); a
            # browser then sends the request again on a new one, and so does this.
            if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                raise
            await self.close()
            reader, writer = await self._streams()
            writer.write(request.encode())
            status, headers = await self._head(reader)
        if status >= 400:
            raise RuntimeError(f"HTTP {status} for {target}")
        if headers.get("transfer-encoding") == "chunked":
            return await self._chunked(reader)
        n = int(headers.get("content-length", "0"))
        await reader.readexactly(n)
        return n

    async def _streams(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.reader is None or self.writer is None:
            host, port = self.host.rsplit(":", 1)
            self.reader, self.writer = await asyncio.open_connection(host, int(port))
        return self.reader, self.writer

    async def _head(self, reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
            if name.strip().lower() == "set-cookie":
                key, _, rest = value.strip().partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return int(lines[0].split()[1]), headers

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> int:
        total = 0
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
            total += size
        await reader.readuntil(b"\r\n")
        return total

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def fetch_all(base: str, urls: list[str]) -> int:
    """GET every URL over ``CONNECTIONS`` keep-alive connections; bytes received."""
    queue = list(urls)
    total = [0]

    async def worker() -> None:
        connection = Connection(base)
        try:
            while queue:
                received = await connection.get(queue.pop(0))
                total[0] += received  # after the await: workers interleave
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(CONNECTIONS)))
    return total[0]


async def protocol_visit(
    base: str,
    path: str,
    files: list[str],
    timeout_s: float,
    hold: asyncio.Event | None = None,
    result: ProtocolVisit | None = None,
    needs_map: bool = True,
) -> ProtocolVisit:
    """Open ``base + path`` as a browser's first visit does; see the module docstring.

    ``files`` are fetched first (a fresh or returning browser's HTTP requests). With
    ``hold`` the WebSocket stays open (the session alive) until it is set; ``result``
    is filled as the visit goes (``finished`` once the map's data arrived, or without
    ``needs_map`` once a run that drew something has finished: the peer page).
    """
    result = result if result is not None else ProtocolVisit()
    started = time.monotonic()
    url = base + path
    try:
        async with asyncio.timeout(timeout_s):
            page = Connection(base)
            try:
                await page.get(url)
                await fetch_all(base, files)
                await page.get(base + "/_stcore/health")
                await page.get(base + "/_stcore/host-config")
            finally:
                await page.close()
            xsrf = page.cookies.get("_streamlit_xsrf", "")
            await _stream(base, url, xsrf, result, started, hold, needs_map)
    except Exception as exc:  # a benchmark reports a failed visit and goes on
        result.error = f"{type(exc).__name__}: {exc}"[:80]
    result.finished = True
    return result


async def _stream(
    base: str,
    url: str,
    xsrf: str,
    result: ProtocolVisit,
    started: float,
    hold: asyncio.Event | None,
    needs_map: bool,
) -> None:
    ws_url = "ws" + base.removeprefix("http") + "/_stcore/stream"
    headers = {"Origin": base, "Accept-Language": "sv-SE"}
    if xsrf:
        headers["Cookie"] = f"_streamlit_xsrf={xsrf}"
    protocols: Any = ["streamlit", xsrf] if xsrf else ["streamlit"]
    async with connect(ws_url, subprotocols=protocols, additional_headers=headers) as ws:
        await ws.send(rerun_message(url).SerializeToString())
        async for frame in ws:
            data = frame if isinstance(frame, bytes) else frame.encode()
            result.ws_bytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = element_kind(msg)
            result.kinds.append(kind)
            if kind == f"delta:{MAP_ELEMENT}":
                result.map_bytes = len(data)
            done = result.map_bytes or (not needs_map and "delta:" in "".join(result.kinds))
            if kind == "script_finished" and done:
                result.seconds = time.monotonic() - started
                result.finished = True
                break
        if hold is not None:
            await hold.wait()


# ------------------------------------------------------------------------------ browser
@dataclass
class BrowserRecord:
    """A real browser's visit: its requests, first ``BackMsg`` and received elements."""

    fresh_files: list[str]
    returning_files: list[str]
    sent: list[bytes]
    kinds: list[str]
    seconds: float


async def browser_check(base: str, path: str, timeout_s: float) -> BrowserRecord:
    """One Chromium visit (then a returning one in the same profile), recorded."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *NO_OUTSIDE_ARGS]
        )
        try:
            context = await new_context(browser, cache=True)
            first = await _recorded_visit(context, base + path, timeout_s)
            again = await _recorded_visit(context, base + path, timeout_s)
            await context.close()
        finally:
            await browser.close()
    return BrowserRecord(first[0], again[0], first[1], first[2], first[3])


async def _recorded_visit(
    context: Any, url: str, timeout_s: float
) -> tuple[list[str], list[bytes], list[str], float]:
    """Files requested from the server (not from the HTTP cache), frames sent, kinds."""
    page = await context.new_page()
    requested: list[str] = []
    sent: list[bytes] = []
    kinds: list[str] = []
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")

    def response(event: dict[str, Any]) -> None:
        r = event["response"]
        if event.get("type") != "WebSocket" and not (
            r.get("fromDiskCache") or r.get("fromPrefetchCache") or r.get("fromServiceWorker")
        ):
            requested.append(r["url"])

    def received(event: dict[str, Any]) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(base64.b64decode(event["response"]["payloadData"]))
        kinds.append(element_kind(msg))

    cdp.on("Network.responseReceived", response)
    cdp.on("Network.webSocketFrameSent", lambda e: sent.append(_payload(e)))
    cdp.on("Network.webSocketFrameReceived", received)
    started = time.monotonic()
    await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    await page.locator(FOLIUM_IFRAME).first.wait_for(timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while not _map_run_finished(kinds):
        if time.monotonic() > deadline:
            raise TimeoutError("browser: no script_finished after the map")
        await asyncio.sleep(0.05)
    seconds = time.monotonic() - started
    await page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    await page.close()
    return [u for u in requested if is_loopback(u)], sent, kinds, seconds


#: Who serves which files of a visit (path prefixes, first match wins).
FILE_GROUPS = (
    ("Streamlit's bundle /static/", "/static/"),
    ("app static /app/static/ (Leaflet)", "/app/static/"),
    ("map component /component/", "/component/"),
)


def file_groups(urls: list[str]) -> dict[str, list[str]]:
    """``urls`` by ``FILE_GROUPS`` (anything else under "other")."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        path = urlsplit(url).path
        name = next((n for n, prefix in FILE_GROUPS if path.startswith(prefix)), "other")
        groups.setdefault(name, []).append(url)
    return groups


def _map_run_finished(kinds: list[str]) -> bool:
    """True once a ``script_finished`` follows the map's element."""
    element = f"delta:{MAP_ELEMENT}"
    return element in kinds and "script_finished" in kinds[kinds.index(element) :]


def _payload(event: dict[str, Any]) -> bytes:
    return base64.b64decode(event["response"]["payloadData"])


def _files(urls: list[str], page_url: str) -> list[str]:
    """The HTTP files of a visit, without the page itself and the two calls every
    protocol visitor makes anyway (health, host-config)."""
    skip = {page_url, page_url.rstrip("/")}
    return [u for u in urls if u not in skip and "/_stcore/" not in u]


# ------------------------------------------------------------------------------ CPU
async def cpu_of(pid: int, run: Any) -> float:
    """Server CPU seconds spent while awaiting ``run`` (a coroutine)."""
    before = cpu_seconds(pid)
    await run
    return cpu_seconds(pid) - before


async def mean_cpu(pid: int, make: Any, repeat: int) -> float:
    """Server CPU seconds per run of ``make()``, over ``repeat`` runs one after another
    (``/proc`` counts in 10 ms ticks: one 50 ms visit alone would be ±20 %)."""
    before = cpu_seconds(pid)
    for _ in range(repeat):
        await make()
    return (cpu_seconds(pid) - before) / repeat


async def http_only(base: str, files: list[str], timeout_s: float) -> None:
    async with asyncio.timeout(timeout_s):
        await fetch_all(base, files)


#: Stack-frame markers of each part of a protocol visit, first match wins (py-spy raw
#: format: one line per distinct stack, frames "function (file:line)" joined by ";").
PARTS = (
    ("map component (sends the recorded args)", ("folium_payload.py", "public_map.py")),
    ("script runs, the rest (app.py + page)", ("script_runner.py",)),
    ("session events, ForwardMsg queue", ("app_session.py", "forward_msg_queue.py", "runtime.py")),
    ("WebSocket I/O", ("starlette_websocket.py", "websockets_")),
    ("HTTP: page, health, host-config", ("h11_impl.py", "httptools_impl.py")),
)


def split_profile(raw: Path) -> dict[str, float]:
    """Share of py-spy's samples per part (``PARTS``; the rest is the event loop etc.)."""
    counts: Counter[str] = Counter()
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        part = next((name for name, marks in PARTS if any(m in stack for m in marks)), "other")
        counts[part] += int(n)
    total = sum(counts.values()) or 1
    return {name: counts[name] / total for name in [*(p for p, _ in PARTS), "other"]}


@contextlib.contextmanager
def profiled(pid: int, out: Path) -> Any:
    """py-spy sampling ``pid`` until the block ends.

    ``--gil``: only samples of the thread holding the GIL, i.e. Python code running (py-spy's
    idle detection alone counts threads waiting in ``Condition.wait``/``select``); C code
    that releases the GIL is missed. Blocking sampling (the process is paused for each
    sample, so the CPU figures are measured without py-spy): ``--nonblocking`` gave
    inconsistent splits between runs.
    """
    command = [str(PYSPY), "record", "--pid", str(pid), "--format", "raw", "--rate", "200"]
    command.append("--gil")
    spy = subprocess.Popen(
        [*command, "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)  # py-spy attaches
    try:
        yield
    finally:
        spy.send_signal(2)
        spy.wait(timeout=60)


# ------------------------------------------------------------------------------ runs
async def crowd(
    base: str, path: str, pid: int, n: int, files: list[str], timeout_s: float
) -> tuple[list[ProtocolVisit], float, float, float]:
    """``n`` visitors at once; their visits, server CPU per visit, RSS, own CPU."""
    hold = asyncio.Event()
    cpu, own = cpu_seconds(pid), time.process_time()
    results = [ProtocolVisit() for _ in range(n)]
    tasks = [
        asyncio.create_task(protocol_visit(base, path, files, timeout_s, hold, r)) for r in results
    ]
    deadline = time.monotonic() + timeout_s
    while not all(r.finished for r in results) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    spent, rss = (cpu_seconds(pid) - cpu) / n, rss_mb(pid)
    hold.set()
    visits = await asyncio.gather(*tasks)
    return visits, spent, rss, (time.process_time() - own) / n


def _print_check(record: BrowserRecord, seen: ProtocolVisit, url: str) -> None:
    same_msg = record.sent[:1] == [rerun_message(url).SerializeToString()]
    element = f"delta:{MAP_ELEMENT}"
    deltas = [k for k in record.kinds if k.startswith("delta")]
    mine = [k for k in seen.kinds if k.startswith("delta")]
    print(f"browser: map data after {record.seconds:.2f} s, {len(record.sent)} BackMsg sent")
    print(f"  first BackMsg identical to the protocol visitor's: {same_msg}")
    print(
        f"  deltas received: browser {len(deltas)}, protocol visitor {len(mine)}; "
        f"same element sequence: {deltas == mine}; "
        f"map component present: {element in deltas and element in mine}"
    )
    print(
        f"  requests to the server: fresh browser {len(record.fresh_files)}, "
        f"returning browser {len(record.returning_files)} (page and /_stcore/ calls included)"
    )
    print(f"  a returning browser's files: {[urlsplit(u).path for u in record.returning_files]}")


async def main_async(args: argparse.Namespace) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="est_geo_crowd_") as tmp,
        server(args.db, public=True, log=Path(tmp) / "public.log") as running,
    ):
        base, pid, path = running.url, running.process.pid, args.path
        url = base + path
        cpu = cpu_seconds(pid)
        first = await protocol_visit(base, path, [], args.timeout)
        print(
            f"first visit (builds the release): {first.seconds:.2f} s, "
            f"server CPU {cpu_seconds(pid) - cpu:.2f} s {first.error}"
        )
        record = await browser_check(base, path, args.timeout)
        fresh = _files(record.fresh_files, url)
        returning = _files(record.returning_files, url)
        seen = await protocol_visit(base, path, [], args.timeout)
        _print_check(record, seen, url)
        print(
            f"map component: {seen.map_bytes / 1e3:.1f} kB of {seen.ws_bytes / 1e3:.1f} kB "
            f"over the WebSocket ({len(seen.kinds)} messages)"
        )
        await _cpu_parts(args, base, path, pid, fresh, returning, Path(tmp))
        await _crowds(args, base, path, pid, fresh, returning)


async def _cpu_parts(
    args: argparse.Namespace,
    base: str,
    path: str,
    pid: int,
    fresh: list[str],
    returning: list[str],
    tmp: Path,
) -> None:
    repeat, timeout = args.repeat, args.timeout
    print(f"\nserver CPU per visit by part (mean of {repeat}, one after another):")
    fresh_cpu = await mean_cpu(pid, lambda: http_only(base, fresh, timeout), repeat)
    back_cpu = await mean_cpu(pid, lambda: http_only(base, returning, timeout), repeat)
    ws_cpu = await mean_cpu(pid, lambda: protocol_visit(base, path, [], timeout), repeat)
    print(f"  HTTP files of a fresh browser ({len(fresh)} files):     {fresh_cpu:6.3f} s")
    for name, group in file_groups(fresh).items():
        spent = await mean_cpu(pid, lambda g=group: http_only(base, g, timeout), repeat)
        size = await fetch_all(base, group)
        print(f"    {name:<36}{len(group):>4} files {size / 1e6:5.2f} MB {spent:6.3f} s")
    print(f"  HTTP files of a returning browser ({len(returning)} files): {back_cpu:6.3f} s")
    print("    (the map component's iframe: index.html twice, its script; see docs/deployment.md)")
    print(f"  page GET + WebSocket session + script runs:       {ws_cpu:6.3f} s")
    print(f"  => fresh browser visit {fresh_cpu + ws_cpu:.3f} s, ", end="")
    print(f"returning {back_cpu + ws_cpu:.3f} s")
    peer = await mean_cpu(
        pid, lambda: protocol_visit(base, PEER, [], timeout, needs_map=False), repeat
    )
    print(f"  peer, the same for {PEER} (text only, one run):  {peer:6.3f} s")
    if not args.profile:
        return
    raw = tmp / "visits.raw"
    with profiled(pid, raw):
        for _ in range(repeat * 6):
            await protocol_visit(base, path, [], timeout)
    print(f"  py-spy split of page + WebSocket ({repeat * 6} visits, samples holding the GIL):")
    for name, share in split_profile(raw).items():
        print(f"    {name:<40}{share:6.1%}  ≈ {share * ws_cpu:.3f} s a visit")


async def _crowds(
    args: argparse.Namespace,
    base: str,
    path: str,
    pid: int,
    fresh: list[str],
    returning: list[str],
) -> None:
    print("\nsimultaneous protocol visitors (seconds from start to the map's data)")
    print(f"{'kind':<10}{'visitors':>8}{'median s':>10}{'max s':>8}{'failed':>8}"
          f"{'CPU s/visit':>13}{'RSS MB':>8}{'own CPU s/visit':>17}")  # fmt: skip
    for kind, files in (("returning", returning), ("fresh", fresh)):
        if kind not in args.kinds:
            continue
        for n in args.crowds:
            visits, spent, rss, own = await crowd(base, path, pid, n, files, args.timeout)
            times = [v.seconds for v in visits if not v.error]
            failed = [v.error for v in visits if v.error]
            med = statistics.median(times) if times else float("nan")
            top = max(times) if times else float("nan")
            print(
                f"{kind:<10}{n:>8}{med:>10.2f}{top:>8.2f}{len(failed):>8}"
                f"{spent:>13.3f}{rss:>8.0f}{own:>17.3f} {failed[:1] or ''}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="demo database")
    parser.add_argument("--path", default="/", help="page and query the visitors open")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per visit")
    parser.add_argument("--repeat", type=int, default=10, help="visits per CPU figure")
    parser.add_argument(
        "--crowds",
        type=lambda s: tuple(int(n) for n in s.split(",")),
        default=CROWDS,
        help="simultaneous visitors, comma-separated",
    )
    parser.add_argument(
        "--kinds", default="returning,fresh", help="crowds of returning and/or fresh visitors"
    )
    parser.add_argument("--profile", action="store_true", help="py-spy split of a visit")
    args = parser.parse_args()
    ensure_database(args.db)
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"database: {args.db}; load average before: {load} (nproc {os.cpu_count()})")
    asyncio.run(main_async(args))
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"\nload average after the run: {load} (nproc {os.cpu_count()})")


if __name__ == "__main__":
    main()
