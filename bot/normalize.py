"""Text normalisation shared by the knowledge loader and the matcher.

Questions and knowledge texts go through the same steps, so that whatever a
reader types and whatever a curator wrote meet in one vocabulary: Unicode
tricks removed, case and apostrophes folded, words reduced to a light stem,
and the story's own aliases applied.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "GASPS",
    "INTENTS",
    "INTERJECTIONS",
    "META_WORDS",
    "NEVER_A_SLIP",
    "SAYING",
    "STOPWORDS",
    "TYPED_ONLY",
    "AliasTable",
    "Word",
    "as_the_group",
    "as_the_us",
    "asks_what_said",
    "clean",
    "contains_any",
    "dictated",
    "emoji_of",
    "fold_for_quote_check",
    "fold_quotes",
    "fold_word",
    "forget_readings",
    "is_abuse",
    "is_stopword",
    "stem",
    "terms",
    "tokenize",
    "words",
]

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_WHITESPACE = re.compile(r"\s+")
_DISCORD_MARKUP = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|/[^<>]+:\d+)>")
# A link, with its scheme or "www." or as a domain with a path ("bbc.co.uk/news"):
# a reader pastes the article's, and its parts are no words of the question.
# Matched only where a link may start: not inside a word or after a dot or a
# hyphen, so that a long run of "a-a-a-…" is not scanned again from each of its
# words, but after a space or a bracket ("[bbc](https://…)", "(bbc.co.uk/news)").
# "U.S/coalition" has no domain's last label.
# A link may hold brackets of its own ("…/Battle_of_Raqqa_(2017)"). A markdown
# link's text ("[Talal Selo](https://…)") is what the reader sees: it stays.
_URL_REST = r"[^\s<>()\[\]]*(?:\([^\s<>()]*\)[^\s<>()\[\]]*)*"
# "involved y/n": a yes-or-no question, not a "why" ("y" in chat) and an "n".
_YES_OR_NO = re.compile(r"\b(?:y/n|yes/no)\b", re.IGNORECASE)
_LINK = re.compile(
    r"(?<![\w.-])(?:https?://|www\.)"
    + _URL_REST
    + r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/"
    + _URL_REST,
    re.IGNORECASE,
)
# A regular expression, not str.translate: it scans text with none (nearly all
# text) several times faster.
_ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
# A word is a run of letters or digits, with inner apostrophes ("don't", "raqa's").
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def fold_quotes(text: str) -> str:
    """Replace curly and typographic quotes with straight ones."""
    return text.translate(_QUOTES)


def fold_for_quote_check(text: str) -> str:
    """The only folding allowed when checking that a quote is verbatim."""
    return _WHITESPACE.sub(" ", fold_quotes(text)).strip()


# A question is cleaned by every reading of it (each story, each clause, the checks
# for a greeting, a place in a list, a language): once is enough, and a flood of
# ligatures that NFKC expands eighteenfold costs tens of milliseconds a time.
@functools.lru_cache(maxsize=256)
def clean(text: str) -> str:
    """Remove what a reader cannot see and fold what looks the same.

    Discord markup (mentions, channels, custom emoji, timestamps, command links)
    is not words and goes first: "<@123> who is selo" asks about Selo, not "123".
    So are links: "where is the convoy going https://bbc.co.uk/news/…" asks
    nothing about "bbc".

    Zero-width and direction marks are dropped (they hide inside words), control
    characters become spaces, accents and stacked combining marks are stripped,
    and Cyrillic or Greek look-alikes inside a Latin word are read as Latin, so
    "Raqqā", "R\u200baqa" and "R\u0430qa" (a Cyrillic a) read as plain words.
    """
    text = _DISCORD_MARKUP.sub(" ", text)
    # Every link has a "/" or a "www.": most text has neither, and skips the pattern.
    if "/" in text or "www." in text.lower():
        text = _YES_OR_NO.sub(" ", _LINK.sub(" ", text))
    if text.isascii():
        # Nothing to normalise or strip in ASCII; the common case stays cheap.
        return _ASCII_CONTROLS.sub(" ", text)
    # One character may expand to eighteen ("\ufdfa"): a flood of them is read
    # as far as twice its length goes, which no real text outgrows.
    text = unicodedata.normalize("NFKC", text)[: 2 * len(text) + 64]
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        category = unicodedata.category(char)
        if category in ("Mn", "Me", "Cf"):
            continue
        out.append(" " if category in ("Cc", "Zl", "Zp") else char)
    return fold_quotes(_MIXED_SCRIPT.sub(_as_latin, "".join(out).translate(_SMALL_CAPITALS)))


# Cyrillic and Greek letters drawn like Latin ones. Inside a word that has Latin
# letters too ("s\u0435lo" with a Cyrillic e, pasted or typed to get past a filter) they
# are read as Latin; a word wholly in another script is left as written.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅУαονικρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwABEKMHOPCTXIJSYaovikpABEZHIKMNOPTYX",
)
_MIXED_SCRIPT = re.compile(r"\w*[^\W\d_a-zA-Z]\w*")
# Small capitals ("who is selo" drawn in U+1D21, U+029C, ...), which fancy-text
# generators use and NFKC leaves as they are: read as the letters they are drawn as.
_SMALL_CAPITALS = {
    code: name[-1].lower()
    for code in (*range(0x0250, 0x02B0), *range(0x1D00, 0x1D80), *range(0xA720, 0xA800))
    if (name := unicodedata.name(chr(code), "")).startswith("LATIN LETTER SMALL CAPITAL ")
    and len(name.rsplit(" ", 1)[-1]) == 1
}


def _as_latin(match: re.Match[str]) -> str:
    word = match[0]
    if not any("a" <= c.lower() <= "z" for c in word):
        return word
    return word.translate(_LOOKALIKES)


def words(text: str) -> list[str]:
    """Split cleaned text into words, keeping their case; an initialism written
    with dots ("S.D.F.", "u.s.") is one word, in capitals ("SDF", "US"), and
    Arabic's article joined to a name is no word ("al-Raqqah", "Ar-Raqqa"), nor
    Turkish's case ending after one ("Raqqa'dan", "IS'in"); chat's "4" for
    "for" is the word ("stand 4")."""
    if "." in text:
        text = _INITIALISM.sub(_initialism, text)
    if "4" in text:
        text = _CHAT_FOR.sub("for", text)
    if "-" in text:
        text = _ARABIC_ARTICLE.sub("", text)
    found = _WORD.findall(text)
    if "'" in text:
        found = [_without_case_ending(word) for word in found]
    return found


# Chat's "4" for "for": before a word no count comes before ("the rules 4 the
# withdrawal", "4 real"), or last after "stand" ("wat does sdf stand 4"). Not
# "4 months", nor "4 US soldiers".
_CHAT_FOR = re.compile(
    r"(?<![\w.,])4(?=\s+(?:the|them|ur|u|you|me|real|sure|this|that|their|what)\b)"
    r"|(?<=\bstand\s)4\b(?=\W*$)",
    re.IGNORECASE,
)


def _without_case_ending(word: str) -> str:
    head, _, ending = word.rpartition("'")
    return head if head and ending.casefold() in _CASE_ENDINGS else word


# Turkish writes a name's case and possessive endings after an apostrophe
# ("Raqqa'dan", "Selo'nun", "IS'in"), and a reader who mixes Turkish into
# English does too. No English word ends so: "'d", "'ll", "'re", "'t" are none
# of these, and "o'clock" and "y'all" keep theirs. The dotless i of Turkish is
# no accent that clean() strips.
_CASE_ENDINGS = frozenset(
    """a e ya ye da de ta te dan den tan ten nda nde ndan nden in un nin nun i u yi yu
    la le yla yle daki deki taki teki na ne dir tir ler lar leri lari""".split()
) | {ending.replace("i", "\u0131") for ending in ("i", "in", "nin", "yi", "dir", "tir", "lari")}


# "al-", "ar-", "el-" as a reader from the region writes a name: "Ar-Raqqah" is
# Raqa, and "al" alone is a word the story never uses.
_ARABIC_ARTICLE = re.compile(r"(?<![\w-])(?:al|ar|el)-(?=[^\W\d_]{3})", re.IGNORECASE)


# Single letters, each but perhaps the last followed by a dot; not inside a word.
_INITIALISM = re.compile(r"(?<![\w.])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])")
# Abbreviations that name nothing: their letters stay single, and are dropped.
_NOT_INITIALISMS = frozenset({"am", "pm", "eg", "ie"})


def _initialism(match: re.Match[str]) -> str:
    joined = match[0].replace(".", "")
    return match[0] if joined.casefold() in _NOT_INITIALISMS else joined.upper()


# Irregular forms that a suffix rule cannot reach; general English, not story data.
_IRREGULAR = {
    "left": "leave",
    "went": "go",
    "gone": "go",
    "fled": "flee",
    "said": "say",
    "told": "tell",
    "took": "take",
    "taken": "take",
    "fought": "fight",
    "fell": "fall",
    "eastern": "east",
    "western": "west",
    "northern": "north",
    "southern": "south",
    "fallen": "fall",
    "began": "begin",
    "begun": "begin",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "kept": "keep",
    "held": "hold",
    "met": "meet",
    "paid": "pay",
    "sought": "seek",
    "thought": "think",
    "brought": "bring",
    "bought": "buy",
    "caught": "catch",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "spoke": "speak",
    "spoken": "speak",
    "won": "win",
    "lost": "lose",
    "made": "make",
    "got": "get",
    "gotten": "get",
    "gave": "give",
    "given": "give",
    "knew": "know",
    "known": "know",
    "wrote": "write",
    "written": "write",
    "came": "come",
    "died": "die",
    "dying": "die",
    "lay": "lie",
    "stood": "stand",
    "struck": "strike",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "broke": "break",
    "broken": "break",
    "hid": "hide",
    "hidden": "hide",
    "rode": "ride",
    "ridden": "ride",
    "sent": "send",
    "sold": "sell",
    "built": "build",
    "grew": "grow",
    "grown": "grow",
    "shot": "shoot",
    "meant": "mean",
    "spent": "spend",
    "dealt": "deal",
    "drew": "draw",
    "drawn": "draw",
    "flew": "fly",
    "flown": "fly",
    "swore": "swear",
    "sworn": "swear",
    "beaten": "beat",
    "arose": "arise",
    "arisen": "arise",
    "overran": "overrun",
    "undertook": "undertake",
    "understood": "understand",
    # Clipped: "stats" is statistics, not a form of "state" or "stated", as the
    # suffix rules would make it.
    "stats": "statistics",
    "stat": "statistics",
}

_KEEP_FINAL_S = ("ss", "us", "is")


# A word ending in "ll" after a vowel and a consonant, with a vowel before them.
_LONG_BEFORE_LL = re.compile(r".*[aeiouy].*[^aeiouy][aeiou]ll")


def stem(word: str) -> str:
    """Reduce a lowercase word to a light stem: "fighters" -> "fighter", "leaving" -> "leav".

    Deliberately simple and predictable: the same function runs on questions and
    knowledge, so the stems only have to agree with each other, not be English.
    """
    if word in _IRREGULAR:
        word = _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(_KEEP_FINAL_S):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    elif word.endswith("ation") and len(word) >= 8:
        word = word[:-3]  # "evacuation" meets "evacuate" at "evacuat"
    elif word.endswith("ly") and len(word) >= 6:
        word = word[:-2]
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    elif word.endswith("ll") and _LONG_BEFORE_LL.match(word):
        # British English doubles a last "l" ("controlled", "travelling"): one
        # "l" after a syllable or more, whatever the suffix, meets American
        # English and the word itself ("control", "traveling"). Not "kill",
        # "called": one syllable keeps both.
        word = word[:-1]
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


# Words of other languages among the stopwords whose stems English words share:
# Hindi's "bas" (enough) is no "base", "wale" no "Wales", "gaye" no "gay"; Malay's
# "tak" (not) is no "take", "nak" no "naked", "kat" and "kan" no Kate or Kane;
# Tagalog's "grabe" (wow) is no "grabbed", "bang" no "banging", "wag" (don't) no
# "wages"; Turkish's "tane" (of them) is no Tan, "lan" no "lane"; German's "hat"
# is no "hate", Portuguese's "dos" no "dose". They stop only as typed, and no
# slip is corrected to them: "deel" is a deal, not Spanish's "del". So do the
# English adverbs whose adjective a question may turn on: "genuinely asking" is
# how the reader asks, "a genuine offer" what about.
TYPED_ONLY = frozenset(
    """bas wale gaye tak nak kat kan pun jer bang grabe dun wag este para los del bak lan
    tane hat grad dos gente genuinely properly lately""".split()
)
# Personal pronouns, which have no inflections: a word that shares a stem with
# one ("mines", "themes") is no form of it.
_PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    u ur ya he him his himself she her hers herself it its itself they them their
    theirs themselves""".split()
)


# The commonest words of languages readers mix into English: Hindi and Urdu as
# chat writes them in Latin letters ("Raqa mein abhi kitne foreign fighters bache
# hain yaar?"), Malay ("siapa yang brokered the deal tu?") and Levantine Arabic in
# Latin letters and digits ("sho 3am ysir b raqqa ya3ni"). Not "main" (Hindi's
# "mein", but an English word), nor "ho", "wo" and "woh": "hwo", "wo" and "woh" are
# "who" mistyped more often; nor what English reads as its own or as a name
# ("ada", "akan", "bel", "hui"; Malay's "ada" and "akan" say nothing only in a message of
# Malay, _IN_MALAY). Malay's "yang" stays, though Yang is a name: it
# is in most Malay questions.
# Arabic's as chat writes it, Levantine and Gulf ("ana sme3et enno ...", "kenu
# ktir", "3al", "ma3"), apart: they also say a message is in it (_ARABIC_WORDS).
_ARABIC_FILLERS = frozenset(
    """3al 3a ma3 enno hek iza kenu ktir shway aktar ba3ref sme3et 7ada ba3don ba3do
    ba3den ba3da marra dayman abadan aslan lezem badde badon fhemt efham fakker 3andi
    3andkon menon 3anon 3anno 3anha 3ala 3ashan mitl hal2ad kellon 7ases zat ghayr fih
    hinne emme 3omre rfi2e mni7 wa7ad shino 9ij 3ad 3emlo 3emel ma3on sa7 mazbout a7san
    ykoun tkoun homme 7awel shabeb shabab shefet yenzakar fjaa2a 7aram hnik mish kel
    kenet hiye huwe bala2i bi2olo y3ni mbere7 3ayesh hatha hathi hathol wayed ly fe mn
    dabt sma3t asma3 al7in wa7ed wa7da lhum lha 3ndhum 3ndna mnhum ma3hum beenhum
    wiyahum fehum ba3dhum kilhum kilha a3rf a7sn akeed 5la9 3shan shgal shgalaw shoghla
    a7ad feeha ba3dain chithi jma3a sawaw ysawon jay yabon 3tni jdeed shayf ida 9a7
    akhaf ta8reeban thanya gooli""".split()
)
_MIXED_IN_WORDS = _ARABIC_FILLERS | frozenset(
    """
    kya kia hai hy hain tha thi hua ka ki ke ko se mein ne aur bhi toh yeh ye
    iska unki unke apne koi kuch sab bas sirf nahi nahin liye wala wale walon raha rahi
    rahe gaya gaye gayi kiya kiye bohot bahut abhi pe kar karna karo ab paas kiski kiska
    kiske konsi konsa kaunsa kaunsi kaunse konse pata baare batao batana
    yaar bhai accha acha arre matlab wali baat na btao bataiye bataye sahi waqai hoga hota
    apa ni tu je jer dah tak nak yang dalam dengan dgn kat dari untuk ini itu pun
    lagi sudah boleh kan sebenarnya semua juga saja sahaja ramai banyak sekarang masih
    sho shu shou ya3ni yani yaani 3am fi hayda hayde ba3d kaman wala hala2 taba3 3an
    kanet wo mujhe mera mere aise aisa itne itna jab phir karte hote hone jaise
    isliye kyunki sakte chahiye wahan yahan unhone isme dekh samjha samajh suna kis saath
    lagta laga lamba jayega jaane dena denge chalega ho aam
    hisab hisaab karenge shayad thoda khud chahte milake jayenge lagega lagenge milega
    theek sabse chinta gussa
    """.split()
)


