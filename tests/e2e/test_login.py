"""Logging in: the intents storybot asks for, the commands it registers, and when it syncs."""

from __future__ import annotations

import logging

import pytest

from bot.client import StoryBot
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import embed, message
from tests.standin import Intent, StandIn

pytest_plugins = ["tests.standin.fixtures"]

# Not one privileged intent: Discord delivers the content of DMs and of messages
# that mention the bot without MESSAGE_CONTENT.
INTENTS = Intent.GUILDS | Intent.GUILD_MESSAGES | Intent.DIRECT_MESSAGES
EVERYWHERE = [0, 1, 2]  # guilds, the bot's DMs, private channels
BOTH_INSTALLS = [0, 1]  # installed to a server, installed to a user


def by_name(commands: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(c["name"]): c for c in commands}


async def test_login_identifies_with_unprivileged_intents(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    bot = make_bot()
    async with serve(bot):
        await bot.wait_until_ready()

    assert [r.route for r in standin.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    (identify,) = standin.identifies
    assert identify.token_valid
    assert identify.intents == INTENTS
    assert bot.user is not None
    assert bot.user.id == standin.world.bot.id
    assert {g.name for g in bot.guilds} == {"Newsroom", "Annex"}


async def test_registered_commands(standin: StandIn, make_bot: MakeBot, serve: Serve) -> None:
    async with serve(make_bot()):
        pass

    commands = by_name(standin.commands())
    assert sorted(commands) == ["ask", "help", "quotes", "story"]
    for command in commands.values():
        assert command["contexts"] == EVERYWHERE, command["name"]
        assert command["integration_types"] == BOTH_INSTALLS, command["name"]
        assert command["type"] == 1
        assert command["description"]
    (question,) = commands["ask"]["options"]  # type: ignore[misc]
    assert question == {
        **question,
        "name": "question",
        "type": 3,
        "required": True,
        "min_length": 1,
        "max_length": 300,
        "autocomplete": True,
    }
    (speaker,) = commands["quotes"]["options"]  # type: ignore[misc]
    assert (speaker["name"], speaker.get("required", False), speaker["autocomplete"]) == (
        "speaker",
        False,
        True,
    )
    assert commands["help"].get("options", []) == []
    # /reload exists only in a development server, never globally.
    assert standin.commands(standin.world.guild("Newsroom").id) == []


async def test_a_restart_with_the_same_commands_does_not_sync_again(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    first: StoryBot = make_bot()
    async with serve(first):
        pass
    registered = standin.commands()
    async with serve(make_bot()):
        pass

    puts = standin.requests_to("PUT", "/applications/{id}/commands")
    lists = standin.requests_to("GET", "/applications/{id}/commands")
    assert len(puts) == 1
    assert len(lists) == 2  # each start compares before it decides
    assert standin.commands() == registered
    assert len(standin.identifies) == 2


async def test_a_restart_in_the_development_server_does_not_sync_again(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """/reload carries permissions, which Discord returns as a string."""
    newsroom = standin.world.guild("Newsroom").id
    for _ in range(2):
        async with serve(make_bot(dev_guild_id=newsroom)):
            pass

    route = "/applications/{id}/guilds/{guild_id}/commands"
    assert len(standin.requests_to("GET", route)) == 2
    assert len(standin.requests_to("PUT", route)) == 1
    reload = by_name(standin.commands(newsroom))["reload"]
    assert reload["default_member_permissions"] == "32"


async def test_a_changed_command_is_synced_at_the_next_start(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        pass
    ask = by_name(standin.commands())["ask"]
    ask["description"] = "An older description"

    async with serve(make_bot()):
        pass

    assert len(standin.requests_to("PUT", "/applications/{id}/commands")) == 2
    assert by_name(standin.commands())["ask"]["description"] == "Ask a question about the story"


async def test_a_failed_registration_is_logged_and_the_bot_still_serves(
    standin: StandIn, make_bot: MakeBot, serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    """Commands Discord already has keep working: an outage must not keep the bot offline."""
    standin.fail("PUT", "/applications/{id}/commands", status=503)
    with caplog.at_level(logging.WARNING, logger="bot.client"):
        async with serve(make_bot()):
            asked = standin.slash_command("ask", {"question": "how many fighters left?"})
            data = message(await asked.wait_callback())

    assert standin.commands() == []
    assert embed(data)["title"] == "How many IS fighters left Raqa?"
    (warning,) = [r.getMessage() for r in caplog.records if r.name == "bot.client"]
    assert warning == (
        "could not register slash commands (Discord status 503, code 0: "
        "503: Service Unavailable); serving with those Discord has"
    )
