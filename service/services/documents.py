"""Articles in, attributed claims out: store the document, extract, resolve speakers, store and index claims."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from pydantic import ValidationError
from sqlalchemy.orm import Session

from db.models import Claim, Document
from db.repositories.claims import ClaimRepository
from db.repositories.documents import DocumentRepository
from embeddings.encoder import Encoder
from extraction import ExtractedClaim, ExtractedSpeaker, speaker_key
from extraction.names import JOB_TITLES, OFFICE_TITLES, other_script_form
from extraction.speaker_nouns import PERSON_NOUNS
from extraction.text import unread_characters
from service.config import Settings
from service.errors import NotFoundError
from service.schemas import MAX_TEXT, ClaimCreate, DocumentCreate, DocumentOut, render_when
from service.serializers import claim_out
from service.services.checking import CheckService, Retrieval, ScoredMatch, Statement
from service.services.claims import Attribution, ClaimWriter, EncoderStamp, PreparedClaims, encode_claim_texts
from service.services.flags import wording_key
from service.services.retrieval import Candidate
from service.services.speakers import (
    UNATTRIBUTED_SPEAKER_KEY,
    UNKNOWN_SPEAKER,
    SpeakerService,
    folded,
    scoped_document,
    surname_form,
)

MAX_NAME = 300
# A document-scoped speaker's name: the description and the document, each cut to this many characters.
MAX_DESCRIPTION = 100
MAX_LABEL = 120


def document_out(document: Document, claims: list[Claim]) -> DocumentOut:
    return DocumentOut(
        id=document.id,
        url=document.url,
        title=document.title,
        publisher=document.publisher,
        published_at=render_when(document.published_at, document.published_at_is_date),
        claims=[claim_out(c) for c in claims],
        created_at=document.created_at.isoformat(),
        unread_characters=document.unread_characters,
    )


UNRESOLVED_MENTIONS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"})


def is_unresolved(speaker: ExtractedSpeaker) -> bool:
    """A bare pronoun no named speaker was found for: storing it would make "He" a source across articles."""
    return speaker.name.strip().lower() in UNRESOLVED_MENTIONS


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_label(document: Document) -> str:
    """Which article, in a speaker's name: its title in quotes, else its URL without the scheme, else "document"
    and the first 8 characters of its id."""
    if document.title and document.title.strip():
        return f"“{_cut(document.title, MAX_LABEL)}”"
    if document.url and document.url.strip():
        url = document.url.strip()
        bare = url.split("://", 1)[1] if "://" in url else url
        return _cut(bare.removeprefix("www.").rstrip("/") or url, MAX_LABEL)
    return f"document {document.id[:8]}"


def scoped_speaker_names(description: str, document: Document) -> list[str]:
    """Names for a speaker the article only describes, most readable first: "minister in “Rail plan unveiled”",
    then with the document's short id and its whole id, for when another article already holds the name (the same
    title or URL posted again)."""
    base = f"{_cut(description, MAX_DESCRIPTION)} in {document_label(document)}"
    return [base, f"{base}, document {document.id[:8]}", f"{base}, document {document.id}"]


def role_form(text: str | None) -> str:
    """A role or a description as compared: case, spacing and a leading article aside ("The prime minister" and
    "Prime Minister" are one)."""
    words = folded(text or "").split(" ")
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _within_claim_limit(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """A claim's text and span cut together to a claim's longest text, at a word: a reported clause that runs on
    for pages keeps its span pointing at its text."""
    if len(text) <= MAX_TEXT:
        return text, (span[0], span[1])
    head = text[: MAX_TEXT + 1]
    cut = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    head = head[:cut] if cut > 0 else head[:MAX_TEXT]
    head = head.rstrip(" \t\n\u00a0,;:—–-")
    return head, (span[0], span[0] + len(head))


# Emoji and other symbols, their modifiers and joiners, around a name ("Jo Marsh 👋"): not part of the name.
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Sm", "Cf", "Mn", "Me", "Zs"})


def _without_symbols(name: str) -> str:
    """The speaker's name without emoji or other symbols at either end ("Jo Marsh 👋" is "Jo Marsh")."""
    start, end = 0, len(name)
    while start < end and (name[start].isspace() or unicodedata.category(name[start]) in _SYMBOL_CATEGORIES):
        start += 1
    while end > start and (name[end - 1].isspace() or unicodedata.category(name[end - 1]) in _SYMBOL_CATEGORIES):
        end -= 1
    return name[start:end] or name


