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
    "ImportTimes",
    "child_env",
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


def engine_import_time(runs: int, env: Mapping[str, str]) -> ImportTimes:
    """`import bot.engine` timed inside a fresh interpreter, `runs` times after one warm-up.

    The warm-up run writes the bytecode and brings the files into the page
    cache, as on any start but the very first.
    """
    samples: list[int] = []
    discord = False
    for i in range(runs + 1):
        out = _run([sys.executable, "-c", _IMPORT_PROBE], env).split()
        if i:
            samples.append(int(out[0]))
            discord = discord or out[1] == "True"
    return ImportTimes(Summary.of(samples, NS_PER_MS), discord)


def cli_wall_time(knowledge: Path, runs: int, env: Mapping[str, str]) -> tuple[Summary, str]:
    """`python -m bot ask QUESTION`, start to exit, `runs` times after a warm-up; and its output."""
    argv = [sys.executable, "-m", "bot", "ask", CLI_QUESTION]
    return wall_time(argv, runs, {**env, "KNOWLEDGE": str(knowledge)})


def startup_time(runs: int, env: Mapping[str, str]) -> Summary:
    """`python -c pass`: the interpreter's own share of any command's wall time."""
    return wall_time([sys.executable, "-c", "pass"], runs, env)[0]


def wall_time(argv: Sequence[str], runs: int, env: Mapping[str, str]) -> tuple[Summary, str]:
    """A command, start to exit, in ms, `runs` times after a warm-up; and its output."""
    samples: list[int] = []
    output = ""
    for i in range(runs + 1):
        start = time.perf_counter_ns()
        output = _run(argv, env)
        if i:
            samples.append(time.perf_counter_ns() - start)
    return Summary.of(samples, NS_PER_MS), output


def child_env(pycache: Path) -> dict[str, str]:
    """This environment for a child python: storybot's defaults, bytecode cached in `pycache`.

    A deployed bot and an installed command line start from cached bytecode;
    PYTHONDONTWRITEBYTECODE (set in some sandboxes) would make every child
    compile the project again, so it is dropped, and the bytecode goes to
    `pycache` rather than into the source tree.
    """
    drop = {"PYTHONDONTWRITEBYTECODE", *VARIABLES}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _run(argv: Sequence[str], env: Mapping[str, str]) -> str:
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env=dict(env),
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
