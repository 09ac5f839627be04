"""Load through the stand-in: thousands of questions, each answered exactly once,
and memory that does not grow with them.

The load runs against the bot as a host runs it, `python -m bot run` in its own
process (through `tests.standin.launch`), so that its resident memory is its own
and not the stand-in's, which keeps every request it receives. What happens to
views and the cooldown table inside the bot is checked in-process, on a smaller run.
The latency figures are printed, not asserted: speed belongs to bench/.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import signal
import sys
import time
import weakref
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bench.stats import Summary
from bot import messages
from bot.config import Cooldown
from tests.conftest import ROOT, SHIPPED, clean_env
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import embed, is_ephemeral, message
from tests.standin import InteractionHandle, MessageHandle, StandIn, World
from tests.standin.launch import command
from tests.standin.payloads import CallbackType
from tests.standin.world import User

pytest_plugins = ["tests.standin.fixtures"]

ASKS = 2000
RATE = 200.0  # /ask per second at most; autocompletes and DMs come on top
AUTOCOMPLETE_EVERY = 4  # one autocomplete after every 4th /ask
DM_EVERY = 10  # one DM after every 10th /ask
WARMUP_ASKS = 200  # one at a time, after a first round of every kind
USERS = 800  # enough that the default cooldown (5 per 10 s) never answers instead
MAX_GROWTH = 10_000_000  # bytes of resident memory, warm-up to end
CALLBACK = "/interactions/{id}/{token}/callback"
SEND = "/channels/{id}/messages"


def questions() -> Iterator[str]:
    """Readers' questions from the evaluation sets, answered, ambiguous and declined."""
    lines = []
    for name in ("eval_dev.jsonl", "eval_test.jsonl"):
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8") as file:
            lines += [json.loads(line)["q"][:300] for line in file if line.strip()]
    return itertools.cycle(lines)


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


def summary_ms(latencies: list[float | None]) -> Summary:
    assert None not in latencies
    return Summary.of([x * 1000 for x in latencies if x is not None])


def crowd(world: World) -> list[User]:
    """Readers in the first guild, each with a DM channel to the bot."""
    newsroom = world.guild("Newsroom")
    users = []
    for n in range(USERS):
        user = world.add_user(f"reader{n}")
        newsroom.add_member(user)
        world.dm_channel(user)
        users.append(user)
    return users


class Load:
    """Dispatches questions round-robin over the users, and keeps every handle."""

    def __init__(self, standin: StandIn, users: list[User]) -> None:
        self.standin = standin
        self.users = itertools.cycle(users)
        self.questions = questions()
        self.typed = questions()
        self.asks: list[InteractionHandle] = []
        self.typing: list[InteractionHandle] = []
        self.dms: list[MessageHandle] = []

    def ask(self) -> InteractionHandle:
        handle = self.standin.slash_command(
            "ask", {"question": next(self.questions)}, user=next(self.users)
        )
        self.asks.append(handle)
        return handle

    def autocomplete(self) -> InteractionHandle:
        typed = next(self.typed)[: len(self.typing) % 20]
        handle = self.standin.autocomplete(
            "ask", {"question": typed}, focused="question", user=next(self.users)
        )
        self.typing.append(handle)
        return handle

    def dm(self) -> MessageHandle:
        handle = self.standin.dm_message(next(self.questions), user=next(self.users))
        self.dms.append(handle)
        return handle

    def send(self, n: int) -> None:
        """The `n`-th /ask of the load, and the autocomplete or DM that follows it."""
        self.ask()
        if n % AUTOCOMPLETE_EVERY == 0:
            self.autocomplete()
        if n % DM_EVERY == 0:
            self.dm()

    async def answered(self, *, within: float) -> None:
        async with asyncio.timeout(within):
            for handle in [*self.asks, *self.typing]:
                await handle.wait_callback(within=within)
            for dm in self.dms:
                await dm.wait_reply(within=within)


def bot_env(standin: StandIn) -> dict[str, str]:
    return clean_env(
        DISCORD_TOKEN=standin.token,
        KNOWLEDGE=str(SHIPPED),
        COOLDOWN="5/10",
        # One line per question at INFO: the log is not what is measured.
        LOG_LEVEL="WARNING",
    )


