"""Normalisation: what a reader types and what a curator wrote meet in one form."""

from __future__ import annotations

import pytest

from bot.knowledge import Story
from bot.normalize import (
    _FRAMING,
    STOPWORDS,
    TYPED_ONLY,
    AliasTable,
    as_the_group,
    as_the_us,
    asks_what_said,
    clean,
    dictated,
    fold_for_quote_check,
    run_apart,
    stem,
    terms,
    tokenize,
    words,
)


def stems(text: str, table: AliasTable | None = None) -> list[str]:
    tokens = tokenize(text)
    return [w.stem for w in (table.apply(tokens) if table else tokens)]


def test_case_punctuation_and_curly_quotes_fold() -> None:
    assert stems("“Raqa’s FALL!!”") == stems('"raqa\'s fall"') == ["raqa", "fall"]


def test_small_capitals_read_as_the_letters_they_are_drawn_as() -> None:
    assert stems("\u1d21\u029c\u1d0f \u026as s\u1d07\u029f\u1d0f") == ["who", "is", "selo"]


def test_invisible_and_combining_characters_are_removed() -> None:
    """Zero-width joiners, direction marks and stacked accents do not split or hide words."""
    assert stems("se\u200blo") == ["selo"]
    assert stems("\u202eselo\u202c") == ["selo"]
    assert stems("Raqqā") == stems("raqqa")
    assert stems("s" + "\u0301" * 500 + "elo") == ["selo"]


def test_look_alike_letters_inside_a_latin_word_read_as_latin() -> None:
    """A Cyrillic e in "selo" reads as e, a Greek capital rho as the P it looks like; a word
    wholly in another script is that script's word, left as written."""
    assert stems("is s\u0435lo a kurd") == stems("is selo a kurd")
    assert stems("who is \u0422\u0430lal") == stems("who is talal")
    assert stems("\u03a1aqqa") == stems("Paqqa")
    assert (
        clean("\u043f\u0440\u0438\u0432\u0435\u0442 Raqa")
        == "\u043f\u0440\u0438\u0432\u0435\u0442 Raqa"
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # Hindi and Urdu in Latin letters; "yaar" and "bhai" are filler.
        ("kaun hai Selo bhai", ["@person", "selo"]),
        ("convoy kab nikla tha yaar", ["convoy", "@time", "leav"]),  # "nikla": left
        ("Bali ne kya bola tha", ["bali", "say"]),
        ("convoy wali baat sahi hai na, btao", ["convoy"]),
        # Malay; its "tak" (not) stops only as typed: "take" is a word.
        ("siapa Selo ni", ["@person", "selo"]),
        ("bila assault tu start", ["@time", "assault", "start"]),
        ("berapa lama the battle dah", ["@duration", "battl"]),
        ("take it from me, kat mana convoy", ["tak", "@place", "convoy"]),
        # Levantine Arabic in Latin letters and digits.
        ("meen hayda Selo ya3ni", ["@person", "selo"]),
        ("emta tele3 el convoy", ["@time", "leav", "convoy"]),
        ("Bali shu 2al", ["bali", "say"]),
        # Tagalog: "ilan" how many, "gaano katagal" how long, "cnu" who, "sbi" said.
        ("ilan daw ung ferry sa Cebu", ["@count", "ferry", "cebu"]),
        ("gaano katagal na yung ferry strike", ["@duration", "ferry", "strik"]),
        ("cnu c Mayor Tan, ano sbi nya", ["@person", "mayor", "tan", "say"]),
        # Spanish: "quien" who, "por que" why, "donde" where.
        ("quien es el mayor de Tijuana pues", ["@person", "mayor", "tijuana"]),
        ("por que cerraron el puerto wey", ["@reason", "cerraron", "puerto"]),
        ("el ferry pa donde va o que", ["ferry", "@place"]),
        # Turkish: "ne zaman" when, "kac" how many; Kurmanji: "li ku" where.
        ("liman ne zaman acildi", ["liman", "@time", "acildi"]),
        ("kac tane ferry var", ["@count", "ferry"]),
        ("ferry li ku ye heval", ["ferry", "@place"]),
        # What is happening, and spans of time, in each.
        ("ano nangyayari sa Cebu", ["happen", "cebu"]),
        ("que esta pasando en el puerto bro", ["happen", "puerto"]),
        ("li Cebu ci dibe", ["cebu", "happen"]),
        ("cuantos anos tiene el mayor", ["@count", "year", "mayor"]),
        ("kac yildir grev var", ["@count", "year", "grev"]),
        ("cuantos barcos antes del strike", ["@count", "barco", "strik"]),  # before
        # German: "wann" when, "wie viele" how many, "warum" why.
        ("wann genau hat der Hafen zugemacht", ["@time", "hafen", "zugemacht"]),
        ("wie viele ferries sind noch da", ["@count", "ferry"]),
        ("warum eigentlich der strike", ["@reason", "strik"]),
        # French filler, Portuguese "quem" who, "onde" where, "disse" said.
        ("c'est quoi le mayor genre", ["mayor"]),
        ("quem e o prefeito de Cebu", ["@person", "prefeito", "cebu"]),
        ("onde ta o ferry agora mano", ["@place", "ferry"]),
        ("o que o mayor disse", ["mayor", "say"]),
    ],
)
def test_languages_mixed_into_english_ask_and_fill_as_english_does(
    typed: str, read: list[str]
) -> None:
    """Their question words are intents, their "said" is said, and their commonest
    words are stopwords; the rest is read as any word is."""
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_a_word_english_reads_as_its_own_or_a_name_is_no_other_languages_stopword() -> None:
    """Malay's "ada" and "akan", Arabic's "bel" and Hindi's "hui" are ADA, the
    Akan people, Bel and Hui to an English reader (in a message of Malay or
    Arabic, see test_more_words_of_other_languages_are_read)."""
    assert [t for t, _ in terms(tokenize("ada akan bel hui"))] == ["ada", "akan", "bel", "hui"]


def test_a_word_of_another_language_stops_only_as_typed() -> None:
    """Hindi's "bas" (enough) and "wale" stop, but "base" and "Wales", which share
    their stems, are words: "raqa being a base for attacks" had lost its "base"."""
    assert [t for t, _ in terms(tokenize("bas yaar, raqa was a base in wales"))] == [
        *("raqa", "bas", "wal"),
    ]
    # Tagalog's "grabe" (wow), "bang", "wag" (don't), "dun" (there), Turkish's
    # "tane", "bak" (look) and "lan", Spanish's "del".
    assert terms(tokenize("grabe, bang, wag, dun, tane, bak, lan, del")) == []
    read = terms(tokenize("grabbed banging waged dune Tan baking lane"))
    assert [t for t, _ in read] == ["grab", "bang", "wag", "dun", "tan", "bak", "lan"]


def test_a_word_that_stops_only_as_typed_is_a_stopword() -> None:
    """TYPED_ONLY narrows how a stopword stops; a word in it that is no
    stopword would stop nothing and only keep slips from reaching it."""
    assert TYPED_ONLY <= STOPWORDS


