"""Command line: a thin layer over the library. Errors become one line on stderr and exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .errors import InputError, TocsinError
from .ingest.text import decode

SAMPLE = Path(__file__).parent / "samples" / "demo_article.txt"


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _read_text(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "stdin"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path} is a directory; pass a file, '-' for stdin, or a .jsonl of articles")
        data = p.read_bytes()
        name = path
    return decode(data, name)


def _workers_option(f: Any) -> Any:
    return click.option(
        "--workers",
        type=click.IntRange(1, 512),
        default=None,
        help="Processes coding articles in parallel (default: the number of cores; 1 codes in this process).",
    )(f)


def _workers(n: int | None) -> int:
    from .parallel import default_workers

    return n if n is not None else default_workers()


@click.group()
@click.version_option(package_name="tocsin")
def cli() -> None:
    """Tocsin: structured, sourced political event data from news text."""


@cli.command()
@click.argument("path", default=str(SAMPLE))
@click.option("--published", help="Publication date YYYY-MM-DD (anchors 'Sunday', 'last week').")
@click.option("--title")
@click.option("--source", "source_name", help="Outlet name, e.g. AFP.")
@click.option("--url")
@click.option("--model", help="spaCy pipeline to use instead of the bundled one (name or path).")
@click.option("--indent", type=int, default=None, help="Pretty-print single-article JSON (implies --json).")
@click.option("--json", "as_json", is_flag=True, help="JSON even on a terminal (the default when piped).")
@_workers_option
def extract(
    path: str,
    published: str | None,
    title: str | None,
    source_name: str | None,
    url: str | None,
    model: str | None,
    indent: int | None,
    as_json: bool,
    workers: int | None,
) -> None:
    """Extract events, actors, quotes, counts and places from PATH ('-' = stdin, *.jsonl = many).

    On a terminal it prints a readable summary; with --json, --indent or when piped, the JSON record.
    """
    from .nlp import load_pipeline
    from .pipeline import extract as run

    if path.endswith(".jsonl"):
        _extract_jsonl(path, model, _workers(workers))
        return
    nlp = load_pipeline(model)
    text = _read_text(path)
    x = run(
        text,
        published=published,
        title=title,
        url=url,
        source=source_name,
        nlp=nlp,
        id=Path(path).stem if path != "-" else None,
    )
    if as_json or indent is not None or not sys.stdout.isatty():
        sys.stdout.write(json.dumps(x.to_dict(), ensure_ascii=False, indent=indent) + "\n")
    else:
        from .summary import describe

        click.echo(describe(x))


def _jsonl_articles(path: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf8", errors="replace")  # noqa: SIM115
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"line {n}: not valid JSON ({exc.msg})"
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield n, obj if isinstance(obj, dict) else None, f"line {n}: needs a string 'text' field"
                continue
            yield n, obj, None


def _extract_jsonl(path: str, model: str | None, workers: int) -> None:
    """One output line per input line, in input order, the articles coded in batches (on ``workers``)."""
    from .ingest.run import BATCH_CHARS
    from .parallel import code_batches, shards
    from .pipeline import make_article

    failed = 0
    # each entry is an input line: its id and either an error or the article to code
    Entry = tuple[str, str | None, Any]

    def entries() -> Iterator[Entry]:
        for n, obj, error in _jsonl_articles(path):
            aid = str((obj or {}).get("id") or f"line-{n}")
            if error or obj is None:
                yield aid, error, None
                continue
            try:
                art = make_article(
                    obj["text"],
                    id=aid,
                    published=obj.get("published"),
                    title=obj.get("title"),
                    url=obj.get("url"),
                    source=obj.get("source"),
                )
            except TocsinError as exc:
                yield aid, str(exc), None
                continue
            yield aid, None, art

    pending: list[list[Entry]] = []

    def batches() -> Iterator[list[Any]]:
        for group in shards(entries(), chars=BATCH_CHARS, size=lambda e: len(e[2].text) if e[2] else 0, most=16):
            pending.append(group)
            yield [e[2] for e in group if e[2] is not None]

    for _, results in code_batches(batches(), workers=workers, model=model):
        coded = iter(results)
        for aid, error, art in pending.pop(0):
            r = next(coded) if art is not None else error
            if isinstance(r, str) or r is None:
                failed += 1
                _emit({"article": {"id": aid}, "error": r or "could not be read"})
            else:
                _emit(r.to_dict())
        sys.stdout.flush()
    if failed:
        click.echo(f"tocsin: {failed} article(s) could not be processed (see their 'error' fields)", err=True)


@cli.group()
def model() -> None:
    """Train, evaluate and inspect the NLP pipeline."""


@model.command("train")
@click.option("--data", type=click.Path(path_type=Path), default=Path("../shared/training"), show_default=True)
@click.option("--output", type=click.Path(path_type=Path), default=Path("training-output"), show_default=True)
@click.option("--max-steps", type=int, default=None)
@click.option("--install/--no-install", default=True, help="Copy model-best into the package when done.")
@click.option("--resume", type=click.Path(path_type=Path), default=None, help="Start from an earlier run's pipeline.")
@click.option("--polish", is_flag=True, help="With --resume: low learning rate, averaged weights (the last stage).")
@click.option("--augment/--no-augment", default=False, help="Add name-swapped copies of the training documents.")
@click.option("--with-dev", is_flag=True, help="Final fit: train on the dev sets too and install model-last.")
@click.option("--only", multiple=True, help="With --resume: train just this component (repeatable); freeze the rest.")
@click.option(
    "--case",
    "case",
    default=None,
    metavar="LOWER,UPPER",
    help="Share of training examples seen lower-cased and upper-cased, e.g. 0.2,0.05.",
)
@click.option(
    "--case-restored",
    is_flag=True,
    help="With --case: the one-case copies get back the capitals Tocsin restores before parsing.",
)
def model_train(
    data: Path,
    output: Path,
    max_steps: int | None,
    install: bool,
    resume: Path | None,
    polish: bool,
    augment: bool,
    with_dev: bool,
    only: tuple[str, ...],
    case: str | None,
    case_restored: bool,
) -> None:
    """Convert the treebanks and NER sets, train on CPU, install the best model into the package."""
    from .nlp import BUNDLED
    from .nlp.training.train import install as do_install
    from .nlp.training.train import train

    if (polish or only) and resume is None:
        raise click.UsageError("--polish and --only fine-tune an earlier run: give --resume too")
    if case_restored and case is None:
        raise click.UsageError("--case-restored changes the copies --case makes: give --case too")
    shares: tuple[float, float] | None = None
    if case is not None:
        try:
            low, _, up = case.partition(",")
            shares = (float(low), float(up or 0))
        except ValueError:
            raise click.BadParameter(f"{case!r}: give two shares such as 0.2,0.05", param_hint="--case") from None
    best = train(
        data,
        output,
        max_steps=max_steps,
        resume=resume,
        polish=polish,
        augment=augment,
        with_dev=with_dev,
        only=only,
        case=shares,
        case_restored=case_restored,
    )
    if install:
        do_install(best, BUNDLED)
        click.echo(f"installed {best} -> {BUNDLED}")


@model.command("train-classifier")
@click.option("--data", type=click.Path(path_type=Path), default=Path("../shared/training"), show_default=True)
@click.option("--epochs", type=int, default=8, show_default=True)
def model_train_classifier(data: Path, epochs: int) -> None:
    """Train the sentence-level PLOVER classifier (recall fallback) and install it into the package."""
    from .extractors.classify import MODEL_DIR
    from .nlp.training.textcat import train_textcat

    click.echo(json.dumps(train_textcat(data, MODEL_DIR, epochs=epochs), indent=2))


@model.command("install")
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.option("--one-case", is_flag=True, help="Install as the companion that parses text written all in one case.")
def model_install(model_dir: Path, one_case: bool) -> None:
    """Copy a trained pipeline directory into the package."""
    from .nlp import BUNDLED, ONE_CASE
    from .nlp.training.train import install

    target = ONE_CASE if one_case else BUNDLED
    install(model_dir, target, meta={"name": "tocsin_news_one_case"} if one_case else None)
    click.echo(f"installed {model_dir} -> {target}")


@model.command("evaluate")
@click.option("--data", type=click.Path(path_type=Path), default=Path("../shared/training"), show_default=True)
@click.option("--corpora", type=click.Path(path_type=Path), default=Path("../shared/corpora"), show_default=True)
@click.option("--model", "model_name", default=None)
@click.option("--quick", is_flag=True, help="Skip the GUM and speed measurements.")
def model_evaluate(data: Path, corpora: Path, model_name: str | None, quick: bool) -> None:
    """POS/UAS/LAS on UD EWT and GUM test, NER P/R/F on UNER-EWT test and UNER-PUD, words per second."""
    import os
    import time

    from .nlp import _load, load_pipeline
    from .nlp.training.evaluate import news_texts, score_ner, score_treebank, words_per_second

    t0 = time.perf_counter()
    nlp = load_pipeline(model_name)
    load_s = time.perf_counter() - t0
    bare = load_pipeline(model_name, ruler=False)
    report: dict[str, Any] = {"model": model_name or "bundled", "load_seconds": round(load_s, 2)}
    report["ud_ewt_test"] = score_treebank(bare, data / "ud_ewt" / "en_ewt-ud-test.conllu")
    if not quick:
        report["ud_gum_test"] = score_treebank(bare, data / "ud_gum" / "en_gum-ud-test.conllu")
    for name, path in (
        ("uner_ewt_test", data / "uner_ewt" / "en_ewt-ud-test.iob2"),
        ("uner_pud", data / "uner_pud" / "en_pud-ud-test.iob2"),
    ):
        report[name] = {"with_ruler": score_ner(nlp, path), "without_ruler": score_ner(bare, path)}
    if not quick and corpora.exists():
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        report["speed_one_core"] = words_per_second(nlp, news_texts(corpora))
    _load.cache_clear()
    click.echo(json.dumps(report, indent=2))


@cli.group()
def gazetteer() -> None:
    """Build the offline gazetteer index."""


@gazetteer.command("build")
@click.option("--shared", type=click.Path(path_type=Path), default=Path("../shared"), show_default=True)
def gazetteer_build(shared: Path) -> None:
    """Index GeoNames places and admin-1 regions into tocsin/data/gazetteer.sqlite."""
    from .extractors.gazetteer_build import build

    click.echo(json.dumps(build(shared)))


def _store_option(f: Any) -> Any:
    return click.option(
        "--db", default=None, envvar="TOCSIN_DB", help="SQLite path or postgresql:// URL [default: ./tocsin.db]."
    )(f)


def _filter_options(f: Any) -> Any:
    opts = [
        click.option("--since", help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--country", help="ISO alpha-3 code of a source or target actor."),
        click.option("--actor", help="Actor code or name (substring)."),
        click.option("--type", "etype", help="PLOVER event type, e.g. ASSAULT."),
        click.option(
            "--status",
            multiple=True,
            help="asserted, negated, future, hypothetical, historical or all (repeatable or comma-separated).",
        ),
        click.option("--min-confidence", type=click.FloatRange(0, 1)),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _filter(since, until, country, actor, etype, status, min_confidence, *, default_status: tuple[str, ...] = ()):
    from . import validate as v
    from .store import EventFilter

    return EventFilter(
        v.iso_date("--since", since),
        v.iso_date("--until", until),
        v.country(country),
        actor,
        v.event_type(etype),
        v.statuses(status, default=default_status) or None,
        min_confidence,
    )


def _allow_private(flag: bool) -> None:
    # the fetcher reads the setting where it checks each address (also in worker code paths)
    if flag:
        os.environ["TOCSIN_ALLOW_PRIVATE_URLS"] = "1"


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in pairs:
        src, sep, dst = p.partition("=")
        if not sep or dst not in ("id", "text", "title", "published", "url", "source"):
            raise InputError(f"--map {p!r}: use COLUMN=FIELD with FIELD one of id, text, title, published, url, source")
        out[src] = dst
    return out


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@_store_option
@click.option("--map", "maps", multiple=True, help="Column mapping for CSV/JSONL, e.g. --map body=text.")
@click.option("--model", help="spaCy pipeline to use instead of the bundled one.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=16, show_default=True)
@click.option(
    "--published",
    help="Publication date (YYYY-MM-DD) for items whose source gives none (text files with no date line, say).",
)
@click.option("--allow-private-urls", is_flag=True, help="Also fetch URLs on loopback and private networks.")
@_workers_option
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="Code on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for one on this machine.",
)
@click.option(
    "--shard-mb", type=click.FloatRange(0.001, 1000), default=10.0, show_default=True, help="Text per Dask task."
)
@click.option(
    "--max-chars",
    type=click.IntRange(0),
    default=2_000_000,
    show_default=True,
    help="Refuse an item whose text is longer (0: no limit).",
)
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    maps: tuple[str, ...],
    model: str | None,
    batch_size: int,
    published: str | None,
    allow_private_urls: bool,
    workers: int | None,
    dask: str | None,
    shard_mb: float,
    max_chars: int,
) -> None:
    """Read SOURCES (files, directories, JSONL/CSV, HTML, feeds, WARC, .gz, URLs) into the store."""
    _allow_private(allow_private_urls)
    from . import validate as v
    from .analyze.alerts import refresh_alerts
    from .ingest.run import ingest as run
    from .ingest.run import terminal_progress
    from .store import open_store

    mapping = _mapping(maps)
    given = v.iso_date("--published", published)
    default_date = dt.date.fromisoformat(given) if given else None
    from .ingest.run import estimate_total

    with open_store(db) as store:
        # a bar with the total, rate and time left when the total is known (folders, tables)
        progress, close = terminal_progress(estimate_total(sources) if sys.stderr.isatty() else None)
        try:
            summary = run(
                store,
                list(sources),
                mapping=mapping,
                batch_size=batch_size,
                progress=progress,
                model=model,
                published=default_date,
                workers=_workers(workers),
                dask=dask,
                shard_chars=int(shard_mb * 1_000_000),
                max_chars=max_chars,
            )
        finally:
            close()
        if summary.ingested:
            summary.alerts = len(refresh_alerts(store))
    for line in summary.lines():
        click.echo(line, err=True)
    sys.exit(summary.exit_code)


def _interval(value: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if not m:
        raise InputError(f"--every {value!r}: use a number with s, m, h or d, e.g. 15m")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@cli.command()
@click.argument("feeds", nargs=-1, required=True)
@_store_option
@click.option("--every", default="15m", show_default=True, help="Polling interval (s, m, h, d).")
@click.option("--once", is_flag=True, help="Poll each feed once and stop.")
@click.option("--notify", "notify_url", help="POST each new alert as JSON to this URL.")
@click.option("--notify-file", type=click.Path(path_type=Path), help="Append each new alert as a JSON line.")
@click.option("--allow-private-urls", is_flag=True, help="Also fetch URLs on loopback and private networks.")
def watch(
    feeds: tuple[str, ...],
    db: str | None,
    every: str,
    once: bool,
    notify_url: str | None,
    notify_file: Path | None,
    allow_private_urls: bool,
) -> None:
    """Poll FEEDS and ingest only new entries (ETag/Last-Modified and seen links remembered); Ctrl-C stops.

    After every poll the alerts are recomputed; new ones go to --notify and --notify-file.
    """
    from .analyze.alerts import Notifier
    from .ingest.run import watch as run
    from .store import open_store

    _allow_private(allow_private_urls)
    seconds = _interval(every)
    notifier = Notifier(url=notify_url, file=notify_file, echo=lambda m: click.echo(m, err=True))
    with open_store(db) as store:
        summary = run(
            store,
            list(feeds),
            every=seconds,
            once=once,
            echo=lambda m: click.echo(m, err=True),
            after_poll=notifier.poll,
        )
    for line in summary.lines():
        click.echo(line, err=True)
    sys.exit(summary.exit_code)


@cli.command()
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def articles(db: str | None, fmt: str) -> None:
    """List stored articles."""
    from .store import open_store

    with open_store(db, create=False) as store:
        if fmt == "table" and store.count("articles"):
            click.echo(f"{'id':20}  {'published':10}  {'events':10}  {'title':60}  source")
        for row in store.articles(with_text=fmt == "jsonl"):
            if fmt == "jsonl":
                keys = ("id", "path", "url", "title", "published", "published_offset", "source", "external_id", "text")
                _emit({k: row[k] for k in keys})
            else:
                from .summary import clean

                where = clean(row["url"] or row["path"] or "")
                click.echo(
                    f"{row['id']}  {(row['published'] or '')[:10]:10}  {row['n_events']:3d} events  "
                    f"{clean(row['title'] or '')[:60]:60}  {where}"
                )


@cli.command()
@_store_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--unattributed", is_flag=True, help="List the mentions no actor could be attached to, with why.")
def events(
    db: str | None, since, until, country, actor, etype, status, min_confidence, fmt: str, unattributed: bool
) -> None:
    """List stored event mentions (every status unless --status), filtered."""
    from .export import flat_row, plover_record, write_csv
    from .store import open_store
    from .summary import clean

    f = _filter(since, until, country, actor, etype, status, min_confidence)
    with open_store(db, create=False) as store:
        if unattributed:
            if country or actor:
                raise InputError("--unattributed mentions have no actors: drop --country and --actor")
            for row in store.unattributed(f):
                if fmt == "table":
                    ev = (json.loads(row["evidence"]) or [{}])[0]
                    click.echo(f"{row['date'] or '-':10}  {row['type']:9} {row['status']:12} {row['reason']:28} "
                               f"{clean(ev.get('text') or '')[:70]}")  # fmt: skip
                else:
                    _emit({k: (json.loads(v) if k == "evidence" else v) for k, v in row.items()})
            return
        rows = store.mentions(f)
        if fmt == "csv":
            write_csv(rows, sys.stdout)
            return
        n = 0
        for n, row in enumerate(rows, 1):
            if n == 1 and fmt == "table":
                click.echo(f"{'date':10}  {'type':9} {'status':12} {'source':>14} -> {'target':14} conf  evidence")
            if fmt == "jsonl":
                _emit(plover_record(row))
            else:
                r = flat_row(row)
                click.echo(
                    f"{r['date'] or '':10}  {r['type']:9} {r['status']:12} {r['source_code'] or '-':>14} -> "
                    f"{r['target_code'] or '-':14} {r['confidence']:.2f}  {clean(r['evidence_text'] or '')[:70]}"
                )
        if n == 0:
            click.echo("no event mentions match", err=True)


@cli.command()
@_store_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "csv", "parquet"]), required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File to write (default stdout).")
@click.option("--force", is_flag=True, help="Write through a symbolic link given as -o.")
def export(
    db: str | None,
    since,
    until,
    country,
    actor,
    etype,
    status,
    min_confidence,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Export events: PLOVER JSONL, GDELT 2.0 event table (61 columns), flat CSV, or Parquet.

    Asserted events only unless --status asks for others; then every format carries the status
    (GDELT as a 62nd column). Files are written whole or not at all.
    """
    from . import export as ex
    from .store import open_store

    f = _filter(since, until, country, actor, etype, status, min_confidence, default_status=("asserted",))
    with_status = f.statuses != ("asserted",)
    if fmt == "parquet" and output is None:
        raise InputError("--format parquet needs -o FILE (Parquet is binary)")
    skipped: list[str] = []
    with open_store(db, create=False) as store:
        protect = store.files()
        if fmt == "parquet":
            assert output is not None
            with ex.atomic_output(output, protect=protect, force=force, binary=True) as tmp:
                n = ex.write_parquet(store.mentions(f), tmp)
        else:
            rows = store.events(f) if fmt == "gdelt" else store.mentions(f)

            def write(fh: Any) -> int:
                if fmt == "gdelt":
                    return ex.write_gdelt(rows, fh, with_status=with_status, on_skip=lambda r: skipped.append(r["id"]))
                return {"plover": ex.write_plover, "csv": ex.write_csv}[fmt](rows, fh)

            if output is None:
                n = write(sys.stdout)
            else:
                with ex.atomic_output(output, protect=protect, force=force) as fh:
                    n = write(fh)
    what = "events" if fmt == "gdelt" else "event mentions"
    click.echo(f"exported {n} {what} as {fmt} ({', '.join(f.statuses) or 'all statuses'})", err=True)
    if skipped:
        click.echo(f"left out {len(skipped)} events not dated to the day (GDELT has no date precision; "
                   "use --format csv or parquet for them)", err=True)  # fmt: skip


