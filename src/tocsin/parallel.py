"""Coding articles on every local core or on a Dask cluster, results in input order.

The unit of work is a *batch*: a list of articles parsed together with ``nlp.pipe``. :func:`code_batch`
codes one batch in the current process and isolates failures (an article that breaks the batch is
refused by itself, the others are coded). :func:`code_batches` maps it over a stream of batches, in
process, on a pool of worker processes that each load the pipeline once, or as Dask tasks, and yields
the results in the order the batches came in, so a parallel run stores and prints exactly what a serial
one does. Storing stays with the caller (one writer for SQLite); :func:`code_and_store` is the Dask task
that also writes, for stores with many writers (PostgreSQL).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain
from typing import Any

from .errors import InputError
from .models import Article, Extraction, SourceItem

#: What coding one article gave: its extraction, or why it could not be coded.
Result = Extraction | str

#: Characters of text per Dask task: large enough that the per-task overhead vanishes, small enough
#: that a lost worker costs little to redo.
SHARD_CHARS = 10_000_000


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _internal(exc: BaseException) -> str:
    return f"internal error while extracting ({type(exc).__name__}: {exc}); rerun with TOCSIN_DEBUG=1 and report it"


def code_batch(articles: list[Article], model: str | None = None) -> list[Result]:
    """Extractions for ``articles`` parsed as one batch; an article that fails is coded alone, then refused."""
    from .nlp import load_pipeline
    from .pipeline import extract_many

    nlp = load_pipeline(model)
    try:
        return list(extract_many(articles, nlp=nlp, batch_size=max(1, len(articles))))
    except Exception:
        if os.environ.get("TOCSIN_DEBUG"):
            raise
    out: list[Result] = []
    for art in articles:
        try:
            out.extend(extract_many([art], nlp=nlp))
        except Exception as exc:
            out.append(_internal(exc))
    return out


def _warm(model: str | None) -> None:
    # a worker loads the pipeline, the gazetteer and the knowledge once, before its first batch
    from .nlp import load_pipeline

    load_pipeline(model)


def _worker_start(model: str | None, parent: int) -> None:
    """A worker's first act: load the pipeline, and watch its parent. A parent killed outright
    (``kill -9``, out of memory) cannot stop its workers, and they would wait for work for ever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="tocsin-parent-watch", daemon=True).start()
    _warm(model)


def _single_threaded() -> None:
    # each worker is one core's worth: BLAS threads would fight the other workers for the same cores
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def code_batches(
    batches: Iterable[list[Article]],
    *,
    workers: int = 1,
    model: str | None = None,
    dask: str | None = None,
) -> Iterator[tuple[list[Article], list[Result]]]:
    """Each batch with its results, in input order: in process, on ``workers`` processes, or on Dask."""
    if dask:
        with dask_client(dask) as client:
            yield from _on_dask(client, batches, code_batch, model)
        return
    if workers <= 1:
        for b in batches:
            yield b, code_batch(b, model)
        return
    it = iter(batches)
    head = [b for b in (next(it, None), next(it, None)) if b is not None]
    if len(head) < 2:  # one batch is not worth starting processes for
        for b in head:
            yield b, code_batch(b, model)
        return
    yield from _on_pool(chain(head, it), workers, model)


@dataclass
class _Pool:
    workers: int
    model: str | None
    executor: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:
            _single_threaded()
            ctx = _context(self.model)
            self.executor = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_worker_start, initargs=(self.model, os.getpid())
            )
        return self.executor

    def close(self, *, wait: bool = True) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
            self.executor = None


Coder = Callable[[list[Article], str | None], list[Result]]


def _on_pool(
    batches: Iterable[list[Article]], workers: int, model: str | None, fn: Coder = code_batch
) -> Iterator[tuple[list[Article], list[Result]]]:
    """``fn`` over ``batches`` on a pool of ``workers`` processes, in order, at most two batches a worker ahead."""
    pool = _Pool(workers, model)
    window: deque[tuple[list[Article], Future[list[Result]]]] = deque()
    try:
        for b in batches:
            window.append((b, pool.get().submit(fn, b, model)))
            while len(window) > 2 * workers:
                yield from _drain_one(window, pool, fn)
        while window:
            yield from _drain_one(window, pool, fn)
    finally:
        pool.close(wait=False)


def _drain_one(
    window: deque[tuple[list[Article], Future[list[Result]]]], pool: _Pool, fn: Coder
) -> Iterator[tuple[list[Article], list[Result]]]:
    b, fut = window[0]
    try:
        results = fut.result()
    except BrokenProcessPool:
        # a worker died (killed, out of memory, a crash in native code): every batch in flight is lost.
        # Redo them one article at a time in a pool of one, so the article that kills a worker is
        # refused by name and no other article is lost with it
        pool.close(wait=False)
        lost = list(window)
        window.clear()
        for lb, _ in lost:
            yield lb, [_quarantined(a, pool.model, fn) for a in lb]
        return
    window.popleft()
    yield b, results


