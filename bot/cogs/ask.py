"""Questions from Discord: /ask, direct messages, mentions and answer buttons.

Every path ends in the same place: the engine answers, `bot.rendering` turns the
reply into a message, and this cog sends it without pinging anyone.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.knowledge import Entry
from bot.messages import (
    ASK_COG,
    AskButton,
    Interaction,
    Outgoing,
    asked_by,
    in_dm,
    respond,
    send_to,
)
from bot.rendering import LIMITS, NONE, answered_entry, choice_name, render_reply, truncate
from bot.replies import Context, Declined, DeclineReason, Reply

if TYPE_CHECKING:
    from bot.client import StoryBot

log = logging.getLogger(__name__)


class Ask(commands.Cog, name=ASK_COG):
    """Answers questions about the story."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        cooldown = bot.settings.cooldown
        self.cooldowns: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            cooldown.rate, cooldown.seconds, lambda user_id: user_id
        )
        # A message over the limit is told so once a window: telling every one of
        # a flood would send as many messages as the limit holds back.
        self.told_to_slow_down: commands.CooldownMapping[int] = (
            commands.CooldownMapping.from_cooldown(1, cooldown.seconds, lambda user_id: user_id)
        )
        # discord.py times its cooldowns by the wall clock unless told the time: a
        # clock set back an hour would hold a reader back an hour.
        self.clock: Callable[[], float] = time.monotonic

    # --- /ask ----------------------------------------------------------------------

    @app_commands.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, e.g. how many fighters left the city?")
    async def ask(
        self,
        interaction: Interaction,
        question: app_commands.Range[str, 1, 300],
    ) -> None:
        if await self._slowed_down(interaction):
            return
        started = time.perf_counter()
        # In a DM, /ask leans on what the bot showed there last, as a typed line does.
        channel = interaction.channel
        context = self.bot.conversations.last(channel.id) if in_dm(channel) else Context()
        reply = self.bot.engine.ask(question, after=context.answer, offered=context.offered)
        await self._respond(interaction, reply)
        self.bot.record(reply, "slash", started, context.answer)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            entries = self.bot.engine.complete(current, limit=LIMITS.choices)
        except Exception:
            # discord.py only logs a failed autocomplete; an empty list still answers it.
            log.exception("autocomplete failed")
            return []
        choices: dict[str, app_commands.Choice[str]] = {}
        for entry in entries:
            name = choice_name(entry.question)
            choices.setdefault(name, app_commands.Choice(name=name, value=name))
        return list(choices.values())[: LIMITS.choices]

    # --- buttons -------------------------------------------------------------------

    async def answer_button(self, interaction: Interaction, story: str, entry: str) -> None:
        if await self._slowed_down(interaction):
            return
        started = time.perf_counter()
        engine = self.bot.engine
        # The answer the button sat under: its buttons need not offer it again.
        came_from = answered_entry(interaction.message, engine) if interaction.message else None
        reply = engine.answer_entry(story, entry, after=came_from)
        if reply is None:
            await interaction.response.send_message(
                "That question is no longer in the story I know; the story may have been "
                "updated. Try `/story` to see what you can ask now.",
                ephemeral=True,
                allowed_mentions=NONE,
            )
            return
        await self._respond(interaction, reply)
        self.bot.record(reply, "button", started)

    # --- direct messages and mentions ------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        # A system message ("pinned a message" in a DM) carries the reader as its
        # author but asks nothing, and Discord refuses replies to it.
        if message.author.bot or message.is_system() or self.bot.user is None:
            return
        if message.guild is None:
            if isinstance(message.channel, discord.DMChannel):
                await self._answer_message(message, message.content, source="dm")
            return
        question = self._addressed_to_me(message)
        if question is not None:
            await self._answer_message(message, question, source="mention")
        elif self._replies_to_me(message):
            # "thanks!" under an answer is no question: only the story is answered.
            await self._answer_message(message, message.content, source="reply", chatter=False)

    def _my_message_replied_to(self, message: discord.Message) -> discord.Message | None:
        """The bot's message that `message` replies to, or None if it replies to none
        of the bot's."""
        me = self.bot.user
        replied = message.reference.resolved if message.reference else None
        if not isinstance(replied, discord.Message) or me is None or replied.author.id != me.id:
            return None
        return replied

    def _offered_in(self, message: discord.Message) -> tuple[Entry | None, ...]:
        """The entries a message's ask buttons offer, in order; None for one whose
        entry is gone since, so that the others keep their places."""
        offered: list[Entry | None] = []
        # A view's buttons come back from Discord in action rows at the message's top level.
        buttons = (
            item
            for row in message.components
            if isinstance(row, discord.ActionRow)
            for item in row.children
            if isinstance(item, discord.Button)
        )
        for button in buttons:
            asks = asked_by(button)
            if asks is not None:
                story_id, entry_id = asks
                story = self.bot.engine.story(story_id)
                offered.append(story.entry(entry_id) if story else None)
        return tuple(offered)

    def _addressed_to_me(self, message: discord.Message) -> str | None:
        """The question in a guild message that mentions the bot itself, else None.

        @everyone, @here and role mentions (even the bot's own managed role) do
        not count: they are not addressed to the bot.
        """
        me = self.bot.user
        assert me is not None
        pattern = re.compile(rf"<@!?{me.id}>")
        if not any(u.id == me.id for u in message.mentions) or not pattern.search(message.content):
            return None
        return pattern.sub(" ", message.content).strip()

    def _replies_to_me(self, message: discord.Message) -> bool:
        """Whether a guild message replies to one of the bot's, pinging it.

        Discord delivers its text because the reply mentions the bot; with the
        ping turned off it arrives empty, and is not the bot's to answer.
        """
        me = self.bot.user
        assert me is not None
        return self._my_message_replied_to(message) is not None and any(
            u.id == me.id for u in message.mentions
        )

    async def _answer_message(
        self, message: discord.Message, question: str, *, source: str, chatter: bool = True
    ) -> None:
        """Reply to a message; with `chatter` False, only if it is about the story."""
        channel = message.channel
        embeds = history = True
        if message.guild is not None:
            perms = channel.permissions_for(message.guild.me)
            # In a thread, Send Messages is the parent's; posting needs its own permission.
            if isinstance(channel, discord.Thread):
                can_send = perms.send_messages_in_threads
            else:
                can_send = perms.send_messages
            if not can_send:
                log.info("cannot reply in a channel: missing Send Messages")
                return
            embeds, history = perms.embed_links, perms.read_message_history
        started = time.perf_counter()
        reply: Reply | None = None
        replied = self._my_message_replied_to(message)
        if replied is not None:
            # A follow-up ("who is he?", "the second one") leans on the answer it replies to.
            context = Context(answered_entry(replied, self.bot.engine), self._offered_in(replied))
        elif source == "dm":
            # In a DM, readers rarely use Discord's reply: what the bot showed last.
            context = self.bot.conversations.last(channel.id)
        else:
            context = Context()
        after, offered = context.answer, context.offered
        if not chatter:
            # Read before the limit: "thanks!" is no question, and takes none of it.
            reply = self.bot.engine.ask(question, after=after, offered=offered)
            if isinstance(reply, Declined) and reply.reason in _CHATTER:
                return
        now = self.clock()
        retry = self.cooldowns.update_rate_limit(message.author.id, now)
        if retry is not None:
            if self.told_to_slow_down.update_rate_limit(message.author.id, now) is None:
                notice = _to(message, Outgoing(content=_slow_down(retry)), history=history)
                await _send(channel, source, notice, delete_after=retry)
            return
        if reply is None:
            reply = self.bot.engine.ask(question, after=after, offered=offered)
        rendered = render_reply(reply, self.bot.engine)
        outgoing = _to(message, Outgoing.of(rendered, embeds=embeds), history=history)
        if source == "dm":
            # Now, not once sent: a reader's next line may come in while this
            # reply is on its way, and it leans on this reply.
            self.bot.conversations.replied(channel.id, reply)
        if await _send(channel, source, outgoing):
            self.bot.record(reply, source, started, after)

    # --- shared --------------------------------------------------------------------

    async def _respond(self, interaction: Interaction, reply: Reply) -> None:
        rendered = render_reply(reply, self.bot.engine)
        embeds = interaction.app_permissions.embed_links
        # In a DM, the next message typed may lean on this reply, even one typed
        # while it is on its way.
        channel = interaction.channel
        if in_dm(channel):
            self.bot.conversations.replied(channel.id, reply)
        await respond(interaction, Outgoing.of(rendered, embeds=embeds))

    async def _slowed_down(self, interaction: Interaction) -> bool:
        retry = self.cooldowns.update_rate_limit(interaction.user.id, self.clock())
        if retry is None:
            return False
        await interaction.response.send_message(
            _slow_down(retry), ephemeral=True, allowed_mentions=NONE
        )
        return True


