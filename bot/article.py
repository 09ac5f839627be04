"""The article as evidence: where a quote stands verbatim, and whom the article credits with it.

The loader (`bot.knowledge`) asks an `Article` where each quote is printed and
whether the sentences there give it to the speaker the curator names: read
sentence by sentence, with the saying clauses, titles, pronouns and quotation
marks a reporter writes. Most rules came from an attribution an earlier
version got wrong; tests/test_article.py keeps each as a case.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from bot.normalize import SAYING, fold_for_quote_check, fold_quotes

if TYPE_CHECKING:
    from bot.knowledge import Quote, Speaker

__all__ = ["PRONOUNS", "Article", "Credit", "Found"]

# Words of saying, as a reporter writes them beside who says: a question's
# (bot.normalize), and the voice raised ("Tom Hill shouted: …", "protesters
# chanted"). Not "shouts", "chanting" and the like: more often a crowd's or a
# description than a verb ("to chants of …", "a shouting match"). Whether a
# sentence tells of anyone speaking at all is read from SAYING alone: "Sirens
# screamed" and "Heckled and jeered, the mayor left" tell of no one's words.
_SAYING = SAYING | frozenset("shouted chanted yelled screamed".split())


_CONNECTORS = frozenset({"of", "from", "in", "at", "for", "with", "on", "to", "and"})


class Credit(NamedTuple):
    """Who a sentence says is speaking: `speaker`, or with a `title`, whoever speaks
    for them ("a spokesman for Dillon said"); where the sentence says so, and
    whether that is next to a word of saying."""

    speaker: Speaker
    title: _Title | None
    start: int
    end: int
    near: bool
    # Read from the sentence before, for a "he" or "she" that says the quote: likely
    # whom they mean, but the pronoun may point further back.
    inferred: bool = False
    # Given by the sentence before the quote's: a curator may know better.
    earlier: bool = False
    # The group a person speaks for by a title beside their name ("council
    # spokesman Tom Hill"): the words are the group's too.
    voice: Speaker | None = None

    def __str__(self) -> str:
        if self.title is None:
            return self.speaker.name
        return f"{self.speaker.name}'s {self.title.name}"


class _Title(NamedTuple):
    """A title beside a name ("the coalition spokesman"): the title, where the
    phrase starts and ends, and whether it picks out one person (the
    spokesman, not a spokesman nor officials)."""

    name: str
    start: int
    end: int
    one: bool
    # "a former council spokesman": no longer anyone's voice.
    former: bool = False


class Found(NamedTuple):
    """A quote found in the article: its 1-based paragraph, its text as the article
    prints it, and where that starts in the paragraph."""

    paragraph: int
    text: str
    start: int


class _Layout(NamedTuple):
    """Where a paragraph's sentences end (after the space that follows each), and
    where each of its runs of quoted characters stops (one past its last): found
    once for all the quotes in the paragraph, which may be long."""

    sentences: list[int]
    quotations: list[int]


class Article:
    """The article's paragraphs, searchable for verbatim quotes and named speakers."""

    def __init__(self, paragraphs: list[str], speakers: Mapping[str, Speaker]) -> None:
        self.paragraphs = paragraphs
        self.folded = [_FoldedText(p) for p in paragraphs]
        self.speakers = speakers
        # The capitalised words of speakers' names: a crowd beside one is not who
        # says the quotation ("Okafor said the demonstrators were peaceful").
        self._name_words = frozenset(
            w for s in speakers.values() for w in _WORDS.findall(s.name) if w[0].isupper()
        )
        self._name_forms: dict[str, tuple[list[str], list[str]]] = {}
        self._by_word: dict[str, list[Speaker]] | None = None
        # Paragraph number: which characters are quoted, and where a quotation is open.
        self._marks: dict[int, tuple[list[bool], list[bool]]] = {}
        self._blanked: dict[int, str] = {}
        self._layouts: dict[int, _Layout] = {}
        self._spans: dict[Found, list[tuple[int, int]]] = {}
        self._surnames: frozenset[str] | None = None
        self._groups = [(s.name, _group_pattern(s)) for s in speakers.values() if not s.is_person]
        # A speaker's name and a paragraph number: whether the paragraph names them.
        self._named: dict[tuple[str, int], bool] = {}
        self._joined = "\n".join(f.text for f in self.folded)
        self._starts = list(
            itertools.accumulate((len(f.text) + 1 for f in self.folded[:-1]), initial=0)
        )

    def find(self, quote: str) -> Iterator[Found]:
        """Each place in the article that holds `quote`, first to last."""
        needle = fold_for_quote_check(quote)
        if not needle:
            return
        # One search over the whole article finds the paragraphs worth a closer look;
        # a needle never holds the newline that separates them.
        at = self._joined.find(needle)
        while at != -1:
            index = bisect_right(self._starts, at) - 1
            # From where the article's search found it: the paragraph holds it no earlier.
            span = self.folded[index].find_words(needle, at - self._starts[index])
            if span is not None:
                yield Found(index + 1, *span)
            if index + 1 == len(self._starts):
                break
            at = self._joined.find(needle, self._starts[index + 1])

    def runs_on_from(self, quote: str) -> int | None:
        """The paragraph where `quote` starts if it runs on into the next one, as a
        quote does from an article wrapped at 72 characters."""
        needle = fold_for_quote_check(quote)
        at = self._joined.replace("\n", " ").find(needle) if needle else -1
        if at == -1:
            return None
        start = bisect_right(self._starts, at)
        return start if bisect_right(self._starts, at + len(needle) - 1) > start else None

    def _forms(self, speaker: Speaker) -> tuple[list[str], list[str]]:
        """The forms of a speaker's name, and the other speakers' names that hold one."""
        cached = self._name_forms.get(speaker.name)
        if cached is None:
            forms = [speaker.name]
            words = speaker.name.split()
            # "Selo" names Talal Selo and "the coalition" the US-led coalition, but
            # "Raqa" does not name "Tribal leaders from Raqa": after "from" or "of",
            # the last word is not who is speaking.
            if len(words[-1]) >= 3 and not _CONNECTORS.intersection(words):
                forms.append(words[-1])
            # Only a name that contains one of the forms can hide a match of it.
            others = [
                s.name
                for s in self.speakers.values()
                if s.name != speaker.name and any(form in s.name for form in forms)
            ]
            cached = self._name_forms[speaker.name] = (forms, others)
        return cached

    def names(self, speaker: Speaker, paragraph: int) -> bool:
        """Whether the article names `speaker` in `paragraph` or the two before it.

        A last name inside another speaker's full name does not count, so a
        quote of Laila Mostafa is not vouched for by "Mostafa Bali".
        """
        return any(
            self._named_in_paragraph(speaker, number)
            for number in range(max(1, paragraph - 2), paragraph + 1)
        )

    def named_beside(self, speaker: Speaker, found: Found) -> bool:
        """names, but against a "he" or "she" who says the quote, not by the
        quote's own words: in "He said the coalition had paid" the coalition is
        what he said ("Hamas remains committed, the group said" is Hamas's)."""
        paragraph = found.paragraph
        if any(
            self._named_in_paragraph(speaker, n) for n in range(max(1, paragraph - 2), paragraph)
        ):
            return True
        if not self._named_in_paragraph(speaker, paragraph):
            return False
        if self._sayer_of(found) not in PRONOUNS:
            return True
        text, end = self.paragraphs[paragraph - 1], found.start + len(found.text)
        return self.named_in(speaker, text[: found.start] + " " * len(found.text) + text[end:])

    def named_before(self, speaker: Speaker, found: Found) -> bool:
        """Whether the article names `speaker` before the end of the sentence
        holding the words at `found`: in that paragraph or the two before. A
        quotation that only a later sentence could give a speaker ("A sign on
        the fence reads “Our pier.” Dillon said the coalition had not put it
        there.") is not theirs."""
        paragraph = found.paragraph
        if any(
            self._named_in_paragraph(speaker, n) for n in range(max(1, paragraph - 2), paragraph)
        ):
            return True
        start, stop = self._sentences(found)[0]
        unquoted = self._unquoted(paragraph)
        # A quotation standing alone may still be given its speaker by the next
        # sentence: "“Who will pay?” Reyes, the harbour master, asked."
        if not _WORDS.search(unquoted, start, stop):
            return True
        # Its own words may name it: "“Hamas remains committed,” the group said".
        return self.named_in(speaker, self.paragraphs[paragraph - 1][:stop])

    def ever_names(self, speaker: Speaker) -> bool:
        """Whether any paragraph of the article names `speaker`, as `names` reads them."""
        return any(
            self._named_in_paragraph(speaker, number)
            for number in range(1, len(self.paragraphs) + 1)
        )

    def _named_in_paragraph(self, speaker: Speaker, paragraph: int) -> bool:
        # Kept: every quote of a paragraph asks again, and reading a long paragraph
        # for each made loading it quadratic.
        key = (speaker.name, paragraph)
        named = self._named.get(key)
        if named is None:
            named = self._named[key] = self.named_in(speaker, self.paragraphs[paragraph - 1])
        return named

    def says_another_pronoun(self, speaker: Speaker, found: Found) -> str:
        """The "he" or "she" the sentence holding a quote says it with, when the
        curator gave `speaker` the other one; else ""."""
        if not speaker.pronoun:
            return ""
        return self._pronoun_against(speaker, found, self.credit(speaker, found))

    def _pronoun_against(self, speaker: Speaker, found: Found, credit: Credit | None) -> str:
        if not speaker.pronoun:
            return ""
        if credit is not None and not credit.inferred:
            return ""  # the sentence names who says it: "Reyes said he had “lied”"
        said_by = self._sayer_of(found)
        return said_by if said_by in PRONOUNS and said_by != speaker.pronoun else ""

    def _sayer_of(self, found: Found) -> str:
        """The "he" or "she" who says a quote (see _sayer): its sentence's, or for
        a quotation standing alone after one a "he" or "she" said, theirs:
        "“It is a mess,” she said. “Nobody is in charge.”" is hers too."""
        spans = self._sentences(found)
        unquoted = self._unquoted(found.paragraph)
        own = unquoted[spans[0][0] : spans[0][1]]
        said_by = _sayer(own)
        if said_by or len(spans) < 2 or _WORDS.search(own) or not self.in_quotation_marks(found):
            return said_by
        before = spans[1]
        if not any(self._quotation_marks(found.paragraph)[0][before[0] : before[1]]):
            return ""  # the sentence before quotes no one
        return _sayer(unquoted[before[0] : before[1]])

    def vouches(self, speaker: Speaker, found: Found) -> bool:
        """Whether the article credits the words it printed at `found` to `speaker`.

        A "he" or "she" whose sentence names nobody is read as the person the
        sentence before credits, or as whoever speaks for the group it credits
        (a speaker whose role is its spokesman or the like). Anyone else may be meant, but
        the check cannot tell: a curator may vouch. Failing any credit, words
        in quotation marks or in a sentence with a word of saying are the
        speaker's if the article named them just before; other words are the
        reporter's own. Out of quotation marks, so are words that describe
        someone, put a question, say what was denied or follow a quotation's
        saying (describes, put_to, denied, after_its_saying), and words whose
        sentence tells of no one speaking (tells_of_nothing_said); quoted or
        not, words someone is only said to have said (alleged).
        """
        if (
            self.describes(found)
            or self.after_its_saying(found)
            or self.put_to(found, speaker)
            or self.denied(found, speaker)
            or self.alleged(found)
        ):
            return False
        credit = self.credit(speaker, found)
        if (
            self._pronoun_against(speaker, found, credit)
            or self.unnamed_sayer(speaker, found, credit)
            or self.other_sayer(found, credit)
        ):
            return False
        if credit is None:
            return (
                self.named_beside(speaker, found)
                and self.named_before(speaker, found)
                and self.tells_of_saying(found)
                and self.spoke_since(speaker, found) is None
            )
        if self.tells_of_nothing_said(found, credit):
            return False
        if credit.earlier and not self.tells_of_saying(found):
            # "Dillon said the coalition had 200 members. Its website lists 140.":
            # a sentence of the reporter's after a saying is the reporter's.
            return False
        if credit.inferred and not credit.speaker.is_person and credit.title is None:
            return self.gives(credit, speaker) or self._speaks_for(speaker, credit.speaker)
        return self.gives(credit, speaker)

    def spoke_since(self, speaker: Speaker, found: Found) -> int | None:
        """For words a "he" or "she" says in a paragraph that does not name
        `speaker`, whose pronoun it is: the nearer paragraph before, if either,
        where another person who may be that "he" or "she" speaks, before any
        naming `speaker` ("Selo said …" / "Bali described …" / "…, he said." is
        Bali's)."""
        paragraph = found.paragraph
        if not speaker.pronoun or self._named_in_paragraph(speaker, paragraph):
            return None
        if self._sayer_of(found) != speaker.pronoun:
            return None
        for number in range(paragraph - 1, max(1, paragraph - 2) - 1, -1):
            if self._named_in_paragraph(speaker, number):
                return None
            if self._has_a_person_speak(number, speaker.pronoun):
                return number
        return None

    def _has_a_person_speak(self, paragraph: int, pronoun: str) -> bool:
        """Whether a person `pronoun` may mean (theirs, or none given) speaks in
        `paragraph`, next to a word of saying ("Bali described …"). (Not one who
        only opens a sentence: "Lukas Brandt was killed in a strike.")"""
        unquoted = fold_quotes(self._unquoted(paragraph))
        people = [
            s for s in self._speakers_in(unquoted) if s.is_person and s.pronoun in ("", pronoun)
        ]
        if not people or not _tells(unquoted, SAYING):
            return False
        credits = self._chosen_credits(unquoted, near_saying=True)
        return any(c.speaker in people for c in credits)

    def unnamed_sayer(self, speaker: Speaker, found: Found, credit: Credit | None) -> str:
        """Who, unnamed, says the words of the sentence holding a quote, or "": one
        of a kind where the sentence credits nobody ("a reporter asked", "said one
        fisherman."), or a crowd beside the quotation (see _crowd_beside)."""
        says = _UNNAMED_SAYS.search(self._own_sentence(found)) if credit is None else None
        if says is None:
            says = self._crowd_beside(speaker, found)
        return " ".join(says[0].split()).rstrip(".,;") if says else ""

    def other_sayer(self, found: Found, credit: Credit | None) -> str:
        """Who else says the words of the sentence holding a quote, by a name the
        knowledge file does not give a speaker, when the sentence credits no
        speaker: "Council member Dana Whitley said …", "said Martin Cole"."""
        if credit is not None:
            return ""
        sentence = self._own_sentence(found)
        # "according to the authority's own estimates", "according to a report".
        if according := _ACCORDING_TO_ANOTHER.search(sentence):
            source = re.split(r"[,;:]", sentence[according.start() :], maxsplit=1)[0]
            # Not a speaker's: "according to a statement from the council".
            if not any(any(self._mentions(s, source)) for s in self._speakers_in(source)):
                return " ".join(_WORDS.findall(source)[:6])
        # "Marsh said", after "Councillor Ellen Marsh" earlier in the article.
        for says in _SURNAME_SAYS.finditer(sentence):
            if (says["before"] or says["after"]) in self._others_surnames():
                return " ".join(says[0].split())
        for says in _OTHER_NAMED_SAYS.finditer(sentence):
            who = says["who"] or says["after"]
            # Not a day ("On Monday Hill said"), nor anyone the file gives a speaker
            # ("Police Chief Grace Okafor", "The Eastport City Council").
            if _CALENDAR.isdisjoint(w.casefold() for w in _WORDS.findall(who)) and not (
                self._speakers_in(who)
            ):
                return " ".join(says[0].split())
        return ""

    def _others_surnames(self) -> frozenset[str]:
        """The last words of the names of two or more capitalised words the article
        prints that are not its speakers' ("Councillor Ellen Marsh"): alone
        beside a word of saying, they name another person ("Marsh said")."""
        if self._surnames is None:
            self._surnames = frozenset(
                m["last"]
                for paragraph in self.paragraphs
                for m in _FULL_NAME.finditer(fold_quotes(paragraph))
                if m["last"] not in self._name_words
            )
        return self._surnames

    def _crowd_beside(self, speaker: Speaker, found: Found) -> re.Match[str] | None:
        """A crowd saying the quotation that holds a quote (or the quote's own
        words, if in none): right before it ("protesters chanted “…”", "chants
        of “…”", "residents said that …") or a few words after it, with no one
        else saying anything between and no sayer of its own before it ("“…!”
        someone in the crowd shouted"). Not a crowd beside another quotation of
        the sentence ("Over chants of “Resign!”, Hill said: “I hear you.”"), one
        the speaker talks over ("“…,” Hill vowed as protesters jeered", "Hill
        said the pier would reopen, but residents said …"), one in an aside ("as
        residents warned", "whom residents described as"), nor `speaker` itself."""
        start, stop = self._sentences(found)[0]
        unquoted = self._unquoted(found.paragraph)
        inside = self._quotation_marks(found.paragraph)[0]
        first, last = found.start, found.start + len(found.text)
        while first > start and inside[first - 1]:
            first -= 1
        while last < stop and inside[last]:
            last += 1
        # Words with a sayer of their own just before them: "Hill said the pier …".
        introduced = any(_is(w, _SAYING) for w in _WORDS.findall(unquoted, start, first)[-4:])
        for crowd in _CROWD_SAYS.finditer(unquoted, start, stop):
            before = "".join(_WORDS.findall(unquoted, start, crowd.start())[-1:])
            if (
                self.named_in(speaker, crowd[0])
                or _is(before, _ASIDE_OPENERS)
                # "Okafor said the demonstrators were peaceful": what she said.
                or (crowd["inverted"] and (_is(before, _SUBJECTS) or before in self._name_words))
            ):
                continue
            told = False
            if crowd.end() <= first:  # "protesters chanted “…”", "residents said that …"
                gap = (crowd.end(), first)
                # Past whom they tell ("Residents told Tom Hill: “…”"); none after "of".
                last_word = _WORDS.findall(crowd[0])[-1]
                told = _is(last_word, _TELLING)
                most = 3 if told else 0 if last_word == "of" else 1
            elif crowd.start() >= last and not introduced:  # "“…!” someone … shouted"
                gap, most = (last, crowd.start()), 4
            else:
                continue
            between = _WORDS.findall(unquoted, *gap)
            if (
                len(between) <= most
                and not any(inside[gap[0] : gap[1]])
                and ";" not in unquoted[gap[0] : gap[1]]
                and not any(
                    _is(w, _SAYING)
                    or _is(w, _SUBJECTS)
                    or _is(w, _CONJUNCTIONS)
                    or (w in self._name_words and not told)
                    for w in between
                )
            ):
                return crowd
        return None

    def _speaks_for(self, speaker: Speaker, group: Speaker) -> bool:
        """Whether `speaker`'s role makes them the one who speaks for `group`:
        "Hamas spokesman" for Hamas, not "Kremlin critic" for the Kremlin."""
        role = fold_quotes(speaker.role or "")
        return any(
            (title := _title_of(role, start, end)) is not None and title.one
            for start, end in self._mentions(group, role)
        )

    def tells_of_nothing_said(self, found: Found, credit: Credit | None) -> bool:
        """Whether the words at `found`, out of quotation marks, stand in a sentence
        that names whom `credit` credits but tells of no one speaking: no word
        of speech ("said", "vowed", "conceded", "his account"), as in "Tom Hill
        was elected in 2019" or "Okafor would not confirm that anyone had
        been charged"."""
        return (
            credit is not None
            and not credit.earlier
            and not credit.inferred
            and not self.in_quotation_marks(found)
            and not _tells(self._own_sentence(found), _SPEECH)
        )

    def tells_of_saying(self, found: Found) -> bool:
        """Whether the words at `found` are in quotation marks, or in a sentence
        with a word of saying outside them. ("He was elected in 2019" is the
        reporter's, however recently he spoke.)"""
        if self.in_quotation_marks(found):
            return True
        sentence = self._own_sentence(found)
        return _tells(sentence, SAYING)

    def credit(self, speaker: Speaker, found: Found) -> Credit | None:
        """Whom the sentence holding a quote credits with its words: `speaker` when
        it can, else another speaker (words in a sentence that ends "said Colonel
        Ryan Dillon" are not Selo's, however recently Selo was named), or None.

        Words in quotation marks are not who speaks, nor is a name after "of",
        "to", "told"... ("he said of Dillon"). A name with a title ("the
        coalition spokesman", "Dillon's spokesman", "a spokesman for Dillon")
        credits whoever speaks for that speaker, unless it stands beside a
        name, which it describes ("Ann Reyes, a member of the council, said").
        Whoever is named next to a word of saying is who speaks: in "the
        spokeswoman said as Tom Hill looked on" Hill does not. In a sentence of
        two sayings ("Tom Hill said …, while Ann Reyes said …") each speaks
        their own clause (_in_own_clause). When a "he" or
        "she" says the words, no one else counts but next to a word of saying:
        in "the coalition was wrong, she said" the coalition is talked about. A
        quote in a sentence that credits nobody is the speaker's of the sentence
        before, if that one credits somebody. For a "he" or "she" that says it,
        that is a person or whoever speaks for a group by title ("Oyelaran said
        the pipe split. “It was on our list,” he said."), and only likely: the
        credit is marked inferred (see vouches).
        """
        unquoted = self._unquoted(found.paragraph)
        pronoun = ""  # the "he", "she" or "they" that says the quote's sentence
        opened = self._quotation_marks(found.paragraph)[1]
        spans = self._sentences(found)
        for n, (start, stop) in enumerate(spans):
            sentence = unquoted[start:stop]
            says = _PRONOUN_SAYS.search(sentence)
            # A name among the quote's own words is what was said, not who says it:
            # "the coalition had paid" in "Tom Hill said the coalition had paid".
            skip = (
                (found.start - start, found.start - start + len(found.text)) if n == 0 else (0, 0)
            )
            # In the sentence before, only a speaker next to a word of saying counts:
            # "Ryan Dillon was absent" does not make the next quote his.
            near = says is not None or n > 0
            # The quote's own sentence: its quotations, to tell its clauses apart.
            quoted = self._quotation_marks(found.paragraph)[0][start:stop] if n == 0 else None
            credits = self._chosen_credits(sentence, near_saying=near, skip=skip, quoted=quoted)
            if says is not None and says["subject"]:
                # "He said the council would pay": the council is what he said.
                credits = [c for c in credits if c.start < says.start()]
            if pronoun in ("he", "she"):
                # A person, or whoever speaks for a group ("the coalition spokesman");
                # failing those, the group, for whoever speaks for it ("Hamas said ….
                # “…,” he said").
                people = [c for c in credits if c.speaker.is_person or c.title is not None]
                credits = people or credits
            if credits and not speaker.is_person and self._on_behalf_of(speaker, sentence):
                # "Dillon, speaking for the coalition, said …": the coalition's words.
                credits = [
                    c._replace(voice=speaker) if c.speaker.is_person and c.voice is None else c
                    for c in credits
                ]
            if credits:
                chosen = next((c for c in credits if self.gives(c, speaker)), credits[0])
                if pronoun in PRONOUNS and chosen.speaker.pronoun not in ("", pronoun):
                    chosen = chosen._replace(voice=None)  # "she" for the group's "he"
                # Within one quotation ("Reyes said: “The pier is weak. We will close
                # it.”") the sentence before is the quote's own credit.
                earlier = n > 0 and not opened[spans[0][0]]
                return chosen._replace(inferred=bool(pronoun), earlier=earlier)
            if says is not None:
                pronoun = (says["subject"] or says["after"]).casefold()
        return None

    def _chosen_credits(
        self,
        sentence: str,
        *,
        near_saying: bool,
        skip: tuple[int, int] = (0, 0),
        quoted: Sequence[bool] | None = None,
    ) -> list[Credit]:
        """Whom `sentence` credits, as credit reads it: not a name a title beside it
        describes nor a person named as what another said, and those next to a
        word of saying before the rest.

        In the quote's own sentence (`quoted` gives which of its characters are
        in quotation marks), only the clause holding the quote, at `skip`,
        counts (_in_own_clause); and not a group named as what a person said
        either ("Ann Reyes said the council had paid for the survey"), unless
        the person speaks for it ("Council spokeswoman Ann Reyes said the
        council would pay") or the sentence has it say something itself. In
        the sentence before, "“…,” they said" may be the group's."""
        return self._read_credits(sentence, near_saying=near_saying, skip=skip, quoted=quoted)[0]

    def _read_credits(
        self,
        sentence: str,
        *,
        near_saying: bool,
        skip: tuple[int, int] = (0, 0),
        quoted: Sequence[bool] | None = None,
    ) -> tuple[list[Credit], list[Credit]]:
        """_chosen_credits, and the people (in the quote's own sentence, the groups
        too) it leaves out as what another said."""
        groups = quoted is not None
        found = list(self._credits_in(sentence, near_saying=near_saying, skip=skip))
        named = [c for c in found if c.title is None]
        kept: list[Credit] = []
        voices: dict[Credit, Speaker] = {}
        for credit in found:
            described = _beside(credit, named, sentence)
            if described is None:
                kept.append(credit)
            elif _speaks_for_group(credit, sentence):
                # A title describes the name beside it; a spokesman's also speaks
                # for the group it names ("Tom Hill, a council spokesman, said").
                voices.setdefault(described, credit.speaker)
        # "Ann Reyes and Tom Hill said": both say it, however far she is from "said".
        joined = {
            c.start
            for c in kept
            if any(o.near and _JOINED.fullmatch(sentence, c.end, o.start) for o in kept)
        }
        voice_at = {c.start: group for c, group in voices.items()}
        kept = [c._replace(near=True) if c.start in joined else c for c in kept]
        said = [
            c
            for c in kept
            if _said_by_another(c, kept, sentence)
            or _told_of_between_commas(c, kept, sentence)
            or (
                groups
                and not c.speaker.is_person
                and c.title is None
                and _said_by_another(c, kept, sentence, groups=True)
                and not self._says_itself(c.speaker, sentence)
                and not any(
                    voice_at.get(p.start) == c.speaker or self._speaks_for(p.speaker, c.speaker)
                    for p in kept
                )
            )
        ]
        credits = [c for c in kept if c not in said]
        if quoted is not None and len(credits) > 1:
            credits = _in_own_clause(credits, sentence, skip, quoted)
        credits = [c for c in credits if c.near] or credits
        # Only for the one who speaks, or those who speak together ("Tom Hill, a
        # council spokesman, and Ryan Dillon, a coalition spokesman, both said"):
        # with two spokesmen saying two things in one sentence, which group's
        # words are which the check cannot tell.
        *first, _ = sorted(c.start for c in credits) or [0]
        if all(start in joined for start in first):
            credits = [c._replace(voice=voice_at.get(c.start)) for c in credits]
        return credits, said

    def _on_behalf_of(self, group: Speaker, sentence: str) -> bool:
        """Whether `sentence` has someone speak on behalf of `group`: "speaking for
        the coalition", "reading a statement on behalf of the council", "on the
        coalition's behalf"."""
        return any(_on_behalf_pattern(form).search(sentence) for form in self._forms(group)[0])

    def _says_itself(self, group: Speaker, sentence: str) -> bool:
        """Whether `sentence` has `group` say something, itself ("…, but the council
        said it could not afford it": a word of saying among the three words
        after it) or through whoever speaks for it ("Council spokeswoman Ann
        Reyes said")."""
        # Any case: a title may begin the sentence ("Council spokeswoman …").
        mentions = (
            m.span()
            for form in self._forms(group)[0]
            for m in _word_pattern(form, any_case=True).finditer(sentence)
        )
        return any(
            not _SAYING.isdisjoint(w.casefold() for w in _WORDS.findall(sentence, end)[:3])
            or ((title := _title_of(sentence, start, end)) is not None and title.one)
            for start, end in mentions
        )

    def named_as_said(self, speaker: Speaker, found: Found) -> bool:
        """Whether the sentence holding a quote names `speaker` only as what another
        person said ("Ann Reyes said Tom Hill found the plan “a disgrace”"):
        whose words those are, the check cannot tell."""
        said = self._read_credits(self._own_sentence(found), near_saying=False)[1]
        return any(c.speaker == speaker and c.title is None for c in said)

    def _own_sentence(self, found: Found) -> str:
        """The sentence holding the words at `found`, its quotations blanked."""
        start, stop = self._sentences(found)[0]
        return self._unquoted(found.paragraph)[start:stop]

    def gives(self, credit: Credit, speaker: Speaker) -> bool:
        """Whether `credit` gives the words to `speaker`: it names them, or the one
        person with the title that `speaker`'s role gives them ("the coalition
        spokesman", and Dillon, "spokesman for the US-led coalition")."""
        if credit.voice is not None and credit.voice.name == speaker.name:
            return True  # "council spokesman Tom Hill said" for the council
        if credit.title is not None and credit.title.former:
            return False
        if credit.speaker.name == speaker.name:
            # A group speaks through its spokesman; a person's spokesman or aide is
            # someone else ("Hill's spokesman said").
            return credit.title is None or not speaker.is_person
        if credit.title is None or not credit.title.one or not speaker.role:
            return False
        role = fold_quotes(speaker.role)
        if "former" in role.casefold().split():
            return False  # the council's spokeswoman now is someone else
        for start, end in self._mentions(credit.speaker, role):
            title = _title_of(role, start, end)
            if title is not None and title.name.casefold() == credit.title.name.casefold():
                return True
        return False

    def _credits_in(
        self, sentence: str, *, near_saying: bool, skip: tuple[int, int] = (0, 0)
    ) -> Iterator[Credit]:
        """Each speaker `sentence` names as who speaks, or as whom the one speaking
        speaks for; with `near_saying`, only next to a word of saying. Not a name
        in sentence[skip[0]:skip[1]], the quote's own words: what was said."""
        # "a spokesman, who declined to be named": a title that names no one.
        anonymous = _ANONYMOUS.search(sentence) is not None
        for speaker in self._speakers_in(sentence):
            first: Credit | None = None
            # First to last, and the first beside a word of saying before any other:
            # in "… in a union ballot, the union said" the union speaks at the end.
            for start, end in sorted(self._mentions(speaker, sentence)):
                if skip[0] <= start < skip[1]:
                    continue
                if _SOMEONE_OF.match(sentence, end) or (
                    _MEMBER_OF.match(sentence, end) and not speaker.is_person
                ):
                    # "Tom Hill's wife, Sarah, said", "Council member Jo Park said":
                    # she speaks, not he nor the council.
                    continue
                title = _title_of(sentence, start, end)
                if title is not None and anonymous:
                    title = title._replace(one=False)
                # "A spokesman for Dillon" as a whole may be talked about: "she told ...".
                begin, stop = (title.start, title.end) if title else (start, end)
                if _object_of(sentence, begin):
                    continue
                near = _near_saying(sentence, begin, stop)
                if near:
                    first = Credit(speaker, title, begin, stop, near)
                    break
                if first is None and not near_saying:
                    first = Credit(speaker, title, begin, stop, near)
            if first is not None:
                yield first

    def speaks_in(self, speaker: Speaker, text: str) -> bool:
        """Whether `text` itself says that `speaker` speaks: a word of saying, and
        `speaker` named as who speaks ("Bali described…", "Omar Alloush of the
        Raqa Civil Council said"), not as whom the words are about."""
        folded = fold_quotes(text)
        if not _tells(folded):
            return False
        return any(c.speaker == speaker for c in self._credits_in(folded, near_saying=False))

    def named_in(self, speaker: Speaker, text: str) -> bool:
        return any(self._mentions(speaker, fold_quotes(text)))

    def people(self, question: str, answer: str, quotes: Sequence[Quote]) -> tuple[str, ...]:
        """Whom an entry's "he" or "she" means (see Entry.people)."""
        quoted = [q.speaker.name for q in quotes if q.speaker.is_person]
        if quoted:
            return tuple(dict.fromkeys(quoted))
        asked = self._people_in(question)
        named = self._people_in(answer)
        return asked or (named if len(named) == 1 else ())

    def groups(self, answer: str) -> tuple[str, ...]:
        """Whom an entry's "they" means (see Entry.groups): the groups quoted that
        `answer` names, by name or by the key the file gives them ("the SDF",
        "the coalition"). Compiled once per story: a large one quotes hundreds."""
        return tuple(name for name, pattern in self._groups if pattern.search(answer))

    def reported(self, answer: str) -> tuple[str, ...]:
        """The people `answer` reports as saying something: in a sentence with a
        word of saying, the first it credits as credit reads them, if a person."""
        folded = fold_quotes(answer)
        found: dict[str, None] = {}
        for start, stop in _sentence_spans(folded):
            sentence = folded[start:stop]
            if not _tells(sentence):
                continue
            # Who speaks, as credit reads it, the first named: in "the council said
            # Hill was to blame" the council, no person.
            credits = self._chosen_credits(sentence, near_saying=False)
            first = min(credits, key=lambda c: c.start, default=None)
            if first is not None and first.speaker.is_person:
                found[first.speaker.name] = None
        return tuple(found)

    def _people_in(self, text: str) -> tuple[str, ...]:
        folded = fold_quotes(text)
        return tuple(
            s.name for s in self._speakers_in(folded) if s.is_person and self.named_in(s, folded)
        )

    def _speakers_in(self, folded: str) -> list[Speaker]:
        """The speakers that `folded` may name, in file order: those with a form whose
        last word it holds. (A story of thousands of entries has hundreds.)"""
        if self._by_word is None:
            self._by_word = {}
            for speaker in self.speakers.values():
                if speaker.name:
                    for form in self._forms(speaker)[0]:
                        # As sentences are looked up: "O’Brien" is found by "Brien".
                        last = _WORDS.findall(fold_quotes(form))[-1:]
                        for word in last:
                            # "the coalition" in any case: "Harbour Coalition".
                            key = word.casefold() if _any_case(speaker) else word
                            self._by_word.setdefault(key, []).append(speaker)
        found = {
            s.key
            for w in _WORDS.findall(folded)
            for key in {w, w.casefold()}
            for s in self._by_word.get(key, ())
        }
        return [s for s in self.speakers.values() if s.key in found]

    def _mentions(self, speaker: Speaker, folded: str) -> Iterator[tuple[int, int]]:
        """Where `folded` (text through fold_quotes) names `speaker`; a form inside
        another speaker's name is not."""
        forms, others = self._forms(speaker)
        # "the council" in any case: "The council said", "Eastport City Council".
        any_case = _any_case(speaker)
        seen = folded.casefold() if any_case else folded
        if not any(fold_quotes(form.casefold() if any_case else form) in seen for form in forms):
            return  # the common case, and cheap: most speakers are not in a sentence
        taken = [m.span() for name in others for m in _word_pattern(name).finditer(folded)]
        for form in forms:
            for match in _word_pattern(form, any_case=any_case).finditer(folded):
                start, end = match.span()
                if not any(a <= start and end <= b for a, b in taken):
                    yield start, end

    def describes(self, found: Found) -> str:
        """The clause describing a speaker that the words at `found` lie in, even in
        part, if they are not in quotation marks; else "". "who runs the bait
        shop" in "Priya Nair, who runs the bait shop, said …" is the reporter's
        telling who she is, not what she said. A clause that says something
        first is not a description: "Tom Hill, who said last month that the pier
        was safe, …"."""
        if self.in_quotation_marks(found):
            return ""
        start, stop = self._sentences(found)[0]
        sentence = self._unquoted(found.paragraph)[start:stop]
        begin, end = found.start - start, found.start - start + len(found.text)
        clauses = [c for c in _DESCRIBING.finditer(sentence) if c.start() < end and c.end() > begin]
        if not clauses:
            return ""  # the common case, decided before reading who the sentence names
        ends = {e for s in self._speakers_in(sentence) for _, e in self._mentions(s, sentence)}
        for clause in clauses:
            before = sentence[: clause.start()].rstrip()
            if len(before) not in ends:
                aside = _DESCRIBED.search(before)
                if aside is None or len(before[: aside.start()].rstrip()) not in ends:
                    continue
            if not _tells(sentence[clause.start() : max(begin, clause.start())]):
                return clause.group().strip(" ,.(\u2013\u2014-")
        return ""

    def put_to(self, found: Found, speaker: Speaker) -> bool:
        """Whether the words at `found`, not in quotation marks, are a question put
        to someone, not their answer: the question a sentence opens with ("Asked
        whether the pier could be saved, Reyes said: “…”"), one put "when asked"
        ("Hill did not answer when asked whether …"), or, for `speaker`, one put
        to them ("Nair asked Okafor why the officer had not been suspended")."""
        if self.in_quotation_marks(found):
            return False
        start, stop = self._sentences(found)[0]
        sentence = self._unquoted(found.paragraph)[start:stop]
        if "sked" not in sentence:
            return False  # the common case: no one "asked" (or "Asked")
        at = found.start - start
        asked = _ASKED.match(sentence)
        if asked is not None and at < asked.end():
            return True
        for question in _ASKED_WHETHER.finditer(sentence):
            asks = question.start("asks")
            if asks > at or any(_CLAUSE_END.finditer(sentence, asks, at)):
                continue
            whom = question["whom"]
            if whom is None or any(self._mentions(speaker, whom)):
                return True
        return False

    def denied(self, found: Found, speaker: Speaker) -> bool:
        """Whether the words at `found`, not in quotation marks, are what a sentence
        denies, and not `speaker`'s claim: "Okafor denied that officers had used
        pepper spray", "it was “simply untrue” that …"; "Hill rejected the
        coalition's claim that …" (the coalition's, not Hill's)."""
        if self.in_quotation_marks(found):
            return False
        start, stop = self._sentences(found)[0]
        # Quotations kept: the denial may be one ("said it was “simply untrue” that").
        sentence = fold_quotes(self.paragraphs[found.paragraph - 1][start:stop])
        at = found.start - start
        return any(
            denial.end() <= at
            and not any(_CLAUSE_END.finditer(sentence, denial.end(), at))
            # The claim denied is its maker's: "rejected the coalition's claim that".
            and not any(self._mentions(speaker, denial[0]))
            for denial in _DENIAL.finditer(sentence, 0, at)
        )

    def alleged(self, found: Found) -> bool:
        """Whether the words at `found`, quoted or not, are what someone is only said
        to have said: "Hill denied telling fishermen the dock would be “free for
        locals”", "Nair accused Hill of calling renters “temporary people”"."""
        start, stop = self._sentences(found)[0]
        sentence = fold_quotes(self.paragraphs[found.paragraph - 1][start:stop])
        at = found.start - start
        return any(
            said.end() <= at and not any(_CLAUSE_END.finditer(sentence, said.end(), at))
            for said in _ALLEGED.finditer(sentence, 0, at)
        )

    def after_its_saying(self, found: Found) -> bool:
        """Whether the words at `found`, not in quotation marks, follow a quotation and
        the saying that gives it its speaker, past a comma, "and", "as", "but" or
        the like, with no word of saying of their own: in "“We will rebuild,”
        Hill said, but he gave no date" or "…, Hill said, pointing to the
        letters" what Hill said is the quotation, and the rest is the
        reporter's. ("…, Hill said, adding that …" says more.)"""
        if self.in_quotation_marks(found):
            return False
        start, stop = self._sentences(found)[0]
        sentence = self._unquoted(found.paragraph)[start:stop]
        if not sentence[:3].isspace():
            return False  # the common case: the sentence opens with no quotation
        begin = found.start - start
        for saying in _WORDS.finditer(sentence, 0, begin):
            if saying[0].casefold() not in _SAYING:
                continue
            # What stands before the saying: a quotation, then who says it, if anyone.
            if not _AFTER_QUOTATION.fullmatch(sentence, 0, saying.start()):
                continue
            # A quotation ended by a full stop is a sentence of its own, not what
            # the saying after it says: "“Evacuate now.” Okafor said the office had
            # sent it, and that …" is hers to the end.
            blank = len(sentence) - len(sentence.lstrip())
            quotation = fold_quotes(self.paragraphs[found.paragraph - 1][start : start + blank])
            if quotation.rstrip().rstrip("”’\"'").endswith("."):
                continue
            close = _ATTRIBUTION_END.match(sentence, saying.end(), begin)
            if close is not None and not _tells(sentence[close.end() : begin], _SAYING_ON):
                return True
        return False

    def in_quotation_marks(self, found: Found) -> bool:
        """Whether a quote starts inside quotation marks, double or single (‘…’):
        somebody's words. (One that only holds some, such as a “caliphate” in
        scare quotes, may be the writer's.)"""
        return self._quotation_marks(found.paragraph)[1][found.start]

    def _quotation_marks(self, paragraph: int) -> tuple[list[bool], list[bool]]:
        marks = self._marks.get(paragraph)
        if marks is None:
            marks = self._marks[paragraph] = _quotation_marks(self.paragraphs[paragraph - 1])
        return marks

    def _sentences(self, found: Found) -> list[tuple[int, int]]:
        """Where the sentence holding a quote starts and stops, then the sentence
        before it. A quote inside quotation marks runs to the sentence where they
        close: "The town will fall. We are ready," Dillon said."""
        # Kept: each rule of the check asks again for the same quote.
        spans = self._spans.get(found)
        if spans is None:
            spans = self._spans[found] = self._find_sentences(found)
        return spans

    def _find_sentences(self, found: Found) -> list[tuple[int, int]]:
        layout = self._layout(found.paragraph)
        quoted = self._quotation_marks(found.paragraph)[0]
        end = found.start + len(found.text)
        if end < len(quoted) and quoted[end]:
            end = layout.quotations[bisect_right(layout.quotations, end)]
        # Bisected, not scanned: a paragraph of wire copy may have hundreds of
        # sentences, and a quote from each.
        ends = layout.sentences
        first = bisect_right(ends, found.start)
        begin = ends[first - 1] if first else 0
        after = bisect_right(ends, end)
        stop = ends[after] if after < len(ends) else len(quoted)
        if not begin:
            return [(begin, stop)]
        before = ends[first - 2] if first > 1 else 0
        return [(begin, stop), (before, begin)]

    def _layout(self, paragraph: int) -> _Layout:
        layout = self._layouts.get(paragraph)
        if layout is None:
            quoted = self._quotation_marks(paragraph)[0]
            layout = self._layouts[paragraph] = _Layout(
                _sentence_ends(self.paragraphs[paragraph - 1]),
                [
                    stop
                    for stop in range(1, len(quoted) + 1)
                    if quoted[stop - 1] and (stop == len(quoted) or not quoted[stop])
                ],
            )
        return layout

    def _unquoted(self, paragraph: int) -> str:
        """A paragraph with what is in quotation marks blanked out: who speaks is
        never inside them. A "called" before a quotation reads as "stated"."""
        text = self._blanked.get(paragraph)
        if text is None:
            quoted = self._quotation_marks(paragraph)[0]
            folded = fold_quotes(self.paragraphs[paragraph - 1])
            text = "".join(
                " " if inside else char for char, inside in zip(folded, quoted, strict=True)
            )
            # "Tom Hill called the plan “a disgrace”": calling something a quotation
            # is saying it, as "called the vote at 11 p.m." is not.
            for called in _CALLED.finditer(folded):
                # Not "what Tom Hill has called “…”": his words, but another's clause.
                if quoted[called.end() - 1] and not _WHAT.search(folded, 0, called.start()):
                    text = f"{text[: called.start()]}stated{text[called.start() + 6 :]}"
            # "Tom Hill put the cost at $4 million": an estimate is said.
            for put in _PUT_AT.finditer(text):
                text = f"{text[: put.start()]}say{text[put.start() + 3 :]}"
            # "Hill did not say whether …", "Brandt never said …": no saying at all.
            for negated in _NEGATED.finditer(text):
                start, end = negated.span("verb")
                text = f"{text[:start]}{'_' * (end - start)}{text[end:]}"
            self._blanked[paragraph] = text
        return text


