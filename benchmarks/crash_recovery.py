"""Crash safety of `tocsin ingest`: kill -9 partway, run again, run a third time.

    python benchmarks/crash_recovery.py ../shared/corpora --bbc 120 --html 60

Builds one directory with BBC text articles, real HTML pages (.html.gz), a Latin-1 file with a pound
sign, an empty file and a binary file; starts `tocsin ingest DIR`, kills it with SIGKILL once some
articles are stored, runs it again to the end, then a third time. Prints the article counts after each
run, whether the third run changed anything, whether the binary file was reported by name and whether
"£" survived decoding.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(corpora: Path, folder: Path, n_bbc: int, n_html: int) -> int:
    bbc = sorted((corpora / "bbc-news" / "bbc").rglob("*.txt"))
    step = max(1, len(bbc) // n_bbc)
    picked = [p for p in bbc[::step] if p.name[0].isdigit()][:n_bbc]
    for i, p in enumerate(picked):
        shutil.copy(p, folder / f"bbc-{i:03d}.txt")
    html = sorted((corpora / "article-extraction-benchmark" / "html").glob("*.html.gz"))[:n_html]
    for p in html:
        shutil.copy(p, folder / p.name)
    (folder / "latin1.txt").write_bytes(
        "Budget row\n\nThe Chancellor said the plan would cost £2bn over three years, officials said.\n".encode(
            "latin-1"
        )
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 64)
    return len(picked) + len(html) + 1  # the readable ones


def count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        try:
            return int(con.execute("select count(*) from articles").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def snapshot(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as con:
        return tuple(  # type: ignore[return-value]
            int(con.execute(f"select count(*) from {t}").fetchone()[0])
            for t in ("articles", "event_mentions", "quotes")
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path, nargs="?", default=Path("../shared/corpora"))
    ap.add_argument("--bbc", type=int, default=120)
    ap.add_argument("--html", type=int, default=60)
    ap.add_argument("--kill-after", type=int, default=40, help="articles stored before the kill")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tocsin-crash-"))
    folder = work / "in"
    folder.mkdir()
    readable = build(args.corpora, folder, args.bbc, args.html)
    db = work / "t.db"
    cmd = [sys.executable, "-m", "tocsin", "ingest", str(folder), "--db", str(db)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    while proc.poll() is None and count(db) < args.kill_after:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after_kill = count(db)
    second = subprocess.run(cmd, capture_output=True, text=True, env=env)
    after_second = snapshot(db)
    third = subprocess.run(cmd, capture_output=True, text=True, env=env)
    after_third = snapshot(db)
    with sqlite3.connect(db) as con:
        pound = con.execute("select count(*) from articles where text like '%£2bn%'").fetchone()[0]
    report = {
        "readable_inputs": readable,
        "stored_when_killed": after_kill,
        "stored_after_second_run": after_second[0],
        "third_run_changed_nothing": after_second == after_third,
        "binary_reported_by_name": "binary.bin" in (second.stdout + second.stderr),
        "pound_sign_decoded": bool(pound),
        "second_run_exit": second.returncode,
        "third_run_exit": third.returncode,
        "tail_of_second_run": (second.stdout + second.stderr).strip().splitlines()[-3:],
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
