"""Making arbitrary input safe to parse without moving a single offset: spans index the caller's text."""

from __future__ import annotations

import html
import re
from functools import cache
from typing import NamedTuple

from extraction.data_files import read_data_file
from extraction.given_names import is_given_name
from extraction.names import HONORIFICS

# Control characters (but tab and newline), DEL, C1 controls, lone surrogates, a byte-order mark and a zero-width
# space become spaces (a "\ufeffThe" the parser cannot read as "The").
_JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\ufeff\u200b]")
_LINE_BREAKS = re.compile(r"[\u2028\u2029\x85]")
_PARAGRAPH = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")
# Capitals and small letters of the Latin alphabets a dateline's place is written in ("DÜSSELDORF", "BOGOTÁ",
# "ŁÓDŹ"): ASCII, Latin-1 and Latin Extended-A (whose range mixes both cases, which a place name never does).
UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"
LOWER = "a-zß-öø-ÿĀ-ž"
# "WASHINGTON -- ", "SULAIMANI (ESTA) — ", "LONDON (Reuters) - ": a dateline is not part of the first sentence's
# subject. A plain hyphen only after an agency's name in brackets ("U.S. - China talks" is a headline). The place
# may be followed by its country, region or state in title case or abbreviated ("BELFAST, Northern Ireland — ",
# "SPRINGFIELD, Ill. (AP) — ").
_DATELINE = re.compile(
    rf"[{UPPER}][{UPPER}.,' ]{{2,40}}"
    rf"(?:, [{UPPER}][{LOWER}.]+(?: [{UPPER}][{LOWER}.]+){{0,2}} ?)?"
    r"(?:(?:\([A-Za-z. ]{1,20}\))?\s*(?:--|—|–)|\([A-Za-z. ]{1,20}\)\s+-)\s+(?=[A-Z“\"])"
)
# A dateline with a date, a wire service in brackets or a release service between slashes: "LONDON, March 3
# (Reuters) - ", "HOUSTON, May 6, 2024 /PRNewswire/ -- ", "STOCKHOLM, Sweden, June 12, 2025 /PRNewswire/ -- ",
# "Pune, Jan 15 (PTI) " (the Indian agencies use no dash).
# "SEOUL - ", "RIO DE JANEIRO - ", "KILLYBEGS, Ireland - ": a place in capitals, at least three letters and no full
# stops (not "U.S. - China", "EU - China"), and a plain hyphen, opening a paragraph before a capitalised word.
_HYPHEN_DATELINE = re.compile(
    rf"[{UPPER}]{{3,}}(?:[ '’][{UPPER}]{{2,}}){{0,3}}"
    rf"(?:, [{UPPER}][{LOWER}]+(?: [{UPPER}][{LOWER}]+){{0,2}})? - (?=[A-Z“\"])"
)
DATED_DATELINE = re.compile(
    rf"[{UPPER}][{UPPER}{LOWER}.'’]+(?: [{UPPER}][{UPPER}{LOWER}.'’]+){{0,2}}, "
    rf"(?:[{UPPER}][{UPPER}{LOWER}.]+(?: [{UPPER}][{UPPER}{LOWER}.]+){{0,2}}, )?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)"
    r"(?: \([A-Za-z. ]{1,20}\)| /[A-Za-z ]{2,30}/)?(?: ?(?:--|—|–) ?| - | (?=[A-Z]))"
)
# A live blog's time stamp opening an entry: "09:40 GMT — ", "14:32: ", "7.15pm - ", "10:05 a.m. ET | ".
TIMESTAMP = re.compile(
    r"\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: (?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PT|PST|PDT|IST|JST|AEST|local time))?"
    r" ?(?:--|—|–|-|:|\|) ?(?=[A-Z“\"‘])"
)

# A list item's bullet: "- More than 40,000 homes without power, says National Grid" (not a dash that signs a
# quotation, "— Name", nor a negative number).
BULLET = re.compile(r"[-•*▪●◦‣][ \t\u00a0]+(?=\S)")

_TOKEN = re.compile(r"\w+|[^\w\s]")

