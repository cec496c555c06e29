"""Request and response shapes of the v1 contract (../shared/docs/api-contract.md). Names are the contract's."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

MAX_TEXT = 5_000
MAX_DOCUMENT = 200_000


def _no_nul(value: str) -> str:
    """NUL bytes are never text (and PostgreSQL cannot store them): refuse them on both backends alike."""
    if "\x00" in value:
        raise ValueError("text must not contain NUL (0x00) characters")
    return value


NoNul = AfterValidator(_no_nul)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), NoNul]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), NoNul]
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2048), NoNul]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), NoNul]
ClaimKind = Literal["direct_quote", "indirect_quote", "statement"]
ClaimStance = Literal["asserts", "denies"]
RelationName = Literal["entails", "contradicts", "neutral"]
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SaidAt(BaseModel):
    """A point in time that remembers whether it was given as a date or as a datetime."""

    at: datetime
    is_date: bool

    def render(self) -> str:
        return self.at.date().isoformat() if self.is_date else self.at.isoformat()


def parse_when(value: Any) -> SaidAt | None:
    """Dates stay dates; datetimes without a zone are read as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, SaidAt):
        return value
    if isinstance(value, datetime):
        at = value if value.tzinfo else value.replace(tzinfo=UTC)
        return SaidAt(at=at.astimezone(UTC), is_date=False)
    if isinstance(value, date):
        return SaidAt(at=datetime(value.year, value.month, value.day, tzinfo=UTC), is_date=True)
    if isinstance(value, str):
        raw = value.strip()
        if _DATE_ONLY.match(raw):
            day = date.fromisoformat(raw)
            return SaidAt(at=datetime(day.year, day.month, day.day, tzinfo=UTC), is_date=True)
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
        return parse_when(parsed)
    raise ValueError("expected an ISO 8601 date or datetime")


def render_when(at: datetime | None, is_date: bool) -> str | None:
    if at is None:
        return None
    return SaidAt(at=at, is_date=is_date).render()


class _When(BaseModel):
    @field_validator("said_at", "published_at", mode="before", check_fields=False)
    @classmethod
    def _parse_when(cls, value: Any) -> SaidAt | None:
        try:
            return parse_when(value)
        except ValueError as exc:
            raise ValueError(f"not an ISO 8601 date or datetime: {exc}") from None


class ClaimCreate(_When):
    text: Text
    speaker: Name | None = None
    speaker_id: str | None = Field(default=None, max_length=36)
    said_at: SaidAt | None = Field(default=None, json_schema_extra={"type": "string", "format": "date-time"})
    source_url: Url | None = None
    document_id: str | None = Field(default=None, max_length=36)
    kind: ClaimKind = "statement"
    stance: ClaimStance = Field(
        default="asserts",
        description='"denies" when the speaker denied the text ("the ministry denied that <text>"): '
        "the judge then reads a match to it reversed (supporting the text contradicts the claim).",
    )
    external_id: Name | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _attributed(self) -> ClaimCreate:
        if self.speaker is None and self.speaker_id is None:
            raise ValueError("every claim is attributed: give speaker (a name) or speaker_id")
        if len(repr(self.metadata)) > 20_000:
            raise ValueError("metadata is larger than 20,000 characters")
        return self


class BulkClaimsCreate(BaseModel):
    claims: list[ClaimCreate] = Field(min_length=1, max_length=1000)


class BulkClaimsResult(BaseModel):
    ids: list[str]
    created: int
    existing: int


class SpeakerRef(BaseModel):
    id: str | None
    name: str
    kind: str | None = None
    role: str | None = None


class ClaimOut(BaseModel):
    id: str | None
    text: str
    speaker: SpeakerRef | None
    said_at: str | None
    source_url: str | None
    document_id: str | None
    kind: str
    external_id: str | None
    metadata: dict[str, Any]
    created_at: str | None
    stance: str = "asserts"
    cue: str | None = None
    span: list[int] | None = None
    confidence: float | None = None


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


class SourceOut(BaseModel):
    id: str
    name: str
    kind: str
    role: str | None
    aliases: list[str]
    metadata: dict[str, Any]
    created_at: str


