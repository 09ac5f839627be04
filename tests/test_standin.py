"""The loopback stand-in, proven against the real discord.py client.

A small bot connects in-process (or, for the launcher, in a subprocess) and
does what storybot does: syncs slash commands, answers them with an embed and
a button, autocompletes, answers DMs and mentions. Every test is bounded by
asyncio.timeout and talks to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.conftest import clean_env
from tests.standin import CloseCode, Intent, StandIn, World
from tests.standin.clients import point_discord_at, running
from tests.standin.launch import command as launch_command
from tests.standin.payloads import CallbackType, InteractionContext, MessageFlag

pytest_plugins = ["tests.standin.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ("Why was the harbour closed?", "When will it reopen?", "Who is Ann Reyes?")
TIME_LIMIT = 15.0


class MoreView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Tell me more", custom_id="answer:more")
    async def more(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        interaction.client.clicks.append(button.custom_id)
        await interaction.response.edit_message(content="More detail.", view=None)


class Answers(commands.Cog):
    """The features storybot uses, in their simplest form."""

    def __init__(self, bot: AnsweringBot) -> None:
        self.bot = bot

    @app_commands.command(description="Ask a question about the story")
    @app_commands.describe(question="Your question")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        self.bot.contexts.append((interaction.context, interaction.app_permissions))
        if interaction.app_permissions.embed_links:
            embed = discord.Embed(title="Answer", description=f"About: {question}")
            await interaction.response.send_message(embed=embed, view=MoreView())
        else:
            await interaction.response.send_message(f"Answer about: {question}", view=MoreView())

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=q, value=q) for q in QUESTIONS if current.lower() in q.lower()
        ]

    @app_commands.command(description="Answer after thinking")
    async def slow(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("Still thinking…")
        await interaction.edit_original_response(content="Thought it through.")

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.bot.seen.append(message.content)
        try:
            if message.guild is None:
                files = []
                if "attach" in message.content:
                    files = [discord.File(io.BytesIO(b"the answer"), "answer.txt")]
                await message.channel.send(f"You said: {message.content}", files=files)
            elif self.bot.user in message.mentions:
                embed = discord.Embed(title="Answer")
                await message.reply(f"Hello {message.author.mention}", embed=embed)
        except discord.HTTPException as error:
            self.bot.failures.append(error)
            self.bot.failed.set()


class AnsweringBot(commands.Bot):
    def __init__(self, intents: discord.Intents | None = None, **options: Any) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents or discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            # on_ready waits this long after the last GUILD_CREATE (default 2 s).
            guild_ready_timeout=0.05,
            **options,
        )
        self.seen: list[str] = []  # the content of every person's message that reached the bot
        self.clicks: list[str | None] = []
        self.failures: list[discord.HTTPException] = []
        self.failed = asyncio.Event()
        self.contexts: list[tuple[app_commands.AppCommandContext, discord.Permissions]] = []

    async def setup_hook(self) -> None:
        await self.add_cog(Answers(self))

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py sleeps 5 s before every IDENTIFY but a client's first.
        return

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: the cog answers messages.
        return


class ShardedAnsweringBot(AnsweringBot, commands.AutoShardedBot):
    pass


@pytest.fixture
def bot(standin: StandIn) -> AnsweringBot:
    return AnsweringBot()


# --- login, READY, commands ---------------------------------------------------------


async def test_login_ready_and_command_sync(standin: StandIn, bot: AnsweringBot) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        await bot.wait_until_ready()
        synced = await bot.tree.sync()

    assert [r.route for r in standin.requests] == [
        "/users/@me",
        "/oauth2/applications/@me",
        "/applications/{application_id}/commands",
    ]
    assert bot.user is not None
    assert bot.user.id == standin.world.bot.id
    assert bot.application_id == standin.world.bot.id
    assert {g.name for g in bot.guilds} == {"Newsroom", "Annex"}
    identify = standin.identifies[0]
    assert identify.token_valid
    assert identify.shard is None
    assert identify.intents == discord.Intents.default().value
    put = standin.requests_to("PUT", "/applications/{id}/commands")[0]
    assert [c["name"] for c in put.json] == ["ask", "slow"]
    assert "Authorization" not in put.headers
    assert [c.id for c in synced] == [int(c["id"]) for c in standin.commands()]


async def test_bad_token_fails_login(standin: StandIn, bot: AnsweringBot) -> None:
    async with asyncio.timeout(TIME_LIMIT):
        with pytest.raises(discord.LoginFailure):
            async with running(bot, standin, token="not-the-token"):
                pass
    assert [r.status for r in standin.requests] == [401]
    assert standin.identifies == []


async def test_injected_401_fails_login(standin: StandIn, bot: AnsweringBot) -> None:
    fault = standin.fail("GET", "/users/@me", status=401)
    async with asyncio.timeout(TIME_LIMIT):
        with pytest.raises(discord.LoginFailure):
            async with running(bot, standin):
                pass
    assert fault.spent


# --- interactions -------------------------------------------------------------------


async def test_slash_command_answered_with_embed_and_button(
    standin: StandIn, bot: AnsweringBot
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        await bot.tree.sync()
        asked = standin.slash_command("ask", {"question": "why did it close"})
        callback = await asked.wait_callback()

        assert callback.type == CallbackType.CHANNEL_MESSAGE
        assert callback.request.query["with_response"] == "1"
        assert callback.data is not None
        assert callback.data["embeds"][0]["description"] == "About: why did it close"
        assert callback.data["allowed_mentions"] == {"parse": []}
        answer = asked.original
        assert answer is not None
        assert answer.custom_ids == ["answer:more"]
        assert asked.latency is not None
        assert 0 <= asked.latency < 3

        # The View is tied to the message only if the callback named it.
        clicked = standin.click(answer, "answer:more")
        update = await clicked.wait_callback()

    assert update.type == CallbackType.UPDATE_MESSAGE
    assert bot.clicks == ["answer:more"]
    assert answer.content == "More detail."
    assert answer.components == []
    assert clicked.original is answer


@pytest.mark.parametrize(
    ("where", "installed", "context", "embeds"),
    [
        ("general", "guild", InteractionContext.GUILD, True),
        ("no-embeds", "guild", InteractionContext.GUILD, False),
        ("bot-dm", "guild", InteractionContext.BOT_DM, True),
        ("group-dm", "user", InteractionContext.PRIVATE_CHANNEL, True),
    ],
)
async def test_slash_command_contexts(
    standin: StandIn,
    bot: AnsweringBot,
    where: str,
    installed: Any,
    context: int,
    embeds: bool,
) -> None:
    world = standin.world
    reader = world.user("reader")
    if where == "bot-dm":
        channel = world.dm_channel(reader)
    elif where == "group-dm":
        channel = world.group_dm(reader, world.owner)
    else:
        channel = world.channel(where)
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        await bot.tree.sync()
        asked = standin.slash_command(
            "ask", {"question": "who"}, channel=channel, installed=installed
        )
        callback = await asked.wait_callback()

    assert asked.payload["context"] == context
    assert callback.data is not None
    assert bool(callback.data.get("embeds")) is embeds
    (seen_context, app_permissions), *_ = bot.contexts
    assert seen_context.guild is (context == InteractionContext.GUILD)
    assert seen_context.dm_channel is (context == InteractionContext.BOT_DM)
    assert seen_context.private_channel is (context == InteractionContext.PRIVATE_CHANNEL)
    assert app_permissions.embed_links is embeds


async def test_autocomplete_answered(standin: StandIn, bot: AnsweringBot) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        await bot.tree.sync()
        typing = standin.autocomplete("ask", {"question": "RE"}, focused="question")
        callback = await typing.wait_callback()

    assert typing.payload["data"]["options"] == [
        {"name": "question", "type": 3, "value": "RE", "focused": True}
    ]
    assert callback.type == CallbackType.AUTOCOMPLETE_RESULT
    assert callback.data == {
        "choices": [
            {"name": "When will it reopen?", "value": "When will it reopen?"},
            {"name": "Who is Ann Reyes?", "value": "Who is Ann Reyes?"},
        ]
    }


async def test_deferred_answer_with_followup_and_edit(standin: StandIn, bot: AnsweringBot) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        await bot.tree.sync()
        asked = standin.slash_command("slow")
        callback = await asked.wait_callback()
        followup = await asked.wait_followup()
        original = await asked.wait_original_edit()

    assert callback.type == CallbackType.DEFERRED_CHANNEL_MESSAGE
    assert followup.content == "Still thinking…"
    assert original.content == "Thought it through."
    assert not original.flags & MessageFlag.LOADING
    assert [r.route for r in standin.requests[-2:]] == [
        "/webhooks/{application_id}/{interaction_token}",
        "/webhooks/{application_id}/{interaction_token}/messages/{message_id}",
    ]


async def test_unregistered_or_unoffered_commands_are_refused(
    standin: StandIn, bot: AnsweringBot
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        await bot.tree.sync()
        with pytest.raises(ValueError, match="no /nope"):
            standin.slash_command("nope")
        with pytest.raises(ValueError, match="no option 'topic'"):
            standin.slash_command("ask", {"topic": "x"})
        with pytest.raises(ValueError, match="needs options"):
            standin.slash_command("ask")


async def test_guild_commands_dms_and_channels(standin: StandIn, bot: AnsweringBot) -> None:
    newsroom = standin.world.guild("Newsroom")
    reader = standin.world.user("reader")
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        assert bot.application_id is not None
        bot.tree.copy_global_to(guild=discord.Object(newsroom.id))
        await bot.tree.sync(guild=discord.Object(newsroom.id))
        remote = await bot.http.get_guild_commands(bot.application_id, newsroom.id)
        with pytest.raises(discord.Forbidden):  # a guild the bot is not in
            await bot.tree.sync(guild=discord.Object(1234))
        asked = standin.slash_command("ask", {"question": "who"})
        await asked.wait_callback()

        channel = await bot.fetch_channel(standin.world.channel("general").id)
        dm = await bot.create_dm(discord.Object(reader.id))
        sent = await dm.send("Hello from the bot")

    assert [c["name"] for c in remote] == ["ask", "slow"]
    assert asked.payload["data"]["guild_id"] == str(newsroom.id)
    assert isinstance(channel, discord.TextChannel)
    assert channel.name == "general"
    assert dm.id == standin.world.dm_channel(reader).id
    assert standin.bot_messages[-1].id == sent.id


@pytest.mark.parametrize("allowed", [True, False])
async def test_message_content_needs_the_privileged_intent(
    monkeypatch: pytest.MonkeyPatch, allowed: bool
) -> None:
    intents = discord.Intents.default()
    intents.message_content = allowed
    async with (
        asyncio.timeout(TIME_LIMIT),
        StandIn(privileged_intents=Intent.MESSAGE_CONTENT if allowed else 0) as standin,
    ):
        point_discord_at(standin, monkeypatch)
        bot = AnsweringBot(intents=intents)
        async with running(bot, standin):
            standin.message("just chatting")
            await standin.mention("hello").wait_reply()

    assert bot.seen == ["just chatting" if allowed else "", f"{standin.world.bot.mention} hello"]


async def test_privileged_intents_must_be_enabled(standin: StandIn) -> None:
    bot = AnsweringBot(intents=discord.Intents.all())
    async with asyncio.timeout(TIME_LIMIT):
        with pytest.raises(discord.PrivilegedIntentsRequired):
            async with running(bot, standin):
                pass
    assert standin.connections[0].close_code == CloseCode.DISALLOWED_INTENTS


# --- messages -----------------------------------------------------------------------


async def test_dm_answered_with_channel_send_and_a_file(
    standin: StandIn, bot: AnsweringBot
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        question = standin.dm_message("please attach it")
        reply = await question.wait_reply()
        # Discord sends the bot its own messages too; events arrive in order.
        await standin.dm_message("marker").wait_reply()
        cached = [m.id for m in bot.cached_messages if m.author == bot.user]

    assert reply.content == "You said: please attach it"
    assert reply.channel_id == standin.world.dm_channel(standin.world.user("reader")).id
    assert [a["filename"] for a in reply.attachments] == ["answer.txt"]
    assert reply.request is not None
    assert reply.request.json["content"] == "You said: please attach it"
    assert [(f.filename, f.data) for f in reply.request.files] == [("answer.txt", b"the answer")]
    assert question.latency is not None
    assert reply.id in cached


@pytest.mark.parametrize(("channel", "embeds"), [("general", 1), ("no-embeds", 0)])
async def test_guild_mention_answered_with_reply(
    standin: StandIn, bot: AnsweringBot, channel: str, embeds: int
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        question = standin.mention("when does it reopen?", channel=standin.world.channel(channel))
        reply = await question.wait_reply()

    reader = standin.world.user("reader")
    assert reply.reference_id == question.id
    assert reply.content == f"Hello {reader.mention}"
    assert reply.mentions == []  # allowed_mentions none: nobody pinged, not even the asker
    assert len(reply.embeds) == embeds  # Discord drops embeds without Embed Links


async def test_everyone_and_other_bots_are_not_answered(
    standin: StandIn, bot: AnsweringBot
) -> None:
    helper = standin.world.user("helper-bot")
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        everyone = standin.message("@everyone what happened?")
        from_bot = standin.mention("relay this", author=helper)
        # Events are handled in order, so once this is answered the others were seen.
        await standin.dm_message("marker").wait_reply()

    assert everyone.message.mention_everyone
    assert from_bot.message.mentions == [standin.world.bot.id]
    assert everyone.replies == from_bot.replies == []
    assert [m.content for m in standin.bot_messages] == ["You said: marker"]


# --- faults -------------------------------------------------------------------------


@pytest.mark.parametrize("is_global", [False, True])
async def test_rate_limited_send_is_retried(
    standin: StandIn, bot: AnsweringBot, is_global: bool
) -> None:
    fault = standin.fail(
        "POST", "/channels/{id}/messages", status=429, retry_after=0.2, is_global=is_global
    )
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        reply = await standin.dm_message("hello").wait_reply()

    first, second = standin.requests_to("POST", "/channels/{id}/messages")
    assert (first.status, first.fault, second.status) == (429, fault, 200)
    assert second.received_at - first.received_at >= 0.2
    assert reply.request is second
    assert fault.spent


async def test_server_error_is_retried(standin: StandIn, bot: AnsweringBot) -> None:
    standin.fail("POST", "/channels/{id}/messages", status=502)
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        reply = await standin.dm_message("hello").wait_reply(within=5)

    # discord.py waits 1 s before its first retry of a 500, 502, 504 or 524.
    assert [r.status for r in standin.requests_to("POST", "/channels/{id}/messages")] == [502, 200]
    assert reply.content == "You said: hello"


async def test_blocked_dm_raises_forbidden_50007(standin: StandIn, bot: AnsweringBot) -> None:
    standin.fail("POST", "/channels/{id}/messages", status=403, code=50007)
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        standin.dm_message("hello")
        await bot.failed.wait()

    assert [(e.status, e.code, e.text) for e in bot.failures] == [
        (403, 50007, "Cannot send messages to this user")
    ]
    assert standin.bot_messages == []


async def test_unserved_routes_answer_404_and_are_recorded(
    standin: StandIn, bot: AnsweringBot
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        with pytest.raises(discord.NotFound) as raised:
            await bot.http.request(discord.http.Route("GET", "/guilds/{guild_id}/bans", guild_id=1))

    assert raised.value.text == "404: Not Found"
    assert [r.path for r in standin.unknown_requests] == ["/guilds/1/bans"]
    standin.requests.clear()  # the fixture fails on unserved routes; this one was the point


async def test_discord_limits_are_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    async with asyncio.timeout(TIME_LIMIT), StandIn(interaction_deadline=0.0) as standin:
        point_discord_at(standin, monkeypatch)
        bot = AnsweringBot()
        async with running(bot, standin):
            await bot.tree.sync()
            late = standin.slash_command("ask", {"question": "too late"})
            answer = await standin.wait_for_request("POST", "/interactions/{id}/{token}/callback")
            dm = await bot.create_dm(discord.Object(standin.world.user("reader").id))
            with pytest.raises(discord.HTTPException) as too_long:
                await dm.send("x" * 2001)

    assert (answer.status, answer.json["type"]) == (404, CallbackType.CHANNEL_MESSAGE)
    assert late.callback is None
    assert (too_long.value.status, too_long.value.code) == (400, 50035)
    assert "content" in str(too_long.value)


# --- the gateway --------------------------------------------------------------------


async def test_dropped_socket_resumes_and_replays_the_outage(
    standin: StandIn, bot: AnsweringBot
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        session = standin.session()
        standin.drop_connections()
        question = standin.dm_message("asked during the outage")
        assert not question.delivered
        resumed = await standin.wait_for_resume()
        reply = await question.wait_reply()

    assert resumed is session
    assert question.delivered
    assert reply.content == "You said: asked during the outage"
    assert len(standin.identifies) == 1
    assert [c.closed_by for c in standin.connections[:1]] == ["dropped"]


@pytest.mark.parametrize(
    "disconnect",
    [
        pytest.param(lambda s: s.reconnect(), id="op7-reconnect"),
        pytest.param(lambda s: s.invalidate_session(resumable=True), id="op9-resumable"),
        pytest.param(lambda s: s.close_all(4000), id="close-4000"),
        pytest.param(lambda s: s.close_all(1001), id="close-1001"),
    ],
)
async def test_resumable_disconnects_resume(
    standin: StandIn, bot: AnsweringBot, disconnect: Any
) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        disconnect(standin)
        await standin.wait_for_resume()
        reply = await standin.dm_message("after the disconnect").wait_reply()

    assert reply.content == "You said: after the disconnect"
    assert len(standin.identifies) == 1
    assert standin.connections[0].closed_at is not None


async def test_invalid_session_makes_a_new_identify(standin: StandIn, bot: AnsweringBot) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        first = standin.session()
        standin.invalidate_session(resumable=False)
        lost = standin.dm_message("sent to the dead session")
        second = await standin.wait_for_ready(count=2)
        reply = await standin.dm_message("sent to the new session").wait_reply()

    assert second is not first
    assert second is standin.session()
    assert len(standin.identifies) == 2
    assert not lost.delivered
    assert lost.replies == []
    assert reply.content == "You said: sent to the new session"


async def test_close_code_4004_stops_the_client(standin: StandIn, bot: AnsweringBot) -> None:
    client = asyncio.create_task(bot.start(standin.token))
    try:
        async with asyncio.timeout(TIME_LIMIT):
            await standin.wait_for_ready()
            standin.close_all(CloseCode.AUTHENTICATION_FAILED)
            with pytest.raises(discord.ConnectionClosed) as raised:
                await client
    finally:
        await bot.close()

    assert raised.value.code == 4004


@pytest.mark.parametrize(
    ("identify", "close_code"),
    [
        ({"token": "wrong", "intents": 0}, CloseCode.AUTHENTICATION_FAILED),
        ({"intents": 0, "shard": [2, 2]}, CloseCode.INVALID_SHARD),
        ({"intents": 1 << 15}, CloseCode.DISALLOWED_INTENTS),
    ],
)
async def test_bad_identify_is_closed(
    standin: StandIn, identify: dict[str, Any], close_code: int
) -> None:
    payload = {"op": 2, "d": {"token": standin.token, "properties": {}, **identify}}
    async with (
        asyncio.timeout(TIME_LIMIT),
        aiohttp.ClientSession() as session,
        session.ws_connect(standin.gateway_url + "?v=10&encoding=json") as ws,
    ):
        hello = await ws.receive_json()
        await ws.send_json({"op": 1, "d": None})
        ack = await ws.receive_json()
        await ws.send_json(payload)
        closing = await ws.receive()

    assert hello["op"] == 10
    assert hello["d"]["heartbeat_interval"] == 1000
    assert ack["op"] == 11
    assert (closing.type, closing.data) == (aiohttp.WSMsgType.CLOSE, close_code)
    assert standin.sessions == []


@pytest.mark.parametrize("shard_count", [2, None])
async def test_two_shards_identify_and_split_the_guilds(
    monkeypatch: pytest.MonkeyPatch, shard_count: int | None
) -> None:
    async with (
        asyncio.timeout(TIME_LIMIT),
        StandIn(World.default(), recommended_shards=2) as standin,
    ):
        point_discord_at(standin, monkeypatch)
        bot = ShardedAnsweringBot(shard_count=shard_count)
        async with running(bot, standin, shards=(0, 1)):
            annex = standin.world.channel("lobby")
            in_annex = standin.mention("hello from shard 1", channel=annex)
            by_dm = standin.dm_message("hello from shard 0")
            await in_annex.wait_reply()
            await by_dm.wait_reply()

    assert sorted(i.shard for i in standin.identifies if i.shard) == [(0, 2), (1, 2)]
    assert (in_annex.session.shard_id, by_dm.session.shard_id) == (1, 0)
    newsroom, annex_guild = standin.world.guilds
    assert standin.session(0).guild_ids == [newsroom.id]
    assert standin.session(1).guild_ids == [annex_guild.id]
    asked_gateway = [r.path for r in standin.requests if r.path == "/gateway/bot"]
    assert asked_gateway == ([] if shard_count else ["/gateway/bot"])
    standin.assert_clean()


async def test_clean_close_is_seen(standin: StandIn, bot: AnsweringBot) -> None:
    async with asyncio.timeout(TIME_LIMIT), running(bot, standin):
        connection = standin.session().connection
        assert connection is not None
        await bot.close()
        code = await connection.wait_closed()

    assert connection.closed_by == "client"
    # Client.close() asks for 1000, but its reader task answers the close first
    # with 4000, so Discord would keep the session resumable.
    assert code in (1000, 4000)


# --- a subprocess -------------------------------------------------------------------


@pytest.mark.slow
async def test_launcher_runs_a_client_in_a_subprocess(standin: StandIn, tmp_path: Path) -> None:
    argv = launch_command(
        standin.api_url,
        standin.gateway_url,
        ["--prefix", "child says: "],
        module="tests.standin.echo_client",
    )
    env = {**os.environ, "DISCORD_TOKEN": standin.token}
    log = tmp_path / "child.log"
    with log.open("wb") as stderr:
        child = await asyncio.create_subprocess_exec(
            *argv, cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stderr=stderr
        )
        try:
            async with asyncio.timeout(TIME_LIMIT):
                await standin.wait_for_ready(within=TIME_LIMIT)
                reply = await standin.dm_message("hi").wait_reply()
                connection = standin.session().connection
                assert connection is not None
                child.send_signal(signal.SIGTERM)
                returncode = await child.wait()
                await connection.wait_closed()
        finally:
            if child.returncode is None:
                child.kill()
                await child.wait()

    assert returncode == 0, log.read_text()
    assert reply.content == "child says: hi"
    assert connection.closed_by == "client"


def test_the_demo_plays_a_reader_against_the_real_bot() -> None:
    """`make discord`: a DM, a follow-up, a click, a slash command and a mention."""
    lines = "who is talal selo\nwho is he\n1\n/ask where is the convoy going\n@ thanks!\n"
    done = subprocess.run(
        [sys.executable, "-m", "tests.standin.demo"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        env=clean_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    turns = done.stdout.split("\nyou> ")[1:]
    assert [turn.splitlines()[1] for turn in turns] == [
        "Who is Talal Selo?",
        "Who is Talal Selo?",  # "he" is the one the answer was about
        "What did Talal Selo say?",  # the first button of that answer
        "Where is the convoy going?",
        "You're welcome",
    ]
    assert "  [1] What did Talal Selo say?" in turns[0]
