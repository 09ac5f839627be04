"""Reply models as Discord messages: content, Discord's limits, escaping, text fallback."""

from __future__ import annotations

import re
from dataclasses import replace

import discord
import pytest

from bot.engine import Engine
from bot.knowledge import Entry, Quote, Speaker, Story
from bot.messages import AskButton, Outgoing, make_view
from bot.rendering import (
    LIMITS,
    Rendered,
    answered_entry,
    escape,
    render_help,
    render_quotes,
    render_reply,
    render_speaker_matches,
    render_speakers,
    render_story,
    speaker_choice_name,
    truncate,
)
from bot.replies import Ambiguous, Answered, Candidate, Declined, DeclineReason, offered
from tests.conftest import WriteStory, story_copies

PING = re.compile(r"(?<!\\)@(everyone|here)|<@[!&]?\d+>")


def fits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= LIMITS.title
    assert len(embed.description or "") <= LIMITS.description
    assert len(embed.footer.text or "") <= LIMITS.footer
    assert not embed.fields
    assert len(embed) <= LIMITS.embed_total


def test_answer_embed(mini_engine: Engine) -> None:
    reply = mini_engine.ask("when will the harbour reopen")
    rendered = render_reply(reply, mini_engine)
    embed = rendered.embed
    assert embed.title == "When will the harbour reopen?"
    assert (embed.description or "").startswith("Ann Reyes expects it to reopen on Friday.")
    assert "> “We expect the harbour to reopen on Friday”\n— Ann Reyes, harbour master" in (
        embed.description or ""
    )
    assert embed.footer.text == "Storm closes the harbour · Staff · ¶2"
    assert [e.id for e in rendered.buttons] == ["repairs", "closure"]
    fits(embed)


def test_narration_is_signed_with_the_byline(mini_engine: Engine) -> None:
    """The article's own words, not anyone's speech: no quotation marks."""
    rendered = render_reply(mini_engine.ask("why was the harbour closed"), mini_engine)
    assert "> closed on Monday after a storm damaged the pier\n— Staff" in (
        rendered.embed.description or ""
    )


def test_the_articles_credit_line_is_not_credited_again(
    mini_engine: Engine, mini_story: Story
) -> None:
    """ "— Staff" quoted from the article says who: not "> — Staff / — Staff"."""
    entry = mini_story.entries[0]
    sign_off = Quote("— Staff", Speaker("", mini_story.byline), 5, direct=False)
    rendered = render_reply(Answered("q", replace(entry, quotes=(sign_off,)), 99, ()), mini_engine)
    description = rendered.embed.description or ""
    assert description.endswith("> — Staff")
    assert description.count("Staff") == 1


def test_text_fallback_has_the_same_content(mini_engine: Engine) -> None:
    rendered = render_reply(mini_engine.ask("when will the harbour reopen"), mini_engine)
    text = rendered.text
    assert text.startswith("**When will the harbour reopen?**\n")
    assert "Ann Reyes expects it to reopen on Friday." in text
    assert "— Ann Reyes, harbour master" in text
    assert text.endswith("-# Storm closes the harbour · Staff · ¶2")
    assert len(text) <= LIMITS.content


def test_the_same_question_in_two_stories_is_told_apart(write_story: WriteStory) -> None:
    stories = story_copies(write_story, 2, "Storm closes the harbour")
    engine = Engine(stories)
    both = [s.entry("reyes") for s in stories]
    reply = Ambiguous("who is reyes", tuple(Candidate(e, 90) for e in both if e is not None))
    rendered = render_reply(reply, engine)
    assert "• Who is Ann Reyes? (storm-0)\n• Who is Ann Reyes? (storm-1)" in (
        rendered.embed.description or ""
    )
    view = make_view(rendered)
    assert view is not None
    labels = [item.item.label for item in view.children if isinstance(item, AskButton)]
    assert labels == ["Who is Ann Reyes? (storm-0)", "Who is Ann Reyes? (storm-1)"]
    # A long question is cut to fit a button, never the story's id.
    long = [replace(e, question="Q" * 79 + "?") for e in both if e is not None]
    view = make_view(render_reply(Ambiguous("q", tuple(Candidate(e, 90) for e in long)), engine))
    assert view is not None
    labels = [item.item.label for item in view.children if isinstance(item, AskButton)]
    assert len(labels) == 2
    for n, label in enumerate(labels):
        assert label.endswith(f"… (storm-{n})")
        assert len(label) <= LIMITS.button_label
    # One story's entries need no telling apart.
    alone = render_reply(Ambiguous("x", (Candidate(stories[0].entries[0], 1),)), engine)
    assert "• Why was the harbour closed?" in (alone.embed.description or "")