# Parsing costs about a second per 15,000 characters of prose on one busy core, so reading stops after
# MAX_TOKENS tokens (about 100,000 characters of news, four times a long article); the rest yields no
# claims. A longer "paragraph" is not news prose: only its head is read.
MAX_TOKENS = 20_000
MAX_PARAGRAPH_CHARS = 20_000
MIN_LETTER_SHARE = 0.4


def sanitize(text: str) -> str:
    """The same text with control characters blanked, garbled quote marks read as marks (``_MOJIBAKE_MARKS``) and
    HTML as it renders (``read_markup``), the same length, so offsets stay valid."""
    text = _LINE_BREAKS.sub("\n", text)
    if "â€" in text:
        text = _MOJIBAKE.sub(lambda m: _MOJIBAKE_MARKS[m.group()], text)
    return read_markdown(read_markup(_JUNK.sub(" ", text)))


def readable(text: str) -> str:
    """The text as the extractor reads it: ``sanitize``d, then its hard wraps read as spaces
    (``read_wrapped_lines``), the same length, so offsets stay valid."""
    return read_wrapped_lines(sanitize(text))


# Punctuation written as UTF-8 and read as Windows-1252 ("â€œ" for "“"), as spaces and the mark it was: last, so an
# opening mark's words start right after it and a ’ before a letter stays an apostrophe ("Itâ€™s").
_MOJIBAKE_MARKS = {
    "â€œ": "  “", "â€\x9d": "  ”", "â€˜": "  ‘", "â€™": "  ’", "â€”": "  —", "â€“": "  –", "â€¦": "  …",
}  # fmt: skip
_MOJIBAKE = re.compile("|".join(_MOJIBAKE_MARKS))


# HTML a CMS export leaves in an article's text. Only known tag names: "a<b and c>d" is not markup.
_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|body|br|button|center|cite|code|dd|div|dl|dt|em|figcaption|figure|font|footer|"
    "form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|main|mark|meta|nav|noscript|ol|p|picture|pre|"
    "q|s|section|small|source|span|strong|sub|sup|svg|table|tbody|td|th|thead|time|title|tr|u|ul|video"
)
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
# What is never shown, opening and closing: a script, a style sheet, a comment.
_HIDDEN = {"<script": "</script>", "<style": "</style>", "<!--": "-->"}
# Tags that end a block: where one stands, a new paragraph starts.
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr|ul|ol|section|article|header|footer|figure|hr)\b", re.I)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _rendered_entity(match: re.Match[str]) -> str:
    """An entity as spaces and the character it stands for, to its length ("&quot;" is five spaces and '"'); an
    unknown one, or one for several characters, all spaces. A mark comes last, as ``_MOJIBAKE_MARKS``'s do (an
    opening mark's words start right after it, and "It&rsquo;s" keeps its apostrophe before the "s"); a letter first,
    with the head of its word. A span that cuts one is widened to it whole (``whole_entities``)."""
    entity = match.group()
    char = html.unescape(entity)
    if len(char) != 1 or _JUNK.match(char) or char == "\n":
        char = " "
    if char.isalnum():  # "Jos&eacute;"
        return char + " " * (len(entity) - 1)
    return " " * (len(entity) - 1) + char.replace("\u00a0", " ")


_NOT_A_LINE_BREAK = re.compile(r"[^\n]")


def _blanked(text: str) -> str:
    """Spaces for every character of ``text`` but its line breaks: hidden, the same length, paragraphs kept."""
    return _NOT_A_LINE_BREAK.sub(" ", text)


def _blank(match: re.Match[str]) -> str:
    """A tag as spaces (line breaks kept), opening with a line break where it ends a block."""
    blank = _blanked(match.group())
    return "\n" + blank[1:] if _BLOCK.match(match.group()) else blank


def read_markup(text: str) -> str:
    """The text with HTML tags, comments, scripts and styles blanked and entities rendered (``_rendered_entity``),
    the same length: an article posted as HTML reads as the text it shows, and no claim opens on a tag's ">" or ends
    on half of one."""
    if "<" not in text and "&" not in text:
        return text
    text = _blank_hidden(text)
    text = _TAG.sub(_blank, text)
    return ENTITY.sub(_rendered_entity, text)


