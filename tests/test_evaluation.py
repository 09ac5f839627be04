"""Batch evaluation: reading the question file, judging replies, and the eval command."""

from __future__ import annotations

import json
import random
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from bot.engine import Engine
from bot.evaluation import (
    NEAR_COPY,
    Case,
    EvalError,
    Verdict,
    copied,
    curated_texts,
    describe,
    evaluate,
    near_copies,
    read_cases,
)
from bot.knowledge import Story
from bot.replies import Declined, DeclineReason
from tests.conftest import MINI, WriteStory, run_cli, story_copies


def test_read_cases() -> None:
    lines = [
        '{"q": "when will it reopen", "expect": "reopening"}',
        "",
        '{"q": "pizza", "expect": null, "reason": "off_topic"}',
        '{"q": "both", "expect": "boats", "accept": ["repairs"]}',
    ]
    assert list(read_cases(lines)) == [
        Case("when will it reopen", "reopening"),
        Case("pizza", None, DeclineReason.OFF_TOPIC),
        Case("both", "boats", None, ("repairs",)),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "f.jsonl, line 1: not JSON ("),
        ('{"q": "x"}', 'f.jsonl, line 1: "expect" is missing'),
        ('{"q": "x", "expect": "a", "note": 1}', "f.jsonl, line 1: unknown key 'note'"),
    ],
)
def test_malformed_lines_name_the_line(line: str, message: str) -> None:
    # What each problem says is bot.labelled's (tests/test_labelled.py).
    with pytest.raises(EvalError) as raised:
        list(read_cases([line], "f.jsonl"))
    assert str(raised.value).startswith(message)


def test_the_first_bad_line_stops_the_file() -> None:
    lines = ['{"q": "x", "expect": null}', "", '{"q": "y"}', "{not json"]
    with pytest.raises(EvalError, match=r"^f\.jsonl, line 3: "):
        list(read_cases(lines, "f.jsonl"))


def test_verdicts_and_groups(mini_engine: Engine) -> None:
    cases = [
        Case("when will the harbour reopen", "reopening"),  # answered right
        Case("how many ships were moved", "reopening"),  # wrongly answered
        Case("how old is ann reyes", "reyes"),  # wrongly declined
        Case("pizza recipe", None, DeclineReason.OFF_TOPIC),  # declined right
        Case("both", "boats", None, ("reopening",)),  # declined: wrong
        Case("how many ships were moved", "repairs", None, ("boats",)),  # accepted
        Case("qui est Ann Reyes", None, DeclineReason.NOT_ENGLISH),  # declined right
    ]
    report = evaluate(mini_engine, cases)
    assert [o.verdict for o in report.outcomes] == [
        Verdict.ANSWERED_RIGHT,
        Verdict.WRONGLY_ANSWERED,
        Verdict.WRONGLY_DECLINED,
        Verdict.DECLINED_RIGHT,
        Verdict.WRONGLY_DECLINED,
        Verdict.ANSWERED_RIGHT,
        Verdict.DECLINED_RIGHT,
    ]
    groups = {g.name: (g.right, g.total) for g in report.groups()}
    assert groups == {"answerable": (2, 5), "off_topic": (1, 1), "not_english": (1, 1)}
    assert report.accuracy == pytest.approx(4 / 7)


def test_a_miss_whose_entry_is_one_of_the_buttons_counts_as_offered(
    mini_engine: Engine,
) -> None:
    cases = [
        Case("when will the harbour reopen", "reopening"),  # right: not a miss
        Case("how old is ann reyes", "reyes"),  # declined, suggests Reyes
        Case("why was the harbour closed", "reopening"),  # wrong, reopening is related
        Case("how many ships were moved", "repairs"),  # wrong, nothing related
        Case("pier", "reyes"),  # declined, suggests other entries
        Case("pizza recipe", None, DeclineReason.OFF_TOPIC),  # a decline is never offered
    ]
    report = evaluate(mini_engine, cases)
    assert [o.offered_right for o in report.outcomes] == [
        False,
        True,
        True,
        False,
        False,
        False,
    ]
    offered = {g.name: g.offered_right for g in report.groups()}
    assert offered == {"answerable": 2, "off_topic": 0}


def test_an_expected_story_and_id_must_both_match(mini_story: Story) -> None:
    """With several stories, "story:id" names one entry where an id may name two."""
    entry = mini_story.entry("reopening")
    assert entry is not None
    elsewhere = replace(entry, story="other-story")
    qualified = Case("when will it reopen", "harbour-storm:reopening")
    assert qualified.wants(entry)
    assert not qualified.wants(elsewhere)
    assert Case("when will it reopen", "reopening").wants(elsewhere)
    assert Case("q", "closure", accept=("harbour-storm:reopening",)).wants(entry)


def test_evaluate_refuses_a_follow_up_after_no_entry(mini_engine: Engine) -> None:
    with pytest.raises(EvalError, match="after 'reopned': no entry has that id"):
        evaluate(mini_engine, [Case("who is she", "reyes", after="reopned")])


