"""End to end through the bundled pipeline: shape, bad input, batch behaviour."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import tocsin
from tocsin.cli import SAMPLE, cli
from tocsin.errors import InputError
from tocsin.nlp import parse

KEYS = {"article", "actors", "events", "quotes", "counts", "places"}
EVENT_KEYS = {
    "id",
    "type",
    "mode",
    "context",
    "cameo",
    "quad_class",
    "goldstein",
    "source",
    "target",
    "status",
    "claimed_by",
    "date",
    "date_precision",
    "location",
    "confidence",
    "evidence",
}


def test_public_api_surface():
    assert set(tocsin.__all__) == {"__version__", "extract", "load_pipeline", "open_store"}


def test_bundled_pipeline_loads_and_tags(nlp):
    doc = nlp("Russian President Vladimir Putin spoke with Emmanuel Macron in Moscow on Sunday.")
    assert {"tagger", "parser", "ner", "tocsin_ruler"} <= set(nlp.pipe_names)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Vladimir Putin"] == "PERSON"
    assert labels["Moscow"] == "GPE"
    assert all(t.lemma_ for t in doc)


def test_demo_article_extracts_events_with_evidence(nlp):
    x = tocsin.extract(SAMPLE.read_text(), published="2021-11-09", nlp=nlp)
    d = x.to_dict()
    assert set(d) >= KEYS
    assert d["events"], "the demo article reports several events"
    for ev in d["events"]:
        assert set(ev) >= EVENT_KEYS
        for e in ev["evidence"]:
            assert x.article.text[e["start"] : e["end"]].strip() == e["text"]
            assert e["trigger"] in e["text"]
    assert d["dateline"]["country"] == "LTU"
    types = {e["type"] for e in d["events"]}
    assert "ACCUSE" in types
    # nothing from the RELATED STORIES block
    related = x.article.text.index("RELATED STORIES")
    assert all(e["evidence"][0]["start"] < related for e in d["events"])


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "\x00\x01\x02 control \x1b[31m chars", "Москва и Kyiv: 北京 مرحبا mixed scripts.", "a" * 5000],
)
def test_odd_input_never_crashes(nlp, text):
    x = tocsin.extract(text, nlp=nlp)
    json.dumps(x.to_dict())


def test_long_document_is_parsed_in_chunks(nlp, monkeypatch):
    import tocsin.nlp as tnlp

    monkeypatch.setattr(tnlp, "CHUNK_CHARS", 2_000)
    text = "Troops attacked the village of Zolote on Sunday.\n" * 200
    doc = parse(nlp, text)
    assert doc.text == text
    assert len(list(doc.sents)) >= 200


def test_five_megabyte_document(nlp):
    para = "Government forces shelled rebel positions near the city on Monday, officials said. "
    text = (para * (5_000_000 // len(para) + 1))[:5_000_000]
    doc = parse(nlp, text)
    assert len(doc.text) == 5_000_000


def test_bad_published_date_is_a_clear_error():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        tocsin.extract("Text.", published="yesterday")


def test_cli_single_file_stdin_and_errors(tmp_path):
    runner = CliRunner()
    art = tmp_path / "a.txt"
    art.write_text("Russia attacked Ukraine on Sunday.", encoding="utf8")
    res = runner.invoke(cli, ["extract", str(art), "--published", "2022-02-20"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["article"]["published"] == "2022-02-20"
    res = runner.invoke(cli, ["extract", "-"], input="Protesters marched in Paris.")
    assert res.exit_code == 0
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    res = runner.invoke(cli, ["extract", str(binary)])
    assert res.exit_code != 0 and "binary" in str(res.exception)


def test_cli_jsonl_keeps_order_and_reports_bad_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "one", "text": "Russia attacked Ukraine.", "published": "2022-02-20"}),
                "{not json",
                json.dumps({"id": "three", "text": 42}),
                json.dumps({"id": "four", "text": "Macron spoke with Putin."}),
            ]
        ),
        encoding="utf8",
    )
    res = CliRunner().invoke(cli, ["extract", str(src)])
    lines = [json.loads(x) for x in res.output.strip().splitlines() if x.startswith("{")]
    assert [x["article"]["id"] for x in lines] == ["one", "line-2", "three", "four"]
    assert "error" in lines[1] and "error" in lines[2] and "error" not in lines[3]


def test_latin1_file_is_decoded(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("The deal cost £5m, the minister said in Paris.".encode("latin-1"))
    res = CliRunner().invoke(cli, ["extract", str(p)])
    assert res.exit_code == 0
    assert json.loads(res.output)["article"]["id"] == "latin"


def test_every_command_and_setting_is_documented():
    from pathlib import Path

    import click

    from tocsin.cli import cli

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()

    def names(group: click.Group, prefix: str = "tocsin") -> list[str]:
        out = []
        for name, cmd in group.commands.items():
            out.append(f"{prefix} {name}")
            if isinstance(cmd, click.Group):
                out += names(cmd, f"{prefix} {name}")
        return out

    missing = [n for n in names(cli) if n not in readme]
    assert not missing, f"undocumented commands: {missing}"
    for env in ("TOCSIN_MODEL", "TOCSIN_SHARED", "TOCSIN_DB", "TOCSIN_DEBUG", "TOCSIN_TEST_PG"):
        assert env in readme


def test_dateline_is_its_own_sentence(nlp):
    doc = nlp("KYIV — Ukraine and Russia traded accusations on Sunday.\nLONDON - A second line.")
    assert [s.text.strip() for s in doc.sents][:2] == ["KYIV —", "Ukraine and Russia traded accusations on Sunday."]
    x = tocsin.extract("VILNIUS — Lithuania and Belarus traded accusations on Tuesday.", published="2021-11-09")
    pairs = {(e.source[0].country, e.target[0].country) for e in x.events if e.type == "ACCUSE" and e.target}
    assert pairs == {("LTU", "BLR"), ("BLR", "LTU")}