# The commonest words of languages with a standard spelling in Latin letters, as
# readers mix them into English: Tagalog ("ilan daw yung fighters na umalis sa
# city?"), Indonesian and Malay as chat types them ("yg", "udah", "gak"), Spanish
# ("y el convoy pa donde va, o sea where are they headed"),
# Turkish and Kurmanji without their letters ("kac tane fighter kaldi", "konvoy
# niha li ku ye heval"), German, French and Portuguese ("wann genau hat die final
# assault angefangen", "c'est quoi la coalition genre?"). Typed as they are spelled,
# unlike Hindi or Arabic in chat, a near miss of one is a slip of English, and no
# slip is corrected to them (NEVER_A_SLIP): "un" would be French's "une", and
# "plea" Portuguese's "pela". Not French's "qui" and "ou": without them, "qui est
# Talal Selo" was left with "est", chat's estimate, and got the coalition's; it
# is told that the bot reads English.
# Turkish's among them, apart: they also say a message is Turkish (_TURKISH_WORDS).
_TURKISH_SPELLED = frozenset(
    """abi abla kanka bu su bir ve mi mu degil icin ile gibi daha cok var yok ama hani
    iste simdi sadece olarak oldu diye falan lan acaba tane peki evet hayir tamam bak bi
    artik zaten bence sence hocam beyler hangi""".split()
)
_SPELLED_WORDS = _TURKISH_SPELLED | frozenset(
    """
    ng nang sa nasa si kay pa daw rin pala yun yan ito iyon iyan ung nung noong mo niya
    nya nila sila siya kami tayo ako ka natin namin nyo niyo dito doon dun dyan meron
    hindi hnd hndi ay pero tapos kung kaya lahat ngayon bang noh tlga tlg nmn yata
    siguro sana ganun ganito ganyan parang mismo kc kse sobrang grabe db sige opo oo
    wag ayon nag mag kasama kasamang taga tungkol gusto din dapat baka iba ibang puro isang isa
    kanila mas walang pang ulit dahil muna medyo masyado tsaka sakin akin kayo silang akala
    andami daming marami kailangan pwede malaman nalilito nakakalito naguguluhan ibig sabihin
    ginawa ginagawa gumawa nabasa basa nakita tanong sagot d2 lng lang totoo ganitong nun
    laging ngayong karamihan galing tinutukoy intindi naintindihan maintindihan kabayan lalo
    agad binabanggit binanggit nabanggit
    yg ga gak atau aja mereka dulu mau dong kah tapi dan bisa kok soalnya betul bgt
    banget skrg kayak macam cuma baru kalau kalo tadi td sekali sangat gan nih sih deh lah
    udah udh belum lain aku gw gue saya kamu kau lu tolong maaf biar supaya pake punya dlm
    utk adakah apakah nanti selalu tau tahu ngerti penasaran dapet bakal sama jadi yah
    wkwk kasian halo pasal diorang kita ikut bikin soal buat makin dengar denger faham paham
    pernah emg memang blm bentar rasa sendiri pula sampe juru hampir
    dorang korang tuh bukan bukannya apa2 mesti harus jd jg tp trs ttg sbb kyk kyknya
    kayaknya camtu pulak malah emang mulu coba agaknya kot weh termasuk nampak ngira
    sangka takutnya beginian bener beneran bener2 tepatnya menurut perasaan pengen ingin
    ternyata nanya selama langsung sikit gila anjir akhirnya ceritain ek bende kira2
    patutnya takkan serius pastu selagi secara tdk tidak sdh krn karena gitu gini gt klo
    gk ngga nggak engga enggak sm ato blum belom trus terus dpt bs gpp lg skg aj isinya
    es las los del que una unos unas esta estan este esto eso esa ese fue eran va por
    para pues wey guey neta onda todavia aun tambien tanto asi ahi ahora entonces nomas
    bien bueno orale chale verdad nada algo tiene tienen hace estar iba iban nos ellos
    ellas ella yo tus sobre entre hasta desde todo todos toda todas otro otra otros cada
    xq pq tmb cual cuales
    heval hevalno bira li ji bi di ye ev ew ku nine hene heye hej heji niha kir dike ci
    der das dem ein eine einen einem einer hat haben ist sind wurde wurden genau
    eigentlich oder und nicht noch schon auch mal denn doch uberhaupt jetzt dieser diese
    dieses nochmal weiss grad gerade immer krass eben ob dass wie sich zu von mit bei
    nach fur uber im vom zum zur seit bis kein keine
    genre ca pis bah hein
    mano tipo os uma dos das em pra isso esse essa isto ainda agora muito ja foi sao tem
    ta entao ai sim nao voce vc gente galera ele eles ela elas seu sua dele deles num
    numa pelo pela aos ate qual quais
    """.split()
)


# Turkish's, as typed without its letters, beside _SPELLED_WORDS's.
_TURKISH_FILLERS = frozenset(
    """yoksa kadar miydi orda burda gore sonra hic beri dogru yapti olacak okudum gordum
    anlamadim geri tamamen gercekten galiba biraz sanki oyle boyle bunlar bunu buna
    bizim onlarin hepsi hepsini demek ise sonucta konuda hakkinda ilgili arasinda diger
    eski iyi kotu tarz yarin neydi nedir vardi yoktu cogu misin olmustu olmus etti ettim
    ediyorum olamadim bulamadim hatirliyorum biliyordum istiyorum alayim veremedim
    yapildi yapacak yapiliyor olacakti eskiden oralarda altinda veriyor veren bekliyor
    geliyor girdi gitmesine degisti edecek defa kez""".split()
)


# Words that carry no topic: function words, and what people add around a question
# in a chat ("hey bot, quick question, pls tell me ...", Indian English "kindly do
# the needful"). Stored as typed, lowercase.
# The little words of French and Spanish a reader mixes into English are here too,
# less those English reads otherwise: "un" is the UN, "los" the stem of "losing",
# "est" short for estimate; and those of Hindi, Urdu, Malay and Arabic (_MIXED_IN_WORDS)
# and of other languages (_SPELLED_WORDS).
STOPWORDS = (
    _PRONOUNS
    | _MIXED_IN_WORDS
    | _SPELLED_WORDS
    | _TURKISH_FILLERS
    | frozenset(
        """
    a an the and or but nor so yet if then than that this these those there here
    of to in on at by for from with without about into onto under between among
    through during before after above below up down out off again further once
    is are was were be been being am isnt arent wasnt werent
    do does did doing done dont doesnt didnt
    have has had having havent hasnt hadnt
    will would shall should can could may might must wont wouldnt cant couldnt
    shouldnt mightnt mustnt
    one ones someone somebody something anyone anybody anything
    everyone everybody everything
    what which whose whom whats whos wheres whens whys hows
    im ive id ill youre youve youd youll hes shes weve wed theyre theyve theyd
    theyll thats theres heres lets
    not no yes yeah yep nope ok okay oh ah um uh hmm
    very really just only also too even still quite rather pretty much many more most
    some any all each every both either neither other another such own same
    as like get got gets getting go goes going gonna wanna gotta kinda sorta
    please pls plz thanks thank thx ty hi hey hello yo sup hiya greetings
    lol lmao haha idk tbh imo imho btw fyi rn ngl
    merci gracias danke shukran shukraan grazie obrigado obrigada spasibo svp bitte
    de du des le la les et en cest quoi il el
    bot storybot guys guy folks mate bro dude bloke fella fellas fulla fullas chap lad sir mr mrs
    ms dr man
    tell know explain wondering wonder curious question quick ask asking query define
    discuss examine evaluate elaborate assess analyse analyze outline elucidate enumerate
    mean meaning means want need
    read reading heard hear confused confusing understand understood think thought
    information detail details update updates latest mentioned mention mentions according per
    stuff thing things kind sort lot bit little way basically generally concretely couple
    today yesterday well sure though because help
    actually exactly literally seriously apparently supposedly wow surely whatsoever
    anyway anyways anyhow
    now ever never always sometimes often
    else true nah instead overall ago wider status
    roughly approximately around ish
    grateful appreciate appreciated kindly needful cheers keen glad hoping sorry apologies poor
    grand
    obliged clarify clarification context
    remind recall fr frfr smh omg istg ikr iirc afaik lowkey highkey deadass
    purely simply truly honestly frankly genuinely properly lately essentially definitely
    probably possibly obviously specifically particularly briefly precisely
    maybe perhaps
    along together somewhere anywhere elsewhere everywhere manage managed manages seem seems seemed
    """.split()
    )
)

# General English: the words that say someone spoke ("said", "according to",
# "described"), with which an article credits its quotes and an answer its source.
SAYING = frozenset(
    """said says say saying told tells added adds stated states according described
    describes estimated estimates announced announces claimed claims warned warns
    insisted insists explained explains noted notes wrote writes asked asks replied
    replies tweeted posted quoted argued admitted confirmed stressed recalled""".split()
)

# Words about the story rather than in it ("according to the article"): they
# tell little about which fact is asked, so they weigh little either way.
META_WORDS = frozenset(
    stem(w)
    for w in """story stories article articles news report reports piece text headline
    phrase phrasing wording""".split()
)

# "which area", "what region" ask where. "which city" is left as it is: the city is
# often what is asked about ("which city did IS take first"), not a place to name.
_PLACES = "area areas place places region regions location locations".split()

# "what forces attacked" asks who as "which forces" does; "what group is IS" and
# "what side of the city" do not.
_ARMED_FORCES = "force forces militia militias army armies".split()
_ARMED_GROUPS = ["side", "sides", "group", "groups", "faction", "factions", *_ARMED_FORCES]

# "which team attacked", "what guys hold the city", "which person said it": asked
# of anyone, these ask who. Not "man" or "woman", which tell one speaker from
# another, nor "country", which asks where someone is from as often.
_WHO_NOUNS = "person persons people guy guys team teams".split()
_COUNTRIES = "country countries nation nations".split()

# "how do you spell selo", "spelling of dillon's name": how a name is written,
# which who the person is gives in full.
_SPELLING = "spell spelled spelt spelling spells".split()
_ASKING_TO_SPELL = [("how", "do", "you"), ("how", "do", "u"), ("how", "do", "i"), ("how", "to")]

# The question words of languages readers mix into English, as chat writes them
# in Latin letters ("Talal Selo kaun hai yaar", "siapa Ryan Dillon ni"): no
# script or common word tells such a message apart. Hindi and Urdu, then Malay.
_MIXED_IN_ASKING: Mapping[tuple[str, ...], str] = {
    **{(word,): "@person" for word in ("kaun", "kon", "kisne")},
    **{(word,): "@count" for word in ("kitne", "kitna", "kitni")},
    ("kab",): "@time",
    **{(word,): "@place" for word in ("kahan", "kidhar")},
    **{(word,): "@reason" for word in ("kyun", "kyu", "kyon", "kyoon")},
    **{(word,): "@manner" for word in ("kaise", "kese")},
    ("siapa",): "@person",
    ("berapa",): "@count",
    ("berapa", "lama"): "@duration",
    ("bila",): "@time",
    ("mana",): "@place",
    **{(word,): "@reason" for word in ("kenapa", "mengapa")},
    ("bagaimana",): "@manner",
    **{(word,): "@time" for word in ("kapan", "bilakah")},
    **{(word,): "@manner" for word in ("gimana", "macamana")},
    ("knp",): "@reason",
    **{(word,): "@count" for word in ("brp", "brapa", "berapakah")},
    **{(word, "lama"): "@duration" for word in ("brp", "brapa")},
    **{(word,): "@person" for word in ("sapa", "sape", "siapakah")},
    ("kpn",): "@time",
    **{(word,): "@place" for word in ("dimana", "dmn", "kemana")},
    **{(word,): "@manner" for word in ("gmn", "gmna", "camne", "camana", "cemana")},
    ("macam", "mana"): "@manner",
    **{(word,): "@reason" for word in ("ngapain", "kenapakah", "apasal")},
    # Tagalog as chat writes it ("ilan daw yung fighters na umalis", "cnu c talal
    # selo"). "sino", "ano", "bakit", "saan", "kailan" and "paano" are read as
    # English words (_CHAT), which these are not always: "ilan" is also a name.
    **{(word,): "@person" for word in ("cnu", "sinu", "sinong")},
    **{(word,): "@count" for word in ("ilan", "ilang", "ilng", "magkano")},
    **{(word,): "@time" for word in ("kelan", "kailn", "kilan")},
    **{(word,): "@place" for word in ("nasaan", "nasan", "asan", "saang")},
    **{(word,): "@reason" for word in ("bkit", "bkt", "bat")},
    **{(word,): "@manner" for word in ("pano", "panu", "papaano")},
    # Spanish in an English message ("y el convoy pa donde va, where are they
    # headed?"); "cuantos" and "cuando" are read in any message (INTENTS).
    **{(word,): "@person" for word in ("quien", "quienes")},
    **{(word,): "@count" for word in ("cuanto", "cuanta")},
    ("donde",): "@place",
    **{(word,): "@reason" for word in ("xq", "pq")},
    ("por", "que"): "@reason",
    # Turkish and Kurmanji as typed without their letters ("kac tane fighter
    # kaldi", "konvoy niha li ku ye heval"). Not Kurmanji's "ki" (who): it is
    # Hindi's "of".
    **{(word,): "@person" for word in ("kim", "kimdir", "kimler")},
    **{(word,): "@count" for word in ("kac", "kactir", "cend")},
    ("ne", "zaman"): "@time",
    ("kenge",): "@time",
    **{(word,): "@place" for word in ("nerede", "nerde", "nereye", "nereden")},
    ("li", "ku"): "@place",
    **{(word,): "@reason" for word in ("neden", "niye", "nicin", "cima")},
    **{(word,): "@manner" for word in ("nasil", "cawa")},
    # German and Portuguese ("wann genau hat die final assault angefangen",
    # "quem e o SDF? like who are they").
    ("wann",): "@time",
    ("seit", "wann"): "@duration",
    ("wie", "viele"): "@count",
    ("wie", "lange"): "@duration",
    **{(word,): "@reason" for word in ("warum", "wieso", "weshalb")},
    ("quem",): "@person",
    ("onde",): "@place",
    # Levantine Arabic as chat writes it in Latin letters and digits ("leish they
    # started the final attack now ya3ni", "omar alloush meen hayda?").
    ("meen",): "@person",
    ("kam",): "@count",
    **{(word,): "@time" for word in ("emta", "imta")},
    **{(word,): "@place" for word in ("wein", "wain")},
    **{(word,): "@reason" for word in ("leish", "lesh", "laish")},
    **{(word,): "@manner" for word in ("kif", "keef", "shlon", "shloon")},
    **{(word,): "@count" for word in ("addeish", "adesh", "2adesh", "2addeish", "chem", "shgad")},
    ("minu",): "@person",
    ("kimdi",): "@person",
    **{(word,): "@place" for word in ("neresi", "nerdeydi", "nerededir")},
}


# Question words, reduced to the kind of answer they ask for. "how many" and
# "how long" ask different things from a bare "how", so they are read as pairs.
INTENTS: Mapping[tuple[str, ...], str] = {
    ("how", "many"): "@count",
    ("how", "much"): "@count",
    ("number", "of"): "@count",
    # "the headcount on the buses": how many, not a head ("heading east") and a count.
    ("headcount",): "@count",
    ("head", "count"): "@count",
    ("how", "long"): "@duration",
    # "since when is IS losing ground", "since how long" ask how long it has been so.
    ("since", "when"): "@duration",
    ("since", "how", "long"): "@duration",
    ("how", "much", "time"): "@duration",
    ("how", "many", "time"): "@duration",
    ("duration",): "@duration",
    ("when",): "@time",
    # The hour, which an answer of a day does not give: "what time did it start".
    ("what", "time"): "@hour",
    ("time", "of", "day"): "@hour",
    ("what", "hour"): "@hour",
    # The calendar date, which a weekday does not give either: "what was the exact
    # date", "which day of the month". Not "what date" or "which date": as those,
    # it cost questions a day answers (bench/HISTORY.md).
    ("calendar", "date"): "@date",
    ("exact", "date"): "@date",
    ("precise", "date"): "@date",
    ("actual", "date"): "@date",
    ("day", "of", "the", "month"): "@date",
    ("day", "of", "month"): "@date",
    ("what", "day"): "@time",
    # "at what point did they leave" asks when; "what point did he make" does not.
    ("at", "what", "point"): "@time",
    ("at", "which", "point"): "@time",
    # As other languages ask it ("en que momento", "a quel moment").
    ("in", "which", "moment"): "@time",
    ("in", "what", "moment"): "@time",
    ("at", "what", "moment"): "@time",
    ("at", "which", "moment"): "@time",
    # "for what reason did they keep the civilians": why.
    ("for", "what", "reason"): "@reason",
    ("for", "which", "reason"): "@reason",
    ("for", "what", "purpose"): "@reason",
    # Tagalog's "para saan" (what for), its "saan" read as "where" (_CHAT). Here,
    # not in _MIXED_IN_ASKING, whose words are never a slip's: "where" is.
    ("para", "where"): "@reason",
    ("day",): "@time",
    ("date",): "@time",
    ("where",): "@place",
    # "were is raqa", "wear are they going": "where" misspelt, as no other reading
    # puts the two words together.
    ("were", "is"): "@place",
    ("were", "are"): "@place",
    ("wear", "is"): "@place",
    ("wear", "are"): "@place",
    ("who",): "@person",
    ("whom",): "@person",
    # "which side won", "which forces attacked": the words for an armed group ask who.
    **{("which", group): "@person" for group in _ARMED_GROUPS},
    **{("what", force): "@person" for force in _ARMED_FORCES},
    **{(ask, place): "@place" for place in _PLACES for ask in ("which", "what")},
    **{(ask, noun): "@person" for noun in _WHO_NOUNS for ask in ("which", "what")},
    # "backed by which country": the one that does it, not where it is.
    **{("by", ask, noun): "@person" for noun in _COUNTRIES for ask in ("which", "what")},
    ("whos",): "@person",
    **{(word,): "@person" for word in _SPELLING},
    **{(*asking, "spell"): "@person" for asking in _ASKING_TO_SPELL},
    ("spelling", "check"): "@person",
    ("wheres",): "@place",
    ("whens",): "@time",
    ("whys",): "@reason",
    ("why",): "@reason",
    ("how", "come"): "@reason",
    ("how",): "@manner",
    # "in what way does the coalition back the SDF" asks how.
    ("in", "what", "way"): "@manner",
    ("in", "what", "ways"): "@manner",
    ("in", "which", "way"): "@manner",
    ("in", "which", "ways"): "@manner",
    ("in", "what", "manner"): "@manner",
    ("what", "way"): "@manner",
    ("what", "ways"): "@manner",
    # The question word of French, Spanish or Portuguese in an English message:
    # "foreigners left inside combien?". Not "where" ("ou" is also "or"), nor
    # "who": "qui est Talal Selo" is told that the bot reads English.
    **{(word,): "@count" for word in ("combien", "cuantos", "cuantas", "quantos", "quantas")},
    **{(word,): "@time" for word in ("quand", "cuando", "quando")},
    ("pourquoi",): "@reason",
    **_MIXED_IN_ASKING,
}
# What a slip is never corrected to: a word of another language that English
# words share a stem with ("atak" is attack, not Malay's "tak"), that an English
# word is a slip away from ("nana" is no "mana", Malay's where), or that is typed
# as it is spelled (_SPELLED_WORDS).
NEVER_A_SLIP = TYPED_ONLY | _SPELLED_WORDS | {w for key in _MIXED_IN_ASKING for w in key}