def test_eval_refuses_an_id_that_two_stories_share(write_story: WriteStory, tmp_path: Path) -> None:
    story_copies(write_story, 2, "Storm closes the harbour")
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"q": "when does the port open", "expect": "reopening"}))
    result = run_eval(str(questions), "--knowledge", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "'when does the port open' names 'reopening': an entry of 2 stories: write story:reopening"
    )
    questions.write_text(
        json.dumps({"q": "when does the port open", "expect": "storm-1:reopening"})
    )
    assert run_eval(str(questions), "--knowledge", str(tmp_path)).returncode == 0


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("eval", *args)


def run_misses(log: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("misses", str(log))


def test_eval_command_reports_and_gates(write_story: WriteStory, tmp_path: Path) -> None:
    story = write_story()
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(line)
            for line in [
                {"q": "when does the port open again", "expect": "reopening"},
                {"q": "how many ships were moved", "expect": "repairs"},
                {"q": "best pizza", "expect": None, "reason": "off_topic"},
            ]
        )
    )
    result = run_eval(str(questions), "--knowledge", str(story))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "answered right" in out
    assert "wrongly answered" in out
    assert "wrongly declined" in out
    assert "declined right" in out
    assert "answerable      1/2" in out
    assert "(+0 offered as a button: 50.0%)" in out
    assert "off_topic       1/1" in out
    assert "✗ 'how many ships were moved': expected repairs, answered boats" in out
    # The first question is one of the story's own phrasings.
    assert "near copies: 1 question is 90+ alike to a phrasing" in out
    assert (
        "  without them: answerable 0/1 (0.0%), off_topic 1/1 (100.0%), overall 1/2 (50.0%)" in out
    )
    assert "  ✓ 'when does the port open again' ≈ 'when does the port open again'" in out
    failing = run_eval(str(questions), "--knowledge", str(story), "--min-accuracy", "0.9")
    assert failing.returncode == 1
    assert "below the minimum 90.0%" in failing.stdout
    assert (
        run_eval(str(questions), "--knowledge", str(story), "--min-accuracy", "60").returncode == 0
    )


def test_eval_command_when_every_question_is_a_near_copy(
    write_story: WriteStory, tmp_path: Path
) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"q": "Reopening date?", "expect": "reopening"}))
    result = run_eval(str(questions), "--knowledge", str(write_story()))
    assert result.returncode == 0, result.stderr
    assert "near copies: 1 question is 90+ alike" in result.stdout
    assert "  without them: no question is left to measure" in result.stdout


def test_near_copies_of_curated_text(mini_engine: Engine) -> None:
    curated = curated_texts(mini_engine)
    assert "Who is Ann Reyes?" in curated
    questions = [
        "When does the PORT  open again?",  # case, spacing and a mark aside
        "open again when does the port",  # the same words in another order
        "pizza recipe",
        "when will the harbour be open to boats",
    ]
    assert near_copies(questions, curated) == [
        "when does the port open again",
        "when does the port open again",
        None,
        None,
    ]


def test_copied_splits_a_report_by_its_near_copies(mini_engine: Engine) -> None:
    report = evaluate(
        mini_engine,
        [Case("Reopening date?", "reopening"), Case("pizza recipe", None, DeclineReason.OFF_TOPIC)],
    )
    copies, rest = copied(report, mini_engine)
    assert [(o.case.question, text) for o, text in copies] == [
        ("Reopening date?", "reopening date")
    ]
    assert [o.case.question for o in rest.outcomes] == ["pizza recipe"]


def test_near_copies_compares_every_text_that_can_be_alike() -> None:
    """Only texts of similar length are compared: none is missed by it."""
    rng = random.Random(5)
    curated = ["who is the harbour master", "why is the harbor shut", "reopening date"]
    curated += ["".join(rng.choice("ab ") for _ in range(rng.randrange(3, 30))) for _ in range(300)]
    questions = [
        rng.choice(curated)[: rng.randrange(2, 30)] + rng.choice(["", "a", " b"])
        for _ in range(300)
    ]

    def alike(a: str, b: str) -> float:
        a, b = " ".join(a.split()), " ".join(b.split())
        return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))

    found = near_copies(questions, curated)
    for question, text in zip(questions, found, strict=True):
        best = max(alike(question, c) for c in curated)
        assert (text is not None) == (best >= NEAR_COPY), (question, best)


def test_eval_command_with_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "x", "expect": null}\n{oops\n')
    result = run_eval(str(bad))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"storybot: {bad}, line 2: not JSON (Expecting property name enclosed in double quotes)"
    )


