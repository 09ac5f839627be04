"""Scoring a question against one story's entries.

A question is read into weighted terms (content words, stemmed, typo-corrected
against the story's own vocabulary with rapidfuzz, aliases folded) plus the kind
of answer it asks for ("how many", "who", "when"). Every phrasing of every entry
was read the same way at load time. A phrasing scores by how much of the
question's weight it explains and how much of its own weight the question
covers; rare words weigh more than common ones, and a word the story never uses
weighs the most, because a question about it is one the story does not answer.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.knowledge import Entry, Speaker, Story
from bot.normalize import (
    INTENTS,
    INTERJECTIONS,
    META_WORDS,
    NEVER_A_SLIP,
    STOPWORDS,
    AliasTable,
    Word,
    as_the_group,
    as_the_us,
    asks_what_said,
    dictated,
    is_abuse,
    is_stopword,
    run_apart,
    stem,
    tokenize,
)
from bot.normalize import terms as read_terms

__all__ = ["UNANSWERED", "Analysis", "StoryIndex", "Tuning"]

# The id of the entry that stands for a story's unanswered questions: no real
# entry can have it (ids are non-empty), and the engine declines when it wins.
UNANSWERED = ""

PREFIX = 7  # letters two forms of one word must share when the stemmer misses them
MAX_WORDS = 80  # a real question is shorter; the rest of a pasted wall is not read
# A term in more phrasings than this does not find candidates on its own: it only
# adds weight to phrasings a rarer term found, which keeps large stories fast. A
# question with no rarer term is scored only as far as its best need (_score_best).
CANDIDATE_POSTINGS = 2000
# Twice the rounding of a score (6 decimals of 0-100), on the 0-1 scale it is found on.
_ROUNDING_GAP = 2e-8
# A term in more than this share of the entries cannot tell them apart (every
# answer in a story of quotes says "said"): questions are scored without it, as
# retrieval's max-df cutoff does, rather than rank thousands of entries that tie.
# A story needs enough entries for the share to mean anything.
UNINFORMATIVE = 0.9
UNINFORMATIVE_MIN_ENTRIES = 20
_FIRST_SCAN = 256  # phrasings of a common term scored before the first bound is set
# θ is lowered by more than scores are rounded (6 decimals of 0-100), so that a
# phrasing whose score would round up to θ is still scanned.
_SLACK = 1e-7


@dataclass(frozen=True, slots=True)
class Tuning:
    """Weights of the scoring, chosen by measurement on the dev set (see bench/)."""

    beta: float = 1.5  # how much more the question's coverage counts than the phrasing's
    intent_weight: float = 1.2
    meta_weight: float = 0.3
    unknown_weight: float = 0.6  # multiplier on the rarest possible weight
    answer_factor: float = 0.4  # an entry's answer and quotes count less than its phrasings
    # All of an entry's phrasings together, scored by how much of the question they
    # cover: a reader may combine words the curator spread over several alternates.
    union_factor: float = 0.0
    # Score multiplier when the question asks for a kind of answer (a number, a
    # time, a place, a person, a reason) that no phrasing of the entry asks for.
    intent_penalty: float = 0.5
    # Score multiplier when the question names someone quoted in the story, or
    # one of the words its aliases fold to, and the entry never mentions it: "is
    # Selo Kurdish" is not "is the SDF Kurdish".
    name_penalty: float = 0.8


@dataclass(frozen=True, slots=True)
class Analysis:
    """A question as the matcher reads it."""

    terms: tuple[str, ...]  # content terms and intents, each once
    known: tuple[str, ...]  # content terms this story uses
    topical: tuple[str, ...]  # content terms the article itself uses
    missing: tuple[str, ...]  # content words, as typed, that this story never uses
    has_words: bool  # whether the text had any words at all (an emoji the story names is one)


@dataclass(frozen=True, slots=True)
class _Common:
    """A term in more than CANDIDATE_POSTINGS phrasings, its postings laid out for pruning."""

    rows: list[int]  # phrasings (not answers), lightest first
    weights: list[float]  # their weights, for bisect
    texts: list[tuple[int, float]]  # answers and unions, with their coverage factor


@dataclass(frozen=True, slots=True)
class _Fit:
    """The multiplier on an entry's score for what a question asks and what it names."""

    asked: frozenset[int] | None  # entries that give every kind of answer asked; None: all do
    named: frozenset[int] | None  # entries that mention every name asked; None: all do
    intent_penalty: float
    name_penalty: float

    def __call__(self, entry: int) -> float:
        factor = 1.0
        if self.asked is not None and entry not in self.asked:
            factor *= self.intent_penalty
        if self.named is not None and entry not in self.named:
            factor *= self.name_penalty
        return factor

    def applied(self, scores: dict[int, float]) -> dict[int, float]:
        """`scores`, each times its entry's multiplier: what calling it for each
        entry gives, to the bit, without a call per entry."""
        asked, named = self.asked, self.named
        if asked is None or named is None:
            having = named if asked is None else asked
            penalty = self.name_penalty if asked is None else self.intent_penalty
            if having is None:
                return dict(scores)
            return {e: s if e in having else s * penalty for e, s in scores.items()}
        intent, name = self.intent_penalty, self.name_penalty
        both = 1.0 * intent * name
        return {
            e: (s if e in named else s * name)
            if e in asked
            else (s * intent if e in named else s * both)
            for e, s in scores.items()
        }


# A curated question asking what something named is: a capital opens the name
# ("What is the US-led coalition?"), unlike "What is happening in Raqa?".
_ASKS_WHAT_A_NAME_IS = re.compile(r"(?:What|Who)\s+(?:is|are)\s+(?:the\s+)?([A-Z][^?]*)\?")


