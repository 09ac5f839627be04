"""Learning from misses: questions the bot declined or could not decide, for curators.

With `MISSES_LOG` set, every declined or ambiguous question, and every answer
chosen over entries that fit about as well (a close call), is appended to a
JSON-lines file (time, question, status, best candidates; never who asked or
where). `python -m bot misses` groups similar ones, most frequent first, with
the entry each group most resembles, so a curator knows which alternate or
entry to add; `--asked` drafts them as lines of a story's asked questions
(bot.knowledge.Asked), for the curator to label.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rapidfuzz import fuzz

from bot.knowledge import Entry
from bot.normalize import STOPWORDS
from bot.replies import Ambiguous, Answered, Candidate, Declined, DeclineReason, Quoted, Reply

__all__ = [
    "Miss",
    "MissGroup",
    "append_miss",
    "asked_drafts",
    "group_misses",
    "miss_record",
    "open_log",
    "read_misses",
    "without_ids",
]

MAX_LOGGED_CHARS = 500
# Discord markup names a user, a role or a channel by id; the log keeps its kind only.
# Emoji and commands keep their names (":raqa:", "/ask").
_MARKUP = re.compile(r"<(@&|@!?|#|t:|a?:\w+:|/[^<>:]+:)[^<>\s]*>")
_MASKS = {"@": "@user", "@!": "@user", "@&": "@role", "#": "#channel", "t:": "<time>"}
_SNOWFLAKE = re.compile(r"\b\d{17,20}\b")  # an id pasted as a number


def without_ids(text: str) -> str:
    """The question with the ids a Discord message carries (mentions, channels) masked."""
    return _SNOWFLAKE.sub("[id]", _MARKUP.sub(_mask, text))


def _mask(match: re.Match[str]) -> str:
    kind = match[1]
    if kind in _MASKS:
        return _MASKS[kind]
    return kind[:-1] if kind.startswith("/") else kind.removeprefix("a")  # "/ask", ":raqa:"


def miss_record(
    reply: Reply, *, after: Entry | None = None, now: float | None = None
) -> dict[str, Any] | None:
    """The log line for a reply, or None when it was answered without a close call,
    or asked nothing;
    `after` is the answer it replied to ("who is he?" under the convoy's size)."""
    if isinstance(reply, Answered):
        if not reply.rivals:
            return None
        # A close call: answered, but a curator may need to tell the entries apart.
        candidates = (Candidate(reply.entry, reply.score), *reply.rivals)
    elif isinstance(reply, Quoted) or (
        isinstance(reply, Declined) and reply.reason in _NOTHING_ASKED
    ):
        return None  # who is quoted: the story's own list, nothing missed
    elif isinstance(reply, Ambiguous):
        candidates = reply.candidates
    else:
        # What the reader was offered, or when nothing scored enough to be offered,
        # the entry that came closest: the one a curator may need to widen.
        candidates = tuple(c for c in reply.suggestions if c.score > 0)
        if not candidates and reply.best is not None:
            candidates = (reply.best,)
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
        "question": without_ids(reply.question)[:MAX_LOGGED_CHARS],
        "status": reply.status,
        "reason": reply.reason.value if isinstance(reply, Declined) else None,
        # Declined because the knowledge file lists it as unanswered: not a gap to fill.
        "unanswered": reply.unanswered if isinstance(reply, Declined) else None,
        "candidates": [
            {"story": c.entry.story, "id": c.entry.id, "score": round(c.score, 1)}
            for c in candidates
        ],
        "after": {"story": after.story, "id": after.id} if after is not None else None,
    }


# "thanks!", "hi" and "4" under three buttons: no entry or alternate would answer them,
# and a log of them would bury the questions a curator can act on.
_NOTHING_ASKED = frozenset({DeclineReason.EMPTY, DeclineReason.NO_SUCH_CHOICE})


def append_miss(path: Path, reply: Reply, after: Entry | None = None) -> None:
    """Append one reply to the misses log if it was not answered."""
    record = miss_record(reply, after=after)
    if record is None:
        return
    with open_log(path) as file:
        file.write(json.dumps(record, ensure_ascii=False) + "\n")


