"""Build the dashboard's country shapes from Natural Earth 1:110m (public domain), rounded to 0.1°.

    python -m tocsin.serve.build_world ../shared/reference/naturalearth

writes ``tocsin/serve/static/world.json``: ``{"ISO3": {"name": …, "rings": [[[lon, lat], …], …]}}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).parent / "static" / "world.json"


def _ring(points: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        p = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 4 else []


def build(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "ne_110m_admin_0_countries.json").read_text(encoding="utf8"))
    world: dict[str, dict] = {}
    for f in data["features"]:
        props = f["properties"]
        iso = props.get("ISO_A3") if props.get("ISO_A3") not in (None, "-99") else props.get("ADM0_A3")
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [r for poly in polys for r in (_ring(poly[0]),) if r]
        world[iso] = {"name": props.get("NAME"), "rings": rings}
    return world


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/naturalearth")
    world = build(folder)
    OUT.write_text(json.dumps(world, separators=(",", ":")), encoding="utf8")
    print(f"wrote {len(world)} countries to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