class _FoldedText:
    """A paragraph folded for quote comparison, mapping back to the original characters."""

    def __init__(self, original: str) -> None:
        self.original = original
        chars: list[str] = []
        origin: list[int] = []
        pending_space = False
        for i, char in enumerate(fold_quotes(original)):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                origin.append(i)
                pending_space = False
            chars.append(char)
            origin.append(i)
        self.text = "".join(chars)
        self.origin = origin

    def find_words(self, needle: str, start: int = 0) -> tuple[str, int] | None:
        """The original text of the first whole-word occurrence of `needle` from `start`,
        and where it starts."""
        start = self.text.find(needle, start)
        while start != -1:
            end = start + len(needle)
            if _boundary(self.text, start) and _boundary(self.text, end):
                first = self.origin[start]
                return self.original[first : self.origin[end - 1] + 1], first
            start = self.text.find(needle, start + 1)
        return None


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and stops."""
    return list(itertools.pairwise([0, *_sentence_ends(text), len(text)]))


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` but the last ends: after the space that follows it."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if _ends_sentence(text, m)]


# A full stop, question or exclamation mark, perhaps closing a quotation, then a
# space and what starts a sentence: a capital or an opening quotation mark.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z“‘\"])")
# "5 a.m. Eastern time", "Damascus Standard Time".
_TIME_NAMES = frozenset({"time", "daylight", "standard"})
# Not a sentence's end: "Col. Ryan Dillon", "Mayor T. Hill". ("U.S." may be one.)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rev col gen brig lt maj capt cpt cmdr sgt cpl pvt adm gov sen rep
    st jr sr no vs jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether a full stop, question or exclamation mark ends a sentence of `text`."""
    # Only the words near the mark are read (and where a quotation it closes
    # opened): a sentence end that looked at all the text before it, or copied all
    # after it, made a paragraph of a few hundred sentences take seconds.
    mark = match.group()
    if mark[1:].strip():
        words = itertools.islice(_WORDS.finditer(text, match.end(), match.end() + 80), 4)
        # An aside only after a question or exclamation: "…." Tom Hill, however,
        # insisted … is a sentence of his own.
        apposition = mark[0] != "." and _APPOSITION_SAYS.match(text, match.end(), match.end() + 160)
        if any(w[0].casefold() in _SAYING for w in words) or (
            apposition and apposition["saying"].casefold() in _SAYING
        ):
            # "Where is the help?" Ryan Dillon said: the words and who said them
            # are one, unless the quotation had its own speaker before it: Tom
            # Hill said: "The pier is weak." Ann Reyes said…
            return _introduced(text, match.start())
    if mark[0] != ".":
        return True
    word = _word_before(text, match.start())
    if word is None:
        if text[max(0, match.start() - 4) : match.start()].casefold() in (" a.m", " p.m"):
            # "at 2 a.m. Priya Nair said" starts a sentence; "at 5 p.m. Monday", "11
            # a.m. GMT" and "9 a.m. Damascus time" do not.
            following = _WORDS.findall(text, match.end(), match.end() + 40)[:2]
            goes_on = bool(following) and (
                following[0].casefold() in _AFTER_A_TIME
                or (following[0].isupper() and len(following[0]) > 1)
                or (len(following) == 2 and following[1].casefold() in _TIME_NAMES)
            )
            return not goes_on
        # "U.S." (the S follows a full stop) ends a sentence before a quotation,
        # not before "U.S. Army Col. Tom Hill".
        return text[match.end() : match.end() + 1] in '“‘"'
    initial = len(word) == 1 and word.isupper()
    return not (initial or word.casefold() in _ABBREVIATIONS)


