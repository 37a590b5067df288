"""``tocsin serve``: the JSON API and the offline dashboard over one store (see :mod:`tocsin.serve.app`)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import InputError

SAMPLE_DB = "tocsin-sample.db"


def sample_store(path: Path) -> None:
    """Build a store from the bundled sample articles (once): the dashboard's demo data."""
    from ..analyze.alerts import refresh_alerts
    from ..ingest.run import ingest
    from ..store import open_store

    samples = Path(__file__).resolve().parents[1] / "samples"
    with open_store(str(path)) as store:
        if store.count("articles") == 0:
            # the feed's entries carry their dates; the article is the README's example of 9 November 2021
            ingest(store, [str(samples / "demo_feed.jsonl"), str(samples / "demo_article.txt")],
                   published=dt.date(2021, 11, 9))  # fmt: skip
            refresh_alerts(store)


def run(db: str | None, *, host: str, port: int, allow_ingest: bool, sample: bool) -> None:
    import uvicorn

    from ..store import open_store
    from .app import create_app

    if sample:
        db = db or SAMPLE_DB
        sample_store(Path(db))
    store = open_store(db, create=False)
    token = os.environ.get("TOCSIN_API_TOKEN")
    if allow_ingest and (not token or len(token) < 16):
        raise InputError("TOCSIN_API_TOKEN must be at least 16 characters when --allow-ingest is on")
    app = create_app(store, allow_ingest=allow_ingest, token=token, warm=True)
    print(f"tocsin: serving {store.display_url} at http://{host}:{port}/ (API under /api/v1/, Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
