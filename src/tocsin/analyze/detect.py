"""Escalation detectors: pure functions of a series' values, registered by name.

Every method sees only the periods before the one it judges (no look-ahead) and shares two low-baseline
guards, so that 1 → 2 never rings: the observed value must be at least ``min_count`` and at least
``min_increase`` above the baseline. Windows are given in days and converted to the series' periods.

- ``change`` (ACLED's change levels): this period against the mean of the previous 28 days (4 weeks,
  or 12 months for monthly series); fires above +25%.
- ``surge`` (ACLED's surge tracker): at least 100% above the mean of the previous 30 days.
- ``highest`` (HDX Signals): the rolling 30-day total is the highest of the last 365 days, once at
  least 90 days of history exist, with a floor of ``min_total`` (10) on the total.
- ``nbsurprise``: the upper tail probability of the observed value under a negative binomial fitted by
  moments to the previous 28 days (Poisson when they are not overdispersed); fires below
  ``alpha`` = 0.001. When the baseline model holds, the false-alarm rate is at most ``alpha`` per
  period: at most 0.37 false alarms per unit-year on a daily series.
- ``nochange``: a naive baseline for back-tests; fires whenever the value exceeds the previous one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Params:
    freq: str = "day"
    min_count: float = 3.0
    min_increase: float = 2.0
    alpha: float = 0.001
    min_total: float = 10.0  # the floor of ``highest`` on a rolling total

    def periods(self, days: int) -> int:
        per = {"day": 1, "week": 7, "month": 30}[self.freq]
        return max(1, round(days / per))


@dataclass(frozen=True, slots=True)
class Signal:
    """One period in which a method fires, with what it compared."""

    index: int
    observed: float
    baseline: float
    severity: float
    detail: str


Detector = Callable[[Sequence[float], Params], list[Signal]]


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    fn: Detector
    summary: str
    baseline_only: bool = False  # a comparison method for back-tests, not used for stored alerts


REGISTRY: dict[str, Method] = {}


def register(name: str, summary: str, *, baseline_only: bool = False) -> Callable[[Detector], Detector]:
    def deco(fn: Detector) -> Detector:
        REGISTRY[name] = Method(name, fn, summary, baseline_only)
        return fn

    return deco


def _guarded(obs: float, base: float, p: Params) -> bool:
    return obs >= p.min_count and obs - base >= p.min_increase


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def _trailing_means(values: Sequence[float] | np.ndarray, w: int) -> np.ndarray:
    """Mean of the ``w`` periods before each index (NaN before there are ``w``), from a cumulative sum."""
    x = np.asarray(values, dtype=float)
    c = np.concatenate([[0.0], np.cumsum(x)])
    out = np.full(len(x), np.nan)
    if len(x) > w:
        out[w:] = (c[w:-1] - c[: len(x) - w]) / w
    return out


def _candidates(x: np.ndarray, base: np.ndarray, p: Params) -> np.ndarray:
    """Indices that pass the low-baseline guards (the only ones worth a closer look)."""
    ok = (x >= p.min_count) & (x - np.nan_to_num(base, nan=np.inf) >= p.min_increase)
    return np.flatnonzero(ok)


def _ratio_rule(values: Sequence[float], p: Params, days: int, factor: float, label: str) -> list[Signal]:
    w = p.periods(days)
    x = np.asarray(values, dtype=float)
    means = _trailing_means(x, w)
    out = []
    for i in _candidates(x, means, p).tolist():
        base = float(means[i])
        obs = float(x[i])
        if _guarded(obs, base, p) and obs > base * factor:
            sev = (obs - base) / max(base, 1.0)
            out.append(Signal(i, obs, round(base, 3), round(sev, 3), f"{obs:g} against a {label} mean of {base:.2f}"))
    return out


@register("change", "ACLED-style change level: above +25% of the mean of the previous 4 weeks")
def change(values: Sequence[float], p: Params) -> list[Signal]:
    days = 365 if p.freq == "month" else 28
    return _ratio_rule(values, p, days, 1.25, f"{p.periods(days)}-period")


@register("surge", "ACLED-style surge: at least 100% above the mean of the previous month")
def surge(values: Sequence[float], p: Params) -> list[Signal]:
    return _ratio_rule(values, p, 30, 2.0, "past-month")


@register("highest", "HDX-style: the rolling 30-day total is the highest in a year (after 90 days of history)")
def highest(values: Sequence[float], p: Params) -> list[Signal]:
    r, n, hist = p.periods(30), p.periods(365), p.periods(90)
    x = np.asarray(values, dtype=float)
    c = np.concatenate([[0.0], np.cumsum(x)])
    idx = np.arange(len(x))
    totals = c[idx + 1] - c[np.maximum(0, idx - r + 1)]
    out = []
    for i in np.flatnonzero((totals >= p.min_total) & (x > 0)).tolist():
        if i < hist:
            continue
        past = totals[max(0, i - n) : i]
        prev = float(past.max()) if len(past) else 0.0
        # fire on the period that set the record, and only when this period itself added to it
        if totals[i] > prev and values[i] > 0 and totals[i] >= p.min_total and _guarded(totals[i], prev, p):
            t = float(totals[i])
            out.append(Signal(i, t, prev, round((t - prev) / max(prev, 1.0), 3),
                              f"30-day total {t:g} above the year's previous high of {prev:g}"))  # fmt: skip
    return out


def nb_tail(k: float, mean: float, var: float) -> float:
    """P(X ≥ k) for a negative binomial with this mean and variance (Poisson when var ≤ mean)."""
    k = math.ceil(k)
    if k <= 0:
        return 1.0
    mean = max(mean, 1e-9)
    if var <= mean * 1.0001:
        logp = [-mean + j * math.log(mean) - math.lgamma(j + 1) for j in range(k)]
    else:
        r = mean * mean / (var - mean)
        q = r / (r + mean)
        logp = [
            math.lgamma(j + r) - math.lgamma(r) - math.lgamma(j + 1) + r * math.log(q) + j * math.log(1 - q)
            for j in range(k)
        ]
    below = sum(math.exp(x) for x in logp)
    return max(0.0, 1.0 - below)


@register("nbsurprise", "negative-binomial surprise against the previous 28 days (alpha 0.001)")
def nbsurprise(values: Sequence[float], p: Params) -> list[Signal]:
    w = p.periods(28)
    x = np.asarray(values, dtype=float)
    out = []
    start = min(w, 7)
    # cheap vectorised pre-filter: the guards against the plain trailing mean (the exact baseline below is
    # never lower than that mean, so nothing that could fire is skipped)
    c = np.concatenate([[0.0], np.cumsum(x)])
    idx = np.arange(len(x))
    lo = np.maximum(0, idx - w)
    n = np.maximum(idx - lo, 1)
    rough = (c[idx] - c[lo]) / n
    for i in np.flatnonzero((x >= p.min_count) & (x - np.maximum(rough, 0.1) >= p.min_increase)).tolist():
        if i < start:
            continue
        past = values[max(0, i - w) : i]
        # a floor on the baseline rate: a unit silent for a month is not certain to stay silent
        mean = max(_mean(past), 0.1)
        var = sum((v - mean) ** 2 for v in past) / max(len(past) - 1, 1)
        obs = float(x[i])
        if not _guarded(obs, mean, p):
            continue
        tail = nb_tail(obs, mean, var)
        if tail < p.alpha:
            sev = min(20.0, -math.log10(max(tail, 1e-20)))
            out.append(Signal(i, obs, round(mean, 3), round(sev, 2),
                              f"{obs:g} has probability {tail:.1e} under the previous {len(past)} periods "
                              f"(mean {mean:.2f}, variance {var:.2f})"))  # fmt: skip
    return out


@register("nochange", "naive baseline: fires whenever the value rises above the previous period", baseline_only=True)
def nochange(values: Sequence[float], p: Params) -> list[Signal]:
    return [
        Signal(i, values[i], values[i - 1], values[i] - values[i - 1], f"{values[i]:g} after {values[i - 1]:g}")
        for i in range(1, len(values))
        if values[i] > values[i - 1] and _guarded(values[i], values[i - 1], p)
    ]


def episodes(signals: list[Signal], *, gap: int = 2) -> list[list[Signal]]:
    """Signals grouped into runs: one alert lasts while its method keeps firing (gaps of ≤ ``gap`` periods)."""
    runs: list[list[Signal]] = []
    for s in sorted(signals, key=lambda s: s.index):
        if runs and s.index - runs[-1][-1].index <= gap:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def method(name: str) -> Method:
    from ..errors import InputError

    if name not in REGISTRY:
        raise InputError(f"unknown detection method {name!r}; use one of {', '.join(REGISTRY)}")
    return REGISTRY[name]
