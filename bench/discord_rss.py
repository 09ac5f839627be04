"""The real bot against the loopback stand-in: its memory once ready, and /ask round trips.

The bot runs as it does in production, `python -m bot run`, in a subprocess
started through `tests.standin.launch` so that discord.py talks to 127.0.0.1.
Its resident memory is read from /proc once the stand-in has seen READY and
the slash commands registered; then /ask interactions are dispatched one after
another and each is timed by the stand-in, from writing INTERACTION_CREATE to
the gateway to receiving the bot's callback over REST.
"""

from __future__ import annotations

import asyncio
import itertools
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from bench.process import Child
from bench.stats import Summary
from tests.standin import StandIn
from tests.standin.launch import command
from tests.standin.payloads import CallbackType, MessageFlag

__all__ = ["BotRun", "measure_bot"]

T = TypeVar("T")
ANSWER_WITHIN = 10.0  # per /ask; far above any real answer, it only stops a hung run
STOP_WITHIN = 10.0


@dataclass(frozen=True, slots=True)
class BotRun:
    rss_ready_mib: float  # VmRSS once READY and the commands are synced
    rss_after_mib: float  # VmRSS after every /ask
    peak_mib: float  # VmHWM at the end
    ready_seconds: float  # from starting the process to READY and synced
    round_trip: Summary  # ms, warm-up excluded
    asks: int  # measured, warm-up excluded


def measure_bot(
    knowledge: Path,
    questions: Sequence[str],
    python: Child,
    *,
    asks: int,
    warmup: int = 10,
    ready_within: float = 60.0,
) -> BotRun:
    """Start the bot on `knowledge`, measure it, stop it with SIGTERM as a host would.

    `python` says how a child python runs (see Child): without storybot's
    settings, in an empty folder.
    """
    # Bytecode written and files in the page cache first, as on any start but the first.
    subprocess.run(
        [sys.executable, "-c", "import bot.runner, bot.cogs.ask, bot.cogs.story, bot.cogs.admin"],
        cwd=python.cwd,
        env=dict(python.env),
        check=True,
        timeout=120,
    )
    return asyncio.run(_measure(knowledge, questions, python, asks, warmup, ready_within))


async def _measure(
    knowledge: Path,
    questions: Sequence[str],
    python: Child,
    asks: int,
    warmup: int,
    ready_within: float,
) -> BotRun:
    async with StandIn() as standin:
        argv = command(standin.api_url, standin.gateway_url, ["run"])
        python = python.with_env(
            DISCORD_TOKEN=standin.token,
            KNOWLEDGE=str(knowledge),
            # One user asks every question: the per-user cooldown must not answer instead.
            COOLDOWN="1000000/1",
        )
        with tempfile.TemporaryFile() as log:
            started = time.monotonic()
            child = await asyncio.create_subprocess_exec(
                *argv,
                cwd=python.cwd,
                env=dict(python.env),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
            try:
                await _unless_exits(child, standin.wait_for_ready(within=ready_within), log)
                await _unless_exits(
                    child,
                    standin.wait_for_request(
                        "PUT", "/applications/{id}/commands", within=ready_within
                    ),
                    log,
                )
                ready_seconds = time.monotonic() - started
                rss_ready = _status_mib(child.pid, "VmRSS")
                latencies: list[float] = []
                for i, question in zip(
                    range(warmup + asks), itertools.cycle(questions), strict=False
                ):
                    handle = standin.slash_command("ask", {"question": question[:300]})
                    callback = await _unless_exits(
                        child, handle.wait_callback(within=ANSWER_WITHIN), log
                    )
                    flags = int((callback.data or {}).get("flags", 0))
                    if (
                        callback.type != CallbackType.CHANNEL_MESSAGE
                        or flags & MessageFlag.EPHEMERAL
                    ):
                        raise RuntimeError(
                            f"/ask {question!r} was not answered publicly: {callback.data}"
                        )
                    if i >= warmup and handle.latency is not None:
                        latencies.append(handle.latency * 1000)
                rss_after = _status_mib(child.pid, "VmRSS")
                peak = _status_mib(child.pid, "VmHWM")
            finally:
                await _stop(child)
            standin.assert_clean()
    return BotRun(
        rss_ready_mib=rss_ready,
        rss_after_mib=rss_after,
        peak_mib=peak,
        ready_seconds=ready_seconds,
        round_trip=Summary.of(latencies),
        asks=len(latencies),
    )


async def _unless_exits(
    child: asyncio.subprocess.Process, waiting: Awaitable[T], log: IO[bytes]
) -> T:
    """`waiting`'s result; if the bot exits first, an error with the end of its log."""
    task = asyncio.ensure_future(waiting)
    exited = asyncio.ensure_future(child.wait())
    await asyncio.wait({task, exited}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        exited.cancel()
        return task.result()
    task.cancel()
    log.seek(0)
    tail = log.read().decode("utf-8", "replace")[-2000:]
    raise RuntimeError(f"the bot exited with code {child.returncode}:\n{tail}")


async def _stop(child: asyncio.subprocess.Process) -> None:
    if child.returncode is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        async with asyncio.timeout(STOP_WITHIN):
            await child.wait()
    except TimeoutError:
        child.kill()
        await child.wait()


def _status_mib(pid: int, field: str) -> float:
    """A /proc/<pid>/status memory field (reported in kB), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/{pid}/status")
