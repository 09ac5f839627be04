"""Reply models rendered as Discord messages: an embed with buttons, or plain text.

Everything here keeps to Discord's limits, and every piece of user text that is
shown again is escaped so that it can neither ping anyone nor break formatting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.engine import Engine
from bot.knowledge import Entry, Speaker, Story
from bot.normalize import is_abuse
from bot.replies import (
    Ambiguous,
    Answered,
    Declined,
    DeclineReason,
    Quoted,
    QuotedSpeaker,
    Reply,
    offered,
    only_so_many,
    quotes_counted,
)

__all__ = [
    "LIMITS",
    "NONE",
    "Rendered",
    "answered_entry",
    "choice_name",
    "escape",
    "escape_mentions",
    "label",
    "render_help",
    "render_quotes",
    "render_reply",
    "render_speaker_matches",
    "render_speakers",
    "render_stories",
    "render_story",
    "repeatable",
    "speaker_choice_name",
    "truncate",
]


@dataclass(frozen=True, slots=True)
class _Limits:
    title: int = 256
    description: int = 4096
    footer: int = 2048
    embed_total: int = 6000
    content: int = 2000
    button_label: int = 80
    buttons: int = 5  # one row: an answer offers a handful, not a menu
    choices: int = 25
    choice_name: int = 100


LIMITS = _Limits()
_TEXT_FOOTER = LIMITS.content // 4  # the answer comes first in a 2000-character message
_NAMED = 3  # stories (or people) a reply names; more are counted
_HEADLINE_CHARS = 120
COLOUR = discord.Colour.from_rgb(52, 101, 164)
NONE = discord.AllowedMentions.none()


@dataclass(frozen=True, slots=True)
class Rendered:
    """One message: an embed for channels that allow it, the same content as text,
    and the entries its buttons ask."""

    embed: discord.Embed
    text: str
    buttons: tuple[Entry, ...] = ()


def truncate(text: str, limit: int) -> str:
    """Cut text to `limit` characters, marking the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…" if limit > 0 else ""


def escape(text: str, limit: int = 200) -> str:
    """User text made safe to show: no markdown, no mentions, no links, one line."""
    text = " ".join(text.split())
    text = truncate(text, limit)
    # Links escaped too: once the scheme is broken below, markdown inside one would work.
    text = discord.utils.escape_markdown(text, as_needed=False, ignore_links=False)
    text = escape_mentions(text)
    # A link or an invite in an escaped echo would still unfurl; break them.
    text = _INVITE.sub("\\1\u200b", text)
    return text.replace("://", ":\u200b//")


def render_reply(reply: Reply, engine: Engine) -> Rendered:
    if isinstance(reply, Answered):
        return _answered(reply, engine)
    if isinstance(reply, Ambiguous):
        return _ambiguous(reply)
    if isinstance(reply, Quoted):
        return _quoted(reply, engine)
    return _declined(reply, engine)


def _answered(reply: Answered, engine: Engine) -> Rendered:
    entry = reply.entry
    story = engine.story(entry.story)
    blocks = [_markdown(entry.answer)]
    blocks += [
        f"> {_markdown(q.shown)}"
        if q.signs_off
        else f"> {_markdown(q.shown)}\n— {_markdown(q.credit)}"
        for q in entry.quotes
    ]
    description = _fit_blocks(blocks, LIMITS.description)
    paragraphs = ", ".join(f"¶{n}" for n in dict.fromkeys(q.paragraph for q in entry.quotes))
    footer = " · ".join(x for x in (_story_label(story), paragraphs) if x)
    embed = _embed(truncate(entry.question, LIMITS.title), description, footer)
    text = _text(f"**{_markdown(entry.question)}**", description, footer, blocks)
    return Rendered(embed, text, offered(reply))


def label(entry: Entry, among: Sequence[Entry | None], limit: int | None = None) -> str:
    """What an entry is called in a list or on a button, in at most `limit`
    characters: its question, with its story's id where another story in the
    list asks the same question; a long question is cut, never the id."""
    same = [
        e for e in among if e is not None and e.question.casefold() == entry.question.casefold()
    ]
    story = f" ({entry.story})" if any(e.story != entry.story for e in same) else ""
    if limit is None:
        return entry.question + story
    return truncate(entry.question, max(limit - len(story), 1)) + story


