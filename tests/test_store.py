"""The store against real databases: atomic articles, deduplication, grouping, migrations, filters."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tocsin.errors import StoreError
from tocsin.models import Actor, Article, Event, Evidence, Extraction, Place, SourceItem
from tocsin.store import EventFilter, content_hash, open_store, resolve_url
from tocsin.store.grouping import close
from tocsin.store.schema import MIGRATIONS

FRA = Actor(id="a1", text="Macron", name="Emmanuel Macron", country="FRA", sector="GOV", kind="person")
RUS = Actor(id="a2", text="Putin", name="Vladimir Putin", country="RUS", sector="GOV", kind="person")
KYIV = Place(text="Kyiv", name="Kyiv", country="UKR", admin1="Kyiv City", lat=50.45, lon=30.52,
             geonames_id=703448, feature="city", start=0, end=4)  # fmt: skip


def extraction(text: str, aid: str, *, events: int = 1, source: str | None = None) -> tuple[SourceItem, Extraction]:
    art = Article(text=text, id=aid, published=dt.date(2022, 2, 20), source=source)
    evs = tuple(
        Event(
            id=f"{aid}-e{n}",
            type="CONSULT",
            cameo="040",
            quad_class=1,
            goldstein=1.0,
            source=(FRA,),
            target=(RUS,),
            evidence=(Evidence(0, 0, len(text), text, "spoke", "lexicon+dep:speak->040"),),
            date="2022-02-20",
            date_precision="day",
            location=KYIV,
            confidence=0.9,
        )
        for n in range(1, events + 1)
    )
    item = SourceItem(name=f"{aid}.txt", text=text, source=source, path=f"{aid}.txt")
    return item, Extraction(article=art, actors=(FRA, RUS), events=evs, places=(KYIV,))


def test_article_and_children_are_stored_once(store):
    item, x = extraction("Macron spoke to Putin on Sunday.", "x1")
    assert store.add(item, x) == "x1"
    assert store.add(item, x) is None  # the same text again is a duplicate, not an error
    assert store.count("articles") == 1
    assert store.count("event_mentions") == 1
    assert store.count("actors") == 2
    assert store.find_duplicate(SourceItem(name="other", text="Macron  spoke to Putin\non Sunday.")) == "x1"


def test_failed_write_leaves_no_partial_article(store):
    item, x = extraction("Macron spoke to Putin twice on Sunday.", "x2", events=2)
    # two mentions with the same id break the primary key after the article row was written
    broken = Extraction(article=x.article, actors=x.actors, events=(x.events[0], x.events[0]))
    with pytest.raises(StoreError):
        store.add(item, broken)
    assert store.count("articles") == 0
    assert store.count("actors") == 0
    assert store.add(item, x) == "x2"


def test_mentions_group_into_real_world_events(store):
    for n, outlet in ((1, "AFP"), (2, "Reuters"), (3, "AFP")):
        item, x = extraction(f"Report {n}: Macron spoke to Putin.", f"r{n}", source=outlet)
        store.add(item, x)
    events = list(store.events())
    assert len(events) == 1
    ev = events[0]
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (3, 3, 2)
    assert ev["source_code"] == "FRAGOV+RUSGOV"  # CONSULT is symmetric: all participants are actors
    assert ev["geonames_id"] == 703448


def test_filters(store):
    item, x = extraction("Macron spoke to Putin.", "f1")
    store.add(item, x)
    assert len(list(store.mentions(EventFilter(country="RUS")))) == 1
    assert len(list(store.mentions(EventFilter(country="USA")))) == 0
    assert len(list(store.mentions(EventFilter(since="2022-02-21")))) == 0
    assert len(list(store.mentions(EventFilter(until="2022-02-20", type="consult")))) == 1
    assert len(list(store.mentions(EventFilter(actor="Putin")))) == 1
    assert len(list(store.mentions(EventFilter(min_confidence=0.95)))) == 0


def test_migrations_are_named_recorded_and_not_repeated(tmp_path):
    path = str(tmp_path / "m.db")
    with open_store(path) as s:
        assert [name for name, _ in s.migrations()] == [name for name, _ in MIGRATIONS]
    with open_store(path) as s:
        assert s.migrate() == []
        assert len(s.migrations()) == len(MIGRATIONS)


def test_sqlite_runs_in_wal_mode(tmp_path):
    with open_store(str(tmp_path / "w.db")) as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_urls_and_bad_locations(tmp_path, monkeypatch):
    assert resolve_url(str(tmp_path / "a.db")).startswith("sqlite:////")
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("TOCSIN_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))


def test_feed_state_and_seen_links(store):
    assert store.feed_state("http://x/feed") == (None, None)
    store.save_feed_state("http://x/feed", '"abc"', "Sun, 20 Feb 2022 10:00:00 GMT")
    store.save_feed_state("http://x/feed", '"def"', None)
    assert store.feed_state("http://x/feed") == ('"def"', None)
    store.mark_seen(["http://x/1", "http://x/2"], "http://x/feed")
    store.mark_seen(["http://x/2"], "http://x/feed")
    assert store.unseen(["http://x/1", "http://x/3"]) == ["http://x/3"]


def test_content_hash_ignores_whitespace_only():
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def _assault(aid: str, text: str, *, source=(RUS,), target=(FRA,), date="2022-02-24", precision="day", place=KYIV):
    art = Article(text=text, id=aid, published=dt.date(2022, 2, 24))
    ev = Event(
        id=f"{aid}-e1", type="ASSAULT", cameo="190", quad_class=4, goldstein=-10.0, source=source, target=target,
        evidence=(Evidence(0, 0, len(text), text, "attacked", "lexicon"),), date=date, date_precision=precision,
        location=place, confidence=0.8,
    )  # fmt: skip
    return SourceItem(name=f"{aid}.txt", text=text, path=f"{aid}.txt"), Extraction(article=art, events=(ev,))


def test_two_reports_of_one_happening_group_and_two_happenings_do_not(store):
    store.add(*_assault("g1", "Russian forces attacked Kyiv at dawn with missiles, officials said."))
    store.add(*_assault("g2", "Missiles struck Kyiv at dawn as Russian forces attacked, witnesses said."))
    # same type, actors, day and place, but another happening: a different account entirely
    store.add(*_assault("g3", "A convoy was ambushed near a bridge on the highway."))
    events = sorted(store.events(), key=lambda e: -e["num_articles"])
    assert [e["num_articles"] for e in events] == [2, 1]


def test_no_cross_article_group_without_a_day_or_a_place(store):
    text = "Russian forces attacked Kyiv at dawn with missiles."
    store.add(*_assault("d1", text, date="2022-02", precision="month"))
    store.add(*_assault("d2", text + " Again?", date="2022-02", precision="month"))
    store.add(*_assault("p1", text + "  Again.", place=None))
    store.add(*_assault("p2", text + "  Again!", place=None))
    assert [e["num_articles"] for e in store.events()] == [1, 1, 1, 1]


def test_actorless_mentions_are_kept_unattributed_never_events(store):
    store.add(*_assault("u1", "The shelling went on all night.", source=(), target=()))
    store.add(*_assault("u2", "The shelling went on all night long.", source=(), target=()))
    assert store.count("events") == 0 and store.count("event_mentions") == 0
    rows = list(store.unattributed())
    assert [r["reason"] for r in rows] == ["no source or target actor"] * 2
    assert len(list(store.unattributed(EventFilter(type="ASSAULT")))) == 2


def test_grouping_closeness_rule():
    assert close("Russia attacked Kyiv with missiles at dawn", "At dawn missiles hit Kyiv in an attack by Russia")
    assert not close("Russia attacked Kyiv with missiles at dawn", "A convoy was ambushed near a bridge")


def test_old_store_is_upgraded_actorless_mentions_move_out(tmp_path):
    import json

    from sqlalchemy import create_engine

    from tocsin.store import schema as S

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # a store as 0001 left it, with one actorless and one attributed mention
        S.metadata.create_all(conn)
        conn.execute(S.migrations_table.insert().values(name="0001_initial", applied_at="2026-01-01"))
        conn.execute(S.articles.insert().values(id="a", content_hash="h", text="t", ingested_at="x", n_events=2))
        for eid, src, code in (("e1", [], None), ("e2", [RUS.to_dict()], "RUSGOV")):
            conn.execute(S.events.insert().values(id=eid, type="ASSAULT", status="asserted", source_code=code))
            conn.execute(S.event_mentions.insert().values(
                id=eid + "m", article_id="a", event_id=eid, type="ASSAULT", status="asserted", source_code=code,
                source=json.dumps(src), target="[]", n_evidence=1, evidence="[]"))  # fmt: skip
    engine.dispose()
    with open_store(str(path)) as s:
        assert s.count("unattributed_mentions") == 1
        assert [e["id"] for e in s.events()] == ["e2"]
        assert [m["source_country"] for m in s.mentions()] == ["RUS"]


def test_reading_commands_need_an_existing_store_and_known_schemes(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "typo.db"), create=False)
    assert not (tmp_path / "typo.db").exists()
    with pytest.raises(StoreError, match="unsupported database URL scheme 'mysql'"):
        open_store("mysql://u@h/db")


def test_like_wildcards_in_filters_are_literal(store):
    item, x = extraction("Macron spoke to Putin.", "w1")
    store.add(item, x)
    assert len(list(store.mentions(EventFilter(actor="%")))) == 0
    assert len(list(store.mentions(EventFilter(actor="Put")))) == 1


def test_concurrent_processes_open_one_new_database(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "new.db"
    code = "import sys; from tocsin.store import open_store; open_store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE) for _ in range(10)]
    errors = [p.communicate()[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, errors
    with open_store(str(path)) as s:
        assert len(s.migrations()) == len(MIGRATIONS)


def test_an_event_says_how_precisely_its_place_locates_it_and_old_stores_learn_to(tmp_path):
    from sqlalchemy import text

    from tocsin.store.read import event_summary

    county = Place(text="Douglas County", name="Douglas County", country="USA", admin1="Minnesota", lat=45.93,
                   lon=-95.45, geonames_id=5025335, feature="district", start=0, end=14)  # fmt: skip
    assert (county.precision, KYIV.precision) == ("admin2", "place")
    path = str(tmp_path / "lp.db")
    with open_store(path) as s:
        item, x = _assault("lp1", "Gunmen attacked a farm in Douglas County.", place=county)
        ev = dataclasses.replace(x.events[0], location_precision="admin2")
        s.add(item, Extraction(article=x.article, events=(ev,)))
        s.add(*_assault("lp2", "Gunmen attacked a farm near Kyiv."))  # written without a precision
        got = {e["id"]: event_summary(e)["location_precision"] for e in s.events()}
        assert sorted(got.values()) == ["admin2", "place"]  # the unstated one falls back on its GeoNames id
        # a store from before 0004 gets the column, and its rows read as they did
        with s.engine.begin() as conn:
            conn.execute(text("ALTER TABLE events DROP COLUMN location_precision"))
            conn.execute(text("DELETE FROM schema_migrations WHERE name = '0004_location_precision'"))
    with open_store(path) as s:
        assert sorted(event_summary(e)["location_precision"] for e in s.events()) == ["place", "place"]
