"""``tocsin ingest`` and ``tocsin watch``: sources → extraction → store, one transaction per article."""

from __future__ import annotations

import datetime as dt
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..errors import InputError, StoreError, TocsinError
from ..models import Article, Refusal, SourceItem
from ..parallel import SHARD_CHARS, code_batches, shards, store_on_dask
from ..store import Store, content_hash
from . import iter_items

Progress = Callable[[str, str], None]

#: Longest article ingested by default: a book-length text (two thousand news reports) is far more
#: likely a mis-split archive or a log file than a report, and would take many minutes to code.
MAX_ARTICLE_CHARS = 2_000_000

#: Most characters of text parsed in one local batch: a few huge articles do not hold a batch of
#: sixteen in memory at once.
BATCH_CHARS = 2_000_000


@dataclass
class Summary:
    """What a run did: counts and every refusal with its reason."""

    run_id: str
    ingested: int = 0
    duplicates: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    unattributed: int = 0
    undated: int = 0
    alerts: int | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0

    def lines(self) -> list[str]:
        out = [
            f"ingested {self.ingested}, skipped as duplicates {self.duplicates}, refused {len(self.refused)} "
            f"(run {self.run_id}); stored {self.events} event mentions and {self.unattributed} unattributed"
        ]
        if self.undated:
            out.append(
                f"  {self.undated} articles had no publication date: their events are undated "
                "(give --published YYYY-MM-DD, or a 'Published:' line)"
            )
        if self.alerts is not None:
            out.append(f"  alerts recomputed: {self.alerts} active")
        out += [f"  refused {name}: {reason}" for name, reason in self.refused]
        return out


def ingest(
    store: Store,
    sources: Iterable[str] | Iterable[SourceItem | Refusal],
    *,
    mapping: dict[str, str] | None = None,
    batch_size: int = 16,
    progress: Progress | None = None,
    model: str | None = None,
    published: dt.date | None = None,
    workers: int = 1,
    dask: str | None = None,
    shard_chars: int = SHARD_CHARS,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Summary:
    """Read ``sources`` (names, or already read items), code new articles and store them.

    ``published`` dates the items whose source gives no publication date. ``workers`` processes code
    batches in parallel while this process reads and stores, in input order, so the store is the same
    as a serial run's. ``dask`` (a scheduler address or ``local``) codes shards of about
    ``shard_chars`` characters on a Dask cluster; with a PostgreSQL store its workers also store.
    An item longer than ``max_chars`` (0: no limit) is refused, not coded for minutes.
    """
    from ..pipeline import make_article

    summary = Summary(run_id=uuid.uuid4().hex[:12])
    seen: set[str] = set()
    note = progress or (lambda _status, _name: None)

    def items() -> Iterator[SourceItem | Refusal]:
        for s in sources:
            if isinstance(s, str):
                yield from iter_items([s], mapping=mapping, exclude=store.files())
            else:
                yield s

    def refuse(name: str, reason: str) -> None:
        summary.refused.append((name, reason))
        store.log(summary.run_id, name, "refused", reason)
        note("refused", name)

    def duplicate(name: str, of: str | None) -> None:
        summary.duplicates += 1
        store.log(summary.run_id, name, "duplicate", f"same text or URL as article {of}" if of else None, of)
        note("duplicate", name)

    def stored(name: str, events: int, unattributed: int) -> None:
        summary.ingested += 1
        summary.events += events
        summary.unattributed += unattributed
        note("ingested", name)

    def pairs() -> Iterator[tuple[SourceItem, Article]]:
        """New articles, each with the item it came from; refusals and duplicates are recorded here."""
        for it in items():
            if isinstance(it, Refusal):
                refuse(it.name, it.reason)
                continue
            if max_chars and len(it.text) > max_chars:
                refuse(it.name, f"text is {len(it.text):,} characters, over the limit of {max_chars:,} per "
                                "article (raise it with --max-chars, 0 for none)")  # fmt: skip
                continue
            h = content_hash(it.text)
            if h in seen:
                duplicate(it.name, h[:20])
                continue
            existing = store.find_duplicate(it)
            if existing:
                duplicate(it.name, existing)
                continue
            try:
                article = make_article(
                    it.text, id=h[:20], published=it.local_date, title=it.title, url=it.url, source=it.source
                )
            except InputError as exc:
                refuse(it.name, str(exc))
                continue
            if it.published is None and published is not None:
                it = replace(it, published=dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC),
                             meta={**it.meta, "published_from": "--published"})  # fmt: skip
                article = replace(article, published=published)
            if article.published is None:
                summary.undated += 1
            seen.add(h)
            yield it, article

    def text_size(pair: tuple[SourceItem, Article]) -> int:
        return len(pair[1].text)

    if dask and store.many_writers:
        # the workers write, each article in its own transaction, so nothing funnels through this process
        shard_stream = shards(pairs(), chars=shard_chars, size=text_size, most=100_000)
        for outcomes in store_on_dask(dask, shard_stream, model, store.url, summary.run_id):
            for o in outcomes:
                if o.status == "ingested":
                    stored(o.name, o.events, o.unattributed)
                elif o.status == "duplicate":
                    duplicate(o.name, o.article_id)
                else:
                    refuse(o.name, o.reason or "refused")
        return summary

    # batches are cut by count and by size, the same way whatever codes them, so results do not
    # depend on how many processes there are
    pending: deque[list[tuple[SourceItem, Article]]] = deque()

    def article_batches() -> Iterator[list[Article]]:
        limit = shard_chars if dask else BATCH_CHARS
        for batch in shards(pairs(), chars=limit, size=text_size, most=100_000 if dask else batch_size):
            pending.append(batch)
            yield [a for _, a in batch]

    for _, results in code_batches(article_batches(), workers=workers, model=model, dask=dask):
        for (item, _), r in zip(pending.popleft(), results, strict=True):
            if isinstance(r, str):
                refuse(item.name, r)
                continue
            try:
                aid = store.add(item, r, run_id=summary.run_id)
            except StoreError as exc:
                refuse(item.name, str(exc))
                continue
            if aid is None:
                duplicate(item.name, None)
                continue
            stored(item.name, r.attributed, len(r.events) - r.attributed)
    return summary