# A parenthetical written right after a speaker's name ("Li Wei (李伟), a spokesman, said").
_PARENTHETICAL_AFTER = re.compile(r"[ \t]*\(([^()\n]{1,80})\)")
# Or closing the speaker's appositive: a comma, a few words with no punctuation, the parenthetical, then punctuation
# or the end ("Wang Yi, the foreign minister (王毅), told"); ``_speakers_appositive`` checks the words.
_PARENTHETICAL_AFTER_APPOSITIVE = re.compile(
    r",[ \t]+(?P<words>[^\s,;:.!?()\"“”]+(?:[ \t]+[^\s,;:.!?()\"“”]+){0,5})[ \t]*\((?P<form>[^()\n]{1,80})\)"
    r"(?=[ \t]*(?:[,.;:!?\"”’\n]|$))"
)
# Words that open a clause or a phrase of their own inside the words after the name ("who met the minister",
# "an aide to the president", "citing the agency"): the noun before the parenthetical is then not the speaker.
_NOT_IN_APPOSITIVE = frozenset(
    {"who", "whom", "whose", "which", "that", "and", "or", "but", "nor", "as", "when", "where", "while", "after",
     "before", "since", "than", "of", "for", "to", "at", "in", "on", "by", "from", "with", "about", "under", "over",
     "like", "via", "per", "citing", "according", "said", "says", "told", "added"}
)  # fmt: skip
_PERSON_HEADS = PERSON_NOUNS | JOB_TITLES | OFFICE_TITLES


def _speakers_appositive(words: str) -> bool:
    """Whether the words between the speaker's name and a parenthetical are the speaker's own title ("the foreign
    minister", "China's foreign minister", "a spokesman"): a noun for a person last, no preposition, clause word or
    verb's "-ing"/"-ed" before it, so the parenthetical names nothing else ("the foreign minister of China (中国)",
    "a spokesman for the Foreign Ministry (外交部)", "citing the Xinhua agency (新华社)")."""
    *before, head = words.split()
    if head.lower() not in _PERSON_HEADS:
        return False
    for word in before:
        lower = word.lower()
        if lower in _NOT_IN_APPOSITIVE or (
            lower not in _PERSON_HEADS and lower.endswith(("ing", "ed")) and not word[:1].isupper()
        ):
            return False
    return True


def _written_form(text: str, end: int) -> str | None:
    """The parenthetical right after the speaker's mention (which ends at ``end``), or else closing the speaker's own
    title after it."""
    match = _PARENTHETICAL_AFTER.match(text, end)
    if match is not None:
        return match[1]
    match = _PARENTHETICAL_AFTER_APPOSITIVE.match(text, end)
    return match["form"] if match is not None and _speakers_appositive(match["words"]) else None


def _with_other_script_form(name: str, speaker: ExtractedSpeaker, text: str) -> str:
    """The name with its form in another script when the article writes it in parentheses right after the speaker's
    name ("Li Wei (李伟), a spokesman, said") or after the speaker's title ("Wang Yi, the foreign minister (王毅),
    said"): the extractor drops the parenthetical, and ``SpeakerService.resolve`` keeps it as the source's alias only
    when the name it is given carries it. Any other parenthetical ("(Labour)") is no such form
    (``other_script_form``), and a name from coreference has no parenthetical of its own."""
    if speaker.mention_span is None or speaker.resolved:
        return name
    form = _written_form(text, speaker.mention_span[1])  # most names have none: looked for first
    if form is None or not speaker_key(speaker.mention).endswith(speaker_key(name)):
        return name
    written = f"{name} ({form.strip()})"
    return written if len(written) <= MAX_NAME and other_script_form(written) is not None else name


def _text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# The id an article's claim stands in under while its later claims are judged against it (``_within_article``).
ARTICLE_CLAIM_ID = "article-claim-"


def article_claim_id(index: int) -> str:
    return f"{ARTICLE_CLAIM_ID}{index}"


def _stored_match(match: ScoredMatch, stored: list[Claim]) -> ScoredMatch:
    """The match with its claim as stored: an earlier claim of the same article stood in unsaved
    (``DocumentService._within_article``)."""
    if not match.claim.id.startswith(ARTICLE_CLAIM_ID):
        return match
    return replace(match, claim=stored[int(match.claim.id.removeprefix(ARTICLE_CLAIM_ID))])


