"""The answer engine: one question in, one reply model out. No Discord in here.

The engine serves every story it was given. Each story scores the question in
its own vocabulary; the engine then decides once, over all of them, whether to
answer, to offer a choice, or to decline and say why.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, combinations, islice
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.asking import (
    Attribution,
    asked_part,
    asks,
    asks_about_the_bot,
    asks_for_more,
    asks_who_is_quoted,
    attributed_claim,
    has_question_word,
    in_another_language,
    is_pleasantry,
    judges_the_bot,
    names_a_choice,
    only_chatter,
    only_reacts,
    places_picked,
    quoted_asking_whose,
    without_greeting,
    without_sign_off,
)
from bot.knowledge import Entry, Story, load_library, speakers_named
from bot.matching import UNANSWERED, Analysis, StoryIndex, Tuning
from bot.normalize import Word, dictated, fold_quotes, is_stopword, stem, tokenize, words
from bot.referee import Referee, Signals, features, shipped
from bot.replies import (
    Ambiguous,
    Answered,
    Candidate,
    Context,
    Declined,
    DeclineReason,
    Quoted,
    QuotedSpeaker,
    Reply,
    Ruling,
    offered,
)

__all__ = ["Engine", "Reading", "Thresholds"]

# The longest text read as a question: a longer one (the command line takes any)
# is cut to it first, so that no question costs more to read than this. No reader
# on Discord is cut short: a message holds no more.
MAX_QUESTION_CHARS = 2000
# How many entries a reading ranks. Decisions look only at the first few, and a
# large story scores thousands of entries for a common word: ranking them all
# would cost time and change nothing.
RANK_DEPTH = 25
# The passages of one question looked for among what people said: a reader quotes
# one, and a message of hundreds must cost no more than a question.
MAX_QUOTED = 3
EXACT = 99.99  # the score of a question that reads exactly as one of the phrasings
# Autocomplete matches a half-typed question against every phrasing up to this
# many (README, Speed, has the cost a keystroke); past it, against each entry's
# question only.
AUTOCOMPLETE_PHRASINGS = 5000


# Follow-ups (Engine._follow_up): words of a reply that point back at the answer
# it replies to, and how short a reply is that must lean on it. General English.
_HE = frozenset("he him his himself hes".split())
_SHE = frozenset("she her hers herself shes".split())
_PERSON = _HE | _SHE
_THEY = frozenset("they them theyre".split())
# The words that stand for a thing or people named before ("that" and "those"
# also point at what follows them: "that convoy", "those buses").
_ITS = _THEY | frozenset("their theirs themselves it its itself".split())
_THIS = frozenset("that this those these".split())
# Whose one thing a later part asks: a person's, or by "their" a group's. Not by
# "they" or "them": as those, it lost more replies than it gained (bench/HISTORY.md).
_OF_THE_NAMED = _PERSON | {"their"}
_POINTING_BACK = _ITS | _THIS
_SHORT = 3
_CHOICES = 5  # the most words of a part of a message that only offers choices
# The most words a reply to a list of choices has that names one ("the Selo one").
_SHORT_PICK = 5


# Question words that are not stopwords: they ask, and say nothing of what about.
_ASKING = frozenset("who when where why how".split())
# With those that are stopwords: what a follow-up drops from its answer's question.
_ASKING_ANY = _ASKING | frozenset("what which whose whom many much".split())
# "what's his name?": a word the story never uses, which asks who he is.
_NAME = frozenset({"name", "names"})
# How far down a claim's own ranking the whole question's answer may be and still
# be what the claim is about (see Engine._about_the_claim).
_CLAIM_RIVALS = 5


def _naming(name: str, said: list[Word], pronouns: frozenset[str] = _PERSON) -> str:
    """A reply with its "he" or "she" (or other `pronouns`) replaced by a name."""
    return " ".join(name if w.folded in pronouns else w.raw for w in said)


def _asks_beyond(reply: Ruling, after: Entry, question: str, *, who_said: bool) -> bool:
    """Whether a reply to an answer, answered with that same answer, asks for more
    than it says ("any other spokesmen?", "what atrocities?"), which the story
    does not: the reader has that answer. Not where the same answer is what was
    asked: its question again (a phrasing matched exactly), "who is he?" of the
    one it is about, or "who said that?" of one that quotes its own source."""
    if not isinstance(reply, Answered) or reply.entry != after or who_said:
        return False
    return reply.score < EXACT and not any(w.folded in _PERSON for w in tokenize(question))


def _asks_who_said(attribution: Attribution | None) -> bool:
    """Whether a message asks only who said something ("who said that?", "says
    who lol", "ok who said that and when?"): under an answer, who said its words.
    A question word with words after it asks something of its own: "who said
    where they went" asks who said that they went somewhere."""
    if attribution is None:
        return False
    said = tokenize(attribution.claim)
    if not all(is_stopword(w) or w.folded in _ASKING_ANY for w in said):
        return False
    asked = [i for i, w in enumerate(said) if w.folded in _ASKING_ANY]
    return not asked or (
        len(asked) == 1 and only_chatter(" ".join(w.raw for w in said[asked[0] + 1 :]))
    )


def _asks_about_nothing(alone: Declined, reading: Reading) -> bool:
    """Whether a message declined as off-topic names nothing at all: every word of
    it asks ("when?", "how many?") or points back ("who is he?", "is that true")."""
    content = (t for a in reading.analyses for t in a.terms if not t.startswith("@"))
    return alone.reason is DeclineReason.OFF_TOPIC and next(content, None) is None


def _settled(alone: Ruling) -> bool:
    """A reply's own reading that no earlier answer can overturn: nothing to read
    ("bye"), a language the bot cannot read, or about what the story never says
    (a word it never uses, or a question the knowledge file lists as unanswered).
    "is iran involved" under the coalition's answer is still a question about Iran."""
    if not isinstance(alone, Declined):
        return False
    if alone.reason in (DeclineReason.EMPTY, DeclineReason.NOT_ENGLISH):
        return True
    return bool(alone.missing or alone.unanswered)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the engine stops answering. Tunable from the environment (see config)."""

    answer: float = 60.0  # the best entry must score at least this to be answered
    suggest: float = 30.0  # an entry must score at least this to be offered as a suggestion
    margin: float = 3.0  # entries this close to the best are offered together, not guessed
    # A best entry may score up to `lead_allowance` under `answer` and still be
    # answered when it leads every other entry by `lead` and the story knows every
    # word of the question: a clear winner with nothing unexplained is the reader's
    # own wording of a fact, and a question about what the story never says
    # almost always has a word the story never uses, or a near rival.
    lead_allowance: float = 15.0
    lead: float = 10.0
    # A message that uses `long_words` or more of the article's own words is
    # plainly about the story, yet each word no phrasing has lowers every entry's
    # score: its best entry is answered from `long_allowance` under `answer` if
    # it leads every other entry by `long_lead` and the part of the message it
    # matched (a clause, or the whole) has no word the story never uses. The
    # message's other parts may: they are mostly its courtesies and asides.
    long_words: int = 4
    long_allowance: float = 20.0
    long_lead: float = 6.0
    # A best entry up to `seconded_allowance` under `answer` is answered when a
    # second opinion, which counts how often each entry's phrasings use each of
    # the question's words (StoryIndex.chance), gives it a chance of at least
    # `seconded`, the entry answers the kind of question asked, and at most one
    # word of the question is one the story never uses. Where both readings
    # point at one entry, a low score is the reader's own wording more often
    # than a question the story does not answer: the second opinion weighs
    # each entry against the story's listed unanswered questions.
    seconded_allowance: float = 20.0
    seconded: float = 0.8
    # An answer the second opinion gives a chance under `overruled` gives way to
    # one of the next entries that it would answer (as above), if one is up to
    # `seconded_allowance` under it: both readings are rarely that far apart
    # when the scores are right. So does a best entry short of an answer, which
    # would be declined, unless a listed unanswered question declined it.
    overruled: float = 0.05
    # An entry this close under the one answered is the first button after the
    # answer: when the engine picked wrong, the reader is one click from the fact.
    near: float = 15.0
    # A message that asks two things ("who brokered the deal and why") is
    # answered for the part asked first when its entry clears `answer` and is
    # at most this far under the later part's.
    first_part: float = 10.0
    # The referee (bot.referee) answers with the entry it gives the best odds of
    # being right if they are at least `referee` (and it scores at least `suggest`
    # and no more than `seconded_allowance` under the best), whatever the rules
    # chose, and declines if none has them. 1.0 or more leaves the rules' reply alone.
    referee: float = 0.5


@dataclass(frozen=True, slots=True)
class Reading:
    """A question as every story read it, and the entries ranked across stories."""

    analyses: tuple[Analysis, ...]
    ranked: tuple[Candidate, ...]


class Engine:
    """Answers questions about a set of stories."""

    def __init__(
        self,
        stories: Sequence[Story],
        thresholds: Thresholds | None = None,
        tuning: Tuning | None = None,
        referee: Referee | None = None,
    ) -> None:
        if not stories:
            raise ValueError("an engine needs at least one story")
        self.stories = tuple(stories)
        self.thresholds = thresholds or Thresholds()
        # None: each story is judged by the shipped trees for it (bot.referee.shipped).
        self.referee = referee
        self._indexes = [StoryIndex(s, tuning) for s in self.stories]
        self._by_id = {s.id: s for s in self.stories}
        self._position = {s.id: i for i, s in enumerate(self.stories)}
        # What the words asking who said something find alone (see _found_by).
        self._asking_finds: dict[str, tuple[Entry, ...]] = {}
        # For autocomplete: every phrasing, folded, with the entry it belongs to. A
        # large library keeps only each entry's question: rapidfuzz holds the event
        # loop (and the GIL) while it scores them, at every keystroke.
        entries = [entry for s in self.stories for entry in s.entries]
        if sum(len(e.phrasings) for e in entries) > AUTOCOMPLETE_PHRASINGS:
            self._phrasings = [(entry, _fold(entry.question)) for entry in entries]
        else:
            self._phrasings = [
                (entry, _fold(text)) for entry in entries for text in entry.phrasings
            ]
        self._phrasing_texts = [p for _, p in self._phrasings]
        # Each person's words, as quoted_asking_whose gives a reader's, one a line in
        # one text that str.find searches at C speed however large the library; the
        # article's own narration is no one's words.
        said = [(e, q.text) for e in entries for q in e.quotes if q.speaker.key]
        self._saying = [entry for entry, _ in said]
        lines = [f" {' '.join(words(fold_quotes(text))).casefold()} " for _, text in said]
        self._said_starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        self._said = "\n".join(lines)
        # What a decline suggests when nothing came close.
        self._first_featured = tuple(Candidate(e, 0.0) for e in self.featured_entries(3))

    @classmethod
    def from_path(
        cls, path: Path, thresholds: Thresholds | None = None, tuning: Tuning | None = None
    ) -> Engine:
        """Load a knowledge file or folder; raises KnowledgeError when it is unsound."""
        return cls(load_library(path), thresholds, tuning)

    # --- questions -----------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        after: Entry | None = None,
        offered: Sequence[Entry | None] = (),
    ) -> Reply:
        """Answer, offer a choice, or decline.

        `after` is the entry whose answer the question replies to: a reply that
        leans on it ("who is he?", "where are they now?", "why?") is read with it.
        `offered` are the entries the message it replies to offered, in order (a
        "did you mean", a decline's suggestions, an answer's buttons): "the
        second one" picks from them. None holds the place of one that is gone.
        """
        question = question[:MAX_QUESTION_CHARS]
        # A letter's greeting and closing, and an aside before the question, are
        # no part of it: the reply answers what is left, and keeps the message as asked.
        unsigned = without_greeting(without_sign_off(question))
        asked = _past_an_aside(unsigned) or unsigned
        if asked != question:
            return replace(self.ask(asked, after=after, offered=offered), question=question)
        # Entries remembered from before a reload are read as the knowledge is now;
        # one gone keeps its place, so that "2" is still the second button shown.
        after = self._current(after)
        choices = [self._current(e) for e in offered]
        places = places_picked(question, len(choices)) if choices else ()
        if any(not -len(choices) <= p < len(choices) for p in places):
            if live := tuple(Candidate(e, 0.0) for e in choices if e is not None):
                # "4" under three buttons: the reader meant to pick, so show what there is.
                return Declined(question, DeclineReason.NO_SUCH_CHOICE, live)
        elif picked := [e for e in dict.fromkeys(choices[p] for p in places) if e is not None]:
            # "1 or 2": the first is answered, the others are its first buttons.
            return self._chosen(picked[0], question, after, also=picked[1:])
        if asks_about_the_bot(question):
            # Under an answer too: "who made you?" is no follow-up.
            return Declined(question, DeclineReason.OFF_TOPIC, self._featured())
        if asks_who_is_quoted(question):
            # Under an answer too: "who else is quoted?" asks for all of them.
            return self.quoted(question)
        if asks_for_more(question):
            if after is None:
                return Declined(question, DeclineReason.EMPTY, self._featured())
            # "tell me more" under an answer: the answer is all the story says of
            # that, and its follow-ups are what it says beside it.
            return Declined(
                question, DeclineReason.NOT_COVERED, self._related(after) or self._featured()
            )
        attribution = attributed_claim(question)
        who_said = _asks_who_said(attribution)
        if after is None and who_said:
            # "who said that?" with no answer to lean on asks about nothing.
            return Declined(question, DeclineReason.EMPTY, self._featured())
        reading = self.reading(question)
        alone = self.decide(question, reading)
        quoted = quoted_asking_whose(question)
        if attribution is not None and not who_said:
            alone = self._about_the_claim(question, alone, attribution)
        elif not quoted and after is None and not choices:
            # A question about a claim or a quote is read by its own rules, and a
            # reply by its answer and buttons: the referee was fitted on neither.
            alone = self._refereed(question, reading, alone)
            alone = self._of_the_rest(question, alone)
            alone = self._all_they_said(question, reading, alone)
        if quoted:
            alone = self._whose_words(question, quoted, alone, reading)
        named = self._named_among(question, reading, alone, choices) if choices else None
        if named is not None:
            return self._chosen(named, question, after)
        nothing = (
            alone if isinstance(alone, Declined) and _asks_about_nothing(alone, reading) else None
        )
        if after is not None and (nothing is None or has_question_word(question)):
            reply = self._follow_up(
                question, alone, after, who_said=who_said, topical=_topical(reading)
            )
            if _asks_beyond(reply, after, question, who_said=who_said):
                return Declined(
                    question, DeclineReason.NOT_COVERED, self._related(after) or self._featured()
                )
            return reply
        if nothing is not None:
            # "who is he?", "when?" with no answer to lean on: not a question about
            # something else, which "That's not in this story" would tell the reader.
            # Nor is "about time!" under an answer, which asks nothing of it.
            return replace(nothing, reason=DeclineReason.EMPTY, missing=())
        return alone

    def quoted(self, question: str) -> Quoted:
        """The reply to a question asking who the stories quote."""
        return Quoted(question, self.speakers_quoted)

    @functools.cached_property
    def speakers_quoted(self) -> tuple[QuotedSpeaker, ...]:
        """Who each story quotes, in its order, each with the entry that reads as
        what they said or, failing that, who they are: the button to press. Read
        at the first asking: few readers ask, and an engine's stories never change."""
        found: list[QuotedSpeaker] = []
        for story in self.stories:
            for speaker in story.speakers.values():
                count = len(story.quotes_by(speaker.key))
                if count:
                    entry = self._quoting_speaker(story, speaker.key, speaker.name)
                    found.append(QuotedSpeaker(story.id, speaker, count, entry))
        return tuple(found)

    def _quoting_speaker(self, story: Story, key: str, name: str) -> Entry | None:
        """The entry that reads as what a speaker said, or who they are, if it
        quotes them; failing both, the story's first entry that quotes them."""
        quoting = [e for e in story.entries if any(q.speaker.key == key for q in e.quotes)]
        for text in (f"what did {name} say", f"who is {name}"):
            reply = self.decide(text, self.reading(text, story.id))
            # A reading may find some other fact, which is no button of theirs.
            if isinstance(reply, Answered) and reply.entry in quoting:
                return reply.entry
        return quoting[0] if quoting else None

    def _about_the_claim(self, question: str, alone: Ruling, attribution: Attribution) -> Ruling:
        """A question about who said something ("human shields? says who") read as
        the claim ("human shields?"), whose answer names who said it.

        The whole question's answer stands only where the claim's own words point
        to it too, and not to something surer: it answers more surely than the
        claim's answer and is among the claim's best (_CLAIM_RIVALS) entries
        ("who said 275, was it alloush?" asks about the 275, not Alloush), or
        it is one of the entries the claim's reading cannot choose between, or
        the claim is declined with it first, every word of the claim known and none
        of the story's unanswered questions matched ("who said only a few
        civilians remained"). Never one the asking words find by themselves:
        "who said" alone finds "Who brokered the deal?". A claim read as asking
        nothing ("who said 2?") is one the story does not say.
        """
        reading = self.reading(attribution.claim)
        reply = self.decide(attribution.claim, reading)
        if isinstance(alone, Answered) and not any(
            alone.entry in self._found_by(asking) for asking in attribution.asking
        ):
            pointed = [c.entry for c in reading.ranked if c.entry.id != UNANSWERED]
            if isinstance(reply, Answered):
                stands = alone.score > reply.score and alone.entry in pointed[:_CLAIM_RIVALS]
            elif isinstance(reply, Ambiguous):
                stands = alone.entry in (c.entry for c in reply.candidates)
            else:
                stands = pointed[:1] == [alone.entry] and not (reply.missing or reply.unanswered)
            if stands:
                return alone
        if isinstance(reply, Declined) and reply.reason is DeclineReason.EMPTY:
            return Declined(question, DeclineReason.NOT_COVERED, self._featured())
        return replace(reply, question=question)

    def _whose_words(
        self, question: str, quoted: Sequence[str], alone: Ruling, reading: Reading
    ) -> Ruling:
        """A question asking whose words it quotes ("“it was not involved in the
        evacuation”: who's “it”?") answered by an entry that quotes them, the best
        ranked of those that do: the answer shows them and who said them. Their
        words are the reader's surest clue, where the rest may find another entry
        or none ("… nice quote, but who actually said that")."""
        quoting = list(dict.fromkeys(e for q in quoted[:MAX_QUOTED] for e in self._quoting(q)))
        if not quoting or (isinstance(alone, Answered) and alone.entry in quoting):
            return alone
        scores = {c.entry: c.score for c in reading.ranked}
        # Ranked first, else first in the file: max keeps the first of equals.
        entry = max(quoting, key=lambda e: scores.get(e, -1.0))
        return Answered(question, entry, scores.get(entry, 0.0), self.related(entry))

    def _quoting(self, passage: str) -> Iterator[Entry]:
        """The entries whose quotes have a passage, as quoted_asking_whose gives it."""
        needle = f" {passage} "
        at = self._said.find(needle)
        while at >= 0:
            yield self._saying[bisect.bisect_right(self._said_starts, at) - 1]
            at = self._said.find(needle, at + 1)

    def _found_by(self, asking: str) -> tuple[Entry, ...]:
        """The entry that words asking who said something ("who said", "says who")
        find by themselves, if any. Their forms are the few the pattern allows:
        each is read once."""
        asking = " ".join(asking.casefold().split())
        found = self._asking_finds.get(asking)
        if found is None:
            ranked = self.reading(asking).ranked
            best = ranked[0] if ranked else None
            found = (best.entry,) if best and best.score >= self.thresholds.suggest else ()
            self._asking_finds[asking] = found
        return found

    def _named_among(
        self, question: str, reading: Reading, alone: Ruling, choices: Sequence[Entry | None]
    ) -> Entry | None:
        """The one entry offered whose question holds every word of a short reply that
        picks rather than asks: "the deal one" under "Who brokered the deal?" and
        "What is the Raqa Civil Council?", or "with the civilians?", which read
        alone is not answered, under "Why were the civilians in the convoy not
        released?". A question ("what is the SDF") or a reply answered on its own
        ("sdf", "is the US involved") is not a pick, unless it calls itself one."""
        if len(tokenize(question)) > _SHORT_PICK or has_question_word(question):
            return None
        if isinstance(alone, Answered) and not alone.rivals and not names_a_choice(question):
            return None
        fits = []
        for entry in filter(None, choices):
            index = self._position[entry.story]
            said = set(reading.analyses[index].terms)
            label = self._indexes[index].read(entry.question).terms
            if said and not all(t.startswith("@") for t in said) and said <= set(label):
                fits.append(entry)
        return fits[0] if len(fits) == 1 else None

    def _chosen(
        self, entry: Entry, question: str, after: Entry | None, also: Sequence[Entry] = ()
    ) -> Answered:
        """The answer to an entry the reader chose, with the others they chose (`also`)
        offered first; `after`, the answer they chose it under, is not offered
        again: following the buttons would go round in circles."""
        related = (*also, *(e for e in self.related(entry) if e != after and e not in also))
        return Answered(question, entry, 100.0, related)

    def _current(self, entry: Entry | None) -> Entry | None:
        story = self._by_id.get(entry.story) if entry else None
        return story.entry(entry.id) if story and entry else None

    def _follow_up(
        self, question: str, alone: Ruling, after: Entry, *, who_said: bool, topical: bool
    ) -> Ruling:
        """A reply to an answer, read with that answer when it leans on it.

        A reply keeps its own reading when it does not point back (no "he",
        "they", "it", "that"..., and over three words), asks nothing ("hmm?",
        "is that true?": no question word, no word of substance), or asks about
        what the story never says. "who said that?" asks who the answer's
        sources are (_sources), "what's his name?" who he is, and "and Bali?"
        the answer's question asked of Bali (_swapped). Otherwise "he"
        or "she" is read as the person the answer means (Entry.people), or as
        each of them, to choose from; failing
        that, the reply is read with the words of the answer's question, so
        that "when?" under "How many IS fighters left Raqa?" asks when they
        left. A reading that answers is taken unless the reply's own reading
        answered as well or better. One that leans on the answer and finds
        nothing is told the story does not say, not that it is off-topic.
        """
        said = tokenize(question)
        person = any(w.folded in _PERSON for w in said)
        asks = has_question_word(question) or any(not is_stopword(w) for w in said)
        points_back = person or len(said) <= _SHORT or any(w.folded in _POINTING_BACK for w in said)
        if (named := self._whose_name(question, said, alone, after)) is not None:
            return named
        if (swapped := self._swapped(question, said, after)) is not None:
            return swapped
        if not who_said and (not (asks and points_back) or _settled(alone)):
            return alone
        if who_said:
            return self._who_said_it(question, after)
        people = self._meant(after, said)
        # A question answered on its own ("who is he, the SDF's leader?") keeps that answer.
        if person and len(people) > 1 and not isinstance(alone, Answered):
            # "who is she?" under an answer that quotes Selo and Laila Mostafa:
            # which of them is for the reader to say.
            chosen = self._each_reading(question, [_naming(p, said) for p in people], after.story)
            if chosen is not None:
                return chosen
        for text, may_repeat in self._leaning_readings(
            question, said, after, people, person=person
        ):
            reply = self.decide(text, self.reading(text, after.story))
            if not isinstance(reply, Answered) or (reply.entry == after and not may_repeat):
                continue
            # An answer the question earned alone, as well as this one, stands; not
            # one found by no word of the article ("did they make it" under where
            # the convoy is going had got what makes up the SDF).
            if isinstance(alone, Answered) and alone.score >= reply.score and topical:
                return alone
            return replace(reply, question=question)
        if isinstance(alone, Declined) and alone.reason is not DeclineReason.NOT_COVERED:
            # "how many?" under an answer is about the story, whatever it asks.
            return Declined(
                question, DeclineReason.NOT_COVERED, self._related(after) or alone.suggestions
            )
        return alone

    def _swapped(self, question: str, said: list[Word], after: Entry) -> Ruling | None:
        """ "and Bali?" under what Selo said: the answer's question, asked of another
        person the story quotes; None for any other reply, or when that reading
        does not answer with another entry about that person."""
        lead = [w.folded for w in said[:3]]
        # "and Bali?", "what about Bali", "and how about Bali": the name after them.
        start = lead.index("about") + 1 if "about" in lead[1:] else int(lead[:1] == ["and"])
        rest = " ".join(w.raw for w in said[start:])
        # Nothing but a name: "and who's this Dillon guy?" asks a question of its own.
        if not start or not after.people or has_question_word(rest):
            return None
        named = [s for _, s in speakers_named([self._by_id[after.story]], rest) if s.is_person]
        if len(named) != 1 or named[0].name in after.people:
            return None
        person = named[0].name
        # The answer's question without the people it is about.
        others = {w for name in after.people for w in words(name)}
        asked = [w for w in words(after.question) if w not in others]
        if len(asked) == len(words(after.question)):
            return None  # it names them otherwise ("the SDF spokesman")
        text = f"{' '.join(asked)} {person}"
        reply = self.decide(text, self.reading(text, after.story))
        if isinstance(reply, Answered):
            found = [reply.entry]
        elif isinstance(reply, Ambiguous):
            found = [c.entry for c in reply.candidates]
        else:
            return None
        # Each must be about the person now asked about, and none the answer again.
        if any(entry == after or person not in entry.people for entry in found):
            return None
        return replace(reply, question=question)

    def _of_the_rest(self, question: str, alone: Ruling) -> Ruling:
        """A message that ends by asking who "he", "she" or "that man" is: who the
        one person the parts before name is, or else a reply to the answer of the
        parts before, which describe them ("the spokesman who called them human
        shields, who is he?"). One that ends by asking who "they" are: what the
        group the parts before end by naming is ("the SDF keeps getting quoted,
        who are they?"). Read whole, it had got what they said, or fallen under
        the threshold: the other words outnumber the asking."""
        # Most messages never ask who (or what they are): they are spared splitting again.
        folded = question.casefold()
        parts = clauses(question) if "who" in folded or "they" in folded else []
        pronoun = _who_is_asked(parts[-1]) if len(parts) > 1 else None
        if pronoun is None:
            return alone
        rest = " ".join(parts[:-1])
        told = self.reading(rest)
        if pronoun == "they":
            group = self._named_group(told)
            return alone if group is None else self._chosen(group, question, None)
        if (named := self._named_person(told, pronoun)) is not None:
            asked = f"who is {named}"
            reply = self.decide(asked, self.reading(asked))
            return replace(reply, question=question) if isinstance(reply, Answered) else alone
        about = self.decide(rest, told)
        if not isinstance(about, Answered):
            return alone
        asked = f"who is {pronoun}"
        reading = self.reading(asked)
        reply = self._follow_up(
            asked, self.decide(asked, reading), about.entry, who_said=False, topical=False
        )
        return replace(reply, question=question) if isinstance(reply, Answered) else alone

    def _named_group(self, reading: Reading) -> Entry | None:
        """The entry asking what the group a reading names last is
        (StoryIndex.groups), if its name is the reading's last words: "they" is
        the last that could be ("the SDF let the militants go, who are they?"
        asks who the militants are; "IS fighters" are fighters). A name that
        ends another's is the longer one's ("the Council" in "the Raqa Civil
        Council")."""
        named = [
            (entry, terms)
            for index, analysis in zip(self._indexes, reading.analyses, strict=True)
            for entry, terms in index.groups
            if set(analysis.terms[-len(terms) :]) == terms
        ]
        named = [(e, terms) for e, terms in named if not any(terms < other for _, other in named)]
        return named[0][0] if len(named) == 1 else None

    def _named_person(self, reading: Reading, pronoun: str) -> str | None:
        """The name of the one person a reading names that a "he" or "she"
        (`pronoun`) may mean; None if it names no one such, or more than one.
        A word two names share names whichever of them the pronoun may mean:
        "mostafa …, who is he?" is Mostafa Bali, not Laila Mostafa."""
        named = {
            speaker.name
            for index, analysis in zip(self._indexes, reading.analyses, strict=True)
            for term in analysis.terms
            for speaker in index.people_by_term.get(term, ())
            if speaker.pronoun in ("", pronoun)
        }
        return named.pop() if len(named) == 1 else None

    def _all_they_said(self, question: str, reading: Reading, alone: Ruling) -> Ruling:
        """The entry giving all a speaker's words, for a question asking for more
        than one thing they said: "what did Dillon say about the fighting and
        about the evacuation", "list every figure Selo gave", "both of Selo's
        numbers". Each thing asked is an entry quoting them, and the best of
        those would answer only one; theirs gives them all."""
        said: list[str] | None = None
        for index, analysis in zip(self._indexes, reading.analyses, strict=True):
            terms = analysis.terms
            if "@words" not in terms and "number" not in terms:
                continue  # the common case, decided before the message is read again
            if said is None:
                said = [w.folded for w in tokenize(question)]
            every = _asks_for_every(said)
            if not every and not ("@words" in terms and _joins_two_things(said)):
                continue
            named = [
                entry
                for quoted in self.speakers_quoted
                if quoted.story == index.story.id
                and quoted.speaker.key in terms
                and (entry := quoted.entry) is not None
                and sum(q.speaker.key == quoted.speaker.key for q in entry.quotes) > 1
            ]
            if len(named) != 1 or (isinstance(alone, Answered) and alone.entry == named[0]):
                continue
            entry = named[0]
            score = next((c.score for c in reading.ranked if c.entry == entry), 0.0)
            return Answered(question, entry, score, self.related(entry))
        return alone

    def _whose_name(
        self, question: str, said: list[Word], alone: Ruling, after: Entry
    ) -> Ruling | None:
        """A reply asking the name of an answer's "he" or "she", read as who each
        person the answer means is; None for any other reply, or when no reading
        answers."""
        folded = {w.folded for w in said}
        if not (_PERSON & folded and _NAME & folded) or isinstance(alone, Answered):
            return None
        # "what's his name?", in words the story never uses: who he is, an
        # answer that gives his name and role.
        texts = [f"who is {p}" for p in self._meant(after, said)]
        return self._each_reading(question, texts, after.story)

    def _meant(self, after: Entry, said: list[Word]) -> tuple[str, ...]:
        """The people of an answer (Entry.people) a reply's "he" or "she" may mean:
        not one the knowledge file gives the other ("who is she?" under what
        Omar Alloush said had got who he is again)."""
        folded = {w.folded for w in said}
        he, she = not _HE.isdisjoint(folded), not _SHE.isdisjoint(folded)
        if he == she:
            return after.people  # neither, or both: "did he tell her?"
        pronoun = "he" if he else "she"
        given = {s.name: s.pronoun for s in self._by_id[after.story].speakers.values()}
        return tuple(p for p in after.people if given.get(p, "") in ("", pronoun))

    def _who_said_it(self, question: str, after: Entry) -> Ruling:
        """The reply to "who said that?" under an answer: who each of its sources is
        (_sources); failing them, that the story does not say."""
        chosen = self._each_reading(question, self._sources(after), after.story)
        if isinstance(chosen, Ambiguous) and after in (c.entry for c in chosen.candidates):
            # The answer is about its own speaker ("What did the tribal leaders
            # say?"): it says who, and nothing else found is more to the point.
            chosen = Answered(question, after, 100.0, self.related(after))
        # Failing a source, the answer's own words would find some other fact.
        return chosen or Declined(
            question, DeclineReason.NOT_COVERED, self._related(after) or self._featured()
        )

    def _leaning_readings(
        self,
        question: str,
        said: list[Word],
        after: Entry,
        people: tuple[str, ...],
        *,
        person: bool,
    ) -> list[tuple[str, bool]]:
        """The texts to read a reply that leans on an answer as, in order: with "he"
        or "she" named as the one person of the answer's `people` it may mean, then
        with the words of the answer's question.

        Each reading comes with whether it may answer with the same entry again:
        "what did he say?" may; "when?" read with the answer's words finding that
        answer again is what the reader has already.
        """
        readings: list[tuple[str, bool]] = []
        if person and len(people) == 1:
            readings.append((_naming(people[0], said), True))
        # What the answer's question is about, without the words that only ask:
        # first whole, since an alias may span a stopword ("still in", "US-led"),
        # then its words of substance alone. Not for a "he" under an answer that
        # names nobody: the answer's words would find whatever they find.
        if not (person and not people):
            about = tokenize(after.question)
            index = self._indexes[self._position[after.story]]
            whole = " ".join(w.raw for w in about if w.folded not in _ASKING_ANY)
            # An acronym is no stopword: "US-led", "IS".
            substance = " ".join(
                w.raw
                for w in about
                if (w.raw.isupper() or not is_stopword(w)) and w.folded not in _ASKING
            )
            readings.append((f"{question} {whole}", False))
            # Read again only where the stopwords made a difference, as they seldom do.
            if index.read(substance).terms != index.read(whole).terms:
                readings.append((f"{question} {substance}", False))
        # Last, "they" as the one group the answer names: "who are they?" under
        # who launched the assault asks who the SDF are. Not first: "where did
        # they go" under the convoy's size is about the fighters, whom the
        # answer's question names.
        if not person and len(after.groups) == 1 and any(w.folded in _THEY for w in said):
            readings.append((_naming(after.groups[0], said, _THEY), False))
        return readings

    def _sources(self, entry: Entry) -> list[str]:
        """What "who said that?" under an entry's answer asks: who each speaker it
        quotes is, a group too ("the coalition"); failing them, who the person its
        answer reports as saying it is ("according to SDF spokesman Mostafa
        Bali"); failing those, the byline ("Agencies"), whose article tells it in
        its own words."""
        speakers = dict.fromkeys(q.speaker for q in entry.quotes)
        quoted = [f"who is {s.name}" for s in speakers if s.key]
        reported = [f"who is {name}" for name in entry.reported]
        return quoted or reported or [s.name for s in speakers]

    def _related(self, entry: Entry) -> tuple[Candidate, ...]:
        return tuple(Candidate(e, 0.0) for e in self.related(entry))

    def _each_reading(self, question: str, texts: Sequence[str], within: str) -> Ruling | None:
        """A reply read as each of `texts` ("who is Talal Selo", "who is Laila
        Mostafa" for "who is she?") in story `within`: the one reading that
        answers, or a choice between those that do."""
        found: dict[Entry, Candidate] = {}
        for text in texts:
            reply = self.decide(text, self.reading(text, within))
            if isinstance(reply, Answered) and reply.entry not in found:
                found[reply.entry] = Candidate(reply.entry, reply.score)
        if len(found) == 1:
            (only,) = found.values()
            return Answered(question, only.entry, only.score, self.related(only.entry))
        return Ambiguous(question, tuple(found.values())) if found else None

    def reading(self, question: str, within: str | None = None) -> Reading:
        """How every story reads and ranks a question, before any threshold applies.

        Only the best RANK_DEPTH entries are ranked.
        `within` ranks only that story's entries: a reply to one story's answer,
        read with that answer, asks about that story.
        """
        analyses = tuple(index.read(question) for index in self._indexes)
        parts = clauses(question)
        # "who brokered the deal and why": a part of one word is not scored alone,
        # but the rest of the message is a part of its own.
        asks_more = len(parts) > 1 or (bool(parts) and _split_off(question))
        rankings = []
        for index, analysis in zip(self._indexes, analyses, strict=True):
            if within is not None and index.story.id != within:
                continue
            best = index.scores(analysis, RANK_DEPTH)
            clause: dict[int, int] = {}  # entry -> the clause it scored best in
            # A message that asks two things, or wraps one question in greetings,
            # is scored clause by clause too: its best clause speaks for it.
            whole = set(analysis.terms)
            split = [(part, index.read(part)) for part in parts] if asks_more else []
            # "what's the capital of France, and when did it start": a part about
            # nothing the story knows is what a leaning part's "it" points back to.
            elsewhere = [bool(r.missing) and not r.topical for _, r in split]
            context = _context_parts(split)
            for number, (part, read) in enumerate(split, 1):
                if set(read.terms) == whole:
                    continue  # it reads as the whole message, which outscores it
                if not _asks_alone(part, read, after_elsewhere=any(elsewhere[: number - 1])):
                    continue
                if number > 1 and _only_choices(part):
                    continue  # "…? Saturday or Sunday?": the choices of the part before
                if number > 1 and _asks_of_the_named(part, read):
                    continue  # "Omar Alloush, what is his position?": his, not anyone's
                if number in context:
                    continue  # "As I understand it, the coalition supports the SDF. …"
                if _asks_only_what_is_said(read) and any(_asks_of_the_story(r) for _, r in split):
                    continue  # "how long has the battle lasted, what does the article say"
                if (
                    number < len(split)
                    and _sets_the_scene(part)
                    and _content(split[number][1]) >= _ASKS_ALONE
                ):
                    continue  # "when the fighters left, did their families go too?"
                for entry, score in index.scores(read, RANK_DEPTH).items():
                    score *= CLAUSE_FACTOR
                    if score > best.get(entry, 0.0):
                        best[entry] = score
                        clause[entry] = number
            rankings.append(
                [
                    Candidate(index.entries[i], best[i], clause.get(i, 0))
                    for i in index.best(best, RANK_DEPTH)
                ]
            )
        return Reading(analyses, tuple(self._merge(rankings))[:RANK_DEPTH])

    def decide(self, question: str, reading: Reading) -> Ruling:
        """Apply the thresholds to a reading."""
        analyses, ranked = reading.analyses, reading.ranked
        # "hi" and "thanks!" ask nothing: there is nothing to read as a question;
        # nor is there in "the second one" without a list to pick from.
        if (
            not any(a.has_words for a in analyses)
            or is_pleasantry(question)
            or judges_the_bot(question)
            or only_reacts(question)
            or places_picked(question)
        ):
            return Declined(question, DeclineReason.EMPTY, self._featured())
        if ranked:
            story = self._whose_unanswered_count(ranked)
            ranked = tuple(c for c in ranked if c.entry.id != UNANSWERED or c.entry.story == story)
        limits = self.thresholds
        best = ranked[0] if ranked else None
        unanswered: str | None = None  # the listed question it matched, if any
        if best is not None and (
            best.score >= limits.answer
            or self._clear_winner(question, ranked, analyses)
            or self._seconded(best, analyses)
        ):
            # A phrasing matched exactly is the curator's own word: only another
            # exact match makes it ambiguous.
            margin = 0.0 if best.score >= EXACT else limits.margin
            close = [
                c
                for c in ranked[1:3]
                if best.score - c.score <= margin
                # A part asked first must ask, by a question word: "Raqa assault" in
                # "Raqa assault - precipitating event? why now" only names the topic.
                # (Parts are cut at their marks: none keeps a question mark.)
                or (
                    _asked_first(c, best, limits)
                    and has_question_word(clauses(question)[c.clause - 1])
                )
            ]
            top = (best, *close)
            found = [c for c in top if c.entry.id != UNANSWERED]
            listed = _listed_unanswered(top, found)
            if listed is None and self._about_something_else(question, analyses, best):
                return self._declined(question, analyses, ranked, None)
            if listed is None:
                lead = None
                if len(found) > 1 and not _separate_parts(found):
                    # Two phrasings matched exactly are the curator's own words
                    # for both: the reader chooses.
                    if best.score < EXACT:
                        lead = self._most_told(found, analyses) or self._seconded_among(
                            found, analyses
                        )
                    if lead is None:
                        return Ambiguous(question, tuple(found))
                if (
                    lead is None
                    and len(found) == 1
                    and (instead := self._giving_way(question, found[0], ranked, analyses))
                ):
                    return instead
                # `top` is the head of `ranked`: what follows it was not chosen.
                return self._answered(question, found, ranked[len(top) :], lead)
            unanswered = listed.question
        elif best is not None and (instead := self._giving_way(question, best, ranked, analyses)):
            # Short of an answer, the best entry may give way as an answer does.
            return instead
        return self._declined(question, analyses, ranked, unanswered)

    def _about_something_else(
        self, question: str, analyses: Sequence[Analysis], best: Candidate
    ) -> bool:
        """Whether a message uses a word no story does and none of any article's
        words: "my printer is broken", whatever a curated phrasing shares with it
        ("did isis break the deal"). Not when the part that found the best entry
        uses none: "whos the author? need it for my bibliography" asks first."""
        if not all(a.missing and not a.topical for a in analyses):
            return False
        if not best.clause:
            return True
        index = self._indexes[self._position[best.entry.story]]
        return bool(index.read(clauses(question)[best.clause - 1]).missing)

    def _refereed(self, question: str, reading: Reading, reply: Ruling) -> Ruling:
        """The reply as the referee (bot.referee) would have it: the answer of the
        entry, of the three best, it gives the best odds of being right if they
        are at least `referee`, it scores at least `suggest` and at most
        `seconded_allowance` under the best; a decline if none has such odds,
        but a choice the rules leave to the reader ("did you mean") stays theirs
        then. The rules' answer, if the referee overrides it, is the new
        answer's rival: a close call, which the misses log keeps. The rules
        stand where the referee has nothing to judge: a message that asks
        nothing ("hi"), a phrasing matched exactly (the curator's own words),
        entries of several stories, and a story that lists no unanswered
        questions and so has no second opinion."""
        limit = self.thresholds.referee
        reach = self.thresholds.seconded_allowance
        ranked = reading.ranked
        if (
            limit >= 1.0
            or not ranked
            or ranked[0].score >= EXACT * CLAUSE_FACTOR
            or (isinstance(reply, Declined) and reply.reason is DeclineReason.EMPTY)
        ):
            return reply
        found = [c for c in ranked if c.entry.id != UNANSWERED][:3]
        if not found:
            return reply
        story = found[0].entry.story
        position = self._position[story]
        if any(c.entry.story != story for c in found):
            return reply
        index = self._indexes[position]
        if not index.has_second_opinion:
            return reply
        analysis = reading.analyses[position]
        chosen = (
            next((k for k, c in enumerate(found) if c.entry == reply.entry), None)
            if isinstance(reply, Answered)
            else None
        )
        rows = features(
            [
                Signals(
                    c.score,
                    index.chance(analysis, c.entry),
                    index.told(analysis, c.entry),
                    index.asked_chance(analysis, c.entry),
                )
                for c in found
            ],
            top=ranked[0].score,
            listed=next(
                (c.score for c in ranked if c.entry.id == UNANSWERED and c.entry.story == story),
                0.0,
            ),
            missing=len(analysis.missing),
            known=len(analysis.known),
            terms=len(analysis.terms),
            topical=len(analysis.topical),
            chosen=chosen,
            asked_declined=index.asked_chance(analysis, None),
        )
        odds = (self.referee or shipped(index.has_asked)).log_odds(rows)
        best = max(range(len(found)), key=odds.__getitem__)
        if limit > 0 and odds[best] < math.log(limit / (1.0 - limit)):
            # A choice the rules left to the reader stays theirs unless the
            # referee is sure enough of one entry.
            if isinstance(reply, Declined | Ambiguous):
                return reply
            return self._declined(question, reading.analyses, ranked, None)
        # Nor does it answer with an entry the rules would not even suggest, or
        # one further under the best than the second opinion may take an answer
        # from ("could you briefly say what the article is about" is no question
        # about when the convoy left, at 40 to 79).
        pick = found[best]
        if (
            best == chosen
            or pick.score < self.thresholds.suggest
            or found[0].score - pick.score > reach
        ):
            return reply
        over = (Candidate(reply.entry, reply.score),) if isinstance(reply, Answered) else ()
        return self._instead(question, pick, ranked, over)

    def _whose_unanswered_count(self, ranked: Sequence[Candidate]) -> str:
        """The story whose listed unanswered questions count in a ranking: the other
        stories' are left out of it."""
        # A story's unanswered questions speak only against its own entries:
        # another story's list neither declines nor rivals this one's answer,
        # unless it is far surer ("how many isis fighters surrendered" may be
        # one story's entry and another's listed question).
        story = ranked[0].entry.story
        entry = next((c for c in ranked if c.entry.id != UNANSWERED), None)
        if entry and ranked[0].score - entry.score <= self.thresholds.near:
            story = entry.entry.story
        return story

    def _most_told(
        self, found: Sequence[Candidate], analyses: Sequence[Analysis]
    ) -> Candidate | None:
        """Of entries too close to choose between by their phrasings, the one whose
        answer and quotes hold more of the question, if one does."""

        def told(candidate: Candidate) -> float:
            position = self._position[candidate.entry.story]
            return self._indexes[position].told(analyses[position], candidate.entry)

        first, second = heapq.nlargest(2, found, key=told)
        return first if told(first) - told(second) > _TOLD_TIE else None

    def _giving_way(
        self,
        question: str,
        found: Candidate,
        ranked: Sequence[Candidate],
        analyses: Sequence[Analysis],
    ) -> Answered | None:
        """The answer of the entry the second opinion takes over `found` (see
        Thresholds), if it takes one; `found` is its first button and its rival:
        a close call, which the misses log keeps."""
        if found.entry.id == UNANSWERED or found.score >= EXACT:
            return None
        instead = self._overruling(found, ranked, analyses)
        return None if instead is None else self._instead(question, instead, ranked, (found,))

    def _instead(
        self,
        question: str,
        chosen: Candidate,
        ranked: Sequence[Candidate],
        over: tuple[Candidate, ...],
    ) -> Answered:
        """The answer of an entry chosen over the ones the rules chose (`over`),
        with its buttons: they are its rivals, close calls the misses log keeps."""
        answer = self._answered(question, [chosen], [c for c in ranked if c is not chosen])
        return replace(answer, rivals=over)

    def _overruling(
        self, found: Candidate, ranked: Sequence[Candidate], analyses: Sequence[Analysis]
    ) -> Candidate | None:
        """The entry, of the next three ranked, that the second opinion answers
        instead of the one found (see Thresholds), if one is."""
        limits = self.thresholds
        rivals = [
            c
            for c in [c for c in ranked[:4] if c is not found][:3]
            if c.entry.story == found.entry.story
            and found.score - c.score <= limits.seconded_allowance
            and self._may_be_seconded(c, analyses)
        ]
        # The second opinion is asked only when some rival could take the answer.
        if not rivals:
            return None
        position = self._position[found.entry.story]
        if self._indexes[position].chance(analyses[position], found.entry) >= limits.overruled:
            return None
        return self._seconded_among(rivals, analyses)

    def _seconded_among(
        self, found: Sequence[Candidate], analyses: Sequence[Analysis]
    ) -> Candidate | None:
        """The first of `found` that the second opinion all but names (see
        Thresholds), if one is: of entries too close to choose between, or of an
        answer's rivals."""
        for candidate in found:
            position = self._position[candidate.entry.story]
            index = self._indexes[position]
            if index.chance(analyses[position], candidate.entry) >= self.thresholds.seconded:
                return candidate
        return None

    def _answered(
        self,
        question: str,
        found: Sequence[Candidate],
        passed_over: Sequence[Candidate],
        lead: Candidate | None = None,
    ) -> Answered:
        """The answer to the first part asked of the entries `found` (or to `lead`,
        one of them), with its buttons: the other entries found, the best of
        those `passed_over` if close, then the answer's related entries."""
        limits = self.thresholds
        # Entries that each answer a different part of the message are not
        # rivals: the first part asked is answered, the others offered first.
        chosen = lead or min(found, key=lambda c: c.clause)
        others = [c for c in sorted(found, key=lambda c: c.clause) if c is not chosen]
        # Chosen over the others by what its answer holds: they were its rivals.
        rivals = tuple(others) if lead else ()
        offered = [c.entry for c in others]
        # The best entry not chosen, if close.
        near = next((c for c in passed_over if c.entry.id != UNANSWERED), None)
        if near and near.score >= limits.suggest and chosen.score - near.score <= limits.near:
            offered.append(near.entry)
        offered += [e for e in self.related(chosen.entry) if e not in offered]
        return Answered(question, chosen.entry, chosen.score, tuple(offered), rivals)

    def _declined(
        self,
        question: str,
        analyses: Sequence[Analysis],
        ranked: Sequence[Candidate],
        unanswered: str | None,
    ) -> Declined:
        """The decline of a question not answered, with its reason, the entries to
        suggest instead, and what the story does not say: the words it never uses,
        or the listed question it matched (`unanswered`)."""
        answers = [c for c in ranked if c.entry.id != UNANSWERED]
        missing = min((a.missing for a in analyses), key=len)
        suggestions = tuple(c for c in answers[:3] if c.score >= self.thresholds.suggest)
        # "qui est Talal Selo" is not a question the story fails to answer: telling
        # the reader it never mentions "qui" and "est" would only baffle them. The
        # names it does know still point at what to ask.
        if unanswered is None and in_another_language(question):
            return Declined(question, DeclineReason.NOT_ENGLISH, suggestions or self._featured())
        # Not about the story at all when no word of it is one the articles use.
        if unanswered is None and not any(a.topical for a in analyses):
            return Declined(question, DeclineReason.OFF_TOPIC, self._featured(), missing)
        return Declined(
            question,
            DeclineReason.NOT_COVERED,
            suggestions or self._featured(),
            missing,
            answers[0] if answers else None,
            unanswered,
        )

    def _clear_winner(
        self, question: str, ranked: Sequence[Candidate], analyses: Sequence[Analysis]
    ) -> bool:
        limits = self.thresholds
        best = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        lead = best.score - runner_up
        position = self._position[best.entry.story]
        analysis = analyses[position]
        if (
            len(analysis.topical) >= limits.long_words
            and best.score >= limits.answer - limits.long_allowance
            and lead >= limits.long_lead
        ):
            matched = analysis
            if best.clause:
                matched = self._indexes[position].read(clauses(question)[best.clause - 1])
            if not matched.missing:
                return True
        # "A patron asks who was in the convoy": the words before the question
        # only frame it, and a word the story never uses there asks nothing.
        missing = analysis.missing
        if missing and (asked := asked_part(question)) is not None:
            missing = self._indexes[position].read(asked).missing
        return (
            best.score >= limits.answer - limits.lead_allowance
            and lead >= limits.lead
            and not missing
        )

    def _seconded(self, best: Candidate, analyses: Sequence[Analysis]) -> bool:
        """Whether the best entry, short of `answer`, is the second opinion's
        choice too (see Thresholds)."""
        return (
            self._may_be_seconded(best, analyses)
            and self._seconded_among([best], analyses) is not None
        )

    def _may_be_seconded(self, candidate: Candidate, analyses: Sequence[Analysis]) -> bool:
        """Whether an entry scores, and the question asks, what the second opinion
        needs to answer it: all but its chance, which costs the most to know."""
        limits = self.thresholds
        if (
            candidate.entry.id == UNANSWERED
            or candidate.score < limits.answer - limits.seconded_allowance
        ):
            return False
        position = self._position[candidate.entry.story]
        analysis = analyses[position]
        return len(analysis.missing) <= 1 and self._indexes[position].asks_what_it_answers(
            analysis, candidate.entry
        )

    def answer_entry(
        self, story_id: str, entry_id: str, *, after: Entry | None = None
    ) -> Answered | None:
        """The reply for an entry chosen directly (a button), or None if it is gone.

        `after` is the answer the button sat under: the reader has just read it,
        and offering it again sends one who follows the buttons round in circles.
        """
        story = self._by_id.get(story_id)
        entry = story.entry(entry_id) if story else None
        return self._chosen(entry, entry.question, self._current(after)) if entry else None

    def context_after(self, entry: Entry) -> Context:
        """What an answer of `entry` leaves for the next message to lean on: the
        entry, and the buttons under it."""
        return Context(entry, offered(self._chosen(entry, entry.question, None)))

    def related(self, entry: Entry) -> tuple[Entry, ...]:
        story = self._by_id[entry.story]
        found = (story.entry(i) for i in entry.related)
        return tuple(e for e in found if e is not None)

    def complete(self, text: str, limit: int) -> list[Entry]:
        """At most `limit` entries to offer while a question is being typed, best first.

        The question so far is scored like a question; the word being typed is
        usually unfinished, so a prefix-tolerant rapidfuzz score over the
        phrasings fills in what whole words cannot yet match.
        """
        text = text[:MAX_QUESTION_CHARS]
        folded = _fold(text)
        if not folded:
            return self.featured_entries(limit)
        scores: dict[tuple[str, str], tuple[float, Entry]] = {}

        def offer(entry: Entry, score: float) -> None:
            key = (entry.story, entry.id)
            if score > scores.get(key, (0.0, entry))[0]:
                scores[key] = (score, entry)

        for index in self._indexes:
            for entry, score in index.rank(index.read(text), limit):
                if entry.id != UNANSWERED:
                    offer(entry, score)
        matches = process.extract(
            folded,
            self._phrasing_texts,
            scorer=fuzz.partial_ratio,
            processor=None,
            limit=limit * 4,
            score_cutoff=60,
        )
        for _, score, i in matches:
            offer(self._phrasings[i][0], score * 0.9)
        order = sorted(scores.values(), key=lambda se: -se[0])
        return [entry for _, entry in order[:limit]]

    # --- stories -------------------------------------------------------------------

    def story(self, story_id: str) -> Story | None:
        return self._by_id.get(story_id)

    def entries_named(self, name: str) -> list[Entry]:
        """The entries an id names (two stories may share one), or the one that
        "story:id" names."""
        story_id, _, entry_id = name.rpartition(":")
        stories = [self._by_id[story_id]] if story_id in self._by_id else []
        if not story_id:
            stories = list(self.stories)
        found = (story.entry(entry_id) for story in stories)
        return [e for e in found if e is not None]

    def entry_named(self, name: str) -> Entry:
        """The one entry an id or "story:id" names; LookupError, saying why, if none
        or several do."""
        found = self.entries_named(name)
        story_id = name.rpartition(":")[0]
        if story_id and story_id not in self._by_id:
            raise LookupError(f"no story has id {story_id!r}")
        if not found:
            raise LookupError("no entry has that id")
        if len(found) > 1:
            raise LookupError(f"an entry of {len(found)} stories: write story:{name}")
        return found[0]

    def featured_entries(self, limit: int | None = None) -> list[Entry]:
        """Each story's featured entries, then the rest in file order: the first
        `limit`, without going through a large library's every entry for three."""
        return list(islice(self._in_featured_order(), limit))

    def _in_featured_order(self) -> Iterator[Entry]:
        for story in self.stories:
            yield from filter(None, map(story.entry, story.featured))
        for story in self.stories:
            yield from (e for e in story.entries if e.id not in story.featured)

    def _featured(self) -> tuple[Candidate, ...]:
        return self._first_featured

    @staticmethod
    def _merge(rankings: Iterable[list[Candidate]]) -> list[Candidate]:
        merged = [c for ranking in rankings for c in ranking]
        merged.sort(key=lambda c: -c.score)
        return merged


# Clauses end at sentence punctuation, a dash between spaces among it ("long
# day - who are the SDF"), at a numbered point ("1) who is she 2) what
# did she say"), and at "and"/"but"/"also" when a new question starts after it
# ("where is it going and when did it leave"), but not before "IS" in capitals,
# the group ("I keep seeing Daesh and IS used"). Not at the dot of a title: "what
# is the role of Mr. Omar Alloush" had been "what is the role of Mr" and a name.
# The titles are looked behind from the dot, once one is found: looked for
# before every character, they tripled the cost of a split.
_TITLES = ("mr", "mrs", "ms", "dr", "col", "gen", "lt", "sgt")
_CLAUSE_BREAK = re.compile(
    r"[.?!;,:\n]+"
    + "".join(rf"(?<!\b{title}\.)" for title in _TITLES)
    + r"|\s[-–—]+\s|(?:^|(?<=\s))\(?\d{1,2}\)(?=\s+[^\W\d_])"
    r"|\b(?:and|but|also|plus)\b(?!\s+(?-i:IS)\b)(?=\s+(?:who|what|whats|when|where|why|how|which"
    r"|is|are|was|were|did|does|do|has|have|had|will|can|could)\b)",
    re.IGNORECASE,
)
MAX_CLAUSES = 6
# Shares of a question two answers hold are equal below this: float noise.
_TOLD_TIE = 1e-9
# A clause scores a little below the whole message, so that a message which
# matches as a whole is not outranked by one of its parts.
CLAUSE_FACTOR = 0.95


def _topical(reading: Reading) -> bool:
    """Whether a question has a word of a story's article (or about the story)."""
    return any(analysis.topical for analysis in reading.analyses)


def _split_off(question: str) -> bool:
    """Whether a part of one word follows another part of a message ("who brokered
    the deal and why", "raqa? who's attacking it"). Not a reply of one word put
    before an answer's question (a follow-up's reading), nor after a quotation:
    the words quoted are someone's, not a question ("“…”: who?")."""
    text = fold_quotes(question[:MAX_QUESTION_CHARS])
    if '"' in text:
        return False
    pieces = [p for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
    return any(len(p.split()) == 1 for p in pieces[1:])


def clauses(question: str) -> list[str]:
    """The parts of a message worth scoring alone: at least two words each."""
    parts = (p.strip() for p in _CLAUSE_BREAK.split(dictated(question[:MAX_QUESTION_CHARS])))
    return [p for part in parts for p in _run_on(part) if len(p.split()) >= 2][:MAX_CLAUSES]


# "was folding laundry and caught a headline what is happening with raqqa": a
# long message typed without a stop, whose question starts part way, at a
# question word and its verb. Not after a word that makes it a question inside
# the sentence ("a row over how many left", "do they know where it went"), nor
# at "who", which after a noun is who the noun is ("the civilians who were there").
_RUN_ON_WORDS = 10
_EMBEDDING = frozenset(
    """about over regarding on of as to for from in into at by with and or but know
    knows knew say says said tell told ask asked asking wonder wondering explain sure
    idea see saw clear mention mentions mentioned check confirm is was""".split()
)
_RUN_ON = re.compile(
    r"\s(?=(?:what|whats|where|wheres|when|why|how)\s+"
    r"(?:is|are|was|were|did|does|do|has|have|will|can|many|much|long)\b"
    r"|(?:what|where|how)['’]?s\s)",
    re.IGNORECASE,
)


# "… at dinner so who brokered the deal": a word that turns from the run to the
# question, before "who" or a yes/no question's verb.
_TURNING = re.compile(
    r"\b(?:so|anyway|anyways|but|ok|okay|well)(?=\s+(?:who|whos|who['’]s|is|are|was|were"
    r"|did|does|do|has|have|can|could|will)\b)",
    re.IGNORECASE,
)


def _run_on(part: str) -> list[str]:
    """A part of a message, split where a question starts part way in a long run."""
    if len(part.split()) < _RUN_ON_WORDS:
        return [part]
    cuts = []
    for match in _RUN_ON.finditer(part):
        before = part[: match.start()].split()
        if len(before) >= 3 and before[-1].casefold() not in _EMBEDDING:
            cuts.append(match.start())
    for match in _TURNING.finditer(part):
        if len(part[: match.start()].split()) >= 3:
            cuts.append(match.end())
    cuts.sort()
    pieces = [part[a:b].strip() for a, b in itertools.pairwise([0, *cuts, len(part)])]
    # "…spoke to the press on Saturday what did he say": a question that points
    # back is about the run before it, and is read with it.
    return [part] if any(_leans(p) for p in pieces[1:]) else pieces


# "…, and who said that?", "who exactly said so": the part of a message that asks
# only whose words an answer gives. Every answer shows its quotes and who said
# them. ("Who reported this story?" asks for the byline.)
_WHOSE = frozenset({"@person", "say"})


# "…, according to the SDF spokesman?": a part naming whose account the rest
# asks for, no question of its own ("Who is the SDF spokesman?").
_SOURCING = re.compile(r"(?:according\s+to|as\s+per|per)\b", re.IGNORECASE)


# Words that open a part saying when, or on what condition, the rest asks.
_SCENE_SETTERS = frozenset("if after once while because although though whereas".split())
# "when did", "when is", "when exactly": a "when" that asks.
_WHEN_ASKING = frozenset(
    "did do does was were is are has have had will would can could should s".split()
)
_EXACTLY = frozenset("exactly roughly approximately precisely again".split())
# "has every last one got out", "the ones who stayed": whom the part before names.
_ONES = frozenset({"one", "ones"})
# Words that open a part going on with the one before it: "…, for civilians left inside".
_GOING_ON = frozenset("for about of on in with from to regarding re".split())
# A part that asks this much alone stands without the part before it.
_ASKS_ALONE = 2


def _content(read: Analysis) -> int:
    """How many of a reading's terms are words, not question words."""
    return sum(not t.startswith("@") for t in read.terms)


# The words of a part asking only what is said: "what does the article say", "and
# what did they say". Alone, the first reads as a request for the summary and the
# second as the SDF's statement; beside a part that asks something, they ask what
# is said of that. Not "news" (stemmed as "new") nor "report", which asks who.
_ONLY_SAID = frozenset(stem(w) for w in "story article piece text headline say".split())


def _asks_only_what_is_said(read: Analysis) -> bool:
    words = [t for t in read.terms if not t.startswith("@")]
    return bool(words) and all(t in _ONLY_SAID for t in words)


def _asks_of_the_story(read: Analysis) -> bool:
    """Whether a part names enough of what the story tells to ask it alone."""
    return sum(t not in _ONLY_SAID for t in read.known) >= _ASKS_ALONE


def _asks_alone(part: str, read: Analysis, *, after_elsewhere: bool) -> bool:
    """Whether a part of a message asks a question of its own, to be scored alone.
    `after_elsewhere`: an earlier part is about nothing the story knows."""
    content = _content(read)
    # After such a part, "when did it start" or "who should I call" asks about
    # it, not about the story.
    if after_elsewhere and ((content <= 2 and _leans(part)) or (content < 2 and not read.topical)):
        return False
    # "hey so I was reading about Raqa" asks nothing; "who is Selo", "so what is
    # the SDF" and "hwo is Selo" (read as "who") do. Nor does a part that only
    # names whose account the rest asks for, or asks who said it.
    asking = content == 1 and (
        has_question_word(part) or any(t.startswith("@") for t in read.terms)
    )
    return (content >= 2 or asking) and not _asks_only_whose(read) and not _SOURCING.match(part)


def _context_parts(split: Sequence[tuple[str, Analysis]]) -> set[int]:
    """The parts (numbered from 1) of a message that ask nothing while each part
    that asks, asks a question of its own: two words of substance, and nothing
    pointing back. They are what the reader read or heard ("As I understand
    it, the coalition supports the SDF. In concrete terms, what form does that
    support take?"), not what they ask: alone, the first had answered what the
    coalition is. Not a part that goes on with the question before it ("what
    figure did Selo give, if any at all, for civilians left inside")."""
    asking = [asks(part) for part, _ in split]
    if not any(asking) or all(asking):
        return set()
    if not all(
        _content(read) >= _ASKS_ALONE
        and not _leans(part)
        and _ONES.isdisjoint(w.folded for w in tokenize(part))
        for (part, read), asks_it in zip(split, asking, strict=True)
        if asks_it
    ):
        return set()
    return {
        number
        for number, ((part, _), asks_it) in enumerate(zip(split, asking, strict=True), 1)
        if not asks_it and not (number > 1 and _goes_on(part))
    }


def _goes_on(part: str) -> bool:
    """Whether a part opens with a preposition, going on with the part before."""
    said = tokenize(part)
    return bool(said) and said[0].folded in _GOING_ON


def _sets_the_scene(part: str) -> bool:
    """Whether a part of a message only says when, or on what condition, the
    rest asks: "after four months of fighting, how close is Raqa to falling",
    "when the fighters left, did their families go too". Read alone, it asked
    how long the battle has been and when the fighters left. Not "when did
    they leave", nor "since when": those ask."""
    said = [w.folded for w in tokenize(part)]
    if len(said) < 2:
        return False
    if said[0] == "when":
        return said[1] not in _WHEN_ASKING and said[1] not in _EXACTLY
    if said[0] == "since":
        return said[1] != "when"
    return said[0] in _SCENE_SETTERS or tuple(said[:2]) == ("now", "that")


def _only_choices(part: str) -> bool:
    """Whether a part of a message only offers choices ("Saturday or Sunday?",
    "syrian or foreign"): a few words around an "or", and no question word."""
    said = [w.folded for w in tokenize(part)]
    # Not the second half of choices split at a comma ("fighters only, or with
    # their families?"), which holds what is asked as much as the first.
    return "or" in said[1:] and len(said) <= _CHOICES and not has_question_word(part)


def _asks_of_the_named(part: str, read: Analysis) -> bool:
    """Whether a later part of a message asks one thing of a "he", "she" or "their"
    the part before names ("Omar Alloush, what is his position?", "the tribal
    elders, what was their part?"): read alone, it asks that of anyone, and
    found whichever spokesman's role."""
    return _content(read) <= 1 and any(w.folded in _OF_THE_NAMED for w in tokenize(part))


# "…, who is that man?": the person asked about, as the pronoun a reply to an
# answer would use (Engine._follow_up). General English.
_SOMEONE = {
    **dict.fromkeys(_HE | {"man", "guy", "bloke", "fella", "dude", "chap", "gentleman"}, "he"),
    **dict.fromkeys(_SHE | {"woman", "lady"}, "she"),
}
_WHO_IS = frozenset("who whos is was s".split())
# "who are they?", "what r they again": a group, as much as people.
_WHO_ARE = frozenset("who what are r re".split())


def _who_is_asked(part: str) -> str | None:
    """ "he", "she" or "they", for a part of a message that only asks who he,
    she or they are ("who is he exactly", "and who's that woman?", "what are
    they again"); None for any other part."""
    said = [w.folded for w in tokenize(part)]
    if _THEY & set(said):
        others = " ".join(w for w in said if w not in _THEY and w not in _WHO_ARE)
        asked = {"who", "what"} & set(said) and {"are", "r", "re"} & set(said)
        return "they" if asked and only_chatter(others) else None
    meant = {_SOMEONE[w] for w in said if w in _SOMEONE}
    others = " ".join(w for w in said if w not in _SOMEONE and w not in _WHO_IS)
    if len(meant) != 1 or not {"who", "whos"} & set(said) or not only_chatter(others):
        return None
    return meant.pop()


# "lol imagine being the last IS guy in raqa 😂 anyway what's happening there",
# "raqa sounds like a dance move but seriously who are the SDF": what comes before
# the turn is an aside, none of whose words the question needs. Not a turn at the
# end ("what is IS anyway?"). A question that points back ("… anyway, why were
# they held") is about the aside, which is kept as a sentence of its own before it.
_ASIDE = re.compile(
    r"\b(?:anyway|anyways|anyhow|but\s+seriously|seriously\s+though|(?:all\s+)?jokes?\s+aside"
    r"|joking\s+aside|on\s+a\s+(?:more\s+)?serious\s+note|real\s+q|real\s+question|real\s+talk"
    r"|but\s+for\s+real|random\s+q|random\s+question)\b",
    re.IGNORECASE,
)
# Letters every turn holds, looked for first: most messages have none, and a
# plain search for them costs a quarter of what the pattern does.
_ASIDE_CUES = ("anyway", "anyhow", "serious", "joke", "joking", "real", "random")


def _past_an_aside(question: str) -> str | None:
    """The question a message asks after turning from an aside, if it does: alone,
    or after the aside if it points back at it. None if it turns from none."""
    folded = question.casefold()
    if not any(cue in folded for cue in _ASIDE_CUES):
        return None
    turns = list(_ASIDE.finditer(question))
    if not turns or not question[: turns[-1].start()].strip():
        return None
    rest = question[turns[-1].end() :]
    said = tokenize(rest)
    if len(said) < 2 or not has_question_word(rest):
        return None
    if any(w.folded in _ITS or w.folded in _PERSON for w in said):
        return question[: turns[-1].start()].rstrip() + ". " + rest.lstrip(" ,.:;-")
    return rest


# "all of Selo's numbers", "everything Dillon said", "his whole account": every
# one of someone's words. Not "at all", nor "all the other civilians", which is
# what they spoke of.
_EVERY = frozenset("all both everything whole full every list".split())
# Words after the last "and" that make it a question of its own ("… and what did
# he say about it") or point back at the rest: no second thing they said.
_OWN_QUESTION = frozenset(
    """what whats which who whos when where why how is are was were did does do has
    have it that this""".split()
)


def _asks_for_every(said: list[str]) -> bool:
    """Whether folded words ask for all of something: "both", "everything", "all"."""
    return any(
        w in _EVERY
        and not (w == "all" and (said[i - 1 : i] == ["at"] or "other" in said[i + 1 : i + 3]))
        for i, w in enumerate(said)
    )


def _joins_two_things(said: list[str]) -> bool:
    """Whether folded words end by joining a second thing to what they ask:
    "what did he say about the fighting and about the evacuation"."""
    if "and" not in said:
        return False
    last = len(said) - said[::-1].index("and")
    return _OWN_QUESTION.isdisjoint(said[last:])


def _leans(part: str) -> bool:
    """Whether a part of a message points back at something ("where is it now").
    Not "this" before a word it points at ("what is this raqqa civil council")."""
    words = tokenize(part)
    return any(
        w.folded in _ITS
        or w.folded in _PERSON
        or (w.folded in _THIS and (after is None or is_stopword(after)))
        for w, after in itertools.zip_longest(words, words[1:])
    )


def _asks_only_whose(part: Analysis) -> bool:
    """Whether a part of a message asks only who said or reported what the rest asks."""
    return "@person" in part.terms and _WHOSE.issuperset(part.terms)


def _asked_first(part: Candidate, best: Candidate, limits: Thresholds) -> bool:
    """Whether an entry found by an earlier part of the message than the best entry
    is close enough to be answered first, with the best as its first button."""
    return (
        _other_parts(part, best)
        and part.clause < best.clause
        and part.score >= limits.answer
        and best.score - part.score <= limits.first_part
    )


def _other_parts(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates matched different clauses of one message."""
    return bool(a.clause and b.clause and a.clause != b.clause)


def _listed_unanswered(top: Sequence[Candidate], found: Sequence[Candidate]) -> Entry | None:
    """The question listed as unanswered among the best entries (`top`) that declines
    the message, if any; `found` are the entries among them that answer."""
    # A question the curator listed as one the story does not answer is
    # declined, even when an entry comes close: that entry is the near miss.
    # In a message that asks several things, a listed question that is
    # another part of it does not stop the answer to this part.
    return next(
        (
            c.entry
            for c in top
            if c.entry.id == UNANSWERED and not (found and _other_parts(found[0], c))
        ),
        None,
    )


def _separate_parts(found: Sequence[Candidate]) -> bool:
    """Whether candidates each matched a different clause of one message."""
    return all(_other_parts(a, b) for a, b in combinations(found, 2))


def _fold(text: str) -> str:
    return " ".join(w.folded for w in tokenize(text))