def test_a_turkish_case_ending_after_a_name_is_no_part_of_it() -> None:
    """ "Selo'nun" is Selo's, "Raqqa'dan" from Raqqa: Turkish writes a name's
    endings after an apostrophe. "IS'in" is still IS, in capitals."""
    assert stems("Selo'nun SDF'e Raqqa'dan") == stems("Selo SDF Raqqa")
    assert [w.raw for w in tokenize("IS'in Raqqa'y\u0131")] == ["IS", "Raqqa"]
    assert stems("o'clock, y'all") == ["oclock", "yall"]


def test_interjections_are_not_words_but_their_look_alikes_are() -> None:
    def read(text: str) -> list[str]:
        """The words matching reads, as typed."""
        return [word.raw for _, word in terms(tokenize(text)) if word is not None]

    assert read("Cool cool, damn, wow") == []
    assert read("the pier cooled") == ["pier", "cooled"]
    assert read("a damning report from Nice") == ["damning", "report", "Nice"]
    # The Arabic oaths and greetings that diaspora readers mix into English.
    assert read("wallah, yalla habibi, khalas") == []
    assert read("salam, inshallah the pier reopens") == ["pier", "reopens"]
    # Australian and New Zealand ones: "oi", "chur" (cheers) and "sweet as" (fine).
    assert read("oi mate, chur for that, sweet as") == []
    assert read("sweet as, the pier reopens") == ["pier", "reopens"]
    # Nigerian ones: "chai" had been read as "chat".
    assert read("chai! haba, omo ehn") == []


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("whooooo is selo", ["who", "is", "selo"]),
        ("soooo manyyyy", ["so", "many"]),
        ("thankssss, pleeease", ["thanks", "please"]),
        ("nooooo", ["no"]),  # not the chat's "noo" (now)
        # Only function words: a date's "yyyy" is no "why", a number no shorter one,
        # and a story's word drawn out is left to the correction of slips.
        ("dd/mm/yyyy 1000", ["dd", "mm", "yyyy", "1000"]),
        ("raqqaaaa", ["raqqaaaa"]),
    ],
)
def test_a_function_word_drawn_out_is_read_as_it(text: str, folded: list[str]) -> None:
    assert [w.folded for w in tokenize(text)] == folded


def test_control_characters_become_spaces() -> None:
    assert stems("convoy\x00size\x07") == stems("convoy size")


def test_emoji_and_symbols_are_not_words() -> None:
    assert stems("🔥🔥 ??? ***") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("fighters", "fighter"),
        ("leaving", "leave"),
        ("left", "leave"),
        ("civilians", "civilian"),
        ("militias", "militia"),
        ("casualties", "casualty"),
        ("says", "say"),
        ("said", "say"),
        ("released", "release"),
        ("withdrew", "withdraw"),
        ("buses", "bus"),
        ("rode", "ride"),
        ("sent", "send"),
        ("dealt", "deal"),
        ("shot", "shoot"),
        ("beaten", "beat"),
        # British English doubles a last "l"; American English does not.
        ("controlled", "control"),
        ("travelling", "traveling"),
        ("cancelled", "canceled"),
        ("installed", "install"),
    ],
)
def test_inflections_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_a_word_of_one_syllable_keeps_its_double_l() -> None:
    """ "kill" is no "kil", nor "call" a "cal"."""
    assert (stem("killed"), stem("calling"), stem("spell")) == ("kill", "call", "spell")


def test_a_clipped_word_keeps_its_own_stem() -> None:
    """ "stats" is statistics: the suffix rules made it "stat", the stem of "state"
    and "stated" too."""
    assert stem("stats") == stem("statistics")
    assert stem("stats") != stem("stated")


def test_stem_keeps_short_words_and_numbers() -> None:
    assert stem("isis") == "isis"
    assert stem("275") == "275"
    assert stem("sdf") == "sdf"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("two hundred and seventy five", ["275"]),
        ("two hundred seventy-five syrians", ["275", "syrians"]),
        ("ninety nine", ["99"]),
        ("twenty five days", ["25", "days"]),
        # Both ends of a span in hundreds, as "200-300" is printed.
        ("two to three hundred", ["200", "to", "300"]),
        ("between three and four hundred", ["between", "300", "and", "400"]),
        # Digits are as typed; "one" stays a word, most often a pronoun.
        ("20 5", ["20", "5"]),
        ("2 to 3 hundred", ["2", "to", "3", "hundred"]),
        ("one hundred", ["one", "hundred"]),
    ],
)
def test_a_number_written_in_several_words_is_one_number(text: str, folded: list[str]) -> None:
    """Read word by word, "two hundred and seventy five" was 2 and 5 and words
    the story never uses."""
    assert [w.folded for w in tokenize(text)] == folded


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("what does is mean", ["what", "does", "IS", "mean"]),
        ("how long has is held it", ["how", "long", "has", "IS", "held", "it"]),
        ("is is losing", ["is", "IS", "losing"]),
        ("what is is", ["what", "is", "IS"]),
        # Where a verb can stand, "is" is the verb.
        ("where is the convoy", ["where", "is", "the", "convoy"]),
        ("so is it over", ["so", "is", "it", "over"]),
    ],
)
def test_a_lowercase_is_where_no_verb_can_stand_is_the_group(text: str, raws: list[str]) -> None:
    assert [w.raw for w in as_the_group(tokenize(text))] == raws


def test_aliases_fold_variants_including_multiword_and_inflected() -> None:
    table = AliasTable({"raqa": ["raqqa", "ar-raqqa"], "leave": ["withdraw", "exit"]})
    assert stems("Ar-Raqqa", table) == ["raqa"]
    assert stems("they withdrew and exited raqqa", table) == ["they", "leav", "and", "leav", "raqa"]


def test_the_storys_own_text_keeps_what_a_reader_says_of_themselves() -> None:
    """ "my son asked", "so we can": a reader's asides in a question, but what
    a quote tells in the story's own text."""
    table = AliasTable({"family": ["kid"]})
    quote = "my kid asked why, so we can rebuild"
    assert [w.stem for w in table.read(quote)] == ["my", "ask", "why"]
    assert [w.stem for w in table.read(quote, asked=False)] == [
        *("my", "fami", "ask", "why", "so", "we", "can", "rebuild"),
    ]


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("idk where to ask this but who is selo", ["idk", "but", "who", "is", "selo"]),
        ("not sure where i should post it", ["not", "sure"]),
        ("convoy where to now", ["convoy", "where", "head", "now"]),
    ],
)
def test_a_remark_on_where_to_ask_is_gone_before_variants(question: str, kept: list[str]) -> None:
    """ "where to" is a variant of where the convoy heads; "where to ask this"
    is where the reader asks, and goes before the variants are read."""
    table = AliasTable({"where head": ["where to"]})
    assert [w.folded for w in table.read(question)] == kept


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("tell me about the sdf like im a kid", ["tell", "me", "about", "the", "sdf"]),
        ("pretend I'm a little kid: who won", ["who", "won"]),
        ("an easier way to explain the deal?", ["the", "deal"]),
        ("kid-friendly version of the raqa news pls", ["the", "raqa", "news", "pls"]),
        ("easy explanation of isis for a child", ["isis"]),
        # The families and the fighting the story tells of stay.
        ("so any kid left in there", ["so", "any", "family", "left", "in", "there"]),
        ("will it be easy now", ["will", "it", "be", "difficult", "now"]),
    ],
)
def test_asking_for_it_put_simply_is_gone_before_variants(question: str, kept: list[str]) -> None:
    """ "kid" is one of the families and "easy" the fighting to a story's
    variants: asking for an answer a child can follow goes before they are read
    ("like I'm a kid" had been framing read after them, which never matched)."""
    table = AliasTable({"family": ["kid"], "difficult": ["easy", "easier"]})
    assert [w.folded for w in table.read(question)] == kept


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("going by the text who backs the sdf", ["going", "by", "the", "text", "who", "backs"]),
        ("how does the piece present the sdf", ["how", "does", "the", "piece", "present"]),
        # Outside a framing phrase the variants read as before.
        ("where is the convoy going", ["where", "is", "the", "convoy", "head"]),
        ("at present", ["at", "currently"]),
        # A variant of the whole phrase is the story's own reading of it.
        ("in a nutshell", ["summary"]),
    ],
)
def test_a_phrase_framing_the_question_is_not_read_as_variants(
    question: str, kept: list[str]
) -> None:
    """ "going" is the convoy's heading and "present" now to a story's variants,
    but "going by the text" is where the reader read it: read as variants, the
    phrase no longer framed the question."""
    table = AliasTable({"head": ["going"], "currently": ["present"], "summary": ["in a nutshell"]})
    assert [w.folded for w in table.read(question)][: len(kept)] == kept


