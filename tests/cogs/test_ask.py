"""/ask, its autocomplete, answer buttons and the cooldown, with handlers called directly."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Any, cast

import discord
import pytest

from bot.client import StoryBot
from bot.cogs.ask import Ask
from bot.config import Cooldown, Settings
from bot.engine import Engine
from bot.messages import AskButton
from bot.replies import Context
from tests.fakes import FakeInteraction, FakeResponse, FakeUser


@pytest.fixture
def bot(mini_engine: Engine) -> StoryBot:
    return StoryBot(Settings(cooldown=Cooldown(rate=3, seconds=60)), mini_engine)


@pytest.fixture
def cog(bot: StoryBot) -> Ask:
    return Ask(bot)


async def ask(cog: Ask, interaction: FakeInteraction, question: str) -> None:
    await cog.ask.callback(cog, cast(Any, interaction), question)


async def test_ask_answers_with_an_embed_and_related_buttons(cog: Ask, bot: StoryBot) -> None:
    interaction = FakeInteraction(bot)
    await ask(cog, interaction, "when will the port reopen")
    sent = interaction.reply()
    assert sent.embed is not None
    assert sent.embed.title == "When will the harbour reopen?"
    assert sent.kwargs["allowed_mentions"].to_dict() == {"parse": []}
    assert sent.view is not None
    labels = [i.item.label for i in sent.view.children if isinstance(i, AskButton)]
    assert labels == ["How long will the pier repairs take?", "Why was the harbour closed?"]


async def test_without_embed_links_the_answer_is_text(cog: Ask, bot: StoryBot) -> None:
    interaction = FakeInteraction(bot, app_permissions=discord.Permissions(send_messages=True))
    await ask(cog, interaction, "when will the port reopen")
    sent = interaction.reply()
    assert sent.embed is None
    assert sent.content is not None
    assert "Ann Reyes expects it to reopen on Friday." in sent.content


async def test_cooldown_answers_slow_down_with_when_to_retry(cog: Ask, bot: StoryBot) -> None:
    user = FakeUser(id=42)
    for _ in range(3):
        await ask(cog, FakeInteraction(bot, user=user), "reyes")
    interaction = FakeInteraction(bot, user=user)
    await ask(cog, interaction, "reyes")
    sent = interaction.reply()
    assert sent.kwargs["ephemeral"] is True
    assert sent.content is not None
    assert sent.content.startswith("You're asking faster than I can keep up. Try again <t:")
    assert sent.content.endswith(":R>.")
    other = FakeInteraction(bot, user=FakeUser(id=43))
    await ask(cog, other, "reyes")
    assert other.reply().embed is not None, "the cooldown is per user"


class FakeChannel:
    def __init__(self, *, refuses: bool = False, id: int = 7) -> None:
        self.sent: list[dict[str, Any]] = []
        self.refuses = refuses
        self.id = id

    async def send(self, content: str | None = None, **kwargs: Any) -> None:
        if self.refuses:
            # A user who blocked the bot: Discord's 50007, Cannot send messages to this user.
            response = SimpleNamespace(status=403, reason="Forbidden")
            message = {"code": 50007, "message": "Cannot send messages to this user"}
            raise discord.Forbidden(cast(Any, response), message)
        self.sent.append({"content": content, **kwargs})


class FakeDirectMessage:
    guild = None
    reference = None  # not a reply

    def __init__(self, author: FakeUser, channel: FakeChannel) -> None:
        self.author, self.channel = author, channel

    def to_reference(self, *, fail_if_not_exists: bool) -> None:
        return None


class SlowChannel(FakeChannel):
    """A DM whose sends take until `arrived` is set: Discord's round trip."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = asyncio.Event()

    async def send(self, content: str | None = None, **kwargs: Any) -> None:
        await self.arrived.wait()
        await super().send(content, **kwargs)


