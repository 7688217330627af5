"""Where a shared link's seconds go (issue 18): one returning visit, split into phases.

Run: ``.venv/bin/python bench/profile_view.py --db PATH [--link hotspots-gistar]
[--area NKP-KLO] [--repeats 3]`` (a minute or two). It starts the app on 127.0.0.1,
opens the link once in a fresh Chromium profile (so Streamlit's bundle is in its HTTP
cache, as in ``bench_browser.py``'s *again* visit) and then ``--repeats`` times more,
each time recording:

* the WebSocket frames both ways with their times, decoded as Streamlit's own
  protobuf messages (``BackMsg`` ``rerun_script`` → ``ForwardMsg`` ``script_finished``):
  how many script runs the visit makes, each run's wall time on the server and what the
  component sent back (``widget_states``, a rerun the map caused);
* the server process's CPU seconds (``/proc/<pid>/stat``) for the visit;
* Chromium's trace (``devtools.timeline``, the DevTools *Performance* panel's data):
  main-thread time of the page and the map's iframe, by kind — script compile/parse,
  script evaluation and calls, style and layout, paint — between milestones;
* a V8 CPU profile of the renderer (``Profiler``): JS self time by script file until
  the map was drawn, and between the first run's end and the map's iframe request;
* the milestones themselves: navigation, the HTML, the WebSocket open, the first
  script run's first message, the map's element, its end, the component iframe's
  request, its last file, Leaflet's scripts and the drawn map (polled as
  ``bench_browser.py`` does);
* with ``--py-spy FILE``, the server sampled by py-spy (``/tmp/pyspy/bin/py-spy``,
  collapsed stacks of every thread) during the profiled visits.

Printed: milestones in ms from navigation, the main thread's busy ms per kind between
milestones, JS self time by file, the runs, and every request of the last visit. The
peer is the Om page (``--link om``), text only.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    FOLIUM_IFRAME,
    MAP_DRAWN,
    NO_OUTSIDE_ARGS,
    _last_day,
    cpu_seconds,
    new_context,
    server,
)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from est_geo.core.periods import rolling_period  # noqa: E402

LINKS = {
    "om": ("/om?page=om", "Om demodatan", False),
    "karta": ("/karta?page=karta&{common}", "händelser visas", True),
    "hotspots-gistar": ("/hotspots?page=hotspots&{common}&mode=gistar", "analysområdet", True),
    "hotspots-emerging": ("/hotspots?page=hotspots&{common}&mode=emerging", "analysområdet", True),
    "lagesbild": ("/lagesbild?page=lagesbild&{common}", "Lägesbild – ", True),
}

#: Trace event names by kind of main-thread work (DevTools' own grouping, simplified).
KINDS = {
    "v8.compile": "compile/parse JS",
    "v8.compileModule": "compile/parse JS",
    "V8.CompileCode": "compile/parse JS",
    "v8.parseOnBackground": "compile/parse JS",
    "EvaluateScript": "evaluate JS",
    "v8.evaluateModule": "evaluate JS",
    "FunctionCall": "JS calls",
    "TimerFire": "JS calls",
    "FireAnimationFrame": "JS calls",
    "EventDispatch": "JS calls",
    "V8.GC_MC_BACKGROUND_MARKING": "GC",
    "MajorGC": "GC",
    "MinorGC": "GC",
    "ParseHTML": "parse HTML/CSS",
    "ParseAuthorStyleSheet": "parse HTML/CSS",
    "UpdateLayoutTree": "style/layout",
    "Layout": "style/layout",
    "RecalculateStyles": "style/layout",
    "Paint": "paint/composite",
    "PrePaint": "paint/composite",
    "Layerize": "paint/composite",
    "UpdateLayer": "paint/composite",
    "CompositeLayers": "paint/composite",
    "Commit": "paint/composite",
}


@dataclass
class Profile:
    """One visit: milestones (ms from navigation), busy ms per (phase, kind), the runs."""

    milestones: dict[str, float] = field(default_factory=dict)
    busy: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    runs: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    js_self: dict[str, float] = field(default_factory=dict)
    nav: float = 0.0
    cpu_s: float = 0.0
    ws_in_kb: float = 0.0


def _decode(payload: str, opcode: int, outgoing: bool) -> str:
    """The Streamlit message type of one WebSocket frame ('' if not decodable)."""
    if opcode != 2:
        return ""
    data = base64.b64decode(payload)
    msg: Any = BackMsg() if outgoing else ForwardMsg()
    with contextlib.suppress(Exception):
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type") or ""
        if kind == "rerun_script":
            widgets = msg.rerun_script.widget_states.widgets
            return f"rerun_script(widgets={len(widgets)})"
        if kind == "delta":
            return "delta(map)" if b"streamlit_folium" in data else "delta"
        return kind
    return "?"


async def profile_visit(context: Any, url: str, ready: str, has_map: bool, pid: int) -> Profile:
    """Open ``url`` in ``context`` with the network and trace recorded."""
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    prof = Profile()
    frames: list[tuple[float, bool, str, int]] = []
    requests: dict[str, tuple[float, str]] = {}
    finished: list[tuple[float, str]] = []
    ws_opened: list[float] = []

    def on_frame(outgoing: bool) -> Any:
        def handle(e: dict[str, Any]) -> None:
            r = e["response"]
            kind = _decode(r.get("payloadData", ""), r.get("opcode", 1), outgoing)
            frames.append((e["timestamp"], outgoing, kind, len(r.get("payloadData", ""))))

        return handle

    cdp.on("Network.webSocketFrameSent", on_frame(True))
    cdp.on("Network.webSocketFrameReceived", on_frame(False))
    cdp.on("Network.webSocketHandshakeResponseReceived", lambda e: ws_opened.append(e["timestamp"]))
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: requests.__setitem__(e["requestId"], (e["timestamp"], e["request"]["url"])),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: finished.append((e["timestamp"], requests.get(e["requestId"], (0, ""))[1])),
    )
    await cdp.send("Network.enable")
    events: list[dict[str, Any]] = []
    done = asyncio.Event()
    cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: done.set())
    await cdp.send(
        "Tracing.start",
        {
            "categories": "devtools.timeline,v8,v8.execute,blink.user_timing,loading",
            "transferMode": "ReportEvents",
        },
    )
    await cdp.send("Profiler.enable")
    await cdp.send("Profiler.setSamplingInterval", {"interval": 500})
    await cdp.send("Profiler.start")
    cpu = cpu_seconds(pid)
    nav_wall = time.monotonic()
    await page.goto(url, wait_until="commit")
    await page.get_by_text(ready).first.wait_for(timeout=60_000)
    if has_map:
        await _wait_drawn(page)
    drawn_wall = time.monotonic()
    js = (await cdp.send("Profiler.stop"))["profile"]
    await asyncio.sleep(1.5)  # let a rerun caused by the map show up in the frames
    prof.cpu_s = cpu_seconds(pid) - cpu
    await cdp.send("Tracing.end")
    await asyncio.wait_for(done.wait(), 30)
    _analyse(prof, events, frames, requests, finished, ws_opened, drawn_wall - nav_wall)
    prof.js_self = _js_self_ms(js, prof.nav, prof.milestones)
    await page.close()
    return prof


def _js_self_ms(
    profile: dict[str, Any], nav: float, milestones: dict[str, float]
) -> dict[str, float]:
    """JS self time (ms) by script file until the map was drawn, from a CPU profile of
    the page's renderer (the component iframe shares its main thread); also by file
    between the first run's end and the map's iframe request (``"[gap] file"``)."""
    url_of = {n["id"]: n["callFrame"].get("url", "") for n in profile["nodes"]}
    name_of = {n["id"]: n["callFrame"].get("functionName", "") for n in profile["nodes"]}
    totals: dict[str, float] = defaultdict(float)
    gap = (
        milestones.get("first run: script_finished", -1.0),
        milestones.get("component: first request", -1.0),
    )
    at = profile.get("startTime", 0) / 1e6
    deltas = profile.get("timeDeltas", [])
    for node, delta, step in zip(
        profile.get("samples", []), [*deltas[1:], 0], deltas, strict=False
    ):
        at += step / 1e6
        url = url_of.get(node, "")
        key = url.rsplit("/", 1)[-1].split("?")[0] or f"({name_of.get(node, '')})"
        totals[key] += delta / 1000
        if gap[0] <= (at - nav) * 1000 < gap[1]:
            totals[f"[gap] {key}"] += delta / 1000
    return dict(totals)


async def _wait_drawn(page: Any) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for handle in await page.query_selector_all(FOLIUM_IFRAME):
            with contextlib.suppress(Exception):
                frame = await handle.content_frame()
                if frame is not None and await frame.evaluate(f"() => {MAP_DRAWN}"):
                    return
        await asyncio.sleep(0.02)
    raise TimeoutError("no drawn map")


def _analyse(
    prof: Profile,
    events: list[dict[str, Any]],
    frames: list[tuple[float, bool, str, int]],
    requests: dict[str, tuple[float, str]],
    finished: list[tuple[float, str]],
    ws_opened: list[float],
    drawn_after_s: float,
) -> None:
    """Milestones on the trace's clock (CDP network times are the same monotonic clock)."""
    nav = min(ts for ts, url in requests.values() if "/_stcore" not in url and ts)
    prof.nav = nav
    ms = prof.milestones

    def mark(name: str, ts: float | None) -> None:
        if ts is not None:
            ms[name] = (ts - nav) * 1000

    html = [ts for ts, url in finished if "?" in url and "/static/" not in url][:1]
    mark("HTML received", html[0] if html else None)
    js = [ts for ts, url in finished if url.endswith(".js") and "/component/" not in url]
    mark("app JS received (last)", max(js) if js else None)
    mark("WebSocket open", ws_opened[0] if ws_opened else None)
    runs_start = [ts for ts, out, kind, _ in frames if out and kind.startswith("rerun")]
    runs_end = [ts for ts, out, kind, _ in frames if not out and kind == "script_finished"]
    for i, (start, kind) in enumerate(
        (ts, kind) for ts, out, kind, _ in frames if out and kind.startswith("rerun")
    ):
        end = next((e for e in runs_end if e >= start), None)
        dur = "" if end is None else f"{(end - start) * 1000:.0f} ms on the server"
        prof.runs.append(f"run {i + 1}: {kind} at {(start - nav) * 1000:.0f} ms, {dur}")
    mark("first run: rerun sent", runs_start[0] if runs_start else None)
    firsts = [ts for ts, out, kind, _ in frames if not out and kind.startswith("delta")]
    map_delta = [ts for ts, out, kind, _ in frames if not out and kind == "delta(map)"]
    mark("first run: the map's element received", map_delta[0] if map_delta else None)
    mark("first run: first delta", firsts[0] if firsts else None)
    mark("first run: script_finished", runs_end[0] if runs_end else None)
    comp = sorted(ts for ts, url in requests.values() if "/component/" in url)
    mark("component: first request", comp[0] if comp else None)
    comp_done = [ts for ts, url in finished if "/component/" in url]
    mark("component: last file", max(comp_done) if comp_done else None)
    leaflet = [ts for ts, url in finished if "leaflet" in url.lower() or "/app/static/" in url]
    mark("map assets (Leaflet etc.): last", max(leaflet) if leaflet else None)
    prof.ws_in_kb = sum(n * 3 / 4 for _, out, _, n in frames if not out) / 1000
    ms["ready: text shown, map drawn (polled)"] = drawn_after_s * 1000
    done_at = {url: ts for ts, url in finished}
    for ts, url in sorted(requests.values()):
        end = done_at.get(url)
        took = "" if end is None else f" → {(end - nav) * 1000:.0f}"
        prof.files.append(f"{(ts - nav) * 1000:6.0f}{took} {url.split('/', 3)[-1][:90]}")
    _busy(prof, events, nav)


