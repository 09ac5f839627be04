"""The quote check: every quote stands verbatim in the article, and the article there
gives it to the speaker the knowledge file names."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import SupportsIndex

import pytest

import bot.article
from bot.knowledge import KnowledgeError, load_story
from tests.conftest import ARTICLE, MINI, WriteStory, only, problems


def test_a_quote_only_partly_matching_a_word_is_not_verbatim(write_story: WriteStory) -> None:
    """A quote must start and end on word boundaries: "arbour" is not in the article."""
    toml = MINI.replace('"at least two weeks"', '"t least two weeks"')
    assert only(write_story, toml).message == "not verbatim in the article: 't least two weeks'"


@pytest.mark.parametrize("quote", ['text = "."', 'text = ",", speaker = "reyes"', 'text = "“ ”"'])
def test_a_quote_of_punctuation_alone_is_refused(write_story: WriteStory, quote: str) -> None:
    """The article prints a comma in every paragraph: it is nobody's quote."""
    toml = MINI.replace('{ text = "at least two weeks", speaker = "reyes" }', f"{{ {quote} }}")
    found = only(write_story, toml)
    assert (found.entry, found.field) == ("repairs", "quotes[0].text")
    assert found.message.startswith("has no words: ")


@pytest.mark.parametrize(
    ("article_words", "quote"),
    [
        ("need 2.5 weeks of repairs", "5 weeks of repairs"),
        ("need 2.5 weeks of repairs", "need 2"),
        ("the non-residential pier", "residential pier"),
        ("the port's pier", "s pier"),
        ("10,000 boats", "000 boats"),
    ],
)
def test_a_quote_cut_inside_a_number_or_a_joined_word_is_not_verbatim(
    write_story: WriteStory, article_words: str, quote: str
) -> None:
    article = ARTICLE.replace("need “at least two weeks” of repairs", article_words)
    assert article != ARTICLE
    toml = MINI.replace('"at least two weeks"', f'"{quote}"')
    assert "not verbatim" in only(write_story, toml, article=article).message
    whole = MINI.replace('"at least two weeks"', f'"{article_words}"')
    assert load_story(write_story(whole, article=article)).entry("repairs") is not None


def test_a_quote_across_two_paragraphs_is_refused(write_story: WriteStory) -> None:
    toml = MINI.replace(
        '"at least two weeks"',
        '"said harbour master Ann Reyes. About 40 fishing boats"',
    )
    assert only(write_story, toml).message == (
        "not verbatim in the article: 'said harbour master Ann Reyes. About 40 fishing boats' "
        "(it runs from paragraph 2 into the next; the article file holds one paragraph per "
        "line: is it wrapped?)"
    )


def test_quote_attributed_to_someone_the_article_does_not_name_there(
    write_story: WriteStory,
) -> None:
    """Reyes is not named in paragraph 3 or before it, so she cannot have said its words."""
    toml = MINI.replace(
        '{ text = "About 40 fishing boats were moved to the river mooring", speaker = "council" }',
        '{ text = "About 40 fishing boats were moved to the river mooring", speaker = "reyes" }',
    )
    article = (
        "Storm closes the harbour\n\n"
        "The harbour at Port Ellis was closed on Monday after a storm damaged the pier.\n"
        "Officials expect the harbour to reopen on Friday.\n"
        "Nothing else happened.\n"
        "About 40 fishing boats were moved to the river mooring, the council said.\n"
        "“We expect the harbour to reopen on Friday,” said harbour master Ann Reyes.\n"
        "Reyes said the pier would need “at least two weeks” of repairs.\n"
    )
    found = problems(write_story, toml, article=article)
    assert any(
        p.entry == "boats" and p.field == "quotes[0].speaker" and "Ann Reyes" in p.message
        for p in found
    ), [str(p) for p in found]


def test_words_printed_twice_are_the_speakers_where_the_speaker_is_named(
    write_story: WriteStory,
) -> None:
    """The mayor says them first; the quote is Reyes's, from the paragraph that names her."""
    article = (
        "Storm closes the harbour\n\n"
        "Mayor Tom Hill said the pier would need at least two weeks of repairs.\n"
        "Nothing.\n"
        "Nothing again.\n"
        "Harbour master Ann Reyes said the pier would need at least two weeks of repairs.\n"
        "About 40 fishing boats were moved to the river mooring, the council said.\n"
        "“We expect the harbour to reopen on Friday,” said harbour master Ann Reyes.\n"
        "The harbour was closed on Monday after a storm damaged the pier.\n"
        "Ann Reyes is the harbour master.\n"
    )
    toml = MINI.replace(
        '{ text = "said harbour master Ann Reyes" }', '{ text = "Ann Reyes is the harbour master" }'
    )
    story = load_story(write_story(toml, article=article))
    repairs = story.entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].paragraph == 4


def test_a_last_name_inside_another_speakers_name_does_not_vouch(
    write_story: WriteStory,
) -> None:
    """ "Reyes Moran" names Moran, not Ann Reyes."""
    article = (
        "Storm closes the harbour\n\n"
        "Ann Reyes spoke first.\n"
        "Nothing.\n"
        "Nothing again.\n"
        "Reyes Moran said the pier would need “at least two weeks” of repairs.\n"
    )
    toml = MINI.replace(
        "[speakers.council]", '[speakers.moran]\nname = "Reyes Moran"\n\n[speakers.council]'
    )
    found = problems(write_story, toml, article=article)
    assert any(p.entry == "repairs" and "Ann Reyes" in p.message for p in found)


# Words of the mini article's paragraph 4, which names Reyes, and of one naming the mayor.
_MAYOR = (
    "Storm closes the harbour\n\n"
    "The harbour at Port Ellis was closed on Monday after a storm damaged the pier, "
    "officials said.\n"
    "“We expect the harbour to reopen on Friday,” said harbour master Ann Reyes.\n"
    "About 40 fishing boats were moved to the river mooring, the council said.\n"
    "Reyes said the pier would need “at least two weeks” of repairs.\n"
    "“Boats will be back by Friday,” said Mayor Tom Hill. Ann is wrong, he added.\n"
)
_WITH_MAYOR = MINI.replace(
    "[speakers.council]", '[speakers.hill]\nname = "Mayor Tom Hill"\n\n[speakers.council]'
)


def test_words_in_a_sentence_naming_someone_else_are_not_the_speakers(
    write_story: WriteStory,
) -> None:
    """Reyes was named the paragraph before, but this sentence says whose words they are."""
    toml = _WITH_MAYOR.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "Boats will be back by Friday", speaker = "reyes" }',
    )
    found = only(write_story, toml, article=_MAYOR)
    assert (found.entry, found.field) == ("repairs", "quotes[0].speaker")
    assert found.message == (
        "attributed to Ann Reyes, but its sentence in paragraph 5 names Mayor Tom Hill instead"
    )


# The mayor explains; then the article moves on in its own words.
_MAYOR_EXPLAINS = (
    _MAYOR
    + "Mayor Tom Hill said the pier had split in the cold. “It was on our list,” he said.\n"
    + "Families can use the town hall instead.\n"
)


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        # "He said": the sentence before says who he is.
        (
            '{ text = "It was on our list", speaker = "reyes" }',
            "attributed to Ann Reyes, but in paragraph 6 the one who says it (“he”, “she”) is "
            "Mayor Tom Hill, named in the sentence before: vouch for it if someone else is meant",
        ),
        # The reporter's own words, though the mayor spoke just before.
        (
            '{ text = "Families can use the town hall instead", speaker = "hill" }',
            "attributed to Mayor Tom Hill, but paragraph 7 tells it in the article's own "
            "words, crediting nobody: leave out its speaker (the byline's), or vouch for it",
        ),
    ],
)
def test_words_the_article_credits_to_no_one_named_nearby_are_not_theirs(
    write_story: WriteStory, quote: str, message: str
) -> None:
    toml = _WITH_MAYOR.replace('{ text = "at least two weeks", speaker = "reyes" }', quote)
    found = only(write_story, toml, article=_MAYOR_EXPLAINS)
    assert (found.entry, found.field, found.message) == ("repairs", "quotes[0].speaker", message)


def test_a_curator_may_vouch_for_words_the_article_credits_to_no_one(
    write_story: WriteStory,
) -> None:
    toml = _WITH_MAYOR.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "Families can use the town hall instead", speaker = "hill", '
        'vouched = "his office announced it" }',
    )
    repairs = load_story(write_story(toml, article=_MAYOR_EXPLAINS)).entry("repairs")
    assert repairs is not None
    assert [(q.speaker.name, q.vouched) for q in repairs.quotes] == [
        ("Mayor Tom Hill", "his office announced it")
    ]


def test_he_said_is_the_one_the_sentence_before_names(write_story: WriteStory) -> None:
    toml = _WITH_MAYOR.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "It was on our list", speaker = "hill" }',
    )
    repairs = load_story(write_story(toml, article=_MAYOR_EXPLAINS)).entry("repairs")
    assert repairs is not None
    assert [(q.speaker.name, q.paragraph, q.direct) for q in repairs.quotes] == [
        ("Mayor Tom Hill", 6, True)
    ]