async def test_a_dm_line_typed_while_the_answer_is_on_its_way_leans_on_it(
    cog: Ask, bot: StoryBot
) -> None:
    channel, reader = SlowChannel(), FakeUser(id=42)
    first = asyncio.create_task(
        cog._answer_message(
            cast(Any, FakeDirectMessage(reader, channel)),
            "when will the harbour reopen",
            source="dm",
        )
    )
    await asyncio.sleep(0)  # the first answer is read and on its way
    second = asyncio.create_task(
        cog._answer_message(
            cast(Any, FakeDirectMessage(reader, channel)), "who is she", source="dm"
        )
    )
    await asyncio.sleep(0)
    channel.arrived.set()
    await asyncio.gather(first, second)
    titles = [sent["embed"].title for sent in channel.sent]
    assert titles == ["When will the harbour reopen?", "Who is Ann Reyes?"]


async def test_a_flood_of_messages_is_told_to_slow_down_once(cog: Ask, bot: StoryBot) -> None:
    """Telling every message of a flood would send as many messages as the limit saves."""
    channel = FakeChannel()
    flooder, other = FakeUser(id=42), FakeUser(id=43)
    for _ in range(10):
        message = FakeDirectMessage(flooder, channel)
        await cog._answer_message(cast(Any, message), "reyes", source="dm")
    answers, notices = channel.sent[:3], channel.sent[3:]
    assert all(sent["embed"] is not None for sent in answers)
    assert len(notices) == 1
    assert notices[0]["content"].startswith("You're asking faster than I can keep up.")
    assert notices[0]["allowed_mentions"].to_dict() == {"parse": []}
    for _ in range(4):
        await cog._answer_message(
            cast(Any, FakeDirectMessage(other, channel)), "reyes", source="dm"
        )
    assert len(channel.sent) == 4 + 4, "another user is answered, then told once"


async def test_chatter_under_an_answer_gets_nothing_and_takes_none_of_the_limit(
    cog: Ask, bot: StoryBot
) -> None:
    channel, reader = FakeChannel(), FakeUser(id=42)
    for _ in range(10):
        message = FakeDirectMessage(reader, channel)
        await cog._answer_message(cast(Any, message), "thanks!", source="reply", chatter=False)
    assert channel.sent == []
    message = FakeDirectMessage(reader, channel)
    await cog._answer_message(cast(Any, message), "who is reyes", source="reply", chatter=False)
    assert [sent["embed"].title for sent in channel.sent] == ["Who is Ann Reyes?"]


async def test_a_refused_answer_or_notice_is_logged_not_raised(
    cog: Ask, bot: StoryBot, caplog: pytest.LogCaptureFixture
) -> None:
    channel = FakeChannel(refuses=True)
    caplog.set_level(logging.INFO, logger="bot")
    for _ in range(4):  # three answers, then the notice to slow down
        await cog._answer_message(
            cast(Any, FakeDirectMessage(FakeUser(id=42), channel)), "reyes", source="dm"
        )
    assert [r.getMessage() for r in caplog.records] == [
        "cannot send a dm reply (Discord code 50007)"
    ] * 4


