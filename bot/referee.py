"""The referee: a small learned check on the engine's rules.

The rules in Engine.decide choose an answer or a decline from the matcher's
scores, the second opinion and the listed unanswered questions. The referee
looks again at the three best entries with what each of those signals says of
it and of the question, and at what the rules chose, and gives each entry odds
of being the right answer. Gradient-boosted trees (30, three levels deep, no
one tree moving the log-odds by more than STEP), fitted by
bench/fit_referee.py on labelled reader questions (the dev split and the
story's asked questions); the trees are data, read here in plain Python:
referee_asked.json for a story with asked questions, which also weighs what
those say (StoryIndex.asked_chance), referee.json for one without.
"""

from __future__ import annotations

import dataclasses
import json
import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

__all__ = ["FEATURES", "PLAIN", "STEP", "Referee", "Signals", "Trees", "features", "shipped"]

# The order of a feature row; bench/fit_referee.py writes its trees in it.
FEATURES = (
    "score",  # the entry's score, 0-1
    "behind_top",  # how far it scores under the best ranked, a listed question included
    "lead",  # how far it scores over the next of the three
    "behind",  # how far it scores under the one before it
    "log_odds",  # the second opinion's chance, as log-odds / 10
    "chance",  # the second opinion's chance
    "told",  # the share of the question's weight its answer and quotes hold
    "missing",  # how many of the question's words the story never uses
    "known",  # how many of its terms the story uses
    "terms",  # how many terms it has
    "topical",  # how many of its terms the article itself uses
    "listed",  # the best listed unanswered question's score, 0-1
    "over_listed",  # how far the entry scores over that
    "chosen",  # 1 if the rules answer with this entry
    # Only for a story with questions readers asked, labelled (Story.asked):
    "asked",  # the entry's chance by those questions (StoryIndex.asked_chance)
    "asked_declined",  # the chance by them that the story does not answer it
)
# The features of a story without such questions: the trees for it read no others.
PLAIN = len(FEATURES) - 2


@dataclass(frozen=True, slots=True)
class Signals:
    """What the engine knows of one of the three best entries for a question."""

    score: float  # 0-100, as ranked
    chance: float
    told: float
    asked: float = 0.0


def features(
    signals: list[Signals],
    *,
    top: float,
    listed: float,
    missing: int,
    known: int,
    terms: int,
    topical: int,
    chosen: int | None,
    asked_declined: float = 0.0,
) -> list[list[float]]:
    """A feature row (FEATURES) for each of the best entries, in rank order.

    `top` is the best score ranked and `listed` the best listed question's
    (0 if none), both 0-100; `chosen` is the position of the entry the rules
    answer with, if they answer.
    """
    rows = []
    for k, s in enumerate(signals):
        after = signals[k + 1].score if k + 1 < len(signals) else 0.0
        before = signals[k - 1].score if k else s.score
        odds = min(max(s.chance, 1e-6), 1 - 1e-6)
        rows.append(
            [
                s.score / 100,
                (top - s.score) / 100,
                (s.score - after) / 100,
                (before - s.score) / 100,
                math.log(odds / (1 - odds)) / 10,
                s.chance,
                s.told,
                float(missing),
                float(known),
                float(terms),
                float(topical),
                listed / 100,
                (s.score - listed) / 100,
                float(k == chosen),
                s.asked,
                asked_declined,
            ]
        )
    return rows


@dataclass(frozen=True, slots=True)
class _Tree:
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]


class Referee(Protocol):
    """Judges the best entries for a question from their FEATURES rows."""

    def log_odds(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The log-odds that each row's entry is the right answer."""
        ...


# The most one tree may move the log-odds (a factor of e² ≈ 7.4 on the odds).
# Scikit-learn's leaf is a Newton step, the rows' residuals over the sum of
# p(1 - p): for a handful of rows the trees before already judge all one way,
# it comes to tens (the shipped trees have leaves of -65 and 39, times the
# rate), and one such leaf overrules the other 29 trees. One of -3.6 in
# log-odds declined questions the second opinion was all but sure of (over
# 0.9998) when the answer held little of them.
STEP = 2.0


class Trees:
    """Gradient-boosted trees over FEATURES: the log-odds that an entry is right,
    each tree's step bounded by STEP."""

    def __init__(self, init: float, rate: float, trees: list[_Tree]) -> None:
        self._init = init
        # Each leaf's value as the step it adds: times the rate, bounded.
        self._trees = [
            dataclasses.replace(
                tree, value=tuple(max(-STEP, min(STEP, rate * v)) for v in tree.value)
            )
            for tree in trees
        ]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Trees:
        # Trees for a story without asked questions are fitted on the first PLAIN.
        if data.get("features") not in (list(FEATURES), list(FEATURES[:PLAIN])):
            raise ValueError("the referee's trees were fitted on other features")
        trees = [
            _Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value")))
            for t in data["trees"]
        ]
        return cls(float(data["init"]), float(data["rate"]), trees)

    def log_odds(self, rows: Sequence[Sequence[float]]) -> list[float]:
        return [self._log_odds(row) for row in rows]

    def _log_odds(self, row: Sequence[float]) -> float:
        # As scikit-learn reads its trees, so that the odds are the ones fitted:
        # the features as 32-bit floats, each tree's leaf times the rate (its
        # step, bounded) added to the prior in turn.
        single = array("f", row)
        total = self._init
        for tree in self._trees:
            node = 0
            left = tree.left
            while (child := left[node]) != -1:
                if single[tree.feature[node]] > tree.threshold[node]:
                    child = tree.right[node]
                node = child
            total += tree.value[node]
        return total


@cache
def shipped(asked: bool = False) -> Trees:
    """The referee fitted for this package: for a story with questions readers
    asked (referee_asked.json beside this file), or without (referee.json)."""
    path = Path(__file__).with_name("referee_asked.json" if asked else "referee.json")
    return Trees.from_json(json.loads(path.read_text(encoding="utf-8")))
