"""A synthetic knowledge base, large enough to show how the engine scales.

`generate` writes a knowledge file and its article into a folder, reproducibly
from a seed, in the shipped story's proportions scaled up: as many alternates
per entry (the bench passes the shipped story's own counts), about 12 words of
article, 1.3 quotes and a 25-word answer per entry, a third of an entry's words
said with synonyms in some alternates, and a speaker for every 16 entries.
Words are invented and drawn with a Zipf-like frequency, so a few are in most
entries and most in one or two, as in real text. The real loader must accept
the result: no two entries share a phrasing as the loader reads it, and every
quote is verbatim in a paragraph that names its speaker. The questions to time
are the entries' own phrasings, damaged the way readers type them, plus vague
questions made only of the commonest words and questions the knowledge does not
cover at all.
"""

from __future__ import annotations

import itertools
import json
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.normalize import INTENTS, AliasTable, is_stopword, terms, tokenize

__all__ = ["SEED", "Generated", "generate"]

SEED = 20171015  # the day the Raqa convoy left; any fixed number would do
ZIPF_EXPONENT = 1.07
# Alternates per entry, one drawn for each; the bench draws from the shipped story's own.
ALTERNATES = (10, 12, 13, 14, 14, 15, 16, 18)
SYNONYM_CHANCE = 0.35  # that a phrasing says a word of its entry another way
QUOTES_PER_PARAGRAPH = (1, 2, 3, 4)  # 2.5 on average: 20 paragraphs for 50 entries

_ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pl pr sk st tr ch sh th".split()
_VOWELS = "a e i o u a e i o u ai ea ou io ei".split()
_CODAS = ["", "", "", "n", "r", "l", "s", "t", "m", "nd", "st", "ck", "rt", "lm"]
# Function words that glue an answer's sentence together; matching ignores them.
_GLUE = "the of in and to a on with for after before near from by at".split()
_ROLES = ["minister", "spokesman", "commander", "official", "envoy", "mayor"]
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_CHAT_BEFORE = [
    "hey bot, ",
    "hi! ",
    "quick question: ",
    "pls tell me ",
    "ok so ",
    "can you tell me ",
    "i was wondering ",
    "yo ",
]
_CHAT_AFTER = [" lol", "??", " pls", " thanks!", " tbh", " :)", " ?!", " asap"]
# Every answer says "said": these share only that, or the commonest words, with the story.
_VAGUE = [
    "who said it",
    "what did they say",
    "who said that?",
    "{common}",
    "{common}??",
    "what about the {common}",
    "who said {common}",
    "tell me about the {common} and what they said",
]
# Questions about nothing the knowledge holds: real English that shares no content word.
_UNRELATED = [
    "what is the weather like in paris tomorrow",
    "who won the football match last night",
    "how do i bake sourdough bread",
    "recommend me a good science fiction novel",
    "what is the capital of australia",
    "how tall is mount everest",
    "why is the sky blue",
    "python list comprehension example",
    "when does the next train to london leave",
    "how many calories are in a banana",
    "what time is it in tokyo",
    "can you write me a poem about autumn",
    "where can i buy cheap concert tickets",
    "who painted the mona lisa",
    "is coffee bad for your heart",
]

