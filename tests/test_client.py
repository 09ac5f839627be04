"""The bot's last-resort answers to interactions, and who owns it, with Discord faked."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, NoReturn, cast

import discord
import pytest

from bot.client import StoryBot, answer_privately
from bot.config import Settings
from bot.engine import Engine
from tests.fakes import FakeInteraction, FakeUser


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


async def never_asked() -> NoReturn:
    raise AssertionError("asked Discord for the application info again")


@pytest.fixture
def bot(mini_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> StoryBot:
    bot = StoryBot(Settings(), mini_engine)
    monkeypatch.setattr(bot, "application_info", never_asked)
    return bot


async def test_the_owner_is_known_from_the_application_info_login_fetched(bot: StoryBot) -> None:
    bot._application = cast(Any, SimpleNamespace(team=None, owner=FakeUser(id=42)))
    bot.remember_owners()
    assert await bot.is_owner(cast(Any, FakeUser(id=42)))
    assert not await bot.is_owner(cast(Any, FakeUser(id=43)))


async def test_a_teams_owners_are_its_admins_and_developers(bot: StoryBot) -> None:
    def member(id: int, role: discord.TeamMemberRole) -> SimpleNamespace:
        return SimpleNamespace(id=id, role=role)

    roles = discord.TeamMemberRole
    members = [member(1, roles.admin), member(2, roles.developer), member(3, roles.read_only)]
    bot._application = cast(Any, SimpleNamespace(team=SimpleNamespace(members=members)))
    bot.remember_owners()
    owners = [await bot.is_owner(cast(Any, FakeUser(id=n))) for n in (1, 2, 3)]
    assert owners == [True, True, False]
