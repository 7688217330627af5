"""Browser-test harness: a real Streamlit server and Debian's Chromium, all on loopback.

Fixtures (see each docstring):

- ``chromium_path``  — ``/usr/bin/chromium``; skips when missing, *fails* when ``CI=true``.
- ``streamlit_server`` — factory: ``base_url = streamlit_server("app_pages/x.py", env={...})``.
- ``browser_page`` — a Playwright page; every request is recorded, any request to a host
  other than 127.0.0.1/localhost is blocked and fails the test at teardown.
- ``browser_log`` — what ``browser_page`` recorded (requests, blocked, console errors).
- ``screenshot`` — ``screenshot(page, "after-click")`` saves ``artifacts/<test>-….png``.

Helpers: :func:`stage_script` for test apps outside the repo root (Streamlit serves
``static/`` next to the main script); :func:`wait_for_leaflet` finds the streamlit-folium
iframe and waits for a drawn Leaflet map. For a server shared by several tests use
:func:`run_streamlit` in a fixture of wider scope.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from est_geo.demo.bootstrap import create_demo_database
from tests.conftest import free_port, stop_process, venv_python

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"
CHROMIUM = Path(os.environ.get("EST_GEO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HEALTH_TIMEOUT_S = 60.0
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome-error"})
#: The iframe streamlit-folium renders into (Streamlit titles component iframes by name).
FOLIUM_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _safe_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")[:120]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _test_failed(request: pytest.FixtureRequest) -> bool:
    return any(
        getattr(getattr(request.node, f"_report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


# --------------------------------------------------------------------------- chromium


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Path of Debian's Chromium. Missing: skip locally, fail under ``CI=true``."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"{CHROMIUM} not found (apt-get install -y chromium; never `playwright install`)"
    if _in_ci():
        pytest.fail(f"browser tests cannot run in CI: {message}")
    pytest.skip(message)


# --------------------------------------------------------------------------- streamlit


@dataclass
class StreamlitServer:
    """A running ``streamlit run``: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self, tail: int = 200) -> str:
        """Last ``tail`` lines of the server's combined stdout/stderr."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-tail:])


def _wait_healthy(server: StreamlitServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    health = f"{server.url}/_stcore/health"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {server.process.returncode} before it was "
                f"healthy:\n{server.log()}"
            )
        try:
            with urllib.request.urlopen(health, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit not healthy at {health} after {timeout:.0f} s:\n{server.log()}")


@contextlib.contextmanager
def run_streamlit(
    script: str | Path,
    *,
    log_path: Path,
    env: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
    timeout: float = HEALTH_TIMEOUT_S,
) -> Iterator[StreamlitServer]:
    """Run ``streamlit run script`` on a free loopback port until the block ends.

    ``script`` is relative to the repository root (the server's working directory, also
    put on ``PYTHONPATH`` so ``import est_geo`` works). ``env`` adds variables; ``args``
    adds command-line options (``--theme.base=dark``...). Waits for ``/_stcore/health``.
    """
    port = free_port()
    command = [
        venv_python(),
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *args,
    ]
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO_ROOT), full_env.get("PYTHONPATH", "")) if p
    )
    full_env.update(env or {})
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
    server = StreamlitServer(f"http://127.0.0.1:{port}", process, log_path)
    try:
        _wait_healthy(server, timeout)
        yield server
    finally:
        stop_process(process)


@pytest.fixture
def streamlit_server(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[..., str]]:
    """Factory starting Streamlit apps for this test; returns the base URL.

    ``streamlit_server(script, env=None, args=())`` with ``script`` relative to the repo
    root. Servers stop at teardown; when the test failed their logs are printed (shown in
    the report) and copied to ``artifacts/``.
    """
    stack = contextlib.ExitStack()
    servers: list[StreamlitServer] = []

    def start(
        script: str | Path,
        env: Mapping[str, str] | None = None,
        args: Sequence[str] = (),
    ) -> str:
        log_path = tmp_path / f"streamlit-{len(servers)}.log"
        try:
            server = stack.enter_context(
                run_streamlit(script, log_path=log_path, env=env, args=args)
            )
        except RuntimeError as exc:
            pytest.fail(str(exc))
        servers.append(server)
        return server.url

    with stack:
        yield start
        if _test_failed(request):
            ARTIFACTS.mkdir(exist_ok=True)
            for i, server in enumerate(servers):
                print(f"\n----- streamlit log {i} ({server.url}) -----\n{server.log()}")
                target = ARTIFACTS / f"{_safe_name(request.node.nodeid)}-streamlit-{i}.log"
                with contextlib.suppress(OSError):
                    target.write_text(server.log(tail=100_000))


def serve_demo(streamlit_server: Callable[..., str], tmp_path: Path, n_incidents: int) -> str:
    """Start ``app.py`` on a fresh demo database without map tiles; its base URL.

    The usual start of a page test: the fixed end date keeps periods and counts the same
    from run to run, and ``n_incidents`` is as many as the page needs (fewer start faster).
    """
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=n_incidents, end_date=date(2026, 11, 1))
    return streamlit_server(
        "app.py", env={"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    )


def stage_script(script: str | Path, directory: Path) -> Path:
    """Copy ``script`` into ``directory`` next to a ``static`` link to the repo's ``static/``.

    Streamlit serves ``static/`` from the *main script's* folder (not the working
    directory), so a test app that does not live at the repo root would get 404s for
    ``/app/static/vendor/...``. Run the returned path instead.
    """
    source = REPO_ROOT / script
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / source.name
    target.write_bytes(source.read_bytes())
    link = directory / "static"
    if not link.exists():
        link.symlink_to(REPO_ROOT / "static", target_is_directory=True)
    return target


# --------------------------------------------------------------------------- browser


@dataclass
class BrowserLog:
    """What a ``browser_page`` saw: every request URL, blocked ones, JS errors."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def is_loopback(url: str) -> bool:
    """True for URLs that stay on this machine (or need no network: data:, blob:...)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


@pytest.fixture(scope="session")
def _browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_log() -> BrowserLog:
    """The record kept by ``browser_page`` for this test."""
    return BrowserLog()


def new_recorded_page(browser: Any, browser_log: BrowserLog) -> tuple[Any, Any]:
    """A page in a new browser context (own cookies, so its own Streamlit session).

    Every request URL (frames, iframes, WebSockets, each hop of a redirect) goes to
    ``browser_log.requests``; any request off loopback is aborted and listed in
    ``browser_log.blocked`` (``browser_page`` fails the test on it). JS alerts are
    dismissed and recorded. Returns ``(context, page)``; the caller closes the context.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")

    def route(route: Any) -> None:
        url = route.request.url
        browser_log.requests.append(url)
        if is_loopback(url):
            route.continue_()
        else:
            browser_log.blocked.append(url)
            route.abort("blockedbyclient")

    def on_websocket(ws: Any) -> None:
        browser_log.requests.append(ws.url)
        if not is_loopback(ws.url):
            browser_log.blocked.append(ws.url)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            browser_log.console_errors.append(msg.text)

    def on_dialog(dialog: Any) -> None:
        browser_log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Any) -> None:
        # Playwright routes only the first URL of a redirect chain: every hop is seen here,
        # so a redirect to another host is flagged too.
        url = request.url
        if url not in browser_log.requests:
            browser_log.requests.append(url)
        if not is_loopback(url) and url not in browser_log.blocked:
            browser_log.blocked.append(url)

    context.route("**/*", route)
    context.on("request", on_request)
    page = context.new_page()
    page.on("websocket", on_websocket)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: browser_log.page_errors.append(str(exc)))
    page.on("dialog", on_dialog)
    return context, page


