"""Article tables: JSON Lines and CSV with columns ``id, text, title, published, url, source``.

``mapping`` renames the source's columns to ours (``{"body": "text", "headline": "title"}``); every
other key is kept as raw metadata. A bad row is refused by ``path:line`` and the rest goes on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from ..models import Refusal, SourceItem
from .dates import parse_published

FIELDS = ("id", "text", "title", "published", "url", "source")
#: A JSON line longer than this is refused before it is parsed.
MAX_LINE = 20_000_000


def _clean_unicode(value: str) -> str:
    """Lone surrogates ("\\ud800" in JSON) cannot be stored or parsed: each becomes U+FFFD; pairs are joined."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _item(record: dict[str, Any], name: str, mapping: dict[str, str], path: str) -> SourceItem | Refusal:
    rec = {mapping.get(k, k): (_clean_unicode(v) if isinstance(v, str) else v) for k, v in record.items()}
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        missing = "has no 'text' column" if "text" not in rec else "has an empty text"
        hint = " (map yours with --map COLUMN=text)" if "text" not in rec else ""
        return Refusal(name, f"record {missing}{hint}")
    when, offset = parse_published(rec.get("published"))
    if rec.get("published") and when is None:
        return Refusal(name, f"unreadable publication date {rec.get('published')!r}")
    meta = {k: v for k, v in rec.items() if k not in FIELDS and v not in (None, "")}
    return SourceItem(
        name=name,
        text=text,
        title=(str(rec["title"]) if rec.get("title") else None),
        published=when,
        published_offset=offset,
        url=(str(rec["url"]) if rec.get("url") else None),
        path=path,
        source=(str(rec["source"]) if rec.get("source") else None),
        external_id=(str(rec["id"]) if rec.get("id") not in (None, "") else None),
        meta=meta,
    )


def read_jsonl(text: str, path: str, mapping: dict[str, str]) -> Iterator[SourceItem | Refusal]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name = f"{path}:{n}"
        if len(line) > MAX_LINE:
            yield Refusal(name, f"line is {len(line):,} characters, over the {MAX_LINE:,} limit")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Refusal(name, f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield Refusal(name, "JSON nested too deeply to be an article record")
            continue
        if not isinstance(record, dict):
            yield Refusal(name, "line is not a JSON object")
            continue
        yield _item(record, name, mapping, path)


#: Longest CSV field read: a longer one is its row's refusal, and the rows after it are still read.
MAX_FIELD = 50_000_000


def read_csv(text: str, path: str, mapping: dict[str, str]) -> Iterator[SourceItem | Refusal]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_FIELD)
    # newline="" as the csv module asks: it then sees a lone "\r" and quoted line breaks as they are
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        columns = {mapping.get(c, c) for c in (reader.fieldnames or [])}
    except csv.Error as exc:
        yield Refusal(path, f"malformed CSV header: {exc}")
        return
    if "text" not in columns:
        yield Refusal(
            path, f"CSV has no 'text' column (columns: {', '.join(reader.fieldnames or [])}); use --map COLUMN=text"
        )
        return
    while True:
        before = reader.reader.line_num  # the underlying reader's: DictReader's lags after an error
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # the reader starts afresh on the next line: one broken or oversized row is that row's refusal
            yield Refusal(f"{path}:{before + 1}", f"malformed CSV row: {exc}")
            if reader.reader.line_num == before:
                return  # nothing was consumed: the rest cannot be read
            continue
        n = reader.line_num
        if None in row:
            yield Refusal(f"{path}:{n}", "row has more fields than the header")
            continue
        yield _item(row, f"{path}:{n}", mapping, path)
