"""Importing published fact-checks (schema.org ClaimReview JSON-LD) as claims with their ratings, and reading the
ratings back for matches and pages.

What comes in is one ClaimReview, a list of them, a DataFeed whose ``dataFeedElement`` items are ClaimReviews or
DataFeedItems holding them in ``item`` (Google Fact Check Tools' feed shape), or a page's JSON-LD ``@graph``, whose
ClaimReviews are taken (references to its other nodes, ``{"@id": ...}``, read as those nodes) and the rest
ignored. Types and properties may be prefixed or IRIs (``schema:ClaimReview``), any value a list (its first entry),
and text keeps no HTML escapes (``&quot;``, ``&#8220;``). Each ClaimReview becomes a claim:

- ``claimReviewed`` its text (``"Denied: <text>"``, as the export writes a denied claim, is that claim denied);
- ``itemReviewed.author.name`` its speaker (``"Unknown"`` when absent: nobody, so two such claims are never one
  speaker's, ``speakers.one_speaker``);
- ``itemReviewed.datePublished``, else the review's ``datePublished``, its ``said_at``;
- ``itemReviewed.appearance[0].url`` (else ``firstAppearance.url``), else the review's ``url``, its ``source_url``;

and its rating (``reviewRating``: ``ratingValue``, ``bestRating``, ``worstRating``, ``alternateName``), author,
``url`` and ``datePublished`` are stored with that claim. A review is its URL together with the claim it reviews: a
roundup page gives one URL to ClaimReviews of several claims, and each claim gets its review. The claim an item
rates is, in this order:

1. the claim on record with the same text, speaker, date and stance;
2. else the claim reviewed before at one of the item's review URLs, when that review is this one: the URL holds
   reviews of exactly one claim on record and of exactly one claim in the request (a single-claim page re-published
   with the claim's wording or date edited);
3. else a new claim (a roundup page's reworded claim among them: which of the page's reviews it was cannot be told).

A review already imported (the same URL, its scheme and host in any case, with or without a trailing slash, and
the same claim; without a URL, the same claim, author, rating and date) is not stored again. Nested ClaimReviews in ``hasPart`` (what the export writes) are
reviews of the same claim; reviews authored by this service itself are never imported: they are derived from flags.

Two phases, as for every creating POST: ``parse_claim_reviews`` (422 naming the item, nothing stored) and
``ClaimReviewImporter.prepare`` (look-ups in a short read, the new claims encoded with no session open), then
``persist`` in the request's one write transaction.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError
from sqlalchemy.orm import Session

from db.database import Database
from db.models import Claim, ClaimReview
from db.repositories.claim_reviews import ClaimReviewRepository
from db.repositories.claims import ClaimRepository
from embeddings.encoder import Encoder
from extraction import speaker_key
from service.claimreview import DENIED_PREFIX, SERVICE_AUTHOR
from service.errors import ServiceUnavailableError, UnprocessableError
from service.schemas import (
    MAX_TEXT,
    ClaimCreate,
    ClaimReviewImportResult,
    ClaimReviewRating,
    ReviewedClaimOut,
    SaidAt,
    is_blank,
    parse_when,
    render_when,
)
from service.serializers import claim_out
from service.services.claims import ClaimService, ClaimWriter, PreparedClaims
from service.services.speakers import UNKNOWN_SPEAKER, SpeakerService

MAX_ITEMS = 1000
# schema.org's namespace, as an @context names it ("https://schema.org/", "http://schema.org", "schema.org/").
_SCHEMA_ORG = re.compile(r"^(?:https?://)?(?:www\.)?schema\.org/?$", re.IGNORECASE)
MAX_URL = 2048
MAX_NAME = 300
Path = tuple[str | int, ...]

# Where each ClaimCreate field comes from, to name it in a 422.
_CLAIM_FIELD_SOURCES = {
    "text": "claimReviewed",
    "speaker": "itemReviewed.author.name",
    "said_at": "itemReviewed.datePublished",
    "source_url": "itemReviewed.appearance",
}


def _number_out(value: float | None) -> int | float | None:
    return int(value) if value is not None and value.is_integer() else value


def rating_out(review: ClaimReview) -> ClaimReviewRating:
    return ClaimReviewRating(
        id=review.id,
        rating=review.rating,
        rating_value=_number_out(review.rating_value),
        best_rating=_number_out(review.best_rating),
        worst_rating=_number_out(review.worst_rating),
        author=review.author,
        url=review.url,
        date_published=render_when(review.date_published, review.date_published_is_date),
    )


def ratings_for_claims(session: Session, claim_ids: Sequence[str]) -> dict[str, list[ClaimReviewRating]]:
    """Each claim's imported fact-checks (claims without any are absent): for /v1/check matches and the UI."""
    ratings: dict[str, list[ClaimReviewRating]] = {}
    for review in ClaimReviewRepository(session).for_claims(claim_ids):
        ratings.setdefault(review.claim_id, []).append(rating_out(review))
    return ratings


