"""The knowledge file: a story, its article, the people quoted and the entries readers ask about.

`load_story` reads one TOML file and refuses it, with every problem named by
file, entry and field, unless it is sound: in particular every quote must stand
verbatim in the article and be attributed to someone the article names there
(`bot.article` reads the article for that; this module words the problems).
"""

from __future__ import annotations

import itertools
import re
import stat
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rapidfuzz import fuzz

from bot.article import PRONOUNS, Article, Found
from bot.labelled import parse_labelled
from bot.normalize import (
    STOPWORDS,
    AliasTable,
    fold_for_quote_check,
    fold_quotes,
    words,
)
from bot.normalize import terms as read_terms

__all__ = [
    "Asked",
    "Entry",
    "KnowledgeError",
    "Problem",
    "Quote",
    "Speaker",
    "Story",
    "knowledge_files",
    "load_library",
    "load_story",
    "shared_ids",
    "speakers_named",
]

MAX_QUESTION = 100  # autocomplete choices and button labels are short in Discord
MAX_ANSWER = 1000
MAX_QUOTE = 1000
MAX_ARTICLE_BYTES = 5_000_000
MAX_ASKED_BYTES = 5_000_000
MAX_ASKED_QUESTION = 4000  # as long as a Discord message may be (with Nitro)
# A file of labelled questions wrong throughout (another story's, say) is named
# by its first problems, not thousands of them.
MAX_ASKED_PROBLEMS = 10
_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")
_TOML_ID = re.compile(r"\s*id\s*=\s*[\"']([^\"']+)[\"']")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a knowledge file, located as precisely as possible."""

    path: Path
    message: str
    entry: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
        if self.entry is not None:
            where += f", entry {self.entry!r}"
        if self.field is not None:
            where += f", {self.field}"
        return f"{where}: {self.message}"


class KnowledgeError(Exception):
    """A knowledge file that cannot be served; the message is meant for its curator."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone quoted in the article; the byline speaks for the article's own narration."""

    key: str
    name: str
    role: str | None = None
    # "he" or "she", if the curator says: a "she said" is then no quote of his.
    pronoun: str = ""

    @property
    def attribution(self) -> str:
        """ "Talal Selo, SDF spokesman", as it follows a quote."""
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def is_person(self) -> bool:
        """Whether a "he" or "she" may mean this speaker: one of the article's
        speakers (not the byline) whose name is capitalised throughout and names
        no group. "The US-led coalition" and "Syrian Democratic Forces" are no "he"."""
        words = self.name.split()
        return (
            bool(self.key)
            and len(words) > 1  # "Hamas", "Kremlin": one word is taken for an organisation
            and words[0][0].isupper()
            and all(w[0].isupper() or w.split("-")[0] in _PARTICLES for w in words)
            and _GROUPS.isdisjoint(w.casefold() for w in words)
        )


