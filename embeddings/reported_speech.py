"""What a statement reports, without the frame that says who reported it.

A statement checked against the record often arrives as reported speech: "The Coalition is in Iraq against the
wishes of the Iraqi government, a spokesman for the militia said." The record's claims are content already (the
extractor keeps the speaker apart, in the claim's attribution), so the judge should read content against content:
with the frame left in, the alignment the signals read fails on the extra words, and the design card's own pair
came back neutral. Only frames whose verb passes on what was said unchanged are removed ("said", "told reporters",
"according to"); "denied", "doubted" or "hoped" change what the statement commits to and stay. A news agency's
dateline ("BAGHDAD (Reuters) - ") goes too: it says where the report was filed.
"""

from __future__ import annotations

import re

from embeddings.signals.statement import parse_quantities
from embeddings.signals.tokens import tokenize
from embeddings.signals.vocabulary import FINITE_HAVE, MODALS, QUANTIFYING_WORDS

# Verbs that report a statement without taking a stance on it, in the forms a frame uses. The first take a clause
# without "that" in a leading frame; the others also take a plain object ("claims tax credits", "announced 500 job
# cuts", "maintains the roads", "tweeted a photo"), so a leading frame needs their "that" (or a colon and a quote).
_CLAUSE_VERBS = (
    r"(?:said|says|say|told\s+(?:(?:\w+\s+){0,2}?(?:reporters|journalists)|the\s+\w+|us|him|her|them|parliament)|"
    r"tells\s+(?:(?:\w+\s+){0,2}?(?:reporters|journalists)|the\s+\w+)|added|adds|insisted|insists|argued|argues|"
    r"explained)"
)
_THAT_VERBS = (
    r"(?:stated|states|claimed|claims|noted|notes|announced|declared|wrote|writes|asserted|maintained|maintains|"
    r"reported|reports|confirmed|confirms|tweeted|tweets|posted)"
)
# "told" with whoever was told, where the frame is bounded (by "that", a colon or the sentence's end) so that the
# addressee cannot run into the content: "told a news conference in Geneva", "told shareholders at the meeting".
_TOLD_ANYONE = r"(?:told|tells)(?:\s+[\w.'’-]+){1,5}?"
_NEUTRAL_VERBS = rf"(?:{_CLAUSE_VERBS}|{_THAT_VERBS})"
_BOUNDED_VERBS = rf"(?:{_CLAUSE_VERBS}|{_THAT_VERBS}|{_TOLD_ANYONE})"
# Who says it: a few words, no clause of their own ("A spokesman for the militia", "Mr Smith", "the ministry"), and
# at most one apposition set off by two commas ("Colonel Marchenko, the army's spokesman, insisted that ...").
_SPEAKER = (
    r"(?:[A-Z][\w.'’-]*|[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)(?:[\s,][\w.'’-]+){0,8}?"
    r"(?:,\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,7}?,)?"
)
# After the content, set off by a comma, the frame is plain whoever speaks ("..., aides said", "..., she said").
_TRAILING_SPEAKER = r"[\w.'’-]+(?:[\s,][\w.'’-]+){0,8}?"
# Words that open a clause of their own (or make the speaker a passive subject: "Rebels are said to hold the town"):
# with one in it, the words before the verb are no speaker. Written in lower case or capitalised; an acronym in
# capitals is a name ("the WHO said").
_CLAUSE_WORDS = frozenset(
    {
        *("who", "which", "that", "whose", "when", "if", "because", "after", "before", "while", "not", "never"),
        *("is", "are", "was", "were", "be", "been", "being"),
    }
)
_WORD = re.compile(r"[\w’']+")
# After an inverted "said" ("..., said the minister.") a name or a description follows, never an auxiliary or a
# modal: "X, who farms nearby, said his cattle had refused to drink" is no "said <speaker>".
_AUXILIARIES = FINITE_HAVE | MODALS
# When it was said, in a leading frame with no "that": a day, a date or a time word ("said on Monday", "said in May",
# "said last week"). A phrase of place or manner ("said in an interview with ...") needs the "that" after it.
_WHEN = (
    r"(?:\s+(?:(?:on|in)\s+(?:[A-Z][\w-]*|\d[\w,]*)|(?:last|this|earlier|late|early)\s+[\w-]+)"
    r"(?:\s+(?:[A-Z][\w-]*|\d[\w,]*|morning|afternoon|evening|night|week|month|year))?)?"
)
# Where and how it was said, in a few phrases that each open with a preposition or a time word ("said in a statement
# read out on state television on Sunday evening", "told reporters at a news conference in Baghdad", "told reporters
# in Vienna on the sidelines of the meeting"): after a frame that ends the sentence, or before a leading frame's
# "that". No clause word may appear (``_clause_word``, checked on the match), so "..., he said on Monday that ..."
# keeps its frame.
_PHRASES = (
    r"(?:\s+(?:on|in|at|during|after|before|to|with|from|via|through|over|by|of|for|outside|inside|near|following|"
    r"ahead\s+of|late|early|last|this|earlier|yesterday|today|tonight)(?:\s+[\w.'’-]+){1,5}?){0,3}"
)
_FRAME_TAIL = rf"(?P<tail>{_PHRASES})"
# "..., according to a statement from the militia, which was read out on television": what the source is, said of
# it in a relative clause that ends the sentence.
_SOURCE_CLAUSE = r"(?:,\s*(?:which|who)\s[^.;!?]+)?"
# Where the saying happened, before whoever says it: "In a statement, the army said ...", "Speaking to reporters in
# Geneva, the envoy said ...".
_ADJUNCT = r"(?P<adjunct>(?:In|On|At|During|Speaking|Writing)\s[^,;.!?\"]{1,80}?,\s*)?"
# A news agency's dateline: "BAGHDAD (Reuters) - ", "OSLO, Feb 12 (Reuters) - ", "THE HAGUE (AP) - ". It says where a
# report was filed, not what it reports.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,2})?\s*)?\([A-Z][\w.&'’ -]{0,30}\)\s*-+\s+"
)

