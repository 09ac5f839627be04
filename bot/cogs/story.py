"""What the story is, who is quoted in it, and how to use the bot: /story, /quotes, /help."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.knowledge import speakers_named
from bot.messages import Interaction, Outgoing, in_dm, respond
from bot.rendering import (
    LIMITS,
    Rendered,
    choice_name,
    render_help,
    render_quotes,
    render_speaker_matches,
    render_speakers,
    render_stories,
    render_story,
    speaker_choice_name,
)

if TYPE_CHECKING:
    from bot.client import StoryBot


class StoryInfo(commands.Cog):
    """The story itself, its speakers, and help."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="story", description="What the story is about, and what to ask")
    @app_commands.describe(story="Which story (when there is more than one)")
    async def story(self, interaction: Interaction, story: str | None = None) -> None:
        engine = self.bot.engine
        chosen = engine.story(story) if story else None
        if chosen is None and len(engine.stories) == 1:
            chosen = engine.stories[0]
        rendered = render_story(chosen) if chosen else render_stories(engine)
        await self._send(interaction, rendered)

    @story.autocomplete("story")
    async def story_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = current.casefold()
        return [
            app_commands.Choice(name=choice_name(s.headline), value=s.id)
            for s in self.bot.engine.stories
            if typed in s.headline.casefold() or typed in s.id
        ][: LIMITS.choices]

    @app_commands.command(name="quotes", description="Who is quoted, or everything one person said")
    @app_commands.describe(speaker="A person quoted in the story")
    async def quotes(self, interaction: Interaction, speaker: str | None = None) -> None:
        engine = self.bot.engine
        if not speaker:
            await self._send(interaction, render_speakers(engine))
            return
        found = speakers_named(engine.stories, speaker)
        if len(found) != 1:
            if found:
                text = render_speaker_matches(found)
            else:
                text = "Nobody by that name is quoted in the story. Try `/quotes` to see who is."
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
            return
        await self._send(interaction, render_quotes(*found[0]))

    @quotes.autocomplete("speaker")
    async def speaker_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = current.casefold()
        stories = self.bot.engine.stories
        choices = []
        for story in stories:
            for speaker in story.speakers.values():
                if not story.quotes_by(speaker.key):
                    continue
                # With several stories the line names the story too, and typing
                # the headline picks among more stories than a list can show.
                name = speaker_choice_name(story, speaker, several_stories=len(stories) > 1)
                if typed in name.casefold():
                    choices.append(
                        app_commands.Choice(name=name, value=f"{story.id}:{speaker.key}")
                    )
        return choices[: LIMITS.choices]

    @app_commands.command(name="help", description="How to use storybot")
    async def help(self, interaction: Interaction) -> None:
        await self._send(interaction, render_help(self.bot.engine), ephemeral=True)

    async def _send(
        self, interaction: Interaction, rendered: Rendered, *, ephemeral: bool = False
    ) -> None:
        embeds = interaction.app_permissions.embed_links
        # In a DM, "2" typed next picks from these buttons, not an older message's,
        # even typed while they are on their way; a private note (/help) is an
        # aside, which leaves the last reply's in place.
        channel = interaction.channel
        if in_dm(channel) and not ephemeral:
            self.bot.conversations.showed(channel.id, rendered.buttons)
        await respond(interaction, Outgoing.of(rendered, embeds=embeds), ephemeral=ephemeral)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(StoryInfo(bot))
