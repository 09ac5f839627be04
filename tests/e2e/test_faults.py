"""Discord-side faults through the stand-in: rate limits, server errors, dropped
gateways, lost sessions, unknown commands and users who cannot be messaged.

In every case the bot keeps running and the next question is answered.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import pytest

from bot.client import StoryBot
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import NO_PINGS, embed, is_ephemeral, message
from tests.standin import CloseCode, StandIn
from tests.standin.payloads import CallbackType

pytest_plugins = ["tests.standin.fixtures"]

QUESTION = "how many fighters left?"
TITLE = "How many IS fighters left Raqa?"
CALLBACK = "/interactions/{id}/{token}/callback"
SEND = "/channels/{id}/messages"


# --- REST -----------------------------------------------------------------------------


async def test_a_rate_limited_callback_is_retried_and_answers(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    fault = standin.fail("POST", CALLBACK, status=429, retry_after=0.3)
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": QUESTION})
        data = message(await asked.wait_callback())

    first, second = standin.requests_to("POST", CALLBACK)
    assert (first.status, first.fault, second.status) == (429, fault, 200)
    assert second.received_at - first.received_at >= 0.3
    assert embed(data)["title"] == TITLE
    assert second.json == first.json  # the same answer, sent again


@pytest.mark.parametrize("is_global", [False, True])
async def test_a_rate_limited_message_is_retried_and_arrives(
    standin: StandIn, make_bot: MakeBot, serve: Serve, is_global: bool
) -> None:
    fault = standin.fail("POST", SEND, status=429, retry_after=0.3, is_global=is_global)
    async with serve(make_bot()):
        dm = standin.dm_message(QUESTION)
        mention = standin.mention(QUESTION)
        replies = [await dm.wait_reply(), await mention.wait_reply()]

    sends = standin.requests_to("POST", SEND)
    assert [r.status for r in sends] == [429, 200, 200]
    assert fault.spent
    assert [embed(r.payload)["title"] for r in replies] == [TITLE, TITLE]
    assert [len(h.replies) for h in (dm, mention)] == [1, 1]


async def test_a_server_error_on_a_callback_is_retried(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    # discord.py retries any 5xx on an interaction callback after 1 s: within Discord's 3 s.
    standin.fail("POST", CALLBACK, status=502)
    async with serve(make_bot()):
        data = message(await standin.slash_command("ask", {"question": QUESTION}).wait_callback())

    assert [r.status for r in standin.requests_to("POST", CALLBACK)] == [502, 200]
    assert embed(data)["title"] == TITLE


@pytest.mark.parametrize(("status", "sends"), [(500, [500, 200]), (503, [503])])
async def test_a_server_error_on_a_send_is_logged_and_the_bot_carries_on(
    standin: StandIn,
    make_bot: MakeBot,
    serve: Serve,
    caplog: pytest.LogCaptureFixture,
    status: int,
    sends: list[int],
) -> None:
    """500 is retried by discord.py and arrives; 503 is not retried: the answer is lost,
    the failure logged, and the next question answered."""
    standin.fail("POST", SEND, status=status)
    async with serve(make_bot()):
        failed = standin.dm_message(QUESTION)
        await standin.wait_for_request("POST", SEND, count=len(sends))
        after = await standin.dm_message("what is the sdf?").wait_reply(within=10)

    assert [r.status for r in standin.requests_to("POST", SEND)] == [*sends, 200]
    assert len(failed.replies) == (1 if status == 500 else 0)
    assert embed(after.payload)["title"] == "What is the SDF?"
    if status == 503:
        (logged,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert logged.exc_info is not None
        assert "503" in str(logged.exc_info[1])


async def test_a_user_who_cannot_be_messaged_is_logged_not_fatal(
    standin: StandIn, make_bot: MakeBot, serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    standin.fail("POST", SEND, status=403, code=50007)
    async with serve(make_bot()):
        blocked = standin.dm_message(QUESTION)
        await standin.wait_for_request("POST", SEND)
        after = await standin.dm_message("what is the sdf?").wait_reply()

    assert blocked.replies == []
    assert embed(after.payload)["title"] == "What is the SDF?"
    assert "cannot send a dm reply (Discord code 50007)" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# --- the gateway -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "disconnect",
    [
        pytest.param(lambda s: s.drop_connections(), id="dropped"),
        pytest.param(lambda s: s.close_all(CloseCode.UNKNOWN_ERROR), id="close-4000"),
        pytest.param(lambda s: s.close_all(1001), id="close-1001"),
        pytest.param(lambda s: s.reconnect(), id="op7-reconnect"),
        pytest.param(lambda s: s.invalidate_session(resumable=True), id="op9-resumable"),
    ],
)
async def test_a_resumable_disconnect_resumes_and_answers_what_was_sent_meanwhile(
    standin: StandIn,
    make_bot: MakeBot,
    serve: Serve,
    disconnect: Callable[[StandIn], Any],
) -> None:
    async with serve(make_bot()):
        session = standin.session()
        disconnect(standin)
        asked = standin.slash_command("ask", {"question": QUESTION})
        dm = standin.dm_message("what is the sdf?")
        resumed = await standin.wait_for_resume()
        data = message(await asked.wait_callback())
        reply = await dm.wait_reply()

    assert resumed is session
    assert len(standin.identifies) == 1
    assert asked.delivered
    assert dm.delivered
    assert embed(data)["title"] == TITLE
    assert embed(reply.payload)["title"] == "What is the SDF?"
    assert len(standin.requests_to("POST", CALLBACK)) == 1
    assert len(dm.replies) == 1


@pytest.mark.parametrize(
    "end_session",
    [
        pytest.param(lambda s: s.invalidate_session(resumable=False), id="op9"),
        pytest.param(lambda s: s.close_all(CloseCode.SESSION_TIMED_OUT), id="close-4009"),
        pytest.param(lambda s: s.close_all(CloseCode.INVALID_SEQ), id="close-4007"),
    ],
)
async def test_a_lost_session_identifies_again_and_answers(
    standin: StandIn,
    make_bot: MakeBot,
    serve: Serve,
    end_session: Callable[[StandIn], Any],
) -> None:
    async with serve(make_bot()):
        first = standin.session()
        end_session(standin)
        second = await standin.wait_for_ready(count=2)
        data = message(await standin.slash_command("ask", {"question": QUESTION}).wait_callback())
        reply = await standin.dm_message("what is the sdf?").wait_reply()

    assert second is not first
    assert len(standin.identifies) == 2
    assert standin.identifies[1].intents == standin.identifies[0].intents
    assert embed(data)["title"] == TITLE
    assert embed(reply.payload)["title"] == "What is the SDF?"


# --- interactions the bot does not know ------------------------------------------------


async def register_old_command(bot: StoryBot, standin: StandIn, name: str, option: str) -> None:
    """A command as an older version of the bot left it in the Newsroom server: `name`
    with one text option, which this bot's command of that name (if any) lacks."""
    assert bot.application_id is not None
    await bot.http.upsert_guild_command(
        bot.application_id,
        standin.world.guild("Newsroom").id,
        {
            "name": name,
            "description": "An older command",
            "type": 1,
            "options": [{"name": option, "description": "An older option", "type": 3}],
        },
    )


