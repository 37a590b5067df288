"""RSS/Atom feeds (feedparser): each entry's link is fetched and its page extracted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InputError
from ..models import Refusal, SourceItem
from .dates import parse_published
from .html import from_html
from .web import fetch


@dataclass
class Feed:
    url: str
    title: str | None
    entries: list[dict[str, Any]]
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False


def parse_feed(data: bytes, name: str) -> Feed:
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or parsed.get("bozo_exception")
        raise InputError(f"{name}: malformed feed ({reason})")
    if not parsed.entries and not parsed.feed.get("title"):
        raise InputError(f"{name}: not an RSS or Atom feed")
    return Feed(url=name, title=parsed.feed.get("title"), entries=list(parsed.entries))


def entry_items(feed: Feed, *, skip: set[str] | None = None) -> Iterator[SourceItem | Refusal]:
    """Fetch and extract each entry's linked article (entries in ``skip`` are left out)."""
    for n, entry in enumerate(feed.entries, 1):
        link = entry.get("link")
        name = link or f"{feed.url}#entry{n}"
        if not link:
            yield Refusal(name, "feed entry has no link")
            continue
        if skip and link in skip:
            continue
        when, offset = parse_published(entry.get("published") or entry.get("updated"))
        try:
            page = fetch(link)
            item = from_html(page.content, link, url=page.url, meta={"feed": feed.url, "feed_title": feed.title})
        except InputError as exc:
            yield Refusal(name, str(exc).removeprefix(f"{link}: "))
            continue
        if when and (not item.published or not item.published_offset):
            # the feed's timestamp is exact; a page often gives only the day
            item = replace(item, published=when, published_offset=offset)
        yield replace(item, title=item.title or entry.get("title") or None)