class StoryIndex:
    """Everything one story allows to be computed before the first question."""

    def __init__(self, story: Story, tuning: Tuning | None = None) -> None:
        self.story = story
        self.tuning = tuning or Tuning()
        self.aliases = AliasTable(story.aliases)

        # The story's entries, then each question it does not answer as an entry
        # of its own: scored like any phrasing, with its own kind of answer and
        # names, but no part of the words, weights and spellings of the story.
        self.entries = story.entries + _unanswered(story)
        readings = [self._read_entry(e) for e in self.entries]
        mentions = [m for m, _ in readings]
        answered = mentions[: len(story.entries)]
        # The article's own words decide whether a question is about the story at
        # all; curated phrasings add everyday words ("name", "win") that do not.
        self.article_terms = frozenset(
            t
            for text in (*story.paragraphs, story.headline)
            # Unaliased too: "Omar" is a word of the article even though "Omar
            # Alloush" folds to "alloush".
            for t in (*self._content(text), *self._content(text, aliased=False))
        )
        vocabulary = set(self.article_terms).union(*answered)
        vocabulary.update(self._content(story.summary))
        self.vocabulary = frozenset(vocabulary)
        self._mentions = mentions
        # What a question can name that an entry may never mention: the people
        # quoted, and the words the aliases fold to. Those are the story's key
        # words as the curator chose them, things and actions alike (the convoy,
        # leaving, saying): a question about one seldom belongs to an entry
        # that never uses it.
        named = [s.name for s in story.speakers.values()] + list(story.aliases)
        self._names = frozenset(t for text in named for t in self._content(text) if t in vocabulary)

        count = len(story.entries)
        df = Counter(term for terms in answered for term in terms)
        self.unknown_weight = self.tuning.unknown_weight * math.log((count + 1) / 0.5)
        self.weights = {t: math.log((count + 1) / (df.get(t, 0) + 0.5)) for t in vocabulary}
        # Terms in nearly every entry of a large story ("said" in every answer): they
        # tell no entry from another, and are not scored.
        self.uninformative = frozenset(
            t
            for t, n in df.items()
            if count >= UNINFORMATIVE_MIN_ENTRIES and n > UNINFORMATIVE * count
        )

        self._correction = self._correction_targets(story)
        self._speaker_names = frozenset(
            t for s in story.speakers.values() for t in self._content(s.name)
        )
        # The names of the people quoted, which readers spell by ear; not the groups'
        # ("Syrian Democratic Forces"): "letters" is no "leaders", "forget" no "forces".
        self._name_spellings = sorted(
            {w.folded for s in story.speakers.values() if s.is_person for w in tokenize(s.name)}
        )
        # Each quoted person's name by its first word: what follows a first name is
        # read against the rest of that name, even an English word ("Omar Allows",
        # "Mostafa Ball"), which no correction touches anywhere else.
        self._name_after: dict[str, list[str]] = {}
        for speaker in story.speakers.values():
            parts = [w.folded for w in tokenize(speaker.name)] if speaker.is_person else []
            if len(parts) >= 2:
                self._name_after.setdefault(parts[0], []).append(parts[1])
        self._spelled = frozenset(t for group in self._correction.values() for t in group)
        # The story's words by their letters in order (a short word is corrected only
        # to one of its anagrams), each group commonest first as in _correction, and
        # the commonest by its first PREFIX letters: a flood of unknown words must
        # not scan the vocabulary at each of them.
        self._anagrams: dict[str, list[str]] = {}
        self._by_prefix: dict[str, str] = {}
        # And by all but their first letter, for a slip of the first key ("vonvoy").
        self._by_tail: dict[str, list[str]] = {}
        for group in self._correction.values():
            for known in group:
                self._anagrams.setdefault("".join(sorted(known)), []).append(known)
                self._by_tail.setdefault(known[1:], []).append(known)
                if len(known) >= PREFIX:
                    self._by_prefix.setdefault(known[:PREFIX], known)
        # Words of the unanswered questions are real words, not typos of the story's:
        # "in total" must meet "in total", not be corrected to "Talal".
        self._listed = frozenset(w.stem for q in story.unanswered for w in tokenize(q))
        # One-word variants the aliases fold, by stem: "talking" is "talk", not a typo.
        self._variant_stems = frozenset(
            words[0].stem
            for variants in story.aliases.values()
            for v in variants
            if len(words := tokenize(v)) == 1 and not any(c.isupper() for c in v)
        )
        # The index rows (phrasings, answers), column by column for the scoring
        # loop: the entry, the total weight of the row's terms, the terms, and
        # None for a question or else the factor on the question's coverage that
        # scores the text, which is not a question (an answer, or all phrasings).
        self._entry_of: list[int] = []
        self._weight_of: list[float] = []
        self._factor_of: list[float | None] = []
        self._terms_of: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = {}
        self._intents: list[frozenset[str]] = []
        self._told: dict[str, frozenset[str]] = {}  # each entry's answer and quotes, read
        tuning = self.tuning
        for index, (entry, (_, read)) in enumerate(zip(self.entries, readings, strict=True)):
            union: set[str] = set()
            # Phrasings that read the same ("four months?", "4 months") score the
            # same: one of them is indexed. Sorted, so the index is the same every run.
            for terms in sorted(read, key=sorted):
                union.update(terms)
                self._add(index, terms, None)
            self._intents.append(frozenset(t for t in union if t in _SPECIFIC))
            if tuning.union_factor > 0:
                self._add(index, union, tuning.union_factor)
            answer_text = " ".join([entry.answer, *(q.text for q in entry.quotes)])
            told = frozenset(self._terms(answer_text))
            self._told[entry.id] = told
            self._add(index, told, tuning.answer_factor)
        # Each kind of answer, and each name, by the entries that give or mention it:
        # what a question asks and names picks the entries it does not penalise.
        # Apart, as "say" is both.
        self._giving = _by_term(self._intents)
        self._mentioning = _by_term([self._names.intersection(m) for m in mentions])
        self._row_of = {e.id: i for i, e in enumerate(story.entries)}
        self._bayes = _Bayes(
            [e.id for e in self.entries], [read for _, read in readings], self.vocabulary
        )
        self._candidate_postings = CANDIDATE_POSTINGS
        self._common: dict[str, _Common] = {}
        for term, rows in self._postings.items():
            if len(rows) > self._candidate_postings:
                questions = sorted(
                    (p for p in rows if self._factor_of[p] is None),
                    key=lambda p: (self._weight_of[p], p),
                )
                self._common[term] = _Common(
                    questions,
                    [self._weight_of[p] for p in questions],
                    [(p, f) for p in rows if (f := self._factor_of[p]) is not None],
                )
        # The phrasings again, with the questions readers asked, read as a question
        # is: how readers word each fact as well as how curators do. Those the story
        # does not answer are one entry, as the listed questions are above.
        self._asked = (
            _Bayes(
                [e.id for e in self.entries] + [a.entry or UNANSWERED for a in story.asked],
                [read for _, read in readings]
                + [(frozenset(self.read(a.question).terms),) for a in story.asked],
                self.vocabulary,
            )
            if story.asked
            else None
        )

    @property
    def rows(self) -> int:
        """How many texts are indexed: each phrasing that reads differently from the
        entry's others, each answer, and each entry's union of its phrasings."""
        return len(self._entry_of)

    def asks_what_it_answers(self, analysis: Analysis, entry: Entry) -> bool:
        """Whether every specific kind of answer the question asks for (how many,
        when, who...) is one the entry's phrasings ask for too."""
        asked = {t for t in analysis.terms if t in _SPECIFIC}
        return asked <= self._intents[self._row_of[entry.id]]

    @property
    def has_second_opinion(self) -> bool:
        """Whether `chance` weighs the entries against questions the story lists
        as unanswered: without them it gives no opinion (0)."""
        return self._bayes.has_opinion

    def chance(self, analysis: Analysis, entry: Entry) -> float:
        """A second opinion: the chance that the question is one of the entry's,
        from how often its phrasings use each of the question's terms against
        how often every other entry's do, the questions the story does not
        answer among them (_Bayes)."""
        return self._bayes.chance(analysis.terms, entry.id)

    @property
    def has_asked(self) -> bool:
        """Whether the story has questions readers asked, labelled (Story.asked)."""
        return self._asked is not None

    def asked_chance(self, analysis: Analysis, entry: Entry | None) -> float:
        """The chance that the question is one of the entry's (None: one the story
        does not answer) by the curated phrasings and the questions readers asked
        together, as `chance` has it by the phrasings alone; 0 if the story has
        no asked questions."""
        if self._asked is None:
            return 0.0
        return self._asked.chance(analysis.terms, entry.id if entry else UNANSWERED)

    # --- reading text --------------------------------------------------------------

    def read(self, text: str) -> Analysis:
        """Turn a question into terms: corrected, aliased, stopwords dropped, intents marked."""
        tokens = tokenize(self.aliases.spell_out(dictated(text)))
        has_words = bool(tokens)
        tokens = self._rejoined(run_apart(tokens[:MAX_WORDS]))
        tokens = [self._correct(w) for w in tokens]
        if not self._name_after.keys().isdisjoint([w.folded for w in tokens]):
            tokens = self._named(tokens)
        tokens = self.aliases.apply(as_the_group(as_the_us(tokens)))
        found: list[str] = []
        missing: list[str] = []
        known: list[str] = []
        offered = self._offered_numbers(tokens)
        for term, word in read_terms(tokens):
            # A swear word or insult the story never uses is the reader's tone, not
            # something asked: "what the fuck is the sdf", "how many of those bastards left".
            if word is not None and term not in self.weights and is_abuse(word.raw):
                continue
            if term in offered:
                continue
            found.append(term)
            if word is None:
                continue
            if term in self.weights:
                known.append(term)
            elif term not in META_WORDS:
                # "the piece" is the story itself, whether or not the story says so.
                missing.append(word.raw)
        if "@words" not in found and asks_what_said(tokens, self._speaker_names):
            found.append("@words")
        terms = found
        return Analysis(
            terms=tuple(dict.fromkeys(terms)),
            known=tuple(dict.fromkeys(known)),
            topical=tuple(
                t for t in dict.fromkeys(terms) if t in self.article_terms or t in META_WORDS
            ),
            missing=tuple(dict.fromkeys(missing)),
            has_words=has_words,
        )

    def _offered_numbers(self, tokens: list[Word]) -> frozenset[str]:
        """Numbers the story never gives, offered as another choice beside one it
        does ("4 months or 5?", "was it 5 months or 4", "a six-year war or seven?"):
        the reader asks which, and the story's number answers; scored, the other
        would count against it."""
        numbers = {w.folded for w in tokens if w.folded.isdigit()}
        if len(numbers) < 2 or all(w.folded != "or" for w in tokens):
            return frozenset()
        offered = frozenset(n for n in numbers if n not in self.weights)
        return offered if len(offered) < len(numbers) else frozenset()

    def weight(self, term: str) -> float:
        if term.startswith("@"):
            return self.tuning.intent_weight
        if term in META_WORDS:
            return self.tuning.meta_weight
        return self.weights.get(term, self.unknown_weight)

    def _question_weights(self, analysis: Analysis) -> dict[str, float]:
        """The weight of each of a question's terms that can tell entries apart."""
        return {t: self.weight(t) for t in analysis.terms if t not in self.uninformative}

    def told(self, analysis: Analysis, entry: Entry) -> float:
        """The share (0-1) of a question's weight that an entry's answer and quotes
        hold: what the reader will see, as against the phrasings that found it."""
        weights = self._question_weights(analysis)
        total = math.fsum(weights.values())
        told = self._told.get(entry.id, frozenset())
        return math.fsum(w for t, w in weights.items() if t in told) / total if total else 0.0

    # --- scoring -------------------------------------------------------------------

    def scores(self, analysis: Analysis, keep: int | None = None) -> dict[int, float]:
        """Score (0-100) of every entry that shares a content term with the question.

        With `keep`, entries that cannot be among the best `keep` may be left out:
        a question whose rarest word is in thousands of phrasings is then scored
        against only those of them that can still rank.
        """
        weights = self._question_weights(analysis)
        total = math.fsum(weights.values())
        postings = self._postings
        content = sorted(
            (t for t in weights if not t.startswith("@") and t in postings),
            key=lambda t: len(postings[t]),
        )
        if total <= 0 or not content:
            return {}
        fit = self._fit(weights)
        finders = [t for t in content if len(postings[t]) <= self._candidate_postings]
        if finders or keep is None:
            best = self._score_found(finders or content[:1], weights, total, fit)
        else:
            best = self._score_best(content[0], weights, total, fit, keep)
        if keep is not None and len(best) > keep:
            # Only what can rank is rounded: below the keep-th best by more than
            # rounding can close, an entry stays below all of them once rounded.
            floor = heapq.nlargest(keep, best.values())[-1] - _ROUNDING_GAP
            best = {entry: score for entry, score in best.items() if score >= floor}
        # Rounded so that float noise can never break a tie between equals.
        return {entry: round(score * 100.0, 6) for entry, score in best.items()}

    def rank(self, analysis: Analysis, limit: int | None = None) -> list[tuple[Entry, float]]:
        """Entries by score, best first; equal scores keep file order only for display."""
        return self.top(self.scores(analysis, limit), limit)

    def top(self, scored: dict[int, float], limit: int | None = None) -> list[tuple[Entry, float]]:
        """The best `limit` (or all) of the entries `scores` returned, best first."""
        return [(self.entries[i], scored[i]) for i in self.best(scored, limit)]

    def best(self, scored: dict[int, float], limit: int | None = None) -> list[int]:
        """Positions in `entries` of the best `limit` (or all) of `scored`, best first."""

        def order(i: int) -> tuple[float, int]:
            return (-scored[i], i)

        if limit is None:
            return sorted(scored, key=order)
        return heapq.nsmallest(limit, scored, key=order)

    def _fit(self, weights: dict[str, float]) -> _Fit | None:
        """The multiplier on an entry's score for what the question asks and what it names.

        None when the question asks for no specific kind of answer and names nothing.
        """
        asked = [t for t in weights if t in _SPECIFIC]
        named = [t for t in weights if t in self._names]
        if not asked and not named:
            return None
        return _Fit(
            _having(self._giving, asked),
            _having(self._mentioning, named),
            self.tuning.intent_penalty,
            self.tuning.name_penalty,
        )

    def _score_found(
        self,
        finders: list[str],
        weights: dict[str, float],
        total: float,
        fit: _Fit | None,
    ) -> dict[int, float]:
        """Best score (0-1) of every entry with a phrasing that has one of `finders`."""
        beta2 = self.tuning.beta**2
        # The F-beta of precision m/W and recall m/T, simplified: (1 + b²)·m / (b²·T + W).
        # This loop runs over every phrasing that shares a word with the question,
        # thousands for a common word in a large story.
        scale, spread = 1 + beta2, beta2 * total
        entry_of, weight_of, factor_of = self._entry_of, self._weight_of, self._factor_of
        best: dict[int, float] = {}
        best_of = best.get
        for p, m in self._candidates(finders, weights).items():
            factor = factor_of[p]
            # A phrasing is scored by F-beta; an answer or a union only by recall.
            score = scale * m / (spread + weight_of[p]) if factor is None else m / total * factor
            entry = entry_of[p]
            if score > best_of(entry, 0.0):
                best[entry] = score
        return best if fit is None else fit.applied(best)

    def _score_best(
        self,
        term: str,
        weights: dict[str, float],
        total: float,
        fit: _Fit | None,
        keep: int,
    ) -> dict[int, float]:
        """_score_found for one common term, but only as far as the best `keep` need.

        A phrasing of weight W matches at most M, the weight of the question's
        terms that any phrasing has, and at most W; it scores at most
        (1 + b²)·min(W, M) / (b²·T + W), which rises with W up to M and falls
        after. The term's phrasings are scanned lightest first; once `keep`
        entries score θ, none heavier than (1 + b²)·M/θ - b²·T can reach them.
        """
        common = self._common[term]
        rows, row_weights, texts = common.rows, common.weights, common.texts
        postings = self._postings
        beta2 = self.tuning.beta**2
        scale, spread = 1 + beta2, beta2 * total
        entry_of, weight_of, terms_of = self._entry_of, self._weight_of, self._terms_of
        # In the order _candidates adds them, so that the sums are equal to the bit.
        others = [(t, w) for t, w in weights.items() if t != term and t in postings]
        base = weights[term]
        reach = base + math.fsum(w for _, w in others)
        best: dict[int, float] = {}
        best_of = best.get

        theta = 0.0
        start, end, step = 0, len(rows), _FIRST_SCAN
        while start < end:
            stop = min(start + step, end)
            for p in rows[start:stop]:
                terms, m = terms_of[p], base
                for t, w in others:
                    if t in terms:
                        m += w
                entry = entry_of[p]
                score = scale * m / (spread + weight_of[p])
                if fit is not None:
                    score *= fit(entry)
                if score > best_of(entry, 0.0):
                    best[entry] = score
            start, step = stop, step * 2  # doubling keeps the cost of finding θ linear
            if len(best) >= keep:
                theta = heapq.nlargest(keep, best.values())[-1] - _SLACK
                if theta > 0:
                    heaviest = scale * reach / theta - spread
                    end = max(start, bisect.bisect_right(row_weights, heaviest, start, end))
        # An answer scores m/T times its factor: scanned only if that can still rank.
        for p, factor in texts:
            if reach / total * factor < theta:
                continue
            terms, m = terms_of[p], base
            for t, w in others:
                if t in terms:
                    m += w
            entry = entry_of[p]
            score = m / total * factor * (1.0 if fit is None else fit(entry))
            if score > best_of(entry, 0.0):
                best[entry] = score
        return best

    def _candidates(self, finders: list[str], weights: dict[str, float]) -> dict[int, float]:
        """Phrasings with one of `finders`, with the weight of the question they match."""
        postings = self._postings
        matched: dict[int, float] = {}
        for term in finders:
            w = weights[term]
            for p in postings[term]:
                matched[p] = matched.get(p, 0.0) + w
        for term, w in weights.items():
            if term in finders or term not in postings:
                continue
            # Common terms and intents only add weight to phrasings already found.
            if len(postings[term]) <= len(matched):
                for p in postings[term]:
                    if p in matched:
                        matched[p] += w
            else:
                terms_of = self._terms_of
                for p in matched:
                    if term in terms_of[p]:
                        matched[p] += w
        return matched

    # --- building ------------------------------------------------------------------

    def _add(self, entry: int, terms: Iterable[str], coverage_factor: float | None) -> None:
        # Read as questions are: without the terms nearly every entry has. A set
        # with none of them is kept as it is, not copied: a large story has
        # tens of thousands.
        unique = frozenset(terms)
        if not self.uninformative.isdisjoint(unique):
            unique = unique.difference(self.uninformative)
        # fsum: exact whatever the set's order, so equal phrasings score equal.
        weight = math.fsum(self.weight(t) for t in unique)
        if weight <= 0:
            return
        index = len(self._entry_of)
        self._entry_of.append(entry)
        self._weight_of.append(weight)
        self._factor_of.append(coverage_factor)
        self._terms_of.append(unique)
        for term in unique:
            self._postings.setdefault(term, []).append(index)

    def _content(self, text: str, *, aliased: bool = True) -> list[str]:
        """A text of the story's own (the article, an answer, a quote, a name):
        its words that are no stopword, as stems."""
        tokens = self.aliases.read(text, asked=False) if aliased else tokenize(text)
        return [w.stem for w in tokens if not is_stopword(w)]

    def _terms(self, text: str) -> list[str]:
        """A knowledge text's terms, read as a question is but whole and uncorrected."""
        return [term for term, _ in read_terms(self.aliases.read(text))]

    def _read_entry(self, entry: Entry) -> tuple[frozenset[str], set[frozenset[str]]]:
        """What an entry mentions, and the terms each of its phrasings reads as.

        An entry mentions every term of its texts and its quotes' speakers. Each
        phrasing is tokenized once for both.
        """
        mentioned: set[str] = set()
        phrasings: set[frozenset[str]] = set()
        for phrasing in entry.phrasings:
            tokens = self.aliases.read(phrasing)
            mentioned.update(w.stem for w in tokens if not is_stopword(w))
            phrasings.add(frozenset(term for term, _ in read_terms(tokens)))
        texts = [entry.answer, entry.topic]
        texts += [q.text for q in entry.quotes] + [q.speaker.name for q in entry.quotes]
        mentioned.update(t for text in texts for t in self._content(text))
        return frozenset(mentioned), phrasings

    def _correction_targets(self, story: Story) -> dict[str, list[str]]:
        """Story words, as written, that a typo may be corrected to.

        Grouped by first letter (typos rarely hit it, and it keeps each lookup to
        a few hundred words) and commonest first, so that rapidfuzz's choice
        between equally close words is the commoner one, not an accident of order.
        """
        counts: Counter[str] = Counter()
        texts = [story.headline, *story.paragraphs, *story.aliases]
        texts += [v for variants in story.aliases.values() for v in variants]
        texts += [s.name for s in story.speakers.values()]
        for entry in story.entries:
            texts += [*entry.phrasings, entry.answer, entry.topic]
        for text in texts:
            counts.update(w.folded for w in tokenize(text) if not is_stopword(w))
        groups: dict[str, list[str]] = {}
        for word, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if word.isalpha():
                groups.setdefault(word[0], []).append(word)
        return groups

    def _known(self, word: Word) -> bool:
        """Whether the story uses this word, in any form its aliases fold too."""
        return (
            word.folded in self._spelled
            or word.stem in self.vocabulary
            or word.stem in self._variant_stems
            or word.stem in self._listed
        )

    def _rejoined(self, tokens: list[Word]) -> list[Word]:
        """The words with each word split in two ("con voy", "sd f", "coal ition"), as
        dictation and phone keyboards split them, read as one: two neighbours, not
        both words the story uses, whose letters together spell one it does, or
        letters spelled out one by one ("s d f"). A function word is a word of its
        own: "break down", "for ever", "no body"."""
        out: list[Word] = []
        i = 0
        while i < len(tokens):
            word = tokens[i]
            if len(word.raw) == 1 and (letters := self._letters_spelling(tokens, i)):
                out.append(letters[0])
                i += letters[1]
                continue
            if i + 1 < len(tokens):
                after = tokens[i + 1]
                joined = word.folded + after.folded
                if (
                    joined in self._spelled
                    and not (self._known(word) and self._known(after))
                    and not any(is_stopword(w) and len(w.folded) > 1 for w in (word, after))
                ):
                    out.append(Word(word.raw + after.raw, joined, stem(joined)))
                    i += 2
                    continue
            out.append(word)
            i += 1
        return out

    def _named(self, tokens: list[Word]) -> list[Word]:
        """The words with one after a quoted person's first name read as the rest
        of that name when it is a slip from it, or two from five letters on
        ("Mostafa bad" is no "Bali")."""
        out = tokens[:1]
        for before, word in itertools.pairwise(tokens):
            rests = self._name_after.get(before.folded, ())
            if rests and word.folded not in rests and len(word.folded) >= 3:
                slips = 2 if len(word.folded) >= 5 else 1
                found = process.extractOne(
                    word.folded, rests, scorer=OSA.distance, score_cutoff=slips
                )
                if found is not None:
                    word = _spelled_as(word, found[0])
            out.append(word)
        return out

    def _letters_spelling(self, tokens: list[Word], start: int) -> tuple[Word, int] | None:
        """The word of the story that three or four single letters from `start` spell
        ("what's the S D F", "I S I S"), and how many letters spell it; two are
        a pair for _rejoined ("U S"). Asked only where a single letter stands."""
        # Letters as typed: a lone "d" reads as "the" in chat, but not in "S D F".
        letters: list[Word] = []
        for word in tokens[start : start + 4]:
            if len(word.raw) != 1:
                break
            letters.append(word)
        for size in range(len(letters), 2, -1):
            spelled = "".join(w.raw.casefold() for w in letters[:size])
            if spelled in self._spelled:
                raw = "".join(w.raw for w in letters[:size])
                return Word(raw, spelled, stem(spelled)), size
        return None

    def _correct(self, word: Word) -> Word:
        folded = word.folded
        # A word that asks is never a slip ("spell" in "how do you spell alloush"
        # had been read as "Selo"), but a slip whose stem is a stopword's is:
        # "foreing" (foreign) is neither "for" nor an alias that uses it ("bound for").
        stop = is_stopword(word)
        slip = stop and _stops_by_stem_only(word)
        if (
            (not slip and (stop or self._known(word)))
            or not folded.isalpha()
            or folded in _FUNCTION_WORD_SET
        ):
            return word
        # Two swapped letters are the commonest typo and rarely make another word;
        # anything else in a short word often does ("iran" is not "iraq", "died"
        # is not "did"), so short words are only unswapped.
        swapped = _FUNCTION_WORDS.get("".join(sorted(folded)))
        if swapped is not None and OSA.distance(folded, swapped) == 1:
            return _spelled_as(word, swapped)
        # Two more slips that make no other word: a doubled letter ("manny") and a
        # dropped final e ("hav", "som").
        for fixed in (_LETTER_PAIR.sub(r"\1", folded), folded + "e"):
            if fixed != folded and fixed in _SLIP_TARGETS:
                return _spelled_as(word, fixed)
        # A dropped g, as people type it ("goin", "fightin", "helpin"). Not where
        # the g makes a slip of its own: "forein" is no "foreing", a stopword only
        # by its stem ("for").
        if folded.endswith("in"):
            with_g = _spelled_as(word, folded + "g")
            if with_g.folded in _SLIP_TARGETS or (
                self._known(with_g) and not (is_stopword(with_g) and _stops_by_stem_only(with_g))
            ):
                return with_g
            # Both at once, as readers who spell by ear write: "atakin" is attacking.
            if folded not in _english() and (sounded := self._sounded(with_g)) is not None:
                return sounded
        candidates = self._correction.get(folded[0])
        if not candidates:
            # No story word starts so, and so no name and no longer form either.
            return self._slip_elsewhere(word)
        if len(folded) < 5:
            for known in self._anagrams.get("".join(sorted(folded)), ()):
                if known[0] == folded[0] and OSA.distance(known, folded) == 1:
                    return _spelled_as(word, known)
            # Any other slip in a short word is corrected only when what was typed
            # is no English word: "rqa" is Raqa, "iran" is not Iraq.
            if len(folded) < 3 or folded in _english():
                return word
            found = process.extractOne(folded, candidates, scorer=OSA.distance, score_cutoff=1)
            if found is not None:
                return _spelled_as(word, found[0])
            # "atak", "hapi": four letters may be spelled by ear, once no
            # function word is a slip away.
            if (meant := self._slip_elsewhere(word)) is word and len(folded) > 3:
                return self._sounded(word) or word
            return meant
        # Two slips from seven letters in what is no English word ("forgein"); under
        # that, or in an English word ("composed" is no "compared"), another word
        # is too often two slips away.
        slips = 2 if len(folded) >= 7 and folded not in _english() else 1
        found = process.extractOne(folded, candidates, scorer=OSA.distance, score_cutoff=slips)
        if found is not None:
            return _spelled_as(word, found[0])
        # Names are spelled by ear ("Bally" for Bali, "Mustafa"): two slips are
        # allowed against the names of the people quoted, and only those.
        if len(folded) >= 4:
            found = process.extractOne(
                folded, self._name_spellings, scorer=OSA.distance, score_cutoff=2
            )
            if found is not None and found[0][0] == folded[0]:
                return _spelled_as(word, found[0])
        if (sounded := self._sounded(word)) is not None:
            return sounded
        # A long shared beginning is another form of the same word the stemmer
        # missed ("negotiations", "negotiators"); seven letters keep "militant"
        # and "militia" apart.
        if len(folded) >= PREFIX and (longer := self._by_prefix.get(folded[:PREFIX])):
            return _spelled_as(word, longer)
        return self._slip_elsewhere(word)

    @functools.cached_property
    def groups(self) -> tuple[tuple[Entry, frozenset[str]], ...]:
        """The entries asking what a group is, by its name ("What is the SDF?",
        "Who are the Kurds?"), each with the terms of the name: what "they" may
        mean in "the SDF keeps getting quoted, who are they?". Not the people
        quoted ("Who is Talal Selo?"). Built at the first asking, as
        people_by_term is."""
        found = []
        for entry in self.story.entries:
            named = _ASKS_WHAT_A_NAME_IS.fullmatch(entry.question.strip())
            if named is None:
                continue
            terms = frozenset(self.read(named[1]).terms)
            if terms and not any(term in self.people_by_term for term in terms):
                found.append((entry, terms))
        return tuple(found)

    @functools.cached_property
    def people_by_term(self) -> dict[str, frozenset[Speaker]]:
        """The people quoted each term of a name stands for, read as a question's
        words are: "talal" and "selo" for Talal Selo, so that a first name alone
        names him; "mostafa" for Mostafa Bali and Laila Mostafa. Built at the
        first asking: few messages end by asking who someone is."""
        owners: dict[str, set[Speaker]] = {}
        for speaker in self.story.speakers.values():
            if speaker.is_person:
                for word in speaker.name.split():
                    for term in self.read(word).terms:
                        owners.setdefault(term, set()).add(speaker)
        return {term: frozenset(people) for term, people in owners.items()}

    @functools.cached_property
    def _by_sound(self) -> dict[str, list[str]]:
        """The story's words of five letters or more by how they sound (_sound),
        each group commonest first. A shorter one sounds like too many ("lagos"
        is no "legs"). Built at the first word spelled by ear: few questions
        have one, and it costs a shipped story's load 3%."""
        by_sound: dict[str, list[str]] = {}
        for group in self._correction.values():
            for known in group:
                if len(known) >= 5:
                    by_sound.setdefault(_sound(known), []).append(known)
        return by_sound

    def _sounded(self, word: Word) -> Word | None:
        """The story's word that a word which is no English word sounds like, two
        slips from it at most: "fiters", "sirya", "hapend", "atak", as
        dyslexic readers and those who learnt English by ear write them; None if
        there is none. Two slips, and not three, keep "kyoto" from "quote"."""
        folded = word.folded
        if not folded.isascii() or folded in _english():
            return None
        alike = self._by_sound.get(_sound(folded), ())

        def slips(known: str) -> int:
            # "coalishun": the ending as said is three letters from "tion".
            return OSA.distance(known.replace("tion", "shun"), folded)

        best = min(alike, key=slips, default=None)
        if best is None or slips(best) > 2:
            return None
        return _spelled_as(word, best)

    def _slip_elsewhere(self, word: Word) -> Word:
        """What a word that is no English word meant when no story word with its
        first letter is near it: a function word one slip away ("actualy",
        "shoud"; from four letters, as "ipl" is no "ill"), or, from five, the
        story's word with a first letter typed on a key beside it ("vonvoy",
        "dyria"; "raining" is English, and no slip for "gaining")."""
        folded = word.folded
        # The function words and the keyboard's keys are ASCII letters.
        if len(folded) < 4 or not folded.isascii() or folded in _english():
            return word
        if (meant := _function_word_slip(word)) is not word or len(folded) < 5:
            return meant
        beside = _BESIDE.get(folded[0], "")
        for known in self._by_tail.get(folded[1:], ()):
            if known[0] in beside:
                return _spelled_as(word, known)
        return word


