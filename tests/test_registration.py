"""Slash commands are registered only when Discord's copy differs from the bot's tree."""

from __future__ import annotations

import copy
from typing import Any

from bot.client import StoryBot
from bot.config import Settings
from bot.engine import Engine
from bot.registration import commands_differ


async def local_payload(engine: Engine) -> list[dict[str, Any]]:
    bot = StoryBot(Settings(), engine)
    for extension in ("bot.cogs.ask", "bot.cogs.story"):
        await bot.load_extension(extension)
    return [c.to_dict(bot.tree) for c in bot.tree.get_commands()]


def as_discord_returns(payload: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What Discord sends back: ids and versions added, default values left out."""
    out = []
    for i, command in enumerate(copy.deepcopy(payload)):
        command.update(id=str(1000 + i), application_id="1", version="1", dm_permission=True)
        command.pop("nsfw", None)
        for option in command.get("options", []):
            if option.get("required") is False:
                del option["required"]
            if option.get("autocomplete") is False:
                del option["autocomplete"]
        out.append(command)
    return list(reversed(out))


async def test_the_registered_copy_of_the_same_tree_is_equal(mini_engine: Engine) -> None:
    local = await local_payload(mini_engine)
    assert not commands_differ(local, as_discord_returns(local), guild=False)


async def test_nothing_registered_differs(mini_engine: Engine) -> None:
    assert commands_differ(await local_payload(mini_engine), [], guild=False)


async def test_a_changed_option_differs(mini_engine: Engine) -> None:
    local = await local_payload(mini_engine)
    remote = as_discord_returns(local)
    ask = next(c for c in remote if c["name"] == "ask")
    ask["options"][0]["max_length"] = 200
    assert commands_differ(local, remote, guild=False)


async def test_changed_contexts_differ_globally_but_not_in_a_guild(mini_engine: Engine) -> None:
    local = await local_payload(mini_engine)
    remote = as_discord_returns(local)
    for command in remote:
        command["contexts"] = [0]
    assert commands_differ(local, remote, guild=False)
    assert not commands_differ(local, remote, guild=True)


async def test_the_command_payload(mini_engine: Engine) -> None:
    """Names, options, limits, autocomplete, contexts and install types as Discord sees them."""
    commands = {c["name"]: c for c in await local_payload(mini_engine)}
    assert set(commands) == {"ask", "story", "quotes", "help"}
    (question,) = commands["ask"]["options"]
    assert question["name"] == "question"
    assert question["required"] is True
    assert question["autocomplete"] is True
    assert (question["min_length"], question["max_length"]) == (1, 300)
    for command in commands.values():
        assert sorted(command["contexts"]) == [0, 1, 2]
        assert sorted(command["integration_types"]) == [0, 1]


def test_permissions_compare_as_discord_stores_them() -> None:
    """discord.py sends a number; Discord answers with the same number as a string."""
    local = [{"type": 1, "name": "reload", "default_member_permissions": 32}]
    remote = [{"type": 1, "name": "reload", "default_member_permissions": "32"}]
    assert not commands_differ(local, remote, guild=True)
    remote[0]["default_member_permissions"] = "8"
    assert commands_differ(local, remote, guild=True)
    assert commands_differ(local, [{"type": 1, "name": "reload"}], guild=True)
