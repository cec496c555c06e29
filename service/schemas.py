"""Request and response shapes of the v1 contract (../shared/docs/api-contract.md). Names are the contract's."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from db.types import stored_id
from extraction import speaker_key

MAX_TEXT = 5_000
MAX_DOCUMENT = 200_000
MAX_NAME = 300
MAX_URL = 2048
MAX_BULK_CLAIMS = 1_000
MAX_PAIRS = 256
# A free JSON object (a claim's metadata): nested at most this deep, and at most this many characters as compact
# JSON text (what is stored), so one claim can neither exhaust a parser's recursion nor bloat every page it is on.
MAX_JSON_DEPTH = 32
MAX_JSON_CHARACTERS = 20_000
# Every instant the service stores or compares stays within these years, in its own zone and in UTC: outside
# them a zone shift overflows Python's datetime, and the databases disagree on what they can store.
MIN_YEAR, MAX_YEAR = 1000, 9999
_SURROGATE = re.compile("[\ud800-\udfff]")
# What no stored string may hold: a lone surrogate (UTF-8 cannot encode it) or NUL (PostgreSQL's text and jsonb
# refuse it).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _no_nul(value: str) -> str:
    """NUL bytes and lone surrogates are never text (PostgreSQL cannot store the one, UTF-8 cannot encode the
    other): refuse them on both backends alike."""
    if "\x00" in value:
        raise ValueError("text must not contain NUL (0x00) characters")
    if _SURROGATE.search(value):
        raise ValueError("text must not contain lone UTF-16 surrogates (half of an emoji?)")
    return value


class JsonValueError(ValueError):
    """What is wrong with a JSON value, and where (the keys and indexes leading to it)."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.path = path


def check_json_value(value: Any, *, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise ValueError naming the place if ``value`` is not plain, storable JSON: nested deeper than ``max_depth``,
    a non-finite number (NaN, Infinity: not JSON, and PostgreSQL refuses them), or a string or key with a lone
    surrogate or a NUL character. Iterative, so a deeply nested value cannot exhaust the stack."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        where = "/".join(str(p) for p in path) or "the value"
        if len(path) > max_depth:
            raise JsonValueError(f"nested deeper than {max_depth} levels at {where}", path)
        if isinstance(item, str):
            if (bad := _NOT_TEXT.search(item)) is not None:
                what = "a NUL (0x00) character" if bad.group() == "\x00" else "a lone UTF-16 surrogate"
                raise JsonValueError(f"{what} in the string at {where}", path)
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise JsonValueError(f"a non-finite number ({item}) at {where}: JSON has no NaN or Infinity", path)
        elif isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str) or _NOT_TEXT.search(key):
                    raise JsonValueError(f"a key that is not valid text under {where}", path)
                stack.append((child, (*path, key)))
        elif isinstance(item, list | tuple):
            stack.extend((child, (*path, index)) for index, child in enumerate(item))
        elif not (item is None or isinstance(item, bool | int)):
            raise JsonValueError(f"{type(item).__name__} at {where} is not a JSON value", path)


def _json_object(value: dict[str, Any]) -> dict[str, Any]:
    check_json_value(value)
    size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    if size > MAX_JSON_CHARACTERS:
        raise ValueError(f"larger than {MAX_JSON_CHARACTERS:,} characters as JSON ({size:,})")
    return value


# A free JSON object coming in (metadata): finite numbers, valid text, depth <= 32, <= 20,000 characters.
JsonObject = Annotated[
    dict[str, Any],
    AfterValidator(_json_object),
    Field(
        description=f"any JSON object: at most {MAX_JSON_DEPTH} levels deep and {MAX_JSON_CHARACTERS:,} characters "
        "as compact JSON; no NaN or Infinity"
    ),
]


NoNul = AfterValidator(_no_nul)
# Schemes a browser runs rather than fetches: a source link of this kind would be a script in every page and
# client that shows the claim. Browsers drop tabs, newlines and controls inside a scheme, so those are ignored here.
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_SCHEME_NOISE = re.compile(r"[\x00-\x20\x7f]")


def _no_script_scheme(value: str) -> str:
    if _SCHEME_NOISE.sub("", value[:40]).lower().startswith(_SCRIPT_SCHEMES):
        raise ValueError("a javascript:, vbscript: or data: URL is not a source link")
    return value


NoScriptScheme = AfterValidator(_no_script_scheme)
# RFC 3986: an absolute URI starts with its scheme. Without one ("not a url", "/news/1", "example.org/a") a link
# cannot be followed from anywhere but the page it was copied from.
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f]|\s")


