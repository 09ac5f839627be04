"""Operator commands: /reload, registered only in the development server, owner only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.knowledge import KnowledgeError
from bot.messages import Interaction
from bot.rendering import LIMITS, NONE, truncate

if TYPE_CHECKING:
    from bot.client import StoryBot


class Admin(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="reload", description="Re-read the knowledge files (owner only)")
    @app_commands.default_permissions(manage_guild=True)
    async def reload(self, interaction: Interaction) -> None:
        if not await self.bot.is_owner(interaction.user):
            await interaction.response.send_message(
                "Only the bot's owner can reload its knowledge.", ephemeral=True
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            engine = await self.bot.reload_knowledge()
        except KnowledgeError as error:  # logged, problem by problem
            head = "Reload refused; still serving the previous knowledge.\n```\n"
            problems = truncate(str(error), LIMITS.content - len(head) - 4)
            await interaction.followup.send(
                f"{head}{problems}\n```", ephemeral=True, allowed_mentions=NONE
            )
            return
        stories = len(engine.stories)
        entries = sum(len(s.entries) for s in engine.stories)
        noun = "story" if stories == 1 else "stories"
        await interaction.followup.send(
            f"Reloaded: {stories} {noun}, {entries} entries.", ephemeral=True
        )


async def setup(bot: StoryBot) -> None:
    # Only in the development server: elsewhere nobody should even see the command,
    # and SIGHUP reloads a deployed bot.
    if bot.dev_guild is not None:
        await bot.add_cog(Admin(bot), guild=bot.dev_guild)