def _busy(prof: Profile, events: list[dict[str, Any]], nav: float) -> None:
    """Main-thread busy time per phase (between milestones) and kind."""
    threads = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    order = sorted(prof.milestones.items(), key=lambda kv: kv[1])
    bounds = [(name, at) for name, at in order]

    def phase(at_ms: float) -> str:
        current = "before HTML"
        for name, start in bounds:
            if at_ms >= start:
                current = f"after {name}"
        return current

    for e in events:
        if (e.get("pid"), e.get("tid")) not in threads or e.get("ph") != "X":
            continue
        kind = KINDS.get(e.get("name", ""))
        if kind is None or "dur" not in e:
            continue
        at = (e["ts"] / 1e6 - nav) * 1000
        if at < 0 or at > prof.milestones["ready: text shown, map drawn (polled)"] + 1500:
            continue
        prof.busy[(phase(at), kind)] += e["dur"] / 1000
    # Kinds can nest (a FunctionCall inside an EvaluateScript): each kind's figure is an
    # upper bound of its own share, not a slice of a total.


def report(label: str, profiles: list[Profile]) -> None:
    print(f"\n== {label}: {len(profiles)} returning visits (median ms from navigation)")
    names = sorted(
        {n for p in profiles for n in p.milestones},
        key=lambda n: statistics.median(p.milestones.get(n, 0) for p in profiles),
    )
    for name in names:
        values = [p.milestones[name] for p in profiles if name in p.milestones]
        each = ", ".join(f"{v:.0f}" for v in values)
        print(f"  {name:<38}{statistics.median(values):8.0f}   ({each})")
    print("  main thread, ms by phase and kind (median):")
    keys = sorted({k for p in profiles for k in p.busy})
    for key in keys:
        values = [p.busy.get(key, 0.0) for p in profiles]
        if statistics.median(values) >= 5:
            print(f"    {key[0]:<44}{key[1]:<28}{statistics.median(values):7.0f}")
    print("  JS self time by file until the map was drawn, ms (median, top 15), then")
    print("  [gap]: between the first run's end and the map's iframe request (top 12):")
    files = {k for p in profiles for k in p.js_self}
    ranked = sorted(
        files, key=lambda k: -statistics.median(p.js_self.get(k, 0.0) for p in profiles)
    )
    gap = [k for k in ranked if k.startswith("[gap]")]
    for name in [k for k in ranked if not k.startswith("[gap]")][:15] + gap[:12]:
        ms = statistics.median(p.js_self.get(name, 0.0) for p in profiles)
        print(f"    {name[:60]:<62}{ms:7.0f}")
    print(f"  server CPU s per visit: {', '.join(f'{p.cpu_s:.2f}' for p in profiles)}")
    print(f"  WebSocket in, kB: {', '.join(f'{p.ws_in_kb:.0f}' for p in profiles)}")
    for i, p in enumerate(profiles):
        print(f"  visit {i + 1}: " + "; ".join(p.runs))
    print("  requests of the last visit (ms from navigation: sent → finished, path):")
    for line in profiles[-1].files:
        print(f"    {line}")


