"""The bot's last-resort answers to interactions, with the interaction faked."""

from __future__ import annotations

from typing import Any, cast

import discord

from bot.client import answer_privately
from tests.fakes import FakeInteraction


async def test_a_private_note_answers_an_interaction_not_yet_answered() -> None:
    interaction = FakeInteraction(client=None)
    await answer_privately(cast(Any, interaction), "/ask has changed.")
    sent = interaction.reply()
    assert sent.content == "/ask has changed."
    assert sent.kwargs["ephemeral"] is True
    assert sent.kwargs["allowed_mentions"].to_dict() == {"parse": []}
    assert interaction.followup.sent == []


async def test_a_private_note_after_a_response_is_a_followup() -> None:
    """An interaction already deferred takes the note as a followup: a second response
    would be refused."""
    interaction = FakeInteraction(client=None)
    await interaction.response.defer(ephemeral=True, thinking=True)
    await answer_privately(cast(Any, interaction), "/ask has changed.")
    assert interaction.response.sent == []
    [sent] = interaction.followup.sent
    assert sent.content == "/ask has changed."
    assert sent.kwargs["ephemeral"] is True
    assert sent.kwargs["allowed_mentions"].to_dict() == {"parse": []}


async def test_an_autocomplete_is_answered_with_no_choices() -> None:
    interaction = FakeInteraction(client=None, type=discord.InteractionType.autocomplete)
    await answer_privately(cast(Any, interaction), "/ask has changed.")
    assert interaction.response.choices == []
    assert interaction.response.sent == []
