"""Answer quality of the shipped story, measured on the held-out test questions.

The floor sits a few points under the figure measured when the matcher was
last tuned (see README, "Answer quality"), so that quality cannot regress
silently; raise it when quality improves.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluation import Case
from bot.knowledge import Story
from bot.matching import _BESIDE, StoryIndex
from bot.normalize import is_stopword, tokenize
from bot.replies import Ambiguous, Answered, Declined, DeclineReason
from tests.conftest import ROOT, run_cli

TEST_SPLIT = ROOT / "tests" / "data" / "eval_test.jsonl"
MIN_ACCURACY = 0.88
# Replies to an answer, each asked after the entry it replies to.
FOLLOW_UPS = ROOT / "tests" / "data" / "followups_test.jsonl"
MIN_FOLLOW_UP_ACCURACY = 0.80
# Sets written blind and never read (README, Answer quality).
HELD_OUT = ROOT / "tests" / "data" / "heldout"


@pytest.mark.parametrize(
    ("split", "floor"), [(TEST_SPLIT, MIN_ACCURACY), (FOLLOW_UPS, MIN_FOLLOW_UP_ACCURACY)]
)
def test_eval_on_the_test_split_meets_the_floor(split: Path, floor: float) -> None:
    result = run_cli("eval", str(split), "--min-accuracy", str(floor))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_phrasing_answers_its_own_entry(shipped_story: Story, engine: Engine) -> None:
    """The curator's own questions and alternates lead to their entry, unambiguously."""
    wrong = []
    for entry in shipped_story.entries:
        for phrasing in entry.phrasings:
            reply = engine.ask(phrasing)
            if getattr(reply, "entry", None) is not entry:
                wrong.append((entry.id, phrasing, reply.status))
    assert wrong == []


@pytest.mark.parametrize(
    "question",
    [
        *("", "hi", "thanks!", "what's 2+2", "best pizza toppings?", "cool cool", "damn", "wow ok"),
        # "bad" is a word of the readers' "bad guys" (the fighters), not of the story.
        *("that's bad", "so bad"),
    ],
)
def test_chatter_is_declined(engine: Engine, question: str) -> None:
    assert engine.ask(question).status == "declined"


def test_shipped_story_is_curated_to_the_brief(shipped_story: Story) -> None:
    """40-60 entries, at least six alternates each, every person quoted has an entry."""
    assert 40 <= len(shipped_story.entries) <= 60
    assert all(len(e.alternates) >= 6 for e in shipped_story.entries)
    assert all(e.quotes for e in shipped_story.entries)
    people = {s.name.split()[-1] for s in shipped_story.speakers.values()}
    who_is = " ".join(e.question for e in shipped_story.entries if e.question.startswith("Who is"))
    for name in ("Selo", "Dillon", "Bali", "Mostafa", "Alloush"):
        assert name in people
        assert name in who_is


def test_eval_splits_are_disjoint_and_not_in_the_knowledge(shipped_story: Story) -> None:
    """Tuning on a question the report is made on, or curating it in, would flatter the figures."""
    from bot.evaluation import read_cases
    from bot.normalize import clean

    def questions(name: str) -> set[str]:
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8") as file:
            return {" ".join(clean(c.question).casefold().split()) for c in read_cases(file)}

    dev, test = questions("eval_dev.jsonl"), questions("eval_test.jsonl")
    # The questions readers asked, which the engine counts and the referee is fitted on.
    train = {" ".join(clean(a.question).casefold().split()) for a in shipped_story.asked}
    assert len(train) > 3000
    assert dev & test == set()
    assert train & (dev | test) == set()
    # A follow-up ("why?") may recur under other answers, so its splits may share words.
    follow_ups = questions("followups_dev.jsonl") | questions("followups_test.jsonl")
    curated = [p for e in shipped_story.entries for p in e.phrasings]
    curated += shipped_story.unanswered  # listed as unanswered is curated in too
    phrasings = {" ".join(clean(p).casefold().split()) for p in curated}
    assert (dev | test | train | follow_ups) & phrasings == set()
    assert train & follow_ups == set()
    # Sets written blind and never read, kept for a later stop's fresh check: what
    # any split, the asked questions or the knowledge file holds would measure a copy.
    held_out = [questions(f"heldout/{path.name}") for path in HELD_OUT.glob("*.jsonl")]
    assert len(held_out) >= 3
    for one, other in itertools.combinations(held_out, 2):
        assert one & other == set()
    for one in held_out:
        assert len(one) > 250
        assert one & (dev | test | train | follow_ups | phrasings) == set()


# Questions the referee fitted with the asked questions (stop 37) gets wrong that the
# one fitted without them got right: it gained more on the held-out sets than these
# cost, and they stay in sight until a fit gets them right again.
ASKED_MISS = "the referee fitted with the asked questions misses it"


def _answered(engine: Engine, question: str) -> str:
    """The id of the entry that answers `question`, which must be answered."""
    reply = engine.ask(question)
    assert isinstance(reply, Answered), reply
    return reply.entry.id


MIN_KEPT_AFTER_A_SLIP = 0.93
MIN_KEPT_AFTER_A_FIRST_KEY_SLIP = 0.90
MIN_KEPT_SPELLED_BY_EAR = 0.90


def _slipped(question: str, rng: random.Random) -> str:
    """The question with one slip in one of its content words: two letters swapped,
    one dropped, doubled, hit or added beside its neighbour. The first letter is
    kept, as it nearly always is."""
    words = [m for m in re.finditer(r"[a-z]{4,}", question) if not is_stopword(tokenize(m[0])[0])]
    if not words:
        return question
    match = rng.choice(words)
    word, i = match[0], rng.randrange(1, len(match[0]))
    near = rng.choice(_BESIDE[word[i]])
    slips = [word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]]
    slips += [word[:i] + near + word[i + 1 :], word[:i] + near + word[i:]]
    if i + 1 < len(word):
        slips.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return question[: match.start()] + rng.choice(slips) + question[match.end() :]


def _first_key_slipped(question: str, rng: random.Random) -> str:
    """The question with the first letter of one of its words of five letters or
    more typed with a key beside it."""
    words = [m for m in re.finditer(r"[a-z]{5,}", question) if not is_stopword(tokenize(m[0])[0])]
    if not words:
        return question
    match = rng.choice(words)
    return (
        question[: match.start()] + rng.choice(_BESIDE[match[0][0]]) + question[match.start() + 1 :]
    )


# How readers who spell by ear write the letters that are not said as written.
_BY_EAR = [
    (re.compile(pattern), heard)
    for pattern, heard in (
        (r"(?<=.)gh", ""),  # fighters: fiters
        (r"ph", "f"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),  # civilians: sivilians
        (r"([bdfglmnprst])\1", r"\1"),  # battle: batle
        (r"(?<=.)y", "i"),  # syria: siria
        (r"qu", "kw"),
        (r"ea", "ee"),  # deal: deel
        (r"ou", "u"),
        (r"(?<=[^aeiou])e(?=[rd]s?$)", ""),  # happened: happend
    )
]


def _spelled_by_ear(question: str, rng: random.Random) -> str:
    """The question with one of its content words of five letters or more spelled
    as it sounds: every one of its letters not said as written, respelled."""
    respelled = []
    for match in re.finditer(r"[a-z]{5,}", question):
        if is_stopword(tokenize(match[0])[0]):
            continue
        word = match[0]
        for pattern, heard in _BY_EAR:
            word = pattern.sub(heard, word)
        if word != match[0]:
            respelled.append((match, word))
    if not respelled:
        return question
    match, word = rng.choice(respelled)
    return question[: match.start()] + word + question[match.end() :]


