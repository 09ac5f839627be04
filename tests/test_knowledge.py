"""Loading a knowledge file, and every way the loader refuses a broken one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.knowledge import (
    KnowledgeError,
    Quote,
    Speaker,
    Story,
    load_library,
    load_story,
    speakers_named,
)
from tests.conftest import ARTICLE, MINI, WriteStory, only, problems


def test_loads_the_mini_story(write_story: WriteStory) -> None:
    """A sound file loads into typed records with resolved speakers and paragraphs."""
    story = load_story(write_story())
    assert story.id == "harbour-storm"
    assert [e.id for e in story.entries] == ["closure", "reopening", "boats", "repairs", "reyes"]
    reopening = story.entry("reopening")
    assert reopening is not None
    quote = reopening.quotes[0]
    assert quote.speaker.name == "Ann Reyes"
    assert quote.speaker.attribution == "Ann Reyes, harbour master"
    assert quote.paragraph == 2  # the headline line is not a numbered paragraph


def test_narration_is_attributed_to_the_byline(mini_story: Story) -> None:
    """A quote without a speaker belongs to the byline."""
    closure = mini_story.entry("closure")
    assert closure is not None
    assert closure.quotes[0].speaker.name == "Staff"
    assert closure.quotes[0].speaker.role is None


def test_a_speakers_words_in_quotation_marks_are_direct_the_rest_reported(
    write_story: WriteStory,
) -> None:
    """ "We expect the harbour to reopen" is Reyes's own; "About 40 fishing boats were
    moved", which the council is said to have said, is the article's report."""
    article = ARTICLE.replace(
        "Reyes said the pier would need “at least two weeks” of repairs.",
        "The fishers’ boats wait. Reyes said the pier would need ‘at least two weeks’ "
        "of the council’s repairs.",
    )
    story = load_story(write_story(article=article))
    quotes = {q.text: q for e in story.entries for q in e.quotes}
    assert not quotes["We expect the harbour to reopen on Friday"].reported
    assert not quotes["at least two weeks"].reported  # in British single quotes
    assert quotes["About 40 fishing boats were moved to the river mooring"].reported
    narration = quotes["closed on Monday after a storm damaged the pier"]
    assert not narration.direct
    assert not narration.reported  # the byline's own words
    # As every front end shows them: in quotation marks only a speaker's own words.
    shown = {q.shown: q.credit for q in quotes.values()}
    assert shown["“We expect the harbour to reopen on Friday”"] == "Ann Reyes, harbour master"
    assert shown["About 40 fishing boats were moved to the river mooring"] == (
        "the council, as reported"
    )
    assert shown["closed on Monday after a storm damaged the pier"] == "Staff"


def test_quote_keeps_the_article_typography(write_story: WriteStory) -> None:
    """A quote written with straight quotes is stored as the article prints it."""
    toml = MINI.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = \'the pier would need "at least two weeks"\', speaker = "reyes" }',
    )
    story = load_story(write_story(toml))
    repairs = story.entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].text == "the pier would need “at least two weeks”"


def test_whitespace_is_folded_when_checking_quotes(write_story: WriteStory) -> None:
    toml = MINI.replace('"About 40 fishing boats', '"About   40\\n fishing boats')
    load_story(write_story(toml))


def test_a_group_or_the_byline_is_no_he_or_she() -> None:
    for group in ("Syrian Democratic Forces", "Islamic State", "Amnesty International"):
        assert not Speaker("group", group).is_person
    assert not Speaker("", "Ann Reyes").is_person  # the byline speaks for the article
    assert Speaker("dillon", "Colonel Ryan Dillon").is_person
    assert Speaker("church", "Charlotte Church").is_person  # a surname, not a group's word


