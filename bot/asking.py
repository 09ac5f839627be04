"""What a message asks as a whole, beside the words it asks about.

A greeting, thanks or a nod, a gasp or a question let go; a pick from the
buttons it replies to ("the second one"), or a request for more of the answer;
a question about who made the bot, or what the reader thinks of it; a question
about who said something, or whose words it quotes; one in another language.
The engine reads these before, or besides, matching the words against a story.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import NamedTuple

from bot.normalize import (
    GASPS,
    INTERJECTIONS,
    clean,
    contains_any,
    fold_quotes,
    fold_word,
    shouted,
    tokenize,
    words,
)

__all__ = [
    "QUOTED_WORDS",
    "Attribution",
    "asked_part",
    "asks",
    "asks_about_the_bot",
    "asks_for_more",
    "asks_who_is_quoted",
    "attributed_claim",
    "has_question_word",
    "in_another_language",
    "is_pleasantry",
    "judges_the_bot",
    "names_a_choice",
    "only_chatter",
    "only_reacts",
    "places_picked",
    "quoted_asking_whose",
    "says_thanks",
    "without_greeting",
    "without_sign_off",
]


# "who said …?", "says who?", "according to whom?", "what's the source for the
# claim that …": a question about who said something. Every answer names its
# source, so such a question is about the claim, read without these words, whose
# "said" and "who" would otherwise find whatever entry asks "who …". Not
# "who reported this?", which asks for the byline.
_ATTRIBUTION = re.compile(
    # "who in the story said …?" and "which person said …?" ask the same.
    r"\b(?:who|which\s+(?:person|one|official|spokes(?:man|woman|person)))"
    r"(?:\s+in\s+(?:the|this)\s+(?:story|article|piece|report))?"
    r"(?:['’]?s|\s+is|\s+was|\s+are)?\s+"
    r"(?:said|says|say|saying|claims?|claimed|claiming|stated|states)"
    r"(?:\s+(?:that|this|it|so))?\b"
    # "who told them to leave?" asks who ordered it.
    r"|\bwho\s+told\s+(?:you\s+|us\s+)?(?:that|this|it|so)\b"
    r"|\b(?:says?|said)\s+who\b"
    r"|\b(?:according\s+to|per|attributed\s+to|says)\s+whom\b"
    r"|\b(?:who|what)(?:['’]?s|\s+is|\s+was)\s+the\s+(?:named\s+)?(?:source|attribution)"
    r"\s+(?:for|on)\b(?:\s+(?:the|that)\s+(?:claim|line|statement|quote|figure|phrase)s?"
    r"(?:\s+that)?)?"
    # "whose figure is 275?"
    r"|\bwhose\s+(?:figure|number|estimate|claim|quote|line|words|statement)s?"
    r"(?:\s+(?:is|was|are|were))?\b",
    re.IGNORECASE,
)
# "attribution for the 275 figure", "source of the 200-300 figure", as a message
# starts; not "source of the article?", which asks for the byline. Matched at the
# start only: tried at every position with the rest, it doubled their time.
_SOURCE_FIRST = re.compile(
    r"\W*(?:attribution|source)\s+(?:for|of|on)\b"
    r"(?!\s+(?:(?:the|this|that)\s+)?(?:article|story|piece|news|report|this|it)\b)"
    r"(?:\s+(?:the|that)\b)?",
    re.IGNORECASE,
)
# The words that may come before such a question in the same sentence ("so who
# said that?", "can you tell me who said …"); after any other, "who said" starts a
# relative clause ("the council member who said foreigners left"), part of the
# question, not about it.
_BEFORE_ASKING = frozenset(
    """so and but then ok okay also wait really hmm um like lol yeah yes sure right great
    me us know wonder wondering ask asking tell remind explain curious
    hey hi hello yo lmao lmfao ngl btw omg wow bro dude man mate""".split()
)
# Before a word that leads in, these make it a noun the clause is about ("the man
# who said …").
_DETERMINERS = frozenset("the a an this that these those his her their our my".split())


class Attribution(NamedTuple):
    """A question about who said something: the claim it asks about, and the words
    that ask who said it."""

    claim: str
    asking: tuple[str, ...]


def attributed_claim(text: str) -> Attribution | None:
    """What a question asking who said something asks about ("who said 275 fighters
    left?" → "275 fighters left?"; "human shields? says who" → "human shields?";
    "who said that?" → "?"), or None if it asks no such thing."""
    kept, asking, last = [], [], 0
    if first := _SOURCE_FIRST.match(text):
        kept.append("")
        asking.append(first[0].strip())
        last = first.end()
    for match in _ATTRIBUTION.finditer(text, last):
        before = text[last : match.start()]
        said = words(before)
        if said and not re.search(r"[^\w\s]\s*$", before):
            lead = said[-1].lower()
            if lead not in _BEFORE_ASKING or (len(said) > 1 and said[-2].lower() in _DETERMINERS):
                continue
            # "lmfao who said 275": the word that leads in asks nothing of the claim.
            before = before[: before.rstrip().rfind(said[-1])]
        kept.append(before)
        asking.append(match[0])
        last = match.end()
    if not kept:
        return None
    claim = " ".join("".join([*kept, text[last:]]).split())
    return Attribution(claim, tuple(asking))


# Words a reader quotes: between double quotation marks, or between single ones
# that are no apostrophe (in "Selo's 'it's over'" the first and second are).
_QUOTED = re.compile(r"\"([^\"]+)\"|(?<!\w)'((?:[^']|(?<=\w)'(?=\w))+)'(?!\w)")
# Asking whose words they are: "who is speaking?", "whose quote?", "the source?".
_ASKS_WHOSE = re.compile(
    r"\b(?:who|whom|whose|whos|source|attributed|attribution|credited)\b", re.IGNORECASE
)
QUOTED_WORDS = 4  # the fewest words a quoted span needs to be someone's words, not a phrase


def quoted_asking_whose(text: str) -> list[str]:
    """The spans of QUOTED_WORDS or more words that a question quotes while asking
    whose words they are, lower-cased and one space apart: ["we still expect
    there to be difficult fighting"] for "“We still expect there to be difficult
    fighting” — who is speaking?"; none when it asks no such thing outside them."""
    text = fold_quotes(clean(text))
    spans = [" ".join(words(a or b)).casefold() for a, b in _QUOTED.findall(text)]
    if not spans or not _ASKS_WHOSE.search(_QUOTED.sub(" ", text)):
        return []
    return [span for span in spans if span.count(" ") + 1 >= QUOTED_WORDS]


def only_chatter(text: str) -> bool:
    """Whether a message's words only point back, join or chat ("that lol", "and
    then", "ok thanks"): nothing a story could say."""
    return all(w.folded in _CHATTING for w in tokenize(text))


# General English: words that point back, join or fill, beside greetings and thanks.
_CHATTER = frozenset(
    """that this it so and but or then again exactly really actually though anyway
    please pls plz lol lmao haha""".split()
)


_QUESTION_WORDS = frozenset(
    "what whats which who whos whom whose when whens where wheres why whys how hows".split()
)


# Verbs that open a question of their own: "were they allowed to take their
# weapons when they left" asks from its first word, not from "when".
_ASKING_VERBS = frozenset(
    """is are was were am do does did can could will would shall should may might
    must has have had""".split()
)


def asks(text: str) -> bool:
    """Whether a text asks by its words: a question word anywhere in it, or a
    verb that opens a question as its first word ("were they allowed …")."""
    said = tokenize(text)
    return bool(said) and (
        said[0].folded in _ASKING_VERBS or any(w.folded in _QUESTION_WORDS for w in said)
    )


def asked_part(text: str) -> str | None:
    """The question a message asks from its first question word on, when the
    words before it only frame it: "a patron asks who was in the convoy", "for
    the podcast intro I need context: why is Raqa a big deal". None when the
    message opens as a question, or has no question word."""
    found = words(clean(text))
    folded = [fold_word(w) for w in found]
    if not folded or folded[0] in _QUESTION_WORDS or folded[0] in _ASKING_VERBS:
        return None
    start = next((i for i, w in enumerate(folded) if w in _QUESTION_WORDS), None)
    return None if start is None else " ".join(found[start:])


# "… Regards, Dorothy", "… Many thanks, Grandad", "… Thank you. Harold": a
# message signed as a letter is. The name after the closing is the writer's, a
# word the story never uses, which made the question read as about something
# else. Only after a sentence ends, and only a name: "bless them" asks on.
_SIGN_OFF = re.compile(
    r"(?<=[.?!])\s*(?i:(?:(?:kind|kindest|warm|warmest|best|many|with)\s+)?"
    r"(?:regards|wishes|thanks|thank\s+you(?:\s+kindly)?|cheers|love|sincerely|blessings|ta"
    r"|yours(?:\s+(?:sincerely|truly|faithfully))?|(?:god\s+)?bless(?:\s+you)?))"
    r"\s*[,.!]*\s*[-–—~]*\s*"
    # A name as signed, capitalised, or one of the family as typed.
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
    r"|(?i:nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandpa|gramps|mum|mom|mam"
    r"|dad|auntie|aunt|uncle))"
    r"\s*[.!]*\s*(?:x+\s*)?$"
)


def without_sign_off(text: str) -> str:
    """A message without the closing and name it is signed with, if any."""
    return _SIGN_OFF.sub("", text)


# "Good morning, …", "Good afternoon. …": a letter's greeting. "Morning" is a word
# of the article's ("on Sunday morning"), and the greeting, read as a part of
# the message, found an entry of its own. Only before more, after a comma or a stop.
_GREETING = re.compile(
    r"^\s*(?i:good\s+(?:morning|afternoon|evening|day))\s*[,.!:;]+\s*(?=[^\s,.!:;?])"
)


def without_greeting(text: str) -> str:
    """A message without the greeting it opens with, as a letter does, if any."""
    return _GREETING.sub("", text, count=1)


def is_pleasantry(text: str) -> bool:
    """Whether a message only greets, thanks, says goodbye, lets a question go or
    gasps ("hi", "thanks a lot!", "oh never mind", "my bad", "wait what??")."""
    folded = [w.folded for w in tokenize(text)]
    # Every message is asked this, and nearly every one fails within its first
    # few words ("how", "is" and "are" begin small talk).
    if not all(w in _COURTESY or w in _SET_PHRASE_WORDS for w in folded):
        return False
    rest = _without_phrases(folded, _SET_PHRASES)
    return (
        bool(folded)
        and all(w in _COURTESY for w in rest)
        and (len(rest) < len(folded) or any(w in _PLEASANTRY for w in rest))
    )


def _without_phrases(folded: list[str], phrases: frozenset[tuple[str, ...]]) -> list[str]:
    """The words outside every one of `phrases`, the longest first."""
    sizes = sorted({len(phrase) for phrase in phrases}, reverse=True)
    rest: list[str] = []
    i = 0
    while i < len(folded):
        size = next((n for n in sizes if tuple(folded[i : i + n]) in phrases), 0)
        if size:
            i += size
        else:
            rest.append(folded[i])
            i += 1
    return rest


# General English: asking after the bot. "going" is where a story's convoy
# heads: "hey hows it going" had got its destination. Tokenized, "how's" is "how".
_SMALL_TALK = tuple(
    """how are you|how are u|how r you|how r u|how are ya|how you doing|how u doing
    |how you doin|how are you doing|how r u doing|how are you today|how r u today
    |how are you doing today|how r u doing today|how is it going|hows it going|how it going
    |how is your day|hows your day|how your day|how is your day going|hows your day going
    |how your day going|how was your day|how are things|hows things|how is everyone
    |hows everyone|how have you been|hope you are well|hope youre well|hope you well""".split("|")
)
# General English: what lets a question go, waves an apology away, gasps or asks
# after the bot. Read as words, "never mind" had found why the deal was made
# ("mind"), "my bad" where the "bad guys" went, "no worries" the civilians' fears
# and "wait what" what the assault waited for. (Inside a question, normalize
# reads a gasp as framing.)
_SET_PHRASES = frozenset(
    tuple(phrase.split())
    for phrase in (
        "never mind",
        "nevermind",
        "nvm",
        "forget it",
        "no worries",
        "no problem",
        "np",
        "my bad",
        "my mistake",
        "all good",
        "fair enough",
        *GASPS,
        *_SMALL_TALK,
    )
)
_SET_PHRASE_WORDS = frozenset(w for phrase in _SET_PHRASES for w in phrase)


# General English: the words that make a greeting, thanks or goodbye, and those
# that may come with them.
# Thanks in the languages a reader of this news may mix in ("merci", "shukran"),
# the nods that close a chat ("ok cool", "lol", "got it"), and what is said to
# others in a channel, not to the bot ("look at this", "check this out").
_THANKS = frozenset(
    """thanks thank thx ty tysm cheers merci gracias danke shukran shukraan grazie
    obrigado obrigada spasibo""".split()
)
_PLEASANTRY = _THANKS | frozenset(
    """hi hello hey hiya yo sup greetings bye goodbye cya goodnight night nite gn morning
    evening afternoon ok okay kk k cool nice great awesome lol wow alright gotcha look see
    check watch wait""".split()
)
_COURTESY = _PLEASANTRY | frozenset(
    """you u very much so a lot my friend bot storybot again there all guys mate man dude
    good night for the help info answer answers that this beaucoup muchas mucho schon
    got it i see interesting at out here everyone everybody oh ah then""".split()
)
# Whatever only chats: courtesies, interjections and words that point back or join.
_CHATTING = _COURTESY | INTERJECTIONS | _CHATTER


def asks_about_the_bot(text: str) -> bool:
    """Whether a message asks who made or runs the bot ("who made you?", "whos ur
    dev", "hey bot, who built this bot lol") or what it is ("are you an ai?", "is
    a human typing these"). No story says. Read for their words, "who made" finds
    whoever the story says formed or made something, "are you human" the human
    shields, and "is someone typing these" what type of support the coalition gives."""
    short = len(text) <= _WHAT_IT_IS_CHARS
    if not short and not _WHO.search(text):
        return False  # every message is asked this, and most have no "who"
    said = _without_courtesies(text)
    if short and _asks_what_it_is(said):
        return True
    if len(said) < 3 or said[0] not in ("who", "whos"):
        return False
    asked = said[1:]
    if asked[0] in ("is", "are", "s"):
        asked = asked[1:]
    return (len(asked) >= 2 and asked[0] in _MAKING and " ".join(asked[1:]) in _THE_BOT) or (
        len(asked) == 2 and asked[0] == "your" and asked[1] in _MAKER
    )


def _asks_what_it_is(said: list[str]) -> bool:
    """Whether a message's words, courtesies aside, ask only what the bot is."""
    # Nearly every message fails at its first word or at the second test.
    return (
        bool(said)
        and said[0] in _ASKS_WHAT_IT_IS
        and not _WHAT_IT_IS_WORDS.isdisjoint(said)
        and _WHAT_IT_IS.fullmatch(" ".join(said)) is not None
    )


def _without_courtesies(text: str) -> list[str]:
    """A message's folded words without the greetings and names before its
    question and the asides after it: "hey bot, …", "… lol", "… please"."""
    said = [w.folded for w in tokenize(text)]
    start = next((i for i, w in enumerate(said) if w not in _COURTESY), len(said))
    end = len(said)
    while end > start and (said[end - 1] in _PLEASANTRY or said[end - 1] in _AFTER):
        end -= 1
    return said[start:end]


# Besides a pleasantry, what may close a question: an interjection, a please.
_AFTER = INTERJECTIONS | frozenset({"please", "pls", "plz"})
_WHO = re.compile(r"who", re.IGNORECASE)
# General English: asking whether the bot is a machine or a person, and whether
# someone types its replies; one question or several ("are you a bot or a human").
# Such a message is short: a longer one is not read for it (its words would be
# read only for this when it has none, a flood of punctuation).
_WHAT_IT_IS_CHARS = 200
_ASKS_WHAT_IT_IS = frozenset({"are", "r", "is", "do", "does"})
_WHAT_IT_IS_WORDS = frozenset(
    """ai bot chatbot robot human humans person people automated chatgpt gpt machine
    computer program someone somebody anyone anybody""".split()
)
_KIND = (
    r"(?:(?:a|an) )?(?:real |actual |live )?"
    r"(?:ai|bot|chatbot|robot|human|human being|person|machine|program|computer|chatgpt|gpt"
    r"|automated)"
)
_SOMEONE = r"(?:someone|somebody|anyone|anybody|a human|a person|a real person|people|humans)"
_THESE = r"(?: (?:this|these|it|them|you|the answers|these answers|the replies|the bot|this bot))?"
# "is this an ai talking", "are you a real person typing this".
_AT_WORK = rf"(?: (?:talking|typing|writing|answering|replying|responding|speaking){_THESE})?"
_ASKING_WHAT = (
    rf"(?:are|r) (?:you|u)(?: (?:just|actually|really|even))? {_KIND}{_AT_WORK}"
    # Not "it": "is it a person?" may ask about whatever an answer named.
    rf"|(?:is|are) (?:this|these|this bot|the bot)(?: (?:just|actually|really|even))? {_KIND}"
    rf"{_AT_WORK}"
    rf"|(?:is|are) {_SOMEONE}(?: (?:actually|really|even))? (?:typing|writing|answering){_THESE}"
    rf"|(?:do|does) {_SOMEONE}(?: (?:actually|really|even))? (?:type|write|answer){_THESE}"
)
# What follows an "or": "… or a human", "… or someone typing".
_OR_WHAT = rf"{_KIND}|{_SOMEONE}(?: (?:actually|really|even))? (?:typing|writing|answering){_THESE}"
_WHAT_IT_IS = re.compile(
    rf"(?:{_ASKING_WHAT})(?: (?:or|and)(?: (?:is|are))? (?:{_ASKING_WHAT}|{_OR_WHAT}))*"
)
# General English: making or running something, whoever does it for the bot, and
# the bot as a reader names it.
_MAKING = frozenset(
    """made makes created creates built builds wrote writes coded codes programmed
    programs developed develops designed designs trained owns runs maintains hosts
    invented behind""".split()
)
_MAKER = frozenset("creator creators maker makers developer developers dev devs owner".split())
_THE_BOT = frozenset({"you", "this bot", "the bot", "storybot", "this thing", "yourself"})


def asks_who_is_quoted(text: str) -> bool:
    """Whether a message asks only who a story quotes ("who is quoted in the
    article?", "who are the sources", "which people are cited", "list the people
    quoted"). Read for its words, "quoted" finds whichever entry asks what one
    person said. Not "who is quoted as saying 275 left", which asks about a claim."""
    if not contains_any(text.lower(), _QUOTING):
        return False  # every message is asked this, and nearly none quotes or cites
    asked = _IN_THE_STORY.sub("", " ".join(_without_courtesies(text)))
    return _WHO_IS_QUOTED.fullmatch(asked) is not None


_QUOTING = ("quot", "cite", "interview", "source", "speakers")
# "… in the article", "… here": where, which every such question may say or not.
_IN_THE_STORY = re.compile(
    r"(?: (?:in|by|of|from|for) (?:the |this |that )?(?:story|article|piece|report|news|text|it)"
    r"| here| there)+$"
)
_BEING = r"(?: (?:is|are|was|were|s|gets?|got|getting|being|all|else|exactly|actually))*"
_QUOTES = r"(?:quoted|cited|interviewed)"
_PEOPLE = r"(?:people|persons|sources|officials|names|speakers|spokesmen|spokespeople)"
_WHO_IS_QUOTED = re.compile(
    r"(?:(?:can|could|would) (?:you|u) )?(?:(?:please|pls|plz) )?(?:tell me |remind me )?(?:"
    rf"(?:who|whos|whom){_BEING} {_QUOTES}"
    r"|(?:who|whom) (?:do|does|did)(?: \w+){0,2} (?:quote|cite|interview)"
    rf"|(?:which|what|how many) {_PEOPLE}{_BEING} {_QUOTES}"
    r"|(?:who|whos)(?: (?:are|were|s))? (?:the |all the )?(?:sources|speakers|people quoted)"
    r"|(?:list|name)(?: of)?(?: the| all| all the)? (?:sources|speakers|people quoted)"
    r")"
)


def asks_for_more(text: str) -> bool:
    """Whether a message only asks for more of what it replies to ("tell me more",
    "go on", "what else?", "elaborate pls"). Read as words, "go on" had found
    where the convoy went on to, and "continue" that the battle will."""
    folded = [w.folded for w in tokenize(text)]
    if not all(w in _MORE_WORDS for w in folded):
        return False  # nearly every message, at its first word
    said = _without_phrases(folded, _GOING_ON)
    return len(said) < len(folded) or any(w in _MORE for w in said)


# General English: asking for more, and the words that come with it.
_MORE = frozenset("more else elaborate continue expand further".split())
_GOING_ON = frozenset({("go", "on"), ("keep", "going"), ("carry", "on")})
_ASKING_MORE = frozenset(
    """tell me us what whats anything something is there explain on about it details
    detail info information can could would give some any bit little a and so
    please pls plz""".split()
)
_MORE_WORDS = _MORE | _ASKING_MORE | _COURTESY | {w for phrase in _GOING_ON for w in phrase}


def judges_the_bot(text: str) -> bool:
    """Whether a message only says what the reader thinks of the bot or its
    answer ("bad bot", "it's broken", "this isn't working", "wrong answer"):
    nothing a story could answer, though "bad" is in "where'd the bad guys
    go" and "broken" and "work" are in curated phrasings."""
    said = [w.folded for w in tokenize(text)]
    return (
        bool(said)
        and all(w in _JUDGE_WORDS for w in said)
        and any(w in _JUDGING for w in said)
        and (any(w in _JUDGED for w in said) or any(w in _NOT for w in said))
    )


# General English: what a reader says of a bot that does or does not work, what
# they say it of, and the little words around it ("the bot is not working").
_JUDGING = frozenset(
    """bad good great broken broke working work works worked useless wrong
    terrible awful sucks suck slow stupid smart dumb helpful unhelpful buggy
    bugged glitchy glitching dead down lame trash garbage rubbish""".split()
)
_JUDGED = frozenset({"bot", "storybot", "you", "youre", "it", "its", "this", "thing", "answer"})
_NOT = frozenset({"not", "isnt", "doesnt", "dont", "aint", "wont", "cant", "never"})
_LINKING = frozenset(
    {"is", "s", "are", "was", "the", "a", "an", "just", "really", "so", "still", "totally"}
    | {"your", "for", "pretty", "kinda", "quite", "very", "actually", "honestly"}
    | {"lowkey", "ngl", "tbh", "fr"}  # "u r kinda smart for a bot tbh"
    | {"does", "do", "did"}  # "does this work?", a reader trying the bot
)
_JUDGE_WORDS = _JUDGING | _JUDGED | _NOT | _COURTESY | _LINKING


def only_reacts(text: str) -> bool:
    """Whether a message only reacts to the news ("so sad", "this is insane",
    "rip", "unbelievable tbh"): it asks nothing. Read for its words it is about
    nothing the story says, and "That's not in this story" answers no one who
    said "so sad"."""
    tokens = tokenize(text)
    # "wtf is IS": a linking word in capitals, in a message not typed in capitals,
    # is an acronym, something asked about.
    if not shouted(tokens) and any(
        len(w.raw) > 1 and w.raw.isupper() and w.folded in _LINKING for w in tokens
    ):
        return False
    said = [w.folded for w in tokens]
    return all(w in _REACTION_WORDS for w in said) and any(w in _REACTING for w in said)


# General English: what is said of news that moves, shocks or bores.
_REACTING = frozenset(
    """sad sadly crazy insane unbelievable incredible unreal nuts wild tragic
    heartbreaking heartbroken depressing scary terrifying horrific horrible terrible
    awful shocking shocked rip omg omfg smh sheesh bruh madness interesting wtf""".split()
)
# How much, and what points at the news ("thats so sad"; "this", "it" are chatter).
_AROUND_REACTIONS = frozenset(
    "very absolutely pretty kinda quite too truly utterly honestly tbh ngl thats its".split()
)
_REACTION_WORDS = _REACTING | _CHATTING | _LINKING | _AROUND_REACTIONS


def says_thanks(text: str) -> bool:
    """Whether a message thanks ("thx!", "thank you"): it is owed a "you're welcome"."""
    return any(w.folded in _THANKS for w in tokenize(text))


def places_picked(text: str, among: int = 0) -> tuple[int, ...]:
    """The places in a list of `among` that a reply picks, and nothing else ("the
    second one", "2", "#3 pls", "last", "1 or 2"): from 0, or -1 for the last; none
    for a message that says anything more. "The middle one" is the middle of an odd
    list; of an even one, or of none, a place outside it, which is still a pick."""
    said = [w.folded for w in tokenize(text)]
    # "one" is a place only where a number is named: "option one", not "the deal one".
    said = [
        "1" if w == "one" and i and said[i - 1] in _NUMBERING else w for i, w in enumerate(said)
    ]
    if not _ONLY_WITH_ONE.isdisjoint(said) and "one" not in said:
        return ()  # "final?" under an answer may ask about the final assault
    named = {**_PLACES, "middle": among // 2 if among % 2 else among}
    places = [named[w] for w in said if w in named]
    several = len(places) > 1
    if any(
        w not in named and w not in _PICKING and not (several and w in _OR | _CORRECTING)
        for w in said
    ):
        return ()
    if several and any(a in _ENDS and b in _COUNTS for a, b in itertools.pairwise(said)):
        return ()  # "top 3", "last 2": several at once, which no button is
    if several:
        # "3 not 2": the place right after "not" (or "not the") is the one not meant.
        places = [named[w] for i, w in enumerate(said) if w in named and not _negated(said, i)]
        if not places:
            return ()
        if not _CORRECTING.isdisjoint(said):
            return (places[-1],)  # "2 no 3", "the second, sorry, the first"
    return tuple(dict.fromkeys(places))


def _negated(said: list[str], i: int) -> bool:
    before = [w for w in said[:i] if w != "the"]
    return bool(before) and before[-1] == "not"


# General English: the places of a short list, and the words that come with picking
# one. Number words are digits by now (fold_word); "one" picks nothing on its own.
# Past the fifth, past any list the bot shows, a place is still a pick: of one the
# list does not have.
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth".split()
_PLACES = {
    **{
        form: place
        for place, (word, suffix) in enumerate(
            zip(_ORDINALS, ("st", "nd", "rd", *["th"] * 6), strict=True)
        )
        for form in (word, f"{place + 1}{suffix}", str(place + 1))
    },
    "top": 0,
    "last": -1,
    "final": -1,
    "bottom": -1,
}
# What joins several places: "1 or 2", "1 and 3", "2, then 3", "3 not 2" (which
# drops the place after "not"); and what takes one back, leaving the last ("2 no 3").
_OR = frozenset({"or", "and", "then", "both", "also", "not"})
_CORRECTING = frozenset({"no", "nope", "sorry", "actually", "wait", "mean", "meant"})
_ENDS = frozenset({"top", "first", "last", "final", "bottom"})
# Places only in "the final one", "the middle one": alone, words a question may hold.
_ONLY_WITH_ONE = frozenset({"final", "middle"})
_COUNTS = frozenset(str(n) for n in range(2, 10))
# Words a number follows when it names a place ("no one" is nobody, so not "no").
_NUMBERING = frozenset({"number", "nr", "option", "choice", "button", "question"})
_PICKING = frozenset(
    """the one option number no nr please pls plz i mean meant want wanted like ok okay and
    yes yeah yep sure that this choice question button go with take uh um umm hmm erm""".split()
)


def names_a_choice(text: str) -> bool:
    """Whether a reply calls what it names a choice: "the deal one". ("Option" and
    "choice" would be words to find in a button's question, which they never are.)"""
    return any(w.folded == "one" for w in tokenize(text))


def has_question_word(text: str) -> bool:
    """Whether a text has a question word, in any spelling chat gives it."""
    return any(w.folded in _QUESTION_WORDS for w in tokenize(text))


def in_another_language(text: str) -> bool:
    """Whether a message is written in a language other than English: mostly in
    another script (Arabic, Cyrillic, Chinese...), or with two or more of the
    commonest words of a language that shares its script ("qui est Talal Selo",
    "¿qué está pasando en Raqqa?"); either way, with none of English's
    commonest words ("who is طلال سلو" is English). The start of a long message
    tells as well as all of it, and costs a flood of ligatures far less: cut
    again once cleaned, since one ligature may clean to eighteen characters."""
    cleaned = clean(text[:_LANGUAGE_SAMPLE])[:_LANGUAGE_SAMPLE]
    typed = words(cleaned)
    if not _ENGLISH.isdisjoint(fold_word(w) for w in typed):
        return False
    letters = [c for c in cleaned if c.isalpha()]
    other = sum(not unicodedata.name(c, "").startswith("LATIN") for c in letters)
    if len(letters) > 1 and other * 2 > len(letters):
        return True
    # As typed, not as chat spellings read them: "oluyor" is read as
    # "happening" in a message that mixes Turkish into English.
    lowered = [w.casefold().replace("'", "") for w in typed]
    foreign = sum(w in _FOREIGN for w in lowered)
    if len(lowered) <= 2 and not _FOREIGN_ASKING.isdisjoint(lowered):
        return True  # "pourquoi ?", "Selo kimdir?"
    return foreign >= 2 and foreign * 3 >= len(lowered)


_LANGUAGE_SAMPLE = 300  # characters
# The commonest words of French, Spanish, German, Italian, Portuguese, Dutch,
# Turkish, Kurmanji, Indonesian and Levantine Arabic as chat writes it in Latin
# letters ("ya3ni", "hala2"), without accents (clean strips them), less those
# common in English or its names ("pour", "son", "hat", "dove", "Kim", "Los
# Angeles", "men"). Two are needed, and together a third of the words: "le" and "la"
# alone are in English names too ("Le Pen", "LA").
_FOREIGN = frozenset(
    """de et le la va est qui quoi pourquoi ou se sont dans avec les des une il elle ils
    elles cette cest quel quelle quels combien sur je nous vous leur tres etait etre
    que quien quienes como donde cuando cuanto cuantos cuantas porque esta estan esto
    eso del el es una muy sobre pasa pasando fue pero tambien ciudad
    ist sind wer wie warum wo wann und nicht der das ein eine einen auf noch gibt
    passiert ich sie wir ihr wird wurde haben gegen stadt oder eigentlich genau mit von zu dem
    den schon nur auch dass bei nach nein mal denn doch uberhaupt jetzt dieser diese dieses
    kein keine nochmal weiss grad gerade immer
    chi che perche sono della cosa succede questo questa
    quem onde nao sao acontecendo voce isso
    een niet zijn gebeurt waarom waar ik
    neden nerede nasil oluyor kimdir nedir
    cima cawa kenge heye
    apa siapa kenapa bagaimana ini itu dengan
    shu sho meen wein emta leish lesh kif kam yani ya3ni hayda hayde ma3 3an ba3d ba3do
    hala2 kaman bas wala 3am fi bel mish msh""".split()
)
# Question words of those languages that no English message holds: one of them
# makes a message of a word or two another language's.
_FOREIGN_ASKING = frozenset(
    """pourquoi quoi qui combien quien quienes donde cuando cuantos cuantas porque
    warum perche quem onde neden nerede kimdir nedir kenapa siapa shu meen leish emta""".split()
)
# English words a question in English can hardly do without. Some are words of
# the languages above too ("was", "die" in German, "do" in Portuguese): a
# question with them reads as English, and is told the story never mentions the
# rest.
_ENGLISH = frozenset(
    """the is are what who how why where when did does do of and was were will about
    this that you they he she it with for from any many much there have has been can
    could would should which""".split()
)
