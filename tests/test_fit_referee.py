"""bench/fit_referee.py: the rows it fits on are the rows the engine judges."""

from __future__ import annotations

import pytest

from bench.fit_referee import DEPTH, RATE, TREES, _Recorder, asked_rows, fit, labelled_rows
from bot.engine import Engine, Thresholds
from bot.evaluation import Case
from bot.knowledge import load_story
from bot.referee import FEATURES, Trees
from tests.conftest import MINI, WriteStory

LISTED = '\n[unanswered]\nquestions = ["who owns the harbour", "how many boats sank"]\n'


def test_the_recorder_keeps_the_rules_reply_and_labels_each_entry(write_story: WriteStory) -> None:
    story = load_story(write_story(MINI + LISTED))
    recorder = _Recorder()
    recording = Engine([story], referee=recorder)
    rules = Engine([story], Thresholds(referee=1.0))
    cases = [
        Case("pier damage repairs", "repairs"),
        Case("what is the river mooring called", None),
        Case("How long will the pier repairs take?", "repairs"),  # exact: not judged
    ]
    for case in cases:
        assert recording.ask(case.question) == rules.ask(case.question)
    rows, labels = labelled_rows(recording, recorder, cases)
    assert all(len(row) == len(FEATURES) for row in rows)
    # Judged: the first two, each row labelled by whether its entry is the one wanted.
    ranked = [c.entry.id for c in rules.reading("pier damage repairs").ranked if c.entry.id][:3]
    first = len(ranked)
    assert labels[:first] == [int(e == "repairs") for e in ranked]
    assert sum(labels[first:]) == 0  # nothing is right for a question to decline


def test_fitted_trees_read_as_scikit_learn_reads_them() -> None:
    ensemble = pytest.importorskip("sklearn.ensemble")
    rows = [[(i % 7) / 7, (i % 3) * 0.1] + [0.0] * (len(FEATURES) - 2) for i in range(60)]
    labels = [int(row[0] > 0.4 or row[1] > 0.15) for row in rows]
    model = ensemble.GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0
    ).fit(rows, labels)
    trees = Trees.from_json(fit(rows, labels))
    assert trees.log_odds(rows) == model.decision_function(rows).tolist()


ASKED = """\
{"q": "pier damage repairs", "expect": "repairs"}
{"q": "how many weeks until the pier is fixed", "expect": "repairs"}

{"q": "pier damage repair weeks", "expect": "repairs", "accept": ["closure"]}
{"q": "what is the harbour master paid", "expect": null}
"""


def test_asked_questions_are_judged_by_an_engine_that_never_counted_them(
    write_story: WriteStory,
) -> None:
    """Each run of the file is asked of the story with only the other runs' questions,
    as the bot will meet a question no reader asked before."""
    from dataclasses import replace

    path = write_story(
        (MINI + LISTED).replace(
            'article = "harbour.txt"', 'article = "harbour.txt"\nasked = "a.jsonl"'
        )
    )
    (path.parent / "a.jsonl").write_text(ASKED, encoding="utf-8")
    story = load_story(path)
    cases, rows, labels = asked_rows([story], folds=2)
    assert [c.question for c in cases] == [a.question for a in story.asked]
    assert cases[2].accept == ("closure",)

    expected: list[list[float]] = []
    for run, others in ((story.asked[:2], story.asked[2:]), (story.asked[2:], story.asked[:2])):
        recorder = _Recorder()
        alone = Engine([replace(story, asked=others)], referee=recorder)
        more, _ = labelled_rows(alone, recorder, [Case(a.question, a.entry) for a in run])
        expected += more
    assert rows == expected
    assert len(labels) == len(rows) > 0
    # Not what an engine that counted them all would show.
    whole = _Recorder()
    assert labelled_rows(Engine([story], referee=whole), whole, cases)[0] != rows