def test_every_framing_phrase_frames_under_the_shipped_storys_variants(
    shipped_story: Story,
) -> None:
    """A framing phrase with a word the story folds to another could never match
    ("like I'm a kid" was one): each reads as framing, is gone before the
    variants (a child's answer), or is a variant of the story's as a whole."""
    table = AliasTable(shipped_story.aliases)
    whole = {AliasTable.variant_key(v) for vs in shipped_story.aliases.values() for v in vs}
    dead = [
        " ".join(phrase)
        for phrase in _FRAMING
        if (read := tuple(w.folded for w in table.read(" ".join(phrase))))
        and read not in _FRAMING
        and AliasTable.variant_key(" ".join(phrase)) not in whole
    ]
    assert dead == []


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("the rules 4 the withdrawal", ["the", "rules", "for", "the", "withdrawal"]),
        ("wat does sdf stand 4?", ["what", "does", "sdf", "stand", "for"]),
        ("going on 4 months", ["going", "on", "4", "months"]),
        ("4 US soldiers", ["4", "us", "soldiers"]),
        ("4 U.S. soldiers", ["4", "us", "soldiers"]),
        ("stand 4 months", ["stand", "4", "months"]),
    ],
)
def test_chats_4_reads_as_for_only_where_no_count_could_stand(text: str, folded: list[str]) -> None:
    assert [w.folded for w in tokenize(text)] == folded


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("the sdf everybody is talking about", ["the", "sdf"]),
        ("the elders people keep going on about", ["the", "elders"]),
        ("the name keeps coming up", ["the", "name"]),
        # Where the story speaks of it is asked.
        (
            "where they talk about human shields",
            ["where", "they", "say", "about", "human", "shields"],
        ),
        ("what are people saying", ["what", "are", "civilian", "saying"]),
        ("what they talk about", ["what", "they", "say", "about"]),
    ],
)
def test_a_remark_that_others_speak_of_it_is_gone_before_variants(
    question: str, kept: list[str]
) -> None:
    """ "talking" is saying and "people" the civilians; "the SDF everybody is
    talking about" is the SDF."""
    table = AliasTable({"say": ["talking"], "civilian": ["people"]})
    assert [w.folded for w in table.read(question)] == kept


def test_an_irregular_form_in_a_variant_matches_only_as_written() -> None:
    # "left" is a form of "leave", but "are left" means what remains: the
    # fighters who "are leaving" are not the ones who "are left".
    table = AliasTable({"remain": ["are left", "left behind"], "leave": ["pull out"]})
    assert stems("how many are left", table) == ["how", "many", "remain"]
    assert stems("how many are leaving", table) == ["how", "many", "are", "leav"]
    assert stems("who was left behind", table) == ["who", "was", "remain"]
    assert stems("they are pulling out", table) == ["they", "are", "leav"]
    assert AliasTable.variant_key("are left") != AliasTable.variant_key("are leaving")


def test_a_variant_of_several_words_holds_for_a_one_word_variant_in_it() -> None:
    """ "how many fighters left in the convoi" had been read as how many remain:
    "convoi" is the convoy, but only once "left in the convoy" was already past."""
    table = AliasTable(
        {
            "convoy": ["convoi", "caravan"],
            "leave convoy": ["left in the convoy"],
            "remain": ["left in"],
        }
    )
    for typed in ("left in the convoi", "left in the caravan", "left in the convoy"):
        assert stems(typed, table) == ["leav", "convoy"], typed
    assert stems("left in raqa", table) == ["remain", "raqa"]


def test_capitalised_variant_matches_only_in_capitals() -> None:
    """ "IS" the group is not "is" the verb."""
    table = AliasTable({"isis": ["IS", "daesh"]})
    assert stems("IS fighters", table) == ["isis", "fighter"]
    assert stems("who is he", table) == ["who", "is", "he"]
    assert stems("Daesh", table) == ["isis"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the colonel disagreed period", "the colonel disagreed."),
        ("my son asked comma who are the SDF question mark", "my son asked, who are the SDF?"),
        ("wow exclamation point", "wow!"),
        ("they left full stop", "they left."),
        # A mark named, not spoken: a noun after "the", "what", "a long" ...
        ("what period", "what period"),
        ("the question mark in the headline", "the question mark in the headline"),
        ("a long period of calm", "a long period of calm"),
        ("the transition period", "the transition period"),
        ("a calm battle period of several weeks", "a calm battle period of several weeks"),
    ],
)
def test_dictations_spoken_punctuation_is_punctuation(text: str, read: str) -> None:
    assert dictated(text) == read


def test_a_message_opening_with_us_means_the_us() -> None:
    """ "us spox who" was read without its "us", a pronoun: Talal Selo, at 95."""
    table = AliasTable({"coalition": ["US"]})

    def read(text: str) -> list[str]:
        return [w.stem for w in table.apply(as_the_us(tokenize(text)))]

    assert read("us spox who") == ["coalition", "spox", "who"]
    # Not a word alone, nor the reader with others, nor "us" later on.
    for text in ("us", "us too", "us guys are confused", "tell us who"):
        assert "coalition" not in read(text)


def test_in_a_text_typed_in_capitals_capitals_say_nothing() -> None:
    table = AliasTable({"isis": ["IS", "daesh"]})
    assert stems("IS RAQA ABOUT TO FALL", table) == ["is", "raqa", "about", "to", "fall"]
    assert stems("WHAT TIME IS IT", table) == ["what", "tim", "is", "it"]
    assert stems("how many IS fighters left RAQA", table)[2] == "isis"
    assert stems("DAESH FIGHTERS", table) == ["isis", "fighter"]