@pytest.fixture
def browser_page(
    _browser: Any, browser_log: BrowserLog, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """A fresh Chromium page (1280×900); requests off loopback are blocked and fail the test.

    Every request URL (frames and iframes included, WebSockets too) goes to
    ``browser_log.requests``. A request to any host but 127.0.0.1/localhost is aborted,
    so an offline machine fails fast instead of waiting for a timeout, and listed in the
    teardown failure. JS alerts are dismissed and recorded (an escaped page has none).
    """
    context, page = new_recorded_page(_browser, browser_log)
    try:
        yield page
    finally:
        context.close()
    if _test_failed(request) and (browser_log.console_errors or browser_log.page_errors):
        print("\n----- browser console errors -----")
        print("\n".join(browser_log.console_errors + browser_log.page_errors))
    offenders = sorted(set(browser_log.blocked))
    if offenders:
        pytest.fail(
            f"{len(offenders)} request(s) left loopback (blocked):\n  " + "\n  ".join(offenders)
        )


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """``screenshot(page_or_locator, label="")`` → ``artifacts/<test>[-label].png``."""

    def take(target: Any, label: str = "") -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        name = _safe_name(request.node.nodeid) + (f"-{label}" if label else "")
        path = ARTIFACTS / f"{name}.png"
        target.screenshot(path=str(path))
        return path

    return take


# --------------------------------------------------------------------------- leaflet


def wait_for_leaflet(frame_or_page: Any, timeout: float = 60_000, *, index: int = 0) -> Any:
    """Wait until the ``index``-th streamlit-folium map has drawn something; return its frame.

    Finds ``iframe[title="streamlit_folium.st_folium"]`` in ``frame_or_page`` (a Playwright
    Page or Frame), then waits inside it for ``.leaflet-container`` and at least one
    ``path.leaflet-interactive`` (SVG vector layer) or ``canvas``. ``timeout`` is in ms
    and bounds the whole wait. A page may legitimately remount its map (e.g. after a
    save), detaching the iframe we found; then we look it up again instead of failing.
    """
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout / 1000
    last: Exception | None = None
    while time.monotonic() < deadline:
        remaining = max(1_000.0, (deadline - time.monotonic()) * 1000)
        try:
            return _leaflet_frame(frame_or_page, remaining, index)
        except (PlaywrightError, _DetachedError) as exc:
            last = exc
            if "detached" not in str(exc).lower() and not isinstance(exc, _DetachedError):
                raise
            time.sleep(0.2)
    raise AssertionError(f"no Leaflet map became ready within {timeout / 1000:.0f} s: {last}")


class _DetachedError(Exception):
    """The iframe went away between finding it and reading its document."""


def _leaflet_frame(frame_or_page: Any, timeout: float, index: int) -> Any:
    iframe = frame_or_page.locator(FOLIUM_IFRAME).nth(index)
    iframe.wait_for(state="attached", timeout=timeout)
    frame = iframe.element_handle(timeout=timeout).content_frame()
    if frame is None:
        raise _DetachedError("streamlit-folium iframe has no content frame (detached)")
    frame.wait_for_selector(".leaflet-container", state="attached", timeout=timeout)
    frame.wait_for_function(
        "() => document.querySelector('.leaflet-container path.leaflet-interactive')"
        " || document.querySelector('.leaflet-container canvas')",
        timeout=timeout,
    )
    return frame


def wait_for_map_frame(page: Any, condition: str, timeout: float = 60_000) -> Any:
    """The first streamlit-folium frame in which the JS ``condition`` holds; return it.

    A page that switches mode replaces its map iframe: a handle taken right after the
    click may be the old, detaching iframe (``content_frame()`` is then ``None``) or a
    new one whose document is not loaded yet. So look the iframes up again on every try
    and evaluate the condition in each, until one holds or ``timeout`` (ms) runs out.
    """
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout / 1000
    last: str = "no streamlit-folium iframe yet"
    while time.monotonic() < deadline:
        for handle in page.query_selector_all(FOLIUM_IFRAME):
            try:
                frame = handle.content_frame()
                if frame is not None and frame.evaluate(f"() => !!({condition})"):
                    return frame
                last = "condition not met yet"
            except PlaywrightError as exc:  # detached or navigating: look again
                last = str(exc).splitlines()[0]
        time.sleep(0.25)
    raise AssertionError(f"no map frame met {condition!r} within {timeout / 1000:.0f} s: {last}")


def map_evaluate(
    page: Any, condition: str, expression: str, arg: Any = None, timeout: float = 60_000
) -> Any:
    """``expression`` evaluated in the first streamlit-folium frame where ``condition`` holds.

    A frame found by :func:`wait_for_map_frame` can still be replaced by a remount before
    the next call reaches it; then the frames are looked up again (with the condition
    again) instead of failing on a detached frame.
    """
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout / 1000
    last = "no map frame yet"
    while time.monotonic() < deadline:
        remaining = max(1_000.0, (deadline - time.monotonic()) * 1000)
        frame = wait_for_map_frame(page, condition, timeout=remaining)
        try:
            return frame.evaluate(expression, arg)
        except PlaywrightError as exc:  # detached by a remount: look it up again
            last = str(exc).splitlines()[0]
    raise AssertionError(f"no map frame could evaluate {expression!r}: {last}")


def local_account(db: str | Path, role: str = "analytiker") -> tuple[str, str]:
    """A local account of ``role`` in ``db``: (username, password).

    For browser tests that import real data into a demo database: that import ends demo
    mode and every demo account with it, so they run the app with ``EST_GEO_DEMO=false``
    and log in through the login form, as a real analyst does.
    """
    import secrets

    from est_geo.access.accounts import create_user
    from est_geo.store import open_store
    from est_geo.store.base import UserStore

    store = open_store(str(db))
    assert isinstance(store, UserStore)
    name, password = f"test-{role}", secrets.token_urlsafe(16)
    create_user(store, name, role=role, password=password, actor="test")
    return name, password


def log_in(page: Any, url: str, username: str, password: str, *, timeout: float = 60_000) -> None:
    """Open ``url`` and log in with the login form (real key presses and a click).

    Done once the sidebar offers "Logga ut" and the run the login started has ended. The
    navigation alone proves nothing: the login page has one too (its public pages), so
    waiting for it returned before the login had happened and the next click raced it.
    The form is filled once the login page's own run has ended, so no rerun redraws it
    between the key presses and the click.
    """
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_label("Användarnamn").wait_for(timeout=timeout)
    wait_until_idle(page, timeout=timeout)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("button", name="Logga ut").wait_for(timeout=timeout)
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=timeout)
    wait_until_idle(page, timeout=timeout)


