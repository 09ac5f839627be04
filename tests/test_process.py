"""`python -m bot` as a hosting platform runs it: a real process, real signals, the stand-in.

Each test starts the bot the way the Procfile does, with discord.py pointed at
the loopback stand-in by `tests.standin.launch`, in an empty working directory
(so no developer's `.env` leaks in) and with an environment holding only what
the test sets.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, FAKE_TOKEN, MINI, ROOT, clean_env
from tests.standin import StandIn, World
from tests.standin.launch import command as launch_command

pytest_plugins = ["tests.standin.fixtures"]
pytestmark = pytest.mark.slow

# Generous: a loaded CI machine starts Python and discord.py slowly. Only the
# shutdown bound is the issue's own (5 s).
TIME_LIMIT = 30.0
SHUTDOWN_LIMIT = 5.0


class Worker:
    """A running bot process, its stderr collected line by line as it arrives."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self.stdout = b""
        self._changed = asyncio.Condition()
        self._ended = False
        self._readers = [
            asyncio.create_task(self._read_stderr()),
            asyncio.create_task(self._read_stdout()),
        ]

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            async with self._changed:
                self.lines.append(raw.decode(errors="replace").rstrip("\n"))
                self._changed.notify_all()
        async with self._changed:
            self._ended = True
            self._changed.notify_all()

    async def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        self.stdout = await self.process.stdout.read()

    async def wait_for_line(
        self, pattern: str, *, after: int = 0, within: float = TIME_LIMIT
    ) -> str:
        """The first stderr line from index `after` on that matches the regex `pattern`."""
        regex = re.compile(pattern)

        def found() -> str | None:
            return next((line for line in self.lines[after:] if regex.search(line)), None)

        try:
            async with asyncio.timeout(within), self._changed:
                await self._changed.wait_for(lambda: found() is not None or self._ended)
        except TimeoutError:
            raise AssertionError(f"no line matching {pattern!r}; log:\n{self.log}") from None
        line = found()
        if line is None:
            raise AssertionError(f"exited without a line matching {pattern!r}; log:\n{self.log}")
        return line

    async def signal(self, signum: int) -> tuple[int, float]:
        """Send `signum`; the exit code and the seconds it took to exit."""
        sent = time.monotonic()
        self.process.send_signal(signum)
        returncode = await self.wait(within=TIME_LIMIT)
        return returncode, time.monotonic() - sent

    async def wait(self, *, within: float = TIME_LIMIT) -> int:
        async with asyncio.timeout(within):
            returncode = await self.process.wait()
            await asyncio.gather(*self._readers)
        return returncode