def test_longest_variant_wins() -> None:
    table = AliasTable({"isis": ["islamic state"], "state": ["country"]})
    assert stems("the islamic state", table) == ["the", "isis"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("can you get out of town", ["can", "you", "leav"]),
        ("can you get out", ["can", "you", "leav"]),
        ("can you get out of it", ["can", "you", "leav", "of", "it"]),
        ("can you get it", ["can", "you", "obtain", "it"]),
        ("can you get", ["can", "you", "obtain"]),
        ("IS got out", ["isis", "leav"]),
        ("IS Raqa", ["raqa"]),
    ],
)
def test_variants_sharing_a_first_word_match_longest_first(text: str, read: list[str]) -> None:
    """Variants are looked up by their first two words, those of one word by it,
    and one in capitals by its words as typed: each is still the longest there."""
    table = AliasTable(
        {
            "leave": ["get out", "get out of town", "got out"],
            "obtain": ["get"],
            "isis": ["IS"],
            "raqa": ["is raqa"],
        }
    )
    assert stems(text, table) == read


def test_an_emoji_variant_is_spelled_out_as_its_term() -> None:
    """Symbols are no words, but a story may say what its emoji mean: "🚌 how
    many?" asks how many were in the convoy. Variation selectors, joiners and
    skin tones do not change an emoji; the longest emoji wins."""
    table = AliasTable({"convoy": ["column", "🚌"], "family": ["👨‍👩‍👧"], "man": ["👨"]})

    def read(text: str) -> list[str]:
        return stems(table.spell_out(text), table)

    assert read("🚌 how many?") == ["convoy", "how", "many"]
    assert read("🚌️ how many") == ["convoy", "how", "many"]  # with a variation selector
    assert read("👨‍👩‍👧 in it?") == [stem("family"), "in", "it"]
    assert read("👨🏽 and 🔥") == ["man", "and"]  # a skin tone; an emoji the story never names
    assert table.spell_out("who is selo") == "who is selo"
    assert AliasTable.variant_key("🚌️") == AliasTable.variant_key("🚌") == ("🚌",)
    assert AliasTable.variant_key("🚌 bus") == ("bus",)  # words and an emoji: the words


def test_a_text_read_again_is_read_the_same_whatever_the_first_reader_did() -> None:
    """Texts are read once and the reading kept: each reader gets its own list."""
    first = tokenize("Who brokered the deal?")
    first.clear()
    again = tokenize("Who brokered the deal?")
    assert [w.stem for w in again] == ["who", "broker", "the", "deal"]
    assert again is not tokenize("Who brokered the deal?")


def test_fold_for_quote_check_touches_only_quotes_and_whitespace() -> None:
    assert fold_for_quote_check("  “We  may”\n’t ") == '"We may" \'t'
    assert fold_for_quote_check("Raqa") != fold_for_quote_check("raqa")


def test_clean_is_total_on_hostile_text() -> None:
    hostile = "\x00\ud800"[:1] + "\u0000" * 10 + "\u200f" * 10 + "@everyone <@123> `code`"
    assert "everyone" in clean(hostile)


def test_a_flood_of_expanding_characters_is_read_only_so_far() -> None:
    # U+FDFA is eighteen characters once NFKC-normalised: 2,000 of them would be
    # 36,000 to read. Ordinary expansions ("㎢", "ﬁ") are read whole.
    assert len(clean("\ufdfa" * 2000)) <= 2 * 2000 + 64
    assert clean("raqa ㎢ ﬁghters") == "raqa km2 fighters"


def test_lone_letters_are_filler_and_chat_question_words_are_intents() -> None:
    read = [t for t, _ in terms(tokenize("hey bot quick q wheres the convoy"))]
    assert read == ["@place", "convoy"]
    assert [t for t, _ in terms(tokenize("whens it over, whys that"))] == [
        "@time",
        "over",
        "@reason",
    ]


def test_how_asks_the_manner_unless_it_measures() -> None:
    assert [t for t, _ in terms(tokenize("how did isis win"))] == ["@manner", "isis", "win"]
    assert [t for t, _ in terms(tokenize("how old is selo"))] == ["@degree", "old", "selo"]
    assert [t for t, _ in terms(tokenize("how many boats"))] == ["@count", "boat"]
    assert [t for t, _ in terms(tokenize("the ferry's headcount"))] == ["ferry", "@count"]
    assert [t for t, _ in terms(tokenize("ferry head count"))] == ["ferry", "@count"]


@pytest.mark.parametrize(
    "typed", ["in what way does the council pay", "in which ways does the council pay"]
)
def test_in_what_way_asks_the_manner(typed: str) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == ["@manner", "council", "pay"]


def test_a_pronoun_stops_only_as_typed_not_a_noun_sharing_its_stem() -> None:
    """ "mine" the pronoun asks nothing, but "mines" and "mined" are what a reader
    asks about: read as "mine", "mines in raqqa?" was the bare "raqqa"."""
    assert [t for t, _ in terms(tokenize("mines in raqqa, or was the road mined"))] == [
        "min",
        "raqqa",
        "road",
        "min",
    ]
    assert [t for t, _ in terms(tokenize("is that map yours or mine"))] == ["map"]


def test_tagalog_particles_ask_nothing_and_its_question_words_ask() -> None:
    """Filipino English: "ba" and "diba" ask as a question mark does, "mga" makes
    a plural, "ano" is what, "sa" is in and "nila" their; none is a word the
    story never uses."""
    read = terms(tokenize("ano ba yung mga pier, diba sa Cebu? huhu"))
    assert [t for t, _ in read] == ["pier", "cebu"]
    assert [t for t, _ in terms(tokenize("paano nila nalaman"))] == ["@manner", "nalaman"]


def test_a_status_or_the_wider_picture_asks_about_what_it_names() -> None:
    """ "the status of the convoy" asks about the convoy, "the wider war" about
    the war: neither word is one the story uses, and each declined a question."""
    assert [t for t, _ in terms(tokenize("status of the ferry, and the wider strike"))] == [
        *("ferry", "strik"),
    ]


def test_hedges_are_not_words_to_match() -> None:
    assert [t for t, _ in terms(tokenize("roughly how many boats, approx"))] == ["@count", "boat"]


def test_politeness_and_chat_asides_are_not_words_to_match() -> None:
    read = terms(tokenize("I'd be grateful to know, fr: how mny civvies got out on the evac?"))
    assert [t for t, _ in read] == ["@count", "civilian", "evacuat"]
    assert [t for t, _ in terms(tokenize("wats goin on, cheers"))] == ["goin"]
    assert [t for t, _ in terms(tokenize("lowkey did they leave deadass"))] == ["leav"]
    # A title says nothing the name does not: "Mrs Mostafa" is Mostafa.
    assert [t for t, _ in terms(tokenize("what did Mrs Mostafa and Mr. Dillon say"))] == [
        "mostafa",
        "dillon",
        "@words",
        "say",
    ]


def test_an_adverb_is_filler_but_its_adjective_is_not() -> None:
    # The stem of "clearly" is "clear", of "totally" "total": those stay words,
    # and so do adverbs whose adjective a question may turn on.
    kept = "cleared the way, in total, completely surrounded, certain areas"
    assert [t for t, _ in terms(tokenize(kept))] == [
        "clear",
        "total",
        "complet",
        "surround",
        "certain",
        "area",
    ]
    assert terms(tokenize("honestly, obviously, specifically")) == []
    # "genuinely asking", "explained properly", "lately": how and when the reader
    # asks, not what.
    assert [t for t, _ in terms(tokenize("genuinely, was it fixed properly"))] == ["fix"]
    assert [t for t, _ in terms(tokenize("ferries late lately?"))] == ["ferry", "lat"]
    assert [t for t, _ in terms(tokenize("a genuine deal, the proper way"))] == [
        "genuin",
        "deal",
        "proper",
    ]


