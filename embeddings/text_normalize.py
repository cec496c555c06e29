"""Cleaning statements before they are embedded or searched: the same rules for stored claims and for queries.

Real inputs are tweets, headlines and pasted quotes. What carries no meaning for matching goes (links,
``pic.twitter.com`` stubs, the date a tweet's embed trailer adds, emoji, HTML entities, odd quotes and dashes);
what carries meaning is kept in words: ``#DefundTheCBC`` becomes ``Defund The CBC`` and ``@realDonaldTrump``
becomes ``real Donald Trump``, because the hashtag or the handle is often the only place a tweet names its topic.
Case is kept (the sentence encoder is uncased and the lexical indexes fold case themselves) so that acronyms
can still be told apart from words when a camel-cased tag is split.

Pure text in, text out: this module imports neither the database nor the service.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from embeddings.signals.lexicon import read_table
from embeddings.signals.vocabulary import FINITE_BE, FINITE_DO, FINITE_HAVE, MODALS, NEGATED_AUXILIARIES

# Links, including those glued to the word before them ("#Minecrafthttps://t.co/x", "Happy #Hanukkahpic.twitter.com/x").
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
# The trailer of an embedded tweet: "— Brad Trost 🇨🇦 (@BradTrostCPC) December 26, 2019". The name is kept.
_TWEET_TRAILER = re.compile(
    r"[\s\u2014\u2013-]*[\u2014\u2013]\s*(?P<name>[^()\u2014\u2013\n]{0,80}?)\s*\(@(?P<handle>\w{1,30})\)"
    r"\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$"
)
_RETWEET = re.compile(r"^\s*RT\s+@\w+:?\s*")
_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")
_HASHTAG = re.compile(r"#([^\W_]\w*)")
# Camel case and letter/digit boundaries: "IranProtests2020" -> "Iran Protests 2020", "CBCNews" -> "CBC News".
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z]{3,})")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u2013": " - ",
        "\u2014": " - ",
        "\u2015": " - ",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)
_DOUBLED_QUOTES = re.compile(r'"{2,}')
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)

# Function words that say nothing about what a statement is about (used to count and compare content words).
_STOPWORD_LIST = """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
    each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
    herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me
    more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own
    same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those through to too under
    until up upon very via was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've
    your yours yourself yourselves says said say saying s t re ll ve d m amp rt don doesn didn isn wasn aren
    weren hasn haven hadn shouldn wouldn couldn"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


def _split_tag(tag: str) -> str:
    words = _CAMEL.sub(" ", tag.replace("_", " "))
    return _SPACES.sub(" ", words).strip()


def _tag_words(match: re.Match[str]) -> str:
    """A hashtag or handle as words, set apart from letters it was glued to ("camera#IranUsa")."""
    before = match.string[match.start() - 1] if match.start() else " "
    after = match.string[match.end()] if match.end() < len(match.string) else " "
    split = _split_tag(match.group(1))
    return (" " if before.isalnum() else "") + split + (" " if after.isalnum() else "")


# The one invisible format character that is a word boundary (Unicode's line-break class ZW): it separates the
# words of scripts written without spaces (Thai, Khmer), and inside a Latin word it is only a web page's break hint.
_ZERO_WIDTH_SPACE = "\u200b"


def _joins(text: str, at: int) -> bool:
    """The invisible format character at ``at`` stands inside a word and goes without a trace: a soft hyphen,
    a zero-width (non-)joiner, a word joiner, a byte-order mark, a direction mark ("mi\u00adgra\u00adtion" is
    "migration"), or a zero-width space between two Latin letters ("Lon\u200bdon")."""
    if text[at] != _ZERO_WIDTH_SPACE:
        return True
    around = text[at - 1 : at] + text[at + 1 : at + 2]
    return len(around) == 2 and all(c.isalpha() and unicodedata.name(c, "").startswith("LATIN") for c in around)