def is_abuse(word: str) -> bool:
    """Whether a word is a swear word, an insult or a slur: never to be repeated back
    in public. Matched by its start, so that "fucking" and "idiots" are caught;
    a few innocent words caught with them ("cockpit") are only not repeated.
    Digits for letters ("sh1t"), stretched letters ("fuuuck") and doubled ones
    ("bastaard", "niigger") hide nothing."""
    folded = fold_word(word).translate(_LEET)
    if folded in _NOT_ABUSE:
        return False
    if folded in _ABUSE_WORDS or folded.startswith(_ABUSE):
        return True
    # Every question's unknown words are checked: most have no letter twice in a
    # row, and so nothing stretched or doubled to read.
    if not _DOUBLED.search(folded):
        return False
    # A letter typed three times or more stands for one ("fuuuck") or two ("asssshole").
    forms = {_STRETCHED.sub(r"\1", folded), _STRETCHED.sub(r"\1\1", folded)}
    if any(form in _ABUSE_WORDS or form.startswith(_ABUSE) for form in forms):
        return True
    # Doubled: each letter once, against the list so read. A start of three letters
    # ("nig", "pis") only where the doubling is in it ("niigger"), since "nightfall"
    # and "pistol" are no abuse.
    single = _DOUBLED.sub(r"\1", folded)
    head = _DOUBLED.sub(r"\1", folded[:_ABUSE_HEAD]) + folded[_ABUSE_HEAD:]
    return single != folded and (
        single in _ABUSE_WORDS
        or single.startswith(_ABUSE_LONG)
        or (head != folded and head.startswith(_ABUSE_SINGLE))
    )


