"""The worker's own parts, in-process: logging, shutdown, login failures, reloading, /reload.

The real discord.py runs against the loopback stand-in; tests/test_process.py
does the same through a real process and real signals.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import discord
import pytest

from bot import runner
from bot.client import StoryBot, create_bot
from bot.config import ConfigError, Settings
from bot.engine import Engine, Thresholds
from bot.knowledge import load_story
from bot.replies import Answered
from bot.runner import (
    RedactingFormatter,
    _signal_handlers,
    configure_logging,
    load_engine,
    reload_knowledge,
    serve,
)
from tests.conftest import MINI, WriteStory
from tests.standin import CloseCode, StandIn

pytest_plugins = ["tests.standin.fixtures"]

TIME_LIMIT = 15.0
SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


def http_session_closed(bot: discord.Client) -> bool:
    session = bot.http._HTTPClient__session  # type: ignore[attr-defined]
    return bool(session.closed)


# --- logging -----------------------------------------------------------------------


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers; give pytest its own back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    wire = [
        logging.getLogger(name) for name in ("discord.http", "discord.gateway", "discord.webhook")
    ]
    wire_levels = [logger.level for logger in wire]
    voice = (discord.VoiceClient.warn_nacl, discord.VoiceClient.warn_dave)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for logger, wire_level in zip(wire, wire_levels, strict=True):
        logger.setLevel(wire_level)
    discord.VoiceClient.warn_nacl, discord.VoiceClient.warn_dave = voice


def test_the_formatter_redacts_secrets_in_messages_and_tracebacks() -> None:
    formatter = RedactingFormatter("%(levelname)s %(message)s", [SECRET, ""])
    try:
        raise ValueError(f"header Authorization: Bot {SECRET}")
    except ValueError:
        record = logging.LogRecord(
            "discord.http", logging.DEBUG, __file__, 1, "token %s", (SECRET,), sys.exc_info()
        )
    text = formatter.format(record)

    assert SECRET not in text
    assert text.startswith("DEBUG token [redacted]")
    assert "Authorization: Bot [redacted]" in text
    assert "Traceback" in text


@pytest.mark.usefixtures("restore_logging")
def test_logging_is_set_up_once_on_stderr_at_the_level_asked() -> None:
    configure_logging("DEBUG", [SECRET])
    configure_logging("DEBUG", [SECRET])

    root = logging.getLogger()
    assert len(root.handlers) == 1
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    assert handler.stream is sys.stderr
    assert isinstance(handler.formatter, RedactingFormatter)
    assert root.level == logging.DEBUG
    # Request bodies, gateway events and interaction URLs stay out of the log even at DEBUG.
    for name in ("discord.http", "discord.gateway", "discord.webhook.async_"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.INFO
    assert not discord.VoiceClient.warn_nacl


@pytest.mark.usefixtures("restore_logging")
def test_a_failed_autocomplete_is_logged_without_who_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """discord.py names the reader and server; an answer too late is a warning line."""
    configure_logging("INFO")
    tree = logging.getLogger("discord.app_commands.tree")
    message = "Ignoring exception in autocomplete for %r (Guild: %s, User: %s)"
    for error in (
        discord.NotFound(
            cast(Any, SimpleNamespace(status=404, reason="Not Found")),
            {"code": 10062, "message": "Unknown interaction"},
        ),
        RuntimeError("broken"),
    ):
        try:
            raise error
        except Exception:
            tree.exception(message, "ask", 111111111111111111, 222222222222222222)
    lines = capsys.readouterr().err
    assert "111111111111111111" not in lines
    assert "222222222222222222" not in lines
    assert (
        "WARNING discord.app_commands.tree: autocomplete for 'ask' was answered too late" in lines
    )
    assert "ERROR   discord.app_commands.tree: autocomplete for 'ask' failed" in lines
    assert lines.count("Traceback") == 1  # the real failure keeps its traceback


@pytest.mark.usefixtures("restore_logging")
def test_discord_warnings_name_no_channel(capsys: pytest.CaptureFixture[str]) -> None:
    """A rate limit names the route, whose channel is a reader's own DM."""
    configure_logging("INFO")
    configure_logging("INFO")  # set up twice, masked once
    http = logging.getLogger("discord.http")
    route = "POST https://discord.com/api/v10/channels/1578593183095455744/messages"
    http.warning("We are being rate limited. %s responded with 429.", route)
    logging.getLogger("discord.webhook.async_").warning(
        "Webhook ID %s is rate limited.", 123 * 10**16
    )
    logging.getLogger("bot.runner").warning("not in server %s", 123 * 10**16)  # ours: kept
    rate_limit, webhook, ours = capsys.readouterr().err.splitlines()
    assert "1578593183095455744" not in rate_limit
    assert rate_limit.endswith("/api/v10/channels/[id]/messages responded with 429.")
    assert webhook.endswith("Webhook ID [id] is rate limited.")
    assert ours.endswith(f"not in server {123 * 10**16}")