@pytest.mark.parametrize(
    ("answer", "people", "reported"),
    [
        # Its question names her; the answer reports nobody as saying anything.
        ("Ann Reyes is the harbour master.", ("Ann Reyes",), ()),
        ("According to harbour master Ann Reyes, the pier broke.", ("Ann Reyes",), ("Ann Reyes",)),
        # By her last name; and a title's full stop does not end the sentence.
        ("Reyes said the pier broke.", ("Ann Reyes",), ("Ann Reyes",)),
        ("According to Capt. Ann Reyes the pier broke.", ("Ann Reyes",), ("Ann Reyes",)),
        # A word of saying in another sentence is not hers.
        ("Boats moved, officials said. Ann Reyes is harbour master.", ("Ann Reyes",), ()),
        # The council is a group, never a "he" or "she"; and it speaks here, not Reyes.
        ("The council said the pier broke.", ("Ann Reyes",), ()),
        ("The council said Reyes was to blame.", ("Ann Reyes",), ()),
    ],
)
def test_whom_an_entry_names_and_reports_is_found_at_load(
    write_story: WriteStory, answer: str, people: tuple[str, ...], reported: tuple[str, ...]
) -> None:
    """What "he" and "who said that?" mean under an answer that quotes nobody by name."""
    toml = MINI.replace('answer = "Ann Reyes is the harbour master."', f"answer = {answer!r}")
    entry = load_story(write_story(toml)).entry("reyes")
    assert entry is not None
    assert (entry.people, entry.reported) == (people, reported)


def test_whom_an_entry_means_by_he_or_she(mini_story: Story) -> None:
    """Those it quotes; failing them, whom its question names; failing those, the
    one person its answer names."""
    people = {e.id: e.people for e in mini_story.entries}
    assert people == {
        "closure": (),
        "reopening": ("Ann Reyes",),
        "boats": (),  # quotes the council, a group
        "repairs": ("Ann Reyes",),
        "reyes": ("Ann Reyes",),
    }


@pytest.mark.parametrize(
    ("answer", "groups"),
    [
        ("The council moved the boats.", ("the council",)),
        # By the key the file gives it, in any case.
        ("COUNCIL staff moved the boats.", ("the council",)),
        # Not inside a longer word, nor a person.
        ("Council-run tugs and Ann Reyes moved the boats.", ()),
    ],
)
def test_whom_an_entry_means_by_they_is_found_at_load(
    write_story: WriteStory, answer: str, groups: tuple[str, ...]
) -> None:
    """What "they" means under an answer: the groups the file quotes that it names."""
    toml = MINI.replace('answer = "Ann Reyes is the harbour master."', f"answer = {answer!r}")
    entry = load_story(write_story(toml)).entry("reyes")
    assert entry is not None
    assert entry.groups == groups


def test_default_summary_and_featured(mini_story: Story) -> None:
    """Without summary and featured, the lede and the first five entries stand in."""
    assert mini_story.summary.startswith("The harbour at Port Ellis was closed")
    assert mini_story.featured == ("closure", "reopening", "boats", "repairs", "reyes")


def test_toml_syntax_error_names_the_line(write_story: WriteStory) -> None:
    problem = only(write_story, MINI.replace('byline = "Staff"', "byline = Staff"))
    assert problem.line == 4
    assert "TOML syntax" in problem.message
    assert "line 4" in str(problem)


def test_toml_syntax_error_in_an_entry_names_it_by_id_else_by_number(
    write_story: WriteStory,
) -> None:
    broken = MINI.replace('"number of boats moved"]', '"number of boats moved"')
    found = only(write_story, broken)
    assert (found.entry, found.field) == ("boats", "alternates")
    found = only(write_story, broken.replace('id = "boats"\n', ""))
    assert (found.entry, found.field) == ("#3", "alternates")
    # Left open at the end of an entry, noticed at the next one's header.
    found = only(write_story, MINI.replace('related = ["reopening"]', 'related = ["reopening"'))
    assert (found.entry, found.field) == ("closure", "related")