# General English, and what moderation lists hold: the starts of words a newsroom's
# bot must not echo, a few words that are abuse only whole, and words of the news
# that merely start like some.
_ABUSE = tuple(
    """fuck fuk fck shit bitch cunt dick cock puss asshole arsehole bastard slut whore
    fag nigg retard idiot moron stupid dumb wank twat prick crap piss kike spic tranny
    douche jerk loser""".split()
)
_ABUSE_WORDS = frozenset("kys stfu gtfo wtf".split())
_NOT_ABUSE = frozenset("shiite shiites spicy cockpit cocktail dickens fukushima".split())
_STRETCHED = re.compile(r"(.)\1{2,}")
_DOUBLED = re.compile(r"(.)\1+")
_ABUSE_SINGLE = tuple(_DOUBLED.sub(r"\1", start) for start in _ABUSE)
_ABUSE_LONG = tuple(start for start in _ABUSE_SINGLE if len(start) > 3)
_ABUSE_HEAD = 5  # letters of a word read for doubling against a short start: "niigg"
_LEET = str.maketrans("0134578", "oieastb")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: as typed, folded (lowercase, no apostrophes) and stemmed."""

    raw: str
    folded: str
    stem: str


# Tagalog's commonest words of news, by meaning, as Filipino readers mix them
# into English or write whole questions in them ("ilan ang umalis sa raqqa",
# "sino ang natitira", "bakit pinakawalan ang mga sibilyan"): each as the English
# word it means. Its function words are STOPWORDS and its question words
# _MIXED_IN_ASKING and _CHAT. "sabi" is Tagalog's "said" (Nigerian Pidgin's
# "know", which this reads it as no more).
_TAGALOG = {
    # Leaving, staying, being let go or sent out, taken or held.
    **dict.fromkeys(
        """umalis umaalis aalis nakaalis makaalis paalis pagalis lumabas nakalabas paglabas
        palabas lumikas""".split(),
        "left",
    ),
    **dict.fromkeys("naiwan natitira natira nananatili iniwan".split(), "remaining"),
    **dict.fromkeys("pinaalis pinapaalis pagpapaalis paalisin pinalikas".split(), "evacuated"),
    **dict.fromkeys(
        "pinakawalan papalayain palayain pinalaya nakalaya pinalabas nirelease".split(),
        "released",
    ),
    **dict.fromkeys("pinayagan payagan hinayaan".split(), "allowed"),
    **dict.fromkeys("hinuli hulihin nahuli nasakop sinakop".split(), "captured"),
    **dict.fromkeys("nakuha makukuha makuha nabawi dinala dadalhin".split(), "taken"),
    **dict.fromkeys("nakatakas makatakas tumakas".split(), "escaped"),
    "sumuko": "surrender",
    "hawak": "control",
    "nakakapit": "holding",
    **dict.fromkeys("papunta pupunta".split(), "heading"),
    **dict.fromkeys("nakarating dumating".split(), "arrived"),
    **dict.fromkeys("sakay nakasakay nakasama".split(), "aboard"),
    # People.
    "tao": "people",
    "sibilyan": "civilians",
    "pamilya": "family",
    **dict.fromkeys("anak bata".split(), "children"),
    "asawa": "wives",
    "babae": "women",
    "sundalo": "soldiers",
    **dict.fromkeys("dayuhan banyaga".split(), "foreign"),
    **dict.fromkeys("kano amerikano".split(), "american"),
    "kalaban": "enemy",
    "pinuno": "leader",
    "gobyerno": "government",
    "tagapagsalita": "spokesman",
    # Fighting, and how it goes.
    **dict.fromkeys("laban labanan bakbakan lalaban naglalaban lumalaban".split(), "fighting"),
    **dict.fromkeys("gyera giyera digmaan".split(), "war"),
    **dict.fromkeys("atake pagatake umaatake sinugod sumugod sumusugod".split(), "attack"),
    **dict.fromkeys("nagsimula sinimulan magsimula nagstart".split(), "started"),
    **dict.fromkeys("matapos natapos".split(), "finished"),
    "huling": "final",
    "namatay": "died",
    "napatay": "killed",
    "mahirap": "difficult",
    "madali": "easy",
    **dict.fromkeys("matindi mabigat".split(), "heavy"),
    **dict.fromkeys("umaatras umatras".split(), "retreating"),
    "humihina": "weakening",
    **dict.fromkeys("natatalo natalo talo".split(), "losing"),
    **dict.fromkeys("babagsak bumagsak nahulog".split(), "fall"),
    "malapit": "close",
    # Deals and those in them.
    **dict.fromkeys("kasunduan usapan".split(), "agreement"),
    "namagitan": "brokered",
    **dict.fromkeys("kasali nakisali kasangkot kinalaman".split(), "involved"),
    **dict.fromkeys(
        "tumutulong tumulong tinutulungan nakasuporta sumusuporta".split(), "supporting"
    ),
    **dict.fromkeys("binibigay ibinigay nagbibigay".split(), "giving"),
    "pumayag": "agreed",
    "inaasahan": "expected",
    "dahilan": "reason",
    # Saying and telling.
    "sabi": "said",
    **dict.fromkeys("sinasabi pinagsasabi nagsasabi".split(), "saying"),
    "pahayag": "statement",
    "balita": "news",
    "kwento": "account",
    "sumulat": "wrote",
    **dict.fromkeys("kinorek kinorrect".split(), "corrected"),
    **dict.fromkeys("magkaiba magkakaiba magkasalungat".split(), "different"),
    "tama": "right",
    "mali": "wrong",
    "pakiexplain": "explain",
    "pakisummarize": "summarize",
    # Where and when.
    "san": "where",
    "lugar": "place",
    "bansa": "country",
    "lungsod": "city",
    "teritoryo": "territory",
    "loob": "inside",
    "likod": "behind",
    **dict.fromkeys("bago dati".split(), "before"),
    "kagabi": "night",
    "linggo": "sunday",
    "sabado": "saturday",
    "oras": "time",
    "petsa": "date",
    "madalas": "often",
    # And a few more.
    "nangyari": "happened",
    "pangalan": "name",
    "bilang": "number",
    "alin": "which",
    "bukod": "besides",
    **dict.fromkeys("paglikas lumikas inilikas".split(), "evacuation"),
    **dict.fromkeys("pagkatapos matapos".split(), "after"),
    **dict.fromkeys("nanalo panalo manalo".split(), "win"),
    **dict.fromkeys("napagkasunduan nagkasundo pinagkasunduan".split(), "agreed"),
    "mandirigma": "fighters",
    **dict.fromkeys("matagal tumagal".split(), "long"),
    "kalaki": "big",
    "nakalagay": "stated",
    **dict.fromkeys("umatake inatake".split(), "attack"),
    **dict.fromkeys("pakawalan papakawalan".split(), "released"),
    **dict.fromkeys("nagsabing nagsalita".split(), "said"),
    **dict.fromkeys("binomba pambobomba".split(), "bombing"),
    **dict.fromkeys("naipit naiipit".split(), "trapped"),
    **dict.fromkeys("nangunguna namumuno pinamunuan".split(), "led"),
    **dict.fromkeys("nagdeklara idineklara".split(), "declared"),
    **dict.fromkeys("pupuntahan patutunguhan destinasyon".split(), "destination"),
    "mangyayari": "happen",
    **dict.fromkeys("mahalaga kahalaga".split(), "importance"),
    "papel": "role",
    **dict.fromkeys("lumulusob lusob".split(), "attack"),
    **dict.fromkeys("tulong tumulong".split(), "supporting"),
    "reaksyon": "reaction",
    **dict.fromkeys("tatagal magtatagal".split(), "long"),
    "matatalo": "losing",
    **dict.fromkeys("kinukubkob kubkob".split(), "besieged"),
    "araw": "day",
    **dict.fromkeys("pananggalang panangga kalasag".split(), "shield"),
    "layunin": "purpose",
    "tribo": "tribe",
    "matatanda": "elders",
    "konseho": "council",
    **dict.fromkeys("pagbitbit bitbit".split(), "taken"),
    "ligtas": "safe",
    "makalabas": "leave",
    **dict.fromkeys("pinaplano pinlano plano".split(), "plan"),
    "magkatugma": "consistent",
    "papayagan": "allowed",
}


# Indonesian's and Malay's commonest words of news, by meaning, as readers mix
# them into English or write whole questions in them ("siapa yg nyerang raqqa",
# "berapa pejuang asing yang masih tinggal"): each as the English word it means.
# Their function words are STOPWORDS and their question words _MIXED_IN_ASKING.
_MALAY = {
    **dict.fromkeys("keluar pergi cabut berangkat".split(), "left"),
    **dict.fromkeys("mundur pengunduran penarikan".split(), "withdrawal"),
    **dict.fromkeys("evakuasi pemindahan".split(), "evacuation"),
    **dict.fromkeys(
        "lepas dilepas dilepaskan dilepasin lepasin dibebaskan bebas dibiarkan".split(),
        "released",
    ),
    **dict.fromkeys("tinggal tersisa sisa bertahan".split(), "remaining"),
    "ditahan": "held",
    **dict.fromkeys("dijadikan dijadiin".split(), "used"),
    **dict.fromkeys("tameng perisai".split(), "shield"),
    "manusia": "human",
    "orang": "people",
    **dict.fromkeys("sipil awam".split(), "civilian"),
    "warga": "residents",
    "keluarga": "family",
    **dict.fromkeys("anak anak2nya".split(), "children"),  # both affixes: doubled, "-nya"
    **dict.fromkeys("istri isteri".split(), "wives"),
    **dict.fromkeys("perempuan wanita".split(), "women"),
    "pejuang": "fighters",
    "pasukan": "forces",
    **dict.fromkeys("tentara tentera askar".split(), "soldiers"),
    "asing": "foreign",
    **dict.fromkeys("suku puak".split(), "tribe"),
    "tetua": "elders",
    **dict.fromkeys("pemimpin pimpinan ketua".split(), "leader"),
    **dict.fromkeys("jubir jurucakap".split(), "spokesman"),
    "koalisi": "coalition",
    "amerika": "america",
    "kurdi": "kurdish",
    **dict.fromkeys("serangan menyerang nyerang diserang serang".split(), "attack"),
    "perang": "war",
    "pertempuran": "battle",
    "operasi": "operation",
    "kalah": "losing",
    "jatuh": "fall",
    **dict.fromkeys("mulai dimulai bermula".split(), "started"),
    "terakhir": "last",
    "akhir": "end",
    **dict.fromkeys("sukar susah sulit".split(), "difficult"),
    "mudah": "easy",
    **dict.fromkeys("perjanjian kesepakatan persetujuan".split(), "agreement"),
    "syarat": "terms",
    **dict.fromkeys("alasan sebab".split(), "reason"),
    "setuju": "agree",
    "terlibat": "involved",
    **dict.fromkeys("bantu membantu bantuan".split(), "supporting"),
    **dict.fromkeys("ngomong cakap kata berkata".split(), "said"),
    **dict.fromkeys("kenyataan pernyataan".split(), "statement"),
    **dict.fromkeys("berita kabar".split(), "news"),
    "nama": "name",
    **dict.fromkeys("tahun taun".split(), "years"),
    "bulan": "months",
    "minggu": "sunday",
    "sabtu": "saturday",
    "semalam": "night",
    **dict.fromkeys("tanggal tarikh".split(), "date"),
    "waktu": "time",
    **dict.fromkeys("kota bandar".split(), "city"),
    **dict.fromkeys("wilayah kawasan daerah".split(), "territory"),
    **dict.fromkeys("negara negeri".split(), "country"),
    "timur": "east",
    "sampai": "reached",
    "posisi": "location",
    **dict.fromkeys("jumlah angka".split(), "number"),
    "senjata": "weapons",
    **dict.fromkeys("tewas terbunuh".split(), "killed"),
    "korban": "casualties",
    **dict.fromkeys("dewan majlis".split(), "council"),
    **dict.fromkeys("anggota ahli".split(), "member"),
    "keputusan": "decision",
    "keliru": "wrong",  # not "salah" (Malay's wrong), a footballer's name too
    **dict.fromkeys("beda berbeda".split(), "different"),
    **dict.fromkeys("kejadian terjadi".split(), "happened"),
    "udara": "air",
    "musuh": "enemy",
    "sebelum": "before",
    "sejak": "since",
    "penting": "important",
    **dict.fromkeys("biasa lumrah".split(), "common"),
    "kelompok": "group",
    "luar": "outside",
    "khusus": "special",
    **dict.fromkeys("biarin membiarkan".split(), "allowed"),
    "lemah": "weak",
    "kuat": "strong",
    "berat": "heavy",
    **dict.fromkeys("ringkasan rangkuman singkat".split(), "summary"),
    **dict.fromkeys("jelasin jelaskan terangkan".split(), "explain"),
    **dict.fromkeys("kuasai menguasai dikuasai".split(), "control"),
    **dict.fromkeys("ngerebut merebut direbut".split(), "captured"),
    **dict.fromkeys("kabur lolos".split(), "escaped"),
    **dict.fromkeys("nyerbu menyerbu".split(), "attack"),
    **dict.fromkeys("ngelawan melawan".split(), "fighting"),
    "perantara": "broker",
    **dict.fromkeys("perkiraan anggaran dianggarkan".split(), "estimate"),
    "bersetuju": "agree",
    **dict.fromkeys("resmi rasmi".split(), "official"),
    **dict.fromkeys("nulis menulis".split(), "wrote"),
    "penulis": "writer",
    "konvoi": "convoy",
    "lanjut": "continue",
    **dict.fromkeys("bawa dibawa".split(), "taken"),
    "sungai": "river",
    "bicara": "spokesman",
    "rakyat": "people",
    "terperangkap": "trapped",
    "mula": "start",
    "ratusan": "hundreds",
    "pemicu": "trigger",
    **dict.fromkeys("diketuai mimpin pimpin memimpin dipimpin".split(), "led"),
    "tujuan": "purpose",
    **dict.fromkeys("abis habis setelah selepas sesudah".split(), "after"),
    "pihak": "side",
    **dict.fromkeys("lepaskan melepaskan dibebasin membebaskan".split(), "released"),
    "campur": "involved",
    "selamat": "safe",
    "cerita": "story",
    "tangan": "hands",
    "kepala": "leader",
    **dict.fromkeys("lawan berlawan berperang".split(), "fighting"),
    **dict.fromkeys("menang kemenangan".split(), "win"),
    **dict.fromkeys("pemerintah kerajaan".split(), "government"),
    **dict.fromkeys("nyampe tiba".split(), "reached"),
    "versi": "accounts",
    "diserbu": "attack",
    **dict.fromkeys("pegang dipegang nguasain dikuasain".split(), "control"),
    "tempat": "place",
    "kumpulan": "group",
    "rombongan": "convoy",
    **dict.fromkeys("bersih dibersihkan".split(), "cleared"),
    **dict.fromkeys("gede besar".split(), "big"),
    **dict.fromkeys("komentar komen tanggapan".split(), "comment"),
    "milisi": "militia",
    **dict.fromkeys("dibiarin dibenarkan diizinkan".split(), "allowed"),
    **dict.fromkeys("dibom ngebom mengebom pengeboman".split(), "bombing"),
    **dict.fromkeys("dibentuk membentuk".split(), "formed"),
    **dict.fromkeys("tebusan tawanan sandera".split(), "hostages"),
    **dict.fromkeys("singkatan kepanjangan".split(), "abbreviation"),
    "tempatan": "local",
    **dict.fromkeys("lari melarikan".split(), "fled"),
    "wartawan": "reporter",
    "jaminan": "guarantee",
    **dict.fromkeys("kejebak terjebak".split(), "trapped"),
    "omongan": "statement",
    **dict.fromkeys("koreksi ngoreksi mengoreksi dikoreksi membetulkan".split(), "corrected"),
    **dict.fromkeys("kawal dikawal mengawal".split(), "escorted"),
    **dict.fromkeys("peran peranan tugas".split(), "role"),
    **dict.fromkeys(
        "mediasi dimediasi ditengahi negosiasi berunding perundingan".split(), "negotiations"
    ),
    "laporan": "reports",
    "gugur": "killed",
    "ratus": "hundreds",
    **dict.fromkeys("ribu ribuan".split(), "thousands"),
    "ibukota": "capital",
    "alesan": "reason",
    "pegi": "left",
    "bawak": "taken",
    "disebut": "called",
    "maksud": "mean",
    **dict.fromkeys("ngasih memberi memberikan".split(), "providing"),
    **dict.fromkeys("dikutip mengutip".split(), "quoted"),
    "kutipan": "quote",
    **dict.fromkeys("sengit teruk".split(), "fierce"),
    "bertentangan": "disagree",
    "bercanggah": "conflicting",
    "motif": "motive",
    **dict.fromkeys("sinkron konsisten".split(), "consistent"),
    **dict.fromkeys("dukung mendukung dukungan sokong menyokong sokongan".split(), "support"),
    **dict.fromkeys("hilang kehilangan".split(), "lost"),
    **dict.fromkeys("situasi keadaan kondisi".split(), "situation"),
    "perlawanan": "resistance",
    **dict.fromkeys("ngepung mengepung dikepung".split(), "besieged"),
    **dict.fromkeys("umum lazim sering".split(), "common"),
    "markas": "base",
    **dict.fromkeys("rencana ngerencanain merencanakan rancang merancang".split(), "plan"),
    **dict.fromkeys("antarabangsa internasional".split(), "international"),
    "gabungan": "coalition",
    "sumber": "source",
    "wakil": "representative",
    "destinasi": "destination",
    **dict.fromkeys("gerak bergerak".split(), "moved"),
    "berhenti": "stop",
    "sivil": "civil",
    **dict.fromkeys("pendirian sikap".split(), "position"),
    "senang": "easy",
    **dict.fromkeys("jangkaan prediksi diprediksi ramalan".split(), "expected"),
    "kolonel": "colonel",
    "ahad": "sunday",
    **dict.fromkeys("uruskan ngatur mengatur".split(), "arranged"),
    **dict.fromkeys("nengahin menengahi runding rundingan".split(), "negotiations"),
    "betulkan": "corrected",
    "nombor": "number",
    "hari": "day",
    **dict.fromkeys("kemaren kemarin".split(), "yesterday"),
    "tokoh": "leader",
    "kabilah": "tribe",
    **dict.fromkeys("rampas merampas".split(), "captured"),
    "ngelepasin": "released",
    "ngebiarin": "allowed",
    "ckp": "said",
    **dict.fromkeys("lokasi letak".split(), "location"),
    "tgl": "date",
    "lembah": "valley",
    **dict.fromkeys("eufrat efrat furat".split(), "euphrates"),
    "lain2": "different",
    "kmrn": "yesterday",
    "spesial": "special",
    "pusat": "centre",
    **dict.fromkeys("izin ngizinin mengizinkan".split(), "allowed"),
    **dict.fromkeys("ngelancarin melancarkan".split(), "launched"),
    "kantor": "agency",
    "pendapat": "view",
    **dict.fromkeys("perselisihan gaduh".split(), "disagreement"),
}
# Words only Malay and Indonesian write: two of them make a message theirs.
_MALAY_WORDS = frozenset(_MALAY) | frozenset(
    """yang yg gak nggak tak nak dah udah udh sudah belum blm dengan dgn untuk utk sih
    dong kah lah kok aja saja juga tapi atau mereka dorang diorang korang siapa sapa
    berapa brp kapan kpn bila kenapa knp gimana gmn bagaimana camne ini itu masih
    sekarang skrg banyak ramai semua boleh bisa mau kat dari""".split()
)


# Arabic's commonest words of news as chat writes them in Latin letters and
# digits (Arabizi), Levantine and Gulf ("2addeish wa7ad tele3 ma3 el 2afle",
# "wein ra7o el mu2atlin"): each as the English word it means. Their function
# words are _MIXED_IN_WORDS, their question words _MIXED_IN_ASKING, their
# "said" _CHAT; those that are English words or names too are _IN_ARABIC.
_ARABIC = {
    **dict.fromkeys("2afle 2afla 2afleh qafle kafle".split(), "convoy"),
    **dict.fromkeys("madaniyin madaniyeen madaniye madani".split(), "civilians"),
    **dict.fromkeys("madine madina madinet".split(), "city"),
    **dict.fromkeys("da3esh da3eshiye da3eshi dawaesh".split(), "daesh"),
    **dict.fromkeys("ettifa2 ettifa2iye ittifa2 etfa2 safqa".split(), "agreement"),
    **dict.fromkeys("ajaneb ajanib ajnabi ajnabiye".split(), "foreign"),
    **dict.fromkeys("ma3raka ma3arek".split(), "battle"),
    **dict.fromkeys("mu2atlin mu2atel m2atlin mqatlin mu9a7il mu9a7ilin".split(), "fighters"),
    **dict.fromkeys("hujum hjoum hujoum yhajem yhajmo".split(), "attack"),
    **dict.fromkeys("3asha2er 3ashayer 3ashira".split(), "tribes"),
    "majles": "council",
    **dict.fromkeys("7arb 7arab".split(), "war"),
    **dict.fromkeys(
        "tele3 tel3o tel3et tala3 tal3o yetla3 yetla3o tal3in 6ala3 6il3o yfello".split(), "left"
    ),
    **dict.fromkeys("ba2i ba2yin ba2ye".split(), "remaining"),
    **dict.fromkeys("akrad kurdi".split(), "kurds"),
    **dict.fromkeys("ensi7ab insi7ab".split(), "withdrawal"),
    **dict.fromkeys("suriyin souri suri".split(), "syrian"),
    **dict.fromkeys("drou3 dro3".split(), "shields"),
    **dict.fromkeys("bashariye bashariya".split(), "human"),
    **dict.fromkeys("ra2am ra2em 3adad".split(), "number"),
    **dict.fromkeys("wosslet wosslo wosel wesel wsilo".split(), "reached"),
    **dict.fromkeys("tarako tarakouhon tarakohon".split(), "allowed"),
    **dict.fromkeys("ashhur ash-hor shahr".split(), "months"),
    **dict.fromkeys("tekhlas khalset".split(), "end"),
    **dict.fromkeys("2tel 2atl 2otel".split(), "killed"),
    **dict.fromkeys("tayyarat tayyara".split(), "air"),
    "mas2oul": "official",
    **dict.fromkeys("twassat wasata".split(), "brokered"),
    **dict.fromkeys("mante2a manate2 manta2".split(), "territory"),
    **dict.fromkeys("3arabi 3arabe 3arab".split(), "arab"),
    **dict.fromkeys("amerkan amerki amerkiye amrikan amreekan".split(), "american"),
    "hadaf": "purpose",
    **dict.fromkeys("ra2is ra2isit ra2ise".split(), "leader"),
    **dict.fromkeys("tasri7 tasri7at".split(), "statement"),
    **dict.fromkeys("da3em da3m".split(), "support"),
    "akhbar": "news",
    **dict.fromkeys("esmo esma".split(), "name"),
    "awwal": "first",
    **dict.fromkeys("akher akhir akhira".split(), "last"),
    "yom": "day",
    "sob7": "morning",
    "3omar": "omar",
    **dict.fromkeys("ra2a ra22a".split(), "raqqa"),
    "jowa": "inside",
    **dict.fromkeys("bysir bisir ysir".split(), "happening"),
    "dor": "role",
    **dict.fromkeys("y2ol bi2ol y7ke 7aka galo gaal".split(), "said"),
    **dict.fromkeys("ra7 ra7o ra7et rayi7 rayi7in rayhin".split(), "heading"),
    **dict.fromkeys("y7arib y7arbo m7arbin y2atel y2atlo".split(), "fighting"),
    **dict.fromkeys("2esse 2issa".split(), "story"),
    **dict.fromkeys("ahle ahl 2araybin".split(), "families"),
    "saret": "happened",
    **dict.fromkeys("akhado akhadet akhadu".split(), "taken"),
    "kelme": "statement",
    **dict.fromkeys("na6e2 nate2 natiq".split(), "spokesman"),
    **dict.fromkeys("ettafa2o ettafa2et".split(), "agreed"),
    "ghara": "airstrikes",
    "ykamlo": "continue",
    "mkhtelfe": "different",
    "nesswen": "women",
    "y2sof": "bombing",
    "bism": "name",
    **dict.fromkeys("ta7aluf t7aluf ta7alof".split(), "coalition"),
    **dict.fromkeys("dawli dowali".split(), "international"),
    **dict.fromkeys("shorout shurut shart".split(), "terms"),
    **dict.fromkeys("ahamiye ahamiyet mohemme muhimme".split(), "importance"),
    **dict.fromkeys("katab katabet kateb".split(), "wrote"),
    **dict.fromkeys("sa7afe sa7afi sa7afiye".split(), "journalist"),
    **dict.fromkeys("wekale wakale".split(), "agency"),
    "khabar": "news",
    **dict.fromkeys("tekhsar yekhsar yekhsaro khesret".split(), "losing"),
    **dict.fromkeys("titraja3 tetraja3 tarajo3".split(), "retreat"),
    **dict.fromkeys("to2a3 so2tet su2ut soqout".split(), "fall"),
    **dict.fromkeys("bales ballash ballashet bada2".split(), "started"),
    **dict.fromkeys("byetfe2o mwaf2in mwaf2".split(), "agree"),
    **dict.fromkeys("2owwat quwwat".split(), "forces"),
    "khassa": "special",
    **dict.fromkeys("shaghelto wazifto shughl".split(), "job"),
    **dict.fromkeys("sheoukh shyoukh".split(), "elders"),
    "mkan": "place",
    **dict.fromkeys("7arraro 7arrarou".split(), "released"),
    **dict.fromkeys("ikhraj ikhla2".split(), "evacuation"),
    "sharako": "involved",
    **dict.fromkeys("ysa3do sa3ad bysa3do".split(), "supporting"),
    **dict.fromkeys("hajamo hajam".split(), "attack"),
    "samahu": "allowed",
    "yens7bo": "withdrawal",
    **dict.fromkeys("metwa22in metwa22e3".split(), "expect"),
    **dict.fromkeys("sa3be sa3eb".split(), "difficult"),
    "mutashaddidin": "hardliners",
    "2addar": "estimate",
    **dict.fromkeys("sene snin sneen".split(), "years"),
    "fatet": "captured",
    **dict.fromkeys("2reeban qariban".split(), "soon"),
    "tanzim": "group",
    "dawle": "state",
    **dict.fromkeys("3ayalet 3ayle".split(), "families"),
    # Gulf and Iraqi spellings, with 6, 9 and 5 for their own letters.
    **dict.fromkeys("6l3aw y6l3on 6l3 6l3at 6al3aw 6al3 6ala3o".split(), "left"),
    "dawa3ish": "daesh",
    **dict.fromkeys("madaneen madaniyeen".split(), "civilians"),
    "mudun": "city",
    **dict.fromkeys("soorya sooriya".split(), "syria"),
    **dict.fromkeys("suriyeen sooriyeen".split(), "syrian"),
    **dict.fromkeys("9fga 9afqa ettefaq ettefaqat".split(), "agreement"),
    **dict.fromkeys("mqatleen mqatel".split(), "fighters"),
    "bagyeen": "remaining",
    "gabel": "before",
    "esmah": "name",
    **dict.fromkeys("hujoom yhajmon".split(), "attack"),
    **dict.fromkeys("3dd 3ddhum".split(), "number"),
    **dict.fromkeys("galaw ygoolon tgool ygool".split(), "said"),
    "akheer": "last",
    "dakhel": "inside",
    **dict.fromkeys("3raq 3raqi".split(), "iraq"),
    "shyookh": "elders",
    **dict.fromkeys("9ar sh9ar y9eer".split(), "happening"),
    "ma3rakat": "battle",
    **dict.fromkeys("qtal y7arbon y7areb".split(), "fighting"),
    **dict.fromkeys("ra7aw ray7een ray7".split(), "heading"),
    "3adi": "common",
    "ya5thon": "taken",
    "3awayel": "families",
    **dict.fromkeys("amreka amrika".split(), "america"),
    "amreekiya": "american",
    "mit7adith": "spokesman",
    "salfa": "story",
    "ytrkon": "allowed",
    "manatiq": "territory",
    "shhoor": "months",
    "jnood": "soldiers",
    "quwat": "forces",
    "5a9a": "special",
    "6a7at": "fall",
    "mtwafqa": "agree",
    "mudda": "long",
    "ghara2at": "airstrikes",
    "rahayen": "hostages",
    "ysaree7": "statement",
    "aalaf": "thousands",
    **dict.fromkeys("wa9al wa9lo ywslon".split(), "reached"),
    "sahla": "easy",
    "9a3b": "difficult",
    "ra2ees": "leader",
    "9a7afi": "journalist",
    "twassa6": "brokered",
    "a5bar": "news",
    "msay6reen": "control",
    "sharq": "east",
    "ysa3don": "supporting",
}
# Words only Arabic as chat writes it has: two of them make a message its.
_ARABIC_WORDS = (
    frozenset(_ARABIC)
    | _ARABIC_FILLERS
    | frozenset(
        """shu sho meen emta wein leish lesh kif kam addeish ya3ni hayda hayde 3am fi ma
        el w b hala2 2al 2alet minu shino shlon wain laish chem""".split()
    )
)


# Turkish's commonest words of news as typed without its letters ("konvoyda kac
# kisi vardi", "siviller sehirde kaldi mi"): each stem as the English word it
# means, read with the endings Turkish adds to it (_turkish_form). Its function
# words are _SPELLED_WORDS and _TURKISH_FILLERS, its question words
# _MIXED_IN_ASKING.
_TURKISH = {
    "konvoy": "convoy",
    "sivil": "civilians",
    **dict.fromkeys("sehir sehr".split(), "city"),
    **dict.fromkeys("savasci savascilar".split(), "fighters"),
    "savas": "war",
    "yabanci": "foreign",
    "koalisyon": "coalition",
    "anlasma": "agreement",
    "tahliye": "evacuation",
    "saldiri": "attack",
    "haber": "news",
    "kurtler": "kurds",
    "amerikali": "american",
    "suriyeli": "syrian",
    "suriye": "syria",
    "lider": "leader",
    "sozcu": "spokesman",
    "kalkan": "shield",
    "aile": "families",
    "cocuk": "children",
    "kadin": "women",
    "asiret": "tribes",
    "asker": "soldiers",
    "ucak": "air",
    "baskan": "leader",
    "aciklama": "statement",
    "tahmin": "estimate",
    "orgut": "group",
    "destek": "support",
    "kayip": "casualties",
    "mahsur": "trapped",
    **dict.fromkeys("insan kisi".split(), "people"),
    "toprak": "territory",
    "durum": "situation",
    "ozet": "summary",
    **dict.fromkeys("kaldi kalan kalmis".split(), "remaining"),
    **dict.fromkeys("cikti cikan cikinca cikmis".split(), "left"),
    "gitti": "left",
    **dict.fromkeys("gidiyor gidiyo".split(), "heading"),
    **dict.fromkeys("basladi baslamis basliyor".split(), "started"),
    **dict.fromkeys("bitti biter bitiyor".split(), "end"),
    **dict.fromkeys("dusmesi dustu duser".split(), "fall"),
    "kaybediyor": "losing",
    "yardim": "supporting",
    "sabah": "morning",
    "pazar": "sunday",
    "cumartesi": "saturday",
    "uzun": "long",
    "yakinda": "soon",
    "icinde": "inside",
    "disinda": "outside",
    "yanlis": "wrong",
    **dict.fromkeys("diyor diyorlar diyo dedikleri demis soyluyor diyen soyledi".split(), "said"),
    # Its own words for IS's men, as "IS'ciler" and "IS'liler" are read.
    **dict.fromkeys("isci isli".split(), "isis"),
    "kolay": "easy",
    **dict.fromkeys("saldiriyor saldiriyorlar".split(), "attack"),
    **dict.fromkeys("savasiyor savasiyorlar".split(), "fighting"),
    **dict.fromkeys("yerde yeri".split(), "place"),
    **dict.fromkeys("aldi goturdu".split(), "taken"),
    **dict.fromkeys("surdu surer surecek".split(), "long"),
    "kaynak": "source",
    "devam": "continue",
    "elinde": "hands",
    **dict.fromkeys("temizlenene temizlenecek temizlendi".split(), "cleared"),
    "ordu": "army",
    "destegi": "support",
    **dict.fromkeys("yaziyo yaziyor yazmis yaziyodu".split(), "said"),
}
# The endings Turkish adds to a word, as typed without its letters: its cases,
# plurals and possessives ("konvoyda", "sivilleri", "sehirden", "savascilarin").
_TURKISH_ENDINGS = frozenset(
    """i u a e in un nin nun ni nu na ne da de ta te dan den tan ten daki deki la le
    yla yle ya ye yi yu ler lar leri lari lerin larin lere lara lerde larda lerden
    lardan lerle larla si su sini sunu sine suna sinde sunda sinden sundan sinin sunun
    li lu liler lular lileri lulari nda nde ndaki ndeki ndan nden""".split()
)


# Hindi's and Urdu's commonest words of news in Latin letters, by meaning, as
# readers mix them into English or write whole questions in them ("kitne log
# nikle shehar se", "andar kaun bacha hai"): each as the English word it means.
# Their function words are _MIXED_IN_WORDS and STOPWORDS, their question words
# _MIXED_IN_ASKING, their "said" _CHAT.
_HINDI = {
    **dict.fromkeys("log logo logon".split(), "people"),
    "naam": "name",
    "saal": "years",
    **dict.fromkeys("mahine mahino".split(), "months"),
    **dict.fromkeys("ladai jung ladne".split(), "fighting"),
    **dict.fromkeys("shehar shahar".split(), "city"),
    **dict.fromkeys("mulk desh".split(), "country"),
    "jagah": "place",
    "andar": "inside",
    "bahar": "outside",
    **dict.fromkeys("nikle nikal nikalne nikla nikli chhod chhoda chhode".split(), "left"),
    **dict.fromkeys("bhaag bhaage".split(), "escaped"),
    "bache": "remaining",
    **dict.fromkeys("bachche bacche".split(), "children"),
    **dict.fromkeys("aurat auratein".split(), "women"),
    **dict.fromkeys("biwi biwiyan".split(), "wives"),
    **dict.fromkeys("parivaar pariwar".split(), "family"),
    "shuru": "started",
    "khatam": "finished",
    "hamla": "attack",
    **dict.fromkeys("jeet jeetega".split(), "win"),
    **dict.fromkeys("haar haarne".split(), "losing"),
    "kabza": "control",
    **dict.fromkeys("pakde pakda".split(), "captured"),
    **dict.fromkeys("mare mara maare".split(), "killed"),
    "bol": "said",
    "kehna": "say",
    **dict.fromkeys("likha likhi".split(), "wrote"),
    **dict.fromkeys("shart shartein".split(), "terms"),
    **dict.fromkeys("samjhauta samjhota".split(), "agreement"),
    "videshi": "foreign",
    **dict.fromkeys("ladake ladaku".split(), "fighters"),
    **dict.fromkeys("sena fauj".split(), "army"),
    "mushkil": "difficult",
    **dict.fromkeys("aasaan asaan".split(), "easy"),
    "pehle": "before",
    "alag": "different",
    "galat": "wrong",
    **dict.fromkeys("kabile kabila".split(), "tribes"),
    "buzurg": "elders",
    "hathiyar": "weapons",
    **dict.fromkeys("gira girne girega".split(), "fall"),
    "haath": "hand",
    "hamle": "attack",
    "hawai": "air",
    "dhaal": "shield",
    "aadmi": "people",
    "khabar": "news",
    "kamzor": "weak",
    **dict.fromkeys("karwayi karwaya karvaya karvayi".split(), "brokered"),
    "matbhed": "disagreement",
    "bataya": "said",
    "shamil": "involved",
    **dict.fromkeys("azad azaad riha rihaa".split(), "released"),
    **dict.fromkeys("sarkar sarkaar hukumat".split(), "government"),
    "hathiyaar": "weapons",
    **dict.fromkeys("pehli pehla".split(), "first"),
    **dict.fromkeys("haal halat halaat haalat".split(), "situation"),
    **dict.fromkeys("wajah vajah wajeh".split(), "reason"),
    **dict.fromkeys("aurte aurtein auraten aurton".split(), "women"),
    **dict.fromkeys("samjhaute samjhote".split(), "agreement"),
    "manzil": "destination",
    **dict.fromkeys("pahunch pahuncha pahunche pahunchi".split(), "reached"),
    **dict.fromkeys("banayi banaya".split(), "formed"),
    "aaj": "today",
    **dict.fromkeys("sharte sharten shartien".split(), "terms"),
    **dict.fromkeys("fanse phanse".split(), "trapped"),
    **dict.fromkeys("maksad fayda".split(), "purpose"),
    **dict.fromkeys("mahatva ahmiyat".split(), "importance"),
    **dict.fromkeys("ilaka ilaaka ilaake ilake ilaqa".split(), "territory"),
    **dict.fromkeys("khilaf khilaaf".split(), "against"),
    **dict.fromkeys("kabilo kabeela kabeele".split(), "tribes"),
    "bhage": "escaped",
    **dict.fromkeys("gher ghera gherne ghere".split(), "besieged"),
    "jeete": "win",
    **dict.fromkeys("raasta rasta".split(), "passage"),
    "tay": "agreed",
    **dict.fromkeys("deshon desho".split(), "country"),
    "lambi": "long",
    **dict.fromkeys("karane karwane".split(), "brokered"),
}


# How people spell words in chat; general English, not story data.
_CHAT = {
    "r": "are",
    "u": "you",
    "gimme": "give",  # "gimme a recap": give me
    "gimmie": "give",
    "ur": "your",
    "y": "why",
    "ppl": "people",
    "ppls": "people",
    "peeps": "people",
    "govt": "government",
    "gov": "government",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "abt": "about",
    "incl": "including",
    "inc": "including",
    "wat": "what",
    "hoo": "who",
    "whomst": "who",  # mock-formal: "laila mostafa whomst"
    "wut": "what",
    "wht": "what",
    "tht": "that",
    "ws": "was",
    "wen": "when",
    "wher": "where",
    "whre": "where",
    "whr": "where",
    "whn": "when",
    "whch": "which",
    "hw": "how",
    "tho": "though",
    "thru": "through",
    "w": "with",
    "b4": "before",
    "2day": "today",
    "ok": "okay",
    "info": "information",
    "num": "number",
    "approx": "approximately",
    "intl": "international",
    "dest": "destination",
    "loc": "location",
    "pct": "percent",
    "bil": "billion",
    "usd": "dollars",
    "atm": "now",
    "fam": "family",
    "sitrep": "situation",
    # "pre-convoy", "pre-withdrawal": before it (not "per", as a slip).
    "pre": "before",
    # Australian: "this arvo's article", "some journo".
    "arvo": "afternoon",
    "journo": "journalist",
    "journos": "journalists",
    # "where'd they go": the apostrophe is gone by now, and "d" is "did".
    "whered": "where",
    "whend": "when",
    "whod": "who",
    "howd": "how",
    "whyd": "why",
    "whatd": "what",
    # "where've they gone": "ve" is "have".
    "whereve": "where",
    "whove": "who",
    "whatve": "what",
    "howve": "how",
    "em": "them",
    "wats": "what",
    "wuts": "what",
    "mny": "many",
    "rly": "really",
    "smth": "something",
    "yrs": "years",
    "yr": "year",
    "evac": "evacuation",
    "acc": "according",  # "acc to Selo"
    "civvies": "civilians",
    "civvy": "civilian",
    # Tags and sounds that ask nothing: "how many pple left innit", "bruh who did that".
    "bout": "about",
    # Spelled by ear: "wot did selo say", "wots goin on", "tel me", "went owt".
    "wot": "what",
    "wots": "what",
    "tel": "tell",
    "sed": "said",
    "wuz": "was",
    # "fixing to", run together: "is raqa finna fall".
    "finna": "gonna",
    "owt": "out",
    "outta": "out",  # "ride outta raqa"
    "rote": "wrote",  # "who rote this"
    "rite": "right",  # "rite now"
    "fite": "fight",
    "bruh": "",
    "innit": "",
    "huh": "",
    "eh": "",
    "aight": "",
    "pple": "people",
    # An oath inside a question ("how tf many", "who tf is"): not there at all.
    "tf": "",
    # Scots, as typed: "whit's gaun on in the toon the noo", "wha's daein the fechtin".
    # Not "lang" (long): Tagalog's "lang" (only) is far commoner (_SPELLED_WORDS).
    "whit": "what",
    "wha": "who",
    "whaur": "where",
    "noo": "now",
    "oot": "out",
    "aff": "off",
    "ony": "any",
    "wi": "with",
    "tae": "to",
    "wis": "was",
    "auld": "old",
    "toon": "town",
    "hame": "home",
    "ither": "other",
    "jist": "just",
    "aboot": "about",
    "mony": "many",
    "afore": "before",
    "onywey": "anyway",
    "onybody": "anybody",
    "dae": "do",
    "daein": "doing",
    "gaun": "going",
    "fechtin": "fighting",
    "heidin": "heading",
    "didnae": "didnt",
    "isnae": "isnt",
    "wasnae": "wasnt",
    "cannae": "cant",
    "dinnae": "dont",
    "gonnae": "gonna",
    "aye": "yes",
    "wee": "little",
    # Nigerian Pidgin, as typed: "wetin selo talk about the civilians", "how many
    # fighters dey remain", "dem release the civilians after dem comot?"; "abi",
    # "shey" and "sef" ask to confirm or stress, as "right?" and "even" do.
    "wetin": "what",
    "dey": "are",
    "dem": "they",
    "wey": "that",
    "abeg": "please",
    "comot": "leave",
    "waka": "walk",
    "oyinbo": "foreign",
    "abi": "",
    "shey": "",
    "sef": "",
    "una": "you",
    "pikin": "child",
    # Filipino English, as typed: "who are the ones attacking po", "sino yung
    # Laila Mustafa", "bakit important ang raqqa", "ano ba yung SDF". "Po" and
    # "naman" are courtesy and stress, as "please" and "really" are; "ba" and
    # "diba" ask, as a question mark and "right?" do; "huhu" and "kawawa" sigh.
    "po": "",
    "naman": "",
    "ba": "",
    "diba": "",
    "nga": "",
    "talaga": "",
    "huhu": "",
    "kawawa": "",
    "mga": "",
    "sino": "who",
    "ano": "what",
    "bakit": "why",
    "saan": "where",
    "kailan": "when",
    "paano": "how",
    "kasi": "because",
    "yung": "the",
    "ang": "the",
    "anong": "what",
    "anu": "what",
    "anung": "what",
    # "gaano katagal" is how long, "gaano karami" how many.
    "gaano": "how",
    "gano": "how",
    "katagal": "long",
    "ktagal": "long",
    "karami": "many",
    "kadami": "many",
    "sbi": "said",
    "sinabi": "said",
    "nagsabi": "said",
    # "how many left in d convoy", "dem carry dia families": the article and its
    # possessive, as typed in Nigerian and Caribbean chat.
    "d": "the",
    "da": "the",
    "dia": "their",
    # "IS no gree release them": would not agree to.
    "gree": "agree",
    # Hindi and Urdu's "said" and "say", and Levantine Arabic's, in messages that
    # mix them with English ("Laila Mostafa ne convoy ke baare mein kya kaha?",
    # "shu 2al Mostafa Bali"); their question words are INTENTS, their commonest
    # words STOPWORDS.
    "bola": "said",
    "boli": "said",
    "bole": "said",
    "kaha": "said",
    "kahi": "said",
    "kehte": "say",
    "2al": "said",
    "2alet": "said",
    "2alo": "said",
    # Spanish's, Portuguese's and Turkish's "said".
    "dijo": "said",
    "dijeron": "said",
    "disse": "said",
    "disseram": "said",
    "dedi": "said",
    "dediler": "said",
    "soyledi": "said",
    # "what is happening", the commonest question of all, in Spanish, Tagalog,
    # Turkish and Kurmanji: "que esta pasando en raqqa", "ano nangyayari sa
    # Raqqa", "raqqa'da ne oluyor", "li Raqqa ci dibe".
    "pasando": "happening",
    "acontecendo": "happening",
    "nangyayari": "happening",
    "oluyor": "happening",
    "dibe": "happening",
    "oye": "",  # Spanish's "hey"
    **_TAGALOG,
    **_MALAY,
    **_HINDI,
    **_ARABIC,
    **_TURKISH,
    # Spans of time, which ask how long or how old: "ilang taon na ang giyera",
    # "cuantos anos tiene Selo", "kac yildir suruyor"; and Spanish's "before".
    "antes": "before",
    "anos": "years",
    "meses": "months",
    "dias": "days",
    "taon": "years",
    "buwan": "months",
    "yil": "years",
    "yildir": "years",
    "aydir": "months",
}


# Numbers in words are read as digits, so "4 months" meets "four months". "One"
# stays a word: it is far more often a pronoun than a count.
_NUMBERS = {
    word: str(value)
    for value, word in enumerate(
        """two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split(),
        start=2,
    )
} | {"thirty": "30", "forty": "40", "fifty": "50"}