def _drop_symbols(text: str) -> str:
    """Emoji, pictographs and control characters go; letters, digits, punctuation, currency and math stay.
    An invisible format character inside a word is deleted rather than spaced (``_joins``): pasted web text
    carries soft hyphens and zero-width characters inside words, and a word cut in pieces ("mi gra tion")
    was lost to both the keyword index and the encoder."""
    kept = []
    for at, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf" and _joins(text, at):
            continue
        if category in ("So", "Cs", "Co", "Cn") or (category[0] == "C" and char not in "\t\n\r"):
            kept.append(" ")
        elif category in ("Mn", "Me") and not kept:
            continue
        else:
            kept.append(char)
    return "".join(kept)


def normalize(text: str, *, keep_tweet_author: bool = True) -> str:
    """The cleaned text that is embedded and searched. Idempotent: ``normalize(normalize(t)) == normalize(t)``.

    An embedded tweet's trailer is reduced to its author's name (``keep_tweet_author``) or dropped: the name often
    says whose claim the tweet repeats, the handle and date never do.
    """
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    text = _URL.sub(" ", text)
    text = _RETWEET.sub("", text)
    trailer = _TWEET_TRAILER.search(text)
    if trailer:
        name = _SPACES.sub(" ", _drop_symbols(trailer.group("name"))).strip()
        text = text[: trailer.start()] + (f" - {name}" if keep_tweet_author and name else "")
    text = text.translate(_QUOTES)
    text = _DOUBLED_QUOTES.sub('"', text)
    text = _HASHTAG.sub(_tag_words, text)
    text = _HANDLE.sub(_tag_words, text)
    text = _drop_symbols(text)
    return _SPACES.sub(" ", text).strip()


def normalize_or_keep(text: str) -> str:
    """``normalize(text)``, or the text as given when nothing would be left (a bare link still needs a vector and
    a judgement): what the encoder and the judge read."""
    return normalize(text) or text


def index_text(text: str, metadata: Mapping[str, Any] | None = None) -> str:
    """What a stored claim is embedded as: its normalised text, followed by its ``metadata["title"]`` if any.

    A fact-check's headline ("Did 122 Prisoners Released from Guantanamo Return to the Battlefield?") often names
    the topic in the words a later repetition uses; the claim's own ``text`` stays exactly as given.
    """
    cleaned = normalize(text)
    title = metadata.get("title") if metadata else None
    if isinstance(title, str) and title.strip():
        cleaned_title = normalize(title)
        if cleaned_title and cleaned_title.lower() not in cleaned.lower():
            return f"{cleaned} {cleaned_title}"
    return cleaned


