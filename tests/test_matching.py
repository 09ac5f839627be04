"""Scoring one story: what the index holds and how phrasings score."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import Generated, generate
from bot import matching
from bot.engine import RANK_DEPTH, clauses
from bot.knowledge import Story, load_story
from bot.matching import StoryIndex, Tuning
from tests.conftest import MINI, ROOT, WriteStory


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
    assert more.rows == plain.rows + 1
    for question in ("pier repair time", "how long will repairs take", "2 weeks"):
        scored = more.rank(more.read(question))
        assert scored[0][0].id == "repairs"
    assert (
        more.rank(more.read("pier repair time"))[0][1]
        == (plain.rank(plain.read("pier repair time"))[0][1])
    )


def test_a_long_answer_is_indexed_to_its_last_word(write_story: WriteStory) -> None:
    # Questions are cut at MAX_WORDS; the curator's texts are read whole.
    filler = " ".join(["The crews worked through the night."] * 20)
    long = MINI.replace(
        'answer = "A storm damaged the pier on Monday."',
        f'answer = "A storm damaged the pier on Monday. {filler} The lighthouse keeper raised the'
        ' alarm."',
    )
    index = StoryIndex(load_story(write_story(long)))
    assert len(filler.split()) > matching.MAX_WORDS
    assert [entry.id for entry, _ in index.rank(index.read("lighthouse keeper alarm"))] == [
        "closure"
    ]


def test_naming_what_an_entry_never_mentions_costs_the_name_penalty(
    write_story: WriteStory,
) -> None:
    # "boat" is a thing the aliases name; the closure entry never mentions boats, so
    # "did the storm damage the boats" is not its question. "pier" is only a word.
    story = load_story(write_story())
    plain = StoryIndex(story, Tuning(name_penalty=1.0))
    index = StoryIndex(story)

    def closure(idx: StoryIndex, question: str) -> float:
        return {e.id: s for e, s in idx.rank(idx.read(question))}["closure"]

    boats = "did the storm damage the boats"
    assert closure(index, boats) == pytest.approx(Tuning().name_penalty * closure(plain, boats))
    pier = "did the storm damage the pier"
    assert closure(index, pier) == closure(plain, pier)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("generated"), 400, questions=400)


def test_a_common_word_is_scored_only_as_far_as_the_best_need(
    generated: Generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pruning a common word's phrasings by their upper bound changes no top 25."""
    monkeypatch.setattr(matching, "CANDIDATE_POSTINGS", 60)
    index = StoryIndex(load_story(generated.path))
    # Enough of them went the short way for the comparison to mean something.
    assert _pruned_without_changing_the_top(index, generated.questions) >= 30