def _introduced(text: str, close: int) -> bool:
    """Whether the quotation that closes at `close` stands in a sentence of its
    own words, not one that runs on to who says it: after a word of saying and
    a comma (Tom Hill said, "…"), or after any words but a comma (Tom Hill said
    on Monday: "…"; Hill put it bluntly: "…"; A sign reads "…")."""
    # A quotation is looked for no further back than a long one runs: a paragraph
    # of a hundred sentences must not be read again for each.
    start = max(0, close - 2000)
    opened = max(text.rfind(mark, start, close) for mark in '“‘"')
    if opened < 0:
        return False
    before = text[max(0, opened - 90) : opened].rstrip()
    # The clause that opens it: "Hill said at a packed meeting in the town hall:",
    # none after a sentence's end or a dateline's dash ("EASTPORT (Reuters) - “…").
    clause = _WORDS.findall(re.split(r"[.!?][”’\"')]*\s|\s[-\u2013\u2014]\s", f"{before} ")[-1])
    if before.endswith(","):
        # "And then, “We are done.” Hill said." is Hill's.
        return any(word.casefold() in _SAYING for word in clause)
    # "Hill said that “the pier is weak.”", "a text reading: “…”", and any other
    # sentence of words: "A sign reads “Our pier.” Dillon said it was not theirs."
    return bool(clause)


