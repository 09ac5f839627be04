"""What a message asks as a whole: a question word, another language, a pick from a
list, thanks, a question let go, more of an answer, who made the bot or what the
reader thinks of it, who said something, whose words it quotes."""

from __future__ import annotations

import pytest

from bot.asking import (
    asked_part,
    asks,
    asks_about_the_bot,
    asks_for_more,
    asks_who_is_quoted,
    attributed_claim,
    has_question_word,
    in_another_language,
    is_pleasantry,
    judges_the_bot,
    only_chatter,
    only_reacts,
    places_picked,
    quoted_asking_whose,
    without_greeting,
    without_sign_off,
)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("who is selo", True),
        ("What's the SDF", True),
        ("wat is daesh", True),
        ("<@123> where'd they go", True),
        ("hows raqa now", True),
        ("so what is the sdf", True),
        ("is raqa about to fall", False),
        ("hey so I was reading about raqa", False),
        ("", False),
    ],
)
def test_question_words_are_found_in_any_chat_spelling(text: str, question: bool) -> None:
    assert has_question_word(text) is question


@pytest.mark.parametrize(
    "text",
    [
        "ما الذي يحدث في الرقة",  # Arabic
        "ما هي SDF",  # mostly Arabic, with a name in Latin letters
        "что происходит в Ракке",  # Russian
        "拉卡发生了什么",  # Chinese
        "qui est Talal Selo",
        "que se passe-t-il à Raqqa",
        "c'est qui Selo",
        "¿qué está pasando en Raqqa?",
        "wer ist Talal Selo",
        # German chat: a question word and the little words around it.
        "hat Selo eigentlich nur von Syrern gesprochen oder auch von anderen",
        "seit wann genau kämpfen die Kurden dort, weiß das jemand",
        # Levantine Arabic as chat writes it: "who is this Selo", "where are they now".
        "Selo meen hayda?",
        "wein sar el SDF hala2",
        "leish?",
        "Raqqa'da neler oluyor neden",  # Turkish
        "apa itu SDF dan siapa Talal Selo",  # Indonesian
        "pourquoi ?",  # a question word no English message holds
        "Selo kimdir?",
        "et les kurdes ?",
        "Combien de morts à Raqqa ?",
    ],
)
def test_another_language_is_told_apart(text: str) -> None:
    assert in_another_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "who is selo",
        "wat is da deal w raqqa lol",
        "is el chapo in raqqa",  # a foreign name or phrase in an English question
        "what does dawla mean in arabic",
        "what is the SDF ما هي",  # mostly English
        "les miserables",  # one word of another language is no language
        "the den the fighters held out in, is it known",  # "den", as in English
        "what does ya3ni mean",
        "los angeles and las vegas",
        "is LA involved",
        "le pen",
        "who is طلال سلو",  # English, with a name in Arabic
        "Ω",
        "raqqa?",
        "🙂🙂",
        "",
    ],
)
def test_english_is_english(text: str) -> None:
    assert not in_another_language(text)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("the second one", (1,)),
        ("2", (1,)),
        ("#3 pls", (2,)),
        ("number two", (1,)),  # number words are digits by now
        ("2nd one please", (1,)),
        ("uh 2", (1,)),
        ("and the last one?", (-1,)),
        ("the final one", (-1,)),
        ("final?", ()),  # a word of the story: "the final assault"
        ("the final", ()),
        ("i meant the last one", (-1,)),
        ("top", (0,)),
        ("number one", (0,)),  # "one" counts where a number is named
        ("option one pls", (0,)),
        ("7", (6,)),  # past any list shown, but a pick all the same
        ("the ninth", (8,)),
        # Several, in the order named.
        ("first and second", (0, 1)),
        ("2 or 1", (1, 0)),
        ("1, 2", (0, 1)),
        ("3 and 3", (2,)),
        # One taken back: the last stands.
        ("2 no 3", (2,)),
        ("the second one, sorry, the first", (0,)),
        ("3 not 2", (2,)),  # the place after "not" is not meant
        ("i meant 3 not 2", (2,)),
        ("first, not last", (0,)),
        ("not 2, 3", (2,)),
        ("not the first, not the second", ()),  # none meant
        # More than places, or no place: a question of its own.
        ("who was first", ()),
        ("and", ()),
        ("one", ()),
        ("no one", ()),  # nobody
        ("10", ()),
        ("the one", ()),
        ("the second convoy", ()),
        ("the first or the second convoy", ()),
        ("top 3", ()),  # several at once
        ("last 2", ()),
        ("", ()),
    ],
)
def test_the_places_a_reply_picks(text: str, places: tuple[int, ...]) -> None:
    assert places_picked(text) == places