def _kept_after(engine: Engine, slip: Callable[[str, random.Random], str], seed: int) -> float:
    """Of the dev questions answered right, the share still answered right with
    `slip` applied to each."""
    from bot.evaluation import read_cases

    rng = random.Random(seed)
    with (ROOT / "tests" / "data" / "eval_dev.jsonl").open(encoding="utf-8") as file:
        cases = [c for c in read_cases(file) if c.expect is not None]

    def right(case: Case, question: str) -> bool:
        reply = engine.ask(question)
        return isinstance(reply, Answered) and case.wants(reply.entry)

    answered = [c for c in cases if right(c, c.question)]
    return sum(right(c, slip(c.question, rng)) for c in answered) / len(answered)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_slip_in_a_word_keeps_the_answer(engine: Engine, seed: int) -> None:
    """Readers type on phones. Of the dev questions answered right, at least 93%
    still are with a slip in one of their words: 95.4-97.3% over five seeds since
    short words are corrected too, 87.2-89.3% before ("rqa" was no word)."""
    assert _kept_after(engine, _slipped, seed) >= MIN_KEPT_AFTER_A_SLIP


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_slip_of_the_first_key_keeps_the_answer(engine: Engine, seed: int) -> None:
    """ "vonvoy", "dyria": of the dev questions answered right, at least 90% still
    are with the first letter of a word of five letters or more typed with a key
    beside it: 92.9-95.4% over five seeds, 32.5-34.2% before such slips were
    corrected."""
    assert _kept_after(engine, _first_key_slipped, seed) >= MIN_KEPT_AFTER_A_FIRST_KEY_SLIP


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_word_spelled_by_ear_keeps_the_answer(engine: Engine, seed: int) -> None:
    """ "fiters", "sivilians", "hapend": of the dev questions answered right, at
    least 90% still are with one word spelled as it sounds: 93.7-95.3% over five
    seeds since a word is found by its sound (94.8-95.8% with the second
    opinion), 86.7-87.5% before."""
    assert _kept_after(engine, _spelled_by_ear, seed) >= MIN_KEPT_SPELLED_BY_EAR


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Talal Selo title", "talal-selo"),
        ("dillon's title", "ryan-dillon"),
        ("omar alloush title?", "omar-alloush"),
        ("in what capacity does Mostafa Bali speak", "mostafa-bali"),
    ],
)
def test_a_title_job_or_capacity_is_the_person_named(
    engine: Engine, question: str, person: str
) -> None:
    """Without the alias to "role", "Talal Selo title" was Laila Mostafa: "what's
    laila's title" was the only phrasing with the word."""
    assert _answered(engine, question) == person


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # Names in Arabic script, and "where" as chat spells it.
        ("what is قسد", "sdf"),
        ("what is happening in الرقة", "final-assault"),
        ("who are داعش", "is-group"),
        ("wher is raqqa", "raqa-location"),
        # Arabic oaths and greetings are no words the story lacks.
        ("yalla who was it that made the deal happen", "deal-brokers"),
        ("habibi what did the coalition guy say wallah", "dillon-said"),
        ("ya allah the poor families, where are they being taken", "convoy-destination"),
        # So are the Swahili greetings East African readers open with, and a
        # Spanish or Afrikaans one.
        ("mambo bot how many left", "convoy-size"),
        ("hola, what is this story even", "final-assault"),
        # Chat's "d" and "dia" are "the" and "their"; "S D F" stays spelled out.
        ("what number of jihadis left in d convoy", "convoy-size"),
        ("dem take dia wives along?", "convoy-who"),
        # A question word of French, Spanish or Portuguese asks as the English one.
        ("and the syrian fighters, quantos left", "convoy-size"),
        ("isis captured raqqa quando", "raqa-captured"),
        ("combien of civilians still inside", "civilians-remaining"),
        # Turkish papers spell Daesh "DEAŞ".
        ("year deaş seized the city", "raqa-captured"),
        # Chat shorthand for estimate, number and including.
        ("coalition est, fighters left in raqqa", "coalition-estimate"),
        ("were the 275 incl the wives and kids", "conflicting-accounts"),
        pytest.param(
            "nb of civilians the spokesman thinks remain",
            "civilians-remaining",
            marks=pytest.mark.xfail(reason=ASKED_MISS, strict=True),
        ),
        # Helping with the evacuation, or being in on it, is a hand in it.
        ("washington was in on the whole thing?", "coalition-involvement"),
        ("americans helped evacuate isis or not", "coalition-involvement"),
        # Going out of the city is leaving it.
        ("who arranged for them to go out", "deal-brokers"),
        ("count of isis that went out in that convoy", "convoy-size"),
        # A group's makeup or composition is who makes it up.
        ("what's the SDF's makeup", "sdf"),
        # Military shorthand: the "op" is the battle.
        ("months the op has run for", "battle-duration"),
        # Beef, or being mad at someone, is disagreeing; a free ride out is leaving.
        ("any beef between washington and the sdf", "coalition-disagreement"),
        ("so they got a free ride out of raqqa, when", "convoy-departure"),
        # Weaker is losing; a justification is a purpose; CJTF-OIR is the coalition.
        ("is daesh weaker than before", "is-retreat"),
        ("what justified the whole deal", "deal-purpose"),
        ("the cjtf guy quoted is who", "ryan-dillon"),
        # Portuguese for the convoy; "easy" asks how hard; "taking Ls" is losing.
        ("o comboio saiu quando", "convoy-departure"),
        ("will it get easier for the sdf now", "difficult-fighting"),
        ("isis catching Ls everywhere or what", "is-retreat"),
        ("how many baddies got out", "convoy-size"),
    ],
)
def test_readers_words_for_the_storys_words_are_read_as_them(
    engine: Engine, question: str, entry: str
) -> None:
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question", ["sum it up", "brief me", "eli5", "can you fill me in", "catch me up on raqqa"]
)
def test_asking_for_the_whole_story_gets_its_summary(engine: Engine, question: str) -> None:
    """Before these were aliases of "summary", "sum it up" was declined as
    off-topic and "brief me" answered who IS are."""
    assert _answered(engine, question) == "final-assault"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("🚌 how many?", "convoy-size"),
        ("✈️ help SDF?", "coalition-support"),
        ("👵👶 still inside?", "civilians-remaining"),
        ("📉 IS?", "is-retreat"),
    ],
)
def test_the_emoji_the_story_names_are_read(engine: Engine, question: str, entry: str) -> None:
    """Before emoji could be variants, "🚌 how many?" was declined as asking
    nothing and "✈️ help SDF?" answered who the SDF are."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("who is still fighting in raqa", "last-stand"),
        ("who's still fighting", "last-stand"),
        ("who is fighting in raqa", "assault-forces"),
        ("how many foreigners are still fighting", "foreigners-remaining"),
    ],
)
def test_still_fighting_is_who_is_left(engine: Engine, question: str, entry: str) -> None:
    """Who is "still fighting" is who is left to fight, not who attacks: before
    "still fighting" read as "remain battle", it found who is attacking Raqa."""
    assert _answered(engine, question) == entry


def test_at_this_particular_moment_is_now(engine: Engine) -> None:
    """ "why did the sdf go in at that exact moment" asks why now; "exact" and
    "moment" were words the story never uses, and it was declined."""
    assert _answered(engine, "why did the sdf go in at that exact moment") == "assault-trigger"


def test_civilians_trapped_inside_are_civilians_remaining(engine: Engine) -> None:
    """Before "trapped inside" read as remaining, the "inside" left over found
    who is left to fight."""
    question = "are there any civilians still trapped inside"
    assert _answered(engine, question) == "civilians-remaining"


@pytest.mark.parametrize("question", ["is isis on its last legs", "is daesh on the ropes now"])
def test_idioms_of_losing_read_as_retreat(engine: Engine, question: str) -> None:
    assert _answered(engine, question) == "is-retreat"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what talal selo told", "selo-said"),
        ("what the colonel dillon said", "dillon-said"),
        ("what say talal selo", "selo-said"),
        ("what says dillon", "dillon-said"),
    ],
)
def test_what_someone_said_asks_for_their_words(engine: Engine, question: str, entry: str) -> None:
    """Written without "did", or with the saying first, as a reader with other
    languages first may: these found who Selo and Dillon are, not what they said."""
    assert _answered(engine, question) == entry


def test_not_letting_the_families_go_is_why_the_civilians_were_held(engine: Engine) -> None:
    """The militants' not letting the families go, not the SDF's letting the
    fighters go: "let … go" had found why the SDF let them leave."""
    question = "so the militants still won't let the families go, why is that"
    assert _answered(engine, question) == "civilians-held"


@pytest.mark.parametrize(
    "question",
    [
        "what did bali say about the civilians in the convoy",
        "What did Bali say about the civilians travelling with the fighters?",
    ],
)
def test_what_bali_said_of_the_civilians_is_all_he_said_of_them(
    engine: Engine, question: str
) -> None:
    """His words on the civilians are the human shields and the militants'
    refusal to release them: what he said gives both, whether they were human
    shields the first only. Curated as phrasings of the human shields until stop 48."""
    assert _answered(engine, question) == "bali-said"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how many fighters from abroad are still inside", "foreigners-remaining"),
        ("is the battle for raqa urban warfare now", "difficult-fighting"),
    ],
)
def test_curated_synonyms_are_read(engine: Engine, question: str, entry: str) -> None:
    """Curation round 19 added synonyms to the aliases ("from abroad" foreign,
    "urban warfare" battle); both were declined before it."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("any sign the US-led alliance was implicated in evacuating folk", "coalition-involvement"),
        ("the city's fixing to fall, right?", "raqa-fall"),
        ("what time did the militants hit the road", "convoy-departure"),
        ("apparently a few foreign fighters snuck out on the buses?", "convoy-foreigners"),
        ("are the jihadis from abroad still camping in raqa", "foreigners-remaining"),
        ("which factions does the sdf consist", "sdf"),
    ],
)
def test_aliases_of_stop_48_are_read(engine: Engine, question: str, entry: str) -> None:
    """Aliases of stop 48 ("hitting the road" and sneaking out are leaving, "still
    camping" is remaining, "consist" and "composed" without "of" are making up):
    each was declined before them, or, sneaking out, read as who remained."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "sorry but these syrian democratic forces, what are they supposed to be",
        "what's qasad supposed to be",
    ],
)
def test_what_something_is_supposed_to_be_is_what_it_is(engine: Engine, question: str) -> None:
    """ "supposed" is a word of the deal's terms ("were they supposed to be let
    go"): both had got the terms of the withdrawal, at 66 and 67, and been declined."""
    assert _answered(engine, question) == "sdf"


def test_do_the_needful_is_a_courtesy(engine: Engine) -> None:
    """Indian English asks politely so; "needful" is a word the story never uses,
    and the question had been answered at 51, near the threshold."""
    reply = engine.ask("kindly do the needful and tell me where the fighters went")
    assert isinstance(reply, Answered)
    assert reply.entry.id == "convoy-destination"
    assert reply.score >= 90


