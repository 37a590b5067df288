"""Polite HTTP fetching: timeouts, a size limit, an honest user agent, retries with back-off."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx

from .. import __version__
from ..errors import InputError

USER_AGENT = f"tocsin/{__version__} (news event coder; +https://pypi.org/project/tocsin/)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_BYTES = 10_000_000
RETRIES = 3
_RETRY_STATUS = {429, 500, 502, 503, 504}


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
) -> Fetched:
    """GET ``url``; 304 is returned as is (for conditional requests); other failures raise InputError."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    try:
        for attempt in range(retries + 1):
            try:
                with client.stream("GET", url, headers=headers or {}) as resp:
                    if resp.status_code in _RETRY_STATUS and attempt < retries:
                        wait = _retry_after(resp.headers.get("retry-after"), backoff * 2**attempt)
                        time.sleep(wait)
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
                    return Fetched(str(resp.url), resp.status_code, bytes(body), dict(resp.headers))
            except httpx.TransportError as exc:
                if attempt < retries:
                    time.sleep(backoff * 2**attempt)
                    continue
                raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from None
        raise InputError(f"{url}: still failing after {retries + 1} attempts")
    except httpx.InvalidURL as exc:
        raise InputError(f"{url}: invalid URL ({exc})") from None
    finally:
        if own:
            client.close()


def _retry_after(value: str | None, default: float) -> float:
    try:
        return min(60.0, float(value)) if value else default
    except ValueError:
        return default