def test_a_follow_up_is_asked_after_the_entry_it_replies_to(
    write_story: WriteStory, tmp_path: Path
) -> None:
    """ "who is she?" means nobody alone; under the answer that quotes Ann Reyes, her."""
    story = write_story()
    questions = tmp_path / "q.jsonl"
    lines = [
        {"q": "who is she", "after": "reopening", "expect": "reyes"},
        {"q": "who is she", "expect": None, "reason": "off_topic"},
    ]
    questions.write_text("\n".join(json.dumps(line) for line in lines))
    result = run_eval(str(questions), "--knowledge", str(story))
    assert result.returncode == 0, result.stderr
    assert "answerable      1/1" in result.stdout
    assert "off_topic       1/1" in result.stdout
    questions.write_text(json.dumps({"q": "who", "after": "reopned", "expect": None}))
    refused = run_eval(str(questions), "--knowledge", str(story))
    assert refused.returncode == 2
    assert "'who' names 'reopned': no entry has that id" in refused.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"q": "caf\xe9", "expect": null}\n', "(not UTF-8 text)"),
        (
            b'{"q": "when does the port open", "expect": "reopning"}\n',
            "'when does the port open' names 'reopning': no entry has that id",
        ),
        (
            b'{"q": "port", "expect": "reopening", "accept": ["closur"]}\n',
            "names 'closur': no entry has that id",
        ),
    ],
)
def test_eval_refuses_in_one_line(
    write_story: WriteStory, tmp_path: Path, content: bytes, message: str
) -> None:
    story = write_story()
    questions = tmp_path / "q.jsonl"
    questions.write_bytes(content)
    result = run_eval(str(questions), "--knowledge", str(story))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr


def test_misses_skips_a_line_torn_inside_a_character(tmp_path: Path, mini_engine: Engine) -> None:
    from bot.misses import append_miss

    log = tmp_path / "misses.jsonl"
    append_miss(log, mini_engine.ask("how old is ann reyes"))
    with log.open("ab") as file:
        file.write('{"question": "caf\u00e9'.encode()[:-1])  # cut inside "é"
    result = run_misses(log)
    assert result.returncode == 0, result.stderr
    assert "1 misses in 1 groups" in result.stdout


def test_misses_command_groups_the_log(tmp_path: Path, mini_engine: Engine) -> None:
    from bot.misses import append_miss

    log = tmp_path / "misses.jsonl"
    for question in ("how old is ann reyes", "how old is reyes", "pizza", "pizza recipe"):
        append_miss(log, mini_engine.ask(question))
    result = run_misses(log)
    assert result.returncode == 0, result.stderr
    assert "4 misses in 2 groups" in result.stdout
    assert "nearest reyes" in result.stdout
    assert "replying to" not in result.stdout


def test_misses_command_names_the_answers_follow_ups_replied_to(
    tmp_path: Path, mini_engine: Engine
) -> None:
    from bot.misses import append_miss

    log = tmp_path / "misses.jsonl"
    reyes = mini_engine.entry_named("reyes")
    append_miss(log, mini_engine.ask("how old is she", after=reyes), reyes)
    result = run_misses(log)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "        replying to: reyes"


def test_misses_of_several_stories_name_each_entrys_story(
    tmp_path: Path, write_story: WriteStory
) -> None:
    from bot.misses import append_miss

    first, second = story_copies(write_story, 2, "Storm closes the harbour")
    log = tmp_path / "misses.jsonl"
    append_miss(log, Engine([first]).ask("how old is ann reyes"))
    append_miss(log, Engine([second]).ask("pizza recipe for the harbour boats"))
    result = run_misses(log)
    assert result.returncode == 0, result.stderr
    assert "nearest storm-0:reyes" in result.stdout
    assert "nearest storm-1:" in result.stdout


def test_misses_command_drafts_asked_questions(tmp_path: Path, mini_engine: Engine) -> None:
    from bot.misses import append_miss

    log = tmp_path / "misses.jsonl"
    for question in ("how old is ann reyes", "pizza", "how old is ann reyes"):
        append_miss(log, mini_engine.ask(question))
    result = run_cli("misses", "--asked", str(log))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"q": "how old is ann reyes", "expect": None},
        {"q": "pizza", "expect": None},
    ]


def test_a_miss_declined_as_listed_unanswered_says_so(write_story: WriteStory) -> None:
    # A real entry may score above the threshold and still be declined: the
    # curator reading the misses must see which listed question did it.
    toml = MINI + '\n[unanswered]\nquestions = ["who owns the harbour"]\n'
    engine = Engine.from_path(write_story(toml))
    text = describe(engine.ask("who owns the harbour"))
    assert text.startswith("declined not_covered; best reyes ")
    assert text.endswith("; listed as unanswered: 'who owns the harbour'")


def test_a_miss_names_the_entry_that_came_closest(mini_engine: Engine) -> None:
    # Nothing scores enough to be offered, so the reader is shown the featured
    # entries; the curator must see the entry that came closest instead.
    reply = mini_engine.ask("how old is the pier")
    assert isinstance(reply, Declined)
    assert [c.score for c in reply.suggestions] == [0.0, 0.0, 0.0]
    assert describe(reply) == f"declined not_covered; best repairs {reply.score:.0f}"