def choose_option(page: Any, label: str, option: str, *, attempts: int = 6) -> None:
    """Open the select box labelled ``label`` and pick ``option``, as a person would.

    A rerun that arrives while the list is open (the map reporting its view, say) redraws
    the sidebar and closes the list before the option can be clicked. So the list is
    opened again until the option shows, instead of waiting once for an option that is
    gone (:func:`choose_in`).
    """
    choose_in(
        page,
        page.get_by_label(label).first,
        page.get_by_role("option", name=option),
        attempts=attempts,
    )


def open_page(page: Any, name: str, *, attempts: int = 4, timeout: float = 60_000) -> None:
    """Click the sidebar link ``name`` until that page's heading shows and stays.

    A click that lands while the previous page is still rerunning (right after a login,
    say) can be overtaken by that rerun's result, so the page stays where it was: see
    :func:`click_until`. Link and heading match ``name`` exactly: "Data" must not be
    satisfied by another page's "Datakvalitet".
    """
    nav = page.locator('[data-testid="stSidebarNav"]')
    click_until(
        page,
        nav.get_by_role("link", name=name, exact=True),
        page.get_by_role("heading", name=name, exact=True).first,
        attempts=attempts,
        timeout=timeout,
        what=f"page {name!r}",
    )


def click_until(
    page: Any,
    target: Any,
    shown: Any,
    *,
    attempts: int = 4,
    timeout: float = 60_000,
    what: str = "",
) -> None:
    """Click ``target`` (a locator) until ``shown`` is visible and stays.

    ``shown`` is a locator, or a callable that says whether the click took effect (for
    an effect outside the page, such as a row gone from the database).

    A click that lands while a run is redrawing the page can be lost, or overtaken by
    that run's result. So ``target`` is clicked again once the page has been idle for
    2 s without ``shown`` — not after a fixed time: a click during a slow run would
    restart it — and ``shown`` must still be there once the page's run has ended.
    ``timeout`` (ms) bounds each attempt: a run on a loaded machine is slow.
    """
    for _ in range(attempts):
        target.click(timeout=timeout)
        deadline = time.monotonic() + timeout / 1000
        idle_without = 0
        while time.monotonic() < deadline and idle_without < 10:
            if _holds(shown):
                wait_until_idle(page, timeout=timeout)
                if _holds(shown):
                    return
                break  # a later run replaced it: click again
            idle_without = idle_without + 1 if page.evaluate(_IDLE) else 0
            page.wait_for_timeout(200)
    raise AssertionError(f"{what or shown} never showed after {attempts} clicks on {target}")