@pytest.mark.parametrize(
    ("last_paragraph", "quote", "credited"),
    [
        # A name inside the quotation marks is who she talks about.
        ("“Mayor Tom Hill will pay for the pier,” she said.", "will pay for the pier", None),
        # A sentence may end at a closing quotation mark.
        (
            "Mayor Tom Hill spoke first: “We will help.” “The pier needs work,” she added.",
            "The pier needs work",
            None,
        ),
        # The council is talked about here, not quoted.
        ("The council was wrong about the pier, she said.", "wrong about the pier", None),
        # An initial is no sentence's end: the words are still the mayor's.
        (
            "“Boats will be back by Friday,” said Mayor T. Hill.",
            "Boats will be back",
            "Mayor Tom Hill",
        ),
        ("“Boats will be back by Friday,” said Col. Hill.", "Boats will be back", "Mayor Tom Hill"),
        # A question or exclamation in quotation marks runs on to who said it.
        (
            "“Where is the help we were promised?” Tom Hill said.",
            "Where is the help",
            "Mayor Tom Hill",
        ),
        ("“We will never give up!” Tom Hill said.", "We will never give up", "Mayor Tom Hill"),
        # Who says it, however far the verb: an aside, another verb of saying.
        (
            "“The pier will reopen,” Tom Hill, the mayor of the port, said on Tuesday.",
            "The pier will reopen",
            "Mayor Tom Hill",
        ),
        ("“The pier will reopen,” Tom Hill tweeted.", "The pier will reopen", "Mayor Tom Hill"),
        # "U.S." and a figure may end a sentence; the next one says whose words follow.
        (
            "Boats came from the U.S. “They are fine,” said Tom Hill.",
            "They are fine",
            "Mayor Tom Hill",
        ),
        ("Boats left at 4. “They are fine,” said Tom Hill.", "They are fine", "Mayor Tom Hill"),
        # A quote of two sentences is his whose name follows them.
        (
            "“Boats will be back. The pier is fine,” Tom Hill said.",
            "Boats will be back",
            "Mayor Tom Hill",
        ),
        (
            "Boats will be back by Friday, according to Tom Hill.",
            "Boats will be back",
            "Mayor Tom Hill",
        ),
        # Talked about, not talking: after "of", "to", "told".
        ("“He has no say here,” she said of Tom Hill.", "He has no say here", None),
        ("“That is not true,” she said, responding to Tom Hill.", "That is not true", None),
        ("“We need more boats,” she told the council.", "We need more boats", None),
        ("‘Tom Hill promised us help,’ she said.", "Tom Hill promised us help", None),
        # She is talked about here: the words are the mayor's.
        ("“Ann Reyes is wrong,” said Tom Hill.", "Ann Reyes is wrong", "Mayor Tom Hill"),
        # "U.S." before a name does not end the sentence.
        (
            "“Boats will be back,” said U.S. Army Col. Tom Hill.",
            "Boats will be back",
            "Mayor Tom Hill",
        ),
        # A name inside a quotation of several sentences is talked about.
        (
            "“The pier is gone. Tom Hill is wrong. Boats will be back,” the harbour master said.",
            "Boats will be back",
            None,
        ),
        # Whoever speaks for the mayor is not Reyes, named the paragraph before.
        (
            "“Boats will be back,” a spokesman for Tom Hill said.",
            "Boats will be back",
            "Mayor Tom Hill's spokesman",
        ),
        (
            "“Boats will be back,” Tom Hill’s chief spokesman said.",
            "Boats will be back",
            "Mayor Tom Hill's spokesman",
        ),
        (
            "“Boats will be back,” said an aide to Mayor Tom Hill.",
            "Boats will be back",
            "Mayor Tom Hill's aide",
        ),
        # ... unless he is talked about, or described.
        ("“Boats will be back,” she told a spokesman for Tom Hill.", "Boats will be back", None),
        ("“Boats will be back,” she said, speaking as an aide to Tom Hill.", "Boats", None),
        ("“Boats will be back,” she said, turning her head to Tom Hill.", "Boats", None),
        ("“Boats will be back,” she said, blaming the leaders of the council.", "Boats", None),
        # Who is next to the word of saying speaks; who is near the end does not.
        ("“Boats will be back,” she said, contradicting Tom Hill.", "Boats", None),
        ("“Boats will be back,” the spokeswoman said as Tom Hill looked on.", "Boats", None),
        (
            "“Boats will be back,” Tom Hill, a spokesman for the council, said.",
            "Boats will be back",
            "Mayor Tom Hill",
        ),
        (
            "“Boats will be back,” Tom Hill, a member of the council, said.",
            "Boats will be back",
            "Mayor Tom Hill",
        ),
        # The sentence before names the mayor, but not as saying anything.
        (
            "Tom Hill was away. “Boats will be back,” the harbour master said.",
            "Boats will be",
            None,
        ),
    ],
)
def test_whose_words_a_sentence_credits(
    write_story: WriteStory, last_paragraph: str, quote: str, credited: str | None
) -> None:
    article = _MAYOR.replace(
        "“Boats will be back by Friday,” said Mayor Tom Hill. Ann is wrong, he added.",
        last_paragraph,
    )
    toml = _WITH_MAYOR.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        f'{{ text = "{quote}", speaker = "reyes" }}',
    )
    if credited:
        message = only(write_story, toml, article=article).message
        assert message.endswith(f"in paragraph 5 names {credited} instead")
    else:
        repairs = load_story(write_story(toml, article=article)).entry("repairs")
        assert repairs is not None
        assert repairs.quotes[0].speaker.name == "Ann Reyes"


def _last_paragraph_quote(last_paragraph: str, quote: str) -> tuple[str, str]:
    """_WITH_MAYOR with `quote` (its fields) as the repairs entry's, and the article."""
    return _WITH_MAYOR.replace(
        '{ text = "at least two weeks", speaker = "reyes" }', f"{{ {quote} }}"
    ), _MAYOR.replace(
        "“Boats will be back by Friday,” said Mayor Tom Hill. Ann is wrong, he added.",
        last_paragraph,
    )


@pytest.mark.parametrize(
    "last_paragraph",
    [
        "Ann Reyes said Tom Hill was wrong. “Boats will be back by Friday,” she said.",
        "Ann Reyes said on Monday that Tom Hill was wrong. “Boats will be back by Friday,” she"
        " said.",
    ],
)
def test_a_name_right_after_said_is_what_was_said_not_who_says(
    write_story: WriteStory, last_paragraph: str
) -> None:
    toml, article = _last_paragraph_quote(
        last_paragraph, 'text = "Boats will be back by Friday", speaker = "SPEAKER"'
    )
    found = only(write_story, toml.replace("SPEAKER", "hill"), article=article)
    assert (found.entry, found.field) == ("repairs", "quotes[0].speaker")
    repairs = load_story(write_story(toml.replace("SPEAKER", "reyes"), article=article)).entry(
        "repairs"
    )
    assert repairs is not None
    assert repairs.quotes[0].speaker.name == "Ann Reyes"


@pytest.mark.parametrize(
    ("last_paragraph", "quote", "speaker"),
    [
        # A group's "said" leaves the person named after it who speaks next.
        (
            "The council said Ann Reyes had resigned. “I am leaving with a heavy heart,” she said.",
            "I am leaving with a heavy heart",
            "reyes",
        ),
        # Another clause, or a word of saying of his own: he speaks too.
        ("“We will close it,” Ann Reyes said, and Tom Hill agreed: “Yes, we will.”", "Yes", "hill"),
        ("When Ann Reyes asked, Tom Hill said: “We will close it.”", "We will close it", "hill"),
    ],
)
def test_a_name_after_said_that_is_not_what_was_said_keeps_its_words(
    write_story: WriteStory, last_paragraph: str, quote: str, speaker: str
) -> None:
    toml, article = _last_paragraph_quote(
        last_paragraph, f'text = "{quote}", speaker = "{speaker}"'
    )
    repairs = load_story(write_story(toml, article=article)).entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].speaker.key == speaker


def test_who_said_it_is_read_past_a_quotation_or_a_clause_before_said(
    write_story: WriteStory,
) -> None:
    """ "Tom Hill “has no idea,” said Ann Reyes": Hill is no subject of her "said"."""
    toml, article = _last_paragraph_quote(
        "Tom Hill “has no idea what he is doing,” said Ann Reyes.",
        'text = "has no idea what he is doing", speaker = "reyes"',
    )
    assert load_story(write_story(toml, article=article)).entry("repairs") is not None
    # Her name four words from "said" is no subject next to it: the council is not
    # left to be whom the sentence credits.
    toml, article = _last_paragraph_quote(
        "Ann Reyes late on Monday said Tom Hill had misled the council: “He knew in May.”",
        'text = "He knew in May", speaker = "council"',
    )
    assert "names Mayor Tom Hill instead" in only(write_story, toml, article=article).message


def test_a_curator_may_vouch_for_words_of_one_named_as_what_another_said(
    write_story: WriteStory,
) -> None:
    """ "Ann Reyes said Tom Hill found the plan “a disgrace”": Hill's words, likely,
    but the sentence is hers; the check cannot tell, a curator may."""
    paragraph = "Ann Reyes said Tom Hill found the plan “a disgrace”."
    toml, article = _last_paragraph_quote(paragraph, 'text = "a disgrace", speaker = "hill"')
    assert "names Ann Reyes instead" in only(write_story, toml, article=article).message
    toml, article = _last_paragraph_quote(
        paragraph, 'text = "a disgrace", speaker = "hill", vouched = "his words at the meeting"'
    )
    repairs = load_story(write_story(toml, article=article)).entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].vouched == "his words at the meeting"


def test_a_name_with_an_apostrophe_is_found_as_the_one_who_speaks(
    write_story: WriteStory,
) -> None:
    toml = MINI.replace(
        "[speakers.council]", '[speakers.obrien]\nname = "Kevin O’Brien"\n\n[speakers.council]'
    ).replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "Boats will be back by Friday", speaker = "reyes" }',
    )
    article = ARTICLE + "“Boats will be back by Friday,” said Mayor Kevin O’Brien.\n"
    found = only(write_story, toml, article=article)
    assert found.message.endswith("names Kevin O’Brien instead")


def test_another_sentence_of_the_paragraph_does_not_take_the_words(
    write_story: WriteStory,
) -> None:
    """The mayor is named in paragraph 5, but not in the sentence Reyes is quoted from."""
    article = _MAYOR.replace(
        "“Boats will be back by Friday,” said Mayor Tom Hill. Ann is wrong, he added.",
        "The pier would need at least two weeks. Mayor Tom Hill disagreed.",
    )
    story = load_story(write_story(_WITH_MAYOR, article=article))
    repairs = story.entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].paragraph == 4  # the first place, which names her


def test_a_place_at_the_end_of_a_name_does_not_name_the_speaker(
    write_story: WriteStory,
) -> None:
    """ "Fishermen from Port Ellis" are not named by "Ellis" in paragraph 1."""
    toml = MINI.replace(
        "[speakers.council]",
        '[speakers.fishermen]\nname = "Fishermen from Port Ellis"\n\n[speakers.council]',
    ).replace(
        '{ text = "closed on Monday after a storm damaged the pier" }',
        '{ text = "closed on Monday after a storm damaged the pier", speaker = "fishermen" }',
    )
    found = only(write_story, toml)
    assert found.message == (
        "attributed to Fishermen from Port Ellis, a name the article never prints: "
        "check [speakers.fishermen] name (spelt and capitalised as printed)"
    )


_SPOKESWOMAN = "“Boats will be back by Friday,” the council spokeswoman said.\n"
_NAMED_BEFORE = _MAYOR.replace(
    "“Boats will be back by Friday,” said Mayor Tom Hill. Ann is wrong, he added.\n",
    _SPOKESWOMAN,
)


@pytest.mark.parametrize(
    ("role", "article", "message"),
    [
        # Her role says she speaks for the council: its spokeswoman's words are hers.
        ("spokeswoman for the council", _NAMED_BEFORE, None),
        # ... even where the article does not name her: the title is her name here.
        (
            "spokeswoman for the council",
            ARTICLE.replace("Reyes said", "A report said") + _SPOKESWOMAN,
            None,
        ),
        # A harbour master is not the council's spokeswoman.
        (
            "harbour master",
            _NAMED_BEFORE,
            "attributed to Ann Reyes, but its sentence in paragraph 5 names "
            "the council's spokeswoman instead",
        ),
        # Nor is she a spokeswoman, nor one who will not be named, nor a former one.
        (
            "spokeswoman for the council",
            _NAMED_BEFORE.replace("the council spokeswoman", "a council spokeswoman"),
            "attributed to Ann Reyes, but its sentence in paragraph 5 names "
            "the council's spokeswoman instead",
        ),
        (
            "spokeswoman for the council",
            _NAMED_BEFORE.replace(
                "spokeswoman said", "spokeswoman, who declined to be named, said"
            ),
            "attributed to Ann Reyes, but its sentence in paragraph 5 names "
            "the council's spokeswoman instead",
        ),
        (
            "former spokeswoman for the council",
            _NAMED_BEFORE,
            "attributed to Ann Reyes, but its sentence in paragraph 5 names "
            "the council's spokeswoman instead",
        ),
        # The head of its press office is not the council's head.
        (
            "head of the council's press office",
            _NAMED_BEFORE.replace("spokeswoman said", "head said"),
            "attributed to Ann Reyes, but its sentence in paragraph 5 names "
            "the council's head instead",
        ),
        # Nor is she its official, whatever her role says of the council.
        (
            "spokeswoman for the council",
            _NAMED_BEFORE.replace("spokeswoman said", "official said"),
            "attributed to Ann Reyes, but its sentence in paragraph 5 names "
            "the council's official instead",
        ),
    ],
)
def test_a_title_credits_whoever_the_role_says_holds_it(
    write_story: WriteStory, role: str, article: str, message: str | None
) -> None:
    toml = MINI.replace('role = "harbour master"', f'role = "{role}"').replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "Boats will be back by Friday", speaker = "reyes" }',
    )
    if message is None:
        repairs = load_story(write_story(toml, article=article)).entry("repairs")
        assert repairs is not None
        assert repairs.quotes[0].speaker.name == "Ann Reyes"
    else:
        assert only(write_story, toml, article=article).message == message


