"""Commands over the stored history: series, alerts, import, backtest, serve (thin layers over analyze/, serve/)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .cli import _emit, _store_option, cli
from .errors import InputError


def _csv_list(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


@cli.command()
@_store_option
@click.option("--by", default="dyad", show_default=True, help="dyad, pair, country, actor, type or quad.")
@click.option("--freq", default="day", show_default=True, help="day, week or month.")
@click.option("--channel", default="conflict", show_default=True, help="conflict, warning, cooperation or all.")
@click.option("--metric", default="reports", show_default=True,
              help="reports, events, mentions, articles, sources, goldstein, dead or injured.")  # fmt: skip
@click.option("--role", default="either", show_default=True,
              help="With --by country: source, target, place, either or affected (target or place).")  # fmt: skip
@click.option("--type", "types", multiple=True, help="PLOVER types to keep (repeatable or comma-separated).")
@click.option("--country", "countries", multiple=True, help="Keep units involving these ISO alpha-3 countries.")
@click.option("--since", help="First day (YYYY-MM-DD).")
@click.option("--until", help="Last day (YYYY-MM-DD).")
@click.option("--min-confidence", type=click.FloatRange(0, 1))
@click.option("--top", type=click.IntRange(1, 100_000), default=None, help="Only the N largest units.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (needed for parquet).")
@click.option("--plot", type=click.Path(path_type=Path), help="Also draw the top units to FILE.svg (or .png).")
def series(db, by, freq, channel, metric, role, types, countries, since, until, min_confidence, top, fmt, output,
           plot) -> None:  # fmt: skip
    """Counts per period for each unit, asserted events only on the conflict channel (gaps are zeros)."""
    from . import validate as v
    from .analyze import output as out
    from .analyze.series import SeriesQuery, compute_series
    from .store import open_store

    q = SeriesQuery(
        by=by, freq=freq, channel=channel, metric=metric, role=role, since=v.iso_date("--since", since),
        until=v.iso_date("--until", until), types=tuple(v.event_type(t) or "" for t in _csv_list(types)),
        countries=tuple(v.country(c) or "" for c in _csv_list(countries)), min_confidence=min_confidence,
    ).check()  # fmt: skip
    if fmt == "parquet" and output is None:
        raise InputError("--format parquet needs -o FILE (Parquet is binary)")
    with open_store(db, create=False) as store:
        found = compute_series(store, q, top=top or (20 if fmt == "table" else None))
        if plot is not None:
            from .analyze.alerts import compute_alerts
            from .analyze.plot import draw

            alerts = compute_alerts(store, channels=(channel,), freq=freq, metric=metric, units=((by, role),))
            draw(found[:6], alerts, plot)
            click.echo(f"plotted {min(6, len(found))} units to {plot}", err=True)
    if not found:
        click.echo("no dated events match; check the filters or ingest with --published", err=True)
    out.write_series(found, fmt, output, store_files=store.files())


@cli.command()
@_store_option
@click.option("--since", help="Alerts still firing on or after this day (YYYY-MM-DD).")
@click.option("--channel", type=click.Choice(["conflict", "warning", "cooperation"]))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--recompute", is_flag=True, help="Recompute from the stored events first (ingest and import do).")
@click.option("--method", "methods", multiple=True, help="With --recompute: detection methods to use.")
@click.option("--withdrawn", is_flag=True, help="Also list alerts the stored events no longer support.")
def alerts(db, since, channel, fmt, recompute, methods, withdrawn) -> None:
    """Stored alerts, newest first, each with its explanation and evidence."""
    from . import validate as v
    from .analyze.alerts import DEFAULT_METHODS, refresh_alerts, stored_alerts
    from .store import open_store
    from .summary import clean

    since = v.iso_date("--since", since)
    with open_store(db, create=False) as store:
        if recompute:
            new = refresh_alerts(store, methods=_csv_list(methods) or DEFAULT_METHODS)
            click.echo(f"{len(new)} new alert(s)", err=True)
        records = stored_alerts(store, since=since, channel=channel, withdrawn=withdrawn)
    if records and fmt == "table":
        click.echo(f"{'periods':22}  {'channel':8} {'unit':10} {'method':10} observed vs baseline")
    for r in records:
        if fmt == "jsonl":
            _emit(r)
            continue
        u = r["unit"]
        unit = f"{u['source']}→{u['target']}" if u["kind"] == "dyad" else u.get("country") or json.dumps(u)
        state = "" if r["state"] == "active" else "  (withdrawn)"
        click.echo(f"{r['date']}..{r['last_date']}  {r['channel']:8} {unit:10} {r['method']:10} "
                   f"observed {r['observed']:g} vs {r['baseline']:g}  severity {r['severity']:g}{state}")  # fmt: skip
        for e in r["evidence"][:2]:
            click.echo(f"    “{clean(e['text'] or '')[:110]}” {e['url'] or ''}")
    if not records and fmt == "table":
        click.echo("no alerts", err=True)


@cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@_store_option
@click.option("--format", "fmt", type=click.Choice(["gdelt", "acled", "ucdp"]), required=True)
def import_(path: Path, db: str | None, fmt: str) -> None:
    """Load an external event table (GDELT 2.0, ACLED or UCDP GED CSV) into the store, marked with its origin."""
    from .analyze.alerts import refresh_alerts
    from .analyze.importers import import_table
    from .store import open_store

    with open_store(db) as store:
        summary = import_table(store, path, fmt)
        for line in summary.lines():
            click.echo(line, err=True)
        if not summary.duplicate:
            click.echo(f"  alerts recomputed: {len(refresh_alerts(store))} new", err=True)


@cli.command()
@_store_option
@click.option("--onsets", type=click.Path(path_type=Path), required=True, help="CSV with columns unit,date.")
@click.option("--channel", default="conflict", show_default=True)
@click.option("--freq", default="day", show_default=True)
@click.option("--metric", default="reports", show_default=True)
@click.option("--window", type=click.IntRange(0, 365), default=7, show_default=True, help="Days either side.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def backtest(db, onsets, channel, freq, metric, window, fmt) -> None:
    """Score every detection method and the baselines against known onsets on the stored history."""
    from .analyze import backtest as bt
    from .analyze.series import SeriesQuery
    from .store import open_store

    SeriesQuery(channel=channel, freq=freq, metric=metric).check()
    found = bt.read_onsets(onsets)
    with open_store(db, create=False) as store:
        report = bt.backtest(store, found, channel=channel, freq=freq, metric=metric, window=window)
    click.echo(json.dumps(report, indent=2) if fmt == "json" else bt.table(report))


@cli.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="Enable POST /api/v1/articles (bearer token TOCSIN_API_TOKEN).")
@click.option("--sample", is_flag=True, help="Build a store from the bundled sample articles first (demo).")
def serve(db: str | None, host: str, port: int, allow_ingest: bool, sample: bool) -> None:
    """The JSON API under /api/v1/ and the offline dashboard at /."""
    import os

    from .serve import run

    if allow_ingest and not os.environ.get("TOCSIN_API_TOKEN"):
        raise InputError("--allow-ingest needs a bearer token: set TOCSIN_API_TOKEN to a long random string")
    run(db, host=host, port=port, allow_ingest=allow_ingest, sample=sample)
