"""A loopback stand-in for Discord, for testing the bot with the real discord.py.

`StandIn` serves REST API v10 and Gateway v10 on 127.0.0.1; discord.py connects
to it unmodified once `Route.BASE` and `DiscordWebSocket.DEFAULT_GATEWAY` point
at it: in-process through `tests.standin.fixtures`, or in a subprocess through
`python -m tests.standin.launch`. Nothing leaves the machine.

- world.py: users, guilds, channels, permissions, snowflakes
- payloads.py: the JSON Discord sends
- rest.py, gateway.py: the two protocols
- records.py: what is recorded, and the handles tests await
- server.py: StandIn, which ties them together
- clients.py, fixtures.py: running discord.py in-process; the `standin` fixture
- launch.py: running a bot module in a subprocess (echo_client.py is a tiny one)
"""

from tests.standin.gateway import CloseCode, Intent
from tests.standin.records import (
    Callback,
    Fault,
    InteractionHandle,
    MessageHandle,
    RecordedRequest,
    StoredMessage,
)
from tests.standin.server import StandIn
from tests.standin.world import Overwrite, Permission, World

__all__ = [
    "Callback",
    "CloseCode",
    "Fault",
    "Intent",
    "InteractionHandle",
    "MessageHandle",
    "Overwrite",
    "Permission",
    "RecordedRequest",
    "StandIn",
    "StoredMessage",
    "World",
]