# Markdown a writer or an export leaves in an article: a blockquote's ">" opening a line, a link's brackets and
# target ("[Amy Kerr](https://...)", the words kept), bold ("**Paul Grant**", "__Paul Grant__"). Only a link with a
# target that has no spaces, and emphasis marks against the words they hold, on one line.
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>(?:[ \t]{0,3}>)*[ \t]?", re.MULTILINE)
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\([^()\s]{1,2000}\)")
_MD_BOLD = re.compile(r"(\*\*|__)(?=[^\s*_])([^\n*_]{1,200}?)(?<=[^\s*_])\1")


def blockquoted(text: str, at: int) -> bool:
    """Whether the line of ``text`` holding ``at`` opens with a blockquote's ">" (an email's or Markdown's quoting,
    which ``read_markdown`` blanks): the words are given as written, a quotation's."""
    line_start = text.rfind("\n", 0, at) + 1
    return (marks := _MD_QUOTE.match(text, line_start)) is not None and ">" in marks.group() and marks.end() <= at


def _blank_link(match: re.Match[str]) -> str:
    """A link as its words, its brackets and target as spaces (the same length)."""
    return " " + match.group(1) + " " * (len(match.group()) - len(match.group(1)) - 1)


def _blank_bold(match: re.Match[str]) -> str:
    marks = " " * len(match.group(1))
    return marks + match.group(2) + marks


def read_markdown(text: str) -> str:
    """The text with a blockquote's ">", a link's brackets and target and bold marks blanked, the same length: an
    article written in Markdown reads as it renders, so no speaker is "> Nurses", "Amy Kerr]" or "*"."""
    if ">" in text:
        text = _MD_QUOTE.sub(lambda m: " " * len(m.group()), text)
    if "](" in text:
        text = _MD_LINK.sub(_blank_link, text)
    if "**" in text or "__" in text:
        text = _MD_BOLD.sub(_blank_bold, text)
    return text


def _blank_hidden(text: str) -> str:
    """The text with scripts, style sheets and comments blanked, in one pass: an opening left unclosed blanks
    nothing, and once one has no close after it no later one has either (a regular expression would look for it
    again from every opening, which takes minutes on a text of "<script>" repeated)."""
    lower = text.lower()
    for opening, closing in _HIDDEN.items():
        pieces: list[str] = []
        done = 0
        at = lower.find(opening)
        while at != -1:
            end = lower.find(closing, at + len(opening))
            if end == -1:
                break
            end += len(closing)
            pieces.append(text[done:at])
            pieces.append(_blanked(text[at:end]))
            done = end
            at = lower.find(opening, end)
        if pieces:
            text = "".join(pieces) + text[done:]
            lower = text.lower()
    return text


# A PDF's or a plain-text email's hard wrap, which copying keeps: a line break inside a sentence. A page's running
# header or footer repeats with only its page number or date changed ("2    THE WESTBURY HERALD", "Annual Report
# 2025 | page 5"): a line of at most this many characters, with a digit, written at least twice.
_MAX_FURNITURE_CHARS = 120
_DIGITS = re.compile(r"\d+")
_QUOTE_MARKS = '"“”‘„«»'
# A line that ends a sentence or opens a list with a colon, a closing mark or bracket after the stop or not.
_ENDS_SENTENCE = re.compile(r"[.!?:;…](?:[\"'”’»)\]]+)?$")
# What a line break inside a sentence is followed by: a word in small letters ("libraries⏎next year"), or an amount
# ("faced a⏎£4.2 million gap"; a number not a time stamp "09:40").
_CONTINUES_SENTENCE = re.compile(r"[a-z]+\b(?![’'-]?[A-Z])|[£$€]\d|\d(?![\d,]*[:.]\d\d(?!\d))")
# A wrapped text's lines: the longest is between these lengths, and this many come within this share of it.
_MIN_WRAP, _MAX_WRAP = 40, 100
_FULL_SHARE = 0.85
_MIN_FULL_LINES = 4
_COLUMN_GAP = re.compile(r"\S {3,}\S|\t")
_CAPITALISED_WORD = re.compile(rf"[{UPPER}][{LOWER}]")
# "Q: ...", "VARNEY: ...", "A. ...": a line that opens with a speaker's label starts a turn of its own.
_LINE_LABEL = re.compile(rf"[{UPPER}][\w.'’ -]{{0,40}}:|[QA]\.\s")
_LAST_WORD = re.compile(r"[^\W\d_][\w.'’-]*$")
# Titles written before a name that are no honorific (the name keeps no "Mr"): "Councillor⏎Priya Lowe".
_TITLES_BEFORE_NAMES = frozenset({"councillor", "cllr"})
# A word hyphenated across a line break ("govern-⏎ment", "meet-⏎ing"): the letters before the hyphen, then the
# rest of the word in small letters at the head of the next line.
_WORD_BROKEN = re.compile(r"[^\W\d_]-$")
_WORD_REST = re.compile(r"[a-z]+")
# A transcript's time stamp opening a line ("[00:12:31] MINISTER: ..."): the speaker's label must open the line.
_TRANSCRIPT_TIME = re.compile(r"^[ \t]*[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])][ \t]*", re.MULTILINE)