def test_supposed_to_be_before_more_words_is_still_read(engine: Engine) -> None:
    """Only at the end of a question is "supposed to be" what something is:
    "were they supposed to be freed" asks what the deal said."""
    question = "under the deal were the families supposed to be freed once out"
    assert "suppos" in engine.reading(question).analyses[0].terms
    assert _answered(engine, question) == "civilians-held"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("twitter says the elders were in on the deal, who set it up then", "deal-brokers"),
        ("the radio said the kurds are storming raqqa, who's actually attacking", "assault-forces"),
    ],
)
def test_where_the_reader_heard_a_claim_is_no_word_of_the_question(
    engine: Engine, question: str, entry: str
) -> None:
    """ "twitter says", "the radio said": the saying is the reader's source, not
    someone in the story speaking. The first had got the Raqa Civil Council."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("pastor said the convoy left", ["convoy", "leav"]),
        ("radio guy said the council brokered it", ["council", "broker"]),
        # Someone in the story, and what they said, is still asked.
        ("what did the guy from the sdf say", ["sdf", "@words", "say"]),
        ("what's the american soldier guy saying", ["coalition", "soldier", "say", "@words"]),
    ],
)
def test_the_source_is_the_word_before_said(
    engine: Engine, question: str, terms: list[str]
) -> None:
    """The source alone opens the phrase, whatever comes before it ("my", "the"):
    "pastor said" and "radio guy said" had been read as someone speaking."""
    assert list(engine.reading(question).analyses[0].terms) == terms


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("when wuz the big attack launched", ["@time", "big", "assault", "start"]),
        ("is the sdf finna win this one", ["sdf", "win"]),
    ],
)
def test_chat_spellings_of_stop_50_are_read(
    engine: Engine, question: str, terms: list[str]
) -> None:
    """ "wuz" is "was" and "finna" is "going to", as chat spells them: read as
    words the story never uses, they had lowered every score."""
    assert list(engine.reading(question).analyses[0].terms) == terms


def test_gimme_is_give_me(engine: Engine) -> None:
    """ "gimme" is "give me", as chat spells it: a word the story never uses, it
    had made this off-topic."""
    assert _answered(engine, "gimmie a brief overview") == "final-assault"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("daesh on its way out these days or nah", "is-retreat"),
        ("would you say the caliphate crowd is on their way out", "is-retreat"),
        ("anyone know where that convoy's got to at the minute", "convoy-location"),
    ],
)
def test_aliases_of_stop_50_are_read(engine: Engine, question: str, entry: str) -> None:
    """On the way out is losing: the first had got what IS is (its only other
    word), the second was declined. "At the minute" is now, in British English:
    the third was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what land does the islamic state possess these days", "is-territory"),
        ("did the yanks keep out of the evac", "coalition-involvement"),
        ("so did coalition troops help carry out the pull-out or not", "coalition-involvement"),
        ("so who r these sdf ppl anyway", "sdf"),
    ],
)
def test_aliases_of_stop_51_are_read(engine: Engine, question: str, entry: str) -> None:
    """Possessing ground is controlling it: "possess" was a word the story never
    uses, and the question was declined. Keeping (or staying) out of the
    evacuation is being involved in it, not remaining: the second was declined.
    So is helping carry it out: the third was declined. The SDF's people are
    the SDF, not the civilians "people" means alone: the fourth was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("sorry if this is obvious but who were the ones inside this convoy", "convoy-who"),
        ("did any foreign IS guys manage to slip away inside the convoy then", "convoy-foreigners"),
    ],
)
def test_aliases_of_stop_53_are_read(engine: Engine, question: str, entry: str) -> None:
    """Who was inside the convoy was in it, not inside the city, as those who
    remain are: both were declined, the first with the last stand of those
    who remain as its best."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "besides the militants, is there someone who is not a fighter inside",
        "non-fighters in raqqa: has every last one got out?",
    ],
)
def test_aliases_of_stop_54_are_read(engine: Engine, question: str) -> None:
    """Someone who is not a fighter is a civilian: the first got who the convoy
    carried, the second when the last fighters left."""
    assert _answered(engine, question) == "civilians-remaining"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("captives on the buses?", "human-shields"),
        ("the captives, were they ever freed", "civilians-held"),
        ("the writer of this raqqa story, who was it", "story-source"),
        ("writer's name pls", "story-source"),
        (
            "tally of the foreign militants that were still left once the buses had gone",
            "foreigners-remaining",
        ),
        ("were the jihadis simply allowed to leave freely, and for what reason", "sdf-decision"),
    ],
)
def test_aliases_of_stop_55_are_read(engine: Engine, question: str, entry: str) -> None:
    """Captives are the hostages the militants took as human shields, and a
    writer the author: those were declined, with words the story never uses.
    Fighters "still left" remain, as those "left" do: the fifth had got whether
    foreigners left in the convoy. To "leave freely" is to be let go, not the
    "free" of releasing the civilians, which the last got."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("raqqa: still home to families, or empty now?", "civilians-remaining"),
        ("are some locals still living in the old city", "civilians-remaining"),
        ("short recap?", "final-assault"),
        ("was washington pleased with how the sdf handled it", "coalition-disagreement"),
    ],
)
def test_aliases_of_stop_56_are_read(engine: Engine, question: str, entry: str) -> None:
    """A city "still home to" people, and people "still living in" it, remain
    there: both were declined, with who remains the best. A "short" recap is
    the summary: "short", a word the story never uses, had made it off-topic.
    Being "pleased with" something is agreeing to it: the last was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("raqqa seems to be a massive deal to everyone, why", "raqa-significance"),
        ("the assailants in this battle, who are they", "assault-forces"),
        ("will clearing the city be a cakewalk from here", "difficult-fighting"),
        ("last ditch militants??", "last-stand"),
        ("expectations from the americans going forward?", "difficult-fighting"),
    ],
)
def test_aliases_of_stop_57_are_read(engine: Engine, question: str, entry: str) -> None:
    """A "massive deal" matters, as a "big deal" does; assailants are the
    attackers; a cakewalk is easy, which asks how hard the fighting will be;
    "last ditch" fighters are the hardcore; an expectation is what is expected.
    Each was declined, with words the story never uses."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    ["the ypg: in the alliance or not", "ypg fighters, are they one of the sdf's militias?"],
)
def test_the_ypg_is_not_read_as_the_kurds(engine: Engine, question: str) -> None:
    """The story never names the YPG. Read as "Kurdish", a question whether it is
    in the SDF got what the SDF is, an alliance of Kurdish and Arab militias,
    which says nothing of it; the Kurds themselves are still in it."""
    assert engine.ask(question).status == "declined"
    assert _answered(engine, "kurds in the alliance too or not?") == "sdf"


def test_whether_a_spokesman_is_kurdish_or_arab_is_not_what_the_sdf_is(engine: Engine) -> None:
    """The story says the SDF is an alliance of Kurdish and Arab militias, and
    nothing of its spokesman's own origins: this got what the SDF is."""
    reply = engine.ask("is selo arab or a kurd, since the alliance mixes both")
    assert reply.status == "declined", reply
    assert reply.unanswered == "Is Talal Selo Kurdish or Arab?"


def test_how_long_dillon_has_been_spokesman_is_not_who_he_is(engine: Engine) -> None:
    """The story names Ryan Dillon as the coalition's spokesman, and not since
    when: this got who he is."""
    reply = engine.ask("quick q about col dillon, spokesman since when, do we know?")
    assert reply.status == "declined", reply
    assert reply.unanswered == "How long has Ryan Dillon been the coalition's spokesman?"


@pytest.mark.parametrize(
    "question", ["this article came out which day", "which day was the article released, roughly"]
)
def test_a_story_that_came_out_was_published(engine: Engine, question: str) -> None:
    """A story that "came out", or was released, was published, on a date the
    article does not give: these got when the convoy left and why the
    civilians were not released, as fighters who "came out" of the city still
    get the first."""
    reply = engine.ask(question)
    assert reply.status == "declined", reply
    assert reply.unanswered == "On what date was this article published?"
    assert _answered(engine, "what day did isis come out of raqqa") == "convoy-departure"