# Letters written one way and spoken another, in order: "fighters" is said
# "fiters", "phone" "fone", "city" "sity", "foreign" "forin".
_SOUNDS = [
    (re.compile(pattern), spoken)
    for pattern, spoken in (
        (r"(?<=.)gh", ""),
        (r"ti(?=on)", "sh"),
        (r"gn", "n"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"[cq]", "k"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"y", "i"),
        (r"^wh", "w"),
        (r"^kn", "n"),
        (r"^wr", "r"),
    )
]
_SILENT = re.compile(r"(?<=.)[aeiouhw]")
_REPEATED = re.compile(r"(.)\1+")


def _sound(word: str) -> str:
    """A folded word's consonants as spoken, each once, after the first letter:
    the key that "fighters" and "fiters", "civilians" and "sivilians" share.
    Vowels go, since readers who spell by ear get them wrong the most."""
    for pattern, spoken in _SOUNDS:
        word = pattern.sub(spoken, word)
    return _REPEATED.sub(r"\1", _SILENT.sub("", word))


class _Bayes:
    """Naive Bayes over the curated phrasings: each entry is the bag of its
    phrasings' terms, and each term of a question a draw from one of them.

    Unlike the scores, which weigh the phrasing that matches best, it counts how
    often each entry's phrasings use each term, so that what curators wrote again
    and again for an entry ("want", "agree", "involved") tells it from its
    neighbours. The questions the story does not answer are one more entry.
    """

    __slots__ = ("_bonus", "_last", "_position", "_spread", "_unseen", "_vocabulary")

    # Added to every count: small, since a term no phrasing of an entry uses is
    # strong evidence against it.
    SMOOTHING = 0.1

    def __init__(
        self,
        ids: Sequence[str],
        phrasings: Sequence[Iterable[frozenset[str]]],
        vocabulary: frozenset[str],
    ) -> None:
        self._vocabulary = vocabulary
        counts: dict[str, Counter[str]] = {}
        for entry_id, read in zip(ids, phrasings, strict=True):
            counted = counts.setdefault(entry_id, Counter())
            counted.update(self._term(t) for terms in read for t in terms)
        size = len({t for counted in counts.values() for t in counted})
        self._position = {entry_id: i for i, entry_id in enumerate(counts)}
        # Each entry's log-likelihood of a term its phrasings never use, and, term
        # by term, what each entry that uses it gains over that: a question is
        # read over the entries that use one of its terms, the others taken
        # together (_spread).
        self._unseen: list[float] = []
        self._bonus: dict[str, list[tuple[int, float]]] = {}
        for position, counted in enumerate(counts.values()):
            self._unseen.append(
                math.log(self.SMOOTHING / (sum(counted.values()) + self.SMOOTHING * size))
            )
            for term, n in counted.items():
                gain = math.log((n + self.SMOOTHING) / self.SMOOTHING)
                self._bonus.setdefault(term, []).append((position, gain))
        # By the number of a question's terms: every entry's likelihood of that
        # many terms none of its phrasings uses, relative to the likeliest such.
        self._spread: dict[int, float] = {}
        # The last question read: the engine asks of one question for several entries.
        self._last: tuple[tuple[str, ...], _Read | None] = ((), None)

    @property
    def has_opinion(self) -> bool:
        return UNANSWERED in self._position

    def _term(self, term: str) -> str:
        # Every word the story never uses is one and the same to the entries, none
        # of which has one; the questions it does not answer have many.
        return term if term in self._vocabulary or term.startswith("@") else _UNKNOWN

    def chance(self, terms: tuple[str, ...], entry_id: str) -> float:
        """The chance that a question of these terms is one of the entry's: 0 when
        no phrasing uses any of them, or the story lists no question it does not
        answer."""
        position = self._position.get(entry_id)
        # Without the questions the story does not answer there is nothing to
        # weigh an entry against but its neighbours: no opinion.
        if position is None or not self.has_opinion:
            return 0.0
        # Read once into a local: another thread's question may replace it.
        last = self._last
        if last[0] != terms:
            last = self._last = (terms, self._read(terms))
        read = last[1]
        if read is None:
            return 0.0
        behind = read.top - (read.size * self._unseen[position] + read.gains.get(position, 0.0))
        return 0.0 if behind > _HOPELESS else math.exp(-behind) / read.total

    def _read(self, terms: tuple[str, ...]) -> _Read | None:
        known = [t for t in map(self._term, terms) if t in self._bonus]
        if not known:
            return None
        size, unseen = len(known), self._unseen
        gains: dict[int, float] = {}
        for term in known:
            for position, gain in self._bonus[term]:
                gains[position] = gains.get(position, 0.0) + gain
        # The likeliest entry among those that use a term, or an upper bound on
        # those that use none; every likelihood is taken relative to it.
        floor = size * max(unseen)
        logs = {p: size * unseen[p] + g for p, g in gains.items()}
        top = max(floor, *logs.values())
        exp = math.exp
        touched = sum([exp(v - top) for v in logs.values()])
        # Those that use none: all entries' likelihoods of `size` unused terms,
        # less those of the entries that do use one.
        if (spread := self._spread.get(size)) is None:
            spread = self._spread[size] = sum([exp(size * u - floor) for u in unseen])
        rest = spread - sum([exp(size * unseen[p] - floor) for p in gains])
        return _Read(size, gains, top, touched + max(rest, 0.0) * exp(floor - top))


