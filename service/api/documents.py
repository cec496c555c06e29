"""/v1/documents: store an article and extract its attributed claims."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from service.api.checking import check_service
from service.api.deps import ReadOrWriteKey, ReadSessionDep, RuntimeDep, WriteKey, valid_id
from service.api.idempotency import IdempotencyGuard, answer_read, replay_before_work, write_once
from service.api.openapi import IDEMPOTENT
from service.schemas import DocumentCreate, DocumentOut
from service.services.documents import DocumentService, get_document_out

router = APIRouter(prefix="/v1/documents", tags=["documents"])


@router.post("", status_code=201, response_model=DocumentOut, openapi_extra=IDEMPOTENT)
def create_document(body: DocumentCreate, request: Request, runtime: RuntimeDep, key: WriteKey) -> JSONResponse:
    """Store the article, extract who said what (with cue, span and confidence), index the claims and check each
    against the record and against its speaker's earlier claims in the same article (contradictions raise flags, as
    `/v1/quotes` does: a speaker reversing themself within the article is flagged with the post).

    The same article posted again (the same text, url, title, publisher and published_at) is not stored or
    extracted twice: the reply is the document on record with its claims (compare `created_at` to tell). Two urls
    are the same as RFC 3986 compares them: scheme, host and percent-encoding hex without case, the default port
    and an empty path left out, an internationalised host as its IDNA form ("https://Bücher.example:443" is
    "https://xn--bcher-kva.example/"); a trailing slash or another path or query is another url.

    English only: the extractor (an English spaCy pipeline and English cue words), the encoder and the judge are
    English models. An article in another language is stored but yields few or no claims (a French article none)."""
    guard = IdempotencyGuard.for_request(request, runtime, key, body)
    if (replayed := replay_before_work(runtime.db, guard)) is not None:
        return replayed
    with runtime.db.read() as session:
        stored_before = DocumentService.already_posted(session, body)
    if stored_before is not None:
        # No extraction: the reply is the document (and claims) on record, 201 like a new one (its created_at tells).
        return answer_read(runtime.db, guard, 201, stored_before)
    models = runtime.models
    service = DocumentService(
        runtime.settings,
        models.encoder,
        models.extraction.extract,
        models.extraction.version,
        check_service(runtime) if runtime.settings.check_document_claims else None,
    )
    prepared = service.prepare(body)

    def persist(session: Session) -> tuple[int, DocumentOut]:
        return 201, service.persist(session, prepared)

    return write_once(runtime.db, guard, persist)


@router.get("/{document_id}", response_model=DocumentOut)
def get_document(document_id: str, session: ReadSessionDep, _key: ReadOrWriteKey) -> DocumentOut:
    return get_document_out(session, valid_id(document_id, "document"))