# Kept: every message's words are folded several times over (its reading, and
# each check of what it asks), and most words are the same few thousand.
@functools.lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """Lowercase a word, drop apostrophes and a possessive "'s", undo chat spellings."""
    word = word.casefold()
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    # "whooooo", "soooo", "thankssss", "nooo": a function word drawn out, one
    # letter three times or more in a row. Only those: "yyyy" in "dd/mm/yyyy" is
    # no "yy", and a story's word drawn out is corrected as any slip is.
    if _ELONGATED.search(word):
        single = _ELONGATED.sub(r"\1", word)
        if len(single) > 1 and (single in _DRAWN_OUT or single in INTERJECTIONS):
            word = single
    word = _CHAT.get(word, _affixed_form(word))
    return _NUMBERS.get(word, word)


def _affixed_form(word: str) -> str:
    """A word of Malay's news (_MALAY) with "-nya" (its "the", "his") or doubled
    as chat doubles it, with a 2 ("serangannya", "ketua2"), one of Tagalog's
    (_TAGALOG) with the "-ng" that links it to the next ("balitang ito"), or
    one of Turkish's with its endings, as the English word the bare word means;
    any other word, English's own among them (_ENGLISH_AFFIXED), as it is."""
    if (bare := _malay_base(word)) != word:
        return _MALAY[bare]
    if word in _ENGLISH_AFFIXED:
        return word
    if word.endswith("ng"):
        # "-ng" after a vowel, "-g" after an n ("dayuhang" is "dayuhan").
        return _TAGALOG.get(word[:-2]) or _TAGALOG.get(word[:-1], word)
    return _turkish_form(word)


def _malay_base(word: str) -> str:
    """A word of Malay's news (_MALAY) bare of "-nya" or chat's doubling 2
    ("serangannya", "ketua2"); any other word as it is."""
    if word.endswith("nya") and word[:-3] in _MALAY:
        return word[:-3]
    if word.endswith("2") and word[:-1] in _MALAY:
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 14)
def _turkish_form(word: str) -> str:
    """A Turkish word of news (_TURKISH) with its endings (_TURKISH_ENDINGS) as
    the English word its stem means: "konvoydaki" is "konvoy", the convoy."""
    for cut in range(len(word) - 1, 3, -1):
        if word[cut:] in _TURKISH_ENDINGS and word[:cut] in _TURKISH:
            return _TURKISH[word[:cut]]
    return word


# English words that are another language's word of news with its ending:
# Tagalog's "dati" and "san" linked, Turkish's "demis" (said) and "insan"
# (people) with "-e".
_ENGLISH_AFFIXED = frozenset({"dating", "sang", "demise", "insane"})


_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_DRAWN_OUT = STOPWORDS | {w for key in INTENTS for w in key} | frozenset(_CHAT)


def dictated(text: str) -> str:
    """Dictation's spoken punctuation as the marks it means: "so the colonel
    disagreed period", "my son asked comma who are the SDF question mark". Not
    a word a punctuation mark is named by: "the question mark", "what period",
    "a period of calm"."""
    if not contains_any(text.lower(), _SPOKEN_MARKS):
        return text  # nearly every message, found at the cost of a few substring scans
    return _SPOKEN.sub(_marked, text)


def contains_any(text: str, parts: Iterable[str]) -> bool:
    """Whether `text` contains one of `parts`: substring scans in C, which a regex
    of alternatives, scanned letter by letter, takes ten times as long to rule
    out. A loop, since any() over a generator doubles the cost of a miss."""
    for part in parts:  # noqa: SIM110
        if part in text:
            return True
    return False


def _marked(match: re.Match[str]) -> str:
    before, spoken, after = match.group(1), match.group(2).casefold(), match.group(3)
    if before.casefold() in _NAMING_A_MARK or (
        spoken == "period" and after is not None and after.casefold() in _A_PERIOD_OF
    ):
        return match.group(0)
    return before + _MARKS[spoken.split()[0]]


_SPOKEN_MARKS = ("comma", "period", "question mark", "full stop", "exclamation")
_SPOKEN = re.compile(
    r"\b(\w+)\s+(question mark|exclamation (?:mark|point)|full stop|comma|period)\b"
    r"(?=\s+(\w+)|)",
    re.IGNORECASE,
)
# "a period of calm", "the period when IS held it": a span of time, not a full stop.
_A_PERIOD_OF = frozenset("of in for when where after before during since".split())
_MARKS = {"question": "?", "exclamation": "!", "full": ".", "comma": ",", "period": "."}
# General English: the words before a mark's name that make it a noun.
_NAMING_A_MARK = frozenset(
    """a an the this that what which any each every same whole entire no one time
    month week year day long short grace trial transition transitional oxford serial""".split()
)