def _holds(shown: Any) -> bool:
    return bool(shown()) if callable(shown) else bool(shown.is_visible())


#: JS (arg: text): record from now on whether ``text`` appears anywhere on the page.
_WATCH_TEXT = """(text) => {
  window.__estTextSeen = window.__estTextSeen || {};
  window.__estTextSeen[text] = document.body.innerText.includes(text);
  new MutationObserver((_, observer) => {
    if (document.body.innerText.includes(text)) {
      window.__estTextSeen[text] = true;
      observer.disconnect();
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def watch_text(page: Any, text: str) -> Callable[[], bool]:
    """Start watching for ``text``; returns a check: has it been on the page since?

    For a message shown for one run only (a flash after a write), which the next rerun
    removes, possibly before any wait for it looks.
    """
    page.evaluate(_WATCH_TEXT, text)
    return lambda: bool(page.evaluate("(t) => !!(window.__estTextSeen || {})[t]", text))


def open_tab(page: Any, tab: str, shows: str, *, attempts: int = 4) -> None:
    """Click the tab ``tab`` once the page's run has ended, until its text ``shows``.

    A click on a tab of a run the page is still drawing can be lost when that run
    redraws the tabs; the tab is then clicked again, never waited on once. (Switching
    tabs needs no server: once the run has ended the text shows at once.)
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    content = page.get_by_text(shows).first
    for _ in range(attempts):
        wait_until_idle(page)
        page.get_by_role("tab", name=tab).click()
        try:
            content.wait_for(timeout=15_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"tab {tab!r} never showed {shows!r}")


