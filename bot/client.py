"""The Discord bot: a `commands.Bot` subclass that serves the engine through its cogs."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.conversations import Conversations
from bot.engine import Engine
from bot.knowledge import Entry, KnowledgeError
from bot.misses import append_miss
from bot.registration import commands_differ
from bot.replies import Answered, Declined, Reply

__all__ = [
    "EXTENSIONS",
    "PERMISSIONS",
    "ShardedStoryBot",
    "StoryBot",
    "answer_privately",
    "apologise",
    "create_bot",
    "too_late",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

EXTENSIONS = ("bot.cogs.ask", "bot.cogs.story", "bot.cogs.admin")

# What the bot needs in a server, and nothing more: read and answer in channels
# and threads, show embeds, and reply to the message that asked.
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)


class StoryTree(app_commands.CommandTree["StoryBot"]):
    """Answers every interaction, even when a command fails."""

    async def on_error(
        self, interaction: discord.Interaction[StoryBot], error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.CommandNotFound):
            await self._unknown_command(interaction, error)
            return
        command = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(error, app_commands.CommandSignatureMismatch):
            log.warning("Discord's /%s differs from this bot's: run `sync`", command)
            await answer_privately(interaction, f"/{command} has changed. Please try again later.")
            return
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        if too_late(cause):
            log.warning("/%s was answered too late (Discord code %s)", command, cause.code)
            return
        log.error("/%s failed", command, exc_info=error)
        await apologise(interaction)

    async def _unknown_command(
        self, interaction: discord.Interaction[StoryBot], error: app_commands.CommandNotFound
    ) -> None:
        """A command Discord still offers but this bot does not have: not a failure of the
        bot's, but registrations out of date (an older version's, or not yet synced)."""
        name = " ".join([*error.parents, error.name])
        log.warning("Discord sent /%s, which this bot does not have: run `sync`", name)
        await answer_privately(
            interaction,
            f"/{discord.utils.escape_markdown(name)} is no longer one of my commands. "
            "Try /help to see what I can do.",
        )


# Discord's codes for an interaction that can no longer be answered.
_UNKNOWN_INTERACTION = 10062
_ALREADY_ACKNOWLEDGED = 40060


def too_late(error: BaseException) -> TypeGuard[discord.HTTPException]:
    """Whether `error` is Discord refusing a reply that came too late to matter: after
    its 3 seconds (the event loop stalled, or a retry), or after another process
    answered (two instances during a deploy). Worth a line, not an apology (refused
    the same way) or a traceback (there is no bug to find)."""
    return isinstance(error, discord.HTTPException) and error.code in (
        _UNKNOWN_INTERACTION,
        _ALREADY_ACKNOWLEDGED,
    )


async def answer_privately(interaction: discord.Interaction[Any], text: str) -> None:
    """Answer with a private note, so that no interaction is left unanswered: a
    followup once it has a response (a deferral, say), which a second response
    would not be; no choices for an autocomplete, which shows no text."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        elif interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("could not answer an interaction", exc_info=True)


async def apologise(interaction: discord.Interaction[Any]) -> None:
    """Tell the user something went wrong."""
    await answer_privately(
        interaction, "Sorry, something went wrong answering that. Please try again."
    )


