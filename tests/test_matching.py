"""Scoring one story: what the index holds and how phrasings score."""

from __future__ import annotations

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
