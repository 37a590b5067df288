"""Ingestion from real files and a local HTTP server: every source kind, bad inputs named, re-runs idempotent."""

from __future__ import annotations

import gzip
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tocsin.ingest import iter_items
from tocsin.ingest.dates import parse_published
from tocsin.ingest.run import ingest, watch
from tocsin.ingest.text import decode
from tocsin.models import Refusal, SourceItem

BODY = (
    "Ukraine's foreign minister met his Polish counterpart in Warsaw on Tuesday to discuss border security. "
    "The two ministers agreed to hold further talks next month, officials said. "
) * 3
PAGE = f"""<!DOCTYPE html><html><head><title>Ministers meet in Warsaw</title>
<meta property="article:published_time" content="2022-03-01T10:00:00+02:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Ministers meet in Warsaw</h1><p>{BODY}</p>
<p>Both governments condemned the shelling of civilian areas.</p></article>
<footer>Copyright 2022 Example News</footer></body></html>"""


def items(*sources, mapping=None):
    return list(iter_items([str(s) for s in sources], mapping=mapping))


def test_text_html_gz_and_bad_files_in_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text("Headline here\n\n" + BODY)
    (tmp_path / "latin1.txt").write_bytes(b"Prices\n\nThe fee rose to \xa31.5m after talks. " + BODY.encode())
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "truncated.html").write_text("<html><body><p>Only a fragm")
    (tmp_path / ".hidden.txt").write_text(BODY)
    got = {x.name.rsplit("/", 1)[-1]: x for x in items(tmp_path)}
    assert isinstance(got["a.txt"], SourceItem) and got["a.txt"].title == "Headline here"
    assert "£1.5m" in got["latin1.txt"].text
    page = got["page.html.gz"]
    assert isinstance(page, SourceItem) and "Polish counterpart" in page.text
    assert "Copyright" not in page.text and "Home | World" not in page.text
    assert page.title == "Ministers meet in Warsaw"
    assert got["empty.txt"] == Refusal(str(tmp_path / "empty.txt"), "empty file")
    assert "binary" in got["blob.bin"].reason
    assert isinstance(got["truncated.html"], Refusal)
    assert ".hidden.txt" not in got


def test_jsonl_and_csv_with_mapping_and_bad_rows(tmp_path):
    jl = tmp_path / "a.jsonl"
    jl.write_text(
        json.dumps({"id": "k1", "text": BODY, "published": "2022-03-01T10:00:00+02:00", "lang": "en"})
        + "\n{not json\n"
        + json.dumps({"id": "k3", "title": "no text"})
        + "\n"
    )
    out = items(jl)
    assert out[0].external_id == "k1" and out[0].published_offset == "+02:00"
    assert out[0].published.isoformat() == "2022-03-01T08:00:00+00:00"
    assert out[0].meta == {"lang": "en"}
    assert isinstance(out[1], Refusal) and out[1].name.endswith("a.jsonl:2")
    assert isinstance(out[2], Refusal) and "text" in out[2].reason
    csv_file = tmp_path / "b.csv"
    csv_file.write_text(f'headline,body\n"Talks","{BODY}"\n"Short",\n')
    out = items(csv_file, mapping={"body": "text", "headline": "title"})
    assert out[0].title == "Talks" and out[0].text.startswith("Ukraine")
    assert isinstance(out[1], Refusal) and out[1].name.endswith("b.csv:3")
    missing = items(csv_file)  # no mapping: there is no text column at all
    assert len(missing) == 1 and "no 'text' column" in missing[0].reason


