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

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.knowledge import Entry, Story
from bot.normalize import INTENTS, META_WORDS, STOPWORDS, AliasTable, Word, stem, tokenize

__all__ = ["Analysis", "StoryIndex", "Tuning"]

MAX_WORDS = 80  # a real question is shorter; the rest of a pasted wall is not read


@dataclass(frozen=True, slots=True)
class Tuning:
    """Weights of the scoring, chosen by measurement on the dev set (see bench/)."""

    beta: float = 2.0  # how much more the question's coverage counts than the phrasing's
    intent_weight: float = 1.2
    meta_weight: float = 0.3
    unknown_weight: float = 1.0  # multiplier on the rarest possible weight
    answer_factor: float = 0.8  # an entry's answer and quotes count less than its phrasings
    # Score multiplier when the question asks for a kind of answer (a number, a
    # time, a place, a person, a reason) that no phrasing of the entry asks for.
    intent_penalty: float = 0.75


@dataclass(frozen=True, slots=True)
class Analysis:
    """A question as the matcher reads it."""

    terms: tuple[str, ...]  # content terms and intents, each once
    known: tuple[str, ...]  # content terms this story uses
    missing: tuple[str, ...]  # content words, as typed, that this story never uses
    has_words: bool  # whether the text had any letters or digits at all


@dataclass(frozen=True, slots=True)
class _Phrasing:
    entry: int
    weight: float  # total weight of its terms
    answer_text: bool  # the entry's answer and quotes, not a question


