"""The bench's one table: the machine it ran on, then one row per measurement."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["Machine", "Row", "format_table", "to_json"]

_COLUMNS = ("measurement", "median", "tail", "unit", "n", "target", "how measured")


@dataclass(frozen=True, slots=True)
class Machine:
    """What the figures were measured on; they mean little without it."""

    cpu: str
    cores: int  # logical CPUs this process may run on
    python: str
    platform: str
    load_average: tuple[float, float, float]  # at the start: a busy machine is a noisy one
    started: str

    @classmethod
    def here(cls) -> Machine:
        return cls(
            cpu=_cpu_model(),
            # The cores this process may use; macOS cannot say, only how many there are.
            cores=len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count() or 1,
            python=f"{platform.python_implementation()} {platform.python_version()}",
            platform=platform.platform(),
            load_average=os.getloadavg(),
            started=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        )

    def lines(self) -> list[str]:
        load = " ".join(f"{x:.2f}" for x in self.load_average)
        return [
            f"cpu:      {self.cpu}, {self.cores} cores",
            f"python:   {self.python}",
            f"platform: {self.platform}",
            f"started:  {self.started}, load average {load}",
        ]


@dataclass(frozen=True, slots=True)
class Row:
    """One measurement: its central value, its tail, and how it was taken."""

    name: str
    unit: str
    median: float | None  # None when the measurement failed
    method: str
    tail: float | None = None
    tail_kind: str = ""  # "p99" or "max"
    samples: int = 1
    limit: float | None = None  # the target: `target_of` must stay below it
    target_of: str = "p99"  # which figure the target is about: "median" or "p99"
    error: str | None = None

    @property
    def met(self) -> bool | None:
        """Whether the target was met; None without a target or a figure."""
        figure = self.median if self.target_of == "median" else self.tail
        if self.limit is None or figure is None:
            return None
        return figure < self.limit

    def cells(self) -> tuple[str, ...]:
        if self.error is not None:
            return (self.name, "FAILED", "", self.unit, "", "", self.error)
        tail = f"{_number(self.tail)} {self.tail_kind}" if self.tail is not None else ""
        target = ""
        if self.limit is not None:
            verdict = "ok" if self.met else "MISSED"
            target = f"{self.target_of} < {_number(self.limit)}: {verdict}"
        return (
            self.name,
            _number(self.median),
            tail,
            self.unit,
            str(self.samples),
            target,
            self.method,
        )


def format_table(machine: Machine, rows: Sequence[Row]) -> str:
    """Plain text: the machine, then the rows in aligned columns."""
    cells = [_COLUMNS, *(row.cells() for row in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(_COLUMNS) - 1)]
    lines = [*machine.lines(), ""]
    for i, row in enumerate(cells):
        numeric = (1, 2, 4)
        parts = [
            cell.rjust(width) if col in numeric and i else cell.ljust(width)
            for col, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*parts, row[-1]]).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in [*widths, len(_COLUMNS[-1])]))
    return "\n".join(lines)


def to_json(
    machine: Machine, rows: Sequence[Row], details: dict[str, Any], *, quick: bool
) -> dict[str, Any]:
    """The same figures for machines to read, with per-row details."""
    return {
        "machine": asdict(machine),
        "quick": quick,
        "rows": [{**asdict(row), "met": row.met} for row in rows],
        "details": details,
    }


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "unknown"
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Hardware", "cpu model"):
            return value.strip()
    return platform.processor() or "unknown"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"