@dataclass(frozen=True, slots=True)
class _Read:
    """A question as _Bayes reads it: how many of its terms it knows, what each
    entry that uses one gains by them, the greatest log-likelihood (or a bound
    above it), and the sum of the likelihoods relative to that."""

    size: int
    gains: dict[int, float]
    top: float
    total: float


# Far enough behind the likeliest entry (e^-30) to have no chance worth counting,
# and to keep exp() in range.
_HOPELESS = 30.0


_UNKNOWN = "?"


def _spelled_as(word: Word, known: str) -> Word:
    return Word(word.raw, known, stem(known))


def _function_word_slip(word: Word) -> Word:
    """The function word one slip from a word, if any: a slip in a word that asks
    nothing must not count as a word the story never uses."""
    size = len(word.folded)
    nearby = [w for n in (size - 1, size, size + 1) for w in _FUNCTION_WORDS_BY_SIZE.get(n, ())]
    found = process.extractOne(word.folded, nearby, scorer=OSA.distance, score_cutoff=1)
    return word if found is None else _spelled_as(word, found[0])


# The keys around each letter on a QWERTY keyboard.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_BESIDE = {
    key: "".join(
        _ROWS[r + dr][i + di]
        for dr in (-1, 0, 1)
        for di in (-1, 0, 1)
        if (dr or di) and 0 <= r + dr < len(_ROWS) and 0 <= i + di < len(_ROWS[r + dr])
    )
    for r, row in enumerate(_ROWS)
    for i, key in enumerate(row)
}