async def test_thousands_of_questions_each_answered_once_in_bounded_memory(
    tmp_path: Path,
) -> None:
    world = World.default()
    users = crowd(world)
    log = tmp_path / "bot.log"
    async with StandIn(world) as standin:
        argv = command(standin.api_url, standin.gateway_url, ["run"])
        with log.open("wb") as output:
            child = await asyncio.create_subprocess_exec(
                *argv,
                cwd=tmp_path,  # no developer's .env
                env=bot_env(standin),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=output,
                stderr=output,
            )
        try:
            await standin.wait_for_ready(within=60)
            load = Load(standin, users)

            # Warm-up: every path once, then /ask one at a time.
            await load.ask().wait_callback()
            await load.autocomplete().wait_callback()
            await load.dm().wait_reply()
            sequential: list[InteractionHandle] = []
            for _ in range(WARMUP_ASKS):
                handle = load.ask()
                await handle.wait_callback()
                sequential.append(handle)
            await load.answered(within=30)
            rss_warm = rss_bytes(child.pid)
            warm = (len(load.asks), len(load.typing), len(load.dms))

            started = time.monotonic()
            for n in range(1, ASKS + 1):
                load.send(n)
                delay = started + n / RATE - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            sent_in = time.monotonic() - started
            await load.answered(within=60)
            rss_after = rss_bytes(child.pid)
        finally:
            if child.returncode is None:
                child.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(child.wait(), 10)
                except TimeoutError:
                    child.kill()
                    await child.wait()
        standin.assert_clean()

    assert child.returncode == 0, log.read_text(errors="replace")[-3000:]
    asks = load.asks[warm[0] :]
    typing = load.typing[warm[1] :]
    dms = load.dms[warm[2] :]
    assert (len(asks), len(typing), len(dms)) == (
        ASKS,
        ASKS // AUTOCOMPLETE_EVERY,
        ASKS // DM_EVERY,
    )

    # Exactly once: one callback per interaction, one reply per DM, nothing refused.
    callbacks = Counter(r.path for r in standin.requests_to("POST", CALLBACK))
    every = [*load.asks, *load.typing]
    assert len(callbacks) == len(every)
    assert set(callbacks.values()) == {1}
    assert {r.status for r in standin.requests_to("POST", CALLBACK)} == {200}
    assert [len(d.replies) for d in load.dms] == [1] * len(load.dms)
    assert len(standin.requests_to("POST", SEND)) == len(load.dms)
    for handle in load.asks:
        assert handle.callback is not None
        data = message(handle.callback)
        assert not is_ephemeral(data), data  # answered, never slowed down
        assert embed(data)["title"]
    for handle in load.typing:
        assert handle.callback is not None
        assert handle.callback.type == CallbackType.AUTOCOMPLETE_RESULT
    for dm in load.dms:
        assert dm.replies[0].embeds, dm.replies[0].content

    one_by_one = summary_ms([h.latency for h in sequential])
    loaded = summary_ms([h.latency for h in asks])
    growth = rss_after - rss_warm
    print(
        f"\n/ask one at a time: {one_by_one.count} asks, p50 {one_by_one.median:.2f} ms, "
        f"p99 {one_by_one.p99:.2f} ms"
        f"\nload: {len(asks)} /ask + {len(typing)} autocomplete + {len(dms)} DMs "
        f"in {sent_in:.1f} s ({(len(asks) + len(typing) + len(dms)) / sent_in:.0f} events/s, "
        f"{len(asks) / sent_in:.0f} /ask/s); /ask p50 {loaded.median:.2f} ms, "
        f"p99 {loaded.p99:.2f} ms, max {loaded.max:.2f} ms"
        f"\nbot RSS after warm-up {rss_warm / 2**20:.1f} MiB, after the load "
        f"{rss_after / 2**20:.1f} MiB ({growth / 2**20:+.2f} MiB)",
        file=sys.stderr,
    )
    assert growth <= MAX_GROWTH


async def test_answers_leave_no_views_or_cooldowns_behind(
    standin: StandIn, make_bot: MakeBot, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Buttons cost nothing once sent, and one-off askers leave the cooldown table."""
    cooldown = Cooldown(rate=5, seconds=0.5)
    bot = make_bot(cooldown=cooldown)
    newsroom = standin.world.guild("Newsroom")
    readers = [standin.world.add_user(f"one-off{n}") for n in range(300)]
    for reader in readers:
        newsroom.add_member(reader)
    views: list[weakref.ref[discord.ui.View]] = []
    async with serve(bot):
        cog: Any = bot.get_cog("Ask")
        track_views(messages, views, monkeypatch)
        store = bot._connection._view_store
        first = standin.slash_command("ask", {"question": "how many fighters left?"})
        await first.wait_callback()
        assert first.original is not None
        before = view_store_size(store)
        handles = []
        for n, reader in enumerate(readers):
            handles.append(standin.slash_command("ask", {"question": "sdf"}, user=reader))
            if n % 3 == 0:
                button = first.original.custom_ids[n % len(first.original.custom_ids)]
                handles.append(standin.click(first.original, button, user=reader))
            if n % 5 == 0:
                handles.append(standin.dm_message("what is the sdf?", user=reader))
        for handle in handles:
            if isinstance(handle, MessageHandle):
                await handle.wait_reply()
            else:
                await handle.wait_callback()
        busiest = len(cog.cooldowns._cache)
        after = view_store_size(store)
        # Once the window has passed, the next question clears the idle users out.
        await asyncio.sleep(cooldown.seconds + 0.1)
        await standin.slash_command("ask", {"question": "sdf"}).wait_callback()
        idle = len(cog.cooldowns._cache)
        gc.collect()
        alive = [n for n, v in enumerate(views) if v() is not None]

    assert len(views) > len(readers)
    assert after == before
    assert before == {"views": 0, "message views": 0, "dynamic items": 1, "modals": 0}
    # At most the newest answer's view may still be referenced while the bot runs.
    assert len(alive) <= 1, f"{len(alive)} of {len(views)} views still held: {alive}"
    # Users idle for longer than the window leave the table even during the run.
    assert 1 < busiest <= len(readers) + 1
    assert idle == 1


def track_views(
    module: Any, views: list[weakref.ref[discord.ui.View]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep a weak reference to every view `module.make_view` makes."""
    make_view = module.make_view

    def tracked(rendered: Any) -> discord.ui.View | None:
        view = make_view(rendered)
        if view is not None:
            views.append(weakref.ref(view))
        return view

    monkeypatch.setattr(module, "make_view", tracked)


def view_store_size(store: Any) -> dict[str, int]:
    return {
        "views": len(store._views),
        "message views": len(store._synced_message_views),
        "dynamic items": len(store._dynamic_items),
        "modals": len(store._modals),
    }