@pytest.mark.usefixtures("restore_logging")
def test_warning_level_quiets_discord_http_too() -> None:
    configure_logging("WARNING")
    assert logging.getLogger("discord.http").getEffectiveLevel() == logging.WARNING


def test_a_missing_knowledge_path_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_engine(Settings(knowledge=tmp_path / "missing"))
    assert caught.value.variable == "KNOWLEDGE"
    assert "nothing at" in str(caught.value)


def test_knowledge_may_be_a_file_or_a_folder(write_story: WriteStory) -> None:
    path = write_story()
    write_story(MINI.replace('id = "harbour-storm"', 'id = "harbour-again"'), name="b.toml")

    from_file = load_engine(Settings(knowledge=path))
    from_folder = load_engine(Settings(knowledge=path.parent))

    assert [s.id for s in from_file.stories] == ["harbour-storm"]
    assert sorted(s.id for s in from_folder.stories) == ["harbour-again", "harbour-storm"]


# --- serve: stopping and failing ---------------------------------------------------


def story_bot(standin: StandIn, engine: Engine, **settings: Any) -> StoryBot:
    return create_bot(Settings(token=standin.token, **settings), engine)


async def test_stopping_closes_the_gateway_and_the_http_session(
    standin: StandIn, engine: Engine
) -> None:
    bot = story_bot(standin, engine)
    stop = asyncio.Event()
    async with asyncio.timeout(TIME_LIMIT):
        serving = asyncio.create_task(serve(bot, standin.token, stop))
        await standin.wait_for_ready()
        connection = standin.session().connection
        assert connection is not None
        stop.set()
        code = await serving
        await connection.wait_closed()

    assert code == 0
    assert connection.closed_by == "client"
    assert bot.is_closed()
    assert http_session_closed(bot)


class HangingBot:
    """A client whose connection never ends and whose close never returns."""

    def __init__(self) -> None:
        self.closing = asyncio.Event()

    async def start(self, token: str) -> None:
        await asyncio.Event().wait()

    async def close(self) -> None:
        self.closing.set()
        await asyncio.Event().wait()