def _by_term(terms_of: Sequence[frozenset[str]]) -> dict[str, frozenset[int]]:
    """The positions in `terms_of` of the sets that hold each term."""
    rows: dict[str, set[int]] = {}
    for row, terms in enumerate(terms_of):
        for term in terms:
            rows.setdefault(term, set()).add(row)
    return {term: frozenset(found) for term, found in rows.items()}


def _having(rows: dict[str, frozenset[int]], terms: list[str]) -> frozenset[int] | None:
    """The rows (of _by_term) that hold every one of `terms`; None for no terms."""
    if not terms:
        return None
    empty: frozenset[int] = frozenset()
    return rows.get(terms[0], empty).intersection(*(rows.get(t, empty) for t in terms[1:]))


def _unanswered(story: Story) -> tuple[Entry, ...]:
    return tuple(Entry(story.id, UNANSWERED, "", q, (), "", ()) for q in story.unanswered)


def _stops_by_stem_only(word: Word) -> bool:
    """Whether a word is a stopword only by its stem and is no English word: a
    slip, as "foreing" (foreign) is, whose stem is "for"."""
    folded = word.folded
    return (
        word.stem != folded  # "how" is its own stem: no slip of another word
        and folded not in STOPWORDS
        and folded not in INTERJECTIONS
        and folded not in _english()
    )


