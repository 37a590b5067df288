"""Faults a hostile source or a bad day brings, and what held: kill -9, concurrent starts, bombs, a hostile server.

    python benchmarks/faults.py ../shared/corpora --kills 5

1. ``kill -9`` of ``tocsin ingest`` at random moments (``--kills`` times, then a run to the end): every
   stored article is whole (its mention rows match its event count) and the final store equals a clean
   run's.
2. ``kill -9`` of ``tocsin export`` at random moments: the previous export is intact every time, and no
   file under the final name is a cut-short copy.
3. Ten processes opening one new database at once: all succeed.
4. Hostile inputs in one batch (a gzip bomb, a JSONL line with a lone surrogate and one nested 200,000
   deep, a WARC record longer than its file, an oversized article) beside good ones: each is a named
   refusal, the good ones are stored, and peak memory stays below 1 GB.
5. A hostile server on 127.0.0.1 reached through a feed: without --allow-private-urls nothing is requested
   from it; with it, a redirect loop, a self-redirect, a lying Content-Length, a broken gzip encoding and
   a server dripping a byte a second are each a named refusal within the per-URL deadline.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "SOURCE_DATE_EPOCH": "1700000000"}
TOCSIN = [sys.executable, "-m", "tocsin"]


def tocsin(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TOCSIN, *args], capture_output=True, text=True, env=ENV, **kw)


def articles(corpora: Path, folder: Path, n: int) -> None:
    bbc = sorted(p for p in (corpora / "bbc-news" / "bbc").rglob("*.txt") if p.name[0].isdigit())
    for i, p in enumerate(bbc[:: max(1, len(bbc) // n)][:n]):
        shutil.copy(p, folder / f"bbc-{i:03d}.txt")


def whole(db: Path) -> tuple[int, int]:
    """(articles, articles whose stored mentions do not add up to their event count)."""
    with sqlite3.connect(db) as con:
        n = con.execute("select count(*) from articles").fetchone()[0]
        broken = con.execute(
            "select count(*) from articles a where a.n_events != "
            "(select count(*) from event_mentions m where m.article_id = a.id) + "
            "(select count(*) from unattributed_mentions u where u.article_id = a.id)"
        ).fetchone()[0]
    return n, broken


def digest(db: Path) -> str:
    with sqlite3.connect(db) as con:
        rows = [con.execute(f"select * from {t} order by 1").fetchall() for t in ("events", "event_mentions")]
        rows.append(con.execute("select id, content_hash, text, n_events from articles order by id").fetchall())
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()[:16]


def kill_ingest(work: Path, folder: Path, kills: int) -> dict:
    clean = work / "clean.db"
    tocsin("ingest", str(folder), "--db", str(clean), "--published", "2005-03-01", "--workers", "1")
    db = work / "killed.db"
    cmd = [*TOCSIN, "ingest", str(folder), "--db", str(db), "--published", "2005-03-01", "--workers", "1"]
    half = []
    for _ in range(kills):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        time.sleep(random.uniform(3.0, 9.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            half.append(whole(db))
    subprocess.run(cmd, capture_output=True, env=ENV)
    return {
        "kills": kills,
        "stored_after_each_kill": [n for n, _ in half],
        "half_articles_after_kills": sum(b for _, b in half),
        "final_equals_clean_run": digest(db) == digest(clean),
    }


def kill_export(work: Path, db: Path, kills: int) -> dict:
    out = work / "events.jsonl"
    tocsin("export", "--db", str(db), "--format", "plover", "--status", "all", "-o", str(out))
    good = hashlib.sha256(out.read_bytes()).hexdigest()
    intact = 0
    for _ in range(kills):
        proc = subprocess.Popen(
            [*TOCSIN, "export", "--db", str(db), "--format", "plover", "--status", "all", "-o", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
        )  # fmt: skip
        time.sleep(random.uniform(0.5, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        intact += hashlib.sha256(out.read_bytes()).hexdigest() == good
    left = [p.name for p in work.glob(".events.jsonl.*.part")]
    return {"kills": kills, "previous_export_intact": f"{intact}/{kills}", "leftover_part_files": len(left)}


def concurrent_open(work: Path) -> dict:
    db = work / "new.db"
    procs = [
        subprocess.Popen(
            [*TOCSIN, "articles", "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
        )
        for _ in range(10)
    ]
    codes = [p.wait() for p in procs]
    # a reading command refuses a missing store; what must hold is that creating it races safely
    first = [
        subprocess.Popen(
            [sys.executable, "-c", f"from tocsin.store import open_store; open_store({str(db)!r})"],
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
        )
        for _ in range(10)
    ]
    opened = [p.wait() for p in first]
    return {
        "ten_readers_on_a_missing_store_exit_2": codes.count(2),
        "ten_concurrent_creators_succeeded": opened.count(0),
    }


def hostile_batch(work: Path) -> dict:
    folder = work / "hostile"
    folder.mkdir()
    (folder / "good1.txt").write_text("Police arrested 12 protesters in Nairobi on Friday.\n")
    (folder / "good2.txt").write_text("Rebels attacked an army base near Goma, killing five soldiers.\n")
    with gzip.open(folder / "bomb.txt.gz", "wb", compresslevel=9) as fh:
        block = b"\0" * (1 << 24)
        for _ in range(64):  # 1 GiB of zeros in about 1 MB
            fh.write(block)
    lines = ['{"id": "s", "text": "Lone \\ud800 surrogate in Kyiv."}', "[" * 200_000 + "]" * 200_000,
             json.dumps({"id": "ok", "text": "Macron spoke to Putin on Sunday."})]  # fmt: skip
    (folder / "t.jsonl").write_text("\n".join(lines) + "\n")
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.org/a\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 99999999\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n"
    )
    (folder / "cut.warc").write_bytes(warc)
    (folder / "huge.txt").write_text("The army shelled the town. " * 200_000)
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res = tocsin("ingest", str(folder), "--db", str(work / "h.db"), "--workers", "1", "--max-chars", "1000000")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    # the run's closing summary: "ingested …", then "  refused NAME: reason" for each refusal
    lines = res.stderr.splitlines()
    refused = [line.strip().removeprefix("refused ") for line in lines if line.startswith("  refused ")]
    return {
        "exit": res.returncode,
        "summary": next((line for line in lines if line.startswith("ingested")), ""),
        "refused": [r.rsplit("/", 1)[-1][:100] for r in refused],
        "peak_rss_mb": round(peak),
        "seconds": round(time.perf_counter() - t0, 1),
    }


class Hostile(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Hostile.hits.append(self.path)
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop2")
            self.end_headers()
        elif self.path == "/loop2":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/self":
            self.send_response(301)
            self.send_header("Location", "/self")
            self.end_headers()
        elif self.path == "/liar":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>Only the start of a story.</p>")
        elif self.path == "/badgzip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(b"this is not gzip at all" * 10)
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>Admin console: secret.</p></body></html>")

    def log_message(self, *args: object) -> None:
        pass


def hostile_server(work: Path) -> dict:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    links = [f"http://127.0.0.1:{port}/admin", f"http://localhost:{port}/admin", f"http://2130706433:{port}/admin",
             f"http://[::1]:{port}/admin"]  # fmt: skip
    hostile = ["/loop", "/self", "/liar", "/badgzip", "/drip"]

    def feed(urls: list[str]) -> Path:
        items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(urls))
        p = work / f"feed{len(urls)}.xml"
        p.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>')
        return p

    blocked = tocsin("ingest", str(feed(links)), "--db", str(work / "s1.db"), "--workers", "1")
    hits_blocked = len(Hostile.hits)
    t0 = time.perf_counter()
    allowed = tocsin("ingest", str(feed([f"http://127.0.0.1:{port}{h}" for h in hostile])), "--db",
                     str(work / "s2.db"), "--workers", "1", "--allow-private-urls")  # fmt: skip
    server.shutdown()
    reasons = [line.strip() for line in allowed.stderr.splitlines() if line.startswith("  refused http")]
    return {
        "private_links_refused": sum("private, loopback" in line for line in blocked.stderr.splitlines()),
        "requests_reaching_the_server_without_allow": hits_blocked,
        "hostile_urls_refused_with_allow": f"{len(reasons)}/{len(hostile)}",
        "reasons": [r.split(f":{port}", 1)[-1][:110] for r in reasons],
        "seconds_for_hostile_feed": round(time.perf_counter() - t0, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path, nargs="?", default=Path("../shared/corpora"))
    ap.add_argument("--articles", type=int, default=80)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    random.seed(args.seed)
    work = Path(tempfile.mkdtemp(prefix="tocsin-faults-"))
    try:
        folder = work / "in"
        folder.mkdir()
        articles(args.corpora, folder, args.articles)
        report = {"ingest_kill_9": kill_ingest(work, folder, args.kills)}
        report["export_kill_9"] = kill_export(work, work / "clean.db", args.kills)
        report["concurrent_open"] = concurrent_open(work)
        report["hostile_batch"] = hostile_batch(work)
        report["hostile_server"] = hostile_server(work)
        print(json.dumps(report, indent=1, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
