"""The built engine kept between runs of the command line: used only when nothing
it was built from has changed, and never at the cost of a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot import engine_cache
from bot.engine import Engine, Thresholds
from bot.engine_cache import load_engine
from bot.evaluation import describe
from bot.knowledge import KnowledgeError
from bot.replies import Answered
from tests.conftest import ARTICLE, MINI, ROOT, SHIPPED, WriteStory
from tests.conftest import run_cli as run

DEFAULTS = Thresholds()


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The knowledge paths the engine was built from, in order: a run that reads a
    kept engine adds none."""
    paths: list[Path] = []
    build = Engine.from_path

    def counted(path: Path, thresholds: Thresholds | None = None) -> Engine:
        paths.append(path)
        return build(path, thresholds)

    monkeypatch.setattr(engine_cache.Engine, "from_path", counted)
    return paths


def test_a_kept_engine_answers_every_question_as_a_built_one(
    tmp_path: Path, built: list[Path], engine: Engine
) -> None:
    load_engine(SHIPPED, DEFAULTS, tmp_path)
    kept = load_engine(SHIPPED, DEFAULTS, tmp_path)
    assert built == [SHIPPED]
    with (ROOT / "tests" / "data" / "eval_dev.jsonl").open(encoding="utf-8") as cases:
        questions = [json.loads(line)["q"] for line in cases]
    assert [describe(kept.ask(q)) for q in questions] == [
        describe(engine.ask(q)) for q in questions
    ]


def test_it_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    load_engine(SHIPPED, DEFAULTS, tmp_path / "kept")
    (kept,) = (tmp_path / "kept").iterdir()
    assert (tmp_path / "kept").stat().st_mode & 0o777 == 0o700
    assert kept.stat().st_mode & 0o777 == 0o600


def test_an_edited_knowledge_file_is_read_again(
    write_story: WriteStory, tmp_path: Path, built: list[Path]
) -> None:
    path = write_story()
    kept = tmp_path / "kept"
    load_engine(path, DEFAULTS, kept)
    write_story(MINI.replace("A storm damaged the pier on Monday.", "High winds broke the pier."))
    engine = load_engine(path, DEFAULTS, kept)
    assert built == [path, path]
    reply = engine.ask("why was the harbour closed")
    assert isinstance(reply, Answered)
    assert reply.entry.answer == "High winds broke the pier."
    load_engine(path, DEFAULTS, kept)
    assert len(built) == 2, "the engine built from the edit is kept in place of the old one"
    assert len(list(kept.iterdir())) == 1


def test_an_article_that_no_longer_holds_a_quote_stops_the_run(
    write_story: WriteStory, tmp_path: Path
) -> None:
    path = write_story()
    load_engine(path, DEFAULTS, tmp_path / "kept")
    write_story(article=ARTICLE.replace("after a storm damaged the pier", "after a storm"))
    with pytest.raises(KnowledgeError, match="closed on Monday after a storm damaged the pier"):
        load_engine(path, DEFAULTS, tmp_path / "kept")


def test_edited_asked_questions_are_read_again(
    write_story: WriteStory, tmp_path: Path, built: list[Path]
) -> None:
    path = write_story(
        MINI.replace('article = "harbour.txt"', 'article = "harbour.txt"\nasked = "a.jsonl"')
    )
    asked = path.parent / "a.jsonl"
    asked.write_text('{"q": "is the port shut", "expect": "closure"}\n', encoding="utf-8")
    load_engine(path, DEFAULTS, tmp_path / "kept")
    asked.write_text('{"q": "is the port shut", "expect": "reopening"}\n', encoding="utf-8")
    engine = load_engine(path, DEFAULTS, tmp_path / "kept")
    assert [a.entry for a in engine.stories[0].asked] == ["reopening"]
    assert built == [path, path]


def test_a_story_added_to_the_folder_is_served(
    write_story: WriteStory, tmp_path: Path, built: list[Path]
) -> None:
    write_story(name="a.toml")
    load_engine(tmp_path, DEFAULTS, tmp_path / "kept")
    write_story(MINI.replace('id = "harbour-storm"', 'id = "harbour-storm-2"'), name="b.toml")
    engine = load_engine(tmp_path, DEFAULTS, tmp_path / "kept")
    assert [s.id for s in engine.stories] == ["harbour-storm", "harbour-storm-2"]
    assert len(built) == 2