def test_words_of_company_place_and_effort_are_filler() -> None:
    # "along with", "together with", "somewhere else", "manage to", "seems":
    # general English that no story's fact turns on.
    read = terms(tokenize("who left the city along with the fighters, together with kids?"))
    assert [t for t, _ in read] == ["@person", "leav", "city", "fighter", "kid"]
    read = terms(tokenize("did they manage to get to Deir ez-Zor or somewhere else, it seems"))
    assert [t for t, _ in read] == ["deir", "ez", "zor"]


def test_per_as_according_to_is_filler() -> None:
    # "per Selo", "as per this news": only who says it is a word of the question.
    read = terms(tokenize("how many civilians are left per selo, as per the article"))
    assert [t for t, _ in read] == ["@count", "civilian", "leav", "selo", "articl"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("does this article agree?", ["articl"]),
        ("does this piece back that up", ["piec"]),
        ("what does the report say the militias did", ["report", "militia"]),
        ("does the story confirm it or suggest otherwise", ["story", "otherwis"]),
        # Only what the story does: what people agree or say stays.
        (
            "did the coalition agree, and what did Selo say",
            ["coalition", "agr", "selo", "@words", "say"],
        ),
        ("the article's claims about Selo", ["articl", "claim", "selo"]),
    ],
)
def test_what_the_story_itself_says_is_the_asking(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("what did Selo say", ["selo", "@words", "say"]),
        ("whats his comment", ["@words", "comment"]),
        ("what exactly did they tell reporters", ["@words", "reporter"]),
        # What someone declared is what they said; a caliphate declared is no one's words.
        (
            "what exactly had the spokesman declared to journalists",
            ["spokesman", "@words", "declar", "journalist"],
        ),
        (
            "in which year was the so-called caliphate declared by the group",
            ["year", "call", "caliphat", "declar", "group"],
        ),
        # A count, the story's own saying, and who said it ask no one's words.
        (
            "what number of fighters does the SDF say left",
            ["@count", "fighter", "sdf", "say", "leav"],
        ),
        ("what does the article say about Selo", ["articl", "selo"]),
        ("who said what", ["@person", "say"]),
    ],
)
def test_what_before_a_word_of_saying_asks_for_someones_words(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_correct_as_the_last_word_asks_to_confirm() -> None:
    read = [t for t, _ in terms(tokenize("rcc means raqa civil council, correct?"))]
    assert "correct" not in read
    assert "correct" in [t for t, _ in terms(tokenize("who corrected the earlier claim"))]
    assert "correct" in [t for t, _ in terms(tokenize("correct figure"))]
    assert [t for t, _ in terms(tokenize("selo, correct?"))] == ["selo"]
    assert [t for t, _ in terms(tokenize("correct?"))] == ["correct"]


def test_which_side_asks_who() -> None:
    assert [t for t, _ in terms(tokenize("which side won"))] == ["@person", "win"]
    # So do the words for an armed group: "which forces attacked" asks who did.
    assert [t for t, _ in terms(tokenize("which forces attacked"))] == ["@person", "attack"]
    assert [t for t, _ in terms(tokenize("which militias lead"))] == ["@person", "lead"]
    # "what forces" asks as "which forces" does; "what group" asks what it is.
    assert [t for t, _ in terms(tokenize("what forces attacked"))] == ["@person", "attack"]
    assert [t for t, _ in terms(tokenize("what group attacked"))] == ["group", "attack"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # "which person", "what guys", "which team" ask who, as "which side" does.
        ("which team won", ["@person", "win"]),
        ("what guys attacked", ["@person", "attack"]),
        ("which people left", ["@person", "leav"]),
        ("which persons spoke", ["@person", "speak"]),
        # A man or a woman tells one speaker from another; a country asks where
        # people come from as often as who did something.
        ("which woman spoke", ["woman", "speak"]),
        ("which country won", ["country", "win"]),
        # ... but the one that does it when named after "by".
        ("funded by which nation", ["fund", "@person"]),
        ("armed by what countries", ["arm", "@person"]),
        # How a name is spelled: who the person is gives it in full.
        ("how do you spell dillon", ["@person", "dillon"]),
        ("spelling of bali", ["@person", "bali"]),
        ("spelling check: selo", ["@person", "selo"]),
    ],
)
def test_words_for_anyone_and_spelling_a_name_ask_who(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_which_area_asks_where() -> None:
    """ "which area" and "what region" ask for a place, as "where" does."""
    assert [t for t, _ in terms(tokenize("which area did the convoy reach"))] == [
        "@place",
        "convoy",
        "reach",
    ]
    assert [t for t, _ in terms(tokenize("what region is it"))] == ["@place"]
    assert [t for t, _ in terms(tokenize("the area around raqa"))] == ["area", "raqa"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("sdf spokesman name", ["sdf", "spokesman", "@person"]),
        ("name of the council member", ["@person", "council", "member"]),
        # No one holding a post is named: the name of a thing, or a name to give.
        ("sdf full name", ["sdf", "full", "nam"]),
        ("name the groups", ["nam", "group"]),
    ],
)
def test_the_name_of_someone_in_a_post_asks_who(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_day_and_date_ask_when() -> None:
    assert [t for t, _ in terms(tokenize("assault start date"))] == ["assault", "start", "@time"]
    assert [t for t, _ in terms(tokenize("what day"))] == ["@time"]


def test_a_duration_and_how_many_time_ask_how_long() -> None:
    assert [t for t, _ in terms(tokenize("war duration"))] == ["war", "@duration"]
    assert [t for t, _ in terms(tokenize("how many time the battle"))] == ["@duration", "battl"]
    # "Since when" asks how long it has been so, not the day it began.
    assert [t for t, _ in terms(tokenize("since when the siege"))] == ["@duration", "sieg"]
    assert [t for t, _ in terms(tokenize("the siege, since how long"))] == ["sieg", "@duration"]


def test_at_what_point_asks_when() -> None:
    assert [t for t, _ in terms(tokenize("at what point did the siege end"))] == [
        *("@time", "sieg", "end"),
    ]
    # A point made is no time.
    assert [t for t, _ in terms(tokenize("what point did he make"))] == ["point", "mak"]
    # Nor a moment, as other languages ask: "en que momento".
    assert [t for t, _ in terms(tokenize("in which moment did the ferry leave"))] == [
        *("@time", "ferry", "leav"),
    ]


def test_for_what_reason_asks_why() -> None:
    assert [t for t, _ in terms(tokenize("for what reason was the pier shut"))] == [
        *("@reason", "pier", "shut"),
    ]


def test_what_time_asks_the_hour_not_the_day() -> None:
    assert [t for t, _ in terms(tokenize("what time did it start"))] == ["@hour", "start"]
    assert [t for t, _ in terms(tokenize("time of day it started"))] == ["@hour", "start"]


def test_an_exact_date_asks_the_date_not_the_day() -> None:
    assert [t for t, _ in terms(tokenize("the exact date the pier shut"))] == [
        *("@date", "pier", "shut"),
    ]
    assert [t for t, _ in terms(tokenize("which day of the month did it shut"))] == [
        *("@date", "shut"),
    ]
    # A date asked plainly is often asked of the day: "what date" asks when.
    assert [t for t, _ in terms(tokenize("what date did it shut"))] == ["@time", "shut"]


@pytest.mark.parametrize(
    "markup", ["<@123>", "<@!123>", "<@&456>", "<#789>", "<:raqa:42>", "<a:wave:7>", "<t:0:R>"]
)
def test_discord_markup_is_not_read_as_words(markup: str) -> None:
    assert stems(f"{markup} who is selo") == ["who", "is", "selo"]


@pytest.mark.parametrize(
    "link",
    [
        "https://www.bbc.co.uk/news/world-middle-east-41645698",
        "<https://example.com/raqa>",
        "www.aljazeera.com",
        "reuters.com/world/raqqa-idUS",
    ],
)
def test_a_link_is_not_read_as_words(link: str) -> None:
    assert stems(f"who is selo {link}") == stems(f"{link} who is selo") == ["who", "is", "selo"]
    # In brackets, as a markdown link, or straight after a word's punctuation.
    assert stems(f"who is selo ({link})") == ["who", "is", "selo"]
    assert stems(f"who is [selo]({link})") == ["who", "is", "selo"]
    assert stems(f"who is selo?{link}") == ["who", "is", "selo"]


def test_a_link_goes_whole_with_brackets_of_its_own() -> None:
    wiki = "https://en.wikipedia.org/wiki/Battle_of_Raqqa_(2017)"
    assert stems(f"who is selo {wiki}") == ["who", "is", "selo"]
    assert stems(f"who is [selo]({wiki})") == ["who", "is", "selo"]  # the text shows


def test_what_only_looks_like_a_link_is_read() -> None:
    """An abbreviation, a decimal, a slip after a full stop, "and/or", "U.S/coalition"."""
    text = "the U.S. 2.5 left.Then and/or U.S/coalition a-b/c"
    assert words(clean(text)) == [
        *("the", "US", "2", "5", "left", "Then", "and", "or", "US", "coalition"),
        *("a", "b", "c"),
    ]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("who are the S.D.F.?", ["who", "are", "the", "SDF"]),
        ("what is the s.d.f", ["what", "is", "the", "SDF"]),
        ("the U.S.-led coalition", ["the", "US", "led", "coalition"]),
        ("I.S. fighters", ["IS", "fighters"]),
        # Not an initialism: a word with a dot in it, a letter then a word.
        ("bot.py x.y2", ["bot", "py", "x", "y2"]),
        # Abbreviations that name nothing keep their letters apart, to be dropped.
        ("at 11 p.m., i.e. late", ["at", "11", "p", "m", "i", "e", "late"]),
        ("Plan B. Then", ["Plan", "B", "Then"]),
    ],
)
def test_an_initialism_with_dots_is_one_word_in_capitals(typed: str, read: list[str]) -> None:
    assert words(clean(typed)) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("howmany left", ["how", "many", "left"]),
        ("WhatDid selo say", ["What", "Did", "selo", "say"]),
        ("whois he", ["who", "is", "he"]),
        # Words of their own, and a question word run into a word of the story.
        ("however whoever whereas whatsoever", ["however", "whoever", "whereas", "whatsoever"]),
        ("whosdf", ["whosdf"]),
    ],
)
def test_a_question_word_run_into_the_next_is_two(typed: str, read: list[str]) -> None:
    assert [w.raw for w in run_apart(tokenize(typed))] == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("fighting in Ar-Raqqah", ["fighting", "in", "Raqqah"]),
        ("AL-RAQQA today", ["RAQQA", "today"]),
        ("the el-Bab front", ["the", "Bab", "front"]),
        # Not the article: a hyphen inside a word, or one before too short a name.
        ("real-time dual-arm", ["real", "time", "dual", "arm"]),
        ("al-Sa said", ["al", "Sa", "said"]),
    ],
)
def test_arabic_article_joined_to_a_name_is_no_word(typed: str, read: list[str]) -> None:
    assert words(clean(typed)) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("correct me if I'm wrong but the SDF is just Kurds?", ["sdf", "kurd"]),
        (
            "is it correct that foreign fighters were in the convoy?",
            ["foreign", "fighter", "convoy"],
        ),
        # Only the asking goes: what it asks to confirm may be that someone was wrong.
        ("am I right that the council was wrong?", ["council", "wrong"]),
        ("is that right?", []),
        # Nor is asking whether it may be said: no saying is asked about.
        ("would it be fair to say the coalition disagreed", ["coalition", "disagr"]),
        ("can i say the sdf won in my caption", ["sdf", "win", "caption"]),
    ],
)
def test_asking_to_confirm_is_not_read_as_words(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # The five is no count, the words nothing asked.
        ("eli5: how many foreign fighters left?", ["@count", "foreign", "fighter", "leav"]),
        ("explain like I'm five: why did they leave", ["@reason", "leav"]),
        ("why did the kids leave, in layman's terms", ["@reason", "kid", "leav"]),
        ("in plain english, is raqa about to fall", ["raqa", "fall"]),
        ("who backs the sdf, in simple terms", ["@person", "back", "sdf"]),
        # Asking for it short asks nothing of the story: the bot answers briefly anyway.
        ("short answer: where are the buses headed", ["@place", "bus", "head"]),
        ("quick answer pls, how many fighters got out", ["@count", "fighter"]),
        # "What's the deal with" asks what something is: no deal is asked about.
        ("so what's the deal w selo and bali", ["selo", "bali"]),
        # Asking how to explain it asks what it is, not how it happened.
        ("how can I explain the coalition in a sentence", ["coalition"]),
        ("how to explain why raqa mattered, in a nutshell", ["@reason", "raqa", "matter"]),
        ("in simple words please", []),
        ("who is Selo, in very basic terms", ["@person", "selo"]),
        ("the coalition in really plain english pls", ["coalition"]),
        ("what's a caliphate, in plain words", ["caliphat"]),
        ("five fighters left", ["5", "fighter", "leav"]),
        # "when it's at home" asks who or what exactly, not when.
        ("Dillon - who's he when he's at home?", ["dillon", "@person"]),
        ("when theyre at home, who are the tribal elders exactly", ["@person", "tribal", "elder"]),
        ("when is the convoy at home", ["@time", "convoy", "hom"]),
        ("what's the coalition when all's said and done", ["coalition"]),
        # An abbreviation asked about is what is asked; a last stand is a stand.
        ("what does SDF stand for", ["sdf"]),
        ("what does smh stand for", []),
        ("a last stand for the city", ["last", "stand", "city"]),
        ("SDF standing for?", ["sdf"]),
        # Nor is "refer to" asked, nor defining: both ask what it is.
        ("what does the RCC refer to", ["rcc"]),
        ("define the raqa council", ["raqa", "council"]),
        # Where the reader read it is not what is asked.
        ("who are the SDF according to the article", ["@person", "sdf"]),
        ("how many foreigners, going by the report", ["@count", "foreigner"]),
        ("based on the piece, did the convoy go east", ["convoy", "east"]),
        ("outline the council as it appears in the piece", ["council"]),
        # Nor what an exam question is worth, nor how it is to be answered.
        ("explain the SDF's aims (6 marks)", ["sdf", "aim"]),
        ("who brokered it (2 pts)", ["@person", "broker"]),
        ("Describe the council. Use details from the article.", ["describ", "council"]),
        ("why raqa mattered, using evidence from the text", ["@reason", "raqa", "matter"]),
        ("is IS still strong? cite the story", ["strong"]),
        # Nor asking for the words as said: they are what every answer quotes.
        ("Selo's figures, verbatim if possible", ["selo", "figur"]),
        ("the SDF statement verbatim if you can", ["sdf", "statement"]),
        # Not "the hell": dropped, "did they get the hell out of Raqa" read as a
        # question about Raqa alone.
        ("did they get the hell out", ["hell"]),
        ("why on earth did they leave", ["@reason", "leav"]),
        ("what in the world happened in raqa", ["happen", "raqa"]),
        # No place, no straightness, no day.
        ("why was the deal made in the first place", ["@reason", "deal", "mak"]),
        ("let me get this straight: the SDF freed them?", ["sdf", "fre"]),
        ("are the fighters losing ground these days", ["fighter", "los", "ground"]),
        # No backing: "back" is how the SDF's support is asked about.
        ("back then, whose city was raqa", ["city", "raqa"]),
        # An apology for asking asks nothing; "concretely" is a French speaker's
        # "exactly" ("concrètement").
        ("forgive my ignorance, but who is selo", ["@person", "selo"]),
        # "any idea" asks as "do you know" does: no idea the story could hold.
        ("any idea who the elders were", ["@person", "elder"]),
        ("pardon my ignorance: what does the coalition do", ["coalition"]),
        ("concretely, where did the buses end up", ["@place", "bus", "end"]),
        # An exam's directions ask as "explain" does: "evaluate" had been read as
        # "evacuate", one letter off.
        (
            "Elaborate upon what the coalition gives the militias",
            ["upon", "coalition", "giv", "militia"],
        ),
        ("assess the sdf claim on numbers", ["sdf", "claim", "number"]),
    ],
)
def test_asking_for_it_simply_is_not_read_as_words(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_how_much_time_asks_how_long() -> None:
    assert [t for t, _ in terms(tokenize("how much time has the battle lasted"))] == [
        *("@duration", "battl", "last"),
    ]
    assert [t for t, _ in terms(tokenize("how much money"))] == ["@count", "money"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("were is raqa", ["@place", "raqa"]),
        ("wear are the fighters", ["@place", "fighter"]),
        # "were" and "wear" otherwise as ever.
        ("were there civilians", ["civilian"]),
        ("what did they wear", ["wear"]),
    ],
)
def test_where_misspelt_before_is_or_are_asks_where(typed: str, read: list[str]) -> None:
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_french_and_spanish_in_an_english_message_ask_and_join_as_english_does() -> None:
    assert [t for t, _ in terms(tokenize("foreigners left inside combien?"))] == [
        *("foreigner", "leav", "insid", "@count"),
    ]
    assert [t for t, _ in terms(tokenize("cuando did les fighters de la ville leave"))] == [
        *("@time", "fighter", "vill", "leav"),
    ]
    # "un" is the UN, and "los" the stem of "losing", in English.
    assert [t for t, _ in terms(tokenize("is the un losing"))] == ["un", "los"]