# Reyes is named in paragraph 2 only: too far back for the check to credit her.
_A_SPOKESMAN = (
    ARTICLE.replace("Reyes said", "A report said")
    + "“Boats will be back by Friday,” a spokesman said.\n"
)


def _vouched(quote: str, vouched: str = '"her office says so"') -> str:
    return MINI.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        f"{{ {quote}, vouched = {vouched} }}",
    )


def test_a_curator_may_vouch_for_what_the_check_cannot_tell(write_story: WriteStory) -> None:
    """ "A spokesman" may be Reyes; the check cannot know, the curator may."""
    toml = _vouched('text = "Boats will be back by Friday", speaker = "reyes"')
    repairs = load_story(write_story(toml, article=_A_SPOKESMAN)).entry("repairs")
    assert repairs is not None
    (quote,) = repairs.quotes
    assert (quote.speaker.name, quote.paragraph, quote.direct) == ("Ann Reyes", 5, True)
    assert quote.vouched == "her office says so"
    # The quotes the check confirmed carry no vouch.
    assert not any(q.vouched for e in load_story(write_story(MINI)).entries for q in e.quotes)


def test_a_vouch_never_excuses_words_the_article_does_not_print(
    write_story: WriteStory,
) -> None:
    toml = _vouched('text = "Boats will be back on Friday", speaker = "reyes"')
    found = only(write_story, toml, article=_A_SPOKESMAN)
    assert (found.field, found.message) == (
        "quotes[0].text",
        "not verbatim in the article: 'Boats will be back on Friday'",
    )


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        (
            'text = "at least two weeks", speaker = "reyes"',
            "vouched for, but paragraph 4 prints it as Ann Reyes's already: remove vouched",
        ),
        (
            'text = "fishing boats were moved"',
            "vouched for, but paragraph 3 prints it as narration already: remove vouched",
        ),
    ],
)
def test_a_vouch_the_article_does_not_need_is_refused(
    write_story: WriteStory, quote: str, message: str
) -> None:
    """Left in place, it would cover for the quote if the article changed."""
    found = only(write_story, _vouched(quote))
    assert (found.entry, found.field, found.message) == ("repairs", "quotes[0].vouched", message)


@pytest.mark.parametrize(
    ("quote", "article", "message"),
    [
        # Somebody's words, whoever the curator says: not the byline's.
        (
            'text = "We expect the harbour to reopen"',
            ARTICLE,
            "vouched for, but paragraph 2 prints it in quotation marks: give its speaker instead",
        ),
        # The article says who said it; no vouch says otherwise.
        (
            'text = "We expect the harbour to reopen", speaker = "council"',
            ARTICLE,
            "vouched for, but paragraph 2 names Ann Reyes as who said it",
        ),
    ],
)
def test_a_vouch_never_overrules_what_the_article_says(
    write_story: WriteStory, quote: str, article: str, message: str
) -> None:
    found = only(write_story, _vouched(quote), article=article)
    assert (found.field, found.message) == ("quotes[0].vouched", message)


def test_an_empty_vouch_does_not_stop_the_rest_of_the_check(write_story: WriteStory) -> None:
    toml = _vouched('text = "Boats will be back on Friday", speaker = "reyes"', '""')
    found = problems(write_story, toml, article=_A_SPOKESMAN)
    assert [(p.field, p.message) for p in found] == [
        ("quotes[0].vouched", "must not be empty"),
        ("quotes[0].text", "not verbatim in the article: 'Boats will be back on Friday'"),
    ]


@pytest.mark.parametrize(
    ("vouched", "message"), [('""', "must not be empty"), ("3", "must be a string, not a number")]
)
def test_a_vouch_must_say_why(write_story: WriteStory, vouched: str, message: str) -> None:
    toml = _vouched('text = "Boats will be back by Friday", speaker = "reyes"', vouched)
    found = only(write_story, toml, article=_A_SPOKESMAN)
    assert (found.field, found.message) == ("quotes[0].vouched", message)


def test_words_in_quotation_marks_are_never_the_bylines(write_story: WriteStory) -> None:
    toml = MINI.replace(
        '{ text = "at least two weeks", speaker = "reyes" }', '{ text = "at least two weeks" }'
    )
    found = only(write_story, toml)
    assert (found.entry, found.field) == ("repairs", "quotes[0].speaker")
    assert (
        found.message == "in quotation marks in paragraph 4, so somebody said it: give its speaker"
    )


def test_the_byline_may_quote_a_sentence_holding_words_in_quotation_marks(
    write_story: WriteStory,
) -> None:
    """The writer's sentence around a phrase in scare quotes is the writer's."""
    toml = MINI.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "the pier would need “at least two weeks” of repairs" }',
    )
    story = load_story(write_story(toml))
    repairs = story.entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].speaker.name == "Staff"


@pytest.mark.parametrize(
    ("article_words", "quote"),
    [
        ("Reyes said the pier", "Reyes said the pier would need"),
        # A title between the name and the word of saying hides neither.
        ("Reyes, the harbour master, said the pier", "Reyes, the harbour master, said the pier"),
    ],
)
def test_a_quote_that_names_its_speaker_is_the_reporters_sentence(
    write_story: WriteStory, article_words: str, quote: str
) -> None:
    """ "Reyes said the pier would need..." is the writer's sentence about Reyes:
    given to her, even as reported, it would put her own name in her mouth."""
    article = ARTICLE.replace("Reyes said the pier", article_words)
    toml = MINI.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        f'{{ text = "{quote}", speaker = "reyes" }}',
    )
    found = only(write_story, toml, article=article)
    assert (found.entry, found.field) == ("repairs", "quotes[0].text")
    assert found.message.startswith("says itself that Ann Reyes spoke")
    # The same words are the byline's to give; what she was reported to say is hers.
    for quote in (
        '{ text = "Reyes said the pier would need" }',
        '{ text = "the pier would need", speaker = "reyes" }',
    ):
        load_story(
            write_story(MINI.replace('{ text = "at least two weeks", speaker = "reyes" }', quote))
        )


def test_reported_words_may_name_their_speaker_as_something_else_than_who_speaks(
    write_story: WriteStory,
) -> None:
    """ "The council said council boats were moved": the council may name itself."""
    article = ARTICLE.replace(
        "About 40 fishing boats were moved to the river mooring, the council said.",
        "The council said council boats were moved to the river mooring.",
    )
    toml = MINI.replace(
        '{ text = "About 40 fishing boats were moved to the river mooring", speaker = "council" }',
        '{ text = "council boats were moved to the river mooring", speaker = "council" }',
    )
    boats = load_story(write_story(toml, article=article)).entry("boats")
    assert boats is not None
    assert boats.quotes[0].speaker.key == "council"


_PEOPLE = """
[speakers.hill]
name = "Tom Hill"

[speakers.reyes]
name = "Ann Reyes"

[speakers.council]
name = "the council"

[speakers.dillon]
name = "Ryan Dillon"
role = "coalition spokesman"

[speakers.peskov]
name = "Dmitry Peskov"

[speakers.kremlin]
name = "Kremlin"

[speakers.kremlin-spokesman]
name = "Anna Volkova"
role = "Kremlin spokesman"

[speakers.critic]
name = "Ivan Petrov"
role = "Kremlin critic"

[speakers.scott]
name = "Joe Scott"

[speakers.coalition]
name = "the coalition"
"""


def _attribution(
    write_story: WriteStory,
    paragraphs: list[str],
    text: str,
    speaker: str,
    vouched: str = "",
    people: str = _PEOPLE,
) -> str | None:
    """The problem with crediting `text` to `speaker` in an article of `paragraphs`, if any."""
    vouch = f", vouched = {vouched!r}" if vouched else ""
    toml = (
        '[story]\nid = "s"\nheadline = "Pier news"\nbyline = "Staff"\narticle = "a.txt"\n'
        f"{people}\n[[entries]]\n"
        'id = "e"\ntopic = "T"\nquestion = "What happened?"\nalternates = ["news"]\n'
        f'answer = "Something."\nquotes = [{{ text = {text!r}, speaker = "{speaker}"{vouch} }}]\n'
    )
    article = "Pier news\n\n" + "\n".join(paragraphs) + "\n"
    try:
        load_story(write_story(toml, article=article, article_name="a.txt"))
    except KnowledgeError as error:
        (problem,) = error.problems
        return problem.message
    return None


@pytest.mark.parametrize(
    ("paragraphs", "text", "speaker"),
    [
        # "they" may be a group.
        (
            ["Tom Hill said the council had approved it. “The money is there,” they said."],
            "The money is there",
            "council",
        ),
        # A title in the sentence before: "he" speaks for the coalition.
        (
            [
                "Ryan Dillon spoke on Sunday.",
                "The coalition spokesman said the fight was hard. “We expect more,” he added.",
            ],
            "We expect more",
            "dillon",
        ),
        # A group in the sentence before: "he" is whoever speaks for it, by role.
        (
            [
                "Dmitry Peskov spoke to reporters.",
                "The Kremlin said the talks had stalled. “There is no progress,” he insisted.",
            ],
            "There is no progress",
            "kremlin-spokesman",
        ),
        # Whom "he said" names is what he said, not who said it.
        (["Tom Hill spoke on Monday.", "He said the council would pay."], "would pay", "hill"),
        # Another name earlier in the sentence is not the spokesman's.
        (
            ["As Tom Hill listened, the Kremlin spokesman said: “There is no progress.”"],
            "There is no progress",
            "kremlin-spokesman",
        ),
        # An aside, then a few words before "said".
        (
            ["Tom Hill, the mayor, on Monday said the council had voted: “We will close it.”"],
            "We will close it",
            "hill",
        ),
        # An apposition between the name and the word of saying.
        (
            [
                "Tom Hill toured the harbour.",
                "Ann Reyes, the harbour master, said it was weak. “It could fall,” she said.",
            ],
            "It could fall",
            "reyes",
        ),
        # Each of two speakers' quotations, the second opened by its own saying.
        (
            ["Tom Hill said: “The pier is weak.” Ann Reyes said: “It will hold.”"],
            "It will hold",
            "reyes",
        ),
        (
            ["Tom Hill said: “The pier is weak.” Ann Reyes said: “It will hold.”"],
            "The pier is weak",
            "hill",
        ),
        (
            ["Tom Hill asked: “Where is the help?” Ann Reyes said on Monday, “It is coming.”"],
            "Where is the help",
            "hill",
        ),
        (
            ["“Where is the help?” Ann Reyes asked, “and who will pay?”"],
            "Where is the help",
            "reyes",
        ),
        # A quotation that opens its sentence runs on to who said it, whatever follows.
        (["Ann Reyes said it was unsafe.", "“The pier will hold.” Tom Hill said."], "pier", "hill"),
        # A full stop and an aside: a sentence of his own.
        (
            [
                "Ann Reyes has warned for years that the pier was failing.",
                "“The pier is weak.” Mayor Tom Hill, however, insisted it would hold.",
            ],
            "The pier is weak",
            "reyes",
        ),
        (
            [
                "Tom Hill said the pier would close.",
                "“Who will pay?” Ann Reyes, the harbour master, asked.",
            ],
            "Who will pay",
            "reyes",
        ),
        (
            [
                "Tom Hill promised help within a week.",
                "“Where is the help?” Ann Reyes said on Friday: “We have seen nothing.”",
            ],
            "Where is the help",
            "reyes",
        ),
        (
            [
                "Tom Hill said the state would pay.",
                "“The state?” Ann Reyes said, “It has no money.”",
            ],
            "The state",
            "reyes",
        ),
    ],
)
def test_attributions_a_reporter_writes_are_accepted(
    write_story: WriteStory, paragraphs: list[str], text: str, speaker: str
) -> None:
    assert _attribution(write_story, paragraphs, text, speaker) is None


