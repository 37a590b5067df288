"""The HTTP API: typed JSON, cursor pagination, 4xx problems for bad requests, the token on POST, headers."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from tocsin.models import Actor, Article, Event, Evidence, Extraction, Place, SourceItem
from tocsin.serve.app import MAX_BODY, create_app

TOKEN = "s3cret-token-for-tests-only"
RUS = Actor(id="r", text="Russian forces", name="Russian forces", country="RUS", sector="MIL")
UKR = Actor(id="u", text="Ukraine", name="Ukraine", country="UKR", sector="GOV", kind="state")
KYIV = Place(text="Kyiv", name="Kyiv", start=0, end=4, country="UKR", lat=50.45, lon=30.52, geonames_id=703448,
             feature="city")  # fmt: skip


def _fill(store, n: int = 7) -> None:
    for i in range(n):
        text = f"Russian forces attacked Ukraine near Kyiv, report number {i} of a long day {i * 7}."
        day = (dt.date(2022, 2, 20) + dt.timedelta(days=i % 3)).isoformat()
        ev = Event(id=f"a{i}-e1", type="ASSAULT", cameo="190", quad_class=4, goldstein=-10.0, source=(RUS,),
                   target=(UKR,), evidence=(Evidence(0, 0, len(text), text, "attacked", "lexicon:attack->190"),),
                   date=day, date_precision="day", location=KYIV if i % 2 else None, confidence=0.8)  # fmt: skip
        art = Article(text=text, id=f"a{i}", published=dt.date.fromisoformat(day))
        store.add(
            SourceItem(name=f"a{i}", text=text, url=f"https://x.example/{i}"), Extraction(article=art, events=(ev,))
        )


@pytest.fixture
def client(store):
    _fill(store)
    return TestClient(create_app(store, allow_ingest=True, token=TOKEN)), store


def test_events_page_through_with_cursors_exactly_once(client):
    c, store = client
    seen, cursor = [], None
    while True:
        r = c.get("/api/v1/events", params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        body = r.json()
        seen += [e["id"] for e in body["events"]]
        cursor = body["next"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == store.count("events")
    dates = [e["date"] for e in c.get("/api/v1/events", params={"limit": 100}).json()["events"]]
    assert dates == sorted(dates)


def test_event_and_article_views_carry_the_evidence(client):
    c, _ = client
    first = c.get("/api/v1/events", params={"limit": 1}).json()["events"][0]
    detail = c.get(f"/api/v1/events/{first['id']}").json()
    report = detail["reports"][0]
    assert report["evidence"][0]["trigger"] == "attacked" and report["article_url"].startswith("https://x.example/")
    art = c.get(f"/api/v1/articles/{report['article_id']}").json()
    ev = art["events"][0]["evidence"][0]
    assert art["text"][ev["start"] : ev["end"]].startswith("Russian forces attacked")


@pytest.mark.parametrize(
    ("path", "params", "status", "needle"),
    [
        ("/api/v1/events", {"since": "2022-13-45"}, 400, "not a date"),
        ("/api/v1/events", {"limit": 100000}, 400, "limit"),
        ("/api/v1/events", {"type": "ATTACK"}, 400, "did you mean ASSAULT"),
        ("/api/v1/events", {"status": "maybe"}, 400, "not a status"),
        ("/api/v1/events", {"country": "Russia"}, 400, "use RUS"),
        ("/api/v1/events", {"cursor": "not-a-cursor"}, 400, "cursor"),
        ("/api/v1/events", {"min_confidence": "high"}, 400, "min_confidence"),
        ("/api/v1/series", {"by": "galaxy"}, 400, "--by 'galaxy'"),
        ("/api/v1/series", {"top": 0}, 400, "top"),
        ("/api/v1/alerts", {"channel": "panic"}, 400, "channel"),
        ("/api/v1/events/nope", {}, 404, "no event"),
        ("/api/v1/articles/nope", {}, 404, "no article"),
        ("/api/v1/nothing", {}, 404, "no such page"),
    ],
)
def test_bad_requests_get_json_problems_never_500(client, path, params, status, needle):
    c, store = client
    before = store.count("event_mentions")
    r = c.get(path, params=params)
    assert r.status_code == status and needle in r.json()["error"], r.text
    assert "Traceback" not in r.text and store.count("event_mentions") == before


def test_posting_needs_the_token_and_size_limits_hold(client):
    c, store = client
    before = store.count("articles")
    body = {"text": "Russian forces shelled Kharkiv on Monday.", "published": "2022-02-21"}
    assert c.post("/api/v1/articles", json=body).status_code == 401
    assert c.post("/api/v1/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = c.post("/api/v1/articles", content=b"x" * (MAX_BODY + 1), headers=auth)
    assert big.status_code == 413 and "over" in big.json()["error"]
    bad = c.post("/api/v1/articles", json={"text": ""}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 400
    assert store.count("articles") == before  # nothing stored by refused requests
    ok = c.post("/api/v1/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201 and ok.json()["id"] and store.count("articles") == before + 1


def test_read_only_by_default_and_headers_lock_the_page_down(store):
    c = TestClient(create_app(store))
    r = c.post("/api/v1/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    page = c.get("/")
    assert page.status_code == 200 and "Tocsin" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
    assert c.get("/static/app.js").status_code == 200 and c.get("/static/../cli.py").status_code == 404
    spec = c.get("/api/v1/openapi.json").json()
    assert {"/api/v1/events", "/api/v1/series", "/api/v1/alerts", "/api/v1/stats"} <= set(spec["paths"])


def test_series_stats_places_and_actors(client):
    c, _ = client
    [s] = c.get("/api/v1/series", params={"by": "dyad", "unit": "RUS-UKR"}).json()
    assert s["unit"]["key"] == "RUS-UKR" and sum(p["value"] for p in s["points"]) == 7
    stats = c.get("/api/v1/stats").json()
    assert stats["totals"]["articles"] == 7 and stats["by_status"] == {"asserted": 7} and stats["version"]
    places = c.get("/api/v1/places").json()
    assert places and places[0]["precision"] == "place" and places[0]["conflict"] > 0
    assert c.get("/api/v1/actors").status_code == 200


def test_assets_hold_no_remote_addresses():
    from pathlib import Path

    import tocsin.serve as serve

    static = Path(serve.__file__).parent / "static"
    for name in ("index.html", "app.js", "app.css"):
        text = (static / name).read_text(encoding="utf8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text, name
