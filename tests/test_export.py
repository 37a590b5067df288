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


FUTURE = "Putin spoke to Macron on Sunday. Russian troops will attack Ukraine on Monday, the Pentagon said.\n"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A store with asserted and future events, from a text file dated by --published."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "story.txt").write_text(TEXT + FUTURE)
    path = str(folder / "store.db")
    done = run("ingest", str(folder / "story.txt"), "--db", path, "--published", "2022-02-20")
    assert done.returncode == 0, done.stderr
    assert "stored" in done.stderr and "event mentions" in done.stderr
    return path


def test_published_option_dates_text_files_and_every_event(mixed):
    rows = [json.loads(x) for x in run("events", "--db", mixed, "--format", "jsonl").stdout.splitlines()]
    assert rows and all(r["date"] for r in rows)
    arts = [json.loads(x) for x in run("articles", "--db", mixed, "--format", "jsonl").stdout.splitlines()]
    assert arts[0]["published"].startswith("2022-02-20")


def test_text_file_date_line_and_file_name_date():
    from tocsin.ingest.text import from_text

    item = from_text("Headline\n\nPublished: 20 February 2022\n\nRebels shelled Zolote.", "x.txt", path="x.txt")
    assert item.published is not None and item.published.date().isoformat() == "2022-02-20"
    named = from_text("Rebels shelled Zolote.", "n", path="archive/2022-02-21_kyiv.txt")
    assert named.published is not None and named.local_date.isoformat() == "2022-02-21"
    assert from_text("Rebels shelled Zolote in 2022.", "n", path="story.txt").published is None


def test_export_is_asserted_by_default_and_other_statuses_carry_a_status(mixed, tmp_path):
    plain = run("export", "--format", "gdelt", "--db", mixed).stdout.splitlines()
    every = run("export", "--format", "gdelt", "--db", mixed, "--status", "all").stdout.splitlines()
    assert plain and all(len(r.split("\t")) == 61 for r in plain)
    assert len(every) > len(plain) and all(len(r.split("\t")) == 62 for r in every)
    assert {r.split("\t")[61] for r in every} >= {"asserted", "future"}
    plover = [json.loads(x) for x in run("export", "--format", "plover", "--db", mixed).stdout.splitlines()]
    assert plover and {r["status"] for r in plover} == {"asserted"}
    again = run("export", "--format", "gdelt", "--db", mixed).stdout.splitlines()
    assert [r.split("\t")[0] for r in again] == [r.split("\t")[0] for r in plain]  # stable GLOBALEVENTIDs
    assert all(int(r.split("\t")[0]) > 1000 for r in plain)


def test_every_export_rereads_with_the_same_values(mixed, tmp_path):
    import duckdb
    import pandas as pd
    import pyarrow.parquet as pq

    listed = [json.loads(x) for x in run("events", "--db", mixed, "--format", "jsonl", "--status", "asserted")
              .stdout.splitlines()]  # fmt: skip
    want = sorted((r["id"], r["cameo"], r["date"]) for r in listed)
    csv_path, pq_path = tmp_path / "e.csv", tmp_path / "e.parquet"
    assert run("export", "--format", "csv", "--db", mixed, "-o", str(csv_path)).returncode == 0
    assert run("export", "--format", "parquet", "--db", mixed, "-o", str(pq_path)).returncode == 0
    frame = pd.read_csv(csv_path, dtype={"cameo": str, "event_id": str, "date": str})  # the README's read
    assert sorted(zip(frame["id"], frame["cameo"], frame["date"], strict=True)) == want
    table = pq.read_table(pq_path)
    assert str(table.schema.field("cameo").type) == "string"
    assert str(table.schema.field("date").type) == "date32[day]"
    cols = [table.column(n).to_pylist() for n in ("id", "cameo", "date")]
    got = sorted((i, c, d.isoformat()) for i, c, d in zip(*cols, strict=True))
    assert got == want  # dates here are known to the day
    duck = duckdb.sql(f"SELECT id, cameo, CAST(date AS VARCHAR) FROM '{pq_path}'").fetchall()
    assert sorted(duck) == want
    duck_csv = duckdb.sql(f"SELECT id, cameo FROM read_csv('{csv_path}', types={{'cameo': 'VARCHAR'}})").fetchall()
    assert sorted(duck_csv) == [w[:2] for w in want]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--type", "ATTACK"], "did you mean ASSAULT"),
        (["events", "--type", "ASAULT"], "did you mean ASSAULT"),
        (["events", "--country", "Russia"], "use RUS"),
        (["events", "--status", "asserted,maybe"], "'maybe' is not a status"),
        (["series", "--by", "region"], "--by 'region' is not known"),
        (["alerts", "--since", "yesterday"], "YYYY-MM-DD"),
    ],
)
def test_wrong_usage_is_an_error_that_names_the_fix(mixed, args, message):
    done = run(*args, "--db", mixed)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1, done.stderr


def test_reading_a_missing_store_or_an_unknown_database_is_refused(tmp_path):
    done = run("events", "--db", str(tmp_path / "tpyo.db"))
    assert done.returncode == 2 and "no store at" in done.stderr and not (tmp_path / "tpyo.db").exists()
    done = run("events", "--db", "mysql://u@h/db")
    assert done.returncode == 2 and "unsupported database URL scheme 'mysql'" in done.stderr
    assert "tocsin[postgres]" not in done.stderr


def test_export_never_overwrites_the_store_or_follows_a_symlink(mixed, tmp_path):
    from pathlib import Path

    done = run("export", "--format", "csv", "--db", mixed, "-o", mixed)
    assert done.returncode == 2 and "is the store itself" in done.stderr
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    done = run("export", "--format", "csv", "--db", mixed, "-o", str(link))
    assert done.returncode == 2 and "symbolic link" in done.stderr and victim.read_text() == "keep me"
    assert Path(mixed).stat().st_size > 0


def test_a_failed_export_leaves_the_previous_file_whole(tmp_path):
    from tocsin.export import atomic_output

    target = tmp_path / "out.csv"
    target.write_text("previous good export\n")
    with pytest.raises(RuntimeError), atomic_output(target) as fh:
        fh.write("half of a new one")
        raise RuntimeError("killed")
    assert target.read_text() == "previous good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind


def test_unattributed_mentions_are_listed_with_their_reason(mixed):
    done = run("events", "--db", mixed, "--unattributed", "--format", "jsonl")
    assert done.returncode == 0
    for line in done.stdout.splitlines():
        assert json.loads(line)["reason"]


def test_terminal_output_strips_escape_and_bidi_characters():
    from tocsin.summary import clean

    assert clean("Evil\x1b[2J title\u202e txet\x07") == "Evil[2J title txet"
    assert clean("line one\nline two") == "line one line two"


def test_progress_knows_the_total_of_folders_and_tables(tmp_path):
    from tocsin.ingest.run import estimate_total

    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "t.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n\n')
    (tmp_path / "c.csv").write_text("text\nx\ny\nz\n")
    (tmp_path / ".hidden").write_text("skip")
    assert estimate_total([str(tmp_path)]) == 1 + 2 + 3
    assert estimate_total([str(tmp_path), "https://example.org/feed"]) is None