class SourceCreate(BaseModel):
    name: Name
    kind: Literal["person", "organisation", "outlet", "unknown"] = "unknown"
    role: Name | None = None
    aliases: list[Name] = Field(default_factory=list, max_length=100)


class AliasCreate(BaseModel):
    alias: Name


class CheckRequest(_When):
    text: Text
    speaker: Name | None = None
    said_at: SaidAt | None = Field(default=None, json_schema_extra={"type": "string", "format": "date-time"})
    top_k: int = Field(default=10, ge=1, le=100)
    stance: ClaimStance = Field(
        default="asserts", description='"denies" when the speaker denies the text: each relation is then reversed.'
    )


class Probabilities(BaseModel):
    entailment: float
    neutral: float
    contradiction: float


class MatchOut(BaseModel):
    claim: ClaimOut
    similarity: float = Field(
        ge=0.0,
        le=1.0,
        description=(
            "how closely the stored claim matches the statement, 0..1, on a cosine-like scale: the retrieval score "
            "(embedding cosine fused with keyword rank) calibrated so that a match of similarity s is as likely "
            "to be the claim the statement repeats as a match whose plain embedding cosine is s. Matches are "
            "sorted by it. Below the service's relation_min_similarity (default 0.35) a match is always neutral, "
            "and a relation backed by no explicit signal (number, date, place, negation, antonym) also needs "
            "unsupported_relation_min_similarity (default 0.55); a match neutral for either reason carries the "
            "signal low_similarity"
        ),
    )
    cosine: float | None = Field(
        default=None, description="the plain cosine similarity of the two texts' sentence embeddings (-1..1)"
    )
    relation: RelationName
    probabilities: Probabilities
    reverse_probabilities: Probabilities | None = Field(
        default=None,
        description="the same pair judged the other way round (the statement as premise, the claim as hypothesis); "
        "the match contradicts when either direction does (signal reverse_contradiction when only this one does)",
    )
    same_speaker: bool
    signals: list[str]


Verdict = Literal["contradicted", "supported", "mixed", "unverified"]


class CheckResult(BaseModel):
    verdict: Verdict
    matches: list[MatchOut]


class Pair(BaseModel):
    a: Text
    b: Text


class CompareRequest(BaseModel):
    pairs: list[Pair] = Field(min_length=1, max_length=256)


class Judged(BaseModel):
    relation: RelationName
    probabilities: Probabilities
    reverse_probabilities: Probabilities | None = Field(
        default=None, description="b as premise, a as hypothesis: the pair contradicts when either direction does"
    )
    signals: list[str]


class CompareResult(BaseModel):
    results: list[Judged]


class QuoteCreate(_When):
    quote: Text
    speaker: Name
    source_url: Url | None = None
    said_at: SaidAt | None = Field(default=None, json_schema_extra={"type": "string", "format": "date-time"})
    external_id: Name | None = None
    top_k: int = Field(default=10, ge=1, le=100)


class QuoteResult(BaseModel):
    claim: ClaimOut
    check: CheckResult


class DocumentCreate(_When):
    text: Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=MAX_DOCUMENT), NoNul]
    url: Url | None = None
    title: ShortText | None = None
    publisher: Name | None = None
    published_at: SaidAt | None = Field(default=None, json_schema_extra={"type": "string", "format": "date-time"})

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value


class DocumentOut(BaseModel):
    id: str
    url: str | None
    title: str | None
    publisher: str | None
    published_at: str | None
    claims: list[ClaimOut]
    created_at: str


class FlagOut(BaseModel):
    id: str
    status: Literal["open", "confirmed", "dismissed"]
    kind: str
    relation: str
    origin: str
    claim: ClaimOut
    other_claim: ClaimOut
    probabilities: Probabilities
    reverse_probabilities: Probabilities | None = None
    signals: list[str]
    similarity: float | None
    same_speaker: bool
    created_at: str
    reviews: list[dict[str, Any]]


class FlagReviewCreate(BaseModel):
    status: Literal["confirmed", "dismissed"]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)] | None = None


class ReconciliationOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    status: Literal["queued", "running", "succeeded", "failed"]
    started_at: str | None
    finished_at: str | None
    stats: dict[str, Any]


class ReconciliationCreate(_When):
    since: datetime | None = None
    full: bool = False