class StoryBot(commands.Bot):
    """storybot: answers questions about the stories in its engine."""

    def __init__(
        self, settings: Settings, engine: Engine, *, sync_on_start: bool = True, **options: Any
    ) -> None:
        # No privileged intent: Discord sends the content of DMs and of messages
        # that mention the bot anyway, and nothing else is read.
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StoryTree,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            max_messages=None,
            **options,
        )
        self.settings = settings
        self.engine = engine
        # Bot-wide, so that /story and the ask cog see one DM alike, and a cog
        # reload forgets no one's conversation.
        self.conversations = Conversations()
        self.sync_on_start = sync_on_start
        self.dev_guild = discord.Object(settings.dev_guild_id) if settings.dev_guild_id else None
        # Two reloads at once (SIGHUP twice, or SIGHUP and /reload) could finish in
        # either order and leave the older read serving; one at a time, the last wins.
        self._reloading = asyncio.Lock()

    async def setup_hook(self) -> None:
        self.remember_owners()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.dev_guild is not None:
            self.tree.copy_global_to(guild=self.dev_guild)
        self.log_story()
        log.info("invite: %s", self.invite_url())
        if self.sync_on_start and self.syncs_commands():
            try:
                await self.sync_if_changed(self.dev_guild)
            except discord.Forbidden:
                raise  # no access to the server: a setting to fix (see runner)
            except discord.HTTPException as error:
                # The commands Discord already has still work, and the next start
                # compares again: a Discord outage must not keep the bot offline.
                log.warning(
                    "could not register slash commands (Discord status %s, code %s: %s); "
                    "serving with those Discord has",
                    error.status,
                    error.code,
                    " ".join(error.text.split()) or "no details",
                )

    def remember_owners(self) -> None:
        """Who may /reload, read from the application info login fetched.

        Left unset, is_owner fetches it again on the first /reload, inside the
        3 seconds Discord gives an interaction to be answered.
        """
        app = self.application
        if app is None or self.owner_id or self.owner_ids:
            return
        if app.team:
            # Whom discord.py's is_owner counts in a team: its admins and developers.
            roles = (discord.TeamMemberRole.admin, discord.TeamMemberRole.developer)
            self.owner_ids = {m.id for m in app.team.members if m.role in roles}
        else:
            self.owner_id = app.owner.id

    async def on_ready(self) -> None:
        # May fire again after a reconnect; it only reports.
        log.info("ready as %s in %d servers", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message, /) -> None:
        # There are no prefix commands: questions in messages are the Ask cog's.
        return

    # --- commands registration --------------------------------------------------------

    def syncs_commands(self) -> bool:
        """Only the process running shard 0 registers commands; the others would race it."""
        shard_ids = self.settings.shard_ids
        return shard_ids is None or 0 in shard_ids

    async def sync_if_changed(self, guild: discord.abc.Snowflake | None = None) -> bool:
        """Register the commands when Discord's copy differs; return whether it did."""
        assert self.application_id is not None
        local = [c.to_dict(self.tree) for c in self.tree.get_commands(guild=guild)]
        if guild is None:
            remote = await self.http.get_global_commands(self.application_id)
        else:
            remote = await self.http.get_guild_commands(self.application_id, guild.id)
        where = "globally" if guild is None else f"in server {guild.id}"
        if not commands_differ(local, remote, guild=guild is not None):
            log.info("slash commands are up to date %s", where)
            return False
        await self.tree.sync(guild=guild)
        log.info("registered %d slash commands %s", len(local), where)
        return True

    def invite_url(self) -> str:
        assert self.application_id is not None
        return discord.utils.oauth_url(
            self.application_id,
            permissions=PERMISSIONS,
            scopes=("bot", "applications.commands"),
        )

    # --- knowledge ---------------------------------------------------------------------

    def log_story(self) -> None:
        for story in self.engine.stories:
            log.info(
                "story %s loaded from %s: %d entries, %d speakers",
                story.id,
                story.path,
                len(story.entries),
                len(story.speakers),
            )

    async def reload_knowledge(self) -> Engine:
        """Read the knowledge again; on any problem the old engine keeps serving.

        Logs each problem on a line of its own, naming the file, entry and field,
        and raises KnowledgeError with them when the new files are unusable.
        The new engine is built in a thread: a large knowledge base takes long
        enough to build that the gateway heartbeat must not wait for it.
        """
        settings = self.settings
        async with self._reloading:
            try:
                engine = await _in_daemon_thread(
                    functools.partial(Engine.from_path, settings.knowledge, settings.thresholds)
                )
            except KnowledgeError as error:
                for problem in error.problems:
                    log.error("reload refused, still serving the previous knowledge: %s", problem)
                raise
            self.engine = engine
        self.log_story()
        return engine

    # --- per question ------------------------------------------------------------------

    def record(self, reply: Reply, source: str, started: float, after: Entry | None = None) -> None:
        """One log line per question (no user or server), and the misses log;
        `after` is the answer the question replied to."""
        elapsed = (time.perf_counter() - started) * 1000
        entry = reply.entry if isinstance(reply, Answered) else None
        log.info(
            "%s%s via %s: entry=%s score=%.0f in %.1f ms",
            reply.status,
            f" ({reply.reason.value})" if isinstance(reply, Declined) else "",
            source,
            entry.id if entry is not None else "-",
            reply.score,
            elapsed,
        )
        path = self.settings.misses_log
        if path is not None and reply.status != "answered":
            self._write_miss(path, reply, after)

    def _write_miss(self, path: Path, reply: Reply, after: Entry | None) -> None:
        # Off the event loop: a slow disk must not delay the next answer.
        task = asyncio.get_running_loop().run_in_executor(None, append_miss, path, reply, after)
        task.add_done_callback(_log_miss_failure)


async def _in_daemon_thread(function: Callable[[], T]) -> T:
    """`function()` in a thread of its own that does not hold the process up.

    asyncio.to_thread's threads are joined when the event loop closes: a SIGTERM
    during a seven-second rebuild would wait for it, past the platform's grace.
    A build nobody waits for any more is simply dropped with the process: once
    the loop is closed, wrap_future hands it nothing.
    """
    future: concurrent.futures.Future[T] = concurrent.futures.Future()

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return  # the reload was cancelled before the thread began
        try:
            future.set_result(function())
        except BaseException as error:  # handed to the awaiting task, as to_thread does
            future.set_exception(error)

    threading.Thread(target=work, name="storybot-reload", daemon=True).start()
    return await asyncio.wrap_future(future)


def _log_miss_failure(future: asyncio.Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("could not write the misses log: %s", future.exception())


class ShardedStoryBot(StoryBot, commands.AutoShardedBot):
    """The same bot over several shards, so several processes can split the servers."""


def create_bot(settings: Settings, engine: Engine, **options: Any) -> StoryBot:
    if settings.shard_count is not None:
        return ShardedStoryBot(
            settings,
            engine,
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,
            **options,
        )
    return StoryBot(settings, engine, **options)