async def test_an_unknown_command_is_answered_not_left_hanging(
    standin: StandIn, make_bot: MakeBot, serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    """A command Discord still offers but this bot no longer has (left over from an
    older version in one server) gets a short private note, and a warning in the log."""
    bot = make_bot()
    async with serve(bot):
        await register_old_command(bot, standin, "summary", "length")
        asked = standin.slash_command("summary", {"length": "short"})
        typing = standin.autocomplete("summary", {"length": "sh"}, focused="length")
        data = message(await asked.wait_callback())
        choices = await typing.wait_callback()
        after = message(await standin.slash_command("ask", {"question": QUESTION}).wait_callback())

    assert is_ephemeral(data)
    assert "/summary" in data["content"]
    assert "/help" in data["content"]
    assert data["allowed_mentions"] == NO_PINGS
    assert (choices.type, choices.data) == (CallbackType.AUTOCOMPLETE_RESULT, {"choices": []})
    assert embed(after)["title"] == TITLE
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("/summary" in w for w in warnings), warnings
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_command_whose_options_changed_says_so(
    standin: StandIn, make_bot: MakeBot, serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord still shows an older /ask (another option) in one server: the user is
    told the command changed, not that something went wrong, and the log says `sync`."""
    bot = make_bot()
    async with serve(bot):
        await register_old_command(bot, standin, "ask", "topic")
        data = message(await standin.slash_command("ask", {"topic": "convoy"}).wait_callback())

    assert is_ephemeral(data)
    assert data["content"] == "/ask has changed. Please try again later."
    assert data["allowed_mentions"] == NO_PINGS
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "Discord's /ask differs from this bot's: run `sync`" in warnings
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_interaction_answered_too_late_is_one_line_without_an_apology(
    standin: StandIn, make_bot: MakeBot, serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    """Past Discord's 3 seconds every reply is refused with 10062: an apology would be
    refused too, and a traceback would send an operator looking for a bug."""
    async with serve(make_bot()):
        asked = standin.slash_command("ask", {"question": QUESTION})
        await asked.wait_callback()
        answer = asked.original
        assert answer is not None
        standin.rest.interaction_deadline = 0.0  # every reply from now on is late
        standin.slash_command("ask", {"question": QUESTION})
        standin.click(answer, answer.custom_ids[0])
        route = "/interactions/{interaction_id}/{interaction_token}/callback"
        await standin.wait_for_request("POST", route, count=3)
        standin.rest.interaction_deadline = 3.0
        message(await standin.slash_command("help").wait_callback())
        callbacks = standin.requests_to("POST", route)

    # The late answers are refused, and no apology follows them.
    assert [r.status for r in callbacks] == [200, 404, 404, 200]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "/ask was answered too late (Discord code 10062)" in warnings
    assert any(
        re.fullmatch(r"button \S+ was answered too late \(Discord code 10062\)", w)
        for w in warnings
    )
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