def open_log(path: Path) -> TextIO:
    """The misses log, opened to append; created readable by its owner alone, since
    it holds what readers asked. Raises OSError when it cannot be written."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    # A lone surrogate (broken UTF-16 from a client) is written as "?" rather than lost.
    return open(descriptor, "a", encoding="utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class Miss:
    question: str
    status: str
    reason: str | None
    best_id: str | None
    best_score: float
    best_story: str | None = None
    after: str | None = None  # the entry id of the answer it replied to


def read_misses(lines: Iterable[str]) -> Iterator[Miss]:
    """Parse a misses log, skipping lines that are not records (a torn last write)."""
    for line in lines:
        try:
            data = json.loads(line)
            question = data["question"]
            candidates = data.get("candidates") or []
            best = candidates[0] if candidates else {"id": None, "score": 0.0}
            reason = data.get("reason")
            best_id, score = best["id"], _number(best["score"])
            best_story = best.get("story")
            after = (data.get("after") or {}).get("id")
        except (
            ValueError,
            KeyError,
            TypeError,
            IndexError,
            AttributeError,
            RecursionError,
            OverflowError,
        ):
            continue
        if not (
            isinstance(question, str)
            and isinstance(reason, str | None)
            and isinstance(best_id, str | None)
            and isinstance(best_story, str | None)
            and isinstance(after, str | None)
            and math.isfinite(score)
        ):
            continue  # not a line this program wrote
        yield Miss(
            question=question,
            status=str(data.get("status", "declined")),
            # Shown as its own reason: the curator decided it, it is no gap.
            reason="listed as unanswered" if data.get("unanswered") else reason,
            best_id=best_id,
            best_score=score,
            best_story=best_story,
            after=after,
        )


def _number(value: object) -> float:
    """A JSON number as a float; anything else (true, "90") is not a score."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    return float(value)


def _substance(key: str) -> set[str]:
    return {w for w in re.findall(r"\w+", key) if w not in STOPWORDS and len(w) > 1}


@dataclass(frozen=True, slots=True)
class MissGroup:
    """Similar misses: how often, an example, and the entry they most resemble."""

    example: str
    questions: tuple[str, ...]
    count: int
    best_id: str | None
    best_score: float
    reasons: tuple[str, ...]
    best_story: str | None = None
    # The answers its follow-ups replied to: "who is he?" means nothing without them.
    after: tuple[str, ...] = ()


def asked_drafts(misses: Iterable[Miss], *, several: bool = False) -> list[str]:
    """Each distinct question of the misses as a line of a story's asked questions,
    most frequent first: {"q": ..., "expect": the entry it came nearest}, or null
    where the bot said the story does not say or is about something else. A
    draft: the curator corrects each label before adding it to the file. With
    `several` stories the entry is written "story:id". A reply to an answer is
    left out: it means nothing without the answer."""
    counts: dict[str, int] = {}
    drafts: dict[str, dict[str, str | None]] = {}
    for miss in misses:
        if miss.after is not None or miss.reason == DeclineReason.NOT_ENGLISH.value:
            continue
        key = " ".join(miss.question.casefold().split())
        if not key:
            continue
        counts[key] = counts.get(key, 0) + 1
        if key in drafts:
            continue
        expect = miss.best_id
        if miss.reason in _SAID_UNANSWERED:
            expect = None
        elif expect is not None and several:
            expect = f"{miss.best_story}:{expect}"
        drafts[key] = {"q": miss.question, "expect": expect}
    order = sorted(drafts, key=lambda k: -counts[k])
    return [json.dumps(drafts[k], ensure_ascii=False) for k in order]


# What the bot said of a question it answered nothing to: a draft's label is null.
_SAID_UNANSWERED = frozenset(
    {DeclineReason.OFF_TOPIC.value, DeclineReason.NOT_COVERED.value, "listed as unanswered"}
)

# An answer in the log was chosen over entries that fit about as well.
_STATUS_SHOWN = {"answered": "close call"}


def group_misses(misses: Iterable[Miss], *, similarity: float = 70.0) -> list[MissGroup]:
    """Group misses whose wording is alike (rapidfuzz token_set_ratio on folded text).

    A miss joins the first group whose first question it is alike, or starts one.
    Only groups that share a word of substance with it are compared (all of them
    when it has none): comparing each with every group made a log of 2,000
    distinct misses take seconds.
    """
    groups: list[list[Miss]] = []
    keys: list[str] = []
    seen: dict[str, int] = {}  # a question asked again needs no comparison
    having: dict[str, list[int]] = {}  # a word of substance: the groups whose key has it
    for miss in misses:
        key = " ".join(miss.question.casefold().split())
        group = seen.get(key)
        if group is None:
            words = _substance(key)
            candidates = (
                sorted({g for word in (*words, "") for g in having.get(word, ())})
                if words
                else range(len(keys))
            )
            group = next(
                (i for i in candidates if fuzz.token_set_ratio(key, keys[i]) >= similarity),
                len(groups),
            )
            if group == len(groups):
                groups.append([])
                keys.append(key)
                # A group of no word of substance ("" ) is compared with every miss.
                for word in words or {""}:
                    having.setdefault(word, []).append(group)
            seen[key] = group
        groups[group].append(miss)
    out: list[MissGroup] = []
    for members in groups:
        best = max(members, key=lambda m: m.best_score)
        distinct = tuple(dict.fromkeys(m.question for m in members))
        reasons = tuple(
            dict.fromkeys(m.reason or _STATUS_SHOWN.get(m.status, m.status) for m in members)
        )
        out.append(
            MissGroup(
                example=distinct[0],
                questions=distinct,
                count=len(members),
                best_id=best.best_id,
                best_score=best.best_score,
                reasons=reasons,
                best_story=best.best_story,
                after=tuple(dict.fromkeys(m.after for m in members if m.after)),
            )
        )
    out.sort(key=lambda g: (-g.count, g.example))
    return out
