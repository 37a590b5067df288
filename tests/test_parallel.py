"""Parallel coding: worker processes and Dask give what one process gives, in order, and lose nothing."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from tocsin.models import Article, SourceItem
from tocsin.parallel import _on_pool, code_batch, code_batches, shards

TEXTS = [
    "Russian troops shelled Kharkiv on Monday, Ukrainian officials said.",
    "The United Nations called for a ceasefire in Gaza.",
    "Police arrested 12 protesters in Nairobi on Friday.",
    "France and Germany signed a trade agreement in Berlin.",
    "Rebels attacked an army base near Goma, killing five soldiers.",
]


def _articles(n: int) -> list[Article]:
    return [Article(text=f"{TEXTS[i % len(TEXTS)]} Report number {i}.", id=f"a{i}", published=None) for i in range(n)]


def test_workers_give_the_serial_results_in_order() -> None:
    arts = _articles(9)
    batches = [arts[i : i + 2] for i in range(0, 9, 2)]
    serial = [r.to_dict() for _, rs in code_batches(batches, workers=1) for r in rs]  # type: ignore[union-attr]
    par = list(code_batches(batches, workers=2))
    assert [b for b, _ in par] == batches
    assert [r.to_dict() for _, rs in par for r in rs] == serial  # type: ignore[union-attr]


def dies_on_poison(articles: list[Article], model: str | None) -> list[str]:
    """A coder whose process dies outright on one article, as after an out-of-memory kill."""
    if any(a.text == "poison" for a in articles):
        os._exit(9)
    return [f"coded {a.id}" for a in articles]


def test_a_worker_that_dies_loses_only_its_own_article() -> None:
    arts = [Article(text="poison" if i == 5 else f"text {i}", id=f"a{i}") for i in range(12)]
    batches = [arts[i : i + 3] for i in range(0, 12, 3)]
    out = [r for _, rs in _on_pool(batches, 2, None, fn=dies_on_poison) for r in rs]
    assert len(out) == 12
    assert out[5].startswith("the worker process coding this article died")
    assert [r for i, r in enumerate(out) if i != 5] == [f"coded a{i}" for i in range(12) if i != 5]


def test_code_batch_isolates_an_article_that_breaks_the_batch(monkeypatch) -> None:
    from conftest import break_extraction_on

    break_extraction_on(monkeypatch, "boom")
    arts = [Article(text="The army shelled the town.", id="ok1"), Article(text="boom", id="bad"),
            Article(text="Police arrested two men.", id="ok2")]  # fmt: skip
    out = code_batch(arts)
    assert [getattr(r, "article", None) and r.article.id for r in out] == ["ok1", None, "ok2"]  # type: ignore[union-attr]
    assert isinstance(out[1], str) and "RuntimeError: boom" in out[1]


def test_shards_cut_by_size_and_count() -> None:
    assert list(shards(["aaaa", "b", "cc", "dddddd", "e"], chars=5, size=len, most=10)) == [
        ["aaaa", "b"], ["cc", "dddddd"], ["e"]]  # fmt: skip
    assert list(shards(range(5), chars=10**9, size=lambda _: 1, most=2)) == [[0, 1], [2, 3], [4]]
    assert list(shards([], chars=1, size=len, most=1)) == []


def _items(n: int) -> list[SourceItem]:
    return [SourceItem(name=f"item{i}", text=f"{TEXTS[i % len(TEXTS)]} Dispatch {i}.") for i in range(n)]


EVENT_COLUMNS = "id, type, cameo, status, source_code, target_code, date, num_mentions, num_articles"


def _snapshot(store) -> dict:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return {
            "articles": sorted(conn.execute(text("SELECT id, content_hash, text, n_events FROM articles")).all()),
            "events": sorted(conn.execute(text(f"SELECT {EVENT_COLUMNS} FROM events")).all()),
            "mentions": conn.scalar(text("SELECT count(*) FROM event_mentions")),
        }


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install '.[dask]')")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        yield lc


def test_dask_gives_the_serial_store_even_when_a_worker_is_killed(store, cluster, tmp_path) -> None:
    """SQLite: the client writes; PostgreSQL: the workers write. Either way each article is stored once."""
    from distributed import Client

    from tocsin.ingest.run import ingest
    from tocsin.store import open_store

    items = _items(10)
    serial_store = open_store(str(tmp_path / "serial.db"))
    serial = ingest(serial_store, items)
    assert serial.ingested == 10

    killed: list[int] = []
    lock = threading.Lock()
    with Client(cluster) as watcher:

        def kill_a_busy_worker(status: str, _name: str) -> None:
            with lock:
                if killed or status != "ingested":
                    return
                busy = [w for w, tasks in watcher.processing().items() if tasks]
                if busy:
                    pid = watcher.run(os.getpid, workers=busy[:1])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

        run = ingest(store, items, dask=cluster.scheduler_address, shard_chars=1, progress=kill_a_busy_worker)
    assert killed, "no worker was busy when the first article was stored"
    assert (run.ingested, run.duplicates, run.refused) == (10, 0, [])
    assert _snapshot(store) == _snapshot(serial_store)
    serial_store.close()


def test_extract_jsonl_with_workers_keeps_input_order_and_bad_lines(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from tocsin.cli import cli

    lines = []
    for i in range(20):
        lines.append(json.dumps({"id": f"n{i}", "text": f"{TEXTS[i % len(TEXTS)]} Item {i}."}))
        if i % 7 == 3:
            lines.append("{not json")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    outs = {}
    for w in ("1", "2"):
        res = CliRunner().invoke(cli, ["extract", str(src), "--workers", w])
        assert res.exit_code == 0, res.output
        outs[w] = [json.loads(x) for x in res.stdout.splitlines()]
    assert outs["1"] == outs["2"]
    ids = [o["article"]["id"] for o in outs["2"]]
    assert ids[:6] == ["n0", "n1", "n2", "n3", "line-5", "n4"]
    assert sum("error" in o for o in outs["2"]) == 3
    assert sum("events" in o for o in outs["2"]) == 20


SCRIPT = """
import os, sys, time
from tocsin.models import Article
from tocsin import parallel

parallel._warm = lambda model: None  # no pipeline needed by this coder

def slow(articles, model):
    with open(os.path.join(sys.argv[1], str(os.getpid())), "w"):
        pass
    time.sleep(120)
    return ["done" for _ in articles]

batches = [[Article(text=f"t{i}", id=str(i))] for i in range(6)]
for _ in parallel._on_pool(batches, 2, None, fn=slow):
    pass
"""


def test_workers_of_a_killed_run_do_not_outlive_it(tmp_path) -> None:
    import subprocess
    import sys
    import time

    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    pids = tmp_path / "pids"
    pids.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(pids)])
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 2, "the two workers did not start"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        stat = Path(f"/proc/{pid}/stat")
        return not (stat.exists() and stat.read_text().split()[2] == "Z")

    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if alive(p)], "workers outlived the killed run"