@cli.command("evaluate-events")
@click.option(
    "--gsr",
    type=click.Path(path_type=Path),
    default=Path("../shared/reference/plover/PLOVER_GSR_CAMEO.txt"),
    show_default=True,
)
@click.option(
    "--plv",
    type=click.Path(path_type=Path),
    default=None,
    help="Score on plv_dev-style labelled news sentences (JSONL) instead, with a per-label and per-role report.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N records.")
def evaluate_events(gsr: Path, plv: Path | None, limit: int | None) -> None:
    """Score event typing and roles on the PLOVER gold standard records (or --plv sentences)."""
    from .evaluation import score_gsr, score_plv

    result = score_plv(plv, limit=limit) if plv is not None else score_gsr(gsr, limit=limit)
    click.echo(json.dumps(result, indent=2))


from . import cli_analyze  # noqa: E402,F401  (registers series, alerts, import, backtest, serve)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("tocsin: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TocsinError as exc:
        click.echo(f"tocsin: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("tocsin: interrupted", err=True)
        sys.exit(130)
    except OSError as exc:  # the machine, not the program: a full disk, a file that vanished, no permission
        if os.environ.get("TOCSIN_DEBUG"):
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"tocsin: {where}{exc.strerror or exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug: still one line, with a way to get the details
        from sqlalchemy.exc import DatabaseError

        if isinstance(exc, DatabaseError) and not os.environ.get("TOCSIN_DEBUG"):
            # the database went wrong under a command (corrupt page, disk full, read-only, server gone)
            click.echo(f"tocsin: database error: {str(exc.orig).splitlines()[0]}", err=True)
            sys.exit(2)
        if os.environ.get("TOCSIN_DEBUG"):
            raise
        click.echo(
            f"tocsin: internal error ({type(exc).__name__}: {exc}); rerun with TOCSIN_DEBUG=1 and report it", err=True
        )
        sys.exit(3)