@pytest.mark.parametrize(
    ("paragraphs", "text", "speaker"),
    [
        # The sentence before names someone else; "she" may still be Reyes, or not.
        (
            [
                "Ann Reyes said the pier would close. Tom Hill said it would stay open. "
                "“That is not true,” she said."
            ],
            "That is not true",
            "reyes",
        ),
        # A group's "he", for someone whose role does not say they speak for it.
        (
            [
                "Dmitry Peskov spoke to reporters.",
                "The Kremlin said the talks had stalled. “There is no progress,” he said.",
            ],
            "There is no progress",
            "peskov",
        ),
        # A verb of saying the check does not know.
        (["Tom Hill spoke on Monday.", "He denied the bridge was unsafe."], "the bridge", "hill"),
        # A title the check does not tie to him, after a sentence naming someone else.
        (
            ["Ann Reyes asked whether it would close. “We will close it,” the mayor replied."],
            "We will close it",
            "hill",
        ),
    ],
)
def test_attributions_the_check_cannot_confirm_may_be_vouched_for(
    write_story: WriteStory, paragraphs: list[str], text: str, speaker: str
) -> None:
    assert _attribution(write_story, paragraphs, text, speaker) is not None
    assert _attribution(write_story, paragraphs, text, speaker, "the editor checked") is None


@pytest.mark.parametrize(
    ("paragraphs", "text", "speaker"),
    [
        # "he" is the one the sentence before names; Reyes is who he talks about.
        (
            ["Tom Hill said the bridge was unsafe. “Reyes has ignored this for years,” he said."],
            "Reyes has ignored this",
            "reyes",
        ),
        (
            ["Tom Hill said it was unsafe. “We will close it,” he said, as Ann Reyes looked on."],
            "We will close it",
            "reyes",
        ),
        (
            ["As Tom Hill listened, the Kremlin spokesman said: “There is no progress.”"],
            "There is no progress",
            "hill",
        ),
        # A person's spokesman is someone else.
        (["“We are working on it,” Tom Hill's spokesman said."], "We are working on it", "hill"),
        # The reporter's words about him, however recently he spoke.
        (["Tom Hill said the bridge was unsafe.", "He was elected in 2019."], "elected", "hill"),
        # A group's "he" is not whoever was named before.
        (
            [
                "Tom Hill rejected the plan on Monday.",
                "The Kremlin said it would study it. “We are open to a deal,” he said.",
            ],
            "We are open to a deal",
            "hill",
        ),
        # Another spokesman of the group, named beside his title.
        (
            ["Joe Scott, the coalition spokesman, said: “We expect difficult fighting.”"],
            "We expect difficult fighting",
            "dillon",
        ),
        # A role that names the group without speaking for it.
        (
            [
                "The Kremlin said the talks had stalled. “There is no progress,” he said.",
            ],
            "There is no progress",
            "critic",
        ),
        # An aside after a bystander's name, then someone else says it.
        (
            ["Unlike Tom Hill, the mayor, Ann Reyes said “the bridge can stay open.”"],
            "the bridge can stay open",
            "hill",
        ),
        # Reyes says it, whatever stands between her name and "said".
        (
            [
                "Tom Hill toured the harbour.",
                "Ann Reyes, the harbour master, said it was weak. “It could fall,” she said.",
            ],
            "It could fall",
            "hill",
        ),
        # A quotation its own speaker's saying opened ends its sentence: the name
        # after it is the next sentence's.
        (
            ["Tom Hill said: “The pier is weak.” Ann Reyes said: “It will hold.”"],
            "It will hold",
            "hill",
        ),
        (
            ["Tom Hill said: “The pier is weak.” Ann Reyes said it would hold."],
            "The pier is weak",
            "reyes",
        ),
        (
            ["Tom Hill asked: “Where is the help?” Ann Reyes said: “It is coming.”"],
            "It is coming",
            "hill",
        ),
        (
            ["Tom Hill asked: “Where is the help?” Ann Reyes said on Monday, “It is coming.”"],
            "Where is the help",
            "reyes",
        ),
        (
            ["Ann Reyes said it was unsafe.", "“The pier will hold.” Tom Hill said."],
            "pier",
            "reyes",
        ),
        (
            [
                "Tom Hill promised help within a week.",
                "“Where is the help?” Ann Reyes said on Friday: “We have seen nothing.”",
            ],
            "Where is the help",
            "hill",
        ),
        (
            [
                "Tom Hill said the state would pay.",
                "“The state?” Ann Reyes said, “It has no money.”",
            ],
            "The state",
            "hill",
        ),
        # "a.m." before a name ends a sentence: the next is hers.
        (
            ["Tom Hill said the fire started at 2 a.m. Ann Reyes said it was closer to 3."],
            "it was closer to 3",
            "hill",
        ),
        # A saying anywhere in the clause that opens a quotation is its speaker's.
        (
            [
                "Tom Hill said at a packed meeting in the town hall: “The pier is weak.” "
                "Ann Reyes said it would hold."
            ],
            "The pier is weak",
            "reyes",
        ),
        # A colon after a clause that names him opens his quotation.
        (
            [
                "Tom Hill and Ann Reyes clashed over the pier.",
                "Hill put it bluntly: “The pier is weak.” Reyes said it would hold.",
            ],
            "The pier is weak",
            "reyes",
        ),
        # "11 a.m. Eastern time" does not end the sentence that names him.
        (
            [
                "Ann Reyes said the pier was unsafe.",
                "Hill, speaking at 11 a.m. Eastern time, said “the pier is perfectly safe.”",
            ],
            "the pier is perfectly safe",
            "reyes",
        ),
        # A day is no part of a name: Hill is no object of "on".
        (
            [
                "Ann Reyes said the pier was unsafe.",
                "Speaking to reporters on Monday, Tom Hill said: “It is safe.”",
            ],
            "It is safe",
            "reyes",
        ),
        # A question runs on to its asker past an aside.
        (
            [
                "Tom Hill said the pier would close.",
                "“Who will pay?” Ann Reyes, the harbour master, asked.",
            ],
            "Who will pay",
            "hill",
        ),
    ],
)
def test_wrong_attributions_are_refused(
    write_story: WriteStory, paragraphs: list[str], text: str, speaker: str
) -> None:
    assert _attribution(write_story, paragraphs, text, speaker) is not None


def test_no_vouch_gives_words_of_one_quotation_to_another_speaker(
    write_story: WriteStory,
) -> None:
    """The quotation runs across two sentences: its credit is the quote's own."""
    paragraphs = ["Ann Reyes said: “The pier is weak. We will close it.”"]
    assert _attribution(write_story, paragraphs, "We will close it", "reyes") is None
    refused = _attribution(write_story, paragraphs, "We will close it", "hill", "he decided")
    assert refused == "vouched for, but paragraph 1 names Ann Reyes as who said it"


def test_a_he_or_she_named_only_in_an_earlier_paragraph_may_be_vouched_for(
    write_story: WriteStory,
) -> None:
    paragraphs = [
        "Ann Reyes spoke after the meeting.",
        "Tom Hill asked whether the pier could reopen. “Not this month,” she said.",
    ]
    assert _attribution(write_story, paragraphs, "Not this month", "reyes") == (
        "attributed to Ann Reyes, but in paragraph 2 the one who says it (“he”, “she”) is "
        "Tom Hill, named in the sentence before: vouch for it if someone else is meant"
    )
    assert _attribution(write_story, paragraphs, "Not this month", "reyes", "she answered") is None


_WITH_PRONOUNS = _PEOPLE.replace(
    'name = "Tom Hill"\n', 'name = "Tom Hill"\npronoun = "he"\n'
).replace('name = "Ann Reyes"\n', 'name = "Ann Reyes"\npronoun = "she"\n')


def test_a_quotation_alone_after_one_a_he_or_she_said_is_theirs_too(
    write_story: WriteStory,
) -> None:
    paragraphs = [
        "Tom Hill spoke on Monday.",
        "“The pier is a mess,” she said. “Nobody is in charge.”",
    ]
    quote = "Nobody is in charge."
    assert _attribution(write_story, paragraphs, quote, "hill", people=_WITH_PRONOUNS) == (
        "attributed to Tom Hill, but paragraph 2 has “she” say it, and "
        "[speakers.hill] pronoun is “he”"
    )


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Both are named nearby: only the pronoun tells.
        [
            "Tom Hill said the pier would close.",
            "Ann Reyes declined to comment.",
            "“We will find the money,” he said.",
        ],
        # The sentence before names her: without pronouns, "he" is read as her.
        ["Ann Reyes said the pier would close. “We will find the money,” he said."],
    ],
)
def test_a_speakers_pronoun_tells_whose_he_or_she_said_it_is(
    write_story: WriteStory, paragraphs: list[str]
) -> None:
    """Without pronouns the check cannot tell a "he" from a "she"; given them, a
    quote that "he said" is no quote of hers, and no vouch makes it one."""
    quote, last = "We will find the money", len(paragraphs)
    assert _attribution(write_story, paragraphs, quote, "reyes") is None
    assert _attribution(write_story, paragraphs, quote, "reyes", people=_WITH_PRONOUNS) == (
        f"attributed to Ann Reyes, but paragraph {last} has “he” say it, and "
        "[speakers.reyes] pronoun is “she”"
    )
    vouched = _attribution(write_story, paragraphs, quote, "reyes", "sure", _WITH_PRONOUNS)
    assert vouched == f"vouched for, but paragraph {last} has “he” say it, and Ann Reyes is “she”"


@pytest.mark.parametrize(
    ("paragraph", "quote", "sayer"),
    [
        (
            "“Is the pier safe?” a reporter asked. “Yes,” Tom Hill said.",
            "Is the pier safe",
            "a reporter asked",
        ),
        (
            "“The pier is safe,” said one fisherman. Tom Hill agreed.",
            "The pier is safe",
            "said one fisherman",
        ),
    ],
)
def test_words_someone_unnamed_says_are_nobody_elses(
    write_story: WriteStory, paragraph: str, quote: str, sayer: str
) -> None:
    """A reporter's question is not the mayor's for his being named nearby."""
    paragraphs = ["Tom Hill spoke.", paragraph]
    assert _attribution(write_story, paragraphs, quote, "hill") == (
        f"attributed to Tom Hill, but in paragraph 2 someone it does not name says it "
        f"(“{sayer}”): vouch for it if Tom Hill is meant"
    )
    assert _attribution(write_story, paragraphs, quote, "hill", "he asked it himself") is None