def test_ambiguous_offers_buttons(mini_engine: Engine, mini_story: Story) -> None:
    first, second = mini_story.entries[:2]
    reply = Ambiguous("harbour", (Candidate(first, 70), Candidate(second, 68)))
    rendered = render_reply(reply, mini_engine)
    assert rendered.embed.title == "Did you mean…"
    assert rendered.buttons == (first, second)


@pytest.mark.parametrize(
    ("reason", "title", "phrase"),
    [
        (DeclineReason.NOT_COVERED, "The story doesn't say", "never mentions “age”"),
        (DeclineReason.OFF_TOPIC, "That's not in this story", "I only answer questions about"),
        (DeclineReason.EMPTY, "Ask me about the story", "Ask a question about"),
        (DeclineReason.NOT_ENGLISH, "English only, sorry", "I can only read questions in English"),
        (DeclineReason.NO_SUCH_CHOICE, "Pick one of these", "There is only one to choose from:"),
    ],
)
def test_declines_say_which_kind(
    mini_engine: Engine, mini_story: Story, reason: DeclineReason, title: str, phrase: str
) -> None:
    reply = Declined("q", reason, (Candidate(mini_story.entries[0], 40),), ("age",))
    rendered = render_reply(reply, mini_engine)
    assert rendered.embed.title == title
    assert phrase in (rendered.embed.description or "")
    assert rendered.buttons == (mini_story.entries[0],)


@pytest.mark.parametrize(
    ("missing", "description"),
    [((), "The story doesn't say."), (("age",), "The story doesn't say: it never mentions “age”.")],
)
def test_a_decline_with_nothing_to_offer_promises_no_list(
    mini_engine: Engine, missing: tuple[str, ...], description: str
) -> None:
    rendered = render_reply(Declined("q", DeclineReason.NOT_COVERED, (), missing), mini_engine)
    assert (rendered.embed.description, rendered.buttons) == (description, ())


def test_echoed_words_cannot_ping_or_format(mini_engine: Engine) -> None:
    reply = Declined("q", DeclineReason.NOT_COVERED, (), ("@everyone", "<@123>", "**x**", "`y`"))
    rendered = render_reply(reply, mini_engine)
    for text in (rendered.embed.description or "", rendered.text):
        assert not PING.search(text), text
        assert "**x**" not in text
        assert "\\*\\*x\\*\\*" in text


def test_escape() -> None:
    assert escape("@everyone hi") == "@\u200beveryone hi"
    assert escape("<@&456>") == "<@\u200b&456>"
    assert escape("__a__ ~~b~~ ||c|| > d") == "\\_\\_a\\_\\_ \\~\\~b\\~\\~ \\|\\|c\\|\\| > d"
    assert escape("see https://x.example") == "see https:\u200b//x.example"
    assert escape("a\n\n# b") == "a # b"
    assert len(escape("x" * 1000, 50)) == 50


def test_truncate_marks_the_cut() -> None:
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abc", 4) == "abc"


def huge_entry(entry: Entry) -> Entry:
    speaker = Speaker("s", "N" * 200, "R" * 200)
    quote = Quote("q" * 1000, speaker, 7)
    return replace(
        entry,
        question="Q" * 100,
        answer="A" * 1000,
        quotes=tuple(replace(quote, paragraph=i) for i in range(40)),
    )


def test_a_huge_answer_stays_within_every_limit(mini_engine: Engine, mini_story: Story) -> None:
    entry = huge_entry(mini_story.entries[0])
    rendered = render_reply(Answered("q", entry, 99, (entry,) * 10), mini_engine)
    fits(rendered.embed)
    assert len(rendered.text) <= LIMITS.content
    assert "…and" in (rendered.embed.description or "")
    assert len(rendered.buttons) <= 3


