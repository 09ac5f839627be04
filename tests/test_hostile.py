"""Hostile questions: whatever people paste is answered within Discord's limits, pinging no one.

Hypothesis generates the questions: any text at all, and texts assembled from
the things people really paste (mentions, markdown, code fences, invite links,
control characters, direction and zero-width marks, combining-mark floods,
emoji) mixed with words of the story, so that answers, choices and every kind
of decline are all reached. Very long inputs are fixed examples rather than
generated ones, to keep the file fast. Runs are derandomized and keep no
example database, so CI sees the same examples every time.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any, cast

import discord
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.cli import main as cli_main
from bot.client import StoryBot
from bot.cogs.ask import Ask
from bot.cogs.story import StoryInfo
from bot.config import Cooldown, Settings
from bot.engine import MAX_QUESTION_CHARS, Engine
from bot.messages import AskButton, Outgoing
from bot.misses import append_miss, miss_record, read_misses
from bot.rendering import LIMITS, choice_name, escape, render_reply, repeatable
from bot.replies import Ambiguous, Answered, Declined, DeclineReason, Reply, reply_to_json
from tests.conftest import SHIPPED, clean_env
from tests.fakes import FakeInteraction, FakeUser

# Few examples per property and no deadline: the whole file takes seconds, and a
# slow CI machine never turns into a flaky failure.
HOSTILE = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# What people paste, one piece at a time.
PASTED = (
    "@everyone",
    "@here",
    "@everyone@here",
    "<@123>",
    "<@!123>",
    "<@&456>",
    "<#1>",
    "<@1234567890123456789>",
    "<@&1234567890123456789>",
    "<:pepe:123456789012345678>",
    "<t:0:R>",
    "`",
    "``",
    "```",
    "```py\nprint('hi')\n```",
    "`code`",
    "**bold**",
    "*",
    "__",
    "_",
    "~~gone~~",
    "||spoiler||",
    "> quoted",
    "# Heading",
    "-# small",
    "- item",
    "1. item",
    "[click](https://evil.example/x)",
    "https://discord.gg/abcdef",
    "discord.gg/abcdef",
    "<https://example.com>",
    "\\",
    "\\@everyone",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\u202e",  # right-to-left override
    "\u202d",
    "\u2066",
    "\u200f",  # right-to-left mark
    "\u200b",  # zero width space
    "\u200d",  # zero width joiner
    "\ufeff",
    "\u0301" * 40,  # a combining-mark flood
    "Z\u0351\u0307\u0363\u0352\u036b\u0308\u0346\u0300a\u0310\u0308lgo",
    "🔥",
    "👨\u200d👩\u200d👧\u200d👦",
    "🇸🇾",
    "ﷺ",
    "الرقة",
    "\uff32\uff41\uff51\uff41",  # "Raqa" in full-width letters
    "\uff20everyone",  # a full-width at sign
    "Raqa",
    "RAQA",
    "r a q a",
    "how many",
    "fighters",
    "SDF",
    "who is",
    "when",
    "convoy",
    "kitten",
    "pizza",
    "?",
    "!!!",
)
JOINERS = ("", " ", "\n", "\u200b")


def _pasted() -> st.SearchStrategy[str]:
    pieces = st.lists(
        st.one_of(st.sampled_from(PASTED), st.text(max_size=12)), min_size=0, max_size=12
    )
    return st.tuples(st.sampled_from(JOINERS), pieces).map(lambda jp: jp[0].join(jp[1]))


ANY_TEXT = st.text(max_size=400)
# Lone surrogates too: JSON from Discord can carry them.
ANY_CODEPOINT = st.text(st.characters(exclude_categories=()), max_size=200)
QUESTIONS = st.one_of(ANY_TEXT, ANY_CODEPOINT, _pasted())

# Inputs too long for hypothesis to build quickly; each is checked as an example.
LONG = {
    "100 000 letters": "a" * 100_000,
    "100 000 characters of story words": ("how many fighters left raqa " * 3572)[:100_000],
    "a combining-mark flood": "e" + "\u0301" * 100_000,
    "zalgo on a real question": "".join(c + "\u0336\u0353" * 20 for c in "who is talal selo"),
    "100 000 NUL": "\x00" * 100_000,
    "control characters": "".join(map(chr, range(32))) * 3000,
    "emoji": "🔥👨\u200d👩\u200d👧" * 20_000,
    "mentions": "@everyone <@123> <@&456> " * 4000,
    "code fences": "```\n" * 25_000,
    "right-to-left override": "\u202e" + "who is talal selo " * 5000,
    "whitespace": " \t\n\u3000\u00a0" * 20_000,
}

# Anything of these in a reply came from the question: the curated story holds none.
ECHO_MARKERS = (
    "@everyone",
    "@here",
    "<@",
    "<#",
    "<t:",
    "```",
    "||",
    "~~",
    "discord.gg",
    "://",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200f",
    "\ufeff",
)
PING = re.compile(r"(?<!\\)@(everyone|here)|<@[!&]?\d+>")
INVITE = re.compile(r"discord(app)?\.(gg|com)/", re.IGNORECASE)
BUTTON_ID = re.compile(r"storybot:ask:[a-z0-9-]+:[a-z0-9-]+")
_MARKDOWN_CHARS = "*_~|`"


# --- checks --------------------------------------------------------------------------


def as_sent(message: Outgoing) -> dict[str, Any]:
    """A message as the keywords of its send, as the fakes record them."""
    return {
        "content": message.content,
        "embed": message.embed,
        "view": message.view,
        "allowed_mentions": message.allowed_mentions,
    }


def shown_texts(kwargs: dict[str, Any]) -> list[str]:
    """Every piece of text a message shows: content, embed parts, button labels."""
    texts = [kwargs.get("content") or ""]
    embed = kwargs.get("embed")
    if isinstance(embed, discord.Embed):
        texts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        texts += [f"{field.name}{field.value}" for field in embed.fields]
    view = kwargs.get("view")
    if isinstance(view, discord.ui.View):
        texts += [item.item.label or "" for item in view.children if isinstance(item, AskButton)]
        assert all(isinstance(item, AskButton) for item in view.children)
    return texts


def assert_fits_discord(kwargs: dict[str, Any]) -> None:
    assert cast(discord.AllowedMentions, kwargs["allowed_mentions"]).to_dict() == {"parse": []}
    assert len(kwargs.get("content") or "") <= LIMITS.content
    embed = kwargs.get("embed")
    if isinstance(embed, discord.Embed):
        assert len(embed.title or "") <= LIMITS.title
        assert len(embed.description or "") <= LIMITS.description
        assert len(embed.footer.text or "") <= LIMITS.footer
        assert not embed.fields
        assert len(embed) <= LIMITS.embed_total
        embed.to_dict()
    view = kwargs.get("view")
    if isinstance(view, discord.ui.View):
        assert 1 <= len(view.children) <= LIMITS.buttons
        for item in view.children:
            assert isinstance(item, AskButton)
            assert 1 <= len(item.item.label or "") <= LIMITS.button_label
            custom_id = item.item.custom_id or ""
            assert len(custom_id) <= 100
            assert BUTTON_ID.fullmatch(custom_id), custom_id
        ids = [item.item.custom_id for item in view.children if isinstance(item, AskButton)]
        assert len(set(ids)) == len(ids), "Discord refuses a message with a custom id twice"
        view.to_components()


def assert_echoes_nothing(kwargs: dict[str, Any]) -> None:
    """Nothing shown pings, and nothing of the question survives unescaped."""
    for text in shown_texts(kwargs):
        assert not PING.search(text), text
        for marker in ECHO_MARKERS:
            assert marker not in text, (marker, text)
        for char in text:
            # No control character but the line breaks the bot writes itself.
            assert char == "\n" or unicodedata.category(char) != "Cc", repr(text)


def assert_valid_reply(question: str, reply: Reply, engine: Engine) -> None:
    assert isinstance(reply, Answered | Ambiguous | Declined)
    assert reply.question == question[:MAX_QUESTION_CHARS]
    assert 0.0 <= reply.score <= 100.0
    if isinstance(reply, Answered):
        assert engine.story(reply.entry.story) is not None
    elif isinstance(reply, Ambiguous):
        assert 2 <= len(reply.candidates) <= 3
    else:
        assert len(reply.suggestions) <= 3
        if reply.reason is DeclineReason.EMPTY:
            assert not reply.missing
    json.dumps(reply_to_json(reply))


def assert_safe_reply(question: str, reply: Reply, engine: Engine) -> None:
    assert_valid_reply(question, reply, engine)
    rendered = render_reply(reply, engine)
    for embeds in (True, False):
        kwargs = as_sent(Outgoing.of(rendered, embeds=embeds))
        assert_fits_discord(kwargs)
        assert_echoes_nothing(kwargs)
    if isinstance(reply, Declined) and reply.reason is DeclineReason.NOT_COVERED:
        # The words echoed back are the question's own, escaped (and never abuse).
        for word in repeatable(reply)[:3]:
            assert escape(word, 40) in (rendered.embed.description or "")


# --- the engine and its rendering ---------------------------------------------------------


def test_the_curated_story_shows_none_of_the_echo_markers(engine: Engine) -> None:
    """The markers below can only come from a question (else the checks would be void)."""
    for entry in engine.featured_entries():
        reply = engine.answer_entry(entry.story, entry.id)
        assert reply is not None
        for embeds in (True, False):
            kwargs = as_sent(Outgoing.of(render_reply(reply, engine), embeds=embeds))
            for text in shown_texts(kwargs):
                assert not [m for m in ECHO_MARKERS if m in text], text


@HOSTILE
@given(question=QUESTIONS)
@example(question="")
@example(question="   \t\n ")
@example(question="@everyone how many fighters left raqa")
@example(question="<@123> <@!123> <@&456> <#1> who is talal selo")
@example(question="```\n@everyone\n``` what about the pizza in raqa")
@example(question="what about **kitten** __pizza__ ~~raqa~~")
def test_any_question_gets_a_reply_that_fits_and_pings_no_one(
    engine: Engine, question: str
) -> None:
    assert_safe_reply(question, engine.ask(question), engine)


@pytest.mark.parametrize("name", list(LONG))
def test_very_long_inputs_are_answered_within_limits(engine: Engine, name: str) -> None:
    question = LONG[name]
    assert_safe_reply(question, engine.ask(question), engine)
    assert len(engine.complete(question, limit=LIMITS.choices)) <= LIMITS.choices


def test_every_kind_of_reply_is_reached_by_the_hostile_questions(engine: Engine) -> None:
    """Hostile text around a real question still answers; around nothing, declines."""
    assert isinstance(engine.ask("@everyone **how many IS fighters left Raqa?**"), Answered)
    assert isinstance(engine.ask("\u202ewho is talal selo\u202c 🔥"), Answered)
    declined = engine.ask("```py\nprint('hi')\n```")
    assert isinstance(declined, Declined)
    assert declined.reason is DeclineReason.OFF_TOPIC
    empty = engine.ask("🔥 \u200b\u0301 <#> ```")
    assert isinstance(empty, Declined)
    assert empty.reason is DeclineReason.EMPTY


@HOSTILE
@given(words=st.lists(st.one_of(st.sampled_from(PASTED), ANY_CODEPOINT), max_size=5))
@example(words=["a*", "*b"])
@example(words=["https://x.example/**bold**", "discord.gg/abc"])
def test_echoed_words_are_escaped_whatever_they_hold(engine: Engine, words: list[str]) -> None:
    """A decline that quotes the question's words back cannot be made to ping or format.

    The engine only echoes plain words; this holds for any text in their place.
    """
    reply = Declined("q", DeclineReason.NOT_COVERED, (), tuple(words))
    kwargs = as_sent(Outgoing.of(render_reply(reply, engine), embeds=False))
    assert_fits_discord(kwargs)
    for word in repeatable(reply)[:3]:
        assert escape(word, 40) in kwargs["content"]


@HOSTILE
@given(text=st.one_of(ANY_CODEPOINT, _pasted()), limit=st.integers(1, 300))
@example(text="a*b c*d", limit=200)
@example(text="see https://x.example/**bold** __now__", limit=200)
@example(text="[click](https://evil.example)", limit=200)
@example(text="join discord.gg/abc or DISCORDAPP.com/invite/abc", limit=200)
@example(text="\\@everyone <@!123> <@&4>", limit=200)
def test_escape_leaves_no_markdown_mention_link_or_line_break(text: str, limit: int) -> None:
    escaped = escape(text, limit)
    assert "\n" not in escaped
    assert not PING.search(escaped)
    assert "://" not in escaped
    assert not INVITE.search(escaped)
    for i, char in enumerate(escaped):
        if char in _MARKDOWN_CHARS or (char == "[" and "](" in escaped[i:]):
            backslashes = len(escaped[:i]) - len(escaped[:i].rstrip("\\"))
            assert backslashes % 2 == 1, (text, escaped)


# --- autocomplete ---------------------------------------------------------------------


@HOSTILE
@given(typed=QUESTIONS)
@example(typed="")
@example(typed="@everyone")
@example(typed="a" * 100_000)
def test_autocomplete_offers_at_most_25_short_choices(engine: Engine, typed: str) -> None:
    entries = engine.complete(typed, limit=LIMITS.choices)
    assert len(entries) <= LIMITS.choices
    names = [choice_name(e.question) for e in entries]
    for name in names:
        assert 1 <= len(name) <= LIMITS.choice_name
        assert not PING.search(name)


@pytest.fixture(scope="module")
def bot(engine: Engine) -> StoryBot:
    # A cooldown nobody reaches: every generated question must be answered.
    return StoryBot(Settings(cooldown=Cooldown(rate=1_000_000, seconds=1.0)), engine)


def choices_fit(choices: list[discord.app_commands.Choice[str]]) -> None:
    assert len(choices) <= LIMITS.choices
    assert len({c.name for c in choices}) == len(choices)
    for choice in choices:
        assert 1 <= len(choice.name) <= LIMITS.choice_name
        assert 1 <= len(str(choice.value)) <= LIMITS.choice_name
        assert not PING.search(choice.name)
        choice.to_dict()


@HOSTILE
@given(typed=QUESTIONS)
def test_every_autocomplete_handler_fits_discord(bot: StoryBot, typed: str) -> None:
    """/ask question, /story story and /quotes speaker, as typed by anyone."""
    ask, story = Ask(bot), StoryInfo(bot)
    interaction = cast(Any, FakeInteraction(bot, type=discord.InteractionType.autocomplete))

    async def offered() -> None:
        choices_fit(await ask.ask_autocomplete(interaction, typed))
        choices_fit(await story.story_autocomplete(interaction, typed))
        choices_fit(await story.speaker_autocomplete(interaction, typed))

    asyncio.run(offered())


# --- the commands, as Discord calls them ----------------------------------------------------


@HOSTILE
@given(question=QUESTIONS, embeds=st.booleans())
def test_slash_commands_answer_hostile_arguments_once(
    bot: StoryBot, question: str, embeds: bool
) -> None:
    """/ask, /story and /quotes each send exactly one message that fits and pings no one."""
    ask, story = Ask(bot), StoryInfo(bot)
    permissions = discord.Permissions(send_messages=True, embed_links=embeds)

    def interaction() -> FakeInteraction:
        return FakeInteraction(bot, user=FakeUser(id=7), app_permissions=permissions)

    async def run() -> list[FakeInteraction]:
        calls = [interaction() for _ in range(3)]
        await ask.ask.callback(ask, cast(Any, calls[0]), question)
        await story.story.callback(story, cast(Any, calls[1]), question)
        await story.quotes.callback(story, cast(Any, calls[2]), question)
        return calls

    for call in asyncio.run(run()):
        sent = call.reply()
        kwargs = {"content": sent.content, **sent.kwargs}
        if embeds and "embed" not in kwargs:
            assert sent.kwargs.get("ephemeral") is True  # "nobody by that name"
        assert_fits_discord(kwargs)
        assert_echoes_nothing(kwargs)


# --- the command line and the misses log --------------------------------------------


@settings(HOSTILE, max_examples=8)
@given(questions=st.lists(st.one_of(ANY_CODEPOINT, _pasted()), min_size=1, max_size=12))
def test_cli_ask_json_prints_one_object_per_hostile_question(
    questions: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    # An empty folder: no developer's .env is read.
    with (
        contextlib.chdir(tmp_path_factory.mktemp("cwd")),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        code = cli_main(["ask", "--json", "--knowledge", str(SHIPPED), "--", *questions])
    assert code == 0, stderr.getvalue()
    records = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [r["question"] for r in records] == [q[:MAX_QUESTION_CHARS] for q in questions]


def test_cli_ask_json_as_a_process_takes_anything(tmp_path: Path) -> None:
    """Bytes that are not UTF-8, NUL-free control characters and 100 000 characters."""
    questions = [
        b"who is talal selo \xff\xfe",
        "@everyone <@123> ```\x1b[31m \u202e raqa".encode(),
        b"x" * 100_000,
    ]
    for question in questions:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--json", "--knowledge", str(SHIPPED)],
            input=question + b"\n",
            capture_output=True,
            cwd=tmp_path,
            env=clean_env(),
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
        assert json.loads(result.stdout)["status"] in {"answered", "ambiguous", "declined"}


@HOSTILE
@given(question=st.one_of(ANY_CODEPOINT, _pasted()))
@example(question="kitten \ud800 in raqa")
def test_the_misses_log_keeps_any_question(
    engine: Engine, question: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    reply = engine.ask(question)
    path = tmp_path_factory.mktemp("misses") / "misses.jsonl"
    append_miss(path, reply)
    if miss_record(reply) is None:  # answered, or "hi": no question to curate
        assert not path.exists()
        return
    with path.open(encoding="utf-8") as file:
        misses = list(read_misses(file))
    assert len(misses) == 1
