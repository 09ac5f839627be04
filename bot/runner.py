"""Running the bot as a hosted worker: logging, signals, clean shutdown, command sync.

Platforms stop a worker with SIGTERM and kill it about 30 seconds later;
`Client.run` alone ignores SIGTERM, so the signals are handled here: SIGTERM
and SIGINT close the gateway and HTTP session and exit 0, SIGHUP re-reads the
knowledge.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterable

import discord

from bot.client import StoryBot, create_bot
from bot.config import ConfigError, Settings
from bot.engine import Engine
from bot.knowledge import KnowledgeError

__all__ = ["configure_logging", "run_bot", "sync_commands"]

log = logging.getLogger("bot")

SHUTDOWN_SECONDS = 5.0


class _RedactingFormatter(logging.Formatter):
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
        _RedactingFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # discord.py's HTTP layer logs every request body at DEBUG; keep it at INFO.
    logging.getLogger("discord.http").setLevel(max(logging.INFO, root.level))


def run_bot(settings: Settings) -> int:
    """Serve until SIGTERM/SIGINT; the exit code for the process."""
    configure_logging(settings.log_level, [settings.token or ""])
    engine = Engine.from_path(settings.knowledge, settings.thresholds)
    return asyncio.run(_serve(settings, engine))


async def _serve(settings: Settings, engine: Engine) -> int:
    assert settings.token is not None
    bot = create_bot(settings, engine)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    reloads: set[asyncio.Task[None]] = set()

    def reload() -> None:
        task = loop.create_task(_reload(bot))
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        loop.add_signal_handler(signal.SIGTERM, stopping.set)
        loop.add_signal_handler(signal.SIGINT, stopping.set)
        loop.add_signal_handler(signal.SIGHUP, reload)

    async with bot:
        runner = asyncio.create_task(bot.start(settings.token), name="storybot")
        stopper = asyncio.create_task(stopping.wait())
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper.done():
            log.info("stopping: closing the gateway connection and HTTP session")
            try:
                async with asyncio.timeout(SHUTDOWN_SECONDS):
                    await bot.close()
                    await runner
            except TimeoutError:
                log.warning("shutdown took longer than %.0f s; exiting anyway", SHUTDOWN_SECONDS)
                runner.cancel()
            log.info("stopped")
            return 0
        stopper.cancel()
        try:
            runner.result()
        except discord.LoginFailure:
            raise ConfigError(
                "DISCORD_TOKEN",
                "Discord rejected the token (401 Unauthorized); reset it on the Developer "
                "Portal's Bot page and set the new one",
            ) from None
        except discord.ConnectionClosed as error:
            if error.code == 4004:
                raise ConfigError("DISCORD_TOKEN", "the gateway refused the token (4004)") from None
            raise
        return 0


async def _reload(bot: StoryBot) -> None:
    log.info("SIGHUP: reloading the knowledge from %s", bot.settings.knowledge)
    try:
        await bot.reload_knowledge()
    except KnowledgeError as error:
        log.error("reload refused; still serving the previous knowledge:\n%s", error)


def sync_commands(settings: Settings, guild_id: int | None) -> list[str]:
    """Register the slash commands now, globally or in one server; their names."""
    configure_logging("WARNING", [settings.token or ""])
    engine = Engine.from_path(settings.knowledge, settings.thresholds)
    return asyncio.run(_sync(settings, engine, guild_id))


async def _sync(settings: Settings, engine: Engine, guild_id: int | None) -> list[str]:
    assert settings.token is not None
    bot = create_bot(settings, engine, sync_on_start=False)
    async with bot:
        try:
            await bot.login(settings.token)
        except discord.LoginFailure:
            raise ConfigError(
                "DISCORD_TOKEN", "Discord rejected the token (401 Unauthorized)"
            ) from None
        guild = discord.Object(guild_id) if guild_id is not None else None
        if guild is not None:
            bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    return [command.name for command in synced]