def _listing(entries: Sequence[Entry]) -> str:
    return "\n".join(f"• {_markdown(label(e, entries))}" for e in entries)


def _ambiguous(reply: Ambiguous) -> Rendered:
    entries = offered(reply)
    listing = _listing(entries)
    description = f"Your question fits more than one thing the story covers:\n{listing}"
    embed = _embed("Did you mean…", description, "Pick one below.")
    return Rendered(embed, _text("**Did you mean…**", description, ""), entries)


def _declined(reply: Declined, engine: Engine) -> Rendered:
    headlines = _headlines(engine)
    if reply.thanks:
        title = "You're welcome"
        body = f"Ask me anything else about {headlines}, for example:"
    elif reply.reason is DeclineReason.EMPTY:
        title = "Ask me about the story"
        body = f"Ask a question about {headlines}, for example:"
    elif reply.reason is DeclineReason.OFF_TOPIC:
        title = "That's not in this story"
        body = f"I only answer questions about {headlines}. You could ask:"
    elif reply.reason is DeclineReason.NOT_ENGLISH:
        title = "English only, sorry"
        body = f"I can only read questions in English, about {headlines}. You could ask:"
    elif reply.reason is DeclineReason.NO_SUCH_CHOICE:
        title = "Pick one of these"
        body = f"{only_so_many(len(reply.suggestions))}:"
    else:
        title = "The story doesn't say"
        missing = ", ".join(f"“{escape(w, 40)}”" for w in repeatable(reply)[:3])
        body = f"The story doesn't say: it never mentions {missing}." if missing else title + "."
        if reply.suggestions:
            body += (
                " Here is what it does cover:" if missing else " The closest things it does cover:"
            )
    entries = offered(reply)
    listing = _listing(entries)
    description = truncate(f"{body}\n{listing}" if listing else body, LIMITS.description)
    embed = _embed(title, description, "")
    return Rendered(embed, _text(f"**{title}**", description, ""), entries)


def repeatable(reply: Declined) -> list[str]:
    """The words a decline may quote back as never in the story: not abuse, and none
    of a message with a link ("free nitro at discord.gg/...", posted back in public)."""
    if _LINK.search(reply.question):
        return []
    return [w for w in reply.missing if not is_abuse(w)]


# Anything shaped like a domain ("dlscord-gift.ru", "youtu.be/x"): scam links use
# every top-level domain there is. A slip like "left.Then" only costs the echo.
_LINK = re.compile(r"https?:|www\.|\w\.[a-z]{2,}(?:/|\b)", re.IGNORECASE)


def render_story(story: Story) -> Rendered:
    """The story card: headline, byline, summary, topics and good first questions."""
    topics = " · ".join(_markdown(t) for t in story.topics())
    description = f"{_markdown(story.summary)}\n\n**You can ask about:** {topics}"
    description = truncate(description, LIMITS.description)
    embed = _embed(truncate(story.headline, LIMITS.title), description, f"By {story.byline}")
    featured = [e for e in (story.entry(i) for i in story.featured) if e is not None]
    text = _text(f"**{_markdown(story.headline)}**", description, f"By {story.byline}")
    return Rendered(embed, text, tuple(featured[: LIMITS.buttons]))


def render_stories(engine: Engine) -> Rendered:
    """All stories at once, when there is more than one."""
    lines = [
        f"**{_markdown(s.headline)}** ({_markdown(s.byline)})\n{_markdown(s.summary)}"
        for s in engine.stories
    ]
    description = _fit_blocks(lines, LIMITS.description)
    embed = _embed("Stories I can answer questions about", description, "")
    return Rendered(embed, _text("**Stories**", description, "", lines), ())


def render_speakers(engine: Engine) -> Rendered:
    """Who is quoted, with roles and how often: /quotes with no one named."""
    return _who_is_quoted(engine.speakers_quoted, engine, ())


def _quoted(reply: Quoted, engine: Engine) -> Rendered:
    """Who is quoted, asked in words: the /quotes list, with a button for what
    each of them said."""
    return _who_is_quoted(reply.speakers, engine, offered(reply))