def test_chat_fillers_for_a_person_and_an_oath_are_not_words() -> None:
    assert [t for t, _ in terms(tokenize("who tf is this Selo bloke, that army fella"))] == [
        *("@person", "selo", "army"),
    ]
    assert [t for t, _ in terms(tokenize("where've they fled"))] == ["@place", "fle"]
    assert [t for t, _ in terms(tokenize("how tf many left"))] == ["@count", "leav"]
    assert [t for t, _ in terms(tokenize("hoo left"))] == ["@person", "leav"]
    # New Zealand's "fulla" (fella) had been corrected to "fall".
    assert [t for t, _ in terms(tokenize("how many fullas stayed"))] == ["@count", "stay"]
    typed = "wow, surely the coalition had nothing whatsoever to do with it"
    assert [t for t, _ in terms(tokenize(typed))] == ["coalition", "noth"]
    assert [t for t, _ in terms(tokenize("Query: who left?"))] == ["@person", "leav"]
    # "this man Dillon" is Dillon, as "this Selo bloke" is Selo.
    typed = "this man Dillon, which army is he in"
    assert [t for t, _ in terms(tokenize(typed))] == ["dillon", "@person"]


def test_scots_spellings_are_read_as_the_english_words() -> None:
    folded = [w.folded for w in tokenize("whit's gaun on in the toon the noo?")]
    assert folded == ["what", "going", "on", "in", "the", "town", "the", "now"]
    # Not "ken" (know): it is a name as often.
    assert [t for t, _ in terms(tokenize("is ken a spokesman"))] == ["ken", "spokesman"]
    assert [t for t, _ in terms(tokenize("wha's daein the fechtin"))] == ["@person", "fight"]
    assert [t for t, _ in terms(tokenize("did ony get oot wi the convoy"))] == ["convoy"]
    folded = [w.folded for w in tokenize("hoo mony left afore onybody stopped them")]
    assert folded == ["who", "many", "left", "before", "anybody", "stopped", "them"]