def test_a_long_answer_as_text_never_loses_a_quotes_credit(
    mini_engine: Engine, mini_story: Story
) -> None:
    """The embed has room for it all; a 2000-character message does not, and drops
    whole quotes, not the line that says who said one."""
    entry = mini_story.entries[1]
    quote = entry.quotes[0]
    long = replace(entry, answer="A" * 1000, quotes=(replace(quote, text="q" * 400),) * 3)
    rendered = render_reply(Answered("q", long, 99, ()), mini_engine)
    assert (rendered.embed.description or "").count("— Ann Reyes") == 3
    text = rendered.text
    assert len(text) <= LIMITS.content
    assert text.count("> ") == text.count("— Ann Reyes, harbour master") == 2
    assert "…and 1 more" in text


def test_many_suggestions_stay_within_limits(mini_engine: Engine, mini_story: Story) -> None:
    entry = huge_entry(mini_story.entries[0])
    others = [replace(e, id=f"{e.id}-{n}") for n in range(6) for e in mini_story.entries]
    candidates = [Candidate(e, 1) for e in (entry, *others)]
    reply = Declined("q", DeclineReason.OFF_TOPIC, tuple(candidates))
    rendered = render_reply(reply, mini_engine)
    fits(rendered.embed)
    view = make_view(rendered)
    assert view is not None
    assert len(view.children) == LIMITS.buttons


def test_an_entry_offered_twice_is_one_button(mini_engine: Engine, mini_story: Story) -> None:
    """Discord refuses a message in which two buttons share a custom id."""
    first, second = mini_story.entries[:2]
    reply = Declined(
        "q", DeclineReason.OFF_TOPIC, (Candidate(first, 1),) * 3 + (Candidate(second, 1),)
    )
    view = make_view(render_reply(reply, mini_engine))
    assert view is not None
    assert [b.entry for b in view.children if isinstance(b, AskButton)] == [first.id, second.id]


def test_buttons_carry_the_entry_and_never_time_out(mini_engine: Engine) -> None:
    rendered = render_reply(mini_engine.ask("when will the harbour reopen"), mini_engine)
    view = make_view(rendered)
    assert view is not None
    assert view.timeout is None
    ids = [item.item.custom_id for item in view.children if isinstance(item, AskButton)]
    assert ids == ["storybot:ask:harbour-storm:repairs", "storybot:ask:harbour-storm:closure"]
    template = AskButton.__discord_ui_compiled_template__
    match = template.fullmatch(ids[0])
    assert match is not None
    assert (match["story"], match["entry"]) == ("harbour-storm", "repairs")
    for item in view.children:
        assert isinstance(item, AskButton)
        assert len(item.item.label or "") <= LIMITS.button_label
        assert len(item.item.custom_id or "") <= 100


def test_long_question_labels_are_cut(mini_story: Story) -> None:
    entry = replace(mini_story.entries[0], question="W" * 100)
    rendered = render_reply(Answered("q", entry, 99, (entry,)), Engine([mini_story]))
    view = make_view(rendered)
    assert view is not None
    button = view.children[0]
    assert isinstance(button, AskButton)
    assert button.item.label == "W" * 79 + "…"


def test_outgoing_messages_never_ping(mini_engine: Engine) -> None:
    rendered = render_reply(mini_engine.ask("reyes"), mini_engine)
    with_embed = Outgoing.of(rendered, embeds=True)
    as_text = Outgoing.of(rendered, embeds=False)
    for message in (with_embed, as_text):
        mentions = message.allowed_mentions
        assert isinstance(mentions, discord.AllowedMentions)
        assert mentions.to_dict() == {"parse": []}
        assert mentions.replied_user is False
    assert with_embed.embed is not None
    assert with_embed.content is None
    assert as_text.content is not None
    assert as_text.embed is None


def test_story_card(mini_story: Story) -> None:
    rendered = render_story(mini_story)
    assert rendered.embed.title == "Storm closes the harbour"
    assert "The closure · Boats · Repairs · People" in (rendered.embed.description or "")
    assert rendered.embed.footer.text == "By Staff"
    assert [e.id for e in rendered.buttons] == ["closure", "reopening", "boats", "repairs", "reyes"]