# Question templates over an entry's slots: w1..w4 its words (each phrasing may
# say some of them with the entry's synonyms), n its number, last/full its
# speaker, place and day where and when it was said. Like a curator's, they
# hold two to four content words and ask for a number, a person, a place, a
# time, a reason, someone's words, or nothing in particular.
_QUESTIONS = [
    "How many {w1} {w2} {w3} the {w4}?",
    "How many {w2} were there in {place}?",
    "how many {w2} {w3}",
    "number of {w1} {w2} in {place}",
    "What did {last} say about the {w4}?",
    "what did {full} say about {w1} {w2}",
    "Who {w3} the {w4} in {place}?",
    "who {w3} the {w4}",
    "Where did the {w1} {w2} {w3}?",
    "where are the {w2} {w3} now",
    "When did the {w2} {w3} the {w4}?",
    "when was the {w4} {w3}",
    "Why did the {w2} {w3} in {place}?",
    "why {w3} the {w4}",
    "{w1} {w2} {w4} numbers",
    "what happened to the {w4} in {place}",
    "did {last} mention the {w2}",
    "{last} on {w1} {w4}",
    "tell me about the {w1} {w2} and the {w4}",
    "is it true that the {w2} {w3} the {w4}",
    "how many {w1} {w2} according to {full}",
    "{w2} {w3} {place} {day}",
    "what did the {w1} {w2} do on {day}",
    "who reported {n} {w1}",
    "{w1} {w2} {w3}",
    "{w4} in {place}",
    "was the {w4} {w3} on {day}",
    "what is the {w1} {w2}",
    "{last} {w2} {w4}",
    "are there still {w2} in {place}",
    "{w1} {w2}",
    "{w3} {w4} {day}",
    "what about the {w4}",
    "how big is the {w4}",
    "{place} {w2} count",
    "which {w2} {w3} the {w4}",
    "how long did the {w2} {w3}",
    "what was {w3} in {place}",
    "{full} {w4}",
    "latest on the {w1} {w2}",
]


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated knowledge file and the questions to ask it."""

    path: Path  # the knowledge file; its article is beside it
    entries: int
    words: int  # distinct invented words in the vocabulary
    speakers: int
    # Phrasings with typos, dropped and extra words; then vague ones; then unrelated.
    questions: tuple[str, ...]
    vague: int  # how many ask with only the commonest words ("who said it")
    unrelated: int  # how many of `questions` the knowledge does not cover


@dataclass(frozen=True, slots=True)
class _Speaker:
    key: str
    first: str
    last: str
    role: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    topic: str
    speaker: _Speaker
    quotes: tuple[str, ...]
    answer: str
    phrasings: tuple[str, ...]


def generate(
    folder: Path,
    entries: int = 5000,
    *,
    vocabulary: int = 8000,
    alternates: Sequence[int] = ALTERNATES,
    speakers: int | None = None,
    questions: int = 2000,
    seed: int = SEED,
) -> Generated:
    """Write `story.toml` and `story.txt` into `folder`; the same arguments give the same files.

    By default there is a speaker for every 16 entries (312 for 5,000); the
    shipped story has one for every 6, but a large story repeats its voices.
    """
    if speakers is None:
        speakers = max(10, entries // 16)
    rng = random.Random(seed)
    invent = _Inventor(rng)
    words = [invent.word() for _ in range(vocabulary)]
    zipf = _Zipf(words, rng)
    places = [invent.name() for _ in range(max(10, entries // 30))]
    people = [
        _Speaker(
            key=f"s{i:04d}",
            first=invent.name(),
            last=invent.name(),
            role=f"{zipf.draw()} {rng.choice(_ROLES)}",
        )
        for i in range(speakers)
    ]
    topics = [f"The {w}" for w in words[:200]]
    # Curators list variants for the words readers use most; the shipped story
    # has 58 groups of about 5 variants for its 50 entries.
    aliases = _aliases(words[: max(20, entries // 5)], invent, rng)
    table = AliasTable(aliases)

    paragraphs: list[str] = []
    made: list[_Entry] = []
    owner: dict[tuple[str, ...], str] = {}
    quotes: set[str] = set()
    numbers = itertools.count()
    while len(made) < entries:
        # One paragraph: a speaker, a place and a day, and a few things said there.
        speaker = rng.choice(people)
        place, day = rng.choice(places), rng.choice(_DAYS)
        said: list[_Entry] = []
        for _ in range(min(rng.choice(QUOTES_PER_PARAGRAPH), entries - len(made))):
            slots = {f"w{k}": zipf.draw() for k in range(1, 5)}
            slots |= {
                "n": str(rng.randint(2, 9999)),
                "place": place,
                "day": day,
                "last": speaker.last,
                "full": speaker.full,
            }
            quote = "{n} {w1} {w2} had {w3} the {w4}".format(**slots)
            if quote in quotes:
                continue
            synonyms = {f"w{k}": zipf.draw() for k in range(1, 5)}
            entry_id = f"entry-{next(numbers):05d}"
            wanted = rng.choice(alternates) + 1
            phrasings = _phrasings(entry_id, wanted, slots, synonyms, table, owner, rng)
            if len(phrasings) < wanted:
                continue
            quotes.add(quote)
            filler = " ".join(zipf.sentence(rng.randint(8, 14)))
            answer = f"{speaker.last} said {quote} in {place} on {day}; {filler.capitalize()}."
            topic = rng.choice(topics)
            said.append(_Entry(entry_id, topic, speaker, (quote,), answer, phrasings))
        if not said:
            continue
        paragraphs.append(
            f"In {place} on {day}, {speaker.full}, the {speaker.role}, said "
            + _listed([e.quotes[0] for e in said])
            + "."
        )
        # Half the entries also quote something else said in their paragraph, as
        # the shipped story's entries do (75 quotes for 50 entries).
        for entry in said:
            other = rng.choice(said).quotes[0]
            if other != entry.quotes[0] and rng.random() < 0.5:
                entry = replace(entry, quotes=(*entry.quotes, other))
            made.append(entry)

    folder.mkdir(parents=True, exist_ok=True)
    headline = "A synthetic story for benchmarks"
    article = folder / "story.txt"
    article.write_text("\n".join([headline, *paragraphs]) + "\n", encoding="utf-8")
    path = folder / "story.toml"
    path.write_text(_toml(headline, article.name, aliases, people, made, rng), encoding="utf-8")

    asked = [
        _perturb(rng.choice(rng.choice(made).phrasings), rng, zipf, aliases)
        for _ in range(questions)
    ]
    unrelated = max(1, questions // 8)
    vague = max(1, questions // 20)
    asked[-unrelated - vague :] = [_vague(rng, words) for _ in range(vague)] + [
        _unrelated(rng, invent) for _ in range(unrelated)
    ]
    return Generated(
        path=path,
        entries=len(made),
        words=len(words),
        speakers=len(people),
        questions=tuple(asked),
        vague=vague,
        unrelated=unrelated,
    )


def _phrasings(
    entry_id: str,
    wanted: int,
    slots: dict[str, str],
    synonyms: dict[str, str],
    table: AliasTable,
    owner: dict[tuple[str, ...], str],
    rng: random.Random,
) -> tuple[str, ...]:
    """Up to `wanted` phrasings of an entry, each one no other entry has claimed.

    A template may serve twice, with other words said by their synonyms. The
    phrasings are claimed for the entry only when there are `wanted` of them.
    """
    found: dict[tuple[str, ...], str] = {}
    for template in rng.sample(_QUESTIONS * 2, 2 * len(_QUESTIONS)):
        said = {
            k: synonyms[k] if k in synonyms and rng.random() < SYNONYM_CHANCE else v
            for k, v in slots.items()
        }
        text = template.format(**said)
        key = _reading(text, table)
        if len(text) > 100 or key in found or owner.get(key, entry_id) != entry_id:
            continue
        found[key] = text
        if len(found) == wanted:
            owner.update(dict.fromkeys(found, entry_id))
            break
    return tuple(found.values())


def _reading(text: str, table: AliasTable) -> tuple[str, ...]:
    """A phrasing as the loader compares it: two with the same terms are one question."""
    return tuple(sorted({t for t, _ in terms(table.apply(tokenize(text)))}))


def _listed(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Inventor:
    """Pronounceable invented words, each new and each with a stem no other word has."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.stems: set[str] = set()

    def word(self) -> str:
        while True:
            syllables = self.rng.choices((1, 2, 3), weights=(3, 5, 2))[0]
            word = "".join(
                self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(syllables)
            )
            word += self.rng.choice(_CODAS)
            # Read as the matcher reads it: one content word, never a question word.
            read = tokenize(word)
            if (
                3 <= len(word) <= 12
                and len(read) == 1
                and not is_stopword(read[0])
                and (read[0].folded,) not in INTENTS
                and read[0].stem not in self.stems
            ):
                self.stems.add(read[0].stem)
                return word

    def name(self) -> str:
        return self.word().capitalize()


