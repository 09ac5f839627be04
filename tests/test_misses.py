"""The misses log and its grouping, for curators."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.engine import Engine
from bot.knowledge import load_story
from bot.misses import Miss, append_miss, asked_drafts, group_misses, miss_record, read_misses
from tests.conftest import MINI, TOLD_APART, TOLD_APART_ARTICLE, WriteStory


def test_answered_questions_are_not_misses(mini_engine: Engine) -> None:
    assert miss_record(mini_engine.ask("when will the harbour reopen")) is None


def test_a_close_call_is_logged_with_its_rivals_and_shown_as_one(
    write_story: WriteStory,
) -> None:
    """An answer chosen over an entry that fit as well is kept for the curator,
    who may need to tell the two apart."""
    path = write_story(TOLD_APART, article=TOLD_APART_ARTICLE, article_name="gates.txt")
    reply = Engine([load_story(path)]).ask("gate open when warden")
    record = miss_record(reply, now=0)
    assert record is not None
    assert record["status"] == "answered"
    assert [c["id"] for c in record["candidates"]] == ["north", "south"]
    (group,) = group_misses(read_misses([json.dumps(record)]))
    assert group.reasons == ("close call",)


def test_a_message_that_asks_nothing_is_not_a_miss(mini_engine: Engine) -> None:
    """A thanks, a greeting, a pick past the end of a list, or who is quoted:
    nothing to curate."""
    closure = mini_engine.entry_named("closure")
    assert miss_record(mini_engine.ask("thanks!")) is None
    assert miss_record(mini_engine.ask("hi")) is None
    assert miss_record(mini_engine.ask("4", offered=[closure])) is None
    assert miss_record(mini_engine.ask("the second one")) is None
    # Who is quoted: the story's own list, nothing a curator could add.
    assert miss_record(mini_engine.ask("who is quoted")) is None


def test_a_miss_record_has_no_user_or_server(mini_engine: Engine) -> None:
    record = miss_record(mini_engine.ask("how old is ann reyes"), now=0)
    assert record is not None
    assert set(record) == {
        "time",
        "question",
        "status",
        "reason",
        "unanswered",
        "candidates",
        "after",
    }
    assert record["unanswered"] is None
    assert record["after"] is None
    assert record["time"] == "1970-01-01T00:00:00Z"
    assert record["status"] == "declined"
    assert record["reason"] == "not_covered"
    assert record["candidates"][0]["id"] == "reyes"


def test_a_miss_below_every_suggestion_logs_the_entry_that_came_closest(
    mini_engine: Engine,
) -> None:
    reply = mini_engine.ask("how old is the pier")
    record = miss_record(reply, now=0)
    assert record is not None
    assert record["candidates"] == [
        {"story": "harbour-storm", "id": "repairs", "score": round(reply.score, 1)}
    ]
    assert 0 < reply.score < mini_engine.thresholds.suggest


def test_ids_in_a_question_are_not_logged(mini_engine: Engine) -> None:
    """Mentions, channels and pasted ids name users and servers: the log keeps their kind."""
    question = (
        "<@!424242424242424242> <@&55555555555> in <#876543210987654321> asked how old "
        "ann reyes is <:harbour:12345678901234567> </ask:1234567890123456789> 123456789012345678"
    )
    record = miss_record(mini_engine.ask(question), now=0)
    assert record is not None
    assert record["question"] == (
        "@user @role in #channel asked how old ann reyes is :harbour: /ask [id]"
    )
    assert not re.search(r"\d{5}", json.dumps(record))


def test_append_and_read_back(mini_engine: Engine, tmp_path: Path) -> None:
    log = tmp_path / "misses.jsonl"
    for question in ("how old is ann reyes", "when will the harbour reopen", "pizza"):
        append_miss(log, mini_engine.ask(question))
    lines = log.read_text().splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["question"] for line in lines] == ["how old is ann reyes", "pizza"]
    foreign = ['{"question": "q", "reason": 5}', '{"question": "q", "candidates": [{"id": "x"}]}']
    misses = list(read_misses([*lines, "{torn", "", *foreign]))
    assert [m.question for m in misses] == ["how old is ann reyes", "pizza"]


def test_a_follow_up_is_logged_and_grouped_with_the_answer_it_replied_to(
    mini_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "misses.jsonl"
    reyes, boats = mini_engine.entry_named("reyes"), mini_engine.entry_named("boats")
    for after in (reyes, boats, reyes):
        append_miss(path, mini_engine.ask("how old is she", after=after), after)
    (group,) = group_misses(read_misses(path.read_text().splitlines()))
    assert (group.count, group.after) == (3, ("reyes", "boats"))


def test_the_log_is_readable_by_its_owner_alone(mini_engine: Engine, tmp_path: Path) -> None:
    """It holds what readers asked: no other local user may read it."""
    path = tmp_path / "misses.jsonl"
    append_miss(path, mini_engine.ask("how old is ann reyes"))
    assert path.stat().st_mode & 0o777 == 0o600


def test_lines_this_program_did_not_write_are_skipped() -> None:
    """Hand-edited or foreign lines: no traceback, no 'None' question, no NaN score."""
    good = '{"question": "q", "candidates": [{"id": "x", "score": 90}]}'
    foreign = [
        '{"question": "q", "candidates": [{"id": "x", "score": 1%s}]}' % ("0" * 400),
        '{"question": "q", "candidates": [{"id": "x", "score": NaN}]}',
        '{"question": "q", "candidates": [{"id": "x", "score": true}]}',
        '{"question": "q", "candidates": [{"id": "x", "score": "90"}]}',
        '{"question": null}',
        '{"question": ["q"]}',
        '{"question": "q", "candidates": [{"id": {"a": 1}, "score": 90}]}',
        '{"question": "q", "candidates": [1]}',
    ]
    misses = list(read_misses([*foreign, good]))
    assert misses == [Miss("q", "declined", None, "x", 90.0)]


def test_misses_are_compared_with_groups_that_share_a_word_of_substance() -> None:
    """ "how old is selo" meets "how old is sello" (both have "old"), never "how many
    fighters"; a miss of function words only ("who is she") is compared with all."""
    misses = [
        Miss(q, "declined", None, None, 0.0)
        for q in (
            "how old is selo",
            "who is he",
            "how many fighters left",
            "how old is sello",
            "who is she",
            "how many fighters",
        )
    ]
    groups = [g.questions for g in group_misses(misses)]
    assert groups == [
        ("how many fighters left", "how many fighters"),
        ("how old is selo", "how old is sello"),
        ("who is he", "who is she"),
    ]


