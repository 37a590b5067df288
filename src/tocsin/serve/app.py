"""The HTTP API (``/api/v1/``) and the dashboard (``/``): thin handlers over the library.

Every page the dashboard shows is built from these JSON endpoints. Errors are JSON ``{"error": …}``
with a 4xx status in one place; nothing here builds SQL. Read-only unless ingest is allowed, and then
``POST /api/v1/articles`` needs ``Authorization: Bearer $TOCSIN_API_TOKEN``.
"""

from __future__ import annotations

import hmac
import json
import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, validate
from ..errors import InputError, TocsinError
from ..store import EventFilter, Store
from ..store import read as R
from . import schemas as M

STATIC = Path(__file__).parent / "static"
MAX_BODY = 2_000_000
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_ASSETS = {"app.js": "text/javascript", "app.css": "text/css", "world.json": "application/json"}

Since = Annotated[str | None, Query(description="YYYY-MM-DD", max_length=10)]


def event_filter(
    since: Since = None,
    until: Since = None,
    country: Annotated[str | None, Query(max_length=60, description="ISO alpha-3")] = None,
    actor: Annotated[str | None, Query(max_length=80)] = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER type")] = None,
    status: Annotated[list[str] | None, Query(max_length=5)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    return EventFilter(
        validate.iso_date("since", since), validate.iso_date("until", until), validate.country(country),
        actor, validate.event_type(type), validate.statuses(status or []) or None, min_confidence,
    )  # fmt: skip


Filter = Annotated[EventFilter, Depends(event_filter)]


class Problem(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def create_app(store: Store, *, allow_ingest: bool = False, token: str | None = None, warm: bool = False) -> FastAPI:
    """The app over ``store``; ``warm`` computes the dashboard's first answers in the background at once."""
    from .cache import StoreCache

    cache = StoreCache(store)
    app = FastAPI(
        title="Tocsin",
        version=__version__,
        description="Sourced political event data: events, their reports and evidence, series and alerts.",
        docs_url=None,  # Swagger UI loads from a CDN; the OpenAPI JSON is enough offline
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return _problem(413, f"request body over {MAX_BODY:,} bytes; send one article at a time")
        try:
            response = await call_next(request)
        except Exception:  # a bug: still JSON, still no traceback
            if os.environ.get("TOCSIN_DEBUG"):
                raise
            response = _problem(500, "internal error; rerun the server with TOCSIN_DEBUG=1 and report it")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(_r: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
        detail = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        return _problem(400, "; ".join(parts) or "invalid request", detail)

    @app.exception_handler(InputError)
    async def input_error(_r: Request, exc: InputError) -> JSONResponse:
        return _problem(400, str(exc))

    @app.exception_handler(TocsinError)
    async def tocsin_error(_r: Request, exc: TocsinError) -> JSONResponse:
        return _problem(503, str(exc))

    @app.exception_handler(Problem)
    async def problem(_r: Request, exc: Problem) -> JSONResponse:
        return _problem(exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        msg = (
            "no such page; the API lives under /api/v1/ (see /api/v1/openapi.json)"
            if exc.status_code == 404
            else str(exc.detail)
        )
        return _problem(exc.status_code, msg)

    @app.get("/api/v1/events", response_model=M.EventPage, summary="Real-world events, by date, a page at a time")
    def events(f: Filter, limit: Annotated[int, Query(ge=1, le=500)] = 100,
               cursor: Annotated[str | None, Query(max_length=200)] = None) -> Any:  # fmt: skip
        return R.events_page(store, f, limit=limit, cursor=cursor)

    @app.get("/api/v1/events/{event_id}", response_model=M.EventDetail, summary="One event with all its reports")
    def event(event_id: Annotated[str, PathParam(max_length=60)]) -> Any:
        return _found(R.event_detail(store, event_id), f"no event {event_id!r}; ids come from /api/v1/events")

    @app.get("/api/v1/articles/{article_id}", response_model=M.ArticleDetail, summary="An article with its spans")
    def article(article_id: Annotated[str, PathParam(max_length=60)]) -> Any:
        return _found(R.article_detail(store, article_id), f"no article {article_id!r}")

    @app.get("/api/v1/series", response_model=list[M.SeriesOut], summary="Counts per period for each unit")
    def series(
        by: Annotated[str, Query(max_length=10)] = "dyad",
        freq: Annotated[str, Query(max_length=6)] = "day",
        channel: Annotated[str, Query(max_length=12)] = "conflict",
        metric: Annotated[str, Query(max_length=10)] = "reports",
        role: Annotated[str, Query(max_length=10)] = "either",
        since: Since = None,
        until: Since = None,
        country: Annotated[str | None, Query(max_length=3)] = None,
        unit: Annotated[str | None, Query(max_length=40, description="only this unit key, e.g. RUS-UKR")] = None,
        top: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> Any:
        from ..analyze.series import SeriesQuery, compute_series

        c = validate.country(country)
        q = SeriesQuery(by=by, freq=freq, channel=channel, metric=metric, role=role,
                        since=validate.iso_date("since", since), until=validate.iso_date("until", until),
                        countries=(c,) if c else (), unit=unit).check()  # fmt: skip

        def answer() -> bytes:
            found = compute_series(store, q, top=top)
            return _json([
                {"unit": s.unit.to_dict() | {"key": s.unit.key}, "channel": s.channel, "metric": s.metric,
                 "freq": s.freq, "total": s.total,
                 "points": [{"period": p, "value": v} for p, v in zip(s.periods, s.values, strict=True)]}
                for s in found
            ])  # fmt: skip

        return _send(cache.get(("series", q, top), answer))

    @app.get("/api/v1/alerts", response_model=list[M.AlertOut], summary="Alerts with their explanations")
    def alerts(since: Since = None, channel: Annotated[str | None, Query(pattern="^(conflict|warning|cooperation)$")]
               = None) -> Any:  # fmt: skip
        from ..analyze.alerts import stored_alerts

        return stored_alerts(store, since=validate.iso_date("since", since), channel=channel)

    @app.get("/api/v1/actors", response_model=list[M.ActorOut], summary="Actor codes by the articles naming them")
    def actors(limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> Any:
        return cache.get(("actors", limit), lambda: R.actors(store, limit=limit))

    @app.get("/api/v1/places", response_model=list[M.PlaceOut], summary="Event locations for the map")
    def places(f: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> Any:
        return _send(cache.get(("places", f, limit), lambda: _json(R.places(store, f, limit=limit))))

    @app.get("/api/v1/stats", response_model=M.Stats, summary="What is stored, by status, type and day")
    def stats() -> Any:
        return _send(cache.get(("stats",), lambda: _json(R.stats(store))))

    def bearer(authorization: Annotated[str | None, Header()] = None) -> None:
        if not allow_ingest:
            raise Problem(403, "this server is read-only; start it with --allow-ingest and TOCSIN_API_TOKEN")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not token or not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise Problem(401, "missing or wrong bearer token (Authorization: Bearer $TOCSIN_API_TOKEN)")

    @app.post("/api/v1/articles", response_model=M.ArticleStored, status_code=201,
              dependencies=[Depends(bearer)], summary="Extract and store one article (--allow-ingest)")  # fmt: skip
    def post_article(body: M.ArticleIn) -> Any:
        from ..ingest.run import ingest
        from ..ingest.text import from_text

        item = from_text(body.text, body.url or body.title or "api")
        from dataclasses import replace

        from ..ingest.dates import parse_published

        when, offset = parse_published(body.published)
        item = replace(item, title=body.title or item.title, url=body.url, source=body.source,
                       published=when or item.published, published_offset=offset)  # fmt: skip
        summary = ingest(store, [item])
        if summary.refused:
            raise Problem(422, summary.refused[0][1])
        from ..analyze.alerts import refresh_alerts

        refresh_alerts(store)
        stored_id = store.find_duplicate(item)
        return {"id": stored_id, "duplicate": summary.ingested == 0, "events": summary.events}

    if warm:
        import threading

        def warm_up() -> None:
            # the answers the dashboard asks for first (the same handlers, so the same cache keys), so that a
            # large store answers its first visitor at once
            stats()
            places(EventFilter())
            for channel in ("conflict", "warning", "cooperation"):
                series(channel=channel, top=50)

        threading.Thread(target=warm_up, daemon=True, name="tocsin-warm").start()

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in _ASSETS:
            raise Problem(404, f"no asset {name!r}")
        return FileResponse(STATIC / name, media_type=_ASSETS[name])

    return app


def _found(value: Any, message: str) -> Any:
    if value is None:
        raise Problem(404, message)
    return value


def _json(obj: Any) -> bytes:
    """A finished JSON answer, cached as bytes and sent without revalidation (the models document it)."""
    return json.dumps(obj, separators=(",", ":"), default=str).encode()


def _send(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def _problem(status: int, message: str, detail: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status)
