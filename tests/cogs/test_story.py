"""/story, /quotes and /help, with handlers called directly."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import discord

from bot.client import StoryBot
from bot.cogs.story import StoryInfo
from bot.config import Settings
from bot.engine import Engine
from bot.replies import Context
from tests.fakes import FakeInteraction, FakeResponse


async def test_story_in_a_dm_is_what_a_line_typed_while_it_is_on_its_way_leans_on(
    mini_engine: Engine,
) -> None:
    bot = StoryBot(Settings(), mini_engine)
    bot.conversations.remember(99, Context(mini_engine.entry_named("reopening")))
    seen: list[Context] = []

    class Sending(FakeResponse):
        """What a DM line arriving during the send would lean on."""

        async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
            seen.append(bot.conversations.last(99))
            await super().send_message(content, **kwargs)

    dm = SimpleNamespace(type=discord.ChannelType.private, id=99)
    interaction = FakeInteraction(bot, channel=dm, response=Sending())
    cog = StoryInfo(bot)
    await cog.story.callback(cog, cast(Any, interaction))
    buttons = interaction.reply().view
    assert buttons is not None
    assert seen == [bot.conversations.last(99)]
    assert seen[0].answer is None
    assert len(seen[0].offered) == len(buttons.children) > 0