def test_similar_misses_are_grouped_most_frequent_first(mini_engine: Engine) -> None:
    questions = [
        "how old is ann reyes",
        "what age is ann reyes",
        "how old is reyes",
        "pizza recipe",
        "how old is ann reyes?",
    ]
    lines = []
    for question in questions:
        record = miss_record(mini_engine.ask(question))
        assert record is not None
        lines.append(json.dumps(record))
    groups = group_misses(read_misses(lines))
    assert groups[0].count >= 3
    assert groups[0].best_id == "reyes"
    assert "how old is ann reyes" in groups[0].questions
    assert groups[-1].example == "pizza recipe"


def test_a_question_listed_as_unanswered_is_logged_as_such(write_story: WriteStory) -> None:
    toml = MINI + '\n[unanswered]\nquestions = ["who owns the harbour"]\n'
    engine = Engine([load_story(write_story(toml))])
    record = miss_record(engine.ask("who owns the harbour"), now=0)
    assert record is not None
    assert record["unanswered"] == "who owns the harbour"
    (miss,) = read_misses([json.dumps(record)])
    assert miss.reason == "listed as unanswered"  # the curator's decision, not a gap


def test_misses_are_drafted_as_asked_questions_most_frequent_first(
    write_story: WriteStory,
) -> None:
    """Each distinct question once, labelled as the bot read it: the entry it came
    nearest, or null where it said the story does not say. The draft loads as
    the story's asked questions once the curator has checked it."""
    story = "harbour-storm"
    works = Miss("pier works?", "ambiguous", None, "repairs", 61.0, story)
    old = Miss("how old is ann reyes", "declined", "not_covered", "reyes", 40.0, story)
    misses = [
        old,
        Miss("pizza", "declined", "off_topic", None, 0.0),
        works,
        Miss("HOW OLD  is ann reyes", "declined", "not_covered", "reyes", 40.0, story),
        Miss("quand le port rouvre-t-il", "declined", "not_english", None, 0.0),
        Miss("how old is she", "declined", "not_covered", "reyes", 30.0, story, after="reyes"),
        works,
        works,
    ]
    drafts = [json.loads(line) for line in asked_drafts(misses)]
    assert drafts == [
        {"q": "pier works?", "expect": "repairs"},
        {"q": "how old is ann reyes", "expect": None},
        {"q": "pizza", "expect": None},
    ]
    path = write_story(
        MINI.replace('article = "harbour.txt"', 'article = "harbour.txt"\nasked = "a.jsonl"')
    )
    several = "\n".join(asked_drafts(misses, several=True))
    assert '"expect": "harbour-storm:repairs"' in several
    (path.parent / "a.jsonl").write_text(several, encoding="utf-8")
    assert [a.entry for a in load_story(path).asked] == ["repairs", None, None]
