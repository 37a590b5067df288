"""Polite and safe HTTP fetching: timeouts, an overall deadline, a size limit, an honest user agent,
retries with back-off only for errors that can succeed, and no requests to private addresses.

Every URL, and every redirect it leads to, must be http(s) and resolve only to public addresses:
loopback, private, link-local, multicast and reserved ones are refused (a feed entry pointing at
``http://127.0.0.1/admin`` is not fetched) unless ``TOCSIN_ALLOW_PRIVATE_URLS=1`` or
``--allow-private-urls``. The check is made on the resolved addresses before each request.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ..errors import InputError

USER_AGENT = f"tocsin/{__version__} (news event coder; +https://pypi.org/project/tocsin/)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_BYTES = 10_000_000
RETRIES = 3
DEADLINE = 60.0  # seconds for one URL, all attempts and redirects included
MAX_REDIRECTS = 5
_RETRY_STATUS = {429, 500, 502, 503, 504}
# transport errors a later attempt can cure; others (an unsupported scheme, a broken encoding) cannot
_RETRYABLE = (httpx.TimeoutException, httpx.ConnectError, httpx.ReadError, httpx.WriteError,
              httpx.RemoteProtocolError)  # fmt: skip


def private_allowed() -> bool:
    return os.environ.get("TOCSIN_ALLOW_PRIVATE_URLS", "").lower() in ("1", "true", "yes")


def check_url(url: str) -> None:
    """Refuse what must never be fetched: other schemes, and hosts that resolve to non-public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise InputError(f"{url}: no host name")
    if private_allowed():
        return
    try:
        public_addresses(host, parts.port or (443 if parts.scheme == "https" else 80))
    except InputError as exc:
        raise InputError(f"{url}: {exc}") from None


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, all of them public, or InputError naming the one that is not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve {host} ({exc})") from None
    out: list[str] = []
    for info in infos:
        text = str(info[4][0])
        addr = ipaddress.ip_address(text.split("%")[0])
        if not addr.is_global or addr.is_multicast:
            raise InputError(
                f"refused, {host} is a private, loopback or link-local address ({addr}); "
                "pass --allow-private-urls to fetch it"
            )
        out.append(text)
    return out


class _PinnedBackend(httpcore.SyncBackend):
    """Connects only to addresses it has just checked: a name that resolved to a public address for
    :func:`check_url` and to 127.0.0.1 a moment later (DNS rebinding) is refused, not connected to."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:  # fmt: skip
        if private_allowed():
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = public_addresses(host, port)
        except InputError as exc:
            raise httpcore.ConnectError(str(exc)) from None
        last: Exception | None = None
        for addr in addresses:  # the checked address itself, so no second lookup can differ
            try:
                return super().connect_tcp(addr, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


def safe_client() -> httpx.Client:
    """The client :func:`fetch` uses: no automatic redirects (each is checked), pinned addresses."""
    transport = httpx.HTTPTransport(retries=0)
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        # httpx does not take a network backend yet; without this hook the check before each request
        # still holds, only the rebinding window stays open
        pool._network_backend = _PinnedBackend()
    return httpx.Client(
        timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": USER_AGENT}, transport=transport
    )


@dataclass
class Fetched:
    url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    retries: int = RETRIES,
    backoff: float = 1.0,
    deadline: float = DEADLINE,
) -> Fetched:
    """GET ``url``; 304 is returned as is (for conditional requests); other failures raise InputError."""
    own = client is None
    client = client or safe_client()
    until = time.monotonic() + deadline
    try:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(current)
            got = _get(client, current, url, headers or {}, max_bytes, retries, backoff, until)
            if isinstance(got, Fetched):
                return got
            current = got  # a redirect, checked again before it is followed
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.InvalidURL as exc:
        raise InputError(f"{url}: invalid URL ({exc})") from None
    finally:
        if own:
            client.close()


def _get(
    client: httpx.Client,
    current: str,
    url: str,
    headers: dict[str, str],
    max_bytes: int,
    retries: int,
    backoff: float,
    until: float,
) -> Fetched | str:
    """One URL with retries: the page, or the address a redirect points to."""
    for attempt in range(retries + 1):
        try:
            with client.stream("GET", current, headers=headers) as resp:
                if resp.is_redirect and resp.headers.get("location"):
                    return urljoin(current, resp.headers["location"])
                if resp.status_code in _RETRY_STATUS and attempt < retries:
                    _sleep(_retry_after(resp.headers.get("retry-after"), backoff * 2**attempt), until, url)
                    continue
                if resp.status_code == 304:
                    return Fetched(str(resp.url), 304, b"", dict(resp.headers))
                if resp.status_code >= 400:
                    raise InputError(f"{url}: HTTP {resp.status_code}")
                declared = int(resp.headers.get("content-length") or 0)
                if declared > max_bytes:
                    raise InputError(f"{url}: {declared:,} bytes is over the {max_bytes:,}-byte limit")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise InputError(f"{url}: response is over the {max_bytes:,}-byte limit")
                    if time.monotonic() > until:
                        raise InputError(f"{url}: took longer than the {DEADLINE:g} s allowed for one URL")
                encoded = resp.headers.get("content-encoding", "identity").lower() in ("", "identity")
                if declared and encoded and len(body) < declared:
                    raise InputError(f"{url}: body has {len(body):,} of its {declared:,} declared bytes (cut short)")
                return Fetched(str(resp.url), resp.status_code, bytes(body), dict(resp.headers))
        except _RETRYABLE as exc:
            if str(exc).startswith("refused,"):  # the pinned connection found a private address
                raise InputError(f"{url}: {exc}") from None
            if attempt < retries and time.monotonic() < until:
                _sleep(backoff * 2**attempt, until, url)
                continue
            raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from None
        except httpx.HTTPError as exc:  # cannot succeed on a retry: unsupported protocol, broken encoding, …
            raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from None
    raise InputError(f"{url}: still failing after {retries + 1} attempts")


def _sleep(seconds: float, until: float, url: str) -> None:
    if time.monotonic() + seconds > until:
        raise InputError(f"{url}: out of time for retries (the deadline for one URL is {DEADLINE:g} s)")
    time.sleep(seconds)


def _retry_after(value: str | None, default: float) -> float:
    try:
        return min(60.0, float(value)) if value else default
    except ValueError:
        return default
