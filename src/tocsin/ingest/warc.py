"""WARC / WARC.gz web archives (warcio), e.g. Common Crawl's CC-NEWS: each HTML response is an article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace

from ..errors import InputError
from ..models import Refusal, SourceItem
from .dates import parse_published
from .html import from_html


def read_warc(data: bytes, path: str) -> Iterator[SourceItem | Refusal]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            name = url or f"{path}#record{n}"
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                yield Refusal(name, f"WARC record is not HTML ({ctype or 'no content type'})")
                continue
            when, _ = parse_published(record.rec_headers.get_header("WARC-Date"))
            try:
                item = from_html(record.content_stream().read(), name, url=url or None, path=path)
            except InputError as exc:
                yield Refusal(name, str(exc).removeprefix(f"{name}: "))
                continue
            if item.published is None and when is not None:
                # the crawl date bounds the publication date; kept apart so it is not mistaken for it
                item = replace(item, meta={**item.meta, "crawled": when.isoformat()})
            yield item
    except ArchiveLoadFailed as exc:
        yield Refusal(path, f"not a readable WARC file ({exc})")
