"""Filter-change benchmark (issue 18): one category chosen on a drawn whole-municipality map.

Run: ``.venv/bin/python bench/bench_filter_change.py --db /tmp/lagesbild/demo1m.gpkg``
(``--db`` defaults to ``bench_browser.py``'s demo database, made if missing;
``--repeats 3``, ``--pages TEXT`` only views whose label contains TEXT, ``--timeout``,
``--profile DIR`` py-spy samples of the server during each filter change).

Issue 18's goal "a filter change ≤ 1 s" for the whole municipality (``0581``) over the
last 365 days of a 1M-incident demo, on Karta, Hotspots Gi*, Hotspots nya & växande and
Lägesbild. The database is copied to a temporary directory first (the app may write to
it: sessions, audit). For each view and each repeat a fresh app server is started on
127.0.0.1 (so the change is the process's first for that filter, as for the first
person who chooses it) and the view's shared link is opened in Debian's Chromium. Once
the map is drawn and the page's run has ended:

1. **peer** — the same page rerun with nothing changed (the ``r`` key, Streamlit's
   "Rerun"): what a rerun of this page costs, measured in the same run;
2. **filter** — the category multiselect opened with a mouse click at its position on
   the screen and the same main category (``--category``, default Skadegörelse) clicked
   in its list: the change to measure;
3. **back** — that category removed again with the keyboard (Backspace in the box), back
   to the view the link opened (its results are cached by then).

For each: milliseconds from the input event (``pointerdown``/``keydown`` on the page,
its event time) to the map redrawn with new content — the first animation frame after
Leaflet added a layer whose ``feature_group`` (what st_folium sends as the map's
changing layer) differs from the one drawn before, recorded inside the map's iframe by a
``layeradd`` listener installed in every frame — and to the end of the page's run (the
last ``data-test-script-state`` change to ``notRunning`` before the page stays idle);
whether the map's iframe was remounted (a mark set on its window before the input must
still be there after; a remount is a new document without it); bytes received over the
WebSocket (DevTools protocol) and the server's CPU seconds (``/proc/<pid>/stat``) from
the input until the page is idle. Printed per repeat, then median and max per view,
with the load average. The text-only Om page's rerun (``r``) is the floor: what
Streamlit itself needs to rerun a page on this machine.

Requests off loopback are aborted; every wait has a timeout. The browser runs on the
same two cores as the server: judge by server CPU and by ratios to the peer.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from bench_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DEFAULT_DB,
    MAP_DRAWN,
    MUNICIPALITY,
    NO_OUTSIDE_ARGS,
    PEER,
    Link,
    _frame_bytes,
    _last_day,
    cpu_seconds,
    ensure_database,
    links,
    server,
)
from conftest import FOLIUM_IFRAME, BrowserLog, new_recorded_page  # noqa: E402

from est_geo.core.periods import rolling_period  # noqa: E402

#: Installed in every frame before its scripts run. In a streamlit-folium iframe: when
#: the component sets ``window.map``, listen for Leaflet's ``layeradd`` and record, in
#: the next animation frame (after Leaflet's own canvas redraw, requested earlier),
#: the time and a signature of the feature group then drawn. In the top frame: the time
#: of every pointerdown/keydown and every change of the run state Streamlit shows.
FRAME_HOOK = """(() => {
  if (window.__benchHook) return;
  window.__benchHook = true;
  const now = () => performance.timeOrigin + performance.now();
  if (window === window.top) {
    window.__benchInputs = [];
    window.__benchStates = [];
    const input = (e) => window.__benchInputs.push(
      {t: performance.timeOrigin + e.timeStamp, kind: e.type, key: e.key || ''});
    addEventListener('pointerdown', input, true);
    addEventListener('keydown', input, true);
    new MutationObserver((records) => {
      for (const r of records) {
        window.__benchStates.push(
          {t: now(), state: r.target.getAttribute('data-test-script-state')});
      }
    }).observe(document, {subtree: true, attributes: true,
                          attributeFilter: ['data-test-script-state']});
    return;
  }
  window.__benchDraws = [];
  window.__benchRenders = [];
  addEventListener('message', (e) => {
    if (e.data && e.data.type === 'streamlit:render') window.__benchRenders.push(now());
  });
  const signature = () => {
    const g = window.__GLOBAL_DATA__;
    const s = (g && g.last_feature_group) || '';
    let h = 0;
    for (let i = 0; i < s.length; i += 31) h = (h * 31 + s.charCodeAt(i)) | 0;
    return s.length + ':' + h;
  };
  let pending = null;
  const added = () => {
    if (pending !== null) return;
    pending = now();
    requestAnimationFrame(() => {
      window.__benchDraws.push({t: now(), added: pending, sig: signature()});
      pending = null;
    });
  };
  let map;
  Object.defineProperty(window, 'map', {
    configurable: true,
    get() { return map; },
    set(value) { map = value; if (value && value.on) value.on('layeradd', added); },
  });
})()"""

#: JS in the map frame: the signature of the feature group drawn last, and marks the
#: window (a remount is a new document without the mark).
MARK = """(token) => {
  window.__benchMark = token;
  const d = window.__benchDraws || [];
  return d.length ? d[d.length - 1].sig : '';
}"""

#: JS condition on the top frame: the page's run has ended (as ``conftest._IDLE``).
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
}"""