def test_warc_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, ctype, payload in (
        ("https://news.example/a", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    out = items(tmp_path / "crawl.warc.gz")
    assert isinstance(out[0], SourceItem) and out[0].url == "https://news.example/a"
    assert out[1] == Refusal("https://news.example/logo.png", "WARC record is not HTML (image/png)")


class _Site:
    """A tiny news site on 127.0.0.1 with a feed that honours ETag."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits.append(self.path)
                if self.path not in site.pages:
                    self.send_error(404)
                    return
                ctype, body = site.pages[self.path]
                etag = f'"{hash(body)}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self, links: list[str]) -> None:
        entries = "".join(
            f"<item><title>Story {n}</title><link>{self.base}{link}</link>"
            f"<pubDate>Tue, 01 Mar 2022 10:00:00 +0200</pubDate></item>"
            for n, link in enumerate(links)
        )
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{entries}</channel></rss>'
        self.pages["/feed.xml"] = ("application/rss+xml", rss.encode())


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv("TOCSIN_ALLOW_PRIVATE_URLS", "1")  # the test site lives on 127.0.0.1
    s = _Site()
    yield s
    s.server.shutdown()


def test_feed_url_and_pages_fetched_over_http(site, tmp_path):
    site.pages["/a"] = ("text/html", PAGE.encode())
    site.pages["/b"] = ("text/html", PAGE.replace("Warsaw", "Vilnius").encode())
    site.feed(["/a", "/b", "/missing"])
    out = list(iter_items([site.base + "/feed.xml"]))
    assert [type(x).__name__ for x in out] == ["SourceItem", "SourceItem", "Refusal"]
    assert out[0].published.isoformat() == "2022-03-01T08:00:00+00:00"
    assert "HTTP 404" in out[2].reason
    page = next(iter(iter_items([site.base + "/a"])))
    assert isinstance(page, SourceItem) and page.url == site.base + "/a"
    site.pages["/x"] = ("application/xhtml+xml", PAGE.encode())  # an XHTML page is a page, not a feed
    assert isinstance(next(iter(iter_items([site.base + "/x"]))), SourceItem)
    site.pages["/bad.xml"] = ("application/rss+xml", b"<rss><channel><item><title>broken")
    bad = list(iter_items([site.base + "/bad.xml"]))
    assert len(bad) == 1 and isinstance(bad[0], Refusal)


def test_ingest_is_idempotent_and_reports_refusals(tmp_path):
    from tocsin.store import open_store

    (tmp_path / "a.txt").write_text("Talks\n\n" + BODY)
    (tmp_path / "b.txt").write_text("Talks again\n\n" + BODY.replace("Warsaw", "Riga"))
    (tmp_path / "copy.txt").write_text("Talks\n\n" + BODY)  # same text as a.txt
    (tmp_path / "empty.txt").write_text("")
    with open_store(str(tmp_path / "t.db")) as store:
        first = ingest(store, [str(tmp_path)])
        assert (first.ingested, first.duplicates) == (2, 1)
        assert first.refused == [(str(tmp_path / "empty.txt"), "empty file")] and first.exit_code == 1
        again = ingest(store, [str(tmp_path)])
        assert (again.ingested, again.duplicates) == (0, 3)
        assert store.count("articles") == 2
        log = store.log_entries(first.run_id)
        assert {e["status"] for e in log} == {"ingested", "duplicate", "refused"}
        assert any(e["reason"] == "empty file" for e in log)


def test_watch_ingests_only_new_entries(site, tmp_path):
    from tocsin.store import open_store

    site.pages["/a"] = ("text/html", PAGE.encode())
    site.feed(["/a"])
    with open_store(str(tmp_path / "w.db")) as store:
        out: list[str] = []
        first = watch(store, [site.base + "/feed.xml"], every=0, once=True, echo=out.append)
        assert first.ingested == 1
        second = watch(store, [site.base + "/feed.xml"], every=0, once=True, echo=out.append)
        assert second.ingested == 0 and out[-1].endswith("not modified")  # ETag honoured
        site.pages["/b"] = ("text/html", PAGE.replace("Warsaw", "Vilnius").encode())
        site.feed(["/a", "/b"])
        hits_before = list(site.hits)
        third = watch(store, [site.base + "/feed.xml"], every=0, once=True, echo=out.append)
        assert third.ingested == 1
        assert "/a" not in site.hits[len(hits_before) :]  # seen links are not fetched again


@settings(deadline=None, max_examples=60)  # dateparser loads its language data lazily
@given(st.text(max_size=60))
def test_published_parser_never_crashes(s):
    when, _offset = parse_published(s)
    assert when is None or when.tzinfo is not None


@given(st.binary(max_size=300))
def test_decode_gives_text_or_a_clear_error(data):
    from tocsin.errors import InputError

    try:
        assert isinstance(decode(data, "x"), str)
    except InputError as exc:
        assert str(exc).startswith("x")


def test_hostile_items_are_refused_by_name_and_the_batch_goes_on(tmp_path):
    import gzip
    import json

    from tocsin.ingest import iter_items
    from tocsin.models import Refusal

    lines = [
        json.dumps({"id": "a", "text": "Russian forces shelled Kharkiv on Monday."}),
        '{"id": "s", "text": "Lone \\ud800 surrogate in Kyiv."}',
        "[" * 200_000 + "]" * 200_000,
        json.dumps({"id": "b", "text": "Macron spoke to Putin on Sunday."}),
    ]
    (tmp_path / "t.jsonl").write_text("\n".join(lines) + "\n")
    got = list(iter_items([str(tmp_path / "t.jsonl")]))
    refused = [g for g in got if isinstance(g, Refusal)]
    texts = [g.text for g in got if not isinstance(g, Refusal)]
    assert len(texts) == 3 and "\ufffd" in texts[1] and texts[1].encode("utf-8")
    assert [r.name.rsplit(":", 1)[1] for r in refused] == ["3"] and "nested too deeply" in refused[0].reason
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb") as fh:
        block = b"a" * (1 << 20)
        for _ in range(300):
            fh.write(block)
    [r] = list(iter_items([str(bomb)]))
    assert isinstance(r, Refusal) and "compression bomb" in r.reason


def test_an_article_that_breaks_extraction_is_refused_alone(tmp_path, monkeypatch):
    from conftest import break_extraction_on

    from tocsin.ingest.run import ingest
    from tocsin.models import SourceItem
    from tocsin.store import open_store

    break_extraction_on(monkeypatch, "POISON")
    items = [SourceItem(name=f"i{n}", text=t) for n, t in
             enumerate(["Macron spoke to Putin.", "POISON in Kyiv.", "Rebels shelled Zolote."])]  # fmt: skip
    with open_store(str(tmp_path / "s.db")) as store:
        summary = ingest(store, items)
        assert summary.ingested == 2 and [n for n, _ in summary.refused] == ["i1"]
        assert "internal error while extracting (RuntimeError: boom)" in summary.refused[0][1]
        assert store.count("articles") == 2


def test_private_addresses_are_never_fetched_unless_allowed(site, monkeypatch):
    from tocsin.errors import InputError
    from tocsin.ingest.web import fetch

    site.pages["/admin"] = ("text/html", PAGE.encode())
    site.pages["/feed-evil.xml"] = ("application/rss+xml", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        f'<item><title>a</title><link>{site.base}/admin</link></item></channel></rss>').encode())  # fmt: skip
    monkeypatch.setenv("TOCSIN_ALLOW_PRIVATE_URLS", "0")
    port = site.server.server_port
    for url in (f"{site.base}/admin", f"http://localhost:{port}/admin", f"http://2130706433:{port}/admin",
                f"http://[::1]:{port}/admin", "http://169.254.169.254/latest/meta-data"):  # fmt: skip
        with pytest.raises(InputError, match=r"refused|cannot resolve"):
            fetch(url, retries=0)
    with pytest.raises(InputError, match="only http and https"):
        fetch("file:///etc/passwd")
    assert "/admin" not in site.hits
    monkeypatch.setenv("TOCSIN_ALLOW_PRIVATE_URLS", "1")
    got = list(iter_items([site.base + "/feed-evil.xml"]))
    assert isinstance(got[0], SourceItem)  # allowed on request


def test_redirect_loops_and_short_bodies_are_refusals(site):
    from tocsin.errors import InputError
    from tocsin.ingest.web import fetch

    class Loop(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/short":
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(b"only a little")
                return
            self.send_response(302)
            self.send_header("Location", self.path)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Loop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with pytest.raises(InputError, match="more than 5 redirects"):
            fetch(base + "/loop", retries=0)
        with pytest.raises(InputError, match=r"cut short|cannot fetch"):
            fetch(base + "/short", retries=0)
    finally:
        server.shutdown()


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(codec):
    text = "Russian forces shelled Kharkiv on Monday, killing five civilians."
    assert decode(text.encode(codec), "x") == text


def test_a_name_that_rebinds_to_loopback_after_the_check_is_not_connected_to(monkeypatch):
    """DNS rebinding: public for the check, 127.0.0.1 when connecting; the connection is refused."""
    import socket

    from tocsin.errors import InputError
    from tocsin.ingest.web import fetch

    hits: list[str] = []

    class Admin(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"secret admin page " * 20)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Admin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    answers = iter([("93.184.216.34", port)])  # the first answer is public, every later one is loopback

    def rebinding(host, p, *args, **kwargs):
        addr = next(answers, ("127.0.0.1", port))
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", addr)]

    monkeypatch.delenv("TOCSIN_ALLOW_PRIVATE_URLS", raising=False)
    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        with pytest.raises(InputError, match=r"refused, rebind\.example is a private, loopback"):
            fetch(f"http://rebind.example:{port}/admin", retries=0)
    finally:
        server.shutdown()
    assert hits == []


def test_an_oversized_csv_field_is_its_rows_refusal_and_later_rows_are_read(monkeypatch):
    from tocsin.ingest import tables
    from tocsin.models import Refusal

    monkeypatch.setattr(tables, "MAX_FIELD", 50)
    text = 'id,text\n1,"Police arrested 12 men in Nairobi."\n2,"' + "x" * 100 + '"\n3,"Rebels attacked Goma."\n'
    out = list(tables.read_csv(text, "t.csv", {}))
    assert [type(x).__name__ for x in out] == ["SourceItem", "Refusal", "SourceItem"]
    assert isinstance(out[1], Refusal) and out[1].name == "t.csv:3" and "field limit" in out[1].reason
    assert out[2].text == "Rebels attacked Goma."
