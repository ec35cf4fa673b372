"""Scaling checks: time one operation on an input and on one 10x larger, in one run.

Timings are never asserted on their own (the machines are noisy); only the ratio of two
sizes measured side by side is, with a generous margin: linear work gives about 10x,
quadratic work about 100x, and tests assert far below the quadratic ratio.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Largest accepted time ratio for a 10x larger input: linear is ~10, quadratic ~100.
MAX_RATIO = 40.0


def _best(run: Callable[[T], object], data: T, repeats: int) -> float:
    # The cyclic garbage collector is paused while timing: its passes depend on what
    # the whole test session allocated before, not on the work measured.
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run(data)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def ratio(
    make: Callable[[int], T], run: Callable[[T], object], size: int, repeats: int = 3
) -> float:
    """Best time of ``run(make(10 * size))`` over best time of ``run(make(size))``.

    The small size is timed a few more times than the large one, so that a slow first
    call (a cache warming up) does not make the ratio look better than it is.
    """
    small, large = make(size), make(10 * size)
    run(small)  # warm up: imports, compiled patterns, caches of fixed size
    return _best(run, large, repeats) / _best(run, small, repeats + 2)


def best(run: Callable[[T], object], data: T, repeats: int = 5) -> float:
    """The best time of ``run(data)`` over ``repeats`` runs, the garbage collector paused."""
    return _best(run, data, repeats)
