"""Back-testing: every detection method on the stored history against known onsets.

An onset file is a CSV with columns ``unit`` (an ISO alpha-3 country, ``UKR``, or a directed dyad,
``RUS-UKR``) and ``date``. A method *hits* an onset when one of its alerts for that unit starts within
``window`` days of it (before or after); its *lead* is the onset date minus the first such start (days,
positive = early). Every other alert start on a unit of the same kind is a *false alarm*, counted per
unit-year of the series compared.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..periods import PER_YEAR
from ..store import Store
from .alerts import detect
from .detect import REGISTRY, Params
from .series import SeriesQuery, compute_series, coverage

_UNIT = re.compile(r"^[A-Z]{3}(-[A-Z]{3})?$")


@dataclass(frozen=True, slots=True)
class Onset:
    unit: str
    date: dt.date
    line: int


def read_onsets(path: Path) -> list[Onset]:
    if not path.is_file():
        raise InputError(f"--onsets {path}: no such file")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"unit", "date"} <= {f.strip().lower() for f in reader.fieldnames}:
        raise InputError(f"{path}: an onset file needs the columns unit,date (e.g. UKR,2014-04-12)")
    out = []
    for n, row in enumerate(reader, 2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        unit = row["unit"].upper()
        if not _UNIT.match(unit):
            raise InputError(f"{path} line {n}: unit {row['unit']!r} is neither a country (UKR) nor a dyad (RUS-UKR)")
        try:
            day = dt.date.fromisoformat(row["date"])
        except ValueError:
            raise InputError(f"{path} line {n}: date {row['date']!r} is not YYYY-MM-DD") from None
        out.append(Onset(unit, day, n))
    if not out:
        raise InputError(f"{path} lists no onsets")
    return out


def backtest(
    store: Store,
    onsets: list[Onset],
    *,
    channel: str = "conflict",
    freq: str = "day",
    metric: str = "reports",
    window: int = 7,
    methods: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """Scores of every method (the statistical ones and the baselines) in one table."""
    methods = methods or tuple(REGISTRY)
    kinds = {"dyad" if "-" in o.unit else "country" for o in onsets}
    series = []
    for kind in sorted(kinds):
        q = SeriesQuery(by=kind, role="affected", freq=freq, channel=channel, metric=metric)
        series += compute_series(store, q)
    if not series:
        raise InputError("the store has no dated events on this channel to back-test; ingest or import some first")
    unit_years = sum(len(s.periods) for s in series) / PER_YEAR[freq]
    watched: dict[tuple[str, ...], list[bool]] = {}
    for s in series:
        if s.periods not in watched:
            watched[s.periods] = coverage(store, s.periods, freq)
    rows = []
    for name in methods:
        starts: dict[str, list[dt.date]] = {}
        for s in series:
            for _run, first, _last in detect(s, name, Params(freq=freq), watched=watched[s.periods]):
                starts.setdefault(s.unit.key, []).append(dt.date.fromisoformat(first))
        hits, leads = 0, []
        matched: set[tuple[str, dt.date]] = set()
        per_onset = []
        for o in onsets:
            near = [d for d in starts.get(o.unit, []) if abs((d - o.date).days) <= window]
            if near:
                hits += 1
                leads.append((o.date - min(near)).days)
                matched.update((o.unit, d) for d in near)
            per_onset.append({"unit": o.unit, "date": o.date.isoformat(), "hit": bool(near),
                              "lead_days": (o.date - min(near)).days if near else None})  # fmt: skip
        false = sum(1 for u, ds in starts.items() for d in ds if (u, d) not in matched)
        rows.append({
            "method": name,
            "baseline_only": REGISTRY[name].baseline_only,
            "onsets": len(onsets),
            "hits": hits,
            "hit_rate": round(hits / len(onsets), 3),
            "median_lead_days": statistics.median(leads) if leads else None,
            "false_alarms": false,
            "false_alarms_per_unit_year": round(false / unit_years, 3) if unit_years else None,
            "per_onset": per_onset,
        })  # fmt: skip
    return {"channel": channel, "freq": freq, "metric": metric, "window_days": window,
            "units": len(series), "unit_years": round(unit_years, 2), "methods": rows}  # fmt: skip


def table(report: dict[str, Any]) -> str:
    head = f"{'method':12} {'hits':>9} {'hit rate':>8} {'median lead':>11} {'false alarms':>12} {'per unit-year':>13}"
    lines = [
        f"back-test: {report['channel']} channel, {report['metric']} per {report['freq']}, "
        f"window ±{report['window_days']}"
        f" days, {report['units']} units, {report['unit_years']} unit-years",
        head,
    ]
    for r in report["methods"]:
        lead = "-" if r["median_lead_days"] is None else f"{r['median_lead_days']:g} d"
        name = r["method"] + (" *" if r["baseline_only"] else "")
        lines.append(f"{name:12} {r['hits']:>4}/{r['onsets']:<4} {r['hit_rate']:>8.2f} {lead:>11} "
                     f"{r['false_alarms']:>12} {r['false_alarms_per_unit_year'] or 0:>13.2f}")  # fmt: skip
    lines.append("* a naive baseline for comparison")
    for r in report["methods"]:
        for o in r["per_onset"]:
            lead = "miss" if not o["hit"] else f"lead {o['lead_days']} d"
            lines.append(f"  {r['method']:12} {o['unit']:8} {o['date']}  {lead}")
    return "\n".join(lines)
