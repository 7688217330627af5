"""Network guard for a server started by ``tests/test_no_network_at_start.py``.

Put on ``PYTHONPATH`` of the server's process only. Every name resolution or connection
to a host that is not loopback is refused and written (one line each) to the file named
by ``EST_GEO_NETGUARD_LOG``; a bind to a wildcard address is narrowed to 127.0.0.1 so the
test server is never reachable from outside the machine.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

_LOG = os.environ.get("EST_GEO_NETGUARD_LOG", "")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_WILDCARDS = {"", "0.0.0.0", "::"}
_getaddrinfo = socket.getaddrinfo
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_bind = socket.socket.bind


def _is_local(host: object) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    if text.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(what: str, host: object) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{what} {host}\n")


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _is_local(host):
        _record("resolve", host)
        raise socket.gaierror(socket.EAI_NONAME, f"netguard: no lookup of {host}")
    return _getaddrinfo(host, *args, **kwargs)


def _remote(address: Any) -> object | None:
    if isinstance(address, tuple) and address and not _is_local(address[0]):
        return address[0]
    return None


def _guarded_connect(self: socket.socket, address: Any) -> None:
    host = _remote(address)
    if host is not None:
        _record("connect", host)
        raise OSError(f"netguard: no connection to {host}")
    _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    host = _remote(address)
    if host is not None:
        _record("connect", host)
        return 111  # ECONNREFUSED
    return _connect_ex(self, address)


def _guarded_bind(self: socket.socket, address: Any) -> None:
    if isinstance(address, tuple) and address and address[0] in _WILDCARDS:
        loopback = "::1" if self.family == socket.AF_INET6 else "127.0.0.1"
        address = (loopback, *address[1:])
    _bind(self, address)


socket.getaddrinfo = _guarded_getaddrinfo
socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.socket.bind = _guarded_bind  # type: ignore[method-assign]