_LEADING = re.compile(
    rf"^{_ADJUNCT}(?P<speaker>{_SPEAKER})\s+"
    rf"(?:(?P<bounded>{_BOUNDED_VERBS}{_PHRASES})(?:\s+that\b|\s*:(?=\s*[\"']))|{_CLAUSE_VERBS}{_WHEN})"
    r"[\s,:]+(?P<content>.+)$",
    re.DOTALL,
)
_TRAILING = re.compile(
    rf"^(?P<content>.+?)[,;][\"”’']?\s*(?:(?P<speaker>{_TRAILING_SPEAKER})\s+{_BOUNDED_VERBS}|"
    rf"{_NEUTRAL_VERBS}\s+(?P<after>{_TRAILING_SPEAKER})){_FRAME_TAIL}\s*[.!]?$",
    re.DOTALL,
)
# A frame inside the content, bounded by its commas: "The talks, he said in an interview, were productive."
_INSIDE = re.compile(
    rf"^(?P<before>.+?),\s*(?P<speaker>{_TRAILING_SPEAKER})\s+{_CLAUSE_VERBS}(?P<where>{_PHRASES}),\s*(?P<after>.+)$",
    re.DOTALL,
)
_ACCORDING = re.compile(
    rf"^(?:[Aa]ccording\s+to\s+(?P<lead>{_SPEAKER}),\s*(?P<content>.+)|(?P<body>.+?),\s*according\s+to\s+(?P<trail>{_SPEAKER}){_SOURCE_CLAUSE}\s*[.!]?)$",
    re.DOTALL,
)
# What a leading frame with no "that" cannot be followed by: "said to", "told the story of", "said in an interview".
_NOT_A_CLAUSE_START = re.compile(
    r"^(?:to|of|in|on|at|with|from|by|for|about|as|into|during|after|before|over)\b", re.IGNORECASE
)
_MIN_CONTENT_WORDS = 3


def reported_content(text: str) -> str:
    """The statement without its reporting frame ("X said (that) ...", "..., X said.", "According to X, ...") or a
    news agency's dateline, or the statement as given when it has neither, or when what would be left is too short
    to be a claim."""
    stripped = text.strip()
    undated = _DATELINE.sub("", stripped, count=1)
    content = _content(undated)
    if content is None and undated != stripped:
        content = undated
    if content is None or len(content.split()) < _MIN_CONTENT_WORDS:
        return text
    return content[:1].upper() + content[1:]


def _clause_word(text: str) -> bool:
    """Whether the words of a would-be frame hold one that opens a clause (``_CLAUSE_WORDS``)."""
    return any(w.lower() in _CLAUSE_WORDS and not (w.isupper() and len(w) > 1) for w in _WORD.findall(text))


