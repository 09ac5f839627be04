"""Broken knowledge files: each is refused by the loader, by `check`, at startup and on reload.

The corpus lives in tests/data/broken: each file is the conftest's mini story
with one thing broken (a few break more), next to the article files they
name. EXPECTED below says, for every file, each problem it must report: the
entry, the field and words of the message. A 50 MB article is written at test
time, never committed.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from bot.client import create_bot
from bot.config import Settings
from bot.engine import Engine
from bot.knowledge import MAX_ARTICLE_BYTES, KnowledgeError, Problem, load_story
from bot.replies import Answered
from bot.runner import reload_knowledge
from tests.conftest import ARTICLE, FAKE_TOKEN, MINI, ROOT, clean_env
from tests.standin import StandIn
from tests.standin.launch import command as launch_command

pytest_plugins = ["tests.standin.fixtures"]

CORPUS = ROOT / "tests" / "data" / "broken"
HUGE_ARTICLE_BYTES = 50_000_000


@dataclass(frozen=True)
class Expect:
    """One problem a broken file must report."""

    entry: str | None
    field: str | None
    message: str
    line: int | None = None


EXPECTED: dict[str, list[Expect]] = {
    # --- the file itself ---
    "toml-syntax.toml": [Expect(None, "[story] byline", "TOML syntax: Invalid value", line=4)],
    # Noticed on the next line: the key that left its array open is to blame.
    "toml-syntax-in-entry.toml": [
        Expect("boats", "alternates", "TOML syntax: Unclosed array", line=41)
    ],
    "duplicate-toml-key.toml": [
        Expect(None, "[story] byline", "TOML syntax: Cannot overwrite a value", line=5)
    ],
    "nul-in-toml.toml": [
        Expect(None, "[story] byline", "TOML syntax: Illegal character '\\x00'", line=4)
    ],
    "nested-too-deeply.toml": [Expect(None, None, "arrays or tables nested too deeply")],
    "knowledge-not-utf8.toml": [Expect(None, None, "not UTF-8 text (byte 80)", line=4)],
    "empty-file.toml": [Expect(None, "entries", "missing"), Expect(None, "story", "missing")],
    # --- tables and fields ---
    "missing-story-table.toml": [Expect(None, "story", "missing")],
    "missing-story-field.toml": [Expect(None, "[story] byline", "missing")],
    "unknown-story-field.toml": [Expect(None, "[story] language", "unknown key")],
    "unknown-top-level-table.toml": [Expect(None, "extras", "unknown key")],
    "missing-speaker-field.toml": [Expect(None, "[speakers.reyes] name", "missing")],
    "unknown-speaker-field.toml": [Expect(None, "[speakers.reyes] age", "unknown key")],
    "speaker-not-a-table.toml": [
        Expect(None, "[speakers.council]", "must be a table with name and role"),
        Expect("boats", "quotes[0].speaker", "unknown speaker 'council' (known: reyes)"),
    ],
    "entries-empty-list.toml": [
        Expect(None, "entries", "must hold at least one [[entries]] table")
    ],
    "missing-entry-field.toml": [Expect("boats", "answer", "missing")],
    "unknown-entry-field.toml": [Expect("boats", "colour", "unknown key")],
    "missing-quote-field.toml": [Expect("repairs", "quotes[0].text", "missing")],
    "unknown-quote-field.toml": [Expect("repairs", "quotes[0].page", "unknown key")],
    # --- wrong types and values ---
    "number-for-text.toml": [Expect("boats", "question", "must be a string, not a number")],
    "true-for-text.toml": [Expect(None, "[story] byline", "must be a string, not true/false")],
    "table-for-list.toml": [
        Expect("repairs", "alternates", "must be a list of strings, not a table")
    ],
    "string-for-list.toml": [
        Expect("closure", "related", "must be a list of strings, not a string")
    ],
    "quote-not-a-table.toml": [
        Expect("repairs", "quotes[0]", "must be a table { text = ..., speaker = ... }")
    ],
    "alternates-empty.toml": [Expect("repairs", "alternates", "must list at least one alternate")],
    "entry-id-not-a-slug.toml": [
        Expect("Boats!", "id", "must be lowercase letters, digits and hyphens")
    ],
    "question-too-long.toml": [Expect("boats", "question", "is 136 characters; at most 100")],
    # --- ids and references ---
    "duplicate-entry-id.toml": [
        Expect("boats", "id", "duplicate entry id: [[entries]] #4 has the id of #3"),
        # The second "boats" was "repairs", which "reopening" relates to.
        Expect("reopening", "related[0]", "no entry has id 'repairs'"),
    ],
    "unknown-related-id.toml": [Expect("closure", "related[0]", "no entry has id 'weather'")],
    "related-to-itself.toml": [Expect("closure", "related[0]", "cannot relate to itself")],
    "related-listed-twice.toml": [Expect("closure", "related[2]", "'reopening' is listed twice")],
    "featured-unknown-id.toml": [Expect(None, "[story] featured[1]", "no entry has id 'weather'")],
    "unknown-speaker.toml": [
        Expect("repairs", "quotes[0].speaker", "unknown speaker 'mayor' (known: council, reyes)")
    ],
    # --- quotes against the article ---
    "quote-not-in-article.toml": [
        Expect("repairs", "quotes[0].text", "not verbatim in the article: 'at least ten weeks'")
    ],
    "quote-across-paragraphs.toml": [
        Expect("repairs", "quotes[0].text", "not verbatim in the article")
    ],
    "empty-quote.toml": [Expect("repairs", "quotes[0].text", "must not be empty")],
    "quote-speaker-not-named.toml": [
        Expect(
            "closure",
            "quotes[0].speaker",
            "attributed to Ann Reyes, who is not named in paragraph 1 or the two before it",
        )
    ],
    # --- aliases and phrasings ---
    "alias-key-is-another-variant.toml": [
        Expect(None, "[aliases] harbour", "'port' is a canonical term and also a variant")
    ],
    "alias-variant-under-two-keys.toml": [
        Expect(None, "[aliases] dock[1]", "variant 'port' is also a variant of 'harbour'")
    ],
    "alias-is-a-stopword.toml": [
        Expect(None, "[aliases] the", "'the' is a common word that matching ignores")
    ],
    "phrasing-under-two-entries.toml": [
        Expect(
            "boats",
            "alternates[2]",
            "'why is the harbor shut' reads the same as entry 'closure' alternates[0]",
        )
    ],
    # --- the article file ---
    "article-missing.toml": [
        Expect(None, "[story] article", "article file 'no-such-article.txt' not found")
    ],
    "article-empty.toml": [Expect(None, "[story] article", "empty.txt has no text")],
    "article-not-utf8.toml": [
        Expect(None, "[story] article", "cp1252.txt is not UTF-8 text (byte 121)")
    ],
    "article-is-a-device.toml": [
        Expect(None, "[story] article", "'/dev/zero' is not a regular file")
    ],
    # --- all at once ---
    "several-problems.toml": [
        Expect(None, "[story] byline", "must be a string, not a number"),
        Expect("repairs", "quotes[0].speaker", "unknown speaker 'mayor'"),
        Expect("reyes", "urgent", "unknown key"),
    ],
}
BROKEN = sorted(EXPECTED)


async def run_against(standin: StandIn, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    """`python -m bot run` pointed at the stand-in, to its end: exit code, stdout, stderr."""
    process = await asyncio.create_subprocess_exec(
        *launch_command(standin.api_url, standin.gateway_url, ["run"]),
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(60):
            out, err = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def assert_reports(problems: tuple[Problem, ...], path: Path, expected: list[Expect]) -> None:
    """Exactly the expected problems, in order, each naming file, entry and field."""
    got = [(p.entry, p.field, p.line) for p in problems]
    assert got == [(e.entry, e.field, e.line) for e in expected], problems
    for problem, expect in zip(problems, expected, strict=True):
        assert problem.path == path
        assert expect.message in problem.message, problem
        text = str(problem)
        assert text.startswith(str(path))
        if expect.entry is not None:
            assert f"entry {expect.entry!r}" in text
        if expect.field is not None:
            assert expect.field in text


def test_every_file_of_the_corpus_has_its_expectation() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.toml")) == BROKEN


@pytest.mark.parametrize("name", BROKEN)
def test_the_loader_refuses_each_broken_file(name: str) -> None:
    path = CORPUS / name
    with pytest.raises(KnowledgeError) as refused:
        load_story(path)
    assert_reports(refused.value.problems, path, EXPECTED[name])
    assert str(refused.value) == "\n".join(str(p) for p in refused.value.problems)


@pytest.mark.parametrize("name", BROKEN)
def test_check_exits_2_naming_each_problem(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no developer's .env
    monkeypatch.delenv("KNOWLEDGE", raising=False)
    path = CORPUS / name

    assert cli_main(["check", str(path)]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    count = len(EXPECTED[name])
    assert lines[0] == f"✗ {path}: {count} problem(s)"
    with pytest.raises(KnowledgeError) as refused:
        load_story(path)
    assert lines[1:] == [f"  {p}" for p in refused.value.problems]


def test_check_reports_every_broken_file_and_passes_the_sound_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    sound = tmp_path / "sound.toml"
    sound.write_text(MINI, encoding="utf-8")
    (tmp_path / "harbour.txt").write_text(ARTICLE, encoding="utf-8")

    assert cli_main(["check", str(sound), *(str(CORPUS / n) for n in BROKEN)]) == 2

    out, err = capsys.readouterr()
    assert out.startswith(f"✓ {sound}: harbour-storm: 5 entries")
    assert err.count("✗ ") == len(BROKEN)


@pytest.mark.parametrize(
    "name", ["toml-syntax.toml", "article-not-utf8.toml", "several-problems.toml"]
)
def test_check_as_a_process_exits_2_without_a_traceback(name: str, tmp_path: Path) -> None:
    path = CORPUS / name
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    for expect in EXPECTED[name]:
        assert expect.message in result.stderr
        if expect.field:
            assert expect.field in result.stderr


# --- a 50 MB article ----------------------------------------------------------------


@pytest.fixture(scope="module")
def huge_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound knowledge file whose article is 50 MB of real paragraphs."""
    folder = tmp_path_factory.mktemp("huge")
    paragraph = (ARTICLE.splitlines()[2] + "\n").encode()
    block = paragraph * (1_000_000 // len(paragraph))
    with (folder / "harbour.txt").open("wb") as article:
        article.write(ARTICLE.encode())
        while article.tell() + len(block) <= HUGE_ARTICLE_BYTES:
            article.write(block)
        article.write(block[: HUGE_ARTICLE_BYTES - article.tell()])
    path = folder / "story.toml"
    path.write_text(MINI, encoding="utf-8")
    assert (folder / "harbour.txt").stat().st_size == HUGE_ARTICLE_BYTES
    return path


def test_a_50_mb_article_is_refused_without_reading_it(huge_story: Path) -> None:
    with pytest.raises(KnowledgeError) as refused:
        load_story(huge_story)
    (problem,) = refused.value.problems
    assert (problem.entry, problem.field) == (None, "[story] article")
    assert problem.message == (
        f"harbour.txt is {HUGE_ARTICLE_BYTES:,} bytes; an article file may be at most "
        f"{MAX_ARTICLE_BYTES:,}"
    )


def test_check_of_a_50_mb_article_exits_2(
    huge_story: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(huge_story.parent)
    assert cli_main(["check", str(huge_story)]) == 2
    assert "50,000,000 bytes; an article file may be at most" in capsys.readouterr().err


# --- startup -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["toml-syntax.toml", "quote-not-in-article.toml", "article-missing.toml"]
)
async def test_run_with_broken_knowledge_exits_2_before_connecting(
    standin: StandIn, tmp_path: Path, name: str
) -> None:
    path = CORPUS / name
    # The bot must stop before the token would ever be sent.
    env = clean_env(DISCORD_TOKEN=FAKE_TOKEN, KNOWLEDGE=str(path))

    returncode, stdout, stderr = await run_against(standin, env, tmp_path)

    assert returncode == 2
    assert stdout == ""
    with pytest.raises(KnowledgeError) as refused:
        load_story(path)
    assert stderr.splitlines() == [
        "storybot: the knowledge is not usable:",
        *(str(p) for p in refused.value.problems),
    ]
    assert standin.requests == []
    assert standin.connections == []


@pytest.mark.slow
async def test_run_with_a_50_mb_article_exits_2_before_connecting(
    standin: StandIn, huge_story: Path, tmp_path: Path
) -> None:
    env = clean_env(DISCORD_TOKEN=FAKE_TOKEN, KNOWLEDGE=str(huge_story))

    returncode, _, stderr = await run_against(standin, env, tmp_path)

    assert returncode == 2
    assert stderr.splitlines() == [
        "storybot: the knowledge is not usable:",
        f"{huge_story}, [story] article: harbour.txt is 50,000,000 bytes; "
        f"an article file may be at most {MAX_ARTICLE_BYTES:,}",
    ]
    assert standin.requests == []
    assert standin.connections == []


# --- reload --------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*BROKEN, "50 MB article"])
async def test_a_reload_with_a_broken_file_keeps_serving_the_old_knowledge(
    name: str, tmp_path: Path, huge_story: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = tmp_path / "story.toml"
    good.write_text(MINI, encoding="utf-8")
    (tmp_path / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    broken = huge_story if name == "50 MB article" else CORPUS / name
    bot = create_bot(Settings(knowledge=broken), Engine.from_path(good))
    before = bot.engine

    with pytest.raises(KnowledgeError):
        await bot.reload_knowledge()
    caplog.clear()
    await reload_knowledge(bot)  # as SIGHUP runs it: logged, not raised

    assert bot.engine is before
    reply = bot.engine.ask("when will the harbour reopen")
    assert isinstance(reply, Answered)
    assert reply.entry.id == "reopening"
    refused = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert refused
    for line in refused:
        assert line.startswith(f"reload refused, still serving the previous knowledge: {broken}")
    if name in EXPECTED:
        assert len(refused) == len(EXPECTED[name])
