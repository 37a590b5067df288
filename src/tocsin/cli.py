"""Command line: a thin layer over the library. Errors become one line on stderr and exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .errors import InputError, TocsinError

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


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with BOM) first, then detected encodings; binary data is refused."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot determine the text encoding")
    return str(best)


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
@click.option("--indent", type=int, default=None, help="Pretty-print single-article JSON.")
def extract(
    path: str,
    published: str | None,
    title: str | None,
    source_name: str | None,
    url: str | None,
    model: str | None,
    indent: int | None,
) -> None:
    """Extract events, actors, quotes, counts and places from PATH ('-' = stdin, *.jsonl = many)."""
    from .nlp import load_pipeline
    from .pipeline import extract as run

    nlp = load_pipeline(model)
    if path.endswith(".jsonl"):
        _extract_jsonl(path, nlp)
        return
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
    sys.stdout.write(json.dumps(x.to_dict(), ensure_ascii=False, indent=indent) + "\n")


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


def _extract_jsonl(path: str, nlp: Any) -> None:
    from .pipeline import extract_doc, make_article

    failed = 0
    for n, obj, error in _jsonl_articles(path):
        aid = str((obj or {}).get("id") or f"line-{n}")
        if error:
            failed += 1
            _emit({"article": {"id": aid}, "error": error})
            continue
        assert obj is not None
        try:
            art = make_article(
                obj["text"],
                id=aid,
                published=obj.get("published"),
                title=obj.get("title"),
                url=obj.get("url"),
                source=obj.get("source"),
            )
            from .nlp import parse

            _emit(extract_doc(art, parse(nlp, art.text)).to_dict())
        except TocsinError as exc:
            failed += 1
            _emit({"article": {"id": aid}, "error": str(exc)})
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
def model_train(data: Path, output: Path, max_steps: int | None, install: bool, resume: Path | None) -> None:
    """Convert the treebanks and NER sets, train on CPU, install the best model into the package."""
    from .nlp import BUNDLED
    from .nlp.training.train import install as do_install
    from .nlp.training.train import train

    best = train(data, output, max_steps=max_steps, resume=resume)
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
def model_install(model_dir: Path) -> None:
    """Copy a trained pipeline directory into the package."""
    from .nlp import BUNDLED
    from .nlp.training.train import install

    install(model_dir, BUNDLED)
    click.echo(f"installed {model_dir} -> {BUNDLED}")


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


@cli.command("evaluate-events")
@click.option(
    "--gsr",
    type=click.Path(path_type=Path),
    default=Path("../shared/reference/plover/PLOVER_GSR_CAMEO.txt"),
    show_default=True,
)
def evaluate_events(gsr: Path) -> None:
    """Score event typing and roles on the PLOVER gold standard records."""
    from .evaluation import score_gsr

    click.echo(json.dumps(score_gsr(gsr), indent=2))


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
    except Exception as exc:  # a bug: still one line, with a way to get the details
        if os.environ.get("TOCSIN_DEBUG"):
            raise
        click.echo(f"tocsin: internal error ({type(exc).__name__}: {exc}); rerun with TOCSIN_DEBUG=1 and report it", err=True)
        sys.exit(3)