def test_entries_found_below_the_best_25_are_left_out_without_changing_them(
    shipped_story: Story,
) -> None:
    """Scores asked with `keep` drop what cannot rank, and change no top 25."""
    index = StoryIndex(shipped_story)
    path = ROOT / "tests" / "data" / "eval_dev.jsonl"
    questions = [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert _pruned_without_changing_the_top(index, questions) >= 300


def _pruned_without_changing_the_top(index: StoryIndex, questions: list[str]) -> int:
    """How many of the questions and their clauses were scored short of every
    entry, each checked to rank its best 25 as the full scoring does."""
    pruned = 0
    for question in questions:
        for text in (question, *clauses(question)):
            analysis = index.read(text)
            every, best = index.scores(analysis), index.scores(analysis, RANK_DEPTH)
            pruned += len(best) < len(every)
            assert index.top(best, RANK_DEPTH) == index.top(every, RANK_DEPTH), text
    return pruned


def test_a_word_in_nearly_every_entry_is_not_scored(
    generated: Generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every generated answer says "said": ranking by it alone would tie every entry."""
    index = StoryIndex(load_story(generated.path))
    assert "say" in index.uninformative
    assert not index.scores(index.read("what did they say"))
    ranked = index.scores(index.read("who said that about the convoy"))
    assert ranked == index.scores(index.read("who is the convoy"))
    monkeypatch.setattr(matching, "UNINFORMATIVE", 1.0)
    every = StoryIndex(load_story(generated.path))
    assert len(every.scores(every.read("what did they say"))) == generated.entries


def test_a_small_story_keeps_every_word(write_story: WriteStory) -> None:
    """Five entries are too few for a share of them to mean a word says nothing."""
    index = StoryIndex(load_story(write_story()))
    assert not index.uninformative


def test_a_swear_word_the_story_never_uses_is_tone_not_asking(write_story: WriteStory) -> None:
    """It weighed as a word the story never says, so "how long will the fucking
    repairs take" scored under the plain question; one a phrasing holds is kept."""
    index = StoryIndex(load_story(write_story()))
    plain = index.read("how long will the repairs take")
    sworn = index.read("how long will the fucking repairs take, wtf")
    assert (sworn.terms, sworn.missing) == (plain.terms, ())
    crap = MINI.replace('"storm damage"]', '"storm damage", "crap pier"]')
    kept = StoryIndex(load_story(write_story(crap))).read("is the pier crap")
    assert "crap" in kept.terms


def test_a_number_offered_beside_the_storys_own_is_no_word_of_the_question(
    write_story: WriteStory,
) -> None:
    """ "40 boats or 50?" asks which, and the story's 40 answers it: read as a
    number the story never gives, the 50 weighed against the entry that gives 40."""
    index = StoryIndex(load_story(write_story()))
    plain = index.read("were 40 boats moved")
    for offered in ("were 40 boats moved or 50", "were fifty boats moved, or forty"):
        read = index.read(offered)
        assert (set(read.terms), read.missing) == (set(plain.terms), ())
    # Without the story's own number, or without a choice, each number is asked.
    assert index.read("were 50 or 60 boats moved").missing == ("50", "60")
    assert index.read("were 50 boats moved, 40 of them fishing").missing == ("50",)


# The mini story with questions it does not answer: the second opinion weighs each
# entry against them.
_LISTED = (
    MINI + '\n[unanswered]\nquestions = ["who owns the harbour", "how much did the storm cost"]\n'
)


def test_the_second_opinion_favours_the_entry_whose_phrasings_use_the_words(
    write_story: WriteStory,
) -> None:
    index = StoryIndex(load_story(write_story(_LISTED)))
    closure, reopening = index.story.entries[:2]
    shut = index.read("harbour shut why")
    assert index.chance(shut, closure) > 0.8
    assert index.chance(shut, reopening) < 0.1


def test_a_word_the_story_never_uses_weighs_for_what_it_does_not_answer(
    write_story: WriteStory,
) -> None:
    """Listed unanswered questions use words the story does not; its entries never
    do. "zeppelin" is such a word."""
    index = StoryIndex(load_story(write_story(_LISTED)))
    closure = index.story.entries[0]
    plain, odd = (
        index.read("why was the harbour closed"),
        index.read("why was the zeppelin harbour closed"),
    )
    assert odd.missing == ("zeppelin",)
    assert index.chance(odd, closure) < index.chance(plain, closure)


def test_no_second_opinion_without_questions_the_story_does_not_answer(
    write_story: WriteStory,
) -> None:
    index = StoryIndex(load_story(write_story()))
    assert index.chance(index.read("why is the harbor shut"), index.story.entries[0]) == 0.0


def test_questions_readers_asked_weigh_the_words_they_use(write_story: WriteStory) -> None:
    """Readers asked about the pier's "weeks" of repairs and about the harbour
    master's pay; no phrasing uses "weeks" for the repairs, so the asked
    questions make it surer than the curated phrasings alone."""
    from dataclasses import replace

    from bot.knowledge import Asked

    listed = MINI + '\n[unanswered]\nquestions = ["who owns the harbour"]\n'
    story = load_story(write_story(listed))
    asked = (
        Asked("how many weeks until the pier is fixed", "repairs"),
        Asked("the pier will take weeks?", "repairs"),
        Asked("what is the harbour master paid", None),
    )
    index, plain = StoryIndex(replace(story, asked=asked)), StoryIndex(story)
    repairs = story.entry("repairs")
    assert repairs is not None
    question = index.read("weeks of work on the pier")
    assert index.has_asked
    assert not plain.has_asked
    assert index.asked_chance(question, repairs) > 0.9 > index.chance(question, repairs)
    assert plain.asked_chance(question, repairs) == 0.0
    pay = index.read("how much is the harbour master paid")
    assert index.asked_chance(pay, None) > index.asked_chance(pay, repairs)


def test_a_question_of_known_and_function_words_never_reads_the_english_list(
    shipped_story: Story,
) -> None:
    """The 38,000 English words are read when a correction first needs them, 8 ms
    of a one-question `ask` process. "how" is its own stem, a stopword's: no slip
    of another word, and so no reason to read them."""
    index = StoryIndex(shipped_story)
    matching._english.cache_clear()
    index.read("how many fighters left raqqa")
    assert matching._english.cache_info().currsize == 0
    # "foreing", a stopword only by its stem ("for"), is a slip: the list says it is no word.
    assert index.read("foreing fighters").terms == ("foreign", "fighter")
    assert matching._english.cache_info().currsize == 1


def test_the_groups_are_the_entries_asking_what_a_name_is(shipped_story: Story) -> None:
    """Not "What is happening in Raqa?" (no name), nor "Who is Talal Selo?" (a
    person, whom "he" means)."""
    groups = StoryIndex(shipped_story).groups
    assert {entry.id: set(terms) for entry, terms in groups} == {
        "is-group": {"isis"},
        "sdf": {"sdf"},
        "coalition": {"coalition"},
        "raqa-civil-council": {"raqa", "civil", "council"},
    }


def test_a_question_penalises_the_entries_that_do_not_give_or_mention_what_it_asks(
    shipped_story: Story,
) -> None:
    """ "say" is both a kind of answer (what someone said) and a name (the
    story's word for saying): an entry is penalised unless it gives every kind
    asked and mentions every name, each in its own right."""
    index = StoryIndex(shipped_story)
    for question in (
        "anything the colonel said on the fighting to come",
        "when did alloush announce where they were heading",
        "the day those buses pulled out of raqqa",
    ):
        weights = dict.fromkeys(index.read(question).terms, 1.0)
        fit = index._fit(weights)
        assert fit is not None, question
        asked = {t for t in weights if t in matching._SPECIFIC}
        named = index._names.intersection(weights)
        for entry in range(len(index.entries)):
            expected = 1.0
            if asked and not asked <= index._intents[entry]:
                expected *= index.tuning.intent_penalty
            if named and not named <= index._mentions[entry]:
                expected *= index.tuning.name_penalty
            assert fit(entry) == expected, (question, index.entries[entry].id)
    assert index._fit(dict.fromkeys(index.read("raqa").terms, 1.0)) is not None  # a name


_ROWS = st.frozensets(st.integers(0, 30))


@given(
    scores=st.dictionaries(st.integers(0, 30), st.floats(0.0, 1.0)),
    asked=st.none() | _ROWS,
    named=st.none() | _ROWS,
    penalties=st.tuples(st.floats(0.1, 1.0), st.floats(0.1, 1.0)),
)
def test_a_fit_applied_to_all_scores_is_the_fit_of_each(
    scores: dict[int, float],
    asked: frozenset[int] | None,
    named: frozenset[int] | None,
    penalties: tuple[float, float],
) -> None:
    """Applied to a whole ranking at once, the multiplier for what a question
    asks and names gives each score exactly what it gives the entry alone."""
    fit = matching._Fit(asked, named, *penalties)
    assert fit.applied(scores) == {entry: score * fit(entry) for entry, score in scores.items()}
    if asked is None and named is None:
        assert fit.applied(scores) == scores
