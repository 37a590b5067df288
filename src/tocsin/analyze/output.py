"""Series written as a table, CSV, JSONL or Parquet (one row per unit and period)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any

from .series import Series

COLUMNS = ("unit_kind", "unit", "role", "period", "channel", "metric", "value")


def _flat(s: Series) -> list[dict[str, Any]]:
    return [
        {
            "unit_kind": s.unit.kind,
            "unit": s.unit.key,
            "role": s.unit.role,
            "period": p,
            "channel": s.channel,
            "metric": s.metric,
            "value": v,
        }
        for p, v in zip(s.periods, s.values, strict=True)
    ]


def _table(found: list[Series], fh: IO[str]) -> None:
    if not found:
        return
    fh.write(f"{'unit':12} {'total':>8}  last periods ({found[0].freq}, {found[0].channel}, {found[0].metric})\n")
    for s in found:
        tail = " ".join(f"{v:g}" for v in s.values[-14:])
        fh.write(f"{s.unit.key:12} {s.total:>8g}  {tail}   (to {s.periods[-1]})\n")


def write_series(found: list[Series], fmt: str, output: Path | None, *, store_files: frozenset[Path]) -> None:
    from ..export import atomic_output

    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert output is not None
        rows = [r for s in found for r in _flat(s)]
        schema = pa.schema([(c, pa.float64() if c == "value" else pa.string()) for c in COLUMNS])
        with atomic_output(output, protect=store_files, binary=True) as tmp:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(tmp))
        return

    def write(fh: IO[str]) -> None:
        if fmt == "table":
            _table(found, fh)
        elif fmt == "csv":
            w = csv.DictWriter(fh, fieldnames=COLUMNS)
            w.writeheader()
            for s in found:
                w.writerows(_flat(s))
        else:
            for s in found:
                for rec in s.records():
                    fh.write(json.dumps(rec) + "\n")

    if output is None:
        write(sys.stdout)
    else:
        with atomic_output(output, protect=store_files) as fh:
            write(fh)