def same_speaker_earlier_claims(
    bodies: Sequence[ClaimCreate], vectors: Sequence[np.ndarray], floor: float, top_k: int
) -> list[list[tuple[int, float]]]:
    """For each claim of an article, its speaker's earlier claims there (by name as extracted, ``speaker_key``) as
    (index, cosine), the nearest ``top_k`` at or above ``floor``, one per wording: the same words said again in the
    article (a live blog's summary repeating an entry, an article posted with its paragraphs twice) are one
    statement (``flags.copies_of_one_statement``), never flagged against itself, so judging them, or several copies
    of another statement, is the judge's time for nothing. The unattributed speaker is nobody (``one_speaker``)."""
    if not bodies:
        return []
    unit = np.stack(list(vectors))
    unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    cosines = unit @ unit.T
    speakers = [speaker_key(b.speaker or UNKNOWN_SPEAKER) for b in bodies]
    wordings = [(wording_key(b.text), b.stance) for b in bodies]
    found: list[list[tuple[int, float]]] = []
    for i in range(len(bodies)):
        nearest: list[tuple[int, float]] = []
        seen = {wordings[i]}
        if speakers[i] != UNATTRIBUTED_SPEAKER_KEY:
            for j in (int(j) for j in np.argsort(-cosines[i, :i], kind="stable")):
                if len(nearest) == top_k or cosines[i, j] < floor:
                    break
                if speakers[j] == speakers[i] and wordings[j] not in seen:
                    seen.add(wordings[j])
                    nearest.append((j, float(cosines[i, j])))
        found.append(nearest)
    return found


def get_document_out(session: Session, document_id: str) -> DocumentOut:
    document = DocumentRepository(session).get(document_id)
    if document is None:
        raise NotFoundError(f"no document with id {document_id}")
    return document_out(document, ClaimRepository(session).for_document(document.id))


@dataclass(slots=True)
class PreparedDocument:
    body: DocumentCreate
    claims: PreparedClaims
    matches: list[list[ScoredMatch]]
    # Indexes of the claims whose speaker the article only describes ("the minister"): their source is the
    # document's own (``scoped_speaker_names``), made once the document has its id.
    unnamed: list[int]
    # Characters of the text the extractor left unread for its limits (``unread_characters``), counted here with
    # the extraction, not in the write transaction.
    unread: int