def _word_before(text: str, end: int) -> str | None:
    r"""The word text[:end] ends with, if it starts the text or follows a space or
    "(": "Col" in "(Col. Hill", none in "U.S.". What r"(?:^|(?<=[\s(]))(\w+)$"
    finds in text[:end], reading only that word where the pattern read it all."""
    stop = end - 1 if text[end - 1 : end] == "\n" else end  # `$` matches before a last "\n"
    start = stop
    while start and _is_word_char(text[start - 1]):
        start -= 1
    if start == stop or (start and not (text[start - 1].isspace() or text[start - 1] == "(")):
        return None
    return text[start:stop]


def _is_word_char(char: str) -> bool:
    r"""Whether `\w` matches `char`, as str.isspace tells `\s`: the same Unicode tables."""
    return char.isalnum() or char == "_"


def _object_of(sentence: str, start: int) -> bool:
    """Whether a name at `start` is talked about ("said of Dillon", "told the coalition")."""
    # Past the rest of a name ("of Tom Hill" for Hill) and an article; a day or a
    # month is no part of a name: in "on Monday, Hill said", Hill is no object.
    before = _WORDS.findall(sentence[:start])[-4:]
    while before and (
        (before[-1][0].isupper() and before[-1].casefold() not in _CALENDAR)
        or before[-1] in ("the", "a", "an")
    ):
        before.pop()
    if any(word.casefold() == "according" for word in before[-3:-1]):
        return False  # "according to (spokesman) Ryan Dillon" says who speaks
    # A role between: "as fans chanted for owner Viktor Sorensen", "at mayor Tom Hill".
    if _ROLE_OBJECT.search(sentence, max(0, start - 60), start):
        return True
    return bool(before) and before[-1].casefold() in _OBJECT_MARKERS