def test_not_utf8_knowledge_file(write_story: WriteStory, tmp_path: Path) -> None:
    path = write_story()
    path.write_bytes(b'[story]\nid = "\xff"\n')
    with pytest.raises(KnowledgeError, match="not UTF-8"):
        load_story(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="file not found"):
        load_story(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("old", "new", "entry", "field", "message"),
    [
        ('headline = "Storm closes the harbour"\n', "", None, "[story] headline", "missing"),
        ('byline = "Staff"', 'byline = ""', None, "[story] byline", "must not be empty"),
        ('byline = "Staff"', "byline = 3", None, "[story] byline", "must be a string"),
        ('id = "harbour-storm"', 'id = "Harbour Storm"', None, "[story] id", "lowercase"),
        ('byline = "Staff"', 'byline = "Staff"\nlang = "en"', None, "[story] lang", "unknown key"),
        (
            'question = "How many boats were moved?"',
            'question = "How many boats were moved?"\ncolour = "red"',
            "boats",
            "colour",
            "unknown key",
        ),
        (
            'answer = "A storm damaged the pier on Monday."\n',
            "",
            "closure",
            "answer",
            "missing",
        ),
        (
            'alternates = ["reyes", "who is the harbour master"]',
            "alternates = []",
            "reyes",
            "alternates",
            "at least one alternate",
        ),
        (
            'quotes = [{ text = "said harbour master Ann Reyes" }]',
            "quotes = []",
            "reyes",
            "quotes",
            "at least one quote",
        ),
        (
            'quotes = [{ text = "said harbour master Ann Reyes" }]',
            'quotes = [{ text = "" }]',
            "reyes",
            "quotes[0].text",
            "must not be empty",
        ),
        (
            '{ text = "at least two weeks", speaker = "reyes" }',
            '{ text = "at least three weeks", speaker = "reyes" }',
            "repairs",
            "quotes[0].text",
            "not verbatim in the article",
        ),
        (
            '{ text = "at least two weeks", speaker = "reyes" }',
            '{ text = "at least two weeks", speaker = "mayor" }',
            "repairs",
            "quotes[0].speaker",
            "unknown speaker 'mayor'",
        ),
        (
            '{ text = "at least two weeks", speaker = "reyes" }',
            '{ text = "At least two weeks", speaker = "reyes" }',
            "repairs",
            "quotes[0].text",
            "not verbatim",
        ),
        (
            'related = ["reopening"]',
            'related = ["weather"]',
            "closure",
            "related[0]",
            "no entry has id 'weather'",
        ),
        (
            'related = ["reopening"]',
            'related = ["closure"]',
            "closure",
            "related[0]",
            "cannot relate to itself",
        ),
        (
            'byline = "Staff"',
            'byline = "Staff"\nfeatured = ["nope"]',
            None,
            "[story] featured[0]",
            "no entry has id 'nope'",
        ),
    ],
)
def test_each_problem_names_file_entry_and_field(
    write_story: WriteStory, old: str, new: str, entry: str | None, field: str, message: str
) -> None:
    """Every refusal says which file, which entry and which field, and what is wrong."""
    assert old in MINI
    problem = only(write_story, MINI.replace(old, new, 1))
    assert (problem.entry, problem.field) == (entry, field)
    assert message in problem.message
    text = str(problem)
    assert str(problem.path) in text
    assert field in text
    if entry:
        assert repr(entry) in text


def test_a_blank_related_id_does_not_shift_the_positions_named(write_story: WriteStory) -> None:
    toml = MINI.replace('related = ["reopening"]', 'related = ["", "nope"]')
    found = {(p.field, p.message) for p in problems(write_story, toml)}
    assert ("related[0]", "must not be empty") in found
    assert ("related[1]", "no entry has id 'nope'") in found


def test_one_name_under_two_speaker_keys(write_story: WriteStory) -> None:
    toml = MINI.replace(
        "[speakers.council]", '[speakers.ann]\nname = "Ann Reyes"\n\n[speakers.council]'
    )
    problem = only(write_story, toml)
    assert problem.field == "[speakers.ann]"
    assert problem.message == "'Ann Reyes' is also the name of [speakers.reyes]"


def test_duplicate_entry_ids(write_story: WriteStory) -> None:
    toml = MINI.replace('id = "repairs"', 'id = "boats"')
    found = problems(write_story, toml)
    message = "duplicate entry id: [[entries]] #4 has the id of #3"
    assert any(p.entry == "boats" and p.message == message for p in found)


def test_same_phrasing_under_two_entries(write_story: WriteStory) -> None:
    """After normalisation, one phrasing may lead to one entry only."""
    toml = MINI.replace('"pier repair time"', '"Why was the HARBOR closed"')
    problem = only(write_story, toml)
    assert problem.entry == "repairs"
    assert "entry 'closure'" in problem.message


