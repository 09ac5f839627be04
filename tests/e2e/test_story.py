"""/story, /quotes (with its speaker autocomplete) and /help, end to end."""

from __future__ import annotations

from bot.engine import Engine
from tests.conftest import WriteStory, story_copies
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import NO_PINGS, buttons, embed, entry_ids, is_ephemeral, message
from tests.standin import StandIn
from tests.standin.payloads import CallbackType

pytest_plugins = ["tests.standin.fixtures"]

HEADLINE = "Final assault starts against IS in Raqa"


async def test_story_shows_the_card_and_first_questions(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        asked = standin.slash_command("story")
        data = message(await asked.wait_callback())
        assert asked.original is not None
        first = standin.click(asked.original, asked.original.custom_ids[0])
        answer = message(await first.wait_callback())

    card = embed(data)
    assert card["title"] == HEADLINE
    assert card["footer"]["text"] == "By Agencies"
    summary, topics = card["description"].split("\n\n")
    assert summary.startswith("US-backed SDF militias launched the final assault on Raqa")
    assert topics.startswith("**You can ask about:** The assault · The convoy")
    assert entry_ids(data) == [
        "final-assault",
        "sdf",
        "convoy-size",
        "civilians-remaining",
        "coalition-disagreement",
    ]
    assert data["allowed_mentions"] == NO_PINGS
    assert embed(answer)["title"] == "What is happening in Raqa?"


async def test_quotes_lists_who_is_quoted_with_roles(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        data = message(await standin.slash_command("quotes").wait_callback())

    card = embed(data)
    assert card["title"] == "Who is quoted"
    lines = card["description"].splitlines()
    assert lines[0] == "• Talal Selo, SDF spokesman (7 quotes)"
    assert "• Omar Alloush, member of the Raqa Civil Council (1 quote)" in lines
    assert len(lines) == 8
    assert not is_ephemeral(data)


async def test_quotes_of_one_speaker_chosen_by_autocomplete(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        typing = standin.autocomplete("quotes", {"speaker": "sel"}, focused="speaker")
        offered = await typing.wait_callback()
        everyone = await standin.autocomplete(
            "quotes", {"speaker": ""}, focused="speaker"
        ).wait_callback()
        assert offered.data is not None
        (choice,) = offered.data["choices"]
        chosen = message(
            await standin.slash_command("quotes", {"speaker": choice["value"]}).wait_callback()
        )
        by_name = message(
            await standin.slash_command("quotes", {"speaker": "talal selo"}).wait_callback()
        )
        by_last_name = message(
            await standin.slash_command("quotes", {"speaker": "Dillon"}).wait_callback()
        )
        unknown = message(
            await standin.slash_command("quotes", {"speaker": "@everyone"}).wait_callback()
        )

    assert offered.type == CallbackType.AUTOCOMPLETE_RESULT
    assert choice == {"name": "Talal Selo, SDF spokesman", "value": "raqa-final-assault:selo"}
    assert everyone.data is not None
    assert len(everyone.data["choices"]) == 8
    card = embed(chosen)
    assert card["title"] == "Talal Selo, SDF spokesman"
    quotes = card["description"].split("\n\n")
    assert len(quotes) == 7
    assert all(q.startswith("> ") and q.endswith(")") and "(¶" in q for q in quotes)
    # His own words in quotation marks, once, whole ("The civilians exited completely"
    # is quoted on its own by another entry); what the article reports, marked so.
    assert (
        "> “If there are any civilians remaining (in the enclave) they would be the families "
        "of those foreigners. The civilians exited completely” (¶18)"
    ) in quotes
    assert "> It was still in territory held by the SDF on Sunday morning (¶12, as reported)" in (
        quotes
    )
    assert card["footer"]["text"] == f"{HEADLINE} · Agencies"
    assert embed(by_name) == card
    assert embed(by_last_name)["title"] == "Colonel Ryan Dillon, spokesman for the US-led coalition"
    assert is_ephemeral(unknown)
    assert unknown["content"].startswith("Nobody by that name is quoted in the story.")
    assert unknown["allowed_mentions"] == NO_PINGS


async def test_a_person_quoted_in_several_stories(
    standin: StandIn, make_bot: MakeBot, serve: Serve, write_story: WriteStory
) -> None:
    """Twelve stories quote Ann Reyes: typing her name cannot pick one, so the bot says
    so in a line (it used to list every headline, over Discord's 2,000 characters, and
    apologise), and the autocomplete says which story each choice opens."""
    stories = story_copies(write_story, 12, "Storm closes the harbour " + "z" * 200)
    async with serve(make_bot(Engine(stories))):
        typed = message(
            await standin.slash_command("quotes", {"speaker": "ann reyes"}).wait_callback()
        )
        offered = await standin.autocomplete(
            "quotes", {"speaker": "reyes"}, focused="speaker"
        ).wait_callback()
        by_headline = await standin.autocomplete(
            "quotes", {"speaker": "11 storm"}, focused="speaker"
        ).wait_callback()

    assert is_ephemeral(typed)
    assert typed["content"] == (
        "Ann Reyes is quoted in 12 stories. Pick one as you type to see what they said in each."
    )
    assert offered.data is not None
    names = [choice["name"] for choice in offered.data["choices"]]
    assert len(names) == 12
    assert names[0].startswith("Ann Reyes, harbour master — 0 Storm closes the harbour")
    assert names[11].startswith("Ann Reyes, harbour master — 11 Storm closes")
    assert by_headline.data is not None
    assert [c["value"] for c in by_headline.data["choices"]] == [
        "storm-11:reyes",
        "storm-11:council",
    ]


async def test_help_is_a_short_private_note(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    dm = standin.world.dm_channel(standin.world.user("reader"))
    async with serve(make_bot()):
        data = message(await standin.slash_command("help").wait_callback())
        in_dm = message(await standin.slash_command("help", channel=dm).wait_callback())

    card = embed(data)
    assert card["title"] == "How to use storybot"
    assert f"I answer questions about “{HEADLINE}”" in card["description"]
    for command in ("/ask", "/story", "/quotes", "direct message", "mention", "reply"):
        assert command in card["description"]
    assert len(card["description"].splitlines()) <= 10
    assert is_ephemeral(data)
    assert embed(in_dm) == card


async def test_help_in_a_dm_leaves_the_last_replys_buttons_to_pick_from(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """/help is an aside: "2" typed after it still picks the answer's second button."""
    reader = standin.world.user("reader")
    dm = standin.world.dm_channel(reader)
    async with serve(make_bot()):
        answer = await standin.dm_message("how many fighters left?", user=reader).wait_reply()
        await standin.slash_command("help", channel=dm, user=reader).wait_callback()
        second = await standin.dm_message("2", user=reader).wait_reply()

    assert embed(second.payload)["title"] == buttons(answer.payload)[1]["label"]
