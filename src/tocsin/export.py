"""Exports in the formats event-data users already load: PLOVER JSONL, GDELT 2.0 TSV, CSV, Parquet.

Every writer consumes a row iterator and writes as it goes, so memory stays flat however large the store.
PLOVER, CSV and Parquet write article-level mentions (each with its ``event_id``); GDELT writes the
real-world events table, whose NumMentions/NumSources/NumArticles count the grouped mentions.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import __version__
from .periods import period_start

FORMATS = ("plover", "gdelt", "csv", "parquet")

#: The GDELT 2.0 event table columns, in order (61).
GDELT_COLUMNS = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

CSV_COLUMNS = [
    "id",
    "event_id",
    "article_id",
    "date",
    "date_precision",
    "type",
    "mode",
    "context",
    "cameo",
    "quad_class",
    "goldstein",
    "status",
    "source_code",
    "target_code",
    "source_names",
    "target_names",
    "claimed_by",
    "confidence",
    "place",
    "country",
    "lat",
    "lon",
    "dead",
    "injured",
    "trigger",
    "rule",
    "evidence_text",
    "start",
    "end",
    "url",
    "title",
]


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else None


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One mention as a PLOVER record (manual's field names), with Tocsin's additions after them."""
    evidence = _loads(row["evidence"]) or []
    loc = _loads(row.get("location"))
    first = evidence[0] if evidence else {}

    def entity(a: dict[str, Any]) -> dict[str, Any]:
        return {
            "code": a.get("country") or a.get("org") or "---",
            "sector": a.get("sector"),
            "entity_text": a.get("text"),
            "identifier_text": a.get("name"),
        }

    record: dict[str, Any] = {
        "id": row["id"],
        "date": row["date"],
        "actor": [entity(a) for a in _loads(row["source"]) or []],
        "recipient": [entity(a) for a in _loads(row["target"]) or []],
        "event": [row["type"]],
        "event_loc": _plover_location(loc),
        "event_text": [e.get("trigger") for e in evidence],
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": _loads(row.get("context")) or [],
        "text": first.get("text"),
        "text_info": {"sequence": first.get("sentence"), "start": first.get("start"), "end": first.get("end")},
        "cite_info": {
            "url": row.get("article_url"),
            "title": row.get("article_title"),
            "coder": f"tocsin {__version__}",
            "codebook": "plover-base",
        },
        "coder": f"tocsin {__version__}",
        # Tocsin's additions
        "cameo": row["cameo"],
        "date_precision": row.get("date_precision"),
        "status": row["status"],
        "claimed_by": _loads(row.get("claimed_by")),
        "confidence": row["confidence"],
        "size": {"dead": row.get("dead"), "injured": row.get("injured")},
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "evidence": evidence,
    }
    return record