UNANSWERED = '\n[unanswered]\nquestions = ["how many boats sank", "who owns the harbour"]\n'


def test_unanswered_questions_are_loaded(write_story: WriteStory) -> None:
    story = load_story(write_story(MINI + UNANSWERED))
    assert story.unanswered == ("how many boats sank", "who owns the harbour")
    assert load_story(write_story()).unanswered == ()


@pytest.mark.parametrize(
    ("toml", "field", "message"),
    [
        # One question cannot be both answered and not: the reader would get either.
        (
            '\n[unanswered]\nquestions = ["Why is the HARBOR closed?"]\n',
            "[unanswered] questions[0]",
            "reads the same as entry 'closure' question",
        ),
        ('\n[unanswered]\nquestions = "how many boats sank"\n', "[unanswered] questions", "list"),
        ('\n[unanswered]\nquestions = ["", "who owns it"]\n', "[unanswered] questions[0]", "empty"),
        ('\n[unanswered]\nquestion = ["who owns it"]\n', "[unanswered] question", "unknown"),
        ("\n[unanswered]\n", "[unanswered] questions", "missing"),
        ("\n[unanswered]\nquestions = []\n", "[unanswered] questions", "at least one"),
        (
            '\n[unanswered]\nquestions = ["who owns the harbour", "Who owns the HARBOR?"]\n',
            "[unanswered] questions[1]",
            "reads the same as [unanswered] questions[0]",
        ),
    ],
)
def test_unanswered_questions_are_checked(
    write_story: WriteStory, toml: str, field: str, message: str
) -> None:
    found = problems(write_story, MINI + toml)
    assert any(p.field == field and message in p.message for p in found), [str(p) for p in found]


def test_unanswered_must_be_a_table(write_story: WriteStory) -> None:
    toml = 'unanswered = ["how many boats sank"]\n' + MINI
    found = problems(write_story, toml)
    assert any(p.field == "[unanswered]" and p.message == "must be a table" for p in found)


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ('harbour = ["harbor", "port"]\ndock = ["port"]', "also a variant of 'harbour'"),
        ('harbour = ["harbor", "port"]\nport = ["quay"]', "canonical term and also a variant"),
        ('harbour = ["harbor"]\nthe = ["teh"]', "common word"),
        ("harbour = []", "at least one variant"),
        ('harbour = "harbor"', "must be a list of strings"),
        ('harbour = ["harbor", "⚓"]\ndock = ["⚓️"]', "also a variant of 'harbour'"),
        ('harbour = ["harbor", "?!"]', "needs letters, digits or an emoji"),
    ],
)
def test_alias_collisions(write_story: WriteStory, aliases: str, message: str) -> None:
    toml = MINI.replace('harbour = ["harbor", "port"]\nboat = ["ship", "vessel"]', aliases)
    found = problems(write_story, toml)
    assert any(message in p.message and (p.field or "").startswith("[aliases]") for p in found), [
        str(p) for p in found
    ]


def test_article_missing(write_story: WriteStory) -> None:
    problem = only(write_story, MINI, article=None, article_name="other.txt")
    assert problem.field == "[story] article"
    assert "not found" in problem.message


def test_article_not_utf8(write_story: WriteStory) -> None:
    problem = only(write_story, MINI, article=b"Storm\n\xff\xfe broken\n")
    assert problem.field == "[story] article"
    assert "not UTF-8" in problem.message