def _absolute_url(value: str) -> str:
    """A link stored with a claim or a document (``source_url``, a document's ``url``) must be followable: an
    absolute URL, an http(s) one with a host. Other schemes (``urn:isbn:…``, ``doi:…``) stay, as before."""
    if _NOT_IN_URL.search(value):
        raise ValueError("a URL holds no spaces or control characters: percent-encode them")
    scheme = _URI_SCHEME.match(value)
    if scheme is None or scheme.end() == len(value):
        raise ValueError("not an absolute URL: give it with its scheme, e.g. https://example.org/article")
    if scheme.group().lower() in ("http:", "https:"):
        try:
            host = urlsplit(value).hostname
        except ValueError:
            host = None
        if not host:
            raise ValueError("an http(s) URL names its host, e.g. https://example.org/article")
    return value


AbsoluteUrl = AfterValidator(_absolute_url)


def is_blank(value: str) -> bool:
    """Whether text shows nothing: only whitespace, controls and format characters (Unicode category Cf: zero-width
    spaces and joiners, bidi controls, the BOM, soft hyphens). Such text is empty, however long it is."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Cc") for c in value)


def _visible(value: str) -> str:
    if is_blank(value):
        raise ValueError(
            "text is empty: it holds only whitespace or invisible (zero-width, bidi or control) characters"
        )
    return value


Visible = AfterValidator(_visible)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), NoNul, Visible]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME), NoNul, Visible]


def _key_fits(value: str) -> str:
    """A speaker is found again by its name's key, kept beside the name in a column as wide as the name; folding can
    make the key longer ("ß" keys as "ss", the ligature "ﬃ" as "ffi"), and a key wider than its column was a 500
    on PostgreSQL while SQLite, which does not enforce the width, stored it."""
    if len(speaker_key(value)) > MAX_NAME:
        raise ValueError(
            f"the name is too long: at most {MAX_NAME} characters once letter case and ligatures are folded "
            '("ß" counts as "ss")'
        )
    return value


# A name that identifies a speaker (a claim's, a check's or a quote's speaker, a source's name and its aliases).
SpeakerName = Annotated[Name, AfterValidator(_key_fits)]
# One rule for every stored link (a claim's or quote's source_url, a document's url, a webhook's): documented as
# a URI, which is what ``AbsoluteUrl`` takes (a link without its scheme is refused).
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_URL),
    NoNul,
    NoScriptScheme,
    AbsoluteUrl,
    Field(json_schema_extra={"format": "uri"}),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), NoNul, Visible]


def canonical_id(value: str) -> str:
    """A UUID in the one form ids are stored in (``db.types.stored_id``); anything else is left as it is, for the
    caller's own "unknown id" answer."""
    return stored_id(value) or value


Id = Annotated[str, AfterValidator(canonical_id)]
ClaimKind = Literal["direct_quote", "indirect_quote", "statement"]
ClaimStance = Literal["asserts", "denies"]
RelationName = Literal["entails", "contradicts", "neutral"]


class SaidAt(BaseModel):
    """A point in time that remembers whether it was given as a date or as a datetime."""

    at: datetime
    is_date: bool

    def render(self) -> str:
        return self.at.date().isoformat() if self.is_date else self.at.isoformat()


class OutOfRangeError(ValueError):
    """A well-formed instant outside the years the service keeps."""


def within_years(at: datetime) -> datetime:
    """``at`` (zone-aware or read as UTC) in UTC, or ValueError when it or its UTC instant falls outside the years
    1000-9999 ("9999-12-31T23:59:59-01:00" is in the year 10000 in UTC)."""
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    try:
        utc = at.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not (MIN_YEAR <= at.year <= MAX_YEAR and MIN_YEAR <= utc.year <= MAX_YEAR):
        raise OutOfRangeError(f"{at.isoformat()} is outside the years {MIN_YEAR}-{MAX_YEAR} (in UTC too)")
    return utc