def _plover_location(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    if not loc:
        return None
    resolution = {"country": 1, "region": 2, "city": 4}.get(loc.get("feature") or "", 4)
    return {
        "extracted_place": loc.get("text"),
        "resolved_place": loc.get("name"),
        "geonameid": loc.get("geonames_id"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "province": loc.get("admin1"),
        "country_code": loc.get("country"),
        "resolution": resolution,
    }


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """One mention as a flat record for CSV and Parquet."""
    evidence = _loads(row["evidence"]) or []
    first = evidence[0] if evidence else {}
    loc = _loads(row.get("location")) or {}
    claimed = _loads(row.get("claimed_by"))
    return {
        "id": row["id"],
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "type": row["type"],
        "mode": row["mode"],
        "context": ";".join(_loads(row.get("context")) or []),
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "status": row["status"],
        "source_code": row["source_code"],
        "target_code": row["target_code"],
        "source_names": "; ".join(a.get("name") or "" for a in _loads(row["source"]) or []),
        "target_names": "; ".join(a.get("name") or "" for a in _loads(row["target"]) or []),
        "claimed_by": claimed.get("name") if claimed else None,
        "confidence": row["confidence"],
        "place": loc.get("name"),
        "country": row["country"],
        "lat": row["lat"],
        "lon": row["lon"],
        "dead": row["dead"],
        "injured": row["injured"],
        "trigger": first.get("trigger"),
        "rule": first.get("rule"),
        "evidence_text": first.get("text"),
        "start": first.get("start"),
        "end": first.get("end"),
        "url": row.get("article_url") or row.get("article_path"),
        "title": row.get("article_title"),
    }


def _split_code(code: str | None) -> tuple[str, str, str]:
    """First actor of a ``+``-joined code list → (code, country, type)."""
    if not code:
        return "", "", ""
    first = code.split("+")[0]
    country = first[:3] if first[:3] not in ("---", "IGO") else ""
    kind = first[3:] if first[:3] != "IGO" else "IGO"
    return first.replace("---", ""), country, kind


def stable_numeric_id(event_id: str) -> int:
    """GLOBALEVENTID from the event's own id (a hex hash): the same event has the same number in every export."""
    try:
        return int(event_id[:13], 16)
    except ValueError:
        import hashlib

        return int(hashlib.sha1(event_id.encode("utf8")).hexdigest()[:13], 16)


def gdelt_row(row: dict[str, Any], numeric_id: int | None = None, *, with_status: bool = False) -> list[str]:
    """One real-world event as the 61 GDELT 2.0 columns (CAMEO codes kept as strings, leading zeros),
    plus a 62nd ``Status`` column when ``with_status``."""
    if numeric_id is None:
        numeric_id = stable_numeric_id(str(row["id"]))
    # GDELT has no date precision: a month or year is written as its first day
    date = row.get("date") or ""
    parts = ([*date.split("-"), "01", "01"])[:3] if date else []
    day = "".join(p.zfill(2) for p in parts) if parts else ""
    year = parts[0] if parts else ""
    fraction = ""
    if parts:
        try:
            d = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
        except ValueError:
            day = year = ""
    a1 = _split_code(row.get("source_code"))
    a2 = _split_code(row.get("target_code"))
    cameo = row.get("cameo") or ""

    def actor(code: tuple[str, str, str], name: str | None) -> list[str]:
        return [code[0], (name or "").split("; ")[0].upper(), code[1], "", "", "", "", code[2], "", ""]

    geo_type = ""
    if row.get("geonames_id") or row.get("lat") is not None:
        geo_type = "1" if row.get("place_key") == row.get("country") else "4"
    action_geo = [
        geo_type,
        row.get("place_name") or "",
        row.get("country") or "",
        "",
        "",
        _num(row.get("lat")),
        _num(row.get("lon")),
        str(row.get("geonames_id") or ""),
    ]
    added = (row.get("first_added") or "")[:19].replace("-", "").replace("T", "").replace(":", "")
    out = [
        str(numeric_id),
        day,
        day[:6],
        year,
        fraction,
        *actor(a1, row.get("source_name")),
        *actor(a2, row.get("target_name")),
        "1",
        cameo,
        cameo[:3],
        cameo[:2],
        str(row.get("quad_class") or ""),
        _num(row.get("goldstein")),
        str(row.get("num_mentions") or 0),
        str(row.get("num_sources") or 0),
        str(row.get("num_articles") or 0),
        "",
        *[""] * 8,
        *[""] * 8,
        *action_geo,
        added,
        row.get("source_url") or "",
    ]
    if with_status:
        out.append(row.get("status") or "")
    return [v.replace("\t", " ").replace("\n", " ") for v in out]


def _num(v: Any) -> str:
    return "" if v is None else f"{float(v):g}"


def write_plover(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_gdelt(
    rows: Iterable[dict[str, Any]],
    fh: IO[str],
    *,
    with_status: bool = False,
    on_skip: Callable[[dict[str, Any]], None] | None = None,
) -> int:
    """GDELT rows for events dated to the day. GDELT's Day column cannot say "some day in February", so
    events dated more coarsely (or not at all) are left out and passed to ``on_skip``; CSV and Parquet keep them."""
    n = 0
    for row in rows:
        if row.get("date_precision") not in (None, "day") or not row.get("date"):
            if on_skip is not None:
                on_skip(row)
            continue
        fh.write("\t".join(gdelt_row(row, with_status=with_status)) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(flat_row(row))
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, *, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ints = {"quad_class", "dead", "injured", "start", "end"}
    floats = {"goldstein", "confidence", "lat", "lon"}

    def kind(c: str) -> Any:
        if c == "date":
            return pa.date32()  # the first day of the period; date_precision says which period
        return pa.int64() if c in ints else pa.float64() if c in floats else pa.string()

    schema = pa.schema([(c, kind(c)) for c in CSV_COLUMNS])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _chunks((_typed(flat_row(r)) for r in rows), batch):
            writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def _typed(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "date": period_start(r["date"])}


def _chunks(it: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    buf: list[dict[str, Any]] = []
    for x in it:
        buf.append(x)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


@contextlib.contextmanager
def atomic_output(path: Path, *, protect: frozenset[Path] = frozenset(), force: bool = False, binary: bool = False):
    """Write ``path`` through a temporary file in its directory, renamed over it only once complete.

    A killed export leaves the previous file intact and no half file under the final name. Refuses to
    write onto the store's own files, or through a symlink unless ``force``.
    """
    from .errors import InputError

    if path.is_symlink() and not force:
        raise InputError(f"-o {path} is a symbolic link; pass --force to write to its target")
    target = path.resolve()
    if target in protect:
        raise InputError(f"-o {path} is the store itself; choose another file name")
    if target.is_dir():
        raise InputError(f"-o {path} is a directory; give a file name")
    if not target.parent.is_dir():
        raise InputError(f"-o {path}: directory {target.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise InputError(f"-o {path}: cannot write in {target.parent} ({exc.strerror})") from None
    try:
        if binary:
            os.close(fd)
            yield Path(tmp)
        else:
            with os.fdopen(fd, "w", encoding="utf8", newline="") as fh:
                yield fh
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise InputError(f"-o {path}: cannot replace it ({exc.strerror})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
