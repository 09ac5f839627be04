"""Labelled questions: one JSON line each, as `python -m bot eval` reads them
and as a story's file of questions readers asked (`[story] asked`) holds them.

`{"q": question, "expect": entry id or null}`, with "reason" (why a question
the story does not answer is declined), "accept" (more entry ids that are also
right) and, for a follow-up, "after" (the entry whose answer it replies to).
Whether the ids exist is for the reader of the line to check: eval against
its engine, the knowledge loader against its story.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

__all__ = ["REASONS", "Labelled", "parse_labelled"]

# The decline reasons a question can be labelled with: bot.replies.DeclineReason's
# values but for those no question about a story gets ("hi", "the 4th one").
REASONS = ("not_covered", "off_topic", "not_english")

_KEYS = frozenset({"q", "expect", "reason", "accept"})
_FOLLOW_UP_KEYS = _KEYS | {"after"}


@dataclass(frozen=True, slots=True)
class Labelled:
    """A line's question and labels, as written."""

    question: str
    expect: str | None  # an entry id, or None if the story does not answer it
    reason: str | None = None  # one of REASONS, only with no `expect`
    accept: tuple[str, ...] = ()  # only with an `expect`
    after: str | None = None  # a follow-up: the entry whose answer it replies to


def parse_labelled(line: str, *, follow_ups: bool = False) -> Labelled:
    """One line; ValueError says what is wrong with it. "after" is refused
    unless `follow_ups`."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise ValueError('expected a JSON object {"q": question, "expect": entry id or null}')
    if unknown := sorted(data.keys() - (_FOLLOW_UP_KEYS if follow_ups else _KEYS)):
        raise ValueError(f"unknown key {unknown[0]!r}")
    question = data.get("q")
    if not isinstance(question, str) or not question.strip():
        raise ValueError('"q" must be the question, as a string')
    # A forgotten "expect" must not pass as a question to decline.
    if "expect" not in data:
        raise ValueError('"expect" is missing: an entry id, or null if the story does not say')
    expect = data["expect"]
    if expect is not None and not isinstance(expect, str):
        raise ValueError('"expect" must be an entry id or null')
    reason = data.get("reason")
    if reason is not None and expect is not None:
        raise ValueError('"reason" is for a question the story does not answer ("expect": null)')
    if reason is not None and reason not in REASONS:
        raise ValueError('"reason" must be ' + ", ".join(f'"{r}"' for r in REASONS))
    accept = data.get("accept", [])
    if not isinstance(accept, list) or not all(isinstance(a, str) for a in accept):
        raise ValueError('"accept" must be a list of entry ids')
    if accept and expect is None:
        raise ValueError('"accept" names more right entries of a question with an "expect"')
    after = data.get("after")
    if after is not None and not isinstance(after, str):
        raise ValueError('"after" must be an entry id')
    return Labelled(question, expect, reason, tuple(accept), after)
