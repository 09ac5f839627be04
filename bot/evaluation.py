"""Batch evaluation for curators: run a file of questions with expected answers.

Each line of the file is `{"q": question, "expect": entry id or null}`, with
optional `"reason"` ("not_covered", "off_topic" or "not_english") for questions to decline,
`"accept"` (other entry ids that are also right) and `"after"` (the entry whose
answer the question replies to, for a follow-up).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from bot.engine import Engine
from bot.knowledge import Entry
from bot.labelled import parse_labelled
from bot.normalize import clean
from bot.replies import (
    Ambiguous,
    Answered,
    Context,
    Declined,
    DeclineReason,
    Quoted,
    Reply,
    offered,
)

__all__ = [
    "NEAR_COPY",
    "Case",
    "EvalError",
    "Outcome",
    "Report",
    "Verdict",
    "copied",
    "curated_texts",
    "evaluate",
    "near_copies",
    "read_cases",
]


class EvalError(Exception):
    """A malformed evaluation file; the message names the line."""


class Verdict(StrEnum):
    ANSWERED_RIGHT = "answered right"
    WRONGLY_ANSWERED = "wrongly answered"
    WRONGLY_DECLINED = "wrongly declined"
    DECLINED_RIGHT = "declined right"


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    expect: str | None
    reason: DeclineReason | None = None
    accept: tuple[str, ...] = ()
    after: str | None = None  # a follow-up: the entry whose answer it replies to

    @property
    def group(self) -> str:
        if self.expect is not None:
            return "answerable"
        return self.reason.value if self.reason else "decline"

    def wants(self, entry: Entry) -> bool:
        """Whether `entry` is a right answer: named by id, or as story:id when two
        stories share the id."""
        names = {entry.id, f"{entry.story}:{entry.id}"}
        return self.expect in names or not names.isdisjoint(self.accept)


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    reply: Reply
    verdict: Verdict

    @property
    def right(self) -> bool:
        return self.verdict in (Verdict.ANSWERED_RIGHT, Verdict.DECLINED_RIGHT)

    @property
    def offered_right(self) -> bool:
        """For an answerable question missed: the right entry is one of the reply's buttons.

        The reader is then one click from the fact: a "did you mean", a
        suggestion under a decline, or a related entry under a wrong answer.
        """
        if self.right or self.case.expect is None:
            return False
        return any(self.case.wants(entry) for entry in offered(self.reply))

    @property
    def reason_right(self) -> bool:
        """For a question to decline: declined, and for the expected reason."""
        return (
            self.verdict is Verdict.DECLINED_RIGHT
            and isinstance(self.reply, Declined)
            and (self.case.reason is None or self.reply.reason == self.case.reason)
        )


@dataclass(frozen=True, slots=True)
class GroupFigures:
    name: str
    right: int
    total: int
    reason_right: int
    offered_right: int

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass(frozen=True, slots=True)
class Report:
    outcomes: tuple[Outcome, ...]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for o in self.outcomes if o.verdict is verdict)

    @property
    def accuracy(self) -> float:
        return sum(o.right for o in self.outcomes) / len(self.outcomes) if self.outcomes else 1.0

    def groups(self) -> list[GroupFigures]:
        names = dict.fromkeys(o.case.group for o in self.outcomes)
        out = []
        for name in sorted(names, key=_GROUP_ORDER.index):
            members = [o for o in self.outcomes if o.case.group == name]
            out.append(
                GroupFigures(
                    name,
                    sum(o.right for o in members),
                    len(members),
                    sum(o.reason_right for o in members),
                    sum(o.offered_right for o in members),
                )
            )
        return out

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.right]


_GROUP_ORDER = ["answerable", "not_covered", "off_topic", "not_english", "decline"]


def read_cases(lines: Iterable[str], source: str = "<input>") -> Iterator[Case]:
    """The cases of a file's lines (bot.labelled); EvalError names the first bad line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            labelled = parse_labelled(line, follow_ups=True)
        except ValueError as error:
            raise EvalError(f"{source}, line {number}: {error}") from None
        reason = DeclineReason(labelled.reason) if labelled.reason is not None else None
        yield Case(labelled.question, labelled.expect, reason, labelled.accept, labelled.after)