def estimate_total(sources: Iterable[str]) -> int | None:
    """How many items ``sources`` hold, when that can be known cheaply: files in folders, lines of JSONL,
    rows of CSV. None when any source is a URL, a feed or an archive (their entries are known only on reading)."""
    from pathlib import Path

    total = 0
    for src in sources:
        path = Path(src)
        if src.startswith(("http://", "https://")) or not path.exists():
            return None
        files = [p for p in path.rglob("*") if p.is_file() and not any(x.startswith(".") for x in p.parts)] \
            if path.is_dir() else [path]  # fmt: skip
        for f in files:
            low = f.name.lower()
            if low.endswith((".warc", ".warc.gz", ".xml", ".rss", ".atom", ".gz")):
                return None
            if low.endswith((".jsonl", ".ndjson", ".csv", ".tsv")):
                with f.open("rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
                total += lines - (1 if low.endswith((".csv", ".tsv")) else 0)
            else:
                total += 1
    return total


def terminal_progress(total: int | None = None) -> tuple[Progress, Callable[[], None]]:
    """A tqdm bar on a terminal, plain lines every 50 items otherwise; returns (callback, close)."""
    counts = {"ingested": 0, "duplicate": 0, "refused": 0}
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="article", file=sys.stderr)

        def on_tty(status: str, _name: str) -> None:
            counts[status] += 1
            bar.set_postfix(dup=counts["duplicate"], refused=counts["refused"], refresh=False)
            bar.update(1)

        return on_tty, bar.close

    def on_pipe(status: str, name: str) -> None:
        counts[status] += 1
        n = sum(counts.values())
        if status == "refused":
            print(f"refused {name}", file=sys.stderr, flush=True)
        if n % 50 == 0:
            print(
                f"{n} items: {counts['ingested']} ingested, {counts['duplicate']} duplicates, "
                f"{counts['refused']} refused",
                file=sys.stderr,
                flush=True,
            )

    return on_pipe, lambda: None


def watch(
    store: Store,
    feeds: list[str],
    *,
    every: float,
    once: bool = False,
    progress: Progress | None = None,
    echo: Callable[[str], None] = print,
    after_poll: Callable[[Store], None] | None = None,
) -> Summary:
    """Poll ``feeds`` every ``every`` seconds, ingesting only entries not seen before; Ctrl-C stops cleanly."""
    from .feeds import entry_items, parse_feed
    from .web import fetch

    total = Summary(run_id="watch")
    try:
        while True:
            for url in feeds:
                etag, modified = store.feed_state(url)
                headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
                try:
                    page = fetch(url, headers=headers)
                    if page.status == 304:
                        echo(f"{url}: not modified")
                        continue
                    feed = parse_feed(page.content, url)
                except TocsinError as exc:
                    total.refused.append((url, str(exc)))
                    echo(f"{url}: {exc}")
                    continue
                links = [str(e["link"]) for e in feed.entries if e.get("link")]
                fresh = set(store.unseen(links))
                skip = set(links) - fresh
                run = ingest(store, list(entry_items(feed, skip=skip)), progress=progress)
                store.mark_seen(links, url)
                store.save_feed_state(url, page.headers.get("etag"), page.headers.get("last-modified"))
                total.ingested += run.ingested
                total.duplicates += run.duplicates
                total.refused += run.refused
                echo(f"{url}: {len(fresh)} new entries; " + run.lines()[0])
            if after_poll is not None:
                after_poll(store)
            if once:
                break
            time.sleep(every)
    except KeyboardInterrupt:
        echo("stopped")
    return total