def parse_when(value: Any) -> SaidAt | None:
    """Dates stay dates; datetimes without a zone are read as UTC. ValueError for anything else, including an
    instant outside the years 1000-9999 before or after its shift to UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, SaidAt):
        return value
    if isinstance(value, datetime):
        return SaidAt(at=within_years(value), is_date=False)
    if isinstance(value, date):
        return SaidAt(at=within_years(datetime(value.year, value.month, value.day, tzinfo=UTC)), is_date=True)
    if isinstance(value, str):
        raw = value.strip()
        try:  # every ISO 8601 date form stays a date: "2021-05-01", "20210501", "2021-W17-1"
            day = date.fromisoformat(raw)
        except ValueError:
            day = None
        if day is not None:
            return parse_when(day)
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
        return parse_when(parsed)
    raise ValueError("expected an ISO 8601 date or datetime")


def render_when(at: datetime | None, is_date: bool) -> str | None:
    if at is None:
        return None
    return SaidAt(at=at, is_date=is_date).render()


# How a said_at or published_at travels: an ISO 8601 date or datetime string (within the years 1000-9999); an empty
# string (a form's blank field) is read as null, as ``parse_when`` does.
WHEN_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "date"},
        {"type": "string", "maxLength": 0},
        {"type": "null"},
    ],
    "description": "ISO 8601 date or datetime (a datetime without a zone is UTC), years 1000-9999; empty or null: none",
}


# What describes a property rather than constrains its value: stays beside the anyOf, as pydantic writes an Optional.
_ANNOTATIONS = ("title", "description", "default", "examples", "deprecated")


def null_means_default(field: dict[str, Any]) -> dict[str, Any]:
    """``field``'s JSON schema with null allowed beside its values (``anyOf: [values, null]``). The values keep the
    field's title, which code generators name an enum or object after: a client generated before keeps its
    ``ClaimCreateKind`` and ``ClaimCreateMetadata`` (not ``...Type0``)."""
    if any(option.get("type") == "null" for option in field.get("anyOf", [])):
        return field
    values = {k: v for k, v in field.items() if k not in _ANNOTATIONS or k == "title"}
    return {"anyOf": [values, {"type": "null"}], **{k: v for k, v in field.items() if k in _ANNOTATIONS}}


def _json_integer(value: Any) -> Any:
    """A count is a JSON number: pydantic's lax mode read ``true`` as 1 and ``"5"`` as 5, where the schema says
    integer. 5.0 stays 5 (JSON Schema counts it an integer)."""
    if isinstance(value, bool | str):
        raise ValueError("must be an integer (a JSON number, not a string or a boolean)")
    return value


# How many matches /v1/check and /v1/quotes list.
TopK = Annotated[int, Field(ge=1, le=100), BeforeValidator(_json_integer)]


class _When(BaseModel):
    """A creating or checking request body: its dates parsed as ``parse_when`` does, and a field that has a default
    (``kind``, ``metadata``, ``stance``, ``top_k``, ``full``) taking it when sent as null, as when left out. The
    contract's own example sends ``"document_id": null`` for a field it does not set, and clients that write every
    field do so for ``metadata`` and ``kind`` too."""

    @classmethod
    def _defaulted_fields(cls) -> set[str]:
        """Optional fields whose default is not null itself (a default_factory's default is not None either)."""
        return {n for n, f in cls.model_fields.items() if not f.is_required() and f.default is not None}

    @model_validator(mode="before")
    @classmethod
    def _null_is_default(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        defaulted = cls._defaulted_fields()
        return {key: value for key, value in data.items() if value is not None or key not in defaulted}

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The schema says what the server takes: null where null means the default, so a generated client can
        send it (``"kind": null`` types as ``kind: ClaimCreateKind | None``)."""
        schema = handler(core_schema)
        properties = handler.resolve_ref_schema(schema).get("properties", {})
        for name in cls._defaulted_fields():
            field = properties.get(cls.model_fields[name].alias or name)
            if field is not None:
                properties[cls.model_fields[name].alias or name] = null_means_default(field)
        return schema

    @field_validator("said_at", "published_at", mode="before", check_fields=False)
    @classmethod
    def _parse_when(cls, value: Any) -> SaidAt | None:
        try:
            return parse_when(value)
        except OutOfRangeError:
            raise
        except ValueError as exc:
            raise ValueError(f"not an ISO 8601 date or datetime: {exc}") from None


# What a speaker name given over the API resolves to (ClaimCreate, QuoteCreate, CheckRequest).
SPEAKER_NAME_DOC = (
    "the speaker's name: a known name or alias (titles, articles and case aside) is that source, a new name a new "
    'source. A lone surname ("Alvarez", "Mr. Alvarez") that names no source itself but ends the names of '
    "several people on record is a 422 listing them (`errors[].candidates`): give the full name or speaker_id"
)


class ClaimCreate(_When):
    model_config = ConfigDict(
        json_schema_extra={
            "description": "An attributed claim: `speaker` (a name) or `speaker_id` (a source's id) is required.",
            # Either required set, as a constraint beside the properties (allOf), not as alternatives to them: code
            # generators read a top-level anyOf as a union of two bodies without the other fields.
            "allOf": [{"anyOf": [{"required": ["speaker"]}, {"required": ["speaker_id"]}]}],
        }
    )

    text: Text
    speaker: SpeakerName | None = Field(default=None, description=SPEAKER_NAME_DOC)
    speaker_id: Id | None = Field(
        default=None,
        max_length=36,
        description="a source's id; with `speaker` too, the name must be that source's name or an alias (or its "
        "surname), else 422 naming both",
    )
    said_at: SaidAt | None = Field(default=None, json_schema_extra=WHEN_SCHEMA)
    source_url: Url | None = None
    document_id: Id | None = Field(default=None, max_length=36)
    kind: ClaimKind = "statement"
    stance: ClaimStance = Field(
        default="asserts",
        description='"denies" when the speaker denied the text ("the ministry denied that <text>"): '
        "the judge then reads a match to it reversed (supporting the text contradicts the claim).",
    )
    external_id: Name | None = None
    metadata: JsonObject = Field(default_factory=dict)

    @model_validator(mode="after")
    def _attributed(self) -> ClaimCreate:
        if self.speaker is None and self.speaker_id is None:
            raise ValueError("every claim is attributed: give speaker (a name) or speaker_id")
        return self


class BulkClaimsCreate(BaseModel):
    claims: list[ClaimCreate] = Field(min_length=1, max_length=MAX_BULK_CLAIMS)


class BulkClaimsResult(BaseModel):
    ids: list[str]
    created: int
    existing: int


class SpeakerRef(BaseModel):
    id: str | None
    name: str
    kind: str | None = None
    role: str | None = None
    aliases: list[str] = Field(
        description='the source\'s other names, as `GET /v1/sources/{id}` lists them ("Iraqi Security Media Cell" '
        'for "Iraqi military"): what a reader of a claim or a flag may know the speaker as'
    )


class ClaimOut(BaseModel):
    """A stored claim: it always has its id and its speaker (every claim is attributed)."""

    id: str
    text: str
    speaker: SpeakerRef
    said_at: str | None
    source_url: str | None
    document_id: str | None
    kind: str
    external_id: str | None
    metadata: dict[str, Any]
    created_at: str
    stance: str = "asserts"
    cue: str | None = Field(default=None, description="The attribution verb or phrase (extracted claims only).")
    span: list[int] | None = Field(
        default=None,
        description=(
            "[start, end): where the claim's content is in its document's text; the text there is the claim's"
            " text. A quotation interrupted by its attribution (“The talks,” he said, “went well.”) is one claim"
            " whose span holds both pieces and the cue between them. Offsets count Unicode code points (not UTF-16"
            " code units or bytes): in JavaScript, index the text as an array of code points (`Array.from(text)`)."
        ),
    )
    confidence: float | None = Field(default=None, description="How sure the extractor is, 0..1.")


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


class SourceOut(BaseModel):
    id: str
    name: str = Field(
        description='the name without titles or role; a speaker an article only describes ("the minister") is '
        'named after the description and the article: "minister in “Rail plan unveiled”" (its title, else its '
        'URL without the scheme, else "document" and a short id)'
    )
    kind: str
    role: str | None
    aliases: list[str] = Field(description='other names as written, titles kept ("Finance Minister Jonas Berg")')
    metadata: dict[str, Any] = Field(
        description="`document_id`: the one article whose description of a speaker this source is; "
        "`merged_from`: the ids of sources merged into this one (`POST /v1/sources/{id}/merge`, or look-alike "
        "spellings joined by an upgrade), and `merges`: each request's merged `id`, `name` and `merged_at`"
    )
    created_at: str


ALIAS_DOC = (
    "another name that resolves to this source. One that already does once titles, articles and case are set "
    'aside ("Finance Minister Jonas Berg" for "Jonas Berg") is kept as written and listed in `aliases`; the '
    "name itself, or a form already listed, adds nothing; one naming another source is 409"
)


def _source_kind(value: object) -> object:
    """The American spelling is the same kind: a client that writes "organization" means an organisation, and a
    422 for the spelling would lose the source's aliases with it."""
    return "organisation" if isinstance(value, str) and value.strip().lower() == "organization" else value


SourceKind = Annotated[
    Literal["person", "organisation", "outlet", "unknown"],
    BeforeValidator(_source_kind),
    Field(description='"organization" is taken as "organisation"'),
]


class SourceCreate(BaseModel):
    name: SpeakerName
    kind: SourceKind = "unknown"
    role: Name | None = None
    aliases: list[SpeakerName] = Field(default_factory=list, max_length=100, description=f"each {ALIAS_DOC}")


class AliasCreate(BaseModel):
    alias: SpeakerName = Field(description=ALIAS_DOC)


def _never_null(*names: str) -> Any:
    """``json_schema_extra`` for fields that may be left out but are refused as null: the schema says so."""

    def drop_null(schema: dict[str, Any]) -> None:
        for name in names:
            field = schema["properties"][name]
            values = [option for option in field.pop("anyOf", []) if option.get("type") != "null"]
            field.update(values[0] if len(values) == 1 else {"anyOf": values})

    return drop_null


class SourceUpdate(BaseModel):
    """Rename or reclassify a source; fields left out stay as they are."""

    model_config = ConfigDict(json_schema_extra=_never_null("name", "kind"))

    name: SpeakerName | None = Field(
        default=None,
        description="the new name; the old one stays an alias, so claims sent with it keep resolving. A name "
        "another source holds is 409: merge the two instead (`POST /v1/sources/{id}/merge`)",
    )
    kind: SourceKind | None = None
    role: Name | None = Field(default=None, description="null clears it")

    @model_validator(mode="after")
    def _no_null_name_or_kind(self) -> SourceUpdate:
        for field in ("name", "kind"):
            if field in self.model_fields_set and getattr(self, field) is None:
                raise ValueError(f"{field} cannot be null: leave it out to keep it")
        return self


class SourceMerge(BaseModel):
    source_id: Id = Field(
        description="the other source: its claims, aliases and name move to this one and it is deleted"
    )


class SourceMerged(SourceOut):
    """The kept source as `GET /v1/sources/{id}` shows it, and what the merge moved."""

    claims_moved: int = Field(description="claims of the other source, now this one's")
    aliases_moved: int = Field(
        description="names this source gained: the other's aliases as written and its name (forms it already "
        "listed are not counted)"
    )
    statement_flags_moved: int = Field(description="flags on a checked statement the other source said")
    flags_to_self_contradiction: int = Field(
        description="`contradiction` flags (open or reviewed) whose two sides are now this one speaker: each pair "
        "is now a `self_contradiction` with `same_speaker` true"
    )
    flags_removed: int = Field(
        description="flags deleted as repeats: a pair already flagged as a self-contradiction (the same statement "
        "checked under both names), or a moved claim that is now a copy of one of this speaker's statements (a "
        "wire story the two names carried): the flag between the copies, and each second flag of one pair of "
        "statements. The older flag is kept with the reviews of both, listing the copies"
    )


class CheckRequest(_When):
    text: Text
    speaker: SpeakerName | None = Field(
        default=None,
        description="who says it, for `same_speaker`: a known name or alias (titles, articles and case aside); "
        "nothing is created. A lone surname several people on record share is a 422 listing them "
        "(`errors[].candidates`): give the full name",
    )
    said_at: SaidAt | None = Field(default=None, json_schema_extra=WHEN_SCHEMA)
    top_k: TopK = 10
    stance: ClaimStance = Field(
        default="asserts", description='"denies" when the speaker denies the text: each relation is then reversed.'
    )


class Probabilities(BaseModel):
    entailment: float
    neutral: float
    contradiction: float


class ClaimReviewRating(BaseModel):
    """A fact-checker's published rating of a claim (imported from schema.org ClaimReview): "rated False by
    PolitiFact"."""

    id: str
    rating: str | None = Field(description='reviewRating.alternateName, e.g. "False" or "Mostly true"')
    rating_value: int | float | None = Field(description="reviewRating.ratingValue")
    best_rating: int | float | None = Field(description="reviewRating.bestRating")
    worst_rating: int | float | None = Field(description="reviewRating.worstRating")
    author: str | None = Field(description="the fact-checker (the review's author.name)")
    url: str | None = Field(description="where the review is published")
    date_published: str | None


class MatchOut(BaseModel):
    claim: ClaimOut
    similarity: float = Field(
        ge=0.0,
        le=1.0,
        description=(
            "how closely the stored claim matches the statement, 0..1, on a cosine-like scale: the retrieval score "
            "(embedding cosine fused with keyword rank) calibrated so that a match of similarity s is as likely "
            "to be the claim the statement repeats as a match whose plain embedding cosine is s. Matches are "
            "sorted by it. The similarity gates read the lower of this and the plain cosine (a claim ranked first "
            "by keywords is lifted in rank, not made more alike): below the service's relation_min_similarity "
            "(default 0.35) a match is always neutral, and a relation backed by no explicit signal (number, date, "
            "place, negation, antonym) also needs unsupported_relation_min_similarity (default 0.55); a match "
            "neutral for either reason carries the signal low_similarity. A contradiction with an explicit signal "
            "whose opposite or negation is the only difference between the texts (detail the longer one adds, a "
            "name where the other has a pronoun, aside) needs only framed_relation_min_similarity (default 0.25), and "
            "one between two statements worded alike (about half the shorter one's content words in the other) "
            "only relation_min_similarity"
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
    reviews: list[ClaimReviewRating] = Field(
        default_factory=list,
        description="published fact-checks of the matched claim (imported through POST /v1/claimreviews)",
    )
    matched_text: str | None = Field(
        default=None,
        description="for a statement of over 400 characters, the part of it (a sentence, or a few short ones) that "
        "matched this claim best: the judge read the claim against this text, not the whole statement, and "
        "similarity, low_similarity and short_query are this text's. As searched: normalised (links and emoji "
        "out, hashtags and handles as words, whitespace collapsed), so not always a verbatim slice of the "
        "statement. null when the whole statement matched (every statement of up to 400 characters)",
    )


Verdict = Literal["contradicted", "supported", "mixed", "unverified"]


class CheckResult(BaseModel):
    verdict: Verdict
    matches: list[MatchOut]


class Pair(BaseModel):
    a: Text
    b: Text


class CompareRequest(BaseModel):
    pairs: list[Pair] = Field(min_length=1, max_length=MAX_PAIRS)


class Judged(BaseModel):
    relation: RelationName
    probabilities: Probabilities
    reverse_probabilities: Probabilities | None = Field(
        default=None, description="b as premise, a as hypothesis: the pair contradicts when either direction does"
    )
    similarity: float | None = Field(
        default=None,
        description=(
            "/v1/compare: cosine of the two texts' embeddings. As in /v1/check, a pair less similar than "
            "relation_min_similarity (default 0.35), or a relation with no explicit contradiction signal below "
            "unsupported_relation_min_similarity (default 0.55), is neutral with the signal low_similarity "
            "(a contradiction told in one frame needs only framed_relation_min_similarity, default 0.25; one between "
            "two statements worded alike only relation_min_similarity)"
        ),
    )
    signals: list[str]


class CompareResult(BaseModel):
    results: list[Judged]


class QuoteCreate(_When):
    quote: Text
    speaker: SpeakerName = Field(description=SPEAKER_NAME_DOC)
    source_url: Url | None = None
    said_at: SaidAt | None = Field(default=None, json_schema_extra=WHEN_SCHEMA)
    external_id: Name | None = None
    top_k: TopK = 10


class QuoteResult(BaseModel):
    claim: ClaimOut
    check: CheckResult


def _document_fits(value: str) -> str:
    """The limit counts the trimmed text, as for every text field, while the text itself is kept as sent: a
    document of 200,000 characters with a blank line after it is within the contract's limit."""
    if len(value.strip()) > MAX_DOCUMENT:
        raise PydanticCustomError(
            "string_too_long", "String should have at most {max_length} characters", {"max_length": MAX_DOCUMENT}
        )
    return value


class DocumentCreate(_When):
    # Kept as sent (not stripped): extracted claims carry their character offsets into it.
    text: Annotated[
        str,
        StringConstraints(strip_whitespace=False, min_length=1),
        NoNul,
        Visible,
        AfterValidator(_document_fits),
        Field(json_schema_extra={"maxLength": MAX_DOCUMENT}),
    ]
    url: Url | None = None
    title: ShortText | None = None
    publisher: Name | None = None
    published_at: SaidAt | None = Field(default=None, json_schema_extra=WHEN_SCHEMA)


class DocumentOut(BaseModel):
    id: str
    url: str | None
    title: str | None
    publisher: str | None
    published_at: str | None
    claims: list[ClaimOut]
    created_at: str
    unread_characters: int | None = Field(
        description=(
            "How many characters of the text the extractor left unread: it reads about 100,000 characters of prose"
            " and the first 20,000 characters of any one paragraph, and claims come only from what it read (lines"
            " it skips as junk, mostly non-letters, are not counted). 0 when it read everything it could; null for"
            " documents stored before this was recorded."
        ),
    )


class FlagCopy(BaseModel):
    """Another stored copy of one of a flag's statements: the same speaker's same words carried by another outlet."""

    id: str
    source_url: str | None = None


class FlagCopies(BaseModel):
    """The other copies of each side's statement (wire copies): the flag stands for every pair of them."""

    claim: list[FlagCopy] = Field(default_factory=list)
    other_claim: list[FlagCopy] = Field(default_factory=list)


class FlagClaimOut(ClaimOut):
    """A flag's first side: the stored claim, or the statement `/v1/check` (or `/ui/check`) was asked about, which
    was never stored. Such a statement has no id (there is nothing to fetch) and, when the check named nobody, no
    speaker; a speaker the check named that no source had yet has a name and no id. Its `created_at` is the flag's."""

    # Wider than a stored claim's on purpose: only this side can be a statement that was never stored.
    id: str | None  # type: ignore[assignment]
    speaker: SpeakerRef | None  # type: ignore[assignment]


class FlagOut(BaseModel):
    id: str
    status: Literal["open", "confirmed", "dismissed"]
    kind: str
    relation: str
    origin: str
    claim: FlagClaimOut
    other_claim: ClaimOut
    probabilities: Probabilities
    reverse_probabilities: Probabilities | None = None
    signals: list[str]
    similarity: float | None
    same_speaker: bool
    created_at: str
    reviews: list[dict[str, Any]]
    copies: FlagCopies | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="present when a side's statement is stored more than once (a wire story several outlets "
        "carried): its other copies, which this one flag stands for",
    )


class FlagReviewCreate(BaseModel):
    status: Literal["confirmed", "dismissed"]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)] | None = None


def _absent(value: object) -> bool:
    return value is None


def _stat(description: str) -> Any:
    """A report field: optional (a queued, running or failed run has none, and older reports lack newer fields)
    and left out of the reply when absent, so stored stats come back exactly as they were written."""
    return Field(default=None, exclude_if=_absent, description=description)


class ReconciliationCounts(BaseModel):
    """The report's counts (more may be added)."""

    model_config = ConfigDict(extra="allow")

    claims_total: int | None = _stat("claims on record at the end of the run")
    claims_checked: int | None = _stat("claims of the run's window that were matched and judged")
    pairs_judged: int | None = _stat(
        "judgements the judge made: each match it reads is judged both ways; far-off matches (below"
        " relation_min_similarity, neutral whatever it says) are not read"
    )
    chunks: int | None = _stat("chunks committed")
    flags_new: int | None = _stat("flags this run raised")
    flags_still_contradicting: int | None = _stat(
        "open contradiction flags raised before this run whose pair it judged again and found still contradicting"
    )
    flags_no_longer_contradicting: int | None = _stat(
        "open contradiction flags raised before this run whose pair it judged again and no longer found "
        "contradicting (after a threshold or judge change, say): listed in `flags_rejudged` for review, status "
        "unchanged"
    )
    flags_not_judged_again: int | None = _stat(
        "a full run only: open contradiction flags raised before it whose pair it did not judge again (neither claim "
        "is among the other's matches any more): listed in `flags_rejudged`, status unchanged"
    )
    idempotency_records_pruned: int | None = _stat("expired Idempotency-Key records deleted")
    reverse_pairs_judged: int | None = _stat(
        "pairs judged from an older claim's side: a new claim among the older one's own matches though not among "
        "the new claim's (CLAIMLEDGER_RECONCILE_REVERSE_CANDIDATES)"
    )
    copy_pairs_not_flagged: int | None = _stat(
        "findings between two copies of one statement (a wire story several outlets carried): no flag raised"
    )
    copy_pairs_on_existing_flag: int | None = _stat(
        "findings between copies of two statements a flag already stands for: added to that flag's `copies`, no "
        "new flag"
    )


class RejudgedFlags(BaseModel):
    """Open flags (raised before the run) whose pair the run judged again."""

    model_config = ConfigDict(extra="allow")

    still_contradicting: int | None = _stat("still contradicting: nothing to do")
    no_longer_contradicting: int | None = _stat("no longer contradicting: a reviewer may dismiss them")
    no_longer_contradicting_flags: list[dict[str, Any]] | None = _stat(
        "those no longer contradicting (the first 1,000), as `top_contradictions` lists flags"
    )
    not_judged_again: int | None = _stat("a full run only: open flags whose pair it did not meet again")
    not_judged_again_flags: list[dict[str, Any]] | None = _stat("those (the first 1,000), still open")


class ReconciliationStats(BaseModel):
    """A finished run's report (empty before then). Every field is optional and more may be added."""

    model_config = ConfigDict(extra="allow")

    run: dict[str, Any] | None = _stat("id, full, since_requested, since, cutoff, started_at, finished_at, resumes")
    scope: str | None = _stat("full, since, incremental or initial")
    model: dict[str, Any] | None = _stat("encoder, judge, model_changed, embedded, vectors_dropped")
    counts: ReconciliationCounts | None = _stat("what the run did")
    flags_new: dict[str, int] | None = _stat("new flags by kind")
    flags_rejudged: RejudgedFlags | None = _stat("open flags the run judged again")
    throughput: dict[str, Any] | None = _stat("claims_per_s, pairs_per_s")
    top_contradictions: list[dict[str, Any]] | None = _stat("the run's new contradictions, most probable first")
    duplicate_clusters: list[dict[str, Any]] | None = _stat("near-duplicate pairs joined into groups")
    flags_per_day: list[dict[str, Any]] | None = _stat("flags raised per day by kind, the last 30 days")
    timings_s: dict[str, float] | None = _stat("seconds per stage, and total")
    reports: dict[str, str] | None = _stat("paths of the JSON and HTML report files, or the error writing them")
    settings_changed: list[str] | None = _stat("what a resumed run could not keep as it started (the judge), if any")


class ReconciliationOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    status: Literal["queued", "running", "succeeded", "failed"]
    started_at: str | None
    finished_at: str | None
    stats: ReconciliationStats


class ReconciliationRunOut(ReconciliationOut):
    """The contract's run shape, plus what was asked, its window and its error."""

    full: bool
    since: str | None = Field(description="the requested start of the window (null: since the last successful run)")
    cutoff: str | None = Field(description="claims changed up to this instant are in the run")
    created_at: str | None
    error: str | None = Field(description="why the run failed")
    progress: dict[str, Any] = Field(description="stage, cursor and counters, committed with every chunk")
    waiting_for_worker: str | None = Field(
        default=None,
        description="set only while the run is queued and no batch worker is alive to start it (none announced "
        "itself within three heartbeats): why it waits and what starts one; null otherwise",
    )


def since_not_in_future(since: datetime, now: datetime | None = None) -> datetime:
    """A reconciliation's ``since`` in UTC, or ValueError when it is in the future: a window that starts later holds
    nothing, and a run over it would succeed having checked nothing (a mistyped year reads as a quiet night). The
    one rule `POST /v1/reconciliations` and `claimledger reconcile --since` both apply."""
    since = within_years(since)
    if since > (now or datetime.now(UTC)):
        raise ValueError(f"since {since.isoformat()} is in the future: nothing has changed after it")
    return since


class ReconciliationCreate(_When):
    model_config = ConfigDict(
        json_schema_extra={
            # `full` and a `since` both given is a 422: said beside the properties, as ClaimCreate says its speaker.
            "not": {
                "required": ["full", "since"],
                "properties": {"full": {"const": True}, "since": {"type": "string", "minLength": 1}},
            }
        }
    )

    since: datetime | None = Field(
        default=None,
        json_schema_extra={
            **WHEN_SCHEMA,
            "description": "re-check claims created or changed since then: ISO 8601 date (midnight UTC) or "
            "datetime (a datetime without a zone is UTC), not in the future; not with `full`. Empty or null: "
            "since the last successful run",
        },
    )
    # Strict: {"full": "yes"} is a 422, not a full run.
    full: StrictBool = Field(default=False, description="re-check the whole record; not with `since`")

    @field_validator("since", mode="before")
    @classmethod
    def _parse_since(cls, value: Any) -> Any:
        """Read as ``said_at`` is (``parse_when``): ISO 8601 text only. Pydantic's own datetime parsing read a number,
        or digits ("20210501", a basic ISO date), as seconds since 1970: a run over the whole record."""
        if value is None or isinstance(value, datetime):
            return value
        try:
            when = parse_when(value)
        except OutOfRangeError:
            raise
        except ValueError as exc:
            raise ValueError(f"not an ISO 8601 date or datetime: {exc}") from None
        return None if when is None else when.at

    @field_validator("since")
    @classmethod
    def _since_in_range(cls, value: datetime | None) -> datetime | None:
        """A window that starts in the future holds nothing: refused rather than run empty."""
        return None if value is None else since_not_in_future(value)


class CandidateSource(BaseModel):
    """A source an ambiguous speaker name could be."""

    id: str
    name: str
    kind: str
    role: str | None


class ProblemError(BaseModel):
    """One thing wrong with a request: where (``["body", "metadata", "x"]``, ``["query", "since"]``) and what."""

    loc: list[str | int]
    msg: str
    candidates: list[CandidateSource] | None = Field(
        default=None,
        description="an ambiguous speaker name (a lone surname several sources share): the sources it could be; "
        "send the full name or speaker_id",
    )


class Problem(BaseModel):
    """Every error reply (RFC 9457 problem details, ``application/problem+json``)."""

    type: str = Field(description="a URI naming the kind of problem")
    title: str = Field(description="the HTTP status phrase")
    status: int
    detail: str = Field(description="what went wrong, for a person")
    errors: list[ProblemError] | None = Field(default=None, description="validation errors (422), each with its place")


class ReviewedClaimOut(ClaimOut):
    reviews: list[ClaimReviewRating] = Field(default_factory=list, description="the claim's imported fact-checks")


class ClaimReviewImportResult(BaseModel):
    claims: list[ReviewedClaimOut] = Field(description="one per ClaimReview, in input order")
    created: int = Field(description="ClaimReviews whose claim was new")
    existing: int = Field(description="ClaimReviews whose claim was already on record")
    reviews_created: int = Field(description="reviews stored by this request (a review imported before is not)")