CATEGORY_LABEL = "Kategorier"
PY_SPY = os.environ.get("PY_SPY", "/tmp/pyspy/bin/py-spy")


@dataclass
class Change:
    """One measured input: ms to the redrawn map and to the run's end, and its costs."""

    drawn_ms: float | None
    idle_ms: float | None
    remounted: bool
    ws_kb: float
    cpu_s: float
    browser_s: float
    args_ms: float | None = None
    added_ms: float | None = None
    error: str = ""


class Counter:
    """Bytes of WebSocket frames the page received since the last :meth:`reset`."""

    def __init__(self, context: Any, page: Any) -> None:
        self.total = 0
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Performance.enable")
        self.cdp.on("Network.webSocketFrameReceived", self._add)

    def task_seconds(self) -> float:
        """Seconds the page's renderer has spent in tasks (main thread), frames included."""
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))

    def _add(self, event: dict[str, Any]) -> None:
        self.total += _frame_bytes(event)

    def reset(self) -> None:
        self.total = 0


# ------------------------------------------------------------------------------ waits
def wait_idle(page: Any, deadline: float, steady: int = 5) -> None:
    """Until the page's run has ended and stays ended for ``steady`` checks 200 ms apart."""
    in_a_row = 0
    while time.monotonic() < deadline:
        in_a_row = in_a_row + 1 if page.evaluate(IDLE) else 0
        if in_a_row >= steady:
            return
        page.wait_for_timeout(200)
    raise TimeoutError("the page's run never ended")


def map_frames(page: Any) -> Iterator[Any]:
    """The content frames of the page's streamlit-folium iframes (looked up now)."""
    for handle in page.query_selector_all(FOLIUM_IFRAME):
        with contextlib.suppress(Exception):  # detached while remounting
            frame = handle.content_frame()
            if frame is not None:
                yield frame


def wait_map_drawn(page: Any, deadline: float) -> Any:
    """The map frame once Leaflet has drawn its layer (iframes looked up on every try)."""
    while time.monotonic() < deadline:
        for frame in map_frames(page):
            with contextlib.suppress(Exception):
                if frame.evaluate(f"() => {MAP_DRAWN}"):
                    return frame
        page.wait_for_timeout(100)
    raise TimeoutError("no drawn map")


@dataclass(frozen=True)
class Drawn:
    """Epoch ms in the map frame: the last render message (the new arguments) before the
    layer was added, the layer added, the next animation frame; and the frame's mark."""

    render: float | None
    added: float
    drawn: float
    kept: bool


