"""Running the real discord.py in this process against a stand-in.

discord.py is pointed at the stand-in by patching two class attributes,
`Route.BASE` and `DiscordWebSocket.DEFAULT_GATEWAY`; monkeypatch restores them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable

import discord
import pytest
import yarl

from tests.standin.server import StandIn

__all__ = ["point_discord_at", "running"]


def point_discord_at(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send this process's discord.py REST calls and gateway connections to `standin`."""
    monkeypatch.setattr(discord.http.Route, "BASE", standin.api_url)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(standin.gateway_url)
    )


@contextlib.asynccontextmanager
async def running(
    client: discord.Client,
    standin: StandIn,
    *,
    token: str | None = None,
    shards: Iterable[int] = (0,),
    within: float = 10.0,
) -> AsyncIterator[asyncio.Task[None]]:
    """Run `client.start()` until the block ends; enter once every shard in `shards` is READY.

    The client's own failure (a LoginFailure, a ConnectionClosed) is raised
    here rather than left in a task nobody awaits.
    """
    task = asyncio.create_task(client.start(token or standin.token), name="discord-client")
    error: BaseException | None = None
    try:
        for shard_id in shards:
            ready = asyncio.ensure_future(standin.wait_for_ready(shard_id, within=within))
            await asyncio.wait({ready, task}, return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():
                ready.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ready
                task.result()
                raise RuntimeError("the client stopped before READY")
            ready.result()
        yield task
    finally:
        await client.close()
        done, _ = await asyncio.wait({task}, timeout=within)
        if not done:
            task.cancel()
            await asyncio.wait({task})
        error = None if task.cancelled() else task.exception()
    if error is not None:
        raise error
