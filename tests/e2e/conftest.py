"""storybot itself, run in-process against the loopback stand-in.

Every test here starts the real bot (`bot.client.create_bot`, its cogs, its
command registration) and plays Discord's part through `tests.standin`. What
the tests assert on is what Discord would have received. Each module loads the
`standin` fixture with `pytest_plugins`, as the other stand-in tests do.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.client import StoryBot, create_bot
from bot.config import Cooldown, Settings
from bot.engine import Engine
from tests.standin import StandIn
from tests.standin.clients import running

__all__ = ["TIME_LIMIT", "MakeBot", "Serve"]

# Generous bounds: they stop a hung test, they are not speed requirements.
TIME_LIMIT = 20.0

NO_COOLDOWN = Cooldown(rate=10_000, seconds=1.0)

MakeBot = Callable[..., StoryBot]
Serve = Callable[[StoryBot], AbstractAsyncContextManager[asyncio.Task[None]]]


@pytest.fixture
def make_bot(standin: StandIn, engine: Engine) -> MakeBot:
    """A storybot for the stand-in: the shipped story unless told otherwise.

    The cooldown is lifted unless a test sets one, so that only the tests about
    it meet it.
    """

    def make(
        engine: Engine = engine,
        *,
        knowledge: Path | None = None,
        cooldown: Cooldown = NO_COOLDOWN,
        **settings: Any,
    ) -> StoryBot:
        if knowledge is not None:
            settings["knowledge"] = knowledge
        bot = create_bot(
            Settings(token=standin.token, cooldown=cooldown, **settings),
            engine,
            # on_ready waits this long after the last GUILD_CREATE (default 2 s).
            guild_ready_timeout=0.05,
        )

        # discord.py waits 5 s before every IDENTIFY but the first, for Discord's
        # identify rate limit; the stand-in has none.
        async def identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
            return None

        bot.before_identify_hook = identify_at_once  # type: ignore[method-assign]
        return bot

    return make


@pytest.fixture
def serve(standin: StandIn) -> Serve:
    """`async with serve(bot):` runs the bot until it is ready, and closes it after the block.

    The bot's own readiness is awaited, not just the stand-in's READY: after a
    restart the stand-in already holds the previous bot's session.
    """

    @asynccontextmanager
    async def serve_bot(bot: StoryBot) -> AsyncIterator[asyncio.Task[None]]:
        async with asyncio.timeout(TIME_LIMIT), running(bot, standin, within=TIME_LIMIT) as task:
            ready = asyncio.ensure_future(bot.wait_until_ready())
            await asyncio.wait({ready, task}, return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():
                ready.cancel()
                task.result()
                raise RuntimeError("the bot stopped before it was ready")
            yield task

    return serve_bot