#: JS condition: the page's script run has ended. Streamlit marks its root with the run's
#: state (``data-test-script-state``, set from the server's messages as soon as they
#: arrive) and the connection's; its "Running…" icon shows only after 500 ms of a run,
#: so the icon's absence alone also held during the first half second of every run.
_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
}"""


def wait_until_idle(page: Any, *, steady: int = 5, timeout: float = 60_000) -> None:
    """Until the page's script run has ended and stays ended for ``steady`` checks in a row.

    A rerun can start right after one ends (a login reruns the app; a map reports its
    view), so one idle glimpse is not enough; five checks 200 ms apart in a row are.
    Right after an action the server may not have started the run it causes yet: wait for
    that action's visible outcome first, then for idleness.
    """
    in_a_row = 0
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        in_a_row = in_a_row + 1 if page.evaluate(_IDLE) else 0
        if in_a_row >= steady:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the page's script run never ended within {timeout / 1000:.0f} s")


def choose_in(page: Any, box: Any, option: Any, *, attempts: int = 6, click: bool = True) -> None:
    """Open the select box ``box`` (a locator) and click ``option`` (a locator) in its list.

    Like :func:`choose_option`, for boxes found otherwise than by their label: a rerun
    that redraws the page while the list is open closes it, so it is opened again. With
    ``click=False`` the list is left open once ``option`` shows (to read the options).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    box.wait_for(timeout=60_000)
    for _ in range(attempts):
        box.click()
        try:
            option.wait_for(state="visible", timeout=5_000)
            if click:
                option.click(timeout=5_000)
            return
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    raise AssertionError(f"option {option} of {box} never showed")
