"""Running the bot as a hosted worker: logging, signals, clean shutdown, command sync.

Platforms stop a worker with SIGTERM and kill it about 30 seconds later;
`Client.run` alone does not handle SIGTERM, whose default action ends the
process at once, with no clean close. So the signals are handled here: SIGTERM
and SIGINT close the gateway and HTTP session and exit 0, SIGHUP re-reads the
knowledge.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterable, Iterator

import aiohttp
import discord

from bot.client import StoryBot, create_bot, too_late
from bot.config import ConfigError, Settings
from bot.engine import Engine
from bot.knowledge import KnowledgeError
from bot.misses import open_log, without_ids

__all__ = ["SHUTDOWN_SECONDS", "configure_logging", "run_bot", "serve", "sync_commands"]

log = logging.getLogger("bot")

# Closing normally takes milliseconds; a peer that never answers the close frame
# must not hold the process past the 5 seconds it is allowed, so give up after 4.
SHUTDOWN_SECONDS = 4.0

_MISSING_ACCESS = 50001

_REJECTED = (
    "Discord rejected the token (401 Unauthorized); reset it on the Developer Portal's "
    "Bot page and set the new one"
)


def _not_in_server(guild_id: int) -> str:
    return (
        f"Discord refused access to server {guild_id} (Missing Access): expected the id of "
        "a server the bot was invited to with the applications.commands scope"
    )


_WIRE_LOGGERS = ("discord.http", "discord.gateway", "discord.webhook")


class RedactingFormatter(logging.Formatter):
    """Formats records, tracebacks included, with every secret replaced."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """discord.py's and our logs on stderr, one line per event, set up once."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # At DEBUG, discord.py logs request bodies (discord.http), every gateway event
    # (discord.gateway) and interaction URLs (discord.webhook): readers' messages, and
    # interaction tokens that let anyone reply as the bot for 15 minutes. They stay
    # at INFO whatever the level.
    for name in _WIRE_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))
    # On the handler: a logger's filter misses its children's records
    # ("discord.webhook.async_").
    handler.addFilter(WithoutIds())
    tree = logging.getLogger("discord.app_commands.tree")
    for stale in [f for f in tree.filters if isinstance(f, AutocompleteFailures)]:
        tree.removeFilter(stale)
    tree.addFilter(AutocompleteFailures())
    # storybot has no voice: two warnings about voice libraries on every start
    # would only send operators looking for a problem that is not there.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False


class WithoutIds(logging.Filter):
    """discord.py's own warnings ("rate limited. POST /channels/[id]/messages") name
    the channel, which for a DM is the reader's: ids are masked, as the misses log
    and the question log keep none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not any(record.name == n or record.name.startswith(f"{n}.") for n in _WIRE_LOGGERS):
            return True
        message = record.getMessage()
        masked = without_ids(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class AutocompleteFailures(logging.Filter):
    """discord.py logs a failed autocomplete answer with the reader's and the server's
    ids; this keeps the command only. One answered too late (the reader typed on,
    and Discord dropped the older request) is a warning line, not an error with a
    traceback: it happens to a busy bot all day and points at no bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Ignoring exception in autocomplete"):
            return True
        command = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and too_late(error):
            record.msg = "autocomplete for %r was answered too late (Discord code %s)"
            record.args = (command, error.code)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        else:
            record.msg, record.args = "autocomplete for %r failed", (command,)
        return True


def load_engine(settings: Settings) -> Engine:
    """The engine for `run` and `sync`; a missing KNOWLEDGE path is a configuration error."""
    if not settings.knowledge.exists():
        raise ConfigError(
            "KNOWLEDGE",
            f"expected a knowledge file or a folder of them; nothing at {settings.knowledge}",
        )
    return Engine.from_path(settings.knowledge, settings.thresholds)


def run_bot(settings: Settings) -> int:
    """Serve until SIGTERM/SIGINT; the exit code for the process."""
    if settings.token is None:
        raise ConfigError("DISCORD_TOKEN", "not set")
    # Until the event loop handles SIGHUP, its default action would end the process.
    with contextlib.suppress(AttributeError):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    configure_logging(settings.log_level, [settings.token])
    if settings.misses_log is not None:
        # Found now, not at the first miss, after which every miss would be lost.
        try:
            open_log(settings.misses_log).close()
        except OSError as error:
            raise ConfigError(
                "MISSES_LOG", f"cannot write {settings.misses_log} ({error.strerror})"
            ) from None
    engine = load_engine(settings)
    return asyncio.run(_serve_until_signalled(settings, engine, settings.token))


async def _serve_until_signalled(settings: Settings, engine: Engine, token: str) -> int:
    bot = create_bot(settings, engine)
    stop = asyncio.Event()
    with _signal_handlers(bot, stop):
        return await serve(bot, token, stop)