def drawn_after(page: Any, since: float, before: str, deadline: float) -> Drawn:
    """When a map frame first drew a feature group other than ``before`` after ``since``,
    and whether that frame still carries the mark (not remounted)."""
    script = "() => [window.__benchDraws || [], window.__benchRenders || [], window.__benchMark]"
    while time.monotonic() < deadline:
        for frame in map_frames(page):
            with contextlib.suppress(Exception):
                draws, renders, mark = frame.evaluate(script)
                new = [d for d in draws if d["added"] >= since and d["sig"] != before]
                if new:
                    first = min(new, key=lambda d: d["t"])
                    got = [r for r in renders if since <= r <= first["added"]]
                    render = max(got) if got else None
                    return Drawn(render, first["added"], first["t"], mark == "bench")
        page.wait_for_timeout(100)
    raise TimeoutError("the map was not redrawn with new content")


def run_end(page: Any, since: float) -> float | None:
    """Epoch ms of the last change of the run state to ``notRunning`` after ``since``."""
    states = page.evaluate("() => window.__benchStates")
    ends = [s["t"] for s in states if s["t"] >= since and s["state"] == "notRunning"]
    return max(ends) if ends else None


def input_time(page: Any, kind: str, after: int) -> float:
    """Epoch ms of the last input event of ``kind`` logged after index ``after`` (the
    option's click, not the click that opened the list)."""
    inputs = page.evaluate("() => window.__benchInputs")[after:]
    times = [i["t"] for i in inputs if i["kind"] == kind]
    if not times:
        raise RuntimeError(f"no {kind} event reached the page")
    return float(times[-1])


# ------------------------------------------------------------------------------ inputs
def click_at(page: Any, locator: Any, timeout_ms: float) -> None:
    """A real mouse click at the middle of ``locator`` on the screen (scrolled into view
    first, as a person scrolls the sidebar to the filter)."""
    locator.wait_for(state="visible", timeout=timeout_ms)
    locator.scroll_into_view_if_needed(timeout=timeout_ms)
    box = locator.bounding_box(timeout=timeout_ms)
    if box is None:
        raise RuntimeError(f"{locator} has no box on the screen")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def choose_category(page: Any, category: str, timeout_ms: float) -> None:
    """Open the category multiselect with the mouse and click ``category`` in its list."""
    box = page.get_by_role("combobox", name=CATEGORY_LABEL, exact=True)
    option = page.get_by_role("option", name=category, exact=True)
    for _ in range(4):
        click_at(page, box, timeout_ms)
        with contextlib.suppress(Exception):
            option.wait_for(state="visible", timeout=5_000)
            click_at(page, option, 5_000)
            return
        page.keyboard.press("Escape")
    raise RuntimeError(f"option {category!r} never showed")


def remove_category(page: Any, timeout_ms: float) -> None:
    """Focus the category multiselect (mouse) and remove its last choice (Backspace)."""
    click_at(page, page.get_by_role("combobox", name=CATEGORY_LABEL, exact=True), timeout_ms)
    page.keyboard.press("Backspace")


# ------------------------------------------------------------------------------ measure
def measure(
    page: Any,
    counter: Counter,
    pid: int,
    act: Any,
    kind: str,
    timeout_s: float,
    *,
    expect_redraw: bool,
) -> Change:
    """Do ``act`` (an input of ``kind``) on an idle, drawn page; measure what follows."""
    deadline = time.monotonic() + timeout_s
    frame = wait_map_drawn(page, deadline) if expect_redraw else None
    before = frame.evaluate(MARK, "bench") if frame is not None else ""
    n_inputs = len(page.evaluate("() => window.__benchInputs"))
    counter.reset()
    cpu, tasks = cpu_seconds(pid), counter.task_seconds()
    try:
        act()
        start = input_time(page, kind, n_inputs)
        drawn = drawn_after(page, start, before, deadline) if expect_redraw else None
        wait_idle(page, deadline)
        end = run_end(page, start)
    except Exception as exc:  # a benchmark reports a failed change and goes on
        spent = cpu_seconds(pid) - cpu, counter.task_seconds() - tasks
        return Change(None, None, False, counter.total / 1e3, *spent, error=str(exc))
    return Change(
        None if drawn is None else drawn.drawn - start,
        None if end is None else end - start,
        drawn is not None and not drawn.kept,
        counter.total / 1e3,
        cpu_seconds(pid) - cpu,
        counter.task_seconds() - tasks,
        None if drawn is None or drawn.render is None else drawn.render - start,
        None if drawn is None else drawn.added - start,
    )


