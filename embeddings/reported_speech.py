"""What a statement reports, without the frame that says who reported it.

A statement checked against the record often arrives as reported speech: "The Coalition is in Iraq against the
wishes of the Iraqi government, a spokesman for the militia said." The record's claims are content already (the
extractor keeps the speaker apart, in the claim's attribution), so the judge should read content against content:
with the frame left in, the alignment the signals read fails on the extra words, and the design card's own pair
came back neutral. Only frames whose verb passes on what was said unchanged are removed ("said", "told reporters",
"according to"); "denied", "doubted" or "hoped" change what the statement commits to and stay.
"""

from __future__ import annotations

import re

from embeddings.signals.statement import parse_quantities
from embeddings.signals.tokens import tokenize
from embeddings.signals.vocabulary import QUANTIFYING_WORDS

# Verbs that report a statement without taking a stance on it, in the forms a frame uses. The first take a clause
# without "that" in a leading frame; the others also take a plain object ("claims tax credits", "announced 500 job
# cuts", "maintains the roads"), so a leading frame needs their "that".
_CLAUSE_VERBS = (
    r"(?:said|says|say|told\s+(?:\w+\s+){0,2}?(?:reporters|journalists|the\s+\w+|us|him|her|them|parliament)|"
    r"tells\s+(?:\w+\s+){0,2}?(?:reporters|journalists|the\s+\w+)|added|adds|insisted|insists|argued|argues|explained)"
)
_THAT_VERBS = (
    r"(?:stated|states|claimed|claims|noted|notes|announced|declared|wrote|writes|asserted|maintained|maintains|"
    r"reported|reports|confirmed|confirms)"
)
_NEUTRAL_VERBS = rf"(?:{_CLAUSE_VERBS}|{_THAT_VERBS})"
# Who says it: a few words, no clause of their own ("A spokesman for the militia", "Mr Smith", "the ministry").
_SPEAKER = r"(?:[A-Z][\w.'’-]*|[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)(?:[\s,][\w.'’-]+){0,8}?"
# After the content, set off by a comma, the frame is plain whoever speaks ("..., aides said", "..., she said").
_TRAILING_SPEAKER = r"[\w.'’-]+(?:[\s,][\w.'’-]+){0,8}?"
_NOT_A_SPEAKER = re.compile(r"\b(?:who|which|that|whose|when|if|because|after|before|while|not|never)\b", re.I)
_WHEN = r"(?:\s+(?:on|in|last|this|earlier|late|early)\s+[\w-]+(?:\s+\w+)?)?"
# After a frame that ends the sentence, where and how it was said, in a few phrases that each open with a
# preposition or a time word ("said in a statement read out on state television on Sunday evening", "told reporters
# at a news conference in Baghdad"): nothing of the content follows the frame there. No clause word may appear
# (``_NOT_A_SPEAKER``, checked on the match), so "..., he said on Monday that ..." keeps its frame.
_FRAME_TAIL = (
    r"(?P<tail>(?:\s+(?:on|in|at|during|after|before|to|with|from|via|through|over|by|ahead\s+of|late|early|"
    r"last|this|earlier|yesterday|today|tonight)(?:\s+[\w.'’-]+){1,5}?){0,3})"
)
# "..., according to a statement from the militia, which was read out on television": what the source is, said of
# it in a relative clause that ends the sentence.
_SOURCE_CLAUSE = r"(?:,\s*(?:which|who)\s[^.;!?]+)?"

_LEADING = re.compile(
    rf"^(?P<speaker>{_SPEAKER})\s+(?:{_CLAUSE_VERBS}{_WHEN}(?:\s+that)?|{_THAT_VERBS}{_WHEN}\s+that)[\s,:]+"
    r"(?P<content>.+)$",
    re.DOTALL,
)
_TRAILING = re.compile(
    rf"^(?P<content>.+?)[,;][\"”’']?\s*(?:(?P<speaker>{_TRAILING_SPEAKER})\s+{_NEUTRAL_VERBS}|"
    rf"{_NEUTRAL_VERBS}\s+(?P<after>{_TRAILING_SPEAKER})){_FRAME_TAIL}\s*[.!]?$",
    re.DOTALL,
)
# A frame inside the content: "The talks, he said, were productive."
_INSIDE = re.compile(
    rf"^(?P<before>.+?),\s*(?P<speaker>{_TRAILING_SPEAKER})\s+{_CLAUSE_VERBS}{_WHEN},\s*(?P<after>.+)$", re.DOTALL
)
_ACCORDING = re.compile(
    rf"^(?:[Aa]ccording\s+to\s+(?P<lead>{_SPEAKER}),\s*(?P<content>.+)|(?P<body>.+?),\s*according\s+to\s+(?P<trail>{_SPEAKER}){_SOURCE_CLAUSE}\s*[.!]?)$",
    re.DOTALL,
)
_MIN_CONTENT_WORDS = 3


def reported_content(text: str) -> str:
    """The statement without its reporting frame ("X said (that) ...", "..., X said.", "According to X, ..."), or
    the statement as given when it has none, or when what would be left is too short to be a claim."""
    stripped = text.strip()
    content = _content(stripped)
    if content is None or len(content.split()) < _MIN_CONTENT_WORDS:
        return text
    return content[:1].upper() + content[1:]


def _content(text: str) -> str | None:
    according = _ACCORDING.match(text)
    if according:
        if _counted(according.group("lead") or according.group("trail")):
            return None
        return _sentence(according.group("content") or according.group("body"))
    trailing = _TRAILING.match(text)
    speaker = (trailing.group("speaker") or trailing.group("after") or "") if trailing else ""
    if trailing and not _NOT_A_SPEAKER.search(f"{speaker} {trailing.group('tail')}"):
        return None if _counted(speaker) else _sentence(_named(trailing.group("content"), speaker))
    inside = _INSIDE.match(text)
    if inside and not _NOT_A_SPEAKER.search(inside.group("speaker")):
        if _counted(inside.group("speaker")):
            return None
        return _sentence(f"{inside.group('before')} {inside.group('after')}")
    leading = _LEADING.match(text)
    if leading and not _NOT_A_SPEAKER.search(leading.group("speaker")):
        speaker = leading.group("speaker")
        return None if _counted(speaker) else _sentence(_named(leading.group("content"), speaker))
    return None


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


def _named(content: str, speaker: str) -> str:
    """The content with a subject pronoun that opens it replaced by the speaker it stands for ("The prosecutor's
    office said it would drop the charges": "The prosecutor's office would drop the charges"), so it aligns with a
    claim that names them; an "it" that stands for nothing stays."""
    content = content.strip().lstrip("\"“‘'").strip()
    speaker = speaker.strip()
    if not _PRONOUN_SUBJECT.match(content) or _PERSONAL.match(speaker) or _EXPLETIVE_IT.match(content):
        return content
    return _PRONOUN_SUBJECT.sub(speaker + " ", content, count=1)


def _sentence(content: str) -> str:
    """The content as a sentence: quotation marks around all of it dropped, a full stop kept or added."""
    content = content.strip().strip("\"“”'‘’").strip()
    return content if content.endswith((".", "!", "?")) else content + "."
