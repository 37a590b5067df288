"""Bring your own events: GDELT 2.0 event tables, ACLED and UCDP GED exports into the same store.

An imported file is stored as one article-like record (its content hash makes a re-import a duplicate)
whose event mentions carry ``origin`` = the format, so series, alerts and exports work on them too.
Each row is its own real-world event: human-coded rows are never regrouped. Every event keeps the
row's own words as evidence (UCDP's source headlines, ACLED's notes, GDELT's source URL).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import knowledge
from ..errors import InputError
from ..models import Actor, Article, Event, Evidence, Extraction, Place, SourceItem
from ..store import Store

FORMATS = ("gdelt", "acled", "ucdp")
#: one CSV record → its Event, or the reason it cannot be one
RowReader = Callable[[dict[str, str], int, str, knowledge.Knowledge], "Event | str"]
MAX_FIELD = 1_000_000

_UCDP_COLUMNS = {"id", "type_of_violence", "side_a", "side_b", "date_start", "best", "latitude", "longitude", "country"}
_ACLED_COLUMNS = {"event_date", "event_type", "actor1", "country", "fatalities"}
# CAMEO root → PLOVER type (PLOVER's CAMEO2PLOVER table at the root level); 01 (statements) is no event
_ROOT_TYPE = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "COOPERATE", "06": "COOPERATE", "07": "AID",
    "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT",
    "20": "ASSAULT",
}  # fmt: skip
_ACLED_SUB = {
    "air/drone strike": "195", "shelling/artillery/missile attack": "194", "remote explosive/landmine/ied": "183",
    "suicide bomb": "183", "chemical weapon": "204", "armed clash": "190", "attack": "180", "abduction/forced "
    "disappearance": "181", "sexual violence": "180", "excessive force against protesters": "175",
    "peaceful protest": "141", "protest with intervention": "141", "violent demonstration": "145",
    "mob violence": "145",
}  # fmt: skip
_ACLED_TYPE = {"battles": "190", "explosions/remote violence": "183", "violence against civilians": "180",
               "protests": "141", "riots": "145"}  # fmt: skip
_SECTOR_WORDS = (
    (re.compile(r"\b(military|army|armed forces|navy|air force)\b", re.I), "MIL"),
    (re.compile(r"\bpolice\b", re.I), "COP"),
    (re.compile(r"\b(government|ministry|president)\b", re.I), "GOV"),
    (re.compile(r"\b(rebel|militia|separatist|insurgent|republic)\b", re.I), "REB"),
    (re.compile(r"\b(civilians?|protesters?|rioters?)\b", re.I), "CVL"),
)


@dataclass
class ImportSummary:
    name: str
    format: str
    rows: int = 0
    stored: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    duplicate: bool = False

    def lines(self) -> list[str]:
        if self.duplicate:
            return [f"{self.name}: already imported (same content); nothing changed"]
        out = [f"imported {self.stored} of {self.rows} {self.format} rows from {self.name}"]
        reasons: dict[str, int] = {}
        for _, why in self.skipped:
            reasons[why] = reasons.get(why, 0) + 1
        out += [f"  skipped {n} rows: {why}" for why, n in sorted(reasons.items(), key=lambda x: -x[1])]
        return out


def import_table(store: Store, path: Path, fmt: str) -> ImportSummary:
    """Read ``path`` as a ``fmt`` table and store every row it can, all in one transaction."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    data = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        data = gzip.decompress(data)
    text = data.decode("utf-8-sig", errors="replace")
    digest = hashlib.sha256(data).hexdigest()
    summary = ImportSummary(path.name, fmt)
    aid = f"import-{digest[:13]}"
    if fmt == "gdelt":
        rows = _gdelt(text, aid, path.name)
    else:
        row_event, required = (_ucdp_row, _UCDP_COLUMNS) if fmt == "ucdp" else (_acled_row, _ACLED_COLUMNS)
        rows = _csv_events(text, aid, path.name, fmt, required, row_event)
    events = []
    for n, ev, why in rows:
        summary.rows += 1
        if ev is None:
            summary.skipped.append((n, why or "unreadable"))
        else:
            events.append(ev)
    if not events:
        raise InputError(f"{path} has no {fmt} rows Tocsin can read ({summary.lines()[-1].strip()})")
    body = f"Imported {fmt.upper()} event table {path.name} ({summary.rows} rows, sha256 {digest})."
    item = SourceItem(name=str(path), text=body + "\n" + digest, title=f"{fmt.upper()} import: {path.name}",
                      path=str(path), source=f"import:{fmt}", meta={"origin": fmt})  # fmt: skip
    art = Article(text=item.text, id=aid, title=item.title, source=item.source, path=item.path)
    stored = store.add(item, Extraction(article=art, events=tuple(events), model=f"import:{fmt}"))
    if stored is None:
        summary.duplicate = True
    else:
        summary.stored = len(events)
    return summary


