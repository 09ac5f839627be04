"""/quotes finds the person a reader typed, with the lookup called directly."""

from __future__ import annotations

import pytest

from bot.cogs.story import speakers_named
from bot.knowledge import Story, load_story
from tests.conftest import MINI, WriteStory


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("raqa-final-assault:dillon", ["dillon"]),  # what the autocomplete sends
        ("dillon", ["dillon"]),
        ("Dillon", ["dillon"]),
        ("Ryan  Dillon", ["dillon"]),
        ("colonel ryan dillon", ["dillon"]),
        ("TALAL SELO", ["selo"]),
        # Mostafa is Laila's last name and Bali's first: only the last name counts.
        ("Mostafa", ["laila"]),
        ("mostafa bali", ["bali"]),
        ("ryan", []),
        ("", []),
        ("@everyone", []),
        ("other-story:dillon", []),
    ],
)
def test_a_typed_name_finds_the_person_quoted(
    shipped_story: Story, typed: str, keys: list[str]
) -> None:
    found = speakers_named([shipped_story], typed)
    assert [speaker.key for _, speaker in found] == keys
    assert all(story is shipped_story for story, _ in found)


def test_a_whole_name_or_key_wins_over_a_shared_ending(write_story: WriteStory) -> None:
    toml = MINI.replace(
        "[speakers.council]",
        '[speakers.tom]\nname = "Tom Reyes"\n\n[speakers.jo]\nname = "Jo Reyes"\n\n'
        '[speakers.kim]\nname = "Kim Lee"\n\n[speakers.al]\nname = "Al Lee"\n\n'
        "[speakers.council]",
    )
    story = load_story(write_story(toml))
    assert [s.key for _, s in speakers_named([story], "reyes")] == ["reyes"]
    assert [s.key for _, s in speakers_named([story], "Jo Reyes")] == ["jo"]
    assert [s.key for _, s in speakers_named([story], "council")] == ["council"]
    assert [s.key for _, s in speakers_named([story], "lee")] == ["kim", "al"]
    assert speakers_named([story], "Ann") == []
