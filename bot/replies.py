"""What the engine answers: a small reply model that the CLI and Discord both render."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.asking import says_thanks
from bot.knowledge import Entry, Speaker

__all__ = [
    "QUOTED_OFFERED",
    "RELATED_OFFERED",
    "Ambiguous",
    "Answered",
    "Candidate",
    "Context",
    "DeclineReason",
    "Declined",
    "Quoted",
    "QuotedSpeaker",
    "Reply",
    "Ruling",
    "offered",
    "only_so_many",
    "quotes_counted",
    "reply_to_json",
]

# Entries an answer offers next: a short row of buttons, not a second menu.
RELATED_OFFERED = 3
# The people quoted, one button each: as many as one row of Discord's buttons holds.
QUOTED_OFFERED = 5


class DeclineReason(StrEnum):
    EMPTY = "empty"  # nothing to read: blank, or only symbols
    OFF_TOPIC = "off_topic"  # no word of the question belongs to any story
    NOT_COVERED = "not_covered"  # about the story, but the story does not say
    NOT_ENGLISH = "not_english"  # written in another language, which the bot cannot read
    NO_SUCH_CHOICE = "no_such_choice"  # a place the list replied to does not have: "4" of 3


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float
    clause: int = 0  # the part of the message it matched best (from 1), or 0 for the whole


@dataclass(frozen=True, slots=True)
class Answered:
    question: str
    entry: Entry
    score: float
    # What to ask next: the entries of the message's other parts, an entry that
    # came close, then the entry's own related entries.
    related: tuple[Entry, ...]
    # Entries whose phrasings fit about as well, or better: this one was chosen
    # over them because its answer holds more of the question, because the
    # engine's second opinion names it, or because its referee gives it better
    # odds. A close call, and logged as one.
    rivals: tuple[Candidate, ...] = ()

    status = "answered"


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Two or three entries fit about equally well: offer them rather than guess."""

    question: str
    candidates: tuple[Candidate, ...]

    status = "ambiguous"

    @property
    def score(self) -> float:
        return self.candidates[0].score


@dataclass(frozen=True, slots=True)
class Declined:
    question: str
    reason: DeclineReason
    suggestions: tuple[Candidate, ...]
    # Words of the question that no story uses, as typed: the reason it was declined.
    missing: tuple[str, ...] = ()
    # The entry that came closest, whatever it scored: the suggestions are the
    # story's featured entries when none scores enough to be offered.
    best: Candidate | None = None
    # The question the knowledge file lists as unanswered that this one matched.
    unanswered: str | None = None

    status = "declined"

    @property
    def score(self) -> float:
        return self.best.score if self.best else 0.0

    @property
    def thanks(self) -> bool:
        """Whether it declines a thanks ("thx!"), which is owed a "you're welcome"."""
        return self.reason is DeclineReason.EMPTY and says_thanks(self.question)


@dataclass(frozen=True, slots=True)
class QuotedSpeaker:
    story: str
    speaker: Speaker
    quotes: int  # how many of the story's quotes are theirs
    # An entry that quotes them ("What did Talal Selo say?"): their button.
    entry: Entry | None


@dataclass(frozen=True, slots=True)
class Quoted:
    """Who the stories quote, asked in words ("who is quoted in the article?"):
    the list /quotes shows."""

    question: str
    speakers: tuple[QuotedSpeaker, ...]

    status = "quoted"
    score = 100.0  # a list of what the story holds, not a guess


# What the engine rules on a question's words: answer, offer a choice, or decline.
Ruling = Answered | Ambiguous | Declined
Reply = Ruling | Quoted


def offered(reply: Reply) -> tuple[Entry, ...]:
    """The entries a reply offers to ask next, best first: its buttons in Discord."""
    if isinstance(reply, Answered):
        return reply.related[:RELATED_OFFERED]
    if isinstance(reply, Ambiguous):
        return tuple(c.entry for c in reply.candidates)
    if isinstance(reply, Quoted):
        found = dict.fromkeys(s.entry for s in reply.speakers if s.entry is not None)
        return tuple(found)[:QUOTED_OFFERED]
    return tuple(c.entry for c in reply.suggestions)


def only_so_many(count: int) -> str:
    """What a reply that picks a place its list does not have is told ("4" of 3),
    in Discord and at the prompt alike."""
    return (
        "There is only one to choose from"
        if count == 1
        else f"There are only {count} to choose from"
    )


def quotes_counted(count: int) -> str:
    """ "1 quote", "7 quotes": how much of a story is someone's, in Discord and at
    the prompt alike."""
    return f"{count} quote" if count == 1 else f"{count} quotes"


@dataclass(frozen=True, slots=True)
class Context:
    """What a reader's next message may lean on: the entry last answered, and the
    entries the last reply offered, in order ("who is he?", "the second one");
    None holds the place of a button whose entry is gone."""

    answer: Entry | None = None
    offered: tuple[Entry | None, ...] = ()

    def then(self, reply: Reply) -> Context:
        """The context after `reply`: its buttons, and its answer, or the one before
        it ("who is he?" may follow a "thanks" or a "did you mean")."""
        answer = reply.entry if isinstance(reply, Answered) else self.answer
        return Context(answer, offered(reply))


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """The documented JSON shape of `python -m bot ask --json`."""
    entry = reply.entry if isinstance(reply, Answered) else None
    if isinstance(reply, Answered):
        suggestions = [Candidate(e, 0.0) for e in reply.related]
    elif isinstance(reply, Ambiguous):
        suggestions = list(reply.candidates)
    elif isinstance(reply, Quoted):
        suggestions = [Candidate(e, 0.0) for e in offered(reply)]
    else:
        suggestions = list(reply.suggestions)
    return {
        "question": reply.question,
        "status": reply.status,
        "reason": reply.reason.value if isinstance(reply, Declined) else None,
        "story": entry.story if entry else None,
        "id": entry.id if entry else None,
        "question_matched": entry.question if entry else None,
        "answer": entry.answer if entry else None,
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker.name,
                "role": q.speaker.role,
                "paragraph": q.paragraph,
                "reported": q.reported,
            }
            for q in (entry.quotes if entry else ())
        ],
        "speakers": [
            {
                "story": s.story,
                "name": s.speaker.name,
                "role": s.speaker.role,
                "quotes": s.quotes,
            }
            for s in (reply.speakers if isinstance(reply, Quoted) else ())
        ],
        "score": round(reply.score, 1),
        "suggestions": [
            {
                "story": c.entry.story,
                "id": c.entry.id,
                "question": c.entry.question,
                "score": round(c.score, 1),
            }
            for c in suggestions
        ],
    }
