"""A minimal discord.py client for testing the launcher: it answers each DM with PREFIX + text.

    DISCORD_TOKEN=... python -m tests.standin.launch --api URL --gateway URL \
        --module tests.standin.echo_client -- --prefix "echo: "

SIGTERM closes the gateway connection cleanly and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Sequence

import discord


class EchoClient(discord.Client):
    def __init__(self, prefix: str) -> None:
        super().__init__(
            intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none()
        )
        self.prefix = prefix

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None and message.author != self.user:
            await message.channel.send(self.prefix + message.content)


async def serve(token: str, prefix: str) -> None:
    client = EchoClient(prefix)
    stopping = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
    async with client:
        runner = asyncio.create_task(client.start(token))
        stopper = asyncio.create_task(stopping.wait())
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        await client.close()
        await runner


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="echo_client")
    parser.add_argument("--prefix", default="echo: ")
    options = parser.parse_args(argv)
    asyncio.run(serve(os.environ["DISCORD_TOKEN"], options.prefix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
