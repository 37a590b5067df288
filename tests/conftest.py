"""Shared fixtures: the ../shared directory (skip when absent) and hand-built Docs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

SHARED = Path(os.environ.get("TOCSIN_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}; set TOCSIN_SHARED to run this test")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    import tocsin

    return tocsin.load_pipeline()


# English lexical attributes (lower_, like_num) without loading a model
_VOCAB = spacy.blank("en").vocab


def make_doc(rows: list[tuple], ents: list[tuple[int, int, str]] = (), spaces: list[bool] | None = None) -> Doc:
    """Doc from ``(word, lemma, pos, tag, head_index, dep)`` rows (UD labels), with entity spans."""
    words = [r[0] for r in rows]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        deps=[r[5] for r in rows],
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
    doc.set_ents([doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in ents])
    return doc


def _pg_url() -> str | None:
    return os.environ.get("TOCSIN_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh store: SQLite in a temp dir, and PostgreSQL when TOCSIN_TEST_PG names a server (CI sets it)."""
    from tocsin.store import open_store

    if request.param == "sqlite":
        s = open_store(str(tmp_path / "t.db"))
    else:
        url = _pg_url()
        if not url:
            pytest.skip("no PostgreSQL server: set TOCSIN_TEST_PG=postgresql://user@host/db (.ci/postgres does)")
        s = open_store(url)
        from tocsin.store import schema

        with s.engine.begin() as conn:  # each test starts empty
            for table in reversed(schema.metadata.sorted_tables):
                if table.name != "schema_migrations":
                    conn.execute(table.delete())
    yield s
    s.close()


def break_extraction_on(monkeypatch, marker: str) -> None:
    """Make extraction raise for any article whose text contains ``marker`` (a bug in one article)."""
    from tocsin import pipeline

    real = pipeline.extract_doc

    def fragile(article, doc, **kw):
        if marker in article.text:
            raise RuntimeError("boom")
        return real(article, doc, **kw)

    monkeypatch.setattr(pipeline, "extract_doc", fragile)
