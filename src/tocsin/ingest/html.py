"""HTML pages: main text, title, publication date and site name via trafilatura (boilerplate removed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InputError
from ..models import SourceItem
from .dates import parse_published
from .text import decode

#: Pages whose extracted body is shorter than this are refused (navigation pages, error pages, stubs).
MIN_CHARS = 200
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def from_html(
    data: bytes | str,
    name: str,
    *,
    url: str | None = None,
    path: str | None = None,
    published: dt.datetime | None = None,
    meta: dict[str, Any] | None = None,
) -> SourceItem:
    """One article from an HTML page; raises InputError when the page holds no article text."""
    import trafilatura

    html = decode(data, name) if isinstance(data, bytes) else data
    if not html.strip():
        raise InputError(f"{name} is empty")
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # keep the time and zone of the publication date, not just the day
            date_extraction_params={"outputformat": DATE_FORMAT, "original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(f"{name}: cannot parse the HTML ({type(exc).__name__})") from None
    doc: dict[str, Any] = found if isinstance(found, dict) else found.as_dict() if found is not None else {}
    if not (doc.get("text") or "").strip():
        raise InputError(f"{name}: no article text found in the page")
    body = doc["text"].strip()
    if len(body) < MIN_CHARS:
        raise InputError(f"{name}: the page's main text is only {len(body)} characters; not an article")
    when, offset = (published, None) if published else parse_published(_clean_date(doc.get("date")))
    info = {k: doc.get(k) for k in ("author", "sitename", "hostname", "description", "categories", "tags")}
    info = {k: v for k, v in info.items() if v}
    return SourceItem(
        name=name,
        text=body,
        title=(doc.get("title") or None),
        published=when,
        published_offset=offset,
        url=url or doc.get("url"),
        path=path,
        source=doc.get("sitename") or doc.get("hostname"),
        meta={**info, **(meta or {})},
    )


def _clean_date(value: str | None) -> str | None:
    """htmldate writes midnight and no zone when the page gave only a day: keep that a bare date."""
    if value and value.endswith("T00:00:00"):
        return value[:10]
    return value