def as_the_us(words: Sequence[Word]) -> list[Word]:
    """A message that opens with "us" and goes on ("us involved in the deal?",
    "us spokesman name") means the US, as typed in lowercase: no question
    opens with the pronoun. Written "US", a story's aliases can read it."""
    if len(words) > 1 and words[0].raw.casefold() == "us" and words[1].folded not in _WE:
        return [Word("US", "us", "us"), *words[1:]]
    return list(words)


def as_the_group(words: Sequence[Word]) -> list[Word]:
    """A lowercase "is" where no verb can stand, after a verb that asks ("what
    does is still hold", "how long has is held raqa", "is is losing"), is the
    group IS: written "IS", a story's aliases can read it."""
    if len(words) < 2 or all(w.raw != "is" for w in words[1:]):
        return list(words)
    return [
        Word("IS", "is", "is") if w.raw == "is" and i and words[i - 1].folded in _AUXILIARIES else w
        for i, w in enumerate(words)
    ]


_AUXILIARIES = frozenset("does did has had can could will would should might must is".split())


# "us too", "us guys": the reader and others, as a reply may say.
_WE = frozenset("too either neither both all guys folks lot".split())


def tokenize(text: str) -> list[Word]:
    """Clean, split, fold and stem a text."""
    if len(text) > _KEPT_CHARS:
        return _read(text)
    return list(_kept(text))


def _read(text: str) -> list[Word]:
    cleaned = clean(text)
    found = [w for w in map(_read_word, words(cleaned)) if w is not None]
    # As typed: chat's "bil" is folded to "billion", but Arabic's "bil" is "in the".
    if not _IN_OTHERS.isdisjoint(w.raw.casefold() for w in found):
        found = _in_other_languages(found)
    if not contains_any(cleaned.lower(), _NUMBER_WORDS):
        return found  # nearly every text, found at the cost of a few substring scans
    return _numbers_joined(found)


# Words Malay and Indonesian share with English, read as theirs in a message
# with two more words of Malay: "ada" (there is, has) and "akan" (will), which
# say no more than "is" does ("masih ada warga sipil di raqa?"), chat's "org"
# (orang, people) and "AS" (Amerika Serikat, the US). To an English reader they
# are ADA, the Akan people, an organisation and "as".
_IN_MALAY = {"ada": "", "akan": "", "org": "people", "as": "america"}
# And Arabic's as chat writes it ("bel raqqa", "ana sme3et", "hal 2afle", "abel
# el hujum"): "bel" and the Gulf's "bil" (in the), "ana" (I), "hal" (this),
# "law" and "lo" (if), "aw" (or), "shi" and "shay" (something), "mesh" (not),
# "min" (from), "hum" (they), "lama" (when), "abel" (before), "nas" (people)
# and "sham" (Syria) are otherwise Bel, a billion, Ana, Hal, the law, "lo",
# "aw", "shi", Shay, a mesh, minutes, a hum, a lama, Abel, NAS and a sham.
_IN_ARABIC = {
    **dict.fromkeys("bel bil ana hal law aw shi mesh min hum shay lo lama".split(), ""),
    "abel": "before",
    "nas": "people",
    "sham": "syria",
    # Other languages' words too: Turkish's pen and "called", Tagalog's town,
    # Malay's "eat".
    "kalem": "statement",
    "aradi": "territory",
    "bayan": "statement",
    "makan": "place",
}
# And Turkish's: "son" (last), "ilk" (first), "gun" (day), "ben" (I), "sen"
# (you), "tam" (exactly), "hep" (always), "az" (few), "adam" (man) and "zor"
# (hard) are otherwise a son, an ilk, a gun, Ben, Sen., Tam, "hep", Arizona,
# Adam and Deir ez-Zor's.
_IN_TURKISH = {
    **dict.fromkeys("ben sen tam hep az".split(), ""),
    "son": "last",
    "ilk": "first",
    "gun": "day",
    "adam": "people",
    "zor": "difficult",  # and Deir ez-Zor's
}
_TURKISH_WORDS = (
    frozenset(_TURKISH)
    | _TURKISH_FILLERS
    | _TURKISH_SPELLED
    | frozenset("knk kim kimdi ne neden niye kac nasil nerede nerde neresi".split())
)


def _is_malay(word: str) -> bool:
    """Whether a word as typed is Malay's: one of its words, or a word of news
    with "-nya" or doubled ("konvoinya", "ketua2")."""
    return word in _MALAY_WORDS or _malay_base(word) != word


def _is_turkish(word: str) -> bool:
    """Whether a word as typed is Turkish's: one of its words, or a word of news
    with its endings ("konvoydaki")."""
    return word in _TURKISH_WORDS or _turkish_form(word) != word


# Each language's words it shares with English, and what says a word is its.
_SHARED: tuple[tuple[Mapping[str, str], Callable[[str], bool]], ...] = (
    (_IN_MALAY, _is_malay),
    (_IN_ARABIC, _ARABIC_WORDS.__contains__),
    (_IN_TURKISH, _is_turkish),
)
_IN_OTHERS = frozenset(word for shared, _ in _SHARED for word in shared)


def _in_other_languages(found: list[Word]) -> list[Word]:
    """The words, with those a language shares with English read as its own
    where two more of its words are in the message (_SHARED)."""
    typed = [w.raw.casefold() for w in found]
    for shared, is_theirs in _SHARED:
        if sum(map(is_theirs, typed)) >= 2:
            found, typed = _read_as(shared, found, typed)
    return found


def _read_as(
    shared: Mapping[str, str], found: list[Word], typed: list[str]
) -> tuple[list[Word], list[str]]:
    """The words with each of `shared` read as the word it maps to, or dropped."""
    words: list[Word] = []
    kept: list[str] = []
    for word, folded in zip(found, typed, strict=True):
        meaning = shared.get(folded)
        if meaning is None:
            words.append(word)
            kept.append(folded)
        elif meaning:
            words.append(Word(word.raw, meaning, stem(meaning)))
            kept.append(folded)
    return words, kept


# A number written in several words is one number: "two hundred and seventy
# five" is 275, and "two to three hundred" is 200 to 300, as the story prints
# them. Read word by word, they were 2, 5 and words the story never uses.
_UNITS = {str(n): n for n in range(1, 10)} | {"one": 1}
_TEENS = {str(n): n for n in range(10, 20)}
# Tens up to fifty are folded to digits as single words (_NUMBERS); the rest are not.
_TENS = {str(n): n for n in (20, 30, 40, 50)} | {
    word: n
    for n, word in zip((60, 70, 80, 90), ("sixty", "seventy", "eighty", "ninety"), strict=True)
}
_HUNDRED = "hundred"
# What a number written in several words has: a ten or "hundred".
_NUMBER_WORDS = tuple("hundred twenty thirty forty fifty sixty seventy eighty ninety".split())
_SPANNING = frozenset({"to", "or", "and"})


def _spelled(word: Word) -> bool:
    """Whether a word is a number written as a word ("five"), not typed in digits."""
    return not word.raw[:1].isdigit()


def _below_hundred(tokens: Sequence[Word], i: int) -> tuple[int, int]:
    """The number of one to ninety-nine written in words at `i`, and how many
    words it takes; (0, 0) for none."""
    if i >= len(tokens) or not _spelled(tokens[i]):
        return 0, 0
    folded = tokens[i].folded
    if folded in _TENS:
        tens = _TENS[folded]
        if i + 1 < len(tokens) and _spelled(tokens[i + 1]) and tokens[i + 1].folded in _UNITS:
            return tens + _UNITS[tokens[i + 1].folded], 2
        return tens, 1
    if folded in _TEENS:
        return _TEENS[folded], 1
    if folded in _UNITS and folded != "one":
        return _UNITS[folded], 1
    return 0, 0


def _number_word(value: int, raw: Sequence[Word]) -> Word:
    return Word(" ".join(w.raw for w in raw), str(value), str(value))


def _numbers_joined(tokens: list[Word]) -> list[Word]:
    """The words with each number written in several words made one word."""
    out: list[Word] = []
    i = 0
    while i < len(tokens):
        first, size = _below_hundred(tokens, i)
        if not size:
            out.append(tokens[i])
            i += 1
            continue
        j = i + size
        # "two to three hundred", "two or three hundred": both in hundreds.
        if (
            first < 10
            and j + 2 < len(tokens)
            and tokens[j].folded in _SPANNING
            and tokens[j + 2].folded == _HUNDRED
        ):
            second, width = _below_hundred(tokens, j + 1)
            if width == 1 and second < 10:
                out += [
                    _number_word(first * 100, tokens[i:j]),
                    tokens[j],
                    _number_word(second * 100, tokens[j + 1 : j + 3]),
                ]
                i = j + 3
                continue
        value = first
        if j < len(tokens) and tokens[j].folded == _HUNDRED and first < 10:
            value, j = first * 100, j + 1
            k = j + 1 if j < len(tokens) and tokens[j].folded == "and" else j
            rest, more = _below_hundred(tokens, k)
            if more:
                value, j = value + rest, k + more
        out.append(_number_word(value, tokens[i:j]) if j - i > 1 else tokens[i])
        i = j
    return out


# Loading a story reads each of its texts two or three times (the loader's checks,
# the matcher's index, its spellings): the shipped story's 2,000 texts fit, and a
# question is read once however many readings ask for it. Only texts up to
# _KEPT_CHARS are kept, so that a flood of the longest messages holds at most
# about 11 MB.
_KEPT_CHARS = 1000


@functools.lru_cache(maxsize=4096)
def _kept(text: str) -> tuple[Word, ...]:
    return tuple(_read(text))


def forget_readings() -> None:
    """Drop the texts read and kept: the next reading of each is its first. For a
    benchmark, which times a question as a reader's new one, not its rerun."""
    _kept.cache_clear()


# A question word run into the next by a missed space bar: "howmany", "whatdid",
# "whois"; where the first ends. Only these seconds: "however", "whoever" and
# "whereas" are words.
_RUN_TOGETHER = {
    first + second: len(first)
    for first in ("what", "who", "where", "when", "why", "how", "which")
    for second in ("many", "much", "long", "did", "do", "does", "is", "are", "was", "were")
}


def run_apart(tokens: list[Word]) -> list[Word]:
    """The words with a question word run into the next read as two: "howmany"
    as "how many"."""
    if _RUN_TOGETHER.keys().isdisjoint([w.folded for w in tokens]):
        return tokens  # nearly every message
    out: list[Word] = []
    for word in tokens:
        cut = _RUN_TOGETHER.get(word.folded)
        if cut is None:
            out.append(word)
            continue
        for raw, folded in (
            (word.raw[:cut], word.folded[:cut]),
            (word.raw[cut:], word.folded[cut:]),
        ):
            out.append(Word(raw, folded, stem(folded)))
    return out


# Loading a large story reads the same few thousand words hundreds of thousands
# of times; Word is immutable, so one reading per spelling is shared.
@functools.lru_cache(maxsize=1 << 16)
def _read_word(raw: str) -> Word | None:
    folded = fold_word(raw)
    return Word(raw, folded, stem(folded)) if folded else None


@dataclass(frozen=True, slots=True)
class _Alias:
    # What _match compares, a whole window at a time: the variant's words as typed
    # when it is case-sensitive, else their stems; and, by position, the words that
    # must also be as written (see _as_written).
    words: tuple[str, ...]
    written: tuple[tuple[int, str], ...]
    canonical: tuple[Word, ...]


def _as_written(word: Word) -> bool:
    """Whether a variant word matches only in the form written: an irregular form
    shares its stem with words of another meaning ("are left" is "remain"; "are
    leaving" is not)."""
    return word.folded in _IRREGULAR


def emoji_of(text: str) -> str:
    """The emoji a text is, as clean() leaves it (without variation selectors or
    joiners), or "" when it has anything but symbols."""
    symbols = "".join(clean(text).split())
    if symbols and all(unicodedata.category(c) == "So" for c in symbols):
        return symbols
    return ""


class AliasTable:
    """Folds a story's spelling variants and synonyms into their canonical term.

    A variant written with capitals ("IS") only matches text in those capitals,
    because short acronyms collide with common words ("is", "us"); every other
    variant matches in any case and in any inflection ("withdrew", "withdrawing"),
    except that an irregular form ("left", "fled") matches only as written.
    The longest variant wins.
    """

    __slots__ = ("_by_raw", "_by_stems", "_emoji", "_emoji_pattern", "_first_stems", "_misread")

    def __init__(self, table: Mapping[str, Sequence[str]] | None = None) -> None:
        # Variants by their first word: as typed for those written in capitals,
        # by stem for the rest.
        self._by_raw: dict[str, list[_Alias]] = {}
        by_stem: dict[str, list[_Alias]] = {}
        # Emoji variants, as a question is cleaned, and the term each stands for.
        self._emoji: dict[str, str] = {}
        for canonical, variants in (table or {}).items():
            target = tuple(tokenize(canonical))
            target_stems = tuple(w.stem for w in target)
            for variant in variants:
                if emoji := emoji_of(variant):
                    self._emoji[emoji] = canonical
                    continue
                case_sensitive = any(ch.isupper() for ch in variant)
                tokens = tokenize(variant)
                if not tokens or (
                    not case_sensitive and tuple(w.stem for w in tokens) == target_stems
                ):
                    continue  # nothing to fold: it already reads as the canonical term
                if case_sensitive:
                    raws = tuple(w.raw for w in tokens)
                    self._by_raw.setdefault(raws[0], []).append(_Alias(raws, (), target))
                    continue
                written = tuple((k, w.folded) for k, w in enumerate(tokens) if _as_written(w))
                alias = _Alias(tuple(w.stem for w in tokens), written, target)
                by_stem.setdefault(tokens[0].stem, []).append(alias)
        for alias in _through_one_word_variants(by_stem):
            by_stem.setdefault(alias.words[0], []).append(alias)
        for by_first in (self._by_raw, by_stem):
            for group in by_first.values():
                group.sort(key=lambda a: -len(a.words))
        # The others by their first two stems, those of one word by it: "who" begins
        # about a hundred variants, and a question's "who" need be compared only
        # with those its next word begins too. Each group stays longest first.
        self._first_stems = frozenset(by_stem)
        self._by_stems: dict[tuple[str, ...], list[_Alias]] = {}
        for group in by_stem.values():
            for alias in group:
                self._by_stems.setdefault(alias.words[:2], []).append(alias)
        # Longest first: "👨👩👧" is a family before "👨" is a man.
        self._emoji_pattern = (
            re.compile("|".join(map(re.escape, sorted(self._emoji, key=len, reverse=True))))
            if self._emoji
            else None
        )
        # Found when a question is first read: a table only checked never needs them.
        self._misread: dict[str, list[int]] | None = None

    def _misread_framing(self) -> dict[str, list[int]]:
        """The phrases framing a question (_FRAMING) that these variants would
        misread, by first word, their lengths: "going" is a convoy's heading and
        "present" now, but "going by the article" and "how does the piece
        present" are where the reader read it and how it puts a thing. apply()
        reads them as framing. Not a phrase a variant reads whole ("in a
        nutshell" as a summary): that is the story's own reading."""
        if not self._by_raw and not self._first_stems:
            return {}
        misread = set()
        for phrase in _FRAMING:
            tokens = tokenize(" ".join(phrase))
            if all(w.raw not in self._by_raw and w.stem not in self._first_stems for w in tokens):
                continue  # no variant begins in it: most phrases
            typed = tuple(w.folded for w in tokens)
            read = tuple(w.folded for w in self._folded(tokens, {}))
            if read == typed or read in _FRAMING:
                continue
            whole = self._match(_Text(tokens), 0, self._by_raw)
            if whole is None or len(whole.words) < len(tokens):
                misread.add(typed)
        return _lengths_by_first(frozenset(misread))

    @staticmethod
    def variant_key(variant: str) -> tuple[str, ...]:
        """The form a variant is matched in; two variants with one key collide."""
        if emoji := emoji_of(variant):
            return (emoji,)
        tokens = tokenize(variant)
        if any(ch.isupper() for ch in variant):
            return tuple(w.raw for w in tokens)
        # "=" marks a word matched only as written, so it never equals a stem.
        return tuple("=" + w.folded if _as_written(w) else w.stem for w in tokens)

    def spell_out(self, text: str) -> str:
        """The text with each emoji variant written as its term, to be tokenized:
        symbols are no words, but a story's "🚌" may be its convoy."""
        if self._emoji_pattern is None or text.isascii():
            return text
        cleaned = clean(text)
        if not self._emoji_pattern.search(cleaned):
            return text
        return self._emoji_pattern.sub(lambda m: f" {self._emoji[m[0]]} ", cleaned)

    def read(self, text: str, *, asked: bool = True) -> list[Word]:
        """A text's words with every variant, emoji too, folded: how a knowledge
        text is read (a question's words are corrected before they are folded).
        A text that asks nothing (`asked` false: the article, an answer, a quote)
        keeps the words a reader says of themselves (see apply)."""
        return self.apply(tokenize(self.spell_out(dictated(text))), asked=asked)

    def apply(self, tokens: Sequence[Word], *, asked: bool = True) -> list[Word]:
        """Replace every variant in a word sequence with its canonical words, once
        the words of a question naming whom the reader asks for, and what for,
        are gone (without_askers, without_purpose), where they ask
        (without_where_to_ask), that others speak of it (without_talk_of_it)
        and that it be put simply for a child (without_child_framing): a
        variant would read "my kid" as one of the families in the story, and
        "an easy way to explain" as easy fighting. In the story's own text ("my son
        asked to leave", in a quote) they are what it tells, and stay.

        In a question, a phrase that frames it is read as framing, not as the
        variants of its words ("going by the article": _misread_framing).

        In a text typed in capitals ("IS RAQA ABOUT TO FALL"), capitals say
        nothing, so the variants written in capitals do not match there.
        """
        if asked:
            tokens = without_child_framing(
                without_purpose(without_askers(without_talk_of_it(without_where_to_ask(tokens))))
            )
        if not self._by_raw and not self._first_stems:
            return list(tokens)
        if not asked:
            return self._folded(tokens, {})
        if self._misread is None:
            self._misread = self._misread_framing()
        return self._folded(tokens, self._misread)

    def _folded(self, tokens: Sequence[Word], framing: Mapping[str, list[int]]) -> list[Word]:
        """The words with every variant folded, but for the phrases framing a
        question that `framing` gives (by first word, their lengths)."""
        by_raw = {} if shouted(tokens) else self._by_raw
        first_stems = self._first_stems
        out: list[Word] = []
        text: _Text | None = None
        i = 0
        while i < len(tokens):
            word = tokens[i]
            if word.folded in framing and (size := _phrase_at(tokens, i, framing)):
                out.extend(tokens[i : i + size])
                i += size
                continue
            # Most words begin no variant; those are passed on at the cost of two lookups.
            if word.raw not in by_raw and word.stem not in first_stems:
                out.append(word)
                i += 1
                continue
            if text is None:
                text = _Text(tokens)
            match = self._match(text, i, by_raw)
            if match is None:
                out.append(word)
                i += 1
            else:
                out.extend(match.canonical)
                i += len(match.words)
        return out

    def _match(self, text: _Text, i: int, by_raw: Mapping[str, list[_Alias]]) -> _Alias | None:
        """The longest variant starting at `i`, those in capitals first on a tie.

        Each group is sorted longest first, so the first variant that matches is
        the longest of its group.
        """
        best: _Alias | None = None
        raws, stems, folded = text.raws, text.stems, text.folded
        for alias in by_raw.get(raws[i], ()):
            if raws[i : i + len(alias.words)] == alias.words:
                best = alias
                break
        # Longest first: the variants of two words or more, then those of one.
        longer = self._by_stems.get(stems[i : i + 2], ()) if i + 1 < len(stems) else ()
        for alias in longer:
            n = len(alias.words)
            if best is not None and n <= len(best.words):
                return best
            if stems[i : i + n] == alias.words and _as_written_at(alias, folded, i):
                return alias
        if best is None:
            for alias in self._by_stems.get(stems[i : i + 1], ()):
                if _as_written_at(alias, folded, i):
                    return alias
        return best


