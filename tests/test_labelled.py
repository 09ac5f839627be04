"""Labelled question lines: the one format eval files and asked-question files share."""

from __future__ import annotations

import re

import pytest

from bot.labelled import REASONS, Labelled, parse_labelled
from bot.replies import DeclineReason


def test_a_line_reads_every_key() -> None:
    line = '{"q": "and why", "expect": "boats", "accept": ["repairs"], "after": "reopening"}'
    assert parse_labelled(line, follow_ups=True) == Labelled(
        "and why", "boats", None, ("repairs",), "reopening"
    )
    assert parse_labelled('{"q": "pizza?", "expect": null, "reason": "off_topic"}') == Labelled(
        "pizza?", None, "off_topic"
    )
    assert parse_labelled('{"q": "pizza?", "expect": null, "reason": null}') == Labelled(
        "pizza?", None
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON (Expecting property name enclosed in double quotes)"),
        ("[" * 100_000, "not JSON (nested too deeply)"),
        ('["is the port shut", "closure"]', "expected a JSON object"),
        ('"is the port shut"', "expected a JSON object"),
        ('{"question": "x", "expect": null}', "unknown key 'question'"),
        ('{"q": "x", "expect": "a", "note": 1}', "unknown key 'note'"),
        ('{"q": "", "expect": null}', '"q" must be the question, as a string'),
        ('{"q": "  ", "expect": null}', '"q" must be the question, as a string'),
        ('{"q": 7, "expect": null}', '"q" must be the question, as a string'),
        ('{"q": "x"}', '"expect" is missing: an entry id, or null if the story does not say'),
        ('{"q": "x", "expect": 3}', '"expect" must be an entry id or null'),
        ('{"q": "x", "expect": "a", "reason": "off_topic"}', '"reason" is for a question'),
        ('{"q": "x", "expect": null, "reason": "dunno"}', '"reason" must be "not_covered", '),
        ('{"q": "x", "expect": null, "reason": "empty"}', '"reason" must be'),
        ('{"q": "x", "expect": null, "reason": 5}', '"reason" must be'),
        ('{"q": "x", "expect": "a", "accept": "b"}', '"accept" must be a list of entry ids'),
        ('{"q": "x", "expect": "a", "accept": [null]}', '"accept" must be a list of entry ids'),
        ('{"q": "x", "expect": null, "accept": ["a"]}', '"accept" names more right entries'),
        ('{"q": "x", "expect": "a", "after": 3}', '"after" must be an entry id'),
    ],
)
def test_a_bad_line_says_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_labelled(line, follow_ups=True)


def test_after_is_read_only_where_follow_ups_are() -> None:
    line = '{"q": "and why", "expect": "boats", "after": "reopening"}'
    with pytest.raises(ValueError, match="unknown key 'after'"):
        parse_labelled(line)


def test_every_reason_is_one_a_reply_declines_with() -> None:
    # Eval compares them with its replies' reasons; a question is never "empty".
    assert {DeclineReason(r) for r in REASONS} == set(DeclineReason) - {
        DeclineReason.EMPTY,
        DeclineReason.NO_SUCH_CHOICE,
    }