def _page_furniture(lines: list[str]) -> set[int]:
    """Indexes of the lines that are a page's running header or footer (``_MAX_FURNITURE_CHARS``)."""
    keys = [
        _DIGITS.sub("#", " ".join(line.split())).lower()
        if len(line.strip()) <= _MAX_FURNITURE_CHARS
        and _DIGITS.search(line)
        and _LETTER.search(line)
        and not _ENDS_SENTENCE.search(line.rstrip())
        and not any(mark in line for mark in _QUOTE_MARKS)  # a pull quote repeating the body's words is no furniture
        else ""
        for line in lines
    ]
    counts: dict[str, int] = {}
    for key in keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    return {i for i, key in enumerate(keys) if key and counts[key] >= 2}


def read_wrapped_lines(text: str) -> str:
    """The text with a hard wrap inside a sentence read as a space, a word hyphenated across one read whole, a page's
    running header or footer blanked and a transcript line's time stamp blanked, the same length: an article copied
    from a PDF or an email reads in paragraphs, not in lines (every line is a paragraph to the extractor), so no claim
    ends at "faced a" or at the foot of a page. A hyphenated word's rest moves up against its head ("government"
    and spaces), so a span is widened over the whole of it (``whole_entities``). A blank line still parts paragraphs."""
    if "[" in text or "(" in text:
        text = _TRANSCRIPT_TIME.sub(lambda m: " " * len(m.group()), text)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    furniture = _page_furniture(lines)
    chars = list(text)
    for i in furniture:
        chars[starts[i] : starts[i] + len(lines[i])] = " " * len(lines[i])
    full_line = _full_line_length([line for i, line in enumerate(lines) if i not in furniture])
    previous: int | None = None  # the last line of text, furniture passed over
    for i, line in enumerate(lines):
        if i in furniture:
            continue
        if not line.strip():
            previous = None
            continue
        if previous is not None:
            _join(chars, lines, starts, previous, i, full_line)
        previous = i
    return "".join(chars)


def _join(chars: list[str], lines: list[str], starts: list[int], before: int, after: int, full_line: int) -> None:
    """Reads the break between line ``before`` and line ``after`` (only furniture between) as a space where the
    sentence runs on, joining a hyphenated word's two pieces."""
    head = lines[before].rstrip()
    tail_at = len(lines[after]) - len(lines[after].lstrip())
    tail = lines[after][tail_at:]
    gap_start = starts[before] + len(head)
    gap_end = starts[after] + tail_at
    if _WORD_BROKEN.search(head) and (rest := _WORD_REST.match(tail)) is not None:
        hyphen = gap_start - 1
        word_end = gap_end + rest.end()
        chars[hyphen:word_end] = list(rest.group()) + [" "] * (word_end - hyphen - rest.end())
    elif not _ENDS_SENTENCE.search(head) and (
        _CONTINUES_SENTENCE.match(tail) or _runs_on_to_capital(head, tail, full_line)
    ):
        chars[gap_start:gap_end] = [" "] * (gap_end - gap_start)