@pytest.mark.parametrize(
    ("among", "places"),
    [
        (3, (1,)),
        (5, (2,)),
        (1, (0,)),
        # No middle: a place outside the list, a pick all the same.
        (2, (2,)),
        (0, (0,)),
    ],
)
def test_the_middle_one_is_the_middle_of_an_odd_list(among: int, places: tuple[int, ...]) -> None:
    assert places_picked("the middle one", among) == places
    assert places_picked("the middle", among) == ()


def test_custom_emoji_do_not_make_a_thanks_or_a_pick_long() -> None:
    """A custom emoji is 30 characters of markup: six of them are no essay."""
    emoji = " ".join(["<:blobpray:1234567890123456789>"] * 6)
    assert is_pleasantry(f"Thank you so much!! {emoji}")
    assert places_picked(f"the second one please {emoji}") == (1,)
    assert not is_pleasantry("thanks " + "a" * 300)


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("who said 275 fighters left?", "275 fighters left?"),
        ("human shields? says who", "human shields?"),
        ("so who's claiming the convoy went east", "the convoy went east"),
        ("the coalition was not involved, according to whom?", "the coalition was not involved, ?"),
        ("What's the source for the claim that 275 left?", "275 left?"),
        ("who said that?", "?"),
        ("who told you that", ""),
        # Where the story said it, or which of its people said it.
        ("who in the article said the convoy went east", "the convoy went east"),
        ("which person in this piece claimed there were human shields", "there were human shields"),
        ("which spokeswoman says the 275 included families", "the 275 included families"),
        # Not about who said something.
        ("who told them to leave?", None),
        ("who reported this", None),  # the byline
        ("what did selo say", None),
        ("who brokered the deal", None),
        # "who said" in a relative clause is part of the question; not in an indirect one.
        ("the name of the council member who said foreigners left", None),
        ("can you tell me who said the fighters left", "can you tell the fighters left"),
        # A word that leads in chats; a noun before "who said" is a relative clause.
        ("lmfao who said 275", "275"),
        ("what did the man who said human shields mean", None),
        ("man who said human shields", "human shields"),
        # Whose a figure or a line is, and its source or attribution.
        ("whose figure is 275", "275"),
        ("whose words are those?", "those?"),
        ("source of the 200-300 figure", "200-300 figure"),
        ("attribution for the clean city line", "clean city line"),
        ("source of article? agencies or own reporting", None),  # the byline
        ("source for this", None),
    ],
)
def test_a_question_about_who_said_something_is_about_the_claim(
    question: str, claim: str | None
) -> None:
    found = attributed_claim(question)
    assert (found.claim if found else None) == claim


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        (
            "“We still expect difficult fighting” — who is speaking?",
            ["we still expect difficult fighting"],
        ),
        ("'the civilians exited completely' source??", ["the civilians exited completely"]),
        ('whose line is "until the whole city is clean"', ["until the whole city is clean"]),
        # An apostrophe in a word neither opens nor closes a quotation.
        ("Selo's 'it's all over now' — who?", ["it's all over now"]),
        (
            "'we may not always agree' is what I say. i've heard it. who said it",
            ["we may not always agree"],
        ),
        # Too short to be anyone's words rather than a phrase.
        ("who is the 'other SDF spokesman'?", []),
        # Not asking whose words: the question word is inside the quotation, or there is none.
        ('"who will pay for the pier" is what they asked', []),
        ('"the battle will continue until" what does it mean', []),
        ("who said the civilians exited completely", []),
    ],
)
def test_words_quoted_to_ask_whose_they_are(question: str, spans: list[str]) -> None:
    assert quoted_asking_whose(question) == spans