def _csv_events(
    text: str, aid: str, name: str, fmt: str, required: set[str], row_event: RowReader
) -> Iterator[tuple[int, Event | None, str | None]]:
    """Each record of a CSV/TSV table through ``row_event`` (an Event, or the reason it cannot be one).

    A broken record (an oversized field, a stray quote) is that row's refusal, never the file's end.
    """
    csv.field_size_limit(MAX_FIELD)
    sample = text[:4096]
    delim = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise InputError(
            f"{name} does not look like a {fmt.upper()} table: missing columns {', '.join(sorted(missing))}"
        )
    k = knowledge.load()
    n = 1
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield n, None, f"unreadable CSV record ({exc})"
            continue
        got = row_event(row, n, aid, k)
        yield (n, got, None) if isinstance(got, Event) else (n, None, got)


def _country(k: knowledge.Knowledge, name: str | None) -> str | None:
    """ISO alpha-3 of a table's country name; UCDP adds historical names in brackets ("Russia (Soviet Union)")."""
    name = (name or "").strip()
    return k.country_of(name) or k.country_of(re.sub(r"\s*\(.*?\)", "", name))


def _actor(name: str, k: knowledge.Knowledge, n: int, side: str, *, country_hint: str | None = None) -> Actor:
    name = name.strip()
    m = re.search(r"\b(?:of|in)\s+(?:the\s+)?([A-Z][\w' -]+?)(?:\s*\(|$)", name)
    iso = k.country_of(m.group(1)) if m else k.country_of(name)
    sector = next((code for rx, code in _SECTOR_WORDS if rx.search(name)), None)
    if sector is None and iso:
        sector = "GOV"
    if iso is None and sector in ("CVL", "COP") and country_hint:
        iso = country_hint
    return Actor(id=f"r{n}{side}", text=name, name=name, country=iso, sector=sector,
                 kind="state" if sector == "GOV" else "group", rule="import")  # fmt: skip


def _event(aid: str, n: int, cameo: str, etype: str | None, src: tuple[Actor, ...], tgt: tuple[Actor, ...],
           date: str | None, place: Place | None, text: str, fmt: str, *, dead: int | None = None,
           status: str = "asserted", goldstein: float | None = None, quad: int | None = None) -> Event:  # fmt: skip
    k = knowledge.load()
    code = k.cameo.get(cameo) or k.cameo.get(cameo[:3]) or k.cameo.get(cameo[:2] + "0")
    etype = etype or (code.type if code else _ROOT_TYPE.get(cameo[:2]))
    assert etype is not None
    ev = Evidence(0, 0, len(text), text, cameo, f"import:{fmt}")
    return Event(
        id=f"{aid}-r{n}", type=etype, cameo=cameo,
        quad_class=quad if quad is not None else (code.quad_class if code else _quad(cameo)),
        goldstein=goldstein if goldstein is not None else (code.goldstein if code else 0.0),
        source=src, target=tgt, evidence=(ev,), status=status, date=date, date_precision="day" if date else None,
        date_reason=f"{fmt} row", location=place, location_precision=place.precision if place else None,
        confidence=1.0, dead=dead, mode=code.mode if code else None,
    )  # fmt: skip


def _quad(cameo: str) -> int:
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _point(name: str, lat: str | None, lon: str | None, country: str | None, admin1: str | None = None) -> Place | None:
    try:
        la, lo = float(lat or ""), float(lon or "")
    except ValueError:
        return None
    return Place(text=name, name=name, start=0, end=0, country=country, admin1=admin1 or None, lat=la, lon=lo,
                 feature="place", confidence=1.0, rule="import")  # fmt: skip


