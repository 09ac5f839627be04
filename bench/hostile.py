"""Inputs a hostile or careless user can send: each must be answered as fast as any question.

Discord caps a slash-command option at 6,000 characters and a message at 4,000,
but the engine may be called from anywhere, so the floods here are 100,000
characters; the engine cuts a question before reading it, and these show the cut
holds for every kind of character.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["HOSTILE_CHARS", "Hostile", "hostile_inputs"]

HOSTILE_CHARS = 100_000
_QUESTION = "how many fighters left raqqa"


@dataclass(frozen=True, slots=True)
class Hostile:
    label: str
    text: str


def hostile_inputs(size: int = HOSTILE_CHARS) -> list[Hostile]:
    """The corpus: floods of `size` characters of every troublesome kind, and smaller tricks."""
    rng = random.Random(7)

    def flood(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    gibberish = " ".join(
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4))
        for _ in range(size // 9)
    )
    return [
        Hostile("one word of letters", flood("a")),
        Hostile("the question, repeated", flood(_QUESTION + " ")),
        Hostile("made-up words", gibberish[:size]),
        # A word under five letters that is no English word is looked for among all
        # the story's words of its first letter: one at a time in Python, five of
        # them once cost 27 ms on 5,000 entries; one rapidfuzz scan each now.
        Hostile("short made-up words", flood("aaaa bbbb cccc dddd eeee ")),
        Hostile("quotations asking whose", flood("“we still expect difficult fighting” who? ")),
        Hostile("digits", flood("7")),
        Hostile("NUL flood", flood("\x00")),
        Hostile("control char flood", flood("".join(map(chr, range(32))) + "\x7f")),
        Hostile("newline and tab flood", flood("\n\r\t \x0b\x0c")),
        Hostile("zero-width flood", flood("\u200b\u200c\u200d\u2060\ufeff")),
        Hostile("zero-width inside words", flood("r\u200ba\u200dq\u2060a fight\u200bers ")),
        Hostile("RTL override flood", flood("\u202e") + _QUESTION),
        Hostile("bidi marks around words", flood("\u202ehow\u202c \u2067many\u2069 ")),
        Hostile("combining mark flood", "a" + "\u0301" * (size - 1)),
        Hostile("zalgo words", flood("r" + "\u0336\u0315\u0358" * 10 + "aqa ")),
        Hostile("emoji flood", flood("\U0001f525")),
        Hostile("emoji ZWJ sequences", flood("\U0001f468\u200d\U0001f469\u200d\U0001f467 ")),
        Hostile("flag and skin-tone emoji", flood("\U0001f1f8\U0001f1fe\U0001f44d\U0001f3ff ")),
        Hostile("NFKC expanders (U+FDFA)", flood("\ufdfa")),
        Hostile("fullwidth letters", flood("\uff48\uff4f\uff57 \uff4d\uff41\uff4e\uff59 ")),
        Hostile("lone surrogates", flood("\ud800\udfff")),
        Hostile("Cyrillic homoglyphs", flood("R\u0430qq\u0430 f\u0456ghters ")),
        Hostile("Arabic script", flood("\u0627\u0644\u0631\u0642\u0629 ")),
        Hostile("user mention flood", flood("<@123456789012345678> ")),
        Hostile("@everyone, @here, roles, channels", flood("@everyone @here <@&42> <#99> ")),
        Hostile("markdown flood", flood("**__~~||`how`||~~__** # many\n> *fighters*\n- ")),
        Hostile("code blocks", flood("```py\nprint('raqa')\n```\n")),
        Hostile("apostrophe chains", flood("a'")),
        Hostile("URL flood", flood("https://example.com/raqa?fighters=275&left=1 ")),
        # One long token that nearly is a domain: a link pattern that is not anchored
        # to a token's start scans it again from every word in it.
        Hostile("hyphen and dot chains", flood("a-b.")),
        Hostile("empty", ""),
        Hostile("only punctuation", flood("?!.,;:-")),
        Hostile("question with 80+ story words", " ".join([_QUESTION] * 40)),
    ]