def _who_is_quoted(
    speakers: Sequence[QuotedSpeaker], engine: Engine, buttons: tuple[Entry, ...]
) -> Rendered:
    lines: list[str] = []
    for story in engine.stories:
        if len(engine.stories) > 1:
            lines.append(f"**{_markdown(story.headline)}**")
        lines += [
            f"• {_attribution(s.speaker)} ({quotes_counted(s.quotes)})"
            for s in speakers
            if s.story == story.id
        ]
    description = _fit_lines(lines, LIMITS.description) or "Nobody is quoted."
    footer = "Use /quotes speaker:<name> to read what someone said."
    embed = _embed("Who is quoted", description, footer)
    text = _text("**Who is quoted**", description, footer, lines, "\n")
    return Rendered(embed, text, buttons)


def render_quotes(story: Story, speaker: Speaker) -> Rendered:
    """Everything one speaker said in the story, in article order."""
    quotes = story.quotes_by(speaker.key)
    as_reported = ", as reported"
    blocks = [
        f"> {_markdown(q.shown)} (¶{q.paragraph}{as_reported if q.reported else ''})"
        for q in quotes
    ]
    description = _fit_blocks(blocks, LIMITS.description) or "No quotes."
    title = truncate(_attribution(speaker), LIMITS.title)
    footer = _story_label(story)
    text = _text(f"**{title}**", description, footer, blocks)
    return Rendered(_embed(title, description, footer), text)


def answered_entry(message: discord.Message, engine: Engine) -> Entry | None:
    """The entry one of the bot's answers shows, read from its heading (the embed's
    title, or the bold first line of its plain-text twin) and, when stories share
    that question, its footer, which starts with the story's headline."""
    if message.embeds:
        heading, footer = message.embeds[0].title, message.embeds[0].footer.text
    else:
        bold = _HEADING.search(message.content)
        heading = _unescaped(bold[1]) if bold else None
        last = message.content.rsplit("\n-# ", 1)
        footer = _unescaped(last[1]) if len(last) == 2 else None
    if not heading:
        return None
    heading = heading.replace("@\u200b", "@")
    found = [e for story in engine.stories for e in story.entries if e.question == heading]
    if len(found) > 1 and footer:
        mine = [e for e in found if _told_in(footer, e, engine)]
        found = mine or found
    return found[0] if found else None


def _told_in(footer: str, entry: Entry, engine: Engine) -> bool:
    """Whether an answer's footer ("headline · byline · ¶3") is of this entry's story."""
    label = _story_label(engine.story(entry.story))
    return bool(label) and (footer == label or footer.startswith(f"{label} · "))


def _unescaped(text: str) -> str:
    """Text as it was before _markdown escaped it."""
    return _UNESCAPE.sub(r"\1", text).replace("@\u200b", "@")


# The bold first line of an answer in text (a mention may come first), and the
# backslashes escape_markdown put before markdown characters.
_HEADING = re.compile(r"^(?:<@\d+> )?\*\*(.+?)\*\*\n")
_UNESCAPE = re.compile(r"\\([*_~`|>#\-\[\\])")


def render_speaker_matches(found: Sequence[tuple[Story, Speaker]]) -> str:
    """A typed name that fits several people quoted, or one person in several stories:
    a short note, since the autocomplete is the place to choose."""
    names = {speaker.name.casefold() for _, speaker in found}
    if len(names) == 1:
        name = _markdown(found[0][1].name)
        return truncate(
            f"{name} is quoted in {len(found)} stories. Pick one as you type to see what "
            "they said in each.",
            LIMITS.content,
        )
    listed = [_markdown(speaker.name) for _, speaker in found[:_NAMED]]
    rest = len(found) - len(listed)
    if rest:
        listed.append(f"{rest} more")
    names_text = ", ".join(listed[:-1]) + " and " + listed[-1]
    return truncate(
        f"Several people quoted go by that name: {names_text}. Pick one as you type.",
        LIMITS.content,
    )


