"""Exports and the store commands, end to end through the CLI on a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tocsin.export import GDELT_COLUMNS, gdelt_row

TEXT = (
    "Macron spoke with Putin by phone on Sunday, the Elysee said.\n\n"
    "Russian-backed rebels shelled the village of Zolote in eastern Ukraine on Saturday, killing two civilians.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tocsin", *args], input=stdin, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a.jsonl").write_text(json.dumps({"id": "afp-1", "text": TEXT, "published": "2022-02-20"}) + "\n")
    path = str(folder / "store.db")
    done = run("ingest", str(folder / "a.jsonl"), "--db", path)
    assert done.returncode == 0, done.stderr
    assert "ingested 1" in done.stderr
    return path


def test_gdelt_has_61_columns_and_string_cameo_codes(db, tmp_path):
    out = tmp_path / "x.tsv"
    done = run("export", "--format", "gdelt", "--db", db, "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    codes = {r[GDELT_COLUMNS.index("EventCode")] for r in rows}
    assert any(c.startswith("0") for c in codes)  # CONSULT 04x keeps its leading zero
    consult = next(r for r in rows if r[GDELT_COLUMNS.index("EventRootCode")] == "04")
    assert consult[GDELT_COLUMNS.index("Day")] == "20220220"


def test_plover_lines_carry_the_manual_keys(db):
    done = run("export", "--format", "plover", "--db", db)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records
    for r in records:
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "text"} <= set(r)
        assert isinstance(r["event"], list) and isinstance(r["actor"], list)
    assert any(r["event"] == ["CONSULT"] and {a["code"] for a in r["actor"]} >= {"FRA"} for r in records)


def test_csv_and_parquet(db, tmp_path):
    import pyarrow.parquet as pq

    done = run("export", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and {"type", "date", "source_code", "evidence_text", "url"} <= set(rows[0])
    target = tmp_path / "x.parquet"
    assert run("export", "--format", "parquet", "--db", db, "-o", str(target)).returncode == 0
    table = pq.read_table(target)
    assert table.num_rows == len(rows)
    assert run("export", "--format", "parquet", "--db", db).returncode == 2  # needs -o


def test_filters_and_listing(db):
    every = run("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    russia = run("events", "--db", db, "--format", "jsonl", "--country", "RUS").stdout.splitlines()
    assert 0 < len(russia) <= len(every)
    assert run("events", "--db", db, "--since", "2030-01-01").stdout == ""
    bad = run("events", "--db", db, "--since", "last tuesday")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "YYYY-MM-DD" in bad.stderr
    arts = [json.loads(x) for x in run("articles", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert len(arts) == 1 and arts[0]["external_id"] == "afp-1" and arts[0]["text"] == TEXT


def test_ingest_exit_code_and_named_refusal(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT)
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01\x02" * 100)
    done = run("ingest", str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert done.returncode == 1
    assert "bad.bin" in done.stderr and "binary" in done.stderr and "Traceback" not in done.stderr


def test_gdelt_row_handles_partial_dates():
    row = {"date": "2014", "cameo": "190", "source_code": "RUSMIL", "target_code": None}
    cols = gdelt_row(row, 7)
    assert len(cols) == 61 and cols[1] == "20140101" and cols[GDELT_COLUMNS.index("Actor1CountryCode")] == "RUS"