class _Zipf:
    """Draws words with probability falling as 1 / rank ** ZIPF_EXPONENT."""

    def __init__(self, words: Sequence[str], rng: random.Random) -> None:
        self.words = words
        self.rng = rng
        weights = (1 / rank**ZIPF_EXPONENT for rank in range(1, len(words) + 1))
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        return self.words[min(bisect(self.cumulative, point), len(self.words) - 1)]

    def sentence(self, length: int) -> Iterator[str]:
        for i in range(length):
            yield self.rng.choice(_GLUE) if i % 3 == 1 else self.draw()


def _aliases(
    canonical: Sequence[str], invent: _Inventor, rng: random.Random
) -> dict[str, list[str]]:
    """Spelling variants and synonyms for half of the commonest words, as a curator
    lists them: one to eight each, one in five of two words."""
    table: dict[str, list[str]] = {}
    for word in canonical:
        if rng.random() < 0.5:
            table[word] = [
                f"{invent.word()} {invent.word()}" if rng.random() < 0.2 else invent.word()
                for _ in range(rng.randint(1, 8))
            ]
    return table


def _perturb(question: str, rng: random.Random, zipf: _Zipf, aliases: dict[str, list[str]]) -> str:
    """A phrasing as a reader might type it: a variant spelling, typos, a word more or
    less, chat around it."""
    words = [
        rng.choice(aliases[w]) if w in aliases and rng.random() < 0.3 else w
        for w in question.split()
    ]
    for _ in range(rng.choice((0, 1, 1, 2))):
        i = rng.randrange(len(words))
        if len(words[i]) >= 4:
            words[i] = _typo(words[i], rng)
    if len(words) > 3 and rng.random() < 0.3:
        del words[rng.randrange(len(words))]
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words) + 1), zipf.draw())
    text = " ".join(words)
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = rng.choice(_CHAT_BEFORE) + text
    if rng.random() < 0.3:
        text += rng.choice(_CHAT_AFTER)
    return text


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]