def test_asking_for_the_words_verbatim_asks_for_the_words(engine: Engine) -> None:
    """Every answer quotes the words as said: "verbatim", a word the story never
    uses, had declined this."""
    assert _answered(engine, "Laila Mostafa's remarks verbatim please") == "laila-mostafa-said"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # Hindi and Urdu in Latin letters: "kaun" and "kisne" who, "bola" said.
        ("yaar ye Omar Alloush kaun hai?", "omar-alloush"),
        ("human shields wali baat kisne boli thi?", "human-shields"),
        # What he said of the fighting, as "what did Dillon say about the fighting" gets.
        ("Ryan Dillon ne fighting ke baare mein kya bola?", "difficult-fighting"),
        # Malay: "siapa" who, "kenapa" why.
        ("siapa yang brokered the deal tu?", "deal-brokers"),
        ("kenapa the SDF let them go je?", "sdf-decision"),
        ("siapa sebenarnya Laila Mostafa ni", "laila-mostafa"),
        # Levantine Arabic in Latin letters and digits: "meen" who, "wein"
        # where, "2alet" said. The first two had been told the bot reads English.
        ("meen hayda Talal Selo ya3ni?", "talal-selo"),
        ("wein el convoy hala2", "convoy-location"),
        ("Laila Mostafa shu 2alet about the foreign fighters?", "convoy-foreigners"),
        # Tagalog: "gaano katagal" how long, "ilan" how many, "buwan" months.
        ("gaano katagal na ba yung laban, ilang buwan na?", "battle-duration"),
        # Spanish: "quien" who, "por que" why.
        ("Ryan Dillon quien es pues, like what's his job", "ryan-dillon"),
        ("por que the SDF let them leave wey, no tiene sentido", "sdf-decision"),
        # Turkish, with a case ending after a word: "kim" who, "council'de" in it.
        ("Laila Mostafa kim abi, council'de mi calisiyor?", "laila-mostafa"),
        # Kurmanji: "ci dibe", what is happening.
        ("li Raqqa niha ci dibe, any news heval", "final-assault"),
        # French filler ("c'est quoi", "genre"); Portuguese "disse" said.
        ("c'est quoi la coalition genre, les Américains?", "coalition"),
        ("o que a Laila Mostafa disse sobre os foreign fighters", "convoy-foreigners"),
        # Spanish "que" asks what, before a word of saying: not who Dillon is.
        ("qué dijo Ryan Dillon, el de la coalición?", "dillon-said"),
    ],
)
def test_languages_mixed_into_english_are_read(engine: Engine, question: str, entry: str) -> None:
    """Their question words ask as English's do, their "said" is said, and their
    commonest words are no words the story lacks: each of these was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # Hindi: "ne" marks who did it, "kya" is what, "kaha" said.
        ("acha toh Dillon ne kya kaha tha", "dillon-said"),
        # Turkish: "ne" is what, "dedi" said.
        ("Talal Selo ne dedi abi?", "selo-said"),
        # Portuguese: "o que" is what, "disse" said; chat after it.
        ("o que disse o Dillon, alguem sabe?", "dillon-said"),
        ("o que o Selo disse hein", "selo-said"),
    ],
)
def test_what_before_a_last_word_of_saying_asks_for_the_words(
    engine: Engine, question: str, entry: str
) -> None:
    """Languages that put the verb last ask for someone's words with "what"
    right before the word of saying, and Portuguese asks with "o que": each
    of these had got who the person is, or was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("any reason 4 them holding the civilians", "civilians-held"),
        ("sdf stands 4 what again", "sdf"),
    ],
)
def test_chats_4_for_for_is_read_as_for(engine: Engine, question: str, entry: str) -> None:
    """ "4 them", "stands 4 what": chat's "for", not a count the story gives
    (four months). Both were declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Describe what is going on in Raqa. Use details from the article.", "final-assault"),
        ("Define Islamic State, using information from the text.", "is-group"),
    ],
)
def test_how_an_exam_asks_the_answer_written_is_no_question(
    engine: Engine, question: str, entry: str
) -> None:
    """ "Use details from the article" asks nothing of the story: its "use" had
    read as the human shields IS used, and the first got them; the second was
    declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("sorry what is this sdf everybody is talking about", "sdf"),
        ("who are these tribal elders people keep going on about", "tribal-leaders"),
    ],
)
def test_what_others_speak_of_is_what_is_asked(engine: Engine, question: str, entry: str) -> None:
    """That everybody talks about the SDF asks nothing of what it said: the
    first got its statement, and the second, whose "people" had read as the
    civilians, was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Laila Mostafa from the council, what were her key points?", "laila-mostafa-said"),
        ("that colonel, Dillon: what were his points then?", "dillon-said"),
    ],
)
def test_someones_points_are_their_words(engine: Engine, question: str, entry: str) -> None:
    """What someone's main points were asks for what they said: the first got
    who she is, and the second left the reader to choose."""
    assert _answered(engine, question) == entry


def test_asking_more_simply_still_asks_nothing_more(engine: Engine) -> None:
    """ "in really simple words" is "in simple words" asked harder: its "simple"
    and "words", which the story uses elsewhere, had drowned the question."""
    assert _answered(engine, "u explain the SDF in super simple words for me?") == "sdf"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("sdf?? explain it to me like im a little kid", "sdf"),
        ("any easy way to explain to my daughter why the IS guys got to leave", "sdf-decision"),
        ("child friendly explanation of who is still in raqa?", "last-stand"),
        ("put it in kid terms, why did the sdf attack now", "assault-trigger"),
    ],
)
def test_asking_for_it_put_simply_asks_nothing_more(
    engine: Engine, question: str, entry: str
) -> None:
    """ "like I'm a kid", "an easy way to explain", "child friendly": a reader
    asking for a simpler answer. Their "kid" and "child" had been the families
    in the convoy, and "easy" the fighting still to come."""
    assert _answered(engine, question) == entry


def test_any_idea_asks_as_do_you_know_does(engine: Engine) -> None:
    """ "any idea where …" is a way to ask, not an idea the story could hold:
    read as a word the story never uses, it had the question declined."""
    assert _answered(
        engine, "hey any idea whereabouts the IS convoy has reached by this point"
    ) == ("convoy-location")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "when they all pulled out, were there foreigners among the ones that went?",
            "convoy-foreigners",
        ),
        ("if the fighting is nearly over, who is still holed up inside?", "last-stand"),
        # A "when" that asks still asks.
        ("because i have a quiz tmrw, when exactly was raqa captured by is", "raqa-captured"),
    ],
)
def test_a_part_that_only_sets_the_scene_is_not_asked(
    engine: Engine, question: str, entry: str
) -> None:
    """ "when they pulled out, …", "if the fighting is nearly over, …" say when
    or on what condition the rest asks. Read alone, the first had got when the
    fighters left, and the second had been declined."""
    assert _answered(engine, question) == entry


def test_a_part_that_asks_nothing_is_context_beside_a_question_of_its_own(
    engine: Engine,
) -> None:
    """ "4 months of fighting now!!" asks nothing; the part after it asks a
    question of its own. Scored alone, the first had answered how long the
    battle has lasted, to a question about civilians and to one the story
    cannot answer."""
    assert _answered(engine, "4 months of fighting now!! do civilians remain inside the city?") == (
        "civilians-remaining"
    )
    reply = engine.ask(
        "after 4 months of fighting lol. is any power plant still working in the city?"
    )
    assert isinstance(reply, Declined)
    assert reply.reason is DeclineReason.NOT_COVERED


def test_a_part_that_only_names_the_topic_is_not_asked_first(engine: Engine) -> None:
    """ "the raqa assault" only names what the rest asks about: as a part asked
    first, its answer (who is attacking) had been given ahead of why now."""
    assert _answered(engine, "the raqa assault, its cause? like why right now") == (
        "assault-trigger"
    )


def test_a_remark_on_where_to_ask_asks_nothing_of_where(engine: Engine) -> None:
    """ "idk where to ask" is where the reader asks, not where anything in the
    story is: its "where to" had read as where the convoy is heading, and both
    got that answer."""
    assert _answered(engine, "hope this is ok, idk where to ask, who is laila mostafa") == (
        "laila-mostafa"
    )
    reply = engine.ask(
        "thanks for the bot! not sure where to ask this"
        " but could you check the spelling in my essay?"
    )
    assert isinstance(reply, Declined)
    assert reply.reason is DeclineReason.OFF_TOPIC


@pytest.mark.parametrize(
    "question",
    ["qui est Talal Selo", "où est le convoi maintenant?", "quel est le rôle de la coalition?"],
)
def test_french_est_after_its_question_words_is_no_estimate(engine: Engine, question: str) -> None:
    """ "est" is chat's estimate, and French's "is": with "qui", "où" and
    "quel" read as stopwords, each had got the coalition's estimate of the
    fighters. Still told that the bot reads English: of French, only the
    filler a reader mixes into English ("genre", "ça") is read."""
    reply = engine.ask(question)
    assert isinstance(reply, Declined)
    assert reply.reason is DeclineReason.NOT_ENGLISH


def test_a_doubled_l_reads_as_the_single_one(engine: Engine) -> None:
    """ "controlling" had not met the curated "control", and the question got
    where the convoy is."""
    assert _answered(engine, "which bits of land is daesh still controlling") == "is-territory"


@pytest.mark.parametrize(
    "question",
    [
        "who in this article claims the coalition played no part in the evac",
        "which person in the report says the americans weren't part of getting them out",
    ],
)
def test_who_in_the_story_said_it_asks_about_what_was_said(engine: Engine, question: str) -> None:
    """Asking who in the article said something, or which person said it, asks
    about what was said, as "who said …" does: its answer names them. Both were
    declined: "in the article" had hidden the "who said", and "who" and "person"
    pointed at the people the story quotes."""
    assert _answered(engine, question) == "coalition-involvement"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("ok but what kicked off the sdf's big push this weekend", "assault-trigger"),
        ("is daesh getting wrecked out there these days", "is-retreat"),
        ("which journo wrote this piece", "story-source"),
    ],
)
def test_aliases_of_stop_49_are_read(engine: Engine, question: str, entry: str) -> None:
    """What "kicked off" something set it off, though when it kicked off is when
    it began: the first had got when the assault began. Getting wrecked is
    losing, a word the story never uses: the second was declined. A "journo" is
    a journalist, not (corrected) a journey: the third got why the civilians
    were held."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "can someone give me the lowdown on raqqa",
        "any scoop on the sdf and raqa today",
        "whats the 411 with raqa these days",
        "spill the tea about raqqa pls",
        "what's the scene with the sdf and raqa",
    ],
)
def test_slang_for_the_news_asks_what_is_going_on(engine: Engine, question: str) -> None:
    """ "lowdown", "scoop", "411", "tea" and "the scene" (in Indian English) are
    words the story never uses: each was declined, as "craic" had been."""
    assert _answered(engine, question) == "final-assault"


@pytest.mark.parametrize(
    "question", ["what clan did those elders come from", "the elders that helped - which tribe?"]
)
def test_which_tribe_the_elders_are_from_is_not_in_the_story(engine: Engine, question: str) -> None:
    """Read as "tribal elders", both had got what the elders did: a question
    the knowledge file lists as one the story does not answer."""
    reply = engine.ask(question)
    assert isinstance(reply, Declined), reply
    assert reply.unanswered is not None
    assert "tribes" in reply.unanswered


def test_which_village_the_convoy_is_bound_for_is_not_in_the_story(engine: Engine) -> None:
    """Which town, as the knowledge file lists it: answered before with eastern Syria."""
    reply = engine.ask("what village in the east were the buses headed for")
    assert isinstance(reply, Declined), reply
    assert reply.unanswered is not None
    assert "town" in reply.unanswered


def test_which_countries_asks_a_nationality(shipped_story: Story, engine: Engine) -> None:
    """What the story never gives of the foreign fighters, as the knowledge file
    lists it. Raqa's country is still where it is."""
    index = StoryIndex(shipped_story)
    nationality = index.read("nationality").terms
    assert index.read("which countries").terms == nationality
    assert index.read("what nationalities").terms == nationality
    assert _answered(engine, "which country is raqqa in") == "raqa-location"  # its phrasing


def test_the_sdfs_name_misremembered_is_the_sdf(shipped_story: Story) -> None:
    """ "Syrian Democratic Front": read as "front", a word the story never uses."""
    index = StoryIndex(shipped_story)
    assert index.read("syrian democratic front").terms == index.read("sdf").terms


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("why cant anyone agree on the convoy numbers", "conflicting-accounts"),
        ("who runs raqqa for the sdf", "raqa-civil-council"),
        ("where does daesh still have a pocket of land", "is-territory"),
        ("any innocents still stuck inside raqqa", "civilians-remaining"),
        ("who are the belligerents in the offensive", "assault-forces"),
    ],
)
def test_phrasings_in_more_readers_words_are_read(
    engine: Engine, question: str, entry: str
) -> None:
    """Curation round 20 wrote phrasings for more kinds of reader (an analyst's
    "belligerents", a parent's "innocents", slang); each of these was declined
    or a "did you mean" before it."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("alloush affiliation?", "omar-alloush"),
        ("what is mostafa bali affiliated with", "mostafa-bali"),
    ],
)
def test_an_affiliation_is_a_role(engine: Engine, question: str, entry: str) -> None:
    """Who someone speaks for is who they are; both were declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question", ["how many ice is fighters left rocka", "how many i sis fighters left rocka"]
)
def test_names_as_dictation_hears_them(engine: Engine, question: str) -> None:
    """Voice dictation writes Raqa as "rocka" and ISIS as "ice is" or "I sis".
    "rocka" was a word of one phrasing, not Raqa, and both were declined."""
    assert _answered(engine, question) == "convoy-size"


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        ("when did the assult begin", {"assault-start"}),
        ("who brokered the withdrawl", {"deal-brokers"}),
        # How many left the city or how many are left in it: Selo gave both.
        ("did salo say how many left", {"convoy-size", "foreigners-remaining"}),
    ],
)
def test_a_slip_written_into_a_phrasing_is_still_a_slip(
    engine: Engine, question: str, entries: set[str]
) -> None:
    """Phrasings keep readers' slips ("final assult against IS", "the
    withdrawl"); each slip was then a word of the story, never corrected, and
    these were declined. As alias variants, they read as the word meant."""
    assert _answered(engine, question) in entries


def test_nigerian_pidgin_is_read(engine: Engine) -> None:
    """ "oyinbo" (foreign), "dey" (are) and "wetin" (what) were words the story
    never uses, and both were declined."""
    assert _answered(engine, "how many oyinbo fighters dey remain inside") == (
        "foreigners-remaining"
    )
    assert _answered(engine, "wetin talal selo talk about the civilians") == "selo-said"


@pytest.mark.parametrize(
    "question",
    [
        "where is that convoy off to",
        "so the convoy goes where?",
        "what region were those buses bound",
    ],
)
def test_off_to_and_goes_ask_where_the_convoy_is_heading(engine: Engine, question: str) -> None:
    """ "goes" is a function word unless it is an alias variant, as "going" is, and
    "bound" without "for" was a word the story never uses; they found where the
    convoy is now, or nothing, not where it is going."""
    assert _answered(engine, question) == "convoy-destination"


def test_the_full_form_of_initials_is_what_they_stand_for(engine: Engine) -> None:
    """Indian English asks for an acronym's "full form"; it was declined."""
    assert _answered(engine, "whats the full form of SDF") == "sdf"


