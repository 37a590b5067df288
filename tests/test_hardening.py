"""Bad databases, bad output paths and oversized items: one line of advice, exit 2, nothing lost."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from tocsin.cli import main


@dataclass
class Ran:
    exit_code: int
    output: str


@pytest.fixture
def _run(capsys, monkeypatch):
    """``tocsin ARGS`` in this process, through the same entry point and error handling as the command."""

    def run(*args: str) -> Ran:
        monkeypatch.setattr(sys, "argv", ["tocsin", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return Ran(code, out.out + out.err)

    return run


def _store_with_one_article(_run, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Police arrested 12 protesters in Nairobi on Friday.\n")
    db = tmp_path / "ok.db"
    res = _run("ingest", str(src), "--db", str(db), "--published", "2022-01-01", "--workers", "1")
    assert res.exit_code == 0, res.output
    return db


def test_a_corrupt_database_is_one_line_of_advice(_run, tmp_path) -> None:
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"not a database at all " * 500)
    for cmd in (["articles"], ["events"], ["export", "--format", "csv", "-o", str(tmp_path / "x.csv")]):
        res = _run(*cmd, "--db", str(bad))
        assert res.exit_code == 2
        assert res.output.count("\n") == 1 and "corrupt or not a Tocsin store" in res.output
        assert "Traceback" not in res.output and "sqlalche.me" not in res.output
    assert bad.read_bytes().startswith(b"not a database")  # left as it was


def test_a_read_only_store_can_be_read_but_not_written(_run, tmp_path) -> None:
    db = _store_with_one_article(_run, tmp_path)
    ro = f"sqlite:///file:{db}?mode=ro&uri=true"  # read-only even for root, unlike file permissions
    res = _run("events", "--db", ro)
    assert res.exit_code == 0 and "Police arrested 12 protesters" in res.output
    src = tmp_path / "b.txt"
    src.write_text("Rebels attacked an army base near Goma.\n")
    res = _run("ingest", str(src), "--db", ro, "--workers", "1")
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == ["tocsin: database error: attempt to write a readonly database"]


def test_bad_output_paths_are_named(_run, tmp_path) -> None:
    db = _store_with_one_article(_run, tmp_path)
    for out, words in (
        (tmp_path / "missing" / "x.tsv", "does not exist"),
        (tmp_path, "is a directory"),
        (tmp_path / "file.txt" / "x.tsv", "does not exist"),
    ):
        if out.name == "x.tsv" and out.parent.name == "file.txt":
            out.parent.write_text("a file, not a folder")
        res = _run("export", "--db", str(db), "--format", "gdelt", "-o", str(out))
        assert res.exit_code == 2, res.output
        assert words in res.output and res.output.count("\n") == 1


def test_an_oversized_item_is_refused_and_the_batch_goes_on(_run, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_small.txt").write_text("Police arrested 12 protesters in Nairobi on Friday.\n")
    (folder / "b_huge.txt").write_text("The army shelled the town. " * 2_000)
    (folder / "c_small.txt").write_text("Rebels attacked an army base near Goma.\n")
    db = tmp_path / "s.db"
    res = _run("ingest", str(folder), "--db", str(db), "--max-chars", "10000", "--workers", "1")
    assert res.exit_code == 1
    assert "ingested 2," in res.output
    assert "b_huge.txt: text is 54,000 characters, over the limit of 10,000" in res.output


def test_a_store_refused_as_locked_for_a_moment_opens_on_a_retry(tmp_path, monkeypatch):
    import sqlite3

    import pytest
    from sqlalchemy.exc import OperationalError

    from tocsin.errors import StoreError
    from tocsin.store import Store, open_store

    real = Store.migrate
    refusals = iter([OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))])

    def flaky(self):
        for exc in refusals:
            raise exc
        return real(self)

    monkeypatch.setattr(Store, "migrate", flaky)
    open_store(str(tmp_path / "a.db")).close()  # refused once, then opened

    def broken(self):
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(Store, "migrate", broken)
    with pytest.raises(StoreError, match="disk I/O error"):  # not a lock: said at once, not retried
        open_store(str(tmp_path / "b.db"))
