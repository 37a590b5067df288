"""The dashboard in a real browser: headless Chromium (Debian's chromium + chromium-driver) on a store built
from the bundled samples. Skips with a message when the browser is not installed (.ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip("headless Chromium not installed: apt-get install chromium chromium-driver (.ci/run does)")
    import uvicorn

    from tocsin.serve import sample_store
    from tocsin.serve.app import create_app
    from tocsin.store import open_store

    db = tmp_path_factory.mktemp("dash") / "sample.db"
    sample_store(db)
    store = open_store(str(db), create=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/", store
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000"):  # fmt: skip
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield driver
    driver.quit()


def _wait(driver, script: str, timeout: float = 20.0):
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


def _store_event(store, key: str, text: str, place=None) -> None:
    import datetime as dt

    from tocsin.models import Actor, Article, Event, Evidence, Extraction, SourceItem

    reb = Actor(id="r", text="Rebels", name="Rebels", sector="REB")
    ev = Event(id=f"{key}-e1", type="ASSAULT", cameo="194", quad_class=4, goldstein=-10.0, source=(reb,), target=(),
               evidence=(Evidence(0, 0, len(text), text, "shelled", "lexicon"),), date="2022-02-19",
               date_precision="day", confidence=0.8, location=place,
               location_precision=place.precision if place else None)  # fmt: skip
    art = Article(text=text, id=key, published=dt.date(2022, 2, 20))
    store.add(SourceItem(name=key, text=text), Extraction(article=art, events=(ev,), places=(place,) if place else ()))


def test_dashboard_map_event_evidence_and_alert_explanation(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    from tocsin.models import Place

    url, _store = server
    browser.get(url)
    _wait(browser, "return document.body.dataset.ready === '1'")
    circles = browser.find_elements(By.CSS_SELECTOR, "#map circle")
    assert circles, "the map shows no events"
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.land.has")  # countries with events are filled
    # only a town is a filled dot; a region is a ring, a country or a larger area a dashed ring
    from tocsin.store import EventFilter
    from tocsin.store.read import places

    _store_event(_store, "region", "Rebels shelled villages in the Luhansk region on Saturday.",
                 Place(text="Luhansk region", name="Luhansk", start=27, end=41, country="UKR", lat=48.6, lon=39.3,
                       feature="region", rule="gazetteer"))  # fmt: skip
    drawn = {"place": "at-place", "admin2": "at-region", "admin1": "at-region", "country": "country-only",
             "area": "country-only"}  # fmt: skip
    want = sorted(drawn[p["precision"]] for p in places(_store, EventFilter()))
    for _ in range(50):  # the server sees a store change within a second
        browser.refresh()
        _wait(browser, "return document.body.dataset.ready === '1'")
        circles = browser.find_elements(By.CSS_SELECTOR, "#map circle")
        if len(circles) == len(want):
            break
        time.sleep(0.2)
    got = sorted(c.get_attribute("class").split()[1] for c in circles)
    assert got == want and "at-place" in got and len(set(got)) > 1, got
    ring = browser.find_element(By.CSS_SELECTOR, "#map circle:not(.at-place)")
    assert ring.value_of_css_property("fill") == "none"

    # an event: one event, N reports, each sentence with its trigger highlighted and a link to the article
    browser.find_element(By.CSS_SELECTOR, "#map circle.conflict").click()
    _wait(browser, "return document.querySelector('#detail-body .report mark.trigger') !== null")
    head = browser.find_element(By.CSS_SELECTOR, "#detail-body h2").text
    assert head.startswith("One event,") and "report" in head
    trigger = browser.find_element(By.CSS_SELECTOR, "#detail-body .report mark.trigger").text
    sentence = browser.find_element(By.CSS_SELECTOR, "#detail-body .report blockquote").text
    assert trigger and trigger in sentence
    browser.find_element(By.CSS_SELECTOR, "#detail-body .report a.link").click()
    _wait(browser, "return document.querySelector('#detail-body .article-text .ev') !== null")

    browser.find_element(By.ID, "close").click()  # the drawer closes and the alert list is in reach again
    _wait(browser, "return document.getElementById('detail').hidden")

    # an alert opens its explanation: method, observed against baseline, contributing events
    alerts = browser.find_elements(By.CSS_SELECTOR, "#alerts li[data-alert]")
    assert alerts, "the sample store raises no alert"
    conflict = [li for li in alerts if "conflict" in li.text] or alerts
    conflict[0].click()
    _wait(browser, "return document.querySelector('#detail-body .explanation') !== null")
    text = browser.find_element(By.ID, "detail-body").text
    assert "observed" in text and "baseline" in text and "Contributing events" in text
    assert browser.find_elements(By.CSS_SELECTOR, "#detail-body .contributing mark.trigger")
    _wait(browser, "return document.querySelectorAll('#timeline polyline').length >= 1")
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline .alert-mark")

    shots = Path(os.environ.get("TOCSIN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(shots / "dashboard.png"))
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # no script errors, nothing blocked by the content security policy


def test_dashboard_filters_narrow_the_view_and_bad_values_are_explained(server, browser):
    from selenium.webdriver.common.by import By

    url, _ = server
    browser.get(url)
    _wait(browser, "return document.body.dataset.ready === '1'")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=actor]")
    box.send_keys("RUSMIL")
    browser.find_element(By.CSS_SELECTOR, "#filters button").click()
    _wait(browser, "const rows = [...document.querySelectorAll('#events tbody tr')];"
                   "return rows.length > 0 && rows.every(r => r.textContent.includes('RUSMIL'))")  # fmt: skip
    box.clear()
    country = browser.find_element(By.CSS_SELECTOR, "input[name=country]")
    country.send_keys("XXX")
    browser.find_element(By.CSS_SELECTOR, "#filters button").click()
    message = _wait(browser, "return document.getElementById('error').textContent")
    assert "ISO alpha-3" in message


def test_dashboard_follows_new_events(server, browser):
    import datetime as dt

    from selenium.webdriver.common.by import By

    from tocsin.models import Actor, Article, Event, Evidence, Extraction, SourceItem

    url, store = server
    browser.get(url)
    _wait(browser, "return document.body.dataset.ready === '1'")
    before = browser.find_element(By.ID, "stats").text
    text = "Belarusian troops attacked Polish border guards near Kuznica on Friday."
    bel = Actor(id="b", text="Belarusian troops", name="Belarusian troops", country="BLR", sector="MIL")
    pol = Actor(id="p", text="Polish border guards", name="Polish border guards", country="POL", sector="MIL")
    ev = Event(id="live-e1", type="ASSAULT", cameo="190", quad_class=4, goldstein=-10.0, source=(bel,), target=(pol,),
               evidence=(Evidence(0, 0, len(text), text, "attacked", "lexicon"),), date="2022-02-25",
               date_precision="day", confidence=0.8)  # fmt: skip
    art = Article(text=text, id="live", published=dt.date(2022, 2, 25))
    store.add(SourceItem(name="live", text=text), Extraction(article=art, events=(ev,)))
    _wait(browser, f"return document.getElementById('stats').textContent !== {before!r}", timeout=30)
    _wait(browser, "return [...document.querySelectorAll('#dyads td')].some(td => td.textContent === 'BLR → POL')",
          timeout=30)  # fmt: skip