@pytest.mark.parametrize(
    "question",
    [
        "which branch of the military is dillon in",
        "what did the sdf get in return for letting them go",
        # Where in the east the convoy went, and whether it got there (stop 36).
        "which eastern town did the fighters get taken to",
        "did the buses make it east in the end",
    ],
)
def test_details_the_story_never_gives_are_declined(engine: Engine, question: str) -> None:
    """Curation rounds 21 and 36 listed more questions the story does not answer,
    close to its entries; each of these got a near-miss answer before."""
    reply = engine.ask(question)
    assert reply.status == "declined", reply
    assert reply.unanswered is not None


def test_a_reporter_who_filed_the_story_is_its_source(engine: Engine) -> None:
    """A "did you mean" before curation round 21."""
    assert _answered(engine, "which reporter filed the story") == "story-source"


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("spokesman for the sdf, his name please", "talal-selo"),
        ("which name does the coalition's spokesperson go by", "ryan-dillon"),
    ],
)
def test_the_name_of_a_spokesman_is_who_he_is(engine: Engine, question: str, person: str) -> None:
    """ "name" was a word of a few phrasings, and both were declined."""
    assert _answered(engine, question) == person


def test_a_listed_question_keeps_the_words_that_set_it_apart(engine: Engine) -> None:
    """ "what's the exact date of the final assault" was listed as unanswered, but
    "exact" is filler: it read as "when was the final assault", and declined
    what the entry answers (Sunday). It is listed by its calendar date now."""
    assert _answered(engine, "date of final assault pls") == "assault-start"
    reply = engine.ask("on which calendar date was the final assault launched")
    assert reply.status == "declined", reply


def test_the_town_the_convoy_is_bound_for_is_not_named(engine: Engine) -> None:
    """The article says eastern Syria, no town: a town asked for had been given
    the region as its answer. Where it is going is still answered."""
    reply = engine.ask("those buses: what eastern town are they going to")
    assert reply.status == "declined", reply
    assert (
        _answered(engine, "and those buses, heading to what part of syria") == "convoy-destination"
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("where is the bus column driving to", "convoy-destination"),
        ("they walked free, how many of them", "convoy-size"),
    ],
)
def test_driving_to_is_heading_and_walking_free_is_leaving(
    engine: Engine, question: str, entry: str
) -> None:
    """ "drive" and "free" (as in setting free) were words no phrasing of these
    entries had, and both were declined."""
    assert _answered(engine, question) == entry


def test_what_time_asks_an_hour_the_story_never_gives(engine: Engine) -> None:
    """ "what time" was "when": the assault's day (Sunday) answered it. The hour
    is only the convoy's ("last night")."""
    reply = engine.ask("at what time of day was the final push launched, morning?")
    assert reply.status == "declined", reply
    assert _answered(engine, "at what hour was the last batch gone") == "convoy-departure"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the acord, who made it", "deal-brokers"),
        ("omar alloush, function?", "omar-alloush"),
        ("strangers fighters still inside, how many", "foreigners-remaining"),
        ("when did EI get raqqa", "raqa-captured"),
        ("estado islámico seized the city which year", "raqa-captured"),
        ("etat islamique took raqqa in what year", "raqa-captured"),
    ],
)
def test_words_of_readers_whose_first_language_is_another(
    engine: Engine, question: str, entry: str
) -> None:
    """Spanish "acuerdo" typed as "acord", a role as a "function", a foreigner as
    a "stranger", French and Spanish "EI" for IS, and the group's name in full in
    those languages: all six were declined."""
    assert _answered(engine, question) == entry


def test_someone_said_what_asks_for_their_words(engine: Engine) -> None:
    """ "dillon said wat exactly" got who Dillon is."""
    assert _answered(engine, "ryan dillon basically said what then") == "dillon-said"


def test_folks_are_people(engine: Engine) -> None:
    """ "folks" is chat filler ("hey folks"), so "normal folks" read as "normal",
    and found how common such withdrawals are."""
    assert _answered(engine, "did the normal folks get out safe") == "withdrawal-terms"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what horrible things did isis do in raqqa", "raqa-significance"),
        ("the sdf keeps making these evacuation deals, why", "withdrawals-common"),
    ],
)
def test_plain_words_for_atrocities_and_for_how_common(
    engine: Engine, question: str, entry: str
) -> None:
    """ "horrible things" and "keep making" were words no phrasing had: both declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the mostafa one who said last night, who's that", "mostafa-bali"),
        ("were the civilians on the buses there by choice", "human-shields"),
    ],
)
def test_phrasings_of_curation_round_30_are_read(engine: Engine, question: str, entry: str) -> None:
    """Round 30 wrote phrasings for twenty more kinds of reader; the first of
    these got the convoy's departure, the second was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "what size crowd left in the daesh convoy",
        "count of fighters that left in the isis convoy on sunday",
    ],
)
def test_left_in_the_groups_convoy_is_leaving(engine: Engine, question: str) -> None:
    """ "left in the convoy" is leaving, not remaining; with the group named
    between, "left in" was read as remaining and both were declined."""
    assert _answered(engine, question) == "convoy-size"


@pytest.mark.parametrize(
    "question",
    ["was the coalition cool about them walking out", "americans good w the sdf deal or not"],
)
def test_being_cool_with_something_is_agreeing(engine: Engine, question: str) -> None:
    """The first got whether the coalition was involved, the second was declined."""
    assert _answered(engine, question) == "coalition-disagreement"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("so what's taking place in raqqa at the moment", "final-assault"),
        ("under what terms did the evacuation take place", "withdrawal-terms"),
    ],
)
def test_taking_place_is_happening(engine: Engine, question: str, entry: str) -> None:
    """ "take place" was two words, "take" and "place", that no phrasing of
    either entry has; both were declined."""
    assert _answered(engine, question) == entry


def test_dragging_on_is_going_on(engine: Engine) -> None:
    """ "drag" was a word no phrasing of how long the battle has lasted had."""
    assert _answered(engine, "this fight for raqqa, how long has it dragged on") == (
        "battle-duration"
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how many isis dudes bounced out of raqqa", "convoy-size"),
        ("laila mostafa's organisation?", "laila-mostafa"),
        ("fighters from outside, were any in the convoy", "convoy-foreigners"),
    ],
)
def test_slang_for_leaving_an_organisation_and_from_outside(
    engine: Engine, question: str, entry: str
) -> None:
    """ "bounced" and "dipped" are leaving, someone's "organisation" their role,
    fighters "from outside" foreign ones: the first two were declined, the
    third got why the civilians were held."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("coalition view of the fighting still to come", "difficult-fighting"),
        ("convoy still on sdf terrain?", "convoy-location"),
    ],
)
def test_fighting_still_to_come_is_expected_and_terrain_is_territory(
    engine: Engine, question: str, entry: str
) -> None:
    """The first got Dillon's words on the partners; the second was declined."""
    assert _answered(engine, question) == entry


def test_phrasings_of_the_second_half_of_round_30_are_read(engine: Engine) -> None:
    """Round 30's second pair of curators; "mr bali, same group as mr selo?" was a
    choice between Selo's entries, and the weapons question was declined with
    no listed question to say the story never tells."""
    assert _answered(engine, "mr bali, same group as mr selo?") == "mostafa-bali"
    reply = engine.ask("the militias, what weapons or tanks do they use")
    assert reply.status == "declined", reply
    assert reply.unanswered is not None


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what the fuck even is the sdf", "sdf"),
        ("so how many of those bastards got out", "convoy-size"),
        ("when did those savages first grab raqqa", "raqa-captured"),
        ("what's the abbreviation sdf short for", "sdf"),
    ],
)
def test_swearing_insults_and_an_abbreviation_are_read(
    engine: Engine, question: str, entry: str
) -> None:
    """Each was declined: a swear word or an insult for the fighters, and
    "abbreviation", were words no phrasing had."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question", ["isis convoy heading for which region", "the buses went to what area"]
)
def test_which_area_asks_where_the_convoy_goes(engine: Engine, question: str) -> None:
    """Both got where IS still holds territory: "area" and "region" were its words."""
    assert _answered(engine, question) == "convoy-destination"


def test_a_day_asked_about_is_when_not_why(engine: Engine) -> None:
    """ "why did the sdf launch the assault on sunday", a phrasing of why it
    started, held the day as much as when it started did: a yes/no check of
    the day tied the two, and the reader was asked to choose."""
    assert _answered(engine, "so the attack on raqqa kicked off sunday, right") == "assault-start"


def test_what_forces_asks_who(engine: Engine) -> None:
    """It was declined: "which forces" asked who, "what forces" asked nothing."""
    assert _answered(engine, "what forces took part in the final push on rakka") == (
        "assault-forces"
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("which team took part in the assault on raqa", "assault-forces"),
        ("which guys hold the city now", "last-stand"),
    ],
)
def test_which_team_asks_who(engine: Engine, question: str, entry: str) -> None:
    """Both were declined: "which team" and "which guys" asked no one."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "kurdish fighters get help by which nation",
        "supported by which country, the syrian democratic forces",
    ],
)
def test_by_which_country_asks_who(engine: Engine, question: str) -> None:
    """Declined, or nearly: "country" had found where Raqa is."""
    assert _answered(engine, question) == "sdf"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how does the report portray the tribal elders", "tribal-leaders"),
        ("how does the piece characterise omar alloush", "omar-alloush"),
    ],
)
def test_how_the_article_describes_something_asks_what_it_is(
    engine: Engine, question: str, entry: str
) -> None:
    """Both were declined: "how" asked a manner, and "portray" and
    "characterise" are words the story never uses."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question", ["who came up with that arrangement", "who thought up letting them walk"]
)
def test_coming_up_with_the_deal_is_brokering_it(engine: Engine, question: str) -> None:
    """Both were declined: "came up" read as what is coming up (expected)."""
    assert _answered(engine, question) == "deal-brokers"


def test_a_speaker_man_is_a_spokesman(engine: Engine) -> None:
    """Declined: "speaker" was no word of the story, and "name" asked no one."""
    assert _answered(engine, "name of that coalition speaker man") == "ryan-dillon"


@pytest.mark.parametrize("question", ["mustafa?", "mustapha"])
def test_mustafa_alone_is_either_mostafa(engine: Engine, question: str) -> None:
    """Both were declined as off-topic: "Mustafa" was a word of the aliases
    "mustafa bali" and "laila mustafa" only, and so known but never scored."""
    reply = engine.ask(question)
    assert isinstance(reply, Ambiguous), reply
    assert {"laila-mostafa", "mostafa-bali"} <= {c.entry.id for c in reply.candidates}


@pytest.mark.parametrize(
    ("question", "entry"),
    [("ryan, whos that guy", "ryan-dillon"), ("lila?", "laila-mostafa")],
)
def test_a_first_name_alone_is_the_person(engine: Engine, question: str, entry: str) -> None:
    """ "Ryan" was a word of one phrasing of what Dillon said, and so declined;
    "Lila" a word of the aliases of Laila Mostafa only, and so off-topic."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("isis, islamic state, correct?", "is-group"),
        ("rcc means raqa civil council, correct?", "raqa-civil-council"),
        ("275 correct?", "convoy-size"),
        ("275 legit?", "convoy-size"),
        ("can you confirm 275", "convoy-size"),
    ],
)
def test_correct_at_the_end_asks_to_confirm(engine: Engine, question: str, entry: str) -> None:
    """Declined, or Laila Mostafa: "correct" was read as what she did to the
    earlier claim, and "legit" and "confirm" as words of the question."""
    assert _answered(engine, question) == entry