def test_tagalogs_words_of_news_are_read_as_the_english_words() -> None:
    """Filipino readers write Taglish or whole questions in Tagalog: its words of
    news had been words the story never uses."""
    read = terms(tokenize("ilan yung natitirang sibilyan sa loob ng lungsod"))
    assert [t for t, _ in read] == ["@count", "remain", "civilian", "insid", "city"]
    read = terms(tokenize("bakit pinakawalan ng SDF yung mga kalaban"))
    assert [t for t, _ in read] == ["@reason", "releas", "sdf", "enemy"]
    # "sabi" is Tagalog's "said" (and no longer Pidgin's "know"); "lang" is its
    # "only" (and no longer Scots' "long"); "para saan" asks what for.
    assert [t for t, _ in terms(tokenize("ano sabi lang ng kano"))] == ["say", "american"]
    assert [t for t, _ in terms(tokenize("para saan ang kasunduan"))] == ["@reason", "agreement"]


def test_indonesian_and_malay_words_of_news_are_read_as_the_english_words() -> None:
    """Indonesian and Malay readers write whole questions in them: their words of
    news had been words the story never uses."""
    read = terms(tokenize("berapa pejuang asing yang masih tinggal di kota"))
    assert [t for t, _ in read] == ["@count", "fighter", "foreign", "remain", "city"]
    read = terms(tokenize("kenapa sdf biarin mereka keluar, gimana caranya"))
    assert [t for t, _ in read][:5] == ["@reason", "sdf", "allow", "leav", "@manner"]
    # "bilang" stays Tagalog's number: Indonesian's "say" is "ngomong" and "kata".
    assert [t for t, _ in terms(tokenize("jubir koalisi ngomong apa"))] == [
        *("spokesman", "coalition", "say"),
    ]
    assert [t for t, _ in terms(tokenize("ang bilang ng fighters"))] == ["number", "fighter"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # Tagalog links a word to the next with "-ng", "-g" after an n:
        # "dayuhang" is "dayuhan" (foreign). Not the English "dating" and "sang".
        ("dayuhang mandirigma", ["foreign", "fighter"]),
        ("gaano kalaki ang paglikas", ["@degree", "big", "evacuat"]),
        ("dating, sang", ["dat", "sang"]),
        ("ano ang papel at layunin ng konseho na binabanggit", ["rol", "purpos", "council"]),
        # Indonesian's and Malay's chat: question words ("sapa", "kpn", "brp
        # lama", "macam mana", "apasal"), fillers ("dorang", "tuh", "tdk"), and
        # words of news with "-nya" or doubled with a 2.
        ("sapa yg mimpin serangannya", ["@person", "led", "attack"]),
        ("udh brp lama ISIS mundur", ["@duration", "isis", "withdrawal"]),
        ("macam mana konvoi tu keluar", ["@manner", "convoy", "leav"]),
        ("kpn konvoinya gerak", ["@time", "convoy", "mov"]),
        ("apasal dorang lari", ["@reason", "fle"]),
        ("ketua2 suku tuh", ["leader", "trib"]),
        ("lokasi lembah eufrat gitu, tdk tau", ["locat", "valley", "euphrat"]),
        # Malay's "ada" (there is), "akan" (will), "org" (people) and "AS" (the
        # US) beside two more of its words; else ADA, the Akan, an organisation
        # and "as".
        ("masih ada warga sipil di kota", ["resident", "civilian", "city"]),
        ("akan ada serangan lagi gak", ["attack"]),
        ("brp org yg keluar", ["@count", "peopl", "leav"]),
        ("AS ikut campur dlm evakuasi", ["america", "involv", "evacuat"]),
        ("ada kota", ["ada", "city"]),
        ("which org is the sdf", ["org", "sdf"]),
        # Arabic in Latin letters and digits; its "bel" (in the) and "ana" (I)
        # only beside two more of its words.
        ("addeish wa7ad tele3 ma3 el 2afle", ["@count", "leav", "convoy"]),
        ("ana sme3et enno fi ajaneb bel 2afle", ["foreign", "convoy"]),
        ("wein ra7 el ta7aluf", ["@place", "head", "coalition"]),
        ("the law of bel, ana", ["law", "bel", "ana"]),
        # The Gulf's, with 6, 9 and 5 for its own letters; its "bil" (in the) is
        # no chat's "bil" (billion) beside two more of its words.
        ("chem wa7ed 6l3aw bil 9fga", ["@count", "leav", "agreement"]),
        ("275 bil", ["275", "billion"]),
        # Turkish typed without its letters, with the endings it adds; not the
        # English "insane" and "demise". Its "son" (last), "ilk" (first), "gun"
        # (day) and "zor" (hard, and Deir ez-Zor's) only beside two more of its
        # words; "IS'ciler" are IS's men, not workers.
        ("konvoydaki savascilar nereye gidiyor", ["convoy", "fighter", "@place", "head"]),
        ("sivillerin hepsi sehirden cikti mi", ["civilian", "city", "leav"]),
        ("insane demise", ["insan", "demis"]),
        ("son saldiri ne zaman basladi", ["last", "attack", "@time", "start"]),
        ("ilk defa mi boyle bir anlasma", ["first", "agreement"]),
        ("IS'ciler nereye gitti", ["isis", "@place", "leav"]),
        ("how many guns did his son have", ["@count", "gun", "son"]),
        ("deir ez-zor", ["deir", "ez", "zor"]),
        # Hindi's and Urdu's.
        ("convoy ki manzil kya thi, kahan pahunche", ["convoy", "destinat", "@place", "reach"]),
        ("samjhaute ki sharten aur maksad", ["agreement", "term", "purpos"]),
    ],
)
def test_more_words_of_other_languages_are_read(typed: str, read: list[str]) -> None:
    """Each had been read as words the story never uses, but those that stay
    English ("dating", "ada kota", "the law of bel", "insane", "his son")."""
    assert [t for t, _ in terms(tokenize(typed))] == read


