import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tocsin.extractors import dates

SUNDAY = dt.date(2022, 2, 20)


def first(text, future=False, pub=SUNDAY):
    return next(dates.find(text, pub, future=future))


def test_weekday_follows_tense():
    assert first("Macron and Putin spoke late Sunday").date == "2022-02-20"
    assert first("it would hold a meeting on Monday", future=True).date == "2022-02-21"
    assert first("they met on Friday").date == "2022-02-18"
    assert first("talks next Sunday").date == "2022-02-27"


def test_relative_expressions():
    assert first("yesterday").date == "2022-02-19"
    assert first("last week").precision == "week"
    v = first("would meet in the coming days", future=True)
    assert (v.date, v.end_date, v.precision) == ("2022-02-20", "2022-02-27", "range")
    assert first("the conflict erupted in 2014").date == "2014"
    since = first("deployed since 2014")
    assert since.precision == "range" and since.end_date == "2022-02-20"
    assert first("three days ago").date == "2022-02-17"


def test_explicit_dates():
    assert first("on 24 February 2022").date == "2022-02-24"
    assert first("on February 24, 2022").date == "2022-02-24"


def test_relative_dates_stay_unresolved_without_publication_date():
    v = first("on Monday", pub=None)
    assert v.date is None
    assert first("on 24 February 2022", pub=None).date == "2022-02-24"


@given(
    st.text(max_size=200),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)) | st.none(),
)
def test_date_finder_never_crashes(text, future, pub):
    for v in dates.find(text, pub, future=future):
        assert v.start <= v.end


_DATE_WORDS = [
    "on", "Monday", "tomorrow", "tonight", "overnight", "last", "night", "next", "week", "the", "previous", "day",
    "coming", "days", "recent", "weeks", "in", "since", "2022", "March", "20th", "Feb.", "3", "two", "years", "ago",
    "2021-02-03", "following", "before", "this", "month", "early", "said", "Kyiv", ",",
]  # fmt: skip


@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=12), st.booleans())
def test_the_cue_filter_never_hides_an_expression(words, future):
    import re

    text = " ".join(words)
    saved = dates._CUE
    try:
        dates._CUE = re.compile("")  # open to every sentence: what the patterns alone find
        unfiltered = [(v.date, v.start, v.rule) for v in dates.find(text, SUNDAY, future=future)]
    finally:
        dates._CUE = saved
    assert [(v.date, v.start, v.rule) for v in dates.find(text, SUNDAY, future=future)] == unfiltered