def test_a_lowercase_is_after_a_verb_that_asks_is_the_group(engine: Engine) -> None:
    """Declined as asking nothing: "is" was read as the verb, a stopword."""
    assert _answered(engine, "ok and what does is actually mean here") == "is-group"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("so was it three or four hundred fighters before the convoy went", "coalition-estimate"),
        ("two hundred and seventy-five syrians got out?", "convoy-size"),
    ],
)
def test_numbers_in_words_meet_the_storys_figures(
    engine: Engine, question: str, entry: str
) -> None:
    """Both were declined: "hundred", "seventy" and "five" never met 275 or 300-400."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how does the article present the coalition", "coalition"),
        ("going by the text who backs the sdf", "sdf"),
    ],
)
def test_a_framing_phrase_is_read_as_framing_whatever_its_words_fold_to(
    engine: Engine, question: str, entry: str
) -> None:
    """Declined, and a convoy's heading: the story reads "present" as now and
    "going" as where the convoy heads, so the framing phrases holding them never
    matched."""
    assert _answered(engine, question) == entry


def test_the_headline_is_asked_for_by_name(engine: Engine) -> None:
    """It was told the story does not say: "headline" is a word about the story,
    which weighs little, and no phrasing had it alone."""
    assert _answered(engine, "headline pls") == "final-assault"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("us spox who", "ryan-dillon"),
        ("us backed the deal or not", "coalition-disagreement"),
        ("us officer quoted said what", "dillon-said"),
    ],
)
def test_a_message_opening_with_us_asks_about_the_us(
    engine: Engine, question: str, entry: str
) -> None:
    """Read without "us", a pronoun: Talal Selo, declined, and who Dillon is."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("coalition backing the sdf with airplanes?", "coalition-support"),
        ("jihadists rolled out when", "convoy-departure"),
        ("number that rolled out of raqa", "convoy-size"),
    ],
)
def test_airplanes_and_rolling_out(engine: Engine, question: str, entry: str) -> None:
    """Knowledge-file aliases: airplanes are the air strikes, and rolling out is
    leaving. Each had been declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("when did the buses move out of raqqa", "convoy-departure"),
        ("the fighters moving out, is it just syrians", "convoy-size"),
    ],
)
def test_moving_out_is_leaving(engine: Engine, question: str, entry: str) -> None:
    """ "move" was a word no phrasing of either entry has: when the buses left
    was declined, and so was who left."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    [
        "what was in the sdf press release",
        "any declaration from the sdf?",
        "read me the sdf communique",
    ],
)
def test_a_declaration_or_press_release_is_a_statement(engine: Engine, question: str) -> None:
    """Knowledge-file aliases: each word was one the story never uses, so the
    SDF's statement was declined."""
    assert _answered(engine, question) == "sdf-statement"


@pytest.mark.parametrize("after", [None, "convoy-size", "convoy-departure"])
def test_where_to_asks_where_they_are_heading(
    engine: Engine, shipped_story: Story, after: str | None
) -> None:
    """ "where to" was read as "where" alone: "the buses, where to" got where the
    convoy is, and "and where to then" under an answer about who left got the
    last stand, and was declined under when they left."""
    previous = shipped_story.entry(after) if after else None
    question = "and where to then" if after else "the buses, where to"
    reply = engine.ask(question, after=previous)
    assert isinstance(reply, Answered)
    assert reply.entry.id == "convoy-destination"


def test_the_rcc_is_the_raqa_civil_council(engine: Engine) -> None:
    """ "rcc" was a word the story never uses: Omar Alloush was declined."""
    assert _answered(engine, "is alloush on the rcc too") == "omar-alloush"


@pytest.mark.parametrize(
    "question",
    ["the buses are travelling to which part of syria", "what region will the fighters travel to"],
)
def test_travelling_to_is_heading_for(engine: Engine, question: str) -> None:
    """ "travel" was a word no phrasing of where the convoy is going has: both
    were declined."""
    assert _answered(engine, question) == "convoy-destination"


def test_falling_back_to_somewhere_is_heading_there(engine: Engine) -> None:
    """ "fall back" was read as falling, as Raqa is about to, and backing, as the
    coalition does: declined."""
    assert _answered(engine, "which area did the convoy fall back to") == "convoy-destination"


def test_setting_off_an_attack_is_triggering_it(engine: Engine) -> None:
    """ "set off" alone is leaving ("when did the buses set off"); "set off the
    attack" had read so too, and was declined."""
    assert _answered(engine, "did something specific set off the attack") == "assault-trigger"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("need a recap of what laila said", "laila-mostafa-said"),
        ("tldr on what the council head told the press", "laila-mostafa-said"),
        ("recap the sdf's statement for me", "sdf-statement"),
    ],
)
def test_a_summary_of_someones_words_is_what_they_said(
    engine: Engine, question: str, entry: str
) -> None:
    """Curation: Selo, Bali and Dillon each had a phrasing asking for a summary,
    Laila Mostafa and the SDF's statement none, so "summary" led to what is
    happening in Raqa (declined) or to what Selo said."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question", ["which outfit put this article out", "who put this out, a newspaper?"]
)
def test_putting_a_story_out_is_publishing_it(engine: Engine, question: str) -> None:
    """ "put" and "out" asked nothing: both were declined, the second as
    off-topic."""
    assert _answered(engine, question) == "story-source"


def test_since_when_asks_how_long(engine: Engine) -> None:
    """ "Since when" had been read as "since" and "when": the day IS took Raqa,
    declined. The article says how long IS has been in retreat."""
    assert _answered(engine, "since when has daesh been giving ground") == "is-retreat"


def test_the_civilians_of_the_convoy_are_not_counted_but_its_people_are(engine: Engine) -> None:
    """The story gives the convoy's size, fighters and families together, not
    how many were civilians: that had been answered with the size, as "how
    many people were in the convoy" is."""
    reply = engine.ask("of the convoy, how many were non-combatants")
    assert reply.status == "declined", reply
    assert _answered(engine, "so all in all, the people in the convoy numbered how many") == (
        "convoy-size"
    )


def test_the_buses_are_the_convoy(engine: Engine) -> None:
    """A knowledge-file alias: "buses" had been read as a word the article never
    uses, and the question was declined. How many buses it had, the story does
    not say."""
    assert _answered(engine, "when did the buses pull out") == "convoy-departure"
    assert engine.ask("how many buses were in the convoy").status == "declined"


def test_an_outfit_is_a_group(engine: Engine) -> None:
    """A knowledge-file alias: "outfit" had been read as a word the story never
    uses, and the question was declined."""
    assert _answered(engine, "the sdf, what kind of outfit is it") == "sdf"


def test_the_yanks_are_the_americans(engine: Engine) -> None:
    """A knowledge-file alias: "the yanks" had been read as a word the story never
    uses, and this found whether the coalition had a hand in the evacuation."""
    assert _answered(engine, "the yanks, what's their part in this") == "coalition"


def test_punctuation_said_aloud_is_no_word_of_the_question(engine: Engine) -> None:
    """Dictated, "period" was a word the story never uses: declined."""
    assert _answered(engine, "count of jihadis that pulled out period") == "convoy-size"


@pytest.mark.parametrize("question", ["article title pls", "whats the title of this story"])
def test_the_articles_title_is_its_headline(engine: Engine, question: str) -> None:
    """Both were offered the coalition's involvement or Talal Selo: "title" as
    someone's job."""
    assert _answered(engine, question) == "final-assault"
    # A person's title is still their job.
    assert _answered(engine, "talal selo job title?") == "talal-selo"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how to spell alloush", "omar-alloush"),
        ("how do u spell dillon", "ryan-dillon"),
        ("spelling of bali", "mostafa-bali"),
    ],
)
def test_how_a_name_is_spelled_is_who_the_person_is(
    engine: Engine, question: str, entry: str
) -> None:
    """All were declined: "spell" was read as "Selo", a name two slips away."""
    assert _answered(engine, question) == entry


def test_whose_figure_it_is_asks_who_gave_it(engine: Engine) -> None:
    """It got the conflicting accounts: "whose figure" asked nothing, and "figure"
    is one of the accounts' words."""
    assert _answered(engine, "whose figure is 275") == "convoy-size"


def test_a_plain_check_of_someones_post_is_answered(engine: Engine) -> None:
    """The listed question "is talal selo still the sdf spokesman now" differed from
    it only by "now", and declined it."""
    assert _answered(engine, "is talal selo an sdf spokesman") == "talal-selo"


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        # Who brokered the deal, or what the tribal leaders did: both say the elders helped.
        ("had the tribal elders any part in the agreement", {"deal-brokers", "tribal-leaders"}),
        ("was it in 2014 that is took raqa", {"raqa-captured"}),
    ],
)
def test_a_listed_question_does_not_decline_the_fact_it_leans_on(
    engine: Engine, question: str, entries: set[str]
) -> None:
    """Both were declined by a listed question that holds the same words and one
    more: "Which tribes' elders took part in negotiating the deal?" ("tribes" is
    "tribal" to the aliases) and "what month in 2014 did isis take raqqa"."""
    assert _answered(engine, question) in entries


def test_mines_are_a_word_the_story_never_uses(engine: Engine) -> None:
    """ "mines" was read as the pronoun "mine", so the question was "raqqa" alone:
    what is happening there."""
    reply = engine.ask("mines in raqqa?")
    assert isinstance(reply, Declined)
    assert reply.reason == "not_covered"


