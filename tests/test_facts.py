"""Facts stay with their own clause: casualty counts, speakers, implausible dates (real pipeline)."""

from __future__ import annotations

import datetime as dt

import pytest

import tocsin
from tocsin.pipeline import implausible_date


def _events(nlp, text: str, published: str = "2022-03-01"):
    return tocsin.extract(text, published=published, nlp=nlp).events


def test_speakers_are_never_the_perpetrators(nlp):
    evs = _events(nlp, "Russian troops shelled Kharkiv on Monday, killing 5 civilians, Ukrainian officials said.")
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert assaults and all("UKR" not in {a.country for a in e.source} for e in assaults)
    assert any(e.dead == 5 for e in assaults)


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of attacks were reported in recent days, in a conflict that has rumbled on for eight years "
        "and claimed more than 14,000 lives.",
        "Rebels shelled the town on Sunday. The war has killed 14,000 people since 2014.",
    ],
)
def test_background_tolls_are_no_events_dead(nlp, text):
    assert all(e.dead != 14000 for e in _events(nlp, text) if e.status == "asserted" and e.date == "2022-02-27")
    assert all(e.dead is None for e in _events(nlp, text) if e.evidence[0].trigger.lower() in ("attacks", "shelled"))


def test_counts_of_the_clause_attach(nlp):
    evs = _events(nlp, "Russian shelling killed 3 civilians in Kharkiv on Monday.")
    assert any(e.type == "ASSAULT" and e.dead == 3 for e in evs)
    evs = _events(nlp, "An attack killed 5 soldiers in Donetsk on Sunday.")
    assert any(e.type == "ASSAULT" and e.dead == 5 for e in evs)


def test_implausible_dates_are_flagged_and_never_asserted(nlp):
    published = dt.date(2022, 3, 1)
    assert implausible_date("1938", published).startswith("1938 is more than a year before")
    assert implausible_date("2047", published).startswith("2047 is after publication")
    assert implausible_date("2022-02", published) is None
    assert implausible_date("2022-02-27", published) is None
    evs = _events(nlp, "The talks were held in Minsk in 1938.")
    assert evs and all(e.status != "asserted" and e.date_flag for e in evs if e.date == "1938")
