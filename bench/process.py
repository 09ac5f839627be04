"""Fresh-process timings: importing the engine, and the command line answering one question."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.stats import NS_PER_MS, Summary
from bot.config import VARIABLES

__all__ = [
    "CLI_QUESTION",
    "ROOT",
    "Child",
    "ImportTimes",
    "cli_wall_time",
    "engine_import_time",
    "startup_time",
    "wall_time",
]

ROOT = Path(__file__).resolve().parent.parent
CLI_QUESTION = "how many fighters left raqqa"
_TIMEOUT = 60.0

# Printed by the child: the import's wall time, and whether it dragged discord in.
_IMPORT_PROBE = """\
import sys, time
start = time.perf_counter_ns()
import bot.engine
elapsed = time.perf_counter_ns() - start
print(elapsed, "discord" in sys.modules)
"""


@dataclass(frozen=True, slots=True)
class ImportTimes:
    summary: Summary  # ms
    imports_discord: bool


def engine_import_time(runs: int, child: Child) -> ImportTimes:
    """`import bot.engine` timed inside a fresh interpreter, `runs` times after one warm-up.

    The warm-up run writes the bytecode and brings the files into the page
    cache, as on any start but the very first.
    """
    samples: list[int] = []
    discord = False
    for i in range(runs + 1):
        out = _run([sys.executable, "-c", _IMPORT_PROBE], child).split()
        if i:
            samples.append(int(out[0]))
            discord = discord or out[1] == "True"
    return ImportTimes(Summary.of(samples, NS_PER_MS), discord)


def cli_wall_time(
    knowledge: Path, runs: int, child: Child, *, kept: bool = True
) -> tuple[Summary, str]:
    """`python -m bot ask QUESTION`, start to exit, `runs` times after a warm-up; and its
    output. With `kept`, as run again and again: the warm-up keeps the built engine
    and the runs read it back; without, each run builds it."""
    argv = [sys.executable, "-m", "bot", "ask", CLI_QUESTION]
    if not kept:
        child = child.with_env(CACHE_DIR="off")
    return wall_time(argv, runs, child.with_env(KNOWLEDGE=str(knowledge)))


def startup_time(runs: int, child: Child) -> Summary:
    """`python -c pass`: the interpreter's own share of any command's wall time."""
    return wall_time([sys.executable, "-c", "pass"], runs, child)[0]


def wall_time(argv: Sequence[str], runs: int, child: Child) -> tuple[Summary, str]:
    """A command, start to exit, in ms, `runs` times after a warm-up; and its output."""
    samples: list[int] = []
    output = ""
    for i in range(runs + 1):
        start = time.perf_counter_ns()
        output = _run(argv, child)
        if i:
            samples.append(time.perf_counter_ns() - start)
    return Summary.of(samples, NS_PER_MS), output


@dataclass(frozen=True, slots=True)
class Child:
    """How a child python runs: with storybot's defaults, in an empty folder.

    The folder is empty so that no `.env` or `knowledge/` of the developer's is
    read (a DEV_GUILD_ID or MISSES_LOG there would change what is measured, or
    where the questions go); the project is found through PYTHONPATH. A deployed
    bot and an installed command line start from cached bytecode:
    PYTHONDONTWRITEBYTECODE (set in some sandboxes) would make every child
    compile the project again, so it is dropped, and the bytecode goes to the
    folder rather than into the source tree.
    """

    env: Mapping[str, str]
    cwd: Path

    @classmethod
    def in_folder(cls, folder: Path) -> Child:
        drop = {"PYTHONDONTWRITEBYTECODE", *VARIABLES}
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        # Engines the command line keeps go here, not to the developer's cache.
        env["CACHE_DIR"] = str(folder / "kept")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        cwd = folder / "cwd"
        cwd.mkdir(parents=True, exist_ok=True)
        return cls(env, cwd)

    def with_env(self, **variables: str) -> Child:
        return Child({**self.env, **variables}, self.cwd)


def _run(argv: Sequence[str], child: Child) -> str:
    done = subprocess.run(
        argv,
        cwd=child.cwd,
        env=dict(child.env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv[:4])} exited {done.returncode}: {done.stderr.strip()[-500:]}"
        )
    return done.stdout