def test_which_month_is_still_declined(engine: Engine) -> None:
    """The listed question reworded without its year still declines the month
    IS took Raqa, which the story never gives."""
    reply = engine.ask("which month did daesh take rakka")
    assert isinstance(reply, Declined)
    assert reply.unanswered is not None


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("did dillon indicate the coalition helped with the evacuation", "coalition-involvement"),
        ("dillon's remark on the sdf partners, what was it", "dillon-said"),
    ],
)
def test_careful_words_for_saying_are_saying(engine: Engine, question: str, entry: str) -> None:
    """ "indicate" was a word no phrasing had, and "remark" one that left a choice."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    ["was raqqa a sort of command center for isis", "did isis use raqqa as its headquarters"],
)
def test_a_hub_or_headquarters_is_the_operations_centre(engine: Engine, question: str) -> None:
    """Both were declined: the article says "operations centre", and "center",
    "hub" and "headquarters" were words no phrasing had."""
    assert _answered(engine, question) == "raqa-significance"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("so how many daesh boys left raqa", "convoy-size"),
        ("how many of them legged it out of the city", "convoy-size"),
        ("how many jihadis scarpered on the buses", "convoy-size"),
    ],
)
def test_the_boys_and_british_slang_for_leaving_are_read(
    engine: Engine, question: str, entry: str
) -> None:
    """Each was declined: "boys" for the fighters, and "legged it" and
    "scarpered" for leaving, were words no phrasing had."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the coalition, who are they when they're at home", "coalition"),
        ("what do the initials sdf mean", "sdf"),
        ("selo the man, what does he do", "talal-selo"),
    ],
)
def test_they_at_home_initials_and_the_man_are_read(
    engine: Engine, question: str, entry: str
) -> None:
    """Each was declined or got another entry: "when they're at home" was read
    as a time and a home, "initials" was a word no phrasing had, and "man"
    weighed as a word of the question."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    "question",
    ["could you briefly say what the article is about", "briefly, what's this story about"],
)
def test_briefly_asks_for_no_brief(engine: Engine, question: str) -> None:
    """Both got what IS is, or nothing: a phrasing of that entry opens with
    "briefly", which was read as a word of the question."""
    assert _answered(engine, question) == "final-assault"


@pytest.mark.parametrize(
    "question",
    [
        "are the jihadists losing everywhere",
        "is the islamic state getting battered",
        "daesh has been going backwards for years, right?",
    ],
)
def test_everywhere_is_filler_and_going_backwards_is_retreat(engine: Engine, question: str) -> None:
    """Each was declined: "everywhere" weighed as a word the story never uses
    ("somewhere" and "anywhere" already did not), and "battered" and "going
    backwards" were words no phrasing had."""
    assert _answered(engine, question) == "is-retreat"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("selo na sdf spokesman abi?", "talal-selo"),
        ("shey the convoy carry pikin?", "convoy-who"),
    ],
)
def test_pidgin_tags_and_children_are_read(engine: Engine, question: str, entry: str) -> None:
    """Both were declined: "abi" and "shey" (asking to confirm) and "pikin"
    (children) weighed as words the story never uses."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the syrian fighters took which relatives with them po", "convoy-who"),
        ("sino yung Ryan Dillon", "ryan-dillon"),
        ("bakit did the sdf allow the convoy", "sdf-decision"),
        ("kailan nagsimula yung final assault", "assault-start"),
        ("ano ba yung coalition po?", "coalition"),
    ],
)
def test_filipino_english_courtesy_and_question_words_are_read(
    engine: Engine, question: str, entry: str
) -> None:
    """Each was declined or wrong: "po" (a courtesy) weighed as a word the story
    never uses, and "sino", "bakit", "kailan" (who, why, when) asked nothing;
    so did "ano" (what), and "ba" (asking, as "right?" does) weighed as a
    word."""
    assert _answered(engine, question) == entry


def test_asking_whether_it_is_accurate_asks_what_follows(engine: Engine) -> None:
    """Declined: "accurate" weighed as a word the story never uses, where
    "is that true" and "is that correct" frame the claim and ask nothing."""
    question = "is that accurate that the us had no role in the evacuation"
    assert _answered(engine, question) == "coalition-involvement"


def test_precisely_is_a_hedge(engine: Engine) -> None:
    """Declined: "precisely" weighed as a rare word of the story, where
    "specifically" and "exactly" were already hedges."""
    question = "what precisely did the council say about foreigners in the convoy"
    assert _answered(engine, question) in {"convoy-foreigners", "laila-mostafa-said"}


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("so who r the sdf anyways", "sdf"),
        ("which outfit is the coalition anyway", "coalition"),
    ],
)
def test_anyway_is_a_hedge(engine: Engine, question: str, entry: str) -> None:
    """Declined: "anyway" weighed as a rare word of the story, which three
    curated phrasings of other entries end with, where "actually" was a hedge."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("much obliged if you say when the convoy departed", "convoy-departure"),
        ("can u clarify if kids were among the families", "convoy-who"),
    ],
)
def test_asking_politely_to_clarify_is_no_word(engine: Engine, question: str, entry: str) -> None:
    """Declined: "obliged" and "clarify" weighed as words the story never uses,
    where "grateful" and "appreciate" were already courtesies."""
    assert _answered(engine, question) == entry


def test_asking_in_context_is_no_word(engine: Engine) -> None:
    """Declined: "context" weighed as a word the story never uses, where the
    reader only asks what the SDF are here."""
    assert _answered(engine, "in this context who are the sdf") == "sdf"


def test_the_ones_left_are_those_remaining(engine: Engine) -> None:
    """Got who the civilians left in Raqa are: "left" alone is leaving, and
    "the ones left" is who remains, as "were left" already was."""
    question = "are the ones left in raqa locals or from abroad"
    assert _answered(engine, question) == "foreigners-remaining"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the count that left in this convoy was what", "convoy-size"),
        ("were there kids among those left in the buses", "convoy-who"),
    ],
)
def test_left_in_the_convoy_is_leaving_whatever_names_it(
    engine: Engine, question: str, entry: str
) -> None:
    """Read as who remains: "left in" is remaining ("left in Raqa"), and only
    "the", "a" and "that" convoy made it leaving."""
    assert _answered(engine, question) == entry


def test_dictated_punctuation_is_no_word(engine: Engine) -> None:
    """Declined: "comma", "question" and "mark" weighed as words of the
    question, where a phone's dictation only meant the punctuation."""
    question = "which river comma does isis still hold land along question mark"
    assert _answered(engine, question) == "is-territory"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("that caravan had how many pple in total innit", "convoy-size"),
        ("so ordinary pple are still stuck in the city innit", "civilians-remaining"),
    ],
)
def test_more_chat_spellings_are_read(engine: Engine, question: str, entry: str) -> None:
    """Both were declined: "pple" (people) and "innit" (a tag asking to
    agree) weighed as words the story never uses."""
    assert _answered(engine, question) == entry


def test_a_choice_the_referee_is_sure_of_is_answered(engine: Engine) -> None:
    """Who made up the council was a "did you mean" between it (61) and who
    brokered the deal (63); the referee gives the council better than even odds."""
    assert _answered(engine, "who made up rakka's council") == "raqa-civil-council"


def test_one_tree_of_the_referee_does_not_overrule_the_rest(engine: Engine) -> None:
    """The second opinion all but sure (over 0.9998) of an entry whose answer
    holds little of the question: one of the referee's trees has a leaf of -3.6
    in log-odds there, fitted on a handful of rows, and declined it at odds of
    0.49. Each tree's step is bounded now (bot.referee.STEP)."""
    question = "was raqa kind of like the daesh capital or why does everyone care"
    assert _answered(engine, question) == "raqa-significance"


def test_a_count_the_story_never_gives_is_declined(engine: Engine) -> None:
    """The tribal leaders' entry says what part they played, never how many they
    were (tests/test_engine.py: the rules decline it). Missed from stop 37, when
    the referee began to read the asked questions, until stop 44 added more."""
    assert isinstance(engine.ask("count of tribal elders that helped in talks"), Declined)


@pytest.mark.xfail(reason=ASKED_MISS, strict=True)
def test_the_referee_answers_what_the_second_opinion_all_but_names(engine: Engine) -> None:
    """ "amount" asks how many to the rules, so the foreign fighters left (46)
    outscore how long the battle has lasted (39), and neither is answered. The
    second opinion gives the battle's length a chance of 0.99, and the referee
    (bot/referee.py) answers it."""
    assert _answered(engine, "the amount of time the battle has taken") == "battle-duration"


@pytest.mark.parametrize(
    "question",
    ["who was the matchmaker for this agreement", "any matchmakers behind the agreement?"],
)
def test_a_matchmaker_brokers_the_deal(engine: Engine, question: str) -> None:
    """ "matchmaker" was a word the story never uses: both were declined."""
    assert _answered(engine, question) == "deal-brokers"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("could you tell me what selo said", "selo-said"),
        ("my aunt is wondering what dillon told the press", "dillon-said"),
        ("gran asks me what the spokesman selo told journalists", "selo-said"),
    ],
)
def test_what_someone_said_after_the_asking(engine: Engine, question: str, entry: str) -> None:
    """ "What Selo said" counted as asking for his words only at the start of the
    message: each got who the speaker is."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("my gramps wants to know who the sdf are", "sdf"),
        ("grandad is wondering where the convoy is now", "convoy-location"),
    ],
)
def test_a_grandad_asking_is_no_word_of_the_question(
    engine: Engine, question: str, entry: str
) -> None:
    """ "gramps" and "grandad" were words the story never uses, and a grandad
    "is wondering" was not yet one who asks: both were declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("howmany foreign jihadis are holding out", "foreigners-remaining"),
        ("whendid these jihadis roll out", "convoy-departure"),
    ],
)
def test_a_missed_space_after_the_question_word(engine: Engine, question: str, entry: str) -> None:
    """ "howmany" and "whendid" were words the story never uses: both were declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("on which night did the isis column drive out", "convoy-departure"),
        ("were there kids with the militants driving out", "convoy-who"),
    ],
)
def test_driving_out_is_leaving(engine: Engine, question: str, entry: str) -> None:
    """ "drive" was read as heading somewhere: both were declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize("question", ["fds = kurdish militia or what", "explain the FDS to me pls"])
def test_fds_is_the_sdf_in_spanish_french_and_portuguese(engine: Engine, question: str) -> None:
    """ "FDS" was a word the story never uses: declined, the second as off-topic."""
    assert _answered(engine, question) == "sdf"