def test_the_words_that_ask_who_said_it_are_kept_apart() -> None:
    found = attributed_claim("human shields? says who, who said that")
    assert found is not None
    assert found.asking == ("says who", "who said that")


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("a patron asks who was in the convoy", "who was in the convoy"),
        ("For the podcast intro: why is Raqa a big deal?", "why is Raqa a big deal"),
        ("my gran wants to know what's happening", "what's happening"),
        # A message that opens as a question is a question throughout.
        ("who was in the convoy", None),
        ("were they allowed to keep their weapons when they left", None),
        ("does the UN know how many are still in raqa", None),
        ("a patron sends her regards", None),  # no question word
        ("", None),
    ],
)
def test_the_part_a_framed_message_asks(text: str, asked: str | None) -> None:
    assert asked_part(text) == asked


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("where had the ferries sailed off to", True),
        ("did the ferries get far", True),
        ("the one about the ferries, when", True),
        ("the ferries left on saturday", False),
        ("Daesh and IS used interchangeably", False),
        ("", False),
    ],
)
def test_a_text_asks_by_a_question_word_or_a_verb_first(text: str, asking: bool) -> None:
    assert asks(text) is asking


@pytest.mark.parametrize(
    "text",
    [
        "who made you",
        "who made this bot?",
        "Who created you",
        "hey bot, who built you?",
        "whos ur dev",
        "who's your creator",
        "who is behind this bot",
        "who made u lol",
        "who built you please",
        # What it is.
        "are you an AI?",
        "r u actually a robot",
        "are you human lol",
        "hey, is this automated or is a human answering?",
        "is somebody typing these answers",
        "are you just a bot or a live human being",
        "does someone actually write the replies",
        "is this a chatbot replying",
        "are u a real person writing these",
    ],
)
def test_who_made_the_bot_or_what_it_is_is_asked_about_the_bot(text: str) -> None:
    assert asks_about_the_bot(text)


@pytest.mark.parametrize(
    "text",
    [
        "who made the sdf",  # something the story may say
        "who is behind the deal",
        "who wrote this",  # the byline
        "who is your source",
        "who made you leave",  # "you" as someone else, with more asked
        "made you",
        "",
        "are the kids in raqqa human shields or not",  # what the bot is asked, not what it is
        "is this real",  # whether the news is true
        "is it a person?",  # whatever an answer named
        "is anyone writing about the convoy",
        "are you able to say who selo is",
        "are you sure it was a human shield",
        "is this a person talking about selo",  # someone in the story
    ],
)
def test_who_made_something_else_is_not_about_the_bot(text: str) -> None:
    assert not asks_about_the_bot(text)


@pytest.mark.parametrize(
    "text",
    [
        *("bad bot", "good bot!", "bot is broken", "it's broken", "this isn't working"),
        *("doesnt work", "does this work?", "is it working"),
        # "smart", one slip from "start", had been answered with the assault's start.
        *("u r kinda smart for a bot tbh", "honestly pretty good for a bot"),
    ],
)
def test_what_a_reader_thinks_of_the_bot_judges_it(text: str) -> None:
    assert judges_the_bot(text)


@pytest.mark.parametrize(
    "text",
    [
        "who is quoted",
        "who gets quoted in this story?",
        "hey so who else is quoted",
        "who are all the sources",
        "whos interviewed in the piece",
        "which people are quoted",
        "how many people are quoted in the article",
        "who does the article quote",
        "who is cited here",
        "name the people quoted please",
        "can you tell me who is quoted in the piece pls",
        "what sources are cited",
    ],
)
def test_who_is_quoted_asks_for_the_list(text: str) -> None:
    assert asks_who_is_quoted(text)


@pytest.mark.parametrize(
    "text",
    [
        "Who is quoted saying the convoy carried 275 men",  # about a claim
        "who is the source for that estimate",
        "what sources does the report have",  # perhaps the byline's agencies
        "is the colonel quoted anywhere",
        "who quoted the figure",
        "how many sdf spokesmen are quoted",  # SDF spokesmen only
        "source?",
        "",
    ],
)
def test_a_question_about_one_quote_or_source_is_no_list(text: str) -> None:
    assert not asks_who_is_quoted(text)