# Lowercase parts of people's names: "Bashar al-Assad", "Ursula von der Leyen".
_PARTICLES = frozenset("al el bin ibn bint abu von van der den de del della di da du la le".split())
# General English: the words that make a name a group's.
_GROUPS = frozenset(
    """forces force council coalition army party ministry agency agencies group front union
    committee office department government police militia militias alliance state states
    international authority authorities organisation organization company corporation
    commission network movement brigade brigades battalion association institute court
    parliament assembly administration service services unit units command""".split()
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim span of the article, as printed there, with who said it.

    `direct` when the article prints it in quotation marks as the speaker's own
    words; otherwise the article reports what they said ("Selo said that 275
    fighters had withdrawn"), and the bot must not show it as their words.
    """

    text: str
    speaker: Speaker
    paragraph: int
    direct: bool = True
    # Why a curator vouches for who said it where the attribution check cannot
    # tell; empty for the quotes the check confirmed.
    vouched: str = ""

    @property
    def reported(self) -> bool:
        """Someone's words as the article reports them, not as they said them."""
        return bool(self.speaker.key) and not self.direct

    @property
    def shown(self) -> str:
        """The words as every front end shows them: in quotation marks only when they
        are the speaker's own; the article's narration and reported speech without."""
        return f"“{self.text}”" if self.direct else self.text

    @property
    def signs_off(self) -> bool:
        """Whether the words are the article's own credit line ("— Agencies"), which
        says who already: crediting it again would read "— Agencies / — Agencies"."""
        return self.text.strip(" —–-").casefold() == self.speaker.name.casefold()

    @property
    def credit(self) -> str:
        """ "Talal Selo, SDF spokesman", and "as reported" after words he did not say so."""
        return (
            f"{self.speaker.attribution}, as reported"
            if self.reported
            else self.speaker.attribution
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One fact readers ask about: the ways they ask, the answer and its quotes."""

    story: str
    id: str
    topic: str
    question: str
    alternates: tuple[str, ...]
    answer: str
    quotes: tuple[Quote, ...]
    related: tuple[str, ...] = ()
    # Whom a "he" or "she" replying to the answer means: the people it quotes;
    # failing them, those its question names ("Who is Ryan Dillon?"); failing
    # those, the one person its answer names, if only one.
    people: tuple[str, ...] = ()
    # Whom a "they" replying to the answer means: the groups the file quotes that
    # its answer names ("the SDF", "the US-led coalition").
    groups: tuple[str, ...] = ()
    # When it quotes only the byline, the people its answer reports as saying
    # something ("according to SDF spokesman Mostafa Bali"): whom "who said that?"
    # asks about. (Left empty otherwise: the quotes say who, and loading 5,000
    # entries is 0.4 s faster.)
    reported: tuple[str, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The question followed by its alternates."""
        return (self.question, *self.alternates)


@dataclass(frozen=True, slots=True)
class Asked:
    """A question a reader asked, as the curator labelled it: the id of the entry
    that answers it, or None if the story does not (or it is not about the story),
    and the ids of any other entries that answer it as well."""

    question: str
    entry: str | None
    accept: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Everything one knowledge file holds, validated."""

    id: str
    headline: str
    byline: str
    summary: str
    path: Path
    article_path: Path
    paragraphs: tuple[str, ...]
    speakers: Mapping[str, Speaker]
    aliases: Mapping[str, tuple[str, ...]]
    entries: tuple[Entry, ...]
    featured: tuple[str, ...]
    _by_id: Mapping[str, Entry] = field(repr=False, compare=False)
    # Questions readers ask that the story does not answer: the bot declines them
    # ("the story doesn't say") rather than answer a near miss.
    unanswered: tuple[str, ...] = ()
    # Questions readers asked, each labelled with its entry (`[story] asked`, a
    # JSON-lines file beside the knowledge file): how readers word each fact,
    # which the referee weighs (bot.matching, bot.referee).
    asked: tuple[Asked, ...] = ()
    asked_path: Path | None = None

    def entry(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def topics(self) -> list[str]:
        """Entry topics in the order they first appear."""
        return list(dict.fromkeys(e.topic for e in self.entries))

    def quotes_by(self, speaker_key: str) -> list[Quote]:
        """Every distinct quote of one speaker, in article order. Entries often quote
        part of what another quotes whole: only the whole is listed, once."""
        seen: dict[tuple[int, str], Quote] = {}
        for entry in self.entries:
            for quote in entry.quotes:
                if quote.speaker.key == speaker_key:
                    seen.setdefault((quote.paragraph, quote.text), quote)
        whole = [
            q
            for q in seen.values()
            if not any(
                o.paragraph == q.paragraph and o.text != q.text and q.text in o.text
                for o in seen.values()
            )
        ]
        return sorted(whole, key=self._place)

    def _place(self, quote: Quote) -> tuple[int, int]:
        """Where a quote is in the article: its paragraph, then how far into it."""
        paragraph = fold_for_quote_check(self.paragraphs[quote.paragraph - 1])
        return quote.paragraph, paragraph.find(fold_for_quote_check(quote.text))


def knowledge_files(path: Path) -> list[Path]:
    """The knowledge files at `path`: the file itself, or every *.toml in a folder
    but hidden ones, such as the lock an editor leaves (".#story.toml")."""
    if path.is_dir():
        # A broken link or a pipe is listed, so that loading it says what is wrong
        # instead of serving without that story.
        return sorted(
            p for p in path.glob("*.toml") if not p.name.startswith(".") and not p.is_dir()
        )
    return [path]


def load_library(path: Path) -> tuple[Story, ...]:
    """Load every story at `path`; all problems of all files are reported together."""
    files = knowledge_files(path)
    if not files:
        raise KnowledgeError([Problem(path, "no knowledge files (*.toml) found")])
    stories: list[Story] = []
    problems: list[Problem] = []
    for file in files:
        try:
            stories.append(load_story(file))
        except KnowledgeError as error:
            problems.extend(error.problems)
    problems += shared_ids(stories)
    if problems:
        raise KnowledgeError(problems)
    return tuple(stories)


def shared_ids(stories: Iterable[Story]) -> list[Problem]:
    """A problem for each story whose id an earlier one already has: they are served together."""
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for story in stories:
        if story.id in seen:
            problems.append(
                Problem(story.path, f"story id {story.id!r} is also used by {seen[story.id]}")
            )
        seen.setdefault(story.id, story.path)
    return problems


def speakers_named(stories: Iterable[Story], typed: str) -> list[tuple[Story, Speaker]]:
    """The people quoted that a typed name means, in any case and spacing.

    The autocomplete sends "story:key"; a reader who types instead may give the
    key, the whole name or its last words ("Dillon", "Ryan Dillon" for "Colonel
    Ryan Dillon"), or failing those, any of its words ("Ryan", "Colonel
    Dillon", "tribal leaders"), shortened ("Col. Dillon") or slightly misspelt
    ("Dilon"). A whole match wins over an ending shared by several, and an
    ending over other words: "Mostafa" is Laila Mostafa, as the article calls
    her, not Mostafa Bali. What follows a comma is a role, as /quotes lists
    people ("Talal Selo, SDF spokesman"), and "the" is no part of a name.
    """
    typed = typed.casefold()
    key = typed.strip()
    wanted = [w for w in words(typed.split(",")[0]) if w not in STOPWORDS]
    whole: list[tuple[Story, Speaker]] = []
    ending: list[tuple[Story, Speaker]] = []
    partly: list[tuple[Story, Speaker]] = []
    for story in stories:
        for speaker in story.speakers.values():
            if not story.quotes_by(speaker.key):
                continue  # named in the file, never quoted: nothing to show
            name = words(speaker.name.casefold())
            keys = (f"{story.id}:{speaker.key}", speaker.key)
            if key in keys or wanted in (name, [speaker.key]):
                whole.append((story, speaker))
            elif wanted and name[-len(wanted) :] == wanted:
                ending.append((story, speaker))
            elif wanted and all(any(_name_like(w, n) for n in name) for w in wanted):
                partly.append((story, speaker))  # "leaders", never "from" alone
    return whole or ending or partly


def _name_like(typed: str, word: str) -> bool:
    """Whether a typed word is a word of a name, shortened ("col" for "colonel") or
    with a slip of one letter or so ("dilon")."""
    return (
        typed == word
        or (len(typed) >= 3 and word.startswith(typed))
        or (len(typed) >= 4 and fuzz.ratio(typed, word) >= _NAME_SLIP)
    )


_NAME_SLIP = 80  # "dilon" is 91 like "dillon"; "selo" is 50 like "bali"


def load_story(path: Path) -> Story:
    """Read and validate one knowledge file."""
    return _Loader(path).load()


class _Invalid(Exception):
    """Stops the loader where nothing further can be checked."""


class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # Each phrasing as the matcher reads it, and the entry and field it is in.
        self._phrasing_owner: dict[tuple[str, ...], tuple[str, str]] = {}

    def problem(self, message: str, *, entry: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(self.path, message, entry=entry, field=field))

    def load(self) -> Story:
        try:
            story = self._load()
        except _Invalid:
            raise KnowledgeError(self.problems) from None
        if self.problems:
            raise KnowledgeError(self.problems)
        return story

    def _load(self) -> Story:
        data = self._read_toml()
        self._keys(
            data, "", required={"story", "entries"}, optional={"aliases", "speakers", "unanswered"}
        )
        if "story" not in data:
            raise _Invalid  # reported as missing
        meta = self._table(data["story"], "[story]")
        self._keys(
            meta,
            "[story]",
            required={"id", "headline", "byline", "article"},
            optional={"summary", "featured", "asked"},
        )
        story_id = self._slug(meta.get("id"), "[story] id")
        headline = self._text(meta.get("headline"), "[story] headline", limit=256)
        byline = self._text(meta.get("byline"), "[story] byline", limit=100)
        article_name = self._text(meta.get("article"), "[story] article", limit=255)
        if not article_name or "[story] article" in (p.field for p in self.problems):
            # Without the article no quote can be checked; other problems do not stop
            # the reading, so that a curator sees them all at once.
            raise _Invalid
        article_path = self.path.parent / article_name
        paragraphs = self._read_article(article_path, headline)
        aliases = self._aliases(data.get("aliases", {}))
        speakers = self._speakers(data.get("speakers", {}))
        narrator = Speaker(key="", name=byline)
        table = AliasTable(aliases)
        entries = self._entries(
            data.get("entries"), story_id, speakers, narrator, paragraphs, table
        )
        by_id = {e.id: e for e in entries}
        for entry in entries:
            for i, related in enumerate(entry.related):
                where = f"related[{i}]"
                if not related:
                    continue  # already reported
                if related == entry.id:
                    self.problem("an entry cannot relate to itself", entry=entry.id, field=where)
                elif related in entry.related[:i]:
                    # Each becomes a button, and Discord refuses two with one id.
                    self.problem(f"{related!r} is listed twice", entry=entry.id, field=where)
                elif related not in by_id:
                    self.problem(f"no entry has id {related!r}", entry=entry.id, field=where)
        unanswered = self._unanswered(data.get("unanswered"), table)
        asked_name = meta.get("asked")
        asked_path = None
        asked: tuple[Asked, ...] = ()
        if asked_name is not None and (name := self._text(asked_name, "[story] asked", limit=255)):
            asked_path = self.path.parent / name
            asked = self._asked(asked_path, story_id, by_id)
        featured = self._featured(meta.get("featured"), by_id, entries)
        summary_raw = meta.get("summary")
        summary = (
            self._text(summary_raw, "[story] summary", limit=300)
            if summary_raw is not None
            else paragraphs[0]
        )
        return Story(
            id=story_id,
            headline=headline,
            byline=byline,
            summary=summary,
            path=self.path,
            article_path=article_path,
            paragraphs=tuple(paragraphs),
            speakers=MappingProxyType(speakers),
            aliases=MappingProxyType(aliases),
            entries=tuple(entries),
            featured=featured,
            _by_id=MappingProxyType(by_id),
            unanswered=unanswered,
            asked=asked,
            asked_path=asked_path,
        )

    # --- reading -----------------------------------------------------------------

    def _read_toml(self) -> dict[str, Any]:
        try:
            mode = self.path.stat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                # A device or pipe may never end: never read one.
                self.problem("not a regular file")
                raise _Invalid
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.problem("file not found")
            raise _Invalid from None
        except OSError as error:
            self.problem(f"cannot read the file ({error.strerror})")
            raise _Invalid from None
        # Some Windows editors start UTF-8 files with a byte-order mark; TOML does not allow one.
        raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            bad_line = raw.count(b"\n", 0, error.start) + 1
            self.problems.append(
                Problem(self.path, f"not UTF-8 text (byte {error.start})", line=bad_line)
            )
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = _TOML_LINE.search(message)
            line = int(found.group(1)) if found else None
            message = _TOML_LINE.sub("", message).strip()
            entry, field = _toml_place(raw.decode("utf-8"), line) if line else (None, None)
            self.problems.append(
                Problem(self.path, f"TOML syntax: {message}", entry=entry, field=field, line=line)
            )
        except RecursionError:
            # tomllib parses nested arrays and tables recursively.
            self.problem("TOML syntax: arrays or tables nested too deeply")
        raise _Invalid

    def _read_article(self, path: Path, headline: str) -> list[str]:
        where = "[story] article"
        text = self._read_beside(
            path, where, kind="article", a_kind="an article file", limit=MAX_ARTICLE_BYTES
        )
        # One paragraph a line. Only a line break ends one: str.splitlines would also
        # split at a form feed or U+2028, and renumber every paragraph after it.
        lines = [line.strip() for line in _LINE_BREAK.split(text.removeprefix("\ufeff"))]
        paragraphs = [line for line in lines if line]
        # A first line that repeats the headline (perhaps with a full stop) is not numbered.
        if paragraphs and _as_headline(paragraphs[0]) == _as_headline(headline):
            paragraphs = paragraphs[1:]
        if not paragraphs:
            self.problem(f"{path.name} has no text", field=where)
            raise _Invalid
        return paragraphs

    def _read_beside(self, path: Path, where: str, *, kind: str, a_kind: str, limit: int) -> str:
        """The text of a file the knowledge file names at `where` (of a `kind`:
        "article", "an article file"), read whole but no further than `limit`
        bytes; _Invalid, reported, if it cannot be."""
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                # A device or pipe reports no size and may never end: never read one.
                self.problem(f"{str(path)!r} is not a regular file", field=where)
                raise _Invalid
            raw = b""
            if info.st_size <= limit:
                # Bounded: the file may have grown since stat.
                with path.open("rb") as file:
                    raw = file.read(limit + 1)
            size = max(info.st_size, len(raw))
            if size > limit:
                self.problem(
                    f"{path.name} is {size:,} bytes; {a_kind} may be at most {limit:,}",
                    field=where,
                )
                raise _Invalid
            text = raw.decode("utf-8")
        except FileNotFoundError:
            self.problem(
                f"{kind} file {path.name!r} not found next to the knowledge file", field=where
            )
            raise _Invalid from None
        except IsADirectoryError:
            self.problem(f"{path.name!r} is a folder, not {a_kind}", field=where)
            raise _Invalid from None
        except UnicodeDecodeError as error:
            self.problem(f"{path.name} is not UTF-8 text (byte {error.start})", field=where)
            raise _Invalid from None
        except OSError as error:
            self.problem(f"cannot read {path.name} ({error.strerror})", field=where)
            raise _Invalid from None
        except ValueError:  # after UnicodeDecodeError, its subclass: a NUL in the name
            self.problem(f"{path.name!r} is not a file name", field=where)
            raise _Invalid from None
        return text

    # --- tables ------------------------------------------------------------------

    def _keys(
        self,
        table: object,
        where: str,
        *,
        required: set[str],
        optional: Collection[str] = (),
        entry: str | None = None,
        joiner: str = " ",
    ) -> None:
        if not isinstance(table, dict):
            return
        prefix = f"{where}{joiner}" if where else ""
        for key in sorted(required - table.keys()):
            self.problem("missing", entry=entry, field=f"{prefix}{key}".strip())
        for key in sorted(table.keys() - required - set(optional)):
            self.problem("unknown key", entry=entry, field=f"{prefix}{key}".strip())

    def _table(self, value: object, where: str, entry: str | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem("must be a table", entry=entry, field=where)
            raise _Invalid
        return value

    def _text(self, value: object, where: str, *, limit: int, entry: str | None = None) -> str:
        if value is None:
            return ""  # already reported as missing
        if not isinstance(value, str):
            self.problem(f"must be a string, not {_toml_type(value)}", entry=entry, field=where)
            return ""
        text = value.strip()
        if not text:
            self.problem("must not be empty", entry=entry, field=where)
        elif len(text) > limit:
            self.problem(f"is {len(text)} characters; at most {limit}", entry=entry, field=where)
        return text

    def _slug(self, value: object, where: str, entry: str | None = None) -> str:
        text = self._text(value, where, limit=40, entry=entry)
        if text and not _SLUG.fullmatch(text):
            self.problem(
                f"{text!r} must be lowercase letters, digits and hyphens (at most 40)",
                entry=entry,
                field=where,
            )
        return text

    def _strings(
        self, value: object, where: str, *, limit: int, entry: str | None = None
    ) -> list[str]:
        if not isinstance(value, list):
            self.problem(
                f"must be a list of strings, not {_toml_type(value)}", entry=entry, field=where
            )
            return []
        return [
            self._text(item, f"{where}[{i}]", limit=limit, entry=entry)
            for i, item in enumerate(value)
        ]

    def _aliases(self, value: object) -> dict[str, tuple[str, ...]]:
        table = self._table(value, "[aliases]")
        aliases: dict[str, tuple[str, ...]] = {}
        owner: dict[tuple[str, ...], str] = {}
        for canonical, variants in table.items():
            where = f"[aliases] {canonical}"
            key = AliasTable.variant_key(canonical)
            if not key:
                self.problem("a canonical term needs letters or digits", field=where)
                continue
            if len(key) == 1 and canonical.casefold() in STOPWORDS:
                self.problem(
                    f"{canonical!r} is a common word that matching ignores; pick another term",
                    field=where,
                )
            items = self._strings(variants, where, limit=60)
            if not items:
                if isinstance(variants, list):
                    self.problem("must list at least one variant", field=where)
                continue
            aliases[canonical] = tuple(items)
            for i, variant in enumerate(items):
                vkey = AliasTable.variant_key(variant)
                if not vkey:
                    self.problem(
                        "a variant needs letters, digits or an emoji", field=f"{where}[{i}]"
                    )
                    continue
                other = owner.setdefault(vkey, canonical)
                if other != canonical:
                    self.problem(
                        f"variant {variant!r} is also a variant of {other!r}", field=f"{where}[{i}]"
                    )
        canon_keys = {AliasTable.variant_key(c): c for c in aliases}
        for vkey, canonical in owner.items():
            clash = canon_keys.get(vkey)
            if clash is not None and clash != canonical:
                self.problem(
                    f"{clash!r} is a canonical term and also a variant of {canonical!r}",
                    field=f"[aliases] {canonical}",
                )
        return aliases

    def _speakers(self, value: object) -> dict[str, Speaker]:
        table = self._table(value, "[speakers]")
        speakers: dict[str, Speaker] = {}
        for key, body in table.items():
            where = f"[speakers.{key}]"
            if not _SLUG.fullmatch(key):
                self.problem(
                    "a speaker key must be lowercase letters, digits and hyphens", field=where
                )
            if not isinstance(body, dict):
                self.problem("must be a table with name and role", field=where)
                continue
            self._keys(body, where, required={"name"}, optional={"role", "pronoun"})
            name = self._text(body.get("name"), f"{where} name", limit=100)
            role = body.get("role")
            role_text = self._text(role, f"{where} role", limit=100) if role is not None else None
            twin = next((s.key for s in speakers.values() if name and s.name == name), None)
            if twin is not None:
                self.problem(f"{name!r} is also the name of [speakers.{twin}]", field=where)
            pronoun = body.get("pronoun", "")
            if not isinstance(pronoun, str) or pronoun not in PRONOUNS | {""}:
                self.problem(f'pronoun must be "he" or "she", not {pronoun!r}', field=where)
                pronoun = ""
            speakers[key] = Speaker(key=key, name=name, role=role_text or None, pronoun=pronoun)
        return speakers

    def _featured(
        self, value: object, by_id: Mapping[str, Entry], entries: list[Entry]
    ) -> tuple[str, ...]:
        if value is None:
            return tuple(e.id for e in entries[:5])
        ids = self._strings(value, "[story] featured", limit=40)
        for i, entry_id in enumerate(ids):
            if entry_id and entry_id not in by_id:
                self.problem(f"no entry has id {entry_id!r}", field=f"[story] featured[{i}]")
        return tuple(dict.fromkeys(i for i in ids if i))

    # --- entries -----------------------------------------------------------------

    def _entries(
        self,
        value: object,
        story_id: str,
        speakers: Mapping[str, Speaker],
        narrator: Speaker,
        paragraphs: list[str],
        aliases: AliasTable,
    ) -> list[Entry]:
        if not isinstance(value, list) or not value:
            self.problem("must hold at least one [[entries]] table", field="entries")
            raise _Invalid
        article = Article(paragraphs, speakers)
        entries: list[Entry] = []
        seen: dict[str, str] = {}  # entry id: the number of the [[entries]] table that has it
        for index, body in enumerate(value):
            label = f"#{index + 1}"
            if not isinstance(body, dict):
                self.problem("must be a table", entry=label, field="entries")
                continue
            raw_id = body.get("id")
            entry_id = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else label
            self._keys(
                body,
                "",
                required={"id", "topic", "question", "alternates", "answer", "quotes"},
                optional={"related"},
                entry=entry_id,
            )
            if "id" in body:
                self._slug(raw_id, "id", entry=entry_id)
            if entry_id in seen:
                self.problem(
                    f"duplicate entry id: [[entries]] {label} has the id of {seen[entry_id]}",
                    entry=entry_id,
                    field="id",
                )
            seen.setdefault(entry_id, label)
            entries.append(
                self._entry(body, entry_id, story_id, speakers, narrator, article, aliases)
            )
        return entries

    def _entry(
        self,
        body: dict[str, object],
        entry_id: str,
        story_id: str,
        speakers: Mapping[str, Speaker],
        narrator: Speaker,
        article: Article,
        aliases: AliasTable,
    ) -> Entry:
        """An [[entries]] table's fields, their problems noted; what is wrong is left blank."""
        topic = self._text(body.get("topic"), "topic", limit=80, entry=entry_id)
        question = self._text(body.get("question"), "question", limit=MAX_QUESTION, entry=entry_id)
        alternates: list[str] = []
        if "alternates" in body:
            alternates = self._strings(body["alternates"], "alternates", limit=300, entry=entry_id)
            if not alternates and isinstance(body["alternates"], list):
                self.problem("must list at least one alternate", entry=entry_id, field="alternates")
        answer = self._text(body.get("answer"), "answer", limit=MAX_ANSWER, entry=entry_id)
        quotes = self._quotes(body.get("quotes"), entry_id, speakers, narrator, article)
        related: list[str] = []
        if "related" in body:
            related = self._strings(body["related"], "related", limit=40, entry=entry_id)
        self._claim_phrasings(entry_id, [question, *alternates], aliases)
        return Entry(
            story=story_id,
            id=entry_id,
            topic=topic,
            question=question,
            alternates=tuple(dict.fromkeys(a for a in alternates if a)),
            answer=answer,
            quotes=tuple(quotes),
            # Blanks kept, so that later problems name the right position;
            # a blank is itself a problem, so no story loads with one.
            related=tuple(related),
            people=article.people(question, answer, quotes),
            groups=article.groups(answer),
            reported=(() if any(q.speaker.key for q in quotes) else article.reported(answer)),
        )

    def _claim_phrasings(self, entry_id: str, phrasings: list[str], aliases: AliasTable) -> None:
        """Note each of an entry's question and alternates as leading to it, and a
        problem for one that reads the same as another entry's."""
        for i, phrasing in enumerate(phrasings):
            key = _reading(phrasing, aliases)
            if not key:
                continue
            where = "question" if i == 0 else f"alternates[{i - 1}]"
            other = self._phrasing_owner.setdefault(key, (entry_id, where))
            if other[0] != entry_id:
                self.problem(
                    f"{phrasing!r} reads the same as entry {other[0]!r} {other[1]}; "
                    "a phrasing can lead to one entry only",
                    entry=entry_id,
                    field=where,
                )

    def _unanswered(self, value: object, aliases: AliasTable) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.problem("must be a table", field="[unanswered]")
            return ()
        self._keys(value, "[unanswered]", required={"questions"})
        if "questions" not in value:
            return ()
        where = "[unanswered] questions"
        questions = self._strings(value["questions"], where, limit=MAX_QUESTION)
        if not questions and isinstance(value["questions"], list):
            self.problem("must list at least one question", field=where)
        listed: dict[tuple[str, ...], int] = {}
        for i, question in enumerate(questions):
            reading = _reading(question, aliases)
            if not question or not reading:
                continue
            owner = self._phrasing_owner.get(reading)
            if owner is not None:
                self.problem(
                    f"{question!r} reads the same as entry {owner[0]!r} {owner[1]}; "
                    "a question the story answers cannot also be one it does not",
                    field=f"{where}[{i}]",
                )
            elif (first := listed.setdefault(reading, i)) != i:
                self.problem(
                    f"{question!r} reads the same as {where}[{first}]", field=f"{where}[{i}]"
                )
        return tuple(dict.fromkeys(q for q in questions if q))

    def _asked(self, path: Path, story_id: str, entries: Mapping[str, Entry]) -> tuple[Asked, ...]:
        """The labelled questions of the file `[story] asked` names: JSON lines as
        `python -m bot eval` reads them (bot.labelled) but for follow-ups, each id
        one of this story's, or written "story:id" with this story's id.
        Problems are the file's, by line."""
        where = "[story] asked"
        try:
            text = self._read_beside(
                path, where, kind="questions", a_kind="a questions file", limit=MAX_ASKED_BYTES
            )
        except _Invalid:
            return ()
        asked: list[Asked] = []
        found: list[Problem] = []
        for number, line in enumerate(_LINE_BREAK.split(text.removeprefix("\ufeff")), 1):
            if not line.strip():
                continue
            try:
                asked.append(_asked_line(line, story_id, entries))
            except ValueError as error:
                found.append(Problem(path, str(error), line=number))
        self.problems += found[:MAX_ASKED_PROBLEMS]
        if len(found) > MAX_ASKED_PROBLEMS:
            more = len(found) - MAX_ASKED_PROBLEMS
            self.problems.append(Problem(path, f"and {more:,} more lines like these"))
        if not asked and not found:
            self.problem(f"{path.name} has no questions", field=where)
        return tuple(asked)

    def _quotes(
        self,
        value: object,
        entry_id: str,
        speakers: Mapping[str, Speaker],
        narrator: Speaker,
        article: Article,
    ) -> list[Quote]:
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            self.problem("must list at least one quote", entry=entry_id, field="quotes")
            return []
        quotes = (
            self._quote(item, f"quotes[{i}]", entry_id, speakers, narrator, article)
            for i, item in enumerate(value)
        )
        return [quote for quote in quotes if quote is not None]

    def _quote(
        self,
        item: object,
        where: str,
        entry_id: str,
        speakers: Mapping[str, Speaker],
        narrator: Speaker,
        article: Article,
    ) -> Quote | None:
        """One quote of an entry, checked against the article; None with its problems noted."""
        if not isinstance(item, dict):
            self.problem(
                "must be a table { text = ..., speaker = ... }", entry=entry_id, field=where
            )
            return None
        self._keys(
            item,
            where,
            required={"text"},
            optional={"speaker", "vouched"},
            entry=entry_id,
            joiner=".",
        )
        text = self._text(item.get("text"), f"{where}.text", limit=MAX_QUOTE, entry=entry_id)
        vouched = item.get("vouched")
        if vouched is not None:
            # Reported if empty; the rest of the quote is still checked.
            vouched = self._text(vouched, f"{where}.vouched", limit=300, entry=entry_id)
        speaker = narrator
        speaker_key = item.get("speaker")
        if speaker_key is not None:
            if not isinstance(speaker_key, str) or speaker_key not in speakers:
                known = ", ".join(sorted(speakers)) or "none"
                self.problem(
                    f"unknown speaker {speaker_key!r} (known: {known})",
                    entry=entry_id,
                    field=f"{where}.speaker",
                )
                return None
            speaker = speakers[speaker_key]
        if not text:
            return None
        if not any(c.isalnum() for c in text):
            # "," is in every article, and would pass as anyone's.
            self.problem(
                f"has no words: {text!r} (a quote is words the article prints)",
                entry=entry_id,
                field=f"{where}.text",
            )
            return None
        found = self._place(text, speaker, narrator, vouched, article, entry_id, where)
        if found is None:
            return None
        direct = (
            speaker is not narrator
            and article.in_quotation_marks(found)
            and '"' not in fold_quotes(found.text)
        )
        if speaker is not narrator and not direct and article.speaks_in(speaker, found.text):
            # "Bali described the civilians as human shields" is the reporter's
            # sentence about Bali: shown as his, even "as reported", it puts his
            # name in his own mouth. (Not "coalition aircraft struck", which the
            # coalition may say of itself.)
            self.problem(
                f"says itself that {speaker.name} spoke, so the words are the "
                'reporter\'s: quote only what was said (after "said that"), or give '
                "them to the byline",
                entry=entry_id,
                field=f"{where}.text",
            )
            return None
        return Quote(found.text, speaker, found.paragraph, direct, vouched or "")

    def _place(
        self,
        text: str,
        speaker: Speaker,
        narrator: Speaker,
        vouched: str | None,
        article: Article,
        entry_id: str,
        where: str,
    ) -> Found | None:
        """Where the article prints `text` as `speaker`'s (or vouched for as theirs);
        None with the problem noted."""
        occurrences = article.find(text)
        first = next(occurrences, None)
        if first is None:
            across = article.runs_on_from(text)
            self.problem(
                f"not verbatim in the article: {_clip(text)!r}"
                + (
                    f" (it runs from paragraph {across} into the next; the article file "
                    "holds one paragraph per line: is it wrapped?)"
                    if across
                    else ""
                ),
                entry=entry_id,
                field=f"{where}.text",
            )
            return None
        # Words the article prints twice are the speaker's where the speaker is named;
        # the rest of the article is searched only when the first place does not.
        places = itertools.chain([first], occurrences)
        found: Found | None = first  # a speaker without a name is reported already
        problem = ""
        if speaker is narrator:
            # Words in quotation marks are somebody's, never the byline's.
            found = next((f for f in places if not article.in_quotation_marks(f)), None)
            problem = (
                f"in quotation marks in paragraph {first.paragraph}, so somebody said it: "
                "give its speaker"
            )
        elif speaker.name:
            found = next((f for f in places if article.vouches(speaker, f)), None)
            if found is None:
                reason = self._unattributed(speaker, first, article)
                problem = f"attributed to {speaker.name}, {reason}"
        if vouched is not None:
            refused = self._unvouchable(speaker, narrator, found or first, article)
            if found is None and not refused:
                found = first
            elif refused and vouched:
                self.problem(refused, entry=entry_id, field=f"{where}.vouched")
                return None
        if found is None:
            self.problem(problem, entry=entry_id, field=f"{where}.speaker")
        return found

    @staticmethod
    def _unvouchable(speaker: Speaker, narrator: Speaker, found: Found, article: Article) -> str:
        """Why a curator may not vouch for who said a quote, or "". A vouch is for
        what the check cannot tell; it never overrules what the article says: a
        quote the article credits already (the vouch would outlive the wording
        it vouched for), one whose sentence names someone else, or words in
        quotation marks given to the byline."""
        where = f"vouched for, but paragraph {found.paragraph}"
        if pronoun := article.says_another_pronoun(speaker, found):
            return f"{where} has “{pronoun}” say it, and {speaker.name} is “{speaker.pronoun}”"
        if speaker is narrator:
            if article.in_quotation_marks(found):
                return f"{where} prints it in quotation marks: give its speaker instead"
            return f"{where} prints it as narration already: remove vouched"
        if article.vouches(speaker, found):
            return f"{where} prints it as {speaker.name}'s already: remove vouched"
        credit = article.credit(speaker, found)
        if (
            credit is not None
            and credit.title is None
            and not credit.earlier
            and not article.gives(credit, speaker)
        ):
            if article.named_as_said(speaker, found):
                return ""  # "Reyes said Hill called it “a disgrace”": Hill's words, maybe
            return f"{where} names {credit} as who said it"
        return ""

    @staticmethod
    def _unattributed(speaker: Speaker, found: Found, article: Article) -> str:
        """Why the article does not give a quote to its speaker, to follow
        "attributed to <name>, ": the first of the quote check's findings that applies."""
        if pronoun := article.says_another_pronoun(speaker, found):
            return (
                f"but paragraph {found.paragraph} has “{pronoun}” "
                f"say it, and [speakers.{speaker.key}] pronoun is “{speaker.pronoun}”"
            )
        if clause := article.describes(found):
            return (
                f"but paragraph {found.paragraph} prints it "
                f"in a clause telling who someone is (“{_clip(clause)}”): the reporter's "
                "words, not what was said; vouch for it if it is"
            )
        if article.denied(found, speaker):
            return (
                f"but paragraph {found.paragraph} prints it "
                "as what its sentence denies (“denied that …”, “rejected the claim that "
                "…”): not what anyone says is so; vouch for it if it is"
            )
        if article.alleged(found):
            return (
                f"but paragraph {found.paragraph} prints it "
                "as what someone is only said to have said (“denied telling …”, “accused "
                "… of calling …”); vouch for it if it is known to be said"
            )
        if article.put_to(found, speaker):
            return (
                f"but paragraph {found.paragraph} prints it "
                "in a question put to them (“Asked whether …”, “when asked whether …”): "
                "the question, not the answer; vouch for it if it is not"
            )
        if article.after_its_saying(found):
            return (
                f"but paragraph {found.paragraph} tells it "
                "after a quotation and the saying that gives it its speaker: what was said "
                "is the quotation, the rest the reporter's; vouch for it if it is not"
            )
        credit = article.credit(speaker, found)
        # A misspelt speaker ("Ann Reye") is told so below, not that "Reyes" is another.
        sayer = article.other_sayer(found, credit) if article.ever_names(speaker) else ""
        if sayer:
            return (
                f"but in paragraph {found.paragraph} someone "
                f"the knowledge file gives no speaker says it (“{sayer}”): add them, or "
                f"vouch for it if {speaker.name} is meant"
            )
        if sayer := article.unnamed_sayer(speaker, found, credit):
            return (
                f"but in paragraph {found.paragraph} someone "
                f"it does not name says it (“{sayer}”): vouch for it if {speaker.name} is meant"
            )
        if article.tells_of_nothing_said(found, credit):
            return (
                f"but paragraph {found.paragraph} tells it "
                f"in the article's own words: its sentence names {credit} but no one "
                "speaking (no “said”, “vowed”, “conceded” or the like but denied ones, such "
                "as “did not say”; no quotation marks); vouch for it if it is said"
            )
        if credit is not None and credit.earlier and not article.tells_of_saying(found):
            return (
                f"but paragraph {found.paragraph} tells it "
                "in a sentence with no word of saying and no quotation marks, after one "
                f"crediting {credit}: the reporter's words; vouch for it if they are not"
            )
        if credit is not None and credit.inferred:
            who = (
                f"someone speaking for {credit}"
                if not credit.speaker.is_person and credit.title is None
                else str(credit)
            )
            return (
                f"but in paragraph {found.paragraph} the one "
                f"who says it (“he”, “she”) is {who}, named in the sentence before: "
                "vouch for it if someone else is meant"
            )
        if credit is not None and not article.gives(credit, speaker):
            return f"but its sentence in paragraph {found.paragraph} names {credit} instead"
        if not article.ever_names(speaker):
            return (
                f"a name the article never prints: check "
                f"[speakers.{speaker.key}] name (spelt and capitalised as printed)"
            )
        if credit is None and (since := article.spoke_since(speaker, found)) is not None:
            return (
                f"but in paragraph {found.paragraph} "
                f"“{speaker.pronoun}” says it, and paragraph {since}, the nearer before it "
                f"where another who may be “{speaker.pronoun}” speaks, does not name "
                f"{speaker.name}: vouch for it if they are meant"
            )
        if (
            credit is None
            and article.names(speaker, found.paragraph)
            and not article.named_before(speaker, found)
        ):
            return (
                f"but paragraph {found.paragraph} names "
                f"{speaker.name} only after the sentence that holds it, which credits no "
                f"one: vouch for it if {speaker.name} said it"
            )
        if (
            credit is None
            and not article.named_beside(speaker, found)
            and article.names(speaker, found.paragraph)
        ):
            return (
                "who is named nearby only in the quote's own words: what was said, not who says it"
            )
        if credit is None and article.names(speaker, found.paragraph):
            # Named nearby, but in words that tell of no one speaking.
            return (
                f"but paragraph {found.paragraph} tells it "
                "in the article's own words, crediting nobody: leave out its speaker "
                "(the byline's), or vouch for it"
            )
        return f"who is not named in paragraph {found.paragraph} or the two before it"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _as_headline(line: str) -> str:
    return fold_for_quote_check(line).rstrip(".").casefold()


def _toml_place(text: str, line: int) -> tuple[str | None, str | None]:
    """The entry and field a line of unparsable TOML belongs to, as its lines say.

    The field is the key set on that line, or, where the parser noticed an
    array or table left open only on a later line (the next table's header,
    even), the key that opened it. An [[entries]] table is named by the id its
    lines give, else by its number, as the loader names an entry without an id.
    """
    lines = text.split("\n")
    # Each table up to the line: where its lines start, its name, its entry number.
    tables: list[tuple[int, str | None, int]] = [(0, None, 0)]
    for number, current in enumerate(lines[:line]):
        if header := _TOML_HEADER.match(current):
            entries = tables[-1][2] + (header.group(1) == "[[" and header.group(2) == "entries")
            tables.append((number + 1, header.group(2), entries))
    start, table, entries = tables[-1]
    name = _opened_by(lines[start : line - 1]) or _key(next(iter(lines[line - 1 : line]), ""))
    if name is None and start == line and len(tables) > 1:
        # Noticed at a header: an array the table before it left open.
        before = tables[-2]
        if (opened := _opened_by(lines[before[0] : start - 1])) is not None:
            (start, table, entries), name = before, opened
    if table == "entries" and entries:
        block = itertools.takewhile(lambda t: not _TOML_HEADER.match(t), lines[start:])
        ids = (m.group(1) for t in block if (m := _TOML_ID.match(t)))
        return next(ids, f"#{entries}"), name
    if name and table:
        return None, f"[{table}] {name}"
    return None, name


def _key(line: str) -> str | None:
    found = _TOML_KEY.match(line)
    return found.group(1) if found else None


def _opened_by(lines: list[str]) -> str | None:
    """The key whose array or inline table is still open after `lines`, if any."""
    depth = 0
    for current in reversed(lines):
        # Brackets in strings are rare in a knowledge file's structure: counted anyway.
        depth += current.count("]") + current.count("}") - current.count("[") - current.count("{")
        if (key := _key(current)) is not None:
            return key if depth < 0 else None
    return None


def _reading(phrasing: str, aliases: AliasTable) -> tuple[str, ...]:
    """A phrasing as the matcher reads it: the same terms are the same question."""
    return tuple(sorted({t for t, _ in read_terms(aliases.read(phrasing))}))


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _asked_line(line: str, story_id: str, entries: Mapping[str, Entry]) -> Asked:
    """One line of a file of asked questions; ValueError says what is wrong with it."""
    # Asked questions stand alone: a follow-up is read with the answer before it.
    labelled = parse_labelled(line)
    question, expect = labelled.question, labelled.expect
    if len(question) > MAX_ASKED_QUESTION:
        raise ValueError(f'"q" is {len(question):,} characters; at most {MAX_ASKED_QUESTION:,}')
    own = f"{story_id}:"
    for wanted in [expect, *labelled.accept] if expect is not None else []:
        if wanted.removeprefix(own) not in entries:
            raise ValueError(f"no entry has id {wanted!r}")
    accept = tuple(a.removeprefix(own) for a in labelled.accept)
    return Asked(question, expect.removeprefix(own) if expect else None, accept)


def _toml_type(value: object) -> str:
    names: Mapping[type, str] = {
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)