def test_an_article_name_that_is_not_a_file_name(write_story: WriteStory) -> None:
    problem = only(write_story, MINI.replace('"harbour.txt"', '"harbour\\u0000.txt"'))
    assert (problem.field, problem.message) == (
        "[story] article",
        "'harbour\\x00.txt' is not a file name",
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1e"])
def test_only_a_line_break_ends_a_paragraph(write_story: WriteStory, separator: str) -> None:
    """A stray separator inside paragraph 1 must not renumber every quote after it."""
    article = ARTICLE.replace("after a storm", f"after a{separator}storm")
    toml = MINI.replace(
        "closed on Monday after a storm damaged the pier", "closed on Monday after a"
    )
    story = load_story(write_story(toml, article=article))
    assert len(story.paragraphs) == 4
    repairs = story.entry("repairs")
    assert repairs is not None
    assert repairs.quotes[0].paragraph == 4


@pytest.mark.parametrize(
    "first_line",
    ["Storm closes the harbour.", "STORM CLOSES THE HARBOUR", "Storm  closes the harbour"],
)
def test_the_headline_line_is_not_numbered_however_it_is_written(
    write_story: WriteStory, first_line: str
) -> None:
    article = ARTICLE.replace("Storm closes the harbour\n", f"{first_line}\n", 1)
    story = load_story(write_story(article=article))
    reopening = story.entry("reopening")
    assert reopening is not None
    assert reopening.quotes[0].paragraph == 2


def test_article_empty(write_story: WriteStory) -> None:
    problem = only(write_story, MINI, article="Storm closes the harbour\n\n  \n")
    assert "has no text" in problem.message


def test_several_problems_are_reported_together(write_story: WriteStory) -> None:
    toml = MINI.replace('related = ["reopening"]', 'related = ["x"]').replace(
        '"at least two weeks"', '"at most two weeks"'
    )
    assert len(problems(write_story, toml)) == 2


def test_library_refuses_two_stories_with_one_id(write_story: WriteStory) -> None:
    first = write_story(name="a.toml")
    write_story(name="b.toml")
    with pytest.raises(KnowledgeError, match="story id 'harbour-storm' is also used"):
        load_library(first.parent)


def test_a_broken_link_in_a_library_is_a_problem_not_a_missing_story(
    write_story: WriteStory, tmp_path: Path
) -> None:
    write_story()
    (tmp_path / "moved.toml").symlink_to(tmp_path / "gone" / "moved.toml")
    with pytest.raises(KnowledgeError) as caught:
        load_library(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.message) == ("moved.toml", "file not found")


@pytest.mark.parametrize("name", ["Ann Reye", "ann reyes"])
def test_a_speaker_name_the_article_never_prints_is_blamed_on_the_name(
    write_story: WriteStory, name: str
) -> None:
    found = problems(write_story, MINI.replace('name = "Ann Reyes"', f'name = "{name}"'))
    assert {(p.entry, p.message) for p in found} == {
        (
            entry,
            f"attributed to {name}, a name the article never prints: check [speakers.reyes] "
            "name (spelt and capitalised as printed)",
        )
        for entry in ("reopening", "repairs")
    }


def test_a_hidden_file_in_a_library_is_no_story(write_story: WriteStory, tmp_path: Path) -> None:
    """Emacs leaves a dangling link ".#story.toml" while the story is edited."""
    write_story()
    (tmp_path / ".#story.toml").symlink_to(tmp_path / "user@host.1234")
    (tmp_path / ".draft.toml").write_text("not toml [", encoding="utf-8")
    assert [s.id for s in load_library(tmp_path)] == ["harbour-storm"]


def test_library_of_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"no knowledge files"):
        load_library(tmp_path)


def test_a_quote_within_another_of_the_same_speaker_is_listed_once(
    write_story: WriteStory,
) -> None:
    toml = MINI.replace(
        '{ text = "at least two weeks", speaker = "reyes" }',
        '{ text = "the pier would need “at least two weeks” of repairs", speaker = "reyes" }',
    ).replace(
        '{ text = "We expect the harbour to reopen on Friday", speaker = "reyes" }',
        '{ text = "We expect the harbour to reopen on Friday", speaker = "reyes" }, '
        '{ text = "at least two weeks", speaker = "reyes" }',
    )
    story = load_story(write_story(toml))
    texts = [q.text for q in story.quotes_by("reyes")]
    assert texts == [
        "We expect the harbour to reopen on Friday",
        "the pier would need “at least two weeks” of repairs",
    ]


def test_quotes_by_speaker(mini_story: Story) -> None:
    texts = [q.text for q in mini_story.quotes_by("reyes")]
    assert texts == ["We expect the harbour to reopen on Friday", "at least two weeks"]


