"""Questions in messages: DMs, mentions in a server, and the messages storybot must ignore."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from bot.client import StoryBot
from bot.knowledge import Entry
from bot.replies import Reply
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import NO_PINGS, buttons, embed, entry_ids, message
from tests.standin import Overwrite, Permission, StandIn

pytest_plugins = ["tests.standin.fixtures"]

ANSWER_TITLE = "How many IS fighters left Raqa?"


def spy_questions(bot: StoryBot, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions the bot hands its engine, in order."""
    asked: list[str] = []
    ask = bot.engine.ask

    def recording(
        question: str, *, after: Entry | None = None, offered: Sequence[Entry] = ()
    ) -> Reply:
        asked.append(question)
        return ask(question, after=after, offered=offered)

    monkeypatch.setattr(bot.engine, "ask", recording)
    return asked


async def test_a_dm_is_answered_like_ask(standin: StandIn, make_bot: MakeBot, serve: Serve) -> None:
    async with serve(make_bot()):
        question = standin.dm_message("how many fighters left?")
        reply = await question.wait_reply()

    assert reply.channel_id == question.channel_id
    assert embed(reply.payload)["title"] == ANSWER_TITLE
    assert embed(reply.payload)["footer"]["text"].endswith("¶3, ¶10")
    assert 1 <= len(entry_ids(reply.payload)) <= 3
    assert reply.request is not None
    assert reply.request.json["allowed_mentions"] == NO_PINGS
    assert reply.mentions == []


