"""The referee: its trees, its feature rows, and how the engine lets it judge."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from bot.engine import Engine, Thresholds
from bot.knowledge import load_story
from bot.referee import FEATURES, PLAIN, STEP, Signals, Trees, features, shipped
from bot.replies import Ambiguous, Answered, Declined
from tests.conftest import MINI, WriteStory
from tests.test_engine import gates_story

LISTED = '\n[unanswered]\nquestions = ["who owns the harbour", "how many boats sank"]\n'
CHOSEN = FEATURES.index("chosen")


class Stub:
    """A referee with fixed odds, which remembers the rows it was shown."""

    def __init__(self, odds: Sequence[float]) -> None:
        self.odds = list(odds)
        self.shown: list[list[list[float]]] = []

    def log_odds(self, rows: Sequence[Sequence[float]]) -> list[float]:
        self.shown.append([list(row) for row in rows])
        return self.odds[: len(rows)]


def engine(write_story: WriteStory, stub: Stub, *, listed: bool = True, **limits: float) -> Engine:
    story = load_story(write_story(MINI + LISTED if listed else MINI))
    return Engine([story], Thresholds(**limits), referee=stub)


def one_tree(threshold: float) -> dict[str, object]:
    """A stump on the first feature: -1 at or under `threshold`, +3 over it."""
    tree = {
        "feature": [0, -2, -2],
        "threshold": [threshold, -2.0, -2.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -1.0, 3.0],
    }
    return {"features": list(FEATURES), "init": 0.5, "rate": 0.1, "trees": [tree]}


def test_trees_add_each_leaf_times_the_rate_to_the_prior() -> None:
    trees = Trees.from_json(one_tree(0.5))
    below, above = [0.5] + [0.0] * (len(FEATURES) - 1), [0.6] + [0.0] * (len(FEATURES) - 1)
    assert trees.log_odds([below, above]) == [pytest.approx(0.4), pytest.approx(0.8)]


def test_no_tree_moves_the_log_odds_further_than_a_step() -> None:
    """A leaf of a handful of rows the trees before already judge all one way is
    tens (scikit-learn's Newton step): it adds STEP at most, either way."""
    data = one_tree(0.5)
    data["trees"][0]["value"] = [0.0, -65.0, 39.0]  # type: ignore[index]
    trees = Trees.from_json(data)
    below, above = [0.5] + [0.0] * (len(FEATURES) - 1), [0.6] + [0.0] * (len(FEATURES) - 1)
    assert trees.log_odds([below, above]) == [0.5 - STEP, 0.5 + STEP]


def test_trees_fitted_on_other_features_are_refused() -> None:
    data = one_tree(0.5) | {"features": [*FEATURES[:-1], "something else"]}
    with pytest.raises(ValueError, match="other features"):
        Trees.from_json(data)


def test_the_shipped_trees_read_every_feature_by_name() -> None:
    referee = shipped()
    assert referee.log_odds([[0.0] * len(FEATURES)])  # loads, and judges a row


def test_feature_rows_say_where_each_entry_stands() -> None:
    rows = features(
        [Signals(70.0, 0.9, 0.5), Signals(60.0, 0.0, 0.25)],
        top=80.0,
        listed=80.0,
        missing=1,
        known=3,
        terms=5,
        topical=2,
        chosen=0,
    )
    first, second = (dict(zip(FEATURES, row, strict=True)) for row in rows)
    assert first["score"] == pytest.approx(0.7)
    assert first["behind_top"] == pytest.approx(0.1)  # the listed question ranks above it
    assert first["lead"] == pytest.approx(0.1)
    assert first["behind"] == 0.0
    assert second["lead"] == pytest.approx(0.6)  # the last: its lead is over nothing
    assert second["behind"] == pytest.approx(0.1)
    assert first["over_listed"] == pytest.approx(-0.1)
    assert (first["chosen"], second["chosen"]) == (1.0, 0.0)
    assert first["log_odds"] > 0 > second["log_odds"]  # a chance of 0 is clipped, not -inf
    assert (first["missing"], first["known"], first["terms"], first["topical"]) == (1, 3, 5, 2)


def test_the_referee_answers_with_the_entry_it_favours_and_keeps_the_rules_choice_as_rival(
    write_story: WriteStory,
) -> None:
    """The rules answer the repairs; a referee for the closure, 21 points under
    and within reach, has it answered, the repairs its close call."""
    question = "pier damage repairs"
    rules = engine(write_story, Stub([]), referee=1.0).ask(question)
    assert isinstance(rules, Answered)
    assert rules.entry.id == "repairs"
    stub = Stub([-1.0, 2.0])
    reply = engine(write_story, stub, seconded_allowance=25.0).ask(question)
    assert isinstance(reply, Answered)
    assert reply.entry.id == "closure"
    assert [c.entry.id for c in reply.rivals] == ["repairs"]
    assert [row[CHOSEN] for row in stub.shown[0]] == [1.0, 0.0]  # it saw what the rules chose


def test_the_referee_takes_no_answer_from_beyond_reach(write_story: WriteStory) -> None:
    """The closure scores 21 under the repairs: more than the 20 allowed."""
    reply = engine(write_story, Stub([-1.0, 2.0])).ask("pier damage repairs")
    assert isinstance(reply, Answered)
    assert reply.entry.id == "repairs"


def test_the_referee_declines_when_no_entry_has_the_odds(write_story: WriteStory) -> None:
    reply = engine(write_story, Stub([-0.1, -2.0])).ask("pier damage repairs")
    assert isinstance(reply, Declined)
    assert [c.entry.id for c in reply.suggestions][:1] == ["repairs"]


def test_the_referee_answers_what_the_rules_decline(write_story: WriteStory) -> None:
    """ "why were the boats moved" scores 35: short of an answer for the rules."""
    question = "why were the boats moved"
    assert isinstance(engine(write_story, Stub([]), referee=1.0).ask(question), Declined)
    reply = engine(write_story, Stub([1.0])).ask(question)
    assert isinstance(reply, Answered)
    assert reply.entry.id == "boats"
    assert reply.rivals == ()


@pytest.mark.parametrize(
    ("question", "kwargs"),
    [
        ("pier damage repairs", {"referee": 1.0}),  # turned off
        ("pier damage repairs", {"listed": False}),  # no second opinion to read
        ("How long will the pier repairs take?", {}),  # the curator's own words
        ("hi", {}),  # asks nothing
    ],
)
def test_the_rules_stand_where_the_referee_has_nothing_to_judge(
    write_story: WriteStory, question: str, kwargs: dict[str, float]
) -> None:
    listed = bool(kwargs.pop("listed", True))
    stub = Stub([-9.0, 9.0, 9.0])
    ruled = engine(write_story, Stub([]), listed=listed, referee=1.0).ask(question)
    assert engine(write_story, stub, listed=listed, **kwargs).ask(question) == ruled
    assert stub.shown == []


def test_a_choice_the_rules_leave_to_the_reader_is_settled_by_even_odds(
    write_story: WriteStory,
) -> None:
    question = "pier damage repairs"
    sure = Stub([1.0, -9.0])
    story_engine = engine(write_story, sure)
    reading = story_engine.reading(question)
    choice = Ambiguous(question, reading.ranked[:2])
    settled = story_engine._refereed(question, reading, choice)
    assert isinstance(settled, Answered)
    assert settled.entry == reading.ranked[0].entry
    assert not any(row[CHOSEN] for row in sure.shown[0])


def test_a_choice_the_rules_leave_to_the_reader_stays_theirs_under_even_odds(
    write_story: WriteStory,
) -> None:
    """Not declined, as a rules' answer under even odds is: the reader still picks."""
    question = "pier damage repairs"
    unsure = Stub([-0.5, -1.0])
    story_engine = engine(write_story, unsure)
    reading = story_engine.reading(question)
    choice = Ambiguous(question, reading.ranked[:2])
    assert story_engine._refereed(question, reading, choice) is choice
    assert len(unsure.shown) == 1


def test_a_reply_to_an_answer_is_read_by_the_rules(write_story: WriteStory) -> None:
    stub = Stub([-9.0, 9.0, 9.0])
    story_engine = engine(write_story, stub)
    after = next(e for e in story_engine.stories[0].entries if e.id == "repairs")
    story_engine.ask("who said that?", after=after)
    story_engine.ask("pier damage repairs", after=after)
    assert stub.shown == []


@pytest.mark.parametrize(("name", "read"), [("referee.json", PLAIN), ("referee_asked.json", None)])
def test_the_shipped_trees_are_json_the_package_ships(name: str, read: int | None) -> None:
    """Those for a story without asked questions read none of their features."""
    from pathlib import Path

    import bot

    data = json.loads((Path(bot.__file__).parent / name).read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES[:read])
    assert len(data["trees"]) == 30
    used = {f for tree in data["trees"] for f in tree["feature"] if f >= 0}
    assert max(used) < len(data["features"])
    if read is None:  # what the asked questions say weighs in their trees
        assert used >= {FEATURES.index("asked"), FEATURES.index("asked_declined")}
    assert shipped(read is None).log_odds([[0.5] * len(FEATURES)]) == Trees.from_json(
        data
    ).log_odds([[0.5] * len(FEATURES)])


ASKED = """\
{"q": "how many weeks until the pier is fixed", "expect": "repairs"}
{"q": "the pier will take weeks?", "expect": "repairs"}
{"q": "what is the harbour master paid", "expect": null}
"""


def test_a_story_with_asked_questions_is_judged_by_what_they_say(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rows hold the asked questions' chances (StoryIndex.asked_chance), and
    the shipped trees fitted on them judge it; a story without has zeros there
    and the trees fitted without them."""
    from bot import engine as engine_module
    from bot.matching import StoryIndex

    path = write_story(
        (MINI + LISTED).replace(
            'article = "harbour.txt"', 'article = "harbour.txt"\nasked = "a.jsonl"'
        )
    )
    (path.parent / "a.jsonl").write_text(ASKED, encoding="utf-8")
    asked = load_story(path)
    question = "pier damage repairs"
    stub = Stub([-9.0, 9.0, 9.0])
    Engine([asked], referee=stub).ask(question)
    index = StoryIndex(asked)
    analysis = index.read(question)
    ranked = [c.entry for c in Engine([asked]).reading(question).ranked if c.entry.id][:3]
    rows = stub.shown[0]
    assert [row[-2] for row in rows] == [index.asked_chance(analysis, e) for e in ranked]
    assert {row[-1] for row in rows} == {index.asked_chance(analysis, None)}
    assert any(row[-2] > 0 for row in rows)
    plain = Stub([-9.0, 9.0, 9.0])
    engine(write_story, plain).ask(question)
    assert all(row[-2:] == [0.0, 0.0] for row in plain.shown[0])

    chosen: list[bool] = []

    def recorded(asked: bool = False) -> Stub:
        chosen.append(asked)
        return Stub([-9.0, 9.0, 9.0])

    monkeypatch.setattr(engine_module, "shipped", recorded)
    Engine([asked]).ask(question)
    Engine([load_story(write_story(MINI + LISTED))]).ask(question)
    assert chosen == [True, False]


def test_entries_of_two_stories_are_left_to_the_rules(write_story: WriteStory) -> None:
    """The trees were fitted on one story's entries at a time."""
    harbour = load_story(write_story(MINI + LISTED))
    gates = gates_story(write_story)
    question = "north gate pier damage repairs"
    rules = Engine([harbour, gates], Thresholds(referee=1.0))
    assert {c.entry.story for c in rules.reading(question).ranked[:3]} == {"harbour-storm", "gates"}
    stub = Stub([-9.0, 9.0, 9.0])
    assert Engine([harbour, gates], referee=stub).ask(question) == rules.ask(question)
    assert stub.shown == []


def test_odds_of_0_make_the_referees_best_the_answer(write_story: WriteStory) -> None:
    """However poor its odds, within reach."""
    stub = Stub([-5.0, -3.0])
    reply = engine(write_story, stub, referee=0.0, seconded_allowance=25.0).ask(
        "pier damage repairs"
    )
    assert isinstance(reply, Answered)
    assert reply.entry.id == "closure"