async def _send(
    channel: discord.abc.Messageable,
    source: str,
    message: Outgoing,
    *,
    delete_after: float | None = None,
) -> bool:
    """Send to a channel; False when Discord refuses.

    A user who blocks the bot or closes DMs, or permissions changed since the
    cache saw them: nothing to answer, nothing to retry, no traceback to log.
    """
    try:
        await send_to(channel, message, delete_after=delete_after)
    except discord.Forbidden as error:
        log.info("cannot send a %s reply (Discord code %s)", source, error.code)
        return False
    return True


def _to(message: discord.Message, outgoing: Outgoing, *, history: bool) -> Outgoing:
    """`outgoing` addressed to whoever wrote `message`: a reply to it, or, where the bot
    may not read the channel's history (which a reply needs), a message that starts
    by naming them. The mention cannot ping: no Outgoing allows any."""
    if history:
        return replace(outgoing, reference=message.to_reference(fail_if_not_exists=False))
    mention = message.author.mention
    content = truncate(outgoing.content or "", LIMITS.content - len(mention) - 1)
    return replace(outgoing, content=f"{mention} {content}".rstrip())


# Declines that say a message was not about the story at all, or not one the bot
# can read: under an answer, "спасибо" is no question either.
_CHATTER = frozenset({DeclineReason.EMPTY, DeclineReason.OFF_TOPIC, DeclineReason.NOT_ENGLISH})


def _slow_down(retry_after: float) -> str:
    when = int(time.time() + retry_after + 0.999)
    return f"You're asking faster than I can keep up. Try again <t:{when}:R>."


async def setup(bot: StoryBot) -> None:
    bot.add_dynamic_items(AskButton)
    await bot.add_cog(Ask(bot))


async def teardown(bot: StoryBot) -> None:
    bot.remove_dynamic_items(AskButton)
