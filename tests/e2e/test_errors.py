"""When a handler fails or a user asks too fast: every interaction still gets an answer."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import NoReturn

import pytest

from bot import client
from bot.config import Cooldown
from bot.knowledge import Entry
from bot.misses import append_miss
from bot.replies import Reply
from tests.e2e.conftest import MakeBot, Serve
from tests.e2e.helpers import NO_PINGS, custom_id, embed, is_ephemeral, message
from tests.standin import StandIn
from tests.standin.payloads import CallbackType

pytest_plugins = ["tests.standin.fixtures"]

APOLOGY = "Sorry, something went wrong answering that. Please try again."
SLOW_DOWN = re.compile(r"You're asking faster than I can keep up\. Try again <t:(\d+):R>\.")


def broken(*args: object, **kwargs: object) -> NoReturn:
    raise RuntimeError("the engine broke")


def error_logs(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def on_error(
    handler: Callable[..., Awaitable[None]], called: asyncio.Event
) -> Callable[..., Awaitable[None]]:
    """discord.py's event error handler, that also sets `called`."""

    async def handle(event: str, /, *args: object, **kwargs: object) -> None:
        await handler(event, *args, **kwargs)
        called.set()

    return handle


async def test_a_failing_handler_still_answers_with_an_apology(
    standin: StandIn,
    make_bot: MakeBot,
    serve: Serve,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = make_bot()
    message_failed = asyncio.Event()
    monkeypatch.setattr(bot, "on_error", on_error(bot.on_error, message_failed))
    async with serve(bot):
        asked = standin.slash_command("ask", {"question": "how many fighters left?"})
        await asked.wait_callback()
        answer = asked.original
        assert answer is not None
        with pytest.MonkeyPatch.context() as patch:
            for method in ("ask", "answer_entry", "complete"):
                patch.setattr(bot.engine, method, broken)
            failed_ask = standin.slash_command("ask", {"question": "how many fighters left?"})
            failed_click = standin.click(answer, answer.custom_ids[0])
            failed_typing = standin.autocomplete("ask", {"question": "fight"}, focused="question")
            failed_dm = standin.dm_message("how many fighters left?")
            callbacks = [await h.wait_callback() for h in (failed_ask, failed_click)]
            typing = await failed_typing.wait_callback()
            # A failed message has no answer to wait for: wait for its log line.
            await message_failed.wait()
        # The bot carries on: the next question is answered as usual.
        after = message(await standin.slash_command("ask", {"question": "sdf"}).wait_callback())
        dm_after = await standin.dm_message("what is the sdf?").wait_reply()

    for callback in callbacks:
        data = message(callback)
        assert data["content"] == APOLOGY
        assert is_ephemeral(data)
    assert (typing.type, typing.data) == (CallbackType.AUTOCOMPLETE_RESULT, {"choices": []})
    assert failed_dm.replies == []
    assert embed(after)["title"] == "What is the SDF?"
    assert embed(dm_after.payload)["title"] == "What is the SDF?"
    errors = error_logs(caplog)
    assert [r.getMessage() for r in errors][:3] == [
        "/ask failed",
        f"button raqa-final-assault:{answer.custom_ids[0].rsplit(':', 1)[1]} failed",
        "autocomplete failed",
    ]
    assert all(r.exc_info for r in errors), "each failure is logged with its traceback"
    assert len(errors) == 4  # /ask, the button, the autocomplete and the DM


async def test_asking_too_fast_is_told_when_to_retry(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    world = standin.world
    reader, owner = world.user("reader"), world.owner
    bot = make_bot(cooldown=Cooldown(rate=2, seconds=60.0))
    async with serve(bot):
        answered = [
            message(await standin.slash_command("ask", {"question": q}).wait_callback())
            for q in ("how many fighters left?", "what is the sdf?")
        ]
        slowed = standin.slash_command("ask", {"question": "who is Talal Selo?"})
        slowed_data = message(await slowed.wait_callback())
        assert slowed.original is not None
        first = standin.slash_command("ask", {"question": "how many fighters left?"}, user=owner)
        await first.wait_callback()
        assert first.original is not None
        click = standin.click(first.original, custom_id(first.original, "convoy-who"), user=owner)
        click_data = message(await click.wait_callback())
        by_dm = await standin.dm_message("who is Talal Selo?", user=reader).wait_reply()
        other = message(
            await standin.slash_command("ask", {"question": "sdf"}, user=owner).wait_callback()
        )

    assert all(embed(a)["title"] for a in answered)
    now = time.time()
    for text in (slowed_data["content"], by_dm.content):
        found = SLOW_DOWN.fullmatch(text)
        assert found is not None, text
        assert now < int(found[1]) <= now + 61
    assert is_ephemeral(slowed_data)
    assert slowed_data["allowed_mentions"] == NO_PINGS
    assert by_dm.embeds == []
    # The owner's button click counts as their second question: still within the limit.
    assert embed(click_data)["title"] == "Who was in the convoy?"
    # The limit is per user: the owner's third question is the one slowed down.
    assert SLOW_DOWN.fullmatch(other["content"])


async def test_a_slow_down_note_under_a_message_deletes_itself(
    standin: StandIn, make_bot: MakeBot, serve: Serve
) -> None:
    """It matters only until the reader may ask again: then it goes, not to clutter."""
    async with serve(make_bot(cooldown=Cooldown(rate=1, seconds=1.0))):
        await standin.dm_message("who is Talal Selo?").wait_reply()
        note = await standin.dm_message("what is the sdf?").wait_reply()
        deleted = await standin.wait_for_request(
            "DELETE", "/channels/{channel_id}/messages/{message_id}", within=10
        )

    assert SLOW_DOWN.fullmatch(note.content)
    assert deleted.path == f"/channels/{note.channel_id}/messages/{note.id}"
    assert deleted.status == 204


async def test_a_running_bot_logs_what_it_could_not_answer(
    standin: StandIn,
    make_bot: MakeBot,
    serve: Serve,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With MISSES_LOG set, a decline is a line in the file; an answer is not."""
    log = tmp_path / "misses.jsonl"
    written = threading.Event()

    def append(path: Path, reply: Reply, after: Entry | None = None) -> None:
        append_miss(path, reply, after)
        written.set()

    monkeypatch.setattr(client, "append_miss", append)
    async with serve(make_bot(misses_log=log)):
        await standin.slash_command("ask", {"question": "how many fighters left?"}).wait_callback()
        await standin.dm_message("who is talal selo").wait_reply()
        await standin.dm_message("how old is he").wait_reply()
        # Written off the event loop: wait for the write, not just the reply.
        assert await asyncio.to_thread(written.wait, 10)

    (line,) = log.read_text().splitlines()
    record = json.loads(line)
    assert (record["question"], record["status"]) == ("how old is he", "declined")
    # A follow-up is logged with the answer it replied to: "he" is Selo.
    assert record["after"] == {"story": "raqa-final-assault", "id": "talal-selo"}
    assert str(standin.world.user("reader").id) not in line
