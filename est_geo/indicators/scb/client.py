"""HTTP to SCB's services, as a good API citizen.

SCB's statistical database (PxWebApi 2) allows 30 calls per 10-second window and
150,000 cells per query, counted per caller IP address. Sources: the API's own ``/config``
answer carries them as ``maxCallsPerTimeWindow``/``timeWindow``/``maxDataCells``
(PxWebApi 2 specification, https://github.com/PxTools/PxApiSpecs/blob/main/PxAPI-2.yml,
schema ``ConfigResponse``), and SCB's API page states the per-IP counting
(https://www.scb.se/vara-tjanster/oppna-data/ , "Så fungerar SCB:s API"). The geodata WFS
publishes no limit, so the same pace is kept there.

Because SCB counts per IP address, the window is shared by the whole process
(:data:`PROCESS_RATE`): every :class:`ScbClient` made without an explicit ``rate`` — each
Streamlit session, each CLI command — waits in the same window, under a lock, so two
sessions fetching at once cannot together exceed the limit. Every call names the app in
its User-Agent and retries 429 and 5xx answers (and dropped connections) with
exponential backoff, honouring ``Retry-After``. A service that stays down or answers
something else raises :class:`ScbServiceError` with the address and the reason, so the
caller writes nothing.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from est_geo.core.errors import EstGeoError, keyed_error

__all__ = ["PROCESS_RATE", "USER_AGENT", "RateLimit", "ScbClient", "ScbServiceError"]

#: Names the app to SCB (the service asks callers to identify themselves).
USER_AGENT = "EST-Geo (open source crime-prevention dashboard; Python httpx)"
#: Largest response body read (a municipality's DeSO polygons are a few MB).
MAX_BYTES = 64 * 1024 * 1024
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ScbServiceError(EstGeoError):
    """SCB's service could not be reached or refused the question; nothing was written."""


@dataclass
class RateLimit:
    """At most ``calls`` calls in any ``seconds``-long window (SCB: 30 per 10 s).

    Safe to share between threads: the lock is held while waiting, so callers queue and
    each gets its own slot in the window.
    """

    calls: int = 30
    seconds: float = 10.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _sent: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait(self) -> None:
        """Block until one more call fits in the window, then record it."""
        with self._lock:
            now = self.clock()
            while self._sent and now - self._sent[0] >= self.seconds:
                self._sent.popleft()
            if len(self._sent) >= self.calls:
                self.sleep(self.seconds - (now - self._sent[0]))
                self._sent.popleft()
            self._sent.append(self.clock())


#: The one window of this process (SCB counts calls per IP address, not per client).
PROCESS_RATE = RateLimit()


class ScbClient:
    """One session against SCB's services (or a proxy or stand-in at another address)."""

    def __init__(
        self,
        *,
        rate: RateLimit | None = None,
        retries: int = 4,
        backoff: float = 1.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.rate = rate if rate is not None else PROCESS_RATE
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.calls = 0
        self._http = httpx.Client(
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            transport=transport,
            follow_redirects=True,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> ScbClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_json(self, url: str, params: Mapping[str, str] | None = None) -> Any:
        """GET ``url`` and decode JSON."""
        return self._json("GET", url, params=params, body=None)

    def post_json(self, url: str, body: Any, params: Mapping[str, str] | None = None) -> Any:
        """POST a JSON body to ``url`` and decode the JSON answer."""
        return self._json("POST", url, params=params, body=body)

    def _json(self, method: str, url: str, *, params: Mapping[str, str] | None, body: Any) -> Any:
        content = self._send(method, url, params=params, body=body)
        try:
            return json.loads(content)
        except ValueError as exc:
            raise keyed_error(ScbServiceError, "scb.error.not_json", url=url, cause=exc) from exc

    def _send(self, method: str, url: str, *, params: Mapping[str, str] | None, body: Any) -> bytes:
        last: dict[str, object] = {"key": "scb.error.gave_up_no_contact", "kind": "", "cause": ""}
        for attempt in range(self.retries + 1):
            self.rate.wait()
            self.calls += 1
            try:
                with self._http.stream(method, url, params=params, json=body) as response:
                    content = _bounded_read(response, url)
            except httpx.HTTPError as exc:
                last = {"key": "scb.error.gave_up_no_contact", "kind": type(exc).__name__}
                last["cause"] = exc
            else:
                if response.status_code < 400:
                    return content
                status, cause = response.status_code, _reason(response, content)
                last = {"key": "scb.error.gave_up_http", "status": status, "cause": cause}
                if response.status_code not in _RETRY_STATUS:
                    raise keyed_error(
                        ScbServiceError, "scb.error.http", url=url, status=status, cause=cause
                    )
                if attempt < self.retries:
                    self.sleep(_retry_after(response) or self.backoff * 2**attempt)
                continue
            if attempt < self.retries:
                self.sleep(self.backoff * 2**attempt)
        key = str(last.pop("key"))
        raise keyed_error(ScbServiceError, key, url=url, tries=self.retries + 1, **last)


def _bounded_read(response: httpx.Response, url: str) -> bytes:
    """The body, refused as soon as it grows past :data:`MAX_BYTES` (never held whole)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise keyed_error(ScbServiceError, "scb.error.too_large", url=url, mb=MAX_BYTES // 2**20)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise keyed_error(
                ScbServiceError, "scb.error.too_large", url=url, mb=MAX_BYTES // 2**20
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(response: httpx.Response, content: bytes) -> str:
    """A short reason from an error answer (PxWebApi 2 sends a JSON problem document)."""
    try:
        doc = json.loads(content)
    except ValueError:
        text = content[:200].decode("utf-8", errors="replace").strip()
        return text or response.reason_phrase
    if isinstance(doc, Mapping):
        for key in ("detail", "title", "message"):
            if doc.get(key):
                return str(doc[key])[:200]
    return str(doc)[:200]


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("Retry-After", "")
    try:
        return min(max(float(raw), 0.0), 60.0)
    except ValueError:
        return None