@pytest.mark.parametrize(
    ("paragraph", "quote", "sayer"),
    [
        ("“Shame!” protesters shouted as Tom Hill arrived.", "Shame!", "protesters shouted"),
        ("Tom Hill arrived to chants of “Shame!” from the hall.", "Shame!", "chants of"),
        ("As Tom Hill arrived, the crowd chanted “Resign now”.", "Resign now", "crowd chanted"),
        ("Protesters held signs reading “Hill must go”.", "Hill must go", "signs reading"),
        # The sentence before credits him, not this one.
        ("Tom Hill said: “I will stay.” Protesters yelled “Liar!”", "Liar!", "Protesters yelled"),
        ("“We are scared,” residents said.", "We are scared", "residents said"),
        ("“Resign now!” a heckler shouted.", "Resign now!", "a heckler shouted"),
        ("A man at the back yelled “Liar!”", "Liar!", "A man at the back yelled"),
        ("Students carried a banner reading “Hill out”.", "Hill out", "banner reading"),
        ("Critics said the closure was a stunt.", "the closure was a stunt", "Critics said"),
        ("“Fair pay now!” strikers chanted.", "Fair pay now!", "strikers chanted"),
    ],
)
def test_what_a_crowd_shouts_is_not_the_words_of_one_named_beside_it(
    write_story: WriteStory, paragraph: str, quote: str, sayer: str
) -> None:
    paragraphs = ["Tom Hill spoke.", paragraph]
    assert _attribution(write_story, paragraphs, quote, "hill") == (
        f"attributed to Tom Hill, but in paragraph 2 someone it does not name says it "
        f"(“{sayer}”): vouch for it if Tom Hill is meant"
    )


@pytest.mark.parametrize(
    ("paragraph", "quote"),
    [
        ("“We will rebuild,” he told residents.", "We will rebuild"),
        ("“We will rebuild,” he said as protesters jeered.", "We will rebuild"),
        ("Protesters jeered as Tom Hill said: “We will rebuild.”", "We will rebuild."),
        ("Over chants of “Resign!”, Tom Hill said: “I hear you.”", "I hear you."),
        ("Tom Hill thanked his supporters and said: “We will rebuild.”", "We will rebuild."),
        ("Tom Hill lost his temper as residents jeered, and snapped back: “No.”", "No."),
        # Its own saying before it, a clause between, an aside, or another quotation.
        (
            "Tom Hill said the pier would reopen, but residents said they doubted it.",
            "the pier would reopen",
        ),
        ("“We will rebuild,” Tom Hill vowed, as protesters jeered.", "We will rebuild"),
        ("“We will rebuild,” he said as a police siren screamed.", "We will rebuild"),
        ("“No,” Tom Hill, whose opponents said he had lied, insisted.", "No"),
        ("Tom Hill replied to chants of “Resign!”: “I was elected.”", "I was elected."),
        ("Tom Hill responded to shouts of protest: “I hear you.”", "I hear you."),
        ("Tom Hill said the demonstrators, about 200 in all, were calm.", "about 200 in all"),
    ],
)
def test_a_crowd_beside_other_words_leaves_them_to_who_says_them(
    write_story: WriteStory, paragraph: str, quote: str
) -> None:
    """A crowd says only the quotation it stands next to."""
    assert _attribution(write_story, ["Tom Hill spoke.", paragraph], quote, "hill") is None


def test_whom_a_crowd_heckles_does_not_say_the_next_words(write_story: WriteStory) -> None:
    paragraphs = ["Ann Reyes watched as protesters heckled Tom Hill. “It was shameful,” she said."]
    assert _attribution(write_story, paragraphs, "It was shameful", "reyes") is None


def test_a_crowd_that_is_the_speaker_says_its_own_words(write_story: WriteStory) -> None:
    people = _PEOPLE + '\n[speakers.protesters]\nname = "the protesters"\n'
    paragraphs = ["Tom Hill spoke, and the protesters chanted “Resign now”."]
    assert _attribution(write_story, paragraphs, "Resign now", "protesters", people=people) is None


def test_whom_a_crowd_calls_for_by_role_is_not_who_speaks(write_story: WriteStory) -> None:
    paragraph = "Ann Reyes insisted she would stay, as fans chanted for mayor Tom Hill to go."
    assert _attribution(write_story, [paragraph], "she would stay", "hill") == (
        "attributed to Tom Hill, but its sentence in paragraph 1 names Ann Reyes instead"
    )
    # "according to" names who speaks, a role between or not.
    paragraph = "The pier is safe, according to spokesman Tom Hill."
    assert _attribution(write_story, [paragraph], "The pier is safe", "hill") is None


def test_a_crowd_may_tell_someone_its_words(write_story: WriteStory) -> None:
    paragraphs = ["Tom Hill spoke.", "Residents told Tom Hill: “Fix the pier.”"]
    assert _attribution(write_story, paragraphs, "Fix the pier.", "hill") == (
        "attributed to Tom Hill, but in paragraph 2 someone it does not name says it "
        "(“Residents told”): vouch for it if Tom Hill is meant"
    )


def test_a_curator_may_vouch_for_words_a_crowd_shares_with_one_named(
    write_story: WriteStory,
) -> None:
    paragraphs = ["As Tom Hill arrived, the crowd chanted “Resign now”."]
    assert _attribution(write_story, paragraphs, "Resign now", "hill") is not None
    assert _attribution(write_story, paragraphs, "Resign now", "hill", "he led the chant") is None


@pytest.mark.parametrize(
    "narration",
    ["Sirens screamed as boats sank.", "Heckled and jeered, the mayor left the pier."],
)
def test_a_raised_voice_in_narration_tells_of_no_one_speaking(
    write_story: WriteStory, narration: str
) -> None:
    quote = narration.rstrip(".")
    assert _attribution(write_story, ["Tom Hill spoke.", narration], quote, "hill") == (
        "attributed to Tom Hill, but paragraph 2 tells it in the article's own words, "
        "crediting nobody: leave out its speaker (the byline's), or vouch for it"
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "Tom Hill shouted: “Order in the hall!”",
        "“Order in the hall!” Tom Hill shouted.",
        "“Order in the hall!” shouted Tom Hill as protesters jeered.",
    ],
)
def test_one_named_who_shouts_says_the_words(write_story: WriteStory, paragraph: str) -> None:
    assert _attribution(write_story, [paragraph], "Order in the hall!", "hill") is None
    assert _attribution(write_story, [paragraph], "Order in the hall!", "reyes") == (
        "attributed to Ann Reyes, but its sentence in paragraph 1 names Tom Hill instead"
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "A council spokesman, Tom Hill, said the pier was closed.",
        "Tom Hill, a council spokesman, said the pier was closed.",
        "The council's spokesman, Tom Hill, said the pier was closed.",
        "Tom Hill, the council's chief spokesman, said the pier was closed.",
        "“The pier is closed,” said Tom Hill, a spokesman for the council.",
    ],
)
def test_a_spokesman_named_beside_the_title_speaks_for_the_group(
    write_story: WriteStory, paragraph: str
) -> None:
    """The words are the group's and the spokesman's alike."""
    quote = "the pier was closed" if "said the pier" in paragraph else "The pier is closed"
    assert _attribution(write_story, [paragraph], quote, "council") is None
    assert _attribution(write_story, [paragraph], quote, "hill") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Tom Hill, a member of the council, said the pier was closed.",
        "Tom Hill, a former council spokesman, said the pier was closed.",
        "Tom Hill, an ex-spokesman for the council, said the pier was closed.",
    ],
)
def test_a_member_or_a_former_spokesman_does_not_speak_for_the_group(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "the pier was closed", "council") == (
        "attributed to the council, but its sentence in paragraph 1 names Tom Hill instead"
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "Tom Hill, the council spokesman's brother, said the pier was closed.",
        "Tom Hill, the council's spokesman until May, said the pier was closed.",
        "Tom Hill, a council spokesman who resigned on Friday, said the pier was closed.",
    ],
)
def test_a_title_that_is_not_the_speakers_now_gives_no_group_his_words(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "the pier was closed", "council") is not None


def test_of_two_spokesmen_in_a_sentence_neither_speaks_for_the_others_group(
    write_story: WriteStory,
) -> None:
    paragraph = (
        "Tom Hill, a council spokesman, said “the pier will close”, while Ryan Dillon, a "
        "coalition spokesman, said “the coalition will pay”."
    )
    assert _attribution(write_story, [paragraph], "the pier will close", "coalition") is not None


def test_a_speaker_named_twice_speaks_where_a_word_of_saying_is(write_story: WriteStory) -> None:
    """Read first to last, the first mention beside a word of saying counts: the
    council's ballot is not who speaks, the council at the end is."""
    paragraph = (
        "Members rejected the offer in a council ballot, the council said, but Tom Hill said"
        " the vote was rigged."
    )
    assert _attribution(write_story, [paragraph], "Members rejected the offer", "council") is None


# Two people saying two things in one sentence: each clause is its own speaker's.
@pytest.mark.parametrize(
    ("paragraph", "hills", "reyess"),
    [
        (
            "Tom Hill said the pier was weak, while Ann Reyes said it would hold.",
            "the pier was weak",
            "it would hold",
        ),
        (
            "Ann Reyes said the pier was weak; Tom Hill said: “It will hold.”",
            "It will hold",
            "the pier was weak",
        ),
        (
            "“The pier was weak,” Ann Reyes said, but Tom Hill said it would hold.",
            "it would hold",
            "The pier was weak",
        ),
        (
            "Ann Reyes told the council the pier was weak, whereas Tom Hill said it would hold.",
            "it would hold",
            "the pier was weak",
        ),
        # A quotation just before the join is the first clause's.
        (
            "“The pier is old,” Ann Reyes said, “and it is rotten,” but Tom Hill said it"
            " would hold.",
            "it would hold",
            "and it is rotten",
        ),
        # A comma inside the quotation marks ends the clause as well.
        (
            "Tom Hill said the pier was “sound,” but Ann Reyes said it was “rotten.”",
            "sound",
            "rotten",
        ),
        # A clause that opens the sentence ends at its comma.
        (
            "While Ann Reyes warned that the pier was “rotten,” Tom Hill said it was “sound.”",
            "sound",
            "rotten",
        ),
        (
            "Although Ann Reyes has warned that the pier is rotten, Tom Hill said it was sound.",
            "it was sound",
            "the pier is rotten",
        ),
        # Weaker joins, where each side has a saying of its own.
        (
            "Tom Hill said the pier was sound, and Ann Reyes said it was rotten.",
            "the pier was sound",
            "it was rotten",
        ),
        (
            "Tom Hill said the pier was sound — Ann Reyes, for her part, said it was rotten.",
            "the pier was sound",
            "it was rotten",
        ),
        (
            "Tom Hill said the repairs would cost $2 million (Ann Reyes has said $5 million).",
            "the repairs would cost $2 million",
            "$5 million",
        ),
        (
            "“It is sound,” Tom Hill said, although Ann Reyes told reporters it was rotten.",
            "It is sound",
            "it was rotten",
        ),
    ],
)
def test_in_a_sentence_of_two_sayings_each_says_their_own_clause(
    write_story: WriteStory, paragraph: str, hills: str, reyess: str
) -> None:
    assert _attribution(write_story, [paragraph], hills, "hill") is None
    assert _attribution(write_story, [paragraph], reyess, "reyes") is None
    assert _attribution(write_story, [paragraph], hills, "reyes") is not None
    assert _attribution(write_story, [paragraph], reyess, "hill") is not None