def test_speakers_and_their_quotes(mini_engine: Engine, mini_story: Story) -> None:
    speakers = render_speakers(mini_engine)
    assert "Ann Reyes, harbour master (2 quotes)" in (speakers.embed.description or "")
    assert "the council (1 quote)" in (speakers.embed.description or "")
    quotes = render_quotes(mini_story, mini_story.speakers["reyes"])
    assert quotes.embed.title == "Ann Reyes, harbour master"
    assert "> “We expect the harbour to reopen on Friday” (¶2)" in (quotes.embed.description or "")


def test_who_is_quoted_asked_in_words_is_the_quotes_list_with_buttons(
    mini_engine: Engine,
) -> None:
    reply = mini_engine.ask("who is quoted")
    rendered = render_reply(reply, mini_engine)
    listed = render_speakers(mini_engine)
    assert rendered.embed.title == listed.embed.title == "Who is quoted"
    assert rendered.embed.description == listed.embed.description
    assert rendered.text == listed.text
    # /quotes lists; a question gets a button for each speaker.
    assert listed.buttons == ()
    assert [e.id for e in rendered.buttons] == [e.id for e in offered(reply)]
    assert rendered.buttons


def test_one_person_in_many_stories_is_one_short_note(write_story: WriteStory) -> None:
    stories = story_copies(write_story, 40, "x" * 250)
    found = [(story, story.speakers["reyes"]) for story in stories]
    note = render_speaker_matches(found)
    assert note.startswith("Ann Reyes is quoted in 40 stories. Pick one as you type")
    assert len(note) < 200


def test_several_people_by_one_name_are_named_a_few_and_counted(mini_story: Story) -> None:
    reyes = mini_story.speakers["reyes"]
    name = "@everyone Reyes {} " + "x" * 200
    people = [replace(reyes, key=f"r{n}", name=name.format(n)) for n in range(9)]
    note = render_speaker_matches([(mini_story, person) for person in people])
    assert note.startswith("Several people quoted go by that name: ")
    assert note.endswith(" and 6 more. Pick one as you type.")
    assert "@everyone" not in note
    assert len(note) <= LIMITS.content


def test_a_person_offered_as_you_type_names_the_story_when_there_are_several(
    write_story: WriteStory,
) -> None:
    story = story_copies(write_story, 1, "y" * 250)[0]
    reyes = story.speakers["reyes"]
    assert speaker_choice_name(story, reyes, several_stories=False) == "Ann Reyes, harbour master"
    named = speaker_choice_name(story, reyes, several_stories=True)
    assert named.startswith("Ann Reyes, harbour master — 0 yyy")
    assert len(named) == LIMITS.choice_name


def _as_sent(rendered: Rendered, *, embeds: bool, prefix: str = "") -> discord.Message:
    """A message as Discord gives it back: the embed, or the text (after a mention)."""
    message = discord.Message.__new__(discord.Message)
    message.embeds = [rendered.embed] if embeds else []
    message.content = "" if embeds else prefix + rendered.text
    return message


@pytest.mark.parametrize(
    "question",
    [
        "When will the harbour reopen?",
        "Is **this** the _real_ ~~one~~ `x` || y || > quote #1 - [a](b) @everyone?",
        "Is AC\\DC back?",
    ],
)
def test_the_entry_an_answer_shows_is_read_back(
    mini_story: Story, write_story: WriteStory, question: str
) -> None:
    """A reply to an answer is read with its entry, found by the answer's heading."""
    entry = mini_story.entry("reopening")
    assert entry is not None
    entry = replace(entry, question=question)
    story = replace(mini_story, entries=(entry,))
    engine = Engine([story])
    rendered = render_reply(Answered("q", entry, 99, ()), engine)
    for sent in (
        _as_sent(rendered, embeds=True),
        _as_sent(rendered, embeds=False),
        _as_sent(rendered, embeds=False, prefix="<@123> "),
    ):
        assert answered_entry(sent, engine) == entry


@pytest.mark.parametrize(
    "headlines",
    [
        ("Storm [closes] *the* harbour", "Storm [closes] *the* harbour: day two"),
        ("Storm", "Storm · day two"),
    ],
)
def test_an_answer_read_back_is_from_its_own_story(
    write_story: WriteStory, headlines: tuple[str, str]
) -> None:
    """Two stories ask "When will the harbour reopen?": the footer says whose answer it
    is, even when one headline begins with the other."""
    stories = [
        replace(story, headline=headline)
        for story, headline in zip(story_copies(write_story, 2, "x"), headlines, strict=True)
    ]
    engine = Engine(stories)
    for story in stories:
        entry = story.entry("reopening")
        assert entry is not None
        rendered = render_reply(Answered("q", entry, 99, ()), engine)
        for embeds in (True, False):
            found = answered_entry(_as_sent(rendered, embeds=embeds), engine)
            assert found is not None
            assert (found.story, found.id) == (story.id, "reopening")