def test_other_thresholds_are_kept_apart(
    write_story: WriteStory, tmp_path: Path, built: list[Path]
) -> None:
    path = write_story()
    strict = Thresholds(answer=90.0)
    for thresholds in (DEFAULTS, strict, DEFAULTS, strict):
        assert load_engine(path, thresholds, tmp_path / "kept").thresholds == thresholds
    assert len(built) == 2


def test_new_code_builds_it_again(
    write_story: WriteStory, tmp_path: Path, built: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_story()
    load_engine(path, DEFAULTS, tmp_path / "kept")
    monkeypatch.setattr(engine_cache, "_fingerprint", lambda: "other code")
    load_engine(path, DEFAULTS, tmp_path / "kept")
    assert len(built) == 2


@pytest.mark.parametrize("changed", ["engine.py", "english_words.txt", "referee.json"])
def test_the_code_is_its_modules_and_its_data(tmp_path: Path, changed: str) -> None:
    """A refitted referee or a new word list builds the engine again, as new code does."""
    for name in ("engine.py", "english_words.txt", "referee.json"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    before = engine_cache._fingerprint_of(tmp_path)
    (tmp_path / changed).write_text("changed", encoding="utf-8")
    assert engine_cache._fingerprint_of(tmp_path) != before


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_kept_file_is_built_again_and_replaced(
    write_story: WriteStory, tmp_path: Path, built: list[Path], damage: bytes
) -> None:
    path = write_story()
    load_engine(path, DEFAULTS, tmp_path / "kept")
    (kept,) = (tmp_path / "kept").iterdir()
    whole = kept.read_bytes()
    kept.write_bytes(damage or whole[: len(whole) // 2])
    engine = load_engine(path, DEFAULTS, tmp_path / "kept")
    assert engine.ask("why was the harbour closed").status == "answered"
    assert kept.read_bytes() == whole
    assert len(built) == 2


def test_a_folder_it_cannot_write_costs_only_the_time(
    write_story: WriteStory, tmp_path: Path, built: list[Path]
) -> None:
    path = write_story()
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    for _ in range(2):
        assert (
            load_engine(path, DEFAULTS, blocked / "kept").ask("storm damage").status == "answered"
        )
    assert len(built) == 2


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_file_another_user_left_is_never_read(
    write_story: WriteStory, tmp_path: Path, built: list[Path]
) -> None:
    path = write_story()
    load_engine(path, DEFAULTS, tmp_path / "kept")
    (kept,) = (tmp_path / "kept").iterdir()
    os.chown(kept, 12345, 12345)
    load_engine(path, DEFAULTS, tmp_path / "kept")
    assert len(built) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_a_broken_link_in_the_folder_is_reported_not_read(
    write_story: WriteStory, tmp_path: Path
) -> None:
    """The loader names both; keeping the engine must neither wait on the pipe
    forever nor stumble on the link first."""
    write_story()
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    result = run("ask", "--knowledge", str(tmp_path), "storm damage", env={"CACHE_DIR": "kept"})
    assert result.returncode == 2
    assert "pipe.toml: not a regular file" in result.stderr
    assert "gone.toml: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_folder_builds_every_time(write_story: WriteStory, built: list[Path]) -> None:
    path = write_story()
    load_engine(path, DEFAULTS, None)
    load_engine(path, DEFAULTS, None)
    assert len(built) == 2


def test_ask_keeps_the_engine_and_answers_alike_from_it(
    write_story: WriteStory, tmp_path: Path
) -> None:
    path = write_story()
    kept = tmp_path / "kept"
    ask = ("ask", "--knowledge", str(path), "when does the port open again")
    first = run(*ask, env={"CACHE_DIR": str(kept)})
    assert first.returncode == 0, first.stderr
    (file,) = kept.iterdir()
    written = file.stat().st_mtime_ns
    again = run(*ask, env={"CACHE_DIR": str(kept)})
    assert again.stdout == first.stdout
    assert file.stat().st_mtime_ns == written, "read back, not built and written again"
    off = run(*ask, env={"CACHE_DIR": "off", "HOME": str(tmp_path / "home")})
    assert off.stdout == first.stdout
    assert not (tmp_path / "home").exists()