@pytest.mark.parametrize(
    ("paragraph", "text", "speaker"),
    [
        (
            "“It will hold,” said Tom Hill, but Ann Reyes said: “It will not.”",
            "It will not",
            "hill",
        ),
        (
            "“It will hold,” said Tom Hill, but Ann Reyes said: “It will not.”",
            "It will hold",
            "reyes",
        ),
        (
            "Hill said repairs would cost $2 million, whereas the council said they would"
            " cost $5 million.",
            "would cost $5 million",
            "hill",
        ),
    ],
)
def test_words_in_another_speakers_clause_of_the_sentence_are_refused(
    write_story: WriteStory, paragraph: str, text: str, speaker: str
) -> None:
    assert _attribution(write_story, [paragraph], text, speaker) is not None


@pytest.mark.parametrize(
    ("paragraph", "text", "speaker"),
    [
        (
            "According to Ann Reyes, who runs the harbour office, the pier is unsafe.",
            "who runs the harbour office",
            "reyes",
        ),
        (
            "Tom Hill, who grew up fishing from the pier, said he was heartbroken.",
            "grew up fishing from the pier",
            "hill",
        ),
        # After the name's aside; at the sentence's end; in parentheses; between dashes.
        (
            "Tom Hill, the mayor, who grew up on Dock Street, said the pier would reopen.",
            "grew up on Dock Street",
            "hill",
        ),
        ("“It is over,” said Tom Hill, who was elected in 2019.", "was elected in 2019", "hill"),
        ("Ann Reyes (who has run the harbour since 2010) said it was weak.", "since 2010", "reyes"),
        (
            "Both officials — Tom Hill, who wants it rebuilt, and Ann Reyes, who wants it"
            " torn down — said a decision would come soon.",
            "who wants it torn down",
            "reyes",
        ),
        # A group described, and words running from the description into what was said.
        (
            "“We were never consulted,” said Ryan Dillon, the spokesman of the coalition,"
            " which represents 40 families.",
            "which represents 40 families",
            "coalition",
        ),
        (
            "Ann Reyes, who runs the harbour office, said the pier was unsafe.",
            "who runs the harbour office, said the pier was unsafe",
            "reyes",
        ),
    ],
)
def test_a_clause_telling_who_a_speaker_is_is_not_what_they_said(
    write_story: WriteStory, paragraph: str, text: str, speaker: str
) -> None:
    problem = _attribution(write_story, [paragraph], text, speaker)
    assert problem is not None
    assert "in a clause telling who someone is" in problem


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        # A clause that says something first, and what it says.
        ("Tom Hill, who said last month that the pier was safe, closed it.", "the pier was safe"),
        ("Tom Hill, who called the pier “a disgrace,” closed it on Friday.", "a disgrace"),
        # A quotation in the clause is somebody's words, as ever.
        ("Tom Hill, who has said the pier is “perfectly safe,” was not there.", "perfectly safe"),
        # What was said around the description.
        ("Tom Hill, who grew up on Dock Street, said the pier would reopen.", "would reopen"),
        # A clause describing what was said is theirs: the check cannot tell it apart.
        ("Tom Hill said the pier, which was built in 1923, would reopen.", "was built in 1923"),
    ],
)
def test_a_clause_about_a_speaker_that_says_something_keeps_its_words(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") is None


def test_a_curator_may_vouch_for_a_clause_telling_who_a_speaker_is(
    write_story: WriteStory,
) -> None:
    paragraph = "Tom Hill, who grew up fishing from the pier, said he was heartbroken."
    text = "grew up fishing from the pier"
    assert _attribution(write_story, [paragraph], text, "hill", vouched="he told us so") is None


@pytest.mark.parametrize(
    ("paragraph", "text", "speaker"),
    [
        # A "while" in a relative clause, or that is no second saying, splits nothing.
        (
            "Ann Reyes, who spoke while Tom Hill looked on, said the pier was weak.",
            "the pier was weak",
            "reyes",
        ),
        (
            "Tom Hill said he would stay on while the council looked for a successor.",
            "looked for a successor",
            "hill",
        ),
        ("Ann Reyes said the pier was old, but safe, and Tom Hill agreed.", "safe", "reyes"),
        # An "and" of one clause: words still to come, narration (and two speakers:
        # test_people_who_speak_together_each_say_the_words).
        ("Ann Reyes said, and Tom Hill confirmed, that the pier was weak.", "was weak", "reyes"),
        ("Tom Hill said the pier was safe, and on Friday the ferry sailed.", "was safe", "hill"),
        # Whoever speaks for a speaker of the clause before speaks for them too.
        (
            "The council said the survey was late, and its spokeswoman Ann Reyes said the"
            " repairs would take a year.",
            "the repairs would take a year",
            "council",
        ),
        # The council is what she said, in a clause she says.
        (
            "Ann Reyes said the pier was unsafe; the council, she said, would close it.",
            "would close it",
            "reyes",
        ),
    ],
)
def test_a_clause_with_no_saying_of_its_own_keeps_the_sentences_speaker(
    write_story: WriteStory, paragraph: str, text: str, speaker: str
) -> None:
    assert _attribution(write_story, [paragraph], text, speaker) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ann Reyes said the council had paid for the survey.",
        "Reyes said the council, which owns the pier, had paid for the survey.",
        "Ann Reyes told reporters the council had paid for the survey.",
    ],
)
def test_a_group_named_as_what_a_person_said_does_not_say_it(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "had paid for the survey", "council") is not None
    assert _attribution(write_story, [paragraph], "had paid for the survey", "reyes") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        # Whoever speaks for the group says its words, ...
        ("Council spokeswoman Ann Reyes said the council would pay.", "would pay"),
        ("Ann Reyes, a council spokeswoman, said the council would pay.", "would pay"),
        # ... and so does the group, where it says something itself.
        ("Ann Reyes said the council said it would pay.", "it would pay"),
        (
            "Tom Hill said he had asked the council to pay, but the council said it could not"
            " afford it.",
            "could not afford it",
        ),
        ("Ann Reyes and the council said the pier would close.", "the pier would close"),
    ],
)
def test_a_group_a_person_names_may_still_speak(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "council") is None


def test_a_group_named_as_what_was_said_may_still_say_the_next_quote(
    write_story: WriteStory,
) -> None:
    paragraph = "Tom Hill said the council had approved it. “The money is there,” they said."
    assert _attribution(write_story, [paragraph], "The money is there", "council") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ann Reyes and Tom Hill said the pier was weak.",
        "Ann Reyes, the harbour master, and Tom Hill said the pier was weak.",
        "Tom Hill and Ann Reyes both said in a joint statement that the pier was weak.",
    ],
)
def test_people_who_speak_together_each_say_the_words(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "the pier was weak", "reyes") is None
    assert _attribution(write_story, [paragraph], "the pier was weak", "hill") is None


def test_spokesmen_who_speak_together_each_speak_for_their_group(write_story: WriteStory) -> None:
    paragraph = (
        "Anna Volkova, a Kremlin spokesman, and Ryan Dillon, a coalition spokesman, both said"
        " the talks had failed."
    )
    assert _attribution(write_story, [paragraph], "the talks had failed", "kremlin") is None
    assert _attribution(write_story, [paragraph], "the talks had failed", "coalition") is None


def test_spokesmen_saying_two_things_in_one_sentence_each_speak_for_their_group(
    write_story: WriteStory,
) -> None:
    paragraph = (
        "Anna Volkova, a Kremlin spokesman, said the talks had failed, while Ryan Dillon, a"
        " coalition spokesman, said the coalition would pay."
    )
    assert _attribution(write_story, [paragraph], "the talks had failed", "kremlin") is None
    assert _attribution(write_story, [paragraph], "would pay", "coalition") is None
    assert _attribution(write_story, [paragraph], "the talks had failed", "coalition") is not None


def test_a_joining_word_after_a_quotation_is_no_role_before_a_name(
    write_story: WriteStory,
) -> None:
    """ "at “…” but Ann Reyes" is not "at mayor Tom Hill": the quotation is blanked,
    and "but" is no title."""
    paragraph = "Tom Hill put the cost at “£2 million,” but Ann Reyes said it was “closer to five.”"
    assert _attribution(write_story, [paragraph], "closer to five", "reyes") is None
    assert _attribution(write_story, [paragraph], "closer to five", "hill") is not None


@pytest.mark.parametrize(
    ("paragraph", "told_of"),
    [
        ("Ann Reyes, Tom Hill said, had done everything by the book.", "reyes"),
        (
            "The council, Ann Reyes told reporters on Monday, had done everything by the book.",
            "council",
        ),
    ],
)
def test_a_name_before_an_aside_saying_who_speaks_is_what_was_said(
    write_story: WriteStory, paragraph: str, told_of: str
) -> None:
    text = "had done everything by the book"
    sayer = "hill" if told_of == "reyes" else "reyes"
    assert _attribution(write_story, [paragraph], text, told_of) is not None
    assert _attribution(write_story, [paragraph], text, sayer) is None


@pytest.mark.parametrize(
    ("paragraph", "callers", "others"),
    [
        (
            "Tom Hill called the plan “a disgrace”; Ann Reyes said it was fine.",
            "a disgrace",
            "it was fine",
        ),
        (
            "Ann Reyes said the survey (Tom Hill called it “a whitewash”) would be out on Friday.",
            "a whitewash",
            "would be out on Friday",
        ),
    ],
)
def test_calling_something_a_quotation_is_saying_it(
    write_story: WriteStory, paragraph: str, callers: str, others: str
) -> None:
    assert _attribution(write_story, [paragraph], callers, "hill") is None
    assert _attribution(write_story, [paragraph], callers, "reyes") is not None
    assert _attribution(write_story, [paragraph], others, "reyes") is None


def test_words_another_says_someone_called_something_are_theirs(
    write_story: WriteStory,
) -> None:
    """She says he called it that: the quotation is his words, no vouch needed."""
    paragraph = "Ann Reyes said Tom Hill called the plan “a disgrace”."
    assert _attribution(write_story, [paragraph], "a disgrace", "hill") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        # Calling a vote is no saying: "she" is the one the sentence before has speak.
        "Ann Reyes said the count was wrong. Tom Hill called the vote at 11 p.m. “It was a"
        " stitch-up,” she said.",
        # What another has called something is the clause's, not who speaks in it.
        "Ann Reyes dismissed what Tom Hill has called a “stitch-up,” saying it was a stitch-up.",
    ],
)
def test_calling_that_is_no_saying_leaves_the_speaker(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "stitch-up", "reyes") is None


def test_a_group_named_in_its_own_words_may_say_them_as_it(write_story: WriteStory) -> None:
    """ "The Kremlin will not back down, it said": the Kremlin's (not against a he or she)."""
    paragraph = "The Kremlin will not back down, it said."
    assert (
        _attribution(write_story, [paragraph], "The Kremlin will not back down", "kremlin") is None
    )


def test_a_group_named_in_its_own_words_is_still_who_says_them(write_story: WriteStory) -> None:
    paragraph = "The Kremlin will not back down, the Kremlin said, after Tom Hill demanded it."
    assert (
        _attribution(write_story, [paragraph], "The Kremlin will not back down", "kremlin") is None
    )