@functools.cache
def _english() -> frozenset[str]:
    """The words of english_words.txt, read when a correction first asks: 38,000
    words take 6 ms to load, which a question with no unknown word never needs."""
    text = Path(__file__).with_name("english_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line[:1] != "#")


# Kinds of answer specific enough that an entry which never answers them is a
# worse fit; a bare "what" is not. "How" asks for the manner: "how did isis take
# raqa" is not answered by when it did. "say" asks for someone's words, which an
# entry about who they are does not give.
_SPECIFIC = frozenset(
    "@count @duration @time @hour @date @place @person @reason @manner say".split()
)

_FUNCTION_WORD_SET = frozenset(STOPWORDS | {w for key in INTENTS for w in key})
# What a slip may be corrected to: not every function word (see NEVER_A_SLIP).
_SLIP_TARGETS = _FUNCTION_WORD_SET - NEVER_A_SLIP
_FUNCTION_WORDS = {"".join(sorted(w)): w for w in sorted(_SLIP_TARGETS)}
# By length: one slip changes a word's length by one at most.
_FUNCTION_WORDS_BY_SIZE = {
    size: [w for w in sorted(_SLIP_TARGETS) if len(w) == size]
    for size in {len(w) for w in _SLIP_TARGETS}
}
# One character twice in a row ("nn" in "manny"); normalize's _DOUBLED takes a whole run.
_LETTER_PAIR = re.compile(r"(.)\1")