def test_a_title_with_a_dot_ends_no_sentence(engine: Engine) -> None:
    """ "What role did Mr." was read as a question of its own, about anyone's
    role: the reply wavered between Selo and the coalition."""
    assert _answered(engine, "what role did Mr. Bali have in the events") == "mostafa-bali"


@pytest.mark.parametrize(
    "question",
    [
        "so americans use jets to back up the kurdish-arab force?",
        "coalition warplanes backing the kurds?",
    ],
)
def test_jets_and_warplanes_are_the_air_strikes(engine: Engine, question: str) -> None:
    """ "jets" and "warplanes" were words the story never uses: both were declined."""
    assert _answered(engine, question) == "coalition-support"


@pytest.mark.parametrize(
    ("question", "entry"),
    [("qasad = ?", "sdf"), ("read me the bayan the sdf issued", "sdf-statement")],
)
def test_qasad_and_bayan_are_the_sdf_and_its_statement(
    engine: Engine, question: str, entry: str
) -> None:
    """The Arabic names, in Latin letters: the first was declined as off-topic,
    the second as a word the story never uses."""
    assert _answered(engine, question) == entry


def test_putting_out_a_statement_is_the_sdf_statement(engine: Engine) -> None:
    """The SDF's is the only statement the story has. Read as plain saying, "put
    out a statement" lost the word that names it, and "sunday" found the
    assault's start."""
    assert _answered(engine, "the militias put out a statement on sunday, got a quote?") == (
        "sdf-statement"
    )


@pytest.mark.parametrize(
    "question", ["makeup of the people on those buses?", "convoy makeup: fighters or civvies?"]
)
def test_a_makeup_is_no_making(engine: Engine, question: str) -> None:
    """A group's makeup was read as "make", which is also what a convoy does
    when it "makes it" somewhere: the second got where the convoy is, and the
    first was declined with where it is as the best entry."""
    assert _answered(engine, question) == "convoy-who"


def test_tahaluf_is_the_coalition(engine: Engine) -> None:
    """ "ta7aluf", the Arabic name in chat's Latin letters, was a word the story
    never uses: declined as off-topic."""
    assert _answered(engine, "the ta7aluf, who leads it") == "coalition"


@pytest.mark.parametrize(
    "question",
    [
        "did washington help get anybody out of the city",
        "were the yanks helping get people out of raqqa",
    ],
)
def test_helping_get_people_out_is_being_involved(engine: Engine, question: str) -> None:
    """ "help" alone is chat ("can you help me"): the first got what the
    coalition is, the second was declined."""
    assert _answered(engine, question) == "coalition-involvement"


def test_having_anything_to_do_with_it_is_being_involved(engine: Engine) -> None:
    """ "anything to do with" was function words: this was declined, the coalition's
    backing of the SDF the best entry."""
    question = "yanks, anything to do with the pullout? or purely the kurds"
    assert _answered(engine, question) == "coalition-involvement"


@pytest.mark.parametrize(
    "question",
    ["whats the craic in raqqa these days", "so what is the craic with the sdf and raqa"],
)
def test_the_craic_is_what_is_going_on(engine: Engine, question: str) -> None:
    """ "craic" was a word the story never uses: both were declined."""
    assert _answered(engine, question) == "final-assault"


def test_resume_me_asks_for_a_summary(engine: Engine) -> None:
    """French "résumer" and Spanish "resumir" in English: "resume" was a word the
    story never uses, and this was declined."""
    assert _answered(engine, "pls resume me what mostafa bali declared") == "bali-said"


def test_a_dash_between_spaces_ends_a_sentence(engine: Engine) -> None:
    """ "my inbox exploded - so who brokered this raqa deal exactly" was one
    part, whose inbox and exploding are words the story never uses: declined."""
    question = (
        "what a day at the office, my inbox exploded - so who brokered this raqa deal exactly"
    )
    assert _answered(engine, question) == "deal-brokers"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how do i explain to a 7 year old where the convoy went", "convoy-destination"),
        ("explaining to a teenager who the sdf are, help", "sdf"),
        ("how would u explain to pupils who remains to fight in raqa", "last-stand"),
    ],
)
def test_whom_the_reader_explains_to_is_no_word_of_the_question(
    engine: Engine, question: str, entry: str
) -> None:
    """ "7 year old", "teenager" and "pupils" were read as words of the question,
    "7", "teenager" and "pupils" as words the story never uses: all were declined
    (the pupils until stop 49)."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how would you describe omar alloush", "omar-alloush"),
        ("easiest way to explain who talal selo is?", "talal-selo"),
    ],
)
def test_asking_how_to_explain_or_describe_asks_what_it_is(
    engine: Engine, question: str, entry: str
) -> None:
    """The reader's "how" and "way" are how to put it, not how anything happened:
    the first was declined, the second answered at 58, near the threshold."""
    reply = engine.ask(question)
    assert isinstance(reply, Answered)
    assert reply.entry.id == entry
    assert reply.score >= 90


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("right grand, that colonel, who's he", "ryan-dillon"),
        ("ah the poor kids, were they on the buses too", "convoy-who"),
    ],
)
def test_grand_and_poor_say_how_the_reader_feels(engine: Engine, question: str, entry: str) -> None:
    """Irish "grand" (fine) was corrected to "grant", which allows; "poor" was a
    word the story never uses: both were declined."""
    assert _answered(engine, question) == entry


def test_families_still_in_the_city_are_the_civilians_left(engine: Engine) -> None:
    """Curation: the foreign fighters' wives and children, a question listed as
    unanswered, came within the margin of the civilians left: declined."""
    assert _answered(engine, "whole families stuck in the city yet?") == "civilians-remaining"


@pytest.mark.parametrize(
    "question",
    [
        "america involved? in getting anyone out i mean",
        "so was the pentagon involved with getting them out",
    ],
)
def test_getting_people_out_is_the_evacuation(engine: Engine, question: str) -> None:
    """ "get … out" was read only with nothing between: both got what the
    coalition is, whose phrasings ask how the US is involved."""
    assert _answered(engine, question) == "coalition-involvement"


def test_a_losing_streak_is_the_retreat(engine: Engine) -> None:
    """ "streak" was a word the story never uses: declined."""
    assert _answered(engine, "losing streak?") == "is-retreat"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("normies stuck in raqqa?", "civilians-remaining"),
        ("did washington go along with it", "coalition-disagreement"),
        ("brutal fighting ahead for the sdf or not", "difficult-fighting"),
        ("the catalyst for this assault, what was it", "assault-trigger"),
    ],
)
def test_normies_going_along_brutal_and_a_catalyst(
    engine: Engine, question: str, entry: str
) -> None:
    """Knowledge-file aliases: ordinary people, agreeing, how hard, what
    triggered it. Each was declined."""
    assert _answered(engine, question) == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("is the city pretty much done for", "raqa-fall"),
        ("raqa all but done for?", "raqa-fall"),
        # Not anything done for someone.
        ("what is being done for the civilians", "civilians-remaining"),
    ],
)
def test_done_for_is_about_to_fall(engine: Engine, question: str, entry: str) -> None:
    """ "done" and "for" are function words: the first got where Raqa is, the
    second what the final assault is."""
    assert _answered(engine, question) == entry


def test_a_number_offered_beside_the_storys_own_asks_which(engine: Engine) -> None:
    # 290 is no number of the story's: it weighed against the 275 in the convoy.
    assert _answered(engine, "275 or 290 in the convoy?") == "convoy-size"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # Tagalog
        ("ilan po yung mga umalis na fighters kasama pamilya nila", "convoy-size"),
        ("sino pa ang natitira sa loob ng lungsod", "last-stand"),
        ("bakit hindi pinakawalan ng IS yung mga sibilyan pagkalabas", "civilians-held"),
        ("kailan nagsimula ang huling atake", "assault-start"),
        ("para saan po ba talaga yung kasunduan", "deal-purpose"),
        ("kasali ba ang mga kano sa paglikas ng mga IS", "coalition-involvement"),
        ("anong sabi ng tagapagsalita ng coalition tungkol sa laban", "dillon-said"),
        ("saang lugar ba ang patutunguhan nila pagkatapos umalis", "convoy-destination"),
        ("ano ang layunin ng kasunduan sa raqa", "deal-purpose"),
        # Indonesian and Malay
        ("berapa banyak pejuang yang keluar bareng keluarganya", "convoy-size"),
        ("di kota itu sekarang siapa yang bertahan melawan", "last-stand"),
        ("kenapa warga sipil tidak dilepaskan setelah keluar dari kota", "civilians-held"),
        ("perjanjian evakuasi ini sebenarnya untuk tujuan apa", "deal-purpose"),
        ("adakah askar amerika terlibat dalam evakuasi", "coalition-involvement"),
        ("jurucakap koalisi cakap apa pasal pertempuran", "difficult-fighting"),
        ("masih ada warga sipil yg kejebak di dalam kota gak sih", "civilians-remaining"),
        ("koalisi ngasih dukungan apa aja ke sdf", "coalition-support"),
        ("tokoh2 suku tu peranannya apa dalam deal ni", "tribal-leaders"),
        ("kenapa laporan soal jumlah orang di konvoi gak konsisten", "conflicting-accounts"),
        # Hindi and Urdu in Latin letters
        ("kitne log nikle the shehar se convoy mein", "convoy-size"),
        ("abhi shehar ke andar kaun bache hai ladne ko", "last-stand"),
        ("deal ki shartein kya thi civilians ke liye", "withdrawal-terms"),
        ("colonel dillon ne kya bola ladai ke baare mein", "dillon-said"),
        ("convoy ki manzil kya thi, kahan pahunche woh log", "convoy-destination"),
        ("is evacuation ka maksad kya tha bhai", "deal-purpose"),
        # Arabic in Latin letters and digits
        ("addeish mu2atel ajnabi ba2yin jowa el madine hala2", "foreigners-remaining"),
        ("wein ra7et el 2afle ba3d ma tel3et", "convoy-destination"),
        ("leish el sdf tarakouhon yetla3o", "sdf-decision"),
        ("wain ra7aw el dawa3ish ba3d ma 6l3aw", "convoy-destination"),
        # Turkish without its letters
        ("abi koalisyonun sozcusu bu konuda tam olarak ne diyor", "dillon-said"),
        ("konvoydaki savascilar nereye gidiyor simdi", "convoy-destination"),
        ("IS'liler raqqa'dan gidince sehirde kim kaldi", "last-stand"),
    ],
)
def test_questions_in_other_languages_are_answered(
    engine: Engine, question: str, entry: str
) -> None:
    """Each was declined, most as off-topic or as not English: its words of news
    were words the story never uses."""
    assert _answered(engine, question) == entry