def judge(case: Case, reply: Reply) -> Verdict:
    if case.expect is None:
        return Verdict.DECLINED_RIGHT if isinstance(reply, Declined) else Verdict.WRONGLY_ANSWERED
    if isinstance(reply, Answered):
        if case.wants(reply.entry):
            return Verdict.ANSWERED_RIGHT
        return Verdict.WRONGLY_ANSWERED
    # Declined, or "did you mean": either way the reader did not get the fact.
    return Verdict.WRONGLY_DECLINED


def evaluate(engine: Engine, cases: Iterable[Case]) -> Report:
    outcomes = []
    for case in cases:
        context = Context()
        if case.after is not None:
            try:
                # As a reply in Discord: to the answer, and under its buttons.
                context = engine.context_after(engine.entry_named(case.after))
            except LookupError as error:
                raise EvalError(f"{case.question!r}: after {case.after!r}: {error}") from None
        reply = engine.ask(case.question, after=context.answer, offered=context.offered)
        outcomes.append(Outcome(case, reply, judge(case, reply)))
    return Report(tuple(outcomes))


# A question this alike (rapidfuzz ratio or token_sort_ratio, 0-100) to a phrasing
# or a listed unanswered question measures the curated text, not the reading: the
# curator wrote its answer in. Blind sets keep only questions under 90 against
# every question known before (bench/HISTORY.md).
NEAR_COPY = 90.0


def curated_texts(engine: Engine) -> list[str]:
    """The texts a curator wrote for questions to match: every entry's phrasings,
    and the questions listed as unanswered."""
    texts = [p for story in engine.stories for entry in story.entries for p in entry.phrasings]
    return texts + [q for story in engine.stories for q in story.unanswered]


def near_copies(questions: Sequence[str], curated: Iterable[str]) -> list[str | None]:
    """For each question, a curated text it nearly copies (NEAR_COPY alike or more,
    case and spacing aside), or None."""
    plain: dict[str, str] = {}
    for text in curated:
        plain.setdefault(_plain(text), text)
    # Both scores are at most 200·min/(a+b) for texts of a and b characters: at 90,
    # neither text is more than 11/9 the length of the other. Each question is
    # compared only with the curated texts of such lengths.
    texts = sorted(plain, key=len)
    lengths = [len(t) for t in texts]
    found: list[str | None] = []
    for question in questions:
        asked = _plain(question)
        size = len(asked)
        within = texts[
            bisect.bisect_left(lengths, size * 9 / 11) : bisect.bisect_right(lengths, size * 11 / 9)
        ]
        match = process.extractOne(
            asked, within, scorer=fuzz.ratio, score_cutoff=NEAR_COPY
        ) or process.extractOne(asked, within, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_COPY)
        found.append(plain[match[0]] if match else None)
    return found


def copied(report: Report, engine: Engine) -> tuple[list[tuple[Outcome, str]], Report]:
    """The outcomes whose questions nearly copy the engine's curated text, each
    with the text it copies, and the report of the others."""
    texts = near_copies([o.case.question for o in report.outcomes], curated_texts(engine))
    found = [(o, text) for o, text in zip(report.outcomes, texts, strict=True) if text]
    rest = Report(tuple(o for o, text in zip(report.outcomes, texts, strict=True) if not text))
    return found, rest


def _plain(text: str) -> str:
    return " ".join(clean(text).casefold().split())


def describe(reply: Reply) -> str:
    """What the engine did, in a few words, for the list of misses."""
    if isinstance(reply, Answered):
        return f"answered {reply.entry.id} ({reply.score:.0f})"
    if isinstance(reply, Ambiguous):
        offered = ", ".join(f"{c.entry.id} {c.score:.0f}" for c in reply.candidates)
        return f"ambiguous: {offered}"
    if isinstance(reply, Quoted):
        return f"listed who is quoted ({len(reply.speakers)})"
    best = f"; best {reply.best.entry.id} {reply.score:.0f}" if reply.best else ""
    # A real entry above the threshold, declined: the curator must see why.
    listed = f"; listed as unanswered: {reply.unanswered!r}" if reply.unanswered else ""
    return f"declined {reply.reason.value}{best}{listed}"
