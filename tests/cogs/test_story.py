"""/quotes finds the person a reader typed, with the lookup called directly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.cogs.story import speakers_named
from bot.knowledge import Quote, Speaker, Story


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


def with_speakers(story: Story, *names: str, quoted: bool = True) -> Story:
    """`story` with more people, keyed by first name, each quoted once unless not `quoted`."""
    added = {n.split()[0].casefold(): Speaker(n.split()[0].casefold(), n) for n in names}
    quotes = tuple(Quote(f"words of {s.name}", s, 1) for s in added.values())
    entry = replace(story.entries[0], id="more", quotes=quotes if quoted else ())
    return replace(story, speakers={**story.speakers, **added}, entries=(*story.entries, entry))


def test_a_whole_name_or_key_wins_over_a_shared_ending(mini_story: Story) -> None:
    story = with_speakers(mini_story, "Tom Reyes", "Jo Reyes", "Kim Lee", "Al Lee")
    assert [s.key for _, s in speakers_named([story], "reyes")] == ["reyes"]
    assert [s.key for _, s in speakers_named([story], "Jo Reyes")] == ["jo"]
    assert [s.key for _, s in speakers_named([story], "council")] == ["council"]
    assert [s.key for _, s in speakers_named([story], "lee")] == ["kim", "al"]
    assert speakers_named([story], "Ann") == []


def test_people_never_quoted_are_not_found(mini_story: Story) -> None:
    story = with_speakers(mini_story, "Kim Lee", quoted=False)
    assert speakers_named([story], "kim lee") == []


def test_several_stories_name_the_story_of_each_match(mini_story: Story) -> None:
    other = replace(mini_story, id="other-story", headline="Another storm")
    found = speakers_named([mini_story, other], "reyes")
    assert [(story.id, s.key) for story, s in found] == [
        ("harbour-storm", "reyes"),
        ("other-story", "reyes"),
    ]
