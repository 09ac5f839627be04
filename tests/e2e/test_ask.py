"""/ask end to end: the answer embed, its buttons, suggestions, declines and autocomplete."""

from __future__ import annotations

import asyncio
import textwrap

import pytest

from bot.engine import Engine
from tests.conftest import MINI, WriteStory
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import (
    NO_PINGS,
    buttons,
    custom_id,
    embed,
    entry_ids,
    is_ephemeral,
    message,
)
from tests.standin import StandIn
from tests.standin.payloads import CallbackType

pytest_plugins = ["tests.standin.fixtures"]

STORY = "raqa-final-assault"
HEADLINE = "Final assault starts against IS in Raqa"
QUESTION = "how many fighters left?"


async def test_ask_in_a_guild_answers_with_the_embed(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": "how many fighters left?"})
        data = message(await asked.wait_callback())

    card = embed(data)
    assert card["title"] == "How many IS fighters left Raqa?"
    assert card["description"].startswith("SDF spokesman Talal Selo said 275 Syrian IS fighters")
    # The article reports these words ("Selo said that..."): they are not shown
    # in quotation marks as if he had said them so.
    assert (
        "> 275 Syrian IS fighters had withdrawn from the city along with civilian family members"
        "\n— Talal Selo, SDF spokesman, as reported"
    ) in card["description"]
    assert "\n— Laila Mostafa, head of the Raqa Civil Council, as reported" in card["description"]
    assert "“" not in card["description"]
    assert card["footer"]["text"] == f"{HEADLINE} · Agencies · ¶3, ¶10"
    assert data["allowed_mentions"] == NO_PINGS
    assert not is_ephemeral(data)
    related = entry_ids(data)
    assert 1 <= len(related) <= 3
    assert len(buttons(data)) == len(related)
    assert all(b["label"] and len(b["label"]) <= 80 for b in buttons(data))
    assert asked.original is not None
    assert asked.original.embeds[0]["title"] == card["title"]


@pytest.mark.parametrize(("where", "context"), [("dm", 1), ("group-dm", 2)])
async def test_ask_in_a_dm_answers_the_same(
    standin: StandIn, make_bot: MakeBot, serve: Serve, where: str, context: int
) -> None:
    """In the bot's DM, and in a group DM where a reader installed the bot to their account."""
    world = standin.world
    reader = world.user("reader")
    if where == "dm":
        channel, installed = world.dm_channel(reader), "guild"
    else:
        channel, installed = world.group_dm(reader, world.owner), "user"
    async with serve(make_bot()):
        in_guild = message(
            await standin.slash_command("ask", {"question": QUESTION}).wait_callback()
        )
        asked = standin.slash_command(
            "ask", {"question": QUESTION}, channel=channel, installed=installed
        )
        in_dm = message(await asked.wait_callback())

    assert asked.payload["context"] == context
    assert embed(in_dm) == embed(in_guild)
    assert in_dm["components"] == in_guild["components"]
    assert in_dm["allowed_mentions"] == NO_PINGS


async def test_a_related_button_answers_its_entry(
    standin: StandIn, make_bot: MakeBot, serve: Serve, engine: Engine
) -> None:
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": "how many fighters left?"})
        await asked.wait_callback()
        assert asked.original is not None
        related = entry_ids(asked.original.payload)
        clicked = standin.click(asked.original, custom_id(asked.original, related[0]))
        data = message(await clicked.wait_callback())

    entry = engine.answer_entry(STORY, related[0])
    assert entry is not None
    assert embed(data)["title"] == entry.entry.question
    assert data["allowed_mentions"] == NO_PINGS
    # A new message: the answer that was clicked stays as it was.
    assert clicked.original is not asked.original
    assert asked.original.embeds[0]["title"] == "How many IS fighters left Raqa?"


async def test_buttons_still_answer_after_a_restart(
    standin: StandIn, make_bot: MakeBot, serve: Serve, engine: Engine
) -> None:
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": "how many fighters left?"})
        await asked.wait_callback()
    answer = asked.original
    assert answer is not None
    target = entry_ids(answer.payload)[-1]

    # A new process knows nothing of the old answer's view: only its custom ids.
    async with serve(make_bot()):
        clicked = standin.click(answer, custom_id(answer, target))
        data = message(await clicked.wait_callback())

    assert len(standin.identifies) == 2
    expected = engine.answer_entry(STORY, target)
    assert expected is not None
    assert embed(data)["title"] == expected.entry.question
    assert not is_ephemeral(data)


async def test_a_button_whose_entry_is_gone_gets_a_polite_answer(
    standin: StandIn, make_bot: MakeBot, serve: Serve, write_story: WriteStory
) -> None:
    path = write_story()
    bot = make_bot(Engine.from_path(path), knowledge=path)
    async with serve(bot):
        asked = standin.slash_command("ask", {"question": "when will the port reopen?"})
        await asked.wait_callback()
        answer = asked.original
        assert answer is not None
        assert entry_ids(answer.payload) == ["repairs", "closure"]
        # The story is edited: the repairs entry is dropped, and reloaded.
        edited = textwrap.dedent(MINI)
        start = edited.index('[[entries]]\nid = "repairs"')
        end = edited.index("[[entries]]", start + 1)
        edited = edited[:start] + edited[end:]
        edited = edited.replace('related = ["repairs", "closure"]', 'related = ["closure"]')
        await asyncio.to_thread(path.write_text, edited, encoding="utf-8")
        await bot.reload_knowledge()

        gone = standin.click(answer, custom_id(answer, "repairs"))
        gone_data = message(await gone.wait_callback())
        kept = standin.click(answer, custom_id(answer, "closure"))
        kept_data = message(await kept.wait_callback())

    assert is_ephemeral(gone_data)
    assert "no longer in the story" in gone_data["content"]
    assert "/story" in gone_data["content"]
    assert not gone_data.get("embeds")
    assert embed(kept_data)["title"] == "Why was the harbour closed?"


# --- suggestions and declines -----------------------------------------------------


async def test_an_ambiguous_question_offers_did_you_mean_buttons(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    # A bare "Mostafa" is either of two people, by design: the reader chooses.
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": "mostafa"})
        data = message(await asked.wait_callback())
        assert asked.original is not None
        picked = standin.click(asked.original, custom_id(asked.original, "mostafa-bali"))
        answer = message(await picked.wait_callback())

    card = embed(data)
    assert card["title"] == "Did you mean…"
    assert "• Who is Laila Mostafa?" in card["description"]
    assert entry_ids(data) == ["laila-mostafa", "laila-mostafa-said", "mostafa-bali"]
    assert [b["label"] for b in buttons(data)] == [
        "Who is Laila Mostafa?",
        "What did Laila Mostafa say?",
        "Who is Mostafa Bali?",
    ]
    assert embed(answer)["title"] == "Who is Mostafa Bali?"


async def test_declines_say_which_kind_and_offer_suggestions(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    async with serve(make_bot()):
        not_covered = standin.slash_command("ask", {"question": "what did the tigers do in raqa"})
        off_topic = standin.slash_command("ask", {"question": "what is the weather in paris"})
        arabic = standin.slash_command("ask", {"question": "ما الذي يحدث في الرقة"})
        uncovered = message(await not_covered.wait_callback())
        elsewhere = message(await off_topic.wait_callback())
        unread = message(await arabic.wait_callback())

    assert embed(uncovered)["title"] == "The story doesn't say"
    assert embed(uncovered)["description"].startswith(
        "The story doesn't say: it never mentions “tigers”."
    )
    assert embed(elsewhere)["title"] == "That's not in this story"
    assert embed(elsewhere)["description"].startswith(
        f"I only answer questions about “{HEADLINE}”."
    )
    assert embed(unread)["title"] == "English only, sorry"
    assert embed(unread)["description"].startswith(
        f"I can only read questions in English, about “{HEADLINE}”."
    )
    for data in (uncovered, elsewhere, unread):
        assert entry_ids(data) == ["final-assault", "sdf", "convoy-size"]
        assert not is_ephemeral(data)
        assert data["allowed_mentions"] == NO_PINGS


# --- where embeds are not allowed ----------------------------------------------------


async def test_without_embed_links_the_answer_is_the_same_text(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    question = {"question": "how many fighters left?"}
    async with serve(make_bot()):
        rich = message(await standin.slash_command("ask", question).wait_callback())
        plain_asked = standin.slash_command(
            "ask", question, channel=standin.world.channel("no-embeds")
        )
        plain = message(await plain_asked.wait_callback())

    card = embed(rich)
    assert not plain.get("embeds")
    text = plain["content"]
    assert text.startswith(f"**{card['title']}**\n")
    assert card["description"] in text
    assert text.endswith(f"\n-# {card['footer']['text']}")
    assert len(text) <= 2000
    assert plain["components"] == rich["components"]
    assert plain["allowed_mentions"] == NO_PINGS
    assert plain_asked.original is not None
    assert plain_asked.original.content == text


# --- autocomplete --------------------------------------------------------------------


async def test_autocomplete_offers_at_most_25_short_choices(
    standin: StandIn, make_bot: MakeBot, serve: Serve, engine: Engine
) -> None:
    typed = ["", "fighters", "how many", "x" * 300, "@everyone <@123> **raqa**", "كم عدد"]
    async with serve(make_bot()):
        handles = [standin.autocomplete("ask", {"question": t}, focused="question") for t in typed]
        callbacks = [await h.wait_callback() for h in handles]

    results = []
    for callback in callbacks:
        assert callback.type == CallbackType.AUTOCOMPLETE_RESULT
        assert callback.data is not None
        choices = callback.data["choices"]
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice["name"]) <= 100
            assert 1 <= len(choice["value"]) <= 100
        results.append([c["name"] for c in choices])
    empty, fighters, *_ = results
    featured = [e.question for e in engine.featured_entries()]
    assert empty == featured[: len(empty)]
    assert empty[:3] == [
        "What is happening in Raqa?",
        "What is the SDF?",
        "How many IS fighters left Raqa?",
    ]
    assert fighters
    assert any("fighters" in name for name in fighters)


async def test_a_button_does_not_offer_the_answer_it_sat_under(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """ "Who is attacking Raqa?" is related to "What is happening in Raqa?": clicked
    under that answer, it offers its other follow-ups, not a way back."""
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": "what is happening in raqa"})
        await asked.wait_callback()
        assert asked.original is not None
        click = standin.click(asked.original, custom_id(asked.original, "assault-forces"))
        data = message(await click.wait_callback())
        typed = message(
            await standin.slash_command(
                "ask", {"question": "who is attacking raqa"}
            ).wait_callback()
        )

    assert embed(data)["title"] == "Who is attacking Raqa?"
    assert entry_ids(data) == ["sdf", "coalition-support"]
    assert entry_ids(typed)[-1] == "final-assault"  # asked on its own, the way back is offered