@pytest.mark.parametrize(
    ("paragraphs", "quote"),
    [
        (["“Tom Hill is wrong,” she said."], "Tom Hill is wrong"),
        (["Ann Reyes spoke.", "Tom Hill should resign, she said."], "Tom Hill should resign"),
        # A quotation standing alone after hers is hers too.
        (["“The pier is a mess,” she said. “Tom Hill must go.”"], "Tom Hill must go."),
    ],
)
def test_one_named_only_in_the_quotes_own_words_does_not_say_them(
    write_story: WriteStory, paragraphs: list[str], quote: str
) -> None:
    assert _attribution(write_story, paragraphs, quote, "hill") == (
        "attributed to Tom Hill, who is named nearby only in the quote's own words: what was "
        "said, not who says it"
    )


def test_a_name_among_the_quotes_own_words_is_what_was_said(write_story: WriteStory) -> None:
    paragraph = "Tom Hill said the coalition had paid for the pier."
    assert _attribution(write_story, [paragraph], "the coalition had paid", "coalition") == (
        "attributed to the coalition, but its sentence in paragraph 1 names Tom Hill instead"
    )


def test_a_quotation_a_colon_opens_after_a_name_is_not_the_next_sentences(
    write_story: WriteStory,
) -> None:
    """ "She said" after it is the next sentence's, not the sayer of the quotation."""
    paragraphs = [
        "Tom Hill and Ann Reyes clashed over the pier.",
        "Hill put it bluntly: “The pier is weak.” She said it would hold.",
    ]
    quote = "The pier is weak"
    assert _attribution(write_story, paragraphs, quote, "hill", people=_WITH_PRONOUNS) is None


@pytest.mark.parametrize(
    ("paragraph", "quote", "speaker"),
    [
        # The sentence names who says it; the "he" or "she" is talked about.
        ("Ann Reyes said he had “lied to the town.”", "lied to the town", "reyes"),
        ("“I will not resign,” Tom Hill said when she asked whether he would.", "resign", "hill"),
        ("“The pier is unsafe,” Ann Reyes said, and he said it was fine.", "unsafe", "reyes"),
    ],
)
def test_a_he_or_she_the_sentence_talks_about_is_not_who_says_it(
    write_story: WriteStory, paragraph: str, quote: str, speaker: str
) -> None:
    paragraphs = ["Tom Hill and Ann Reyes met on Monday.", paragraph]
    assert _attribution(write_story, paragraphs, quote, speaker, people=_WITH_PRONOUNS) is None


_MEN = _WITH_PRONOUNS.replace('name = "Ryan Dillon"\n', 'name = "Ryan Dillon"\npronoun = "he"\n')


def test_a_he_with_no_name_in_his_paragraph_is_the_nearer_he_who_spoke(
    write_story: WriteStory,
) -> None:
    """Of two men named in the paragraphs before, the nearer who speaks is the "he"
    (the shipped story's Bali, after Selo); a vouch names the other."""
    paragraphs = [
        "Tom Hill said the convoy had left.",
        "Ryan Dillon described the civilians as human shields.",
        "The militants refused to free them, he said.",
    ]
    quote = "The militants refused to free them"
    assert _attribution(write_story, paragraphs, quote, "dillon", people=_MEN) is None
    assert _attribution(write_story, paragraphs, quote, "hill", people=_MEN) == (
        "attributed to Tom Hill, but in paragraph 3 “he” says it, and paragraph 2, the "
        "nearer before it where another who may be “he” speaks, does not name Tom Hill: "
        "vouch for it if they are meant"
    )
    assert _attribution(write_story, paragraphs, quote, "hill", "Hill's", people=_MEN) is None
    # Without pronouns, either may be the "he".
    assert _attribution(write_story, paragraphs, quote, "hill") is None


def test_a_man_who_only_opens_a_sentence_is_not_the_he_who_speaks(write_story: WriteStory) -> None:
    paragraphs = [
        "Ryan Dillon said the strikes would continue.",
        "Tom Hill, a doctor in the city, was killed in a strike last week.",
        "“We regret every civilian death,” he said.",
    ]
    quote = "We regret every civilian death"
    assert _attribution(write_story, paragraphs, quote, "dillon", people=_MEN) is None


def test_a_speaker_whose_pronoun_matches_is_checked_as_before(write_story: WriteStory) -> None:
    paragraphs = ["Tom Hill said the pier would close.", "“We will find the money,” he said."]
    assert (
        _attribution(write_story, paragraphs, "We will find", "hill", people=_WITH_PRONOUNS) is None
    )


@pytest.mark.parametrize(("pronoun", "shown"), [('"it"', "'it'"), ('"He"', "'He'"), ("3", "3")])
def test_a_pronoun_is_he_or_she(write_story: WriteStory, pronoun: str, shown: str) -> None:
    people = _PEOPLE.replace('name = "Tom Hill"\n', f'name = "Tom Hill"\npronoun = {pronoun}\n')
    paragraphs = ["Tom Hill said the pier was weak."]
    found = _attribution(write_story, paragraphs, "the pier was weak", "hill", people=people)
    assert found == f'pronoun must be "he" or "she", not {shown}'


def test_reported_speech_does_not_run_on_into_the_next_paragraph(
    write_story: WriteStory,
) -> None:
    paragraphs = ["Tom Hill said the bridge was unsafe.", "Repairs would take weeks."]
    assert _attribution(write_story, paragraphs, "Repairs would take weeks", "hill") == (
        "attributed to Tom Hill, but paragraph 2 tells it in the article's own words, crediting "
        "nobody: leave out its speaker (the byline's), or vouch for it"
    )
    assert _attribution(write_story, paragraphs, "Repairs would take weeks", "hill", "his") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Tom Hill said the bridge was unsafe. Repairs would take weeks.", "Repairs would take"),
        ("Tom Hill said the club had 200 members. Its website lists 140.", "lists 140"),
        ("Tom Hill called the pier “a disgrace.” It was built in 1902.", "built in 1902"),
    ],
)
def test_reported_speech_does_not_run_on_into_the_next_sentence(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 tells it in a sentence with no word of saying "
        "and no quotation marks, after one crediting Tom Hill: the reporter's words; vouch for "
        "it if they are not"
    )
    assert _attribution(write_story, [paragraph], text, "hill", "he told us") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        # A quotation standing alone, or one the saying opened, is still theirs.
        ("Tom Hill said the bridge was unsafe. “We will close it.”", "We will close it"),
        ("Tom Hill said: “The bridge is unsafe. We will close it.”", "We will close it"),
        # So is a sentence with a word of saying of its own.
        ("Tom Hill said the bridge was unsafe. It would close, he added.", "It would close"),
    ],
)
def test_the_next_sentence_keeps_a_quotation_or_a_saying_of_its_own(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("“We will rebuild it,” Tom Hill said, but he gave no date.", "he gave no date"),
        ("“It is safe,” said Tom Hill, and the ferry sailed on Friday.", "the ferry sailed"),
        ("“It is safe,” Tom Hill said as the crew began unloading.", "the crew began unloading"),
        ("“It stays shut,” Tom Hill said; the engineers report in May.", "report in May"),
        ("“We asked in March,” Tom Hill said, pointing to the letters.", "pointing to the letters"),
        (
            "“We asked in March,” Tom Hill, the mayor, said on Monday, and the council agreed.",
            "the council agreed",
        ),
    ],
)
def test_words_after_a_quotation_and_its_saying_are_the_reporters(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 tells it after a quotation and the saying "
        "that gives it its speaker: what was said is the quotation, the rest the reporter's; "
        "vouch for it if it is not"
    )
    assert _attribution(write_story, [paragraph], text, "hill", "he told us") is None


@pytest.mark.parametrize(
    ("paragraph", "text", "speaker"),
    [
        # A saying carried on past the quotation.
        (
            "“We asked in March,” Tom Hill said, adding that the state owed $2 million.",
            "the state owed $2 million",
            "hill",
        ),
        ("“It is safe,” Tom Hill said, and Ann Reyes said it was not.", "it was not", "reyes"),
        # A quotation inside reported speech is part of it, and so is what follows.
        (
            "The offer was “generous”, Tom Hill added, and it would not be improved.",
            "it would not be improved",
            "hill",
        ),
    ],
)
def test_a_saying_after_a_quotation_may_still_say_more(
    write_story: WriteStory, paragraph: str, text: str, speaker: str
) -> None:
    assert _attribution(write_story, [paragraph], text, speaker) is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Tom Hill was elected mayor in 2019.", "was elected mayor in 2019"),
        ("Tom Hill would not confirm that anyone had been charged.", "anyone had been charged"),
        ("Tom Hill, a former engineer, inspected the pier in 1998.", "inspected the pier"),
        # A saying denied is none.
        ("Tom Hill did not say whether the state would pay.", "whether the state would pay"),
        ("Tom Hill never said the pier was safe.", "the pier was safe"),
        ("No one at the meeting said it should close, Tom Hill included.", "it should close"),
    ],
)
def test_a_sentence_naming_a_speaker_but_no_one_speaking_is_the_reporters(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 tells it in the article's own words: its "
        "sentence names Tom Hill but no one speaking (no “said”, “vowed”, “conceded” or the "
        "like but denied ones, such as “did not say”; no quotation marks); vouch for it if it "
        "is said"
    )
    assert _attribution(write_story, [paragraph], text, "hill", "he told us") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        # Verbs and nouns of speech beyond "said", and putting a figure at something.
        ("Tom Hill vowed that the pier would reopen.", "the pier would reopen"),
        ("Tom Hill conceded that the survey was late.", "the survey was late"),
        ("Tom Hill’s account was that the pier had flooded twice.", "had flooded twice"),
        ("Tom Hill put the cost of the repairs at $4 million.", "$4 million"),
        # Words in quotation marks need no word of speech.
        ("Tom Hill’s verdict: “a disgrace.”", "a disgrace"),
    ],
)
def test_a_sentence_with_a_word_of_speech_keeps_its_speakers_words(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") is None


def test_putting_a_figure_at_something_is_a_saying_of_its_own(write_story: WriteStory) -> None:
    paragraph = (
        "Tom Hill put the cost at “about £2 million,” but Ann Reyes said it was “closer to five.”"
    )
    assert _attribution(write_story, [paragraph], "about £2 million", "hill") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        (
            "A sign on the fence reads “Our pier, our jobs.” Tom Hill said it was not his.",
            "Our pier, our jobs",
        ),
        (
            "A petition calls the closure “a betrayal.” Tom Hill said he would read it.",
            "a betrayal",
        ),
        (
            "Police records list 31 calls, officials said. Tom Hill said most were fights.",
            "list 31 calls",
        ),
    ],
)
def test_words_whose_speaker_is_named_only_after_their_sentence_are_not_theirs(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 names Tom Hill only after the sentence that "
        "holds it, which credits no one: vouch for it if Tom Hill said it"
    )
    assert _attribution(write_story, [paragraph], text, "hill", "he told us") is None


@pytest.mark.parametrize(
    ("paragraph", "text", "speaker"),
    [
        # A quotation standing alone, whose speaker the next sentence gives.
        ("“Who will pay?” Tom Hill, the mayor, asked.", "Who will pay", "hill"),
        ("“Liar!” Tom Hill heckled.", "Liar", "hill"),
        # Named in the quotation's own words.
        ("“The council stands by it,” the group said.", "The council stands by it", "council"),
    ],
)
def test_a_quotation_standing_alone_may_be_given_its_speaker_after_it(
    write_story: WriteStory, paragraph: str, text: str, speaker: str
) -> None:
    assert _attribution(write_story, [paragraph], text, speaker) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "A banner reads “A Pier for the Future.” Ann Reyes said little had changed.",
        "The report was titled “A Pier for the Future.” Ann Reyes said little had changed.",
    ],
)
def test_a_quotation_inside_a_sentence_does_not_run_on_to_the_next_speaker(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "A Pier for the Future", "reyes") is not None