def test_quotes_in_one_paragraph_are_in_the_order_it_says_them(shipped_story: Story) -> None:
    """Not in alphabetical order: Selo's "275 …" comes before his "leaving …"."""
    in_third = [q.text for q in shipped_story.quotes_by("selo") if q.paragraph == 3]
    article = shipped_story.paragraphs[2].replace("’", "'")
    places = [article.find(text.replace("’", "'")) for text in in_third]
    assert len(in_third) > 2
    assert -1 not in places
    assert places == sorted(places)


# --- finding a person quoted by a typed name (/quotes) ---------------------------


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("raqa-final-assault:dillon", ["dillon"]),  # what the autocomplete sends
        ("dillon", ["dillon"]),
        ("Dillon", ["dillon"]),
        ("Ryan  Dillon", ["dillon"]),
        ("colonel ryan dillon", ["dillon"]),
        ("TALAL SELO", ["selo"]),
        # Mostafa is Laila's last name and Bali's first: only the last name counts.
        ("Mostafa", ["laila"]),
        ("mostafa bali", ["bali"]),
        # Failing those, any words of the name.
        ("ryan", ["dillon"]),
        ("Colonel Dillon", ["dillon"]),
        ("omar", ["alloush"]),
        ("tribal leaders", ["tribal-leaders"]),
        # As /quotes lists them, with punctuation, shortened, misspelt, with "the".
        ("Talal Selo, SDF spokesman", ["selo"]),
        ("Selo?", ["selo"]),
        ("Col. Dillon", ["dillon"]),
        ("Dilon", ["dillon"]),
        ("the coalition", ["coalition"]),
        ("the SDF", ["sdf"]),
        ("ryan selo", []),
        ("the", []),
        ("from", []),
        ("", []),
        ("@everyone", []),
        ("other-story:dillon", []),
    ],
)
def test_a_typed_name_finds_the_person_quoted(
    shipped_story: Story, typed: str, keys: list[str]
) -> None:
    found = speakers_named([shipped_story], typed)
    assert [speaker.key for _, speaker in found] == keys
    assert all(story is shipped_story for story, _ in found)


def with_speakers(story: Story, *names: str, quoted: bool = True) -> Story:
    """`story` with more people, keyed by first name, each quoted once unless not `quoted`."""
    added = {n.split()[0].casefold(): Speaker(n.split()[0].casefold(), n) for n in names}
    quotes = tuple(Quote(f"words of {s.name}", s, 1) for s in added.values())
    entry = replace(story.entries[0], id="more", quotes=quotes if quoted else ())
    return replace(story, speakers={**story.speakers, **added}, entries=(*story.entries, entry))


def test_a_whole_name_or_key_wins_over_a_shared_ending(mini_story: Story) -> None:
    story = with_speakers(mini_story, "Tom Reyes", "Jo Reyes", "Kim Lee", "Al Lee")
    assert [s.key for _, s in speakers_named([story], "reyes")] == ["reyes"]
    assert [s.key for _, s in speakers_named([story], "Jo Reyes")] == ["jo"]
    assert [s.key for _, s in speakers_named([story], "council")] == ["council"]
    assert [s.key for _, s in speakers_named([story], "lee")] == ["kim", "al"]
    assert [s.key for _, s in speakers_named([story], "Ann")] == ["reyes"]
    assert [s.key for _, s in speakers_named([story], "kim")] == ["kim"]
    assert speakers_named([story], "Ann Lee") == []


def test_people_never_quoted_are_not_found(mini_story: Story) -> None:
    story = with_speakers(mini_story, "Kim Lee", quoted=False)
    assert speakers_named([story], "kim lee") == []


def test_several_stories_name_the_story_of_each_match(mini_story: Story) -> None:
    other = replace(mini_story, id="other-story", headline="Another storm")
    found = speakers_named([mini_story, other], "reyes")
    assert [(story.id, s.key) for story, s in found] == [
        ("harbour-storm", "reyes"),
        ("other-story", "reyes"),
    ]


# --- questions readers asked ([story] asked) --------------------------------------

ASKED_TOML = MINI.replace(
    'article = "harbour.txt"\n', 'article = "harbour.txt"\nasked = "asked.jsonl"\n'
)