def words(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes inside words kept: "didn't"; "U.S." is one word, "us")."""
    return _WORD.findall(_ACRONYM.sub(lambda m: m.group().replace(".", ""), text).lower())


def stem(word: str) -> str:
    """A light suffix stripper, enough to let "vaccines"/"vaccine", "studies"/"study" and "banned"/"bans" meet."""
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("es") and word[:-2].endswith(("x", "z", "ch", "sh", "ss")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3:
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "banned" -> "ban", "stopping" -> "stop"
            return base
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words of a normalised text, de-duplicated in order (stopwords and 1-letter words out)."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
            continue
        seen.setdefault(stem(word), None)
    return list(seen)


# Long statements are also searched piece by piece (``segments``): a sentence encoder reads a paragraph as one
# blurred topic (all-MiniLM-L6-v2 was trained on up to 128 word pieces, about 500 characters, and reads no further
# than 256), and the keyword query keeps a statement's first 32 content words, so a claim repeated in the fourth
# sentence of a pasted article was found by neither index. A statement up to SEGMENT_ABOVE_CHARS is read whole; a
# longer one is also read sentence by sentence (a fragment under SEGMENT_MIN_CHARS, "Mr." or "Why?", joined to
# the next; a sentence over SEGMENT_CHARS cut into overlapping runs of words). Past MAX_SEGMENTS sentences they are
# packed into windows of several, as few as fit.
SEGMENT_ABOVE_CHARS = 400
SEGMENT_MIN_CHARS = 40
SEGMENT_CHARS = 200
MAX_SEGMENTS = 16
# A sentence ends at ., ! or ? (closing quotes and brackets kept with it) before a space and a capital, a digit or
# an opening quote ("U.S. troops" stays whole), unless the word before the full stop is an initial or a title
# ("J. Smith", "Dr. Rahman", "Gov. Whitfield").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_NOT_AN_END = re.compile(
    r"(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|St|Jr|Sr|No|Nos|Vol|Art|Fig|vs)\.$"
)


def sentences(text: str) -> list[str]:
    """A normalised text's sentences, in order, as written (their end punctuation kept)."""
    found = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group().rstrip())
        if _NOT_AN_END.search(text[start:end]):
            continue
        found.append(text[start:end].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


def _word_runs(sentence: str, budget: int) -> list[str]:
    """A sentence longer than ``budget`` as runs of whole words of up to ``budget`` characters, each starting half
    way into the one before, so that a claim cut at one run's end is whole in the next."""
    words = sentence.split()
    runs: list[str] = []
    start = 0
    while start < len(words):
        end, length = start, -1
        while end < len(words) and (end == start or length + 1 + len(words[end]) <= budget):
            length += 1 + len(words[end])
            end += 1
        runs.append(" ".join(words[start:end]))
        if end >= len(words):
            break
        start = max(start + 1, (start + end) // 2)
    return runs


def _pack(pieces: list[str], least: int, most: int) -> list[str]:
    """Consecutive pieces joined into windows: one is closed once it reaches ``least`` characters, and before a
    piece would take it past ``most``."""
    windows: list[str] = []
    current = ""
    for piece in pieces:
        if current and (len(current) >= least or len(current) + 1 + len(piece) > most):
            windows.append(current)
            current = ""
        current = f"{current} {piece}" if current else piece
    if current:
        windows.append(current)
    return windows


def segments(text: str) -> list[str]:
    """The windows a long normalised statement is also searched by, in order (none for a statement of up to
    SEGMENT_ABOVE_CHARS): its sentences (fragments joined to the next, a sentence over SEGMENT_CHARS as
    overlapping runs of words), or, when there are more than MAX_SEGMENTS of those, consecutive ones packed into
    as few windows as fit."""
    if len(text) <= SEGMENT_ABOVE_CHARS:
        return []
    pieces = [run for sentence in sentences(text) for run in _word_runs(sentence, SEGMENT_CHARS)]
    windows = _pack(pieces, SEGMENT_MIN_CHARS, SEGMENT_CHARS)
    budget = max(SEGMENT_CHARS, -(-len(text) // MAX_SEGMENTS))
    while len(windows) > MAX_SEGMENTS:
        pieces = [run for sentence in sentences(text) for run in _word_runs(sentence, budget)]
        windows = _pack(pieces, budget, budget)
        budget += budget // 2
    return windows


# A form of be, have or do, or a modal (negated or not): standing between two content words it makes a clause ("The
# trial was not fair.", "The contract was invalid."), which asserts something however few its content words.
_FINITE_VERBS = FINITE_BE | FINITE_HAVE | FINITE_DO | MODALS | NEGATED_AUXILIARIES


def _is_clause(tokens: list[str]) -> bool:
    """A subject, a finite verb, a predicate: a content word before a be/have/do form or modal and one after it."""
    content = [word not in STOPWORDS and (len(word) > 1 or word.isdigit()) for word in tokens]
    return any(word in _FINITE_VERBS and any(content[:at]) and any(content[at + 1 :]) for at, word in enumerate(tokens))


# A yes/no question opens with one of these and ends its first sentence with "?" ("Is the water safe to drink?",
# "Will the line open in 2026? #rail"); "Did you know ...?" and "Do you remember ...?" put their content forward
# as true, and so does a negative question ("Isn't it true that ...?", which opens "Isn't": not in the list).
_QUESTION_OPENERS = FINITE_BE | FINITE_HAVE | FINITE_DO | MODALS
_ASSERTING_AFTER_YOU_LIST = "know knew realise realize realised realized remember hear heard see saw notice"
_ASSERTING_AFTER_YOU = frozenset(_ASSERTING_AFTER_YOU_LIST.split())
# What may follow the question mark and leave the text a question: hashtags, handles, links, a few words.
_MAX_WORDS_AFTER_QUESTION = 4
_END_MARK = re.compile(r"[.!?]")
_AFTER_FULL_STOP = re.compile(r"[\"')\]]*(?:$|\s+[\"'(\[]?[A-Z0-9])")
_DOTTED_ACRONYM = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.){2,}$")  # "U.S.", "U.K.": a name's dots, not an end


def _first_sentence_end(text: str) -> re.Match[str] | None:
    """The mark that ends a text's first sentence: any "?" or "!", and a full stop as ``sentences`` reads one (at
    the end, or before a space and a capital, not after an initial or a title), so the dots of "U.S.", "Dr." and
    "2.5" end nothing ("Have U.S. troops in Iraq dropped to about 2,500?", "Has the U.S. Army left?" are
    questions)."""
    for mark in _END_MARK.finditer(text):
        if mark.group() != ".":
            return mark
        before = text[: mark.end()]
        if _AFTER_FULL_STOP.match(text, mark.end()) and not (
            _NOT_AN_END.search(before) or _DOTTED_ACRONYM.search(before)
        ):
            return mark
    return None


def is_yes_no_question(text: str) -> bool:
    """The text asks a yes/no question and asserts nothing: "IS THE COALITION IN IRAQ ILLEGALLY?" neither
    supports nor contradicts a claim that it is there legally. A wh-question ("Why is the airport closing its
    runway?") presupposes its content and is no such question."""
    tokens = words(text)
    if len(tokens) < 3 or tokens[0] not in _QUESTION_OPENERS or tokens[1] == "not":
        return False
    if tokens[1] == "you" and tokens[2] in _ASSERTING_AFTER_YOU:
        return False
    end = _first_sentence_end(text)
    return end is not None and end.group() == "?" and len(text[end.end() :].split()) <= _MAX_WORDS_AFTER_QUESTION


def is_short(text: str, min_content_words: int) -> bool:
    """Too few content words to say what a statement asserts: matches yes, a verdict on similarity alone no. Two
    content words joined by a finite verb are a clause, not a topic: "The trial was not fair." asserts; "troops
    Iraq" and "Is it?" do not."""
    normal = normalize(text)
    found = len(content_terms(normal))
    if found >= min_content_words:
        return False
    return found < 2 or not _is_clause(words(normal))


# What the keyword index reads of a text (``keyword_text``), the same on both backends and for queries: migration
# 0017 writes this rule in SQL for SQLite's FTS5 triggers and PostgreSQL's ``claimledger_fts_text``. FTS5's
# tokenizer and PostgreSQL's parser cut a word at any of these invisible format characters ("coa\u00adli\u00adtion"
# was "coa", "li" and "tion"; FTS5 even kept "\u2066Whitfield\u2069" as one token with the isolates in it), so
# a claim pasted from a web page or a PDF was not found by the word as typed. They are deleted: the soft hyphen,
# the Arabic letter mark, the Mongolian vowel separator, ZWNJ, ZWJ, the direction marks, embeddings, overrides and
# isolates, the word joiner and the invisible operators, the deprecated format characters and the byte-order mark.
INVISIBLE_IN_WORDS = "\u00ad\u061c\u180e\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" + "".join(
    chr(c) for c in (*range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF)
)
# A zero-width space is deleted only between two ASCII letters (a web page's break hint, "Lon\u200bdon"), as
# ``normalize`` deletes it between two Latin letters (SQLite's SQL cannot tell a letter of every script): elsewhere
# it is the word boundary of scripts written without spaces, and stays one. Its neighbours are read once the other
# characters are gone, so that ``keyword_text`` of its own output changes nothing.
_ZWSP_IN_ASCII_WORD = re.compile(r"(?<=[A-Za-z])\u200b(?=[A-Za-z])")
# U+FDD0, a noncharacter kept for a program's own use, is the placeholder 0017's SQLite triggers mark a zero-width
# space with while they look at its neighbours, so a text's own is made a space first (on both backends).
KEYWORD_PLACEHOLDER = "\ufdd0"
_DROP_INVISIBLE = str.maketrans({KEYWORD_PLACEHOLDER: " ", **dict.fromkeys(INVISIBLE_IN_WORDS)})


# Letters with no decomposition into an ASCII letter and marks ("ß", "æ", "ø", "ł", "þ", the "fi" ligature): FTS5's
# remove_diacritics and PostgreSQL's fold (0013) both keep them, so "Strasse" did not find "Straße" nor "Lodz"
# "Łódź". The keyword index spells them in ASCII (``data/keyword_folds.tsv``; migration 0040 writes the same table
# in SQL on both backends).
KEYWORD_FOLDS_PATH = Path(__file__).resolve().parent / "data" / "keyword_folds.tsv"


def _keyword_folds() -> dict[str, str]:
    folds: dict[str, str] = {}
    for entry in read_table(KEYWORD_FOLDS_PATH, ("letter", "code", "folded")):
        letter, folded = entry["letter"], entry["folded"]
        if len(letter) != 1 or entry["code"] != f"U+{ord(letter):04X}" or not folded.isascii():
            raise ValueError(f"{KEYWORD_FOLDS_PATH.name}: {entry.values} is not one letter, its code and ASCII")
        folds[letter] = folded
    return folds


KEYWORD_FOLDS = _keyword_folds()
# Scripts written without spaces between words: Han (with its extension planes and 々, 〆, 〇), kana (their
# punctuation, 「・」 and 「゠」, and the voicing marks left out) and Hangul syllables (Korean spaces its phrases,
# but "서울특별시" is one). FTS5 and PostgreSQL read a run of them as one word, so "東京" did not find
# "東京都知事選挙". The index cuts each run into the overlapping pairs of its characters ("東京 京都 都知 知事 事選
# 選挙"), as Lucene's CJK bigram filter does; a lone character stays a word of its own.
CJK_RANGES = (
    (0x3005, 0x3007),
    (0x3041, 0x3096),
    (0x309D, 0x309F),
    (0x30A1, 0x30FA),
    (0x30FC, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)
CJK_CLASS = "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in CJK_RANGES) + "]"
_CJK_RUN = re.compile(f"{CJK_CLASS}+")
_CJK_INSIDE_RUN = re.compile(f"(?<={CJK_CLASS})({CJK_CLASS})(?={CJK_CLASS})")
_DROP_AND_FOLD: dict[int, str | None] = {
    **_DROP_INVISIBLE,
    **{ord(letter): ascii for letter, ascii in KEYWORD_FOLDS.items()},
}


def is_cjk(word: str) -> bool:
    """Every character of ``word`` is one the keyword index cuts into pairs (a lone one is a word of its own)."""
    return bool(word) and all(any(first <= ord(c) <= last for first, last in CJK_RANGES) for c in word)


def keyword_text(text: str) -> str:
    """``text`` as the keyword index tokenises it: the invisible format characters that stand inside words
    deleted, so that "coa\u00adli\u00adtion" is "coalition" to the index and to a query; the letters of
    ``KEYWORD_FOLDS`` spelled in ASCII ("Straße" is "Strasse"; before the zero-width space between ASCII letters
    is read, so "ß\u200bx" is "ssx" as SQLite's steps make it); each run of CJK characters cut into its
    overlapping pairs ("東京都" is " 東京 京都 "). Only the index and the query see this text; a stored claim's
    ``text`` (and the offsets into it) stays as given."""
    if text.isascii():
        return text
    kept = _ZWSP_IN_ASCII_WORD.sub("", text.translate(_DROP_AND_FOLD))
    return _CJK_INSIDE_RUN.sub(r"\1 \1", _CJK_RUN.sub(r" \g<0> ", kept))