def _title_of(text: str, start: int, end: int) -> _Title | None:
    """The title of whoever speaks for the name at text[start:end] ("the coalition
    spokesman", "Dillon's chief military spokesman", "a spokesman for the
    US-led international coalition", "an aide to Dillon"); None for a name on
    its own, or talked about ("the leaders of the council")."""
    possessive = _POSSESSIVE.match(text, end)
    at = possessive.end() if possessive else end
    following: list[re.Match[str]] = []
    for word in _WORDS.finditer(text, at):
        if text[at : word.start()].strip(" \t") or len(following) == 3:
            break  # a comma or a full stop ends the phrase
        following.append(word)
        at = word.end()
    for i in (2, 1, 0):
        ranks, title = following[:i], following[i] if len(following) > i else None
        if title and _is(title[0], _TITLES) and all(_is(w[0], _RANKS) for w in ranks):
            former = _FORMER.search(text, 0, start)
            begin = former.start() if former else start
            article = _WORDS.findall(text[:begin])[-1:]
            one = not (article and _is(article[0], _INDEFINITE))
            plural = _is(title[0], _PLURAL)
            return _Title(title[0], begin, title.end(), one and not plural, former is not None)
    before = _TITLE_BEFORE.search(text, 0, start)
    if before is None:
        return None
    name = before["title"]
    if not _is(name, _TITLES) or (before["to"] and not _is(name, _AIDES)):
        return None  # "turning her head to Tom Hill"
    former = _FORMER.search(text, 0, before.start("title"))
    begin = former.start() if former and not before["article"] else before.start()
    determiner = before["article"] or "".join(_WORDS.findall(text[:begin])[-1:])
    one = not _is(determiner, _INDEFINITE) and not _is(name, _PLURAL)
    return _Title(name, begin, end, one, former is not None)


