"""Reading articles from sources: text files and directories, JSONL/CSV, HTML, RSS/Atom, WARC, .gz, URLs.

:func:`iter_items` turns source names into a stream of :class:`SourceItem` (an article to code) and
:class:`Refusal` (an input that is not one, with the reason); nothing here raises for a bad input.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..models import Refusal, SourceItem
from .feeds import entry_items, parse_feed
from .html import from_html
from .tables import read_csv, read_jsonl
from .text import decode, from_text
from .warc import read_warc
from .web import fetch

__all__ = ["iter_items", "read_path", "read_url"]


def iter_items(
    sources: Iterable[str], *, mapping: dict[str, str] | None = None, exclude: frozenset[Path] = frozenset()
) -> Iterator[SourceItem | Refusal]:
    """Every article (or refusal) in ``sources``: paths, directories (recursive) and http(s) URLs.

    Files in ``exclude`` (the store's own database files) are skipped when walking a directory.
    """
    mapping = mapping or {}
    for src in sources:
        if src.startswith(("http://", "https://")):
            yield from read_url(src)
            continue
        path = Path(src)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not _hidden(p.relative_to(path)) and p.resolve() not in exclude
            )
            for f in files:
                yield from read_path(f, mapping)
        elif path.exists():
            yield from read_path(path, mapping)
        else:
            yield Refusal(src, "no such file or directory")


#: Most a local ``.gz`` file may expand to: a compression bomb is refused, not decompressed into memory.
MAX_DECOMPRESSED = 256_000_000


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress in chunks, stopping with ValueError as soon as the output passes ``limit`` bytes."""
    out = bytearray()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        while chunk := fh.read(1 << 20):
            out += chunk
            if len(out) > limit:
                raise ValueError(f"expands to over {limit:,} bytes; refused as a possible compression bomb")
    return bytes(out)


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def read_path(path: Path, mapping: dict[str, str] | None = None) -> Iterator[SourceItem | Refusal]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Refusal(name, f"cannot read ({exc.strerror})")
        return
    lower = path.name.lower()
    if lower.endswith(".gz") and not lower.endswith(".warc.gz"):
        try:
            data = gunzip_bounded(data, MAX_DECOMPRESSED)
        except (OSError, EOFError, zlib.error) as exc:
            yield Refusal(name, f"not a readable gzip file ({exc})")
            return
        except ValueError as exc:
            yield Refusal(name, str(exc))
            return
        lower = lower[:-3]
    yield from _read_bytes(data, name, lower, mapping or {})


def _read_bytes(data: bytes, name: str, lower: str, mapping: dict[str, str]) -> Iterator[SourceItem | Refusal]:
    if not data.strip():
        yield Refusal(name, "empty file")
        return
    suffix = Path(lower).suffix
    try:
        if lower.endswith((".warc", ".warc.gz", ".arc.gz")):
            yield from read_warc(data, name)
        elif suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl(decode(data, name), name, mapping)
        elif suffix in (".csv", ".tsv"):
            yield from read_csv(decode(data, name), name, mapping)
        elif suffix in (".html", ".htm", ".xhtml") or _sniff(data) == "html":
            yield from_html(data, name, path=name)
        elif suffix in (".xml", ".rss", ".atom") or _sniff(data) == "feed":
            yield from entry_items(parse_feed(data, name))
        else:
            yield from_text(decode(data, name), name, path=name)
    except InputError as exc:
        yield Refusal(name, str(exc).removeprefix(f"{name}: ").removeprefix(f"{name} "))


def _sniff(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return "html" if b"<html" in head else "feed"
    return "text"


def read_url(url: str) -> Iterator[SourceItem | Refusal]:
    """A page or a feed at ``url``."""
    try:
        page = fetch(url)
    except InputError as exc:
        yield Refusal(url, str(exc).removeprefix(f"{url}: "))
        return
    # rss/atom types are feeds; generic (and xhtml+) xml is decided by the content itself
    kind = "feed" if any(k in page.content_type for k in ("rss", "atom")) else _sniff(page.content)
    try:
        if kind == "feed":
            feed = parse_feed(page.content, url)
            yield from entry_items(feed)
        else:
            yield from_html(page.content, url, url=page.url)
    except InputError as exc:
        yield Refusal(url, str(exc).removeprefix(f"{url}: "))