def test_thanks_get_a_welcome_and_greetings_an_invitation(mini_engine: Engine) -> None:
    thanks = render_reply(mini_engine.ask("thanks a lot!"), mini_engine)
    hello = render_reply(mini_engine.ask("hello"), mini_engine)
    assert thanks.embed.title == "You're welcome"
    assert (thanks.embed.description or "").startswith("Ask me anything else about")
    assert hello.embed.title == "Ask me about the story"
    assert thanks.buttons == hello.buttons != ()


def test_help_lists_the_commands(mini_engine: Engine) -> None:
    description = render_help(mini_engine).embed.description or ""
    for command in ("/ask", "/story", "/quotes"):
        assert command in description


def test_many_long_headlines_are_named_a_few_and_counted(write_story: WriteStory) -> None:
    """Seventeen stories with 250-character headlines: /help and declines stay in bounds."""
    engine = Engine(story_copies(write_story, 17, "x" * 246))
    help_text = render_help(engine).embed.description or ""
    assert "“0 xxx" in help_text
    assert "and 14 other stories" in help_text
    assert len(help_text) < 1000
    declined = render_reply(engine.ask("pizza recipe"), engine)
    assert "and 14 other stories" in (declined.embed.description or "")
    assert "• " in (declined.embed.description or "")  # the suggestions still show


@pytest.mark.parametrize(
    ("missing", "question", "shown"),
    [
        (("tigers",), "what did the tigers do", "it never mentions “tigers”."),
        # Abuse is not posted back, nor anything from a message with a link.
        (("fucking", "idiot"), "is reyes a fucking idiot", "The story doesn't say. The closest"),
        (("moron", "pier"), "x", "it never mentions “pier”."),
        # Digits for letters and stretched letters are the same words.
        (("sh1t", "b1tch", "pier"), "x", "it never mentions “pier”."),
        (("fuuuucking", "asssshole", "pier"), "x", "it never mentions “pier”."),
        (("fuucking", "shiitheads", "wtff", "pier"), "x", "it never mentions “pier”."),
        (("niiggers", "puussy", "fuuking", "pier"), "x", "it never mentions “pier”."),
        (("bastaard", "traanny", "pier"), "x", "it never mentions “pier”."),
        # Words of the news that only start like abuse are named.
        (("shiite",), "x", "it never mentions “shiite”."),
        # A doubled letter does not make a word abuse that only starts like some.
        (("nightfall",), "x", "it never mentions “nightfall”."),
        (("kys",), "is reyes dumb kys", "The story doesn't say. The closest"),
        (("nitro", "freestuff"), "free nitro discord.gg/freestuff", "The story doesn't say. The"),
        (("evil",), "see https://evil.example", "The story doesn't say. The closest"),
        (("nitro", "gift"), "free nitro at dlscord-gift.ru/claim", "The story doesn't say. The"),
        (("evil",), "watch youtu.be/evil", "The story doesn't say. The closest"),
        (("evil",), "steamcommunlty.xyz evil", "The story doesn't say. The closest"),
        # Not links: an abbreviation, a number.
        (("tigers",), "did the U.S. see 2.5 tigers", "it never mentions “tigers”."),
    ],
)
def test_a_decline_never_repeats_abuse_or_links(
    mini_engine: Engine, missing: tuple[str, ...], question: str, shown: str
) -> None:
    offered = (Candidate(mini_engine.entry_named("closure"), 40),)
    reply = Declined(question, DeclineReason.NOT_COVERED, offered, missing)
    description = render_reply(reply, mini_engine).embed.description or ""
    assert shown in description
    assert not any(
        word in description
        for word in (
            "fuck",
            "fuuck",
            "iith",
            "iigg",
            "uuss",
            "uuk",
            "staard",
            "raanny",
            "idiot",
            "moron",
            "nitro",
            "gift",
            "evil",
            "1t",
            "ssh",
            "kys",
        )
    )
