"""Scoring one story: what the index holds and how phrasings score."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate
from bot import matching
from bot.engine import MAX_CHOICES, clauses
from bot.knowledge import load_story
from bot.matching import StoryIndex
from tests.conftest import MINI, WriteStory


def test_phrasings_that_read_the_same_are_indexed_once(write_story: WriteStory) -> None:
    doubled = MINI.replace(
        '"pier repair time", "how long to fix the pier"',
        '"pier repair time", "how long to fix the pier", "Pier repairs: time?", "two weeks",'
        ' "2 weeks"',
    )
    plain, more = (
        StoryIndex(load_story(write_story(t, name=f"{i}.toml")))
        for i, t in enumerate((MINI, doubled))
    )
    # "Pier repairs: time?" reads as "pier repair time"; "two weeks" as "2 weeks".
    assert len(more._phrasings) == len(plain._phrasings) + 1
    for question in ("pier repair time", "how long will repairs take", "2 weeks"):
        scored = more.rank(more.read(question))
        assert scored[0][0].id == "repairs"
    assert (
        more.rank(more.read("pier repair time"))[0][1]
        == (plain.rank(plain.read("pier repair time"))[0][1])
    )


def test_a_common_word_is_scored_only_as_far_as_the_best_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pruning a common word's phrasings by their upper bound changes no top 25."""
    generated = generate(tmp_path, 400, questions=400)
    monkeypatch.setattr(matching, "CANDIDATE_POSTINGS", 60)
    index = StoryIndex(load_story(generated.path))
    assert index._common
    pruned = 0
    for question in generated.questions:
        for text in (question, *clauses(question)):
            analysis = index.read(text)
            every, best = index.scores(analysis), index.scores(analysis, MAX_CHOICES)
            pruned += len(best) < len(every)
            assert index.top(best, MAX_CHOICES) == index.top(every, MAX_CHOICES), text
    # Enough of them went the short way for the comparison to mean something.
    assert pruned >= 30