@contextlib.contextmanager
def _signal_handlers(bot: StoryBot, stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    reloads: set[asyncio.Task[None]] = set()

    def reload() -> None:
        task = loop.create_task(reload_knowledge(bot))
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    handlers = {signal.SIGTERM: stop.set, signal.SIGINT: stop.set}
    if hasattr(signal, "SIGHUP"):
        handlers[signal.SIGHUP] = reload
    installed: list[signal.Signals] = []
    for signum, handler in handlers.items():
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(signum, handler)
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
        # Which puts back SIGHUP's default action, ending the process: a reload sent
        # while the bot says goodbye must not turn a clean exit into signal 1's.
        if signal.SIGHUP in installed:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)


async def serve(bot: StoryBot, token: str, stop: asyncio.Event) -> int:
    """Run `bot` until `stop` is set (exit code 0).

    A setting Discord refuses raises ConfigError; Discord unreachable or failing
    while the bot logs in returns 1, for the platform to start it again.
    """
    runner = asyncio.create_task(bot.start(token), name="storybot")
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
    if not runner.done():
        log.info("stopping: closing the gateway connection and HTTP session")
        await _close(bot, runner)
        if runner.done() and not runner.cancelled() and runner.exception() is not None:
            # Stopped halfway through logging in: its requests fail on the closed
            # session, which is the stop working, not a problem to report.
            log.debug("login interrupted: %r", runner.exception())
        log.info("stopped")
        return 0
    # It stopped by itself: release the HTTP session before reporting why.
    await _close(bot, runner)
    try:
        runner.result()
    except discord.LoginFailure:
        raise ConfigError("DISCORD_TOKEN", _REJECTED) from None
    except discord.ConnectionClosed as error:
        if error.code == 4004:
            raise ConfigError("DISCORD_TOKEN", "the gateway refused the token (4004)") from None
        if error.code == 4011:
            # Restarting would meet the same refusal: a setting to change.
            raise ConfigError(
                "SHARD_COUNT",
                "Discord requires more shards for this many servers (4011): set it, or raise "
                "it (README, Sharding)",
            ) from None
        raise
    except discord.Forbidden as error:
        guild_id = bot.settings.dev_guild_id
        if error.code == _MISSING_ACCESS and guild_id is not None:
            raise ConfigError("DEV_GUILD_ID", _not_in_server(guild_id)) from None
        raise
    except (aiohttp.ClientError, OSError) as error:
        # Discord unreachable while logging in (once connected, discord.py
        # reconnects by itself): the platform starts the worker again.
        log.error("cannot reach Discord to log in (%s); exiting", type(error).__name__)
        return 1
    except discord.HTTPException as error:
        # An outage answered with a 5xx, or a rate limit discord.py gave up on.
        log.error("Discord answered %s to the login (code %s); exiting", error.status, error.code)
        return 1
    return 0


async def _close(bot: StoryBot, runner: asyncio.Task[None]) -> None:
    try:
        async with asyncio.timeout(SHUTDOWN_SECONDS):
            await bot.close()
            await asyncio.wait({runner})
    except TimeoutError:
        log.warning("shutdown took longer than %.0f s; exiting anyway", SHUTDOWN_SECONDS)
        runner.cancel()


async def reload_knowledge(bot: StoryBot) -> None:
    """SIGHUP: read the knowledge again, or log every problem and keep the old."""
    log.info("SIGHUP: reloading the knowledge from %s", bot.settings.knowledge)
    try:
        engine = await bot.reload_knowledge()
    except KnowledgeError:
        return  # logged, problem by problem
    entries = sum(len(story.entries) for story in engine.stories)
    log.info("reloaded the knowledge: %d entries", entries)


def sync_commands(settings: Settings, guild_id: int | None) -> list[str]:
    """Register the slash commands now, globally or in one server; their names."""
    if settings.token is None:
        raise ConfigError("DISCORD_TOKEN", "not set")
    configure_logging("WARNING", [settings.token])
    engine = load_engine(settings)
    return asyncio.run(_sync(settings, engine, settings.token, guild_id))


async def _sync(settings: Settings, engine: Engine, token: str, guild_id: int | None) -> list[str]:
    bot = create_bot(settings, engine, sync_on_start=False)
    async with bot:
        try:
            await bot.login(token)
        except discord.LoginFailure:
            raise ConfigError("DISCORD_TOKEN", _REJECTED) from None
        guild = discord.Object(guild_id) if guild_id is not None else None
        if guild is not None:
            bot.tree.copy_global_to(guild=guild)
        try:
            synced = await bot.tree.sync(guild=guild)
        except discord.Forbidden as error:
            if error.code == _MISSING_ACCESS and guild_id is not None:
                raise ConfigError("--guild", _not_in_server(guild_id)) from None
            raise
    return [command.name for command in synced]