def asked_problems(write_story: WriteStory, lines: str | bytes | None) -> list[str]:
    """The problems loading the mini story finds with these lines as its asked file
    (None: no file), each as the loader words it; every one names that file."""
    path = write_story(ASKED_TOML)
    asked = path.parent / "asked.jsonl"
    if isinstance(lines, bytes):
        asked.write_bytes(lines)
    elif lines is not None:
        asked.write_text(lines, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_story(path)
    return [str(p) for p in caught.value.problems]


def test_asked_questions_load_with_the_entry_each_is_labelled_with(
    write_story: WriteStory,
) -> None:
    path = write_story(ASKED_TOML)
    (path.parent / "asked.jsonl").write_text(
        '{"q": "is the port still shut", "expect": "closure", "accept": ["reopening"]}\n'
        "\n"
        '{"q": "whos paying for it", "expect": null, "reason": "not_covered"}\n'
        '{"q": "best pizza in town?", "expect": null, "reason": "off_topic"}\n',
        encoding="utf-8",
    )
    story = load_story(path)
    assert [(a.question, a.entry) for a in story.asked] == [
        ("is the port still shut", "closure"),
        ("whos paying for it", None),
        ("best pizza in town?", None),
    ]
    assert story.asked_path == path.parent / "asked.jsonl"
    assert load_story(write_story()).asked == ()


def test_an_asked_question_keeps_its_other_right_entries_by_their_own_ids(
    write_story: WriteStory,
) -> None:
    """The fit reads them from the story (bench/fit_referee.py), not the file again."""
    story_id = load_story(write_story()).id
    path = write_story(ASKED_TOML)
    (path.parent / "asked.jsonl").write_text(
        f'{{"q": "is it shut", "expect": "{story_id}:closure", '
        f'"accept": ["reopening", "{story_id}:boats"]}}\n',
        encoding="utf-8",
    )
    (asked,) = load_story(path).asked
    assert (asked.entry, asked.accept) == ("closure", ("reopening", "boats"))


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"q": "is the port shut", "expect": "harbour"}', "no entry has id 'harbour'"),
        (
            '{"q": "is the port shut", "expect": "closure", "accept": ["pier"]}',
            "no entry has id 'pier'",
        ),
        ('{"q": "is the port shut"}', '"expect" is missing'),
        ('{"q": "is it shut", "expect": null, "after": "closure"}', "unknown key 'after'"),
        ("is the port shut", "not JSON ("),
        ('{"q": "' + "a" * 5000 + '", "expect": null}', '"q" is 5,000 characters'),
    ],
)
def test_a_bad_asked_line_is_named_by_its_file_and_line(
    write_story: WriteStory, line: str, problem: str
) -> None:
    """The loader's own checks (ids, length, no follow-ups) and the format's
    (tests/test_labelled.py), named alike."""
    good = '{"q": "is the port shut", "expect": "closure"}\n'
    found = asked_problems(write_story, good + line + "\n")
    assert len(found) == 1, found
    assert "asked.jsonl, line 2: " in found[0]
    assert problem in found[0]


def test_a_file_of_bad_asked_lines_is_named_by_its_first_few(write_story: WriteStory) -> None:
    found = asked_problems(write_story, '{"q": "is it shut", "expect": "pier"}\n' * 500)
    assert len(found) == 11
    assert "line 10:" in found[9]
    assert found[10].endswith("and 490 more lines like these")


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        (None, "questions file 'asked.jsonl' not found next to the knowledge file"),
        ("\n\n", "asked.jsonl has no questions"),
        (b'{"q": "caf\xe9", "expect": null}\n', "asked.jsonl is not UTF-8 text"),
    ],
)
def test_an_asked_file_that_cannot_be_used_is_named(
    write_story: WriteStory, lines: str | bytes | None, problem: str
) -> None:
    found = asked_problems(write_story, lines)
    assert len(found) == 1, found
    assert "[story] asked" in found[0]
    assert problem in found[0]


def test_an_asked_file_over_the_limit_is_refused_unread(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.knowledge.MAX_ASKED_BYTES", 100)
    found = asked_problems(write_story, '{"q": "is the port shut", "expect": "closure"}\n' * 3)
    assert len(found) == 1, found
    assert found[0].endswith(
        "story.toml, [story] asked: asked.jsonl is 141 bytes; a questions file may be at most 100"
    )