def _context(model: str | None) -> multiprocessing.context.BaseContext:
    """Fork where the platform has it, after loading the pipeline here: workers start at once, share
    the model's memory, and do not re-run the caller's main module (spawn does, so a script without an
    ``if __name__ == "__main__"`` guard would start over in every worker). Spawn elsewhere."""
    if "fork" in multiprocessing.get_all_start_methods():
        _warm(model)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _quarantined(art: Article, model: str | None, fn: Coder) -> Result:
    with ProcessPoolExecutor(
        1, mp_context=_context(model), initializer=_worker_start, initargs=(model, os.getpid())
    ) as one:
        try:
            return one.submit(fn, [art], model).result()[0]
        except BrokenProcessPool:
            return (
                "the worker process coding this article died (out of memory, or killed); "
                "it was retried alone and died again"
            )


# -- Dask ----------------------------------------------------------------------------------------------


class dask_client:
    """A ``dask.distributed`` client for ``address``: a scheduler URL, or ``local`` for a LocalCluster."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--dask needs dask.distributed: pip install 'tocsin[dask]'") from None
        self._cluster = None
        if address == "local":
            _single_threaded()
            self._cluster = LocalCluster(n_workers=default_workers(), threads_per_worker=1, processes=True)
            self.client = Client(self._cluster)
        else:
            try:
                self.client = Client(address, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise InputError(f"--dask {address}: cannot reach the scheduler ({exc})") from None

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _on_dask(client: Any, batches: Iterable[Any], fn: Callable[..., Any], *args: Any) -> Iterator[tuple[Any, Any]]:
    # a bounded window keeps the client from reading a whole archive into memory ahead of the cluster;
    # a task lost with its worker is rescheduled by the scheduler itself
    width = 2 * max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
    window: deque[tuple[Any, Any]] = deque()
    for b in batches:
        window.append((b, client.submit(fn, b, *args, pure=False, retries=1)))
        while len(window) > width:
            b0, f0 = window.popleft()
            yield b0, f0.result()
    while window:
        b0, f0 = window.popleft()
        yield b0, f0.result()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one item on a worker that also stores: ``ingested``, ``duplicate`` or ``refused``."""

    name: str
    status: str
    reason: str | None = None
    article_id: str | None = None
    events: int = 0
    unattributed: int = 0


def code_and_store(
    shard: list[tuple[SourceItem, Article]], model: str | None, store_url: str, run_id: str
) -> list[Outcome]:
    """Dask task for a many-writer store: code a shard and store each article in its own transaction.

    Idempotent, so a shard retried after its worker died stores nothing twice: an article this run
    already stored counts as ingested, one stored by another run as a duplicate.
    """
    from .errors import StoreError
    from .store import open_store

    out: list[Outcome] = []
    with open_store(store_url) as store:
        for start in range(0, len(shard), 16):
            part = shard[start : start + 16]
            for (item, art), r in zip(part, code_batch([a for _, a in part], model), strict=True):
                if isinstance(r, str):
                    out.append(Outcome(item.name, "refused", r))
                    continue
                counts = {"events": r.attributed, "unattributed": len(r.events) - r.attributed}
                try:
                    aid = store.add(item, r, run_id=run_id)
                except StoreError as exc:
                    out.append(Outcome(item.name, "refused", str(exc)))
                    continue
                if aid is None and store.ingested_by(art.id) == run_id:
                    aid = art.id
                if aid is None:
                    out.append(Outcome(item.name, "duplicate", None, art.id))
                else:
                    out.append(Outcome(item.name, "ingested", None, aid, **counts))
    return out


def shards(pairs: Iterable[Any], *, chars: int, size: Callable[[Any], int], most: int) -> Iterator[list[Any]]:
    """Consecutive groups of ``pairs`` holding about ``chars`` characters and at most ``most`` items."""
    buf: list[Any] = []
    n = 0
    for p in pairs:
        buf.append(p)
        n += size(p)
        if n >= chars or len(buf) >= most:
            yield buf
            buf, n = [], 0
    if buf:
        yield buf


def store_on_dask(
    address: str,
    shard_stream: Iterable[list[tuple[SourceItem, Article]]],
    model: str | None,
    store_url: str,
    run_id: str,
) -> Iterator[list[Outcome]]:
    """Outcomes of every shard, in order, coded and stored by the cluster's workers."""
    with dask_client(address) as client:
        for _, outcomes in _on_dask(client, shard_stream, code_and_store, model, store_url, run_id):
            yield outcomes