def _is(word: str, kind: frozenset[str]) -> bool:
    return word.casefold() in kind


_POSSESSIVE = re.compile(r"(?:'s|')?")
_TITLES = frozenset(
    """spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople official
    officials commander commanders leader leaders chief head member members officer
    officers envoy representative representatives minister ambassador adviser advisers
    advisor advisors aide aides source sources secretary director chairman chairwoman
    president""".split()
)
_PLURAL = frozenset(
    """spokesmen spokeswomen spokespeople officials commanders leaders members officers
    representatives advisers advisors aides sources""".split()
)
_AIDES = frozenset("aide aides adviser advisers advisor advisors".split())
_RANKS = frozenset("chief senior top deputy press military".split())
# Right before a name: "a spokesman for the US-led international", "an aide to".
_TITLE_BEFORE = re.compile(
    rf"(?:\b(?P<article>an?|the|another)\s+)?(?:\b(?:{'|'.join(sorted(_RANKS))})\s+){{0,2}}"
    r"\b(?P<title>\w+)\s+(?:for|(?P<to>to))\s+(?:(?:the|an?)\s+)?(?:[\w.'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_INDEFINITE = frozenset("a an another one".split())
# Right before a title: "a former council spokesman", "an ex-spokesman for Hill".
_FORMER = re.compile(r"\b(?:former|formerly|ex|onetime|one-time)[\s-]+$", re.IGNORECASE)
# Right after a title: whose it is not, or not now ("the spokesman's brother").
_NO_LONGER = re.compile(
    r"'s\b|[^,.;:()]{0,60}?\b(?:until|resign\w*|suspend\w*|retire\w*|fired|sacked|dismissed"
    r"|former\w*|-turned-)",
    re.IGNORECASE,
)
# Titles whose bearer speaks for the group the title names.
_VOICES = frozenset("spokesman spokeswoman spokesperson".split())
_ANONYMOUS = re.compile(r"\banonym\w*|\bunnamed\b|\bbe\s+(?:named|identified)\b", re.IGNORECASE)


def _speaks_for_group(credit: Credit, text: str) -> bool:
    """Whether a credit's title makes its bearer the voice of the group it names
    ("a council spokesman"; not a member, an aide, a former spokesman, the
    spokesman "until last year", nor "the council spokesman's brother")."""
    title = credit.title
    return (
        title is not None
        and title.name.casefold() in _VOICES
        and not title.former
        and not _NO_LONGER.match(text, credit.end)
        and not credit.speaker.is_person
    )


def _beside(credit: Credit, named: list[Credit], text: str) -> Credit | None:
    """The name a title stands beside and describes, if any: "Ann Reyes, a member
    of the council", "the coalition spokesman, Col. Ryan Dillon"."""
    if credit.title is None:
        return None
    # Each side only where the name is on it: a slice taken backwards is empty, and
    # the pattern matches nothing, so "As Tom Hill listened, the spokesman said"
    # made the spokesman Hill.
    return next(
        (
            n
            for n in named
            if (n.end <= credit.start and _APPOSITION.fullmatch(text[n.end : credit.start]))
            or (credit.end <= n.start and _APPOSITION.fullmatch(text[credit.end : n.start]))
        ),
        None,
    )


# Between a name and a title that describes its bearer: a comma, an article, the
# capitalised rest of a name ("Col. Ryan").
_APPOSITION = re.compile(r"[\s,]*(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[A-Z][\w.'-]*\s+)*")
# The role is a word, not one joining clauses ("at “…” but Reyes said", a
# quotation blanked between).
_ROLE_OBJECT = re.compile(
    r"\b(?:for|at|against|with|to)\s+(?!(?:and|but|or|nor|yet|while|whereas|though)\b)[a-z]+"
    r"\s+(?:[A-Z][\w.'’-]*\s+)*$"
)
_OBJECT_MARKERS = frozenset(
    """of to told tells about with against at for on from by than like as contradicting
    praising thanking blaming criticising criticizing accusing urging warning backing
    supporting opposing rejecting dismissing answering addressing meeting joining
    replacing succeeding describing""".split()
)
PRONOUNS = frozenset({"he", "she"})


def _verbs(words: Collection[str]) -> str:
    """A regular-expression alternation of `words` that say who spoke as verbs: not
    "according", nor "say" and "saying", which do not follow a sayer."""
    return "|".join(sorted(set(words) - {"according", "say", "saying"}))


# After a name: its possessive and someone of theirs, who is another person:
# "Tom Hill's wife", "Reyes’s deputy", "Hill's lawyers".
_KIN = (
    r"(?:wife|husband|son|sons|daughter|daughters|mother|father|brother|sister|child|children"
    r"|widow|widower|partner|fianc[ée]e?|friend|friends|neighbour|neighbor|neighbours"
    r"|neighbors|colleague|colleagues|lawyer|lawyers|attorney|attorneys|assistant|secretary"
    r"|boss|driver|doctor|successor|predecessor"
    # A deputy, but not a deputy spokesman: a title (_title_of).
    r"|deputy(?=\s*[,;:.]|\s+(?:said|says|told|added|was|is|has|had)\b))\b"
)
_SOMEONE_OF = re.compile(rf"(?:'s|’s|'|’)\s+(?:\w+\s+)?{_KIN}")
# After a group's name: one of its people, who speaks for themselves ("Council
# member Jo Park", "coalition members", "the council's staff").
_MEMBER_OF = re.compile(
    r"(?:'s|’s|'|’)?\s+(?:member|members|staff|staffer|staffers|employee|employees|worker|workers)\b",
    re.IGNORECASE,
)
_VERBS_OF_SAYING = _verbs(_SAYING)
# Someone the article does not name says the sentence's words: "a reporter asked",
# "said one resident." (Not "said an earlier comment was wrong".)
_SAID = _verbs(SAYING)
_UNNAMED_SAYS = re.compile(
    rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:{_SAID})\b"
    rf"|\b(?:{_SAID})\s+(?:a|an|one|another)\s+[a-z]+(?:\s+[a-z]+)?\s*(?:[.,;]|$)"
    # "Tom Hill's wife, Sarah, said".
    rf"|\b[\w’'-]+(?:'s|’s)\s+(?:\w+\s+)?{_KIN}(?:\s*,[^,.;:]{{1,40}},)?\s+(?:{_SAID})\b"
)
# Someone named beside a word of saying: "Dana Whitley said", "Council member
# Dana Whitley, who led the opposition, said", "said Martin Cole".
_OTHER_NAMED_SAYS = re.compile(
    rf"(?P<who>\b(?:[A-Z][\w’'-]*\s+){{1,3}}[A-Z][\w’'-]+)(?:,[^,.;:]{{1,60}},)?\s+(?:{_SAID})\b"
    rf"|\b(?:{_SAID})\s+(?P<after>(?:[A-Z][\w’'-]*\s+){{1,3}}[A-Z][\w’'-]+)"
)
# Another source: "according to the authority's estimates", "according to a report".
_ACCORDING_TO_ANOTHER = re.compile(
    r"\baccording\s+to\s+(?:the|a|an|its|their|one|some|several|police|court)\b", re.IGNORECASE
)
# A name of two or more capitalised words (`last`: its last).
_FULL_NAME = re.compile(r"\b[A-Z][\w’'-]+\s+(?:[A-Z][\w’'-]+\s+){0,2}(?P<last>[A-Z][\w’'-]+)\b")
# One capitalised word beside a word of saying: "Marsh said", "said Marsh".
_SURNAME_SAYS = re.compile(
    rf"(?<![\w’'-])(?P<before>[A-Z][\w’'-]+)\s+(?:{_SAID})\b"
    rf"|\b(?:{_SAID})\s+(?P<after>[A-Z][\w’'-]+)(?![\w’'-]|\s+[A-Z])"
)
# A crowd, or voices the article does not name: "protesters shouted", "chanted the
# crowd.", "to chants of “…”", "signs reading “…”".
_CROWDS = (
    "protesters|protestors|demonstrators|marchers|crowds?|audience|onlookers|bystanders"
    "|mourners|supporters|opponents|hecklers?|villagers|residents|locals|fans|someone|somebody"
    "|campaigners|activists|students|critics|witnesses|neighbou?rs|relatives|survivors"
    "|strikers|parents|shoppers|passengers|commuters|voters"
)
_TELLING = frozenset("told tells asked asks warned warns".split())
# Right before a crowd, an aside about it, not its saying: "as residents warned".
_ASIDE_OPENERS = frozenset("as whom whose who which that".split())
_SUBJECTS = frozenset("he she they it i we".split())
# Between words and a crowd after them, another clause: "“…”, but residents said".
_CONJUNCTIONS = frozenset("but while though although whereas yet and".split())
# A crowd's verbs: its saying, and its voice raised at someone ("protesters jeered").
_CROWD_VERBS = _verbs(_SAYING | {"jeered", "heckled", "booed"})
_CROWD_SAYS = re.compile(
    rf"\b(?:{_CROWDS})\s+(?:{_CROWD_VERBS})\b"
    # After its words, and only a verb that takes no object: "told the crowd." is not.
    rf"|\b(?P<inverted>said|says|shouted|chanted|yelled|screamed)\s+(?:the\s+)?(?:{_CROWDS})"
    r"\s*(?:[.,;]|$)"
    r"|\b(?:chants|cries|shouts|slogans)\s+of\b"
    r"|\b(?:signs?|placards?|banners?)\s+(?:reading|saying)\b"
    # One the article does not name, raising a voice: "a man near the front shouted".
    r"|\b(?:a|an|one|another)\s+(?:[a-z]+\s+){1,4}(?:shouted|chanted|yelled|screamed)\b",
    re.IGNORECASE,
)
_PRONOUN_SAYS = re.compile(
    rf"\b(?:(?P<subject>he|she|they|i|we)\s+(?:\w+\s+)?(?:{_VERBS_OF_SAYING})"
    rf"|(?:{_VERBS_OF_SAYING})\s+(?P<after>he|she|they))\b",
    re.IGNORECASE,
)