# -- parsing ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedReview:
    url: str | None
    rating: str | None
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    author: str | None
    date_published: SaidAt | None
    review_body: str | None

    def identity(self, claim_id: str) -> tuple[Any, ...]:
        """What makes a review without a URL the same review."""
        when = self.date_published.at if self.date_published else None
        return (claim_id, self.author, self.rating, self.rating_value, when)


ClaimIdentity = tuple[str, str, datetime | None, str]


def claim_identity(claim: ClaimCreate) -> ClaimIdentity:
    """The same text, speaker, date and stance make the same claim."""
    assert claim.speaker is not None
    said = claim.said_at.at if claim.said_at else None
    return (speaker_key(claim.speaker), claim.text, said, claim.stance)


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One ClaimReview of the request: its position, the claim it rates and the reviews to store with it.
    ``identity`` is computed once: a speaker key costs ~0.1 ms, and persisting compares items inside the write
    transaction (a property recomputed per comparison held SQLite's write lock ~40 s for 1,000 items)."""

    index: int
    path: Path
    claim: ClaimCreate
    reviews: tuple[ParsedReview, ...]
    identity: ClaimIdentity


class _ItemError(Exception):
    def __init__(self, where: Path, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def _where(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "body"


def _types(obj: dict[str, Any]) -> set[str]:
    """The node's types by local name: "ClaimReview", ["ClaimReview"], "schema:ClaimReview" (a prefix its
    ``@context`` defines) and "https://schema.org/ClaimReview" are all a ClaimReview."""
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {re.split(r"[/#:]", str(v))[-1] for v in values if v is not None}


def _schema_prefixes(context: Any) -> frozenset[str]:
    """The prefixes an ``@context`` maps to schema.org ({"sdo": "https://schema.org/"})."""
    found: set[str] = set()
    for entry in context if isinstance(context, list) else [context]:
        if isinstance(entry, dict):
            found |= {k for k, v in entry.items() if isinstance(v, str) and _SCHEMA_ORG.match(v)}
    return frozenset(found)


@lru_cache(maxsize=64)
def _schema_term(prefixes: frozenset[str]) -> re.Pattern[str]:
    """What starts a schema.org term written with one of ``prefixes`` or as an IRI ("https://schema.org/")."""
    named = "|".join(re.escape(p) for p in sorted(prefixes))
    return re.compile(rf"^(?:(?:{named}):|(?:https?://)?(?:www\.)?schema\.org/)", re.IGNORECASE)


def _plain_terms(value: Any, prefixes: frozenset[str] = frozenset({"schema"})) -> Any:
    """The document with schema.org property names written bare: publishers that write ``schema:ClaimReview``
    write ``schema:claimReviewed`` too (or the full IRI, or a prefix of their own that their ``@context``
    defines, for the object it sits in)."""
    if isinstance(value, list):
        return [_plain_terms(v, prefixes) for v in value]
    if not isinstance(value, dict):
        return value
    if "@context" in value:
        prefixes = prefixes | _schema_prefixes(value["@context"])
    term = _schema_term(prefixes)
    return {(k if k.startswith("@") else term.sub("", k)): _plain_terms(v, prefixes) for k, v in value.items()}


class _GraphReferences:
    """References inside a JSON-LD ``@graph`` (``{"@id": "...#org"}``) replaced by the node they name, so a
    ClaimReview's author written as a reference to the page's Organization has its name. At most
    ``MAX_REFERENCE_HOPS`` references are followed from a ClaimReview (its claim, the claim's author: two), and
    each node is resolved once per hop and shared wherever it is named: a long chain of references cannot recurse
    without end, nor a node named many times from nodes named many times grow the graph exponentially."""

    MAX_REFERENCE_HOPS = 3

    def __init__(self, graph: list[Any]) -> None:
        self.nodes = {n["@id"]: n for n in graph if isinstance(n, dict) and isinstance(n.get("@id"), str)}
        self.done: dict[tuple[str, int], Any] = {}

    def resolve(self, value: Any, hops: int = 0) -> Any:
        if isinstance(value, list):
            return [self.resolve(v, hops) for v in value]
        if not isinstance(value, dict):
            return value
        ref = value.get("@id")
        if isinstance(ref, str) and ref in self.nodes and set(value) <= {"@id", "@type"}:
            if hops >= self.MAX_REFERENCE_HOPS:
                return value
            if (ref, hops) not in self.done:
                node = self.nodes[ref]
                self.done[ref, hops] = {k: self.resolve(v, hops + 1) for k, v in node.items()}
            return self.done[ref, hops]
        return {k: self.resolve(v, hops) for k, v in value.items()}


def _is_claim_review(node: Any) -> bool:
    return isinstance(node, dict) and ("ClaimReview" in _types(node) or (not _types(node) and "claimReviewed" in node))


def _one(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any, where: Path) -> str | None:
    value = _one(value)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _ItemError(where, "must be text")
    # JSON-LD cut from an HTML page often keeps the page's escapes ("&quot;", "&#8220;", "&amp;").
    text = html.unescape(str(value)).strip()
    return None if is_blank(text) else text  # invisible-only text is as absent as whitespace


def _name(value: Any, where: Path) -> str | None:
    """A Person or Organization's name (or a bare name)."""
    value = _one(value)
    if isinstance(value, dict):
        return _text(value.get("name"), (*where, "name"))
    return _text(value, where)


def _url(value: Any, where: Path) -> str | None:
    """A URL given as a string or as an object (a CreativeWork) with a ``url``; of a list, the first that has
    one (an appearance may be named without its URL)."""
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if (found := _url(entry, (*where, i))) is not None:
                return found
        return None
    if isinstance(value, dict):
        return _text(value.get("url"), (*where, "url"))
    return _text(value, where)


def _checked_url(value: str | None, where: Path) -> str | None:
    """The review's URL with its scheme and host in lower case (they are case-blind), the rest as written."""
    if value is None:
        return None
    if len(value) > MAX_URL or not value.lower().startswith(("http://", "https://")):
        raise _ItemError(where, f"must be an http(s) URL of at most {MAX_URL} characters")
    try:
        parts = urlsplit(value)
    except ValueError:
        return value
    user, at, host = parts.netloc.rpartition("@")
    return urlunsplit((parts.scheme.lower(), f"{user}{at}{host.lower()}", parts.path, parts.query, parts.fragment))


def _with_slash_toggled(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path
    toggled = path[:-1] if path.endswith("/") else f"{path}/"
    return urlunsplit((parts.scheme, parts.netloc, toggled, parts.query, parts.fragment))


def review_url_key(url: str) -> str:
    """What makes two review URLs one review: scheme and host in any case, the path with or without its trailing
    slash ("https://FactCheck.example/a/" is "https://factcheck.example/a"). The query and the fragment count: a
    roundup page's anchors ("#claim-2") name distinct fact-checks."""
    lowered = _checked_url(url, ()) or url
    try:
        slashed = urlsplit(lowered).path.endswith("/")
    except ValueError:
        return lowered
    return _with_slash_toggled(lowered) if slashed else lowered


def review_url_forms(urls: Sequence[str]) -> list[str]:
    """The forms a review URL may be on record under: as written (stored before scheme and host were lowered)
    and lowered, each with and without the path's trailing slash."""
    forms: dict[str, None] = {}
    for url in urls:
        for form in (url, _checked_url(url, ()) or url):
            forms[form] = None
            forms[_with_slash_toggled(form)] = None
    return list(forms)


def _number(value: Any, where: Path) -> float | None:
    value = _one(value)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _ItemError(where, "must be a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _ItemError(where, "must be a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _ItemError(where, "must be a finite number")
    return number


def _date(value: Any, where: Path) -> tuple[str | None, SaidAt | None]:
    raw = _text(value, where)
    try:
        return raw, parse_when(raw)
    except ValueError:
        raise _ItemError(where, "must be an ISO 8601 date or datetime") from None


def _short(value: str | None, limit: int, where: Path) -> str | None:
    if value is not None and len(value) > limit:
        raise _ItemError(where, f"must be at most {limit} characters")
    return value


def _parse_review(obj: dict[str, Any], path: Path) -> ParsedReview | None:
    """The review part of a ClaimReview; None for one of this service's own (derived from flags)."""
    author = _short(_name(obj.get("author"), (*path, "author")), MAX_NAME, (*path, "author", "name"))
    rating_obj = _one(obj.get("reviewRating"))
    where = (*path, "reviewRating")
    if not isinstance(rating_obj, dict):
        raise _ItemError(where, "is missing (a Rating with alternateName or ratingValue)")
    rating = _short(_text(rating_obj.get("alternateName"), (*where, "alternateName")), MAX_NAME, where)
    value = _number(rating_obj.get("ratingValue"), (*where, "ratingValue"))
    if rating is None and value is None:
        raise _ItemError(where, "needs alternateName or ratingValue")
    if author is not None and author == SERVICE_AUTHOR:
        return None
    body = _text(obj.get("reviewBody"), (*path, "reviewBody"))
    return ParsedReview(
        url=_checked_url(_url(obj.get("url"), (*path, "url")), (*path, "url")),
        rating=rating,
        rating_value=value,
        best_rating=_number(rating_obj.get("bestRating"), (*where, "bestRating")),
        worst_rating=_number(rating_obj.get("worstRating"), (*where, "worstRating")),
        author=author,
        date_published=_date(obj.get("datePublished"), (*path, "datePublished"))[1],
        review_body=body[:MAX_TEXT] if body else None,
    )


def _claim_body(obj: dict[str, Any], path: Path) -> ClaimCreate:
    text = _text(obj.get("claimReviewed"), (*path, "claimReviewed"))
    if text is None:
        raise _ItemError((*path, "claimReviewed"), "is missing: it is the claim's text")
    stance = "asserts"
    if text.startswith(DENIED_PREFIX) and text[len(DENIED_PREFIX) :].strip():
        text, stance = text[len(DENIED_PREFIX) :].strip(), "denies"
    item = _one(obj.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    item_path = (*path, "itemReviewed")
    speaker = _name(item.get("author"), (*item_path, "author")) or UNKNOWN_SPEAKER
    said_raw, _ = _date(item.get("datePublished"), (*item_path, "datePublished"))
    if said_raw is None:
        said_raw, _ = _date(obj.get("datePublished"), (*path, "datePublished"))
    source_url = (
        _url(item.get("appearance"), (*item_path, "appearance"))
        or _url(item.get("firstAppearance"), (*item_path, "firstAppearance"))
        or _url(obj.get("url"), (*path, "url"))
    )
    try:
        return ClaimCreate.model_validate(
            {
                "text": text,
                "speaker": speaker,
                "said_at": said_raw,
                "source_url": source_url,
                "kind": "statement",
                "stance": stance,
                "metadata": {"imported_from": "ClaimReview"},
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field_name = str(first["loc"][0]) if first.get("loc") else "claimReviewed"
        raise _ItemError((*path, _CLAIM_FIELD_SOURCES.get(field_name, field_name)), str(first["msg"])) from None


def _elements(document: Any) -> Iterator[tuple[Path, Any]]:
    """Every ClaimReview-to-be in the document, with where it sits."""
    document = _plain_terms(document)
    if isinstance(document, list):
        top: list[tuple[Path, Any]] = [((i,), x) for i, x in enumerate(document)]
    elif isinstance(document, dict) and isinstance(document.get("@graph"), list):
        # A page's graph: its WebPage, Organization, BreadcrumbList... are not for us; its ClaimReviews are.
        graph = document["@graph"]
        references = _GraphReferences(graph)
        top = [(("@graph", i), references.resolve(x)) for i, x in enumerate(graph) if _is_claim_review(x)]
    elif isinstance(document, dict) and ("DataFeed" in _types(document) or "dataFeedElement" in document):
        elements = document.get("dataFeedElement")
        if not isinstance(elements, list):
            elements = [] if elements is None else [elements]
        top = [(("dataFeedElement", i), x) for i, x in enumerate(elements)]
    else:
        top = [((), document)]
    for path, element in top:
        if isinstance(element, dict) and "item" in element and "ClaimReview" not in _types(element):
            items = element["item"] if isinstance(element["item"], list) else [element["item"]]
            for j, item in enumerate(items):
                yield (*path, "item", j), item
        else:
            yield path, element


def parse_claim_reviews(document: Any) -> list[ImportItem]:
    """The import items, or a 422 naming the first invalid one (by its position and where it sits)."""
    items: list[ImportItem] = []
    for index, (path, obj) in enumerate(_elements(document)):
        if index >= MAX_ITEMS:
            raise UnprocessableError(f"at most {MAX_ITEMS} ClaimReviews per request")
        try:
            if not isinstance(obj, dict):
                raise _ItemError(path, "is not a ClaimReview object")
            types = _types(obj)
            if types and "ClaimReview" not in types:
                raise _ItemError(path, f"is a {'/'.join(sorted(types))}, not a ClaimReview")
            claim = _claim_body(obj, path)
            reviews = [_parse_review(obj, path)]
            parts = obj.get("hasPart")
            for j, part in enumerate(parts if isinstance(parts, list) else [parts] if parts else []):
                if isinstance(part, dict) and "ClaimReview" in _types(part):
                    reviews.append(_parse_review(part, (*path, "hasPart", j)))
        except _ItemError as exc:
            raise UnprocessableError(
                f"ClaimReview {index} ({_where(path)}): {_where(exc.where)} {exc.message}",
                errors=[{"loc": ["body", *exc.where], "msg": exc.message, "index": index}],
            ) from None
        kept = tuple(r for r in reviews if r is not None)
        items.append(ImportItem(index, path, claim, kept, claim_identity(claim)))
    if not items:
        raise UnprocessableError("no ClaimReview in the request", errors=[{"loc": ["body"], "msg": "empty"}])
    return items


# -- importing -------------------------------------------------------------------------------------------------


UrlClaimCounts = dict[str, int]


@dataclass(slots=True)
class PreparedImport:
    items: list[ImportItem]
    claims: PreparedClaims  # the claims not found on record, encoded
    claims_at: UrlClaimCounts  # how many of the request's claims each review URL holds (``claims_per_review_url``)
    new_index: dict[ClaimIdentity, int] = field(default_factory=dict)


def claims_per_review_url(items: Sequence[ImportItem]) -> UrlClaimCounts:
    """How many of the request's claims each review URL (by ``review_url_key``) holds a review of: more than one
    is a roundup page."""
    claims_at: dict[str, set[ClaimIdentity]] = {}
    for item in items:
        for review in item.reviews:
            if review.url is not None:
                claims_at.setdefault(review_url_key(review.url), set()).add(item.identity)
    return {url: len(identities) for url, identities in claims_at.items()}


def _find(session: Session, item: ImportItem, request_claims_at: UrlClaimCounts) -> Claim | None:
    """The claim on record this item is: the same text, speaker, date and stance, else the claim reviewed at the
    item's review URL when that review is this one (a fact-checker may have edited the claim's wording or date
    since): the URL holds reviews of exactly one claim on record and of exactly one claim in the request. A roundup
    page's URL holds several, and a claim of it not found by its text is a claim of its own (which of the page's
    reviews it would be cannot be told)."""
    assert item.claim.speaker is not None
    speaker = SpeakerService(session).find(item.claim.speaker)
    if speaker is not None:
        said = item.claim.said_at.at if item.claim.said_at else None
        same = ClaimRepository(session).find_same(speaker.id, item.claim.text, said, item.claim.stance)
        if same is not None:
            return same
    repo = ClaimReviewRepository(session)
    for url in dict.fromkeys(r.url for r in item.reviews if r.url is not None):
        if request_claims_at.get(review_url_key(url), 0) != 1:
            continue
        on_record = list(dict.fromkeys(claim_id for _, claim_id in repo.claims_at_urls(review_url_forms([url]))))
        if len(on_record) == 1:
            return session.get(Claim, on_record[0])
    return None


class ClaimReviewImporter:
    def __init__(self, db: Database, encoder: Encoder) -> None:
        self.db = db
        self.encoder = encoder

    def prepare(self, items: list[ImportItem]) -> PreparedImport:
        """Find the claims already on record (a short read), then encode the others with no session open."""
        first: dict[ClaimIdentity, ImportItem] = {}
        for item in items:
            first.setdefault(item.identity, item)
        claims_at = claims_per_review_url(items)
        with self.db.read() as session:
            new = [item for item in first.values() if _find(session, item, claims_at) is None]
        # A fact-checker's author name is taken as written, never refused as ambiguous (a new source at worst).
        claims = ClaimService(self.db, self.encoder).prepare([item.claim for item in new], ambiguous_remedy=None)
        return PreparedImport(items, claims, claims_at, {item.identity: i for i, item in enumerate(new)})

    def persist(self, session: Session, prepared: PreparedImport) -> ClaimReviewImportResult:
        """Within the caller's write transaction: the new claims, then the reviews not imported before."""
        ClaimReviewRepository(session).hold_imports()  # what is on record is read after any import at once
        claims: dict[ClaimIdentity, Claim] = {}
        to_create: list[ImportItem] = []
        looked_up: set[ClaimIdentity] = set()
        for item in prepared.items:
            if item.identity in looked_up:
                continue
            looked_up.add(item.identity)
            found = _find(session, item, prepared.claims_at)
            if found is not None:
                claims[item.identity] = found
            else:
                to_create.append(item)
        if to_create:
            if any(item.identity not in prepared.new_index for item in to_create):
                # A claim found on record while preparing is gone (it had no vector made): look again.
                raise ServiceUnavailableError("the record changed while the request was prepared; retry it")
            positions = [prepared.new_index[item.identity] for item in to_create]
            subset = PreparedClaims(
                bodies=[prepared.claims.bodies[p] for p in positions],
                attributions=[None] * len(positions),
                stamp=prepared.claims.stamp,
                vectors={i: prepared.claims.vectors[p] for i, p in enumerate(positions)},
            )
            stored = ClaimWriter(session).store(subset)
            for item, (claim, _) in zip(to_create, stored, strict=True):
                claims[item.identity] = claim
        created_identities = {item.identity for item in to_create}
        reviews_created = self._store_reviews(session, prepared.items, claims)
        ordered = [claims[item.identity] for item in prepared.items]
        ratings = ratings_for_claims(session, [c.id for c in ordered])
        created = 0
        seen: set[ClaimIdentity] = set()
        for item in prepared.items:
            if item.identity in created_identities and item.identity not in seen:
                created += 1
            seen.add(item.identity)
        return ClaimReviewImportResult(
            claims=[ReviewedClaimOut(**claim_out(c).model_dump(), reviews=ratings.get(c.id, [])) for c in ordered],
            created=created,
            existing=len(prepared.items) - created,
            reviews_created=reviews_created,
        )

    @staticmethod
    def _store_reviews(session: Session, items: list[ImportItem], claims: dict[ClaimIdentity, Claim]) -> int:
        repo = ClaimReviewRepository(session)
        urls = [r.url for item in items for r in item.reviews if r.url]
        # A review is its URL together with its claim: a roundup page's one URL holds a review of each claim.
        known_at_urls = {
            (review_url_key(url), claim_id) for url, claim_id in repo.claims_at_urls(review_url_forms(urls))
        }
        claim_ids = list({claim.id for claim in claims.values()})
        known = {
            (r.claim_id, r.author, r.rating, r.rating_value, r.date_published)
            for r in repo.for_claims(claim_ids)
            if r.url is None
        }
        stored = 0
        for item in items:
            claim = claims[item.identity]
            for review in item.reviews:
                if review.url is not None:
                    at_url = (review_url_key(review.url), claim.id)
                    if at_url in known_at_urls:
                        continue
                    known_at_urls.add(at_url)
                else:
                    identity = review.identity(claim.id)
                    if identity in known:
                        continue
                    known.add(identity)
                repo.add(
                    ClaimReview(
                        claim_id=claim.id,
                        url=review.url,
                        rating=review.rating,
                        rating_value=review.rating_value,
                        best_rating=review.best_rating,
                        worst_rating=review.worst_rating,
                        author=review.author,
                        date_published=review.date_published.at if review.date_published else None,
                        date_published_is_date=review.date_published.is_date if review.date_published else False,
                        review_body=review.review_body,
                    )
                )
                stored += 1
        session.flush()
        return stored
