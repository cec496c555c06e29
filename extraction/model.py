"""The extractor's output types: plain frozen values, so the service can store them without touching spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpeakerKind = Literal["person", "organisation", "unknown"]
ClaimKind = Literal["direct_quote", "indirect_quote", "statement"]
# "denies": the speaker denied the text ("the ministry denied that <text>"), so the text is not their claim.
Stance = Literal["asserts", "denies"]


@dataclass(frozen=True, slots=True)
class ExtractedSpeaker:
    """Who made a claim, after pronouns and descriptions were resolved to a named speaker where possible.

    ``name`` is the canonical display name ("Iraqi military", "Wayne Marotto"); ``mention`` is the words at the
    attribution as written ("it", "the military", "Coalition Spokesman Col. Wayne Marotto"), and ``mention_span``
    their offsets in the article (None when the speaker was carried over from an earlier quote).
    ``resolved`` says that ``name`` came from coreference rather than from the mention itself. ``named`` is False
    when the speaker is only a description nothing in the article names ("the minister", "local officials", an
    unresolved "he"): the same words in two articles need not be the same speaker.
    """

    name: str
    kind: SpeakerKind
    mention: str
    mention_span: tuple[int, int] | None
    role: str | None = None
    resolved: bool = False
    named: bool = True


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One attributed claim; ``text == article[span[0]:span[1]]`` always holds.

    ``cue`` is the attribution verb or phrase as written ("said", "according to", "said in a tweet") and
    ``cue_span`` its offsets; a quote that only continues an earlier speaker's quotes shares that quote's cue.
    ``stance`` is "denies" for reported content the speaker denied ("denied that …", "rejected claims that …").
    """

    text: str
    span: tuple[int, int]
    cue: str
    cue_span: tuple[int, int] | None
    kind: ClaimKind
    confidence: float
    speaker: ExtractedSpeaker
    stance: Stance = "asserts"
