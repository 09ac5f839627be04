"""The reply model: its JSON shape as documented for `ask --json`, and what it offers next."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.engine import Engine
from bot.replies import (
    RELATED_OFFERED,
    Ambiguous,
    Answered,
    Candidate,
    Context,
    Declined,
    Quoted,
    offered,
    reply_to_json,
)

KEYS = {
    "question",
    "status",
    "reason",
    "story",
    "id",
    "question_matched",
    "answer",
    "quotes",
    "speakers",
    "score",
    "suggestions",
}


def check_shape(data: dict[str, Any]) -> None:
    assert set(data) == KEYS
    assert isinstance(data["question"], str)
    assert data["status"] in ("answered", "ambiguous", "declined", "quoted")
    assert data["reason"] is None or isinstance(data["reason"], str)
    assert isinstance(data["score"], float)
    for quote in data["quotes"]:
        assert set(quote) == {"text", "speaker", "role", "paragraph", "reported"}
        assert isinstance(quote["paragraph"], int)
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"story", "id", "question", "score"}
    for speaker in data["speakers"]:
        assert set(speaker) == {"story", "name", "role", "quotes"}
        assert isinstance(speaker["quotes"], int)


def test_answered_json(mini_engine: Engine) -> None:
    data = reply_to_json(mini_engine.ask("when will the harbour reopen?"))
    check_shape(data)
    assert data["status"] == "answered"
    assert data["reason"] is None
    assert (data["story"], data["id"]) == ("harbour-storm", "reopening")
    assert data["question_matched"] == "When will the harbour reopen?"
    assert data["quotes"] == [
        {
            "text": "We expect the harbour to reopen on Friday",
            "speaker": "Ann Reyes",
            "role": "harbour master",
            "paragraph": 2,
            "reported": False,
        }
    ]
    assert [(s["story"], s["id"]) for s in data["suggestions"]] == [
        ("harbour-storm", "repairs"),
        ("harbour-storm", "closure"),
    ]


def test_declined_json(mini_engine: Engine) -> None:
    data = reply_to_json(mini_engine.ask("how old is ann reyes"))
    check_shape(data)
    assert (data["status"], data["reason"]) == ("declined", "not_covered")
    assert data["story"] is data["id"] is data["answer"] is data["question_matched"] is None
    assert data["quotes"] == []
    assert data["suggestions"]


def test_who_is_quoted_json(mini_engine: Engine) -> None:
    data = reply_to_json(mini_engine.ask("who is quoted"))
    check_shape(data)
    assert (data["status"], data["reason"], data["id"], data["answer"]) == (
        "quoted",
        None,
        None,
        None,
    )
    assert data["speakers"] == [
        {"story": "harbour-storm", "name": "Ann Reyes", "role": "harbour master", "quotes": 2},
        {"story": "harbour-storm", "name": "the council", "role": None, "quotes": 1},
    ]
    assert [s["id"] for s in data["suggestions"]] == [
        e.id for e in offered(mini_engine.ask("who is quoted"))
    ]
    # Every other reply has the key too, empty.
    assert reply_to_json(mini_engine.ask("when will the harbour reopen?"))["speakers"] == []


def test_narration_quote_has_byline_and_no_role(mini_engine: Engine) -> None:
    data = reply_to_json(mini_engine.ask("why was the harbour closed"))
    assert data["quotes"][0]["speaker"] == "Staff"
    assert data["quotes"][0]["role"] is None


def test_what_a_reply_offers_next(mini_engine: Engine) -> None:
    answered = mini_engine.ask("when will the harbour reopen?")
    assert isinstance(answered, Answered)
    assert [e.id for e in offered(answered)] == ["repairs", "closure"]
    # An answer offers a short row of related entries, however many there are.
    crowded = replace(answered, related=answered.related * 3)
    assert len(offered(crowded)) == RELATED_OFFERED
    declined = mini_engine.ask("how old is ann reyes")
    assert isinstance(declined, Declined)
    assert [e.id for e in offered(declined)] == [c.entry.id for c in declined.suggestions]
    ambiguous = Ambiguous("q", tuple(Candidate(e, 80.0) for e in answered.related))
    assert offered(ambiguous) == answered.related
    # Who is quoted: each speaker's entry once, in one row of buttons.
    quoted = mini_engine.ask("who is quoted")
    assert isinstance(quoted, Quoted)
    crowded_list = replace(quoted, speakers=quoted.speakers * 4)
    assert offered(crowded_list) == offered(quoted)


def test_the_context_a_reply_leaves(mini_engine: Engine) -> None:
    """Its buttons, and its answer, or the answer before it: "who is she?" may
    follow a "thanks" or a "did you mean"."""
    answered = mini_engine.ask("when will the harbour reopen")
    assert isinstance(answered, Answered)
    after_answer = Context().then(answered)
    assert after_answer == Context(answered.entry, offered(answered))
    thanks = mini_engine.ask("thanks")
    assert after_answer.then(thanks) == Context(after_answer.answer, offered(thanks))
