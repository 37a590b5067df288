from hypothesis import given
from hypothesis import strategies as st

from tocsin.extractors.counts import parse_number


def test_parse_number():
    assert parse_number("30,000") == 30000
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("hundreds") == 200
    assert parse_number("two") == 2
    assert parse_number("tanks") is None
    assert parse_number("") is None


@given(st.text(max_size=60))
def test_parse_number_never_crashes(text):
    value = parse_number(text)
    assert value is None or value >= 0