async def test_cooldown_runs_on_a_steady_clock_not_the_wall_clock(
    cog: Ask, bot: StoryBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wall clock set back an hour mid-window holds no one back an hour; the
    window itself passes by the steady clock."""
    steady = [500.0]
    cog.clock = lambda: steady[0]
    user = FakeUser(id=42)
    for _ in range(3):
        await ask(cog, FakeInteraction(bot, user=user), "reyes")
    monkeypatch.setattr("time.time", lambda: 1_000.0)  # an hour or more ago
    held_back = FakeInteraction(bot, user=user)
    await ask(cog, held_back, "reyes")
    assert held_back.reply().kwargs.get("ephemeral") is True
    steady[0] += 61  # the 60-second window has passed
    later = FakeInteraction(bot, user=user)
    await ask(cog, later, "reyes")
    assert later.reply().embed is not None


async def test_cooldown_table_forgets_idle_users(cog: Ask, bot: StoryBot) -> None:
    """Thousands of one-off users must not grow the table for ever."""
    for user_id in range(2000):
        cog.cooldowns.update_rate_limit(user_id, current=1.0)
    cog.cooldowns.update_rate_limit(99_999, current=1000.0)
    assert len(cog.cooldowns._cache) == 1


async def test_autocomplete_choices_fit_discord(cog: Ask, bot: StoryBot) -> None:
    interaction = FakeInteraction(bot, type=discord.InteractionType.autocomplete)
    for typed in ("", "when", "harbour", "x" * 300, "@everyone"):
        choices = await cog.ask_autocomplete(cast(Any, interaction), typed)
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice.name) <= 100
            assert len(choice.value) <= 100
    empty = await cog.ask_autocomplete(cast(Any, interaction), "")
    assert empty[0].name == "Why was the harbour closed?"


async def test_button_answers_its_entry(cog: Ask, bot: StoryBot) -> None:
    interaction = FakeInteraction(bot)
    await cog.answer_button(cast(Any, interaction), "harbour-storm", "boats")
    sent = interaction.reply()
    assert sent.embed is not None
    assert sent.embed.title == "How many boats were moved?"


async def test_button_for_an_entry_that_is_gone(cog: Ask, bot: StoryBot) -> None:
    interaction = FakeInteraction(bot)
    await cog.answer_button(cast(Any, interaction), "harbour-storm", "deleted-entry")
    sent = interaction.reply()
    assert sent.kwargs["ephemeral"] is True
    assert sent.content is not None
    assert "no longer in the story" in sent.content


async def test_button_is_rebuilt_from_its_custom_id(bot: StoryBot) -> None:
    """After a restart the button is made again from the custom id alone."""
    button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
        label="How many boats were moved?", custom_id="storybot:ask:harbour-storm:boats"
    )
    match = AskButton.__discord_ui_compiled_template__.fullmatch(button.custom_id or "")
    assert match is not None
    item = await AskButton.from_custom_id(cast(Any, FakeInteraction(bot)), button, match)
    assert (item.story, item.entry) == ("harbour-storm", "boats")


class LateResponse(FakeResponse):
    """A response Discord refuses: the interaction's 3 seconds have passed."""

    async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
        gone = SimpleNamespace(status=404, reason="Not Found")
        raise discord.NotFound(cast(Any, gone), {"code": 10062, "message": "Unknown interaction"})


async def test_a_button_clicked_while_the_cog_reloads_is_told_to_try_again(
    bot: StoryBot,
) -> None:
    interaction = FakeInteraction(bot)  # the fixture's cog is never added to the bot
    await AskButton("harbour-storm", "boats", "How many boats were moved?").callback(
        cast(Any, interaction)
    )
    sent = interaction.reply()
    assert sent.content == "I'm restarting; please try again in a moment."
    assert sent.kwargs["ephemeral"] is True


async def test_a_restart_notice_refused_as_too_late_is_one_warning(
    bot: StoryBot, caplog: pytest.LogCaptureFixture
) -> None:
    interaction = FakeInteraction(bot, response=LateResponse())
    await AskButton("harbour-storm", "boats", "How many boats were moved?").callback(
        cast(Any, interaction)
    )
    assert [r.getMessage() for r in caplog.records] == [
        "button harbour-storm:boats was answered too late (Discord code 10062)"
    ]
    assert not interaction.followup.sent  # no apology: Discord would refuse it too


class FakeMessage:
    def __init__(self, content: str, mentions: list[Any]) -> None:
        self.content = content
        self.mentions = mentions


@pytest.mark.parametrize(
    ("content", "mentioned", "question"),
    [
        ("<@777> when does the port reopen?", True, "when does the port reopen?"),
        ("hey <@!777> who is reyes", True, "hey   who is reyes"),
        ("<@777>", True, ""),
        ("@everyone when does the port reopen", False, None),
        ("<@&555> when does the port reopen", False, None),
        ("when does the port reopen <@888>", False, None),
        # A reply that pings the bot without naming it in the text is not a question to it.
        ("thanks!", True, None),
    ],
)
def test_which_guild_messages_are_addressed_to_the_bot(
    cog: Ask, bot: StoryBot, content: str, mentioned: bool, question: str | None
) -> None:
    me = discord.Object(777)
    bot._connection.user = cast(Any, me)
    message = FakeMessage(content, [me] if mentioned else [])
    assert cog._addressed_to_me(cast(Any, message)) == question


async def test_a_dm_asked_on_after_an_answer_is_read_with_it(cog: Ask, bot: StoryBot) -> None:
    """In a DM, readers rarely use Discord's reply: "who is she?" under an answer about
    the reopening asks about Ann Reyes."""
    channel, reader = FakeChannel(id=99), FakeUser(id=42)
    for question in ("when will the harbour reopen", "who is she"):
        await cog._answer_message(
            cast(Any, FakeDirectMessage(reader, channel)), question, source="dm"
        )
    titles = [sent["embed"].title for sent in channel.sent]
    assert titles == ["When will the harbour reopen?", "Who is Ann Reyes?"]
    elsewhere = FakeChannel(id=100)
    await cog._answer_message(
        cast(Any, FakeDirectMessage(reader, elsewhere)), "who is she", source="dm"
    )
    assert elsewhere.sent[0]["embed"].title != "Who is Ann Reyes?"


async def test_in_a_dm_the_next_message_may_pick_from_the_last_replys_buttons(
    cog: Ask, bot: StoryBot
) -> None:
    """ "the second one" typed under a decline's suggestions asks the second."""
    channel, reader = FakeChannel(id=99), FakeUser(id=42)
    for question in ("best pizza in town", "the second one"):
        await cog._answer_message(
            cast(Any, FakeDirectMessage(reader, channel)), question, source="dm"
        )
    declined, picked = (sent["embed"] for sent in channel.sent)
    second = cast(AskButton, channel.sent[0]["view"].children[1])
    assert declined.title == "That's not in this story"
    assert picked.title == second.item.label == bot.engine.entries_named(second.entry)[0].question


async def test_in_a_dm_a_thanks_does_not_lose_the_answer_before_it(cog: Ask, bot: StoryBot) -> None:
    channel, reader = FakeChannel(id=99), FakeUser(id=42)
    for question in ("when will the harbour reopen", "thanks", "who is she"):
        await cog._answer_message(
            cast(Any, FakeDirectMessage(reader, channel)), question, source="dm"
        )
    titles = [sent["embed"].title for sent in channel.sent]
    assert titles == ["When will the harbour reopen?", "You're welcome", "Who is Ann Reyes?"]


async def test_ask_in_a_dm_leans_on_what_the_bot_showed_there_last(cog: Ask, bot: StoryBot) -> None:
    dm = SimpleNamespace(type=discord.ChannelType.private, id=99)
    for question, title in (
        ("when will the harbour reopen", "When will the harbour reopen?"),
        ("who is she?", "Who is Ann Reyes?"),
    ):
        interaction = FakeInteraction(bot, channel=dm)
        await ask(cog, interaction, question)
        assert interaction.reply().embed.title == title
    # In a server, /ask stands alone.
    server = SimpleNamespace(type=discord.ChannelType.text, id=100)
    alone = FakeInteraction(bot, channel=server)
    await ask(cog, alone, "who is she?")
    assert alone.reply().embed.title == "Ask me about the story"


async def test_a_button_or_ask_in_a_dm_is_the_answer_the_next_message_leans_on(
    cog: Ask, bot: StoryBot
) -> None:
    dm = SimpleNamespace(type=discord.ChannelType.private, id=99)
    click = FakeInteraction(bot, channel=dm)
    await cog.answer_button(cast(Any, click), "harbour-storm", "reopening")
    assert click.reply().embed is not None
    channel = FakeChannel(id=99)
    reader = FakeUser(id=42)
    await cog._answer_message(
        cast(Any, FakeDirectMessage(reader, channel)), "who is she", source="dm"
    )
    assert channel.sent[0]["embed"].title == "Who is Ann Reyes?"
    # Not in a server channel: there, only a reply leans on an answer.
    server = SimpleNamespace(type=discord.ChannelType.text, id=100)
    await cog.answer_button(
        cast(Any, FakeInteraction(bot, channel=server)), "harbour-storm", "reopening"
    )
    assert bot.conversations.last(100) == Context()
