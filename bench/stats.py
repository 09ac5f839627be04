"""Summaries of timing samples: the machine is noisy, so never one run, never a mean."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["NS_PER_MS", "Summary", "time_ns"]

NS_PER_MS = 1_000_000


@dataclass(frozen=True, slots=True)
class Summary:
    """The median, 99th percentile and maximum of a set of samples."""

    median: float
    p99: float
    max: float
    count: int

    @classmethod
    def of(cls, samples: Sequence[float], scale: float = 1.0) -> Summary:
        """Summarise `samples`, each divided by `scale` (e.g. ns to ms)."""
        if not samples:
            raise ValueError("no samples to summarise")
        ordered = sorted(samples)
        # Nearest rank: the p99 is a sample that was actually observed.
        rank = max(1, math.ceil(0.99 * len(ordered)))
        return cls(
            median=statistics.median(ordered) / scale,
            p99=ordered[rank - 1] / scale,
            max=ordered[-1] / scale,
            count=len(ordered),
        )


def time_ns(call: Callable[[], object]) -> int:
    """Wall time of one call, in nanoseconds."""
    start = time.perf_counter_ns()
    call()
    return time.perf_counter_ns() - start