async def test_an_emoji_the_story_names_is_read_in_a_dm(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """Discord's own emoji, as a phone keyboard sends them, reach the engine as
    typed: the shipped story reads 🚌 as its convoy."""
    async with serve(make_bot()):
        reply = await standin.dm_message("🚌 how many?").wait_reply()

    assert embed(reply.payload)["title"] == ANSWER_TITLE


async def test_a_mention_in_a_server_is_answered_as_a_reply_without_the_mention(
    standin: StandIn, make_bot: MakeBot, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = make_bot()
    asked = spy_questions(bot, monkeypatch)
    me = standin.world.bot.mention
    async with serve(bot):
        first = standin.mention("how many fighters left?")
        reply = await first.wait_reply()
        inside = standin.message(f"so <@!{standin.world.bot.id}> who is Talal Selo?")
        await inside.wait_reply()

    assert first.message.content == f"{me} how many fighters left?"
    assert asked == ["how many fighters left?", "so   who is Talal Selo?"]
    assert reply.reference_id == first.id
    assert embed(reply.payload)["title"] == ANSWER_TITLE
    # A reply pings its target by default; storybot's does not.
    assert reply.request is not None
    assert reply.request.json["allowed_mentions"] == NO_PINGS
    assert reply.mentions == []


async def test_a_reply_to_an_answer_with_the_ping_on_is_a_follow_up_question(
    standin: StandIn, make_bot: MakeBot, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = make_bot()
    asked = spy_questions(bot, monkeypatch)
    async with serve(bot):
        first = standin.mention("how many fighters left?")
        answer = await first.wait_reply()
        follow_up = standin.message("and where are they going?", reply_to=answer)
        follow_up_answer = await follow_up.wait_reply()
        ignored = [
            # Thanks is no question: nothing about the story, nothing sent.
            standin.message("thanks!", reply_to=answer),
            standin.message("спасибо", reply_to=answer),
            # With the ping off Discord withholds the text: not the bot's to answer.
            standin.message("who is Talal Selo?", reply_to=answer, ping=False),
            # A reply to a reader pings the reader, not the bot.
            standin.message("who is Talal Selo?", reply_to=first.message),
        ]
        # Events are handled in order: once this is answered, the others were seen.
        await standin.dm_message("what is the sdf?").wait_reply()

    assert follow_up_answer.reference_id == follow_up.id
    assert embed(follow_up_answer.payload)["title"] == "Where is the convoy going?"
    assert follow_up_answer.request is not None
    assert follow_up_answer.request.json["allowed_mentions"] == NO_PINGS
    assert [m.replies for m in ignored] == [[]] * len(ignored)
    assert asked == [
        "how many fighters left?",
        "and where are they going?",
        "thanks!",
        "спасибо",
        "what is the sdf?",
    ]


async def test_a_system_message_in_a_dm_is_no_question(
    standin: StandIn, make_bot: MakeBot, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinning the bot's answer posts a notice with the reader as its author and no
    text: no question, and Discord refuses replies to it."""
    bot = make_bot()
    asked = spy_questions(bot, monkeypatch)
    reader = standin.world.user("reader")
    dm = standin.world.dm_channel(reader)
    async with serve(bot):
        answer = await standin.message(
            "how many fighters left?", channel=dm, author=reader
        ).wait_reply()
        pinned = standin.message("", channel=dm, author=reader, reply_to=answer, message_type=6)
        await standin.message("what is the sdf?", channel=dm, author=reader).wait_reply()

    assert pinned.delivered
    assert pinned.replies == []
    assert asked == ["how many fighters left?", "what is the sdf?"]


async def test_a_mention_without_embed_links_is_answered_in_text(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        reply = await standin.mention(
            "how many fighters left?", channel=standin.world.channel("no-embeds")
        ).wait_reply()
        rich = await standin.mention("how many fighters left?").wait_reply()

    card = embed(rich.payload)
    assert reply.embeds == []
    assert reply.content.startswith(f"**{ANSWER_TITLE}**\n")
    assert card["description"] in reply.content
    assert reply.components == rich.components


async def test_a_follow_up_is_read_with_the_answer_it_replies_to(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """ "who is he?" under Dillon's words asks about Dillon, whether the answer was an
    embed or plain text; "when?" under a DM answer about the convoy asks when it left."""
    world = standin.world
    reader = world.user("reader")
    plain_channel = world.channel("no-embeds")
    async with serve(make_bot()):
        answer = await standin.mention("do they expect more hard fighting").wait_reply()
        he = await standin.message("who is he?", reply_to=answer).wait_reply()
        plain = await standin.mention(
            "do they expect more hard fighting", channel=plain_channel
        ).wait_reply()
        plain_he = await standin.message(
            "who is he?", channel=plain_channel, reply_to=plain
        ).wait_reply()
        in_dm = await standin.dm_message("how many fighters left?").wait_reply()
        when = await standin.message(
            "when?", channel=world.dm_channel(reader), author=reader, reply_to=in_dm
        ).wait_reply()
        alone = await standin.dm_message("when?", user=world.owner).wait_reply()

    assert embed(answer.payload)["title"] == "Does the coalition expect more hard fighting?"
    assert embed(he.payload)["title"] == "Who is Ryan Dillon?"
    assert plain.content.startswith("**Does the coalition expect more hard fighting?**\n")
    assert plain_he.content.startswith("**Who is Ryan Dillon?**\n")
    assert embed(when.payload)["title"] == "When did the last fighters leave Raqa?"
    # In another DM, with no answer to lean on, "when?" asks nothing in particular.
    assert embed(alone.payload)["title"] != "When did the last fighters leave Raqa?"


async def test_a_reply_to_a_did_you_mean_picks_from_it(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """ "the second one" under "Did you mean…" asks the second question it lists,
    in a server (read from the message's buttons) and in a DM (without a reply)."""
    ambiguous = "mostafa?"  # Laila Mostafa, or Mostafa Bali
    async with serve(make_bot()):
        choices = await standin.mention(ambiguous).wait_reply()
        second = await standin.message("the second one", reply_to=choices).wait_reply()
        await standin.dm_message(ambiguous).wait_reply()
        in_dm = await standin.dm_message("1").wait_reply()

    assert embed(choices.payload)["title"] == "Did you mean…"
    assert entry_ids(choices.payload) == ["laila-mostafa", "laila-mostafa-said", "mostafa-bali"]
    assert embed(second.payload)["title"] == "What did Laila Mostafa say?"
    assert embed(in_dm.payload)["title"] == "Who is Laila Mostafa?"


async def test_who_is_quoted_lists_them_and_a_place_picks_one(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """Asked in words, in a DM or a server: the /quotes list with a button for what
    each said, and "2" (in a DM) or "the second one" (replying) picks the second."""
    async with serve(make_bot()):
        listed = await standin.dm_message("who gets quoted in this story?").wait_reply()
        in_dm = await standin.dm_message("2").wait_reply()
        in_server = await standin.mention("who gets quoted in this story?").wait_reply()
        second = await standin.message("the second one", reply_to=in_server).wait_reply()

    card = embed(listed.payload)
    assert card["title"] == "Who is quoted"
    assert card["description"].splitlines()[0] == "• Talal Selo, SDF spokesman (7 quotes)"
    assert entry_ids(listed.payload) == [
        "selo-said",
        "dillon-said",
        "bali-said",
        "laila-mostafa-said",
        "omar-alloush",
    ]
    assert listed.request is not None
    assert listed.request.json["allowed_mentions"] == NO_PINGS
    assert embed(in_dm.payload)["title"] == "What did Ryan Dillon say?"
    assert entry_ids(in_server.payload) == entry_ids(listed.payload)
    assert embed(second.payload)["title"] == "What did Ryan Dillon say?"


async def test_a_place_the_buttons_do_not_have_shows_them_again(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """ "4" in reply to three buttons, in a server: the reader meant to pick, so the
    reply says how many there are and shows them again, without a ping."""
    async with serve(make_bot()):
        answer = await standin.mention("how many fighters left?").wait_reply()
        fourth = await standin.message("4", reply_to=answer).wait_reply()
        third = await standin.message("3", reply_to=fourth).wait_reply()

    assert len(entry_ids(answer.payload)) == 3
    assert embed(fourth.payload)["title"] == "Pick one of these"
    assert embed(fourth.payload)["description"].startswith("There are only 3 to choose from:")
    assert entry_ids(fourth.payload) == entry_ids(answer.payload)
    assert fourth.request is not None
    assert fourth.request.json["allowed_mentions"] == NO_PINGS
    assert embed(third.payload)["title"] == buttons(answer.payload)[2]["label"]


async def test_in_a_dm_a_place_picks_from_what_the_bot_showed_last(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """ "2" after /story picks /story's second button, not the older answer's; "2"
    in reply to /quotes, which has no buttons, picks nothing, whatever came since."""
    reader = standin.world.user("reader")
    dm = standin.world.dm_channel(reader)
    async with serve(make_bot()):
        quotes = standin.slash_command("quotes", channel=dm)
        await quotes.wait_callback()
        await standin.dm_message("how many fighters left?").wait_reply()
        assert quotes.original is not None
        nothing = await standin.message(
            "2", channel=dm, author=reader, reply_to=quotes.original
        ).wait_reply()
        story = standin.slash_command("story", channel=dm)
        shown = message(await story.wait_callback())
        second = await standin.dm_message("2").wait_reply()

    assert embed(nothing.payload)["title"] == "Ask me about the story"
    assert embed(second.payload)["title"] == buttons(shown)[1]["label"]


async def test_in_a_dm_a_question_typed_after_an_answer_leans_on_it(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """Readers rarely use Discord's reply in a DM; the last answer there is the context."""
    async with serve(make_bot()):
        await standin.dm_message("do they expect more hard fighting").wait_reply()
        he = await standin.dm_message("who is he?").wait_reply()
        then = await standin.dm_message("why did the sdf let them go?").wait_reply()

    assert embed(he.payload)["title"] == "Who is Ryan Dillon?"
    assert embed(then.payload)["title"] == "Why did the SDF let IS fighters leave?"


async def test_without_read_message_history_the_answer_names_who_asked(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """Replying needs Read Message History; without it the bot still answers, in a
    message that starts by naming the reader, without pinging them."""
    world = standin.world
    reader = world.user("reader")
    deny = Overwrite.for_member(world.bot, deny=Permission.READ_MESSAGE_HISTORY)
    world.guild("Newsroom").add_text_channel("no-history", overwrites=[deny])
    deny_both = Overwrite.for_member(
        world.bot, deny=Permission.READ_MESSAGE_HISTORY | Permission.EMBED_LINKS
    )
    world.guild("Newsroom").add_text_channel("plain-no-history", overwrites=[deny_both])
    async with serve(make_bot()):
        rich = await standin.mention(
            "how many fighters left?", channel=world.channel("no-history")
        ).wait_reply()
        plain = await standin.mention(
            "how many fighters left?", channel=world.channel("plain-no-history")
        ).wait_reply()

    assert rich.reference_id is None
    assert rich.content == reader.mention
    assert embed(rich.payload)["title"] == ANSWER_TITLE
    assert plain.content.startswith(f"{reader.mention} **{ANSWER_TITLE}**\n")
    assert len(plain.content) <= 2000
    for sent in (rich, plain):
        assert sent.request is not None
        assert sent.request.json["allowed_mentions"] == NO_PINGS
        assert sent.mentions == []  # shown, but nobody notified


async def test_in_a_thread_the_permission_to_send_is_the_thread_one(
    standin: StandIn, make_bot: MakeBot, serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    """A thread of a read-only channel may be open to the bot, and the reverse."""
    world = standin.world
    caplog.set_level(logging.INFO, logger="bot")
    async with serve(make_bot()):
        reply = await standin.mention(
            "how many fighters left?", channel=world.channel("read-only-thread")
        ).wait_reply()
        closed = standin.mention("how many fighters left?", channel=world.channel("closed-thread"))
        # Events are handled in order: once this is answered, the other was seen.
        await standin.mention("how many fighters left?").wait_reply()

    assert embed(reply.payload)["title"] == ANSWER_TITLE
    assert closed.delivered
    assert closed.replies == []
    assert "cannot reply in a channel: missing Send Messages" in caplog.text
    assert not [r for r in standin.requests if r.status == 403]


async def test_messages_not_addressed_to_the_bot_are_ignored(
    standin: StandIn,
    make_bot: MakeBot,
    serve: Serve,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    world = standin.world
    newsroom = world.guild("Newsroom")
    bot_role = next(r for r in newsroom.roles if r.bot_id == world.bot.id)
    bot = make_bot()
    asked = spy_questions(bot, monkeypatch)
    caplog.set_level(logging.INFO, logger="bot")
    async with serve(bot):
        ignored = [
            standin.message("@everyone how many fighters left?"),
            standin.message("@here how many fighters left?"),
            standin.message(f"{bot_role.mention} how many fighters left?"),
            standin.mention("how many fighters left?", author=world.user("helper-bot")),
            standin.mention("how many fighters left?", author=world.bot),
            standin.dm_message("how many fighters left?", user=world.user("helper-bot")),
            standin.mention("how many fighters left?", channel=world.channel("read-only")),
        ]
        # Events are handled in order: once this is answered, the others were seen.
        await standin.dm_message("who is Talal Selo?").wait_reply()

    assert all(m.delivered for m in ignored)
    assert [m.replies for m in ignored] == [[]] * len(ignored)
    assert asked == ["who is Talal Selo?"]
    # Its own answer came back as MESSAGE_CREATE too, and was not answered.
    sent = [m for m in standin.bot_messages if m.request is not None]
    assert [embed(m.payload)["title"] for m in sent] == ["Who is Talal Selo?"]
    assert "cannot reply in a channel: missing Send Messages" in caplog.text


async def test_nothing_the_bot_sends_can_ping(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    world = standin.world
    hostile = [
        f"@everyone @here <@&1> what happened to {world.owner.mention} and the tigers?",
        "**@everyone** what did [the tigers](https://evil.example) do? ||@here||",
        f"{world.owner.mention} `@everyone` tigers?",
    ]
    async with serve(make_bot()):
        for text in hostile:
            await standin.dm_message(text).wait_reply()
            await standin.mention(text).wait_reply()
            await standin.slash_command("ask", {"question": text}).wait_callback()
            await standin.slash_command(
                "ask", {"question": text}, channel=world.channel("no-embeds")
            ).wait_callback()

    sends = standin.requests_to("POST", "/channels/{id}/messages")
    callbacks = standin.requests_to("POST", "/interactions/{id}/{token}/callback")
    assert len(sends) == 2 * len(hostile)
    assert len(callbacks) == 2 * len(hostile)
    for request in sends:
        assert request.json["allowed_mentions"] == NO_PINGS, request.json
    for request in callbacks:
        assert request.json["data"]["allowed_mentions"] == NO_PINGS, request.json
    for sent in standin.bot_messages:
        assert (sent.mentions, sent.mention_everyone) == ([], False)
        everything = sent.content + str(sent.embeds)
        assert "@everyone" not in everything.replace("@\u200beveryone", "")
        assert "https://evil" not in everything
