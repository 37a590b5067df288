"""A quick chart of a few series with their alerts marked: SVG written directly, PNG through matplotlib."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..errors import InputError
from .alerts import Alert
from .series import Series

_COLOURS = ("#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#566573")


def svg(found: list[Series], alerts: list[Alert], *, width: int = 900, height: int = 360) -> str:
    pad_l, pad_b, pad_t = 50, 40, 30
    if not found:
        empty = '<text x="10" y="40">no data</text>'
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="80">{empty}</svg>'
    periods = found[0].periods
    top = max(max(s.values) for s in found) or 1.0
    n = max(len(periods) - 1, 1)

    def x(i: int) -> float:
        return pad_l + (width - pad_l - 10) * i / n

    def y(v: float) -> float:
        return height - pad_b - (height - pad_b - pad_t) * v / top

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="11"><rect width="100%" height="100%" fill="white"/>',
             f'<line x1="{pad_l}" y1="{y(0)}" x2="{width - 10}" y2="{y(0)}" stroke="#999"/>',
             f'<text x="5" y="{y(top) + 4}">{top:g}</text><text x="5" y="{y(0)}">0</text>',
             f'<text x="{pad_l}" y="{height - 10}">{periods[0]}</text>',
             f'<text x="{width - 80}" y="{height - 10}">{periods[-1]}</text>']  # fmt: skip
    index = {p: i for i, p in enumerate(periods)}
    for k, s in enumerate(found):
        colour = _COLOURS[k % len(_COLOURS)]
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{pts}"/>')
        parts.append(f'<text x="{pad_l + 10 + 120 * k}" y="18" fill="{colour}">{escape(s.unit.key)}</text>')
        for a in alerts:
            if a.unit == s.unit and a.date in index:
                i = index[a.date]
                title = f"<title>{escape(a.explanation)}</title>"
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(s.values[i]):.1f}" r="5" fill="none" '
                             f'stroke="{colour}" stroke-width="2">{title}</circle>')  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)


def draw(found: list[Series], alerts: list[Alert], path: Path) -> None:
    if path.suffix.lower() == ".svg":
        path.write_text(svg(found, alerts), encoding="utf8")
        return
    if path.suffix.lower() != ".png":
        raise InputError(f"--plot {path}: use a .svg or .png file name")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InputError("--plot to PNG needs matplotlib (pip install matplotlib); .svg needs nothing") from None
    fig, ax = plt.subplots(figsize=(10, 4))
    for s in found:
        ax.plot(range(len(s.values)), s.values, label=s.unit.key)
        idx = {p: i for i, p in enumerate(s.periods)}
        marks = [idx[a.date] for a in alerts if a.unit == s.unit and a.date in idx]
        ax.scatter(marks, [s.values[i] for i in marks], marker="o", facecolors="none", edgecolors="black")
    ax.legend()
    fig.savefig(path, dpi=100)
    plt.close(fig)
