"""Run a bot module with discord.py pointed at a stand-in, for subprocess tests.

    python -m tests.standin.launch --api URL --gateway URL [--module bot] -- ARGS...

patches discord.http.Route.BASE and DiscordWebSocket.DEFAULT_GATEWAY, then runs
MODULE as `python -m MODULE ARGS...` would, exit code included. Nothing in the
bot changes: it reads its token and settings as it always does.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from collections.abc import Sequence

import discord.gateway
import discord.http
import yarl

__all__ = ["aim_discord_at", "command", "main"]


def aim_discord_at(api_url: str, gateway_url: str) -> None:
    """Send this process's discord.py requests and gateway connections to a stand-in."""
    discord.http.Route.BASE = api_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def command(
    api_url: str, gateway_url: str, args: Sequence[str], *, module: str = "bot"
) -> list[str]:
    """The argv that runs `module` with `args` against a stand-in."""
    return [
        sys.executable,
        "-m",
        "tests.standin.launch",
        "--api",
        api_url,
        "--gateway",
        gateway_url,
        "--module",
        module,
        "--",
        *args,
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.standin.launch",
        description="Run a module as __main__ with discord.py pointed at a stand-in.",
    )
    parser.add_argument("--api", required=True, help="REST base: http://127.0.0.1:PORT/api/v10")
    parser.add_argument("--gateway", required=True, help="gateway: ws://127.0.0.1:PORT/")
    parser.add_argument("--module", default="bot", help="the module to run (default: bot)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the module's arguments, after --")
    options = parser.parse_args(argv)
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    aim_discord_at(options.api, options.gateway)
    sys.argv = [options.module, *args]
    runpy.run_module(options.module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