@dataclass
class Repeat:
    """One fresh server's changes on one view."""

    peer: Change
    filter: Change | None
    back: Change | None


@contextlib.contextmanager
def profiled(pid: int, out: Path | None) -> Iterator[None]:
    """py-spy samples of the server while the block runs (collapsed stacks to ``out``)."""
    if out is None:
        yield
        return
    command = [PY_SPY, "record", "-p", str(pid), "-r", "200", "-f", "raw", "-o", str(out)]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # py-spy attaches before the input (not a wait for the page)
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)


def one_view(
    browser: Any,
    db: Path,
    link: Link,
    category: str,
    timeout_s: float,
    tmp: Path,
    profile: Path | None = None,
) -> Repeat:
    """A fresh server; open ``link``, wait drawn and idle; rerun, filter, back."""
    with server(db, public=False, log=tmp / "server.log") as running:
        pid = running.process.pid
        context, page = new_recorded_page(browser, BrowserLog())
        try:
            context.add_init_script(FRAME_HOOK)
            counter = Counter(context, page)
            deadline = time.monotonic() + timeout_s
            page.goto(running.url + link.path, wait_until="commit", timeout=timeout_s * 1000)
            page.get_by_text(link.ready_text).first.wait_for(timeout=timeout_s * 1000)
            if link.has_map:
                wait_map_drawn(page, deadline)
            wait_idle(page, deadline)
            # Streamlit's "Rerun" key: the page runs again with nothing changed.
            rerun = measure(
                page,
                counter,
                pid,
                lambda: page.keyboard.press("r"),
                "keydown",
                timeout_s,
                expect_redraw=False,
            )
            if not link.has_map:
                return Repeat(rerun, None, None)
            ms = timeout_s * 1000
            with profiled(pid, profile):
                chosen = measure(
                    page,
                    counter,
                    pid,
                    lambda: choose_category(page, category, ms),
                    "pointerdown",
                    timeout_s,
                    expect_redraw=True,
                )
            if chosen.error:
                return Repeat(rerun, chosen, None)
            back = measure(
                page,
                counter,
                pid,
                lambda: remove_category(page, ms),
                "keydown",
                timeout_s,
                expect_redraw=True,
            )
            return Repeat(rerun, chosen, back)
        finally:
            context.close()


# ------------------------------------------------------------------------------ report
def _ms(value: float | None) -> str:
    return f"{value:8.0f}" if value is not None else f"{'–':>8}"


def row(label: str, what: str, c: Change | None) -> str:
    if c is None:
        return f"{label:<28}{what:<8}{'(no map)':>8}"
    mount = "REMOUNT" if c.remounted else "kept"
    text = f"{label:<28}{what:<8}{_ms(c.drawn_ms)}{_ms(c.idle_ms)}{mount:>9}"
    text += f"{c.ws_kb:9.1f}{c.cpu_s:8.2f}{c.browser_s:8.2f}{_ms(c.args_ms)}{_ms(c.added_ms)}"
    return text + (f"  ! {c.error[:60]}" if c.error else "")


