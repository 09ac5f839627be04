"""What the cogs send in Discord: the answer buttons, one outgoing message and the
sends that deliver it, and where an interaction came from.

Both cogs send rendered replies with ask buttons; this module is theirs alike, so
that neither imports the other.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Protocol,
    TypeAlias,
    TypedDict,
    TypeGuard,
    runtime_checkable,
)

import discord

from bot.client import apologise, too_late
from bot.rendering import LIMITS, NONE, Rendered, label

if TYPE_CHECKING:
    from discord.interactions import InteractionChannel

    from bot.client import StoryBot

__all__ = [
    "ASK_COG",
    "AskButton",
    "Interaction",
    "Outgoing",
    "asked_by",
    "in_dm",
    "make_view",
    "respond",
    "send_to",
]

log = logging.getLogger(__name__)

Interaction: TypeAlias = discord.Interaction["StoryBot"]

# The cog that answers the buttons, found by name: it imports this module.
ASK_COG = "Ask"

_TEMPLATE = r"storybot:ask:(?P<story>[a-z0-9-]+):(?P<entry>[a-z0-9-]+)"


def in_dm(channel: InteractionChannel | None) -> TypeGuard[InteractionChannel]:
    """Whether an interaction came from a one-to-one DM."""
    return channel is not None and channel.type is discord.ChannelType.private


@runtime_checkable
class _AnswersButtons(Protocol):
    async def answer_button(self, interaction: Interaction, story: str, entry: str) -> None: ...


class AskButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=_TEMPLATE):
    """A button that asks one entry's question.

    The entry travels in the custom id, so the button keeps working after a
    restart, long after the view that sent it is gone.
    """

    def __init__(self, story: str, entry: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"storybot:ask:{story}:{entry}",
            )
        )
        self.story = story
        self.entry = entry

    # discord.py types these hooks for any client; this bot is always a StoryBot.
    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AskButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["story"], match["entry"], label or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        cog = interaction.client.get_cog(ASK_COG)
        try:
            if isinstance(cog, _AnswersButtons):
                await cog.answer_button(interaction, self.story, self.entry)
            else:  # the extension is being reloaded
                await interaction.response.send_message(
                    "I'm restarting; please try again in a moment.", ephemeral=True
                )
        except Exception as error:
            if too_late(error):
                log.warning(
                    "button %s:%s was answered too late (Discord code %s)",
                    self.story,
                    self.entry,
                    error.code,
                )
                return
            # discord.py only logs a failed dynamic item: the click would go unanswered.
            log.exception("button %s:%s failed", self.story, self.entry)
            await apologise(interaction)


def asked_by(button: discord.Button) -> tuple[str, str] | None:
    """The story and entry ids an ask button, as Discord gives it back, asks;
    None for any other button."""
    asks = re.fullmatch(_TEMPLATE, button.custom_id or "")
    return (asks["story"], asks["entry"]) if asks else None


def make_view(rendered: Rendered) -> discord.ui.View | None:
    """The buttons of a rendered reply.

    No timeout on purpose: a view made only of dynamic items is never stored by
    discord.py, so it costs no memory, while a view that times out would also
    unregister the AskButton template for every older message.
    """
    if not rendered.buttons:
        return None
    # A custom id may appear once in a message: Discord refuses the whole of it.
    entries = list({(e.story, e.id): e for e in rendered.buttons}.values())[: LIMITS.buttons]
    view = discord.ui.View(timeout=None)
    for entry in entries:
        view.add_item(AskButton(entry.story, entry.id, label(entry, entries, LIMITS.button_label)))
    return view


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message the bot sends: text or an embed, the buttons under it and, in a
    channel, the message it replies to. No mention in it pings anyone."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    reference: discord.MessageReference | None = None

    allowed_mentions: ClassVar[discord.AllowedMentions] = NONE

    @classmethod
    def of(cls, rendered: Rendered, *, embeds: bool) -> Outgoing:
        """A rendered reply: an embed, or the same content as text, with its buttons."""
        view = make_view(rendered)
        if embeds:
            return cls(embed=rendered.embed, view=view)
        return cls(content=rendered.text, view=view)


# discord.py's sends take these keywords or nothing, never None, and what nothing
# is differs between them (None for a channel's send, MISSING for an interaction's):
# left out of a TypedDict, each gets its send's own default, and mypy still checks
# the keywords given against send.
class _Parts(TypedDict, total=False):
    embed: discord.Embed
    view: discord.ui.View


class _Delivery(TypedDict, total=False):
    reference: discord.MessageReference
    delete_after: float


def _parts(message: Outgoing) -> _Parts:
    parts: _Parts = {}
    if message.embed is not None:
        parts["embed"] = message.embed
    if message.view is not None:
        parts["view"] = message.view
    return parts


async def respond(interaction: Interaction, message: Outgoing, *, ephemeral: bool = False) -> None:
    """Answer an interaction with `message` (whose reference, a channel's, is unused)."""
    await interaction.response.send_message(
        message.content,
        ephemeral=ephemeral,
        allowed_mentions=message.allowed_mentions,
        **_parts(message),
    )


async def send_to(
    channel: discord.abc.Messageable, message: Outgoing, *, delete_after: float | None = None
) -> None:
    """Send `message` to a channel: a reply if it has a reference, deleted after
    `delete_after` seconds if given."""
    delivery: _Delivery = {}
    if message.reference is not None:
        delivery["reference"] = message.reference
    if delete_after is not None:
        delivery["delete_after"] = delete_after
    await channel.send(
        message.content,
        allowed_mentions=message.allowed_mentions,
        **_parts(message),
        **delivery,
    )