class DocumentService:
    """Articles in, attributed claims out. ``prepare`` extracts, encodes and checks the claims against the record
    with no transaction open; ``persist`` writes the document, its claims and their flags in the caller's one
    write transaction."""

    def __init__(
        self,
        settings: Settings,
        encoder: Encoder,
        extract: Callable[[str], list[ExtractedClaim]],
        extractor_version: str,
        checker: CheckService | None = None,
    ) -> None:
        self.settings = settings
        self.encoder = encoder
        self.extract = extract
        self.extractor_version = extractor_version
        self.checker = checker

    def _claim_bodies(self, body: DocumentCreate) -> tuple[list[ClaimCreate], list[Attribution | None], list[int]]:
        bodies: list[ClaimCreate] = []
        attributions: list[Attribution | None] = []
        unnamed: list[int] = []
        for item in self.extract(body.text):
            if item.confidence < self.settings.extraction_min_confidence or is_unresolved(item.speaker):
                continue
            text, span = _within_claim_limit(item.text, item.span)
            try:
                claim = ClaimCreate(
                    text=text,
                    speaker=_with_other_script_form(
                        _without_symbols(item.speaker.name)[:MAX_NAME], item.speaker, body.text
                    ),
                    said_at=body.published_at,
                    source_url=body.url,
                    kind=item.kind,
                    stance=item.stance,
                    metadata={"speaker_mention": item.speaker.mention},
                )
            except ValidationError:  # e.g. a speaker name with no letters: not a claim we can attribute
                continue
            if not item.speaker.named:
                unnamed.append(len(bodies))
            bodies.append(claim)
            attributions.append(
                Attribution(
                    cue=item.cue,
                    span=span,
                    confidence=item.confidence,
                    speaker_kind=item.speaker.kind,
                    speaker_role=item.speaker.role,
                )
            )
        return bodies, attributions, unnamed

    def prepare(self, body: DocumentCreate) -> PreparedDocument:
        bodies, attributions, unnamed = self._claim_bodies(body)
        prepared = PreparedClaims(bodies, attributions, EncoderStamp.of(self.encoder))
        if bodies:
            vectors = encode_claim_texts(self.encoder, [b.text for b in bodies])
            prepared.vectors = dict(enumerate(vectors))
        matches: list[list[ScoredMatch]] = [[] for _ in bodies]
        if self.checker is not None and bodies:
            limit = self.settings.check_judge_max_matches or None
            statements = [
                Statement(b.text, limit or self.settings.reconcile_top_k, stance=b.stance, vector=prepared.vectors[i])
                for i, b in enumerate(bodies)
            ]
            # settled as /v1/check settles a statement's (``CheckService.settled_many``: one judge call for all),
            # so an article's claim raises the flags the same words checked or quoted would
            # only the matches' relations are read (flags, settling): far-off matches skip the judge
            matched = self.checker.matches_many(statements, judge_limit=limit, relations_only=True)
            within = self._within_article(bodies, [prepared.vectors[i] for i in range(len(bodies))])
            if any(within.candidates):
                # judged apart, with their own limit: the record's matches keep their judging slots
                judged = self.checker.judge_retrieved(statements, within, judge_limit=limit, relations_only=True)
                matched = [sorted([*a, *b], key=lambda m: -m.similarity) for a, b in zip(matched, judged, strict=True)]
            matches = self.checker.settled_many(matched)
        return PreparedDocument(body, prepared, matches, unnamed, unread_characters(body.text))

    def _within_article(self, bodies: list[ClaimCreate], vectors: list[np.ndarray]) -> Retrieval:
        """Each claim's earlier claims of the same article and speaker (by name as extracted, ``speaker_key``) as its
        candidates, by the cosine of their embeddings (as ``/v1/compare`` measures a pair), the nearest
        ``reconcile_top_k`` at or above the lowest similarity a relation can stand at. The record a claim is checked
        against holds none of its own article's claims, so a speaker reversing themself within one article (a live
        blog's later paragraph) raised no flag until the nightly job met the pair. Two speakers of one article
        disagreeing is what the article reports, left to the nightly job: judging every such pair of a long article
        at once doubled its post's time. Each earlier claim stands in as an unsaved claim (``ARTICLE_CLAIM_ID``)
        that ``persist`` swaps for the stored one."""
        floor = min(self.settings.relation_min_similarity, self.settings.framed_relation_min_similarity)
        stand_ins = {
            article_claim_id(j): Claim(id=article_claim_id(j), text=b.text, stance=b.stance)
            for j, b in enumerate(bodies)
        }
        earlier = same_speaker_earlier_claims(bodies, vectors, floor, self.settings.reconcile_top_k)
        candidates = [
            [Candidate(article_claim_id(j), similarity=c, score=c, cosine=c) for j, c in found] for found in earlier
        ]
        return Retrieval(candidates, [[] for _ in bodies], stand_ins, {})

    @staticmethod
    def already_posted(session: Session, body: DocumentCreate) -> DocumentOut | None:
        """The document stored from this same post before, as its reply: the same text with the same url, title,
        publisher and date. A plugin that posts on every page load, or a client retrying without an
        Idempotency-Key, would otherwise store a second copy of every claim, and each copy would then match (and
        crowd out) its twin in every check and in the nightly job. An article whose text or details changed is a
        new document."""
        document = DocumentRepository(session).find_posted(
            body.text,
            _text_sha256(body.text),
            url=body.url,
            title=body.title,
            publisher=body.publisher,
            published_at=body.published_at.at if body.published_at else None,
            published_at_is_date=body.published_at.is_date if body.published_at else False,
        )
        if document is None:
            return None
        return document_out(document, ClaimRepository(session).for_document(document.id))

    def persist(self, session: Session, prepared: PreparedDocument) -> DocumentOut:
        body = prepared.body
        # Checked again in the write transaction: the same post may have been stored while this one was extracted.
        # Held first: a post of the same text at once waits for this one's commit, then finds its document.
        DocumentRepository(session).hold_posting(_text_sha256(body.text))
        if (stored_before := self.already_posted(session, body)) is not None:
            return stored_before
        document = DocumentRepository(session).add(
            Document(
                url=body.url,
                title=body.title,
                publisher=body.publisher,
                published_at=body.published_at.at if body.published_at else None,
                published_at_is_date=body.published_at.is_date if body.published_at else False,
                text=body.text,
                text_sha256=_text_sha256(body.text),
                extractor_version=self.extractor_version,
                unread_characters=prepared.unread,
            )
        )
        # A copy, not the prepared bodies: a retried write transaction starts again from what was prepared.
        # One speaker service for the article: the speakers it looks up to place descriptions and surnames are the
        # ones its claims are then written under, found once.
        speakers = SpeakerService(session)
        speakers.hold_names(self._names_made(document, prepared))
        claims = replace(prepared.claims, bodies=self._bodies_in(speakers, document, prepared))
        stored = [claim for claim, _ in ClaimWriter(session, speakers).store(claims)] if claims.bodies else []
        if self.checker is not None:
            for claim, scored in zip(stored, prepared.matches, strict=True):
                on_record = [_stored_match(m, stored) for m in scored]
                self.checker.raise_claim_flags(session, claim, on_record, origin="document")
        return document_out(document, stored)

    @staticmethod
    def _names_made(document: Document, prepared: PreparedDocument) -> Iterator[str]:
        """The speaker names storing the article may make (``_bodies_in``), for ``SpeakerService.hold_names`` to
        hold all at once in one order: each named speaker's, and the article's own names for its descriptions and
        for lone surnames of people ("minister in “Rail plan”", "Berg in “Rail plan”"). Two posts of one story made
        those in the order they met them: in other orders, each held one and waited for the other's, deadlock.
        Not a bare description ("minister"), which no article's speaker is made under; nor the fallback names
        with the document's id, which no other writer makes. A generator: SQLite, which holds no key, reads none."""
        unnamed = set(prepared.unnamed)
        for i, body in enumerate(prepared.claims.bodies):
            if body.speaker is None:
                continue
            if i not in unnamed:
                yield body.speaker
            person = (prepared.claims.attributions[i] or Attribution()).speaker_kind == "person"
            if i in unnamed or (person and surname_form(body.speaker) is not None):
                yield scoped_speaker_names(body.speaker, document)[0]

    @staticmethod
    def _bodies_in(speakers: SpeakerService, document: Document, prepared: PreparedDocument) -> list[ClaimCreate]:
        """The claims as stored in ``document``. A speaker the article only describes is that description's source
        in this document: "the minister" of one article is not the minister of another. A named speaker, and a
        description the article resolved to a name ("the ministry" after "Norway's transport ministry"), resolves
        across articles as before. A lone surname no source holds is the article's own too (``_lone_surname``): its
        name as written when no other article's speaker holds it, else with the article's label; never refused."""
        claims = prepared.claims
        bodies = [b.model_copy(update={"document_id": document.id}) for b in claims.bodies]
        by_role = DocumentService._named_by_role(speakers, bodies, claims.attributions, prepared.unnamed)
        for i in prepared.unnamed:
            body, attribution = bodies[i], claims.attributions[i] or Attribution()
            assert body.speaker is not None
            named = by_role.get(role_form(body.speaker), {})
            if len(named) == 1:
                bodies[i] = body.model_copy(update={"speaker": next(iter(named.values()))})
                continue
            source = speakers.resolve_in_document(
                scoped_speaker_names(body.speaker, document),
                document.id,
                kind=attribution.speaker_kind,
                role=attribution.speaker_role,
            )
            bodies[i] = body.model_copy(update={"speaker": None, "speaker_id": source.id})
        for i, body in enumerate(bodies):
            attribution = claims.attributions[i] or Attribution()
            if body.speaker is None or not DocumentService._lone_surname(speakers, body.speaker, attribution):
                continue
            names = [body.speaker.strip(), *scoped_speaker_names(body.speaker, document)]
            source = speakers.resolve_in_document(names, document.id, kind="person", role=attribution.speaker_role)
            bodies[i] = body.model_copy(update={"speaker": None, "speaker_id": source.id})
        return bodies

    @staticmethod
    def _lone_surname(speakers: SpeakerService, name: str, attribution: Attribution) -> bool:
        """Whether an article's person is only a surname ("Berg said", "Ms Berg said") the article gives no fuller
        name for, and no source on record holds as its own: such a speaker is the article's own, as a description
        is. Resolved by name across articles, the "Berg" of a harbour story and the "Berg" of a defence story were
        one source, and one's claims raised self-contradictions against the other's. A source or alias a client
        made for the surname ("Berg" for Anna Berg) still takes it."""
        if attribution.speaker_kind != "person" or surname_form(name) is None:
            return False
        found = speakers.find(name)
        return found is None or scoped_document(found) is not None

    @staticmethod
    def _named_by_role(
        speakers: SpeakerService, bodies: list[ClaimCreate], attributions: list[Attribution | None], unnamed: list[int]
    ) -> dict[str, dict[str, str]]:
        """The article's named speakers by role (``role_form``), each as {identity: name as written}: the role
        written in this article ("Prime Minister Anna Berg") or the one on record for the source the name resolves
        to. "The prime minister said" in an article that names "Anna Berg, 52," whom the record knows as prime
        minister is her, not a speaker of that article alone; a role two named speakers share names neither."""
        found: dict[str, dict[str, str]] = {}
        skip = set(unnamed)
        for j, body in enumerate(bodies):
            if j in skip or body.speaker is None:
                continue
            source = speakers.find(body.speaker)
            identity = source.id if source is not None else f"name:{speaker_key(body.speaker)}"
            written = (attributions[j] or Attribution()).speaker_role
            for role in {role_form(written), role_form(source.role if source is not None else None)} - {""}:
                found.setdefault(role, {})[identity] = body.speaker
        return found