@contextlib.asynccontextmanager
async def started(
    args: list[str], env: Mapping[str, str], cwd: Path, standin: StandIn | None = None
) -> AsyncIterator[Worker]:
    """`python -m bot ARGS` (against `standin` when given), killed if the test leaves it running."""
    if standin is None:
        argv = [sys.executable, "-m", "bot", *args]
    else:
        argv = launch_command(standin.api_url, standin.gateway_url, args)
    process = await asyncio.create_subprocess_exec(
        *argv,
        cwd=cwd,
        env=dict(env),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    worker = Worker(process)
    try:
        yield worker
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        for reader in worker._readers:
            reader.cancel()
        await asyncio.gather(*worker._readers, return_exceptions=True)


async def run_to_end(
    args: list[str], env: Mapping[str, str], cwd: Path, standin: StandIn | None = None
) -> tuple[int, str, str]:
    """Run `python -m bot ARGS` to its end: exit code, stdout, stderr."""
    async with started(args, env, cwd, standin) as worker:
        returncode = await worker.wait()
    return returncode, worker.stdout.decode(errors="replace"), worker.log


def assert_one_clean_line(stderr: str, *expected: str) -> None:
    """The last stderr line says what is wrong; nothing looks like a crash."""
    assert "Traceback" not in stderr, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("storybot: "), stderr
    for text in expected:
        assert text in last, stderr


# --- the command line --------------------------------------------------------------


async def test_run_without_a_token_stops_with_one_line(tmp_path: Path) -> None:
    returncode, stdout, stderr = await run_to_end(["run"], clean_env(), tmp_path)

    assert returncode == 2
    assert stdout == ""
    assert stderr.strip().splitlines() == [stderr.strip()]
    assert_one_clean_line(stderr, "DISCORD_TOKEN", "not set")


async def test_no_subcommand_prints_help(tmp_path: Path) -> None:
    returncode, stdout, stderr = await run_to_end([], clean_env(), tmp_path)

    assert returncode == 0
    assert stdout.startswith("usage: python -m bot")
    for command in ("ask", "check", "eval", "misses", "run", "sync"):
        assert re.search(rf"^\s+{command}\s", stdout, re.MULTILINE), command
    assert stderr == ""


def test_the_procfile_runs_the_worker() -> None:
    """What the platform runs must exist: the module, its `run` subcommand."""
    lines = (ROOT / "Procfile").read_text().strip().splitlines()
    assert lines == ["worker: python -m bot run"]


async def test_the_procfile_command_resolves(tmp_path: Path) -> None:
    process = (ROOT / "Procfile").read_text().strip().removeprefix("worker: ").split()
    assert process[:3] == ["python", "-m", "bot"]
    returncode, stdout, _ = await run_to_end([*process[3:], "--help"], clean_env(), tmp_path)

    assert returncode == 0
    assert stdout.startswith("usage: python -m bot run")


@pytest.mark.parametrize(
    "token",
    [
        FAKE_TOKEN.replace(".", "", 1),  # a dot lost while pasting
        FAKE_TOKEN[:-30],  # cut short
        "Bearer " + FAKE_TOKEN,  # the wrong prefix
        "3f9a7c1b2d8e4f60a5b7c9d1e3f5a7b9",  # the client secret instead of the token
    ],
)
async def test_a_malformed_token_is_refused_without_echoing_it(tmp_path: Path, token: str) -> None:
    returncode, stdout, stderr = await run_to_end(
        ["run"], clean_env(DISCORD_TOKEN=token, LOG_LEVEL="DEBUG"), tmp_path
    )

    assert returncode == 2
    assert_one_clean_line(stderr, "DISCORD_TOKEN", "does not look like one")
    for part in {token, *token.split("."), *token.split()} - {"Bearer"}:
        if len(part) >= 8:
            assert part not in stdout + stderr


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("KNOWLEDGE", "nowhere/at-all", "no knowledge file or folder at nowhere/at-all"),
        ("SHARD_COUNT", "two", "a whole number"),
        ("COOLDOWN", "fast", "like 5/10"),
        # Found at startup, not at the first miss, after which every one is lost.
        ("MISSES_LOG", "no/such/folder/misses.jsonl", "cannot write no/such/folder/misses.jsonl"),
    ],
)
async def test_a_bad_setting_stops_run_before_connecting(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    env = clean_env(DISCORD_TOKEN=FAKE_TOKEN, **{variable: value})
    returncode, _, stderr = await run_to_end(["run"], env, tmp_path)

    assert returncode == 2
    assert_one_clean_line(stderr, f"storybot: {variable}: ", expected)
    assert FAKE_TOKEN not in stderr


async def test_dotenv_is_read_and_the_real_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=loud\nCOOLDOWN=3/5\n")

    from_dotenv = await run_to_end(["check"], clean_env(), tmp_path)
    overridden = await run_to_end(["check"], clean_env(LOG_LEVEL="warning"), tmp_path)

    assert from_dotenv[0] == 2
    assert_one_clean_line(from_dotenv[2], "LOG_LEVEL: expected one of")
    assert overridden[0] == 0, overridden[2]
    assert "raqa-final-assault" in overridden[1]


async def test_sync_registers_the_commands_and_says_which(standin: StandIn, tmp_path: Path) -> None:
    env = clean_env(DISCORD_TOKEN=standin.token)
    returncode, stdout, stderr = await run_to_end(["sync"], env, tmp_path, standin)

    assert returncode == 0, stderr
    assert stdout == "registered 4 commands globally: /ask, /story, /quotes, /help\n"
    assert sorted(c["name"] for c in standin.commands()) == ["ask", "help", "quotes", "story"]


async def test_sync_refused_by_discord_is_one_line(standin: StandIn, tmp_path: Path) -> None:
    standin.fail("PUT", "/applications/{id}/commands", status=400, code=50035)
    env = clean_env(DISCORD_TOKEN=standin.token)
    returncode, _, stderr = await run_to_end(["sync"], env, tmp_path, standin)

    assert returncode == 1
    assert_one_clean_line(stderr, "Discord answered 400: ")
    assert standin.token not in stderr


def run_without_discord(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` pointed at a port where nothing listens: a network outage."""
    closed = "http://127.0.0.1:9"  # the discard port
    return subprocess.run(
        launch_command(closed, "ws://127.0.0.1:9", args),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(DISCORD_TOKEN=FAKE_TOKEN),
        timeout=TIME_LIMIT,
        check=False,
    )


def test_sync_without_discord_is_one_line(tmp_path: Path) -> None:
    done = run_without_discord(["sync"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == "storybot: cannot reach Discord (ClientConnectorError)\n"


def test_no_way_to_reach_discord_stops_with_one_line(tmp_path: Path) -> None:
    """Discord unreachable at startup (a network outage): one log line, exit 1 to restart."""
    done = run_without_discord(["run"], tmp_path)

    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if " ERROR " in line]
    assert [e.split(" ERROR   ", 1)[1] for e in errors] == [
        "bot: cannot reach Discord to log in (ClientConnectorError); exiting"
    ]
    assert "Traceback" not in done.stderr
    assert FAKE_TOKEN not in done.stderr


# --- against the stand-in ----------------------------------------------------------


async def test_a_rejected_token_stops_with_one_line(standin: StandIn, tmp_path: Path) -> None:
    returncode, stdout, stderr = await run_to_end(
        ["run"], clean_env(DISCORD_TOKEN=FAKE_TOKEN), tmp_path, standin
    )

    assert returncode == 2
    assert_one_clean_line(stderr, "DISCORD_TOKEN", "401", "reset it")
    assert FAKE_TOKEN not in stdout + stderr
    assert [(r.route, r.status) for r in standin.requests] == [("/users/@me", 401)]
    assert standin.identifies == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_serves_then_stops_cleanly_on_a_signal(
    standin: StandIn, tmp_path: Path, signum: int
) -> None:
    env = clean_env(DISCORD_TOKEN=standin.token)
    async with started(["run"], env, tmp_path, standin) as worker:
        await standin.wait_for_ready(within=TIME_LIMIT)
        answered = await standin.dm_message("who is talal selo").wait_reply(within=TIME_LIMIT)
        declined = await standin.dm_message("is it raining in paris").wait_reply(within=TIME_LIMIT)
        answer_line = await worker.wait_for_line(r"answered via dm")
        decline_line = await worker.wait_for_line(r"declined \(\w+\) via dm")
        connection = standin.session().connection
        assert connection is not None
        returncode, seconds = await worker.signal(signum)
        await connection.wait_closed(within=TIME_LIMIT)

    log = worker.log
    assert returncode == 0, log
    assert seconds < SHUTDOWN_LIMIT
    assert connection.closed_by == "client"
    assert "stopping: closing the gateway connection and HTTP session" in log
    assert log.splitlines()[-1].endswith("bot: stopped"), log
    # An HTTP session left open would be reported as it is collected.
    assert "Unclosed" not in log
    assert "Traceback" not in log
    assert answered.embeds[0]["title"] == "Who is Talal Selo?"
    assert declined.author_id == standin.world.bot.id

    assert re.search(
        r"INFO .*: story raqa-final-assault loaded from .*: 50 entries, 8 speakers", log
    )
    invite = re.search(r"INFO .*: invite: (\S+)", log)
    assert invite is not None, log
    url = invite.group(1)
    assert f"client_id={standin.world.bot.id}" in url
    assert "scope=bot+applications.commands" in url
    # View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History.
    assert "permissions=274877991936" in url

    assert re.search(
        r"INFO .*: answered via dm: entry=talal-selo score=\d+ in [\d.]+ ms$", answer_line
    )
    assert re.search(r"entry=- score=\d+ in [\d.]+ ms$", decline_line)
    reader = standin.world.user("reader")
    private = [reader.username, reader.global_name or "", str(reader.id), str(answered.channel_id)]
    for line in (answer_line, decline_line):
        for secret in private:
            assert secret not in line
    assert "PyNaCl" not in log


@pytest.mark.parametrize(
    "moment",
    [
        "logging in using static token",  # before the first request
        "invite: ",  # logged after login, before commands sync and the gateway
    ],
)
async def test_a_signal_while_still_connecting_also_stops_cleanly(
    standin: StandIn, tmp_path: Path, moment: str
) -> None:
    env = clean_env(DISCORD_TOKEN=standin.token)
    async with started(["run"], env, tmp_path, standin) as worker:
        await worker.wait_for_line(re.escape(moment))
        returncode, seconds = await worker.signal(signal.SIGTERM)

    assert returncode == 0, worker.log
    assert seconds < SHUTDOWN_LIMIT
    assert "Traceback" not in worker.log, worker.log
    assert "Unclosed" not in worker.log, worker.log
    assert all(c.closed_by == "client" for c in standin.connections)


async def test_the_token_never_appears_even_at_debug(standin: StandIn, tmp_path: Path) -> None:
    env = clean_env(DISCORD_TOKEN=standin.token, LOG_LEVEL="DEBUG")
    async with started(["run"], env, tmp_path, standin) as worker:
        await standin.wait_for_ready(within=TIME_LIMIT)
        await standin.dm_message("who is talal selo").wait_reply(within=TIME_LIMIT)
        await worker.wait_for_line(r"answered via dm")
        asked = standin.slash_command("ask", {"question": "where is the convoy going"})
        await asked.wait_callback(within=TIME_LIMIT)
        await worker.wait_for_line(r"answered via slash")
        returncode, _ = await worker.signal(signal.SIGTERM)

    assert returncode == 0, worker.log
    assert " DEBUG " in worker.log
    assert "discord.gateway" in worker.log
    token = standin.token
    for text in (worker.log, worker.stdout.decode()):
        assert token not in text
        # The token's secret parts either; its first part is only the bot's id.
        for part in token.split(".")[1:]:
            assert part not in text
        # An interaction's token lets anyone answer as the bot for 15 minutes.
        assert asked.token not in text
        # What readers wrote stays out too: the log says what was answered, not asked.
        assert "talal selo" not in text.casefold()
        assert "convoy going" not in text


async def test_two_shards_in_one_process_both_identify(tmp_path: Path) -> None:
    async with StandIn(World.default(), recommended_shards=2) as standin:
        env = clean_env(DISCORD_TOKEN=standin.token, SHARD_COUNT="2", SHARD_IDS="0,1")
        async with started(["run"], env, tmp_path, standin) as worker:
            # discord.py waits 5 s between two IDENTIFYs, as Discord requires.
            await standin.wait_for_ready(0, within=TIME_LIMIT)
            await standin.wait_for_ready(1, within=TIME_LIMIT)
            annex = standin.world.channel("lobby")
            bot = standin.world.bot
            in_annex = standin.mention("who is talal selo", channel=annex)
            by_dm = standin.dm_message("who is talal selo")
            await in_annex.wait_reply(within=TIME_LIMIT)
            await by_dm.wait_reply(within=TIME_LIMIT)
            returncode, seconds = await worker.signal(signal.SIGTERM)
        standin.assert_clean()

    assert returncode == 0, worker.log
    assert seconds < SHUTDOWN_LIMIT
    assert sorted(i.shard for i in standin.identifies if i.shard) == [(0, 2), (1, 2)]
    assert (in_annex.session.shard_id, by_dm.session.shard_id) == (1, 0)
    assert all(c.closed_by == "client" for c in standin.connections)
    assert len(standin.requests_to("PUT", f"/applications/{bot.id}/commands")) == 1


async def test_a_process_without_shard_0_does_not_sync_commands(tmp_path: Path) -> None:
    async with StandIn(World.default(), recommended_shards=2) as standin:
        env = clean_env(DISCORD_TOKEN=standin.token, SHARD_COUNT="2", SHARD_IDS="1")
        async with started(["run"], env, tmp_path, standin) as worker:
            await standin.wait_for_ready(1, within=TIME_LIMIT)
            reply = await standin.mention(
                "who is talal selo", channel=standin.world.channel("lobby")
            ).wait_reply(within=TIME_LIMIT)
            returncode, _ = await worker.signal(signal.SIGTERM)
        standin.assert_clean()

    assert returncode == 0, worker.log
    assert reply.embeds[0]["title"] == "Who is Talal Selo?"
    assert [i.shard for i in standin.identifies] == [(1, 2)]
    assert not [r for r in standin.requests if "commands" in r.path]
    assert standin.commands() == []


async def test_sync_registers_the_commands_and_exits(standin: StandIn, tmp_path: Path) -> None:
    newsroom = standin.world.guild("Newsroom")
    env = clean_env(DISCORD_TOKEN=standin.token)
    in_server = await run_to_end(["sync", "--guild", str(newsroom.id)], env, tmp_path, standin)
    everywhere = await run_to_end(["sync"], env, tmp_path, standin)

    assert in_server[0] == 0, in_server[2]
    assert everywhere[0] == 0, everywhere[2]
    names = sorted(c["name"] for c in standin.commands())
    assert sorted(c["name"] for c in standin.commands(newsroom.id)) == names
    assert "ask" in names
    head, _, listed = in_server[1].strip().partition(": ")
    assert head == f"registered {len(names)} commands in server {newsroom.id}"
    assert sorted(listed.split(", ")) == ["/" + name for name in names]
    assert everywhere[1].startswith(f"registered {len(names)} commands globally: ")
    assert standin.identifies == []
    assert standin.token not in in_server[1] + in_server[2] + everywhere[1] + everywhere[2]


async def test_sync_with_a_rejected_token_stops_with_one_line(
    standin: StandIn, tmp_path: Path
) -> None:
    env = clean_env(DISCORD_TOKEN=FAKE_TOKEN)
    returncode, _, stderr = await run_to_end(["sync"], env, tmp_path, standin)

    assert returncode == 2
    assert_one_clean_line(stderr, "DISCORD_TOKEN", "401")
    assert standin.commands() == []


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_a_server_the_bot_is_not_in_stops_with_one_line(
    standin: StandIn, tmp_path: Path, command: str
) -> None:
    elsewhere = "123456789012345678"
    if command == "run":
        args, env = ["run"], clean_env(DISCORD_TOKEN=standin.token, DEV_GUILD_ID=elsewhere)
    else:
        args, env = ["sync", "--guild", elsewhere], clean_env(DISCORD_TOKEN=standin.token)
    returncode, _, stderr = await run_to_end(args, env, tmp_path, standin)

    assert returncode == 2
    variable = "DEV_GUILD_ID" if command == "run" else "--guild"
    assert_one_clean_line(stderr, f"storybot: {variable}: ", elsewhere, "Missing Access")
    assert standin.identifies == []


# --- SIGHUP ------------------------------------------------------------------------


def write_knowledge(folder: Path, toml: str) -> None:
    (folder / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "harbour.toml").write_text(textwrap.dedent(toml), encoding="utf-8")


async def ask_by_dm(standin: StandIn, question: str) -> str:
    reply = await standin.dm_message(question).wait_reply(within=TIME_LIMIT)
    return str(reply.embeds[0]["description"])


def test_a_sighup_before_the_event_loop_handles_it_does_not_end_the_worker(
    tmp_path: Path,
) -> None:
    """`systemctl reload` while the knowledge is still loading: SIGHUP's default action
    would end the process, and systemd does not restart one that a signal ended."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from bot import runner
        from bot.config import ConfigError, Settings

        def load(settings):
            os.kill(os.getpid(), signal.SIGHUP)
            raise ConfigError("KNOWLEDGE", "stopped here by the test")

        runner.load_engine = load
        try:
            runner.run_bot(Settings(token={FAKE_TOKEN!r}))
        except ConfigError:
            sys.exit(2)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, (done.returncode, done.stderr.decode())


async def test_sighup_reloads_good_knowledge_and_keeps_the_old_on_bad(
    standin: StandIn, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    write_knowledge(knowledge, MINI)
    old_answer = "A storm damaged the pier on Monday."
    new_answer = "The storm wrecked the pier on Monday night."
    assert old_answer in MINI
    env = clean_env(DISCORD_TOKEN=standin.token, KNOWLEDGE=str(knowledge))

    async with started(["run"], env, tmp_path, standin) as worker:
        await standin.wait_for_ready(within=TIME_LIMIT)
        before = await ask_by_dm(standin, "why was the harbour closed")

        write_knowledge(knowledge, MINI.replace(old_answer, new_answer))
        mark = len(worker.lines)
        worker.process.send_signal(signal.SIGHUP)
        reloaded = await worker.wait_for_line(r"reloaded|refused", after=mark)
        after_good = await ask_by_dm(standin, "why was the harbour closed")

        # Had any of it been taken, the closure's answer would change too.
        broken = MINI.replace(old_answer, "Broken.").replace(
            'answer = "About 40 fishing boats were moved to the river mooring."\n', ""
        )
        assert broken.count("answer = ") == MINI.count("answer = ") - 1
        write_knowledge(knowledge, broken)
        mark = len(worker.lines)
        worker.process.send_signal(signal.SIGHUP)
        refused = await worker.wait_for_line(r"reloaded|refused", after=mark)
        after_bad = await ask_by_dm(standin, "why was the harbour closed")
        returncode, _ = await worker.signal(signal.SIGTERM)

    assert returncode == 0, worker.log
    assert before.startswith(old_answer)
    assert "reloaded the knowledge: 5 entries" in reloaded
    assert after_good.startswith(new_answer)
    assert "ERROR" in refused
    assert "still serving the previous knowledge" in refused
    assert f"{knowledge / 'harbour.toml'}, entry 'boats', answer: missing" in refused
    assert after_bad.startswith(new_answer)