PY_SPY = Path("/tmp/pyspy/bin/py-spy")


def _py_spy(pid: int, out: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling the server (all threads, CPU only) into ``out`` (collapsed stacks)."""
    command = [str(PY_SPY), "record", "--pid", str(pid), "--format", "raw", "-o", str(out)]
    return subprocess.Popen([*command, "--rate", "200", "--threads"], stdout=subprocess.DEVNULL)


async def main_async(db: Path, link: str, area: str, repeats: int, pyspy: Path | None) -> None:
    from playwright.async_api import async_playwright

    period = rolling_period("ar", today=_last_day(db)).code
    path, ready, has_map = LINKS[link]
    path = path.format(common=f"area={area}&period={period}")
    with (
        tempfile.TemporaryDirectory(prefix="est_geo_prof_") as tmp,
        server(db, public=False, log=Path(tmp) / "server.log") as running,
    ):
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *NO_OUTSIDE_ARGS]
            )
            try:
                context = await new_context(browser, cache=True)
                url = running.url + path
                warm = await context.new_page()  # fills the HTTP cache and the server's
                await warm.goto(url)
                await warm.get_by_text(ready).first.wait_for(timeout=120_000)
                await warm.close()
                pid = running.process.pid
                spy = _py_spy(pid, pyspy) if pyspy else None
                profiles = [
                    await profile_visit(context, url, ready, has_map, pid) for _ in range(repeats)
                ]
                if spy is not None:
                    spy.send_signal(signal.SIGINT)
                    spy.wait(timeout=60)
                await context.close()
            finally:
                await browser.close()
    report(f"{link} {area if has_map else ''}", profiles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--link", choices=sorted(LINKS), default="hotspots-gistar")
    parser.add_argument("--area", default="NKP-KLO")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--py-spy", type=Path, default=None, help="collapsed stacks of the server")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    asyncio.run(main_async(args.db, args.link, args.area, args.repeats, args.py_spy))
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
