"""Talk to the real bot through the stand-in: Discord's side of storybot, offline.

    python -m tests.standin.demo [--knowledge PATH]      (or: make discord)

Starts the loopback Discord, runs storybot in this process against it (its
cogs, command registration, buttons and DM memory, as `run` would), and plays
one reader at a prompt:

    who is talal selo       a direct message to the bot
    @ who is talal selo     the same, mentioning the bot in a server channel
    /ask who is he          the slash command (/story, /quotes NAME, /help too)
    2                       a click on the second button of the last reply

Each reply is shown as Discord received it: text or embed, then its buttons.
No token and no internet: what `python -m bot ask` is for the engine, this is
for the Discord front end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.client import create_bot
from bot.config import Settings, load_dotenv_file
from bot.engine import Engine
from tests.standin import StandIn, StoredMessage
from tests.standin.clients import running
from tests.standin.launch import aim_discord_at
from tests.standin.records import walk_components

__all__ = ["main", "show"]

Json = dict[str, Any]

# What each slash command's text after its name fills.
_OPTION = {"ask": "question", "quotes": "speaker"}


def show(data: Json) -> str:
    """A message as a reader sees it: its text, its embed, its buttons numbered."""
    lines = [data["content"]] if data.get("content") else []
    for embed in data.get("embeds") or []:
        for part in ("title", "description"):
            if embed.get(part):
                lines.append(embed[part])
        if (embed.get("footer") or {}).get("text"):
            lines.append(f"({embed['footer']['text']})")
    labels = [c["label"] for c in walk_components(data.get("components") or []) if c["type"] == 2]
    lines += [f"  [{n}] {label}" for n, label in enumerate(labels, start=1)]
    return "\n".join(lines) or "(nothing)"


async def _say(standin: StandIn, line: str, last: StoredMessage | None) -> StoredMessage | None:
    """Send one line as the reader; print the reply; the message a number clicks next."""
    if line.isdigit() and last is not None:
        components = walk_components(last.payload.get("components") or [])
        buttons = [c for c in components if c["type"] == 2]
        if not 1 <= int(line) <= len(buttons):
            print(f"(the last reply has {len(buttons)} buttons)")
            return last
        clicked = standin.click(last, buttons[int(line) - 1]["custom_id"])
        data = (await clicked.wait_callback()).data or {}
        print(show(data))
        return clicked.original or last
    if line.startswith("/"):
        name, _, text = line[1:].partition(" ")
        options = {_OPTION[name]: text.strip()} if name in _OPTION and text.strip() else {}
        try:
            handle = standin.slash_command(name, options)
        except ValueError as error:
            print(f"(Discord would refuse that: {error})")
            return last
        data = (await handle.wait_callback()).data or {}
        print(show(data))
        return handle.original or last
    sent = standin.mention(line[1:].strip()) if line.startswith("@") else standin.dm_message(line)
    try:
        reply = await sent.wait_reply(within=5)
    except TimeoutError:
        print("(no reply)")
        return last
    print(show(reply.payload))
    return reply


async def _converse(engine: Engine, settings: Settings, lines: Sequence[str] | None) -> None:
    async with StandIn() as standin:
        aim_discord_at(standin.api_url, standin.gateway_url)
        bot = create_bot(Settings(token=standin.token, knowledge=settings.knowledge), engine)
        async with running(bot, standin, within=30):
            await bot.wait_until_ready()
            print(f"storybot is in the stand-in's server as {bot.user}. Ctrl-D to leave.")
            last: StoredMessage | None = None
            for line in lines if lines is not None else _prompt():
                if not line.strip():
                    continue
                if lines is not None:
                    print(f"\nyou> {line.strip()}")  # piped in: no prompt echoed it
                last = await _say(standin, line.strip(), last)


def _prompt() -> Any:
    while True:
        try:
            yield input("you> ")
        except EOFError:
            print()
            return


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.standin.demo", description=__doc__)
    parser.add_argument("--knowledge", type=Path, metavar="PATH")
    options = parser.parse_args(argv)
    load_dotenv_file()
    settings = Settings.from_env()
    knowledge = options.knowledge or settings.knowledge
    engine = Engine.from_path(knowledge, settings.thresholds)
    # Piped in, the lines are read at once: input() would echo no prompt anyway.
    lines = None if sys.stdin.isatty() else sys.stdin.read().splitlines()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_converse(engine, Settings(knowledge=knowledge), lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