def _full_line_length(lines: list[str]) -> int:
    """The length a hard-wrapped text fills its lines to (its longest line), or 0 where the text is not wrapped:
    fewer than ``_MIN_FULL_LINES`` lines come near that length, or it is longer than a wrap ever is (a web page
    pasted a paragraph to a line)."""
    lengths = [len(line.rstrip()) for line in lines if line.strip() and not _COLUMN_GAP.search(line.strip())]
    if not lengths or not _MIN_WRAP <= max(lengths) <= _MAX_WRAP:
        return 0
    longest = max(lengths)
    full = [n for n in lengths if n >= _FULL_SHARE * longest]
    return longest if len(full) >= _MIN_FULL_LINES else 0


def _runs_on_to_capital(head: str, tail: str, full_line: int) -> bool:
    """A wrap before a capitalised word ("the Royal National Lifeboat⏎Institution said", "Its managing director,⏎
    Helen Kaur, said"): the line ends on a comma, on a title or given name ("Councillor⏎Priya Lowe", "Chris⏎
    Cousens"), or is a full line of a wrapped text (``_full_line_length``), so the wrap, not the writer, broke it.
    A short line before a capital is a headline or a list's item and stays a paragraph of its own."""
    if not _CAPITALISED_WORD.match(tail) or _LINE_LABEL.match(tail):
        return False
    if head.endswith(","):
        return True
    last = _LAST_WORD.search(head)
    if last is not None and last.group()[:1].isupper():  # "Major⏎Tim Peake", not "in general⏎The council"
        word = last.group().lower()
        if word.rstrip(".") in HONORIFICS or word in _TITLES_BEFORE_NAMES or is_given_name(last.group()):
            return True
    # a line set out in columns ("Annual Report 2025      page 4") is a page's heading, however long
    return full_line > 0 and len(head) >= _FULL_SHARE * full_line and not _COLUMN_GAP.search(head.strip())


# A word hyphenated across a line break, as ``read_wrapped_lines`` reads it whole.
_HYPHENATED_WORD = r"(?<=[^\W\d_])-[ \t\r]*\n[ \t\r]*[a-z]+"
# What ``sanitize`` reads as one character: an entity, a garbled mark; and a hyphenated word, read as one word.
_READ_AS_ONE = re.compile(rf"{ENTITY.pattern}|{_MOJIBAKE.pattern}|{_HYPHENATED_WORD}")


