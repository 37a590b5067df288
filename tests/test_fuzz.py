"""Hypothesis over every parser of untrusted input: each gives items or named refusals, never a crash.

Also the bisection look-ups that keep long documents linear agree with the plain scans they replace.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tocsin.errors import InputError
from tocsin.models import Refusal, SourceItem

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_items_or_refusals(out) -> None:
    for x in out:
        assert isinstance(x, SourceItem | Refusal)
        if isinstance(x, Refusal):
            assert x.reason and x.name


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "text": st.text(max_size=80) | json_values,
        "title": json_values,
        "published": st.text(max_size=30) | json_values,
        "url": st.text(max_size=30),
    },
)


@FUZZ
@given(st.lists(records.map(json.dumps) | st.text(max_size=60), max_size=6))
def test_jsonl_tables(lines):
    from tocsin.ingest.tables import read_jsonl

    _only_items_or_refusals(read_jsonl("\n".join(lines), "t.jsonl", {}))


@FUZZ
@given(st.text(max_size=400), st.sampled_from([",", ";", "\t"]))
def test_csv_tables(body, sep):
    from tocsin.ingest.tables import read_csv

    _only_items_or_refusals(read_csv(f"id{sep}text{sep}published\n" + body, "t.csv", {}))
    _only_items_or_refusals(read_csv(body, "u.csv", {}))


html_bits = st.sampled_from(
    ["<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<script>", "<!--", "-->", "<meta ",
     'property="article:published_time" content="', '">', "<article>", "<h1>", "&amp;", "&#0;", "\x00", "<![CDATA["]
)  # fmt: skip


@FUZZ
@given(st.lists(html_bits | st.text(max_size=40), max_size=25).map("".join), st.binary(max_size=60))
def test_html_pages(markup, junk):
    from tocsin.ingest.html import from_html

    for data in (markup.encode("utf8", "surrogatepass"), junk, markup.encode("utf8", "surrogatepass") + junk):
        try:
            item = from_html(data, "p.html", path="p.html")
        except InputError as exc:
            assert str(exc)
        else:
            assert isinstance(item, SourceItem) and item.text.strip()


feed_bits = st.sampled_from(
    ['<?xml version="1.0"?>', "<rss>", "<channel>", "<item>", "</item>", "<link>", "</link>", "http://",
     "<title>", "</title>", "<pubDate>", "</pubDate>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>",
     "<description>", '<!DOCTYPE x [<!ENTITY a "aaaa">]>', "&a;", "</channel></rss>"]
)  # fmt: skip


@FUZZ
@given(st.lists(feed_bits | st.text(max_size=30), max_size=25).map("".join))
def test_feeds(xml):
    from tocsin.ingest.feeds import parse_feed

    try:
        feed = parse_feed(xml.encode("utf8", "surrogatepass"), "f.xml")
    except InputError as exc:
        assert str(exc)
    else:
        assert isinstance(feed.entries, list)


@FUZZ
@given(
    st.integers(min_value=0, max_value=10_000),
    st.binary(max_size=200),
    st.sampled_from(["response", "request", "warcinfo", "resource"]),
)
def test_warc_records(length, payload, kind):
    from tocsin.ingest.warc import read_warc

    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://e.org/a\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    ).encode()
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
    for data in (head + body + b"\r\n\r\n", payload, head):
        _only_items_or_refusals(read_warc(data, "a.warc"))


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.html", "a.xml", "a.warc", "a"]))
def test_any_file_of_any_kind(data, name):
    from tocsin.ingest import _read_bytes

    _only_items_or_refusals(_read_bytes(data, name, name, {}))


@FUZZ
@given(st.text(max_size=40), st.text(alphabet="àéü£€“”—’ñç", min_size=1, max_size=10), st.text(max_size=40))
def test_mixed_utf8_and_cp1252_are_both_repaired(a, western, b):
    from tocsin.ingest.text import decode

    utf8_part = "Zelensky said “no” in Kyiv " + a.encode("ascii", "ignore").decode()
    cp_part = b.encode("ascii", "ignore").decode() + " café " + western
    data = (utf8_part + "\n").encode("utf8") + cp_part.encode("cp1252")
    try:
        got = decode(data, "x")
    except InputError:
        return  # control characters in the ASCII parts can make it look binary: a named refusal
    assert got == utf8_part + "\n" + cp_part


@FUZZ
@given(st.lists(st.text(alphabet="ab .\n\n", max_size=12), max_size=12).map("\n".join), st.data())
def test_layout_lookups_agree_with_a_scan(text, data):
    from tocsin.extractors.hygiene import layout

    lay = layout(text)
    start = data.draw(st.integers(min_value=0, max_value=len(text) + 1))
    end = data.draw(st.integers(min_value=0, max_value=len(text) + 1))
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in lay.body)
    scan = inside * 2 > (end - start) if end > start else any(s <= start < e for s, e in lay.body)
    assert lay.in_body(start, end) == scan
    assert lay.starts_in_body(start) == any(s <= start < e for s, e in lay.body)


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=6), max_size=10), st.integers(0, 80), st.integers(0, 80))
def test_quote_cover_lookup_agrees_with_a_scan(gaps, start, length):
    from tocsin.extractors.quotes import _overlaps_covered

    covered, pos = [], 0
    for g in gaps:  # disjoint spans in text order, as quotes are found
        s = pos + g
        covered.append((s, s + 3))
        pos = s + 3
    end = start + length
    assert _overlaps_covered(covered, start, end) == any(s <= start < e or s < end <= e for s, e in covered)