def _as_written_at(alias: _Alias, folded: Sequence[str], i: int) -> bool:
    """Whether the words a variant matches only as written are so at `i`."""
    return all(folded[i + k] == form for k, form in alias.written)


def _through_one_word_variants(by_stem: Mapping[str, list[_Alias]]) -> list[_Alias]:
    """The variants of several words once more for each one-word variant of a word
    in them: "left in the caravan" leaves as "left in the convoy" does."""
    aliases = [alias for group in by_stem.values() for alias in group]
    same: dict[str, list[str]] = {}
    for alias in aliases:
        if len(alias.words) == 1 and len(alias.canonical) == 1 and not alias.written:
            same.setdefault(alias.canonical[0].stem, []).append(alias.words[0])
    more: list[_Alias] = []
    for alias in (a for a in aliases if len(a.words) > 1):
        as_written = {k for k, _ in alias.written}
        for k, word in enumerate(alias.words):
            others = () if k in as_written else same.get(word, ())
            more += [
                _Alias(
                    (*alias.words[:k], other, *alias.words[k + 1 :]), alias.written, alias.canonical
                )
                for other in others
            ]
    return more


class _Text:
    """A word sequence as _match compares it: each word as typed, stemmed and folded."""

    __slots__ = ("folded", "raws", "stems")

    def __init__(self, tokens: Sequence[Word]) -> None:
        self.raws = tuple(w.raw for w in tokens)
        self.stems = tuple(w.stem for w in tokens)
        self.folded = tuple(w.folded for w in tokens)


def shouted(tokens: Sequence[Word]) -> bool:
    """Whether most words of two letters or more are in capitals, and at least two are."""
    capitals = sum(1 for w in tokens if w.raw.isupper() and len(w.raw) > 1 and w.raw.isalpha())
    if capitals < 2:  # the common case, decided without counting the rest
        return False
    return capitals * 2 > sum(1 for w in tokens if len(w.raw) > 1 and w.raw.isalpha())


# A stopword's inflections stop too ("asked", "told"); a pronoun has none, nor
# has a word of another language (TYPED_ONLY).
_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS - _PRONOUNS - TYPED_ONLY)
_INTENT_FIRST = frozenset(key[0] for key in INTENTS)
_INTENT_SIZES = sorted({len(key) for key in INTENTS}, reverse=True)
_DEGREES = frozenset(
    "old big large small far close near bad serious severe strong tall high deep wide"
    " often soon hard important dangerous".split()
)


# Exclamations, in these forms only: "cooled", "damning" and Nice the city are words.
# Alternates learnt from chat hold them ("...storming raqa? damn"), and "cool
# cool" under an answer must not match such an alternate. The Arabic oaths and
# greetings diaspora readers mix into English ("wallah", "yalla", "khalas") are
# here too, with the Swahili greetings East African readers open with ("sasa",
# "mambo"), the hellos of other languages ("hola", "ciao"), the sighs of
# Afrikaans and Scots ("ag shame", "och"), "ya Allah", and Australian and New
# Zealand "oi", "chur" (cheers) and "sweet as", and Nigerian "chai", "haba" and
# "omo": read as words the story never uses, they made it decline, "hola" was
# corrected to "hold" and "chai" to "chat".
INTERJECTIONS = frozenset(
    "cool damn dang wow whoa woah yikes oof jeez geez yay ugh meh huh"
    " wallah wallahi walla yalla yallah khalas habibi habibti inshallah mashallah"
    " salam salaam sasa mambo jambo niaje hola bonjour ciao namaste ag ach och allah"
    " oi oy chur sweet chai haba omo ehn".split()
)


def is_stopword(word: Word) -> bool:
    """A function word or chat filler, in any inflection ("told" as much as "tell")."""
    folded = word.folded
    # A lone letter ("q", "k", "x") carries no meaning a story could match.
    if len(folded) == 1 and folded.isalpha():
        return True
    return folded in STOPWORDS or folded in INTERJECTIONS or word.stem in _STOP_STEMS


def terms(tokens: Sequence[Word]) -> list[tuple[str, Word | None]]:
    """The terms matching works with: question words as intents, other words as stems.

    Each term comes with the word it was read from (None for an intent).
    Stopwords are dropped; order is kept and repeats are not removed.
    """
    out: list[tuple[str, Word | None]] = []
    i = 0
    asking_what = False
    # "sdf spokesman name?" asks who he is: the name of someone named by the post
    # they hold. A name alone ("sdf full name", "name the groups") asks no person.
    holder = any(w.folded in _POST_HOLDERS for w in tokens)
    while i < len(tokens):
        word = tokens[i]
        if holder and word.folded in _NAME_WORDS:
            out.append(("@person", None))
            i += 1
            continue
        if word.folded in _WHAT:
            # "what did Selo say", "what was his comment"; not "what number … say".
            asking_what = word.folded == "whats" or (
                i + 1 < len(tokens) and tokens[i + 1].folded in _WHAT_THEN
            )
        elif word.folded in _NOT_WHAT:
            asking_what = False
        elif asking_what and word.folded in _SAID_WORDS:
            if not (out and out[-1][0] in META_WORDS):
                out.append(("@words", None))
            asking_what = False
        if word.folded in _FRAMING_FIRST and (size := _framing_at(tokens, i)):
            i += size
            continue
        # Most words open no question phrase: only those that can are looked up.
        intent, size = _intent_at(tokens, i) if word.folded in _INTENT_FIRST else (None, 1)
        if intent is not None:
            out.append((intent, None))
        # "does the article agree?", "does this piece back that up": what the
        # story itself does is the asking, not something it tells of.
        elif not is_stopword(word) and not (
            word.stem in _TELLING and out and out[-1][0] in META_WORDS
        ):
            out.append((word.stem, word))
        i += size
    return out


def asks_what_said(tokens: Sequence[Word], names: frozenset[str]) -> bool:
    """Whether a question asks for someone's words without a "did": "what Talal
    Selo told", "what the colonel Dillon said", or with the word of saying
    first, as in other languages: "what says Dillon", "what say Talal Selo".
    "What" first, or after the asking ("can you tell me what"), a word of saying
    last or next, and one of `names` (stems of the people quoted) after it; no
    other question word. Or "what" last, after the word of saying, as in speech:
    "Dillon said what exactly". Or the word of saying last, "what" right before
    it, as languages with the verb last ask: "Selo ne kya kaha". terms() marks
    "what did Selo say" itself, whoever Selo is."""
    # "Nan wants to know what Selo told reporters", not "in what capacity does
    # Dillon speak": only a word of asking may come right before "what".
    first = next(
        (
            i
            for i, w in enumerate(tokens)
            if w.folded in _WHAT or not (is_stopword(w) or w.folded in _ASKERS)
        ),
        0,
    )
    # Portuguese's "o que" is its "what": "o que disse o Talal Selo?"
    if first and not (
        tokens[first - 1].folded in _ASKING_WHAT
        or (first == 1 and tokens[0].folded == "o" and tokens[1].folded == "que")
    ):
        first = 0
    if len(tokens) - first >= 3 and tokens[first].folded in _WHAT:
        asked = tokens[first:]
        # "what's Selo been saying then", "what all did Selo say about it": the
        # word of saying before any words that only chat or point at the story.
        folded = [w.folded for w in asked]
        while len(folded) > 2 and folded[-1] in _TRAILING:
            folded.pop()
        pointed = False
        while len(folded) > 3 and folded[-1] in _IT:
            folded.pop()
            pointed = True
        if pointed and folded[-1] in _ABOUT:
            folded.pop()
        # "what spokesman Selo say in article": where the reader read it.
        if len(folded) > 4 and folded[-1] in _THE_STORY:
            cut = 2 if folded[-2] in _THE_THIS else 1
            if folded[-1 - cut] in _IN_FROM:
                del folded[-1 - cut :]
        # "o que o Selo disse hein": chat after the word of saying. Not a word that
        # takes an object: "what coalition are they talking about" asks which.
        while (
            len(folded) > 2
            and folded[-1] not in _SAID_WORDS
            and folded[-1] not in _TAKES_AN_OBJECT
            and is_stopword(asked[len(folded) - 1])
        ):
            folded.pop()
        # "what's the name of the colonel quoted" asks his name, not his words.
        return (
            (folded[-1] in _SAID_WORDS or folded[1] in _SAID_WORDS)
            and not any(
                w.folded in _NOT_WHAT or w.folded in _INTENT_FIRST or w.folded in _NAME_WORDS
                for w in asked[1 : len(folded)]
            )
            and any(w.stem in names for w in asked[1 : len(folded)])
        )
    # Both shapes below end on a word of saying: most questions have none.
    if len(tokens) < 3 or not any(w.folded in _SAID_WORDS for w in tokens):
        return False
    last = next((i for i in range(len(tokens) - 1, -1, -1) if not is_stopword(tokens[i])), 0)
    # The word of saying last, "what" right before it, as languages that put the
    # verb last ask it: Hindi's "Selo ne kya kaha", Turkish's "Dillon ne dedi"
    # (its "ne" is what), a learner's "Selo what said".
    if (
        last > 1
        and tokens[last].folded in _SAID_WORDS
        and tokens[last - 1].folded in _WHAT_BEFORE_SAYING
        and not any(
            w.folded in _NOT_WHAT or (w.folded in _INTENT_FIRST and _intent_at(tokens, i)[0])
            for i, w in enumerate(tokens[:last])
        )
        and any(w.stem in names for w in tokens[: last - 1])
    ):
        return True
    # The last word of substance is "what", right after the word of saying.
    if not any(w.folded in _WHAT for w in tokens[2:]):
        return False
    last = max(
        (i for i, w in enumerate(tokens) if not is_stopword(w) or w.folded in _WHAT), default=0
    )
    return (
        last > 1
        and tokens[last].folded in _WHAT
        and tokens[last - 1].folded in _SAID_WORDS
        and any(w.stem in names for w in tokens[: last - 1])
    )


# Spanish's "que" as well: "que dijo Ryan Dillon".
_WHAT = frozenset({"what", "whats", "que"})
_WHAT_BEFORE_SAYING = _WHAT | {"kya", "kia", "ne"}
# Words that may follow a question's last word and ask nothing more ("…, then?").
_TRAILING = frozenset(
    """then exactly again now lately recently today really actually though tho
    anyway please pls""".split()
)
# "… about it", "… on all this": the story itself, pointed at.
_IT = frozenset("it that this all everything".split())
_ABOUT = frozenset("about on".split())
_THE_THIS = frozenset({"the", "this"})
_IN_FROM = frozenset({"in", "from"})
_TAKES_AN_OBJECT = frozenset("about on of for to with from at in into by over".split())
_ASKING_WHAT = frozenset(
    "know me us ask asks asked asking wonder wonders wondered wondering remember explain".split()
)
_NAME_WORDS = frozenset({"name", "names"})
_POST_HOLDERS = frozenset(
    """spokesman spokesmen spokesperson spokeswoman colonel general commander leader
    leaders head chief member official officer guy man woman""".split()
)
_WHAT_THEN = frozenset(
    "did does do was were is are has have had exactly else would will can could".split()
)
_NOT_WHAT = frozenset("who whom whos which when where why how".split())
_SAID_WORDS = frozenset(
    """say says said saying tell tells told comment comments commented statement
    statements quote quotes quoted announce announced announcement declare declares
    declared points""".split()
)
_TELLING = frozenset(
    stem(w)
    for w in """agree agrees back backs support supports confirm confirms say says
    corroborate corroborates verify verifies suggest suggests""".split()
)