def _content(text: str) -> str | None:
    according = _ACCORDING.match(text)
    if according:
        if _counted(according.group("lead") or according.group("trail")):
            return None
        return _sentence(according.group("content") or according.group("body"))
    trailing = _TRAILING.match(text)
    leading = _LEADING.match(text)
    inverted = trailing.group("after") if trailing else None
    if inverted is not None and (
        (leading and _leading_frame(leading)) or any(w.lower() in _AUXILIARIES for w in _WORD.findall(inverted))
    ):
        # "Turkey's foreign minister, Kemal Aydin, said progress was made": an apposition before "said", not
        # the inverted "..., said the minister" with the content as its speaker
        trailing = None
    speaker = (trailing.group("speaker") or trailing.group("after") or "") if trailing else ""
    if trailing and not _clause_word(f"{speaker} {trailing.group('tail')}"):
        return None if _counted(speaker) else _sentence(_named(trailing.group("content"), speaker))
    inside = _INSIDE.match(text)
    if inside and not _clause_word(f"{inside.group('speaker')} {inside.group('where')}"):
        if _counted(inside.group("speaker")):
            return None
        return _sentence(f"{inside.group('before')} {inside.group('after')}")
    if leading and _leading_frame(leading):
        speaker = leading.group("speaker")
        return None if _counted(speaker) else _sentence(_named(leading.group("content"), speaker))
    return None


def _leading_frame(leading: re.Match[str]) -> bool:
    """A leading match is a frame when its words open no clause, and, with no "that" or colon to end it, when a
    clause follows it, not a preposition or an infinitive ("Rebels are said to hold ...")."""
    bounded = leading.group("bounded") is not None
    if _clause_word(f"{leading.group('adjunct') or ''} {leading.group('speaker')} {leading.group('bounded') or ''}"):
        return False
    return bounded or not _NOT_A_CLAUSE_START.match(leading.group("content"))


def _counted(speaker: str) -> bool:
    """The speaker is a share of a group: a quantifier or a percentage ("Most economists say ...", "Nine out of ten
    small firms said ...", "40 percent of voters said ..."). Such a frame reports a survey, and how many said so is
    what the statement claims: without it, "nine out of ten firms" and "only 40 percent of firms" would say the same
    thing. A plain count of sources ("two officials said") is no share and the frame goes."""
    if any(token.lower in QUANTIFYING_WORDS for token in tokenize(speaker)):
        return True
    return any(quantity.unit == "percent" for quantity in parse_quantities(speaker))


_PRONOUN_SUBJECT = re.compile(r"^(?:he|she|they|we|it)\b\s*", re.IGNORECASE)
# "it" that stands for nothing ("it was too early to say", "it would be wrong to", "it seems"): no referent to name.
_EXPLETIVE_IT = re.compile(
    r"^it\s+(?:(?:is|was|'s|’s|seems|seemed|appears|appeared|remains|remained)\b|"
    r"(?:\w+\s+)?(?:be|been|take|takes|took|make|makes)\b)",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"^(?:he|she|they|we|i|it|you)$", re.IGNORECASE)
# A speaker named through someone else ("His daughter", "Her lawyer", "Its spokesman", "Smith's lawyer"): the other
# one, the possessor, is as likely the "he" or "it" of the content ("His daughter said he had died").
_THROUGH_ANOTHER = re.compile(r"^(?:his|her|their|its)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\w['’]s\b|\ws['’](?=\s)")  # "Smith's", "the Smiths'"; not "O'Brien"
_ANIMATE = re.compile(r"^(?:he|she|they)\b", re.IGNORECASE)


def _named(content: str, speaker: str) -> str:
    """The content with a subject pronoun that opens it replaced by the speaker it stands for ("The prosecutor's
    office said it would drop the charges": "The prosecutor's office would drop the charges"), so it aligns with a
    claim that names them; an "it" that stands for nothing stays, and so does a pronoun that may stand for the
    person a speaker is named through ("His daughter said he had died", "Smith's lawyer said he would appeal")."""
    content = content.strip().lstrip("\"“‘'").strip()
    speaker = speaker.split(",")[0].strip()  # "Ann Lee, the governor," is Ann Lee
    if not _PRONOUN_SUBJECT.match(content) or _PERSONAL.match(speaker) or _EXPLETIVE_IT.match(content):
        return content
    if _THROUGH_ANOTHER.match(speaker) or (_ANIMATE.match(content) and _POSSESSIVE.search(speaker)):
        return content
    return _PRONOUN_SUBJECT.sub(speaker + " ", content, count=1)


def _sentence(content: str) -> str:
    """The content as a sentence: quotation marks around all of it dropped, a full stop kept or added."""
    content = content.strip().strip("\"“”'‘’").strip()
    return content if content.endswith((".", "!", "?")) else content + "."
