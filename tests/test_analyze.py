"""Series, detectors and alerts: detectors on hand-made series, series and alerts on a hand-built store."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import typing

import pytest

from tocsin.analyze.alerts import Notifier, compute_alerts, refresh_alerts, stored_alerts
from tocsin.analyze.detect import REGISTRY, Params, nb_tail
from tocsin.analyze.series import SeriesQuery, compute_series
from tocsin.errors import InputError
from tocsin.models import Actor, Article, Event, Evidence, Extraction, Place, SourceItem

RUS = Actor(id="r", text="Russian forces", name="Russian forces", country="RUS", sector="MIL")
UKR = Actor(id="u", text="Ukraine", name="Ukraine", country="UKR", sector="GOV", kind="state")
KYIV = Place(text="Kyiv", name="Kyiv", start=0, end=4, country="UKR", lat=50.45, lon=30.52, geonames_id=703448,
             feature="city")  # fmt: skip

QUIET = [0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 2.0, 0.0, 1.0, 0.0] * 4


@pytest.mark.parametrize("name", [m for m in REGISTRY if m != "highest"])
def test_every_method_fires_on_a_jump_and_not_on_a_quiet_series(name):
    p = Params()
    assert REGISTRY[name].fn(QUIET, p) == []
    hits = REGISTRY[name].fn([*QUIET, 12.0], p)
    assert [s.index for s in hits] == [len(QUIET)]
    assert hits[0].observed == 12.0 and hits[0].baseline < 2


@pytest.mark.parametrize("name", list(REGISTRY))
def test_low_baselines_never_ring_on_one_to_two(name):
    values = [0.0] * 120 + [1.0, 2.0, 0.0, 2.0, 1.0, 2.0]
    assert REGISTRY[name].fn(values, Params()) == []


def test_highest_needs_history_and_a_record():
    p = Params()
    assert REGISTRY["highest"].fn([5.0] * 30, p) == []  # too little history
    values = [1.0 * (i % 5 == 0) for i in range(200)] + [6.0]
    assert [s.index for s in REGISTRY["highest"].fn(values, p)] == [200]


def test_negative_binomial_tail_is_a_probability():
    assert nb_tail(0, 1.0, 1.0) == 1.0
    assert 0.0 < nb_tail(3, 1.0, 1.0) < nb_tail(2, 1.0, 1.0) < 1.0
    # overdispersion makes a large count less surprising than under Poisson
    assert nb_tail(8, 1.0, 4.0) > nb_tail(8, 1.0, 1.0)


def _add(store, aid: str, day: str, *, etype="ASSAULT", status="asserted", cameo="190", text=None):
    text = text or f"Russian forces attacked Ukraine near Kyiv on {day}, report {aid}."
    art = Article(text=text, id=aid, published=dt.date.fromisoformat(day))
    code_quad = 4 if etype in ("ASSAULT", "MOBILIZE", "COERCE") else 3
    ev = Event(id=f"{aid}-e1", type=etype, cameo=cameo, quad_class=code_quad, goldstein=-10.0, source=(RUS,),
               target=(UKR,), evidence=(Evidence(0, 0, len(text), text, "attacked", "lexicon"),), status=status,
               date=day, date_precision="day", location=KYIV, confidence=0.8, dead=2)  # fmt: skip
    when = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    item = SourceItem(name=aid, text=text, url=f"https://news.example/{aid}", published=when)
    store.add(item, Extraction(article=art, events=(ev,)))


def _history(store):
    start = dt.date(2022, 1, 1)
    for d in range(60):
        day = (start + dt.timedelta(days=d)).isoformat()
        _add(store, f"c{d}", day, etype="CONSULT", cameo="040", text=f"Diplomats met on day {d} of the talks.")
        if d % 9 == 0:
            _add(store, f"a{d}", day)
        if d >= 35:  # the warnings rise three weeks before the attack
            for k in range(4):
                _add(store, f"w{d}-{k}", day, etype="ASSAULT", status="future", text=f"Russia could invade {d} {k}")
    for k in range(12):
        _add(store, f"onset{k}", "2022-03-02", text=f"Russian forces attacked Kyiv, account {k} of the onset day")


def test_series_counts_in_sql_with_explicit_zeros_and_channels_apart(store):
    _history(store)
    [s] = compute_series(store, SeriesQuery(by="dyad", freq="day", channel="conflict", metric="reports",
                                            since="2022-01-01"))  # fmt: skip
    assert s.unit.key == "RUS-UKR"
    assert len(s.periods) == len(set(s.periods)) == 61 and s.periods[0] == "2022-01-01"
    assert s.values[1] == 0.0 and s.values[0] == 1.0  # a gap is an explicit zero
    assert s.values[-1] == 12.0
    [e] = compute_series(store, SeriesQuery(by="dyad", channel="conflict", metric="events"))
    assert e.values[-1] == 1.0  # twelve reports that read alike are one real-world event
    [w] = compute_series(store, SeriesQuery(by="dyad", channel="warning", metric="mentions"))
    assert w.total == 25 * 4  # the threats never count as attacks
    [dead] = compute_series(store, SeriesQuery(by="dyad", metric="dead", freq="month"))
    assert dead.periods == ("2022-01-01", "2022-02-01", "2022-03-01") and dead.values[-1] == 24.0
    [week] = compute_series(store, SeriesQuery(by="country", role="target", freq="week"))
    assert week.periods[0] == "2021-12-27"  # the Monday of 2022-01-01's ISO week
    records = list(s.records())
    assert set(records[0]) == {"unit", "period", "channel", "metric", "value"}
    assert records[0]["unit"] == {"kind": "dyad", "source": "RUS", "target": "UKR"}


def test_alerts_fire_on_the_onset_warnings_earlier_and_are_raised_once(store):
    _history(store)
    new = refresh_alerts(store)
    conflict = [a for a in new if a.channel == "conflict" and a.unit.kind == "dyad"]
    warning = [a for a in new if a.channel == "warning" and a.unit.kind == "dyad"]
    assert [a.date for a in conflict] == ["2022-03-02"]
    assert warning and min(a.date for a in warning) <= "2022-02-22"  # at least a week earlier
    alert = conflict[0]
    assert alert.observed == 12 and alert.baseline < 1 and alert.events and alert.evidence
    assert alert.evidence[0]["url"].startswith("https://news.example/onset")
    assert len({ev["event_id"] for ev in alert.evidence}) == len(alert.evidence)  # one sentence per event
    assert refresh_alerts(store) == []  # the same history raises nothing new
    from tocsin.store import schema as S

    with store.engine.begin() as conn:  # the onset's reports turn out to be one misdated wire story
        conn.execute(S.event_mentions.update().where(S.event_mentions.c.date == "2022-03-02").values(date_flag="x"))
    refresh_alerts(store)
    assert alert.id not in {a["id"] for a in stored_alerts(store)}
    assert alert.id in {a["id"] for a in stored_alerts(store, withdrawn=True) if a["state"] == "withdrawn"}
    rec = stored_alerts(store, channel="conflict", withdrawn=True)[0]
    assert {"id", "unit", "channel", "date", "first_seen", "method", "observed", "baseline", "severity",
            "events", "evidence"} <= set(rec)  # fmt: skip


def test_unknown_series_options_are_refused(store):
    with pytest.raises(InputError, match="--by 'bogus'"):
        compute_series(store, SeriesQuery(by="bogus"))
    with pytest.raises(InputError, match="unknown detection method"):
        compute_alerts(store, methods=("magic",))


class _Sink(http.server.BaseHTTPRequestHandler):
    got: typing.ClassVar[list[dict]] = []
    fail = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if _Sink.fail:
            self.send_response(503)
        else:
            _Sink.got.append(json.loads(body))
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_notify_posts_each_new_alert_once_and_keeps_them_while_the_receiver_is_down(store, tmp_path):
    _history(store)
    _Sink.got = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    lines: list[str] = []
    try:
        _Sink.fail = True
        note = Notifier(url=url, file=tmp_path / "alerts.jsonl", echo=lines.append)
        note.poll(store)
        assert _Sink.got == [] and any("kept for next poll" in m for m in lines)
        assert not (tmp_path / "alerts.jsonl").exists()
        _Sink.fail = False
        note.poll(store)
        ids = [a["id"] for a in _Sink.got]
        assert ids and len(ids) == len(set(ids))
        note.poll(store)
        assert [a["id"] for a in _Sink.got] == ids  # delivered once
        filed = [json.loads(x)["id"] for x in (tmp_path / "alerts.jsonl").read_text().splitlines()]
        assert filed == ids
    finally:
        server.shutdown()
    down = Notifier(url="http://127.0.0.1:9/none", file=None, echo=lines.append)
    down.poll(store)  # nothing pending any more: and a receiver that is down is one line, never a crash


def test_no_alert_without_a_watched_baseline(store):
    # every article published on one day, its events dated weeks back by the text: no history to compare with
    for k in range(8):
        _add(store, f"b{k}", "2022-03-02", text=f"Russian forces attacked Kyiv, account {k} of one day")
    for k in range(3):
        old = f"2022-02-{10 + k:02d}"
        text = f"Back on {old} Russia shelled a village, report {k}."
        _add(store, f"old{k}", old, text=text)
    with store.engine.begin() as conn:  # those three were published on the busy day too
        from tocsin.store import schema as S

        conn.execute(S.articles.update().values(published="2022-03-02T00:00:00+00:00"))
    assert [a for a in compute_alerts(store) if a.channel == "conflict"] == []