def test_hindi_and_urdu_words_of_news_are_read_as_the_english_words() -> None:
    """Hindi and Urdu in Latin letters: their words of news had been words the
    story never uses. Their "hui", "hue" and "jo" stay words (Hui, Hue, Jo)."""
    read = terms(tokenize("kitne videshi ladake shehar ke andar bache"))
    assert [t for t, _ in read] == ["@count", "foreign", "fighter", "city", "insid", "remain"]
    assert [t for t, _ in terms(tokenize("deal ki shartein kya thi"))] == ["deal", "term"]
    assert [t for t, _ in terms(tokenize("hue and hui, jo"))] == ["hue", "hui", "jo"]


def test_terse_queries_are_read_as_meant() -> None:
    """A search-box habit: abbreviations, and "y/n" for a yes-or-no question, which
    is no "why" (chat's "y")."""
    read = terms(tokenize("coalition involved in evac y/n"))
    assert [t for t, _ in read] == ["coalition", "involv", "evacuat"]
    assert [t for t, _ in terms(tokenize("raqa convoy dest, loc"))] == [
        *("raqa", "convoy", "destinat", "locat"),
    ]
    assert [t for t, _ in terms(tokenize("y did they leave"))] == ["@reason", "leav"]


def test_compass_adjectives_stem_to_their_direction() -> None:
    assert stems("eastern Syria heading east") == ["east", "syria", "head", "east"]


def test_numbers_in_words_meet_their_digits() -> None:
    assert stems("four months") == stems("4 months") == ["4", "month"]
    assert stems("a six-year war")[-3:] == ["6", "year", "war"]
    # "one" is a pronoun far more often than a count, and stays a word.
    assert stems("which one") == ["which", "one"]


@pytest.mark.parametrize(
    ("typed", "asks"),
    [
        ("what talal selo told", True),
        ("what the colonel dillon said", True),
        ("what selo say", True),
        ("what the council said", False),  # nobody quoted is named
        ("what number of fighters selo said", False),  # a number, not his words
        ("what selo said about the convoy", False),  # asking on: read as typed
        ("what name has the dillon fellow quoted", False),  # his name, not his words
        ("dillon said what exactly", True),  # "what" last, as in speech
        ("can you tell me what selo said", True),  # the asking before "what"
        ("my nan wants to know what dillon said", True),
        ("in what capacity does selo speak", False),  # "what capacity" is asked
        # Words after the saying that only chat, or point at the story, ask no more.
        ("what's dillon been telling people lately", False),  # "people" is asked on
        ("whats the dillon fella been saying recently", True),
        ("what has the colonel dillon been saying on this, anyway", True),
        ("what selo said about those buses", False),
        # Nor where the reader read them.
        ("what spokesman selo say in article", True),
        ("what dillon told from this piece", True),
        ("what selo said about the article", False),
        # The word of saying last, "what" right before it; Portuguese "o que".
        ("selo ne kya kaha", True),
        ("o que o selo disse hein", True),
        ("the council ne kya kaha", False),
        ("the council said what", False),
        ("said what", False),
        ("what", False),
    ],
)
def test_what_someone_said_without_a_did(typed: str, asks: bool) -> None:
    assert asks_what_said(tokenize(typed), frozenset({"selo", "dillon"})) is asks