def _ucdp_row(row: dict[str, str], n: int, aid: str, k: knowledge.Knowledge) -> Event | str:
    date = (row.get("date_start") or "")[:10]
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return "no date_start"
    iso = _country(k, row.get("country"))
    src = (_actor(row["side_a"], k, n, "a"),)
    tgt = (_actor(row["side_b"], k, n, "b", country_hint=iso),)
    violence = (row.get("type_of_violence") or "").strip()
    cameo = "180" if violence == "3" else "190"  # one-sided violence against civilians; else fighting
    where = row.get("where_coordinates") or row.get("adm_1") or row.get("country") or ""
    place = _point(where, row.get("latitude"), row.get("longitude"), iso, row.get("adm_1"))
    headline = (row.get("source_headline") or row.get("dyad_name") or "").split(";")[0]
    evidence = f"{headline} [UCDP {row.get('id')}: {row.get('dyad_name')}, {where}]"
    return _event(aid, n, cameo, "ASSAULT", src, tgt, date, place, evidence, "ucdp", dead=_int(row.get("best")))


def _acled_row(row: dict[str, str], n: int, aid: str, k: knowledge.Knowledge) -> Event | str:
    from ..ingest.dates import parse_published

    when, _ = parse_published(row.get("event_date"))
    if when is None:
        return "unreadable event_date"
    sub = (row.get("sub_event_type") or "").strip().lower()
    cameo = _ACLED_SUB.get(sub) or _ACLED_TYPE.get((row.get("event_type") or "").strip().lower())
    if cameo is None:
        return f"event type {row.get('event_type')!r} has no CAMEO equivalent"
    iso = _country(k, row.get("country"))
    src = (_actor(row["actor1"], k, n, "a", country_hint=iso),)
    tgt = (_actor(row["actor2"], k, n, "b", country_hint=iso),) if row.get("actor2") else ()
    where = row.get("location") or row.get("admin1") or row.get("country") or ""
    place = _point(where, row.get("latitude"), row.get("longitude"), iso, row.get("admin1"))
    evidence = (row.get("notes") or f"{row.get('event_type')}: {row.get('actor1')}").strip()
    return _event(aid, n, cameo, None, src, tgt, when.date().isoformat(), place, evidence, "acled",
                  dead=_int(row.get("fatalities")))  # fmt: skip


def _gdelt(text: str, aid: str, name: str) -> Iterator[tuple[int, Event | None, str | None]]:
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    for n, cols in enumerate(reader, 1):
        if n == 1 and cols and cols[0] == "GlobalEventID":
            continue  # a header line
        if len(cols) not in (61, 62):
            if n == 1:
                raise InputError(f"{name} does not look like a GDELT 2.0 event table: {len(cols)} columns, not 61")
            yield n, None, f"{len(cols)} columns, not 61"
            continue
        day, code = cols[1], cols[26]
        if not re.fullmatch(r"\d{8}", day) or not re.fullmatch(r"\d{2,4}", code) or code[:2] not in _ROOT_TYPE:
            yield n, None, "no day or an event code outside the PLOVER types (01: statements)"
            continue
        date = f"{day[:4]}-{day[4:6]}-{day[6:]}"

        geo = cols[53] or None
        place = _point(cols[52], cols[56], cols[57], geo if geo and len(geo) == 3 else None)
        status = cols[61] if len(cols) == 62 and cols[61] else "asserted"
        src, tgt = _gdelt_side(cols, 5, f"r{n}a"), _gdelt_side(cols, 15, f"r{n}b")
        goldstein = float(cols[30]) if cols[30] else None
        ev = _event(aid, n, code, None, src, tgt, date, place, cols[60] or cols[0], "gdelt", status=status,
                    goldstein=goldstein, quad=_int(cols[29]))  # fmt: skip
        yield n, ev, None


def _gdelt_side(cols: list[str], i: int, actor_id: str) -> tuple[Actor, ...]:
    """Actor1 (from column 5) or Actor2 (from 15): code, name, country and first type code."""
    if not cols[i]:
        return ()
    name = cols[i + 1] or cols[i]
    return (Actor(id=actor_id, text=name, name=name, country=cols[i + 2] or None, sector=cols[i + 7] or None,
                  rule="import"),)  # fmt: skip