# General English: phrases that frame a question and ask nothing themselves.
# Asking to confirm ("correct me if I'm wrong, the SDF is Kurdish?", "is it true
# that …", "am I right?", "can you confirm 275"): its "correct", "right" and
# "wrong" are nothing the story says, nor is the bot's confirming. Asking for it
# simply ("eli5", "explain like I'm five", "in plain English", "in simple
# words", "in layman's terms", "in a nutshell", "short answer"): the five is no
# count, the kid no family member and the answer none the story gives ("explain
# photosynthesis in simple words" had got what the story is about, from a
# curated "what's the headline in simple words"). "What's the deal with the
# coalition" asks what the coalition is: no deal (not "what's the deal for the
# people still inside", which curators wrote of the withdrawal's terms).
# "How do I explain the SDF" asks what the SDF is, not in what manner anything
# happened, as "how would you describe Alloush" and "the simplest way to explain
# the council" do; "what does the RCC refer to" asks what it is, as "stand for"
# does.
# And "when it's at home" (who or what exactly; "'s" is gone by now), "when all's
# said and done": no time, nobody saying; "why on earth", "what in the world":
# no earth, no world. (Not "the hell": "get the hell out" is getting out.)
# "Forgive my ignorance", "pardon my ignorance": an apology for asking, which asks
# nothing. (Not "forgive me" alone: measured so, it lost a reply it had right.)
# "Any idea where the convoy is" asks as "do you know" does: no idea the story
# could hold. (Not "any ideas", which asks for suggestions: "lunch ideas?".)
# (Punctuation dictated to a phone, "when did it start question mark", is read
# as the mark before any of this: dictated().) "About time" is relief that
# something happened at last, not a question of when; "back then" and "back in
# the day" are a time long past, not the backing the coalition gives. "Wait
# what", "wait so": surprise, not the waiting that held the assault back
# (asking.is_pleasantry reads a gasp alone as no question).
GASPS = ("wait what", "wait wut", "wait wat", "wait really")
# What a reader calls the story in a phrase that frames a question.
_THE_STORY = ("article", "story", "piece", "report", "text")
_FRAMING = frozenset(
    tuple(phrase.split())
    for phrase in """correct me if im wrong|correct me if i am wrong|correct me if wrong
    |am i right|am i correct|am i wrong|is it true|is it correct|is it right|is that right
    |is that correct|is this right|is this correct|is that true|is this true
    |is it accurate|is that accurate|is this accurate
    |is it fair to say|fair to say|would it be fair to say|is it safe to say|safe to say
    |is it right to say|is it accurate to say|is it correct to say|would you say
    |can we say|can i say|could we say|could i say
    |can you confirm|could you confirm|can u confirm|pls confirm|please confirm
    |eli5|like im 5|like i am 5|like im a 5 year old|like a 5 year old|pretend im 5
    |in layman terms|in laymans terms|in plain english|in plain terms|in plain language
    |in plain words
    |in simple terms|in simple english|in simple language|in basic terms|in simple words
    |when it at home|when he at home|when she at home|when it is at home|when he is at home
    |when she is at home|when they at home|when theyre at home|when they are at home
    |when all said and done|all said and done|at the end of the day
    |stand for|stands for|standing for|short for|refer to|refers to|referring to|referred to
    |on earth|in the world
    |in the first place|let me get this straight|get this straight|these days|nowadays
    |about time
    |wait so
    |back then|back in the day|back in those days|back in the days|way back when
    |how do i explain|how would i explain|how can i explain|how should i explain|how to explain
    |how would you explain|how do you explain|how can you explain|how could you explain
    |how would u explain|how do u explain|how to describe|how would you describe
    |simplest way to explain|simplest way to describe|easiest way to explain|best way to explain
    |simple way to explain|simple way to describe
    |in one sentence|in 1 sentence|in a sentence|in a few words|in few words|in a nutshell
    |short answer|quick answer
    |whats the deal with|what is the deal with|whats the deal w|whats the deal here
    |what the deal with|what the deal w|what the deal here
    |verbatim|if possible|if you can
    |any idea
    |forgive my ignorance|forgive the basic question|forgive the question
    |pardon my ignorance|excuse my ignorance""".split("|")
    + list(GASPS)
    # "in really simple words", "in very basic terms": asked more simply still.
    + [
        f"in {very} {simple} {words}"
        for very in ("really", "very", "super", "real")
        for simple in ("simple", "plain", "basic")
        for words in ("words", "terms", "english", "language")
    ]
    # "tiktok said …", "the radio says …": where the reader heard what they ask
    # about, not anyone in the story speaking. The source opens the phrase, not
    # the "my" or "the" before it, which nearly every question has. (Not "people
    # say": "people" are the civilians; nor "guy": "what's the american soldier
    # guy saying" asks for Dillon's words.)
    + [
        f"{source} {verb}"
        for source in """tiktok|someone|somebody|friend|radio|radio guy|twitter|reddit|youtube
        |video|pastor|mate|teacher""".split("|")
        for verb in ("said", "says", "saying", "claimed", "claims")
    ]
    # "what is IS according to the article": where the reader read it, not what is asked.
    + [f"{by} the {text}" for by in ("according to", "based on", "going by") for text in _THE_STORY]
    # "(4 marks)", "(2 pts)": what an exam question is worth, not what it asks.
    + [f"{n} {marks}" for n in range(1, 31) for marks in ("mark", "marks", "pt", "pts")]
    # "using evidence from the article", "use details from the text": how an
    # exam asks the answer to be written, not what it asks.
    + [
        f"{use} {what} from the {text}"
        for use in ("use", "using")
        for what in ("evidence", "details", "detail", "information", "info", "examples")
        for text in _THE_STORY
    ]
    + [f"{use} {what}" for use in ("use", "using") for what in ("evidence", "details")]
    + [f"cite the {text}" for text in _THE_STORY]
    # "the coalition as it appears in the article": where the reader met it.
    + [f"as it appears in the {text}" for text in _THE_STORY]
    # "how does the article describe the SDF" asks what the article says it is.
    + [
        f"how does the {text} {verb}"
        for text in _THE_STORY
        for verb in ("describe", "characterise", "characterize", "portray", "present")
    ]
)
# "What does SDF stand for" asks what SDF is: the asking is no stand; "what does
# smh stand for" asks about nothing the story says.
_STAND = frozenset({"stand", "stands", "standing"})
_LAST = frozenset({"last", "final"})
# Not "right": "the SDF attacked on Sunday, right?" lost its answer, as the
# curated phrasings that end so read differently too.
_TAGS = frozenset({"correct", "accurate", "legit"})
# "wait whats IS again", "ok wait who r the sdf": a reader stopping to ask, not
# the waiting that held the assault back ("how long did they wait", "wait for").
_WAIT = "wait"
_WAITED_FOR = frozenset({"for", "until", "till", "til", "to"})
# "what's the SDF supposed to be", "who is Alloush meant to be": at the end, what
# something or someone is, not what the deal was supposed to do.
_WHAT_IT_IS = frozenset({("supposed", "to", "be"), ("meant", "to", "be")})
_WHAT_IT_IS_SIZE = 3
_FRAMING_FIRST = (
    frozenset(phrase[0] for phrase in _FRAMING) | _TAGS | {_WAIT} | {p[0] for p in _WHAT_IT_IS}
)


def _lengths_by_first(phrases: frozenset[tuple[str, ...]]) -> dict[str, list[int]]:
    """The lengths of the phrases each first word opens, longest first: "the"
    opens only "the radio said" and the like, so a "the" is looked up at one
    length."""
    return {
        first: sorted({len(p) for p in phrases if p[0] == first}, reverse=True)
        for first in {phrase[0] for phrase in phrases}
    }


_FRAMING_SIZES = _lengths_by_first(_FRAMING)


def _framing_at(tokens: Sequence[Word], i: int) -> int:
    """How many words a phrase framing the question takes at `i` (0 for none)."""
    # "rcc means raqa civil council, correct?", "275 legit?": a last word asking to
    # confirm what comes before it. Not "corrected", which Laila Mostafa did.
    if i >= 1 and i == len(tokens) - 1 and tokens[i].folded in _TAGS:
        return 1
    if len(tokens) - i == _WHAT_IT_IS_SIZE and tuple(w.folded for w in tokens[i:]) in _WHAT_IT_IS:
        return _WHAT_IT_IS_SIZE
    if (
        tokens[i].folded == _WAIT
        and i + 1 < len(tokens)
        and tokens[i + 1].folded not in _WAITED_FOR
        and all(is_stopword(w) for w in tokens[:i])
    ):
        return 1
    return _phrase_at(tokens, i, _FRAMING_SIZES)


def _phrase_at(tokens: Sequence[Word], i: int, sizes: Mapping[str, list[int]]) -> int:
    """How many words a phrase of _FRAMING whose first word has its lengths in
    `sizes` takes at `i` (0 for none)."""
    for size in sizes.get(tokens[i].folded, ()):
        if i + size <= len(tokens) and tuple(w.folded for w in tokens[i : i + size]) in _FRAMING:
            # A last stand "for the city" is a stand.
            if tokens[i].folded in _STAND and i and tokens[i - 1].folded in _LAST:
                return 0
            return size
    return 0


# "my daughter asks where raqa is", "my 10yo wants to know", "our class
# wonders": whom the reader asks for, never someone the story tells of. Read as
# words, "kid" and "wife" were the families in the convoy ("family" has them).
_OURS = frozenset({"my", "our"})
_ASKERS = frozenset(
    """son sons daughter daughters kid kids kiddo kiddos child children grandson grandsons
    granddaughter granddaughters grandkid grandkids grandchild grandchildren wife husband hubby
    missus partner mum mom mam dad mother father parents nan nana nanna gran granny grandma
    grandpa grandad granddad gramps grandparents grandmother grandfather brother sister bro sis
    niece nephew aunt auntie uncle cousin friend friends mate mates pal buddy boss colleague
    colleagues coworker coworkers neighbour neighbours neighbor neighbors student students class
    pupils teacher teen teenager toddler boyfriend girlfriend bf gf fiance fiancee""".split()
)
_AGED = re.compile(r"\d+(?:yo|yr|yrs|y)?")
_YEARS_OLD = (("year", "old"), ("yr", "old"), ("years", "old"), ("yo",), ("y", "o"))


# What the one the reader asks for does: "kiddo wants to know", "kids asking".
_ASKING = frozenset("ask asks asked asking want wants wanted wonder wonders wondering".split())
_STILL_ASKING = frozenset("is was keeps kept".split())
_EXPLAINING = frozenset("explain explaining".split())


def without_askers(tokens: Sequence[Word]) -> Sequence[Word]:
    """The words without those that name whom the reader asks for, after "my" or
    "our", before a word of asking, or after "explain … to" or "to a" ("how do I
    explain to a 12 year old who is left", "explain to pupils"), as a story's
    variants would read them ("kid" is one of the family)."""
    folded = [w.folded for w in tokens]
    explaining = not _EXPLAINING.isdisjoint(folded)
    if _OURS.isdisjoint(folded) and _ASKERS.isdisjoint(folded) and not explaining:
        return tokens
    out: list[Word] = []
    i = 0
    while i < len(tokens):
        if tokens[i].folded in _ASKERS and (before := _asking_at(tokens, i + 1)) is not None:
            i += 1 + before
            continue
        out.append(tokens[i])
        whose = tokens[i].folded in _OURS or (
            explaining
            and i > 0
            and (
                tokens[i].folded == "to"
                or (tokens[i].folded == "a" and tokens[i - 1].folded == "to")
            )
        )
        skip = _asker_at(tokens, i + 1) if whose else 0
        if skip and (before := _asking_at(tokens, i + 1 + skip)) is not None:
            skip += before
        i += 1 + skip
    return out


def _asking_at(tokens: Sequence[Word], i: int) -> int | None:
    """How many words come before a word of asking at `i`: none in "kiddo
    asks", one in "gran is asking" and "my husband keeps asking me" (None
    when no word of asking follows)."""
    before = 1 if i < len(tokens) and tokens[i].folded in _STILL_ASKING else 0
    i += before
    return before if i < len(tokens) and tokens[i].folded in _ASKING else None


def _asker_at(tokens: Sequence[Word], i: int) -> int:
    """How many words after "my" name someone the reader asks for (0 for none):
    "daughter", "10yo", "8 year old"; not a bare number ("my 2 cents")."""
    if i < len(tokens) and tokens[i].folded in _ASKERS:
        return 1
    if i < len(tokens) and _AGED.fullmatch(tokens[i].folded):
        for after in _YEARS_OLD:
            if tuple(w.folded for w in tokens[i + 1 : i + 1 + len(after)]) == after:
                return 1 + len(after)
        return 1 if not tokens[i].folded.isdigit() else 0
    return 0


# "so I can translate it", "so that we can cite it": what the reader will do
# with the answer, after what they ask.
_SO = "so"
_THAT = "that"
_READERS = frozenset({"i", "we", "u", "you"})
_CAN = frozenset({"can", "could"})


def without_purpose(tokens: Sequence[Word]) -> Sequence[Word]:
    """The words before "so (that) I can", without it and what follows it,
    which say what the reader wants the answer for; all the words when the
    message opens with it ("so I can cite it, who wrote this")."""
    folded = [w.folded for w in tokens]
    if _SO not in folded:  # the common case, decided in one pass
        return tokens
    for i in range(1, len(folded) - 2):
        if folded[i] != _SO:
            continue
        j = i + 2 if folded[i + 1] == _THAT else i + 1
        if j + 1 < len(folded) and folded[j] in _READERS and folded[j + 1] in _CAN:
            return tokens[:i]
    return tokens


# "not sure where to ask this", "idk where i should post it": where the reader
# asks, not where anything in the story is (the knowledge file reads "where to"
# as where the convoy heads).
_WHERE_TO = (
    ("to",),
    ("else", "to"),
    ("do", "i"),
    ("should", "i"),
    ("i", "should"),
    ("can", "i"),
    ("could", "i"),
    ("i", "can"),
    ("i", "could"),
    ("id",),
    ("im", "supposed", "to"),
)
_TO_ASK = frozenset("ask post put send".split())
_ASKED_THIS = frozenset("this it that these".split())


def without_where_to_ask(tokens: Sequence[Word]) -> Sequence[Word]:
    """The words without a remark on where to ask ("not sure where to ask this,
    but …"), which asks nothing of the story."""
    folded = [w.folded for w in tokens]
    if "where" not in folded or _TO_ASK.isdisjoint(folded):  # the common case
        return tokens
    return _without_spans(tokens, folded, _where_to_ask_at)


def _where_to_ask_at(folded: Sequence[str], i: int, kept: Sequence[Word]) -> int:
    """How many words from `i` say where the reader asks (0 if none)."""
    if folded[i] != "where":
        return 0
    for between in _WHERE_TO:
        at = i + 1 + len(between)
        if tuple(folded[i + 1 : at]) == between and at < len(folded) and folded[at] in _TO_ASK:
            return at + 1 - i + int(at + 1 < len(folded) and folded[at + 1] in _ASKED_THIS)
    return 0


# "explain it like I'm a kid", "an easy way to explain", "kid-friendly version
# of", "for a child": asking for a simpler answer, not about the families in the
# convoy ("kid") or fighting that gets easy ("easy"). The story's variants read
# both words, so these go before them; the framing that no variant reads ("in
# simple words", "the simplest way to explain") is _FRAMING's, after them.
_CHILD = ("kid", "child", "little kid")
_EASY = ("easy", "easier", "simple", "simpler", "good", "gentle")
_CHILD_FRAMING = frozenset(
    tuple(phrase.split())
    for phrase in [
        *(
            f"{like} {a}{child}"
            for like in ("like im", "like i am", "pretend im", "pretend i am")
            for a in ("", "a ")
            for child in _CHILD
        ),
        *(f"for a {child}" for child in _CHILD),
        *(
            f"{a}{easy} way to {explain}"
            for a in ("", "a ", "an ")
            for easy in _EASY
            for explain in ("explain", "describe", "put it")
        ),
        *(f"{easy} explanation{of}" for easy in _EASY for of in ("", " of")),
        *(
            f"{kid} friendly{version}"
            for kid in ("kid", "kids", "child")
            for version in ("", " version", " version of", " explanation", " explanation of")
        ),
        *(
            f"{kid} {words}"
            for kid in ("kid", "kids", "child")
            for words in ("language", "terms", "words", "version")
        ),
        "without scaring them",
        "without scaring him",
        "without scaring her",
    ]
)
_CHILD_FRAMING_SIZES = _lengths_by_first(_CHILD_FRAMING)


def without_child_framing(tokens: Sequence[Word]) -> Sequence[Word]:
    """The words without a request to put the answer simply, as for a child ("an
    easy way to explain", "kid-friendly version of", "like I'm a kid")."""
    folded = [w.folded for w in tokens]
    if _CHILD_FRAMING_SIZES.keys().isdisjoint(folded):  # the common case
        return tokens
    return _without_spans(tokens, folded, _child_framing_at)


def _child_framing_at(folded: Sequence[str], i: int, kept: Sequence[Word]) -> int:
    """How many words from `i` ask for the answer put simply (0 if none)."""
    for size in _CHILD_FRAMING_SIZES.get(folded[i], ()):
        if tuple(folded[i : i + size]) in _CHILD_FRAMING:
            return size
    return 0


def _without_spans(
    tokens: Sequence[Word],
    folded: Sequence[str],
    span_at: Callable[[Sequence[str], int, Sequence[Word]], int],
) -> list[Word]:
    """The words without the spans `span_at` finds: how many words from a
    position it takes (0 for none), given the words kept before it."""
    out: list[Word] = []
    i = 0
    while i < len(tokens):
        if size := span_at(folded, i, out):
            i += size
            continue
        out.append(tokens[i])
        i += 1
    return out


# "the coalition they keep talking about", "why is everyone talking about raqa",
# "the name keeps coming up": that others speak of a thing, not what anyone in the
# story said ("talking" is saying) nor the people of Raqa ("people").
_TALKERS = frozenset("everyone everybody people ppl they yall folks".split())
_STILL = frozenset("is are r re s keep keeps kept always been were was all".split())
_TALKING = frozenset("talk talks talking talked".split())
_ON_ABOUT = ("going", "banging", "harping")
_KEEPS = frozenset({"keep", "keeps"})
_COMING_UP = (("coming", "up"), ("getting", "mentioned"), ("being", "mentioned"), ("popping", "up"))


def without_talk_of_it(tokens: Sequence[Word]) -> Sequence[Word]:
    """The words without a remark that others speak of something ("this
    coalition they keep talking about", "Selo's name keeps coming up"); not
    after a question word ("where they talk about human shields" asks where
    the story says so, "wetin dem talk about the civilians" what they say)."""
    folded = [w.folded for w in tokens]
    if "about" not in folded and _KEEPS.isdisjoint(folded):  # the common case
        return tokens
    return _without_spans(tokens, folded, _talk_at)


def _talk_at(folded: Sequence[str], i: int, kept: Sequence[Word]) -> int:
    """How many words from `i` say that others speak of something (0 if none)."""
    if kept and (kept[-1].folded in _NOT_WHAT or kept[-1].folded in _WHAT):
        return 0
    j = i
    if folded[j] in _TALKERS:
        j += 1
        while j < len(folded) and folded[j] in _STILL:
            j += 1
        if j < len(folded) and folded[j] in _TALKING:
            j += 1
        elif j + 1 < len(folded) and folded[j] in _ON_ABOUT and folded[j + 1] == "on":
            j += 2
        elif j < len(folded) and folded[j] == "on":
            j += 1
        else:
            return 0
        return j + 1 - i if j < len(folded) and folded[j] == "about" else 0
    if folded[j] in _KEEPS and tuple(folded[j + 1 : j + 3]) in _COMING_UP:
        return 3
    return 0


def _intent_at(tokens: Sequence[Word], i: int) -> tuple[str | None, int]:
    """The intent of the question phrase at `i`, if any, and how many words it takes."""
    for size in _INTENT_SIZES:
        key = tuple(w.folded for w in tokens[i : i + size])
        if len(key) == size and key in INTENTS:
            intent = INTENTS[key]
            # "How old", "how far": a measure of what the next word names, not a manner.
            following = tokens[i + 1].folded if i + 1 < len(tokens) else ""
            if intent == "@manner" and following in _DEGREES:
                intent = "@degree"
            return intent, size
    return None, 1