async def test_a_close_that_hangs_is_abandoned_in_time(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(runner, "SHUTDOWN_SECONDS", 0.05)
    bot: Any = HangingBot()
    stop = asyncio.Event()
    stop.set()
    async with asyncio.timeout(TIME_LIMIT):
        code = await serve(bot, SECRET, stop)

    assert code == 0
    assert bot.closing.is_set()
    assert "shutdown took longer than" in caplog.text


async def test_a_rejected_token_is_a_config_error(standin: StandIn, engine: Engine) -> None:
    bot = create_bot(Settings(token=SECRET), engine)
    async with asyncio.timeout(TIME_LIMIT):
        with pytest.raises(ConfigError) as caught:
            await serve(bot, SECRET, asyncio.Event())

    assert caught.value.variable == "DISCORD_TOKEN"
    assert "401" in str(caught.value)
    assert SECRET not in str(caught.value)
    assert http_session_closed(bot)
    assert standin.identifies == []


@pytest.mark.parametrize(
    ("close", "variable"),
    [
        (CloseCode.AUTHENTICATION_FAILED, "DISCORD_TOKEN"),
        # Past 2,500 servers one shard is refused: restarting as it is would loop.
        (CloseCode.SHARDING_REQUIRED, "SHARD_COUNT"),
    ],
    ids=["4004", "4011"],
)
async def test_a_gateway_close_that_restarting_would_repeat_is_a_config_error(
    standin: StandIn, engine: Engine, close: CloseCode, variable: str
) -> None:
    bot = story_bot(standin, engine)
    async with asyncio.timeout(TIME_LIMIT):
        serving = asyncio.create_task(serve(bot, standin.token, asyncio.Event()))
        await standin.wait_for_ready()
        standin.close_all(close)
        with pytest.raises(ConfigError) as caught:
            await serving

    assert caught.value.variable == variable
    assert str(int(close)) in str(caught.value)
    assert http_session_closed(bot)


async def test_discord_failing_the_login_is_one_line_and_exit_1(
    standin: StandIn, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    standin.fail("GET", "/users/@me", status=503)
    bot = story_bot(standin, engine)
    async with asyncio.timeout(TIME_LIMIT):
        code = await serve(bot, standin.token, asyncio.Event())

    assert code == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == ["Discord answered 503 to the login (code 0); exiting"]
    assert http_session_closed(bot)


# --- reloading ---------------------------------------------------------------------


async def test_reload_serves_good_knowledge(
    write_story: WriteStory, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_story()
    bot = create_bot(Settings(knowledge=path), Engine.from_path(path))
    write_story(MINI.replace("A storm damaged the pier", "A gale broke the pier"))
    caplog.set_level(logging.INFO)

    await reload_knowledge(bot)

    reply = bot.engine.ask("why was the harbour closed")
    assert isinstance(reply, Answered)
    assert reply.entry.answer.startswith("A gale broke the pier")
    assert "reloaded the knowledge: 5 entries" in caplog.text


async def test_reload_keeps_the_old_knowledge_and_logs_each_problem(
    write_story: WriteStory, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_story()
    bot = create_bot(Settings(knowledge=path), Engine.from_path(path))
    before = bot.engine
    broken = MINI.replace('topic = "Boats"\n', "").replace(
        'answer = "Ann Reyes is the harbour master."\n', ""
    )
    write_story(broken)

    await reload_knowledge(bot)

    assert bot.engine is before
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        f"reload refused, still serving the previous knowledge: {path}, entry 'boats', "
        "topic: missing",
        f"reload refused, still serving the previous knowledge: {path}, entry 'reyes', "
        "answer: missing",
    ]


async def test_reloads_run_one_at_a_time_so_the_last_read_serves(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow first read must not land after a second one that read newer files."""
    path = write_story()
    bot = create_bot(Settings(knowledge=path), Engine.from_path(path))
    reads: list[Engine] = []
    first_may_finish = threading.Event()

    def read(knowledge: Path, thresholds: Thresholds) -> Engine:
        engine = Engine([load_story(knowledge)], thresholds)
        reads.append(engine)
        if len(reads) == 1:
            first_may_finish.wait(TIME_LIMIT)
        return engine

    monkeypatch.setattr(Engine, "from_path", read)
    first = asyncio.create_task(bot.reload_knowledge())
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.reload_knowledge())
    await asyncio.sleep(0.1)
    assert len(reads) == 1  # the second waits for the first
    first_may_finish.set()
    await asyncio.gather(first, second)

    assert len(reads) == 2
    assert bot.engine is reads[1]


def test_a_reload_still_building_does_not_hold_up_the_exit(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM during a long rebuild: the event loop closes without waiting for it."""
    path = write_story()
    building = threading.Event()
    finish = threading.Event()

    def read(knowledge: Path, thresholds: Thresholds) -> Engine:
        building.set()
        finish.wait(TIME_LIMIT)
        return Engine([load_story(knowledge)], thresholds)

    async def stop_while_building() -> None:
        bot = create_bot(Settings(knowledge=path), Engine.from_path(path))
        monkeypatch.setattr(Engine, "from_path", read)
        reload = asyncio.create_task(bot.reload_knowledge())
        await asyncio.to_thread(building.wait, TIME_LIMIT)
        reload.cancel()

    started = time.monotonic()
    try:
        asyncio.run(stop_while_building())
        assert time.monotonic() - started < TIME_LIMIT / 3
    finally:
        finish.set()  # the build ends, and its result goes nowhere


def test_once_the_handlers_are_gone_a_sighup_is_still_ignored(write_story: WriteStory) -> None:
    """Removing the loop's handler puts back SIGHUP's default action, which would end
    a worker saying goodbye with signal 1 rather than exit code 0."""
    path = write_story()
    previous = signal.getsignal(signal.SIGHUP)

    async def handle_then_stop() -> None:
        bot = create_bot(Settings(knowledge=path), Engine.from_path(path))
        with _signal_handlers(bot, asyncio.Event()):
            assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, signal.SIG_IGN)

    try:
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        asyncio.run(handle_then_stop())
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


# --- /reload, the owner's command in the development server ------------------------


async def test_reload_command_exists_only_in_the_development_server(
    standin: StandIn, write_story: WriteStory
) -> None:
    path = write_story()
    newsroom = standin.world.guild("Newsroom")
    bot = story_bot(standin, Engine.from_path(path), knowledge=path, dev_guild_id=newsroom.id)
    async with asyncio.timeout(TIME_LIMIT):
        serving = asyncio.create_task(serve(bot, standin.token, stop := asyncio.Event()))
        await standin.wait_for_ready()
        # The commands are registered before the gateway connects.
        guild_commands = {c["name"] for c in standin.commands(newsroom.id)}
        stop.set()
        await serving

    assert "reload" in guild_commands
    assert "ask" in guild_commands
    assert standin.commands() == []
    assert standin.commands(standin.world.guild("Annex").id) == []


async def test_without_a_development_server_there_is_no_reload_command(
    standin: StandIn, engine: Engine
) -> None:
    bot = story_bot(standin, engine)
    async with asyncio.timeout(TIME_LIMIT):
        serving = asyncio.create_task(serve(bot, standin.token, stop := asyncio.Event()))
        await standin.wait_for_ready()
        stop.set()
        await serving

    names = {c["name"] for c in standin.commands()}
    assert "ask" in names
    assert "reload" not in names


async def test_reload_command_reloads_refuses_and_is_for_the_owner_only(
    standin: StandIn, write_story: WriteStory, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_story()
    world = standin.world
    general = world.channel("general")
    bot = story_bot(
        standin, Engine.from_path(path), knowledge=path, dev_guild_id=world.guild("Newsroom").id
    )
    stop = asyncio.Event()
    async with asyncio.timeout(TIME_LIMIT):
        serving = asyncio.create_task(serve(bot, standin.token, stop))
        await standin.wait_for_ready()
        at_login = len(standin.requests_to("GET", "/oauth2/applications/@me"))

        by_reader = standin.slash_command("reload", user=world.user("reader"), channel=general)
        refused = await by_reader.wait_callback()

        write_story(MINI.replace("A storm damaged the pier", "A gale broke the pier"))
        good = standin.slash_command("reload", user=world.owner, channel=general)
        reloaded = await good.wait_followup()
        after_good = bot.engine

        write_story(MINI.replace('answer = "Ann Reyes is the harbour master."\n', ""))
        bad = standin.slash_command("reload", user=world.owner, channel=general)
        problems = await bad.wait_followup()
        stop.set()
        await serving

    assert refused.data is not None
    assert "Only the bot's owner" in refused.data["content"]
    # Who owns the bot is known from the application info login fetched: checking
    # it makes no request inside the 3 seconds a /reload has to answer.
    assert at_login == 1
    assert len(standin.requests_to("GET", "/oauth2/applications/@me")) == at_login
    assert reloaded.content == "Reloaded: 1 story, 5 entries."
    assert "Reload refused; still serving the previous knowledge." in problems.content
    assert f"{path}, entry 'reyes', answer: missing" in problems.content
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        f"reload refused, still serving the previous knowledge: {path}, entry 'reyes', "
        "answer: missing"
    ]
    assert bot.engine is after_good
    reply = after_good.ask("why was the harbour closed")
    assert isinstance(reply, Answered)
    assert reply.entry.answer.startswith("A gale broke the pier")