@pytest.mark.parametrize(
    "text",
    [
        "bad",  # under an answer, perhaps "bad?" of what it says
        "is the deal broken",
        "the deal didnt work",
        "were the fighters bad",
        "how bad is it in raqqa",
        "does the deal work",
        "is it actually good for the civilians",
        "",
    ],
)
def test_a_judgement_of_something_else_does_not_judge_the_bot(text: str) -> None:
    assert not judges_the_bot(text)


@pytest.mark.parametrize(
    "text",
    [
        "so sad",
        "thats so sad!!",
        "rip",
        "this is insane",
        "omg",
        "wow thats crazy tbh",
        "WTF WAS THAT OMG",  # typed in capitals, capitals say nothing
    ],
)
def test_a_reaction_to_the_news_only_reacts(text: str) -> None:
    assert only_reacts(text)


@pytest.mark.parametrize(
    "text",
    [
        "wow",  # a pleasantry, read as one
        "crazy how many left",
        "so sad for the civilians",
        "is raqqa scary",
        "terrible things",  # what IS did in Raqa, as readers say it
        "sheesh wtf is IS really",  # the group, in capitals: no "is"
        "",
    ],
)
def test_a_reaction_with_something_to_ask_does_not_only_react(text: str) -> None:
    assert not only_reacts(text)


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("never mind", True),
        ("oh never mind then", True),
        ("nvm got it", True),
        ("no worries, thanks!", True),
        ("my bad", True),
        ("did they forget it", False),
        ("was there no problem with the deal", False),
        ("never mind the convoy, who is selo", False),
        # Small talk.
        ("evening all, how is everyone", True),
        ("good evening bot, how are you doing today", True),
        ("morning! how was your day", True),
        ("hope you're well!", True),
        ("how is it going for the sdf in raqqa", False),
        ("how are the families coping", False),
        ("how's it going, who is selo", False),
    ],
)
def test_letting_a_question_go_or_small_talk_is_a_pleasantry(text: str, closing: bool) -> None:
    assert is_pleasantry(text) is closing


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("tell me more", True),
        ("go on", True),
        ("what else?", True),
        ("elaborate pls", True),
        ("is there more", True),
        ("keep going", True),
        ("tell me more about selo", False),
        ("what else did selo say", False),
        ("anything else about the convoy", False),
        ("will the battle continue", False),
        ("who else is on it", False),
        ("", False),
    ],
)
def test_asking_for_more_of_an_answer(text: str, more: bool) -> None:
    assert asks_for_more(text) is more


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Where did the buses go? Regards, Dorothy", "Where did the buses go?"),
        ("Who is the colonel? Thank you. Harold", "Who is the colonel?"),
        ("when did it begin? Yours sincerely, Edith Park", "when did it begin?"),
        ("who agreed to it? many thanks - grandad", "who agreed to it?"),
        ("is it over? Love, Nana x", "is it over?"),
        # No name, or no sentence before it: nothing is signed.
        ("who set the deal up? god bless them all", "who set the deal up? god bless them all"),
        ("is the fighting nearly done? cheers pal", "is the fighting nearly done? cheers pal"),
        ("Thank you kindly.", "Thank you kindly."),
        ("Regards, Dorothy", "Regards, Dorothy"),
    ],
)
def test_a_letters_closing_and_name_are_no_part_of_the_question(typed: str, read: str) -> None:
    assert without_sign_off(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Good morning, is the pier open today?", "is the pier open today?"),
        ("good afternoon. who agreed to it", "who agreed to it"),
        ("Good evening! Is it over?", "Is it over?"),
        # Nothing after it, or no stop after it: nothing is a letter's greeting.
        ("Good afternoon!!", "Good afternoon!!"),
        ("good morning bot who brokered it", "good morning bot who brokered it"),
        (
            "she said good morning, then the ferry left",
            "she said good morning, then the ferry left",
        ),
    ],
)
def test_a_letters_greeting_is_no_part_of_the_question(typed: str, read: str) -> None:
    assert without_greeting(typed) == read


@pytest.mark.parametrize(
    ("text", "chat"), [("that please", True), ("exactly, pls", True), ("the convoy please", False)]
)
def test_please_after_a_question_is_chatter(text: str, chat: bool) -> None:
    """ "who said that, please?", "and who is he exactly, pls": no word of what is asked."""
    assert only_chatter(text) is chat
