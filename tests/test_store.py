"""The store against real databases: atomic articles, deduplication, grouping, migrations, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from tocsin.errors import StoreError
from tocsin.models import Actor, Article, Event, Evidence, Extraction, Place, SourceItem
from tocsin.store import EventFilter, content_hash, open_store, resolve_url

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
        assert [name for name, _ in s.migrations()] == ["0001_initial"]
    with open_store(path) as s:
        assert s.migrate() == []
        assert len(s.migrations()) == 1


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