def whole_entities(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened so that no HTML entity or garbled mark of ``text`` is cut at either end: one read as its
    character (``sanitize``) is in the claim whole."""
    for match in _READ_AS_ONE.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() < start < match.end():
            start = match.start()
        if match.start() < end < match.end():
            end = match.end()
    return start, end


# ", formerly Twitter," after "on X": the parser reads it as an apposition and loses the "that" clause after it.
_FORMERLY = re.compile(r",? \(?formerly (?:known as )?Twitter\)?(?=[,.;:\s])")


# "NEW DELHI: ", "MUMBAI: ": the Indian press sets its dateline off with a colon. A transcript's speaker is written
# so too ("REID: We will ..."), so it is a dateline only where ``colon_dateline`` finds it.
COLON_DATELINE = re.compile(rf"[{UPPER}]{{3,}}(?: [{UPPER}]{{2,}}){{0,2}}: (?=[A-Z])")


def colon_dateline(paragraphs: list[str]) -> int | None:
    """The index of the paragraph a colon dateline opens: one of the first three, and the only paragraph of the
    text that opens with capitals and a colon (a transcript's speakers open several)."""
    opened = [i for i, p in enumerate(paragraphs) if COLON_DATELINE.match(p)]
    return opened[0] if len(opened) == 1 and opened[0] < 3 else None


def blank_dateline(paragraph: str, *, colon: bool = False) -> str:
    """The paragraph as the parser should read it, same length: a leading dateline ("WASHINGTON -- ", and with
    ``colon`` "NEW DELHI: "), a live blog's time stamp ("09:40 GMT — ") or a list item's bullet ("- "), and a
    platform's former name (", formerly Twitter") replaced by spaces, so the parser finds the real subject of the
    first sentence and the clause a cue governs."""
    match = (
        DATED_DATELINE.match(paragraph)
        or _DATELINE.match(paragraph)
        or _HYPHEN_DATELINE.match(paragraph)
        or TIMESTAMP.match(paragraph)
        or BULLET.match(paragraph)
        or (COLON_DATELINE.match(paragraph) if colon else None)
    )
    if match is not None:
        paragraph = " " * match.end() + paragraph[match.end() :]
    return _FORMERLY.sub(lambda m: " " * len(m.group()), paragraph)


class Reading(NamedTuple):
    """What the extractor reads of a sanitized text: each readable paragraph's (start, end), and how many characters
    of readable paragraphs it leaves unread (those past the token budget, whole; the tail of one longer than
    ``MAX_PARAGRAPH_CHARS``). Junk lines and the spaces around paragraphs are never unread."""

    bounds: list[tuple[int, int]]
    unread: int


def reading(clean: str, max_tokens: int = MAX_TOKENS) -> Reading:
    """One scan of the paragraphs (lines) of a sanitized text: each trimmed, its head read until ``max_tokens``
    tokens are taken, junk lines (mostly non-letters) skipped. After the budget ran out the scan goes on only to
    count what is left unread, judging each line as it would have been read."""
    found: list[tuple[int, int]] = []
    unread = 0
    budget = max_tokens
    for match in _PARAGRAPH.finditer(clean):
        start, whole = match.span()
        while start < whole and clean[start].isspace():
            start += 1
        while whole > start and clean[whole - 1].isspace():
            whole -= 1
        end = min(whole, start + MAX_PARAGRAPH_CHARS)
        if end - start < 2:
            continue
        chunk = clean[start:end]
        visible = sum(1 for ch in chunk if not ch.isspace())
        if visible == 0 or len(_LETTER.findall(chunk)) < MIN_LETTER_SHARE * visible:
            continue
        if budget >= 0:
            budget -= len(_TOKEN.findall(chunk))
        if budget < 0:
            unread += whole - start
            continue
        found.append((start, end))
        unread += whole - end
    return Reading(found, unread)


def paragraphs(clean: str, max_tokens: int = MAX_TOKENS) -> list[tuple[int, int]]:
    """(start, end) of each readable paragraph (line) of a sanitized text, trimmed, until ``max_tokens`` tokens are
    taken; junk lines (mostly non-letters) are skipped (``reading``)."""
    return reading(clean, max_tokens).bounds


def unread_characters(text: str) -> int:
    """How many characters of ``text`` (as posted: it is made ``readable`` first, as the pipeline reads it) the
    extractor leaves unread for its limits (``MAX_TOKENS``, ``MAX_PARAGRAPH_CHARS``): no claim comes from them. 0
    when all it could read was read."""
    return reading(readable(text)).unread


_WORD_OF_HEADLINE = re.compile(r"[^\W\d_][\w’'-]*")
# Short words that title case leaves in lower case ("Results for HLX-204 in Psoriasis").
_MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by", "as", "with", "from",
     "into", "over", "vs", "via", "per", "up"}
)  # fmt: skip
_MIN_TITLE_WORDS = 4


def title_case(paragraph: str) -> bool:
    """A headline written in title case ("Helixa Therapeutics Reports Positive Phase 2 Results"): no closing full
    stop, and every word but the short minor ones capitalised, so capitals there say nothing about names."""
    text = paragraph.strip()
    if not text or text.endswith("."):
        return False
    words = [w for w in _WORD_OF_HEADLINE.findall(text) if w.lower() not in _MINOR_WORDS]
    return len(words) >= _MIN_TITLE_WORDS and all(w[0].isupper() for w in words)


@cache
def _publication_note_opening() -> re.Pattern[str]:
    labels = read_data_file("publication_notes.json")["labels"]["words"]
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"\s*(?:{alternatives})\s*[:.\-–—]", re.IGNORECASE)


def publication_note(paragraph: str) -> bool:
    """A paragraph opened by a label of ``data/publication_notes.json`` ("Correction: An earlier version of this
    article said ...", "Editor's note: ..."): the publication speaking about its own article, which holds no one's
    claim, so the extractor reads none from it."""
    return _publication_note_opening().match(paragraph) is not None
