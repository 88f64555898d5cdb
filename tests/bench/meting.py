"""Shared timing helpers of the benchmark scripts (not tests): repeated timings, their p95 and one report line."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def tijden(functie: Callable[[], Any], n: int) -> list[float]:
    """`n` wall-clock timings of `functie()`, in seconds."""
    uit = []
    for _ in range(n):
        t = time.perf_counter()
        functie()
        uit.append(time.perf_counter() - t)
    return uit


def p95(x: list[float]) -> float:
    return sorted(x)[max(0, int(round(0.95 * len(x))) - 1)]


def regel(naam: str, x: list[float]) -> str:
    return f"{naam:<52} mediaan {statistics.median(x) * 1000:8.1f} ms   p95 {p95(x) * 1000:8.1f} ms"