def speaker_choice_name(story: Story, speaker: Speaker, *, several_stories: bool) -> str:
    """An autocomplete line for a person; with several stories, it says which one."""
    if not several_stories:
        return choice_name(speaker.attribution)
    attribution = truncate(speaker.attribution, LIMITS.choice_name // 2)
    return choice_name(f"{attribution} — {story.headline}")


def render_help(engine: Engine) -> Rendered:
    headlines = _headlines(engine)
    description = (
        f"I answer questions about {headlines}, with quotes from the article.\n\n"
        "• `/ask question:` ask anything about the story\n"
        "• `/story` what the story is about, and good first questions\n"
        "• `/quotes` who is quoted, or everything one person said\n"
        "• Send me a direct message, mention me in a channel, or reply to one of my "
        "answers, with a question.\n\n"
        "If the story doesn't say, I tell you so rather than guess."
    )
    return Rendered(_embed("How to use storybot", description, ""), _text("", description, ""))


# --- helpers -----------------------------------------------------------------------


def _embed(title: str, description: str, footer: str) -> discord.Embed:
    # Titles and footers show curated text raw; embeds never ping, but no mention
    # is left for a copy or a quote of the message to carry along.
    title = truncate(escape_mentions(title), LIMITS.title)
    embed = discord.Embed(title=title, description=description, colour=COLOUR)
    # A footer can list many paragraphs; it gives way to the description.
    room = min(LIMITS.footer, LIMITS.embed_total - len(title) - len(description))
    footer = truncate(escape_mentions(footer), room)
    if footer:
        embed.set_footer(text=footer)
    assert len(embed) <= LIMITS.embed_total  # title + description + footer fit by construction
    return embed


def _text(
    heading: str, body: str, footer: str, parts: Sequence[str] = (), joiner: str = "\n\n"
) -> str:
    """The plain-text twin of an embed, for channels without Embed Links.

    `parts` are the blocks (or lines) `body` was made of, if any: fitted again
    to a message's shorter room, they lose whole blocks, "…and 1 more", never
    the end of one, where a quote's credit is.
    """
    tail = f"\n-# {truncate(_markdown(footer), _TEXT_FOOTER)}" if footer else ""
    head = f"{heading}\n" if heading else ""
    room = max(LIMITS.content - len(head) - len(tail), 0)
    fitted = _fit(parts, room, joiner) if parts else truncate(body, room)
    return head + fitted + tail


def _fit_blocks(blocks: Sequence[str], limit: int) -> str:
    return _fit(blocks, limit, "\n\n")


def _fit_lines(lines: Sequence[str], limit: int) -> str:
    return _fit(lines, limit, "\n")


def _fit(parts: Sequence[str], limit: int, joiner: str) -> str:
    """Join whole parts while they fit; say how many were left out."""
    out: list[str] = []
    used = 0
    for i, part in enumerate(parts):
        rest = len(parts) - i
        note = f"{joiner}…and {rest} more" if rest > 1 else ""
        cost = len(part) + (len(joiner) if out else 0)
        if used + cost + len(note) > limit:
            if not out:
                return truncate(part, limit)
            out.append(f"…and {rest} more")
            break
        out.append(part)
        used += cost
    return joiner.join(out)


def _headlines(engine: Engine) -> str:
    """The stories served, for a sentence: a few by headline, the rest counted.

    Bounded, so that a folder of many stories cannot push a reply over Discord's
    limits or crowd out the suggestions that follow it.
    """
    stories = engine.stories
    named = [f"“{_markdown(truncate(s.headline, _HEADLINE_CHARS))}”" for s in stories[:_NAMED]]
    rest = len(stories) - len(named)
    if rest:
        named.append(f"{rest} other {'story' if rest == 1 else 'stories'}")
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]


def _attribution(speaker: Speaker) -> str:
    return _markdown(speaker.attribution)


def _story_label(story: Story | None) -> str:
    return f"{story.headline} · {story.byline}" if story else ""


def _markdown(text: str) -> str:
    """Curated text shown as-is, but never able to ping: mentions are escaped too."""
    return escape_mentions(discord.utils.escape_markdown(text))


_MENTION = re.compile(r"@(everyone|here|[!&]?\d+)")
# Discord shows an invite card for these even without "https://".
_INVITE = re.compile(r"(discord(?:app)?)(?=\.(?:gg|com|io|me|li|new)/)", re.IGNORECASE)


def escape_mentions(text: str) -> str:
    """Break @everyone, @here and user or role mentions of any length.

    discord.utils.escape_mentions only breaks ids of real snowflake length;
    a shorter one is not a ping today, but costs nothing to break as well.
    """
    return _MENTION.sub("@\u200b\\1", text)


def choice_name(text: str) -> str:
    return truncate(" ".join(text.split()), LIMITS.choice_name)