class StoryIndex:
    """Everything one story allows to be computed before the first question."""

    def __init__(self, story: Story, tuning: Tuning | None = None) -> None:
        self.story = story
        self.tuning = tuning or Tuning()
        self.aliases = AliasTable(story.aliases)

        entry_texts = [self._entry_terms(e) for e in story.entries]
        vocabulary: set[str] = set().union(*entry_texts)
        for paragraph in story.paragraphs:
            vocabulary.update(self._content(self.aliases.apply(tokenize(paragraph))))
        for text in (story.headline, story.summary, *(s.name for s in story.speakers.values())):
            vocabulary.update(self._content(self.aliases.apply(tokenize(text))))
        self.vocabulary = frozenset(vocabulary)

        count = len(story.entries)
        df = Counter(term for terms in entry_texts for term in terms)
        self.unknown_weight = self.tuning.unknown_weight * math.log((count + 1) / 0.5)
        self.weights = {t: math.log((count + 1) / (df.get(t, 0) + 0.5)) for t in vocabulary}

        self._intents = [
            {
                t
                for p in entry.phrasings
                for t in self.read(p, correct=False).terms
                if t in _SPECIFIC
            }
            for entry in story.entries
        ]
        self._correction = self._correction_targets(story)
        self._spelled = frozenset(t for group in self._correction.values() for t in group)
        self._phrasings: list[_Phrasing] = []
        self._postings: dict[str, list[int]] = {}
        for index, entry in enumerate(story.entries):
            for phrasing in entry.phrasings:
                self._add(index, self.read(phrasing).terms, answer_text=False)
            answer_text = " ".join([entry.answer, *(q.text for q in entry.quotes)])
            self._add(index, self.read(answer_text, correct=False).terms, answer_text=True)

    # --- reading text --------------------------------------------------------------

    def read(self, text: str, *, correct: bool = True) -> Analysis:
        """Turn text into terms: corrected, aliased, stopwords dropped, intents marked."""
        tokens = tokenize(text)
        has_words = bool(tokens)
        tokens = tokens[:MAX_WORDS]
        if correct:
            tokens = [self._correct(w) for w in tokens]
        tokens = self.aliases.apply(tokens)
        terms: list[str] = []
        missing: list[str] = []
        known: list[str] = []
        i = 0
        while i < len(tokens):
            intent, used = _intent(tokens, i)
            if intent is not None:
                terms.append(intent)
                i += used
                continue
            word = tokens[i]
            i += 1
            if word.folded in STOPWORDS:
                continue
            terms.append(word.stem)
            if word.stem in self.weights:
                known.append(word.stem)
            else:
                missing.append(word.raw)
        return Analysis(
            terms=tuple(dict.fromkeys(terms)),
            known=tuple(dict.fromkeys(known)),
            missing=tuple(dict.fromkeys(missing)),
            has_words=has_words,
        )

    def weight(self, term: str) -> float:
        if term.startswith("@"):
            return self.tuning.intent_weight
        if term in META_WORDS:
            return self.tuning.meta_weight
        return self.weights.get(term, self.unknown_weight)

    # --- scoring -------------------------------------------------------------------

    def scores(self, analysis: Analysis) -> dict[int, float]:
        """Score (0-100) of every entry that shares a term with the question."""
        total = sum(self.weight(t) for t in analysis.terms)
        if total <= 0:
            return {}
        matched: dict[int, float] = {}
        for term in analysis.terms:
            w = self.weight(term)
            for p in self._postings.get(term, ()):
                matched[p] = matched.get(p, 0.0) + w
        beta2 = self.tuning.beta**2
        asked = {t for t in analysis.terms if t in _SPECIFIC}
        best: dict[int, float] = {}
        for p, m in matched.items():
            phrasing = self._phrasings[p]
            recall = m / total
            if phrasing.answer_text:
                score = recall * self.tuning.answer_factor
            else:
                precision = m / phrasing.weight
                score = (1 + beta2) * precision * recall / (beta2 * precision + recall)
            if asked - self._intents[phrasing.entry]:
                score *= self.tuning.intent_penalty
            score *= 100.0
            if score > best.get(phrasing.entry, 0.0):
                best[phrasing.entry] = score
        return best

    def rank(self, analysis: Analysis) -> list[tuple[Entry, float]]:
        """Entries by score, best first; equal scores keep file order only for display."""
        scored = self.scores(analysis)
        order = sorted(scored, key=lambda i: (-scored[i], i))
        return [(self.story.entries[i], scored[i]) for i in order]

    # --- building ------------------------------------------------------------------

    def _add(self, entry: int, terms: Iterable[str], *, answer_text: bool) -> None:
        terms = list(dict.fromkeys(terms))
        weight = sum(self.weight(t) for t in terms)
        if weight <= 0:
            return
        index = len(self._phrasings)
        self._phrasings.append(_Phrasing(entry, weight, answer_text))
        for term in terms:
            self._postings.setdefault(term, []).append(index)

    def _entry_terms(self, entry: Entry) -> set[str]:
        texts = [*entry.phrasings, entry.answer, entry.topic, *(q.text for q in entry.quotes)]
        terms: set[str] = set()
        for text in texts:
            terms.update(self._content(self.aliases.apply(tokenize(text))))
        return terms

    @staticmethod
    def _content(tokens: Sequence[Word]) -> Iterable[str]:
        return (w.stem for w in tokens if w.folded not in STOPWORDS)

    def _correction_targets(self, story: Story) -> dict[str, list[str]]:
        """Story words a typo may be corrected to, grouped by first letter, commonest first.

        Typos rarely hit the first letter, and grouping by it keeps each lookup to
        a few hundred candidates. Ordering by frequency makes rapidfuzz's choice
        between equally close words the commoner one, not an accident of order.
        """
        counts: Counter[str] = Counter()
        texts = [story.headline, *story.paragraphs, *story.aliases]
        texts += [v for variants in story.aliases.values() for v in variants]
        texts += [s.name for s in story.speakers.values()]
        for entry in story.entries:
            texts += [*entry.phrasings, entry.answer, entry.topic]
        for text in texts:
            counts.update(w.stem for w in tokenize(text) if w.folded not in STOPWORDS)
        groups: dict[str, list[str]] = {}
        for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if term.isalpha():
                groups.setdefault(term[0], []).append(term)
        return groups

    def _correct(self, word: Word) -> Word:
        folded = word.folded
        if folded in STOPWORDS or word.stem in self._spelled or not folded.isalpha():
            return word
        # A misspelt function word is almost always two letters swapped ("waht",
        # "hwo"); one letter more or less is usually another word ("died", "did").
        swapped = _FUNCTION_WORDS.get("".join(sorted(folded)))
        if swapped is not None and OSA.distance(folded, swapped) == 1:
            return Word(word.raw, swapped, stem(swapped))
        if len(word.stem) < 4:
            return word
        candidates = self._correction.get(word.stem[0])
        if not candidates:
            return word
        found = process.extractOne(
            word.stem,
            candidates,
            scorer=OSA.distance,
            score_cutoff=1 if len(word.stem) < 7 else 2,
        )
        if found is None:
            return word
        return Word(word.raw, found[0], found[0])


# Kinds of answer specific enough that an entry which never answers them is a
# worse fit; a bare "how" or "what" is not.
_SPECIFIC = frozenset({"@count", "@duration", "@time", "@place", "@person", "@reason"})

_FUNCTION_WORDS = {
    "".join(sorted(w)): w for w in sorted(STOPWORDS | {w for key in INTENTS for w in key})
}


def _intent(tokens: Sequence[Word], i: int) -> tuple[str | None, int]:
    for size in (2, 1):
        key = tuple(w.folded for w in tokens[i : i + size])
        if len(key) == size and key in INTENTS:
            return INTENTS[key], size
    return None, 0
