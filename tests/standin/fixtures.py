"""pytest fixtures for the stand-in.

Load them with `pytest_plugins = ["tests.standin.fixtures"]` in a test module
(or in the top-level conftest); the helpers they use are in tests.standin.clients.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.standin.clients import point_discord_at
from tests.standin.server import StandIn

__all__ = ["standin"]


@pytest.fixture
async def standin(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[StandIn]:
    """A started stand-in serving `World.default()`, with discord.py pointed at it.

    After the test it fails on requests to routes it does not serve, so a bot
    calling something new shows up instead of passing by accident.
    """
    async with StandIn() as server:
        point_discord_at(server, monkeypatch)
        yield server
    server.assert_clean()
