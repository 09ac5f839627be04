"""In-process timings: knowledge load and engine build, questions, hostile inputs."""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench.hostile import Hostile
from bench.stats import NS_PER_MS, Summary
from bench.stats import time_ns as _time_ns
from bot.engine import Engine
from bot.normalize import forget_readings
from bot.replies import Context

__all__ = [
    "HostileTimes",
    "QuestionTimes",
    "hostile_latency",
    "load_time",
    "question_latency",
    "read_follow_ups",
    "read_questions",
]


def read_questions(paths: Iterable[Path]) -> list[str]:
    """The "q" of every line of JSON-lines evaluation files."""
    questions: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as file:
            questions += [json.loads(line)["q"] for line in file if line.strip()]
    return questions


def read_follow_ups(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """The "q" and "after" of every line of follow-up evaluation files."""
    pairs: list[tuple[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8") as file:
            lines = [json.loads(line) for line in file if line.strip()]
        pairs += [(line["q"], line["after"]) for line in lines]
    return pairs


def time_ns(call: Callable[[], object]) -> int:
    """Wall time of one call, in ns, with no text read before: each question and
    load is timed as the first of its kind, not as a rerun that the kept
    readings (bot.normalize) serve."""
    forget_readings()
    return _time_ns(call)


def load_time(path: Path, runs: int) -> tuple[Summary, Engine]:
    """Engine.from_path, `runs` times, in ms; and the last engine built, to ask questions of."""
    samples: list[int] = []
    engine: Engine | None = None
    for _ in range(runs):
        engine = None  # the previous engine is garbage before the next load, as on a reload
        forget_readings()
        start = time.perf_counter_ns()
        engine = Engine.from_path(path)
        samples.append(time.perf_counter_ns() - start)
    assert engine is not None
    return Summary.of(samples, NS_PER_MS), engine


@dataclass(frozen=True, slots=True)
class QuestionTimes:
    summary: Summary  # over every sample
    # Over the questions, of each one's least time in its rounds: what the code
    # costs per question, without the machine's interruptions (as timeit's best of).
    least: Summary
    rounds: int


def question_latency(
    engine: Engine,
    questions: Sequence[str],
    min_timings: int,
    seed: int = 1,
    *,
    contexts: Sequence[Context] | None = None,
) -> QuestionTimes:
    """engine.ask per question, in ms, over enough shuffled rounds for `min_timings` samples.

    `contexts`, when given, is the answer each question replies to and its
    buttons (a follow-up).
    One unmeasured pass first: the first question of a kind fills caches
    (regular expressions, rapidfuzz's setup) that every later one finds warm.
    """
    asks = [
        partial(engine.ask, question, after=context.answer, offered=context.offered)
        for question, context in zip(
            questions, contexts or [Context()] * len(questions), strict=True
        )
    ]
    for ask in asks:
        ask()
    rounds = max(1, math.ceil(min_timings / len(asks)))
    rng = random.Random(seed)
    order = list(range(len(asks)))
    samples: list[int] = []
    least = [math.inf] * len(asks)
    for _ in range(rounds):
        rng.shuffle(order)
        for i in order:
            took = time_ns(asks[i])
            samples.append(took)
            least[i] = min(least[i], took)
    return QuestionTimes(Summary.of(samples, NS_PER_MS), Summary.of(least, NS_PER_MS), rounds)


@dataclass(frozen=True, slots=True)
class HostileTimes:
    summary: Summary  # over the inputs, of each input's median time
    slowest: str
    per_input: dict[str, Summary]  # label: its `repeats` calls, in ms


def hostile_latency(engine: Engine, inputs: Sequence[Hostile], repeats: int) -> HostileTimes:
    """engine.ask on each hostile input: one warm-up call, then `repeats` timed calls."""
    per_input: dict[str, Summary] = {}
    for item in inputs:
        engine.ask(item.text)
        times = [time_ns(partial(engine.ask, item.text)) for _ in range(repeats)]
        per_input[item.label] = Summary.of(times, NS_PER_MS)
    slowest = max(per_input, key=lambda label: per_input[label].median)
    summary = Summary.of([s.median for s in per_input.values()])
    return HostileTimes(summary, slowest, per_input)