def _sayer(sentence: str) -> str:
    """The "he" or "she" who says a sentence's quote ("“…,” she said", "“…,” said
    he."), not one said about ("said he had lied") nor the name He ("He Lifeng
    said")."""
    for says in _PRONOUN_SAYS.finditer(sentence):
        if says["subject"]:
            following = sentence[says.start("subject") + len(says["subject"]) :].lstrip()
            if says["subject"][0].isupper() and following[:1].isupper():
                continue  # "He Lifeng"
            return says["subject"].casefold()
        if not sentence[says.end() :].strip(' ”’"') or sentence[says.end()] in ",.;:!?":
            return says["after"].casefold()
    return ""


def _quotation_marks(text: str) -> tuple[list[bool], list[bool]]:
    """For each character of `text`: whether it is in quotation marks (or is one),
    and whether a quotation is open just before it. A ’ closes only a ‘ that is
    open: in "the fishers’ boats" it is an apostrophe."""
    folded = fold_quotes(text)
    double = single = False
    inside: list[bool] = []
    open_before: list[bool] = []
    for i, char in enumerate(text):
        open_before.append(double or single)
        is_double = folded[i] == '"' and char not in "'’‘"
        closes_single = char == "’" and single and not text[i + 1 : i + 2].isalnum()
        if is_double:
            double = not double
        elif char == "‘":
            single = True
        inside.append(double or single or is_double or closes_single)
        if closes_single:
            single = False
    open_before.append(double or single)
    return inside, open_before


# Between a word of saying and a name: the name begins a clause of its own.
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|while|as|when)\b", re.IGNORECASE
)


def _said_by_another(
    credit: Credit, credits: list[Credit], text: str, *, groups: bool = False
) -> bool:
    """Whether `credit`, a person, is what another person said: named right after
    a word of saying whose subject that person is, in the same clause, and with
    no word of saying of their own after them. In "Ann Reyes said Tom Hill was
    wrong" Hill is what she said; in "“…,” said Tom Hill" nobody says it before
    him, in "When Ann Reyes asked, Tom Hill said" he speaks too, and in "Ann
    Reyes said, and Tom Hill agreed" he is in a clause of his own. After a
    group's "said" a person keeps their name ("The council said Ann Reyes had
    resigned. “…,” she said." is Reyes's). A group is dropped only with
    `groups`, in the quote's own sentence: "Tom Hill said the council had
    approved it. “…,” they said." is the council's.
    """
    if not (groups or credit.speaker.is_person):
        return False
    before = list(_WORDS.finditer(text, 0, credit.start))[-3:]
    saying = next((w for w in reversed(before) if w[0].casefold() in _SAYING), None)
    if saying is None:
        return False
    between = text[saying.end() : credit.start]
    if _CLAUSE_BREAK.search(between):
        return False  # "Tom Hill said — and Ann Reyes agreed": another clause
    after = _WORDS.findall(text, credit.end)[:3]
    if any(word.casefold() in _SAYING for word in after):
        return False
    return any(
        other is not credit
        and other.speaker.is_person
        and other.near
        and other.end <= saying.start()
        and len(_WORDS.findall(text, other.end, saying.start())) <= 3
        and _subject_of(text, other.end, saying.start())
        for other in credits
    )


def _told_of_between_commas(credit: Credit, credits: list[Credit], text: str) -> bool:
    """Whether `credit` is what another says in an aside right after it: in "Ann
    Reyes, Tom Hill said, had done everything by the book" Reyes is what Hill
    said, and in "The council, Ann Reyes said, had refused" the council is."""
    return any(
        other.start > credit.end
        and not text[credit.end : other.start].strip(" ,")
        and "," in text[credit.end : other.start]
        and _ASIDE_SAYING.match(text, other.end) is not None
        for other in credits
    )


def _subject_of(text: str, end: int, saying: int) -> bool:
    """Whether a name ending at `end` is the subject of the word of saying at
    `saying`: only words between them, or an aside ("Ann Reyes, the mayor,
    said"). Not across a quotation, blanked to spaces ("Tom Hill “has no idea,”
    said Ann Reyes"), nor a clause's end ("Tom Hill had lied, said Ann Reyes")."""
    if aside := _ASIDE.match(text, end):
        end = aside.end()
    gap = text[end:saying]
    return "  " not in gap and not re.search(r"[,;:()\u2013\u2014]\s*$", gap)


def _near_saying(text: str, start: int, end: int) -> bool:
    """Whether a word of saying is among the three words either side of text[start:end],
    or right after an aside that follows it ("Ann Reyes, the city's harbour master,
    said")."""
    before = _WORDS.findall(text[:start])[-3:]
    after = _WORDS.findall(text[end:])[:3]
    if aside := _ASIDE.match(text, end):
        # Up to three words on ("later said", "on Monday said"), but not past another
        # name: in "Unlike Tom Hill, the mayor, Ann Reyes said" Hill is not who speaks.
        for word in _WORDS.findall(text[aside.end() :])[:3]:
            if word[0].isupper() and word.casefold() not in _CALENDAR:
                break
            after.append(word)
    return any(word.casefold() in _SAYING for word in (*before, *after))


# After a name: a comma, a few words without a sentence's end or a quotation, and
# a comma ("Ann Reyes, the city's harbour master, said").
_ASIDE = re.compile(r",[^,.;:!?\"“”]{1,60},")
# Between two who speak together: "Ann Reyes and Tom Hill said", "Ann Reyes, the
# harbour master, and Tom Hill said".
_JOINED = re.compile(rf"(?:{_ASIDE.pattern})?\s+and\s+")
# General English: capitalised words that name no one.
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)
# What may follow "5 p.m." in the same sentence.
_AFTER_A_TIME = _CALENDAR | frozenset(
    """today yesterday tomorrow jan feb mar apr jun jul aug sep sept oct nov dec local gmt
    utc bst cet cest et est edt ct cst cdt pt pst pdt""".split()
)
# A name, an aside, then perhaps a word of saying: "Ann Reyes, the harbour
# master, said".
_APPOSITION_SAYS = re.compile(
    r"(?:[\w'’.-]+\s+){0,3}[\w'’.-]+" + _ASIDE.pattern + r"\s*(?P<saying>\w+)"
)


_WORDS = re.compile(r"\w+")
# "called", then up to four words before a quotation mark.
_CALLED = re.compile(r"\bcalled(?:\s+[\w’'-]+){0,4}\s+[\"']")
# Putting a figure at something: "put the cost of the repairs at", "put its
# losses at", "put the number of dead at".
_PUT_AT = re.compile(
    r"\bput(?=\s+(?:the|its|his|her|their|our)\s+(?:[\w’'-]+\s+){0,5}?at\s)", re.IGNORECASE
)
# A question put to someone, opening a sentence up to its comma: "Asked whether
# the pier could be saved,", "When asked by a reporter about the cost,".
_ASKED = re.compile(r"\s*(?:when\s+|after\s+being\s+)?asked\b[^,;:]*,", re.IGNORECASE)
# A question put in the middle of a sentence, up to what it asks: "when asked
# whether", "asked Okafor why" (`whom`: to whom, by name).
_ASKED_WHETHER = re.compile(
    r"\b(?:(?:when|if|after\s+being)\s+asked(?:\s+by\s+[\w\s’'-]{1,40}?)?\s+"
    r"|asked\s+(?P<whom>(?:[A-Z][\w’'.-]*\s+){1,4})(?:[a-z][\w’'-]*\s+){0,5}?)"
    r"(?P<asks>whether|if|why|how|what|when|who|where|about)\b"
)
# What a sentence denies: "denied that", "denied reports that", "rejected the
# coalition's claim that", "it was untrue that", "said it was false that".
_DENIAL = re.compile(
    r"\b(?:(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|disputed|disputes"
    r"|refuted|refutes)(?:\s+[\w’'-]+){0,4}?"
    r"|(?:untrue|false|not\s+true|wrong|nonsense)\W{0,3})\s+that\b",
    re.IGNORECASE,
)
# Words someone is only said to have said: "denied telling", "denies ever saying",
# "accused Hill of calling".
_ALLEGED = re.compile(
    r"\b(?:denied|denies|deny)\s+(?:ever\s+)?(?:saying|telling|calling|describing)\b"
    r"|\baccused\s+(?:[\w’'-]+\s+){1,6}?of\s+(?:saying|telling|calling|describing)\b",
    re.IGNORECASE,
)
# Where a clause ends before a quote: a comma, semicolon, colon or dash.
_CLAUSE_END = re.compile(r"[,;:]|\s[\u2013\u2014-]\s")
# A saying denied: "did not say", "would not tell reporters", "never said", "no
# one at the meeting said", "declined to say".
_NEGATED = re.compile(
    r"\b(?:(?:did|does|do|would|will|could|can)\s*(?:not|n[’']t)|won[’']t|never|declined\s+to"
    r"|refused\s+to|no\s+one(?:\s+\w+){0,4}|nobody(?:\s+\w+){0,4})"
    r"\s+(?:\w+\s+)?(?P<verb>say|said|says|tell|told|confirm|confirmed)\b",
    re.IGNORECASE,
)
_WHAT = re.compile(r"\b(?:what|which)(?:\s+[\w’'.-]+){1,5}\s+$", re.IGNORECASE)
# The rest of an aside that says who speaks: "…, Tom Hill said," "…, Reyes told
# reporters on Monday,".
_ASIDE_SAYING = re.compile(rf"\s+(?:{_verbs(SAYING)})\b[^,.;:!?\"“”]{{0,30}},")