def summary(label: str, what: str, changes: list[Change]) -> str:
    ok = [c for c in changes if not c.error]
    drawn = [c.drawn_ms for c in ok if c.drawn_ms is not None]
    idle = [c.idle_ms for c in ok if c.idle_ms is not None]
    cpu = [c.cpu_s for c in ok]
    browser = [c.browser_s for c in ok]

    def mm(values: list[float], fmt: str) -> str:
        if not values:
            return f"{'–':>15}"
        return f"{format(statistics.median(values), fmt):>7}/{format(max(values), fmt):<7}"

    remounts = sum(c.remounted for c in ok)
    return (
        f"{label:<28}{what:<8}{mm(drawn, '.0f')}{mm(idle, '.0f')}{mm(cpu, '.2f')}"
        f"{mm(browser, '.2f')}"
        f"{remounts:>5}/{len(ok)}{len(changes) - len(ok):>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help="1M-incident demo (made if missing; copied)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per step")
    parser.add_argument("--pages", default="", help="only views whose label contains this")
    parser.add_argument("--category", default="Skadegörelse", help="main category to choose")
    parser.add_argument(
        "--profile",
        type=Path,
        help="directory for py-spy profiles of the server during each filter change",
    )
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ensure_database(args.db)
    print(f"load average before the run: {_load()} (nproc {os.cpu_count()})")
    period = rolling_period("ar", today=_last_day(args.db)).code
    views = [PEER] + [
        link
        for link in links(MUNICIPALITY, period)
        if args.pages.casefold() in link.label.casefold()
    ]
    with tempfile.TemporaryDirectory(prefix="est_geo_filterbench_") as tmp:
        db = Path(tmp) / "demo.gpkg"
        shutil.copyfile(args.db, db)
        print(f"database: copy of {args.db}; area {MUNICIPALITY}, period {period}")
        print(f"filter: category {args.category!r} chosen by mouse, removed by Backspace")
        results = run_views(views, db, args, Path(tmp))
    report(results)
    print(f"\nload average after the run: {_load()} (nproc {os.cpu_count()})")


def run_views(
    views: list[Link], db: Path, args: argparse.Namespace, tmp: Path
) -> dict[str, list[Repeat]]:
    from playwright.sync_api import sync_playwright

    head = f"{'view':<28}{'change':<8}{'drawn ms':>8}{'idle ms':>8}{'iframe':>9}"
    print(f"\n{head}{'WS kB':>9}{'CPU s':>8}{'Chr. s':>8}{'args ms':>8}{'added':>8}")
    results: dict[str, list[Repeat]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *NO_OUTSIDE_ARGS]
        )
        try:
            for link in views:
                for n in range(args.repeats):
                    out = None
                    if args.profile is not None and link.has_map:
                        args.profile.mkdir(parents=True, exist_ok=True)
                        name = "".join(ch if ch.isalnum() else "_" for ch in link.label)
                        out = args.profile / f"{name}-{n + 1}.txt"
                    r = one_view(browser, db, link, args.category, args.timeout, tmp, out)
                    results.setdefault(link.label, []).append(r)
                    label = f"{link.label[:24]} #{n + 1}"
                    print(row(label, "rerun", r.peer), flush=True)
                    if link.has_map:
                        print(row("", "filter", r.filter), flush=True)
                        print(row("", "back", r.back), flush=True)
        finally:
            browser.close()
    return results


def report(results: dict[str, list[Repeat]]) -> None:
    print("\nmedian/max over the repeats (ms from the input event; server CPU s)")
    print(f"{'view':<28}{'change':<8}{'drawn ms':>15}{'idle ms':>15}{'CPU s':>15}"
          f"{'Chromium s':>15}{'remount':>9}{'failed':>7}")  # fmt: skip
    for label, repeats in results.items():
        print(summary(label[:28], "rerun", [r.peer for r in repeats]))
        for what in ("filter", "back"):
            changes = [c for r in repeats if (c := getattr(r, what)) is not None]
            if changes:
                print(summary("", what, changes))


def _load() -> str:
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


if __name__ == "__main__":
    main()
