"""Importing published fact-checks (schema.org ClaimReview JSON-LD) as claims with their ratings, and reading the
ratings back for matches and pages.

What comes in is one ClaimReview, a list of them, or a DataFeed whose ``dataFeedElement`` items are ClaimReviews or
DataFeedItems holding them in ``item`` (Google Fact Check Tools' feed shape). Each ClaimReview becomes a claim:

- ``claimReviewed`` its text (``"Denied: <text>"``, as the export writes a denied claim, is that claim denied);
- ``itemReviewed.author.name`` its speaker (``"Unknown"`` when absent: nobody, so two such claims are never one
  speaker's, ``speakers.one_speaker``);
- ``itemReviewed.datePublished``, else the review's ``datePublished``, its ``said_at``;
- ``itemReviewed.appearance[0].url`` (else ``firstAppearance.url``), else the review's ``url``, its ``source_url``;

and its rating (``reviewRating``: ``ratingValue``, ``bestRating``, ``worstRating``, ``alternateName``), author,
``url`` and ``datePublished`` are stored with that claim. A claim with the same text, speaker, date and stance that
is already on record is reused, and a review already imported (same ``url``; without one, the same claim, author,
rating and date) is not stored again. Nested ClaimReviews in ``hasPart`` (what the export writes) are reviews of the
same claim; reviews authored by this service itself are never imported: they are derived from flags.

Two phases, as for every creating POST: ``parse_claim_reviews`` (422 naming the item, nothing stored) and
``ClaimReviewImporter.prepare`` (look-ups in a short read, the new claims encoded with no session open), then
``persist`` in the request's one write transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One ClaimReview of the request: its position, the claim it rates and the reviews to store with it."""

    index: int
    path: Path
    claim: ClaimCreate
    reviews: tuple[ParsedReview, ...]

    @property
    def identity(self) -> tuple[str, str, datetime | None, str]:
        """The same text, speaker, date and stance make the same claim."""
        assert self.claim.speaker is not None
        said = self.claim.said_at.at if self.claim.said_at else None
        return (speaker_key(self.claim.speaker), self.claim.text, said, self.claim.stance)


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
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values if v is not None}


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
    text = str(value).strip()
    return None if is_blank(text) else text  # invisible-only text is as absent as whitespace


def _name(value: Any, where: Path) -> str | None:
    """A Person or Organization's name (or a bare name)."""
    value = _one(value)
    if isinstance(value, dict):
        return _text(value.get("name"), (*where, "name"))
    return _text(value, where)


def _url(value: Any, where: Path) -> str | None:
    """A URL given as a string or as an object (a CreativeWork) with a ``url``."""
    value = _one(value)
    if isinstance(value, dict):
        return _text(value.get("url"), (*where, "url"))
    return _text(value, where)


def _checked_url(value: str | None, where: Path) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_URL or not value.lower().startswith(("http://", "https://")):
        raise _ItemError(where, f"must be an http(s) URL of at most {MAX_URL} characters")
    return value


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
    if isinstance(document, list):
        top: list[tuple[Path, Any]] = [((i,), x) for i, x in enumerate(document)]
    elif isinstance(document, dict) and isinstance(document.get("@graph"), list):
        top = [(("@graph", i), x) for i, x in enumerate(document["@graph"])]
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
        items.append(ImportItem(index, path, claim, tuple(r for r in reviews if r is not None)))
    if not items:
        raise UnprocessableError("no ClaimReview in the request", errors=[{"loc": ["body"], "msg": "empty"}])
    return items


# -- importing -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PreparedImport:
    items: list[ImportItem]
    claims: PreparedClaims  # the claims not found on record, encoded
    new_index: dict[tuple[str, str, datetime | None, str], int] = field(default_factory=dict)


def _find(session: Session, item: ImportItem) -> Claim | None:
    """The claim on record this item is: the one a review at the same URL came with (a fact-checker may have
    edited the claim's wording or date since), else the same text, speaker, date and stance."""
    assert item.claim.speaker is not None
    by_url = ClaimReviewRepository(session).claim_for_urls([r.url for r in item.reviews if r.url])
    if by_url is not None:
        claim = session.get(Claim, by_url)
        if claim is not None:
            return claim
    speaker = SpeakerService(session).find(item.claim.speaker)
    if speaker is None:
        return None
    said = item.claim.said_at.at if item.claim.said_at else None
    return ClaimRepository(session).find_same(speaker.id, item.claim.text, said, item.claim.stance)


class ClaimReviewImporter:
    def __init__(self, db: Database, encoder: Encoder) -> None:
        self.db = db
        self.encoder = encoder

    def prepare(self, items: list[ImportItem]) -> PreparedImport:
        """Find the claims already on record (a short read), then encode the others with no session open."""
        first: dict[tuple[str, str, datetime | None, str], ImportItem] = {}
        for item in items:
            first.setdefault(item.identity, item)
        with self.db.read() as session:
            new = [item for item in first.values() if _find(session, item) is None]
        # A fact-checker's author name is taken as written, never refused as ambiguous (a new source at worst).
        claims = ClaimService(self.db, self.encoder).prepare([item.claim for item in new], ambiguous_remedy=None)
        return PreparedImport(items, claims, {item.identity: i for i, item in enumerate(new)})

    def persist(self, session: Session, prepared: PreparedImport) -> ClaimReviewImportResult:
        """Within the caller's write transaction: the new claims, then the reviews not imported before."""
        ClaimReviewRepository(session).hold_imports()  # what is on record is read after any import at once
        claims: dict[tuple[str, str, datetime | None, str], Claim] = {}
        to_create: list[ImportItem] = []
        for item in prepared.items:
            if item.identity in claims or any(c.identity == item.identity for c in to_create):
                continue
            found = _find(session, item)
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
        seen: set[tuple[str, str, datetime | None, str]] = set()
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
    def _store_reviews(
        session: Session, items: list[ImportItem], claims: dict[tuple[str, str, datetime | None, str], Claim]
    ) -> int:
        repo = ClaimReviewRepository(session)
        known_urls = repo.known_urls([r.url for item in items for r in item.reviews if r.url])
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
                    if review.url in known_urls:
                        continue
                    known_urls.add(review.url)
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