# Where one saying clause of a sentence ends and another's begins: "Ann Reyes
# said the pier was weak; Tom Hill said …", "…, the union said, but Tom Hill
# said …", "…, while Tom Hill said …".
_OTHER_SAYING = re.compile(r";|,?\s+(?:while|whereas)\b|,\s+but\b", re.IGNORECASE)
# Where one may: "…, and Ann Reyes said …", "… — Ann Reyes said …", "…,
# although Ann Reyes has said …", only if the parts on both sides have a word
# of saying of their own. "Ann Reyes, the harbour master, and Tom Hill said" is
# one clause, and so is "Ann Reyes said, and the council confirmed, that …",
# whose first part says nothing yet.
_ANOTHER_SAYING = re.compile(
    r"\s[\u2013\u2014]\s|,?\s+(?:although|even\s+as)\b|,\s+(?:and|as)\b", re.IGNORECASE
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
# A sentence's opening quotation (blanked), perhaps its comma, and up to six
# words naming who says it, up to a word of saying: "“…,” Tom Hill said",
# "“…,” said", "“…,” Ann Reyes, the harbour master, said". (Not a quotation
# inside reported speech: "The offer was “generous”, she added, and it …").
_AFTER_QUOTATION = re.compile(r"\s{3,},?\s*(?:[\w’'.-]+,?\s+){0,6}")
# Where the saying that gives a quotation its speaker ends: at a comma, a
# semicolon, a dash or a joining word, after a few words of its own ("on
# Monday", "of the plan").
_ATTRIBUTION_END = re.compile(
    r"[^,;:\u2013\u2014]{0,60}?(?:[,;]|\s[\u2013\u2014]\s|\s+(?:as|and|but|while|though|although)\b)"
)
# Words of saying, and the forms that carry on a saying past its quotation:
# "…,” Hill said, adding that …".
_SAYING_ON = _SAYING | frozenset(
    """adding noting warning insisting explaining stressing arguing claiming telling
    asking replying recalling confirming admitting announcing describing writing
    calling""".split()
)
_SPEECH = _SAYING_ON | frozenset(
    """vowed vows conceded concedes acknowledged acknowledges pledged pledges predicted
    predicts suggested suggests urged urges promised promises agreed agrees complained
    complains accused accuses blamed blames maintained maintains reiterated reiterates
    declared declares reported reports observed observes remarked remarks commented
    comments responded responds countered counters cautioned cautions contended contends
    asserted asserts emphasised emphasized emphasises emphasizes revealed reveals
    disclosed discloses indicated indicates signalled signaled hinted hints told
    praised praises criticised criticized condemned condemns welcomed
    welcomes thanked urged demanded demands proposed proposes threatened threatens
    questioned questions wondered wonders joked jokes boasted boasts lamented laments
    mocked mocks dismissed dismisses described testified testifies alleged alleges
    announced acknowledged recommended recommends advised advises assured assures
    told telling speaking spoke speaks saying statement interview letter email post
    tweet tweeted wrote writes message remarks words quote quoted according
    repeated repeats pointed points reckoned reckons believes believed thinks thought
    felt feels hopes hoped expects expected fears feared accepted accepts account
    advice claim view warning""".split()
)
# A clause that describes whom it follows: "…, who runs the bait shop," "(who
# has run it for 20 years)", "— which represents 40 families —", up to the
# next comma, parenthesis, dash, semicolon or colon, or the sentence's end.
_DESCRIBING = re.compile(
    r"(?:,|\(|\s[\u2013\u2014-]{1,2})\s*(?:who|whom|whose|which)\b[^,;:()\u2013\u2014]*",
    re.IGNORECASE,
)
# What may stand between a describing clause and the name it describes: an
# aside ("Okafor, the police chief, who …"), its last comma the clause's.
_DESCRIBED = re.compile(r",[^,.;:!?]{1,60}$")
# A sentence that opens with a clause of its own: "While Ann Reyes warned …, Tom
# Hill said …", "Although Tom Hill told reporters …, Ann Reyes said …".
_LEADING = re.compile(r"\s*(?:while|whereas|although|though|even\s+as)\b", re.IGNORECASE)
# A relative clause the break falls in: "Ann Reyes, who spoke while Tom Hill
# looked on, said …" is one saying clause, Reyes's.
_RELATIVE = re.compile(r"(?:^|,)[^,]*\b(?:who|whom|which)\b[^,]*$", re.IGNORECASE)
# "Greenpeace said …, and its spokeswoman Julia Marsh said …": she speaks for
# a speaker of the clause before.
_ITS = re.compile(r"\b(?:its|their)\b", re.IGNORECASE)


def _in_own_clause(
    credits: list[Credit], sentence: str, quote: tuple[int, int], quoted: Sequence[bool]
) -> list[Credit]:
    """Of the speakers a sentence credits, those in the saying clause that holds
    the quote (at `quote` in `sentence`, whose characters in quotation marks are
    `quoted`), when the sentence has several: each speaker says their own
    clause, whoever else the sentence names. A clause a "he" or "she" says is
    left as it is: "…; the council, she said, would close it" names the
    council as what she said."""
    # A quotation ends a clause as a comma does: its comma is often inside the
    # marks ("Hill called it “sound,” but Reyes said …").
    marked = "".join(
        "," if inside and (i + 1 == len(quoted) or not quoted[i + 1]) else char
        for i, (char, inside) in enumerate(zip(sentence, quoted, strict=True))
    )
    # An aside in parentheses with a saying of its own is its speaker's clause, and
    # the words around it are the sentence's: "Reyes said the survey (Brandt
    # called it “…”) would be published".
    for aside in _PARENTHESIS.finditer(marked):
        begin, end = aside.span()
        own = [c for c in credits if begin <= c.start < end]
        if not own or not _tells(sentence[begin:end]) or len(own) == len(credits):
            continue
        if begin <= quote[0] and quote[1] <= end:
            return own
        credits = [c for c in credits if c not in own]
    if len(credits) < 2:
        return credits
    # Each cut at its word or mark, not at the space before it: a quotation blanked
    # there is the clause's before.
    cuts = [(_joint(m), True) for m in _OTHER_SAYING.finditer(marked)]
    cuts += [(_joint(m), False) for m in _ANOTHER_SAYING.finditer(marked)]
    if _LEADING.match(marked):
        # "While Ann Reyes warned …, Tom Hill said …": the first clause ends at a comma.
        cuts += [(m.start(), False) for m in re.finditer(",", marked)]
    spans: list[tuple[int, int]] = []
    start = 0
    for at, strong in sorted(cuts):
        before, after = sentence[start:at], sentence[at:]
        # "Ann Reyes said, and …": her words are still to come, unless quoted
        # before ("“…,” Tom Hill said — but …").
        waits = _ends_saying(before) and not any(quoted[start:at])
        if _RELATIVE.search(before) or not (
            strong or (_tells(before) and _tells(after) and not waits)
        ):
            continue
        spans.append((start, at))
        start = at
    spans.append((start, len(sentence)))
    for begin, end in spans:
        if begin <= quote[0] and quote[1] <= end:
            clause = sentence[begin:end]
            own = [c for c in credits if begin <= c.start < end]
            if (
                own
                and _tells(clause)
                and not _sayer(clause)
                and not _ITS.search(sentence, begin, own[0].start)
            ):
                return own
    return credits


def _joint(match: re.Match[str]) -> int:
    """Where the word or mark that joins two clauses begins."""
    return match.end() - len(match[0].lstrip(", \t"))


def _ends_saying(text: str) -> bool:
    """Whether `text` ends with a word of saying, what was said still to come."""
    last = _WORDS.findall(text)[-1:]
    return bool(last) and last[0].casefold() in _SAYING


def _tells(text: str, words: frozenset[str] = _SAYING) -> bool:
    """Whether `text` holds a word of saying (of `words`)."""
    return not words.isdisjoint(w.casefold() for w in _WORDS.findall(text))


def _boundary(text: str, cut: int) -> bool:
    """Whether a quote may start or end at `cut` (between text[cut - 1] and text[cut]).

    Not inside a word, and not inside a token that punctuation joins: a quote of
    "5 million" from "2.5 million", or of "residential" from "non-residential",
    changes what was said.
    """

    def word(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isalnum()

    def joiner(i: int) -> bool:
        return 0 <= i < len(text) and text[i] in _JOINERS

    if word(cut - 1) and word(cut):
        return False
    if joiner(cut - 1) and word(cut - 2) and word(cut):
        return False
    return not (joiner(cut) and word(cut - 1) and word(cut + 1))


_JOINERS = frozenset(".,-'")  # inside "2.5", "10,000", "non-residential", "Raqa's"


def _group_pattern(group: Speaker) -> re.Pattern[str]:
    """A group's name or the key the file gives it, in any case, not inside a
    longer word: "the SDF", "the coalition", but not "US-backed"."""
    forms = "|".join(re.escape(f) for f in (group.name, group.key.replace("-", " ")) if f)
    return re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE)


def _any_case(speaker: Speaker) -> bool:
    """Whether the article may print `speaker`'s name in any case: a group the
    curator names as a common noun ("the council", "the coalition"), which a
    sentence may open or a title capitalise ("Eastport Harbour Coalition"). A
    name written with capitals ("Hamas", "Ann Reyes") is matched as written."""
    return speaker.name.startswith("the ") and not speaker.is_person


@functools.cache
def _on_behalf_pattern(form: str) -> re.Pattern[str]:
    # Any case: "Speaking for the council, Mayor Tom Hill said …".
    group = rf"(?:the\s+)?{re.escape(fold_quotes(form))}"
    return re.compile(
        rf"\b(?:(?:speaking|spoke|speaks|talking|writing|reading(?:\s+out)?\s+a\s+statement)"
        rf"\s+(?:for|on\s+behalf\s+of)|on\s+behalf\s+of)\s+{group}(?!\w)"
        rf"|\bon\s+{group}(?:'s|’s)\s+behalf\b",
        re.IGNORECASE,
    )


@functools.cache
def _word_pattern(name: str, *, any_case: bool = False) -> re.Pattern[str]:
    # Cached here: a large story has more names than the re module's own cache holds.
    flags = re.IGNORECASE if any_case else 0
    return re.compile(rf"(?<!\w){re.escape(fold_quotes(name))}(?!\w)", flags)