def _vague(rng: random.Random, words: Sequence[str]) -> str:
    """A question with nothing but words in most entries: the slowest kind to rank."""
    common = rng.choice(words[:10])
    return rng.choice(_VAGUE).format(common=common)


def _unrelated(rng: random.Random, invent: _Inventor) -> str:
    if rng.random() < 0.5:
        return rng.choice(_UNRELATED)
    # Words the knowledge has never seen, in a question's shape.
    return f"what about the {invent.word()} {invent.word()} of {invent.name()}"


def _toml(
    headline: str,
    article: str,
    aliases: dict[str, list[str]],
    people: Sequence[_Speaker],
    entries: Sequence[_Entry],
    rng: random.Random,
) -> str:
    s = json.dumps  # a JSON string is a valid TOML basic string
    lines = [
        "[story]",
        'id = "synthetic-bench"',
        f"headline = {s(headline)}",
        'byline = "Bench Wire"',
        f"article = {s(article)}",
        "",
        "[aliases]",
        *(f"{k} = {s(v)}" for k, v in aliases.items()),
        "",
    ]
    for person in people:
        lines += [
            f"[speakers.{person.key}]",
            f"name = {s(person.full)}",
            f"role = {s(person.role)}",
            "",
        ]
    ids = [e.id for e in entries]
    for entry in entries:
        related = [r for r in rng.sample(ids, min(3, len(ids))) if r != entry.id][:2]
        quotes = ", ".join(
            f"{{ text = {s(quote)}, speaker = {s(entry.speaker.key)} }}" for quote in entry.quotes
        )
        lines += [
            "[[entries]]",
            f"id = {s(entry.id)}",
            f"topic = {s(entry.topic)}",
            f"question = {s(entry.phrasings[0])}",
            f"alternates = {s(list(entry.phrasings[1:]))}",
            f"answer = {s(entry.answer)}",
            f"quotes = [{quotes}]",
            f"related = {s(related)}",
            "",
        ]
    return "\n".join(lines)