@pytest.mark.parametrize(
    "paragraph",
    [
        "The pier closed. “Where is the help?” Ann Reyes said.",
        "EASTPORT (Reuters) - “Where is the help?” Ann Reyes asked on Monday.",
    ],
)
def test_a_quotation_opening_a_sentence_runs_on_to_who_says_it(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "Where is the help?", "reyes") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Asked whether the pier could be saved, Tom Hill said: “Parts of it.”", "could be saved"),
        ("When asked by a reporter about the cost, Tom Hill said it was high.", "about the cost"),
    ],
)
def test_the_question_put_to_a_speaker_is_not_theirs(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 prints it in a question put to them (“Asked "
        "whether …”, “when asked whether …”): the question, not the answer; vouch for it if it "
        "is not"
    )


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Tom Hill did not answer when asked whether he knew.", "whether he knew"),
        ("A reporter asked Tom Hill if he would resign. “No,” he said.", "if he would resign"),
        ("Ann Reyes asked Tom Hill at the meeting why the pier had closed.", "the pier had closed"),
    ],
)
def test_a_question_put_to_a_speaker_in_the_middle_of_a_sentence_is_not_theirs(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 prints it in a question put to them (“Asked "
        "whether …”, “when asked whether …”): the question, not the answer; vouch for it if it "
        "is not"
    )


def test_who_asks_a_question_of_another_may_be_its_speaker(write_story: WriteStory) -> None:
    paragraph = "Ann Reyes asked Tom Hill at the meeting why the pier had closed."
    assert _attribution(write_story, [paragraph], "why the pier had closed", "reyes") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Tom Hill denied that officers had used pepper spray.", "officers had used pepper"),
        ("Tom Hill denied reports that he had been paid.", "he had been paid"),
        ("Tom Hill said it was “simply untrue” that the pier was sold.", "the pier was sold"),
        ("Tom Hill rejected the council’s claim that the pier was sold.", "the pier was sold"),
    ],
)
def test_what_a_speaker_denies_is_not_what_they_said(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 prints it as what its sentence denies (“denied "
        "that …”, “rejected the claim that …”): not what anyone says is so; vouch for it if it is"
    )


def test_a_claim_denied_is_its_makers(write_story: WriteStory) -> None:
    paragraph = "Tom Hill rejected the council’s claim that the pier was sold."
    assert _attribution(write_story, [paragraph], "the pier was sold", "council") is None


def test_the_answer_to_a_question_put_to_a_speaker_is_theirs(write_story: WriteStory) -> None:
    paragraph = "When asked about the cost, Tom Hill said it was high."
    assert _attribution(write_story, [paragraph], "it was high", "hill") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Tom Hill, speaking for the council, said the pier would close.",
        "Speaking on behalf of the council, Tom Hill said the pier would close.",
        "Reading a statement on the council’s behalf, Tom Hill said the pier would close.",
        "Tom Hill, who speaks for the council, said the pier would close.",
    ],
)
def test_whoever_speaks_on_behalf_of_a_group_gives_it_the_words(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "the pier would close", "council") is None
    assert _attribution(write_story, [paragraph], "the pier would close", "hill") is None


def test_one_speaking_only_for_himself_does_not_speak_for_the_group(
    write_story: WriteStory,
) -> None:
    paragraph = (
        "Tom Hill said he was speaking only for himself, not the council: the pier would close."
    )
    assert _attribution(write_story, [paragraph], "the pier would close", "council") is not None


def test_what_a_speaker_called_something_leaves_the_rest_of_the_sentence_the_reporters(
    write_story: WriteStory,
) -> None:
    paragraph = "The council has spent $80,000 on what Tom Hill called “a waste.”"
    assert _attribution(write_story, [paragraph], "has spent $80,000", "hill") is not None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Tom Hill’s wife, Sarah, said the family had received letters.",
        "Tom Hill's lawyer said the family had received letters.",
        "Ann Reyes, Tom Hill's deputy, said the family had received letters.",
    ],
)
def test_someone_of_a_speakers_own_is_another_person(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "the family had received letters", "hill")


def test_a_deputy_spokesman_is_a_title_not_someone_elses(write_story: WriteStory) -> None:
    paragraph = "Tom Hill, the council's deputy spokesman, said the pier would close."
    assert _attribution(write_story, [paragraph], "the pier would close", "hill") is None


def test_a_quotation_after_a_colon_in_a_sentence_of_words_is_that_sentences(
    write_story: WriteStory,
) -> None:
    paragraph = "An alert went out reading: “Evacuate now.” Ann Reyes said the office had sent it."
    assert _attribution(write_story, [paragraph], "Evacuate now.", "reyes") is not None


def test_what_follows_a_quotation_ended_by_a_full_stop_may_be_said(
    write_story: WriteStory,
) -> None:
    paragraph = (
        "“Evacuate now.” Tom Hill said the office had sent it, and that officers came later."
    )
    assert _attribution(write_story, [paragraph], "officers came later", "hill") is None


def test_a_group_named_in_a_capitalised_title_names_it_before_its_words(
    write_story: WriteStory,
) -> None:
    paragraph = (
        "The Eastport City Council said the fair was off “with great reluctance.” Ann Reyes"
        " said the council had not called her."
    )
    assert _attribution(write_story, [paragraph], "with great reluctance", "council") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "On Monday Tom Hill said the vote was “rushed.”",
        "Police Chief Tom Hill said the vote was “rushed.”",
    ],
)
def test_a_speaker_named_in_full_or_after_a_day_is_no_other_person(
    write_story: WriteStory, paragraph: str
) -> None:
    assert _attribution(write_story, [paragraph], "rushed", "hill") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("The council said the pier would close.", "the pier would close"),
        ("Council spokesman Tom Hill said the pier would close.", "the pier would close"),
        ("Tom Hill, a spokesman for the Eastport City Council, said it would close.", "close"),
    ],
)
def test_a_group_named_as_a_common_noun_is_found_in_any_case(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "council") is None


def test_a_member_of_a_group_speaks_for_themselves(write_story: WriteStory) -> None:
    paragraph = "Council member Jo Park said the vote had been “rushed.”"
    assert _attribution(write_story, [paragraph], "rushed", "council") is not None


@pytest.mark.parametrize(
    ("paragraphs", "text"),
    [
        (["Tom Hill spoke first.", "Council member Jo Park said the vote was “rushed.”"], "rushed"),
        (
            ["Tom Hill spoke first.", "“It was rushed,” said Mark Stone, a fisherman."],
            "It was rushed",
        ),
        (
            ["Tom Hill spoke first.", "The ferry lost $1.4 million, according to its accounts."],
            "lost $1.4 million",
        ),
        (
            [
                "Councillor Ellen Marsh spoke after Tom Hill.",
                "“It is closer to $13 million,” Marsh said.",
            ],
            "It is closer to $13 million",
        ),
    ],
)
def test_words_another_person_or_source_says_are_not_a_speakers(
    write_story: WriteStory, paragraphs: list[str], text: str
) -> None:
    problem = _attribution(write_story, paragraphs, text, "hill")
    assert problem is not None
    assert "someone the knowledge file gives no speaker says it" in problem


def test_according_to_a_speakers_statement_is_the_speakers(write_story: WriteStory) -> None:
    paragraph = "According to a statement from the council, the pier will reopen “in phases.”"
    assert _attribution(write_story, [paragraph], "in phases", "council") is None


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Tom Hill denied telling fishermen that the dock would be “free for locals.”", "free"),
        (
            "Ann Reyes accused Tom Hill on Monday of calling renters “temporary people.”",
            "temporary",
        ),
    ],
)
def test_words_someone_is_only_said_to_have_said_are_not_theirs(
    write_story: WriteStory, paragraph: str, text: str
) -> None:
    assert _attribution(write_story, [paragraph], text, "hill") == (
        "attributed to Tom Hill, but paragraph 1 prints it as what someone is only said to have "
        "said (“denied telling …”, “accused … of calling …”); vouch for it if it is known to be "
        "said"
    )


def _one_paragraph(write_story: WriteStory, paragraph: str, quotes: list[str], name: str) -> Path:
    """A story of one paragraph, and one entry quoting each of `quotes` as Ann Reyes's."""
    items = "".join(f'  {{ text = "{quote}", speaker = "reyes" }},\n' for quote in quotes)
    toml = (
        '[story]\nid = "s"\nheadline = "Pier news"\nbyline = "Staff"\n'
        f'article = "{name}.txt"\n{_PEOPLE}\n[[entries]]\n'
        'id = "e"\ntopic = "T"\nquestion = "What happened?"\nalternates = ["news"]\n'
        f'answer = "Something."\nquotes = [\n{items}]\n'
    )
    return write_story(
        toml, article=f"Pier news\n\n{paragraph}\n", name=f"{name}.toml", article_name=f"{name}.txt"
    )


class _Slices(str):
    """A text that notes the longest slice taken of it."""

    longest = 0

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self))
            self.longest = max(self.longest, stop - start)
        return super().__getitem__(key)


def test_each_place_a_sentence_may_end_is_judged_once_from_the_words_beside_it(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paragraph of wire copy may run to hundreds of sentences, with a quote from
    each. Where its sentences end is worked out once for the paragraph, not again
    for each quote, and each place from the words beside it, not from all the text
    before and after it: both made a paragraph of 74 KB take 11.5 s to load."""
    paragraph = " ".join(
        f"“The pier is weak on day {day},” said harbour master Ann Reyes. Col. T. Hill of "
        f"the U.S. Army left at 5 p.m. on day {day}. “Is it safe?” Reyes asked."
        for day in range(60)
    )
    judge = bot.article._ends_sentence
    longest: list[int] = []  # the longest slice each judgement took of the paragraph

    def spy(text: str, match: re.Match[str]) -> bool:
        if text != paragraph:
            return judge(text, match)  # an answer
        reads = _Slices(text)
        verdict = judge(reads, match)
        longest.append(reads.longest)
        return verdict

    monkeypatch.setattr(bot.article, "_ends_sentence", spy)
    quotes = [f"The pier is weak on day {day}" for day in range(60)]
    story = load_story(_one_paragraph(write_story, paragraph, quotes, "wire"))
    assert [q.speaker.key for q in story.entries[0].quotes] == ["reyes"] * 60
    places = len(list(bot.article._SENTENCE_END.finditer(paragraph)))
    assert 0 < len(longest) <= places
    assert max(longest) < 100


def _calls(work: Callable[[], object]) -> int:
    """How many functions, Python's and built-in, `work` calls: a measure of work
    that, unlike time, is the same on a busy machine."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


def test_a_paragraph_twice_as_long_is_about_twice_the_work_to_load(
    write_story: WriteStory,
) -> None:
    """Quadratic work comes back as four times the work for twice the paragraph,
    here a statement printed whole in quotation marks, quoted sentence by sentence:
    each quote's sentence runs to where the quotation closes."""

    def work(days: int) -> int:
        sentences = (
            f"The pier is weak on day {day}. Col. T. Hill of the U.S. Army left on day {day}."
            for day in range(days)
        )
        paragraph = f"Ann Reyes said: “{' '.join(sentences)}” The council agreed."
        quotes = [f"The pier is weak on day {day}" for day in range(days)]
        path = _one_paragraph(write_story, paragraph, quotes, f"statement-{days}")
        return _calls(lambda: load_story(path))

    assert work(80) < 2.4 * work(40)
