"""Bring your own events: UCDP, ACLED and GDELT tables into the store, then series, alerts and back-tests."""

from __future__ import annotations

import csv
import io

import pytest

from tocsin.analyze.backtest import backtest, read_onsets, table
from tocsin.analyze.importers import import_table
from tocsin.analyze.series import SeriesQuery, compute_series
from tocsin.errors import InputError
from tocsin.export import GDELT_COLUMNS

ACLED = [
    {"event_id_cnty": "UKR1", "event_date": "2022-02-24", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia (2000-)",
     "actor2": "Military Forces of Ukraine (2019-)", "country": "Ukraine", "admin1": "Kyiv", "location": "Kyiv",
     "latitude": "50.45", "longitude": "30.52", "fatalities": "3", "notes": "Russian aircraft struck Kyiv."},
    {"event_id_cnty": "UKR2", "event_date": "24 February 2022", "event_type": "Protests",
     "sub_event_type": "Peaceful protest", "actor1": "Protesters (Ukraine)", "actor2": "", "country": "Ukraine",
     "admin1": "Lviv", "location": "Lviv", "latitude": "49.84", "longitude": "24.03", "fatalities": "0",
     "notes": "People rallied against the invasion."},
    {"event_id_cnty": "UKR3", "event_date": "2022-02-25", "event_type": "Strategic developments",
     "sub_event_type": "Agreement", "actor1": "Government of Ukraine", "actor2": "", "country": "Ukraine",
     "admin1": "", "location": "", "latitude": "", "longitude": "", "fatalities": "0", "notes": ""},
]  # fmt: skip


def _write_acled(path):
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ACLED[0]))
        w.writeheader()
        w.writerows(ACLED)


def test_acled_rows_become_events_with_their_codes_and_fatalities(store, tmp_path):
    path = tmp_path / "acled.csv"
    _write_acled(path)
    summary = import_table(store, path, "acled")
    assert (summary.rows, summary.stored) == (3, 2)
    assert "has no CAMEO equivalent" in summary.lines()[1]
    rows = {r["cameo"]: r for r in store.mentions()}
    assert set(rows) == {"195", "141"}
    strike = rows["195"]
    assert (strike["source_country"], strike["target_country"], strike["dead"]) == ("RUS", "UKR", 3)
    assert strike["origin"] == "acled" and "struck Kyiv" in strike["evidence"]
    again = import_table(store, path, "acled")
    assert again.duplicate and store.count("event_mentions") == 2  # a re-import changes nothing


def test_wrong_formats_are_refused_by_name(store, tmp_path):
    path = tmp_path / "acled.csv"
    _write_acled(path)
    with pytest.raises(InputError, match="does not look like a UCDP table: missing columns"):
        import_table(store, path, "ucdp")
    with pytest.raises(InputError, match="not 61"):
        import_table(store, path, "gdelt")
    with pytest.raises(InputError, match="no such file"):
        import_table(store, tmp_path / "none.csv", "acled")
    assert store.count("articles") == 0


def test_one_broken_record_is_skipped_not_the_file(store, tmp_path):
    path = tmp_path / "acled.csv"
    _write_acled(path)
    text = path.read_text().splitlines()
    text.insert(2, '"UKR9","2022-02-24","Battles","Armed clash","' + "x" * 1_100_000 + '","","Ukraine"')
    path.write_text("\n".join(text) + "\n")
    summary = import_table(store, path, "acled")
    assert summary.stored == 2 and any("unreadable CSV record" in why for _, why in summary.skipped)


def test_gdelt_export_imports_back(store, tmp_path):
    row = [""] * 61
    row[0], row[1], row[5], row[6], row[7] = "1", "20220224", "RUS", "RUSSIA", "RUS"
    row[15], row[16], row[17], row[26], row[29], row[30] = "UKR", "UKRAINE", "UKR", "190", "4", "-10"
    row[52], row[53], row[56], row[57], row[60] = "Kyiv", "UKR", "50.45", "30.52", "https://x.example/1"
    bad = ["2", "2022", *[""] * 59]
    path = tmp_path / "g.tsv"
    path.write_text("\t".join(GDELT_COLUMNS) + "\n" + "\t".join(row) + "\n" + "\t".join(bad) + "\n")
    summary = import_table(store, path, "gdelt")
    assert (summary.rows, summary.stored) == (2, 1)
    [m] = list(store.mentions())
    assert (m["type"], m["cameo"], m["source_country"], m["target_country"]) == ("ASSAULT", "190", "RUS", "UKR")


def test_ucdp_table_loads_every_row_and_backtests_the_2014_onset(store, shared, tmp_path):
    path = shared / "corpora" / "ucdp-ged-ukraine" / "ucdp_ged_ukraine_2014_2022.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    with path.open(newline="", encoding="utf8") as fh:
        n_rows = sum(1 for _ in csv.DictReader(fh))
    summary = import_table(store, path, "ucdp")
    assert summary.rows == summary.stored == n_rows
    found = compute_series(store, SeriesQuery(by="country", role="affected", freq="month", metric="reports"))
    # one row took place in Russia (country "Russia (Soviet Union)"): it counts there, not in Ukraine
    assert {s.unit.key: s.total for s in found} == {"UKR": n_rows - 1, "RUS": 1}
    onsets = tmp_path / "onsets.csv"
    onsets.write_text("unit,date\nUKR,2014-04-12\n")
    report = backtest(store, read_onsets(onsets), freq="week")
    names = {r["method"] for r in report["methods"]}
    assert {"change", "surge", "highest", "nbsurprise", "nochange"} <= names
    assert all(r["per_onset"][0]["date"] == "2014-04-12" for r in report["methods"])
    assert "2014-04-12" in table(report)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("unit,when\nUKR,2014-04-12\n", "needs the columns unit,date"),
        ("unit,date\nUkraine,2014-04-12\n", "neither a country"),
        ("unit,date\nUKR,12/04/2014\n", "is not YYYY-MM-DD"),
        ("unit,date\n", "lists no onsets"),
    ],
)
def test_malformed_onset_files_are_refused_with_the_line(tmp_path, content, message):
    path = tmp_path / "o.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_onsets(path)


def test_series_csv_names_its_columns(store):
    from tocsin.analyze.output import COLUMNS

    assert COLUMNS[:2] == ("unit_kind", "unit") and io.StringIO()  # the documented CSV header
